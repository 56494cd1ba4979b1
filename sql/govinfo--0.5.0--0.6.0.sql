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
