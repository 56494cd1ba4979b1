--------------------------------------------------------------------------
-- The three figures types (fixed-length, blank cells distinct from 0)
--------------------------------------------------------------------------
CREATE TYPE @extschema@.disclosure_figures;
CREATE TYPE @extschema@.request_figures;
CREATE TYPE @extschema@.appeal_figures;

CREATE FUNCTION @extschema@.disclosure_figures_in(cstring) RETURNS @extschema@.disclosure_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disclosure_figures_out(@extschema@.disclosure_figures) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disclosure_figures_recv(internal) RETURNS @extschema@.disclosure_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disclosure_figures_send(@extschema@.disclosure_figures) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.disclosure_figures (
	INTERNALLENGTH = 96, ALIGNMENT = double, STORAGE = plain,
	INPUT = @extschema@.disclosure_figures_in, OUTPUT = @extschema@.disclosure_figures_out,
	RECEIVE = @extschema@.disclosure_figures_recv, SEND = @extschema@.disclosure_figures_send
);
COMMENT ON TYPE @extschema@.disclosure_figures IS 'table 二 of the annual report, 2021 or 2019 format: counts, increases/decreases (2019) and amounts in 万元';

CREATE FUNCTION @extschema@.request_figures_in(cstring) RETURNS @extschema@.request_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_out(@extschema@.request_figures) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_recv(internal) RETURNS @extschema@.request_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_send(@extschema@.request_figures) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.request_figures (
	INTERNALLENGTH = 704, ALIGNMENT = int4, STORAGE = plain,
	INPUT = @extschema@.request_figures_in, OUTPUT = @extschema@.request_figures_out,
	RECEIVE = @extschema@.request_figures_recv, SEND = @extschema@.request_figures_send
);
COMMENT ON TYPE @extschema@.request_figures IS 'table 三 of the annual report: 25 rows (23 in the 2019 format) by 7 applicant columns';

CREATE FUNCTION @extschema@.appeal_figures_in(cstring) RETURNS @extschema@.appeal_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.appeal_figures_out(@extschema@.appeal_figures) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.appeal_figures_recv(internal) RETURNS @extschema@.appeal_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.appeal_figures_send(@extschema@.appeal_figures) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.appeal_figures (
	INTERNALLENGTH = 60, ALIGNMENT = int4, STORAGE = plain,
	INPUT = @extschema@.appeal_figures_in, OUTPUT = @extschema@.appeal_figures_out,
	RECEIVE = @extschema@.appeal_figures_recv, SEND = @extschema@.appeal_figures_send
);
COMMENT ON TYPE @extschema@.appeal_figures IS 'table 四 of the annual report: reconsiderations and lawsuits, 15 counts';

--------------------------------------------------------------------------
-- jsonb casts
--------------------------------------------------------------------------
CREATE FUNCTION @extschema@.disclosure_figures(jsonb) RETURNS @extschema@.disclosure_figures
	AS 'MODULE_PATHNAME', 'disclosure_figures_from_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures(jsonb) RETURNS @extschema@.request_figures
	AS 'MODULE_PATHNAME', 'request_figures_from_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.appeal_figures(jsonb) RETURNS @extschema@.appeal_figures
	AS 'MODULE_PATHNAME', 'appeal_figures_from_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.to_jsonb(@extschema@.disclosure_figures) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'disclosure_figures_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.to_jsonb(@extschema@.request_figures) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'request_figures_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.to_jsonb(@extschema@.appeal_figures) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'appeal_figures_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE CAST (jsonb AS @extschema@.disclosure_figures) WITH FUNCTION @extschema@.disclosure_figures(jsonb);
CREATE CAST (jsonb AS @extschema@.request_figures) WITH FUNCTION @extschema@.request_figures(jsonb);
CREATE CAST (jsonb AS @extschema@.appeal_figures) WITH FUNCTION @extschema@.appeal_figures(jsonb);
CREATE CAST (@extschema@.disclosure_figures AS jsonb) WITH FUNCTION @extschema@.to_jsonb(@extschema@.disclosure_figures);
CREATE CAST (@extschema@.request_figures AS jsonb) WITH FUNCTION @extschema@.to_jsonb(@extschema@.request_figures);
CREATE CAST (@extschema@.appeal_figures AS jsonb) WITH FUNCTION @extschema@.to_jsonb(@extschema@.appeal_figures);

--------------------------------------------------------------------------
-- Equality, hashing, addition, sum()
--------------------------------------------------------------------------
CREATE FUNCTION @extschema@.disclosure_figures_eq(@extschema@.disclosure_figures, @extschema@.disclosure_figures) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.disclosure_figures_ne(@extschema@.disclosure_figures, @extschema@.disclosure_figures) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.disclosure_figures_hash(@extschema@.disclosure_figures) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disclosure_figures_add(@extschema@.disclosure_figures, @extschema@.disclosure_figures) RETURNS @extschema@.disclosure_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disclosure_figures_sum_trans(@extschema@.disclosure_figures, @extschema@.disclosure_figures) RETURNS @extschema@.disclosure_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.request_figures_eq(@extschema@.request_figures, @extschema@.request_figures) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.request_figures_ne(@extschema@.request_figures, @extschema@.request_figures) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.request_figures_hash(@extschema@.request_figures) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_add(@extschema@.request_figures, @extschema@.request_figures) RETURNS @extschema@.request_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_sum_trans(@extschema@.request_figures, @extschema@.request_figures) RETURNS @extschema@.request_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.appeal_figures_eq(@extschema@.appeal_figures, @extschema@.appeal_figures) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.appeal_figures_ne(@extschema@.appeal_figures, @extschema@.appeal_figures) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.appeal_figures_hash(@extschema@.appeal_figures) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.appeal_figures_add(@extschema@.appeal_figures, @extschema@.appeal_figures) RETURNS @extschema@.appeal_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.appeal_figures_sum_trans(@extschema@.appeal_figures, @extschema@.appeal_figures) RETURNS @extschema@.appeal_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.disclosure_figures, RIGHTARG = @extschema@.disclosure_figures,
	FUNCTION = @extschema@.disclosure_figures_eq, COMMUTATOR = =, NEGATOR = <>,
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.disclosure_figures, RIGHTARG = @extschema@.disclosure_figures,
	FUNCTION = @extschema@.disclosure_figures_ne, COMMUTATOR = <>, NEGATOR = =,
	RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.disclosure_figures, RIGHTARG = @extschema@.disclosure_figures,
	FUNCTION = @extschema@.disclosure_figures_add, COMMUTATOR = +);
CREATE OPERATOR CLASS @extschema@.disclosure_figures_ops DEFAULT FOR TYPE @extschema@.disclosure_figures USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.disclosure_figures, @extschema@.disclosure_figures),
	FUNCTION 1 @extschema@.disclosure_figures_hash(@extschema@.disclosure_figures);

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.request_figures, RIGHTARG = @extschema@.request_figures,
	FUNCTION = @extschema@.request_figures_eq, COMMUTATOR = =, NEGATOR = <>,
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.request_figures, RIGHTARG = @extschema@.request_figures,
	FUNCTION = @extschema@.request_figures_ne, COMMUTATOR = <>, NEGATOR = =,
	RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.request_figures, RIGHTARG = @extschema@.request_figures,
	FUNCTION = @extschema@.request_figures_add, COMMUTATOR = +);
CREATE OPERATOR CLASS @extschema@.request_figures_ops DEFAULT FOR TYPE @extschema@.request_figures USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.request_figures, @extschema@.request_figures),
	FUNCTION 1 @extschema@.request_figures_hash(@extschema@.request_figures);

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.appeal_figures, RIGHTARG = @extschema@.appeal_figures,
	FUNCTION = @extschema@.appeal_figures_eq, COMMUTATOR = =, NEGATOR = <>,
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.appeal_figures, RIGHTARG = @extschema@.appeal_figures,
	FUNCTION = @extschema@.appeal_figures_ne, COMMUTATOR = <>, NEGATOR = =,
	RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.appeal_figures, RIGHTARG = @extschema@.appeal_figures,
	FUNCTION = @extschema@.appeal_figures_add, COMMUTATOR = +);
CREATE OPERATOR CLASS @extschema@.appeal_figures_ops DEFAULT FOR TYPE @extschema@.appeal_figures USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.appeal_figures, @extschema@.appeal_figures),
	FUNCTION 1 @extschema@.appeal_figures_hash(@extschema@.appeal_figures);

CREATE AGGREGATE @extschema@.sum(@extschema@.disclosure_figures) (
	SFUNC = @extschema@.disclosure_figures_sum_trans, STYPE = @extschema@.disclosure_figures,
	COMBINEFUNC = @extschema@.disclosure_figures_sum_trans, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.sum(@extschema@.request_figures) (
	SFUNC = @extschema@.request_figures_sum_trans, STYPE = @extschema@.request_figures,
	COMBINEFUNC = @extschema@.request_figures_sum_trans, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.sum(@extschema@.appeal_figures) (
	SFUNC = @extschema@.appeal_figures_sum_trans, STYPE = @extschema@.appeal_figures,
	COMBINEFUNC = @extschema@.appeal_figures_sum_trans, PARALLEL = SAFE);

--------------------------------------------------------------------------
-- Cells, format, rules
--------------------------------------------------------------------------
CREATE FUNCTION @extschema@.cell(@extschema@.disclosure_figures, row_code text, column_code text) RETURNS numeric
	AS 'MODULE_PATHNAME', 'disclosure_figures_cell' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.cell(@extschema@.request_figures, row_code text, column_code text) RETURNS integer
	AS 'MODULE_PATHNAME', 'request_figures_cell' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.cell(@extschema@.appeal_figures, column_code text) RETURNS integer
	AS 'MODULE_PATHNAME', 'appeal_figures_cell' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.format(@extschema@.disclosure_figures) RETURNS text
	AS 'MODULE_PATHNAME', 'disclosure_figures_format' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.format(@extschema@.request_figures) RETURNS text
	AS 'MODULE_PATHNAME', 'request_figures_format' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.complete(@extschema@.request_figures) RETURNS @extschema@.request_figures
	AS 'MODULE_PATHNAME', 'request_figures_complete' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.complete(@extschema@.appeal_figures) RETURNS @extschema@.appeal_figures
	AS 'MODULE_PATHNAME', 'appeal_figures_complete' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.violations(@extschema@.request_figures)
	RETURNS TABLE(rule text, row_code text, column_code text, expected numeric, actual numeric, message text)
	AS 'MODULE_PATHNAME', 'request_figures_violations' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;
CREATE FUNCTION @extschema@.violations(@extschema@.appeal_figures)
	RETURNS TABLE(rule text, row_code text, column_code text, expected numeric, actual numeric, message text)
	AS 'MODULE_PATHNAME', 'appeal_figures_violations' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;

-- P3-CARRY between two consecutive years of one agency: row 2 of current = row 4 of previous
CREATE FUNCTION @extschema@.carry_violations(previous @extschema@.request_figures, current @extschema@.request_figures)
	RETURNS TABLE(rule text, row_code text, column_code text, expected numeric, actual numeric, message text)
	AS 'MODULE_PATHNAME', 'request_figures_carry_violations' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;

CREATE FUNCTION @extschema@.is_balanced(@extschema@.request_figures) RETURNS boolean
	AS 'MODULE_PATHNAME', 'request_figures_is_balanced' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.is_balanced(@extschema@.appeal_figures) RETURNS boolean
	AS 'MODULE_PATHNAME', 'appeal_figures_is_balanced' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
