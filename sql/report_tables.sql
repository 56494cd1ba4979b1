-- The report tables for values entered as text, in both languages and formats.
\set SHOW_CONTEXT never
SELECT * FROM govinfo.table3(
	'2021|1:5,1,0,0,1,0,7|2:1,0,0,0,0,0,1|3.1:2,1,0,0,0,0,3|3.4.1:2,0,0,0,1,0,3|3.6.3:1,,,,,,1|3.7:5,1,0,0,1,0,7|4:1,0,0,0,0,0,1',
	'en');
-- the 2019 format: （六）其他处理 is one data row
SELECT * FROM govinfo.table3('2019|1:2,0,0,0,0,0,2|3.6:2,0,0,0,0,0,2|3.7:2,0,0,0,0,0,2|4:0,0,0,0,0,0,0');
SELECT * FROM govinfo.table2('2021|2.1.1:1,0,3|2.1.2:2,1,10|2.5.1:120|2.6.1:24|2.6.2:1|2.8.1:12.345678');
SELECT * FROM govinfo.table2('2021|2.6.1:24', 'en');
SELECT * FROM govinfo.table4('review:1,2,0,1,4|suit:0,1,0,0,1|suit_after_review:,,,,');
SELECT * FROM govinfo.table4('review:1,2,0,1,4', 'en');
-- a stored report whose tables are still being compiled, and lookups that fail
INSERT INTO govinfo.agency (code, name, level) VALUES ('demo-bureau', '示例县教育局', 'department');
INSERT INTO govinfo.annual_report (agency_id, year, requests)
	SELECT agency_id, 2020, '2019|1:1,0,0,0,0,0,1|4:1,0,0,0,0,0,1' FROM govinfo.agency WHERE code = 'demo-bureau';
SELECT format FROM govinfo.annual_report r JOIN govinfo.agency a USING (agency_id) WHERE a.code = 'demo-bureau';
SELECT row_code, np, total FROM govinfo.report_table3('demo-bureau', 2020) WHERE row_code IN ('1', '3.6', '4');
SELECT * FROM govinfo.report_table2('demo-bureau', 2020);
SELECT * FROM govinfo.report_table4('demo-bureau', 2020);
SELECT * FROM govinfo.report_table3('no-such-agency', 2021);
SELECT * FROM govinfo.report_table3('demo-bureau', 2019);
SELECT * FROM govinfo.report_table3('demo-bureau', 2020, 'fr');
