--------------------------------------------------------------------------
-- HTML pages and fragments (the reader of published reports, family F7)
--------------------------------------------------------------------------
-- every position of every leaf table (a table containing no other table) of an HTML page,
-- fragment, or HTML carried in a JavaScript/JSON string literal: rowspan/colspan resolved into a
-- grid, covered positions marked; numbers are 0-based, table_no as in html_text()'s markers
CREATE FUNCTION @extschema@.html_tables(document text)
	RETURNS TABLE(table_no integer, row_no integer, col_no integer, text text, covered boolean)
	AS 'MODULE_PATHNAME', 'html_tables' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- the text of an HTML document outside its leaf tables, one block per line, each table's place a
-- line E'\x1eTABLE n'
CREATE FUNCTION @extschema@.html_text(document text) RETURNS text
	AS 'MODULE_PATHNAME', 'html_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
