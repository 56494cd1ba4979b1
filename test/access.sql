-- pgTAP: access per agency (0.5.0). The access matrix — roles × operations, each run with SET ROLE
-- and rolled back, refusals 42501 with nothing written — and every attempt to lift the publication
-- lock by hand: a setting, a direct UPDATE of published_at, DELETE-then-INSERT, an UPDATE of published
-- figures, the trigger functions called directly, a hostile search_path.
BEGIN;
SET search_path = govinfo, public;
SELECT * FROM no_plan();

-- county C with townships A and B (C's report is the roll-up of its subtree), and X elsewhere
INSERT INTO agency (agency_id, code, name, reports_rollup) VALUES (9960001, 'tacc-c', 'County C', true), (9960004, 'tacc-x', 'Other X', false);
INSERT INTO agency (agency_id, code, name, parent_id) VALUES (9960002, 'tacc-a', 'Township A', 9960001), (9960003, 'tacc-b', 'Township B', 9960001);
INSERT INTO application (application_id, agency_id, received_on, applicant, outcome, closed_on) VALUES
	(99600001, 9960002, '2022-03-01', 'np', '3.1', '2022-03-10'), (99600002, 9960002, '2022-04-01', 'biz', '3.2', '2022-04-10'),
	(99600003, 9960003, '2022-03-01', 'np', '3.1', '2022-03-10'), (99600004, 9960004, '2022-03-01', 'np', '3.1', '2022-03-10'),
	(99600005, 9960002, '2021-03-01', 'np', '3.1', '2021-03-10');
DO $$ BEGIN PERFORM govinfo.refresh_report(c, y) FROM unnest(ARRAY['tacc-a', 'tacc-b']) c, generate_series(2021, 2022) y; END $$;
DO $$ BEGIN PERFORM govinfo.publish_report('tacc-a', 2021); END $$;

CREATE ROLE govinfo_t_none;
CREATE ROLE govinfo_t_reader;
CREATE ROLE govinfo_t_editor;
CREATE ROLE govinfo_t_county;
CREATE ROLE govinfo_t_pub;
CREATE ROLE govinfo_t_owner;
GRANT pg_execute_server_program TO govinfo_t_editor, govinfo_t_county, govinfo_t_pub, govinfo_t_reader, govinfo_t_none;
SELECT lives_ok($$SELECT govinfo.grant_access('govinfo_t_reader', 'tacc-a', 'read')$$, 'grant_access: read of A');
SELECT lives_ok($$SELECT govinfo.grant_access('govinfo_t_editor', 'tacc-a', 'edit')$$, 'grant_access: edit of A');
SELECT lives_ok($$SELECT govinfo.grant_access('govinfo_t_county', 'tacc-c', 'edit', true)$$, 'grant_access: edit of county C with descendants');
SELECT lives_ok($$SELECT govinfo.grant_access('govinfo_t_pub', 'tacc-a', 'publish')$$, 'grant_access: publish of A');
-- the owner of the tables delegates nothing here: the session's superuser is the owner
SELECT set_eq($$SELECT role, agency_code, access, with_descendants FROM govinfo.access_grants WHERE role LIKE 'govinfo_t_%'$$,
	$$VALUES ('govinfo_t_reader', 'tacc-a', 'read', true), ('govinfo_t_editor', 'tacc-a', 'edit', true),
	         ('govinfo_t_county', 'tacc-c', 'edit', true), ('govinfo_t_pub', 'tacc-a', 'publish', true)$$,
	'access_grants lists the grants');
SELECT throws_ok($$SELECT govinfo.grant_access('govinfo_t_reader', 'tacc-a', 'write')$$, '22023', 'unknown access level "write"',
	'grant_access: an unknown level is 22023');
SELECT throws_ok($$SELECT govinfo.grant_access('govinfo_t_reader', 'tacc-nope', 'read')$$, '42704', NULL,
	'grant_access: an unknown agency is 42704');
SELECT is(visible_agencies('edit', 'govinfo_t_county'), '{9960001,9960002,9960003}'::bigint[], 'visible_agencies: the county and its townships');
SELECT is(visible_agencies('read', 'govinfo_t_editor'), '{9960002}'::bigint[], 'visible_agencies: edit includes read');
SELECT is(visible_agencies('edit', 'govinfo_t_reader'), '{}'::bigint[], 'visible_agencies: read is not edit');

-- run a statement as a role; its effects are rolled back. 'ok:N' (N rows), or the SQLSTATE.
CREATE FUNCTION pg_temp.try_as(r text, stmt text, path text DEFAULT NULL) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	n bigint;
	res text;
	old_path text := current_setting('search_path');
BEGIN
	BEGIN
		EXECUTE format('SET LOCAL ROLE %I', r);
		IF path IS NOT NULL THEN
			PERFORM pg_catalog.set_config('search_path', path, true);
		END IF;
		EXECUTE stmt;
		GET DIAGNOSTICS n = ROW_COUNT;
		RAISE EXCEPTION USING ERRCODE = 'GI999', MESSAGE = 'ok:' || n;
	EXCEPTION WHEN SQLSTATE 'GI999' THEN
		res := SQLERRM;
	WHEN OTHERS THEN
		res := SQLSTATE;
	END;
	RESET ROLE;
	PERFORM pg_catalog.set_config('search_path', old_path, true);
	RETURN res;
END
$$;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
	l text;
BEGIN
	FOR l IN EXECUTE 'EXPLAIN ' || q LOOP
		RETURN NEXT l;
	END LOOP;
END
$$;
CREATE TEMP TABLE before AS SELECT (SELECT count(*) FROM application) AS apps, (SELECT count(*) FROM annual_report) AS reports,
	(SELECT md5(string_agg(a::text, ',' ORDER BY application_id)) FROM application a) AS app_md5,
	(SELECT md5(string_agg(r::text, ',' ORDER BY agency_id, year)) FROM annual_report r) AS report_md5;

-- the matrix: operation, statement, then the expected result for each role
CREATE TEMP TABLE matrix (op text, stmt text, none text, reader text, editor text, county text, pub text, owner text);
INSERT INTO matrix VALUES
	('select application', 'SELECT * FROM govinfo.application WHERE application_id BETWEEN 99600001 AND 99600099',
		'42501', 'ok:3', 'ok:3', 'ok:4', 'ok:3', 'ok:5'),
	('insert application of A', $$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9960002, '2023-01-05', 'np')$$,
		'42501', '42501', 'ok:1', 'ok:1', 'ok:1', 'ok:1'),
	('insert application of B', $$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9960003, '2023-01-05', 'np')$$,
		'42501', '42501', '42501', 'ok:1', '42501', 'ok:1'),
	('insert application of X', $$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9960004, '2023-01-05', 'np')$$,
		'42501', '42501', '42501', '42501', '42501', 'ok:1'),
	('update applications (all visible)', $$UPDATE govinfo.application SET subject = 'x' WHERE application_id BETWEEN 99600001 AND 99600099$$,
		'42501', '42501', 'ok:3', 'ok:4', 'ok:3', 'ok:5'),
	('update moving A''s application to X', $$UPDATE govinfo.application SET agency_id = 9960004 WHERE application_id = 99600002$$,
		'42501', '42501', '42501', '42501', '42501', 'ok:1'),
	('delete applications of 2022 (all visible)', $$DELETE FROM govinfo.application WHERE application_id BETWEEN 99600001 AND 99600004$$,
		'42501', '42501', 'ok:2', 'ok:3', 'ok:2', 'ok:4'),
	('COPY into application of A', $$COPY govinfo.application (agency_id, received_on, applicant) FROM PROGRAM 'printf "9960002\t2023-02-01\tnp\n"'$$,
		'42501', '42501', '0A000', '0A000', '0A000', 'ok:1'),
	('select annual_report', 'SELECT * FROM govinfo.annual_report WHERE agency_id BETWEEN 9960001 AND 9960004',
		'42501', 'ok:2', 'ok:2', 'ok:4', 'ok:2', 'ok:4'),
	('insert annual_report of A', $$INSERT INTO govinfo.annual_report (agency_id, year, overview) VALUES (9960002, 2023, 'x')$$,
		'42501', '42501', 'ok:1', 'ok:1', 'ok:1', 'ok:1'),
	('insert annual_report of B', $$INSERT INTO govinfo.annual_report (agency_id, year, overview) VALUES (9960003, 2023, 'x')$$,
		'42501', '42501', '42501', 'ok:1', '42501', 'ok:1'),
	('insert annual_report of A already published', $$INSERT INTO govinfo.annual_report (agency_id, year, overview, published_at) VALUES (9960002, 2023, 'x', now())$$,
		'42501', '42501', '42501', '42501', '42501', 'ok:1'),
	('update annual_report text (all visible)', $$UPDATE govinfo.annual_report SET overview = 'y' WHERE agency_id BETWEEN 9960001 AND 9960004 AND year = 2022$$,
		'42501', '42501', 'ok:1', 'ok:2', 'ok:1', 'ok:2'),
	('delete annual_report of 2022 (all visible)', $$DELETE FROM govinfo.annual_report WHERE agency_id BETWEEN 9960001 AND 9960004 AND year = 2022$$,
		'42501', '42501', 'ok:1', 'ok:2', 'ok:1', 'ok:2'),
	('select report_version', 'SELECT * FROM govinfo.report_version', '42501', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:0'),
	('insert report_version', $$INSERT INTO govinfo.report_version (agency_id, year, version, format, published_at, reason) VALUES (9960002, 2021, 9, '2021', now(), 'x')$$,
		'42501', '42501', '42501', '42501', '42501', 'ok:1'),
	('insert appeal_case of A', $$INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on) VALUES (9960002, 'review', '2023-01-05')$$,
		'42501', '42501', 'ok:1', 'ok:1', 'ok:1', 'ok:1'),
	('insert fee_receipt of B', $$INSERT INTO govinfo.fee_receipt (agency_id, received_on, amount_yuan) VALUES (9960003, '2023-01-05', 1)$$,
		'42501', '42501', '42501', 'ok:1', '42501', 'ok:1'),
	('update agency', $$UPDATE govinfo.agency SET name = 'x' WHERE agency_id = 9960002$$,
		'42501', '42501', '42501', '42501', '42501', 'ok:1'),
	('select agency', $$SELECT * FROM govinfo.agency WHERE agency_id BETWEEN 9960001 AND 9960004$$,
		'42501', 'ok:4', 'ok:4', 'ok:4', 'ok:4', 'ok:4'),
	('report_table3 of A', $$SELECT * FROM govinfo.report_table3('tacc-a', 2022)$$, '42501', 'ok:30', 'ok:30', 'ok:30', 'ok:30', 'ok:30'),
	('report_table3 of B', $$SELECT * FROM govinfo.report_table3('tacc-b', 2022)$$, '42501', '42501', '42501', 'ok:30', '42501', 'ok:30'),
	('report_table2 of B (stored)', $$SELECT * FROM govinfo.report_table2('tacc-b', 2022)$$, '42501', '42501', '42501', 'ok:10', '42501', 'ok:10'),
	('report_table4 of A (stored)', $$SELECT * FROM govinfo.report_table4('tacc-a', 2022)$$, '42501', 'ok:3', 'ok:3', 'ok:3', 'ok:3', 'ok:3'),
	('report_table3 of B 2023 (derived)', $$SELECT * FROM govinfo.report_table3('tacc-b', 2023)$$, '42501', '42501', '42501', 'ok:30', '42501', 'ok:30'),
	('report_table3 of an unknown agency', $$SELECT * FROM govinfo.report_table3('tacc-nope', 2022)$$, '42501', '42704', '42704', '42704', '42704', '42704'),
	('cell_applications of A', $$SELECT * FROM govinfo.cell_applications('tacc-a', 2022, '3.1', 'np')$$, '42501', 'ok:1', 'ok:1', 'ok:1', 'ok:1', 'ok:1'),
	('refresh_report of A', $$SELECT govinfo.refresh_report('tacc-a', 2022)$$, '42501', '42501', 'ok:1', 'ok:1', 'ok:1', 'ok:1'),
	('refresh_report of B', $$SELECT govinfo.refresh_report('tacc-b', 2022)$$, '42501', '42501', '42501', 'ok:1', '42501', 'ok:1'),
	('stale_reports of 2022 (X, never stored, is seen by the owner only)', $$SELECT * FROM govinfo.stale_reports(2022) WHERE agency_id BETWEEN 9960001 AND 9960004$$,
		'42501', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:1'),
	('refresh_reports (what the role may edit)', $$SELECT govinfo.refresh_reports(2022)$$, '42501', '42501', 'ok:1', 'ok:1', 'ok:1', 'ok:1'),
	('publish A 2022', $$SELECT govinfo.publish_report('tacc-a', 2022)$$, '42501', '42501', '42501', '42501', 'ok:1', 'ok:1'),
	('publish B 2022', $$SELECT govinfo.publish_report('tacc-b', 2022)$$, '42501', '42501', '42501', '42501', '42501', 'ok:1'),
	('reopen A 2021', $$SELECT govinfo.reopen_report('tacc-a', 2021, 'fix')$$, '42501', '42501', '42501', '42501', 'ok:1', 'ok:1'),
	('grant_access', $$SELECT govinfo.grant_access('govinfo_t_none', 'tacc-a', 'read')$$, '42501', '42501', '42501', '42501', '42501', 'ok:1'),
	('revoke_access', $$SELECT govinfo.revoke_access('govinfo_t_reader', 'tacc-a')$$, '42501', '42501', '42501', '42501', '42501', 'ok:1'),
	('rollup_report of C', $$SELECT * FROM govinfo.rollup_report('tacc-c', 2022)$$, '42501', 'ok:1', 'ok:1', 'ok:1', 'ok:1', 'ok:1'),
	('select audit_log', $$SELECT * FROM govinfo.audit_log WHERE agency_id = 9960004$$, '42501', 'ok:0', 'ok:0', 'ok:0', 'ok:0', 'ok:2'),
	('insert audit_log', $$INSERT INTO govinfo.audit_log (session_user_name, current_user_name, action, table_name) VALUES ('x', 'x', 'x', 'x')$$,
		'42501', '42501', '42501', '42501', '42501', 'ok:1'),
	('update audit_log', $$UPDATE govinfo.audit_log SET action = 'x'$$, '42501', '42501', '42501', '42501', '42501', '42501'),
	('delete audit_log', $$DELETE FROM govinfo.audit_log$$, '42501', '42501', '42501', '42501', '42501', '42501'),
	('truncate audit_log', $$TRUNCATE govinfo.audit_log$$, '42501', '42501', '42501', '42501', '42501', '42501'),
	('prune_audit', $$SELECT govinfo.prune_audit('2000-01-01')$$, '42501', '42501', '42501', '42501', '42501', 'ok:1'),
	('publication_begin', $$SELECT govinfo.publication_begin(9960002, 2021)$$, '42501', '42501', '42501', '42501', '42501', 'ok:1'),
	-- trigger functions: not for PUBLIC; the owner's call is refused by the function itself
	('call annual_report_check', $$SELECT govinfo.annual_report_check()$$, '42501', '42501', '42501', '42501', '42501', '39P01'),
	('call records_guard', $$SELECT govinfo.records_guard()$$, '42501', '42501', '42501', '42501', '42501', '0A000'),
	('call audit_row', $$SELECT govinfo.audit_row()$$, '42501', '42501', '42501', '42501', '42501', '39P01');

-- the owner of the tables: the role that created the extension (this session's superuser)
SELECT is(pg_temp.try_as(x.r, m.stmt), x.expected, format('%s: %s', x.label, m.op))
FROM matrix m, LATERAL (VALUES (1, 'govinfo_t_none', m.none, 'no grant'), (2, 'govinfo_t_reader', m.reader, 'reader of A'),
	(3, 'govinfo_t_editor', m.editor, 'editor of A'), (4, 'govinfo_t_county', m.county, 'editor of county C'),
	(5, 'govinfo_t_pub', m.pub, 'publisher of A'), (6, session_user::text, m.owner, 'extension owner')) x(i, r, expected, label)
WHERE m.op IN ('select application', 'insert application of A', 'insert application of B', 'update applications (all visible)',
	'delete applications of 2022 (all visible)', 'COPY into application of A', 'insert annual_report of A already published',
	'publish A 2022', 'reopen A 2021', 'grant_access')
ORDER BY m.op, x.i;
-- the rest of the matrix in one comparison per role (a failure lists the cells)
SELECT is_empty(format($$SELECT m.op, m.%1$s AS expected, pg_temp.try_as(%2$L, m.stmt) AS got FROM matrix m
	WHERE pg_temp.try_as(%2$L, m.stmt) IS DISTINCT FROM m.%1$s$$, c, r), format('every cell of the matrix for %s', r))
FROM (VALUES ('none', 'govinfo_t_none'), ('reader', 'govinfo_t_reader'), ('editor', 'govinfo_t_editor'),
	('county', 'govinfo_t_county'), ('pub', 'govinfo_t_pub'), ('owner', session_user::text)) v(c, r);
SELECT is((SELECT count(*) FROM application), (SELECT apps FROM before), 'the matrix wrote no application');
SELECT is((SELECT md5(string_agg(a::text, ',' ORDER BY application_id)) FROM application a), (SELECT app_md5 FROM before), 'the applications are as they were');
SELECT is((SELECT md5(string_agg(r::text, ',' ORDER BY agency_id, year)) FROM annual_report r), (SELECT report_md5 FROM before), 'the reports are as they were');

-- refusals name the rule
SELECT is(pg_temp.try_as('govinfo_t_editor', $$SELECT govinfo.refresh_report('tacc-b', 2022)$$), '42501', 'an editor of A refreshing B: 42501');
SET LOCAL ROLE govinfo_t_editor;
SELECT throws_ok($$SELECT govinfo.refresh_report('tacc-b', 2022)$$, '42501', 'role "govinfo_t_editor" has no edit access to agency "tacc-b"',
	'the refusal names the role, the level and the agency');
SELECT throws_ok($$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9960003, '2023-01-05', 'np')$$, '42501',
	'new row violates row-level security policy for table "application"', 'an INSERT for another agency: the row-level security policy');
SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year, published_at) VALUES (9960002, 2024, now())$$, '42501',
	'only the owner of govinfo''s tables inserts a report that is already published', 'a pre-published row by an editor');
SELECT is((SELECT count(*) FROM govinfo.application), 3::bigint, 'an editor of A sees the 3 applications of A');
RESET ROLE;
-- the editor needs nothing on agency but SELECT (the triggers run as the tables' owner)
SELECT ok(NOT has_table_privilege('govinfo_t_editor', 'govinfo.agency', 'UPDATE'), 'an editor has no UPDATE on agency');
SELECT is(pg_temp.try_as('govinfo_t_editor', $$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES
	(9960002, 2023, '2021|1:1,0,0,0,0,0,1|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:0,0,0,0,0,0,0')$$), 'ok:1',
	'... yet inserts a report: the P3-CARRY trigger locks the agency row as the owner');

-- the set of visible agencies is kept per role (src/access.c): each row is one C test, no subplan
SET LOCAL ROLE govinfo_t_county;
SELECT ok((SELECT string_agg(p, E'\n') FROM (SELECT * FROM pg_temp.plan_of('SELECT * FROM govinfo.application')) x(p)) ~ 'agency_readable\(agency_id\)'
	AND (SELECT string_agg(p, E'\n') FROM (SELECT * FROM pg_temp.plan_of('SELECT * FROM govinfo.application')) x(p)) !~ 'SubPlan',
	'row-level security: one test of agency_readable per row, no subplan');
-- a small set can be an index condition (agency_access_support): at most a tenth of the agencies (so
-- 100 more here); the seq scan is off to see it at this size
RESET ROLE;
INSERT INTO agency (agency_id, code, name) SELECT 9961000 + i, 'tacc-many-' || i, 'Many ' || i FROM generate_series(1, 100) i;
SET LOCAL ROLE govinfo_t_county;
SET LOCAL enable_seqscan = off;
SELECT ok((SELECT string_agg(p, E'\n') FROM (SELECT * FROM pg_temp.plan_of('SELECT agency_id FROM govinfo.application')) x(p))
	~ 'Index Cond: \(agency_id = ANY \((govinfo\.)?readable_agency_ids\(\)\)\)',
	'row-level security: the county editor''s set is an index condition');
RESET enable_seqscan;
RESET ROLE;
DELETE FROM agency WHERE agency_id BETWEEN 9961001 AND 9961100;
SET LOCAL ROLE govinfo_t_county;
RESET ROLE;

------------------------------------------------------------------------------
-- Lifting the publication lock by hand
------------------------------------------------------------------------------
CREATE FUNCTION pg_temp.pub(y int) RETURNS timestamptz LANGUAGE sql AS
	$$ SELECT published_at FROM govinfo.annual_report WHERE agency_id = 9960002 AND year = y $$;
-- the setting of 0.4.0 is gone: setting it (or any other) opens nothing
SELECT lives_ok($$SELECT set_config('govinfo.publication', '9960002:2021', true)$$, 'govinfo.publication can be set (a placeholder) ...');
SELECT throws_ok($$UPDATE govinfo.annual_report SET published_at = NULL WHERE agency_id = 9960002 AND year = 2021$$, '55000', NULL,
	'... but no longer unpublishes: the owner''s direct UPDATE of published_at is refused');
SELECT throws_ok($$UPDATE govinfo.annual_report SET published_at = now() WHERE agency_id = 9960002 AND year = 2022$$, '55000', NULL,
	'nor publishes');
SELECT is(pg_temp.try_as('govinfo_t_editor', $$UPDATE govinfo.annual_report SET published_at = NULL WHERE agency_id = 9960002 AND year = 2021$$), '55000',
	'an editor: with govinfo.publication set, an UPDATE of published_at: 55000');
SELECT is(pg_temp.try_as('govinfo_t_pub', $$UPDATE govinfo.annual_report SET published_at = now() WHERE agency_id = 9960002 AND year = 2022$$), '55000',
	'a publisher: a direct UPDATE of published_at: 55000');
SELECT is(pg_temp.try_as('govinfo_t_pub', $$UPDATE govinfo.annual_report SET requests = NULL WHERE agency_id = 9960002 AND year = 2021$$), '55000',
	'a publisher: an UPDATE of the figures of a published year: 55000');
SELECT is(pg_temp.try_as('govinfo_t_editor', $$UPDATE govinfo.annual_report SET published_records = NULL WHERE agency_id = 9960002 AND year = 2021$$), '55000',
	'an editor: an UPDATE of published_records: 55000');
SELECT is(pg_temp.try_as('govinfo_t_editor', $$DELETE FROM govinfo.annual_report WHERE agency_id = 9960002 AND year = 2021$$), '55000',
	'an editor: DELETE of a published report: 55000');
SELECT is(pg_temp.try_as('govinfo_t_editor', $$WITH d AS (DELETE FROM govinfo.annual_report WHERE agency_id = 9960002 AND year = 2021 RETURNING *)
	INSERT INTO govinfo.annual_report SELECT * FROM d$$), '55000', 'an editor: DELETE-then-INSERT of a published report in one statement: 55000');
SELECT is(pg_temp.try_as('govinfo_t_editor', $$INSERT INTO govinfo.annual_report (agency_id, year, requests, published_at, published_records)
	SELECT agency_id, 2020, requests, now(), published_records FROM govinfo.annual_report WHERE agency_id = 9960002 AND year = 2021$$), '42501',
	'an editor: INSERT of a pre-published copy: 42501');
SELECT is(pg_temp.try_as('govinfo_t_editor', $$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9960002, '2021-05-01', 'np')$$), '55000',
	'an editor: a record in the published year: 55000 (the guard runs as the owner)');
SELECT is(pg_temp.try_as('govinfo_t_pub', $$SELECT govinfo.publication_begin(9960002, 2021)$$),
	'42501', 'a publisher: publication_begin is not for it');
-- the token of the owner serves one change of one report, by the owner only
SELECT lives_ok($$SELECT govinfo.publication_begin(9960002, 2022)$$, 'the owner takes a token for A 2022 ...');
SELECT is(pg_temp.try_as('govinfo_t_editor', $$UPDATE govinfo.annual_report SET published_at = now() WHERE agency_id = 9960002 AND year = 2022$$), '55000',
	'... an editor cannot use it');
SELECT throws_ok($$UPDATE govinfo.annual_report SET published_at = NULL WHERE agency_id = 9960002 AND year = 2021$$, '55000', NULL,
	'... nor does it serve another report');
SELECT is(pg_temp.pub(2021) IS NOT NULL, true, 'A 2021 is still published');
SELECT is(pg_temp.pub(2022), NULL, 'A 2022 is still not published');
-- the trigger functions called directly (also in the matrix)
SELECT throws_ok($$SELECT govinfo.annual_report_check()$$, '39P01', NULL, 'annual_report_check called directly by the owner: 39P01');
SELECT throws_ok($$SELECT govinfo.agency_hierarchy_check()$$, '0A000', NULL, 'agency_hierarchy_check called directly by the owner: 0A000');
SELECT is(pg_temp.try_as('govinfo_t_editor', $$SELECT govinfo.annual_report_carry()$$), '42501', 'an editor cannot call annual_report_carry');
SELECT is(pg_temp.try_as('govinfo_t_editor', $$SELECT govinfo.application_insert_end()$$), '42501', 'an editor cannot call application_insert_end');
SELECT is(pg_temp.try_as('govinfo_t_editor', $$SELECT govinfo.agency_hierarchy_check()$$), '42501', 'an editor cannot call agency_hierarchy_check');
SELECT ok(NOT has_function_privilege('govinfo_t_editor', 'govinfo.annual_report_check()', 'EXECUTE')
	AND NOT has_function_privilege('govinfo_t_editor', 'govinfo.audit_records()', 'EXECUTE'), '... nor has EXECUTE on them');

-- a hostile search_path: functions and an operator named like govinfo's and pg_catalog's in a schema first in the path
CREATE SCHEMA tacc_evil;
CREATE FUNCTION tacc_evil.publication_begin(bigint, integer) RETURNS void LANGUAGE sql AS 'SELECT NULL::void';
CREATE FUNCTION tacc_evil.set_config(text, text, boolean) RETURNS text LANGUAGE sql AS 'SELECT ''evil''';
CREATE FUNCTION tacc_evil.now() RETURNS timestamptz LANGUAGE sql AS $$SELECT timestamptz '2000-01-01'$$;
CREATE FUNCTION tacc_evil.records_contributions(bigint, integer) RETURNS jsonb LANGUAGE sql AS $$SELECT '{}'::jsonb$$;
CREATE FUNCTION tacc_evil.visible_agencies(text, name) RETURNS bigint[] LANGUAGE sql AS $$SELECT ARRAY[9960001, 9960002, 9960003, 9960004]::bigint[]$$;
CREATE FUNCTION tacc_evil.has_owner_rights(name) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE FUNCTION tacc_evil.int8eq_true(bigint, bigint) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE OPERATOR tacc_evil.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = tacc_evil.int8eq_true);
CREATE FUNCTION tacc_evil.unnest(anyarray) RETURNS SETOF anyelement LANGUAGE sql AS 'SELECT 9960004::bigint';
GRANT USAGE ON SCHEMA tacc_evil TO PUBLIC;
SELECT is(pg_temp.try_as('govinfo_t_editor', $$UPDATE govinfo.annual_report SET published_at = NULL WHERE agency_id = 9960002 AND year = 2021$$,
	'tacc_evil, govinfo, pg_catalog'), '55000', 'hostile search_path: an editor still cannot unpublish');
SELECT is(pg_temp.try_as('govinfo_t_editor', $$SELECT * FROM govinfo.application WHERE application_id BETWEEN 99600001 AND 99600099$$,
	'tacc_evil, govinfo, pg_catalog'), 'ok:3', 'hostile search_path: row-level security still shows an editor of A its 3 applications');
SELECT is(pg_temp.try_as('govinfo_t_editor', $$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9960004, '2023-01-05', 'np')$$,
	'tacc_evil, govinfo, pg_catalog'), '42501', 'hostile search_path: nor lets it write for X');
SELECT is(pg_temp.try_as('govinfo_t_editor', $$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9960002, '2021-06-01', 'np')$$,
	'tacc_evil, govinfo, pg_catalog'), '55000', 'hostile search_path: the lock on records still holds');
SELECT is(pg_temp.try_as('govinfo_t_editor', $$INSERT INTO govinfo.annual_report (agency_id, year, requests) VALUES
	(9960002, 2024, '2021|1:1,0,0,0,0,0,1|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:0,0,0,0,0,0,0')$$,
	'tacc_evil, govinfo, pg_catalog'), 'ok:1', 'hostile search_path: the report triggers (C, SPI) work as they should');
SELECT is(pg_temp.try_as('govinfo_t_pub', $$SELECT govinfo.publish_report('tacc-b', 2022)$$, 'tacc_evil, govinfo, pg_catalog'), '42501',
	'hostile search_path: a publisher of A still cannot publish B');
-- for real this time (no rollback): a publisher publishes A 2022 with the hostile path
DO $$
BEGIN
	SET LOCAL ROLE govinfo_t_pub;
	PERFORM pg_catalog.set_config('search_path', 'tacc_evil, govinfo, pg_catalog', true);
	PERFORM govinfo.publish_report('tacc-a', 2022);
	RESET ROLE;
	PERFORM pg_catalog.set_config('search_path', 'govinfo, public', true);
END
$$;
SELECT is(pg_temp.pub(2022), now(), '... at the real now()');
SELECT is((SELECT published_records FROM annual_report WHERE agency_id = 9960002 AND year = 2022), records_contributions(9960002, 2022),
	'... keeping the real contributions of the records');
SELECT is((SELECT count(*) FROM annual_report WHERE published_at IS NOT NULL AND agency_id BETWEEN 9960001 AND 9960004), 2::bigint,
	'... and publishing nothing else');

-- revoke_access takes the grant and the privileges of the levels no longer held
SELECT is(revoke_access('govinfo_t_pub', 'tacc-a', 'publish'), 1, 'revoke_access: one grant revoked');
SELECT ok(NOT has_function_privilege('govinfo_t_pub', 'govinfo.publish_report(text, integer)', 'EXECUTE'), '... and EXECUTE on publish_report');
SELECT ok(NOT has_table_privilege('govinfo_t_pub', 'govinfo.application', 'SELECT'), '... and SELECT on the tables (no grant left)');
SELECT is(pg_temp.try_as('govinfo_t_pub', $$SELECT * FROM govinfo.application$$), '42501', 'the role reads nothing any more');
SELECT is(revoke_access('govinfo_t_editor', 'tacc-a', 'read'), 0, 'revoke_access of a level not granted: nothing');
-- delegation: the owner lets a role run grant_access
GRANT EXECUTE ON FUNCTION grant_access(regrole, text, text, boolean) TO govinfo_t_owner;
SELECT is(pg_temp.try_as('govinfo_t_owner', $$SELECT govinfo.grant_access('govinfo_t_none', 'tacc-x', 'read')$$), 'ok:1',
	'a role the owner delegates to grants access');

-- the visible sets each backend keeps (src/access.c): every change is seen by the next statement of
-- the same transaction, and each role (SET ROLE, SECURITY DEFINER) has its own set
CREATE FUNCTION pg_temp.seen_as(r text) RETURNS bigint[] LANGUAGE plpgsql AS $$
DECLARE
	ids bigint[];
BEGIN
	EXECUTE format('SET LOCAL ROLE %I', r);
	SELECT coalesce(array_agg(a.application_id ORDER BY a.application_id), '{}') INTO ids
	FROM govinfo.application a WHERE a.application_id BETWEEN 99600001 AND 99600099;
	RESET ROLE;
	RETURN ids;
END
$$;
SELECT is(pg_temp.seen_as('govinfo_t_reader'), '{99600001,99600002,99600005}'::bigint[], 'cache: a reader of A sees A''s rows');
SELECT is(pg_temp.seen_as('govinfo_t_county'), '{99600001,99600002,99600003,99600005}'::bigint[], 'cache: the county editor sees A''s and B''s');
SELECT is(pg_temp.seen_as('govinfo_t_reader'), '{99600001,99600002,99600005}'::bigint[], '... and the reader again only A''s (SET ROLE back)');
-- SET ROLE between two roles inside one statement: one set per role, never the other's
SELECT is(ARRAY[cardinality(pg_temp.seen_as('govinfo_t_reader')), cardinality(pg_temp.seen_as('govinfo_t_county')),
	cardinality(pg_temp.seen_as('govinfo_t_reader')), cardinality(pg_temp.seen_as('govinfo_t_county'))], ARRAY[3, 4, 3, 4],
	'cache: SET ROLE back and forth in one statement: 3, 4, 3, 4 rows');
-- one plpgsql function with its plan kept, run as two roles
CREATE FUNCTION pg_temp.count_apps() RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
	RETURN (SELECT count(*) FROM govinfo.application a WHERE a.application_id BETWEEN 99600001 AND 99600099);
END
$$;
DO $$
DECLARE
	n bigint[] := '{}';
BEGIN
	FOR i IN 1..3 LOOP
		SET LOCAL ROLE govinfo_t_reader;
		n := n || pg_temp.count_apps();
		SET LOCAL ROLE govinfo_t_county;
		n := n || pg_temp.count_apps();
	END LOOP;
	RESET ROLE;
	CREATE TEMP TABLE kept_plan_counts AS SELECT n;
END
$$;
SELECT is((SELECT n FROM kept_plan_counts), '{3,4,3,4,3,4}'::bigint[], 'cache: one kept plan run as two roles in turn');
-- SECURITY DEFINER: a function of the county editor sees the county's rows whoever calls it
CREATE FUNCTION public.govinfo_t_county_count() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS
	$$SELECT count(*) FROM govinfo.application a WHERE a.application_id BETWEEN 99600001 AND 99600099$$;
ALTER FUNCTION public.govinfo_t_county_count() OWNER TO govinfo_t_county;
GRANT EXECUTE ON FUNCTION public.govinfo_t_county_count() TO govinfo_t_reader;
DO $$
BEGIN
	SET LOCAL ROLE govinfo_t_reader;
	CREATE TEMP TABLE definer_counts AS
		SELECT (SELECT count(*) FROM govinfo.application a WHERE a.application_id BETWEEN 99600001 AND 99600099) AS own,
			public.govinfo_t_county_count() AS definer,
			(SELECT count(*) FROM govinfo.application a WHERE a.application_id BETWEEN 99600001 AND 99600099) AS own_again;
	RESET ROLE;
END
$$;
SELECT results_eq($$SELECT own, definer, own_again FROM definer_counts$$, $$VALUES (3::bigint, 4::bigint, 3::bigint)$$,
	'cache: a SECURITY DEFINER function of the county editor sees 4 rows, its caller 3 before and after');
-- grant, then read in the same transaction; revoke, then read
SELECT lives_ok($$SELECT govinfo.grant_access('govinfo_t_reader', 'tacc-x', 'read')$$, 'cache: grant read of X to the reader');
SELECT is(pg_temp.seen_as('govinfo_t_reader'), '{99600001,99600002,99600004,99600005}'::bigint[], '... the next statement sees X''s row');
SELECT is(revoke_access('govinfo_t_reader', 'tacc-x', 'read'), 1, 'cache: revoke it');
SELECT is(pg_temp.seen_as('govinfo_t_reader'), '{99600001,99600002,99600005}'::bigint[], '... the next statement no longer sees it');
-- a grant and a revoke inside one statement, the reads between them
DO $$
DECLARE
	a bigint[];
	b bigint[];
BEGIN
	PERFORM govinfo.grant_access('govinfo_t_reader', 'tacc-b', 'read');
	a := pg_temp.seen_as('govinfo_t_reader');
	PERFORM govinfo.revoke_access('govinfo_t_reader', 'tacc-b', 'read');
	b := pg_temp.seen_as('govinfo_t_reader');
	CREATE TEMP TABLE grant_in_statement AS SELECT a, b;
END
$$;
SELECT results_eq($$SELECT a, b FROM grant_in_statement$$,
	$$VALUES ('{99600001,99600002,99600003,99600005}'::bigint[], '{99600001,99600002,99600005}'::bigint[])$$,
	'cache: grant and revoke inside one statement, each seen by the next query');
-- a grant rolled back (a subtransaction) is forgotten
DO $$
BEGIN
	BEGIN
		PERFORM govinfo.grant_access('govinfo_t_reader', 'tacc-b', 'read');
		IF cardinality(pg_temp.seen_as('govinfo_t_reader')) <> 4 THEN
			RAISE EXCEPTION 'the grant was not seen';
		END IF;
		RAISE EXCEPTION USING ERRCODE = 'GI998';
	EXCEPTION WHEN SQLSTATE 'GI998' THEN
		NULL;
	END;
END
$$;
SELECT is(pg_temp.seen_as('govinfo_t_reader'), '{99600001,99600002,99600005}'::bigint[], 'cache: a grant rolled back to a savepoint is forgotten');
-- the tree: a township moved out of the county's subtree, a new one under it
UPDATE agency SET parent_id = NULL WHERE agency_id = 9960003;
SELECT is(pg_temp.seen_as('govinfo_t_county'), '{99600001,99600002,99600005}'::bigint[], 'cache: B moved out of county C: its editor no longer sees B''s row');
UPDATE agency SET parent_id = 9960001 WHERE agency_id = 9960003;
SELECT is(pg_temp.seen_as('govinfo_t_county'), '{99600001,99600002,99600003,99600005}'::bigint[], '... moved back: sees it again');
INSERT INTO agency (agency_id, code, name, parent_id) VALUES (9960005, 'tacc-d', 'Township D', 9960001);
INSERT INTO application (application_id, agency_id, received_on, applicant, outcome, closed_on) VALUES
	(99600006, 9960005, '2022-03-01', 'np', '3.1', '2022-03-10');
SELECT is(pg_temp.seen_as('govinfo_t_county'), '{99600001,99600002,99600003,99600005,99600006}'::bigint[], 'cache: a new township under C is seen by C''s editor at once');
-- the rights of another role: a role membership granted and revoked
GRANT govinfo_t_county TO govinfo_t_reader;
SELECT is(pg_temp.seen_as('govinfo_t_reader'), '{99600001,99600002,99600003,99600005,99600006}'::bigint[], 'cache: the reader made a member of the county editor sees its rows');
REVOKE govinfo_t_county FROM govinfo_t_reader;
SELECT is(pg_temp.seen_as('govinfo_t_reader'), '{99600001,99600002,99600005}'::bigint[], '... and no longer once the membership is revoked');
-- writes are checked against the edit set: the reader cannot insert into A, the county editor into X
SELECT is(pg_temp.try_as('govinfo_t_county', $$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9960004, '2022-05-01', 'np')$$),
	'42501', 'cache: the county editor cannot insert into X');
SELECT is(pg_temp.try_as('govinfo_t_county', $$INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (9960005, '2022-05-01', 'np')$$),
	'ok:1', '... but into the new township D');
DELETE FROM application WHERE application_id = 99600006;
DELETE FROM agency WHERE agency_id = 9960005;
DROP FUNCTION public.govinfo_t_county_count();

SELECT is(pg_temp.try_as('govinfo_t_none', $$SELECT govinfo.subtree_agencies(9960001, false)$$), '42501',
	'subtree_agencies (executable by PUBLIC) needs SELECT on agency, as a walk of the table would');
-- nothing is granted to PUBLIC but reading the catalog and the types
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
	WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'govinfo')
	  AND has_function_privilege('govinfo_t_none', p.oid, 'EXECUTE')
	  AND (p.prosecdef OR p.prorettype = 'trigger'::regtype
	       OR p.proname IN ('agency_id', 'derived_reports', 'derive_report', 'report_figures', 'report_table2', 'report_table3',
	                        'report_table4', 'cell_applications', 'store_derived', 'refresh_report', 'refresh_reports',
	                        'records_contribution', 'records_contributions', 'records_changed', 'agency_tree', 'rollup_sources',
	                        'rollup_report', 'rollup_table2', 'rollup_table3', 'rollup_table4', 'rollup_differences',
	                        'report_history', 'check_access', 'has_access', 'publication_begin'))$$,
	'PUBLIC may execute no SECURITY DEFINER function, trigger function or function reading agency data');
SELECT is_empty($$
	SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'govinfo'::regnamespace AND c.relkind IN ('r', 'v', 'S')
	  AND (has_table_privilege('govinfo_t_none', c.oid, 'SELECT') OR has_table_privilege('govinfo_t_none', c.oid, 'INSERT'))$$,
	'PUBLIC may read or write no table, view or sequence');
SELECT ok(has_function_privilege('govinfo_t_none', 'govinfo.row_catalog(text)', 'EXECUTE')
	AND has_schema_privilege('govinfo_t_none', 'govinfo', 'USAGE'), 'PUBLIC reads the catalog');
SELECT is_empty($$SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'govinfo'::regnamespace AND c.relkind = 'r'
	AND c.relname NOT IN ('agency', 'access_grant', 'agency_hierarchy', 'workday_calendar', 'generate_run') AND NOT c.relrowsecurity$$,
	'row-level security is on for every table that holds an agency''s data');

-- report_table3 (C, 0.7.0) reads a stored report as the calling role: the per-backend access set follows
-- a grant and a revoke made in this transaction, the refusal names the role and agency, and what a
-- granted role reads is the stored report
SELECT throws_ok($$SET LOCAL ROLE govinfo_t_reader; SELECT * FROM govinfo.report_table3('tacc-b', 2022)$$, '42501',
	'role "govinfo_t_reader" has no read access to agency "tacc-b"', 'report_table3: a reader of A cannot read B''s stored report');
RESET ROLE;
SELECT lives_ok($$SELECT govinfo.grant_access('govinfo_t_reader', 'tacc-b', 'read')$$, 'grant_access: read of B');
SELECT is(pg_temp.try_as('govinfo_t_reader', $$SELECT * FROM govinfo.report_table3('tacc-b', 2022)$$), 'ok:30',
	'report_table3: after the grant the reader reads B''s stored report');
CREATE TEMP TABLE b_as_reader AS SELECT * FROM govinfo.table3((SELECT requests FROM govinfo.annual_report WHERE agency_id = 9960003 AND year = 2022));
GRANT SELECT ON b_as_reader TO govinfo_t_reader;
SELECT is(pg_temp.try_as('govinfo_t_reader', $$SELECT * FROM govinfo.report_table3('tacc-b', 2022) EXCEPT ALL SELECT * FROM b_as_reader$$), 'ok:0',
	'report_table3 as the reader: the rows of the stored report');
SELECT lives_ok($$SELECT govinfo.revoke_access('govinfo_t_reader', 'tacc-b')$$, 'revoke_access: read of B');
SELECT is(pg_temp.try_as('govinfo_t_reader', $$SELECT * FROM govinfo.report_table3('tacc-b', 2022)$$), '42501',
	'report_table3: after the revoke the reader cannot read B''s report again');

-- the agency codes come from the tree each backend keeps (0.8.0): a code changed, added or removed in this
-- transaction is seen by the next call, and a role without SELECT on agency is refused as by a query
SELECT is(pg_temp.try_as('postgres', $$SELECT * FROM govinfo.report_table3('tacc-b', 2022)$$), 'ok:30', 'report_table3 by code: B');
UPDATE govinfo.agency SET code = 'tacc-b2' WHERE agency_id = 9960003;
SELECT throws_ok($$SELECT * FROM govinfo.report_table3('tacc-b', 2022)$$, '42704', 'unknown agency "tacc-b"',
	'... after B''s code changed in this transaction, the old code is unknown');
SELECT is_empty($$SELECT * FROM govinfo.report_table3('tacc-b2', 2022) EXCEPT ALL SELECT * FROM b_as_reader$$, '... and the new one names B');
INSERT INTO govinfo.agency (agency_id, code, name) VALUES (9960009, 'tacc-new', 'New N');
SELECT is((SELECT count(*) FROM govinfo.report_table3('tacc-new', 2022)), 30::bigint, 'a code added in this transaction is known at once');
DELETE FROM govinfo.agency WHERE agency_id = 9960009;
SELECT throws_ok($$SELECT * FROM govinfo.report_table3('tacc-new', 2022)$$, '42704', 'unknown agency "tacc-new"', '... and unknown once removed');
UPDATE govinfo.agency SET code = 'tacc-b' WHERE agency_id = 9960003;
REVOKE SELECT ON govinfo.agency FROM govinfo_t_reader;
SELECT throws_ok($$SET LOCAL ROLE govinfo_t_reader; SELECT * FROM govinfo.report_table3('tacc-a', 2022)$$, '42501',
	'permission denied for table agency', 'report_table3: a role without SELECT on agency is refused (42501), as by a query of agency');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
