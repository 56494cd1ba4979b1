-- govinfo 0.6.0 -> 0.7.0: the speed targets 0.6.0 missed: the import of published reports in C and the
-- HTML reader, the derived reports' aggregate state, the stored report's read path.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.7.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Published reports (import speed, HTML reader) (#9)
--------------------------------------------------------------------------
-- import_report in C (src/import.c): one detoast, the SHA-256 of the bytes, parse_report in-process, kept
-- plans; the same signature, behaviour and privileges (CREATE OR REPLACE keeps the REVOKE of 0.5.0)
CREATE OR REPLACE FUNCTION @extschema@.import_report(document text, source_url text DEFAULT NULL, agency_code text DEFAULT NULL)
	RETURNS bigint
	AS 'MODULE_PATHNAME', 'gi_import_report'
	LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
-- lz4 for the large columns of published_report and audit_log when the server has it (rows already
-- stored keep their compression until they are rewritten)
DO $$
BEGIN
	IF EXISTS (SELECT FROM pg_catalog.pg_settings WHERE name OPERATOR(pg_catalog.=) 'default_toast_compression'
			AND 'lz4' OPERATOR(pg_catalog.=) ANY (enumvals)) THEN
		ALTER TABLE @extschema@.published_report ALTER COLUMN document SET COMPRESSION lz4,
			ALTER COLUMN overview SET COMPRESSION lz4, ALTER COLUMN problems SET COMPRESSION lz4,
			ALTER COLUMN other_matters SET COMPRESSION lz4, ALTER COLUMN warnings SET COMPRESSION lz4;
		ALTER TABLE @extschema@.audit_log ALTER COLUMN old_values SET COMPRESSION lz4,
			ALTER COLUMN new_values SET COMPRESSION lz4;
	END IF;
END
$$;
-- (end of section 1)

--------------------------------------------------------------------------
-- 2. Working days and deadlines (#13): nothing in 0.7.0 (stored deadlines were tried and left out,
-- bench/CALENDAR.md)
--------------------------------------------------------------------------
-- (end of section 2)

--------------------------------------------------------------------------
-- 3. Derived reports: aggregate state, read path, stored report, sum() (#12)
--------------------------------------------------------------------------
-- 3a. request_figures_agg with a compact state (src/derive_state.c): the aggregate's state type
-- changes (request_figures -> internal, with serial/deserial functions for parallel plans). CREATE OR
-- REPLACE AGGREGATE keeps the aggregate's identity, so derived_reports and any view of a user's that
-- calls it stay as they are (the old state functions stay in the extension and the library).
CREATE FUNCTION @extschema@.request_figures_agg_ctrans(internal, integer, date, date, @extschema@.applicant, @extschema@.outcome)
	RETURNS internal AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_agg_cfinal(internal)
	RETURNS @extschema@.request_figures AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_agg_combine(internal, internal)
	RETURNS internal AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_agg_serial(internal)
	RETURNS bytea AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_agg_deserial(bytea, internal)
	RETURNS internal AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE AGGREGATE @extschema@.request_figures_agg(year integer, received_on date, closed_on date,
		applicant @extschema@.applicant, outcome @extschema@.outcome) (
	SFUNC = @extschema@.request_figures_agg_ctrans, STYPE = internal, SSPACE = 160,
	FINALFUNC = @extschema@.request_figures_agg_cfinal,
	COMBINEFUNC = @extschema@.request_figures_agg_combine,
	SERIALFUNC = @extschema@.request_figures_agg_serial, DESERIALFUNC = @extschema@.request_figures_agg_deserial,
	PARALLEL = SAFE);
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_ctrans(internal, integer, date, date, @extschema@.applicant, @extschema@.outcome) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_cfinal(internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_combine(internal, internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_serial(internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_deserial(bytea, internal) FROM PUBLIC;

-- 3b. one agency's decisions of a year read by an index-only scan (derive_report)
DROP INDEX @extschema@.decision_count_agency;
CREATE INDEX decision_count_agency ON @extschema@.decision_count (agency_id, decided_on) INCLUDE (kind, n);
-- and every agency's decisions of a year by a BRIN range index on the date (decisions arrive in date order)
CREATE INDEX decision_count_decided ON @extschema@.decision_count USING brin (decided_on);
-- (end of 3a-3b, the derivation)

-- 3c. stored report reads and sum()
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
