-- govinfo 0.9.0 -> 0.10.0: the audit entry of a published report; parser fixes (#9, C only).
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.10.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. The audit entry of a published report (import speed, #9)
--------------------------------------------------------------------------
-- The entry leaves out what parse_report read from the document as text (parts one, five and six, the
-- warnings) as it already left out the document: the logged document_sha256 names it. An UPDATE that
-- changes one of these columns logs its old and new value (audit_row, 0.10.0). Entries already logged
-- stay as they are.
DROP TRIGGER published_report_audit ON @extschema@.published_report;
CREATE TRIGGER published_report_audit AFTER INSERT OR UPDATE OR DELETE ON @extschema@.published_report
	FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row('id', '-document', '-overview', '-problems', '-other_matters', '-warnings');
-- (end of section 1)

--------------------------------------------------------------------------
-- 2. visible_agencies answers only for the caller's own roles (hostile roles)
--------------------------------------------------------------------------
-- It was a SECURITY DEFINER SQL function answering for any role: a reader learned which agencies
-- another role may read. Its query is now visible_agencies_of (the owner's, granted to nobody), and
-- visible_agencies a C function that checks the role calling it and reads visible_agencies_of as the
-- owner (has_access and check_access, which call it, follow). Replaced in place: the policies and
-- has_access keep calling the same function.
CREATE FUNCTION @extschema@.visible_agencies_of(access text, role name) RETURNS bigint[]
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH RECURSIVE g AS (
		SELECT x.agency_id, x.with_descendants FROM @extschema@.access_grant x
		WHERE @extschema@.access_rank(x.access) OPERATOR(pg_catalog.>=) @extschema@.access_rank(visible_agencies_of.access)
		  AND pg_catalog.pg_has_role(visible_agencies_of.role, x.grantee, 'USAGE')),
	t(agency_id) AS (
		SELECT g.agency_id FROM g WHERE g.with_descendants
		UNION
		SELECT c.agency_id FROM @extschema@.agency c JOIN t ON c.parent_id OPERATOR(pg_catalog.=) t.agency_id)
	SELECT coalesce(pg_catalog.array_agg(s.agency_id ORDER BY s.agency_id), '{}')
	FROM (SELECT t.agency_id FROM t UNION SELECT g.agency_id FROM g) s;
END;

-- the same for a role the caller is, or has the rights of, or any role for the owner of govinfo's
-- tables: 42501 otherwise, so that no role learns another's grants (0.10.0; it was SECURITY DEFINER
-- and answered for any role). In C: it checks the role calling it, then reads visible_agencies_of as
-- the owner (src/access_visible.c).
CREATE OR REPLACE FUNCTION @extschema@.visible_agencies(access text, role name) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'gi_visible_agencies' LANGUAGE C STABLE STRICT;

REVOKE EXECUTE ON FUNCTION @extschema@.visible_agencies_of(text, name) FROM PUBLIC;
-- (end of section 2)

--------------------------------------------------------------------------
-- 3. A hybrid report can be imported (#9)
--------------------------------------------------------------------------
-- A report of 2021 or later that prints （六）其他处理 as one row is parsed as format '2019' (its part 三)
-- with part 二 in the 2021 layout (warning hybrid_format); the CHECK wanted part 二 in part 三's format,
-- so import_report refused every such report with 23514. The rows stored already meet the new CHECK.
ALTER TABLE @extschema@.published_report DROP CONSTRAINT published_report_disclosures_format,
	ADD CONSTRAINT published_report_disclosures_format CHECK (@extschema@.format(disclosures) = format
		OR (format = '2019' AND @extschema@.format(disclosures) = '2021' AND year >= 2021));
-- (end of section 3)
