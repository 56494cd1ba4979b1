-- Demo records: a few thousand generated applications and appeal cases for a handful of agencies of
-- 平山县, 2020-2022, deterministic (setseed). Loaded by the demo after the 平山镇 report.
INSERT INTO govinfo.agency (code, name, level) VALUES ('pingshan-county', '平山县人民政府', 'county');
INSERT INTO govinfo.agency (code, name, level, parent_id)
SELECT v.code, v.name, v.level, (SELECT agency_id FROM govinfo.agency WHERE code = 'pingshan-county')
FROM (VALUES
	('pingshan-office', '平山县人民政府办公室', 'department', 1),
	('pingshan-land', '平山县自然资源和规划局', 'department', 2),
	('pingshan-police', '平山县公安局', 'department', 3),
	('pingshan-edu', '平山县教育局', 'department', 4),
	('xibaipo-zhen', '西柏坡镇人民政府', 'township', 5)) AS v(code, name, level, n)
ORDER BY v.n;

SELECT setseed(0.2021) \gset
-- applications: heavy on the land bureau; ~90% natural persons; mostly disclosed or not held
INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on, channel)
SELECT a.agency_id, r.received_on, r.applicant,
	CASE WHEN r.days IS NOT NULL THEN r.outcome END,
	r.received_on + r.days,
	(ARRAY['online', 'letter', 'in_person', 'fax', 'other'])[1 + floor(random() * 5)::int]
FROM (VALUES ('pingshan-land', 1800), ('pingshan-office', 500), ('pingshan-police', 400),
             ('pingshan-edu', 250), ('xibaipo-zhen', 50)) AS w(code, n)
JOIN govinfo.agency a ON a.code = w.code
CROSS JOIN LATERAL generate_series(1, w.n) AS i
CROSS JOIN LATERAL (SELECT
	DATE '2020-01-01' + floor(random() * 1096)::int AS received_on,
	CASE WHEN random() < 0.9 THEN 'np' ELSE (ARRAY['biz', 'res', 'npo', 'law', 'oth'])[1 + floor(random() * 5)::int] END::govinfo.applicant AS applicant,
	(ARRAY['3.1', '3.1', '3.1', '3.1', '3.2', '3.4.1', '3.4.1', '3.4.1', '3.3.4', '3.3.6', '3.4.2', '3.5.2',
	       '3.5.1', '3.6.1', '3.6.3'])[1 + floor(random() * 15)::int]::govinfo.outcome AS outcome,
	CASE WHEN random() < 0.97 THEN floor(random() * 28)::int END AS days
	WHERE i > 0) AS r;

INSERT INTO govinfo.appeal_case (agency_id, kind, filed_on, result, concluded_on)
SELECT a.agency_id, (ARRAY['review', 'review', 'suit', 'suit_after_review'])[1 + floor(random() * 4)::int],
	f.filed_on, CASE WHEN f.days IS NOT NULL THEN (ARRAY['upheld', 'upheld', 'corrected', 'other'])[1 + floor(random() * 4)::int] END,
	f.filed_on + f.days
FROM govinfo.agency a
CROSS JOIN LATERAL generate_series(1, CASE a.code WHEN 'pingshan-land' THEN 30 WHEN 'pingshan-office' THEN 8 ELSE 3 END) AS i
CROSS JOIN LATERAL (SELECT DATE '2020-01-01' + floor(random() * 1096)::int AS filed_on,
	CASE WHEN random() < 0.85 THEN 30 + floor(random() * 90)::int END AS days WHERE i > 0) AS f
WHERE a.code IN ('pingshan-office', 'pingshan-land', 'pingshan-police', 'pingshan-edu');

INSERT INTO govinfo.decision_count (agency_id, kind, decided_on, n)
SELECT a.agency_id, k.kind, DATE '2021-01-01' + d, 1 + floor(random() * 3)::int
FROM govinfo.agency a, (VALUES ('licensing'), ('penalty'), ('coercion')) AS k(kind), generate_series(0, 364, 7) AS d
WHERE a.code IN ('pingshan-land', 'pingshan-police');

INSERT INTO govinfo.normative_document (agency_id, kind, title, doc_number, issued_on, abolished_on)
SELECT a.agency_id, 'normative', '平山县自然资源和规划局规范性文件 ' || i, '平自然资规〔' || (2018 + i % 4) || '〕' || i || '号',
	DATE '2018-03-01' + i * 97, CASE WHEN i % 5 = 0 THEN DATE '2018-03-01' + i * 97 + 700 END
FROM govinfo.agency a, generate_series(1, 12) AS i WHERE a.code = 'pingshan-land';

INSERT INTO govinfo.fee_receipt (agency_id, received_on, amount_yuan)
SELECT a.agency_id, DATE '2021-01-01' + floor(random() * 365)::int, round((50 + random() * 2000)::numeric, 2)
FROM govinfo.agency a, generate_series(1, 40) AS i WHERE a.code = 'pingshan-land';
