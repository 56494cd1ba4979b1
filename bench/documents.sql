-- The documents benchmark (bench/documents.sh): :n agencies with a stored 2023 report each,
-- generate_reports over all of them in HTML, render_report of one agency, report_cells over all.
\set ON_ERROR_STOP 1
CREATE EXTENSION govinfo;
\timing on
INSERT INTO govinfo.agency (code, name, level)
SELECT 'b' || i, '基准测试机关' || i, 'department' FROM generate_series(1, :n) i;
INSERT INTO govinfo.annual_report (agency_id, year, disclosures, requests, appeals, overview, problems, other_matters)
SELECT agency_id, 2023,
	format('2021|2.1.1:0,0,%s|2.1.2:%s,1,%s|2.6.1:%s|2.8.1:%s.5', a % 3, a % 4, 10 + a % 9, a % 50, a % 7)::govinfo.disclosure_figures,
	format('2021|1:%s,%s,0,0,0,0,%s|2:0,0,0,0,0,0,0|3.1:%s,0,0,0,0,0,%s|3.4.1:%s,%s,0,0,0,0,%s|3.7:%s,%s,0,0,0,0,%s|4:0,0,0,0,0,0,0',
		x + y, z, x + y + z, x, x, y, z, y + z, x + y, z, x + y + z)::govinfo.request_figures,
	format('review:%s,0,0,0,%s|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0', a % 2, a % 2)::govinfo.appeal_figures,
	'本年度主动公开政府信息' || a || '条。', '宣传力度不够。', '无。'
FROM (SELECT agency_id, agency_id::int AS a, agency_id::int % 17 AS x, agency_id::int % 5 AS y, agency_id::int % 3 AS z
	  FROM govinfo.agency) s;
VACUUM ANALYZE govinfo.annual_report;
\timing off

\echo '== generate_reports(2023, {html}) over every agency'
SET client_min_messages = warning;
CALL govinfo.generate_reports(2023, '{html}', batch_size => 1000);
SELECT done AS agencies, written AS documents, round(extract(epoch FROM finished_at - started_at)::numeric, 2) AS seconds,
	round(written / extract(epoch FROM finished_at - started_at)::numeric) AS documents_per_second
FROM govinfo.generate_run ORDER BY run_id DESC LIMIT 1;
\echo '== the same again: nothing changed, nothing written'
CALL govinfo.generate_reports(2023, '{html}', batch_size => 1000);
SELECT done AS agencies, written AS documents, unchanged, round(extract(epoch FROM finished_at - started_at)::numeric, 2) AS seconds
FROM govinfo.generate_run ORDER BY run_id DESC LIMIT 1;
RESET client_min_messages;

\echo '== render_report(agency_code, year, format) of one agency: milliseconds per report (2,000 calls each)'
CREATE TEMP TABLE timing (format text, ms_per_report numeric);
DO $$
DECLARE
	t0 timestamptz;
	x text;
	f text;
BEGIN
	FOREACH f IN ARRAY ARRAY['html', 'markdown', 'text'] LOOP
		t0 := clock_timestamp();
		FOR i IN 1..2000 LOOP
			x := govinfo.render_report('b' || (1 + i * 7 % 20000), 2023, f);
		END LOOP;
		INSERT INTO timing VALUES (f, round(extract(epoch FROM clock_timestamp() - t0)::numeric * 1000 / 2000, 3));
	END LOOP;
END $$;
SELECT * FROM timing;

\echo '== report_cells: every cell of every stored report'
\timing on
SELECT count(*) AS cells, sum(value) AS total FROM govinfo.report_cells;
\timing off
