-- The 平山镇 2021 annual report, entered through the jsonb casts, comes out as published.
\i scripts/demo/pingshan-2021.sql

SELECT code, name FROM govinfo.agency WHERE code = 'pingshan-zhen';
SELECT year, format, source FROM govinfo.annual_report;

-- 二、主动公开政府信息情况
SELECT * FROM govinfo.report_table2('pingshan-zhen', 2021);
-- 三、收到和处理政府信息公开申请情况: 3.6.2 and 3.6.3 are blank, as published
SELECT * FROM govinfo.report_table3('pingshan-zhen', 2021);
-- 四、政府信息公开行政复议、行政诉讼情况
SELECT * FROM govinfo.report_table4('pingshan-zhen', 2021);

-- every balancing rule holds
SELECT count(*) AS violations FROM govinfo.annual_report r, govinfo.violations(r.requests);
SELECT count(*) AS violations FROM govinfo.annual_report r, govinfo.violations(r.appeals);

-- the blank cells stay blank (not 0) through storage, text and jsonb
SELECT govinfo.cell(requests, '3.6.2', 'np') IS NULL AS blank_3_6_2,
       govinfo.cell(requests, '3.6.1', 'np') AS zero_3_6_1
FROM govinfo.annual_report;
SELECT requests::text FROM govinfo.annual_report;
SELECT disclosures::text, appeals::text FROM govinfo.annual_report;
SELECT jsonb_pretty(disclosures::jsonb) FROM govinfo.annual_report;
SELECT requests::jsonb -> '3.6.2' AS row_3_6_2, requests::jsonb -> '2' AS row_2 FROM govinfo.annual_report;
