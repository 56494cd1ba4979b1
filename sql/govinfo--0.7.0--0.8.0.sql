-- govinfo 0.7.0 -> 0.8.0: refresh_reports reads the derivation in parallel; speed work on the derived reports.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.8.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Refresh: the derivation read by RETURN QUERY, in parallel (#12)
--------------------------------------------------------------------------
-- stale_reports: the derived reports a refresh would write (new in 0.8.0). Executable by PUBLIC, like
-- subtree_agencies: it reads through derived_reports and annual_report, whose privileges and row-level
-- security apply to the caller
CREATE FUNCTION @extschema@.stale_reports(year integer, only_agency bigint DEFAULT NULL)
	RETURNS TABLE(agency_id bigint, disclosures @extschema@.disclosure_figures,
		requests @extschema@.request_figures, appeals @extschema@.appeal_figures)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RETURN QUERY
	SELECT d.agency_id, d.disclosures, d.requests, d.appeals
	FROM @extschema@.derived_reports(stale_reports.year, only_agency) d
	LEFT JOIN @extschema@.annual_report s ON s.agency_id OPERATOR(pg_catalog.=) d.agency_id
		AND s.year OPERATOR(pg_catalog.=) stale_reports.year
	WHERE s.agency_id IS NULL
	   OR s.published_at IS NULL
	      AND NOT (s.source OPERATOR(pg_catalog.=) 'derived'
	           AND coalesce(s.requests OPERATOR(@extschema@.=) d.requests, s.requests IS NULL AND d.requests IS NULL)
	           AND coalesce(s.appeals OPERATOR(@extschema@.=) d.appeals, s.appeals IS NULL AND d.appeals IS NULL)
	           AND coalesce(s.disclosures OPERATOR(@extschema@.=) d.disclosures, s.disclosures IS NULL AND d.disclosures IS NULL));
END
$$;
-- store_derived: the owner's rights and the editable agencies found once, not per derived report
CREATE OR REPLACE FUNCTION @extschema@.store_derived(year integer, only_agency bigint DEFAULT NULL)
	RETURNS bigint
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	written bigint;
	-- the agencies the caller may edit (row-level security lets it read more); NULL: all of them
	editable bigint[];
BEGIN
	IF NOT @extschema@.has_owner_rights(current_user) THEN
		editable := coalesce(@extschema@.visible_agencies('edit', current_user), '{}');
	END IF;
	-- in agency order: report rows are locked in that order, and the carry-over triggers, which fire
	-- in the same order once the statement is done, lock the agency rows in that order. A published
	-- report, or one stored with these figures, is not even proposed (as stale_reports' snapshot has it):
	-- no BEFORE trigger, no row lock; the ON CONFLICT clause decides on the latest version
	INSERT INTO @extschema@.annual_report AS r (agency_id, year, disclosures, requests, appeals, source)
	SELECT d.agency_id, store_derived.year, d.disclosures, d.requests, d.appeals, 'derived'
	FROM @extschema@.stale_reports(store_derived.year, only_agency) d
	WHERE editable IS NULL OR d.agency_id IN (SELECT unnest(editable))
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
-- (end of section 1)
