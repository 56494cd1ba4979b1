--------------------------------------------------------------------------
-- Derivation aggregates (states are the fixed-length figures types)
--------------------------------------------------------------------------
CREATE FUNCTION @extschema@.request_figures_agg_trans(@extschema@.request_figures, integer, date, date, @extschema@.applicant, @extschema@.outcome)
	RETURNS @extschema@.request_figures AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_agg_final(@extschema@.request_figures)
	RETURNS @extschema@.request_figures AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
-- the state of request_figures_agg (0.7.0, src/derive_state.c): only the cells a row can touch, as
-- counters of 1, 2 or 4 bytes widened as the counts grow (154 bytes for most agencies, against the
-- 704-byte request_figures of 0.6.0, whose state functions above stay for older scripts and tests);
-- serialized as its non-zero cells for parallel plans
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

CREATE FUNCTION @extschema@.appeal_figures_agg_trans(@extschema@.appeal_figures, integer, text, date, text, date)
	RETURNS @extschema@.appeal_figures AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE @extschema@.appeal_figures_agg(year integer, kind text, filed_on date, result text, concluded_on date) (
	SFUNC = @extschema@.appeal_figures_agg_trans, STYPE = @extschema@.appeal_figures, SSPACE = 60,
	COMBINEFUNC = @extschema@.appeal_figures_sum_trans, PARALLEL = SAFE);

CREATE FUNCTION @extschema@.application_in_cell(year integer, received_on date, closed_on date,
		applicant @extschema@.applicant, outcome @extschema@.outcome, row_code text, column_code text)
	RETURNS boolean AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- table 二 (2021 format) of a derived report from its counts and fee total (NULL counts as 0;
-- NULL before 2021): what derived_reports builds per agency, without a text value parsed back
CREATE FUNCTION @extschema@.disclosure_figures_derived(year integer, rule_issued bigint, rule_abolished bigint,
		rule_in_force bigint, norm_issued bigint, norm_abolished bigint, norm_in_force bigint,
		licensing bigint, penalty bigint, coercion bigint, fee_yuan numeric)
	RETURNS @extschema@.disclosure_figures AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION @extschema@.report_year(date) RETURNS integer
	AS 'MODULE_PATHNAME', 'report_year' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.record_spans_trans(internal, bigint, date, date) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE;
CREATE FUNCTION @extschema@.record_spans_final(internal) RETURNS bigint[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE;
CREATE AGGREGATE @extschema@.record_spans(agency_id bigint, first_on date, last_on date) (
	SFUNC = @extschema@.record_spans_trans, STYPE = internal, FINALFUNC = @extschema@.record_spans_final);
CREATE FUNCTION @extschema@.spans_rows(bigint[]) RETURNS TABLE(agency_id bigint, first_year integer, last_year integer)
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.application_valid(received_on date, corrected_on date, closed_on date,
		has_outcome boolean, channel text, fee_yuan numeric) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- application_valid and, in the CHECK of @extschema@.application, the same rules plus collecting the
-- row's span for the insert check and its tally key for the application tally (src/insert_spans.c)
CREATE FUNCTION @extschema@.application_row_valid(agency_id bigint, received_on date, corrected_on date,
		closed_on date, has_outcome boolean, channel text, fee_yuan numeric,
		applicant @extschema@.applicant, outcome @extschema@.outcome) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE PARALLEL RESTRICTED;

-- the distinct agency ids of a spans array, ascending (C)
CREATE FUNCTION @extschema@.spans_agencies(spans bigint[]) RETURNS bigint[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
