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
-- (end of section 2)

--------------------------------------------------------------------------
-- 3. Working days and deadlines
--------------------------------------------------------------------------
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
-- (end of section 5)
