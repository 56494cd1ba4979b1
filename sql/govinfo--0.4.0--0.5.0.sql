-- govinfo 0.4.0 -> 0.5.0: table 二 of the 2019 trial format; import of published reports; the
-- working-day calendar and deadlines; the warehouse (agency hierarchy, roll-ups, access, audit); the
-- rendered report document and dashboard views.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.5.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Table 二 of the 2019 trial format
--------------------------------------------------------------------------

-- disclosure_figures holds table 二 in both formats: 96 bytes instead of 48.  A 2021 value is the
-- 48 bytes it was (then zeros), so this library reads the stored values as they are; but a type
-- cannot change its length.  The stored values go to text, the type and everything built on it
-- are dropped, created again exactly as a fresh install has them, and the values come back.
ALTER TABLE @extschema@.annual_report DROP CONSTRAINT annual_report_disclosures_format;
ALTER TABLE @extschema@.annual_report ALTER COLUMN disclosures TYPE text USING disclosures::text;
ALTER TABLE @extschema@.report_version ALTER COLUMN disclosures TYPE text USING disclosures::text;
DROP TYPE @extschema@.disclosure_figures CASCADE;

CREATE TYPE @extschema@.disclosure_figures;
CREATE FUNCTION @extschema@.disclosure_figures_in(cstring) RETURNS @extschema@.disclosure_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disclosure_figures_out(@extschema@.disclosure_figures) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disclosure_figures_recv(internal) RETURNS @extschema@.disclosure_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.disclosure_figures_send(@extschema@.disclosure_figures) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.disclosure_figures (
	INTERNALLENGTH = 96, ALIGNMENT = double, STORAGE = plain,
	INPUT = @extschema@.disclosure_figures_in, OUTPUT = @extschema@.disclosure_figures_out,
	RECEIVE = @extschema@.disclosure_figures_recv, SEND = @extschema@.disclosure_figures_send
);
COMMENT ON TYPE @extschema@.disclosure_figures IS 'table 二 of the annual report, 2021 or 2019 format: counts, increases/decreases (2019) and amounts in 万元';
CREATE FUNCTION @extschema@.disclosure_figures(jsonb) RETURNS @extschema@.disclosure_figures
	AS 'MODULE_PATHNAME', 'disclosure_figures_from_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.to_jsonb(@extschema@.disclosure_figures) RETURNS jsonb
	AS 'MODULE_PATHNAME', 'disclosure_figures_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (jsonb AS @extschema@.disclosure_figures) WITH FUNCTION @extschema@.disclosure_figures(jsonb);
CREATE CAST (@extschema@.disclosure_figures AS jsonb) WITH FUNCTION @extschema@.to_jsonb(@extschema@.disclosure_figures);
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
CREATE AGGREGATE @extschema@.sum(@extschema@.disclosure_figures) (
	SFUNC = @extschema@.disclosure_figures_sum_trans, STYPE = @extschema@.disclosure_figures,
	COMBINEFUNC = @extschema@.disclosure_figures_sum_trans, PARALLEL = SAFE);
CREATE FUNCTION @extschema@.cell(@extschema@.disclosure_figures, row_code text, column_code text) RETURNS numeric
	AS 'MODULE_PATHNAME', 'disclosure_figures_cell' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.format(@extschema@.disclosure_figures) RETURNS text
	AS 'MODULE_PATHNAME', 'disclosure_figures_format' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.table2(@extschema@.disclosure_figures, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, issued bigint, abolished bigint, in_force bigint, decisions bigint, amount numeric,
		new_made bigint, new_published bigint, total_published bigint, prev_items bigint, delta bigint, count bigint)
	AS 'MODULE_PATHNAME', 'table2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 12;

-- the three figures of one report year derived from the records, per agency: every agency with a
-- record that counts in the year, or only only_agency; one set-based pass over each record table
-- BEGIN ATOMIC binds every name when the function is created and there is no SET clause, so the
-- planner inlines the function into its caller: with a known agency the agency range below is one
-- value and each record table is read by index; with NULL it is every agency.
CREATE FUNCTION @extschema@.derived_reports(year integer, only_agency bigint DEFAULT NULL)
	RETURNS TABLE(agency_id bigint, disclosures @extschema@.disclosure_figures,
		requests @extschema@.request_figures, appeals @extschema@.appeal_figures)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH req AS (
		SELECT a.agency_id, @extschema@.request_figures_agg(derived_reports.year, a.received_on, a.closed_on, a.applicant, a.outcome) AS f
		FROM @extschema@.application a
		WHERE coalesce(a.closed_on, 'infinity'::date) >= make_date(derived_reports.year, 1, 1)
		  AND a.received_on < make_date(derived_reports.year + 1, 1, 1)
		  AND a.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY a.agency_id),
	app AS (
		SELECT c.agency_id, @extschema@.appeal_figures_agg(derived_reports.year, c.kind, c.filed_on, c.result, c.concluded_on) AS f
		FROM @extschema@.appeal_case c
		WHERE c.filed_on < make_date(derived_reports.year + 1, 1, 1)
		  AND (c.concluded_on IS NULL OR c.concluded_on >= make_date(derived_reports.year, 1, 1))
		  AND c.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY c.agency_id),
	docs AS (
		SELECT d.agency_id,
			count(*) FILTER (WHERE d.kind = 'rule' AND d.issued_on >= make_date(derived_reports.year, 1, 1)) AS rule_issued,
			count(*) FILTER (WHERE d.kind = 'rule' AND d.abolished_on < make_date(derived_reports.year + 1, 1, 1)) AS rule_abolished,
			count(*) FILTER (WHERE d.kind = 'rule' AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_reports.year + 1, 1, 1))) AS rule_in_force,
			count(*) FILTER (WHERE d.kind = 'normative' AND d.issued_on >= make_date(derived_reports.year, 1, 1)) AS norm_issued,
			count(*) FILTER (WHERE d.kind = 'normative' AND d.abolished_on < make_date(derived_reports.year + 1, 1, 1)) AS norm_abolished,
			count(*) FILTER (WHERE d.kind = 'normative' AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_reports.year + 1, 1, 1))) AS norm_in_force
		FROM @extschema@.normative_document d
		WHERE d.issued_on < make_date(derived_reports.year + 1, 1, 1)
		  AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_reports.year, 1, 1))
		  AND d.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY d.agency_id),
	dec AS (
		SELECT k.agency_id,
			sum(k.n) FILTER (WHERE k.kind = 'licensing') AS licensing,
			sum(k.n) FILTER (WHERE k.kind = 'penalty') AS penalty,
			sum(k.n) FILTER (WHERE k.kind = 'coercion') AS coercion
		FROM @extschema@.decision_count k
		WHERE k.decided_on >= make_date(derived_reports.year, 1, 1) AND k.decided_on < make_date(derived_reports.year + 1, 1, 1)
		  AND k.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY k.agency_id),
	fee AS (
		SELECT r.agency_id, sum(r.amount_yuan) AS yuan
		FROM @extschema@.fee_receipt r
		WHERE r.received_on >= make_date(derived_reports.year, 1, 1) AND r.received_on < make_date(derived_reports.year + 1, 1, 1)
		  AND r.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY r.agency_id),
	ids AS (
		SELECT req.agency_id FROM req UNION SELECT app.agency_id FROM app UNION SELECT docs.agency_id FROM docs
		UNION SELECT dec.agency_id FROM dec UNION SELECT fee.agency_id FROM fee
		UNION SELECT only_agency WHERE only_agency IS NOT NULL)
	SELECT ids.agency_id,
		CASE WHEN derived_reports.year >= 2021 THEN
			format('2021|2.1.1:%s,%s,%s|2.1.2:%s,%s,%s|2.5.1:%s|2.6.1:%s|2.6.2:%s|2.8.1:%s',
				coalesce(docs.rule_issued, 0), coalesce(docs.rule_abolished, 0), coalesce(docs.rule_in_force, 0),
				coalesce(docs.norm_issued, 0), coalesce(docs.norm_abolished, 0), coalesce(docs.norm_in_force, 0),
				coalesce(dec.licensing, 0), coalesce(dec.penalty, 0), coalesce(dec.coercion, 0),
				round(coalesce(fee.yuan, 0) / 10000, 6))::@extschema@.disclosure_figures
		END,
		-- an agency with no application in scope: the aggregate over no application, i.e. zeros
		coalesce(req.f, (SELECT @extschema@.request_figures_agg(derived_reports.year, NULL, NULL, NULL, NULL))),
		coalesce(app.f, (SELECT @extschema@.appeal_figures_agg(derived_reports.year, NULL, NULL, NULL, NULL)))
	FROM ids
		LEFT JOIN req ON req.agency_id = ids.agency_id
		LEFT JOIN app ON app.agency_id = ids.agency_id
		LEFT JOIN docs ON docs.agency_id = ids.agency_id
		LEFT JOIN dec ON dec.agency_id = ids.agency_id
		LEFT JOIN fee ON fee.agency_id = ids.agency_id;
END;

CREATE FUNCTION @extschema@.derive_report(agency_code text, year integer,
		OUT disclosures @extschema@.disclosure_figures, OUT requests @extschema@.request_figures,
		OUT appeals @extschema@.appeal_figures)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
BEGIN
	-- a cached plan with derived_reports inlined, reading this agency's rows by index
	SELECT d.disclosures, d.requests, d.appeals INTO disclosures, requests, appeals
	FROM @extschema@.derived_reports(derive_report.year, a) d;
END
$$;

-- the figures of a report: stored if there is a stored report, else derived from the records
CREATE FUNCTION @extschema@.report_figures(agency_code text, year integer,
		OUT disclosures @extschema@.disclosure_figures, OUT requests @extschema@.request_figures,
		OUT appeals @extschema@.appeal_figures, OUT stored boolean)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
BEGIN
	SELECT r.disclosures, r.requests, r.appeals, true INTO disclosures, requests, appeals, stored
	FROM @extschema@.annual_report r WHERE r.agency_id = a AND r.year = report_figures.year;
	IF NOT FOUND THEN
		SELECT d.disclosures, d.requests, d.appeals, false INTO disclosures, requests, appeals, stored
		FROM @extschema@.derived_reports(report_figures.year, a) d;
	END IF;
END
$$;

-- the figures of one part, or P0002 naming the report and the table when they are NULL
CREATE OR REPLACE FUNCTION @extschema@.report_part(agency_code text, year integer, part text, figures anyelement)
	RETURNS anyelement
	LANGUAGE plpgsql IMMUTABLE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF figures IS NULL THEN
		RAISE EXCEPTION 'the annual report of agency "%" for year % has no table % figures', agency_code, year, part
			USING ERRCODE = 'no_data_found',
				HINT = CASE WHEN part = '二' AND year < 2021 THEN 'Table 二 of the 2019 format is not derived from records: store it with the report.'
				            ELSE 'The stored report is still being compiled.' END;
	END IF;
	RETURN figures;
END
$$;

CREATE FUNCTION @extschema@.report_table2(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, issued bigint, abolished bigint, in_force bigint, decisions bigint, amount numeric,
		new_made bigint, new_published bigint, total_published bigint, prev_items bigint, delta bigint, count bigint)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT t.* FROM @extschema@.report_figures(agency_code, year) r,
		@extschema@.table2(@extschema@.report_part(agency_code, year, '二', r.disclosures), lang) t;
END;

CREATE FUNCTION @extschema@.report_table3(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, np integer, biz integer, res integer, npo integer, law integer, oth integer, total integer)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT t.* FROM @extschema@.report_figures(agency_code, year) r,
		@extschema@.table3(@extschema@.report_part(agency_code, year, '三', r.requests), lang) t;
END;

CREATE FUNCTION @extschema@.report_table4(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(group_code text, label text, upheld integer, corrected integer, other integer, pending integer, total integer)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT t.* FROM @extschema@.report_figures(agency_code, year) r,
		@extschema@.table4(@extschema@.report_part(agency_code, year, '四', r.appeals), lang) t;
END;

ALTER TABLE @extschema@.annual_report
	ALTER COLUMN disclosures TYPE @extschema@.disclosure_figures USING disclosures::@extschema@.disclosure_figures,
	ADD CONSTRAINT annual_report_disclosures_format CHECK (@extschema@.format(disclosures) = format);
ALTER TABLE @extschema@.report_version
	ALTER COLUMN disclosures TYPE @extschema@.disclosure_figures USING disclosures::@extschema@.disclosure_figures;

REVOKE EXECUTE ON FUNCTION @extschema@.disclosure_figures_sum_trans(@extschema@.disclosure_figures, @extschema@.disclosure_figures) FROM PUBLIC;

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

-- import_report
-- P3-CARRY between two consecutive years of one agency: row 2 of current = row 4 of previous
CREATE FUNCTION @extschema@.carry_violations(previous @extschema@.request_figures, current @extschema@.request_figures)
	RETURNS TABLE(rule text, row_code text, column_code text, expected numeric, actual numeric, message text)
	AS 'MODULE_PATHNAME', 'request_figures_carry_violations' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;

--------------------------------------------------------------------------
-- Published reports: the copies an agency already published, parsed by parse_report and kept as
-- published (their figures may break the rules; published_violations lists every broken rule)
--------------------------------------------------------------------------
CREATE TABLE @extschema@.published_report (
	id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	agency_id bigint REFERENCES @extschema@.agency,
	agency_name text,
	year integer CONSTRAINT published_report_year_range CHECK (year BETWEEN 2019 AND 2100),
	format text CONSTRAINT published_report_format_known CHECK (format IN ('2019', '2021')),
	source_url text,
	document_sha256 text NOT NULL CONSTRAINT published_report_document_sha256_key UNIQUE
		CONSTRAINT published_report_sha256_hex CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
	document text NOT NULL,
	title text,
	published_on date,
	disclosures @extschema@.disclosure_figures,
	requests @extschema@.request_figures,
	appeals @extschema@.appeal_figures,
	overview text,
	problems text,
	other_matters text,
	complete boolean NOT NULL,
	layout text NOT NULL,
	warnings jsonb NOT NULL DEFAULT '[]',
	imported_at timestamptz NOT NULL DEFAULT now(),
	imported_by name NOT NULL DEFAULT CURRENT_USER,
	CONSTRAINT published_report_requests_format CHECK (@extschema@.format(requests) = format),
	CONSTRAINT published_report_disclosures_format CHECK (@extschema@.format(disclosures) = format)
);
CREATE INDEX published_report_agency_year ON @extschema@.published_report (agency_id, year);
COMMENT ON TABLE @extschema@.published_report IS 'annual reports as published (imported copies), figures kept as printed';

-- parse a published copy and keep it; the same document (same SHA-256 of its UTF-8 text) is kept once
CREATE FUNCTION @extschema@.import_report(document text, source_url text DEFAULT NULL, agency_code text DEFAULT NULL)
	RETURNS bigint
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	h text := pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(document, 'UTF8')), 'hex');
	p @extschema@.parsed_report;
	a bigint;
	found_id bigint;
BEGIN
	SELECT r.id INTO found_id FROM @extschema@.published_report r WHERE r.document_sha256 OPERATOR(pg_catalog.=) h;
	IF found_id IS NOT NULL THEN
		RETURN found_id;
	END IF;
	p := @extschema@.parse_report(document);
	IF agency_code IS NOT NULL THEN
		a := @extschema@.agency_id(agency_code);
	ELSIF p.agency_name IS NOT NULL THEN
		-- the one agency whose name is the printed name; none when no agency or several have it
		SELECT min(g.agency_id) INTO a FROM @extschema@.agency g
			WHERE g.name OPERATOR(pg_catalog.=) p.agency_name HAVING count(*) OPERATOR(pg_catalog.=) 1;
	END IF;
	INSERT INTO @extschema@.published_report AS r (agency_id, agency_name, year, format, source_url,
		document_sha256, document, title, published_on, disclosures, requests, appeals, overview,
		problems, other_matters, complete, layout, warnings)
	VALUES (a, p.agency_name, p.year, p.format, source_url, h, document, p.title, p.published_on,
		p.disclosures, p.requests, p.appeals, p.overview, p.problems, p.other_matters,
		coalesce(p.complete, false), coalesce(p.layout, 'none'), coalesce(p.warnings, '[]'))
	ON CONFLICT (document_sha256) DO NOTHING
	RETURNING r.id INTO found_id;
	IF found_id IS NULL THEN
		-- another transaction imported the same document meanwhile
		SELECT r.id INTO found_id FROM @extschema@.published_report r WHERE r.document_sha256 OPERATOR(pg_catalog.=) h;
	END IF;
	RETURN found_id;
END
$$;

-- the published reports that no agency was matched to
CREATE VIEW @extschema@.unmatched_published_reports AS
	SELECT r.id, r.agency_name, r.year, r.title, r.source_url, r.imported_at
	FROM @extschema@.published_report r
	WHERE r.agency_id IS NULL;
COMMENT ON VIEW @extschema@.unmatched_published_reports IS 'published reports without an agency: set published_report.agency_id to match them';

-- every broken rule of every published report: the rules of its own tables (a rule whose checked
-- cell the copy left blank is not checked), and P3-CARRY against the year before and the year after,
-- published or stored
CREATE VIEW @extschema@.published_violations AS
	SELECT r.id AS published_report_id, r.agency_id, r.agency_name, r.year, 3 AS part,
		v.rule, v.row_code, v.column_code, v.expected, v.actual,
		NULL::text AS compared_with, v.message
	FROM @extschema@.published_report r
		CROSS JOIN LATERAL @extschema@.violations(r.requests) v
	WHERE @extschema@.cell(r.requests, v.row_code, v.column_code) IS NOT NULL
	UNION ALL
	SELECT r.id, r.agency_id, r.agency_name, r.year, 4,
		v.rule, v.row_code, v.column_code, v.expected, v.actual,
		NULL, v.message
	FROM @extschema@.published_report r
		CROSS JOIN LATERAL @extschema@.violations(r.appeals) v
	WHERE @extschema@.cell(r.appeals, v.row_code || '.' || v.column_code) IS NOT NULL
	UNION ALL
	-- the year before: another published report of the agency, or its stored report
	SELECT r.id, r.agency_id, r.agency_name, r.year, 3,
		v.rule, v.row_code, v.column_code, v.expected, v.actual,
		prev.what, v.message
	FROM @extschema@.published_report r
		CROSS JOIN LATERAL (
			SELECT 'published report ' || p.id || ' of ' || p.year AS what, p.requests
			FROM @extschema@.published_report p
			WHERE p.agency_id = r.agency_id AND p.year = r.year - 1
			UNION ALL
			SELECT 'annual_report of ' || s.year, s.requests
			FROM @extschema@.annual_report s
			WHERE s.agency_id = r.agency_id AND s.year = r.year - 1) prev
		CROSS JOIN LATERAL @extschema@.carry_violations(prev.requests, r.requests) v
	WHERE @extschema@.cell(r.requests, '2', v.column_code) IS NOT NULL
	  AND @extschema@.cell(prev.requests, '4', v.column_code) IS NOT NULL
	UNION ALL
	-- the year after, when it is a stored report (a published one lists the pair itself)
	SELECT r.id, r.agency_id, r.agency_name, r.year, 3,
		v.rule, '4', v.column_code, v.actual, v.expected,
		'annual_report of ' || s.year,
		format('P3-CARRY: in column %s, row 4 is %s but row 2 of the stored report of %s is %s',
			v.column_code, v.expected, s.year, v.actual)
	FROM @extschema@.published_report r
		JOIN @extschema@.annual_report s ON s.agency_id = r.agency_id AND s.year = r.year + 1
		CROSS JOIN LATERAL @extschema@.carry_violations(r.requests, s.requests) v
	WHERE @extschema@.cell(r.requests, '4', v.column_code) IS NOT NULL
	  AND @extschema@.cell(s.requests, '2', v.column_code) IS NOT NULL;
COMMENT ON VIEW @extschema@.published_violations IS 'every broken rule of the published reports, P3-CARRY included, with both numbers';

-- copy a complete published report into annual_report (source imported), subject to every constraint
-- there; blank totals are filled from their parts (complete()), nothing else is changed
CREATE FUNCTION @extschema@.adopt_published(published_report_id bigint) RETURNS void
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	p @extschema@.published_report;
BEGIN
	SELECT * INTO p FROM @extschema@.published_report r WHERE r.id OPERATOR(pg_catalog.=) published_report_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'published report % does not exist', published_report_id
			USING ERRCODE = 'undefined_object', HINT = 'govinfo.published_report lists them by id.';
	END IF;
	IF p.agency_id IS NULL THEN
		RAISE EXCEPTION 'published report % (%) is not matched to an agency', p.id, coalesce(p.agency_name, 'no agency name')
			USING ERRCODE = 'object_not_in_prerequisite_state',
				HINT = 'Set its agency_id (govinfo.unmatched_published_reports lists such reports).';
	END IF;
	IF p.year IS NULL OR p.format IS NULL OR NOT p.complete OR p.requests IS NULL OR p.appeals IS NULL THEN
		RAISE EXCEPTION 'published report % of agency "%" is incomplete', p.id, p.agency_name
			USING ERRCODE = 'object_not_in_prerequisite_state',
				DETAIL = 'Only a copy whose three tables were read in full can become the agency''s report; its warnings say what is missing.';
	END IF;
	INSERT INTO @extschema@.annual_report (agency_id, year, format, disclosures, requests, appeals,
		overview, problems, other_matters, source)
	VALUES (p.agency_id, p.year, p.format, p.disclosures,
		@extschema@.complete(p.requests), @extschema@.complete(p.appeals), p.overview, p.problems, p.other_matters, 'imported');
END
$$;

SELECT pg_catalog.pg_extension_config_dump('@extschema@.published_report', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.published_report_id_seq', '');

-- (end of section 2)

--------------------------------------------------------------------------
-- 3. The working-day calendar and deadlines
--------------------------------------------------------------------------
-- (the same as sql/schema/75_calendar.sql of 0.5.0)
--------------------------------------------------------------------------
-- The working-day calendar (the State Council's yearly holiday notices, make-up days 调休 included)
--------------------------------------------------------------------------
-- A day is a working day when it has a 'workday' row (a make-up Saturday or Sunday), or it is a Monday
-- to Friday without a 'holiday' row. A year is known when it has a row on its 1 January (元旦 is in
-- every notice); the calendar covers the known years from the earliest one on, without a gap
-- (calendar_known_from() .. calendar_known_until()), and a computation that needs another day is an
-- error (22008) naming the missing year. The rows shipped with govinfo are shipped = true; a row
-- written by a user is shipped = false (a trigger sees to it), takes the place of a shipped row of the
-- same day, and is what pg_dump keeps (doc/deadlines.md).
CREATE TABLE @extschema@.workday_calendar (
	day date PRIMARY KEY,
	kind text NOT NULL CONSTRAINT workday_calendar_kind_known CHECK (kind IN ('holiday', 'workday')),
	name text,
	source text,
	shipped boolean NOT NULL DEFAULT false,
	CONSTRAINT workday_calendar_day_in_range CHECK (day BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
	CONSTRAINT workday_calendar_workday_on_weekend CHECK (kind = 'holiday' OR extract(isodow FROM day) >= 6)
);
COMMENT ON TABLE @extschema@.workday_calendar IS 'the days that differ from a Monday-Friday week, from the State Council''s holiday notices (国务院办公厅关于部分节假日安排的通知)';

-- the State Council's notices for 2019-2026 (data/cn-workdays.csv, written here by scripts/calendar-rows.sh)
-- calendar rows: begin
INSERT INTO @extschema@.workday_calendar (day, kind, name, source, shipped) VALUES
	(DATE '2018-12-29', 'workday', '元旦', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2018-12-30', 'holiday', '元旦', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2018-12-31', 'holiday', '元旦', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-01-01', 'holiday', '元旦', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-02', 'workday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-03', 'workday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-04', 'holiday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-05', 'holiday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-06', 'holiday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-07', 'holiday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-08', 'holiday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-09', 'holiday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-02-10', 'holiday', '春节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-04-05', 'holiday', '清明节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-04-06', 'holiday', '清明节', '国办发明电〔2018〕15号（2019年部分节假日安排）；与周末连休的周末', true),
	(DATE '2019-04-07', 'holiday', '清明节', '国办发明电〔2018〕15号（2019年部分节假日安排）；与周末连休的周末', true),
	(DATE '2019-04-28', 'workday', '劳动节', '国办发明电〔2019〕3号（调整2019年劳动节假期安排）', true),
	(DATE '2019-05-01', 'holiday', '劳动节', '国办发明电〔2019〕3号（调整2019年劳动节假期安排）', true),
	(DATE '2019-05-02', 'holiday', '劳动节', '国办发明电〔2019〕3号（调整2019年劳动节假期安排）', true),
	(DATE '2019-05-03', 'holiday', '劳动节', '国办发明电〔2019〕3号（调整2019年劳动节假期安排）', true),
	(DATE '2019-05-04', 'holiday', '劳动节', '国办发明电〔2019〕3号（调整2019年劳动节假期安排）', true),
	(DATE '2019-05-05', 'workday', '劳动节', '国办发明电〔2019〕3号（调整2019年劳动节假期安排）', true),
	(DATE '2019-06-07', 'holiday', '端午节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-06-08', 'holiday', '端午节', '国办发明电〔2018〕15号（2019年部分节假日安排）；与周末连休的周末', true),
	(DATE '2019-06-09', 'holiday', '端午节', '国办发明电〔2018〕15号（2019年部分节假日安排）；与周末连休的周末', true),
	(DATE '2019-09-13', 'holiday', '中秋节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-09-14', 'holiday', '中秋节', '国办发明电〔2018〕15号（2019年部分节假日安排）；与周末连休的周末', true),
	(DATE '2019-09-15', 'holiday', '中秋节', '国办发明电〔2018〕15号（2019年部分节假日安排）；与周末连休的周末', true),
	(DATE '2019-09-29', 'workday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-10-01', 'holiday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-10-02', 'holiday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-10-03', 'holiday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-10-04', 'holiday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-10-05', 'holiday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-10-06', 'holiday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-10-07', 'holiday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2019-10-12', 'workday', '国庆节', '国办发明电〔2018〕15号（2019年部分节假日安排）', true),
	(DATE '2020-01-01', 'holiday', '元旦', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-19', 'workday', '春节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-24', 'holiday', '春节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-25', 'holiday', '春节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-26', 'holiday', '春节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-27', 'holiday', '春节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-28', 'holiday', '春节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-29', 'holiday', '春节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-30', 'holiday', '春节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-01-31', 'holiday', '春节', '国办发明电〔2020〕1号（延长2020年春节假期）', true),
	(DATE '2020-02-01', 'holiday', '春节', '国办发明电〔2020〕1号（延长2020年春节假期）；原定当日（星期六）上班随之取消', true),
	(DATE '2020-02-02', 'holiday', '春节', '国办发明电〔2020〕1号（延长2020年春节假期）', true),
	(DATE '2020-04-04', 'holiday', '清明节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-04-05', 'holiday', '清明节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-04-06', 'holiday', '清明节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-04-26', 'workday', '劳动节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-05-01', 'holiday', '劳动节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-05-02', 'holiday', '劳动节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-05-03', 'holiday', '劳动节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-05-04', 'holiday', '劳动节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-05-05', 'holiday', '劳动节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-05-09', 'workday', '劳动节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-06-25', 'holiday', '端午节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-06-26', 'holiday', '端午节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-06-27', 'holiday', '端午节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-06-28', 'workday', '端午节', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-09-27', 'workday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-01', 'holiday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-02', 'holiday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-03', 'holiday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-04', 'holiday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-05', 'holiday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-06', 'holiday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-07', 'holiday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-08', 'holiday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2020-10-10', 'workday', '中秋国庆', '国办发明电〔2019〕16号（2020年部分节假日安排）', true),
	(DATE '2021-01-01', 'holiday', '元旦', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-01-02', 'holiday', '元旦', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-01-03', 'holiday', '元旦', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-07', 'workday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-11', 'holiday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-12', 'holiday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-13', 'holiday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-14', 'holiday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-15', 'holiday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-16', 'holiday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-17', 'holiday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-02-20', 'workday', '春节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-04-03', 'holiday', '清明节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-04-04', 'holiday', '清明节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-04-05', 'holiday', '清明节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-04-25', 'workday', '劳动节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-05-01', 'holiday', '劳动节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-05-02', 'holiday', '劳动节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-05-03', 'holiday', '劳动节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-05-04', 'holiday', '劳动节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-05-05', 'holiday', '劳动节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-05-08', 'workday', '劳动节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-06-12', 'holiday', '端午节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-06-13', 'holiday', '端午节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-06-14', 'holiday', '端午节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-09-18', 'workday', '中秋节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-09-19', 'holiday', '中秋节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-09-20', 'holiday', '中秋节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-09-21', 'holiday', '中秋节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-09-26', 'workday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-10-01', 'holiday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-10-02', 'holiday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-10-03', 'holiday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-10-04', 'holiday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-10-05', 'holiday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-10-06', 'holiday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-10-07', 'holiday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2021-10-09', 'workday', '国庆节', '国办发明电〔2020〕27号（2021年部分节假日安排）', true),
	(DATE '2022-01-01', 'holiday', '元旦', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-01-02', 'holiday', '元旦', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-01-03', 'holiday', '元旦', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-01-29', 'workday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-01-30', 'workday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-01-31', 'holiday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-02-01', 'holiday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-02-02', 'holiday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-02-03', 'holiday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-02-04', 'holiday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-02-05', 'holiday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-02-06', 'holiday', '春节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-04-02', 'workday', '清明节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-04-03', 'holiday', '清明节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-04-04', 'holiday', '清明节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-04-05', 'holiday', '清明节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-04-24', 'workday', '劳动节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-04-30', 'holiday', '劳动节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-05-01', 'holiday', '劳动节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-05-02', 'holiday', '劳动节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-05-03', 'holiday', '劳动节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-05-04', 'holiday', '劳动节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-05-07', 'workday', '劳动节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-06-03', 'holiday', '端午节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-06-04', 'holiday', '端午节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-06-05', 'holiday', '端午节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-09-10', 'holiday', '中秋节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-09-11', 'holiday', '中秋节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-09-12', 'holiday', '中秋节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-01', 'holiday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-02', 'holiday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-03', 'holiday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-04', 'holiday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-05', 'holiday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-06', 'holiday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-07', 'holiday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-08', 'workday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-10-09', 'workday', '国庆节', '国办发明电〔2021〕11号（2022年部分节假日安排）', true),
	(DATE '2022-12-31', 'holiday', '元旦', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-01', 'holiday', '元旦', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-02', 'holiday', '元旦', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-21', 'holiday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-22', 'holiday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-23', 'holiday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-24', 'holiday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-25', 'holiday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-26', 'holiday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-27', 'holiday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-28', 'workday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-01-29', 'workday', '春节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-04-05', 'holiday', '清明节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-04-23', 'workday', '劳动节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-04-29', 'holiday', '劳动节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-04-30', 'holiday', '劳动节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-05-01', 'holiday', '劳动节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-05-02', 'holiday', '劳动节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-05-03', 'holiday', '劳动节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-05-06', 'workday', '劳动节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-06-22', 'holiday', '端午节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-06-23', 'holiday', '端午节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-06-24', 'holiday', '端午节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-06-25', 'workday', '端午节', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-09-29', 'holiday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-09-30', 'holiday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-10-01', 'holiday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-10-02', 'holiday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-10-03', 'holiday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-10-04', 'holiday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-10-05', 'holiday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-10-06', 'holiday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-10-07', 'workday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-10-08', 'workday', '中秋国庆', '国办发明电〔2022〕16号（2023年部分节假日安排）', true),
	(DATE '2023-12-30', 'holiday', '元旦', '国办发明电〔2023〕7号（2024年部分节假日安排）；与周末连休的周末', true),
	(DATE '2023-12-31', 'holiday', '元旦', '国办发明电〔2023〕7号（2024年部分节假日安排）；与周末连休的周末', true),
	(DATE '2024-01-01', 'holiday', '元旦', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-04', 'workday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-10', 'holiday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-11', 'holiday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-12', 'holiday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-13', 'holiday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-14', 'holiday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-15', 'holiday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-16', 'holiday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-17', 'holiday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-02-18', 'workday', '春节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-04-04', 'holiday', '清明节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-04-05', 'holiday', '清明节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-04-06', 'holiday', '清明节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-04-07', 'workday', '清明节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-04-28', 'workday', '劳动节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-05-01', 'holiday', '劳动节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-05-02', 'holiday', '劳动节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-05-03', 'holiday', '劳动节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-05-04', 'holiday', '劳动节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-05-05', 'holiday', '劳动节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-05-11', 'workday', '劳动节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-06-08', 'holiday', '端午节', '国办发明电〔2023〕7号（2024年部分节假日安排）；与周末连休的周末', true),
	(DATE '2024-06-09', 'holiday', '端午节', '国办发明电〔2023〕7号（2024年部分节假日安排）；与周末连休的周末', true),
	(DATE '2024-06-10', 'holiday', '端午节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-09-14', 'workday', '中秋节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-09-15', 'holiday', '中秋节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-09-16', 'holiday', '中秋节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-09-17', 'holiday', '中秋节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-09-29', 'workday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-10-01', 'holiday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-10-02', 'holiday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-10-03', 'holiday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-10-04', 'holiday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-10-05', 'holiday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-10-06', 'holiday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-10-07', 'holiday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2024-10-12', 'workday', '国庆节', '国办发明电〔2023〕7号（2024年部分节假日安排）', true),
	(DATE '2025-01-01', 'holiday', '元旦', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-01-26', 'workday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-01-28', 'holiday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-01-29', 'holiday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-01-30', 'holiday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-01-31', 'holiday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-02-01', 'holiday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-02-02', 'holiday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-02-03', 'holiday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-02-04', 'holiday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-02-08', 'workday', '春节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-04-04', 'holiday', '清明节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-04-05', 'holiday', '清明节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-04-06', 'holiday', '清明节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-04-27', 'workday', '劳动节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-05-01', 'holiday', '劳动节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-05-02', 'holiday', '劳动节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-05-03', 'holiday', '劳动节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-05-04', 'holiday', '劳动节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-05-05', 'holiday', '劳动节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-05-31', 'holiday', '端午节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-06-01', 'holiday', '端午节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-06-02', 'holiday', '端午节', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-09-28', 'workday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-01', 'holiday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-02', 'holiday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-03', 'holiday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-04', 'holiday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-05', 'holiday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-06', 'holiday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-07', 'holiday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-08', 'holiday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2025-10-11', 'workday', '中秋国庆', '国办发明电〔2024〕12号（2025年部分节假日安排）', true),
	(DATE '2026-01-01', 'holiday', '元旦', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-01-02', 'holiday', '元旦', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-01-03', 'holiday', '元旦', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-01-04', 'workday', '元旦', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-14', 'workday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-15', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-16', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-17', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-18', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-19', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-20', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-21', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-22', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-23', 'holiday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-02-28', 'workday', '春节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-04-04', 'holiday', '清明节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-04-05', 'holiday', '清明节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-04-06', 'holiday', '清明节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-05-01', 'holiday', '劳动节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-05-02', 'holiday', '劳动节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-05-03', 'holiday', '劳动节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-05-04', 'holiday', '劳动节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-05-05', 'holiday', '劳动节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-05-09', 'workday', '劳动节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-06-19', 'holiday', '端午节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-06-20', 'holiday', '端午节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-06-21', 'holiday', '端午节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-09-20', 'workday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-09-25', 'holiday', '中秋节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-09-26', 'holiday', '中秋节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-09-27', 'holiday', '中秋节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-10-01', 'holiday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-10-02', 'holiday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-10-03', 'holiday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-10-04', 'holiday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-10-05', 'holiday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-10-06', 'holiday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-10-07', 'holiday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true),
	(DATE '2026-10-10', 'workday', '国庆节', '国办发明电〔2025〕7号（2026年部分节假日安排）', true);
-- calendar rows: end

-- after every statement that changes the calendar, the calendar each backend keeps (src/calendar.c)
-- is stale: in this session at once, in the others when the transaction commits
CREATE FUNCTION @extschema@.workday_calendar_changed() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE TRIGGER workday_calendar_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.workday_calendar
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.workday_calendar_changed();

-- a row written by a user is the user's (pg_dump keeps it) and takes the place of a shipped row of
-- the same day: so a restore brings back a changed shipped row over the one CREATE EXTENSION put back
CREATE FUNCTION @extschema@.workday_calendar_user_row() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	NEW.shipped := false;
	IF TG_OP = 'INSERT' THEN
		DELETE FROM @extschema@.workday_calendar c WHERE c.day OPERATOR(pg_catalog.=) NEW.day AND c.shipped;
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER workday_calendar_user_row BEFORE INSERT OR UPDATE ON @extschema@.workday_calendar
	FOR EACH ROW EXECUTE FUNCTION @extschema@.workday_calendar_user_row();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.workday_calendar', 'WHERE NOT shipped');

--------------------------------------------------------------------------
-- Working days (src/calendar.c, src/calendar_fmgr.c): the day a period starts on is not counted
--------------------------------------------------------------------------
CREATE FUNCTION @extschema@.is_workday(day date) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_workday(date) IS 'whether a day is a working day (工作日) by the State Council''s notices';
CREATE FUNCTION @extschema@.add_workdays(day date, n integer) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.add_workdays(date, integer) IS 'the n-th working day after a day, the day itself not counted; n = 0: the day if a working day, else the next one';
CREATE FUNCTION @extschema@.workdays_between(from_day date, to_day date) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.workdays_between(date, date) IS 'the working days after the first day up to and including the second (negative if the second is earlier)';
CREATE FUNCTION @extschema@.calendar_known_from() RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.calendar_known_from() IS 'the first day the working-day calendar covers (1 January of its first year)';
CREATE FUNCTION @extschema@.calendar_known_until() RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.calendar_known_until() IS 'the last day the working-day calendar covers (31 December of its last year)';

--------------------------------------------------------------------------
-- Deadlines of applications (条例 articles 30-33)
--------------------------------------------------------------------------
-- the periods an agency spent consulting a third party (article 32) or another agency: not counted
-- in the time limit (article 33). An application can have several, overlapping or not; ended_on
-- NULL: the consultation is still going on (the time limit stands still)
CREATE TABLE @extschema@.application_consultation (
	consultation_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	application_id bigint NOT NULL REFERENCES @extschema@.application ON DELETE CASCADE,
	started_on date NOT NULL CONSTRAINT application_consultation_started_in_range CHECK (started_on BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
	ended_on date CONSTRAINT application_consultation_ended_in_range CHECK (ended_on BETWEEN DATE '1990-01-01' AND DATE '2100-12-31'),
	party text,
	CONSTRAINT application_consultation_ended_after_started CHECK (ended_on >= started_on)
);
CREATE INDEX application_consultation_application ON @extschema@.application_consultation (application_id);
COMMENT ON TABLE @extschema@.application_consultation IS 'periods spent consulting third parties or other agencies (条例 articles 32, 33), not counted in the time limit';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application_consultation', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application_consultation_consultation_id_seq', '');

-- The legal due date of every application. The clock starts on the day the application was received,
-- or the corrected application (article 30); that day is not counted. The time limit is 20 working
-- days, 40 when extended (article 33), plus the working days spent consulting (articles 32, 33: the
-- working days after the day a consultation started, up to the day it ended, after the clock start;
-- overlapping periods counted once). While a consultation of an open application goes on, due_on is
-- NULL (the clock stands still). workdays_taken and workdays_late are those of closed applications.
-- the working days of the consultations of each application that has any, counted once
CREATE VIEW @extschema@.application_consultation_workdays AS
SELECT m.application_id, m.going_on,
	coalesce((SELECT sum(@extschema@.workdays_between(pg_catalog.lower(r) OPERATOR(pg_catalog.-) 1, pg_catalog.upper(r) OPERATOR(pg_catalog.-) 1))
	          FROM pg_catalog.unnest(m.periods) r), 0)::integer AS workdays
FROM (
	SELECT k.application_id, bool_or(k.ended_on IS NULL) AS going_on,
		pg_catalog.range_agg(CASE WHEN k.ended_on > greatest(k.started_on, coalesce(a.corrected_on, a.received_on))
		                          THEN pg_catalog.daterange(greatest(k.started_on, coalesce(a.corrected_on, a.received_on)), k.ended_on, '(]')
		                          ELSE 'empty'::pg_catalog.daterange END) AS periods
	FROM @extschema@.application_consultation k
	JOIN @extschema@.application a ON a.application_id = k.application_id
	GROUP BY k.application_id
) m;
COMMENT ON VIEW @extschema@.application_consultation_workdays IS 'the working days each application spent in consultations (条例 article 33), overlapping periods counted once';

-- the working days of an application's consultations after the clock start (src/consultation.c: the
-- periods read once per query, a bit test per application), NULL while one goes on and it is open
CREATE FUNCTION @extschema@.consult_workdays(application_id bigint, clock_starts_on date, closed_on date) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;

-- the whole deadline of one application in one call (src/deadline.c): the clock start, the due date,
-- the status as of as_of, the working days taken and late, the consultation working days, exactly as
-- the view application_deadline below defines them (the consultation periods read once per query)
CREATE FUNCTION @extschema@.deadline_of(application_id bigint, received_on date, corrected_on date, extended boolean,
		closed_on date, as_of date,
		OUT clock_starts_on date, OUT due_on date, OUT status text, OUT workdays_taken integer,
		OUT workdays_late integer, OUT consult_workdays integer)
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_of(bigint, date, date, boolean, date, date) IS 'the deadline of one application (条例 articles 30-33): clock start, due date, status as of a day, working days taken, late and consulting';

-- The view spells the deadline as expressions (the planner copies them into every column that uses them,
-- but keeps conditions on the view pushed into the scan): measured faster for a whole scan than calling
-- deadline_of once per row and expanding its record (bench/RESULTS.md). The functions below use deadline_of.
CREATE VIEW @extschema@.application_deadline AS
SELECT x.application_id, x.agency_id, x.received_on, x.clock_starts_on, x.due_on, x.closed_on,
	CASE WHEN x.closed_on IS NULL THEN CASE WHEN x.due_on < CURRENT_DATE THEN 'open_overdue' ELSE 'open' END
	     WHEN x.closed_on <= x.due_on THEN 'closed_on_time'
	     ELSE 'closed_late' END AS status,
	@extschema@.workdays_between(x.clock_starts_on, x.closed_on) - x.consult_workdays AS workdays_taken,
	CASE WHEN x.closed_on > x.due_on THEN @extschema@.workdays_between(x.due_on, x.closed_on)
	     WHEN x.closed_on IS NOT NULL THEN 0 END AS workdays_late,
	x.extended, x.consult_workdays
FROM (
	SELECT y.*, @extschema@.add_workdays(y.clock_starts_on, CASE WHEN y.extended THEN 40 ELSE 20 END + y.consult_workdays) AS due_on
	FROM (
		SELECT a.application_id, a.agency_id, a.received_on, coalesce(a.corrected_on, a.received_on) AS clock_starts_on,
			a.closed_on, a.extended,
			@extschema@.consult_workdays(a.application_id, coalesce(a.corrected_on, a.received_on), a.closed_on) AS consult_workdays
		FROM @extschema@.application a
	) y
) x;
COMMENT ON VIEW @extschema@.application_deadline IS 'the legal due date of every application (条例 articles 30-33), its status, the working days taken and late';

-- the open applications of an agency and its descendants (agency_code NULL: of every agency) that are
-- past their due date on as_of, or due within due_within working days of it; the most overdue first.
-- Open on as_of: received by then and not closed by then. workdays_late: the working days after the
-- due date up to as_of (0 or less: not overdue; minus the working days left)
CREATE FUNCTION @extschema@.overdue_applications(agency_code text DEFAULT NULL, as_of date DEFAULT CURRENT_DATE,
		due_within integer DEFAULT 3)
	RETURNS TABLE(application_id bigint, agency_id bigint, code text, received_on date, clock_starts_on date,
		due_on date, overdue boolean, workdays_late integer)
	LANGUAGE sql STABLE
BEGIN ATOMIC
	WITH RECURSIVE tree(agency_id) AS (
		SELECT @extschema@.agency_id(overdue_applications.agency_code) WHERE overdue_applications.agency_code IS NOT NULL
		UNION
		SELECT g.agency_id FROM @extschema@.agency g JOIN tree t ON g.parent_id = t.agency_id)
	SELECT d.application_id, d.agency_id, g.code, d.received_on, d.clock_starts_on, d.due_on,
		d.due_on < overdue_applications.as_of,
		@extschema@.workdays_between(d.due_on, overdue_applications.as_of)
	FROM (
		-- deadline_of once per open application of the agencies (OFFSET 0)
		SELECT x.application_id, x.agency_id, x.received_on, (x.dl).clock_starts_on, (x.dl).due_on
		FROM (
			SELECT a.application_id, a.agency_id, a.received_on,
				@extschema@.deadline_of(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on, CURRENT_DATE) AS dl
			FROM @extschema@.application a
			WHERE (overdue_applications.agency_code IS NULL OR a.agency_id IN (SELECT t.agency_id FROM tree t))
			  AND a.received_on <= overdue_applications.as_of
			  AND (a.closed_on IS NULL OR a.closed_on > overdue_applications.as_of)
			OFFSET 0) x
	) d
	JOIN @extschema@.agency g ON g.agency_id = d.agency_id
	WHERE d.due_on <= @extschema@.add_workdays(overdue_applications.as_of, overdue_applications.due_within)
	ORDER BY d.due_on, d.received_on, d.application_id;
END;
COMMENT ON FUNCTION @extschema@.overdue_applications(text, date, integer) IS 'open applications past their due date or due within N working days, of an agency and its descendants, most overdue first';

-- the timeliness figures of one year from the deadlines of a set of applications: those closed in
-- the year, and those open at its end (not closed by 31 December) with a due date in it or before
CREATE FUNCTION @extschema@.timeliness_rows(year integer)
	RETURNS TABLE(agency_id bigint, closed boolean, on_time boolean, extended boolean, workdays_taken integer, open_overdue boolean)
	LANGUAGE sql STABLE
BEGIN ATOMIC
	-- deadline_of once per candidate row (OFFSET 0), on the applications closed in the year or open at its end
	SELECT x.agency_id, x.closed_on <= make_date(timeliness_rows.year, 12, 31), x.closed_on <= (x.d).due_on,
		x.extended, (x.d).workdays_taken, x.closed_on IS NULL OR x.closed_on > make_date(timeliness_rows.year, 12, 31)
	FROM (
		SELECT a.agency_id, a.closed_on, a.extended,
			@extschema@.deadline_of(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on, CURRENT_DATE) AS d
		FROM @extschema@.application a
		WHERE (a.closed_on BETWEEN make_date(timeliness_rows.year, 1, 1) AND make_date(timeliness_rows.year, 12, 31))
		   OR (a.received_on <= make_date(timeliness_rows.year, 12, 31)
		       AND (a.closed_on IS NULL OR a.closed_on > make_date(timeliness_rows.year, 12, 31)))
		OFFSET 0
	) x
	WHERE (x.closed_on BETWEEN make_date(timeliness_rows.year, 1, 1) AND make_date(timeliness_rows.year, 12, 31))
	   OR (x.d).due_on <= make_date(timeliness_rows.year, 12, 31);
END;

-- on-time figures of an agency and its descendants for the applications closed in a year (and the
-- open ones overdue at its end)
CREATE FUNCTION @extschema@.timeliness(agency_code text, year integer)
	RETURNS TABLE(closed bigint, on_time bigint, on_time_pct numeric, extended bigint, median_workdays numeric,
		p90_workdays numeric, open_overdue bigint)
	LANGUAGE sql STABLE
BEGIN ATOMIC
	WITH RECURSIVE tree(agency_id) AS (
		SELECT @extschema@.agency_id(timeliness.agency_code)
		UNION
		SELECT g.agency_id FROM @extschema@.agency g JOIN tree t ON g.parent_id = t.agency_id)
	SELECT count(*) FILTER (WHERE r.closed),
		count(*) FILTER (WHERE r.closed AND r.on_time),
		round(100.0 * count(*) FILTER (WHERE r.closed AND r.on_time) / nullif(count(*) FILTER (WHERE r.closed), 0), 1),
		count(*) FILTER (WHERE r.closed AND r.extended),
		percentile_cont(0.5) WITHIN GROUP (ORDER BY r.workdays_taken) FILTER (WHERE r.closed)::numeric,
		percentile_cont(0.9) WITHIN GROUP (ORDER BY r.workdays_taken) FILTER (WHERE r.closed)::numeric,
		count(*) FILTER (WHERE r.open_overdue)
	FROM @extschema@.timeliness_rows(timeliness.year) r
	WHERE r.agency_id IN (SELECT t.agency_id FROM tree t);
END;
COMMENT ON FUNCTION @extschema@.timeliness(text, integer) IS 'on-time figures of an agency and its descendants for the applications closed in a year';

-- timeliness() of every agency (its descendants included), one row each, for a dashboard. Each
-- agency's applications are first counted by working days taken (a histogram), the histograms summed up
-- the hierarchy, and the percentiles read from them as percentile_cont interpolates: no sort of every
-- application under every ancestor
CREATE FUNCTION @extschema@.timeliness_by_agency(year integer)
	RETURNS TABLE(agency_id bigint, code text, name text, closed bigint, on_time bigint, on_time_pct numeric,
		extended bigint, median_workdays numeric, p90_workdays numeric, open_overdue bigint)
	LANGUAGE sql STABLE
	-- the planner cannot size the hierarchy: a nested loop over 20,000 agencies would be 200 million pairs,
	-- a merge join sorts what a hash join need not
	SET enable_nestloop = off SET enable_mergejoin = off
BEGIN ATOMIC
	WITH RECURSIVE tree(root, agency_id) AS (
		SELECT g.agency_id, g.agency_id FROM @extschema@.agency g
		UNION
		SELECT t.root, g.agency_id FROM @extschema@.agency g JOIN tree t ON g.parent_id = t.agency_id),
	own AS MATERIALIZED (
		SELECT r.agency_id, r.workdays_taken AS taken,
			count(*) FILTER (WHERE r.closed) AS n,
			count(*) FILTER (WHERE r.closed AND r.on_time) AS on_time,
			count(*) FILTER (WHERE r.closed AND r.extended) AS extended,
			count(*) FILTER (WHERE r.open_overdue) AS open_overdue
		FROM @extschema@.timeliness_rows(timeliness_by_agency.year) r
		GROUP BY r.agency_id, r.workdays_taken),
	hist AS (
		SELECT t.root, o.taken, sum(o.n) AS n, sum(o.on_time) AS on_time, sum(o.extended) AS extended,
			sum(o.open_overdue) AS open_overdue
		FROM own o JOIN tree t ON t.agency_id = o.agency_id
		GROUP BY t.root, o.taken),
	cum AS (
		SELECT h.root, h.taken, h.n, h.on_time, h.extended, h.open_overdue,
			sum(h.n) OVER (PARTITION BY h.root ORDER BY h.taken ROWS UNBOUNDED PRECEDING) AS upto,
			sum(h.n) OVER (PARTITION BY h.root) AS total
		FROM hist h WHERE h.taken IS NOT NULL OR h.open_overdue > 0),
	s AS (
		-- the value at 0-based position i of the sorted closings is the least taken whose cumulative count exceeds i
		SELECT c.root, sum(c.n)::bigint AS closed, sum(c.on_time)::bigint AS on_time, sum(c.extended)::bigint AS extended,
			sum(c.open_overdue)::bigint AS open_overdue, max(c.total) AS total,
			min(c.taken) FILTER (WHERE c.n > 0 AND c.upto > floor(0.5::float8 * (c.total - 1)::float8)) AS lo50,
			min(c.taken) FILTER (WHERE c.n > 0 AND c.upto > ceil(0.5::float8 * (c.total - 1)::float8)) AS hi50,
			min(c.taken) FILTER (WHERE c.n > 0 AND c.upto > floor(0.9::float8 * (c.total - 1)::float8)) AS lo90,
			min(c.taken) FILTER (WHERE c.n > 0 AND c.upto > ceil(0.9::float8 * (c.total - 1)::float8)) AS hi90
		FROM cum c GROUP BY c.root)
	SELECT g.agency_id, g.code, g.name, coalesce(s.closed, 0), coalesce(s.on_time, 0),
		round(100.0 * s.on_time / nullif(s.closed, 0), 1), coalesce(s.extended, 0),
		CASE WHEN s.closed > 0 THEN (s.lo50::float8 + (0.5::float8 * (s.total - 1)::float8 - floor(0.5::float8 * (s.total - 1)::float8))
		                                              * (s.hi50::float8 - s.lo50::float8))::numeric END,
		CASE WHEN s.closed > 0 THEN (s.lo90::float8 + (0.9::float8 * (s.total - 1)::float8 - floor(0.9::float8 * (s.total - 1)::float8))
		                                              * (s.hi90::float8 - s.lo90::float8))::numeric END,
		coalesce(s.open_overdue, 0)
	FROM @extschema@.agency g
	LEFT JOIN s ON s.root = g.agency_id
	ORDER BY g.code;
END;
COMMENT ON FUNCTION @extschema@.timeliness_by_agency(integer) IS 'timeliness() of every agency, its descendants included, one row per agency';

-- the trigger functions are not for PUBLIC (a trigger fires without an EXECUTE check)
REVOKE EXECUTE ON FUNCTION @extschema@.workday_calendar_changed() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.workday_calendar_user_row() FROM PUBLIC;

-- (end of section 3)

--------------------------------------------------------------------------
-- 4. The warehouse: hierarchy, roll-ups, access, audit
--------------------------------------------------------------------------

-- the agency tree: a flag for the agencies whose report is the sum of their subtree
ALTER TABLE @extschema@.agency ADD COLUMN reports_rollup boolean NOT NULL DEFAULT false;

-- the publication lock without a setting: the token of publish_report and reopen_report
CREATE FUNCTION @extschema@.publication_begin(agency_id bigint, year integer) RETURNS void
	AS 'MODULE_PATHNAME' LANGUAGE C STRICT;

-- the triggers and the writers of reports run with the rights they need
CREATE OR REPLACE FUNCTION @extschema@.annual_report_keep_records() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	NEW.published_records := @extschema@.records_contributions(NEW.agency_id, NEW.year);
	RETURN NEW;
END
$$;


CREATE OR REPLACE FUNCTION @extschema@.derive_report(agency_code text, year integer,
		OUT disclosures @extschema@.disclosure_figures, OUT requests @extschema@.request_figures,
		OUT appeals @extschema@.appeal_figures)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
BEGIN
	PERFORM @extschema@.check_access(a, 'read', current_user);
	-- a cached plan with derived_reports inlined, reading this agency's rows by index
	SELECT d.disclosures, d.requests, d.appeals INTO disclosures, requests, appeals
	FROM @extschema@.derived_reports(derive_report.year, a) d;
END
$$;


CREATE OR REPLACE FUNCTION @extschema@.report_figures(agency_code text, year integer,
		OUT disclosures @extschema@.disclosure_figures, OUT requests @extschema@.request_figures,
		OUT appeals @extschema@.appeal_figures, OUT stored boolean)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
BEGIN
	PERFORM @extschema@.check_access(a, 'read', current_user);
	SELECT r.disclosures, r.requests, r.appeals, true INTO disclosures, requests, appeals, stored
	FROM @extschema@.annual_report r WHERE r.agency_id = a AND r.year = report_figures.year;
	IF NOT FOUND THEN
		SELECT d.disclosures, d.requests, d.appeals, false INTO disclosures, requests, appeals, stored
		FROM @extschema@.derived_reports(report_figures.year, a) d;
	END IF;
END
$$;


CREATE OR REPLACE FUNCTION @extschema@.cell_applications(agency_code text, year integer, row_code text, column_code text)
	RETURNS SETOF @extschema@.application
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
BEGIN
	PERFORM @extschema@.check_access(a, 'read', current_user);
	-- checks the year and the codes even when no application is in scope
	PERFORM @extschema@.application_in_cell(year, NULL, NULL, NULL, NULL, row_code, column_code);
	RETURN QUERY
		SELECT p.* FROM @extschema@.application p
		WHERE p.agency_id = a
		  AND coalesce(p.closed_on, 'infinity'::date) >= make_date(year, 1, 1)
		  AND p.received_on < make_date(year + 1, 1, 1)
		  AND @extschema@.application_in_cell(year, p.received_on, p.closed_on, p.applicant, p.outcome, row_code, column_code)
		ORDER BY p.application_id;
END
$$;


CREATE OR REPLACE FUNCTION @extschema@.store_derived(year integer, only_agency bigint DEFAULT NULL)
	RETURNS bigint
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	written bigint;
BEGIN
	-- in agency order: report rows are locked in that order, and the carry-over triggers, which fire
	-- in the same order once the statement is done, lock the agency rows in that order
	INSERT INTO @extschema@.annual_report AS r (agency_id, year, disclosures, requests, appeals, source)
	SELECT d.agency_id, store_derived.year, d.disclosures, d.requests, d.appeals, 'derived'
	FROM @extschema@.derived_reports(store_derived.year, only_agency) d
	-- the agencies the caller may edit (row-level security lets it read more)
	WHERE @extschema@.has_owner_rights(current_user)
	   OR d.agency_id IN (SELECT unnest(@extschema@.visible_agencies('edit', current_user)))
	ORDER BY d.agency_id
	ON CONFLICT ON CONSTRAINT annual_report_pkey DO UPDATE
		SET disclosures = excluded.disclosures, requests = excluded.requests, appeals = excluded.appeals,
			source = 'derived'
		WHERE r.published_at IS NULL;
	GET DIAGNOSTICS written = ROW_COUNT;
	RETURN written;
END
$$;


CREATE OR REPLACE FUNCTION @extschema@.refresh_report(agency_code text, year integer) RETURNS void
	LANGUAGE plpgsql VOLATILE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	published boolean;
BEGIN
	PERFORM @extschema@.check_access(a, 'edit', current_user);
	-- the report row first (a publication in progress is waited for, then seen), the agency row in the
	-- carry-over trigger of the upsert: the lock order of every writer of annual_report
	SELECT r.published_at IS NOT NULL INTO published FROM @extschema@.annual_report r
	WHERE r.agency_id = a AND r.year = refresh_report.year FOR UPDATE;
	IF published THEN
		RAISE EXCEPTION 'the annual report of agency "%" for year % is published', agency_code, year
			USING ERRCODE = 'object_not_in_prerequisite_state',
				HINT = 'govinfo.reopen_report(agency_code, year, reason) lifts the lock and keeps the published version.';
	END IF;
	PERFORM @extschema@.store_derived(year, a);
END
$$;


CREATE OR REPLACE FUNCTION @extschema@.publish_report(agency_code text, year integer) RETURNS timestamptz
	LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	r @extschema@.annual_report;
	waiting boolean;
BEGIN
	PERFORM @extschema@.check_access(a, 'publish', @extschema@.acting_role());
	-- The report row, then the agency row FOR UPDATE, which waits for every transaction writing this
	-- agency's records (they hold it FOR KEY SHARE) or reports (FOR NO KEY UPDATE). Never wait for one
	-- while holding the other: wait for one, then take the other only if it is free at once (NOWAIT);
	-- if it is not, the block is rolled back, which lets go of the first, and the next block waits for
	-- the other one. A lock_not_available while waiting (lock_timeout) is raised as it is.
	LOOP
		BEGIN
			waiting := true;
			SELECT * INTO r FROM @extschema@.annual_report x WHERE x.agency_id = a AND x.year = publish_report.year FOR UPDATE;
			IF NOT FOUND THEN
				RAISE EXCEPTION 'no annual report of agency "%" for year % is stored', agency_code, year
					USING ERRCODE = 'no_data_found',
						HINT = 'Store it first: enter its figures, or govinfo.refresh_report(agency_code, year).';
			END IF;
			waiting := false;
			PERFORM 1 FROM @extschema@.agency g WHERE g.agency_id = a FOR UPDATE NOWAIT;
			EXIT;
		EXCEPTION WHEN lock_not_available THEN
			IF waiting THEN
				RAISE;
			END IF;
		END;
		BEGIN
			waiting := true;
			PERFORM 1 FROM @extschema@.agency g WHERE g.agency_id = a FOR UPDATE;
			waiting := false;
			SELECT * INTO r FROM @extschema@.annual_report x WHERE x.agency_id = a AND x.year = publish_report.year FOR UPDATE NOWAIT;
			IF NOT FOUND THEN
				RAISE EXCEPTION 'no annual report of agency "%" for year % is stored', agency_code, year
					USING ERRCODE = 'no_data_found',
						HINT = 'Store it first: enter its figures, or govinfo.refresh_report(agency_code, year).';
			END IF;
			EXIT;
		EXCEPTION WHEN lock_not_available THEN
			IF waiting THEN
				RAISE;
			END IF;
		END;
	END LOOP;
	IF r.published_at IS NOT NULL THEN
		RAISE EXCEPTION 'the annual report of agency "%" for year % is already published', agency_code, year
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	IF r.source = 'derived' THEN
		-- include every record committed before the lock was taken
		PERFORM @extschema@.store_derived(year, a);
	END IF;
	PERFORM @extschema@.publication_begin(a, year);
	UPDATE @extschema@.annual_report x
	SET published_at = now(), published_records = @extschema@.records_contributions(a, publish_report.year)
	WHERE x.agency_id = a AND x.year = publish_report.year;
	RETURN now();
END
$$;


CREATE OR REPLACE FUNCTION @extschema@.reopen_report(agency_code text, year integer, reason text) RETURNS integer
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	r @extschema@.annual_report;
	v integer;
BEGIN
	PERFORM @extschema@.check_access(a, 'publish', @extschema@.acting_role());
	IF reason IS NULL OR btrim(reason) = '' THEN
		RAISE EXCEPTION 'reopening a published report needs a reason' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT * INTO r FROM @extschema@.annual_report x WHERE x.agency_id = a AND x.year = reopen_report.year FOR UPDATE;
	IF NOT FOUND OR r.published_at IS NULL THEN
		RAISE EXCEPTION 'the annual report of agency "%" for year % is not published', agency_code, year
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	SELECT coalesce(max(x.version), 0) + 1 INTO v FROM @extschema@.report_version x
	WHERE x.agency_id = a AND x.year = reopen_report.year;
	INSERT INTO @extschema@.report_version (agency_id, year, version, format, disclosures, requests, appeals, published_at, reason)
	VALUES (a, year, v, r.format, r.disclosures, r.requests, r.appeals, r.published_at, reason);
	PERFORM @extschema@.publication_begin(a, year);
	UPDATE @extschema@.annual_report x SET published_at = NULL, published_records = NULL
	WHERE x.agency_id = a AND x.year = reopen_report.year;
	RETURN v;
END
$$;


--------------------------------------------------------------------------
-- The warehouse: the agency hierarchy, roll-ups, access per agency, the audit trail
-- (doc/access.md)
--------------------------------------------------------------------------

--------------------------------------------------------------------------
-- Access: who may read, edit and publish the data of which agencies
--------------------------------------------------------------------------
-- the role acting: current_user, or, inside a SECURITY DEFINER function (publish_report,
-- grant_access, ...), the role that called it from outside (SET ROLE's role, else the session user)
CREATE FUNCTION @extschema@.acting_role() RETURNS name
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL RESTRICTED;

CREATE TABLE @extschema@.access_grant (
	grantee regrole NOT NULL,
	agency_id bigint NOT NULL REFERENCES @extschema@.agency ON DELETE CASCADE,
	access text NOT NULL CONSTRAINT access_grant_access_known CHECK (access IN ('read', 'edit', 'publish')),
	with_descendants boolean NOT NULL DEFAULT true,
	granted_by name NOT NULL,
	granted_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (grantee, agency_id, access)
);
COMMENT ON TABLE @extschema@.access_grant IS 'access of roles to the data of agencies (read < edit < publish), written by grant_access and revoke_access';

-- whether a role has the rights of the owner of govinfo's tables (which row-level security lets see all)
CREATE FUNCTION @extschema@.has_owner_rights(role name) RETURNS boolean
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT pg_catalog.pg_has_role(has_owner_rights.role, c.relowner, 'USAGE')
	FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) '@extschema@.annual_report'::pg_catalog.regclass;
END;

-- the rank of an access level: read 1, edit 2, publish 3; 22023 for anything else
CREATE FUNCTION @extschema@.access_rank(access text) RETURNS integer
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	CASE access
	WHEN 'read' THEN RETURN 1;
	WHEN 'edit' THEN RETURN 2;
	WHEN 'publish' THEN RETURN 3;
	ELSE
		RAISE EXCEPTION 'unknown access level "%"', access
			USING ERRCODE = 'invalid_parameter_value', HINT = 'The levels are read, edit and publish.';
	END CASE;
END
$$;

-- the agencies whose data a role may access at a level (a higher level includes the lower ones),
-- ascending: its grants and those of the roles whose rights it has, with the descendants of grants
-- made with_descendants. The row-level security policies call it once per statement.
CREATE FUNCTION @extschema@.visible_agencies(access text, role name) RETURNS bigint[]
	LANGUAGE sql STABLE STRICT SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH RECURSIVE g AS (
		SELECT x.agency_id, x.with_descendants FROM @extschema@.access_grant x
		WHERE @extschema@.access_rank(x.access) OPERATOR(pg_catalog.>=) @extschema@.access_rank(visible_agencies.access)
		  AND pg_catalog.pg_has_role(visible_agencies.role, x.grantee, 'USAGE')),
	t(agency_id) AS (
		SELECT g.agency_id FROM g WHERE g.with_descendants
		UNION
		SELECT c.agency_id FROM @extschema@.agency c JOIN t ON c.parent_id OPERATOR(pg_catalog.=) t.agency_id)
	SELECT coalesce(pg_catalog.array_agg(s.agency_id ORDER BY s.agency_id), '{}')
	FROM (SELECT t.agency_id FROM t UNION SELECT g.agency_id FROM g) s;
END;

-- whether a role may access an agency's data at a level
CREATE FUNCTION @extschema@.has_access(agency_id bigint, access text, role name) RETURNS boolean
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT @extschema@.has_owner_rights(has_access.role)
		OR has_access.agency_id OPERATOR(pg_catalog.=) ANY (@extschema@.visible_agencies(has_access.access, has_access.role));
END;

-- 42501 naming the role, the level and the agency unless the role has that access
CREATE FUNCTION @extschema@.check_access(agency_id bigint, access text, role name) RETURNS void
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT @extschema@.has_access(agency_id, access, role) THEN
		RAISE EXCEPTION 'role "%" has no % access to agency "%"', role, access,
			(SELECT g.code FROM @extschema@.agency g WHERE g.agency_id = check_access.agency_id)
			USING ERRCODE = 'insufficient_privilege',
				HINT = '@extschema@.grant_access(role, agency_code, access) grants it; @extschema@.access_grants lists the grants.';
	END IF;
END
$$;

-- the table and function privileges each level needs (granted by grant_access, so an administrator
-- calls nothing else; row-level security limits them to the agencies granted)
CREATE FUNCTION @extschema@.level_privileges(access text)
	RETURNS TABLE(privilege text, object_type text, object_name text)
	LANGUAGE sql IMMUTABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT p.privilege, p.object_type, p.object_name
	FROM (VALUES
		(1, 'USAGE', 'SCHEMA', '@extschema@'),
		(1, 'SELECT', 'TABLE', '@extschema@.agency'),
		(1, 'SELECT', 'TABLE', '@extschema@.annual_report'),
		(1, 'SELECT', 'TABLE', '@extschema@.report_version'),
		(1, 'SELECT', 'TABLE', '@extschema@.application'),
		(1, 'SELECT', 'TABLE', '@extschema@.appeal_case'),
		(1, 'SELECT', 'TABLE', '@extschema@.normative_document'),
		(1, 'SELECT', 'TABLE', '@extschema@.decision_count'),
		(1, 'SELECT', 'TABLE', '@extschema@.fee_receipt'),
		(1, 'SELECT', 'TABLE', '@extschema@.audit_log'),
		(1, 'SELECT', 'TABLE', '@extschema@.published_report'),
		(1, 'SELECT', 'TABLE', '@extschema@.application_consultation'),
		(1, 'SELECT', 'TABLE', '@extschema@.report_snapshot'),
		(1, 'SELECT', 'TABLE', '@extschema@.access_grants'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.visible_agencies(text, name)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.has_access(bigint, text, name)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.check_access(bigint, text, name)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.agency_id(text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.derived_reports(integer, bigint)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.derive_report(text, integer)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_figures(text, integer)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_table2(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_table3(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_table4(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.cell_applications(text, integer, text, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.agency_tree(text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_sources(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_report(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_table2(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_table3(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_table4(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_differences(integer)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_history(text, integer)'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.annual_report'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.application'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.appeal_case'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.normative_document'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.decision_count'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.fee_receipt'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.published_report'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.application_consultation'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.store_derived(integer, bigint)'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.import_report(text, text, text)'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.adopt_published(bigint)'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.refresh_report(text, integer)'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.refresh_reports(integer)'),
		(3, 'EXECUTE', 'FUNCTION', '@extschema@.publish_report(text, integer)'),
		(3, 'EXECUTE', 'FUNCTION', '@extschema@.reopen_report(text, integer, text)')) p(rank, privilege, object_type, object_name)
	WHERE p.rank OPERATOR(pg_catalog.<=) @extschema@.access_rank(level_privileges.access)
	ORDER BY p.rank, p.object_type, p.object_name;
END;

-- grant a role access to an agency's data (and, with_descendants, to every agency under it) at a
-- level, with the privileges the level needs. For the extension's owner, or the roles it lets
-- execute this function (GRANT EXECUTE ON FUNCTION govinfo.grant_access ... TO ...).
CREATE FUNCTION @extschema@.grant_access(role regrole, agency_code text, access text, with_descendants boolean DEFAULT true)
	RETURNS void
	LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	p record;
BEGIN
	PERFORM @extschema@.access_rank(access);
	INSERT INTO @extschema@.access_grant AS x (grantee, agency_id, access, with_descendants, granted_by)
	VALUES (role, a, access, with_descendants, @extschema@.acting_role())
	ON CONFLICT ON CONSTRAINT access_grant_pkey DO UPDATE
		SET with_descendants = excluded.with_descendants, granted_by = excluded.granted_by, granted_at = excluded.granted_at
		WHERE x.with_descendants IS DISTINCT FROM excluded.with_descendants;
	FOR p IN SELECT * FROM @extschema@.level_privileges(access) LOOP
		EXECUTE format('GRANT %s ON %s %s TO %s', p.privilege, p.object_type, p.object_name, role::text);
	END LOOP;
END
$$;

-- revoke a role's access to an agency at a level (NULL: every level); the privileges of the levels
-- it no longer holds anywhere are revoked too
CREATE FUNCTION @extschema@.revoke_access(role regrole, agency_code text, access text DEFAULT NULL)
	RETURNS integer
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	top integer;
	n integer;
	p record;
BEGIN
	IF role IS NULL THEN
		RAISE EXCEPTION 'revoke_access needs a role' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF access IS NOT NULL THEN
		PERFORM @extschema@.access_rank(access);
	END IF;
	DELETE FROM @extschema@.access_grant x
	WHERE x.grantee = role AND x.agency_id = a AND (revoke_access.access IS NULL OR x.access = revoke_access.access);
	GET DIAGNOSTICS n = ROW_COUNT;
	SELECT coalesce(max(@extschema@.access_rank(x.access)), 0) INTO top FROM @extschema@.access_grant x WHERE x.grantee = role;
	FOR p IN SELECT l.* FROM @extschema@.level_privileges('publish') l
	         EXCEPT SELECT l.* FROM @extschema@.level_privileges(CASE top WHEN 3 THEN 'publish' WHEN 2 THEN 'edit' ELSE 'read' END) l
	         WHERE top > 0 LOOP
		EXECUTE format('REVOKE %s ON %s %s FROM %s', p.privilege, p.object_type, p.object_name, role::text);
	END LOOP;
	RETURN n;
END
$$;

CREATE VIEW @extschema@.access_grants AS
	SELECT x.grantee::text AS role, g.code AS agency_code, g.name AS agency_name, x.access, x.with_descendants,
		x.granted_by, x.granted_at
	FROM @extschema@.access_grant x JOIN @extschema@.agency g ON g.agency_id = x.agency_id
	-- a role sees its own grants (and those of the roles whose rights it has); the owner sees all
	WHERE pg_catalog.pg_has_role(x.grantee, 'USAGE') OR @extschema@.has_owner_rights(current_user);
COMMENT ON VIEW @extschema@.access_grants IS 'the access grants, by role and agency code';

--------------------------------------------------------------------------
-- Row-level security: a role sees the rows of the agencies it may read, and writes those of the
-- agencies it may edit. The set of agencies is computed once per statement (a hashed subplan), and
-- the owner of the tables (the extension's owner) is not subject to it.
--------------------------------------------------------------------------
DO $do$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['annual_report', 'report_version', 'application', 'appeal_case', 'normative_document',
	                         'decision_count', 'fee_receipt'] LOOP
		EXECUTE format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format($p$CREATE POLICY %1$s_read ON @extschema@.%1$I FOR SELECT
			USING (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('read', current_user))))$p$, t);
		EXECUTE format($p$CREATE POLICY %1$s_insert ON @extschema@.%1$I FOR INSERT
			WITH CHECK (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('edit', current_user))))$p$, t);
		EXECUTE format($p$CREATE POLICY %1$s_update ON @extschema@.%1$I FOR UPDATE
			USING (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('edit', current_user))))
			WITH CHECK (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('edit', current_user))))$p$, t);
		EXECUTE format($p$CREATE POLICY %1$s_delete ON @extschema@.%1$I FOR DELETE
			USING (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('edit', current_user))))$p$, t);
	END LOOP;
END
$do$;

--------------------------------------------------------------------------
-- The hierarchy
--------------------------------------------------------------------------
CREATE INDEX agency_parent ON @extschema@.agency (parent_id);

-- one row, updated by every change of a parent: concurrent changes take turns on it (and at
-- REPEATABLE READ the second one fails with 40001), so the cycle check sees the committed tree
CREATE TABLE @extschema@.agency_hierarchy (
	one boolean PRIMARY KEY DEFAULT true CONSTRAINT agency_hierarchy_one_row CHECK (one),
	changes bigint NOT NULL DEFAULT 0
);
COMMENT ON TABLE @extschema@.agency_hierarchy IS 'the lock row of changes to the agency tree (one row)';
INSERT INTO @extschema@.agency_hierarchy DEFAULT VALUES;

-- BEFORE UPDATE OF parent_id on agency: refuse a parent that would make a cycle (23514, naming its
-- agencies in order). An INSERT cannot close a cycle: no row can reference an agency not yet
-- committed (the foreign key), and an agency under itself is refused by agency_not_own_parent.
CREATE FUNCTION @extschema@.agency_hierarchy_check() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	cycle text[];
BEGIN
	IF NEW.parent_id IS NOT DISTINCT FROM OLD.parent_id AND NEW.agency_id = OLD.agency_id THEN
		RETURN NEW;
	END IF;
	UPDATE @extschema@.agency_hierarchy SET changes = changes + 1;
	-- a new statement: it sees every change committed while this one waited
	WITH RECURSIVE up(agency_id, parent_id, path) AS (
		SELECT g.agency_id, g.parent_id, ARRAY[g.agency_id] FROM @extschema@.agency g WHERE g.agency_id = NEW.parent_id
		UNION ALL
		SELECT g.agency_id, g.parent_id, up.path || g.agency_id FROM up JOIN @extschema@.agency g ON g.agency_id = up.parent_id
		WHERE NOT g.agency_id = ANY (up.path) AND up.agency_id <> NEW.agency_id)
	SELECT ARRAY(SELECT coalesce(g.code, NEW.code) FROM unnest(up.path) WITH ORDINALITY p(id, i)
	             LEFT JOIN @extschema@.agency g ON g.agency_id = p.id AND p.id <> NEW.agency_id ORDER BY p.i)
	INTO cycle FROM up WHERE up.agency_id = NEW.agency_id;
	IF cycle IS NOT NULL THEN
		RAISE EXCEPTION 'agency "%" cannot be under agency "%": the agency tree would have a cycle', NEW.code,
			(SELECT g.code FROM @extschema@.agency g WHERE g.agency_id = NEW.parent_id)
			USING ERRCODE = 'check_violation', TABLE = 'agency', CONSTRAINT = 'agency_hierarchy_acyclic',
				DETAIL = format('The cycle: %s → %s.', NEW.code, array_to_string(cycle, ' → '));
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER agency_hierarchy_check BEFORE UPDATE OF parent_id, agency_id ON @extschema@.agency
	FOR EACH ROW WHEN (NEW.parent_id IS NOT NULL) EXECUTE FUNCTION @extschema@.agency_hierarchy_check();

-- an agency and every agency under it, in tree order
CREATE FUNCTION @extschema@.agency_tree(agency_code text)
	RETURNS TABLE(agency_id bigint, code text, name text, depth integer, path text[])
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH RECURSIVE t(agency_id, code, name, depth, path) AS (
		SELECT g.agency_id, g.code, g.name, 0, ARRAY[g.code] FROM @extschema@.agency g
		WHERE g.agency_id OPERATOR(pg_catalog.=) @extschema@.agency_id(agency_tree.agency_code)
		UNION ALL
		SELECT c.agency_id, c.code, c.name, t.depth OPERATOR(pg_catalog.+) 1, t.path OPERATOR(pg_catalog.||) c.code
		FROM t JOIN @extschema@.agency c ON c.parent_id OPERATOR(pg_catalog.=) t.agency_id)
	SELECT t.agency_id, t.code, t.name, t.depth, t.path FROM t ORDER BY t.path;
END;

--------------------------------------------------------------------------
-- Roll-ups
--------------------------------------------------------------------------
-- what each agency of a subtree contributes to its roll-up: every agency of the subtree not flagged
-- reports_rollup (a flagged one contributes through its children), with the figures of the source:
-- 'stored' (annual_report), 'derived' (from the records), 'published' (imported published reports,
-- govinfo.published_report), 'best' (stored, else derived, else published). source_used is
-- NULL for an agency with no report from the source. Rows hidden by row-level security count as missing.
CREATE FUNCTION @extschema@.rollup_sources(agency_code text, year integer, source text DEFAULT 'best')
	RETURNS TABLE(agency_id bigint, code text, source_used text, disclosures @extschema@.disclosure_figures,
		requests @extschema@.request_figures, appeals @extschema@.appeal_figures)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	need_derived boolean;
BEGIN
	IF source NOT IN ('stored', 'derived', 'published', 'best') THEN
		RAISE EXCEPTION 'unknown roll-up source "%"', source
			USING ERRCODE = 'invalid_parameter_value', HINT = 'The sources are stored, derived, published and best.';
	END IF;
	IF source = 'published' THEN
		-- the latest imported published report of each contributor
		RETURN QUERY
		WITH RECURSIVE t(agency_id, code, reports_rollup) AS (
			SELECT g.agency_id, g.code, g.reports_rollup FROM @extschema@.agency g WHERE g.agency_id = a
			UNION ALL
			SELECT c.agency_id, c.code, c.reports_rollup FROM t JOIN @extschema@.agency c ON c.parent_id = t.agency_id),
		contrib AS MATERIALIZED (SELECT t.agency_id, t.code FROM t WHERE NOT t.reports_rollup),
		pub AS (
			SELECT DISTINCT ON (p.agency_id) p.agency_id, p.disclosures, p.requests, p.appeals FROM @extschema@.published_report p
			WHERE p.year = rollup_sources.year AND p.agency_id IN (SELECT c.agency_id FROM contrib c)
			ORDER BY p.agency_id, p.imported_at DESC, p.id DESC)
		SELECT c.agency_id, c.code, CASE WHEN p.agency_id IS NOT NULL THEN 'published' END, p.disclosures, p.requests, p.appeals
		FROM contrib c LEFT JOIN pub p ON p.agency_id = c.agency_id;
		RETURN;
	END IF;
	RETURN QUERY
	WITH RECURSIVE t(agency_id, code, reports_rollup) AS (
		SELECT g.agency_id, g.code, g.reports_rollup FROM @extschema@.agency g WHERE g.agency_id = a
		UNION ALL
		SELECT c.agency_id, c.code, c.reports_rollup FROM t JOIN @extschema@.agency c ON c.parent_id = t.agency_id),
	contrib AS MATERIALIZED (SELECT t.agency_id, t.code FROM t WHERE NOT t.reports_rollup),
	st AS MATERIALIZED (
		SELECT r.agency_id, r.disclosures, r.requests, r.appeals FROM @extschema@.annual_report r
		WHERE rollup_sources.source IN ('stored', 'best') AND r.year = rollup_sources.year AND r.agency_id IN (SELECT c.agency_id FROM contrib c))
	SELECT c.agency_id, c.code, CASE WHEN s.agency_id IS NOT NULL THEN 'stored' END, s.disclosures, s.requests, s.appeals
	FROM contrib c LEFT JOIN st s ON s.agency_id = c.agency_id
	WHERE rollup_sources.source = 'stored' OR s.agency_id IS NOT NULL;
	IF source = 'stored' THEN
		RETURN;
	END IF;
	-- derived: every contributor (source 'derived') or those without a stored report ('best')
	RETURN QUERY
	WITH RECURSIVE t(agency_id, code, reports_rollup) AS (
		SELECT g.agency_id, g.code, g.reports_rollup FROM @extschema@.agency g WHERE g.agency_id = a
		UNION ALL
		SELECT c.agency_id, c.code, c.reports_rollup FROM t JOIN @extschema@.agency c ON c.parent_id = t.agency_id),
	contrib AS MATERIALIZED (
		SELECT t.agency_id, t.code FROM t WHERE NOT t.reports_rollup
		  AND (rollup_sources.source = 'derived' OR NOT EXISTS (SELECT 1 FROM @extschema@.annual_report r
		                                       WHERE r.agency_id = t.agency_id AND r.year = rollup_sources.year))),
	dv AS MATERIALIZED (
		SELECT d.agency_id, d.disclosures, d.requests, d.appeals FROM @extschema@.derived_reports(rollup_sources.year) d
		WHERE EXISTS (SELECT 1 FROM contrib))
	SELECT c.agency_id, c.code,
		CASE WHEN d.agency_id IS NOT NULL THEN 'derived' WHEN p.agency_id IS NOT NULL THEN 'published' END,
		CASE WHEN d.agency_id IS NOT NULL THEN d.disclosures ELSE p.disclosures END,
		CASE WHEN d.agency_id IS NOT NULL THEN d.requests ELSE p.requests END,
		CASE WHEN d.agency_id IS NOT NULL THEN d.appeals ELSE p.appeals END
	FROM contrib c LEFT JOIN dv d ON d.agency_id = c.agency_id
		LEFT JOIN LATERAL (
			SELECT x.agency_id, x.disclosures, x.requests, x.appeals FROM @extschema@.published_report x
			WHERE rollup_sources.source = 'best' AND d.agency_id IS NULL
			  AND x.agency_id = c.agency_id AND x.year = rollup_sources.year
			ORDER BY x.imported_at DESC, x.id DESC LIMIT 1) p ON true;
END
$$;

-- the figures of an agency and everything under it, summed with the types' + (a blank cell stays blank
-- only where it is blank in every report); agencies: the contributors; agencies_missing: those of them
-- with no report from the source
CREATE FUNCTION @extschema@.rollup_report(agency_code text, year integer, source text DEFAULT 'best')
	RETURNS TABLE(disclosures @extschema@.disclosure_figures, requests @extschema@.request_figures,
		appeals @extschema@.appeal_figures, agencies integer, agencies_missing integer)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
BEGIN
	IF source = 'stored' THEN
		-- summed in the join, without handing every contributor's figures over (bench/warehouse.sh)
		RETURN QUERY
		WITH RECURSIVE t(agency_id, reports_rollup) AS (
			SELECT g.agency_id, g.reports_rollup FROM @extschema@.agency g WHERE g.agency_id = a
			UNION ALL
			SELECT c.agency_id, c.reports_rollup FROM t JOIN @extschema@.agency c ON c.parent_id = t.agency_id)
		SELECT @extschema@.sum(r.disclosures), @extschema@.sum(r.requests), @extschema@.sum(r.appeals),
			count(*)::integer, (count(*) FILTER (WHERE r.agency_id IS NULL))::integer
		FROM t LEFT JOIN @extschema@.annual_report r ON r.agency_id = t.agency_id AND r.year = rollup_report.year
		WHERE NOT t.reports_rollup;
		RETURN;
	END IF;
	RETURN QUERY
	SELECT @extschema@.sum(s.disclosures), @extschema@.sum(s.requests), @extschema@.sum(s.appeals),
		count(*)::integer, (count(*) FILTER (WHERE s.source_used IS NULL))::integer
	FROM @extschema@.rollup_sources(agency_code, year, source) s;
END
$$;

CREATE FUNCTION @extschema@.rollup_table2(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, issued bigint, abolished bigint, in_force bigint, decisions bigint, amount numeric,
		new_made bigint, new_published bigint, total_published bigint, prev_items bigint, delta bigint, count bigint)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT t.* FROM @extschema@.rollup_report(agency_code, year) r,
		@extschema@.table2(@extschema@.report_part(agency_code, year, '二', r.disclosures), lang) t;
END;

CREATE FUNCTION @extschema@.rollup_table3(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, np integer, biz integer, res integer, npo integer, law integer, oth integer, total integer)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT t.* FROM @extschema@.rollup_report(agency_code, year) r,
		@extschema@.table3(@extschema@.report_part(agency_code, year, '三', r.requests), lang) t;
END;

CREATE FUNCTION @extschema@.rollup_table4(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(group_code text, label text, upheld integer, corrected integer, other integer, pending integer, total integer)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT t.* FROM @extschema@.rollup_report(agency_code, year) r,
		@extschema@.table4(@extschema@.report_part(agency_code, year, '四', r.appeals), lang) t;
END;

-- the cells of two values of one figures type that differ (part 2, 3 or 4); a NULL value is all blank
CREATE FUNCTION @extschema@.figures_differences(reported_disclosures @extschema@.disclosure_figures, recomputed_disclosures @extschema@.disclosure_figures,
		reported_requests @extschema@.request_figures, recomputed_requests @extschema@.request_figures,
		reported_appeals @extschema@.appeal_figures, recomputed_appeals @extschema@.appeal_figures)
	RETURNS TABLE(part integer, row_code text, column_code text, reported numeric, recomputed numeric)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT 2, a.row_code, v.col, v.x, v.y
	FROM @extschema@.table2(figures_differences.reported_disclosures) a
		LEFT JOIN @extschema@.table2(figures_differences.recomputed_disclosures) b ON b.row_code = a.row_code,
		LATERAL (VALUES ('issued', a.issued::numeric, b.issued::numeric), ('abolished', a.abolished, b.abolished),
		                ('in_force', a.in_force, b.in_force), ('decisions', a.decisions, b.decisions),
		                ('amount', a.amount, b.amount)) v(col, x, y)
	WHERE figures_differences.reported_disclosures IS NOT NULL
	  AND figures_differences.reported_disclosures IS DISTINCT FROM figures_differences.recomputed_disclosures
	  AND v.x IS DISTINCT FROM v.y
	UNION ALL
	SELECT 3, a.row_code, v.col, v.x, v.y
	FROM @extschema@.table3(figures_differences.reported_requests) a
		LEFT JOIN @extschema@.table3(figures_differences.recomputed_requests) b ON b.row_code = a.row_code,
		LATERAL (VALUES ('np', a.np::numeric, b.np::numeric), ('biz', a.biz, b.biz), ('res', a.res, b.res),
		                ('npo', a.npo, b.npo), ('law', a.law, b.law), ('oth', a.oth, b.oth), ('total', a.total, b.total)) v(col, x, y)
	WHERE figures_differences.reported_requests IS NOT NULL
	  AND figures_differences.reported_requests IS DISTINCT FROM figures_differences.recomputed_requests
	  AND v.x IS DISTINCT FROM v.y
	UNION ALL
	SELECT 4, a.group_code, v.col, v.x, v.y
	FROM @extschema@.table4(figures_differences.reported_appeals) a
		LEFT JOIN @extschema@.table4(figures_differences.recomputed_appeals) b ON b.group_code = a.group_code,
		LATERAL (VALUES ('upheld', a.upheld::numeric, b.upheld::numeric), ('corrected', a.corrected, b.corrected),
		                ('other', a.other, b.other), ('pending', a.pending, b.pending), ('total', a.total, b.total)) v(col, x, y)
	WHERE figures_differences.reported_appeals IS NOT NULL
	  AND figures_differences.reported_appeals IS DISTINCT FROM figures_differences.recomputed_appeals
	  AND v.x IS DISTINCT FROM v.y;
END;

-- for every agency flagged reports_rollup with a stored report of the year, each cell where that
-- report differs from the roll-up of its subtree (stored reports, else derived ones)
CREATE FUNCTION @extschema@.rollup_differences(year integer)
	RETURNS TABLE(agency_code text, part integer, row_code text, column_code text, reported numeric, recomputed numeric)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RETURN QUERY
	WITH RECURSIVE roots AS MATERIALIZED (
		-- each roll-up agency with its stored report, else its latest imported published report
		SELECT g.agency_id AS root, g.code,
			CASE WHEN r.agency_id IS NOT NULL THEN r.disclosures ELSE p.disclosures END AS disclosures,
			CASE WHEN r.agency_id IS NOT NULL THEN r.requests ELSE p.requests END AS requests,
			CASE WHEN r.agency_id IS NOT NULL THEN r.appeals ELSE p.appeals END AS appeals
		FROM @extschema@.agency g
			LEFT JOIN @extschema@.annual_report r ON r.agency_id = g.agency_id AND r.year = rollup_differences.year
			LEFT JOIN LATERAL (
				SELECT x.disclosures, x.requests, x.appeals FROM @extschema@.published_report x
				WHERE x.agency_id = g.agency_id AND x.year = rollup_differences.year AND r.agency_id IS NULL
				ORDER BY x.imported_at DESC, x.id DESC LIMIT 1) p ON true
		WHERE g.reports_rollup AND (r.agency_id IS NOT NULL OR p.requests IS NOT NULL OR p.appeals IS NOT NULL
			OR p.disclosures IS NOT NULL)),
	t(root, agency_id, reports_rollup) AS (
		SELECT roots.root, c.agency_id, c.reports_rollup FROM roots JOIN @extschema@.agency c ON c.parent_id = roots.root
		UNION ALL
		SELECT t.root, c.agency_id, c.reports_rollup FROM t JOIN @extschema@.agency c ON c.parent_id = t.agency_id),
	contrib AS MATERIALIZED (SELECT t.root, t.agency_id FROM t WHERE NOT t.reports_rollup),
	-- summed in the join (no contributor's figures are handed over): stored reports first, then
	-- derived, then published ('best')
	stored_sums AS (
		SELECT c.root, @extschema@.sum(r.disclosures) AS disclosures, @extschema@.sum(r.requests) AS requests,
			@extschema@.sum(r.appeals) AS appeals
		FROM contrib c JOIN @extschema@.annual_report r ON r.agency_id = c.agency_id AND r.year = rollup_differences.year
		GROUP BY c.root),
	missing AS MATERIALIZED (
		SELECT c.root, c.agency_id FROM contrib c
		WHERE NOT EXISTS (SELECT 1 FROM @extschema@.annual_report r WHERE r.agency_id = c.agency_id AND r.year = rollup_differences.year)),
	derived AS MATERIALIZED (
		SELECT m.root, m.agency_id, d.disclosures, d.requests, d.appeals
		FROM missing m JOIN @extschema@.derived_reports(rollup_differences.year) d ON d.agency_id = m.agency_id
		WHERE EXISTS (SELECT 1 FROM missing)),
	derived_sums AS (
		SELECT d.root, @extschema@.sum(d.disclosures) AS disclosures, @extschema@.sum(d.requests) AS requests,
			@extschema@.sum(d.appeals) AS appeals
		FROM derived d GROUP BY d.root),
	published_sums AS (
		SELECT m.root, @extschema@.sum(p.disclosures) AS disclosures, @extschema@.sum(p.requests) AS requests,
			@extschema@.sum(p.appeals) AS appeals
		FROM missing m
			CROSS JOIN LATERAL (
				SELECT x.disclosures, x.requests, x.appeals FROM @extschema@.published_report x
				WHERE x.agency_id = m.agency_id AND x.year = rollup_differences.year
				ORDER BY x.imported_at DESC, x.id DESC LIMIT 1) p
		WHERE NOT EXISTS (SELECT 1 FROM derived d WHERE d.agency_id = m.agency_id)
		GROUP BY m.root),
	sums AS (
		SELECT x.root, @extschema@.sum(x.disclosures) AS disclosures, @extschema@.sum(x.requests) AS requests,
			@extschema@.sum(x.appeals) AS appeals
		FROM (SELECT * FROM stored_sums UNION ALL SELECT * FROM derived_sums UNION ALL SELECT * FROM published_sums) x
		GROUP BY x.root)
	SELECT roots.code, d.part, d.row_code, d.column_code, d.reported, d.recomputed
	FROM roots LEFT JOIN sums ON sums.root = roots.root,
		LATERAL @extschema@.figures_differences(roots.disclosures, sums.disclosures, roots.requests, sums.requests,
			roots.appeals, sums.appeals) d
	ORDER BY roots.code, d.part, d.row_code, d.column_code;
END
$$;

--------------------------------------------------------------------------
-- The audit trail
--------------------------------------------------------------------------
-- audit_id orders the entries of one database; it is not unique across a restore (the rows a restore
-- loads are logged as they load, and the log's own rows come back with their old numbers), so the
-- order is (logged_at, audit_id)
CREATE TABLE @extschema@.audit_log (
	audit_id bigint GENERATED ALWAYS AS IDENTITY,
	logged_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
	session_user_name name NOT NULL,
	current_user_name name NOT NULL,
	action text NOT NULL,
	table_name text NOT NULL,
	agency_id bigint,
	year integer,
	key jsonb,
	old_values jsonb,
	new_values jsonb,
	rows bigint
);
CREATE INDEX audit_log_agency ON @extschema@.audit_log (agency_id, year);
CREATE INDEX audit_log_time ON @extschema@.audit_log (logged_at, audit_id);
COMMENT ON TABLE @extschema@.audit_log IS 'every write to reports, agencies and grants (per row) and to records (per statement, agency and year); append-only';

ALTER TABLE @extschema@.audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON @extschema@.audit_log FOR SELECT
	USING (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('read', current_user))));

CREATE FUNCTION @extschema@.audit_row() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE FUNCTION @extschema@.audit_records() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;

-- the arguments of audit_row: the key columns of the table
CREATE TRIGGER annual_report_audit AFTER INSERT OR UPDATE OR DELETE ON @extschema@.annual_report
	FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row('agency_id', 'year');
CREATE TRIGGER agency_audit AFTER INSERT OR UPDATE OR DELETE ON @extschema@.agency
	FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row('agency_id');
CREATE TRIGGER access_grant_audit AFTER INSERT OR UPDATE OR DELETE ON @extschema@.access_grant
	FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row('grantee', 'agency_id', 'access');

-- the argument of audit_records: the date column whose year is the record's report year. Inserts
-- into application are audited by application_insert_end from the counts its CHECK collects.
DO $do$
DECLARE
	t record;
	op text;
BEGIN
	FOR t IN SELECT * FROM (VALUES ('application', 'received_on'), ('appeal_case', 'filed_on'),
	                        ('normative_document', 'issued_on'), ('decision_count', 'decided_on'),
	                        ('fee_receipt', 'received_on')) v(tab, col) LOOP
		FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
			CONTINUE WHEN t.tab = 'application' AND op = 'insert';
			EXECUTE format('CREATE TRIGGER %I AFTER %s ON @extschema@.%I REFERENCING %s TABLE AS %s FOR EACH STATEMENT '
			               'EXECUTE FUNCTION @extschema@.audit_records(%L)',
			               t.tab || '_audit_' || op, upper(op), t.tab,
			               CASE op WHEN 'delete' THEN 'OLD' ELSE 'NEW' END,
			               CASE op WHEN 'delete' THEN 'old_rows' ELSE 'new_rows' END, t.col);
		END LOOP;
	END LOOP;
END
$do$;

-- the log is append-only: UPDATE, DELETE and TRUNCATE are refused (prune_audit lifts this for itself)
CREATE FUNCTION @extschema@.audit_log_append_only() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'the audit log is append-only'
		USING ERRCODE = 'insufficient_privilege',
			DETAIL = format('%s of %I is refused.', TG_OP, TG_TABLE_NAME),
			HINT = '@extschema@.prune_audit(before) removes old entries (the extension''s owner only).';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON @extschema@.audit_log
	FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON @extschema@.audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_log_append_only();

-- retention: remove the entries logged before a time; the extension's owner only. Returns how many.
CREATE FUNCTION @extschema@.prune_audit(before timestamptz) RETURNS bigint
	LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n bigint;
BEGIN
	IF NOT @extschema@.has_owner_rights(@extschema@.acting_role()) THEN
		RAISE EXCEPTION 'only the owner of govinfo''s tables prunes the audit log'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	-- the lock of ALTER TABLE keeps every other writer out until this transaction ends
	ALTER TABLE @extschema@.audit_log DISABLE TRIGGER audit_log_append_only;
	DELETE FROM @extschema@.audit_log x WHERE x.logged_at < before;
	GET DIAGNOSTICS n = ROW_COUNT;
	ALTER TABLE @extschema@.audit_log ENABLE TRIGGER audit_log_append_only;
	RETURN n;
END
$$;

-- every change of an agency-year's report, in order
CREATE FUNCTION @extschema@.report_history(agency_code text, year integer)
	RETURNS TABLE(logged_at timestamptz, session_user_name name, current_user_name name, action text,
		old_values jsonb, new_values jsonb)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT x.logged_at, x.session_user_name, x.current_user_name, x.action, x.old_values, x.new_values
	FROM @extschema@.audit_log x
	WHERE x.table_name OPERATOR(pg_catalog.=) 'annual_report'
	  AND x.agency_id OPERATOR(pg_catalog.=) @extschema@.agency_id(report_history.agency_code)
	  AND x.year OPERATOR(pg_catalog.=) report_history.year
	ORDER BY x.logged_at, x.audit_id;
END;


-- 0.5.0: nothing is granted to PUBLIC but what reading the catalog and the types needs (the schema,
-- the types' functions, row_catalog, tableN, violations, ...). Every function that reads or writes
-- an agency's data is granted by govinfo.grant_access() with the level that needs it
-- (govinfo.level_privileges()); row-level security limits it to the agencies granted.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.publication_begin(bigint, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.agency_id(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.derived_reports(integer, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.derive_report(text, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.report_figures(text, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.report_table2(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.report_table3(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.report_table4(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.cell_applications(text, integer, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.store_derived(integer, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.refresh_report(text, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.refresh_reports(integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.publish_report(text, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.reopen_report(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.records_contribution(bigint, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.records_contributions(bigint, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.records_changed(bigint, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.visible_agencies(text, name) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.has_access(bigint, text, name) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.check_access(bigint, text, name) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.grant_access(regrole, text, text, boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.revoke_access(regrole, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.agency_tree(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.rollup_sources(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.rollup_report(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.rollup_table2(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.rollup_table3(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.rollup_table4(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.rollup_differences(integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.report_history(text, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.prune_audit(timestamptz) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.agency_hierarchy_check() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.audit_row() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.audit_records() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.audit_log_append_only() FROM PUBLIC;


-- 0.5.0: the access grants (roles by name) and the audit log
SELECT pg_catalog.pg_extension_config_dump('@extschema@.access_grant', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_log', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_log_audit_id_seq', '');

-- published reports (import): row-level security and the audit trail, as every agency-data table
ALTER TABLE @extschema@.published_report ENABLE ROW LEVEL SECURITY;
CREATE POLICY published_report_read ON @extschema@.published_report FOR SELECT
	USING (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('read', current_user))));
CREATE POLICY published_report_insert ON @extschema@.published_report FOR INSERT
	WITH CHECK (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('edit', current_user))));
CREATE POLICY published_report_update ON @extschema@.published_report FOR UPDATE
	USING (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('edit', current_user))))
	WITH CHECK (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('edit', current_user))));
CREATE POLICY published_report_delete ON @extschema@.published_report FOR DELETE
	USING (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('edit', current_user))));

CREATE TRIGGER published_report_audit AFTER INSERT OR UPDATE OR DELETE ON @extschema@.published_report
	FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row('id');
-- importing and adopting are edits: grant_access(..., 'edit') grants them
REVOKE EXECUTE ON FUNCTION @extschema@.import_report(text, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.adopt_published(bigint) FROM PUBLIC;

-- the consultation periods of an agency's applications: agency data as well
ALTER TABLE @extschema@.application_consultation ENABLE ROW LEVEL SECURITY;
CREATE POLICY application_consultation_read ON @extschema@.application_consultation FOR SELECT
	USING (application_id IN (SELECT a.application_id FROM @extschema@.application a
		WHERE a.agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('read', current_user)))));
CREATE POLICY application_consultation_write ON @extschema@.application_consultation FOR ALL
	USING (application_id IN (SELECT a.application_id FROM @extschema@.application a
		WHERE a.agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('edit', current_user)))))
	WITH CHECK (application_id IN (SELECT a.application_id FROM @extschema@.application a
		WHERE a.agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('edit', current_user)))));

-- (end of section 4)

--------------------------------------------------------------------------
-- 5. The report document, dashboard views and scheduled jobs
--------------------------------------------------------------------------

-- the same objects as sql/schema/85_documents.sql
--------------------------------------------------------------------------
-- The report document (HTML, Markdown, text), the report as jsonb, the cells for dashboards,
-- year-on-year anomalies, and the January job that renders and keeps snapshots
--------------------------------------------------------------------------

-- the document of one report row, rendered in C (src/render_*.c) from the row, its agency and the
-- request figures of its last stored years (oldest first, at most five)
CREATE FUNCTION @extschema@.render_document(r @extschema@.annual_report, agency_name text, agency_code text,
		history_years integer[], history @extschema@.request_figures[], format text, lang text)
	RETURNS text
	AS 'MODULE_PATHNAME', 'render_document' LANGUAGE C STABLE PARALLEL SAFE;

-- the official heading of part 1-6 of a report in a format
CREATE FUNCTION @extschema@.part_heading(format text, part integer, lang text DEFAULT 'zh') RETURNS text
	AS 'MODULE_PATHNAME', 'part_heading' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- the report of an agency and year, as the roll-ups' 'best' order finds it: the stored report, else
-- the one derived from the records when a record counts in the year (source 'derived', not stored),
-- else the latest imported published report (source 'imported', published_at its date), else NULL
CREATE FUNCTION @extschema@.report_row(agency_code text, year integer) RETURNS @extschema@.annual_report
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	r @extschema@.annual_report;
	published date;
BEGIN
	SELECT * INTO r FROM @extschema@.annual_report x
	WHERE x.agency_id OPERATOR(pg_catalog.=) a AND x.year OPERATOR(pg_catalog.=) report_row.year;
	IF FOUND THEN
		RETURN r;
	END IF;
	-- derived only when some record counts in the year (derived_reports gives zeros otherwise)
	IF @extschema@.records_contributions(a, report_row.year) OPERATOR(pg_catalog.<>) '{}'::jsonb THEN
		SELECT d.disclosures, d.requests, d.appeals INTO r.disclosures, r.requests, r.appeals
		FROM @extschema@.derived_reports(report_row.year, a) d;
		r.agency_id := a;
		r.year := report_row.year;
		r.format := coalesce(@extschema@.format(r.requests), CASE WHEN report_row.year OPERATOR(pg_catalog.>=) 2021 THEN '2021' ELSE '2019' END);
		r.source := 'derived';
		RETURN r;
	END IF;
	-- imported: the latest published report of the agency-year as parsed and imported (#9)
	SELECT p.format, p.disclosures, p.requests, p.appeals, p.overview, p.problems, p.other_matters, p.published_on
		INTO r.format, r.disclosures, r.requests, r.appeals, r.overview, r.problems, r.other_matters, published
	FROM @extschema@.published_report p
	WHERE p.agency_id OPERATOR(pg_catalog.=) a AND p.year OPERATOR(pg_catalog.=) report_row.year
	ORDER BY p.published_on DESC NULLS LAST, p.id DESC
	LIMIT 1;
	IF FOUND THEN
		r.agency_id := a;
		r.year := report_row.year;
		r.format := coalesce(r.format, CASE WHEN report_row.year OPERATOR(pg_catalog.>=) 2021 THEN '2021' ELSE '2019' END);
		r.source := 'imported';
		r.published_at := published::timestamptz;
		RETURN r;
	END IF;
	RETURN NULL;
END
$$;

-- the document of a report row in hand
CREATE FUNCTION @extschema@.render_report(r @extschema@.annual_report, format text DEFAULT 'html', lang text DEFAULT 'zh')
	RETURNS text
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
	SELECT @extschema@.render_document($1, a.name, a.code, h.years, h.figs, $2, $3)
	FROM @extschema@.agency a
	CROSS JOIN LATERAL (
		SELECT array_agg(s.y ORDER BY s.y) AS years, array_agg(s.f ORDER BY s.y) AS figs
		FROM (SELECT x.year AS y, x.requests AS f FROM @extschema@.annual_report x
			  WHERE x.agency_id OPERATOR(pg_catalog.=) ($1).agency_id AND x.year OPERATOR(pg_catalog.<) ($1).year
				AND x.requests IS NOT NULL
			  UNION ALL
			  SELECT ($1).year, ($1).requests WHERE ($1).requests IS NOT NULL
			  ORDER BY 1 DESC LIMIT 5) s) h
	WHERE a.agency_id OPERATOR(pg_catalog.=) ($1).agency_id
$$;

-- the document of an agency's report for a year: stored, else derived, else imported; P0002 if none
CREATE FUNCTION @extschema@.render_report(agency_code text, year integer, format text DEFAULT 'html', lang text DEFAULT 'zh')
	RETURNS text
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	r @extschema@.annual_report := @extschema@.report_row(agency_code, year);
BEGIN
	IF r IS NULL THEN
		RAISE EXCEPTION 'agency "%" has no report for year %', agency_code, year
			USING ERRCODE = 'no_data_found',
				DETAIL = 'There is no stored report, no record counting in the year and no imported report.';
	END IF;
	RETURN @extschema@.render_report(r, format, lang);
END
$$;

-- the whole report as data
CREATE FUNCTION @extschema@.report_document(agency_code text, year integer) RETURNS jsonb
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	r @extschema@.annual_report := @extschema@.report_row(agency_code, year);
	a @extschema@.agency;
	t2 jsonb;
	t3 jsonb;
	t4 jsonb;
	v jsonb;
BEGIN
	IF r IS NULL THEN
		RAISE EXCEPTION 'agency "%" has no report for year %', agency_code, year
			USING ERRCODE = 'no_data_found',
				DETAIL = 'There is no stored report, no record counting in the year and no imported report.';
	END IF;
	SELECT * INTO a FROM @extschema@.agency g WHERE g.agency_id OPERATOR(pg_catalog.=) r.agency_id;
	SELECT jsonb_agg(jsonb_build_object('row_code', z.row_code, 'label_zh', z.label, 'label_en', e.label,
			'cells', to_jsonb(z) OPERATOR(pg_catalog.-) '{row_code,label,ordinality}'::text[]) ORDER BY z.ordinality)
		INTO t2
	FROM @extschema@.table2(r.disclosures, 'zh') WITH ORDINALITY z
	JOIN @extschema@.table2(r.disclosures, 'en') WITH ORDINALITY e ON e.ordinality OPERATOR(pg_catalog.=) z.ordinality;
	SELECT jsonb_agg(jsonb_build_object('row_code', z.row_code, 'label_zh', z.label, 'label_en', e.label,
			'cells', to_jsonb(z) OPERATOR(pg_catalog.-) '{row_code,label,ordinality}'::text[]) ORDER BY z.ordinality)
		INTO t3
	FROM @extschema@.table3(r.requests, 'zh') WITH ORDINALITY z
	JOIN @extschema@.table3(r.requests, 'en') WITH ORDINALITY e ON e.ordinality OPERATOR(pg_catalog.=) z.ordinality;
	SELECT jsonb_agg(jsonb_build_object('group_code', z.group_code, 'label_zh', z.label, 'label_en', e.label,
			'cells', to_jsonb(z) OPERATOR(pg_catalog.-) '{group_code,label,ordinality}'::text[]) ORDER BY z.ordinality)
		INTO t4
	FROM @extschema@.table4(r.appeals, 'zh') WITH ORDINALITY z
	JOIN @extschema@.table4(r.appeals, 'en') WITH ORDINALITY e ON e.ordinality OPERATOR(pg_catalog.=) z.ordinality;
	SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.part, x.rule, x.row_code, x.column_code), '[]') INTO v
	FROM (SELECT 3 AS part, w.* FROM @extschema@.violations(r.requests) w
		  UNION ALL SELECT 4, w.* FROM @extschema@.violations(r.appeals) w) x;
	RETURN jsonb_build_object(
		'agency', jsonb_build_object('code', a.code, 'name', a.name,
			'parent_code', (SELECT p.code FROM @extschema@.agency p WHERE p.agency_id OPERATOR(pg_catalog.=) a.parent_id)),
		'year', r.year, 'format', r.format, 'source', r.source, 'published_at', r.published_at,
		'title', a.name || r.year || '年政府信息公开工作年度报告',
		'parts', (SELECT jsonb_agg(jsonb_build_object('part', p,
						'heading_zh', @extschema@.part_heading(r.format, p, 'zh'),
						'heading_en', @extschema@.part_heading(r.format, p, 'en'),
						'text', CASE p WHEN 1 THEN r.overview WHEN 5 THEN r.problems WHEN 6 THEN r.other_matters END,
						'table', CASE WHEN p BETWEEN 2 AND 4 THEN p::text END) ORDER BY p)
				  FROM generate_series(1, 6) p),
		'tables', jsonb_build_object('2', t2, '3', t3, '4', t4),
		'violations', v);
END
$$;

--------------------------------------------------------------------------
-- Cells for dashboards
--------------------------------------------------------------------------
CREATE FUNCTION @extschema@.cells(@extschema@.disclosure_figures)
	RETURNS TABLE(part integer, row_code text, column_code text, label_zh text, label_en text, value numeric, blank boolean)
	AS 'MODULE_PATHNAME', 'disclosure_cells' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
CREATE FUNCTION @extschema@.cells(@extschema@.request_figures)
	RETURNS TABLE(part integer, row_code text, column_code text, label_zh text, label_en text, value numeric, blank boolean)
	AS 'MODULE_PATHNAME', 'request_cells' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 175;
CREATE FUNCTION @extschema@.cells(@extschema@.appeal_figures)
	RETURNS TABLE(part integer, row_code text, column_code text, label_zh text, label_en text, value numeric, blank boolean)
	AS 'MODULE_PATHNAME', 'appeal_cells' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 15;

-- one row per cell of every stored report; security_invoker, so that the reader's own rights (and
-- any row-level security on the reports) apply, not the view owner's
CREATE VIEW @extschema@.report_cells WITH (security_invoker = true) AS
SELECT r.agency_id, a.code AS agency_code, a.name AS agency_name, p.code AS parent_code, r.year, r.source,
	c.part, c.row_code, c.column_code, c.label_zh, c.label_en, c.value, c.blank
FROM @extschema@.annual_report r
JOIN @extschema@.agency a ON a.agency_id = r.agency_id
LEFT JOIN @extschema@.agency p ON p.agency_id = a.parent_id
CROSS JOIN LATERAL (
	SELECT * FROM @extschema@.cells(r.disclosures)
	UNION ALL SELECT * FROM @extschema@.cells(r.requests)
	UNION ALL SELECT * FROM @extschema@.cells(r.appeals)) c;
COMMENT ON VIEW @extschema@.report_cells IS 'one row per cell of every stored annual report, for dashboards';

-- one cell of an agency's stored reports across the years (column 'total' of table 四 is each group's)
CREATE FUNCTION @extschema@.report_series(agency_code text, row_code text, column_code text DEFAULT 'total')
	RETURNS TABLE(year integer, source text, value numeric, blank boolean)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
	SELECT c.year, c.source, c.value, c.blank FROM @extschema@.report_cells c
	WHERE c.agency_code OPERATOR(pg_catalog.=) $1 AND c.row_code OPERATOR(pg_catalog.=) $2
	  AND (c.column_code OPERATOR(pg_catalog.=) $3 OR c.column_code OPERATOR(pg_catalog.=) ($2 OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) $3))
	ORDER BY c.year
$$;

-- cells that grew more than factor times or fell below 1/factor of the previous year's value
CREATE FUNCTION @extschema@.anomalies(year integer, factor numeric DEFAULT 5, min_base integer DEFAULT 10)
	RETURNS TABLE(agency_code text, agency_name text, part integer, row_code text, column_code text,
		label_zh text, previous numeric, current numeric, ratio numeric)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
	SELECT c.agency_code, c.agency_name, c.part, c.row_code, c.column_code, c.label_zh, p.value, c.value,
		round(c.value OPERATOR(pg_catalog./) p.value, 2)
	FROM @extschema@.report_cells c
	JOIN @extschema@.report_cells p ON p.agency_id OPERATOR(pg_catalog.=) c.agency_id
		AND p.year OPERATOR(pg_catalog.=) (c.year OPERATOR(pg_catalog.-) 1)
		AND p.part OPERATOR(pg_catalog.=) c.part AND p.row_code OPERATOR(pg_catalog.=) c.row_code
		AND p.column_code OPERATOR(pg_catalog.=) c.column_code
	WHERE c.year OPERATOR(pg_catalog.=) $1 AND p.year OPERATOR(pg_catalog.=) ($1 OPERATOR(pg_catalog.-) 1)
	  AND NOT c.blank AND NOT p.blank AND p.value OPERATOR(pg_catalog.>=) $3
	  AND (c.value OPERATOR(pg_catalog.>) (p.value OPERATOR(pg_catalog.*) $2)
		   OR c.value OPERATOR(pg_catalog.<) (p.value OPERATOR(pg_catalog./) $2))
	ORDER BY c.agency_code, c.part, c.row_code, c.column_code
$$;

--------------------------------------------------------------------------
-- Snapshots and the January job
--------------------------------------------------------------------------
CREATE TABLE @extschema@.report_snapshot (
	snapshot_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	agency_id bigint NOT NULL REFERENCES @extschema@.agency,
	year integer NOT NULL,
	format text NOT NULL CONSTRAINT report_snapshot_format_known CHECK (format IN ('html', 'markdown', 'text')),
	lang text NOT NULL CONSTRAINT report_snapshot_lang_known CHECK (lang IN ('zh', 'en')),
	content text NOT NULL,
	sha256 bytea NOT NULL,
	figures_version text NOT NULL,
	source text NOT NULL,
	generated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE @extschema@.report_snapshot IS 'rendered report documents; immutable, a new version is a new row';
CREATE INDEX report_snapshot_latest ON @extschema@.report_snapshot (agency_id, year, format, lang, snapshot_id);

-- snapshots are immutable
CREATE FUNCTION @extschema@.report_snapshot_immutable() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'report snapshots are immutable'
		USING ERRCODE = 'object_not_in_prerequisite_state',
			DETAIL = format('Snapshot %s of agency %s, year %s, format %s.', OLD.snapshot_id, OLD.agency_id, OLD.year, OLD.format),
			HINT = 'A new version of a document is a new row: CALL govinfo.generate_reports(...).';
END
$$;
CREATE TRIGGER report_snapshot_immutable BEFORE UPDATE ON @extschema@.report_snapshot
	FOR EACH ROW EXECUTE FUNCTION @extschema@.report_snapshot_immutable();

-- one row per run of generate_reports: its progress, readable from another session
CREATE TABLE @extschema@.generate_run (
	run_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	year integer NOT NULL,
	formats text[] NOT NULL,
	lang text NOT NULL,
	agency_code text,
	status text NOT NULL DEFAULT 'running' CONSTRAINT generate_run_status_known CHECK (status IN ('running', 'done')),
	total integer NOT NULL DEFAULT 0,
	done integer NOT NULL DEFAULT 0,
	written integer NOT NULL DEFAULT 0,
	unchanged integer NOT NULL DEFAULT 0,
	no_report integer NOT NULL DEFAULT 0,
	last_agency_id bigint,
	started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
	updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
	finished_at timestamptz
);
COMMENT ON TABLE @extschema@.generate_run IS 'progress of govinfo.generate_reports runs';

-- the newest snapshot of a report document
CREATE FUNCTION @extschema@.latest_snapshot(agency_code text, year integer, format text DEFAULT 'html', lang text DEFAULT 'zh')
	RETURNS @extschema@.report_snapshot
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
	SELECT s.* FROM @extschema@.report_snapshot s
	WHERE s.agency_id OPERATOR(pg_catalog.=) @extschema@.agency_id($1) AND s.year OPERATOR(pg_catalog.=) $2
	  AND s.format OPERATOR(pg_catalog.=) $3 AND s.lang OPERATOR(pg_catalog.=) $4
	ORDER BY s.snapshot_id DESC LIMIT 1
$$;

-- the agencies a run covers: all, or agency_code and every agency below it
CREATE FUNCTION @extschema@.agency_subtree(agency_code text) RETURNS SETOF bigint
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
AS $$
	WITH RECURSIVE t(id) AS (
		SELECT g.agency_id FROM @extschema@.agency g WHERE $1 IS NULL OR g.code OPERATOR(pg_catalog.=) $1
		UNION
		SELECT g.agency_id FROM @extschema@.agency g JOIN t ON g.parent_id OPERATOR(pg_catalog.=) t.id
		WHERE $1 IS NOT NULL)
	SELECT id FROM t
$$;

-- render and keep one batch of agencies (agency_id after after_id, at most n): one snapshot per
-- agency with a report and per format, skipping documents equal to the latest snapshot
CREATE FUNCTION @extschema@.generate_batch(run bigint, after_id bigint, n integer,
		OUT last_id bigint, OUT agencies integer, OUT written integer, OUT unchanged integer, OUT no_report integer)
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	g @extschema@.generate_run;
BEGIN
	SELECT * INTO g FROM @extschema@.generate_run x WHERE x.run_id OPERATOR(pg_catalog.=) run;
	WITH batch AS MATERIALIZED (
		SELECT a.agency_id, @extschema@.report_row(a.code, g.year) AS r
		FROM @extschema@.agency a
		WHERE a.agency_id OPERATOR(pg_catalog.>) coalesce(after_id, -1)
		  AND a.agency_id IN (SELECT @extschema@.agency_subtree(g.agency_code))
		ORDER BY a.agency_id LIMIT n),
	doc AS (
		SELECT b.agency_id, (b.r).source AS source, f.fmt,
			@extschema@.render_report(b.r, f.fmt, g.lang) AS content,
			md5(concat_ws('|', (b.r).format, (b.r).disclosures::text, (b.r).requests::text, (b.r).appeals::text,
				(b.r).overview, (b.r).problems, (b.r).other_matters)) AS version
		FROM batch b CROSS JOIN unnest(g.formats) f(fmt)
		WHERE (b.r).agency_id IS NOT NULL),
	hashed AS (SELECT d.*, sha256(convert_to(d.content, 'UTF8')) AS sha FROM doc d),
	ins AS (
		INSERT INTO @extschema@.report_snapshot (agency_id, year, format, lang, content, sha256, figures_version, source)
		SELECT h.agency_id, g.year, h.fmt, g.lang, h.content, h.sha, h.version, h.source FROM hashed h
		WHERE h.sha IS DISTINCT FROM (
			SELECT s.sha256 FROM @extschema@.report_snapshot s
			WHERE s.agency_id OPERATOR(pg_catalog.=) h.agency_id AND s.year OPERATOR(pg_catalog.=) g.year
			  AND s.format OPERATOR(pg_catalog.=) h.fmt AND s.lang OPERATOR(pg_catalog.=) g.lang
			ORDER BY s.snapshot_id DESC LIMIT 1)
		RETURNING 1)
	SELECT (SELECT max(b.agency_id) FROM batch b), (SELECT count(*) FROM batch)::integer,
		(SELECT count(*) FROM batch b WHERE (b.r).agency_id IS NULL)::integer,
		(SELECT count(*) FROM ins)::integer, (SELECT count(*) FROM hashed)::integer
		INTO last_id, agencies, no_report, written, unchanged;
	unchanged := unchanged OPERATOR(pg_catalog.-) written;
END
$$;

-- the January job: refresh the unpublished derived reports, render every requested format of every
-- agency (or of agency_code's subtree), keep what changed; commits every batch_size agencies and
-- resumes an unfinished run with the same arguments
CREATE PROCEDURE @extschema@.generate_reports(year integer, formats text[] DEFAULT '{html}',
		agency_code text DEFAULT NULL, lang text DEFAULT 'zh', batch_size integer DEFAULT 500)
	LANGUAGE plpgsql
AS $$
DECLARE
	run bigint;
	after_id bigint;
	b record;
	t0 timestamptz := clock_timestamp();
	total integer;
	done integer;
	secs numeric;
BEGIN
	IF year IS NULL OR formats IS NULL OR lang IS NULL OR batch_size IS NULL OR batch_size OPERATOR(pg_catalog.<) 1 THEN
		RAISE EXCEPTION 'generate_reports needs a year, formats, a language and a positive batch size'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF EXISTS (SELECT FROM unnest(formats) f WHERE f NOT IN ('html', 'markdown', 'text')) THEN
		RAISE EXCEPTION 'unknown document format in %', formats
			USING ERRCODE = 'invalid_parameter_value', HINT = 'Use ''html'', ''markdown'' or ''text''.';
	END IF;
	PERFORM @extschema@.part_heading('2021', 1, lang);	-- checks lang
	IF agency_code IS NOT NULL THEN
		PERFORM @extschema@.agency_id(agency_code);
	END IF;

	SELECT g.run_id, g.last_agency_id, g.done INTO run, after_id, done FROM @extschema@.generate_run g
	WHERE g.status OPERATOR(pg_catalog.=) 'running' AND g.year OPERATOR(pg_catalog.=) generate_reports.year
	  AND g.formats OPERATOR(pg_catalog.=) generate_reports.formats AND g.lang OPERATOR(pg_catalog.=) generate_reports.lang
	  AND g.agency_code IS NOT DISTINCT FROM generate_reports.agency_code
	ORDER BY g.run_id DESC LIMIT 1;
	IF run IS NULL THEN
		-- a new run: refresh the derived reports that are not published (entered and imported ones stay)
		INSERT INTO @extschema@.annual_report AS r (agency_id, year, disclosures, requests, appeals, source)
		SELECT d.agency_id, generate_reports.year, d.disclosures, d.requests, d.appeals, 'derived'
		FROM @extschema@.derived_reports(generate_reports.year) d
		WHERE d.agency_id IN (SELECT @extschema@.agency_subtree(generate_reports.agency_code))
		ORDER BY d.agency_id
		ON CONFLICT ON CONSTRAINT annual_report_pkey DO UPDATE
			SET disclosures = excluded.disclosures, requests = excluded.requests, appeals = excluded.appeals
			WHERE r.published_at IS NULL AND r.source OPERATOR(pg_catalog.=) 'derived';
		INSERT INTO @extschema@.generate_run (year, formats, lang, agency_code, total)
		SELECT generate_reports.year, generate_reports.formats, generate_reports.lang, generate_reports.agency_code, count(*)
		FROM @extschema@.agency_subtree(generate_reports.agency_code)
		RETURNING run_id, 0 INTO run, done;
		COMMIT;
	ELSE
		RAISE NOTICE 'generate_reports: resuming run % after agency % (% done)', run, after_id, done;
	END IF;
	SELECT g.total INTO total FROM @extschema@.generate_run g WHERE g.run_id OPERATOR(pg_catalog.=) run;

	LOOP
		SELECT * INTO b FROM @extschema@.generate_batch(run, after_id, batch_size);
		EXIT WHEN b.agencies OPERATOR(pg_catalog.=) 0;
		after_id := b.last_id;
		done := done OPERATOR(pg_catalog.+) b.agencies;
		UPDATE @extschema@.generate_run g
		SET done = g.done OPERATOR(pg_catalog.+) b.agencies, written = g.written OPERATOR(pg_catalog.+) b.written,
			unchanged = g.unchanged OPERATOR(pg_catalog.+) b.unchanged, no_report = g.no_report OPERATOR(pg_catalog.+) b.no_report,
			last_agency_id = b.last_id, updated_at = clock_timestamp()
		WHERE g.run_id OPERATOR(pg_catalog.=) run;
		COMMIT;
		secs := extract(epoch FROM clock_timestamp() OPERATOR(pg_catalog.-) t0);
		RAISE NOTICE 'generate_reports: % / % agencies, % s, % agencies/s', done, total, round(secs, 1),
			CASE WHEN secs OPERATOR(pg_catalog.>) 0 THEN round(done OPERATOR(pg_catalog./) secs) END;
	END LOOP;
	UPDATE @extschema@.generate_run g SET status = 'done', finished_at = clock_timestamp(), updated_at = clock_timestamp()
	WHERE g.run_id OPERATOR(pg_catalog.=) run;
	COMMIT;
END
$$;

-- pg_dump keeps the snapshots and the runs, and the positions of their identity sequences
SELECT pg_catalog.pg_extension_config_dump('@extschema@.report_snapshot', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.generate_run', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.report_snapshot_snapshot_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.generate_run_run_id_seq', '');

-- the rendered documents of an agency are its data: row-level security as on every agency-data table
ALTER TABLE @extschema@.report_snapshot ENABLE ROW LEVEL SECURITY;
CREATE POLICY report_snapshot_read ON @extschema@.report_snapshot FOR SELECT
	USING (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('read', current_user))));
CREATE POLICY report_snapshot_insert ON @extschema@.report_snapshot FOR INSERT
	WITH CHECK (agency_id IN (SELECT pg_catalog.unnest(@extschema@.visible_agencies('edit', current_user))));
REVOKE EXECUTE ON FUNCTION @extschema@.report_snapshot_immutable() FROM PUBLIC;

-- (end of section 5)
