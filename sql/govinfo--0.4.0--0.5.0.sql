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

-- what govinfo.parse_report reads from a published copy of a 年度报告
CREATE TYPE @extschema@.parsed_report AS (
	title text,
	agency_name text,
	year integer,
	published_on date,
	format text,
	disclosures @extschema@.disclosure_figures,
	requests @extschema@.request_figures,
	appeals @extschema@.appeal_figures,
	overview text,
	problems text,
	other_matters text,
	complete boolean,
	layout text,
	warnings jsonb
);
COMMENT ON TYPE @extschema@.parsed_report IS
	'What parse_report read from a published annual report: figures as published, parts 一/五/六, completeness, layout family and warnings';

-- parse one published report (text, PDF text, crawler dump or HTML); no table access
CREATE FUNCTION @extschema@.parse_report(document text) RETURNS @extschema@.parsed_report
	AS 'MODULE_PATHNAME', 'gi_parse_report'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.parse_report(text) IS
	'Parse a published annual report into its figures, narrative parts, layout family and warnings';

-- split_runs
CREATE FUNCTION @extschema@.split_runs(part integer, format text, row_codes text[], runs text[])
	RETURNS TABLE(row_code text, cells text, candidates text)
	AS 'MODULE_PATHNAME', 'split_runs' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 25;
COMMENT ON FUNCTION @extschema@.split_runs(integer, text, text[], text[]) IS
	'split concatenated digit runs of one table into cells, proven by the balancing rules';

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
