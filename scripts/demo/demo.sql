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
