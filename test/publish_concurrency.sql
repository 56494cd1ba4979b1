-- pgTAP: publish_report against concurrent writers of records, with two dblink sessions at
-- READ COMMITTED. Writers hold FOR KEY SHARE on the agency row until they end; publish_report
-- takes it FOR UPDATE, so publication waits for writers (and includes what they commit), and a
-- writer waits for a publication in progress (and then fails if it touches the published year).
--
-- Data must be committed to be seen by the other sessions, so this file runs in autocommit. It only
-- touches agencies with codes 'tpub-%' and explicit ids 9910001.. (applications 99100001..), so the
-- identity sequences are untouched, and removes everything at start and end (published reports are
-- reopened first, since a published report cannot be deleted).
SET client_min_messages = warning;

-- remove every record, report and version of the 'tpub-%' agencies, and the agencies
CREATE FUNCTION pg_temp.cleanup() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM govinfo.reopen_report(g.code, r.year, 'publish_concurrency cleanup')
	FROM govinfo.annual_report r JOIN govinfo.agency g USING (agency_id) WHERE g.code LIKE 'tpub-%' AND r.published_at IS NOT NULL;
	DELETE FROM govinfo.application WHERE agency_id IN (SELECT agency_id FROM govinfo.agency WHERE code LIKE 'tpub-%');
	DELETE FROM govinfo.annual_report WHERE agency_id IN (SELECT agency_id FROM govinfo.agency WHERE code LIKE 'tpub-%');
	DELETE FROM govinfo.report_version WHERE agency_id IN (SELECT agency_id FROM govinfo.agency WHERE code LIKE 'tpub-%');
	DELETE FROM govinfo.agency WHERE code LIKE 'tpub-%';
END $$;
SELECT pg_temp.cleanup() \gset
-- (above: leftovers of an aborted run)

SELECT plan(33);

------------------------------------------------------------------------------
-- Helpers
------------------------------------------------------------------------------
\ir lib/sessions.sql
-- SQL text: insert one open application of an agency received on a date
CREATE FUNCTION pg_temp.ins(id bigint, agency bigint, received date, applicant text) RETURNS text
	LANGUAGE sql AS $$
	SELECT format('INSERT INTO govinfo.application (application_id, agency_id, received_on, applicant) VALUES (%s, %s, %L, %L)',
		id, agency, received, applicant) $$;
CREATE FUNCTION pg_temp.publish(code text) RETURNS text
	LANGUAGE sql AS $$ SELECT format('SELECT govinfo.publish_report(%L, 2021)::text', code) $$;
-- a cell of the stored 2021 report, and whether it is published
CREATE FUNCTION pg_temp.stored(agency bigint, row_code text, col text) RETURNS int
	LANGUAGE sql AS $$ SELECT govinfo.cell(requests, row_code, col) FROM govinfo.annual_report WHERE agency_id = agency AND year = 2021 $$;
CREATE FUNCTION pg_temp.published(agency bigint) RETURNS boolean
	LANGUAGE sql AS $$ SELECT published_at IS NOT NULL FROM govinfo.annual_report WHERE agency_id = agency AND year = 2021 $$;
CREATE FUNCTION pg_temp.apps(agency bigint) RETURNS bigint
	LANGUAGE sql AS $$ SELECT count(*) FROM govinfo.application WHERE agency_id = agency $$;

SELECT is(dblink_connect('tpub_a', pg_temp.connstr('tpub')), 'OK', 'session A is open');
SELECT is(dblink_connect('tpub_b', pg_temp.connstr('tpub')), 'OK', 'session B is open');
SELECT dblink_exec('tpub_b', 'SET statement_timeout = ''30s''') \gset
CREATE TEMP TABLE tpub_pid AS SELECT pg_temp.pid_of('tpub_a') AS a, pg_temp.pid_of('tpub_b') AS b;
SELECT is((SELECT l FROM dblink('tpub_b', 'SHOW transaction_isolation') AS t(l text)), 'read committed', 'session B runs at READ COMMITTED');

-- each agency has one application of 2021 (np) and a derived 2021 report
INSERT INTO govinfo.agency (agency_id, code, name) VALUES
	(9910001, 'tpub-1', 'Publish concurrency: writer first, commits'),
	(9910002, 'tpub-2', 'Publish concurrency: publisher first, commits'),
	(9910003, 'tpub-3', 'Publish concurrency: writer first, rolls back'),
	(9910004, 'tpub-4', 'Publish concurrency: publisher first, rolls back'),
	(9910005, 'tpub-5', 'Publish concurrency: other agency, publisher'),
	(9910006, 'tpub-6', 'Publish concurrency: other agency, writer');
INSERT INTO govinfo.application (application_id, agency_id, received_on, applicant)
	SELECT 99100000 + i, 9910000 + i, DATE '2021-02-01', 'np' FROM generate_series(1, 6) i;
DO $$ BEGIN PERFORM govinfo.refresh_report(code, 2021) FROM govinfo.agency WHERE code LIKE 'tpub-%'; END $$;
SELECT is((SELECT count(*) FROM govinfo.annual_report WHERE agency_id BETWEEN 9910001 AND 9910006 AND source = 'derived'), 6::bigint,
	'six derived 2021 reports are stored');

------------------------------------------------------------------------------
-- (a) A inserts an application of 2021 (uncommitted); B publishes: B waits, then includes it
------------------------------------------------------------------------------
SELECT dblink_exec('tpub_a', 'BEGIN') \gset
SELECT is(dblink_exec('tpub_a', pg_temp.ins(99100011, 9910001, '2021-05-01', 'biz')), 'INSERT 0 1', 'A inserts a 2021 application of tpub-1 (not committed)');
SELECT is(dblink_send_query('tpub_b', pg_temp.publish('tpub-1')), 1, 'B sends publish_report(tpub-1, 2021)');
SELECT ok(pg_temp.blocked_by('tpub_b', b, a), 'B waits for A (the agency row)') FROM tpub_pid;
SELECT is(dblink_exec('tpub_a', 'COMMIT'), 'COMMIT', 'A commits');
SELECT matches(pg_temp.outcome('tpub_b'), '^\d{4}-\d\d-\d\d ', 'B then publishes and returns the time');
SELECT ok(pg_temp.published(9910001), 'tpub-1 2021 is published');
SELECT is(pg_temp.stored(9910001, '1', 'biz'), 1, 'the published figures include A''s application (row 1, biz)');
SELECT is(pg_temp.stored(9910001, '1', 'total'), 2, '... and the earlier one (row 1, total 2)');

------------------------------------------------------------------------------
-- (b) A publishes (uncommitted); B inserts an application of 2021: B waits, then fails
------------------------------------------------------------------------------
SELECT dblink_exec('tpub_a', 'BEGIN') \gset
SELECT matches((SELECT r FROM dblink('tpub_a', pg_temp.publish('tpub-2')) AS t(r text)), '^\d{4}-', 'A publishes tpub-2 2021 (not committed)');
SELECT is(dblink_send_query('tpub_b', pg_temp.ins(99100021, 9910002, '2021-06-01', 'res')), 1, 'B sends an INSERT of a 2021 application of tpub-2');
SELECT ok(pg_temp.blocked_by('tpub_b', b, a), 'B waits for A') FROM tpub_pid;
SELECT is(dblink_exec('tpub_a', 'COMMIT'), 'COMMIT', 'A commits');
SELECT is(pg_temp.outcome('tpub_b'), '55000 the annual report of agency "tpub-2" for year 2021 is published',
	'B then fails with 55000 naming the published report');
SELECT is(pg_temp.apps(9910002), 1::bigint, 'B''s application is not stored');
SELECT is(pg_temp.stored(9910002, '1', 'total'), 1, 'the published figures are those A published');

------------------------------------------------------------------------------
-- (c) Rollback variants
------------------------------------------------------------------------------
-- A inserts, B publishes and waits, A rolls back: B publishes without A's application
SELECT dblink_exec('tpub_a', 'BEGIN') \gset
SELECT dblink_exec('tpub_a', pg_temp.ins(99100031, 9910003, '2021-05-01', 'law')) \gset
SELECT is(dblink_send_query('tpub_b', pg_temp.publish('tpub-3')), 1, 'B sends publish_report(tpub-3, 2021) while A holds an insert');
SELECT ok(pg_temp.blocked_by('tpub_b', b, a), 'B waits for A') FROM tpub_pid;
SELECT is(dblink_exec('tpub_a', 'ROLLBACK'), 'ROLLBACK', 'A rolls back');
SELECT matches(pg_temp.outcome('tpub_b'), '^\d{4}-', 'B then publishes');
SELECT is(pg_temp.stored(9910003, '1', 'law') || '/' || pg_temp.stored(9910003, '1', 'total'), '0/1', 'the published figures leave A''s application out');

-- A publishes, B inserts and waits, A rolls back: B's insert succeeds, nothing is published
SELECT dblink_exec('tpub_a', 'BEGIN') \gset
SELECT r FROM dblink('tpub_a', pg_temp.publish('tpub-4')) AS t(r text) \gset
SELECT is(dblink_send_query('tpub_b', pg_temp.ins(99100041, 9910004, '2021-06-01', 'oth')), 1, 'B sends an INSERT of tpub-4 while A holds a publication');
SELECT ok(pg_temp.blocked_by('tpub_b', b, a), 'B waits for A') FROM tpub_pid;
SELECT is(dblink_exec('tpub_a', 'ROLLBACK'), 'ROLLBACK', 'A rolls back');
SELECT is(pg_temp.outcome('tpub_b'), 'INSERT 0 1', 'B then succeeds');
SELECT ok(NOT pg_temp.published(9910004) AND pg_temp.apps(9910004) = 2, 'tpub-4 is not published and has B''s application');

------------------------------------------------------------------------------
-- (d) A publication does not hold up writers of another agency
------------------------------------------------------------------------------
SELECT dblink_exec('tpub_a', 'BEGIN') \gset
SELECT r FROM dblink('tpub_a', pg_temp.publish('tpub-5')) AS t(r text) \gset
SELECT is(dblink_exec('tpub_b', pg_temp.ins(99100061, 9910006, '2021-06-01', 'npo')), 'INSERT 0 1',
	'B writes a 2021 application of tpub-6 at once while A publishes tpub-5');
SELECT is(dblink_exec('tpub_a', 'COMMIT'), 'COMMIT', 'A commits');
SELECT ok(pg_temp.published(9910005) AND pg_temp.apps(9910006) = 2, 'both took effect');

------------------------------------------------------------------------------
-- Clean up: close the sessions, remove everything this file created
------------------------------------------------------------------------------
SELECT dblink_disconnect('tpub_a') \gset
SELECT dblink_disconnect('tpub_b') \gset
DROP TABLE tpub_pid;
SELECT pg_temp.cleanup() \gset
SELECT is((SELECT count(*) FROM govinfo.agency WHERE code LIKE 'tpub-%') + (SELECT count(*) FROM govinfo.report_version WHERE agency_id BETWEEN 9910001 AND 9910099),
	0::bigint, 'everything created here is removed');

SELECT * FROM finish();
