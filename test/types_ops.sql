-- pgTAP: operators and functions of the figures types — =, <>, +, hashing (DISTINCT, GROUP BY,
-- hash joins), cell(), format() and the sum() aggregate, serial and under a parallel plan.
BEGIN;
SET search_path = govinfo, public;
SELECT plan(97);

-- The plan of a query as one text, for checking which nodes the planner chose.
\ir lib/parallel.sql

------------------------------------------------------------------------------
-- = and <>: same format and same value (blank or number) in every cell
------------------------------------------------------------------------------
SELECT ok('1:1,0,,,,,1'::request_figures = '{"1": [1,0,null,null,null,null,1]}'::jsonb::request_figures,
	'request: text and jsonb of the same figures are =');
SELECT ok(NOT ('1:1,0,,,,,1'::request_figures <> '{"1": [1,0,null,null,null,null,1]}'::jsonb::request_figures),
	'request: ... and not <>');
SELECT ok(NOT ('1:,,,,,,'::request_figures = '1:0,,,,,,'::request_figures), 'request: blank is not = 0');
SELECT ok('1:,,,,,,'::request_figures <> '1:0,,,,,,'::request_figures, 'request: blank <> 0');
SELECT ok('1:1,,,,,,'::request_figures <> '1:2,,,,,,'::request_figures, 'request: 1 <> 2');
SELECT ok('2019'::request_figures <> '2021'::request_figures, 'request: all-blank 2019 and 2021 values differ');
SELECT ok('review:,,,,'::appeal_figures <> 'review:0,,,,'::appeal_figures, 'appeal: blank <> 0');
SELECT ok('suit:1,2,3,4,10'::appeal_figures = '[null,null,null,null,null,1,2,3,4,10,null,null,null,null,null]'::jsonb::appeal_figures,
	'appeal: text and jsonb of the same figures are =');
SELECT ok('2.8.1:'::disclosure_figures <> '2.8.1:0'::disclosure_figures, 'disclosure: blank amount <> 0');
SELECT ok('2.6.1:'::disclosure_figures <> '2.6.1:0'::disclosure_figures, 'disclosure: blank count <> 0');
SELECT ok('2.8.1:0.5'::disclosure_figures = '2.8.1:0.500000'::disclosure_figures, 'disclosure: 0.5 = 0.500000');
SELECT ok('2.8.1:0.5'::disclosure_figures <> '2.8.1:0.500001'::disclosure_figures, 'disclosure: amounts differing by one fen');
SELECT ok('1:1,,,,,,'::request_figures OPERATOR(govinfo.=) '1:1,,,,,,'::request_figures
	AND '1:1,,,,,,'::request_figures OPERATOR(govinfo.<>) '1:,1,,,,,'::request_figures, 'schema-qualified operators');

------------------------------------------------------------------------------
-- +: cell-wise, blank + blank = blank, blank + n = n, n + m = n + m
------------------------------------------------------------------------------
CREATE TEMP TABLE ops_add AS SELECT '1:1,,0,,,,|2:,,,,,,5'::request_figures + '1:2,,,,,,|2:,,,,,,'::request_figures AS s;
SELECT is((SELECT s::text FROM ops_add), '1:3,,0,,,,|2:,,,,,,5'::request_figures::text, 'request: + cell by cell');
SELECT is((SELECT cell(s, '1', 'np') FROM ops_add), 3, 'request: 1 + 2 = 3');
SELECT ok((SELECT cell(s, '1', 'biz') IS NULL FROM ops_add), 'request: blank + blank stays blank');
SELECT is((SELECT cell(s, '1', 'res') FROM ops_add), 0, 'request: 0 + blank = 0');
SELECT is((SELECT cell(s, '2', 'total') FROM ops_add), 5, 'request: blank + 5 = 5');
SELECT ok('1:1,,0,,,,|2:,,,,,,5'::request_figures + '1:2,,,,,,'::request_figures
	= '1:2,,,,,,'::request_figures + '1:1,,0,,,,|2:,,,,,,5'::request_figures, 'request: + is commutative');
SELECT is(('2019|3.6:1,,,,,,1'::request_figures + '2019|3.6:,,,,,,2'::request_figures)::text,
	'2019|3.6:1,,,,,,3'::request_figures::text, 'request: 2019 + 2019 stays 2019');
SELECT is(('review:1,,,,|suit_after_review:,,,,4'::appeal_figures + 'review:2,,,0,'::appeal_figures)::text,
	'review:3,,,0,|suit:,,,,|suit_after_review:,,,,4', 'appeal: + cell by cell');
SELECT is(('2.1.1:1,,|2.8.1:0.5'::disclosure_figures + '2.1.1:2,,3|2.6.2:0|2.8.1:0.25'::disclosure_figures)::text,
	'2021|2.1.1:3,,3|2.1.2:,,|2.5.1:|2.6.1:|2.6.2:0|2.8.1:0.75', 'disclosure: counts and amounts add, blanks stay blank');
SELECT is(('2.8.1:'::disclosure_figures + '2.8.1:12.345678'::disclosure_figures)::text,
	'2021|2.1.1:,,|2.1.2:,,|2.5.1:|2.6.1:|2.6.2:|2.8.1:12.345678', 'disclosure: blank amount + n = n');
SELECT throws_ok($$SELECT '2019'::request_figures + '2021'::request_figures$$, '22023', NULL, 'request: 2019 + 2021 is refused');
SELECT throws_ok($$SELECT '2021|1:1,,,,,,'::request_figures + '2019|1:1,,,,,,'::request_figures$$, '22023', NULL, 'request: 2021 + 2019 is refused');
-- overflow, right at the limits
SELECT is(cell('1:2147483646,,,,,,'::request_figures + '1:1,,,,,,'::request_figures, '1', 'np'), 2147483647, 'request: up to 2147483647');
SELECT throws_ok($$SELECT '1:2147483647,,,,,,'::request_figures + '1:1,,,,,,'::request_figures$$, '22003', NULL, 'request: count overflow');
-- values without a blank cell (as aggregate states are) take the vectorized path: same sums, same errors
CREATE TEMP TABLE full_figures AS SELECT request_figures_agg(2021, NULL, NULL, NULL, NULL) + '1:5,,,,,,|3.1:,,7,,,,'::request_figures AS x,
	request_figures_agg(2021, NULL, NULL, NULL, NULL) + '1:2147483647,,,,,,|3.1:,,2147483647,,,,'::request_figures AS big;
SELECT is((SELECT cell(x + x, '1', 'np') || '/' || cell(x + x, '3.1', 'res') || '/' || cell(x + x, '2', 'np') FROM full_figures), '10/14/0',
	'request without blanks: cells add');
SELECT throws_ok($$SELECT big + big FROM full_figures$$, '22003', 'sum out of range in row 1, column np of request_figures',
	'request without blanks: the first overflowing cell is named');
SELECT throws_ok($$SELECT big + x FROM full_figures$$, '22003', 'sum out of range in row 1, column np of request_figures',
	'request without blanks: an overflow from one side is found');
SELECT throws_ok($$SELECT 'suit:,,,,2147483647'::appeal_figures + 'suit:,,,,1'::appeal_figures$$, '22003', NULL, 'appeal: count overflow');
SELECT throws_ok($$SELECT '2.6.1:2147483647'::disclosure_figures + '2.6.1:2147483647'::disclosure_figures$$, '22003', NULL,
	'disclosure: count overflow');
SELECT is(cell('2.8.1:999999999999.999998'::disclosure_figures + '2.8.1:0.000001'::disclosure_figures, '2.8.1', 'amount'),
	999999999999.999999, 'disclosure: amounts up to 999999999999.999999');
SELECT throws_ok($$SELECT '2.8.1:999999999999.999999'::disclosure_figures + '2.8.1:0.000001'::disclosure_figures$$, '22003', NULL,
	'disclosure: amount of 10^12 万元 is out of range');

------------------------------------------------------------------------------
-- Hash opclass: DISTINCT, GROUP BY, UNION and hash joins treat = values as one
------------------------------------------------------------------------------
CREATE TEMP TABLE ops_set(f request_figures);
INSERT INTO ops_set VALUES ('2021'), ('2021'), ('1:,,,,,,'), ('2019'), ('1:0,,,,,,'), ('{"1": [0,null,null,null,null,null,null]}'::jsonb::request_figures),
	('1:3,,,,,,'), ('1:1,,,,,,'::request_figures + '1:2,,,,,,');
SELECT is((SELECT count(*)::int FROM (SELECT DISTINCT f FROM ops_set) s), 4, 'request: DISTINCT keeps 4 of 8 values');
SELECT matches(pg_temp.plan_of('SELECT DISTINCT f FROM ops_set'), 'HashAggregate', 'request: DISTINCT is done by hashing');
SELECT set_eq($$SELECT f::text, count(*)::int FROM ops_set GROUP BY f$$,
	$$VALUES ('2021'::request_figures::text, 3), ('2019'::request_figures::text, 1), ('1:0,,,,,,'::request_figures::text, 2),
		('1:3,,,,,,'::request_figures::text, 2)$$, 'request: GROUP BY groups = values, blank apart from 0, 2019 apart from 2021');
SELECT is((SELECT count(*)::int FROM (SELECT f FROM ops_set UNION SELECT f FROM ops_set) s), 4, 'request: UNION');
SET LOCAL enable_nestloop = off;
SELECT matches(pg_temp.plan_of('SELECT * FROM ops_set a JOIN ops_set b ON a.f = b.f'), 'Hash Join', 'request: = can drive a hash join');
SELECT is((SELECT count(*)::int FROM ops_set a JOIN ops_set b ON a.f = b.f), 18, 'request: hash join pairs 3*3 + 1 + 2*2 + 2*2');
RESET enable_nestloop;
SELECT is(request_figures_hash('1:3,,,,,,'), request_figures_hash('1:1,,,,,,'::request_figures + '1:2,,,,,,'),
	'request: equal values hash equally, however built');
SELECT is((SELECT count(DISTINCT f::text)::int FROM (SELECT DISTINCT f FROM (VALUES ('review:,,,,'::appeal_figures), ('review:0,,,,'),
	('review:0,,,,'), ('[0,null,null,null,null,null,null,null,null,null,null,null,null,null,null]'::jsonb::appeal_figures)) v(f)) s), 2, 'appeal: DISTINCT');
SELECT is((SELECT count(*)::int FROM (SELECT f FROM (VALUES ('2.8.1:0.5'::disclosure_figures), ('2.8.1:0.50'), ('2.8.1:'),
	('2.8.1:0'), ('{"2.8.1": {"amount": 0.5}}'::jsonb::disclosure_figures)) v(f) GROUP BY f) s), 3, 'disclosure: GROUP BY');

------------------------------------------------------------------------------
-- cell() and format()
------------------------------------------------------------------------------
SELECT is(cell('1:1,,0,,,,7|3.6.3:,,,,,,2'::request_figures, '1', 'total'), 7, 'cell: request value');
SELECT is(cell('1:1,,0,,,,7'::request_figures, '1', 'res'), 0, 'cell: request 0 is 0');
SELECT ok(cell('1:1,,0,,,,7'::request_figures, '1', 'biz') IS NULL, 'cell: request blank is NULL');
SELECT is(cell('1:1,,0,,,,7|3.6.3:,,,,,,2'::request_figures, '3.6.3', 'total'), 2, 'cell: request last leaf row');
SELECT is(cell('2019|3.6:5,,,,,,'::request_figures, '3.6', 'np'), 5, 'cell: request 2019 row 3.6');
SELECT is(pg_typeof(cell('1:1,,,,,,'::request_figures, '1', 'np'))::text, 'integer', 'cell: request gives integer');
SELECT is(cell('review:1,,,,|suit_after_review:,,,,9'::appeal_figures, 'review.upheld'), 1, 'cell: appeal review.upheld');
SELECT is(cell('review:1,,,,|suit_after_review:,,,,9'::appeal_figures, 'suit_after_review.total'), 9, 'cell: appeal suit_after_review.total');
SELECT ok(cell('review:1,,,,'::appeal_figures, 'suit.pending') IS NULL, 'cell: appeal blank is NULL');
SELECT is(cell('2.8.1:12.345678'::disclosure_figures, '2.8.1', 'amount'), 12.345678, 'cell: disclosure amount');
SELECT is(pg_typeof(cell('2.8.1:1'::disclosure_figures, '2.8.1', 'amount'))::text, 'numeric', 'cell: disclosure gives numeric');
SELECT ok(cell('2.6.1:24'::disclosure_figures, '2.8.1', 'amount') IS NULL, 'cell: disclosure blank amount is NULL');
SELECT ok(cell('2.8.1:1'::disclosure_figures, '2.1.1', 'issued') IS NULL, 'cell: disclosure blank count is NULL');
-- a non-blank disclosure count comes back as numeric, like the amount (this once crashed the backend)
SELECT is(cell('2.6.1:24'::disclosure_figures, '2.6.1', 'decisions'), 24::numeric, 'cell: disclosure count');
SELECT is(cell('2.1.2:2,1,10'::disclosure_figures, '2.1.2', 'in_force'), 10::numeric, 'cell: disclosure in_force');
SELECT throws_ok(pg_catalog.format('SELECT cell(%L::%s, %s)', v, typ, args), '22023', NULL, 'cell: ' || why)
FROM (VALUES
	('request_figures', '2021', $$'9.9', 'np'$$, 'unknown row'),
	('request_figures', '2021', $$'3', 'np'$$, 'group row 3'),
	('request_figures', '2021', $$'3.3', 'np'$$, 'group row 3.3'),
	('request_figures', '2021', $$'3.6', 'np'$$, 'row 3.6 is a group in 2021'),
	('request_figures', '2019', $$'3.6.1', 'np'$$, 'row 3.6.1 is not in 2019'),
	('request_figures', '2021', $$'1', 'amount'$$, 'unknown column'),
	('appeal_figures', 'review:,,,,', $$'review'$$, 'appeal code without column'),
	('appeal_figures', 'review:,,,,', $$'review.bogus'$$, 'unknown appeal column'),
	('appeal_figures', 'review:,,,,', $$'bogus.upheld'$$, 'unknown appeal group'),
	('disclosure_figures', '2021', $$'2.8', 'amount'$$, 'disclosure group row'),
	('disclosure_figures', '2021', $$'2.9.1', 'count'$$, 'disclosure 2019-only row'),
	('disclosure_figures', '2021', $$'2.8.1', 'fee'$$, 'unknown disclosure column')
) v(typ, v, args, why);
SELECT is(format('1:1,,,,,,'::request_figures), '2021', 'format: request defaults to 2021');
SELECT is(format('2019|1:1,,,,,,'::request_figures), '2019', 'format: request 2019');
SELECT is(format('{"format": "2019"}'::jsonb::request_figures), '2019', 'format: request 2019 from jsonb');
SELECT is(format('2.8.1:1'::disclosure_figures), '2021', 'format: disclosure');

------------------------------------------------------------------------------
-- sum(): small cases
------------------------------------------------------------------------------
SELECT ok((SELECT sum(f) FROM ops_set WHERE false) IS NULL, 'sum over no rows is NULL');
SELECT ok((SELECT sum(f) FROM (VALUES (NULL::appeal_figures), (NULL)) v(f)) IS NULL, 'sum over NULLs is NULL');
SELECT is((SELECT sum(f)::text FROM (VALUES ('review:1,,,,'::appeal_figures), (NULL), ('review:2,,0,,'), ('suit:,,,,4')) v(f)),
	'review:3,,0,,|suit:,,,,4|suit_after_review:,,,,', 'appeal sum: NULL rows skipped, all-blank cells stay blank');
SELECT is((SELECT sum(f)::text FROM (VALUES ('2019|3.6:1,,,,,,'::request_figures), ('2019|3.6:2,,,,,,')) v(f)),
	'2019|3.6:3,,,,,,'::request_figures::text, 'request sum of 2019 values stays 2019');
SELECT throws_ok($$SELECT sum(f) FROM (VALUES ('2019'::request_figures), ('2021')) v(f)$$, '22023', NULL, 'sum of mixed formats is refused');
SELECT throws_ok($$SELECT sum(f) FROM (VALUES ('1:2147483647,,,,,,'::request_figures), ('1:1,,,,,,')) v(f)$$, '22003', NULL,
	'sum overflow is an error');
-- values without a blank cell take the one-pass addition (arith.c); a blank or an overflow undoes it and
-- takes the cell-by-cell path
SELECT throws_ok($$SELECT sum(f) FROM (VALUES ('review:2147483647,0,0,0,0|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0'::appeal_figures),
	('review:1,0,0,0,0|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0')) v(f)$$, '22003', NULL, 'sum overflow without blank cells is an error');
SELECT is((SELECT sum(f)::text FROM (VALUES ('review:1,0,0,0,0|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0'::appeal_figures),
	('review:2,,0,,|suit:,,,,4|suit_after_review:,,,,')) v(f)),
	'review:3,0,0,0,0|suit:0,0,0,0,4|suit_after_review:0,0,0,0,0'::appeal_figures::text, 'sum: a value with blanks added to a state without any');
SELECT results_eq($$SELECT sum(f) OVER (ORDER BY i)::text FROM (VALUES (1, 'review:1,,,,'::appeal_figures), (2, 'review:2,,,,'),
	(3, 'suit:,,,,5')) v(i, f) ORDER BY i$$,
	ARRAY['review:1,,,,|suit:,,,,|suit_after_review:,,,,', 'review:3,,,,|suit:,,,,|suit_after_review:,,,,',
		'review:3,,,,|suit:,,,,5|suit_after_review:,,,,'], 'running sum as a window aggregate keeps earlier results');
SELECT set_eq($$SELECT f::text, sum(f)::text FROM (VALUES ('2.8.1:1'::disclosure_figures, '2.8.1:0.5'::disclosure_figures),
	('2.8.1:1', '2.8.1:0.25'), ('2.8.1:', '2.8.1:')) v(f, x) GROUP BY f$$,
	$$VALUES ('2.8.1:1'::disclosure_figures::text, '2.8.1:2'::disclosure_figures::text), ('2.8.1:'::disclosure_figures::text, '2.8.1:'::disclosure_figures::text)$$,
	'sum(f) grouped by f itself (hash aggregate with by-reference state)');

------------------------------------------------------------------------------
-- sum() over 20 000 generated rows, checked against plain SQL sums of the same numbers.
-- A regular table: parallel workers share this transaction, so they see its uncommitted rows.
------------------------------------------------------------------------------
CREATE TABLE public.types_ops_big AS
SELECT i, i % 4 AS grp, i % 7 AS np, CASE WHEN i % 5 = 0 THEN NULL ELSE i % 13 END AS res, CASE WHEN i = 777 THEN 5 END AS late,
	i % 11 AS issued, CASE WHEN i % 2 = 0 THEN 1 END AS in_force, CASE WHEN i % 3 = 0 THEN NULL ELSE i * 1.000001 END AS amount,
	i % 3 AS upheld, CASE WHEN i % 10 = 0 THEN 2 END AS pending
FROM generate_series(1, 20000) i;
ALTER TABLE public.types_ops_big ADD r request_figures, ADD a appeal_figures, ADD d disclosure_figures;
UPDATE public.types_ops_big SET
	r = jsonb_build_object('1', jsonb_build_array(np, NULL, res, 0, NULL, NULL, i), '3.6.3', jsonb_build_array(NULL, NULL, NULL, NULL, NULL, late, NULL),
		'4', jsonb_build_array(100000, NULL, NULL, NULL, NULL, NULL, NULL))::request_figures,
	a = jsonb_build_array(upheld, NULL, NULL, NULL, upheld, NULL, NULL, NULL, pending, pending, 0, NULL, NULL, NULL, NULL)::appeal_figures,
	d = jsonb_build_object('2.1.1', jsonb_build_object('issued', issued, 'in_force', in_force), '2.6.1', jsonb_build_object('decisions', i),
		'2.8.1', jsonb_build_object('amount', amount))::disclosure_figures;
ANALYZE public.types_ops_big;
CREATE TEMP TABLE ops_expect AS SELECT
	jsonb_build_object('1', jsonb_build_array(sum(np), NULL, sum(res), sum(0), NULL, NULL, sum(i)),
		'3.6.3', jsonb_build_array(NULL, NULL, NULL, NULL, NULL, sum(late), NULL),
		'4', jsonb_build_array(sum(100000), NULL, NULL, NULL, NULL, NULL, NULL))::request_figures AS r,
	jsonb_build_array(sum(upheld), NULL, NULL, NULL, sum(upheld), NULL, NULL, NULL, sum(pending), sum(pending), sum(0),
		NULL, NULL, NULL, NULL)::appeal_figures AS a,
	jsonb_build_object('2.1.1', jsonb_build_object('issued', sum(issued), 'in_force', sum(in_force)),
		'2.6.1', jsonb_build_object('decisions', sum(i)), '2.8.1', jsonb_build_object('amount', sum(amount)))::disclosure_figures AS d
FROM public.types_ops_big;
SELECT is((SELECT cell(r, '4', 'np') FROM ops_expect), 2000000000, 'the expected row 4 sum is near the int32 limit');

-- serially
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT doesnt_match(pg_temp.plan_of('SELECT sum(r), sum(a), sum(d) FROM public.types_ops_big'), 'Gather', 'serial plan has no Gather');
CREATE TEMP TABLE ops_serial AS SELECT sum(r) AS r, sum(a) AS a, sum(d) AS d FROM public.types_ops_big;
SELECT is((SELECT r::text FROM ops_serial), (SELECT r::text FROM ops_expect), 'serial sum of 20 000 request values');
SELECT is((SELECT a::text FROM ops_serial), (SELECT a::text FROM ops_expect), 'serial sum of 20 000 appeal values');
SELECT is((SELECT d::text FROM ops_serial), (SELECT d::text FROM ops_expect), 'serial sum of 20 000 disclosure values');
SELECT ok((SELECT cell(r, '1', 'biz') IS NULL AND cell(r, '1', 'npo') = 0 FROM ops_serial), 'sum: a column blank in every row stays blank, zeros give 0');
SELECT is((SELECT cell(d, '2.8.1', 'amount') FROM ops_serial), (SELECT sum(amount) FROM public.types_ops_big), 'sum: amount to the fen');

-- under a parallel plan (partial sums in workers, combined by the combine function)
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
CALL pg_temp.force_parallel('on');
-- CREATE TABLE AS runs its query with a parallel plan (a query calling pgTAP functions would not)
SELECT matches(pg_temp.plan_of('CREATE TEMP TABLE ops_par AS SELECT sum(r) AS r, sum(a) AS a, sum(d) AS d FROM public.types_ops_big'),
	'Finalize Aggregate.*Gather.*Partial Aggregate.*Parallel Seq Scan', 'parallel plan: Partial Aggregate under Gather');
SELECT matches(pg_temp.plan_of('CREATE TEMP TABLE ops_par_grp AS SELECT grp, sum(r) AS r, sum(d) AS d FROM public.types_ops_big GROUP BY grp'),
	'Finalize.*Gather.*Partial (Hash|Group)Aggregate', 'parallel plan for the grouped sum');
CREATE TEMP TABLE ops_par AS SELECT sum(r) AS r, sum(a) AS a, sum(d) AS d FROM public.types_ops_big;
CREATE TEMP TABLE ops_par_grp AS SELECT grp, sum(r) AS r, sum(d) AS d FROM public.types_ops_big GROUP BY grp;
CALL pg_temp.force_parallel('off');
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT is((SELECT r::text FROM ops_par), (SELECT r::text FROM ops_expect), 'parallel sum of 20 000 request values');
SELECT is((SELECT a::text FROM ops_par), (SELECT a::text FROM ops_expect), 'parallel sum of 20 000 appeal values');
SELECT is((SELECT d::text FROM ops_par), (SELECT d::text FROM ops_expect), 'parallel sum of 20 000 disclosure values');
SELECT set_eq($$SELECT grp, r::text, d::text FROM ops_par_grp$$,
	$$SELECT grp, sum(r)::text AS r, sum(d)::text AS d FROM public.types_ops_big GROUP BY grp$$, 'parallel grouped sums equal the serial ones');

DROP TABLE public.types_ops_big;
SELECT * FROM finish();
ROLLBACK;
