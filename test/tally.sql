-- pgTAP: the application tally (0.13.0) is exact. After every kind of write of govinfo.application
-- (bulk INSERT ... SELECT, single INSERTs with compaction, COPY, INSERTs with track_counts off,
-- UPDATE, DELETE, TRUNCATE ... CASCADE, ON CONFLICT, MERGE, nested statements, savepoints, a
-- subtransaction aborted inside an INSERT)
-- tally_differences() is empty and derived_reports (table 三 from the tally) equals
-- request_figures_agg over the applications themselves, for every year 2019-2026, for the agency
-- alone and in the report of every agency. Then its errors, its privileges, and tally_rebuild().
-- Every comparison is against the applications, never against the tally itself.
BEGIN;
SET search_path = govinfo, public;
SELECT plan(113);

INSERT INTO agency (agency_id, code, name)
SELECT 9990000 + i, 'ttal-b' || lpad(i::text, 2, '0'), 'Tally: bulk ' || i FROM generate_series(1, 12) i;
INSERT INTO agency (agency_id, code, name) VALUES
	(9990021, 'ttal-loop', 'Tally: single inserts'), (9990022, 'ttal-move', 'Tally: moved to'),
	(9990031, 'ttal-nest', 'Tally: nested'), (9990032, 'ttal-nest2', 'Tally: nested, outer rows'),
	(9990033, 'ttal-conf', 'Tally: ON CONFLICT'), (9990034, 'ttal-merge', 'Tally: MERGE'),
	(9990035, 'ttal-abort', 'Tally: aborted inside'),
	(9990041, 'ttal-read', 'Tally: readable'), (9990042, 'ttal-hid', 'Tally: hidden'),
	(9990051, 'ttal-sp', 'Tally: savepoint'), (9990052, 'ttal-lost', 'Tally: rows lost');

-- table 三 of an agency-year computed from its applications, without the tally (the NULL row makes
-- an agency with no application in scope the all-zero figures, as derived_reports gives them)
CREATE FUNCTION pg_temp.expected(a bigint, y int) RETURNS text LANGUAGE sql STABLE AS $$
	SELECT govinfo.request_figures_agg(y, x.received_on, x.closed_on, x.applicant, x.outcome)::text
	FROM (SELECT received_on, closed_on, applicant, outcome FROM govinfo.application WHERE agency_id = a
	      UNION ALL SELECT NULL, NULL, NULL, NULL) x $$;
-- the agency-years 2019-2026 of these agencies where derived_reports differs from it: the agency
-- asked for alone, and its row in the report of every agency (no row there: no application counts)
CREATE FUNCTION pg_temp.mismatches(agencies bigint[]) RETURNS text[] LANGUAGE sql STABLE AS $$
	WITH every AS (
		SELECT g.yr, d.agency_id, d.requests::text AS f
		FROM generate_series(2019, 2026) g(yr), LATERAL govinfo.derived_reports(g.yr) d
		WHERE d.agency_id = ANY (agencies))
	SELECT coalesce(array_agg(u.a || '/' || g.yr || ' ' || w.how ORDER BY u.a, g.yr, w.how), '{}')
	FROM unnest(agencies) u(a), generate_series(2019, 2026) g(yr),
		LATERAL (SELECT pg_temp.expected(u.a, g.yr) AS e) x,
		LATERAL (VALUES
			('alone', (SELECT d.requests::text FROM govinfo.derived_reports(g.yr, u.a) d)),
			('every', coalesce((SELECT v.f FROM every v WHERE v.yr = g.yr AND v.agency_id = u.a),
			                   (SELECT govinfo.request_figures_agg(z.yr, NULL, NULL, NULL, NULL)::text FROM (VALUES (g.yr)) z(yr))))) w(how, got)
	WHERE w.got IS DISTINCT FROM x.e $$;
-- the two assertions after each write
CREATE FUNCTION pg_temp.exact(what text, agencies bigint[]) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
	RETURN NEXT is((SELECT count(*) FROM govinfo.tally_differences()), 0::bigint, what || ': tally_differences() is empty');
	RETURN NEXT is(pg_temp.mismatches(agencies), '{}'::text[],
		what || ': derived_reports = request_figures_agg over the applications, 2019-2026');
END $$;
CREATE FUNCTION pg_temp.tally_rows(a bigint) RETURNS bigint LANGUAGE sql AS $$
	SELECT count(*) FROM govinfo.application_tally WHERE agency_id = a $$;
CREATE FUNCTION pg_temp.apps(a bigint) RETURNS bigint LANGUAGE sql AS $$
	SELECT count(*) FROM govinfo.application WHERE agency_id = a $$;
-- the 21 outcomes and 6 applicants
CREATE FUNCTION pg_temp.outcome(r float8) RETURNS govinfo.outcome LANGUAGE sql AS $$
	SELECT ((ARRAY['3.1','3.2','3.3.1','3.3.2','3.3.3','3.3.4','3.3.5','3.3.6','3.3.7','3.3.8','3.4.1','3.4.2',
		'3.4.3','3.5.1','3.5.2','3.5.3','3.5.4','3.5.5','3.6.1','3.6.2','3.6.3'])[1 + floor(r * 21)::int])::govinfo.outcome $$;
CREATE FUNCTION pg_temp.applicant(r float8) RETURNS govinfo.applicant LANGUAGE sql AS $$
	SELECT ((ARRAY['np','biz','res','npo','law','oth'])[1 + floor(r * 6)::int])::govinfo.applicant $$;
\set bulk '{9990001,9990002,9990003,9990004,9990005,9990006,9990007,9990008,9990009,9990010,9990011,9990012}'

------------------------------------------------------------------------------
-- 1. Bulk INSERT ... SELECT: 6,000 rows over 12 agencies, received 2018-2026, open and closed,
--    every applicant and outcome, 31 December and 1 January; then 3,000 more into half of them
------------------------------------------------------------------------------
SELECT setseed(0.2026);
INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on, subject)
SELECT 9990001 + i % 12, rec, pg_temp.applicant(r2),
	CASE WHEN r3 >= 0.15 THEN pg_temp.outcome(r4) END,
	CASE WHEN r3 >= 0.15 THEN rec + floor(r5 * r5 * 900)::int END, 'bulk ' || i
FROM (SELECT i, random() r1, random() r2, random() r3, random() r4, random() r5 FROM generate_series(1, 6000) i) s,
	LATERAL (SELECT CASE WHEN r1 < 0.1 THEN make_date(2018 + floor(r1 * 90)::int, 12, 31)
	                     WHEN r1 < 0.2 THEN make_date(2019 + floor((r1 - 0.1) * 80)::int, 1, 1)
	                     ELSE DATE '2018-06-01' + floor((r1 - 0.2) / 0.8 * 3135)::int END AS rec) d;
SELECT is((SELECT count(*) FROM application WHERE agency_id = ANY (:'bulk')), 6000::bigint, 'bulk: 6,000 applications inserted');
SELECT is((SELECT count(DISTINCT applicant) || ' applicants, ' || count(DISTINCT outcome) || ' outcomes, received in '
		|| count(DISTINCT extract(year FROM received_on)) || ' years, open: ' || bool_or(closed_on IS NULL) || ', closed: ' || bool_or(closed_on IS NOT NULL)
	FROM application WHERE agency_id = ANY (:'bulk')),
	'6 applicants, 21 outcomes, received in 9 years, open: true, closed: true', 'bulk: the rows cover every applicant and outcome, 2018-2026, open and closed');
SELECT is((SELECT count(*) FROM application_tally WHERE agency_id = ANY (:'bulk')), 12::bigint,
	'bulk: one statement writes one tally row per agency');
SELECT pg_temp.exact('bulk INSERT ... SELECT', :'bulk');

INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on)
SELECT 9990001 + i % 6, rec, pg_temp.applicant(random()),
	CASE WHEN c THEN pg_temp.outcome(random()) END, CASE WHEN c THEN rec + floor(random() * 400)::int END
FROM (SELECT i, DATE '2019-01-01' + floor(random() * 2920)::int AS rec, random() < 0.8 AS c FROM generate_series(1, 3000) i) s;
SELECT pg_temp.exact('a second bulk INSERT into half the agencies', :'bulk');

------------------------------------------------------------------------------
-- 2. Single-row INSERTs in a loop: 40 statements into one agency, compacted on the way
------------------------------------------------------------------------------
CREATE TEMP TABLE loop_rows (i int, n bigint);
DO $$
BEGIN
	FOR i IN 1 .. 40 LOOP
		INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on)
		VALUES (9990021, DATE '2019-01-01' + i * 71, pg_temp.applicant((i % 6) / 6.0),
			CASE WHEN i % 3 <> 0 THEN pg_temp.outcome((i % 21) / 21.0) END,
			CASE WHEN i % 3 <> 0 THEN DATE '2019-01-01' + i * 71 + i * 7 END);
		INSERT INTO loop_rows SELECT i, count(*) FROM govinfo.application_tally WHERE agency_id = 9990021;
	END LOOP;
END $$;
SELECT is(pg_temp.apps(9990021), 40::bigint, 'single INSERTs: 40 applications');
SELECT cmp_ok((SELECT max(n) FROM loop_rows), '<=', 9::bigint, 'single INSERTs: the agency never has more than 9 tally rows');
SELECT ok(EXISTS (SELECT FROM loop_rows a JOIN loop_rows b ON b.i = a.i + 1 WHERE b.n < a.n),
	'single INSERTs: its rows were compacted (fewer after an INSERT than before it)');
SELECT pg_temp.exact('40 single INSERTs', '{9990021}');

------------------------------------------------------------------------------
-- 2b. COPY FROM STDIN (the rows follow in this file), and the statistics off
------------------------------------------------------------------------------
COPY application (agency_id, received_on, applicant, outcome, closed_on) FROM STDIN;
9990012	2019-04-24	biz	3.2	2019-05-05
9990011	2019-08-15	res	3.3.1	2019-09-06
9990012	2019-12-06	npo	3.4.2	2020-01-08
9990011	2020-03-28	law	\N	\N
9990012	2020-07-19	oth	3.6.1	2020-09-12
9990011	2020-11-09	np	3.6.3	2021-01-14
9990012	2021-03-02	biz	3.1	2021-05-18
9990011	2021-06-23	res	\N	\N
9990012	2021-10-14	npo	3.3.1	2022-01-21
9990011	2022-02-04	law	3.4.2	2022-05-25
9990012	2022-05-28	oth	3.5.5	2022-09-26
9990011	2022-09-18	np	\N	\N
9990012	2023-01-09	biz	3.6.3	2023-06-01
9990011	2023-05-02	res	3.1	2023-10-03
9990012	2023-08-23	npo	3.2	2024-02-04
9990011	2023-12-14	law	\N	\N
9990012	2024-04-05	oth	3.4.2	2024-10-09
9990011	2024-07-27	np	3.5.5	2025-02-10
9990012	2024-11-17	biz	3.6.1	2025-06-14
9990011	2025-03-10	res	\N	\N
9990012	2025-07-01	npo	3.1	2026-02-17
9990011	2025-10-22	law	3.2	2026-06-21
9990012	2026-02-12	oth	3.3.1	2026-10-23
9990011	2026-06-05	np	\N	\N
\.
SELECT is(pg_temp.apps(9990011) + pg_temp.apps(9990012), 1024::bigint, 'COPY: 24 rows more in ttal-b11 and ttal-b12');
SELECT pg_temp.exact('COPY FROM STDIN', '{9990011,9990012}');
-- without the table's statistics the rows inserted are not known: every INSERT counts its agencies again
SET LOCAL track_counts = off;
INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on)
SELECT 9990010 + i % 3, DATE '2020-01-01' + i * 5, pg_temp.applicant(random()), '3.3.3', DATE '2020-03-01' + i * 5 FROM generate_series(1, 300) i;
DO $$ BEGIN
	FOR i IN 1 .. 10 LOOP
		INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9990021, DATE '2023-06-01' + i, 'law');
	END LOOP;
END $$;
SET LOCAL track_counts = on;
SELECT pg_temp.exact('INSERTs with track_counts off', :'bulk' || '{9990021}'::bigint[]);

------------------------------------------------------------------------------
-- 3. UPDATE
------------------------------------------------------------------------------
UPDATE application SET closed_on = received_on + 20, outcome = '3.1'
WHERE agency_id = ANY (:'bulk') AND closed_on IS NULL AND abs(hashint8(application_id)) % 3 = 0;
SELECT pg_temp.exact('UPDATE closing open applications', :'bulk');
UPDATE application SET outcome = '3.6.2' WHERE agency_id = ANY (:'bulk') AND outcome = '3.1' AND abs(hashint8(application_id)) % 2 = 0;
UPDATE application SET outcome = '3.3.7', applicant = 'law' WHERE agency_id = 9990021 AND outcome IS NOT NULL;
SELECT pg_temp.exact('UPDATE changing outcome and applicant', :'bulk' || '{9990021}'::bigint[]);
UPDATE application SET agency_id = 9990022 WHERE agency_id = 9990003 AND abs(hashint8(application_id)) % 2 = 0;
SELECT ok(pg_temp.apps(9990022) > 200, 'UPDATE moved applications to ttal-move');
SELECT pg_temp.exact('UPDATE moving applications to another agency', :'bulk' || '{9990022}'::bigint[]);
UPDATE application SET received_on = received_on - 366 WHERE agency_id IN (9990004, 9990022) AND received_on >= '2020-01-01' AND abs(hashint8(application_id)) % 4 = 1;
UPDATE application SET received_on = received_on + 400 WHERE agency_id = 9990005 AND closed_on IS NULL AND received_on < '2026-01-01';
SELECT pg_temp.exact('UPDATE changing the year received', :'bulk' || '{9990022}'::bigint[]);
SELECT count(*) AS tally_before FROM application_tally \gset
UPDATE application SET subject = 'renamed', channel = 'letter' WHERE agency_id = ANY (:'bulk');
SELECT is((SELECT count(*) FROM application_tally), :tally_before::bigint, 'UPDATE of columns that do not count writes no tally row');
UPDATE application SET applicant = applicant, outcome = outcome, closed_on = closed_on WHERE agency_id = 9990006;
SELECT is((SELECT count(*) FROM application_tally), :tally_before::bigint, 'UPDATE setting counted columns to their values writes no tally row');
SELECT pg_temp.exact('UPDATE of columns that do not count', :'bulk');

------------------------------------------------------------------------------
-- 4. DELETE
------------------------------------------------------------------------------
DELETE FROM application WHERE agency_id = 9990004 AND abs(hashint8(application_id)) % 5 = 0;
DELETE FROM application WHERE agency_id = 9990005;
SELECT is(pg_temp.apps(9990005), 0::bigint, 'DELETE: every application of ttal-b05 deleted');
SELECT is((SELECT tally_sum(counts) FROM application_tally WHERE agency_id = 9990005), '{}'::integer[],
	'DELETE: the tally of ttal-b05 adds up to nothing');
SELECT pg_temp.exact('DELETE', :'bulk');

------------------------------------------------------------------------------
-- 5. ON CONFLICT and MERGE
------------------------------------------------------------------------------
INSERT INTO application (application_id, agency_id, received_on, applicant, outcome, closed_on)
SELECT 999000000 + i, 9990033, DATE '2020-01-01' + i * 50, pg_temp.applicant(i / 31.0), '3.2', DATE '2020-01-01' + i * 60
FROM generate_series(1, 30) i;
INSERT INTO application (application_id, agency_id, received_on, applicant)
SELECT 999000000 + i, 9990033, '2023-05-01', 'oth' FROM generate_series(21, 40) i
ON CONFLICT DO NOTHING;
SELECT is(pg_temp.apps(9990033), 40::bigint, 'ON CONFLICT DO NOTHING: 10 of 20 rows skipped, 10 inserted');
SELECT pg_temp.exact('INSERT ... ON CONFLICT DO NOTHING', '{9990033}');
INSERT INTO application (application_id, agency_id, received_on, applicant, outcome, closed_on)
SELECT 999000000 + i, 9990033, '2024-02-01', 'biz', '3.4.1', '2024-03-01' FROM generate_series(35, 45) i
ON CONFLICT (application_id) DO UPDATE SET agency_id = 9990022, applicant = 'res';
SELECT is(pg_temp.apps(9990033) || ' ' || (SELECT count(*) FROM application WHERE application_id BETWEEN 999000035 AND 999000045 AND agency_id = 9990022),
	'39 6', 'ON CONFLICT DO UPDATE: 6 rows moved to ttal-move, 5 inserted');
SELECT pg_temp.exact('INSERT ... ON CONFLICT DO UPDATE moving rows', '{9990033,9990022}');

INSERT INTO application (application_id, agency_id, received_on, applicant)
SELECT 999000100 + i, 9990034, DATE '2021-01-01' + i * 30, pg_temp.applicant(i / 21.0) FROM generate_series(1, 20) i;
MERGE INTO application a
USING (SELECT 999000100 + i AS id, DATE '2021-01-01' + i * 30 AS rec FROM generate_series(11, 30) i) s ON a.application_id = s.id
WHEN MATCHED AND s.id % 5 = 0 THEN DELETE
WHEN MATCHED THEN UPDATE SET closed_on = s.rec + 100, outcome = '3.5.3'
WHEN NOT MATCHED THEN INSERT (application_id, agency_id, received_on, applicant) VALUES (s.id, 9990034, s.rec, 'npo');
SELECT is(pg_temp.apps(9990034) || ' ' || (SELECT count(*) FROM application WHERE agency_id = 9990034 AND outcome = '3.5.3'),
	'28 8', 'MERGE: 2 deleted, 8 closed, 10 inserted');
SELECT pg_temp.exact('MERGE with DELETE, UPDATE and INSERT', '{9990034}');
MERGE INTO application a
USING (SELECT 999000100 + i AS id FROM generate_series(1, 5) i) s ON a.application_id = s.id
WHEN MATCHED THEN UPDATE SET agency_id = 9990022;
SELECT pg_temp.exact('MERGE moving rows to another agency', '{9990034,9990022}');

------------------------------------------------------------------------------
-- 6. Nested statements
------------------------------------------------------------------------------
-- (a) an AFTER INSERT row trigger on a helper table inserts an application; the outer INSERT's
--     SELECT calls a function that inserts into the helper table: one nested INSERT per outer row
CREATE TEMP TABLE tally_helper (agency_id bigint, received_on date, applicant text);
CREATE FUNCTION pg_temp.helper_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on)
	VALUES (NEW.agency_id, NEW.received_on, NEW.applicant::govinfo.applicant, '3.3.2', NEW.received_on + 3);
	RETURN NULL;
END $$;
CREATE TRIGGER helper_inserts AFTER INSERT ON tally_helper FOR EACH ROW EXECUTE FUNCTION pg_temp.helper_inserts();
CREATE FUNCTION pg_temp.via_helper(a bigint, d date, who text) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO pg_temp.tally_helper VALUES (a, d, who);
	RETURN a;
END $$;
INSERT INTO application (agency_id, received_on, applicant)
SELECT pg_temp.via_helper(9990031, DATE '2022-01-01' + i * 20, 'biz') + (i % 2), DATE '2023-01-01' + i * 20, 'np'
FROM generate_series(1, 16) i;
SELECT is(pg_temp.apps(9990031) || ' ' || pg_temp.apps(9990032), '24 8',
	'nested: 16 rows by the helper trigger into ttal-nest, 16 outer rows into both agencies');
SELECT pg_temp.exact('an INSERT with a nested INSERT per row (trigger on a helper table)', '{9990031,9990032}');
-- (b) a function in the SELECT list updates (closes) another application of the agency
CREATE FUNCTION pg_temp.close_one(a bigint) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
	UPDATE govinfo.application SET closed_on = received_on + 1, outcome = '3.3.1'
	WHERE application_id = (SELECT min(application_id) FROM govinfo.application WHERE agency_id = a AND closed_on IS NULL);
	RETURN a;
END $$;
INSERT INTO application (agency_id, received_on, applicant)
SELECT pg_temp.close_one(9990031), DATE '2025-02-01' + i, 'npo' FROM generate_series(1, 5) i;
SELECT is((SELECT count(*) FROM application WHERE agency_id = 9990031 AND outcome = '3.3.1'), 5::bigint,
	'nested: the function closed 5 applications');
SELECT pg_temp.exact('an INSERT whose SELECT updates other applications', '{9990031}');
-- (c) a function in the SELECT list deletes an application of the agency
CREATE FUNCTION pg_temp.delete_one(a bigint) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM govinfo.application WHERE application_id = (SELECT max(application_id) FROM govinfo.application WHERE agency_id = a);
	RETURN a;
END $$;
INSERT INTO application (agency_id, received_on, applicant) SELECT (SELECT pg_temp.delete_one(9990032)), '2026-03-01', 'res';
SELECT pg_temp.exact('an INSERT whose SELECT deletes an application', '{9990032}');
-- (d) two INSERTs in one statement (a writable CTE)
WITH c AS (INSERT INTO application (agency_id, received_on, applicant) SELECT 9990032, DATE '2021-06-01' + i, 'law'
	FROM generate_series(1, 7) i RETURNING agency_id, received_on)
INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on)
SELECT 9990031, received_on + 1, 'oth', '3.4.2', received_on + 10 FROM c;
SELECT pg_temp.exact('two INSERTs in one statement (a writable CTE)', '{9990031,9990032}');

-- (e) a BEFORE ROW trigger on application moves some rows to another agency and skips others
CREATE FUNCTION pg_temp.redirect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.subject = 'skip' THEN
		RETURN NULL;
	END IF;
	IF NEW.subject = 'move' THEN
		NEW.agency_id := 9990032;
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER tally_test_redirect BEFORE INSERT ON application FOR EACH ROW EXECUTE FUNCTION pg_temp.redirect();
SELECT pg_temp.apps(9990031) + pg_temp.apps(9990032) AS nest_before \gset
INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on, subject)
SELECT 9990031, DATE '2020-05-01' + i * 13, 'res', '3.5.1', DATE '2020-06-01' + i * 13, (ARRAY['keep','move','skip'])[1 + i % 3]
FROM generate_series(1, 30) i;
DROP TRIGGER tally_test_redirect ON application;
SELECT is(pg_temp.apps(9990031) + pg_temp.apps(9990032) - :nest_before, 20::bigint, 'a BEFORE ROW trigger skipped 10 of 30 rows');
SELECT pg_temp.exact('an INSERT whose rows a BEFORE ROW trigger moves or skips', '{9990031,9990032}');
-- (f) rows deleted and put back into another agency in one statement
WITH d AS (DELETE FROM application WHERE agency_id = 9990032 AND received_on < '2022-01-01' RETURNING *)
INSERT INTO application (application_id, agency_id, received_on, applicant, outcome, closed_on)
SELECT application_id, 9990031, received_on, applicant, outcome, closed_on FROM d;
SELECT pg_temp.exact('rows deleted and inserted again into another agency in one statement', '{9990031,9990032}');
-- (g) a direct call of the CHECK's function inside an INSERT counts a row that is not inserted
INSERT INTO application (agency_id, received_on, applicant)
SELECT 9990032, '2023-03-03', 'np'
WHERE govinfo.application_row_valid(9990031, '2023-03-03', NULL, NULL, false, NULL, NULL, 'np', NULL);
SELECT pg_temp.exact('an INSERT whose SELECT calls application_row_valid() itself', '{9990031,9990032}');
-- (h) the same with a NULL applicant: a row counted without its key makes the statement recount, the
-- rows inserted are still tallied
INSERT INTO application (agency_id, received_on, applicant)
SELECT 9990032, '2023-04-04', 'np'
WHERE govinfo.application_row_valid(9990031, '2023-04-04', NULL, NULL, false, NULL, NULL, NULL, NULL);
SELECT pg_temp.exact('an INSERT whose SELECT calls application_row_valid() with a NULL applicant', '{9990031,9990032}');

------------------------------------------------------------------------------
-- 7. A subtransaction aborted inside an INSERT: the rows it inserted stay in the statistics
------------------------------------------------------------------------------
-- inserts two rows in a subtransaction; the second breaks a rule, the first is rolled back with it
CREATE FUNCTION pg_temp.failed_insert(a bigint) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
	BEGIN
		INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome) VALUES
			(a, '2022-03-01', 'np', NULL), (a, '2023-01-01', 'np', '3.1');
	EXCEPTION WHEN check_violation THEN NULL;
	END;
	RETURN a;
END $$;
INSERT INTO application (application_id, agency_id, received_on, applicant)
VALUES (999000201, 9990035, '2022-01-10', 'np');
-- one row skipped by ON CONFLICT, one row inserted and rolled back by the aborted subtransaction
INSERT INTO application (application_id, agency_id, received_on, applicant)
SELECT id, (SELECT pg_temp.failed_insert(9990035)), '2024-01-01', 'biz' FROM (VALUES (999000201), (999000202)) v(id)
ON CONFLICT DO NOTHING;
SELECT is(pg_temp.apps(9990035), 2::bigint, 'aborted inside: one row skipped, one inserted');
SELECT pg_temp.exact('INSERT ... ON CONFLICT DO NOTHING with a subtransaction aborted inside', '{9990035}');
-- a nested UPDATE counted by the CHECK and a subtransaction aborted inside
INSERT INTO application (agency_id, received_on, applicant)
SELECT (SELECT pg_temp.failed_insert(pg_temp.close_one(9990035))), '2025-01-01', 'law';
SELECT pg_temp.exact('an INSERT with a nested UPDATE and a subtransaction aborted inside', '{9990035}');

------------------------------------------------------------------------------
-- 8. Savepoints rolled back; TRUNCATE ... CASCADE
------------------------------------------------------------------------------
SELECT string_agg(agency_id || ':' || c::text, ' ' ORDER BY agency_id) AS tally_sums, sum(r) AS tally_count FROM (
	SELECT agency_id, tally_sum(counts) AS c, count(*) AS r FROM application_tally GROUP BY agency_id) t \gset
SAVEPOINT before_writes;
INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on)
SELECT 9990051 + i % 2, DATE '2020-01-01' + i * 9, 'np', '3.1', DATE '2020-02-01' + i * 9 FROM generate_series(1, 200) i;
DO $$ BEGIN
	FOR i IN 1 .. 12 LOOP
		INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9990001, DATE '2024-01-01' + i, 'oth');
	END LOOP;
END $$;
UPDATE application SET agency_id = 9990051 WHERE agency_id = 9990002 AND abs(hashint8(application_id)) % 3 = 0;
DELETE FROM application WHERE agency_id = 9990006;
SELECT ok(pg_temp.apps(9990051) > 100, 'savepoint: rows written inside it');
ROLLBACK TO SAVEPOINT before_writes;
SELECT is((SELECT string_agg(agency_id || ':' || c::text, ' ' ORDER BY agency_id) FROM (
	SELECT agency_id, tally_sum(counts) AS c FROM application_tally GROUP BY agency_id) t), :'tally_sums',
	'savepoint rolled back: the tally adds up as before');
SELECT is((SELECT count(*) FROM application_tally), :tally_count::bigint, 'savepoint rolled back: the tally rows written inside it are gone');
SELECT pg_temp.exact('savepoint rolled back', :'bulk' || '{9990021,9990022,9990051,9990052}'::bigint[]);

SAVEPOINT before_truncate;
INSERT INTO application_consultation (application_id, started_on, ended_on)
SELECT min(application_id), '2022-01-02', '2022-01-03' FROM application WHERE agency_id = 9990001 AND received_on < '2022-01-01';
SET LOCAL client_min_messages = warning;
TRUNCATE application CASCADE;
SET LOCAL client_min_messages = notice;
SELECT is((SELECT count(*) FROM application_tally), 0::bigint, 'TRUNCATE application CASCADE empties the tally');
SELECT pg_temp.exact('TRUNCATE ... CASCADE', :'bulk');
INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on)
SELECT 9990001 + i % 3, DATE '2019-01-01' + i, pg_temp.applicant(random()), '3.2', DATE '2019-01-01' + i * 2 FROM generate_series(1, 900) i;
SELECT pg_temp.exact('an INSERT after TRUNCATE in the same transaction', :'bulk');
ROLLBACK TO SAVEPOINT before_truncate;
SELECT cmp_ok((SELECT count(*) FROM application_tally), '>', 0::bigint, 'TRUNCATE rolled back: the tally is back');
SELECT pg_temp.exact('TRUNCATE rolled back', :'bulk');

------------------------------------------------------------------------------
-- 9. Errors
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT govinfo.tally_key('2022-01-01', '2022-02-01', 'np', NULL)$$, '22004',
	'an application closed on 2022-02-01 has no outcome', 'tally_key: closed without an outcome is 22004');
SELECT is(tally_key('2022-01-01', NULL, 'np', '3.1'), tally_key('2022-01-01', NULL, 'np', NULL),
	'tally_key: an open application''s outcome is not in its key (request_figures_agg ignores it too)');
SELECT throws_ok($$SELECT govinfo.tally_key('1989-12-31', NULL, 'np', NULL)$$, '22008', NULL, 'tally_key: received before 1990 is 22008');
SELECT throws_ok($$SELECT govinfo.tally_key('2022-01-01', '2021-12-31', 'np', '3.1')$$, '22008', NULL,
	'tally_key: closed before received is 22008');
SELECT is(tally_key(NULL, NULL, 'np', NULL), NULL, 'tally_key: NULL without a date received');
SELECT is((SELECT tally_pack(k, n) FROM (VALUES (tally_key('2023-01-01', NULL, 'np', NULL), 1), (tally_key('2021-01-01', NULL, 'biz', NULL), 2),
		(tally_key('2023-01-01', NULL, 'np', NULL), -1), (tally_key('2021-01-01', '2022-01-01', 'biz', '3.2'), 3)) v(k, n)),
	ARRAY[tally_key('2021-01-01', NULL, 'biz', NULL), 2, tally_key('2021-01-01', '2022-01-01', 'biz', '3.2'), 3],
	'tally_pack: sorted by key, counts added, zeros dropped');
SELECT is((SELECT array_agg(row(n, received_year, closed_year, applicant, outcome)::text)
		FROM tally_entries(ARRAY[tally_key('2021-01-01', '2022-01-01', 'biz', '3.2'), 3])),
	'{"(3,2021,2022,biz,3.2)"}', 'tally_entries: a key split into its parts');
SELECT throws_ok($$SELECT govinfo.tally_pack(k, 1) FROM (VALUES (-1)) v(k)$$, '22023', '-1 is not a tally key', 'tally_pack: a bad key is 22023');
SELECT throws_ok($$SELECT govinfo.tally_pack(govinfo.tally_key('2022-01-01', NULL, 'np', NULL) + 1, 1)$$, '22023', NULL,
	'tally_pack: an open key with an outcome is 22023');
SELECT throws_ok($$SELECT govinfo.request_figures_tally(2022, '{1,2,3}')$$, '22023', NULL,
	'request_figures_tally: an odd number of elements is 22023');
SELECT throws_ok($$SELECT govinfo.request_figures_tally(2022, '{{1,2},{3,4}}')$$, '22023', NULL,
	'request_figures_tally: two dimensions is 22023');
SELECT throws_ok($$SELECT govinfo.request_figures_tally(2022, ARRAY[govinfo.tally_key('2022-01-01', NULL, 'np', NULL), NULL])$$, '22023', NULL,
	'request_figures_tally: a NULL element is 22023');
SELECT throws_ok($$SELECT govinfo.request_figures_tally(2022, '{5,1}')$$, '22023', '5 is not a tally key',
	'request_figures_tally: a value no key has is 22023');
SELECT throws_ok($$SELECT govinfo.request_figures_tally(2022, t) FROM (VALUES
		(ARRAY[govinfo.tally_key('2022-01-01', NULL, 'np', NULL), 2]), (ARRAY[govinfo.tally_key('2022-01-01', NULL, 'np', NULL), -3])) v(t)$$,
	'XX001', NULL, 'request_figures_tally: tallies adding up below zero are XX001');
SELECT throws_like($$SELECT govinfo.request_figures_tally(2022, ARRAY[govinfo.tally_key('2021-06-01', NULL, 'law', NULL), -1])$$,
	'the application tally counts -1 in a cell of table % for 2022', '... naming the count and the year');
SELECT is(request_figures_tally(2022, ARRAY[tally_key('2022-06-01', NULL, 'np', NULL), 1, tally_key('2022-06-01', NULL, 'np', NULL), -1]), NULL,
	'request_figures_tally: NULL when the counts of the year add up to nothing');

------------------------------------------------------------------------------
-- 10. Privileges
------------------------------------------------------------------------------
INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on)
SELECT 9990041 + i % 2, DATE '2022-01-01' + i * 3, pg_temp.applicant(random()), pg_temp.outcome(random()), DATE '2022-02-01' + i * 3
FROM generate_series(1, 60) i;
SELECT pg_temp.expected(9990041, 2022) AS read_2022 \gset
CREATE ROLE govinfo_ttal_none;
CREATE ROLE govinfo_ttal_reader;
CREATE ROLE govinfo_ttal_editor;
-- the role without rights may use the schema: what refuses it is the table and the functions
GRANT USAGE ON SCHEMA govinfo TO govinfo_ttal_none;
SELECT grant_access('govinfo_ttal_reader', 'ttal-read', 'read');
SELECT grant_access('govinfo_ttal_editor', 'ttal-read', 'edit');
CREATE FUNCTION pg_temp.refused(r text, stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	res text;
BEGIN
	BEGIN
		EXECUTE format('SET LOCAL ROLE %I', r);
		EXECUTE stmt;
		res := 'done';
		RAISE EXCEPTION USING ERRCODE = 'GI999';
	EXCEPTION WHEN SQLSTATE 'GI999' THEN NULL;
	WHEN OTHERS THEN res := SQLSTATE;
	END;
	RETURN res;
END $$;
SELECT is(array_agg(r || ' ' || s || ' ' || pg_temp.refused(r, s) ORDER BY r, s),
	array_agg(r || ' ' || s || ' 42501' ORDER BY r, s), 'no role but the owner writes application_tally or runs its writers')
FROM unnest('{govinfo_ttal_none,govinfo_ttal_reader,govinfo_ttal_editor}'::text[]) r,
	unnest(ARRAY[$$INSERT INTO govinfo.application_tally VALUES (9990041, '{}')$$,
		$$UPDATE govinfo.application_tally SET counts = '{}'$$,
		$$DELETE FROM govinfo.application_tally$$,
		$$TRUNCATE govinfo.application_tally$$,
		$$SELECT govinfo.tally_write('{9990041}', ARRAY[govinfo.tally_key('2022-01-01', NULL, 'np', NULL)], '{1}', false)$$,
		$$SELECT govinfo.tally_recount('{9990041}')$$,
		$$SELECT govinfo.tally_compact('{9990041}')$$,
		$$SELECT govinfo.tally_rebuild()$$]) s;
SELECT is(pg_temp.refused('govinfo_ttal_none', 'SELECT count(*) FROM govinfo.application_tally'), '42501',
	'a role without a grant cannot read application_tally (SELECT comes with level read, as on application)');
SET LOCAL ROLE govinfo_ttal_reader;
SELECT is((SELECT array_agg(DISTINCT agency_id) FROM govinfo.application_tally WHERE agency_id BETWEEN 9990000 AND 9999999),
	'{9990041}'::bigint[], 'a reader of ttal-read sees only its tally rows');
SELECT is((SELECT array_agg(agency_id) FROM govinfo.derived_reports(2022) WHERE agency_id BETWEEN 9990000 AND 9999999),
	'{9990041}'::bigint[], '... and only its report in derived_reports');
SELECT is((SELECT requests::text FROM govinfo.derived_reports(2022, 9990041)), :'read_2022', '... which is its table 三');
SELECT is((SELECT requests::text FROM govinfo.derived_reports(2022, 9990042)), govinfo.request_figures_agg(2022, NULL, NULL, NULL, NULL)::text,
	'... and the figures of ttal-hid are zeros for it');
RESET ROLE;
SET LOCAL ROLE govinfo_ttal_editor;
INSERT INTO govinfo.application (agency_id, received_on, applicant) SELECT 9990041, DATE '2023-01-01' + i, 'np' FROM generate_series(1, 12) i;
DO $$ BEGIN
	FOR i IN 1 .. 10 LOOP
		INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9990041, DATE '2024-01-01' + i, 'biz');
	END LOOP;
END $$;
UPDATE govinfo.application SET closed_on = received_on + 5, outcome = '3.2' WHERE agency_id = 9990041 AND closed_on IS NULL AND received_on < '2024-01-05';
DELETE FROM govinfo.application WHERE agency_id = 9990041 AND received_on > '2024-01-08';
RESET ROLE;
SELECT pg_temp.exact('an editor''s INSERT, UPDATE and DELETE (the triggers write the tally as its owner)', '{9990041,9990042}');

------------------------------------------------------------------------------
-- 11. Rows lost outside the triggers; tally_rebuild()
------------------------------------------------------------------------------
INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on)
SELECT 9990052, DATE '2021-01-01' + i * 11, 'np', CASE WHEN i % 2 = 0 THEN '3.1' END::outcome, CASE WHEN i % 2 = 0 THEN DATE '2021-03-01' + i * 11 END
FROM generate_series(1, 20) i;
DELETE FROM application WHERE agency_id = 9990052 AND application_id % 4 = 0;
SELECT pg_temp.apps(9990052) AS lost_apps \gset
SELECT is(pg_temp.tally_rows(9990052), 2::bigint, 'ttal-lost: an INSERT row and a DELETE row');
-- the superuser deletes the INSERT's row by hand: what is left adds up below zero
DELETE FROM application_tally t WHERE agency_id = 9990052 AND NOT EXISTS (SELECT FROM tally_entries(t.counts) e WHERE e.n < 0);
DELETE FROM application_tally WHERE agency_id = 9990002;
SELECT results_eq($$SELECT agency_id, applications, tallied FROM govinfo.tally_differences()$$,
	format($$VALUES (9990002::bigint, %s::bigint, 0::bigint), (9990052, %s, %s)$$, pg_temp.apps(9990002), :lost_apps, -(20 - :lost_apps)),
	'tally_differences() reports the agencies whose rows were deleted by hand, with both counts');
SELECT throws_ok($$SELECT * FROM govinfo.derived_reports(2021, 9990052)$$, 'XX001', NULL,
	'derived_reports of an agency whose tally adds up below zero is XX001');
SELECT is(tally_rebuild(), (SELECT count(DISTINCT agency_id) FROM application), 'tally_rebuild() counts every agency with applications');
SELECT is((SELECT count(*) FROM application_tally), (SELECT count(DISTINCT agency_id) FROM application), '... one row each');
SELECT pg_temp.exact('tally_rebuild()', :'bulk' || '{9990021,9990022,9990031,9990032,9990033,9990034,9990035,9990041,9990042,9990051,9990052}'::bigint[]);

SELECT * FROM finish();
ROLLBACK;
