-- import_report, published_report, published_violations, adopt_published (0.5.0): documents made from
-- figures chosen here (test/lib/f2_document.sql writes them in family F2 with the official labels), so
-- every expectation is independent of the parser; the seed (a real report, family F1) on top.
\set seed `cat test/corpus/F1/pingshan-2021.txt`
BEGIN;
-- the figures operators (=) resolve through the search path, also inside pgTAP's is()
SET LOCAL search_path = public, govinfo;
\i test/lib/f2_document.sql
SELECT plan(69);

INSERT INTO govinfo.agency (code, name) VALUES
	('imp-pingshan', '平山镇'), ('imp-land-a', '某市自然资源局'), ('imp-land-b', '某市自然资源局'),
	('imp-water', '某县水利局'), ('imp-roads', '某县交通运输局');

-- balanced figures of a year; the year after carries row 4 over into row 2 (or not: 'broken')
CREATE TEMP TABLE fig (k text PRIMARY KEY, d govinfo.disclosure_figures, r govinfo.request_figures, a govinfo.appeal_figures);
INSERT INTO fig SELECT k, d::jsonb::govinfo.disclosure_figures, r::jsonb::govinfo.request_figures, a::jsonb::govinfo.appeal_figures FROM (VALUES
('y2022', '{"2.1.1": {"issued": 0, "abolished": 0, "in_force": 2}, "2.1.2": {"issued": 3, "abolished": 1, "in_force": 12},
   "2.5.1": {"decisions": 120}, "2.6.1": {"decisions": 45}, "2.6.2": {"decisions": 2}, "2.8.1": {"amount": 1.5}}',
 '{"format": "2021", "1": [10, 2, 0, 0, 1, 0, 13], "2": [1, 0, 0, 0, 0, 0, 1], "3.1": [5, 1, 0, 0, 0, 0, 6],
   "3.2": [2, 0, 0, 0, 0, 0, 2], "3.4.1": [2, 1, 0, 0, 1, 0, 4], "3.7": [9, 2, 0, 0, 1, 0, 12], "4": [2, 0, 0, 0, 0, 0, 2]}',
 '[1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]'),
('y2023', NULL::text,
 '{"format": "2021", "1": [20, 0, 0, 0, 0, 0, 20], "2": [2, 0, 0, 0, 0, 0, 2], "3.1": [20, 0, 0, 0, 0, 0, 20],
   "3.7": [20, 0, 0, 0, 0, 0, 20], "4": [2, 0, 0, 0, 0, 0, 2]}',
 '[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]'),
('broken2023', NULL,
 '{"format": "2021", "1": [20, 0, 0, 0, 0, 0, 21], "2": [3, 0, 0, 0, 0, 0, 3], "3.1": [21, 0, 0, 0, 0, 0, 21],
   "3.7": [21, 0, 0, 0, 0, 0, 21], "4": [2, 0, 0, 0, 0, 0, 2]}',
 '[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]')) v(k, d, r, a);
UPDATE fig SET d = (SELECT d FROM fig WHERE k = 'y2022') WHERE d IS NULL;
CREATE TEMP TABLE doc (k text PRIMARY KEY, body text);
INSERT INTO doc SELECT 'water2022', pg_temp.f2_document('某县水利局', 2022, d, r, a) FROM fig WHERE k = 'y2022';
INSERT INTO doc SELECT 'water2023', pg_temp.f2_document('某县水利局', 2023, d, r, a) FROM fig WHERE k = 'broken2023';
INSERT INTO doc SELECT 'land2022', pg_temp.f2_document('某市自然资源局', 2022, d, r, a) FROM fig WHERE k = 'y2022';
INSERT INTO doc SELECT 'roads2023', pg_temp.f2_document('某县交通运输局', 2023, d, r, a) FROM fig WHERE k = 'broken2023';
-- cut off in the middle of table 三
INSERT INTO doc SELECT 'roads-cut', left(body, strpos(body, '（四）无法提供') + 2) FROM doc WHERE k = 'water2022';

-- the documents parse back to the figures they were made from (the premise of the tests below)
SELECT is((govinfo.parse_report(body)).requests, (SELECT r FROM fig WHERE k = 'y2022'), 'a generated F2 document parses back to its table 三')
	FROM doc WHERE k = 'water2022';
SELECT is((govinfo.parse_report(body)).appeals, (SELECT a FROM fig WHERE k = 'y2022'), 'a generated F2 document parses back to its table 四')
	FROM doc WHERE k = 'water2022';

-- the seed: matched by its printed name, kept once
SELECT govinfo.import_report(:'seed', 'https://www.example.gov.cn/pingshan/2021.html') AS seed_id \gset
SELECT is(agency_id, govinfo.agency_id('imp-pingshan'), 'the seed is matched to the agency whose name is its printed name 平山镇')
	FROM govinfo.published_report WHERE id = :seed_id;
SELECT is(govinfo.import_report(:'seed', 'https://mirror.example.org/copy.html'), :seed_id::bigint,
	'the same document imported again returns the existing id');
SELECT is((SELECT count(*) FROM govinfo.published_report), 1::bigint, 'and writes nothing');
SELECT is(source_url, 'https://www.example.gov.cn/pingshan/2021.html', 'the first import''s source is kept')
	FROM govinfo.published_report WHERE id = :seed_id;
SELECT is(document_sha256, encode(sha256(convert_to(:'seed', 'UTF8')), 'hex'), 'document_sha256 is the SHA-256 of the document''s UTF-8 text')
	FROM govinfo.published_report WHERE id = :seed_id;
SELECT ok(complete AND year = 2021 AND format = '2021' AND layout = 'F1' AND document = :'seed', 'the seed is stored complete, 2021, F1, with its text')
	FROM govinfo.published_report WHERE id = :seed_id;

-- agency matching
SELECT govinfo.import_report(body) AS land_id FROM doc WHERE k = 'land2022' \gset
SELECT is(agency_id, NULL, 'a name two agencies share matches none') FROM govinfo.published_report WHERE id = :land_id;
SELECT results_eq('SELECT id, agency_name, year FROM govinfo.unmatched_published_reports',
	format('VALUES (%s::bigint, %L, 2022)', :land_id, '某市自然资源局'), 'unmatched_published_reports lists it');
SELECT govinfo.import_report(body, NULL, 'imp-water') AS water22 FROM doc WHERE k = 'water2022' \gset
SELECT is(agency_id, govinfo.agency_id('imp-water'), 'agency_code names the agency') FROM govinfo.published_report WHERE id = :water22;
SELECT throws_ok($$SELECT govinfo.import_report('某局2022年政府信息公开工作年度报告', NULL, 'no-such-agency')$$, '42704',
	'unknown agency "no-such-agency"', 'an unknown agency_code is refused');
SELECT is((SELECT count(*) FROM govinfo.published_report), 3::bigint, 'and nothing of it is written');

-- published_violations: the rules of the report itself
SELECT govinfo.import_report(body) AS roads23 FROM doc WHERE k = 'roads2023' \gset
SELECT results_eq(format($$SELECT rule, part, row_code, column_code, expected, actual FROM govinfo.published_violations
	WHERE published_report_id = %s ORDER BY rule, row_code, column_code$$, :roads23),
	$$VALUES ('P3-BALANCE', 3, '4', 'total', 3::numeric, 2::numeric), ('P3-COLUMN-TOTAL', 3, '1', 'total', 20::numeric, 21::numeric)$$,
	'a published report''s broken rules are listed with both numbers (row 1''s total, and the balance of the total column)');
-- P3-CARRY between two published years
SELECT govinfo.import_report(body) AS water23 FROM doc WHERE k = 'water2023' \gset
SELECT results_eq(format($$SELECT rule, row_code, column_code, expected, actual, compared_with FROM govinfo.published_violations
	WHERE published_report_id = %s AND rule = 'P3-CARRY' ORDER BY column_code$$, :water23),
	format($$VALUES ('P3-CARRY', '2', 'np', 2::numeric, 3::numeric, %L), ('P3-CARRY', '2', 'total', 2::numeric, 3::numeric, %L)$$,
		'published report ' || :water22 || ' of 2022', 'published report ' || :water22 || ' of 2022'),
	'P3-CARRY between consecutive published years, with both numbers and the report compared with');
SELECT is((SELECT count(*) FROM govinfo.published_violations WHERE published_report_id = :water22), 0::bigint,
	'a balanced published report has no violation');

-- adopt_published
SELECT lives_ok(format('SELECT govinfo.adopt_published(%s)', :water22), 'a complete, balanced published report is adopted');
SELECT ok(r.source = 'imported' AND r.format = '2021' AND r.requests = f.r AND r.appeals = f.a AND r.disclosures = f.d
		AND r.published_at IS NULL AND r.overview LIKE '2022年，某县水利局%',
	'it is stored as imported, with its figures and text, unpublished')
	FROM govinfo.annual_report r, fig f WHERE r.agency_id = govinfo.agency_id('imp-water') AND r.year = 2022 AND f.k = 'y2022';
SELECT throws_ok(format('SELECT govinfo.adopt_published(%s)', :water22), '23505', NULL, 'adopting it twice is refused (23505)');
SELECT throws_like(format('SELECT govinfo.adopt_published(%s)', :water23), '%P3-%', 'an unbalanced published report is refused naming the rule');
SELECT throws_ok(format('SELECT govinfo.adopt_published(%s)', :water23), '23514', NULL, 'with 23514');
SELECT is((SELECT count(*) FROM govinfo.annual_report WHERE agency_id = govinfo.agency_id('imp-water')), 1::bigint, 'and nothing is written');
SELECT throws_ok(format('SELECT govinfo.adopt_published(%s)', :land_id), '55000', NULL, 'a report matched to no agency is refused (55000)');
SELECT govinfo.import_report(body, NULL, 'imp-roads') AS cut FROM doc WHERE k = 'roads-cut' \gset
SELECT ok(NOT complete, 'a copy cut off in table 三 is incomplete') FROM govinfo.published_report WHERE id = :cut;
SELECT throws_ok(format('SELECT govinfo.adopt_published(%s)', :cut), '55000', NULL, 'an incomplete report is refused (55000)');
SELECT throws_ok('SELECT govinfo.adopt_published(-1)', '42704', NULL, 'an unknown id is refused (42704)');

-- P3-CARRY against a stored report: water's 2022 is now stored, its 2023 published copy disagrees
SELECT is((SELECT count(*) FROM govinfo.published_violations WHERE published_report_id = :water23 AND rule = 'P3-CARRY'
	AND compared_with = 'annual_report of 2022'), 2::bigint, 'P3-CARRY against the stored report of the year before');
-- the document of an agency-year with neither a stored report nor records is the imported one
SELECT ok(strpos(govinfo.render_report('imp-water', 2023, 'text'), '导入的已发布报告') > 0,
	'render_report of a year with only a published copy renders the imported report and says so');
SELECT is((govinfo.report_document('imp-water', 2023))->>'source', 'imported', 'report_document says imported');
INSERT INTO govinfo.annual_report (agency_id, year, requests, appeals)
	SELECT govinfo.agency_id('imp-roads'), 2023, r, a FROM fig WHERE k = 'y2023';
SELECT ok(strpos(govinfo.render_report('imp-roads', 2023, 'text'), '填报的报告') > 0,
	'a stored report of the same agency-year comes before its published copy');
SELECT ok(EXISTS (SELECT FROM pg_extension e, unnest(e.extconfig) c WHERE e.extname = 'govinfo' AND c = 'govinfo.published_report'::regclass),
	'published_report is dumped by pg_dump');

-- title and agency as printed (full-width parentheses, simplified); matched to an agency stored with
-- ASCII parentheses through agency_name_key; the audit entry leaves the raw document out
INSERT INTO govinfo.agency (code, name) VALUES ('imp-office', '某县人民政府办公室(县外事办)');
INSERT INTO doc SELECT 'office2022', pg_temp.f2_document('某縣人民政府辦公室（縣外事辦）', 2022, d, r, a) FROM fig WHERE k = 'y2022';
SELECT is((govinfo.parse_report(body)).agency_name, '某县人民政府办公室（县外事办）',
	'agency_name is printed: simplified characters, full-width parentheses kept') FROM doc WHERE k = 'office2022';
SELECT is((govinfo.parse_report(body)).title, '某县人民政府办公室（县外事办）2022年政府信息公开工作年度报告',
	'and so is the title') FROM doc WHERE k = 'office2022';
SELECT is(govinfo.agency_name_key('平山縣 （交通局）'), govinfo.agency_name_key('平山县(交通局)'),
	'agency_name_key: traditional/simplified, full-width/ASCII and spaces read the same');
SELECT is(govinfo.agency_name_key('平山縣 （交通局）'), '平山县(交通局)', 'agency_name_key is the simplified name, ASCII punctuation, no spaces');
SELECT govinfo.import_report(body) AS office_id FROM doc WHERE k = 'office2022' \gset
SELECT is(agency_id, govinfo.agency_id('imp-office'), 'a printed name matches an agency whose stored name differs only in its form')
	FROM govinfo.published_report WHERE id = :office_id;
SELECT ok(NOT (new_values ? 'document') AND new_values ->> 'document_sha256' = (SELECT document_sha256 FROM govinfo.published_report WHERE id = :office_id)
	AND key = jsonb_build_object('id', :office_id) AND new_values ->> 'title' LIKE '%（县外事办）%',
	'the audit entry of an import holds the row without its raw document, named by document_sha256')
	FROM govinfo.audit_log WHERE table_name = 'published_report' AND action = 'INSERT' AND (key ->> 'id')::bigint = :office_id;
-- 0.10.0: nor what parse_report read from it as text; the figures and the rest of the row are there
SELECT is((SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(new_values) k),
	(SELECT array_agg(attname::text ORDER BY attname) FROM pg_attribute WHERE attrelid = 'govinfo.published_report'::regclass
		AND attnum > 0 AND NOT attisdropped AND attname NOT IN ('document', 'overview', 'problems', 'other_matters', 'warnings')),
	'the audit entry of an import leaves out the document, parts 一/五/六 and the warnings, and keeps every other column')
	FROM govinfo.audit_log WHERE table_name = 'published_report' AND action = 'INSERT' AND (key ->> 'id')::bigint = :office_id;
SELECT is(new_values -> 'requests', to_jsonb((SELECT requests::text FROM govinfo.published_report WHERE id = :office_id)),
	'the audit entry of an import keeps the figures as published')
	FROM govinfo.audit_log WHERE table_name = 'published_report' AND action = 'INSERT' AND (key ->> 'id')::bigint = :office_id;
-- an UPDATE that changes a left-out column logs its old and new value; one that does not, leaves it out
UPDATE govinfo.published_report SET source_url = 'https://example.org/office-2022' WHERE id = :office_id;
SELECT ok(NOT (old_values ?| ARRAY['document', 'overview', 'problems', 'other_matters', 'warnings'])
	AND NOT (new_values ?| ARRAY['document', 'overview', 'problems', 'other_matters', 'warnings'])
	AND new_values ->> 'source_url' = 'https://example.org/office-2022' AND old_values -> 'source_url' = 'null',
	'an UPDATE of source_url logs the row without the document and its text parts')
	FROM govinfo.audit_log WHERE table_name = 'published_report' AND action = 'UPDATE' AND (key ->> 'id')::bigint = :office_id
	ORDER BY audit_id DESC LIMIT 1;
SELECT overview AS office_overview FROM govinfo.published_report WHERE id = :office_id \gset
UPDATE govinfo.published_report SET overview = overview || '（更正）', problems = NULL WHERE id = :office_id;
SELECT ok(old_values ->> 'overview' = :'office_overview' AND new_values ->> 'overview' = :'office_overview' || '（更正）'
	AND old_values ? 'problems' AND new_values -> 'problems' = 'null'
	AND NOT (new_values ?| ARRAY['document', 'other_matters', 'warnings']) AND NOT (old_values ?| ARRAY['document', 'other_matters', 'warnings']),
	'an UPDATE of parts 一 and 五 logs their old and new values, and still leaves out the unchanged document, part 六 and warnings')
	FROM govinfo.audit_log WHERE table_name = 'published_report' AND action = 'UPDATE' AND (key ->> 'id')::bigint = :office_id
	ORDER BY audit_id DESC LIMIT 1;
UPDATE govinfo.published_report SET document = document || ' ' WHERE id = :office_id;
SELECT ok(old_values ? 'document' AND new_values ->> 'document' = old_values ->> 'document' || ' ' AND NOT (new_values ? 'overview'),
	'an UPDATE of the raw document logs it')
	FROM govinfo.audit_log WHERE table_name = 'published_report' AND action = 'UPDATE' AND (key ->> 'id')::bigint = :office_id
	ORDER BY audit_id DESC LIMIT 1;

-- 0.7.0 (import_report in C): a document twice in one INSERT … SELECT is stored once, both calls return its id
CREATE TEMP TABLE dup_ids (n int, id bigint);
INSERT INTO dup_ids SELECT n, govinfo.import_report(pg_temp.f2_document(CASE WHEN n = 3 THEN '某县教育局' ELSE '某县卫生局' END, 2022, d, r, a))
	FROM fig, generate_series(1, 3) n WHERE k = 'y2022';
SELECT is((SELECT count(DISTINCT id) FROM dup_ids), 2::bigint, 'one INSERT … SELECT of a document twice and another once returns two ids');
SELECT is((SELECT a.id FROM dup_ids a WHERE a.n = 1), (SELECT b.id FROM dup_ids b WHERE b.n = 2), 'the repeated document gets the first one''s id');
SELECT is((SELECT count(*) FROM govinfo.published_report WHERE agency_name IN ('某县卫生局', '某县教育局')), 2::bigint, 'and is stored once');
SELECT is((SELECT count(*) FROM govinfo.audit_log WHERE table_name = 'published_report' AND (key ->> 'id')::bigint IN (SELECT id FROM dup_ids)),
	2::bigint, 'one audit entry per row stored');
SELECT throws_ok('SELECT govinfo.import_report(NULL)', '23502', NULL, 'a NULL document is refused by NOT NULL (23502)');
-- the large columns are compressed with lz4 when the server has it
SELECT is((SELECT array_agg(attname::text ORDER BY attname) FROM pg_attribute
		WHERE attrelid IN ('govinfo.published_report'::regclass, 'govinfo.audit_log'::regclass) AND attcompression = 'l'),
	CASE WHEN EXISTS (SELECT FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals))
		THEN ARRAY['document', 'new_values', 'old_values', 'other_matters', 'overview', 'problems', 'warnings'] END,
	'document, parts 一/五/六, warnings and the audit''s rows use lz4 (when the server has it)');
-- row-level security: an editor imports its agency's reports, not another agency's
CREATE ROLE govinfo_t_imp_editor;
DO $$ BEGIN PERFORM govinfo.grant_access('govinfo_t_imp_editor', 'imp-water', 'edit'); END $$;
SELECT pg_temp.f2_document('某县水利局', 2021, d, r, a) AS water21, pg_temp.f2_document('某县交通运输局', 2021, d, r, a) AS roads21
	FROM fig WHERE k = 'y2022' \gset
SET LOCAL ROLE govinfo_t_imp_editor;
SELECT govinfo.import_report(:'water21') AS water21_id \gset
SELECT throws_ok(format('SELECT govinfo.import_report(%L)', :'roads21'), '42501', NULL,
	'an editor cannot import another agency''s report (row-level security, 42501)');
-- 0.10.0: nor file it under its own agency with agency_code (the SHA-256 is unique: the named agency could
-- not import its own report any more); a document naming no agency, or its own, it may file so
SELECT throws_ok(format('SELECT govinfo.import_report(%L, NULL, %L)', :'roads21', 'imp-water'), '42501',
	'document names agency 某县交通运输局, not the agency of agency_code',
	'an editor cannot file a report naming another agency under its own agency_code (42501)');
SELECT govinfo.import_report(:'water21' || ' ', NULL, 'imp-water') AS own_id,
	govinfo.import_report(replace(:'roads21', '某县交通运输局', '某县交通运输管理所'), NULL, 'imp-water') AS unnamed_id \gset
SELECT is((SELECT agency_id FROM govinfo.published_report WHERE id = :own_id),
	govinfo.agency_id('imp-water'), 'an editor files a report naming its own agency under its agency_code');
SELECT is((SELECT agency_id FROM govinfo.published_report WHERE id = :unnamed_id),
	govinfo.agency_id('imp-water'), 'and a report whose printed name designates no agency');
RESET ROLE;
SELECT is(agency_id, govinfo.agency_id('imp-water'), 'an editor imports its agency''s report') FROM govinfo.published_report WHERE id = :water21_id;
SELECT govinfo.import_report(:'roads21' || ' ', NULL, 'imp-water') AS owner_filed_id \gset
SELECT is((SELECT agency_id FROM govinfo.published_report WHERE id = :owner_filed_id),
	govinfo.agency_id('imp-water'), 'the owner of govinfo''s tables files a document under any agency');
SELECT is(imported_by, 'govinfo_t_imp_editor'::name, 'imported_by is the editor') FROM govinfo.published_report WHERE id = :water21_id;
SELECT is(current_user_name, 'govinfo_t_imp_editor'::name, 'the audit entry of the import names the editor')
	FROM govinfo.audit_log WHERE table_name = 'published_report' AND action = 'INSERT' AND (key ->> 'id')::bigint = :water21_id;

-- 0.9.0: the printed name is matched in the agency tree each backend keeps (no query per call): an exact name
-- before a key match, none when several agencies share the key, a rename seen in the same transaction
INSERT INTO govinfo.agency (code, name) VALUES
	('imp-sea-a', '某县海洋局（渔业局）'), ('imp-sea-b', '某县海洋局(渔业局)'),
	('imp-forest-a', '某县林业局(林场)'), ('imp-forest-b', '某县林业局 (林场)');
SELECT govinfo.import_report(pg_temp.f2_document('某县海洋局（渔业局）', 2022, d, r, a)) AS sea_id FROM fig WHERE k = 'y2022' \gset
SELECT is(agency_id, govinfo.agency_id('imp-sea-a'), 'the agency whose name is exactly the printed name, though another has the same key')
	FROM govinfo.published_report WHERE id = :sea_id;
SELECT govinfo.import_report(pg_temp.f2_document('某县林业局（林场）', 2022, d, r, a)) AS forest_id FROM fig WHERE k = 'y2022' \gset
SELECT is(agency_id, NULL, 'no agency with the exact name and two with its key: none')
	FROM govinfo.published_report WHERE id = :forest_id;
UPDATE govinfo.agency SET name = '某县草原局' WHERE code = 'imp-forest-b';
SELECT govinfo.import_report(pg_temp.f2_document('某县林业局（林场）', 2021, d, r, a)) AS forest21_id FROM fig WHERE k = 'y2022' \gset
SELECT is(agency_id, govinfo.agency_id('imp-forest-a'), 'after one is renamed in the same transaction, the one left with the key')
	FROM govinfo.published_report WHERE id = :forest21_id;
INSERT INTO govinfo.agency (code, name) VALUES ('imp-forest-c', '某县林业局（林场）');
SELECT govinfo.import_report(pg_temp.f2_document('某县林业局（林场）', 2024, d, r, a)) AS forest20_id FROM fig WHERE k = 'y2022' \gset
SELECT is(agency_id, govinfo.agency_id('imp-forest-c'), 'an agency added in the same transaction with the exact name')
	FROM govinfo.published_report WHERE id = :forest20_id;

-- matching a printed name reads agency: a role that may not is refused as by a query of it
CREATE ROLE govinfo_t_imp_noagency;
GRANT USAGE ON SCHEMA govinfo TO govinfo_t_imp_noagency;
GRANT SELECT, INSERT ON govinfo.published_report TO govinfo_t_imp_noagency;
GRANT EXECUTE ON FUNCTION govinfo.import_report(text, text, text) TO govinfo_t_imp_noagency;
SELECT pg_temp.f2_document('某县海洋局（渔业局）', 2021, d, r, a) AS sea21 FROM fig WHERE k = 'y2022' \gset
SET LOCAL ROLE govinfo_t_imp_noagency;
SELECT throws_ok(format('SELECT govinfo.import_report(%L)', :'sea21'), '42501',
	'permission denied for table agency', 'a role without SELECT on agency cannot have a printed name matched (42501)');
RESET ROLE;

-- document_sha256 is 64 lower-case hex digits (the CHECK is spelled without a regex repetition in 0.9.0)
SELECT throws_ok(format($$INSERT INTO govinfo.published_report (document_sha256, document, complete, layout) VALUES (%L, 'x', false, 'none')$$, v),
		'23514', 'new row for relation "published_report" violates check constraint "published_report_sha256_hex"', d)
	FROM (VALUES (upper(repeat('ab', 32)), 'upper-case hex digits are refused'), (repeat('a', 63), '63 digits are refused'),
		(repeat('a', 63) || 'g', 'a character outside 0-9a-f is refused'), (repeat('a', 64) || E'\n', 'a trailing line break is refused')) t(v, d);

-- 0.10.0: a hybrid report (2021 or later, （六） printed as one row: format '2019', part 二 in the 2021 layout)
-- is kept; part 二 in another format than part 三's is refused otherwise
CREATE FUNCTION pg_temp.published_row(fmt text, yr integer, d2 text) RETURNS void LANGUAGE sql AS $$
	INSERT INTO govinfo.published_report (agency_name, year, format, document_sha256, document, disclosures, requests, complete, layout)
	VALUES ('某县某局', yr, fmt, md5(fmt || yr || d2) || md5(d2 || yr || fmt), fmt || yr || d2,
		jsonb_build_object('format', d2)::govinfo.disclosure_figures, jsonb_build_object('format', fmt)::govinfo.request_figures, false, 'F2')
$$;
SELECT lives_ok($$SELECT pg_temp.published_row('2019', 2024, '2021')$$, 'a hybrid report of 2024 (part 三 2019, part 二 2021) is kept');
SELECT throws_ok($$SELECT pg_temp.published_row('2019', 2020, '2021')$$, '23514', NULL,
	'a 2020 report with part 二 in the 2021 layout beside a 2019 part 三 is refused (23514)');
SELECT throws_ok($$SELECT pg_temp.published_row('2021', 2022, '2019')$$, '23514', NULL,
	'a 2019 part 二 beside a 2021 part 三 is refused (23514)');
SELECT lives_ok($$SELECT pg_temp.published_row('2019', 2020, '2019')$$, 'a 2020 report in the trial format is kept');

SELECT * FROM finish();
ROLLBACK;
