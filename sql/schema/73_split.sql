--------------------------------------------------------------------------
-- The F6 digit-run splitter (issue #9): rows whose cells a crawler printed run together
-- ("140000014"), split into their cells and proven with the balancing rules; a run whose split is
-- not the only one consistent with every rule stays blank, with its candidate splits
--------------------------------------------------------------------------
CREATE FUNCTION @extschema@.split_runs(part integer, format text, row_codes text[], runs text[])
	RETURNS TABLE(row_code text, cells text, candidates text)
	AS 'MODULE_PATHNAME', 'split_runs' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 25;
COMMENT ON FUNCTION @extschema@.split_runs(integer, text, text[], text[]) IS
	'split concatenated digit runs of one table into cells, proven by the balancing rules';
