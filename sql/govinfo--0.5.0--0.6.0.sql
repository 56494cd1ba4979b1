-- govinfo 0.5.0 -> 0.6.0: speed of the import of published reports, of the warehouse's access checks
-- and roll-ups, of deadlines, and of derived reports on data in arrival order; scale-out with postgres_fdw.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.6.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Published reports (parser and import)
--------------------------------------------------------------------------
-- the audit entries of published reports leave the raw document out of the logged rows (its
-- document_sha256 names it): an import no longer copies, escapes, parses and compresses it a second time
DROP TRIGGER published_report_audit ON @extschema@.published_report;
CREATE TRIGGER published_report_audit AFTER INSERT OR UPDATE OR DELETE ON @extschema@.published_report
	FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row('id', '-document');

-- the title and the agency are given as printed (published punctuation); import_report matches the
-- printed name against agency.name as stored, else on both names normalized (agency_name_key, indexed)
-- an agency's name as the parser reads it, without spaces: a printed name matches agency.name written with
-- other punctuation (（） or ()) or in traditional characters
CREATE FUNCTION @extschema@.agency_name_key(name text) RETURNS text
	AS 'MODULE_PATHNAME', 'gi_agency_name_key' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.agency_name_key(text) IS 'an agency name simplified, with ASCII punctuation and no spaces: the key import_report matches printed names on';
CREATE INDEX agency_name_key ON @extschema@.agency (@extschema@.agency_name_key(name));

-- parse a published copy and keep it; the same document (same SHA-256 of its UTF-8 text) is kept once
CREATE OR REPLACE FUNCTION @extschema@.import_report(document text, source_url text DEFAULT NULL, agency_code text DEFAULT NULL)
	RETURNS bigint
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	h text := pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(document, 'UTF8')), 'hex');
	p @extschema@.parsed_report;
	a bigint;
	found_id bigint;
BEGIN
	SELECT r.id INTO found_id FROM @extschema@.published_report r WHERE r.document_sha256 OPERATOR(pg_catalog.=) h;
	IF found_id IS NOT NULL THEN
		RETURN found_id;
	END IF;
	p := @extschema@.parse_report(document);
	IF agency_code IS NOT NULL THEN
		a := @extschema@.agency_id(agency_code);
	ELSIF p.agency_name IS NOT NULL THEN
		-- the one agency whose name is the printed name; when none has it, the one whose name reads the same
		-- once both are normalized (agency_name_key); none when no agency or several match
		SELECT CASE WHEN count(*) FILTER (WHERE g.name OPERATOR(pg_catalog.=) p.agency_name) OPERATOR(pg_catalog.=) 1
				THEN min(g.agency_id) FILTER (WHERE g.name OPERATOR(pg_catalog.=) p.agency_name)
			WHEN count(*) FILTER (WHERE g.name OPERATOR(pg_catalog.=) p.agency_name) OPERATOR(pg_catalog.=) 0
				AND count(*) OPERATOR(pg_catalog.=) 1 THEN min(g.agency_id) END
		INTO a FROM @extschema@.agency g
		WHERE @extschema@.agency_name_key(g.name) OPERATOR(pg_catalog.=) @extschema@.agency_name_key(p.agency_name);
	END IF;
	INSERT INTO @extschema@.published_report AS r (agency_id, agency_name, year, format, source_url,
		document_sha256, document, title, published_on, disclosures, requests, appeals, overview,
		problems, other_matters, complete, layout, warnings)
	VALUES (a, p.agency_name, p.year, p.format, source_url, h, document, p.title, p.published_on,
		p.disclosures, p.requests, p.appeals, p.overview, p.problems, p.other_matters,
		coalesce(p.complete, false), coalesce(p.layout, 'none'), coalesce(p.warnings, '[]'))
	ON CONFLICT (document_sha256) DO NOTHING
	RETURNING r.id INTO found_id;
	IF found_id IS NULL THEN
		-- another transaction imported the same document meanwhile
		SELECT r.id INTO found_id FROM @extschema@.published_report r WHERE r.document_sha256 OPERATOR(pg_catalog.=) h;
	END IF;
	RETURN found_id;
END
$$;
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
-- The columns of the view, one small C function each (src/deadline_columns.c): each takes the
-- application's inputs and returns one value; the first call on a row computes the row's deadline and
-- the others are handed it (kept by their inputs), so a row costs one computation, no record
CREATE FUNCTION @extschema@.deadline_due_on(application_id bigint, received_on date, corrected_on date, extended boolean, closed_on date)
	RETURNS date AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_due_on(bigint, date, date, boolean, date) IS 'the due date of an application (条例 articles 30-33); NULL while a consultation of an open application goes on';
CREATE FUNCTION @extschema@.deadline_status(application_id bigint, received_on date, corrected_on date, extended boolean, closed_on date)
	RETURNS text AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_status(bigint, date, date, boolean, date) IS 'the status of an application today: open, open_overdue, closed_on_time or closed_late';
CREATE FUNCTION @extschema@.deadline_workdays_taken(application_id bigint, received_on date, corrected_on date, extended boolean, closed_on date)
	RETURNS integer AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_workdays_taken(bigint, date, date, boolean, date) IS 'the working days a closed application took, its consultations not counted';
CREATE FUNCTION @extschema@.deadline_workdays_late(application_id bigint, received_on date, corrected_on date, extended boolean, closed_on date)
	RETURNS integer AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_workdays_late(bigint, date, date, boolean, date) IS 'the working days a closed application was answered after its due date (0: on time)';
CREATE FUNCTION @extschema@.deadline_consult_workdays(application_id bigint, received_on date, corrected_on date, extended boolean, closed_on date)
	RETURNS integer AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_consult_workdays(bigint, date, date, boolean, date) IS 'the working days of an application''s consultations after its clock start; NULL while one of an open application goes on';

-- One sequential scan of application, no join, no record: conditions on the view stay pushed into the
-- scan, and a row costs one computation of its deadline (bench/CALENDAR.md)
CREATE OR REPLACE VIEW @extschema@.application_deadline AS
SELECT a.application_id, a.agency_id, a.received_on, coalesce(a.corrected_on, a.received_on) AS clock_starts_on,
	@extschema@.deadline_due_on(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS due_on,
	a.closed_on,
	@extschema@.deadline_status(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS status,
	@extschema@.deadline_workdays_taken(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS workdays_taken,
	@extschema@.deadline_workdays_late(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS workdays_late,
	a.extended,
	@extschema@.deadline_consult_workdays(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS consult_workdays
FROM @extschema@.application a;

-- the timeliness rows from the column functions (the deadline computed once per row, no record)
CREATE OR REPLACE FUNCTION @extschema@.timeliness_rows(year integer)
	RETURNS TABLE(agency_id bigint, closed boolean, on_time boolean, extended boolean, workdays_taken integer, open_overdue boolean)
	LANGUAGE sql STABLE
BEGIN ATOMIC
	-- the deadline computed once per candidate row (the column functions share it), on the
	-- applications closed in the year or open at its end; OFFSET 0: the caller's condition on the
	-- agency is not pushed into the scan (for an agency with most of the applications under it, a
	-- lookup per agency would cost far more than this one filtered scan)
	SELECT x.agency_id, x.closed_on <= make_date(timeliness_rows.year, 12, 31), x.closed_on <= x.due_on,
		x.extended, x.workdays_taken, x.closed_on IS NULL OR x.closed_on > make_date(timeliness_rows.year, 12, 31)
	FROM (
		SELECT a.agency_id, a.closed_on, a.extended,
			@extschema@.deadline_due_on(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS due_on,
			@extschema@.deadline_workdays_taken(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS workdays_taken
		FROM @extschema@.application a
		WHERE (a.closed_on BETWEEN make_date(timeliness_rows.year, 1, 1) AND make_date(timeliness_rows.year, 12, 31))
		   OR (a.received_on <= make_date(timeliness_rows.year, 12, 31)
		       AND (a.closed_on IS NULL OR a.closed_on > make_date(timeliness_rows.year, 12, 31)))
		OFFSET 0
	) x
	WHERE (x.closed_on BETWEEN make_date(timeliness_rows.year, 1, 1) AND make_date(timeliness_rows.year, 12, 31))
	   OR x.due_on <= make_date(timeliness_rows.year, 12, 31);
END;

-- histograms of working days taken (src/workdays_hist.c): a bigint[] whose element at subscript v counts
-- the applications that took v working days; summed up the hierarchy, read as percentile_cont reads.
-- SSPACE: an agency's state is about 600 bytes (the planner sizes a hash aggregate by it)
CREATE FUNCTION @extschema@.workdays_hist_add(internal, integer) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.workdays_hist_merge(internal, bigint[]) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.workdays_hist_final(internal) RETURNS bigint[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE @extschema@.workdays_histogram(integer) (
	SFUNC = @extschema@.workdays_hist_add, STYPE = internal, FINALFUNC = @extschema@.workdays_hist_final,
	SSPACE = 600, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.workdays_histogram(integer) IS 'the histogram of working days taken: a bigint[] whose element at subscript v counts the values equal to v';
CREATE AGGREGATE @extschema@.workdays_histogram_sum(bigint[]) (
	SFUNC = @extschema@.workdays_hist_merge, STYPE = internal, FINALFUNC = @extschema@.workdays_hist_final,
	SSPACE = 600, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.workdays_histogram_sum(bigint[]) IS 'the sum of working-days histograms (workdays_histogram)';
CREATE FUNCTION @extschema@.workdays_percentile(histogram bigint[], fraction double precision) RETURNS double precision
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.workdays_percentile(bigint[], double precision) IS 'percentile_cont(fraction) of the values a working-days histogram counts';
REVOKE EXECUTE ON FUNCTION @extschema@.workdays_hist_add(internal, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.workdays_hist_merge(internal, bigint[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.workdays_hist_final(internal) FROM PUBLIC;

-- timeliness_by_agency without planner settings: the hierarchy walked up by primary key, one histogram
-- of working days taken per agency summed up the hierarchy, the last join grouped by the agency's primary key
CREATE OR REPLACE FUNCTION @extschema@.timeliness_by_agency(year integer)
	RETURNS TABLE(agency_id bigint, code text, name text, closed bigint, on_time bigint, on_time_pct numeric,
		extended bigint, median_workdays numeric, p90_workdays numeric, open_overdue bigint)
	LANGUAGE sql STABLE
BEGIN ATOMIC
	WITH RECURSIVE up(agency_id, root) AS (
		-- each agency with itself and each of its ancestors (UNION: a cycle would end)
		SELECT g.agency_id, g.agency_id FROM @extschema@.agency g
		UNION
		SELECT u.agency_id, g.parent_id FROM up u JOIN @extschema@.agency g ON g.agency_id = u.root
		WHERE g.parent_id IS NOT NULL),
	own AS MATERIALIZED (
		SELECT r.agency_id, count(*) FILTER (WHERE r.closed) AS closed,
			count(*) FILTER (WHERE r.closed AND r.on_time) AS on_time,
			count(*) FILTER (WHERE r.closed AND r.extended) AS extended,
			count(*) FILTER (WHERE r.open_overdue) AS open_overdue,
			@extschema@.workdays_histogram(r.workdays_taken) FILTER (WHERE r.closed) AS taken
		FROM @extschema@.timeliness_rows(timeliness_by_agency.year) r
		GROUP BY r.agency_id)
	SELECT s.agency_id, s.code, s.name, s.closed, s.on_time, round(100.0 * s.on_time / nullif(s.closed, 0), 1), s.extended,
		@extschema@.workdays_percentile(s.taken, 0.5)::numeric, @extschema@.workdays_percentile(s.taken, 0.9)::numeric,
		s.open_overdue
	FROM (
		SELECT g.agency_id, g.code, g.name, coalesce(sum(o.closed), 0)::bigint AS closed, coalesce(sum(o.on_time), 0)::bigint AS on_time,
			coalesce(sum(o.extended), 0)::bigint AS extended, coalesce(sum(o.open_overdue), 0)::bigint AS open_overdue,
			@extschema@.workdays_histogram_sum(o.taken) AS taken
		FROM @extschema@.agency g
		LEFT JOIN (up u JOIN own o ON o.agency_id = u.agency_id) ON u.root = g.agency_id
		GROUP BY g.agency_id) s
	ORDER BY s.code;
END;
-- (end of section 3)

--------------------------------------------------------------------------
-- 4. Derived reports and the insert path on data in arrival order
--------------------------------------------------------------------------
-- derived_reports: the five aggregates meet in FULL JOINs (no CTE materialized twice, no UNION of
-- ids), and table 二 is built by one C call instead of a format()ted text parsed back
-- table 二 (2021 format) of a derived report from its counts and fee total (NULL counts as 0;
-- NULL before 2021): what derived_reports builds per agency, without a text value parsed back
CREATE FUNCTION @extschema@.disclosure_figures_derived(year integer, rule_issued bigint, rule_abolished bigint,
		rule_in_force bigint, norm_issued bigint, norm_abolished bigint, norm_in_force bigint,
		licensing bigint, penalty bigint, coercion bigint, fee_yuan numeric)
	RETURNS @extschema@.disclosure_figures AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- the three figures of one report year derived from the records, per agency: every agency with a
-- record that counts in the year, or only only_agency; one set-based pass over each record table
-- BEGIN ATOMIC binds every name when the function is created and there is no SET clause, so the
-- planner inlines the function into its caller: with a known agency the agency range below is one
-- value and each record table is read by index; with NULL it is every agency. The five aggregates
-- meet in FULL JOINs on agency_id (hash joins, nothing materialized twice), and table 二 is built
-- by one C call from its counts (disclosure_figures_derived).
CREATE OR REPLACE FUNCTION @extschema@.derived_reports(year integer, only_agency bigint DEFAULT NULL)
	RETURNS TABLE(agency_id bigint, disclosures @extschema@.disclosure_figures,
		requests @extschema@.request_figures, appeals @extschema@.appeal_figures)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT agency_id,
		@extschema@.disclosure_figures_derived(derived_reports.year, docs.rule_issued, docs.rule_abolished, docs.rule_in_force,
			docs.norm_issued, docs.norm_abolished, docs.norm_in_force, dec.licensing, dec.penalty, dec.coercion, fee.yuan),
		-- an agency with no application in scope: the aggregate over no application, i.e. zeros
		coalesce(req.f, (SELECT @extschema@.request_figures_agg(derived_reports.year, NULL, NULL, NULL, NULL))),
		coalesce(app.f, (SELECT @extschema@.appeal_figures_agg(derived_reports.year, NULL, NULL, NULL, NULL)))
	FROM (
		SELECT a.agency_id, @extschema@.request_figures_agg(derived_reports.year, a.received_on, a.closed_on, a.applicant, a.outcome) AS f
		FROM @extschema@.application a
		WHERE a.received_on < make_date(derived_reports.year + 1, 1, 1)
		  AND coalesce(a.closed_on, 'infinity'::date) >= make_date(derived_reports.year, 1, 1)
		  AND a.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY a.agency_id) req
	FULL JOIN (
		SELECT c.agency_id, @extschema@.appeal_figures_agg(derived_reports.year, c.kind, c.filed_on, c.result, c.concluded_on) AS f
		FROM @extschema@.appeal_case c
		WHERE c.filed_on < make_date(derived_reports.year + 1, 1, 1)
		  AND (c.concluded_on IS NULL OR c.concluded_on >= make_date(derived_reports.year, 1, 1))
		  AND c.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY c.agency_id) app USING (agency_id)
	FULL JOIN (
		SELECT d.agency_id,
			count(*) FILTER (WHERE d.kind = 'rule' AND d.issued_on >= make_date(derived_reports.year, 1, 1)) AS rule_issued,
			count(*) FILTER (WHERE d.kind = 'rule' AND d.abolished_on < make_date(derived_reports.year + 1, 1, 1)) AS rule_abolished,
			count(*) FILTER (WHERE d.kind = 'rule' AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_reports.year + 1, 1, 1))) AS rule_in_force,
			count(*) FILTER (WHERE d.kind = 'normative' AND d.issued_on >= make_date(derived_reports.year, 1, 1)) AS norm_issued,
			count(*) FILTER (WHERE d.kind = 'normative' AND d.abolished_on < make_date(derived_reports.year + 1, 1, 1)) AS norm_abolished,
			count(*) FILTER (WHERE d.kind = 'normative' AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_reports.year + 1, 1, 1))) AS norm_in_force
		FROM @extschema@.normative_document d
		WHERE d.issued_on < make_date(derived_reports.year + 1, 1, 1)
		  AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_reports.year, 1, 1))
		  AND d.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY d.agency_id) docs USING (agency_id)
	FULL JOIN (
		SELECT k.agency_id,
			sum(k.n) FILTER (WHERE k.kind = 'licensing') AS licensing,
			sum(k.n) FILTER (WHERE k.kind = 'penalty') AS penalty,
			sum(k.n) FILTER (WHERE k.kind = 'coercion') AS coercion
		FROM @extschema@.decision_count k
		WHERE k.decided_on >= make_date(derived_reports.year, 1, 1) AND k.decided_on < make_date(derived_reports.year + 1, 1, 1)
		  AND k.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY k.agency_id) dec USING (agency_id)
	FULL JOIN (
		SELECT r.agency_id, sum(r.amount_yuan) AS yuan
		FROM @extschema@.fee_receipt r
		WHERE r.received_on >= make_date(derived_reports.year, 1, 1) AND r.received_on < make_date(derived_reports.year + 1, 1, 1)
		  AND r.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY r.agency_id) fee USING (agency_id)
	-- the one agency asked for is there even with no record in the year
	FULL JOIN (SELECT only_agency AS agency_id WHERE only_agency IS NOT NULL) one USING (agency_id);
END;

-- store the derived figures of report years (all agencies with records, or one), skipping
-- published reports and those whose stored figures already equal the derived ones (source 'derived'):
-- a refresh that changes nothing writes, locks, audits and carries over nothing; returns how many
-- reports were written
CREATE OR REPLACE FUNCTION @extschema@.store_derived(year integer, only_agency bigint DEFAULT NULL)
	RETURNS bigint
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	written bigint;
BEGIN
	-- in agency order: report rows are locked in that order, and the carry-over triggers, which fire
	-- in the same order once the statement is done, lock the agency rows in that order
	INSERT INTO @extschema@.annual_report AS r (agency_id, year, disclosures, requests, appeals, source)
	SELECT d.agency_id, store_derived.year, d.disclosures, d.requests, d.appeals, 'derived'
	FROM @extschema@.derived_reports(store_derived.year, only_agency) d
	LEFT JOIN @extschema@.annual_report s ON s.agency_id OPERATOR(pg_catalog.=) d.agency_id
		AND s.year OPERATOR(pg_catalog.=) store_derived.year
	-- the agencies the caller may edit (row-level security lets it read more)
	WHERE (@extschema@.has_owner_rights(current_user)
	       OR d.agency_id IN (SELECT unnest(@extschema@.visible_agencies('edit', current_user))))
	  -- a published report, or one stored with these figures, is not even proposed (as this statement's
	  -- snapshot has it): no BEFORE trigger, no row lock; the ON CONFLICT clause decides on the latest version
	  AND (s.agency_id IS NULL
	       OR s.published_at IS NULL
	          AND NOT (s.source OPERATOR(pg_catalog.=) 'derived'
	               AND coalesce(s.requests OPERATOR(@extschema@.=) d.requests, s.requests IS NULL AND d.requests IS NULL)
	               AND coalesce(s.appeals OPERATOR(@extschema@.=) d.appeals, s.appeals IS NULL AND d.appeals IS NULL)
	               AND coalesce(s.disclosures OPERATOR(@extschema@.=) d.disclosures, s.disclosures IS NULL AND d.disclosures IS NULL)))
	ORDER BY d.agency_id
	ON CONFLICT ON CONSTRAINT annual_report_pkey DO UPDATE
		SET disclosures = excluded.disclosures, requests = excluded.requests, appeals = excluded.appeals,
			source = 'derived'
		WHERE r.published_at IS NULL
		  AND NOT (r.source OPERATOR(pg_catalog.=) 'derived'
		       AND coalesce(r.requests OPERATOR(@extschema@.=) excluded.requests, r.requests IS NULL AND excluded.requests IS NULL)
		       AND coalesce(r.appeals OPERATOR(@extschema@.=) excluded.appeals, r.appeals IS NULL AND excluded.appeals IS NULL)
		       AND coalesce(r.disclosures OPERATOR(@extschema@.=) excluded.disclosures, r.disclosures IS NULL AND excluded.disclosures IS NULL));
	GET DIAGNOSTICS written = ROW_COUNT;
	RETURN written;
END
$$;
-- (end of section 4)

--------------------------------------------------------------------------
-- 5. Scale-out with postgres_fdw
--------------------------------------------------------------------------
-- No schema change: govinfo's aggregates, types and operators push down to postgres_fdw shards as
-- they are (extensions 'govinfo'); the coordinator's objects are a recipe, not part of the
-- extension (scripts/shards/coordinator.sql, doc/SCALE-OUT.md).
-- (end of section 5)
