-- govinfo 0.6.0 -> 0.7.0: the speed targets 0.6.0 missed: the import of published reports in C and the
-- HTML reader, the deadline view, the derived reports' state and read path.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.7.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Published reports (import speed, HTML reader) (#9)
--------------------------------------------------------------------------
-- (end of section 1)

--------------------------------------------------------------------------
-- 2. Working days and deadlines (the deadline view) (#13)
--------------------------------------------------------------------------
-- (end of section 2)

--------------------------------------------------------------------------
-- 3. Derived reports: aggregate state, read path, stored report, sum() (#12)
--------------------------------------------------------------------------
-- 3a. request_figures_agg with a compact state (src/derive_state.c): the aggregate's state type
-- changes (request_figures -> internal), so it is dropped and created again. derived_reports, the one
-- object that depends on it (BEGIN ATOMIC), is first replaced by a body without it, so that the
-- function keeps its identity, privileges and comment, then given its real body again.
CREATE OR REPLACE FUNCTION @extschema@.derived_reports(year integer, only_agency bigint DEFAULT NULL)
	RETURNS TABLE(agency_id bigint, disclosures @extschema@.disclosure_figures,
		requests @extschema@.request_figures, appeals @extschema@.appeal_figures)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT NULL::bigint, NULL::@extschema@.disclosure_figures, NULL::@extschema@.request_figures,
		NULL::@extschema@.appeal_figures WHERE false;
END;
DROP AGGREGATE @extschema@.request_figures_agg(integer, date, date, @extschema@.applicant, @extschema@.outcome);
CREATE FUNCTION @extschema@.request_figures_agg_ctrans(internal, integer, date, date, @extschema@.applicant, @extschema@.outcome)
	RETURNS internal AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_agg_cfinal(internal)
	RETURNS @extschema@.request_figures AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_agg_combine(internal, internal)
	RETURNS internal AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_agg_serial(internal)
	RETURNS bytea AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_agg_deserial(bytea, internal)
	RETURNS internal AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.request_figures_agg(year integer, received_on date, closed_on date,
		applicant @extschema@.applicant, outcome @extschema@.outcome) (
	SFUNC = @extschema@.request_figures_agg_ctrans, STYPE = internal, SSPACE = 160,
	FINALFUNC = @extschema@.request_figures_agg_cfinal,
	COMBINEFUNC = @extschema@.request_figures_agg_combine,
	SERIALFUNC = @extschema@.request_figures_agg_serial, DESERIALFUNC = @extschema@.request_figures_agg_deserial,
	PARALLEL = SAFE);
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_ctrans(internal, integer, date, date, @extschema@.applicant, @extschema@.outcome) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_cfinal(internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_combine(internal, internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_serial(internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_deserial(bytea, internal) FROM PUBLIC;

-- 3b. derived_reports as in sql/schema/60_api.sql
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

-- 3c. one agency's decisions of a year read by an index-only scan (derive_report)
DROP INDEX @extschema@.decision_count_agency;
CREATE INDEX decision_count_agency ON @extschema@.decision_count (agency_id, decided_on) INCLUDE (kind, n);
-- and every agency's decisions of a year by a BRIN range index on the date (decisions arrive in date order)
CREATE INDEX decision_count_decided ON @extschema@.decision_count USING brin (decided_on);
-- (end of 3a-3c, the derivation: drv)
-- (end of section 3)

--------------------------------------------------------------------------
-- 4. Scale-out (#12)
--------------------------------------------------------------------------
-- (end of section 4)
