-- pgTAP: govinfo.parse_report — the seed (F1) parses exactly against its expected figures (an
-- independent file), a row-per-line copy (F2) with a 2019-style (六) row, an amount in 元 and a
-- contradicting narrative, a crawler's one-line dump (F6), truncated and de-duplicated copies (F8),
-- and bad input (empty, not a report, a megabyte of digits, the size limit).
BEGIN;
SET search_path = govinfo, public;
SELECT plan(40);

\set seed `cat test/corpus/F1/pingshan-2021.txt`
\set exp `cat test/data/pingshan-2021.expected.json`
\set f2 `cat test/data/parse/f2-tiny-2022.txt`
\set f6 `cat test/data/parse/f6-tiny-2022.txt`

CREATE TEMP TABLE seed AS SELECT (parse_report(:'seed')).*;
CREATE TEMP TABLE exp AS SELECT :'exp'::jsonb AS j;

-- the seed, figure by figure against pingshan-2021.expected.json
SELECT is((SELECT requests::jsonb FROM seed), (SELECT (j -> 'part3') || '{"format": "2021"}' FROM exp),
	'seed: every figure of table 三 as expected, 3.6.2 and 3.6.3 blank');
SELECT is((SELECT appeals::jsonb FROM seed), (SELECT j -> 'part4' FROM exp), 'seed: table 四 as expected');
SELECT is((SELECT disclosures::jsonb FROM seed), (SELECT (j -> 'part2') || '{"format": "2021"}' FROM exp),
	'seed: table 二 as expected (行政处罚 24, 行政强制 1)');
SELECT is((SELECT cell(requests, '3.6.2', 'total') FROM seed), NULL, 'seed: a blank cell stays blank, not 0');
SELECT is((SELECT year FROM seed), 2021, 'seed: year');
SELECT is((SELECT format FROM seed), '2021', 'seed: format');
SELECT is((SELECT agency_name FROM seed), '平山镇', 'seed: agency as printed, simplified, pinyin dropped');
SELECT is((SELECT title FROM seed), '平山镇2021年政府信息公开工作年度报告', 'seed: title');
SELECT is((SELECT published_on FROM seed), (SELECT (j ->> 'published_on')::date FROM exp), 'seed: published_on, the date under the signature');
SELECT ok((SELECT overview LIKE '(一)加强组织领导,健全工作机制%' FROM seed), 'seed: part 一 from its first line');
SELECT ok((SELECT overview NOT LIKE '%二、主动公开%' FROM seed), 'seed: part 一 stops at part 二');
SELECT ok((SELECT problems LIKE '1.信息公开面对社会宣传力度不够%提高信息工作人员的业务水平。' FROM seed), 'seed: part 五, simplified');
SELECT is((SELECT other_matters FROM seed), '无。', 'seed: part 六 without the signature');
SELECT is((SELECT complete FROM seed), true, 'seed: complete');
SELECT is((SELECT layout FROM seed), 'F1', 'seed: layout F1');
SELECT is((SELECT array_agg(DISTINCT w ->> 'code') FROM seed, jsonb_array_elements(warnings) w), ARRAY['label_variant'],
	'seed: the one warning is the label typo 补证');
SELECT is((SELECT w ->> 'row_code' FROM seed, jsonb_array_elements(warnings) w), '3.6.1', 'seed: the typo is in row 3.6.1');

-- F2: a row per line
CREATE TEMP TABLE f2 AS SELECT (parse_report(:'f2')).*;
SELECT is((SELECT format FROM f2), '2019', 'F2: (六)其他处理 printed as one row gives the 2019 format');
SELECT is((SELECT cell(requests, '3.6', 'total') FROM f2), 1, 'F2: row 3.6 read, no 3.6.x invented');
SELECT is((SELECT requests::text FROM f2),
	'2019|1:12,0,1,0,0,0,13|2:1,0,0,0,0,0,1|3.1:5,0,0,0,0,0,5|3.2:1,0,0,0,0,0,1|3.3.1:0,0,0,0,0,0,0|3.3.2:0,0,0,0,0,0,0|3.3.3:0,0,0,0,0,0,0|3.3.4:0,0,0,0,0,0,0|3.3.5:0,0,0,0,0,0,0|3.3.6:0,0,0,0,0,0,0|3.3.7:0,0,0,0,0,0,0|3.3.8:0,0,0,0,0,0,0|3.4.1:3,0,1,0,0,0,4|3.4.2:0,0,0,0,0,0,0|3.4.3:0,0,0,0,0,0,0|3.5.1:0,0,0,0,0,0,0|3.5.2:0,0,0,0,0,0,0|3.5.3:0,0,0,0,0,0,0|3.5.4:0,0,0,0,0,0,0|3.5.5:0,0,0,0,0,0,0|3.6:1,0,0,0,0,0,1|3.7:10,0,1,0,0,0,11|4:3,0,0,0,0,0,3',
	'F2: table 三 exactly');
SELECT is((SELECT appeals::text FROM f2), 'review:1,0,0,0,1|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0', 'F2: table 四');
SELECT is((SELECT cell(disclosures, '2.8.1', 'amount') FROM f2), 25.1::numeric, 'F2: 251000元 is 25.1 万元');
SELECT is((SELECT cell(disclosures, '2.6.2', 'decisions') FROM f2), NULL, 'F2: "/" is blank');
SELECT is((SELECT cell(disclosures, '2.1.2', 'in_force') FROM f2), 5::numeric, 'F2: 行政规范性文件 现行有效 5');
SELECT is((SELECT array_agg(DISTINCT w ->> 'code' ORDER BY w ->> 'code') FROM f2, jsonb_array_elements(warnings) w),
	ARRAY['amount_in_yuan', 'hybrid_format', 'text_contradicts_table'], 'F2: warnings');
SELECT is((SELECT (published_on, agency_name, year, complete, layout)::text FROM f2),
	'(2023-01-20,某县统计局,2022,t,F2)', 'F2: date, agency, year, complete, layout');

-- F6: a crawler's dump, the body on one line
CREATE TEMP TABLE f6 AS SELECT (parse_report(:'f6')).*;
SELECT is((SELECT cell(requests, '1', 'np') FROM f6), 2, 'F6: run 2000002 split');
SELECT is((SELECT cell(requests, '3.7', 'total') FROM f6), 2, 'F6: (七)总计 after its run');
SELECT is((SELECT cell(requests, '3.4.2', 'total') FROM f6), 0, 'F6: a run that swallowed the numbering 2. of the next label');
SELECT is((SELECT appeals::text FROM f6), 'review:1,0,0,0,1|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0', 'F6: part 四 as one run of 15');
SELECT is((SELECT (published_on, title, layout, complete, format)::text FROM f6),
	'(2023-01-15,某镇人民政府2022年政府信息公开工作年度报告,F6,t,2021)', 'F6: header date and title, layout, complete');

-- F8: truncated in part 三, and a copy whose repeated lines were removed
CREATE TEMP TABLE cut AS SELECT (parse_report(left(:'seed', strpos(:'seed', '(四)無法提供')))).*;
SELECT is((SELECT (complete, layout, appeals IS NULL)::text FROM cut), '(f,F8,t)', 'truncated: incomplete, F8, no table 四');
SELECT ok((SELECT warnings @> '[{"code": "truncated"}]' FROM cut), 'truncated: warned');
CREATE TEMP TABLE dedup AS
	SELECT (parse_report((SELECT string_agg(l, E'\n' ORDER BY n) FROM (
		SELECT l, min(n) AS n FROM regexp_split_to_table(:'seed', E'\n') WITH ORDINALITY AS t(l, n) GROUP BY l) s))).*;
SELECT is((SELECT (complete, layout)::text FROM dedup), '(f,F8)', 'de-duplicated copy: incomplete, F8');
SELECT ok((SELECT warnings @> '[{"code": "lossy_copy"}]' FROM dedup), 'de-duplicated copy: lossy_copy');
SELECT ok((SELECT cell(requests, '3.7', 'total') IS NULL AND cell(requests, '4', 'np') IS NULL FROM dedup),
	'de-duplicated copy: the zeros that were not read stay blank');

-- bad input
SELECT is((SELECT (complete, layout, warnings -> 0 ->> 'code')::text FROM parse_report('')), '(f,none,not_a_report)', 'empty document');
SELECT is((SELECT (complete, warnings -> 0 ->> 'code')::text FROM parse_report('hello, world')), '(f,not_a_report)', 'not a report');
SET LOCAL statement_timeout = '5s';
SELECT is((SELECT complete FROM parse_report('三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量' || repeat('7', 1000000))), false,
	'a megabyte run of digits returns promptly, incomplete');
RESET statement_timeout;
SELECT throws_ok($$SELECT parse_report(repeat('x', 8 * 1024 * 1024 + 1))$$, '54000', NULL, 'over the size limit: 54000');

SELECT * FROM finish();
ROLLBACK;
