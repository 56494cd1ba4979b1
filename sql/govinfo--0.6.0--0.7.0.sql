-- govinfo 0.6.0 -> 0.7.0: the speed targets 0.6.0 missed: the import of published reports in C and the
-- HTML reader, the deadline view, the derived reports' state and read path.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.7.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Published reports (import speed, HTML reader) (#9)
--------------------------------------------------------------------------
-- (end of section 1)

--------------------------------------------------------------------------
-- 2. Working days and deadlines (the deadline view) (#13)
--------------------------------------------------------------------------
-- (end of section 2)

--------------------------------------------------------------------------
-- 3. Derived reports: aggregate state, read path, stored report, sum() (#12)
--------------------------------------------------------------------------
-- 3b. stored report reads and sum()
-- report_table2/3/4: one C call (src/report_read.c) instead of the SQL function over report_figures
-- (PL/pgSQL over agency_id and check_access) and report_part; the same results and errors
CREATE OR REPLACE FUNCTION @extschema@.report_table2(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, issued bigint, abolished bigint, in_force bigint, decisions bigint, amount numeric,
		new_made bigint, new_published bigint, total_published bigint, prev_items bigint, delta bigint, count bigint)
	AS 'MODULE_PATHNAME', 'report_table2' LANGUAGE C STABLE STRICT;
CREATE OR REPLACE FUNCTION @extschema@.report_table3(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, np integer, biz integer, res integer, npo integer, law integer, oth integer, total integer)
	AS 'MODULE_PATHNAME', 'report_table3' LANGUAGE C STABLE STRICT;
CREATE OR REPLACE FUNCTION @extschema@.report_table4(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(group_code text, label text, upheld integer, corrected integer, other integer, pending integer, total integer)
	AS 'MODULE_PATHNAME', 'report_table4' LANGUAGE C STABLE STRICT;
-- (end of section 3)

--------------------------------------------------------------------------
-- 4. Scale-out (#12)
--------------------------------------------------------------------------
-- (end of section 4)
