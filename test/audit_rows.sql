-- pgTAP: the audit entries of row writes (audit_row, src/audit.c) hold each row exactly as
-- row_to_json(row)::jsonb has it (0.6.0 builds the jsonb directly, without json text parsed back):
-- annual_report (figures as their text, timestamps, jsonb, NULLs), agency (booleans, bigints),
-- access_grant (regrole, name); and a table with columns the direct path does not cover.
BEGIN;
SET search_path = govinfo, public;
SELECT plan(10);

INSERT INTO agency (agency_id, code, name, region_code, reports_rollup) VALUES (9960001, 'taud-a', 'Audit rows: "quoted" \ name', NULL, true);
INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on) VALUES
	(9960001, '2021-03-01', 'np', '3.1', '2021-03-20'), (9960001, '2021-05-01', 'law', NULL, NULL);
SELECT refresh_report('taud-a', 2021);
UPDATE annual_report SET overview = E'edited: 年度 \t "tab"' WHERE agency_id = 9960001 AND year = 2021;
SELECT ok(publish_report('taud-a', 2021) IS NOT NULL, 'published (published_at and published_records set)');

-- the newest entry of a row against the row as it is now
SELECT is((SELECT new_values FROM audit_log WHERE table_name = 'annual_report' AND agency_id = 9960001 ORDER BY logged_at DESC, audit_id DESC LIMIT 1),
	(SELECT row_to_json(r)::jsonb FROM annual_report r WHERE agency_id = 9960001 AND year = 2021),
	'annual_report: new_values = row_to_json(row)::jsonb (figures, timestamps, jsonb, text)');
SELECT is((SELECT new_values ->> 'requests' FROM audit_log WHERE table_name = 'annual_report' AND agency_id = 9960001 ORDER BY logged_at DESC, audit_id DESC LIMIT 1),
	(SELECT requests::text FROM annual_report WHERE agency_id = 9960001 AND year = 2021), '... the figures as their text');
SELECT is((SELECT jsonb_typeof(new_values -> 'published_records') FROM audit_log WHERE table_name = 'annual_report' AND agency_id = 9960001 ORDER BY logged_at DESC, audit_id DESC LIMIT 1),
	'object', '... a jsonb column as a nested object');
SELECT is((SELECT old_values FROM audit_log WHERE table_name = 'annual_report' AND agency_id = 9960001 AND action = 'UPDATE' ORDER BY logged_at, audit_id LIMIT 1),
	(SELECT new_values FROM audit_log WHERE table_name = 'annual_report' AND agency_id = 9960001 AND action = 'INSERT'),
	'old_values of the first UPDATE = new_values of the INSERT');
SELECT is((SELECT new_values FROM audit_log WHERE table_name = 'agency' AND agency_id = 9960001 ORDER BY logged_at DESC, audit_id DESC LIMIT 1),
	(SELECT row_to_json(a)::jsonb FROM agency a WHERE agency_id = 9960001), 'agency: new_values = row_to_json(row)::jsonb (boolean, NULL, escapes)');

DO $$ BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'govinfo_t_audit') THEN CREATE ROLE govinfo_t_audit; END IF;
END $$;
INSERT INTO access_grant (grantee, agency_id, access, granted_by) VALUES ('govinfo_t_audit', 9960001, 'read', 'someone');
SELECT is((SELECT new_values FROM audit_log WHERE table_name = 'access_grant' AND agency_id = 9960001 ORDER BY logged_at DESC, audit_id DESC LIMIT 1),
	(SELECT row_to_json(g)::jsonb FROM access_grant g WHERE agency_id = 9960001), 'access_grant: new_values = row_to_json(row)::jsonb (regrole, name)');
DELETE FROM access_grant WHERE agency_id = 9960001;
SELECT is((SELECT old_values FROM audit_log WHERE table_name = 'access_grant' AND agency_id = 9960001 AND action = 'revoke'),
	(SELECT new_values FROM audit_log WHERE table_name = 'access_grant' AND agency_id = 9960001 AND action = 'grant'), 'a deleted row: old_values');

-- columns the direct path leaves to row_to_json (a float, an array): the same entry either way
CREATE TEMP TABLE audited (agency_id bigint, year integer, x float8, tags text[], n numeric, j jsonb);
CREATE TRIGGER audited_audit AFTER INSERT ON audited FOR EACH ROW EXECUTE FUNCTION govinfo.audit_row('agency_id');
INSERT INTO audited VALUES (9960001, 2021, 0.1, '{a,"b c"}', 'NaN', '5');
SELECT is((SELECT new_values FROM audit_log WHERE table_name = 'audited'), (SELECT row_to_json(t)::jsonb FROM audited t),
	'a table with float, array, NaN and scalar jsonb columns: new_values = row_to_json(row)::jsonb');
INSERT INTO audited VALUES (9960001, 2022, NULL, NULL, 12.50, '{"k": [1, "x"]}');
SELECT is((SELECT new_values FROM audit_log WHERE table_name = 'audited' AND year = 2022), (SELECT row_to_json(t)::jsonb FROM audited t WHERE year = 2022),
	'... and the direct path for numeric and object jsonb, NULLs');

SELECT * FROM finish();
ROLLBACK;
