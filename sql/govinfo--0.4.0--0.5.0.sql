-- govinfo 0.4.0 -> 0.5.0: table 二 of the 2019 trial format; import of published reports; the
-- working-day calendar and deadlines; the warehouse (agency hierarchy, roll-ups, access, audit); the
-- rendered report document and dashboard views.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.5.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Table 二 of the 2019 trial format
--------------------------------------------------------------------------

-- (end of section 1)

--------------------------------------------------------------------------
-- 2. Published reports: parse_report, import_report, published_report
--------------------------------------------------------------------------

-- the HTML reader as SQL functions (71_html.sql)
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

-- (end of section 2)

--------------------------------------------------------------------------
-- 3. The working-day calendar and deadlines
--------------------------------------------------------------------------

-- (end of section 3)

--------------------------------------------------------------------------
-- 4. The warehouse: hierarchy, roll-ups, access, audit
--------------------------------------------------------------------------

-- (end of section 4)

--------------------------------------------------------------------------
-- 5. The report document, dashboard views and scheduled jobs
--------------------------------------------------------------------------

-- (end of section 5)
