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
