--------------------------------------------------------------------------
-- govinfo.applicant and govinfo.outcome: one-byte codes
--------------------------------------------------------------------------
CREATE TYPE @extschema@.applicant;
CREATE FUNCTION @extschema@.applicant_in(cstring) RETURNS @extschema@.applicant
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.applicant_out(@extschema@.applicant) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.applicant_recv(internal) RETURNS @extschema@.applicant
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.applicant_send(@extschema@.applicant) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.applicant (
	INTERNALLENGTH = 1, PASSEDBYVALUE, ALIGNMENT = char, STORAGE = plain,
	INPUT = @extschema@.applicant_in, OUTPUT = @extschema@.applicant_out,
	RECEIVE = @extschema@.applicant_recv, SEND = @extschema@.applicant_send
);
COMMENT ON TYPE @extschema@.applicant IS 'applicant category of a disclosure application: a column of table 三';

CREATE TYPE @extschema@.outcome;
CREATE FUNCTION @extschema@.outcome_in(cstring) RETURNS @extschema@.outcome
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.outcome_out(@extschema@.outcome) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.outcome_recv(internal) RETURNS @extschema@.outcome
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.outcome_send(@extschema@.outcome) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.outcome (
	INTERNALLENGTH = 1, PASSEDBYVALUE, ALIGNMENT = char, STORAGE = plain,
	INPUT = @extschema@.outcome_in, OUTPUT = @extschema@.outcome_out,
	RECEIVE = @extschema@.outcome_recv, SEND = @extschema@.outcome_send
);
COMMENT ON TYPE @extschema@.outcome IS 'how a disclosure application was handled: a leaf row (3.1 … 3.6.3) of table 三';

-- comparison in catalog order: both are stored as one unsigned byte, so PostgreSQL's own "char"
-- functions compare and hash them (written out once per type)

-- applicant: comparison functions, operators, btree and hash operator classes
CREATE FUNCTION @extschema@.applicant_eq(@extschema@.applicant, @extschema@.applicant) RETURNS boolean
	AS 'chareq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.applicant_ne(@extschema@.applicant, @extschema@.applicant) RETURNS boolean
	AS 'charne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.applicant_lt(@extschema@.applicant, @extschema@.applicant) RETURNS boolean
	AS 'charlt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.applicant_le(@extschema@.applicant, @extschema@.applicant) RETURNS boolean
	AS 'charle' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.applicant_gt(@extschema@.applicant, @extschema@.applicant) RETURNS boolean
	AS 'chargt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.applicant_ge(@extschema@.applicant, @extschema@.applicant) RETURNS boolean
	AS 'charge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.applicant_cmp(@extschema@.applicant, @extschema@.applicant) RETURNS integer
	AS 'btcharcmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.applicant_hash(@extschema@.applicant) RETURNS integer
	AS 'hashchar' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.applicant, RIGHTARG = @extschema@.applicant, FUNCTION = @extschema@.applicant_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.applicant, RIGHTARG = @extschema@.applicant, FUNCTION = @extschema@.applicant_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.applicant, RIGHTARG = @extschema@.applicant, FUNCTION = @extschema@.applicant_lt,
	COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.applicant, RIGHTARG = @extschema@.applicant, FUNCTION = @extschema@.applicant_le,
	COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.applicant, RIGHTARG = @extschema@.applicant, FUNCTION = @extschema@.applicant_gt,
	COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.applicant, RIGHTARG = @extschema@.applicant, FUNCTION = @extschema@.applicant_ge,
	COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS @extschema@.applicant_ops DEFAULT FOR TYPE @extschema@.applicant USING btree AS
	OPERATOR 1 @extschema@.<, OPERATOR 2 @extschema@.<=, OPERATOR 3 @extschema@.=,
	OPERATOR 4 @extschema@.>=, OPERATOR 5 @extschema@.>,
	FUNCTION 1 @extschema@.applicant_cmp(@extschema@.applicant, @extschema@.applicant);
CREATE OPERATOR CLASS @extschema@.applicant_hash_ops DEFAULT FOR TYPE @extschema@.applicant USING hash AS
	OPERATOR 1 @extschema@.=, FUNCTION 1 @extschema@.applicant_hash(@extschema@.applicant);

-- outcome: comparison functions, operators, btree and hash operator classes
CREATE FUNCTION @extschema@.outcome_eq(@extschema@.outcome, @extschema@.outcome) RETURNS boolean
	AS 'chareq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.outcome_ne(@extschema@.outcome, @extschema@.outcome) RETURNS boolean
	AS 'charne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.outcome_lt(@extschema@.outcome, @extschema@.outcome) RETURNS boolean
	AS 'charlt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.outcome_le(@extschema@.outcome, @extschema@.outcome) RETURNS boolean
	AS 'charle' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.outcome_gt(@extschema@.outcome, @extschema@.outcome) RETURNS boolean
	AS 'chargt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.outcome_ge(@extschema@.outcome, @extschema@.outcome) RETURNS boolean
	AS 'charge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.outcome_cmp(@extschema@.outcome, @extschema@.outcome) RETURNS integer
	AS 'btcharcmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.outcome_hash(@extschema@.outcome) RETURNS integer
	AS 'hashchar' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.outcome, RIGHTARG = @extschema@.outcome, FUNCTION = @extschema@.outcome_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.outcome, RIGHTARG = @extschema@.outcome, FUNCTION = @extschema@.outcome_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.outcome, RIGHTARG = @extschema@.outcome, FUNCTION = @extschema@.outcome_lt,
	COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.outcome, RIGHTARG = @extschema@.outcome, FUNCTION = @extschema@.outcome_le,
	COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.outcome, RIGHTARG = @extschema@.outcome, FUNCTION = @extschema@.outcome_gt,
	COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.outcome, RIGHTARG = @extschema@.outcome, FUNCTION = @extschema@.outcome_ge,
	COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS @extschema@.outcome_ops DEFAULT FOR TYPE @extschema@.outcome USING btree AS
	OPERATOR 1 @extschema@.<, OPERATOR 2 @extschema@.<=, OPERATOR 3 @extschema@.=,
	OPERATOR 4 @extschema@.>=, OPERATOR 5 @extschema@.>,
	FUNCTION 1 @extschema@.outcome_cmp(@extschema@.outcome, @extschema@.outcome);
CREATE OPERATOR CLASS @extschema@.outcome_hash_ops DEFAULT FOR TYPE @extschema@.outcome USING hash AS
	OPERATOR 1 @extschema@.=, FUNCTION 1 @extschema@.outcome_hash(@extschema@.outcome);

CREATE FUNCTION @extschema@.label(@extschema@.applicant, lang text DEFAULT 'zh') RETURNS text
	AS 'MODULE_PATHNAME', 'applicant_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.label(@extschema@.outcome, lang text DEFAULT 'zh') RETURNS text
	AS 'MODULE_PATHNAME', 'outcome_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.row_code(@extschema@.outcome, year integer) RETURNS text
	AS 'MODULE_PATHNAME', 'outcome_row_code' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

