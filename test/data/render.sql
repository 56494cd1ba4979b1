-- Data of the rendering tests beyond 平山镇 2021: an agency whose 2022 report is derived from its
-- records (non-zero figures in several outcome rows and in table 四), with a stored 2021 report
-- for the five-year chart.
INSERT INTO govinfo.agency (code, name, level) VALUES ('test-bureau', '测试县自然资源局', 'department');
INSERT INTO govinfo.annual_report (agency_id, year, requests, appeals)
SELECT agency_id, 2021, '2021|1:6,1,0,0,0,0,7|2:0,0,0,0,0,0,0|3.1:4,0,0,0,0,0,4|3.4.1:1,1,0,0,0,0,2|3.7:5,1,0,0,0,0,6|4:1,0,0,0,0,0,1',
	'review:0,0,0,0,0|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0'
FROM govinfo.agency WHERE code = 'test-bureau';
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
