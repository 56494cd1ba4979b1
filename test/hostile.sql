-- pgTAP: hostile roles (0.9.0, doc/access.md "Hostile roles"). A role that owns a schema on the
-- owner's search_path plants functions and operators named like pg_catalog's, and a role granted
-- SELECT on one of govinfo's views reads through it: neither gets anything the owner did not mean.
BEGIN;
SELECT * FROM no_plan();

-- agencies A and B, an application each, a reader of A
INSERT INTO govinfo.agency (agency_id, code, name) VALUES (9970001, 'thst-a', 'Hostile A'), (9970002, 'thst-b', 'Hostile B');
INSERT INTO govinfo.application (application_id, agency_id, received_on, applicant, outcome, closed_on) VALUES
	(99700001, 9970001, '2022-03-01', 'np', '3.1', '2022-03-10'),
	(99700002, 9970002, '2022-03-01', 'np', '3.1', '2022-03-10'),
	(99700003, 9970002, '2022-04-01', 'np', NULL, NULL);
CREATE ROLE govinfo_h_reader;
CREATE ROLE govinfo_h_hostile;
SELECT govinfo.grant_access('govinfo_h_reader', 'thst-a', 'read');

-- the hostile role's schema: functions and operators that raise XH001 when anything calls them
CREATE SCHEMA hostile_h AUTHORIZATION govinfo_h_hostile;
SET ROLE govinfo_h_hostile;
CREATE FUNCTION hostile_h.captured() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'captured as %', current_user USING ERRCODE = 'XH001'; END $$;
CREATE FUNCTION hostile_h.unnest(text[]) RETURNS SETOF text LANGUAGE sql AS $$ SELECT 'html' WHERE hostile_h.captured() $$;
CREATE FUNCTION hostile_h.clock_timestamp() RETURNS timestamptz LANGUAGE sql AS $$ SELECT now() WHERE hostile_h.captured() $$;
CREATE FUNCTION hostile_h.round(numeric, integer) RETURNS numeric LANGUAGE sql AS $$ SELECT 0::numeric WHERE hostile_h.captured() $$;
CREATE FUNCTION hostile_h.text_eq(text, text) RETURNS boolean LANGUAGE sql AS $$ SELECT hostile_h.captured() $$;
CREATE OPERATOR hostile_h.= (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile_h.text_eq);
CREATE OPERATOR hostile_h.<> (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile_h.text_eq);
CREATE FUNCTION hostile_h.int8_eq(bigint, bigint) RETURNS boolean LANGUAGE sql AS $$ SELECT hostile_h.captured() $$;
CREATE OPERATOR hostile_h.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = hostile_h.int8_eq);
RESET ROLE;

-- generate_reports (a procedure: it commits, so it cannot SET search_path) called by the owner with
-- the hostile schema on its path. In this test's transaction its first COMMIT is 2D000: everything
-- before it (the argument checks, the refresh of the derived reports, the new run) ran by then.
CREATE FUNCTION pg_temp.generate_with_path(path text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_catalog.set_config('search_path', path, true);
	CALL govinfo.generate_reports(2022);
END $$;
SELECT throws_ok($$SELECT pg_temp.generate_with_path('hostile_h, public')$$, '2D000', NULL,
	'generate_reports: hostile_h.unnest(text[]) on the path (after the implicit pg_catalog) is not called');
SELECT throws_ok($$SELECT pg_temp.generate_with_path('hostile_h, pg_catalog, public')$$, '2D000', NULL,
	'generate_reports: nothing of a schema ahead of pg_catalog is called (unnest, =, <>, clock_timestamp)');
SELECT is((SELECT count(*) FROM govinfo.generate_run), 0::bigint, 'generate_reports: rolled back, no run left');

-- a resumed run (the loop: generate_batch, the progress UPDATE, round() in the NOTICE) with the
-- hostile schema first: the run row is there, so the procedure goes straight to the loop
INSERT INTO govinfo.generate_run (year, formats, lang, agency_code, total) VALUES (2022, '{html}', 'zh', NULL, 2);
SELECT throws_ok($$SELECT pg_temp.generate_with_path('hostile_h, pg_catalog, public')$$, '2D000', NULL,
	'generate_reports: a resumed run calls nothing of a schema ahead of pg_catalog');

-- every view of govinfo reads with the querying role's rights (security_invoker) or filters by it
-- (access_grants): a role granted SELECT on a view never sees more than on its tables
SELECT is(
	(SELECT pg_catalog.array_agg(c.relname::text ORDER BY c.relname) FROM pg_catalog.pg_class c
	 WHERE c.relnamespace = 'govinfo'::regnamespace AND c.relkind = 'v'
	   AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)),
	ARRAY['access_grants'],
	'every view but access_grants (which filters by the role) is security_invoker');
GRANT SELECT ON govinfo.application_deadline, govinfo.application_consultation_workdays,
	govinfo.unmatched_published_reports, govinfo.published_violations TO govinfo_h_reader;
INSERT INTO govinfo.application_consultation (application_id, started_on, ended_on) VALUES
	(99700001, '2022-03-02', '2022-03-04'), (99700002, '2022-03-02', '2022-03-04');
SET ROLE govinfo_h_reader;
SELECT is((SELECT pg_catalog.array_agg(d.application_id ORDER BY d.application_id) FROM govinfo.application_deadline d
	WHERE d.application_id BETWEEN 99700001 AND 99700003), ARRAY[99700001::bigint],
	'application_deadline granted to a reader of A: A''s application only');
SELECT is((SELECT pg_catalog.array_agg(w.application_id ORDER BY w.application_id) FROM govinfo.application_consultation_workdays w
	WHERE w.application_id BETWEEN 99700001 AND 99700003), ARRAY[99700001::bigint],
	'application_consultation_workdays granted to a reader of A: A''s consultations only');
RESET ROLE;

-- The role acting inside a security-restricted operation. ANALYZE (also VACUUM, CREATE INDEX, CLUSTER,
-- REFRESH MATERIALIZED VIEW, autovacuum) runs a table's index expressions as the table's owner; the
-- owner of a table, a publisher of A only, has an index expression call reopen_report on B's report.
-- Inside reopen_report (SECURITY DEFINER) the outer role is the one running ANALYZE (here the
-- superuser, for autovacuum the bootstrap superuser): taking it as the role acting would reopen B.
DO $$ BEGIN PERFORM govinfo.refresh_report('thst-b', 2022); PERFORM govinfo.publish_report('thst-b', 2022); END $$;
CREATE ROLE govinfo_h_pub;
SELECT govinfo.grant_access('govinfo_h_pub', 'thst-a', 'publish');
GRANT USAGE, CREATE ON SCHEMA hostile_h TO govinfo_h_pub;
SET ROLE govinfo_h_pub;
CREATE TABLE hostile_h.bait (x integer);
CREATE FUNCTION hostile_h.reopen_b(x integer) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	BEGIN
		PERFORM govinfo.reopen_report('thst-b', 2022, 'reopened by an index expression');
	EXCEPTION WHEN OTHERS THEN
		NULL;
	END;
	RETURN x;
END $$;
INSERT INTO hostile_h.bait SELECT g FROM generate_series(1, 10) g;
CREATE INDEX bait_reopen ON hostile_h.bait (hostile_h.reopen_b(x));
RESET ROLE;
SELECT isnt((SELECT r.published_at FROM govinfo.annual_report r WHERE r.agency_id = 9970002 AND r.year = 2022), NULL,
	'reopen_report from an index expression, as the publisher of A: B stays published');
ANALYZE hostile_h.bait;
SELECT isnt((SELECT r.published_at FROM govinfo.annual_report r WHERE r.agency_id = 9970002 AND r.year = 2022), NULL,
	'ANALYZE by the superuser runs the index expression: B stays published');
SELECT is((SELECT count(*) FROM govinfo.report_version v WHERE v.agency_id = 9970002), 0::bigint,
	'ANALYZE by the superuser runs the index expression: no version of B kept');
SET ROLE govinfo_h_pub;
SELECT throws_ok($$SELECT govinfo.reopen_report('thst-b', 2022, 'directly')$$, '42501', NULL,
	'reopen_report of B called directly by the publisher of A: 42501');
RESET ROLE;

-- access_grants (SELECT granted with read) filters by the role; a cheap leaky condition of the
-- reader's query, evaluated before that filter, would see every grant (here it copies what it sees)
CREATE ROLE govinfo_h_other;
SELECT govinfo.grant_access('govinfo_h_other', 'thst-b', 'edit');
CREATE TABLE public.govinfo_h_leaked (role text);
GRANT INSERT, SELECT ON public.govinfo_h_leaked TO govinfo_h_reader;
CREATE FUNCTION public.govinfo_h_leak(r text) RETURNS boolean LANGUAGE plpgsql COST 0.0001 AS $$
BEGIN INSERT INTO public.govinfo_h_leaked VALUES (r); RETURN true; END $$;
SELECT ok((SELECT 'security_barrier=true' = ANY (c.reloptions) FROM pg_catalog.pg_class c WHERE c.oid = 'govinfo.access_grants'::regclass),
	'access_grants is a security barrier');
SET ROLE govinfo_h_reader;
SELECT is((SELECT pg_catalog.array_agg(g.role) FROM govinfo.access_grants g WHERE public.govinfo_h_leak(g.role)), ARRAY['govinfo_h_reader'],
	'access_grants: a reader sees its own grant');
SELECT is((SELECT count(*) FROM public.govinfo_h_leaked l WHERE l.role = 'govinfo_h_other'), 0::bigint,
	'access_grants: a leaky condition of the reader''s query never sees another role''s grant');
RESET ROLE;

-- arguments out of range of the functions PUBLIC may call: the counts of a histogram that add up to
-- more than a bigint gave a wrapped total and a wrong percentile
SELECT throws_ok($$SELECT govinfo.workdays_percentile(ARRAY[9223372036854775807, 9223372036854775807, 1]::bigint[], 0.5)$$,
	'22003', NULL, 'workdays_percentile: counts adding up past bigint are refused (22003)');
SELECT lives_ok($$SELECT govinfo.workdays_percentile(ARRAY[4611686018427387903, 4611686018427387903]::bigint[], 0.5)$$,
	'workdays_percentile: counts adding up to just under 2^63 are read');

-- application_row_valid (the CHECK of application, so PUBLIC may execute it) adds the span of the
-- row it checks to the inserting statement's set; called directly inside an editor's INSERT with
-- another agency, it made the statement lock that agency's row and log rows never inserted there
CREATE ROLE govinfo_h_editor;
SELECT govinfo.grant_access('govinfo_h_editor', 'thst-a', 'edit');
SET ROLE govinfo_h_editor;
SELECT lives_ok($$INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on)
	SELECT 9970001, DATE '2022-05-01', 'np', '3.1', DATE '2022-05-10'
	FROM (SELECT govinfo.application_row_valid(9970002, DATE '2022-05-01', NULL, DATE '2022-05-10', true, NULL, NULL, 'np', '3.1') AS x OFFSET 0) f
	WHERE f.x$$, 'an editor of A inserts a row of A, calling application_row_valid with B in the same statement');
RESET ROLE;
SELECT is((SELECT pg_catalog.array_agg(l.agency_id ORDER BY l.agency_id) FROM govinfo.audit_log l
	WHERE l.table_name = 'application' AND l.current_user_name = 'govinfo_h_editor'), ARRAY[9970001::bigint],
	'the audit log has the insert into A only, no forged entry of B');


-- 0.10.0: visible_agencies, has_access and check_access answer for the caller's own roles only; a reader
-- no longer learns which agencies another role may read
CREATE ROLE govinfo_h_group;
GRANT govinfo_h_group TO govinfo_h_reader;
SELECT govinfo.grant_access('govinfo_h_group', 'thst-b', 'edit');
SET ROLE govinfo_h_reader;
SELECT throws_ok($$SELECT govinfo.visible_agencies('read', 'govinfo_h_other')$$, '42501',
	'role "govinfo_h_reader" may not list the agencies of role "govinfo_h_other"',
	'a reader cannot list the agencies another role may read (42501)');
SELECT throws_ok($$SELECT govinfo.has_access(9970002, 'read', 'govinfo_h_other')$$, '42501', NULL,
	'nor ask has_access about another role');
SELECT throws_ok($$SELECT govinfo.check_access(9970002, 'edit', 'govinfo_h_other')$$, '42501',
	'role "govinfo_h_reader" may not list the agencies of role "govinfo_h_other"',
	'nor check_access (its 42501 says why, not whether the other role has the access)');
SELECT is(govinfo.visible_agencies('read', current_user), '{9970001,9970002}'::bigint[],
	'a reader lists its own agencies (its grant and its group''s)');
SELECT is(govinfo.visible_agencies('edit', 'govinfo_h_group'), '{9970002}'::bigint[],
	'and those of a role whose privileges it has');
SELECT ok(govinfo.has_access(9970001, 'read', current_user) AND NOT govinfo.has_access(9970001, 'edit', current_user),
	'has_access answers for the caller');
SELECT is((SELECT count(*) FROM govinfo.application WHERE agency_id = 9970002), 2::bigint,
	'row-level security still reads through the kept sets (B''s rows through the group''s grant)');
RESET ROLE;
SELECT is(govinfo.visible_agencies('edit', 'govinfo_h_other'), '{9970002}'::bigint[], 'the owner lists any role''s agencies');

SELECT * FROM finish();
ROLLBACK;
