-- pgTAP: the publication lock and agency reference of INSERT into govinfo.application, which
-- collects the rows' spans in the CHECK instead of a transition table: ON CONFLICT (rows proposed and
-- not inserted), nested statements, failed subtransactions, the contributions the lock compares
-- (0.4.0), and the roles that may run its steps.
BEGIN;
SET search_path = govinfo, public;
SELECT plan(32);

INSERT INTO agency (agency_id, code, name) VALUES (9940001, 'tins-a', 'Insert guard A'), (9940002, 'tins-b', 'Insert guard B');
INSERT INTO application (application_id, agency_id, received_on, applicant, outcome, closed_on, subject) VALUES
	(99400001, 9940001, '2021-03-01', 'np', '3.1', '2021-04-01', 'in 2021'),
	(99400002, 9940001, '2022-03-01', 'np', '3.1', '2022-04-01', 'in 2022');
SELECT refresh_report('tins-a', 2021);
SELECT isnt(publish_report('tins-a', 2021), NULL, 'tins-a 2021 published');

CREATE FUNCTION pg_temp.locked(stmt text, what text) RETURNS text LANGUAGE sql AS
	$$ SELECT throws_ok(stmt, '55000', 'the annual report of agency "tins-a" for year 2021 is published', what) $$;
CREATE FUNCTION pg_temp.n() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM govinfo.application WHERE agency_id IN (9940001, 9940002) $$;

-- plain inserts
SELECT pg_temp.locked($$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9940001, '2021-06-01', 'np')$$,
	'an INSERT received in the published year is refused');
SELECT pg_temp.locked($$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9940001, '2019-06-01', 'np')$$,
	'an INSERT of an application open since 2019 is refused (it counts in 2021)');
SELECT lives_ok($$INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on) VALUES (9940001, '2019-06-01', 'np', '3.1', '2020-12-31')$$,
	'an INSERT closed before 2021 passes');
SELECT throws_ok($$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9940002, '2021-06-01', 'np'), (9949999, '2021-06-01', 'np')$$,
	'23503', 'insert or update on table "application" violates its agency reference', 'an INSERT naming a missing agency is 23503');

-- ON CONFLICT: the CHECK saw the proposed row, the statement inserted nothing
SELECT lives_ok($$INSERT INTO govinfo.application (application_id, agency_id, received_on, applicant) VALUES (99400001, 9940001, '2021-06-01', 'np')
	ON CONFLICT DO NOTHING$$, 'ON CONFLICT DO NOTHING: a skipped row in the published year passes');
SELECT lives_ok($$INSERT INTO govinfo.application (application_id, agency_id, received_on, applicant) VALUES (99400001, 9949999, '2021-06-01', 'np')
	ON CONFLICT DO NOTHING$$, 'ON CONFLICT DO NOTHING: a skipped row naming a missing agency passes');
SELECT pg_temp.locked($$INSERT INTO govinfo.application (application_id, agency_id, received_on, applicant) VALUES
	(99400001, 9940001, '2021-06-01', 'np'), (99400009, 9940001, '2021-06-02', 'np') ON CONFLICT DO NOTHING$$,
	'ON CONFLICT DO NOTHING: a skipped row and an inserted row in the published year is refused');
SELECT lives_ok($$INSERT INTO govinfo.application (application_id, agency_id, received_on, applicant, outcome, closed_on) VALUES
	(99400001, 9940001, '2021-03-01', 'np', '3.1', '2021-04-01') ON CONFLICT (application_id) DO UPDATE SET subject = 'renamed by upsert'$$,
	'ON CONFLICT DO UPDATE of a column that does not count, in the published year, passes');
SELECT is((SELECT subject FROM application WHERE application_id = 99400001), 'renamed by upsert', '... and is written');
SELECT pg_temp.locked($$INSERT INTO govinfo.application (application_id, agency_id, received_on, applicant) VALUES
	(99400001, 9940001, '2021-03-01', 'np') ON CONFLICT (application_id) DO UPDATE SET applicant = 'biz'$$,
	'ON CONFLICT DO UPDATE of the applicant in the published year is refused');
SELECT lives_ok($$INSERT INTO govinfo.application (application_id, agency_id, received_on, applicant) VALUES
	(99400002, 9940001, '2021-06-01', 'np') ON CONFLICT (application_id) DO UPDATE SET applicant = 'biz'$$,
	'ON CONFLICT DO UPDATE of a 2022 row, proposed in 2021, passes');
SELECT is((SELECT applicant::text FROM application WHERE application_id = 99400002), 'biz', '... and is written');

-- failed subtransactions drop their span sets; the statements after them are checked as before
SAVEPOINT s1;
INSERT INTO application (agency_id, received_on, applicant) VALUES (9940002, '2021-05-01', 'np');
SELECT throws_ok($$INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome) VALUES (9940002, '2023-01-01', 'np', NULL), (9940002, '2023-01-02', 'np', '3.1')$$,
	'23514', NULL, 'a row breaking a rule stops the statement midway');
ROLLBACK TO s1;
SELECT pg_temp.locked($$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9940001, '2021-06-01', 'np')$$,
	'after a rolled-back savepoint, an INSERT in the published year is still refused');
SELECT lives_ok($$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9940002, '2021-06-01', 'np')$$,
	'... and one for another agency passes');

-- nested statements: each statement's rows are checked, whichever statement fails
CREATE FUNCTION pg_temp.insert_one(agency bigint, received date) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (agency, received, 'np');
	RETURN agency;
END $$;
SELECT pg_temp.locked($$INSERT INTO govinfo.application (agency_id, received_on, applicant)
	SELECT pg_temp.insert_one(9940001, '2021-07-01'), '2023-07-01', 'np'$$, 'a nested INSERT in the published year is refused');
SELECT pg_temp.locked($$INSERT INTO govinfo.application (agency_id, received_on, applicant)
	SELECT pg_temp.insert_one(9940002, '2023-07-01') - 1, '2021-07-01', 'np'$$, 'an outer INSERT in the published year is refused after a nested one passed');
SELECT lives_ok($$INSERT INTO govinfo.application (agency_id, received_on, applicant)
	SELECT pg_temp.insert_one(9940002, '2021-07-01'), '2023-07-01', 'np' FROM generate_series(1, 3)$$, 'nested INSERTs outside published years pass');
SELECT is(pg_temp.n(), 10::bigint, 'the rows of the statements that passed are there');

-- 0.4.0: the lock compares contributions; inserted_since is gone
SELECT hasnt_function('govinfo', 'inserted_since', 'inserted_since is gone (0.4.0): the lock compares contributions');
SELECT is((SELECT published_records ->> 'application' FROM annual_report WHERE agency_id = 9940001 AND year = 2021),
	records_contribution(9940001, 2021, 'application'), 'published_records keeps the application contribution of the published year');
SELECT ok(NOT records_changed(9940001, 2021, 'application'), 'records_changed: nothing changed for tins-a 2021');
SELECT is(records_contribution(9949999, 2030, 'application'), NULL, 'records_contribution: NULL when no record counts');
SELECT throws_ok($$SELECT govinfo.records_contribution(1, 2021, 'agency')$$, '22023', 'unknown record table "agency"',
	'records_contribution: an unknown table is 22023');
SELECT lives_ok($$WITH d AS (DELETE FROM govinfo.application WHERE application_id = 99400001 RETURNING *)
	INSERT INTO govinfo.application SELECT * FROM d$$, 'a row deleted and put back in one statement leaves the published year as it was');
CREATE ROLE govinfo_test_clerk_ins;
-- 0.5.0: table privileges alone no longer let a role write an agency's rows (row-level security):
-- the clerk is granted edit access to both agencies, which gives it SELECT on agency and nothing more there
DO $$ BEGIN
	PERFORM govinfo.grant_access('govinfo_test_clerk_ins', code, 'edit') FROM govinfo.agency WHERE agency_id IN (9940001, 9940002);
END $$;
SET LOCAL ROLE govinfo_test_clerk_ins;
SELECT throws_ok($$SELECT govinfo.records_published('{{9940001,2021,2021}}')$$, '42501', NULL,
	'the lock''s steps are not for PUBLIC');
SELECT lives_ok($$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9940002, '2024-06-01', 'np')$$,
	'a clerk with edit access (no right to lock agency rows) inserts: the check runs as the table''s owner');
SELECT throws_ok($$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9940001, '2021-06-01', 'np')$$,
	'55000', NULL, '... and is refused a published year all the same');
RESET ROLE;

-- spans_agencies
SELECT is(spans_agencies('{{3,2020,null},{1,2020,2021},{3,2021,2021}}'), '{1,3}'::bigint[], 'spans_agencies: distinct agencies, ascending');
SELECT is(spans_agencies('{}'), '{}'::bigint[], 'spans_agencies: no spans, no agencies');
SELECT throws_ok($$SELECT govinfo.spans_agencies('{1,2,3}')$$, '2202E', 'spans must be an N×3 bigint array as record_spans() returns',
	'spans_agencies: a one-dimensional array is 2202E');

SELECT * FROM finish();
ROLLBACK;
