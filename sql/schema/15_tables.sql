--------------------------------------------------------------------------
-- The catalog and the report tables
--------------------------------------------------------------------------
CREATE FUNCTION @extschema@.row_catalog(format text)
	RETURNS TABLE(part integer, code text, label_zh text, label_en text, kind text, parent_code text, ord integer)
	AS 'MODULE_PATHNAME', 'row_catalog' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 60;
CREATE FUNCTION @extschema@.column_catalog(format text)
	RETURNS TABLE(part integer, block text, code text, label_zh text, label_en text, group_zh text, ord integer)
	AS 'MODULE_PATHNAME', 'column_catalog' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 30;

CREATE FUNCTION @extschema@.table2(@extschema@.disclosure_figures, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, issued bigint, abolished bigint, in_force bigint, decisions bigint, amount numeric,
		new_made bigint, new_published bigint, total_published bigint, prev_items bigint, delta bigint, count bigint)
	AS 'MODULE_PATHNAME', 'table2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 12;
CREATE FUNCTION @extschema@.table3(@extschema@.request_figures, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, np integer, biz integer, res integer, npo integer, law integer, oth integer, total integer)
	AS 'MODULE_PATHNAME', 'table3' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 30;
CREATE FUNCTION @extschema@.table4(@extschema@.appeal_figures, lang text DEFAULT 'zh')
	RETURNS TABLE(group_code text, label text, upheld integer, corrected integer, other integer, pending integer, total integer)
	AS 'MODULE_PATHNAME', 'table4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;

