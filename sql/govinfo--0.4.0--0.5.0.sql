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

-- (end of section 3)

--------------------------------------------------------------------------
-- 4. The warehouse: hierarchy, roll-ups, access, audit
--------------------------------------------------------------------------

-- (end of section 4)

--------------------------------------------------------------------------
-- 5. The report document, dashboard views and scheduled jobs
--------------------------------------------------------------------------

-- (end of section 5)
