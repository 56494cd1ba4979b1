-- pgTAP: govinfo.parse_report on the edges of three rules, from corpus documents changed in SQL:
-- a row per line whose cells are separated by single tabs is F2, while runs of tabs (or tabs beside
-- spaces) align columns (F4) and read the same figures; a regional extra row with a full row of
-- values is unknown_row in an F2 table and is taken for no row, and in an F4 table (where such a line
-- may be a wrapped label's tail) it is not warned of and still taken for no row; a 受理 sentence
-- contradicts table 三 only when its number is neither row 一's 总计 nor 一 + 二.
BEGIN;
SET search_path = govinfo, public;
SELECT plan(17);

\set tabs `cat test/corpus/F2/f2-hedong-gxj-2022.txt`
\set spaces `cat test/corpus/F2/f2-hongyan-zhen-2022.txt`
\set extra `cat test/corpus/F2/f2-nanhu-jd-2023.txt`
\set f4 `cat test/corpus/F4/f4-qingyun-sfj-2021.txt`
\set accepted `cat test/corpus/F2/f2-lianhua-mzj-2022.txt`

CREATE TEMP TABLE t AS
SELECT v, r.*
FROM (VALUES
	('tabs', :'tabs'),
	('tab runs', replace(:'tabs', E'\t', E'\t\t')),
	('tab and space', replace(:'tabs', E'\t', E'\t ')),
	('spaces', :'spaces'),
	('extra', :'extra'),
	('no extra', regexp_replace(:'extra', E'其中：通过互联网提交申请[^\n]*\n', '')),
	('extra doubled', regexp_replace(:'extra', E'([^\n]*\n)', E'\\1\\1', 'g')),
	('extra short', replace(:'extra', '其中：通过互联网提交申请 | 9 | 1 | 0 | 0 | 0 | 0 | 10 |',
		'其中：通过互联网提交申请 | 9 | 1 | 0 | 0 | 0 | 0 |')),
	('f4', :'f4'),
	('f4 extra', regexp_replace(:'f4', E'(\n   一、本年新收[^\n]*)',
		E'\\1\n   其中：通过互联网提交申请                          9      1      0      0      0      0     10')),
	('accepted 9', :'accepted'),
	('accepted 6', replace(:'accepted', '申请 9 件', '申请 6 件')),
	('accepted 7', replace(:'accepted', '申请 9 件', '申请 7 件')),
	('accepted 5', replace(:'accepted', '申请 9 件', '申请 5 件'))) AS x(v, d),
	LATERAL parse_report(d) AS r;

CREATE FUNCTION pg_temp.codes(text) RETURNS text[] LANGUAGE sql AS
	$$ SELECT coalesce(array_agg(DISTINCT w ->> 'code' ORDER BY w ->> 'code'), '{}')
	   FROM pg_temp.t, jsonb_array_elements(warnings) w WHERE v = $1 $$;

-- separators
SELECT is((SELECT layout FROM t WHERE v = 'tabs'), 'F2', 'cells separated by single tabs: F2');
SELECT is((SELECT layout FROM t WHERE v = 'spaces'), 'F2', 'cells separated by single spaces, a row per line: F2');
SELECT is((SELECT layout FROM t WHERE v = 'tab runs'), 'F4', 'cells separated by runs of two tabs: aligned columns, F4');
SELECT is((SELECT layout FROM t WHERE v = 'tab and space'), 'F4', 'a tab and a space between cells: aligned columns, F4');
SELECT is((SELECT requests::text FROM t WHERE v = 'tab runs'), (SELECT requests::text FROM t WHERE v = 'tabs'),
	'runs of tabs: table 三 read as with single tabs');
SELECT is((SELECT disclosures::text FROM t WHERE v = 'tab and space'), (SELECT disclosures::text FROM t WHERE v = 'tabs'),
	'a tab and a space: table 二 read as with single tabs');

-- the extra row
SELECT is((SELECT w ->> 'message' FROM t, jsonb_array_elements(warnings) w
		WHERE v = 'extra' AND w ->> 'code' = 'unknown_row'),
	'values printed after "其中:通过互联网提交申请", which is no row of part 三', 'F2 extra row: unknown_row names the text and the part');
SELECT is((SELECT (w ->> 'part')::int FROM t, jsonb_array_elements(warnings) w
		WHERE v = 'extra' AND w ->> 'code' = 'unknown_row'), 3, 'F2 extra row: the warning is about part 三');
SELECT is((SELECT requests::text FROM t WHERE v = 'extra'), (SELECT requests::text FROM t WHERE v = 'no extra'),
	'F2 extra row: its values are taken for no row (table 三 as without it)');
SELECT is(pg_temp.codes('no extra'), '{}'::text[], 'F2 without the extra row: no warning');
SELECT is((SELECT count(*) FROM t, jsonb_array_elements(warnings) w WHERE v = 'extra doubled' AND w ->> 'code' = 'unknown_row'),
	1::bigint, 'F2 extra row in a copy that doubled every line: warned of once');
SELECT is((SELECT requests::text FROM t WHERE v = 'extra short'), (SELECT requests::text FROM t WHERE v = 'no extra'),
	'F2 extra row with six values: taken for no row either');
SELECT ok(NOT 'unknown_row' = ANY (pg_temp.codes('f4 extra')),
	'F4: an unknown line with a row of values is not warned of (it may be a wrapped label''s tail)');
SELECT is((SELECT requests::text FROM t WHERE v = 'f4 extra'), (SELECT requests::text FROM t WHERE v = 'f4'),
	'F4: the values of the unknown line are taken for no row');

-- 受理 (table 三: 一 新收 6, 二 上年结转 1)
SELECT is(pg_temp.codes('accepted 9'), '{text_contradicts_table}'::text[], '受理 9: neither 一 (6) nor 一 + 二 (7)');
SELECT is(pg_temp.codes('accepted 6') || pg_temp.codes('accepted 7'), '{}'::text[], '受理 6 (一) or 7 (一 + 二): consistent');
SELECT is(pg_temp.codes('accepted 5'), '{text_contradicts_table}'::text[], '受理 5: contradicts');

SELECT * FROM finish();
ROLLBACK;
