-- PENDING — to be wired by the lead at merge, once govinfo.published_report (issue #9, import of
-- published reports) is in the schema: append this to sql/schema/85_documents.sql (after #9's
-- schema file in name order) and to section 5 of sql/govinfo--0.4.0--0.5.0.sql (after section 2).
--
-- It replaces govinfo.report_row() with the three-source version: the stored report, else the one
-- derived from the records, else the imported published report (source 'imported', published_at =
-- the day it was published). render_report(), report_document() and generate_reports() all find
-- their report through report_row(), so nothing else changes: the page then says 导入的已发布报告 /
-- "imported from the published report". The columns read from published_report are those #9
-- announced (agency_id, year, format, disclosures, requests, appeals, overview, problems,
-- other_matters, published_on, source_url); adjust the names if #9 landed with others.
--
-- Test to add with it (sql/documents.sql): import one published report for an agency without a
-- stored report or records, then render_report(...) shows 数据来源：导入的已发布报告 and its figures,
-- and a stored report of the same agency-year takes precedence.

CREATE OR REPLACE FUNCTION @extschema@.report_row(agency_code text, year integer) RETURNS @extschema@.annual_report
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
	ORDER BY p.published_on DESC NULLS LAST
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
