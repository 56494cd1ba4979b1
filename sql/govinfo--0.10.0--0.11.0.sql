-- govinfo 0.10.0 -> 0.11.0: published reports (#9); hostile roles.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.11.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Published reports: parser and import (#9)
--------------------------------------------------------------------------
-- (end of section 1)

--------------------------------------------------------------------------
-- 2. Hostile roles
--------------------------------------------------------------------------
-- the entries of access_grant (the grants of every role on the agency) only for the owner: a reader of
-- an agency learned which other roles may read, edit or publish it
ALTER POLICY audit_log_read ON @extschema@.audit_log
	USING (@extschema@.agency_readable(agency_id) AND table_name OPERATOR(pg_catalog.<>) 'access_grant');
-- a role without the owner's rights inserts a published report only through import_report and never
-- changes document or document_sha256 (src/published_guard.c)
CREATE FUNCTION @extschema@.published_report_guard() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
REVOKE EXECUTE ON FUNCTION @extschema@.published_report_guard() FROM PUBLIC;
CREATE TRIGGER published_report_guard BEFORE INSERT OR UPDATE ON @extschema@.published_report
	FOR EACH ROW EXECUTE FUNCTION @extschema@.published_report_guard();
-- (end of section 2)

--------------------------------------------------------------------------
-- 3. Other
--------------------------------------------------------------------------
-- (end of section 3)
