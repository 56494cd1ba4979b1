-- Shared by the pgTAP files that check an error's DETAIL (included with \ir).

-- the DETAIL of the error a statement raises (NULL if it raises none)
CREATE FUNCTION pg_temp.err_detail(stmt text) RETURNS text
	LANGUAGE plpgsql AS $$
DECLARE d text;
BEGIN
	EXECUTE stmt;
	RETURN NULL;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
	RETURN d;
END $$;

-- {SQLSTATE, message, detail, hint} of the error a statement raises (NULL if it raises none):
-- the same fields, in the same order, as pg_input_error_info() gives for a soft error
CREATE FUNCTION pg_temp.err_info(stmt text) RETURNS text[]
	LANGUAGE plpgsql AS $$
DECLARE s text; m text; d text; h text;
BEGIN
	EXECUTE stmt;
	RETURN NULL;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, m = MESSAGE_TEXT, d = PG_EXCEPTION_DETAIL, h = PG_EXCEPTION_HINT;
	RETURN ARRAY[s, m, nullif(d, ''), nullif(h, '')];
END $$;
