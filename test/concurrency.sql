-- pgTAP: P3-CARRY under concurrent writers at READ COMMITTED, with two dblink sessions.
-- The carry trigger locks the agency row (FOR NO KEY UPDATE) before reading the
-- neighbouring years, so a second writer of the same agency waits for the first to
-- finish and then checks against what it committed.
--
-- Data must be committed to be seen by the other sessions, so this file runs in
-- autocommit. It only touches agencies with codes 'tconc-%' and explicit agency_ids
-- 9900001.. (so the identity sequence is untouched), and removes them at start and end.
-- Only READ COMMITTED is covered: a second writer at REPEATABLE READ is not serialized
-- by the agency lock (its snapshot predates the first writer's commit), see the report.
SET client_min_messages = warning;

-- leftovers of an aborted run
DELETE FROM govinfo.annual_report WHERE agency_id IN (SELECT agency_id FROM govinfo.agency WHERE code LIKE 'tconc-%');
DELETE FROM govinfo.agency WHERE code LIKE 'tconc-%';

SELECT plan(28);

------------------------------------------------------------------------------
-- Helpers
------------------------------------------------------------------------------
-- an INSERT of a balanced table 三 (column np only): rows 1, 2, 3.1 = 3.7, 4
CREATE FUNCTION pg_temp.ins(agency bigint, yr int, n1 int, n2 int, n4 int) RETURNS text
	LANGUAGE sql AS $$
	SELECT format('INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES (%s, %s, %L)', agency, yr,
		format('2021|1:%s,0,0,0,0,0,%s|2:%s,0,0,0,0,0,%s|3.1:%s,0,0,0,0,0,%s|3.7:%s,0,0,0,0,0,%s|4:%s,0,0,0,0,0,%s',
			n1, n1, n2, n2, n1 + n2 - n4, n1 + n2 - n4, n1 + n2 - n4, n1 + n2 - n4, n4, n4)) $$;

\ir lib/sessions.sql

-- the years stored for an agency
CREATE FUNCTION pg_temp.years(agency bigint) RETURNS int[]
	LANGUAGE sql AS $$ SELECT coalesce(array_agg(year ORDER BY year), '{}') FROM govinfo.annual_report WHERE agency_id = agency $$;

SELECT is(dblink_connect('tconc_a', pg_temp.connstr('tconc')), 'OK', 'session A is open');
SELECT is(dblink_connect('tconc_b', pg_temp.connstr('tconc')), 'OK', 'session B is open');
SELECT dblink_exec('tconc_b', 'SET statement_timeout = ''30s''') \gset
CREATE TEMP TABLE tconc_pid AS SELECT pg_temp.pid_of('tconc_a') AS a, pg_temp.pid_of('tconc_b') AS b;
SELECT is((SELECT l FROM dblink('tconc_b', 'SHOW transaction_isolation') AS t(l text)), 'read committed', 'session B runs at READ COMMITTED');

-- created only once both sessions are open
INSERT INTO govinfo.agency (agency_id, code, name) VALUES
	(9900001, 'tconc-1', 'Concurrency: mismatch, later year first'),
	(9900002, 'tconc-2', 'Concurrency: mismatch, earlier year first'),
	(9900003, 'tconc-3', 'Concurrency: matching pair'),
	(9900004, 'tconc-4', 'Concurrency: first writer rolls back'),
	(9900005, 'tconc-5', 'Concurrency: other agency, holder'),
	(9900006, 'tconc-6', 'Concurrency: other agency, writer');

------------------------------------------------------------------------------
-- 1. A writes 2022 (row 2 = 5) uncommitted; B writes 2021 (row 4 = 3): B waits, then fails
------------------------------------------------------------------------------
SELECT dblink_exec('tconc_a', 'BEGIN') \gset
SELECT is(dblink_exec('tconc_a', pg_temp.ins(9900001, 2022, 1, 5, 0)), 'INSERT 0 1', 'A inserts 2022 with row 2 = 5 (not committed)');
SELECT is(dblink_send_query('tconc_b', pg_temp.ins(9900001, 2021, 3, 0, 3)), 1, 'B sends an INSERT of 2021 with row 4 = 3');
SELECT ok(pg_temp.blocked_by('tconc_b', b, a), 'B waits for A (the agency lock)') FROM tconc_pid;
SELECT is(dblink_exec('tconc_a', 'COMMIT'), 'COMMIT', 'A commits');
SELECT is(pg_temp.outcome('tconc_b'), '23514 annual report violates rule P3-CARRY', 'B then fails with P3-CARRY against A''s committed 2022');
SELECT is(pg_temp.years(9900001), ARRAY[2022], 'only A''s 2022 report is stored');

------------------------------------------------------------------------------
-- 2. The reverse: A writes 2021 (row 4 = 3); B writes 2022 (row 2 = 5): B waits, then fails
------------------------------------------------------------------------------
SELECT dblink_exec('tconc_a', 'BEGIN') \gset
SELECT is(dblink_exec('tconc_a', pg_temp.ins(9900002, 2021, 3, 0, 3)), 'INSERT 0 1', 'A inserts 2021 with row 4 = 3 (not committed)');
SELECT is(dblink_send_query('tconc_b', pg_temp.ins(9900002, 2022, 1, 5, 0)), 1, 'B sends an INSERT of 2022 with row 2 = 5');
SELECT ok(pg_temp.blocked_by('tconc_b', b, a), 'B waits for A') FROM tconc_pid;
SELECT is(dblink_exec('tconc_a', 'COMMIT'), 'COMMIT', 'A commits');
SELECT is(pg_temp.outcome('tconc_b'), '23514 annual report violates rule P3-CARRY', 'B then fails with P3-CARRY against A''s committed 2021');
SELECT is(pg_temp.years(9900002), ARRAY[2021], 'only A''s 2021 report is stored');

------------------------------------------------------------------------------
-- 3. A matching pair: A writes 2022 (row 2 = 3); B writes 2021 (row 4 = 3): B waits, then succeeds
------------------------------------------------------------------------------
SELECT dblink_exec('tconc_a', 'BEGIN') \gset
SELECT is(dblink_exec('tconc_a', pg_temp.ins(9900003, 2022, 1, 3, 0)), 'INSERT 0 1', 'A inserts 2022 with row 2 = 3 (not committed)');
SELECT is(dblink_send_query('tconc_b', pg_temp.ins(9900003, 2021, 3, 0, 3)), 1, 'B sends an INSERT of 2021 with row 4 = 3');
SELECT ok(pg_temp.blocked_by('tconc_b', b, a), 'B waits for A') FROM tconc_pid;
SELECT is(dblink_exec('tconc_a', 'COMMIT'), 'COMMIT', 'A commits');
SELECT is(pg_temp.outcome('tconc_b'), 'INSERT 0 1', 'B then succeeds');
SELECT is(pg_temp.years(9900003), ARRAY[2021, 2022], 'both years are stored');

------------------------------------------------------------------------------
-- 4. A rolls back: B's check then sees no 2022 and succeeds
------------------------------------------------------------------------------
SELECT dblink_exec('tconc_a', 'BEGIN') \gset
SELECT dblink_exec('tconc_a', pg_temp.ins(9900004, 2022, 1, 5, 0)) \gset
SELECT is(dblink_send_query('tconc_b', pg_temp.ins(9900004, 2021, 3, 0, 3)), 1, 'B sends an INSERT of 2021 with row 4 = 3 while A holds 2022 with row 2 = 5');
SELECT ok(pg_temp.blocked_by('tconc_b', b, a), 'B waits for A') FROM tconc_pid;
SELECT is(dblink_exec('tconc_a', 'ROLLBACK'), 'ROLLBACK', 'A rolls back');
SELECT is(pg_temp.outcome('tconc_b'), 'INSERT 0 1', 'B then succeeds: the check reads what is committed after the wait');
SELECT is(pg_temp.years(9900004), ARRAY[2021], 'only B''s 2021 report is stored');

------------------------------------------------------------------------------
-- 5. Writers of different agencies do not wait for each other
------------------------------------------------------------------------------
SELECT dblink_exec('tconc_a', 'BEGIN') \gset
SELECT dblink_exec('tconc_a', pg_temp.ins(9900005, 2022, 1, 5, 0)) \gset
SELECT is(dblink_exec('tconc_b', pg_temp.ins(9900006, 2021, 3, 0, 3)), 'INSERT 0 1',
	'B writes another agency at once while A holds its lock');
SELECT is(dblink_exec('tconc_a', 'COMMIT'), 'COMMIT', 'A commits');

------------------------------------------------------------------------------
-- Clean up: close the sessions, remove everything this file created
------------------------------------------------------------------------------
SELECT dblink_disconnect('tconc_a') \gset
SELECT dblink_disconnect('tconc_b') \gset
DROP TABLE tconc_pid;
DELETE FROM govinfo.annual_report WHERE agency_id IN (SELECT agency_id FROM govinfo.agency WHERE code LIKE 'tconc-%');
DELETE FROM govinfo.agency WHERE code LIKE 'tconc-%';

SELECT * FROM finish();
