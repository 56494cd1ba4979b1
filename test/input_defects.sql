-- pgTAP: defects in input and arithmetic — a number before an applicant or outcome label that
-- contradicts it, white space and underscores inside labels, every count that would pass INT32_MAX
-- (aggregates, their final function, +, complete()), request_figures_agg_final given a value no
-- aggregate makes, and spans_rows() given years beyond integer.
BEGIN;
SET search_path = govinfo, public;
\ir lib/errors.sql
SELECT plan(52);

------------------------------------------------------------------------------
-- Labels: a number may be left out, but a number that contradicts the label is 22P02 naming both
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT '（二）予以公开'::govinfo.outcome$$, '22P02',
	'number "（二）" does not match outcome 3.1 "（一）予以公开"', 'outcome: （二） before the label of 3.1');
SELECT throws_ok($$SELECT '（一）部分公开'::govinfo.outcome$$, '22P02',
	'number "（一）" does not match outcome 3.2 "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"',
	'outcome: （一） before the label of 3.2');
SELECT throws_ok($$SELECT '9.予以公开'::govinfo.outcome$$, '22P02',
	'number "9." does not match outcome 3.1 "（一）予以公开"', 'outcome: 9. before the label of 3.1');
SELECT throws_ok($$SELECT '（三）2.其他'::govinfo.outcome$$, '22P02',
	'number "（三）2." does not match outcome 3.6.3 "（六）3.其他"', 'outcome: （三）2. before 其他 (3.6.3) names both');
SELECT is(pg_temp.err_detail($$SELECT '（三）2.其他'::govinfo.outcome$$),
	'"（三）2.其他" names outcome 3.6.3 by its label; a label may leave out its number, but a number it has must be the label''s own.',
	'outcome: the detail quotes the input');
SELECT throws_ok($$SELECT '（三）1.其他法律行政法规禁止公开'::govinfo.outcome$$, '22P02',
	'number "（三）1." does not match outcome 3.3.2 "（三）2.其他法律行政法规禁止公开"', 'outcome: right group, wrong item');
SELECT throws_ok($$SELECT '(四)1.属于国家秘密'::govinfo.outcome$$, '22P02',
	'number "(四)1." does not match outcome 3.3.1 "（三）1.属于国家秘密"', 'outcome: wrong group, right item, ASCII brackets');
SELECT throws_ok($$SELECT '（一）1.予以公开'::govinfo.outcome$$, '22P02', NULL, 'outcome: 3.1 has no item number under （一）');
SELECT throws_ok($$SELECT '1.自然人'::govinfo.applicant$$, '22P02',
	'number "1." does not match applicant np "自然人"', 'applicant: the labels have no number');
SELECT throws_ok($$SELECT '（二）商业企业'::govinfo.applicant$$, '22P02', NULL, 'applicant: a bracketed number is refused too');

SELECT is('（一）予以公开'::outcome::text, '3.1', 'outcome: its own number');
SELECT is('(1)予以公开'::outcome::text, '3.1', 'outcome: (1) is （一）');
SELECT is('1.予以公开'::outcome::text, '3.1', 'outcome: 1. is （一） for rows 3.1 … 3.2');
SELECT is('（六）3.其他'::outcome::text, '3.6.3', 'outcome: group and item number');
SELECT is('（六）其他'::outcome::text, '3.6.3', 'outcome: the group number alone');
SELECT is('3、其他'::outcome::text, '3.6.3', 'outcome: item number with 、');
SELECT is(' （三） 2． 其他法律行政法规禁止公开 '::outcome::text, '3.3.2', 'outcome: spaces and full-width period in the number');

-- white space between the characters of a Chinese label is dropped; underscores are not
SELECT is(E'予以\n公开'::outcome::text, '3.1', 'outcome: a label broken across lines');
SELECT is(E'（二）部分公开（区分处理的，只计这一情形，\r\n不计其他情形）'::outcome::text, '3.2', 'outcome: a long label broken across lines');
SELECT is(E'科研机\n构'::applicant::text, 'res', 'applicant: a line break between characters');
SELECT is('社会　公益组织'::applicant::text, 'npo', 'applicant: an ideographic space (U+3000)');
SELECT throws_ok($$SELECT '科研机_构'::govinfo.applicant$$, '22P02', 'invalid input syntax for type applicant: "科研机_构"',
	'applicant: an underscore inside a label');
SELECT throws_ok($$SELECT '予以_公开'::govinfo.outcome$$, '22P02', 'invalid input syntax for type outcome: "予以_公开"',
	'outcome: an underscore inside a label');
SELECT throws_ok($$SELECT '_自然人'::govinfo.applicant$$, '22P02', NULL, 'applicant: a leading underscore');
-- English names: words are separated by spaces, underscores or line breaks, but not split
SELECT is(E'natural\nperson'::applicant::text, 'np', 'applicant: English words across a line break');
SELECT is('Natural__Person'::applicant::text, 'np', 'applicant: English words separated by underscores');
SELECT is('  state  secret '::outcome::text, '3.3.1', 'outcome: English words separated by several spaces');
SELECT throws_ok($$SELECT 'natu ral person'::govinfo.applicant$$, '22P02', NULL, 'applicant: a space inside an English word');
SELECT throws_ok($$SELECT 'naturalperson'::govinfo.applicant$$, '22P02', NULL, 'applicant: English words run together');
SELECT throws_like($$SELECT '（三）不予公开'::govinfo.outcome$$, '%group row 3.3 %', 'outcome: a numbered group label still names the group');

------------------------------------------------------------------------------
-- Overflow: 22003 naming the cell wherever a count would pass INT32_MAX
------------------------------------------------------------------------------
-- a state of request_figures_agg: every cell 0 but those given (jsonb rows), in a format
CREATE FUNCTION pg_temp.state(cells jsonb, fmt text DEFAULT '2021') RETURNS govinfo.request_figures LANGUAGE sql AS $$
	SELECT ((SELECT jsonb_object_agg(code, '[0,0,0,0,0,0,0]'::jsonb) FROM govinfo.row_catalog(fmt)
		WHERE part = 3 AND kind <> 'group') || jsonb_build_object('format', fmt) || cells)::govinfo.request_figures $$;

SELECT throws_ok($$SELECT govinfo.request_figures_agg_final(pg_temp.state(
		'{"1": [2147483647,0,0,0,0,0,0], "2": [1,0,0,0,0,0,0], "3.1": [2147483647,0,0,0,0,0,0], "3.2": [1,0,0,0,0,0,0]}'))$$,
	'22003', 'derived count out of range in row 3.7, column np of request_figures', 'agg_final: row 3.7 beyond INT32_MAX is an error, not clamped');
SELECT throws_ok($$SELECT govinfo.request_figures_agg_final(pg_temp.state(
		'{"1": [2147483647,1,0,0,0,0,0], "3.1": [2147483647,1,0,0,0,0,0]}'))$$,
	'22003', 'derived count out of range in row 1, column total of request_figures', 'agg_final: a total beyond INT32_MAX names its cell');

-- the transition functions, from a state near the limit (a custom aggregate over govinfo's functions)
CREATE AGGREGATE pg_temp.rf_near_max(integer, date, date, govinfo.applicant, govinfo.outcome) (
	SFUNC = govinfo.request_figures_agg_trans, STYPE = govinfo.request_figures,
	INITCOND = '2021|1:2147483647,0,0,0,0,0,0|2:0,0,0,0,0,0,0|3.1:0,0,0,0,0,0,0|3.2:0,0,0,0,0,0,0|3.3.1:0,0,0,0,0,0,0|3.3.2:0,0,0,0,0,0,0|3.3.3:0,0,0,0,0,0,0|3.3.4:0,0,0,0,0,0,0|3.3.5:0,0,0,0,0,0,0|3.3.6:0,0,0,0,0,0,0|3.3.7:0,0,0,0,0,0,0|3.3.8:0,0,0,0,0,0,0|3.4.1:0,0,0,0,0,0,0|3.4.2:0,0,0,0,0,0,0|3.4.3:0,0,0,0,0,0,0|3.5.1:0,0,0,0,0,0,0|3.5.2:0,0,0,0,0,0,0|3.5.3:0,0,0,0,0,0,0|3.5.4:0,0,0,0,0,0,0|3.5.5:0,0,0,0,0,0,0|3.6.1:0,0,0,0,0,0,0|3.6.2:0,0,0,0,0,0,0|3.6.3:0,0,0,0,0,0,0|3.7:0,0,0,0,0,0,0|4:2147483647,0,0,0,0,0,0');
CREATE AGGREGATE pg_temp.rf_blank(integer, date, date, govinfo.applicant, govinfo.outcome) (
	SFUNC = govinfo.request_figures_agg_trans, STYPE = govinfo.request_figures, INITCOND = '2021');
CREATE AGGREGATE pg_temp.af_near_max(integer, text, date, text, date) (
	SFUNC = govinfo.appeal_figures_agg_trans, STYPE = govinfo.appeal_figures,
	INITCOND = 'review:0,0,0,2147483647,2147483647|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0');
SELECT throws_ok($$SELECT pg_temp.rf_near_max(2021, DATE '2021-03-01', NULL, 'np', NULL)$$,
	'22003', 'derived count out of range in row 1, column np of request_figures', 'request_figures_agg: a cell at INT32_MAX names the cell');
SELECT is(pg_temp.rf_near_max(2021, DATE '2021-03-01', NULL, 'biz', NULL)::text LIKE '2021|1:2147483647,1,0,0,0,0,' || '%', true,
	'request_figures_agg: other cells still count');
SELECT throws_ok($$SELECT pg_temp.af_near_max(2021, 'review', DATE '2021-03-01', NULL, NULL)$$,
	'22003', 'derived count out of range in row review, column pending of appeal_figures', 'appeal_figures_agg: a cell at INT32_MAX names the cell');
SELECT throws_ok($$SELECT pg_temp.rf_blank(2021, DATE '2021-03-01', NULL, 'np', NULL)$$,
	'22023', 'aggregate state has a blank cell in row 1, column np of request_figures', 'request_figures_agg_trans: a blank state cell is not counted from −1');

-- complete() and +
SELECT throws_ok($$SELECT govinfo.complete('1:2147483647,1,,,,,'::govinfo.request_figures)$$,
	'22003', 'completed count out of range in row 1, column total of request_figures', 'complete: a total column beyond INT32_MAX');
SELECT throws_ok($$SELECT govinfo.complete('3.1:2147483647,,,,,,|3.2:1,,,,,,'::govinfo.request_figures)$$,
	'22003', 'completed count out of range in row 3.7, column np of request_figures', 'complete: row 3.7 beyond INT32_MAX');
SELECT throws_ok($$SELECT govinfo.complete('review:2147483647,1,,,'::govinfo.appeal_figures)$$,
	'22003', 'completed count out of range in row review, column total of appeal_figures', 'complete: an appeal total beyond INT32_MAX');
SELECT throws_ok($$SELECT '3.7:2147483647,,,,,,'::govinfo.request_figures OPERATOR(govinfo.+) '3.7:1,,,,,,'::govinfo.request_figures$$,
	'22003', 'sum out of range in row 3.7, column np of request_figures', '+: row 3.7 beyond INT32_MAX');
SELECT throws_ok($$SELECT '1:,,,,,,2147483647'::govinfo.request_figures OPERATOR(govinfo.+) '1:,,,,,,1'::govinfo.request_figures$$,
	'22003', 'sum out of range in row 1, column total of request_figures', '+: a total beyond INT32_MAX');
SELECT throws_ok($$SELECT govinfo.sum(x) FROM (VALUES ('review:,,,,2147483647'::govinfo.appeal_figures), ('review:,,,,1')) v(x)$$,
	'22003', 'sum out of range in row review, column total of appeal_figures', 'sum(): an appeal total beyond INT32_MAX');

------------------------------------------------------------------------------
-- request_figures_agg_final: only what an aggregate could have made
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT govinfo.request_figures_agg_final('2021|1:5,,,,,,')$$, '22023',
	'request_figures_agg_final was given a value that is not a state of request_figures_agg', 'agg_final: blank cells are refused, not summed as −1');
SELECT is(pg_temp.err_detail($$SELECT govinfo.request_figures_agg_final('2021|1:5,,,,,,')$$),
	'The cell in row 1, column biz of request_figures is blank; a state counts every applicant cell of every row but 3.7.',
	'agg_final: the detail names the blank cell');
SELECT throws_ok($$SELECT govinfo.request_figures_agg_final(pg_temp.state('{"1": [5,0,0,0,0,0,0]}'))$$, '22023', NULL,
	'agg_final: an unbalanced state is refused');
SELECT is(pg_temp.err_detail($$SELECT govinfo.request_figures_agg_final(pg_temp.state('{"1": [5,0,0,0,0,0,0]}'))$$),
	'In column np, rows 1 + 2 (5) do not equal the outcome rows + row 4 (0); a state counts every application once in each.',
	'agg_final: the detail names the column');
SELECT is(govinfo.request_figures_agg_final(pg_temp.state(
		'{"1": [2,0,1,0,0,0,99], "2": [0,3,0,0,0,0,0], "3.1": [1,0,0,0,0,0,0], "3.6.3": [0,3,0,0,0,0,0], "3.7": [9,9,9,9,9,9,9], "4": [1,0,1,0,0,0,0]}')),
	pg_temp.state('{"1": [2,0,1,0,0,0,3], "2": [0,3,0,0,0,0,3], "3.1": [1,0,0,0,0,0,1], "3.6.3": [0,3,0,0,0,0,3], "3.7": [1,3,0,0,0,0,4], "4": [1,0,1,0,0,0,2]}'),
	'agg_final: fills row 3.7 and the total column, whatever the state held there');
SELECT is(govinfo.is_balanced(govinfo.request_figures_agg_final(pg_temp.state('{"2": [0,0,0,0,0,7,0], "3.6": [0,0,0,0,0,7,0]}', '2019'))),
	true, 'agg_final: a 2019 state comes out balanced');
SELECT is(govinfo.request_figures_agg_final(NULL), NULL, 'agg_final: NULL state is NULL');

------------------------------------------------------------------------------
-- spans_rows: years beyond integer are 22003, not wrapped
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT * FROM govinfo.spans_rows('{{1,4294969317,2021}}')$$, '22003',
	'year 4294969317 in span 1 is out of range for type integer', 'spans_rows: a first year beyond integer');
SELECT throws_ok($$SELECT * FROM govinfo.spans_rows('{{1,2019,2020},{2,2021,-4294967296}}')$$, '22003',
	'year -4294967296 in span 2 is out of range for type integer', 'spans_rows: a last year below integer, in the second span');
SELECT results_eq($$SELECT * FROM govinfo.spans_rows('{{1,2019,NULL},{2,2147483647,-2147483648}}')$$,
	$$VALUES (1::bigint, 2019, NULL::integer), (2::bigint, 2147483647, -2147483648)$$, 'spans_rows: years within integer, open spans NULL');

SELECT * FROM finish();
ROLLBACK;
