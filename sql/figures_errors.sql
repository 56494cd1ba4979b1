-- Bad input: every error names the rule or the cell, with a specific SQLSTATE.
\set SHOW_CONTEXT never
\set VERBOSITY default
SELECT '2021|1:1,0,0'::govinfo.request_figures;
SELECT '2021|1:-1,0,0,0,0,0,0'::govinfo.request_figures;
SELECT '2021|1:2147483648,0,0,0,0,0,0'::govinfo.request_figures;
SELECT '2021|9.9:1,0,0,0,0,0,0'::govinfo.request_figures;
SELECT '2021|3.3:1,0,0,0,0,0,0'::govinfo.request_figures;
SELECT '2020|1:1,0,0,0,0,0,1'::govinfo.request_figures;
SELECT '2021|1:x,0,0,0,0,0,0'::govinfo.request_figures;
SELECT '2021|1:1,0,0,0,0,0,1|1:1,0,0,0,0,0,1'::govinfo.request_figures;
SELECT ''::govinfo.request_figures;
SELECT '2021|2.8.1:1.2345678'::govinfo.disclosure_figures;
SELECT '2019|2.6.1:1'::govinfo.disclosure_figures;
SELECT 'review:1,0,0,0'::govinfo.appeal_figures;
SELECT '{"1": [1, 0, 0, 0, 0, 0, "1"]}'::jsonb::govinfo.request_figures;
SELECT '{"1": [1, 0, 0, 0, 0, 0]}'::jsonb::govinfo.request_figures;
SELECT '{"format": "1999"}'::jsonb::govinfo.request_figures;
SELECT '{"2.6.1": {"count": 1}}'::jsonb::govinfo.disclosure_figures;
SELECT '[1, 2]'::jsonb::govinfo.appeal_figures;
SELECT govinfo.cell('2021|1:1,0,0,0,0,0,1'::govinfo.request_figures, '1', 'people');
-- broken rules, as stored reports see them
INSERT INTO govinfo.agency (code, name) VALUES ('rules-demo', '规则示例镇人民政府');
INSERT INTO govinfo.annual_report (agency_id, year, requests)
	SELECT agency_id, 2021, '2021|1:2,0,0,0,0,0,2|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:0,0,0,0,0,0,0'
	FROM govinfo.agency WHERE code = 'rules-demo';
INSERT INTO govinfo.annual_report (agency_id, year, appeals)
	SELECT agency_id, 2021, 'review:1,1,0,0,3' FROM govinfo.agency WHERE code = 'rules-demo';
INSERT INTO govinfo.annual_report (agency_id, year, requests)
	SELECT agency_id, 2021, '2021|1:2,0,0,0,0,0,2|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,1'
	FROM govinfo.agency WHERE code = 'rules-demo';
INSERT INTO govinfo.annual_report (agency_id, year, requests)
	SELECT agency_id, 2022, '2021|2:2,0,0,0,0,0,2|4:2,0,0,0,0,0,2'
	FROM govinfo.agency WHERE code = 'rules-demo';
SELECT year FROM govinfo.annual_report JOIN govinfo.agency USING (agency_id) WHERE code = 'rules-demo';
SELECT * FROM govinfo.violations('2021|1:2,0,0,0,0,0,3|3.1:1,0,0,0,0,0,1|3.7:2,0,0,0,0,0,1|4:0,0,0,0,0,0,0'::govinfo.request_figures);
