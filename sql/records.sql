-- Tables 三 and 四 derived from records, on hand-built cases at the year boundaries.
\set SHOW_CONTEXT never
INSERT INTO govinfo.agency (code, name, level) VALUES ('boundary-bureau', '边界测试局', 'department');
INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on, corrected_on, subject)
SELECT agency_id, v.received_on::date, v.applicant::govinfo.applicant, v.outcome::govinfo.outcome, v.closed_on::date,
	v.corrected_on::date, v.subject
FROM govinfo.agency, (VALUES
	('2020-12-31', 'np',  '3.6.2', '2021-01-01', NULL,         'received 31 Dec 2020, closed 1 Jan 2021'),
	('2020-12-31', 'biz', '3.1',   '2020-12-31', NULL,         'received and closed 31 Dec 2020'),
	('2020-11-02', 'law', NULL,    NULL,         NULL,         'open across the 2020 and 2021 year ends'),
	('2021-01-01', 'np',  '3.4.1', '2021-12-31', '2021-03-01', 'received 1 Jan, corrected, closed 31 Dec 2021'),
	('2021-12-31', 'res', '3.6.3', '2022-01-01', NULL,         'received 31 Dec 2021, closed 1 Jan 2022'),
	('2019-06-01', 'oth', '3.6.1', '2020-02-01', NULL,         '2019 format: 3.6.1 counts in row 3.6')
) AS v(received_on, applicant, outcome, closed_on, corrected_on, subject)
WHERE code = 'boundary-bureau';

SELECT application_id, received_on, applicant, outcome, closed_on, govinfo.row_code(outcome, 2020) AS row_2020,
	govinfo.label(applicant) AS applicant_label, govinfo.label(outcome, 'en') AS outcome_en
FROM govinfo.application ORDER BY application_id;

-- 2020 (2019 format: row 3.6 holds 3.6.1 … 3.6.3)
SELECT row_code, np, biz, res, law, oth, total FROM govinfo.report_table3('boundary-bureau', 2020)
WHERE total <> 0 OR row_code = '3.6';
-- 2021
SELECT row_code, np, biz, res, law, oth, total FROM govinfo.report_table3('boundary-bureau', 2021)
WHERE total <> 0;
-- 2022
SELECT row_code, np, biz, res, law, oth, total FROM govinfo.report_table3('boundary-bureau', 2022)
WHERE total <> 0;
-- P3-CARRY between derived years: row 4 of Y = row 2 of Y+1
SELECT y, govinfo.cell((govinfo.derive_report('boundary-bureau', y)).requests, '4', 'total') AS carried_out,
	govinfo.cell((govinfo.derive_report('boundary-bureau', y + 1)).requests, '2', 'total') AS carried_in_next
FROM generate_series(2019, 2022) AS y;

-- drill-down: the applications behind a cell
SELECT application_id, subject FROM govinfo.cell_applications('boundary-bureau', 2021, '2', 'total');
SELECT application_id, subject FROM govinfo.cell_applications('boundary-bureau', 2021, '3.7', 'np');
SELECT application_id, subject FROM govinfo.cell_applications('boundary-bureau', 2020, '3.6', 'total');

-- appeal cases: concluded in the year under their result, else pending from filing on
INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on, result, concluded_on)
SELECT agency_id, v.kind, v.filed_on::date, v.result, v.concluded_on::date
FROM govinfo.agency, (VALUES
	('review', '2020-12-01', 'upheld', '2021-01-15'),
	('review', '2021-03-01', 'corrected', '2021-12-31'),
	('suit', '2021-12-31', NULL, NULL),
	('suit_after_review', '2019-05-01', 'other', '2022-06-30')
) AS v(kind, filed_on, result, concluded_on)
WHERE code = 'boundary-bureau';
SELECT * FROM govinfo.report_table4('boundary-bureau', 2021);
SELECT y, (govinfo.derive_report('boundary-bureau', y)).appeals::text FROM generate_series(2020, 2022) AS y;

-- table 二 from documents, decisions and fees
INSERT INTO govinfo.normative_document (agency_id, kind, title, issued_on, abolished_on)
SELECT agency_id, v.kind, v.title, v.issued_on::date, v.abolished_on::date
FROM govinfo.agency, (VALUES
	('rule', '规章甲', '2019-01-01', NULL),
	('normative', '规范性文件乙', '2021-05-01', NULL),
	('normative', '规范性文件丙', '2020-01-01', '2021-12-31'),
	('normative', '规范性文件丁', '2021-02-01', '2022-01-01')
) AS v(kind, title, issued_on, abolished_on)
WHERE code = 'boundary-bureau';
INSERT INTO govinfo.decision_count (agency_id, kind, decided_on, n)
SELECT agency_id, v.kind, v.decided_on::date, v.n FROM govinfo.agency,
	(VALUES ('licensing', '2021-01-01', 10), ('penalty', '2021-12-31', 3), ('penalty', '2022-01-01', 5), ('coercion', '2021-06-01', 1))
	AS v(kind, decided_on, n)
WHERE code = 'boundary-bureau';
INSERT INTO govinfo.fee_receipt (agency_id, received_on, amount_yuan)
SELECT agency_id, v.d::date, v.amount FROM govinfo.agency, (VALUES ('2021-03-01', 1234.56), ('2021-09-09', 0.01), ('2022-01-01', 99))
	AS v(d, amount) WHERE code = 'boundary-bureau';
SELECT * FROM govinfo.report_table2('boundary-bureau', 2021);
SELECT * FROM govinfo.report_table2('boundary-bureau', 2020);

-- store, publish, and what the lock refuses
SELECT govinfo.refresh_reports(2021) AS written;
SELECT year, source, published_at IS NULL AS unpublished FROM govinfo.annual_report r
	JOIN govinfo.agency a USING (agency_id) WHERE a.code = 'boundary-bureau';
SELECT govinfo.publish_report('boundary-bureau', 2021) IS NOT NULL AS published;
UPDATE govinfo.application SET closed_on = '2021-06-30', outcome = '3.1' WHERE subject LIKE 'open across%';
UPDATE govinfo.application SET subject = subject || ' (checked)' WHERE subject LIKE 'open across%';
INSERT INTO govinfo.fee_receipt (agency_id, received_on, amount_yuan)
	SELECT agency_id, '2021-10-01', 1 FROM govinfo.agency WHERE code = 'boundary-bureau';
INSERT INTO govinfo.fee_receipt (agency_id, received_on, amount_yuan)
	SELECT agency_id, '2023-10-01', 1 FROM govinfo.agency WHERE code = 'boundary-bureau';
SELECT govinfo.refresh_report('boundary-bureau', 2021);
SELECT govinfo.reopen_report('boundary-bureau', 2021, '补录一笔收费');
SELECT version, reason, govinfo.cell(requests, '1', 'total') AS received FROM govinfo.report_version;
-- bad records
INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome)
	SELECT agency_id, '2021-01-01', 'np', '3.1' FROM govinfo.agency WHERE code = 'boundary-bureau';
INSERT INTO govinfo.application (agency_id, received_on, applicant, closed_on, outcome)
	SELECT agency_id, '2021-01-05', 'np', '2021-01-04', '3.1' FROM govinfo.agency WHERE code = 'boundary-bureau';
INSERT INTO govinfo.application (agency_id, received_on, applicant) VALUES (424242, '2021-01-01', 'np');
SELECT '3.4'::govinfo.outcome;
SELECT 'person'::govinfo.applicant;

-- COPY is checked like INSERT, once per statement (0.3.0: the CHECK collects the rows' spans)
INSERT INTO govinfo.agency (agency_id, code, name, level) VALUES (77001, 'copy-office', '批量导入办', 'department');
INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on) VALUES (77001, '2021-05-01', 'np', '3.1', '2021-05-20');
SELECT govinfo.refresh_report('copy-office', 2021);
SELECT govinfo.publish_report('copy-office', 2021) IS NOT NULL AS published;
COPY govinfo.application (agency_id, received_on, applicant, outcome, closed_on) FROM stdin (FORMAT csv);
77001,2022-02-01,自然人,（一）予以公开,2022-02-10
77001,2022-03-01,biz,,
\.
COPY govinfo.application (agency_id, received_on, applicant, outcome, closed_on) FROM stdin (FORMAT csv);
77001,2022-04-01,np,,
77001,2021-12-31,np,,
\.
COPY govinfo.application (agency_id, received_on, applicant, outcome, closed_on) FROM stdin (FORMAT csv);
77001,2022-04-01,np,,
77002,2022-04-01,np,,
\.
COPY govinfo.application (agency_id, received_on, applicant, outcome, closed_on) FROM stdin (FORMAT csv);
77001,2022-05-01,np,3.1,
\.
SELECT received_on, applicant, outcome, closed_on FROM govinfo.application WHERE agency_id = 77001 ORDER BY received_on;
