-- govinfo 0.5.0 -> 0.6.0: speed of the import of published reports, of the warehouse's access checks
-- and roll-ups, of deadlines, and of derived reports on data in arrival order; scale-out with postgres_fdw.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.6.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Published reports (parser and import)
--------------------------------------------------------------------------
-- (end of section 1)

--------------------------------------------------------------------------
-- 2. The warehouse (access, roll-ups, audit)
--------------------------------------------------------------------------
-- The row-level security policies test the visible set each backend keeps per (user, level) in C
-- (src/access.c) instead of a hashed subplan over visible_agencies per statement
CREATE FUNCTION @extschema@.agency_access_support(internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
-- whether the current user may read (edit) an agency's data: the test of the policies
CREATE FUNCTION @extschema@.agency_readable(agency_id bigint) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE SUPPORT @extschema@.agency_access_support;
CREATE FUNCTION @extschema@.agency_editable(agency_id bigint) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE SUPPORT @extschema@.agency_access_support;
-- the agencies the current user may read (edit), ascending
CREATE FUNCTION @extschema@.readable_agency_ids() RETURNS bigint[]
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.editable_agency_ids() RETURNS bigint[]
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
-- statement trigger of access_grant and agency: every backend's kept sets are stale
CREATE FUNCTION @extschema@.agency_access_changed() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE TRIGGER access_grant_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.access_grant
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.agency_access_changed();
CREATE TRIGGER agency_access_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.agency
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.agency_access_changed();
REVOKE EXECUTE ON FUNCTION @extschema@.agency_access_changed() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.agency_access_support(internal) FROM PUBLIC;

DO $do$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['annual_report', 'report_version', 'application', 'appeal_case', 'normative_document',
	                         'decision_count', 'fee_receipt', 'published_report'] LOOP
		EXECUTE format('DROP POLICY %1$s_read ON @extschema@.%1$I', t);
		EXECUTE format('DROP POLICY %1$s_insert ON @extschema@.%1$I', t);
		EXECUTE format('DROP POLICY %1$s_update ON @extschema@.%1$I', t);
		EXECUTE format('DROP POLICY %1$s_delete ON @extschema@.%1$I', t);
		EXECUTE format($p$CREATE POLICY %1$s_read ON @extschema@.%1$I FOR SELECT
			USING (@extschema@.agency_readable(agency_id))$p$, t);
		EXECUTE format($p$CREATE POLICY %1$s_insert ON @extschema@.%1$I FOR INSERT
			WITH CHECK (@extschema@.agency_editable(agency_id))$p$, t);
		EXECUTE format($p$CREATE POLICY %1$s_update ON @extschema@.%1$I FOR UPDATE
			USING (@extschema@.agency_editable(agency_id))
			WITH CHECK (@extschema@.agency_editable(agency_id))$p$, t);
		EXECUTE format($p$CREATE POLICY %1$s_delete ON @extschema@.%1$I FOR DELETE
			USING (@extschema@.agency_editable(agency_id))$p$, t);
	END LOOP;
END
$do$;
DROP POLICY audit_log_read ON @extschema@.audit_log;
CREATE POLICY audit_log_read ON @extschema@.audit_log FOR SELECT
	USING (@extschema@.agency_readable(agency_id));
DROP POLICY application_consultation_read ON @extschema@.application_consultation;
DROP POLICY application_consultation_write ON @extschema@.application_consultation;
CREATE POLICY application_consultation_read ON @extschema@.application_consultation FOR SELECT
	USING (application_id IN (SELECT a.application_id FROM @extschema@.application a
		WHERE @extschema@.agency_readable(a.agency_id)));
CREATE POLICY application_consultation_write ON @extschema@.application_consultation FOR ALL
	USING (application_id IN (SELECT a.application_id FROM @extschema@.application a
		WHERE @extschema@.agency_editable(a.agency_id)))
	WITH CHECK (application_id IN (SELECT a.application_id FROM @extschema@.application a
		WHERE @extschema@.agency_editable(a.agency_id)));

-- the roll-ups run with jit off (the recursive queries' estimates made them JIT-compile for seconds)
ALTER FUNCTION @extschema@.rollup_sources(text, integer, text) SET jit = off;
ALTER FUNCTION @extschema@.rollup_report(text, integer, text) SET jit = off;
ALTER FUNCTION @extschema@.rollup_differences(integer) SET jit = off;

-- the audit log records adopt_published's INSERT as 'adopt'
-- adopt_published's mark: its INSERT of that report is logged as 'adopt' (only inside a SECURITY
-- DEFINER function of the tables' owner; 42501 elsewhere)
CREATE FUNCTION @extschema@.audit_adopt_next(agency_id bigint, year integer) RETURNS void
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE STRICT;
REVOKE EXECUTE ON FUNCTION @extschema@.audit_adopt_next(bigint, integer) FROM PUBLIC;
CREATE OR REPLACE FUNCTION @extschema@.adopt_published(published_report_id bigint) RETURNS void
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	p @extschema@.published_report;
	who name := @extschema@.acting_role();
	owner boolean := @extschema@.has_owner_rights(@extschema@.acting_role());
BEGIN
	SELECT * INTO p FROM @extschema@.published_report r WHERE r.id OPERATOR(pg_catalog.=) published_report_id;
	IF NOT FOUND OR NOT (owner OR (p.agency_id IS NOT NULL AND @extschema@.has_access(p.agency_id, 'read', who))) THEN
		RAISE EXCEPTION 'published report % does not exist', published_report_id
			USING ERRCODE = 'undefined_object', HINT = 'govinfo.published_report lists them by id.';
	END IF;
	IF p.agency_id IS NULL THEN
		RAISE EXCEPTION 'published report % (%) is not matched to an agency', p.id, coalesce(p.agency_name, 'no agency name')
			USING ERRCODE = 'object_not_in_prerequisite_state',
				HINT = 'Set its agency_id (govinfo.unmatched_published_reports lists such reports).';
	END IF;
	IF NOT owner THEN
		PERFORM @extschema@.check_access(p.agency_id, 'edit', who);
	END IF;
	IF p.year IS NULL OR p.format IS NULL OR NOT p.complete OR p.requests IS NULL OR p.appeals IS NULL THEN
		RAISE EXCEPTION 'published report % of agency "%" is incomplete', p.id, p.agency_name
			USING ERRCODE = 'object_not_in_prerequisite_state',
				DETAIL = 'Only a copy whose three tables were read in full can become the agency''s report; its warnings say what is missing.';
	END IF;
	PERFORM @extschema@.audit_adopt_next(p.agency_id, p.year);
	INSERT INTO @extschema@.annual_report (agency_id, year, format, disclosures, requests, appeals,
		overview, problems, other_matters, source)
	VALUES (p.agency_id, p.year, p.format, p.disclosures,
		@extschema@.complete(p.requests), @extschema@.complete(p.appeals), p.overview, p.problems, p.other_matters, 'imported');
END
$$;
-- the roll-ups take their subtrees from the agency tree each backend keeps in C (src/agency_subtree.c,
-- invalidated with the access sets) instead of a recursive walk in SQL
-- an agency and every agency under it in tree order (contributors: only those not flagged
-- reports_rollup); needs SELECT on agency; empty for an unknown id
CREATE FUNCTION @extschema@.subtree_agencies(agency_id bigint, contributors boolean) RETURNS bigint[]
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
-- whether an agency is in that list of root's
CREATE FUNCTION @extschema@.subtree_contains(root bigint, agency_id bigint, contributors boolean) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
CREATE OR REPLACE FUNCTION @extschema@.rollup_sources(agency_code text, year integer, source text DEFAULT 'best')
	RETURNS TABLE(agency_id bigint, code text, source_used text, disclosures @extschema@.disclosure_figures,
		requests @extschema@.request_figures, appeals @extschema@.appeal_figures)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
	SET jit = off
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
		WITH contrib AS MATERIALIZED (
			SELECT g.agency_id, g.code FROM pg_catalog.unnest(@extschema@.subtree_agencies(a, true)) u(agency_id)
				JOIN @extschema@.agency g ON g.agency_id = u.agency_id),
		pub AS (
			SELECT DISTINCT ON (p.agency_id) p.agency_id, p.disclosures, p.requests, p.appeals FROM @extschema@.published_report p
			WHERE p.year = rollup_sources.year AND p.agency_id IN (SELECT c.agency_id FROM contrib c)
			ORDER BY p.agency_id, p.imported_at DESC, p.id DESC)
		SELECT c.agency_id, c.code, CASE WHEN p.agency_id IS NOT NULL THEN 'published' END, p.disclosures, p.requests, p.appeals
		FROM contrib c LEFT JOIN pub p ON p.agency_id = c.agency_id;
		RETURN;
	END IF;
	RETURN QUERY
	WITH contrib AS MATERIALIZED (
		SELECT g.agency_id, g.code FROM pg_catalog.unnest(@extschema@.subtree_agencies(a, true)) u(agency_id)
			JOIN @extschema@.agency g ON g.agency_id = u.agency_id),
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
	WITH contrib AS MATERIALIZED (
		SELECT g.agency_id, g.code FROM pg_catalog.unnest(@extschema@.subtree_agencies(a, true)) u(agency_id)
			JOIN @extschema@.agency g ON g.agency_id = u.agency_id
		WHERE rollup_sources.source = 'derived' OR NOT EXISTS (SELECT 1 FROM @extschema@.annual_report r
		                                    WHERE r.agency_id = g.agency_id AND r.year = rollup_sources.year)),
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
CREATE OR REPLACE FUNCTION @extschema@.rollup_report(agency_code text, year integer, source text DEFAULT 'best')
	RETURNS TABLE(disclosures @extschema@.disclosure_figures, requests @extschema@.request_figures,
		appeals @extschema@.appeal_figures, agencies integer, agencies_missing integer)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
	SET jit = off
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	n integer;
BEGIN
	IF source = 'stored' THEN
		-- summed in the join, without handing every contributor's figures over (bench/warehouse.sh)
		-- a large subtree: a scan of the year's reports with a range test per row (a join of ~20,000
		-- ids with the reports spilled its hash); a small one: an index probe per contributor. A
		-- report row-level security hides is missing either way.
		n := pg_catalog.cardinality(@extschema@.subtree_agencies(a, true));
		IF n > 1000 THEN
			RETURN QUERY
			SELECT @extschema@.sum(r.disclosures), @extschema@.sum(r.requests), @extschema@.sum(r.appeals),
				n, (n OPERATOR(pg_catalog.-) count(*))::integer
			FROM @extschema@.annual_report r
			WHERE r.year = rollup_report.year AND @extschema@.subtree_contains(a, r.agency_id, true);
			RETURN;
		END IF;
		RETURN QUERY
		SELECT @extschema@.sum(r.disclosures), @extschema@.sum(r.requests), @extschema@.sum(r.appeals),
			count(*)::integer, (count(*) FILTER (WHERE r.agency_id IS NULL))::integer
		FROM pg_catalog.unnest(@extschema@.subtree_agencies(a, true)) t(agency_id)
			LEFT JOIN @extschema@.annual_report r ON r.agency_id = t.agency_id AND r.year = rollup_report.year;
		RETURN;
	END IF;
	RETURN QUERY
	SELECT @extschema@.sum(s.disclosures), @extschema@.sum(s.requests), @extschema@.sum(s.appeals),
		count(*)::integer, (count(*) FILTER (WHERE s.source_used IS NULL))::integer
	FROM @extschema@.rollup_sources(agency_code, year, source) s;
END
$$;
CREATE OR REPLACE FUNCTION @extschema@.rollup_differences(year integer)
	RETURNS TABLE(agency_code text, part integer, row_code text, column_code text, reported numeric, recomputed numeric)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
	SET jit = off
AS $$
BEGIN
	RETURN QUERY
	WITH roots AS MATERIALIZED (
		-- each roll-up agency with its stored report, else its latest imported published report
		SELECT g.agency_id AS root, g.code,
			CASE WHEN r.agency_id IS NOT NULL THEN r.disclosures ELSE p.disclosures END AS disclosures,
			CASE WHEN r.agency_id IS NOT NULL THEN r.requests ELSE p.requests END AS requests,
			CASE WHEN r.agency_id IS NOT NULL THEN r.appeals ELSE p.appeals END AS appeals
		FROM @extschema@.agency g
			LEFT JOIN @extschema@.annual_report r ON r.agency_id = g.agency_id AND r.year = rollup_differences.year
			LEFT JOIN LATERAL (
				SELECT x.disclosures, x.requests, x.appeals FROM @extschema@.published_report x
				WHERE x.agency_id = g.agency_id AND x.year = rollup_differences.year AND r.agency_id IS NULL
				ORDER BY x.imported_at DESC, x.id DESC LIMIT 1) p ON true
		WHERE g.reports_rollup AND (r.agency_id IS NOT NULL OR p.requests IS NOT NULL OR p.appeals IS NOT NULL
			OR p.disclosures IS NOT NULL)),
	-- a root is flagged reports_rollup, so its contributors are those under it
	contrib AS MATERIALIZED (
		SELECT roots.root, u.agency_id FROM roots, pg_catalog.unnest(@extschema@.subtree_agencies(roots.root, true)) u(agency_id)),
	-- summed in the join (no contributor's figures are handed over): stored reports first, then
	-- derived, then published ('best')
	stored_sums AS (
		SELECT c.root, @extschema@.sum(r.disclosures) AS disclosures, @extschema@.sum(r.requests) AS requests,
			@extschema@.sum(r.appeals) AS appeals
		FROM contrib c JOIN @extschema@.annual_report r ON r.agency_id = c.agency_id AND r.year = rollup_differences.year
		GROUP BY c.root),
	missing AS MATERIALIZED (
		SELECT c.root, c.agency_id FROM contrib c
		WHERE NOT EXISTS (SELECT 1 FROM @extschema@.annual_report r WHERE r.agency_id = c.agency_id AND r.year = rollup_differences.year)),
	derived AS MATERIALIZED (
		SELECT m.root, m.agency_id, d.disclosures, d.requests, d.appeals
		FROM missing m JOIN @extschema@.derived_reports(rollup_differences.year) d ON d.agency_id = m.agency_id
		WHERE EXISTS (SELECT 1 FROM missing)),
	derived_sums AS (
		SELECT d.root, @extschema@.sum(d.disclosures) AS disclosures, @extschema@.sum(d.requests) AS requests,
			@extschema@.sum(d.appeals) AS appeals
		FROM derived d GROUP BY d.root),
	published_sums AS (
		SELECT m.root, @extschema@.sum(p.disclosures) AS disclosures, @extschema@.sum(p.requests) AS requests,
			@extschema@.sum(p.appeals) AS appeals
		FROM missing m
			CROSS JOIN LATERAL (
				SELECT x.disclosures, x.requests, x.appeals FROM @extschema@.published_report x
				WHERE x.agency_id = m.agency_id AND x.year = rollup_differences.year
				ORDER BY x.imported_at DESC, x.id DESC LIMIT 1) p
		WHERE NOT EXISTS (SELECT 1 FROM derived d WHERE d.agency_id = m.agency_id)
		GROUP BY m.root),
	sums AS (
		SELECT x.root, @extschema@.sum(x.disclosures) AS disclosures, @extschema@.sum(x.requests) AS requests,
			@extschema@.sum(x.appeals) AS appeals
		FROM (SELECT * FROM stored_sums UNION ALL SELECT * FROM derived_sums UNION ALL SELECT * FROM published_sums) x
		GROUP BY x.root)
	SELECT roots.code, d.part, d.row_code, d.column_code, d.reported, d.recomputed
	FROM roots LEFT JOIN sums ON sums.root = roots.root,
		LATERAL @extschema@.figures_differences(roots.disclosures, sums.disclosures, roots.requests, sums.requests,
			roots.appeals, sums.appeals) d
	ORDER BY roots.code, d.part, d.row_code, d.column_code;
END
$$;
-- (end of section 2)

--------------------------------------------------------------------------
-- 3. Working days and deadlines
--------------------------------------------------------------------------
-- (end of section 3)

--------------------------------------------------------------------------
-- 4. Derived reports and the insert path on data in arrival order
--------------------------------------------------------------------------
-- (end of section 4)

--------------------------------------------------------------------------
-- 5. Scale-out with postgres_fdw
--------------------------------------------------------------------------
-- (end of section 5)
