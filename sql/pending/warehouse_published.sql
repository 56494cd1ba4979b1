-- PENDING (warehouse, issue #10) — the parts of the warehouse that need govinfo.published_report
-- (import of published reports, issue #9). NOT applied by the build: the lead appends these
-- statements to sql/schema/80_warehouse.sql (after published_report exists, i.e. once 72_import.sql is
-- merged: 80 sorts after 72) and to section 4 of sql/govinfo--0.4.0--0.5.0.sql (after section 2), then
-- removes this file. Until then rollup_report(..., 'published') raises 0A000 and 'best' is stored,
-- else derived.
--
-- What it does:
--   1. row-level security on published_report, like every agency-data table (rows of no agency yet,
--      agency_id NULL, are seen by the owner only);
--   2. the audit trail of published_report, one entry per row (import, adopt, matching an agency);
--   3. grant_access grants SELECT on it with read and INSERT, UPDATE, DELETE with edit
--      (level_privileges); EXECUTE on import_report()/adopt_published() is for the lead to add with
--      the level #9 gives them (import: edit; adopt: publish if it writes a published annual_report,
--      which then only the owner may insert — adopt_published must be SECURITY DEFINER and check
--      govinfo.check_access(agency_id, 'publish', govinfo.acting_role()));
--   4. rollup_sources: source 'published' (the latest import of each contributor) and 'best'
--      (stored, else derived, else published).
-- Not done here: rollup_differences against published reports of the rollup agencies.

ALTER TABLE @extschema@.published_report ENABLE ROW LEVEL SECURITY;
CREATE POLICY published_report_read ON @extschema@.published_report FOR SELECT
	USING (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('read', current_user))));
CREATE POLICY published_report_insert ON @extschema@.published_report FOR INSERT
	WITH CHECK (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('edit', current_user))));
CREATE POLICY published_report_update ON @extschema@.published_report FOR UPDATE
	USING (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('edit', current_user))))
	WITH CHECK (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('edit', current_user))));
CREATE POLICY published_report_delete ON @extschema@.published_report FOR DELETE
	USING (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('edit', current_user))));

CREATE TRIGGER published_report_audit AFTER INSERT OR UPDATE OR DELETE ON @extschema@.published_report
	FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row('id');

CREATE OR REPLACE FUNCTION @extschema@.level_privileges(access text)
	RETURNS TABLE(privilege text, object_type text, object_name text)
	LANGUAGE sql IMMUTABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT p.privilege, p.object_type, p.object_name
	FROM (VALUES
		(1, 'USAGE', 'SCHEMA', '@extschema@'),
		(1, 'SELECT', 'TABLE', '@extschema@.agency'),
		(1, 'SELECT', 'TABLE', '@extschema@.annual_report'),
		(1, 'SELECT', 'TABLE', '@extschema@.report_version'),
		(1, 'SELECT', 'TABLE', '@extschema@.application'),
		(1, 'SELECT', 'TABLE', '@extschema@.appeal_case'),
		(1, 'SELECT', 'TABLE', '@extschema@.normative_document'),
		(1, 'SELECT', 'TABLE', '@extschema@.decision_count'),
		(1, 'SELECT', 'TABLE', '@extschema@.fee_receipt'),
		(1, 'SELECT', 'TABLE', '@extschema@.audit_log'),
		(1, 'SELECT', 'TABLE', '@extschema@.published_report'),
		(1, 'SELECT', 'TABLE', '@extschema@.access_grants'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.visible_agencies(text, name)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.has_access(bigint, text, name)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.check_access(bigint, text, name)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.agency_id(text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.derived_reports(integer, bigint)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.derive_report(text, integer)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_figures(text, integer)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_table2(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_table3(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_table4(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.cell_applications(text, integer, text, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.agency_tree(text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_sources(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_report(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_table2(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_table3(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_table4(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_differences(integer)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_history(text, integer)'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.annual_report'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.application'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.appeal_case'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.normative_document'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.decision_count'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.fee_receipt'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.published_report'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.store_derived(integer, bigint)'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.refresh_report(text, integer)'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.refresh_reports(integer)'),
		(3, 'EXECUTE', 'FUNCTION', '@extschema@.publish_report(text, integer)'),
		(3, 'EXECUTE', 'FUNCTION', '@extschema@.reopen_report(text, integer, text)')) p(rank, privilege, object_type, object_name)
	WHERE p.rank OPERATOR(pg_catalog.<=) @extschema@.access_rank(level_privileges.access)
	ORDER BY p.rank, p.object_type, p.object_name;
END;

CREATE OR REPLACE FUNCTION @extschema@.rollup_sources(agency_code text, year integer, source text DEFAULT 'best')
	RETURNS TABLE(agency_id bigint, code text, source_used text, disclosures @extschema@.disclosure_figures,
		requests @extschema@.request_figures, appeals @extschema@.appeal_figures)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	need_derived boolean;
BEGIN
	IF source NOT IN ('stored', 'derived', 'published', 'best') THEN
		RAISE EXCEPTION 'unknown roll-up source "%"', source
			USING ERRCODE = 'invalid_parameter_value', HINT = 'The sources are stored, derived, published and best.';
	END IF;
	IF source = 'published' THEN
		-- the latest imported published report of each contributor
		RETURN QUERY
		WITH RECURSIVE t(agency_id, code, reports_rollup) AS (
			SELECT g.agency_id, g.code, g.reports_rollup FROM @extschema@.agency g WHERE g.agency_id = a
			UNION ALL
			SELECT c.agency_id, c.code, c.reports_rollup FROM t JOIN @extschema@.agency c ON c.parent_id = t.agency_id),
		contrib AS MATERIALIZED (SELECT t.agency_id, t.code FROM t WHERE NOT t.reports_rollup),
		pub AS (
			SELECT DISTINCT ON (p.agency_id) p.agency_id, p.disclosures, p.requests, p.appeals FROM @extschema@.published_report p
			WHERE p.year = rollup_sources.year AND p.agency_id IN (SELECT c.agency_id FROM contrib c)
			ORDER BY p.agency_id, p.imported_at DESC, p.id DESC)
		SELECT c.agency_id, c.code, CASE WHEN p.agency_id IS NOT NULL THEN 'published' END, p.disclosures, p.requests, p.appeals
		FROM contrib c LEFT JOIN pub p ON p.agency_id = c.agency_id;
		RETURN;
	END IF;
	RETURN QUERY
	WITH RECURSIVE t(agency_id, code, reports_rollup) AS (
		SELECT g.agency_id, g.code, g.reports_rollup FROM @extschema@.agency g WHERE g.agency_id = a
		UNION ALL
		SELECT c.agency_id, c.code, c.reports_rollup FROM t JOIN @extschema@.agency c ON c.parent_id = t.agency_id),
	contrib AS MATERIALIZED (SELECT t.agency_id, t.code FROM t WHERE NOT t.reports_rollup),
	st AS MATERIALIZED (
		SELECT r.agency_id, r.disclosures, r.requests, r.appeals FROM @extschema@.annual_report r
		WHERE rollup_sources.source IN ('stored', 'best') AND r.year = rollup_sources.year AND r.agency_id IN (SELECT c.agency_id FROM contrib c))
	SELECT c.agency_id, c.code, CASE WHEN s.agency_id IS NOT NULL THEN 'stored' END, s.disclosures, s.requests, s.appeals
	FROM contrib c LEFT JOIN st s ON s.agency_id = c.agency_id
	WHERE rollup_sources.source = 'stored' OR s.agency_id IS NOT NULL;
	IF source = 'stored' THEN
		RETURN;
	END IF;
	-- derived: every contributor (source 'derived') or those without a stored report ('best')
	RETURN QUERY
	WITH RECURSIVE t(agency_id, code, reports_rollup) AS (
		SELECT g.agency_id, g.code, g.reports_rollup FROM @extschema@.agency g WHERE g.agency_id = a
		UNION ALL
		SELECT c.agency_id, c.code, c.reports_rollup FROM t JOIN @extschema@.agency c ON c.parent_id = t.agency_id),
	contrib AS MATERIALIZED (
		SELECT t.agency_id, t.code FROM t WHERE NOT t.reports_rollup
		  AND (rollup_sources.source = 'derived' OR NOT EXISTS (SELECT 1 FROM @extschema@.annual_report r
		                                       WHERE r.agency_id = t.agency_id AND r.year = rollup_sources.year))),
	dv AS MATERIALIZED (
		SELECT d.agency_id, d.disclosures, d.requests, d.appeals FROM @extschema@.derived_reports(rollup_sources.year) d
		WHERE EXISTS (SELECT 1 FROM contrib))
	SELECT c.agency_id, c.code,
		CASE WHEN d.agency_id IS NOT NULL THEN 'derived' WHEN p.agency_id IS NOT NULL THEN 'published' END,
		CASE WHEN d.agency_id IS NOT NULL THEN d.disclosures ELSE p.disclosures END,
		CASE WHEN d.agency_id IS NOT NULL THEN d.requests ELSE p.requests END,
		CASE WHEN d.agency_id IS NOT NULL THEN d.appeals ELSE p.appeals END
	FROM contrib c LEFT JOIN dv d ON d.agency_id = c.agency_id
		LEFT JOIN LATERAL (
			SELECT x.agency_id, x.disclosures, x.requests, x.appeals FROM @extschema@.published_report x
			WHERE rollup_sources.source = 'best' AND d.agency_id IS NULL
			  AND x.agency_id = c.agency_id AND x.year = rollup_sources.year
			ORDER BY x.imported_at DESC, x.id DESC LIMIT 1) p ON true;
END
$$;

