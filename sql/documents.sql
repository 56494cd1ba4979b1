-- The report document: 平山镇 2021 in the three formats and both languages, a derived report with
-- non-zero figures, a 2019-format report; report_document; report_cells against cell(); anomalies
-- on a constructed series.
DROP EXTENSION govinfo CASCADE;
CREATE EXTENSION govinfo;
\i scripts/demo/pingshan-2021.sql
\pset format unaligned
\pset tuples_only on
SELECT govinfo.render_report('pingshan-zhen', 2021, 'text');
SELECT govinfo.render_report('pingshan-zhen', 2021, 'text', 'en');
SELECT govinfo.render_report('pingshan-zhen', 2021, 'markdown');
SELECT govinfo.render_report('pingshan-zhen', 2021, 'markdown', 'en');
SELECT govinfo.render_report('pingshan-zhen', 2021, 'html');
SELECT govinfo.render_report('pingshan-zhen', 2021, 'html', 'en');
-- the row in hand gives the same document
SELECT govinfo.render_report(r, 'text') = govinfo.render_report('pingshan-zhen', 2021, 'text')
FROM govinfo.annual_report r;

-- a derived report with non-zero figures: 2022 applications of an agency without a stored report
INSERT INTO govinfo.agency (code, name, level) VALUES ('test-bureau', '测试县自然资源局', 'department');
INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on)
SELECT a.agency_id, v.received_on::date, v.applicant::govinfo.applicant, v.outcome::govinfo.outcome, v.closed_on::date
FROM govinfo.agency a, (VALUES
	('2021-12-20', 'np', '3.1', '2022-01-10'),
	('2022-02-01', 'np', '3.1', '2022-02-15'),
	('2022-03-01', 'np', '3.1', '2022-03-09'),
	('2022-03-02', 'biz', '3.2', '2022-03-20'),
	('2022-04-02', 'np', '3.3.1', '2022-04-20'),
	('2022-05-02', 'res', '3.4.1', '2022-05-20'),
	('2022-05-03', 'np', '3.4.1', '2022-05-21'),
	('2022-06-03', 'law', '3.6.3', '2022-06-21'),
	('2022-12-28', 'np', NULL, NULL)) AS v(received_on, applicant, outcome, closed_on)
WHERE a.code = 'test-bureau';
INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on, result, concluded_on)
SELECT agency_id, 'review', '2022-03-01', 'upheld', '2022-05-01' FROM govinfo.agency WHERE code = 'test-bureau';
SELECT govinfo.render_report('test-bureau', 2022, 'text');
SELECT govinfo.render_report('test-bureau', 2022, 'markdown', 'en');
-- the outcome chart has one mark per non-zero outcome (3.1, 3.2, 3.3.1, 3.4.1, 3.6.3)
SELECT regexp_count(govinfo.render_report('test-bureau', 2022), '<rect class="mark" data-row=') AS outcome_marks,
       (SELECT count(*) FROM govinfo.table3((govinfo.derive_report('test-bureau', 2022)).requests) t
        WHERE t.total > 0 AND t.row_code LIKE '3.%' AND t.row_code <> '3.7') AS nonzero_outcomes;

-- a 2019-format report (row 3.6 without sub-rows; table 二 in the 2019 columns, signed 本年增/减, block 2.9)
INSERT INTO govinfo.agency (code, name, level) VALUES ('test-town', '测试镇人民政府', 'township');
INSERT INTO govinfo.annual_report (agency_id, year, disclosures, requests, appeals, overview, problems, other_matters)
SELECT agency_id, 2019,
	'{"format": "2019", "2.1.1": {"new_made": 0, "new_published": 0, "total_published": 0},
	  "2.1.2": {"new_made": 2, "new_published": 2, "total_published": 9},
	  "2.5.1": {"prev_items": 14, "delta": -2, "decisions": 130}, "2.5.2": {"prev_items": 3, "delta": 1, "decisions": 20},
	  "2.6.1": {"prev_items": 6, "delta": 0, "decisions": 41}, "2.6.2": {"prev_items": 2, "delta": 0, "decisions": 1},
	  "2.8.1": {"prev_items": 1, "delta": 0}, "2.9.1": {"count": 4, "amount": 36.5}}'::jsonb::govinfo.disclosure_figures,
	'2019|1:5,0,0,0,0,0,5|2:0,0,0,0,0,0,0|3.1:3,0,0,0,0,0,3|3.6:2,0,0,0,0,0,2|3.7:5,0,0,0,0,0,5|4:0,0,0,0,0,0,0',
	'review:1,0,0,0,1|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0',
	'本年度主动公开政府信息35条。', NULL, '无。'
FROM govinfo.agency WHERE code = 'test-town';
SELECT govinfo.render_report('test-town', 2019, 'text');
SELECT govinfo.render_report('test-town', 2019, 'markdown', 'en');
SELECT regexp_count(govinfo.render_report('test-town', 2019), 'rowspan="\d+"') AS rowspans,
       regexp_count(govinfo.render_report('test-town', 2019), '<table') AS tables;

-- no report at all; bad arguments
\set VERBOSITY terse
\pset tuples_only off
SELECT govinfo.render_report('test-town', 2023);
SELECT govinfo.render_report('nobody', 2021);
SELECT govinfo.render_report('pingshan-zhen', 2021, 'pdf');
SELECT govinfo.render_report('pingshan-zhen', 2021, 'text', 'fr');
\set VERBOSITY default

-- the report as data
SELECT jsonb_pretty(govinfo.report_document('pingshan-zhen', 2021) - 'tables' - 'parts');
SELECT d -> 'parts' -> 4 ->> 'heading_zh' AS part5, jsonb_array_length(d -> 'tables' -> '3') AS rows3,
       d -> 'tables' -> '3' -> 0 AS first_row, d -> 'tables' -> '4' -> 2 AS last_group
FROM govinfo.report_document('pingshan-zhen', 2021) d;
SELECT d ->> 'source' AS source, d -> 'tables' -> '2' AS t2, jsonb_array_length(d -> 'tables' -> '3') AS rows3
FROM govinfo.report_document('test-town', 2019) d;
SELECT govinfo.part_heading('2019', 5), govinfo.part_heading('2021', 5), govinfo.part_heading('2021', 3, 'en');

-- report_cells: every cell of every stored report, equal to cell()
SELECT count(*) AS cells, count(*) FILTER (WHERE blank) AS blank FROM govinfo.report_cells;
SELECT count(*) AS differ FROM govinfo.report_cells c JOIN govinfo.annual_report r USING (agency_id, year)
WHERE (c.part = 2 AND c.value IS DISTINCT FROM govinfo.cell(r.disclosures, c.row_code, c.column_code))
   OR (c.part = 3 AND c.value IS DISTINCT FROM govinfo.cell(r.requests, c.row_code, c.column_code))
   OR (c.part = 4 AND c.value IS DISTINCT FROM govinfo.cell(r.appeals, c.column_code))
   OR c.blank <> (c.value IS NULL);
-- and every cell() is in it: rows × columns of the catalog
SELECT (SELECT count(*) FROM govinfo.report_cells WHERE year = 2021) AS cells_2021,
       (SELECT count(*) FROM govinfo.table3((SELECT requests FROM govinfo.annual_report WHERE year = 2021)) t
        WHERE t.np IS NOT NULL OR t.row_code IN ('3.6.2', '3.6.3')) * 7 + 9 + 1 + 15 AS expected;
SELECT part, row_code, column_code, label_zh, label_en, value, blank FROM govinfo.report_cells
WHERE agency_code = 'pingshan-zhen' AND row_code IN ('2.6.1', '2.8.1', '3.6.2', 'suit') AND column_code IN ('decisions', 'amount', 'np', 'suit.total')
ORDER BY part, row_code;

-- a constructed series: requests received 2019-2023 with a jump and a drop
INSERT INTO govinfo.agency (code, name) VALUES ('series', '序列测试局');
INSERT INTO govinfo.annual_report (agency_id, year, requests)
SELECT a.agency_id, y, format('%s|1:%s,0,0,0,0,0,%s|2:0,0,0,0,0,0,0|3.1:%s,0,0,0,0,0,%s|3.7:%s,0,0,0,0,0,%s|4:0,0,0,0,0,0,0',
	CASE WHEN y < 2021 THEN 2019 ELSE 2021 END, n, n, n, n, n, n)::govinfo.request_figures
FROM govinfo.agency a, (VALUES (2019, 12), (2020, 20), (2021, 150), (2022, 20), (2023, 3)) v(y, n)
WHERE a.code = 'series';
SELECT * FROM govinfo.report_series('series', '1');
SELECT * FROM govinfo.report_series('pingshan-zhen', 'review', 'total');
SELECT * FROM govinfo.anomalies(2021);
SELECT * FROM govinfo.anomalies(2022);
SELECT * FROM govinfo.anomalies(2023);				-- base 20, fell to 3: below 20/5
SELECT count(*) FROM govinfo.anomalies(2023, 10);	-- not below 20/10
SELECT count(*) FROM govinfo.anomalies(2020, 5, 5);	-- 12 → 20 is no anomaly

-- the five-year chart: the stored years up to the report's, at most five
SELECT regexp_count(govinfo.render_report('series', 2023), 'data-series="new"') AS new_marks,
       regexp_count(govinfo.render_report('series', 2022), 'data-year="2018"|data-year="2023"') AS outside;

-- CSV and JSON export (the recipes of doc/documents.md), and a CSV export read back
\pset tuples_only on
COPY (SELECT agency_code, year, part, row_code, column_code, value, blank FROM govinfo.report_cells
      WHERE agency_code = 'pingshan-zhen' AND part IN (2, 4) ORDER BY part, row_code, column_code) TO STDOUT (FORMAT csv, HEADER);
SELECT jsonb_agg(to_jsonb(c) ORDER BY c.row_code) FROM govinfo.report_cells c WHERE agency_code = 'pingshan-zhen' AND part = 2;
\pset tuples_only off
COPY (SELECT * FROM govinfo.report_cells) TO '/tmp/govinfo_documents_cells.csv' (FORMAT csv, HEADER);
CREATE TEMP TABLE cells_back (LIKE govinfo.report_cells);
COPY cells_back FROM '/tmp/govinfo_documents_cells.csv' (FORMAT csv, HEADER);
SELECT (SELECT count(*) FROM cells_back) AS read_back,
       (SELECT count(*) FROM (SELECT * FROM cells_back EXCEPT ALL SELECT * FROM govinfo.report_cells) d) AS differ;
