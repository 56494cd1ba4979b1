-- pgTAP: the publication lock and agency reference of INSERT into govinfo.application (0.3.0), which
-- collects the rows' spans in the CHECK instead of a transition table: ON CONFLICT (rows proposed and
-- not inserted), nested statements, failed subtransactions, and govinfo.inserted_since.
BEGIN;
SET search_path = govinfo, public;
SELECT plan(28);

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

-- inserted_since
SELECT ok(inserted_since('govinfo.application', (SELECT ctid FROM application WHERE agency_id = 9940002 AND received_on = '2021-06-01'), 0), 'inserted_since: a row this transaction inserted');
SELECT ok(NOT inserted_since('govinfo.application', (SELECT ctid FROM application WHERE application_id = 99400002), 0),
	'inserted_since: a row version an UPDATE produced is not an insert');
SELECT ok(NOT inserted_since('govinfo.application', (SELECT ctid FROM application WHERE agency_id = 9940002 AND received_on = '2021-06-01'), 4000000000),
	'inserted_since: not at a later command');
SELECT throws_ok($$SELECT govinfo.inserted_since('govinfo.application_agency_open', '(0,1)', 0)$$, '42809', NULL,
	'inserted_since: an index is not a table (42809)');
CREATE ROLE govinfo_test_reader_none;
GRANT USAGE ON SCHEMA govinfo TO govinfo_test_reader_none;
SET LOCAL ROLE govinfo_test_reader_none;
DO $$ BEGIN
	PERFORM govinfo.inserted_since('govinfo.application', '(0,1)', 0);
	PERFORM set_config('govinfo_test.denied', 'no error', true);
EXCEPTION WHEN OTHERS THEN
	PERFORM set_config('govinfo_test.denied', SQLSTATE || ' ' || SQLERRM, true);
END $$;
RESET ROLE;
SELECT is(current_setting('govinfo_test.denied'), '42501 permission denied for table application', 'inserted_since: needs SELECT on the table');

-- spans_agencies
SELECT is(spans_agencies('{{3,2020,null},{1,2020,2021},{3,2021,2021}}'), '{1,3}'::bigint[], 'spans_agencies: distinct agencies, ascending');
SELECT is(spans_agencies('{}'), '{}'::bigint[], 'spans_agencies: no spans, no agencies');
SELECT throws_ok($$SELECT govinfo.spans_agencies('{1,2,3}')$$, '2202E', 'spans must be an N×3 bigint array as record_spans() returns',
	'spans_agencies: a one-dimensional array is 2202E');

SELECT * FROM finish();
ROLLBACK;
