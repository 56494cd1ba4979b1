-- govinfo 0.1.0: figures types, balancing rules, report storage and tables
\echo Use "CREATE EXTENSION govinfo" to load this file. \quit

--------------------------------------------------------------------------
-- The three figures types (fixed-length, blank cells distinct from 0)
--------------------------------------------------------------------------
CREATE TYPE @extschema@.disclosure_figures;
CREATE TYPE @extschema@.request_figures;
CREATE TYPE @extschema@.appeal_figures;

CREATE FUNCTION @extschema@.disclosure_figures_in(cstring) RETURNS @extschema@.disclosure_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disclosure_figures_out(@extschema@.disclosure_figures) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disclosure_figures_recv(internal) RETURNS @extschema@.disclosure_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disclosure_figures_send(@extschema@.disclosure_figures) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.disclosure_figures (
	INTERNALLENGTH = 48, ALIGNMENT = double, STORAGE = plain,
	INPUT = @extschema@.disclosure_figures_in, OUTPUT = @extschema@.disclosure_figures_out,
	RECEIVE = @extschema@.disclosure_figures_recv, SEND = @extschema@.disclosure_figures_send
);
COMMENT ON TYPE @extschema@.disclosure_figures IS 'table 二 of the annual report (2021 format): counts and the fee amount in 万元';

CREATE FUNCTION @extschema@.request_figures_in(cstring) RETURNS @extschema@.request_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_out(@extschema@.request_figures) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_recv(internal) RETURNS @extschema@.request_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_send(@extschema@.request_figures) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.request_figures (
	INTERNALLENGTH = 704, ALIGNMENT = int4, STORAGE = plain,
	INPUT = @extschema@.request_figures_in, OUTPUT = @extschema@.request_figures_out,
	RECEIVE = @extschema@.request_figures_recv, SEND = @extschema@.request_figures_send
);
COMMENT ON TYPE @extschema@.request_figures IS 'table 三 of the annual report: 25 rows (23 in the 2019 format) by 7 applicant columns';

CREATE FUNCTION @extschema@.appeal_figures_in(cstring) RETURNS @extschema@.appeal_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.appeal_figures_out(@extschema@.appeal_figures) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.appeal_figures_recv(internal) RETURNS @extschema@.appeal_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.appeal_figures_send(@extschema@.appeal_figures) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.appeal_figures (
	INTERNALLENGTH = 60, ALIGNMENT = int4, STORAGE = plain,
	INPUT = @extschema@.appeal_figures_in, OUTPUT = @extschema@.appeal_figures_out,
	RECEIVE = @extschema@.appeal_figures_recv, SEND = @extschema@.appeal_figures_send
);
COMMENT ON TYPE @extschema@.appeal_figures IS 'table 四 of the annual report: reconsiderations and lawsuits, 15 counts';

--------------------------------------------------------------------------
-- jsonb casts
--------------------------------------------------------------------------
CREATE FUNCTION @extschema@.disclosure_figures(jsonb) RETURNS @extschema@.disclosure_figures
	AS 'MODULE_PATHNAME', 'disclosure_figures_from_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures(jsonb) RETURNS @extschema@.request_figures
	AS 'MODULE_PATHNAME', 'request_figures_from_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.appeal_figures(jsonb) RETURNS @extschema@.appeal_figures
	AS 'MODULE_PATHNAME', 'appeal_figures_from_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.to_jsonb(@extschema@.disclosure_figures) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'disclosure_figures_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.to_jsonb(@extschema@.request_figures) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'request_figures_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.to_jsonb(@extschema@.appeal_figures) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'appeal_figures_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE CAST (jsonb AS @extschema@.disclosure_figures) WITH FUNCTION @extschema@.disclosure_figures(jsonb);
CREATE CAST (jsonb AS @extschema@.request_figures) WITH FUNCTION @extschema@.request_figures(jsonb);
CREATE CAST (jsonb AS @extschema@.appeal_figures) WITH FUNCTION @extschema@.appeal_figures(jsonb);
CREATE CAST (@extschema@.disclosure_figures AS jsonb) WITH FUNCTION @extschema@.to_jsonb(@extschema@.disclosure_figures);
CREATE CAST (@extschema@.request_figures AS jsonb) WITH FUNCTION @extschema@.to_jsonb(@extschema@.request_figures);
CREATE CAST (@extschema@.appeal_figures AS jsonb) WITH FUNCTION @extschema@.to_jsonb(@extschema@.appeal_figures);

--------------------------------------------------------------------------
-- Equality, hashing, addition, sum()
--------------------------------------------------------------------------
CREATE FUNCTION @extschema@.disclosure_figures_eq(@extschema@.disclosure_figures, @extschema@.disclosure_figures) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.disclosure_figures_ne(@extschema@.disclosure_figures, @extschema@.disclosure_figures) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.disclosure_figures_hash(@extschema@.disclosure_figures) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disclosure_figures_add(@extschema@.disclosure_figures, @extschema@.disclosure_figures) RETURNS @extschema@.disclosure_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disclosure_figures_sum_trans(@extschema@.disclosure_figures, @extschema@.disclosure_figures) RETURNS @extschema@.disclosure_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.request_figures_eq(@extschema@.request_figures, @extschema@.request_figures) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.request_figures_ne(@extschema@.request_figures, @extschema@.request_figures) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.request_figures_hash(@extschema@.request_figures) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_add(@extschema@.request_figures, @extschema@.request_figures) RETURNS @extschema@.request_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_sum_trans(@extschema@.request_figures, @extschema@.request_figures) RETURNS @extschema@.request_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.appeal_figures_eq(@extschema@.appeal_figures, @extschema@.appeal_figures) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.appeal_figures_ne(@extschema@.appeal_figures, @extschema@.appeal_figures) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.appeal_figures_hash(@extschema@.appeal_figures) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.appeal_figures_add(@extschema@.appeal_figures, @extschema@.appeal_figures) RETURNS @extschema@.appeal_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.appeal_figures_sum_trans(@extschema@.appeal_figures, @extschema@.appeal_figures) RETURNS @extschema@.appeal_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.disclosure_figures, RIGHTARG = @extschema@.disclosure_figures,
	FUNCTION = @extschema@.disclosure_figures_eq, COMMUTATOR = =, NEGATOR = <>,
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.disclosure_figures, RIGHTARG = @extschema@.disclosure_figures,
	FUNCTION = @extschema@.disclosure_figures_ne, COMMUTATOR = <>, NEGATOR = =,
	RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.disclosure_figures, RIGHTARG = @extschema@.disclosure_figures,
	FUNCTION = @extschema@.disclosure_figures_add, COMMUTATOR = +);
CREATE OPERATOR CLASS @extschema@.disclosure_figures_ops DEFAULT FOR TYPE @extschema@.disclosure_figures USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.disclosure_figures, @extschema@.disclosure_figures),
	FUNCTION 1 @extschema@.disclosure_figures_hash(@extschema@.disclosure_figures);

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.request_figures, RIGHTARG = @extschema@.request_figures,
	FUNCTION = @extschema@.request_figures_eq, COMMUTATOR = =, NEGATOR = <>,
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.request_figures, RIGHTARG = @extschema@.request_figures,
	FUNCTION = @extschema@.request_figures_ne, COMMUTATOR = <>, NEGATOR = =,
	RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.request_figures, RIGHTARG = @extschema@.request_figures,
	FUNCTION = @extschema@.request_figures_add, COMMUTATOR = +);
CREATE OPERATOR CLASS @extschema@.request_figures_ops DEFAULT FOR TYPE @extschema@.request_figures USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.request_figures, @extschema@.request_figures),
	FUNCTION 1 @extschema@.request_figures_hash(@extschema@.request_figures);

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.appeal_figures, RIGHTARG = @extschema@.appeal_figures,
	FUNCTION = @extschema@.appeal_figures_eq, COMMUTATOR = =, NEGATOR = <>,
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.appeal_figures, RIGHTARG = @extschema@.appeal_figures,
	FUNCTION = @extschema@.appeal_figures_ne, COMMUTATOR = <>, NEGATOR = =,
	RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.appeal_figures, RIGHTARG = @extschema@.appeal_figures,
	FUNCTION = @extschema@.appeal_figures_add, COMMUTATOR = +);
CREATE OPERATOR CLASS @extschema@.appeal_figures_ops DEFAULT FOR TYPE @extschema@.appeal_figures USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.appeal_figures, @extschema@.appeal_figures),
	FUNCTION 1 @extschema@.appeal_figures_hash(@extschema@.appeal_figures);

CREATE AGGREGATE @extschema@.sum(@extschema@.disclosure_figures) (
	SFUNC = @extschema@.disclosure_figures_sum_trans, STYPE = @extschema@.disclosure_figures,
	COMBINEFUNC = @extschema@.disclosure_figures_sum_trans, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.sum(@extschema@.request_figures) (
	SFUNC = @extschema@.request_figures_sum_trans, STYPE = @extschema@.request_figures,
	COMBINEFUNC = @extschema@.request_figures_sum_trans, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.sum(@extschema@.appeal_figures) (
	SFUNC = @extschema@.appeal_figures_sum_trans, STYPE = @extschema@.appeal_figures,
	COMBINEFUNC = @extschema@.appeal_figures_sum_trans, PARALLEL = SAFE);

--------------------------------------------------------------------------
-- Cells, format, rules
--------------------------------------------------------------------------
CREATE FUNCTION @extschema@.cell(@extschema@.disclosure_figures, row_code text, column_code text) RETURNS numeric
	AS 'MODULE_PATHNAME', 'disclosure_figures_cell' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.cell(@extschema@.request_figures, row_code text, column_code text) RETURNS integer
	AS 'MODULE_PATHNAME', 'request_figures_cell' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.cell(@extschema@.appeal_figures, column_code text) RETURNS integer
	AS 'MODULE_PATHNAME', 'appeal_figures_cell' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.format(@extschema@.disclosure_figures) RETURNS text
	AS 'MODULE_PATHNAME', 'disclosure_figures_format' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.format(@extschema@.request_figures) RETURNS text
	AS 'MODULE_PATHNAME', 'request_figures_format' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.complete(@extschema@.request_figures) RETURNS @extschema@.request_figures
	AS 'MODULE_PATHNAME', 'request_figures_complete' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.complete(@extschema@.appeal_figures) RETURNS @extschema@.appeal_figures
	AS 'MODULE_PATHNAME', 'appeal_figures_complete' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.violations(@extschema@.request_figures)
	RETURNS TABLE(rule text, row_code text, column_code text, expected numeric, actual numeric, message text)
	AS 'MODULE_PATHNAME', 'request_figures_violations' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;
CREATE FUNCTION @extschema@.violations(@extschema@.appeal_figures)
	RETURNS TABLE(rule text, row_code text, column_code text, expected numeric, actual numeric, message text)
	AS 'MODULE_PATHNAME', 'appeal_figures_violations' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;

CREATE FUNCTION @extschema@.is_balanced(@extschema@.request_figures) RETURNS boolean
	AS 'MODULE_PATHNAME', 'request_figures_is_balanced' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.is_balanced(@extschema@.appeal_figures) RETURNS boolean
	AS 'MODULE_PATHNAME', 'appeal_figures_is_balanced' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

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
	RETURNS TABLE(row_code text, label text, issued bigint, abolished bigint, in_force bigint, decisions bigint, amount numeric)
	AS 'MODULE_PATHNAME', 'table2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
CREATE FUNCTION @extschema@.table3(@extschema@.request_figures, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, np integer, biz integer, res integer, npo integer, law integer, oth integer, total integer)
	AS 'MODULE_PATHNAME', 'table3' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 30;
CREATE FUNCTION @extschema@.table4(@extschema@.appeal_figures, lang text DEFAULT 'zh')
	RETURNS TABLE(group_code text, label text, upheld integer, corrected integer, other integer, pending integer, total integer)
	AS 'MODULE_PATHNAME', 'table4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;

--------------------------------------------------------------------------
-- Storing reports
--------------------------------------------------------------------------
CREATE TABLE @extschema@.agency (
	agency_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	code text NOT NULL UNIQUE,
	name text NOT NULL,
	parent_id bigint REFERENCES @extschema@.agency,
	region_code text,
	level text,
	CONSTRAINT agency_not_own_parent CHECK (parent_id <> agency_id)
);
COMMENT ON TABLE @extschema@.agency IS 'administrative agencies that publish annual reports';

CREATE TABLE @extschema@.annual_report (
	agency_id bigint NOT NULL REFERENCES @extschema@.agency,
	year integer NOT NULL CONSTRAINT annual_report_year_range CHECK (year BETWEEN 2019 AND 2100),
	format text NOT NULL CONSTRAINT annual_report_format_known CHECK (format IN ('2019', '2021')),
	disclosures @extschema@.disclosure_figures,
	requests @extschema@.request_figures,
	appeals @extschema@.appeal_figures,
	overview text,
	problems text,
	other_matters text,
	source text NOT NULL DEFAULT 'entered' CONSTRAINT annual_report_source_known CHECK (source IN ('entered', 'imported', 'derived')),
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (agency_id, year),
	CONSTRAINT annual_report_requests_balanced CHECK (@extschema@.is_balanced(requests)),
	CONSTRAINT annual_report_appeals_balanced CHECK (@extschema@.is_balanced(appeals)),
	CONSTRAINT annual_report_requests_format CHECK (@extschema@.format(requests) = format),
	CONSTRAINT annual_report_disclosures_format CHECK (@extschema@.format(disclosures) = format)
);
COMMENT ON TABLE @extschema@.annual_report IS 'one annual report (政府信息公开工作年度报告) per agency and year';

CREATE FUNCTION @extschema@.annual_report_check() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE FUNCTION @extschema@.annual_report_carry() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;

CREATE TRIGGER annual_report_check
	BEFORE INSERT OR UPDATE ON @extschema@.annual_report
	FOR EACH ROW EXECUTE FUNCTION @extschema@.annual_report_check();
CREATE CONSTRAINT TRIGGER annual_report_p3_carry
	AFTER INSERT OR UPDATE ON @extschema@.annual_report
	DEFERRABLE INITIALLY IMMEDIATE
	FOR EACH ROW EXECUTE FUNCTION @extschema@.annual_report_carry();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.agency', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.annual_report', '');

-- one stored report by agency code and year, with errors that say what is missing
CREATE FUNCTION @extschema@.stored_report(agency_code text, year integer)
	RETURNS @extschema@.annual_report
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint;
	r @extschema@.annual_report;
BEGIN
	SELECT g.agency_id INTO a FROM @extschema@.agency g WHERE g.code = agency_code;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown agency "%"', agency_code
			USING ERRCODE = 'undefined_object',
				HINT = 'Agencies are listed in govinfo.agency by code.';
	END IF;
	SELECT * INTO r FROM @extschema@.annual_report ar WHERE ar.agency_id = a AND ar.year = stored_report.year;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no annual report of agency "%" for year %', agency_code, year
			USING ERRCODE = 'no_data_found';
	END IF;
	RETURN r;
END
$$;

-- the figures of one part of a stored report, or an error naming what is missing
CREATE FUNCTION @extschema@.report_part(r @extschema@.annual_report, agency_code text, part text, figures anyelement)
	RETURNS anyelement
	LANGUAGE plpgsql IMMUTABLE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF figures IS NULL THEN
		RAISE EXCEPTION 'the annual report of agency "%" for year % has no table % figures yet', agency_code, r.year, part
			USING ERRCODE = 'no_data_found';
	END IF;
	RETURN figures;
END
$$;

CREATE FUNCTION @extschema@.report_table2(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, issued bigint, abolished bigint, in_force bigint, decisions bigint, amount numeric)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT t.* FROM @extschema@.stored_report(agency_code, year) r,
		@extschema@.table2(@extschema@.report_part(r, agency_code, '二', r.disclosures), lang) t;
END;

CREATE FUNCTION @extschema@.report_table3(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, np integer, biz integer, res integer, npo integer, law integer, oth integer, total integer)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT t.* FROM @extschema@.stored_report(agency_code, year) r,
		@extschema@.table3(@extschema@.report_part(r, agency_code, '三', r.requests), lang) t;
END;

CREATE FUNCTION @extschema@.report_table4(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(group_code text, label text, upheld integer, corrected integer, other integer, pending integer, total integer)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT t.* FROM @extschema@.stored_report(agency_code, year) r,
		@extschema@.table4(@extschema@.report_part(r, agency_code, '四', r.appeals), lang) t;
END;
