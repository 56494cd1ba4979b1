-- pgTAP: the balancing rules of tables 三 and 四 — violations(), is_balanced(), complete().
-- Rules (blank cells count as 0):
--   P3-BALANCE        per column: [1] + [2] = [3.7] + [4]           (row '4', expected [1]+[2]-[3.7])
--   P3-HANDLED-TOTAL  per column: [3.7] = sum of the leaf rows        (row '3.7')
--   P3-COLUMN-TOTAL   per row: total = np+biz+res+npo+law+oth         (column 'total')
--   P4-TOTAL          per group: total = upheld+corrected+other+pending
BEGIN;
SELECT plan(46);

-- violations() without the message, as a sorted set of (rule, row, column, expected, actual)
CREATE FUNCTION pg_temp.rv(f govinfo.request_figures)
	RETURNS TABLE(rule text, row_code text, column_code text, expected numeric, actual numeric)
	LANGUAGE sql AS $$ SELECT rule, row_code, column_code, expected, actual FROM govinfo.violations(f) $$;
CREATE FUNCTION pg_temp.av(f govinfo.appeal_figures)
	RETURNS TABLE(rule text, row_code text, column_code text, expected numeric, actual numeric)
	LANGUAGE sql AS $$ SELECT rule, row_code, column_code, expected, actual FROM govinfo.violations(f) $$;

------------------------------------------------------------------------------
-- A balanced table 三 (2021 format): no violations
------------------------------------------------------------------------------
SELECT is_empty($$SELECT * FROM govinfo.violations(
	'2021|1:2,0,0,0,0,0,2|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,1'::govinfo.request_figures)$$,
	'balanced 2021 table 三: violations() is empty');
SELECT ok(govinfo.is_balanced('2021|1:2,0,0,0,0,0,2|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,1'::govinfo.request_figures),
	'balanced 2021 table 三: is_balanced');
-- every leaf counts, the last one (3.6.3) included; blank parts next to explicit totals are fine
SELECT ok(govinfo.is_balanced('2021|1:5,,,,,,5|3.1:1,,,,,,1|3.3.4:1,,,,,,1|3.6.1:1,,,,,,1|3.6.3:2,,,,,,2|3.7:5,,,,,,5'::govinfo.request_figures),
	'2021 leaves 3.1, 3.3.4, 3.6.1 and 3.6.3 all count in row 3.7');
SELECT results_eq($$SELECT * FROM pg_temp.rv('2021|1:3,,,,,,3|3.1:1,,,,,,1|3.6.3:2,,,,,,2|3.7:1,,,,,,1|4:2,,,,,,2') ORDER BY 1, 2, 3$$,
	$$VALUES ('P3-HANDLED-TOTAL', '3.7', 'np', 3::numeric, 1::numeric), ('P3-HANDLED-TOTAL', '3.7', 'total', 3, 1)$$,
	'2021: row 3.6.3 is summed into the expected 3.7');

------------------------------------------------------------------------------
-- P3-BALANCE broken: row 4 np is 2 where [1]+[2]-[3.7] = 1
------------------------------------------------------------------------------
SELECT results_eq($$SELECT * FROM pg_temp.rv('2021|1:2,0,0,0,0,0,2|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:2,0,0,0,0,0,2') ORDER BY 1, 2, 3$$,
	$$VALUES ('P3-BALANCE', '4', 'np', 1::numeric, 2::numeric), ('P3-BALANCE', '4', 'total', 1, 2)$$,
	'P3-BALANCE: row 4, columns np and total, expected 1, actual 2');
SELECT ok(NOT govinfo.is_balanced('2021|1:2,0,0,0,0,0,2|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:2,0,0,0,0,0,2'::govinfo.request_figures),
	'P3-BALANCE broken: not balanced');
-- row 2 (carried in) takes part in the balance
SELECT results_eq($$SELECT * FROM pg_temp.rv('2021|1:2,0,0,0,0,0,2|2:0,0,3,0,0,0,3|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,1') ORDER BY 1, 2, 3$$,
	$$VALUES ('P3-BALANCE', '4', 'res', 3::numeric, 0::numeric), ('P3-BALANCE', '4', 'total', 4, 1)$$,
	'P3-BALANCE: row 2 counts on the incoming side');
SELECT matches((SELECT message FROM govinfo.violations('2021|1:2,0,0,0,0,0,2|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:2,0,0,0,0,0,2'::govinfo.request_figures)
	WHERE column_code = 'np'), 'P3-BALANCE.*column np.*\(2\).*\(3\)',
	'P3-BALANCE message names the column and both sides');

------------------------------------------------------------------------------
-- P3-HANDLED-TOTAL broken: leaves 3.1 + 3.2 = 2 but row 3.7 says 1
------------------------------------------------------------------------------
SELECT results_eq($$SELECT * FROM pg_temp.rv('2021|1:3,0,0,0,0,0,3|3.1:1,0,0,0,0,0,1|3.2:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:2,0,0,0,0,0,2') ORDER BY 1, 2, 3$$,
	$$VALUES ('P3-HANDLED-TOTAL', '3.7', 'np', 2::numeric, 1::numeric), ('P3-HANDLED-TOTAL', '3.7', 'total', 2, 1)$$,
	'P3-HANDLED-TOTAL: row 3.7, columns np and total, expected 2, actual 1');
SELECT ok(NOT govinfo.is_balanced('2021|1:3,0,0,0,0,0,3|3.1:1,0,0,0,0,0,1|3.2:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:2,0,0,0,0,0,2'::govinfo.request_figures),
	'P3-HANDLED-TOTAL broken: not balanced');

------------------------------------------------------------------------------
-- P3-COLUMN-TOTAL broken: rows 1 and 4 say total one more than their parts
-- (the two defects cancel in P3-BALANCE, so only P3-COLUMN-TOTAL fires)
------------------------------------------------------------------------------
SELECT results_eq($$SELECT * FROM pg_temp.rv('2021|1:2,0,0,0,0,0,3|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,2') ORDER BY 1, 2, 3$$,
	$$VALUES ('P3-COLUMN-TOTAL', '1', 'total', 2::numeric, 3::numeric), ('P3-COLUMN-TOTAL', '4', 'total', 1, 2)$$,
	'P3-COLUMN-TOTAL: rows 1 and 4, column total, expected = sum of parts, actual = total');
SELECT ok(NOT govinfo.is_balanced('2021|1:2,0,0,0,0,0,3|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,2'::govinfo.request_figures),
	'P3-COLUMN-TOTAL broken: not balanced');

------------------------------------------------------------------------------
-- P4-TOTAL
------------------------------------------------------------------------------
SELECT is_empty($$SELECT * FROM govinfo.violations('review:1,0,0,0,1|suit:0,2,1,0,3|suit_after_review:0,0,0,0,0'::govinfo.appeal_figures)$$,
	'balanced table 四: violations() is empty');
SELECT ok(govinfo.is_balanced('review:1,0,0,0,1|suit:0,2,1,0,3|suit_after_review:0,0,0,0,0'::govinfo.appeal_figures),
	'balanced table 四: is_balanced');
SELECT results_eq($$SELECT * FROM pg_temp.av('review:1,0,0,0,2|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0')$$,
	$$VALUES ('P4-TOTAL', 'review', 'total', 1::numeric, 2::numeric)$$,
	'P4-TOTAL: group review, expected 1, actual 2');
SELECT ok(NOT govinfo.is_balanced('review:1,0,0,0,2|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0'::govinfo.appeal_figures),
	'P4-TOTAL broken: not balanced');
SELECT results_eq($$SELECT * FROM pg_temp.av('review:0,0,0,0,0|suit:1,1,1,1,3|suit_after_review:0,0,0,1,0') ORDER BY 2$$,
	$$VALUES ('P4-TOTAL', 'suit', 'total', 4::numeric, 3::numeric), ('P4-TOTAL', 'suit_after_review', 'total', 1, 0)$$,
	'P4-TOTAL: every broken group is reported (suit, suit_after_review)');
SELECT ok(NOT govinfo.is_balanced('[0,0,0,0,0, 0,0,0,0,0, 0,0,0,1,0]'::jsonb::govinfo.appeal_figures),
	'P4-TOTAL also checked on a value cast from jsonb');

------------------------------------------------------------------------------
-- Blank cells count as 0
------------------------------------------------------------------------------
-- a blank total next to non-zero parts is a violation (total taken as 0)
SELECT results_eq($$SELECT * FROM pg_temp.rv('2021|1:2,0,0,0,0,0,|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,1') ORDER BY 1, 2, 3$$,
	$$VALUES ('P3-BALANCE', '4', 'total', -1::numeric, 1::numeric), ('P3-COLUMN-TOTAL', '1', 'total', 2, 0)$$,
	'blank total of row 1 with parts 2: P3-COLUMN-TOTAL (2 vs 0) and P3-BALANCE in total');
SELECT results_eq($$SELECT * FROM pg_temp.av('review:1,,,,|suit:,,,,|suit_after_review:,,,,')$$,
	$$VALUES ('P4-TOTAL', 'review', 'total', 1::numeric, 0::numeric)$$,
	'blank 四 total with upheld 1: P4-TOTAL expected 1, actual 0');
-- a blank row 3.7 with non-zero leaves
SELECT results_eq($$SELECT * FROM pg_temp.rv('2021|1:1,,,,,,1|3.1:1,,,,,,1') ORDER BY 1, 2, 3$$,
	$$VALUES ('P3-BALANCE', '4', 'np', 1::numeric, 0::numeric), ('P3-BALANCE', '4', 'total', 1, 0),
		('P3-HANDLED-TOTAL', '3.7', 'np', 1, 0), ('P3-HANDLED-TOTAL', '3.7', 'total', 1, 0)$$,
	'blank row 3.7 and row 4 count as 0 in P3-BALANCE and P3-HANDLED-TOTAL');
SELECT ok(govinfo.is_balanced('2021'::govinfo.request_figures), 'all-blank 2021 table 三 is balanced');
SELECT ok(govinfo.is_balanced('2019'::govinfo.request_figures), 'all-blank 2019 table 三 is balanced');
SELECT is_empty($$SELECT * FROM govinfo.violations('review:,,,,'::govinfo.appeal_figures)$$, 'all-blank table 四 has no violations');
SELECT ok(govinfo.is_balanced('2021|1:0,,,,,,|3.7:,,,,,,0'::govinfo.request_figures), 'blank and 0 are interchangeable for the rules');

------------------------------------------------------------------------------
-- 2019 format: row 3.6 is the last leaf
------------------------------------------------------------------------------
SELECT is_empty($$SELECT * FROM govinfo.violations('2019|1:2,0,0,0,0,0,2|3.6:2,0,0,0,0,0,2|3.7:2,0,0,0,0,0,2'::govinfo.request_figures)$$,
	'2019: row 3.6 counts in P3-HANDLED-TOTAL (balanced)');
SELECT ok(govinfo.is_balanced('2019|1:3,0,0,0,0,0,3|3.1:1,0,0,0,0,0,1|3.6:1,0,0,0,0,0,1|3.7:2,0,0,0,0,0,2|4:1,0,0,0,0,0,1'::govinfo.request_figures),
	'2019: 3.1 + 3.6 = 3.7 and 3 = 2 + 1 is balanced');
SELECT results_eq($$SELECT * FROM pg_temp.rv('2019|1:2,0,0,0,0,0,2|3.6:2,0,0,0,0,0,2|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,1') ORDER BY 1, 2, 3$$,
	$$VALUES ('P3-HANDLED-TOTAL', '3.7', 'np', 2::numeric, 1::numeric), ('P3-HANDLED-TOTAL', '3.7', 'total', 2, 1)$$,
	'2019: P3-HANDLED-TOTAL expected 2 (from 3.6), actual 1');
SELECT matches((SELECT message FROM govinfo.violations('2019|1:2,0,0,0,0,0,2|3.6:2,0,0,0,0,0,2|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,1'::govinfo.request_figures)
	WHERE column_code = 'np'), '3\.6 add up to 2', '2019: P3-HANDLED-TOTAL message names the leaves 3.1 … 3.6');
SELECT results_eq($$SELECT * FROM pg_temp.rv('2019|1:2,0,0,0,0,0,2|3.1:2,0,0,0,0,0,2|3.7:2,0,0,0,0,0,2|4:1,0,0,0,0,0,1') ORDER BY 1, 2, 3$$,
	$$VALUES ('P3-BALANCE', '4', 'np', 0::numeric, 1::numeric), ('P3-BALANCE', '4', 'total', 0, 1)$$,
	'2019: P3-BALANCE broken in np and total');
SELECT results_eq($$SELECT * FROM pg_temp.rv('2019|1:1,1,0,0,0,0,1|3.6:1,1,0,0,0,0,1|3.7:1,1,0,0,0,0,1') ORDER BY 1, 2, 3$$,
	$$VALUES ('P3-COLUMN-TOTAL', '1', 'total', 2::numeric, 1::numeric), ('P3-COLUMN-TOTAL', '3.6', 'total', 2, 1),
		('P3-COLUMN-TOTAL', '3.7', 'total', 2, 1)$$,
	'2019: P3-COLUMN-TOTAL checked on rows 1, 3.6 and 3.7');

------------------------------------------------------------------------------
-- complete(): fills blank derived cells from their parts
------------------------------------------------------------------------------
SELECT ok(NOT govinfo.is_balanced('2021|1:2,0,,,,,|3.1:1,,,,,,|3.6.3:1,,,,,,|4:0,,,,,,'::govinfo.request_figures),
	'before complete(): blank totals and 3.7 break the rules');
SELECT is(govinfo.complete('2021|1:2,0,,,,,|3.1:1,,,,,,|3.6.3:1,,,,,,|4:0,,,,,,'::govinfo.request_figures)::text,
	'2021|1:2,0,,,,,2|3.1:1,,,,,,1|3.6.3:1,,,,,,1|3.7:2,,,,,,2|4:0,,,,,,0'::govinfo.request_figures::text,
	'complete(): row totals, row 3.7 (np and total) filled; all-blank parts stay blank');
SELECT ok(govinfo.is_balanced(govinfo.complete('2021|1:2,0,,,,,|3.1:1,,,,,,|3.6.3:1,,,,,,|4:0,,,,,,'::govinfo.request_figures)),
	'after complete(): balanced');
SELECT is(govinfo.cell(govinfo.complete('2021|1:2,0,,,,,|3.1:1,,,,,,|3.6.3:1,,,,,,|4:0,,,,,,'::govinfo.request_figures), '3.7', 'biz'),
	NULL, 'complete(): 3.7 biz stays blank when every leaf is blank');
SELECT is(govinfo.complete('2019|1:2,0,,,,,|3.6:2,,,,,,'::govinfo.request_figures)::text,
	'2019|1:2,0,,,,,2|3.6:2,,,,,,2|3.7:2,,,,,,2'::govinfo.request_figures::text,
	'complete() in 2019 format: row 3.7 from row 3.6');
SELECT ok(govinfo.is_balanced(govinfo.complete('2019|1:2,0,,,,,|3.6:2,,,,,,'::govinfo.request_figures)),
	'complete() in 2019 format: balanced');
SELECT is(govinfo.complete('review:1,2,,,|suit:,,,,|suit_after_review:0,0,0,0,'::govinfo.appeal_figures)::text,
	'review:1,2,,,3|suit:,,,,|suit_after_review:0,0,0,0,0',
	'complete() of table 四: each blank total from its parts, all-blank group stays blank');
SELECT ok(govinfo.is_balanced(govinfo.complete('review:1,2,,,|suit:0,0,4,,|suit_after_review:,,,,'::govinfo.appeal_figures)),
	'complete() of table 四: balanced afterwards');
SELECT is(govinfo.complete(govinfo.complete('2021|1:2,0,,,,,|3.1:1,,,,,,|3.6.3:1,,,,,,|4:0,,,,,,'::govinfo.request_figures))::text,
	govinfo.complete('2021|1:2,0,,,,,|3.1:1,,,,,,|3.6.3:1,,,,,,|4:0,,,,,,'::govinfo.request_figures)::text,
	'complete() is idempotent');

-- explicit values, even wrong ones, are kept
SELECT is(govinfo.complete('2021|1:2,0,0,0,0,0,3|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,2'::govinfo.request_figures)::text,
	'2021|1:2,0,0,0,0,0,3|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,2'::govinfo.request_figures::text,
	'complete() keeps explicit (wrong) totals');
SELECT ok(NOT govinfo.is_balanced(govinfo.complete('2021|1:2,0,0,0,0,0,3|3.1:1,0,0,0,0,0,1|3.7:1,0,0,0,0,0,1|4:1,0,0,0,0,0,2'::govinfo.request_figures)),
	'complete() of a value with wrong explicit totals is still unbalanced');
SELECT is(govinfo.cell(govinfo.complete('2021|1:4,,,,,,4|3.1:1,,,,,,|3.7:3,,,,,,|4:1,,,,,,'::govinfo.request_figures), '3.7', 'np'),
	3, 'complete() keeps an explicit row 3.7 cell');
SELECT is(govinfo.cell(govinfo.complete('2021|1:4,,,,,,4|3.1:1,,,,,,|3.7:3,,,,,,|4:1,,,,,,'::govinfo.request_figures), '3.7', 'total'),
	1, 'complete() fills blank 3.7 total from the leaves'' totals');
SELECT is(govinfo.complete('review:1,0,0,0,5|suit:,,,,7|suit_after_review:,,,,'::govinfo.appeal_figures)::text,
	'review:1,0,0,0,5|suit:,,,,7|suit_after_review:,,,,',
	'complete() keeps explicit 四 totals');

-- the rule list of a 2021 value cast from jsonb matches the text form
SELECT results_eq($$SELECT * FROM pg_temp.rv('{"1":[2,0,0,0,0,0,2],"3.1":[1,0,0,0,0,0,1],"3.7":[1,0,0,0,0,0,1],"4":[0,0,0,0,0,0,0]}'::jsonb::govinfo.request_figures) ORDER BY 1, 2, 3$$,
	$$VALUES ('P3-BALANCE', '4', 'np', 1::numeric, 0::numeric), ('P3-BALANCE', '4', 'total', 1, 0)$$,
	'violations() of a jsonb-cast value: P3-BALANCE row 4 np and total');

SELECT * FROM finish();
ROLLBACK;
