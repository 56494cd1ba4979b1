-- govinfo demo: the 平山镇 2021 annual report, stored and printed as its tables
\set QUIET on
\pset footer off
CREATE EXTENSION govinfo;
\ir pingshan-2021.sql
\set QUIET off

\echo
\echo '平山镇人民政府 2021年政府信息公开工作年度报告'
\echo
\echo '二、主动公开政府信息情况'
SELECT * FROM govinfo.report_table2('pingshan-zhen', 2021);
\echo '三、收到和处理政府信息公开申请情况'
SELECT * FROM govinfo.report_table3('pingshan-zhen', 2021);
\echo '四、政府信息公开行政复议、行政诉讼情况'
SELECT * FROM govinfo.report_table4('pingshan-zhen', 2021);
\echo 'Broken balancing rules (none expected):'
SELECT count(*) AS violations
FROM govinfo.annual_report r, govinfo.violations(r.requests) v;

\set QUIET on
\ir records.sql
\set QUIET off
\echo
\echo 'Records: applications and appeal cases of 平山县 agencies, 2020-2022'
SELECT a.name, count(*) AS applications,
	count(*) FILTER (WHERE p.received_on >= '2021-01-01' AND p.received_on < '2022-01-01') AS received_2021
FROM govinfo.application p JOIN govinfo.agency a USING (agency_id) GROUP BY a.name ORDER BY 2 DESC;
\echo '平山县自然资源和规划局 2021, table 三 derived from its applications (no report stored)'
SELECT * FROM govinfo.report_table3('pingshan-land', 2021);
\echo 'refresh_reports(2021): derived reports stored for every agency with records'
SELECT govinfo.refresh_reports(2021) AS reports_written;
SELECT a.code, r.year, r.source, govinfo.cell(r.requests, '1', 'total') AS received,
	govinfo.cell(r.requests, '3.7', 'total') AS handled, govinfo.cell(r.requests, '4', 'total') AS carried_over,
	govinfo.is_balanced(r.requests) AS balanced
FROM govinfo.annual_report r JOIN govinfo.agency a USING (agency_id) ORDER BY a.agency_id, r.year;
\echo 'Drill-down: the applications behind 平山县公安局 2021, row 3.4.1 (本机关不掌握相关政府信息), column np'
SELECT count(*) AS applications FROM govinfo.cell_applications('pingshan-police', 2021, '3.4.1', 'np');

\echo
\echo 'The whole 平山镇 2021 report rendered as text: govinfo.render_report(''pingshan-zhen'', 2021, ''text'')'
\pset format unaligned
\pset tuples_only on
SELECT govinfo.render_report('pingshan-zhen', 2021, 'text');
\o :html_file
SELECT govinfo.render_report('pingshan-zhen', 2021, 'html');
\o
\echo
\echo 'The HTML report (govinfo.render_report(''pingshan-zhen'', 2021)) is written to' :html_file
