-- govinfo_fuzz 1.0: a TEST-ONLY helper of scripts/fuzz.sh (not part of govinfo)
\echo Use "CREATE EXTENSION govinfo_fuzz" to load this file. \quit

-- The binary form of a value, by its type's send function (what COPY BINARY writes).
CREATE FUNCTION fuzz_send(anyelement) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT;

-- A value of the type of the second argument (only its type matters: pass NULL::T) read
-- from bytes by the type's receive function, which must consume every byte (as COPY BINARY
-- and bind parameters require).  NULL bytes give NULL.
CREATE FUNCTION fuzz_recv(bytea, anyelement) RETURNS anyelement
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE;
