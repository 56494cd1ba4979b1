-- pgTAP: govinfo.parse_report drops a 序号 column (at least four lines of a table region starting
-- with 1, 2, 3 … before their labels) and an annotation in parentheses after a number in its cell,
-- and keeps today's reading (blank cells, columns_unrecoverable) whenever the numbering is not such a
-- run: starting at 2, only three numbered rows, a gap in the numbers; an annotation without text
-- ("17(5)") is not dropped.
BEGIN;
SET search_path = govinfo, public;
SELECT plan(12);

\set xuhao `cat test/corpus/F2/f2-xuhao-shuangqiao-xiang-2022.txt`
\set annot `cat test/corpus/F2/f2-annot-hengshan-rsj-2023.txt`

CREATE TEMP TABLE t AS
SELECT v, r.*
FROM (VALUES
	('xuhao', :'xuhao'),
	('plain', regexp_replace(:'xuhao', E'\n[0-9]+ \\| ', E'\n', 'g')),
	('from 2', regexp_replace(:'xuhao', E'\n1 \\| ', E'\n')),
	('three', regexp_replace(:'xuhao', E'\n([4-9]|[12][0-9]) \\| ', E'\n', 'g')),
	('four', regexp_replace(:'xuhao', E'\n([5-9]|[12][0-9]) \\| ', E'\n', 'g')),
	('gap', regexp_replace(:'xuhao', E'\n4 \\| ', E'\n')),
	('tabs', regexp_replace(replace(:'xuhao', ' | ', E'\t'), E'\t\n', E'\n', 'g')),
	('annot', :'annot'),
	('no annot', replace(:'annot', '17（其中网上申请5）', '17')),
	('annot no text', replace(:'annot', '17（其中网上申请5）', '17（5）'))) AS x(v, d),
	LATERAL parse_report(d) AS r;

CREATE FUNCTION pg_temp.codes(text) RETURNS text[] LANGUAGE sql AS
	$$ SELECT coalesce(array_agg(DISTINCT w ->> 'code' ORDER BY w ->> 'code'), '{}')
	   FROM pg_temp.t, jsonb_array_elements(warnings) w WHERE v = $1 $$;

SELECT is((SELECT requests::text FROM t WHERE v = 'xuhao'), (SELECT requests::text FROM t WHERE v = 'plain'),
	'序号 1 … 25 before every row: table 三 read as without them');
SELECT is(pg_temp.codes('xuhao'), '{}'::text[], '序号 column: no warning');
SELECT is((SELECT requests::text FROM t WHERE v = 'tabs'), (SELECT requests::text FROM t WHERE v = 'plain'),
	'序号 column in a tab-separated copy: read the same');
SELECT is((SELECT requests::text FROM t WHERE v = 'four'), (SELECT requests::text FROM t WHERE v = 'plain'),
	'only rows 1 to 4 numbered: a run of four, dropped');
SELECT ok('columns_unrecoverable' = ANY (pg_temp.codes('from 2')) AND
	(SELECT requests::text FROM t WHERE v = 'from 2') <> (SELECT requests::text FROM t WHERE v = 'plain'),
	'numbering from 2: not a 序号 column, rows not recovered (no number dropped)');
SELECT ok('columns_unrecoverable' = ANY (pg_temp.codes('three')),
	'only rows 1 to 3 numbered: too short a run, kept as read');
SELECT ok('columns_unrecoverable' = ANY (pg_temp.codes('gap')),
	'numbering 1, 2, 3, 5 …: no run of four from 1, kept as read');

SELECT is((SELECT requests::text FROM t WHERE v = 'annot'), (SELECT requests::text FROM t WHERE v = 'no annot'),
	'17（其中网上申请5）: the cell reads 17, the annotation''s 5 is no value');
SELECT is(pg_temp.codes('annot'), '{cell_annotation}'::text[], 'annotation: cell_annotation only (no unknown_row)');
SELECT is((SELECT w ->> 'row_code' FROM t, jsonb_array_elements(warnings) w WHERE v = 'annot'), '3.1',
	'cell_annotation names row 3.1');
SELECT is(pg_temp.codes('no annot'), '{}'::text[], 'without the annotation: no warning');
SELECT ok(NOT 'cell_annotation' = ANY (pg_temp.codes('annot no text')) AND
	(SELECT requests::text FROM t WHERE v = 'annot no text') <> (SELECT requests::text FROM t WHERE v = 'no annot'),
	'17（5）: no text in the parentheses, not taken for an annotation (row not read as 17)');

SELECT * FROM finish();
ROLLBACK;
