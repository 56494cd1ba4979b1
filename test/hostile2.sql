-- pgTAP: hostile roles, second round (0.11.0, doc/access.md "Hostile roles"). A reader, an editor and
-- a role with no grant at all try to read, infer, write or squat another agency's data; every attack
-- here fails. The first two blocks failed on 0.10.0 (an editor squatted another agency's document by
-- its SHA-256; a reader saw the grants of other roles in the audit log).
BEGIN;
SELECT * FROM no_plan();

INSERT INTO govinfo.agency (agency_id, code, name) VALUES
	(9980001, 'thst2-a', 'Hostile2 A'), (9980002, 'thst2-b', 'Hostile2 B'), (9980003, 'thst2-a2', 'Hostile2 A2');
INSERT INTO govinfo.application (application_id, agency_id, received_on, applicant, outcome, closed_on) VALUES
	(99800001, 9980001, '2022-03-01', 'np', '3.1', '2022-03-10'),
	(99800002, 9980002, '2022-03-01', 'np', '3.1', '2022-03-10'),
	(99800003, 9980002, '2022-04-01', 'np', NULL, NULL);
INSERT INTO govinfo.application_consultation (application_id, started_on, ended_on) VALUES (99800002, '2022-03-02', '2022-03-09');
CREATE ROLE govinfo_h2_reader;
CREATE ROLE govinfo_h2_editor;
CREATE ROLE govinfo_h2_other;
CREATE ROLE govinfo_h2_none;
SELECT govinfo.grant_access('govinfo_h2_reader', 'thst2-a', 'read');
SELECT govinfo.grant_access('govinfo_h2_editor', 'thst2-a', 'edit');
SELECT govinfo.grant_access('govinfo_h2_editor', 'thst2-a2', 'edit');
SELECT govinfo.grant_access('govinfo_h2_other', 'thst2-b', 'edit');

------------------------------------------------------------------------------
-- Squatting another agency's document (0.10.0: succeeded). published_report keeps a document once, by
-- the SHA-256 of its text, and import_report returns the row already kept. An editor of A inserted a
-- row of A with the hash of B's published document (anyone can compute it) and any text: B's import
-- then returned nothing to B's editor and A's row to the owner.
------------------------------------------------------------------------------
\set bdoc 'Hostile2 B: annual report of 2022 as published'
SET ROLE govinfo_h2_editor;
SELECT throws_ok(format($$INSERT INTO govinfo.published_report (agency_id, document_sha256, document, complete, layout)
	VALUES (9980001, %L, 'forged', false, 'none')$$, encode(sha256(convert_to(:'bdoc', 'UTF8')), 'hex')),
	'42501', 'role "govinfo_h2_editor" may not insert a row of published_report',
	'an editor of A cannot insert a published report with the hash of B''s document (42501)');
SELECT throws_ok(format($$INSERT INTO govinfo.published_report (agency_id, document_sha256, document, complete, layout)
	VALUES (9980001, %L, %L, false, 'none') ON CONFLICT (document_sha256) DO NOTHING$$,
	encode(sha256(convert_to(:'bdoc', 'UTF8')), 'hex'), :'bdoc'),
	'42501', NULL, 'nor with the right hash and text: rows are inserted by import_report only (42501)');
SELECT isnt(govinfo.import_report('Hostile2 A: own document', NULL, 'thst2-a'), NULL,
	'an editor of A still imports its own document');
SELECT lives_ok($$UPDATE govinfo.published_report SET source_url = 'https://example.org/a' WHERE agency_id = 9980001$$,
	'and corrects its row''s source_url');
SELECT lives_ok($$UPDATE govinfo.published_report SET document = document || '' WHERE agency_id = 9980001$$,
	'an UPDATE that leaves the document as it was is accepted');
SELECT throws_ok(format($$UPDATE govinfo.published_report SET document_sha256 = %L WHERE agency_id = 9980001$$,
	encode(sha256(convert_to(:'bdoc', 'UTF8')), 'hex')),
	'42501', 'role "govinfo_h2_editor" may not change the document or document_sha256 of published_report',
	'an editor of A cannot give its row the hash of B''s document (42501)');
SELECT throws_ok($$UPDATE govinfo.published_report SET document = 'forged' WHERE agency_id = 9980001$$,
	'42501', NULL, 'nor change the document its hash names (42501)');
SELECT throws_ok($$UPDATE govinfo.published_report SET agency_id = 9980002 WHERE agency_id = 9980001$$,
	'42501', NULL, 'nor move its copy to B (row-level security, 42501)');
RESET ROLE;
SET ROLE govinfo_h2_other;
SELECT isnt(govinfo.import_report(:'bdoc', NULL, 'thst2-b'), NULL, 'B''s editor then imports B''s document');
RESET ROLE;
SELECT is((SELECT agency_id FROM govinfo.published_report WHERE id = govinfo.import_report(:'bdoc')), 9980002::bigint,
	'the owner''s import of B''s document returns B''s row');
SELECT is((SELECT count(*) FROM govinfo.published_report WHERE agency_id = 9980001 AND document <> 'Hostile2 A: own document'),
	0::bigint, 'no forged row of A');
SELECT is((SELECT count(*) FROM govinfo.published_report r
	WHERE r.agency_id IN (9980001, 9980002) AND r.document_sha256 <> encode(sha256(convert_to(r.document, 'UTF8')), 'hex')),
	0::bigint, 'every copy of A and B is kept under the hash of its own text');
-- the owner still corrects anything (the guard lets the tables' owner through)
SELECT lives_ok($$UPDATE govinfo.published_report SET document = document || ' ' WHERE agency_id = 9980001$$,
	'the owner may still change a document (a correction by hand)');
SELECT throws_ok($$SELECT govinfo.published_report_guard()$$, '39P01', NULL,
	'the guard is a trigger function only');

------------------------------------------------------------------------------
-- The grants of other roles in the audit log (0.10.0: a reader of A saw who else may read, edit or
-- publish A, though visible_agencies and access_grants no longer tell it)
------------------------------------------------------------------------------
SET ROLE govinfo_h2_reader;
SELECT is((SELECT count(*) FROM govinfo.audit_log WHERE table_name = 'access_grant'), 0::bigint,
	'a reader of A sees no entry of access_grant (not even that the editor of A was granted edit)');
SELECT ok((SELECT count(*) FROM govinfo.audit_log WHERE table_name = 'published_report' AND agency_id = 9980001) > 0,
	'it still sees the entries of A''s published reports');
SELECT is((SELECT count(*) FROM govinfo.audit_log WHERE agency_id = 9980002), 0::bigint, 'and none of B');
RESET ROLE;
SELECT is((SELECT count(*) FROM govinfo.audit_log WHERE table_name = 'access_grant' AND agency_id = 9980001), 2::bigint,
	'the owner sees every grant entry of A');

------------------------------------------------------------------------------
-- The types of generate_reports' variables (0.10.0: captured). The procedure commits, so it cannot pin
-- search_path; its functions and operators were qualified in 0.9.0, but timestamptz and record (no
-- keywords, unlike integer or bigint) were looked up on the caller's path when it was compiled: a domain
-- of that name with a CHECK calling the hostile role's function, in a schema ahead of pg_catalog, ran
-- that function as the caller (the owner's January job) when the variables were set.
------------------------------------------------------------------------------
CREATE ROLE govinfo_h2_hostile;
CREATE SCHEMA hostile_h2 AUTHORIZATION govinfo_h2_hostile;
SET ROLE govinfo_h2_hostile;
CREATE FUNCTION hostile_h2.captured() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'captured as %', current_user USING ERRCODE = 'XH002'; END $$;
CREATE DOMAIN hostile_h2.timestamptz AS pg_catalog.timestamptz CHECK (hostile_h2.captured());
CREATE TYPE hostile_h2.batch AS (last_id bigint, agencies integer, written integer, unchanged integer, no_report integer);
CREATE DOMAIN hostile_h2.record AS hostile_h2.batch CHECK (hostile_h2.captured());
RESET ROLE;
-- the first call of the procedure in this session compiles it with the hostile schema first; its
-- first COMMIT is 2D000 inside this test's transaction: everything before it ran by then
CREATE FUNCTION pg_temp.h2_generate_with_path(path text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_catalog.set_config('search_path', path, true);
	CALL govinfo.generate_reports(2022);
END $$;
SELECT throws_ok($$SELECT pg_temp.h2_generate_with_path('hostile_h2, pg_catalog, public')$$, '2D000', NULL,
	'generate_reports compiled with a hostile schema first: no hostile domain timestamptz or record is used (2D000 at its COMMIT, no XH002)');
SELECT is((SELECT pg_catalog.array_agg(pg_catalog.format_type(a.atttypid, NULL) ORDER BY a.attnum)
	FROM pg_catalog.pg_attribute a WHERE a.attrelid = 'hostile_h2.batch'::regclass AND a.attnum > 0),
	(SELECT p.proallargtypes[4:8]::regtype[]::text[] FROM pg_catalog.pg_proc p
	 WHERE p.oid = 'govinfo.generate_batch(bigint, bigint, integer)'::regprocedure),
	'the hostile composite has the columns of generate_batch''s row (so the assignment itself would succeed)');

------------------------------------------------------------------------------
-- Attacks that fail already (kept as tests so that they keep failing)
------------------------------------------------------------------------------
SET ROLE govinfo_h2_editor;
-- writes to another agency
SELECT throws_ok($$UPDATE govinfo.application SET agency_id = 9980002 WHERE application_id = 99800001$$, '42501', NULL,
	'an editor of A cannot move its application to B');
SELECT throws_ok($$INSERT INTO govinfo.application (application_id, agency_id, received_on, applicant, outcome, closed_on)
	VALUES (99800002, 9980001, '2022-03-01', 'np', '3.2', '2022-03-10')
	ON CONFLICT (application_id) DO UPDATE SET outcome = '3.2'$$, '42501', NULL,
	'nor change B''s application through ON CONFLICT DO UPDATE on its key');
SELECT is((SELECT count(*) FROM govinfo.application WHERE application_id = 99800002), 0::bigint, 'B''s application stays invisible');
SELECT throws_ok($$INSERT INTO govinfo.application_consultation (application_id, started_on, ended_on)
	VALUES (99800002, '2022-03-02', '2022-03-20')$$, '42501', NULL,
	'nor add a consultation to B''s application');
SELECT throws_ok($$SELECT pg_catalog.setval('govinfo.application_application_id_seq', 1)$$, '42501', NULL,
	'nor set a sequence back');
SELECT throws_ok($$TRUNCATE govinfo.application$$, '42501', NULL, 'nor TRUNCATE a record table');
SELECT throws_ok($$TRUNCATE govinfo.audit_log$$, '42501', NULL, 'nor the audit log');
SELECT throws_ok($$INSERT INTO govinfo.audit_log (session_user_name, current_user_name, action, table_name, agency_id)
	VALUES ('x', 'x', 'INSERT', 'application', 9980002)$$, '42501', NULL, 'nor forge an audit entry');
SELECT throws_ok($$UPDATE govinfo.agency SET parent_id = 9980001 WHERE agency_id = 9980002$$, '42501', NULL,
	'nor put B under A in the tree (which would give it B''s data with its grant''s descendants)');
SELECT throws_ok($$INSERT INTO govinfo.workday_calendar (day, kind) VALUES (DATE '2022-03-07', 'holiday')$$,
	'42501', NULL, 'nor change the working-day calendar (every agency''s deadlines)');
SELECT throws_ok($$UPDATE govinfo.agency_hierarchy SET changes = 0$$, '42501', NULL, 'nor the lock row of the tree');
SELECT throws_ok($$INSERT INTO govinfo.access_grant (grantee, agency_id, access, granted_by)
	VALUES ('govinfo_h2_editor', 9980002, 'edit', 'x')$$, '42501', NULL, 'nor write a grant directly');
SELECT throws_ok($$INSERT INTO govinfo.report_version (agency_id, year, version, format, published_at, reason)
	VALUES (9980001, 2020, 1, '2021', now(), 'x')$$, '42501', NULL, 'nor forge a published version');
SELECT throws_ok($$DELETE FROM govinfo.generate_run$$, '42501', NULL, 'nor touch the report generation runs');
SELECT throws_ok($$SELECT govinfo.refresh_report('thst2-b', 2022)$$, '42501', NULL, 'nor refresh B''s report');
SELECT throws_ok($$SELECT govinfo.grant_access('govinfo_h2_editor', 'thst2-b', 'edit')$$, '42501', NULL,
	'nor grant itself B');
RESET ROLE;
-- the publication lock, from an editor of A: ON CONFLICT DO UPDATE, moving the report, its records
SELECT lives_ok($$SELECT govinfo.refresh_report('thst2-a', 2022)$$, 'the owner derives A''s report of 2022');
SELECT lives_ok($$SELECT govinfo.publish_report('thst2-a', 2022)$$, 'and publishes it');
SET ROLE govinfo_h2_editor;
SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year, overview) VALUES (9980001, 2022, 'x')
	ON CONFLICT (agency_id, year) DO UPDATE SET requests = NULL$$, '55000', NULL,
	'the figures of a published report do not change through ON CONFLICT DO UPDATE');
SELECT throws_ok($$UPDATE govinfo.annual_report SET year = 2023 WHERE agency_id = 9980001 AND year = 2022$$, '55000', NULL,
	'a published report does not move to another year');
SELECT throws_ok($$UPDATE govinfo.annual_report SET agency_id = 9980003 WHERE agency_id = 9980001 AND year = 2022$$, '55000', NULL,
	'nor to another agency the editor may edit');
SELECT throws_ok($$UPDATE govinfo.application SET agency_id = 9980003 WHERE application_id = 99800001$$, '55000', NULL,
	'its applications do not move to another agency');
SELECT throws_ok($$INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on)
	VALUES (9980001, '2022-06-01', 'np', '3.1', '2022-06-10')$$, '55000', NULL,
	'nor does a new application join the published year');
RESET ROLE;

-- reads of another agency
SET ROLE govinfo_h2_reader;
SELECT throws_ok($$SELECT govinfo.report_figures('thst2-b', 2022)$$, '42501', NULL, 'a reader of A cannot read B''s report');
SELECT throws_ok($$SELECT * FROM govinfo.cell_applications('thst2-b', 2022, '1', '3.1')$$, '42501', NULL,
	'nor list B''s applications of a cell');
SELECT is((SELECT count(*) FROM govinfo.application_consultation), 0::bigint, 'nor see B''s consultations');
SELECT is(govinfo.consult_workdays(99800002, '2022-03-01', '2022-03-10'), 0,
	'consult_workdays of B''s application: the consultations the reader can see (none), not B''s 5 working days');
SELECT ok((SELECT d.requests FROM govinfo.derived_reports(2022, 9980002) d)
	OPERATOR(govinfo.=) (SELECT govinfo.request_figures_agg(2022, NULL, NULL, NULL, NULL)),
	'derived_reports of B for a reader of A: the figures of no application');
RESET ROLE;
-- a cheap leaky function in the reader's query sees only A's rows (the policy runs first)
CREATE TEMP TABLE h2_seen_ids (id bigint);
GRANT INSERT, SELECT ON h2_seen_ids TO govinfo_h2_reader;
CREATE FUNCTION pg_temp.h2_seen(a bigint) RETURNS boolean LANGUAGE plpgsql COST 0.0001 AS $$
BEGIN INSERT INTO h2_seen_ids VALUES (a); RETURN true; END $$;
SET ROLE govinfo_h2_reader;
SELECT is((SELECT pg_catalog.array_agg(a.application_id ORDER BY a.application_id) FROM govinfo.application a
	WHERE pg_temp.h2_seen(a.application_id) AND a.application_id BETWEEN 99800001 AND 99800003),
	ARRAY[99800001::bigint], 'a leaky condition of the reader''s query returns A''s rows only');
SELECT is((SELECT count(*) FROM h2_seen_ids WHERE id IN (99800002, 99800003)), 0::bigint,
	'and never sees B''s rows');
RESET ROLE;

-- a role with no govinfo grant: USAGE on the schema and the functions that read no agency's data
SET ROLE govinfo_h2_none;
SELECT throws_ok($$SELECT count(*) FROM govinfo.application$$, '42501', NULL, 'a role without a grant reads no application');
SELECT throws_ok($$SELECT govinfo.consult_workdays(99800002, '2022-03-01', '2022-03-10')$$, '42501', NULL,
	'nor consultations through consult_workdays');
SELECT throws_ok($$SELECT * FROM govinfo.timeliness('thst2-b', 2022)$$, '42501', NULL, 'nor timeliness');
SELECT throws_ok($$SELECT govinfo.report_document('thst2-b', 2022)$$, '42501', NULL, 'nor a report document');
SELECT throws_ok($$SELECT * FROM govinfo.audit_log$$, '42501', NULL, 'nor the audit log');
SELECT throws_ok($$SELECT govinfo.import_report('x', NULL, 'thst2-b')$$, '42501', NULL, 'nor import');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
