--------------------------------------------------------------------------
-- Published reports: the parser (doc/import.md)
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
