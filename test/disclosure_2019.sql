-- pgTAP: table 二 in the 2019 trial format (disclosure_figures with format 2019) — text, jsonb and
-- binary forms and their round trips, the signed 本年增/减 columns, bad input, addition and sum(),
-- table2()/report_table2() with the official labels of doc/report-format.json, and annual_report.
\set spec `cat doc/report-format.json`
BEGIN;
SET search_path = govinfo, public;
SELECT plan(58);
\ir lib/errors.sql

CREATE TEMP TABLE spec AS SELECT (:'spec'::jsonb) -> 'formats' AS f;
-- every cell of the 2019 table 二 as the spec lists it: block, row, column, signed, order
CREATE TEMP TABLE cells19 AS
SELECT b->>'code' AS block, r->>'code' AS row_code, c->>'code' AS col, coalesce((c->>'signed')::boolean, false) AS signed,
	row_number() OVER (ORDER BY bn, rn, cn) AS n
FROM spec, jsonb_array_elements(f->'2019'->'part2'->'blocks') WITH ORDINALITY AS x(b, bn),
	jsonb_array_elements(b->'rows') WITH ORDINALITY AS y(r, rn), jsonb_array_elements(b->'columns') WITH ORDINALITY AS z(c, cn);

CREATE FUNCTION pg_temp.path(tag text) RETURNS text LANGUAGE sql AS
	$$ SELECT pg_catalog.format('/tmp/govinfo_df2019_%s_%s.bin', pg_backend_pid(), tag) $$;
CREATE FUNCTION pg_temp.copy_out(query text, tag text) RETURNS void LANGUAGE plpgsql AS
	$$ BEGIN EXECUTE pg_catalog.format('COPY (%s) TO %L WITH (FORMAT binary)', query, pg_temp.path(tag)); END $$;
CREATE FUNCTION pg_temp.copy_in(tbl text, tag text) RETURNS void LANGUAGE plpgsql AS
	$$ BEGIN EXECUTE pg_catalog.format('COPY %s FROM %L WITH (FORMAT binary)', tbl, pg_temp.path(tag)); END $$;
CREATE FUNCTION pg_temp.recv(tbl text, bytes bytea) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_temp.copy_out(pg_catalog.format('SELECT %L::bytea', bytes), 'crafted');
	PERFORM pg_temp.copy_in(tbl, 'crafted');
END $$;

------------------------------------------------------------------------------
-- Text form
------------------------------------------------------------------------------
SELECT is(('2019|2.1.1:1,2,3|2.1.2:4,5,6|2.5.1:7,-1,8|2.5.2:9,0,10|2.6.1:11,-12,13|2.6.2:14,15,16|2.8.1:17,-18'
	|| '|2.9.1:19,12.5')::disclosure_figures::text,
	'2019|2.1.1:1,2,3|2.1.2:4,5,6|2.5.1:7,-1,8|2.5.2:9,0,10|2.6.1:11,-12,13|2.6.2:14,15,16|2.8.1:17,-18|2.9.1:19,12.5',
	'2019 text form: the eight rows in catalog order, signed deltas, the 2.9 amount');
SELECT is(' 2019 | 2.9.1 : , 0.500 | 2.5.1 : , -0 , '::disclosure_figures::text,
	'2019|2.1.1:,,|2.1.2:,,|2.5.1:,0,|2.5.2:,,|2.6.1:,,|2.6.2:,,|2.8.1:,|2.9.1:,0.5',
	'2019 text input: any row order, white space, rows left out are blank, -0 is 0');
SELECT is('2019'::disclosure_figures::text, '2019|2.1.1:,,|2.1.2:,,|2.5.1:,,|2.5.2:,,|2.6.1:,,|2.6.2:,,|2.8.1:,|2.9.1:,',
	'a bare 2019 prefix is an all-blank 2019 value');
SELECT is(split_part('2019|2.5.1:,-1,'::disclosure_figures::text, '|', 4), '2.5.1:,-1,',
	'a delta of -1 is a value, not a blank');

CREATE TEMP TABLE lit19(id int, d disclosure_figures);
INSERT INTO lit19 VALUES
	(1, '2019'),
	(2, '2019|2.1.1:0,0,0|2.1.2:0,0,0|2.5.1:0,0,0|2.5.2:0,0,0|2.6.1:0,0,0|2.6.2:0,0,0|2.8.1:0,0|2.9.1:0,0'),
	(3, '2019|2.5.1:2147483647,-2147483647,2147483647|2.6.2:,2147483647,|2.9.1:2147483647,999999999999.999999'),
	(4, '2019|2.8.1:3,-3|2.9.1:,0.000001'),
	(5, '2021|2.1.1:1,,3|2.8.1:12.345678');
SELECT is((SELECT count(*)::int FROM lit19 WHERE d::text::disclosure_figures = d AND d::text::disclosure_figures::text = d::text), 5,
	'text round trip of fixed 2019 and 2021 values (extremes included)');

-- 120 random 2019 values from jsonb documents: about 30% blank cells, deltas of both signs
DO $$ BEGIN PERFORM setseed(0.19); END $$;
CREATE TEMP TABLE rand19 AS
WITH v AS (
	SELECT i, c.row_code, c.col, CASE WHEN random() < 0.3 THEN NULL
		WHEN c.col = 'amount' THEN to_jsonb(round((random() * 1e5)::numeric, (i % 7)))
		WHEN c.signed THEN to_jsonb(floor(random() * 2000)::int - 1000)
		ELSE to_jsonb(floor(random() * 100000)::int) END AS val
	FROM generate_series(1, 120) i, cells19 c),
r AS (SELECT i, row_code, jsonb_object_agg(col, val) AS o FROM v GROUP BY i, row_code)
SELECT i, jsonb_object_agg(row_code, o) || '{"format": "2019"}' AS dj FROM r GROUP BY i;
ALTER TABLE rand19 ADD d disclosure_figures;
UPDATE rand19 SET d = dj::disclosure_figures;
SELECT is((SELECT count(DISTINCT d::text)::int FROM rand19), 120, 'the random 2019 values are all different');
SELECT is((SELECT count(*)::int FROM rand19 WHERE d::text::disclosure_figures = d AND d::text::disclosure_figures::text = d::text), 120,
	'random 2019 values survive the text round trip');

------------------------------------------------------------------------------
-- jsonb form
------------------------------------------------------------------------------
SELECT is('2019|2.1.1:1,,3|2.5.1:7,-1,8|2.8.1:,-18|2.9.1:19,12.5'::disclosure_figures::jsonb,
	'{"format": "2019",
	  "2.1.1": {"new_made": 1, "new_published": null, "total_published": 3},
	  "2.1.2": {"new_made": null, "new_published": null, "total_published": null},
	  "2.5.1": {"prev_items": 7, "delta": -1, "decisions": 8},
	  "2.5.2": {"prev_items": null, "delta": null, "decisions": null},
	  "2.6.1": {"prev_items": null, "delta": null, "decisions": null},
	  "2.6.2": {"prev_items": null, "delta": null, "decisions": null},
	  "2.8.1": {"prev_items": null, "delta": -18},
	  "2.9.1": {"count": 19, "amount": 12.5}}'::jsonb,
	'2019 jsonb form: every row keyed by row code, columns by column code, null = blank');
SELECT is((SELECT count(*)::int FROM rand19 WHERE d::jsonb = dj AND d::jsonb::disclosure_figures = d), 120,
	'random 2019 values: jsonb -> value -> jsonb and value -> jsonb -> value');
SELECT is((SELECT count(*)::int FROM lit19 WHERE d::jsonb::disclosure_figures = d), 5, 'fixed values: jsonb round trip');
SELECT ok('{"format": 2019, "2.6.2": {"delta": -4}, "2.9.1": null}'::jsonb::disclosure_figures = '2019|2.6.2:,-4,'::disclosure_figures,
	'jsonb -> 2019 value: numeric format, missing rows and columns blank, a null row blank');
SELECT is((pg_temp.err_info($$SELECT '{"format": "2019", "2.1.1": {"issued": 1}}'::jsonb::govinfo.disclosure_figures$$))[1:2],
	ARRAY['22023', 'unknown column code "issued" for row "2.1.1" of disclosure_figures'], 'jsonb: a 2021 column in a 2019 row is refused');
SELECT is((pg_temp.err_info($$SELECT '{"format": "2019", "2.5.1": {"delta": "-1"}}'::jsonb::govinfo.disclosure_figures$$))[1:2],
	ARRAY['22036', 'non-numeric JSON value in row 2.5.1, column delta of disclosure_figures'], 'jsonb: a delta as a string is refused');

------------------------------------------------------------------------------
-- Binary form: version 1, int16 format, 21 int32 and the int64 amount; a blank delta is -2^31
------------------------------------------------------------------------------
SELECT is(disclosure_figures_send('2019|2.1.1:1,,3|2.5.1:7,-1,|2.9.1:,12.345678'), '\x0107e3'::bytea
	|| '\x00000001ffffffff00000003ffffffffffffffffffffffff'::bytea		-- 2.1.1, 2.1.2
	|| '\x00000007ffffffffffffffffffffffff80000000ffffffff'::bytea		-- 2.5.1, 2.5.2
	|| '\xffffffff80000000ffffffffffffffff80000000ffffffff'::bytea		-- 2.6.1, 2.6.2
	|| '\xffffffff80000000'::bytea || '\xffffffff'::bytea || '\x0000000000bc614e'::bytea,	-- 2.8.1, 2.9.1
	'2019 send: exact bytes (blank count -1, blank delta -2^31, amount in millionths)');
SELECT is(length(disclosure_figures_send('2019')), 95, '2019 send: 1 + 2 + 21 × 4 + 8 bytes');
-- the binary form of a 2021 value is the one govinfo 0.4.0 wrote, and those bytes are still read
SELECT is(disclosure_figures_send('2021|2.1.1:1,,3|2.8.1:12.345678'), '\x0107e5'::bytea
	|| '\x00000001ffffffff00000003ffffffffffffffffffffffffffffffffffffffffffffffff'::bytea
	|| '\x0000000000bc614e'::bytea, '2021 send: unchanged since 0.4.0');
CREATE TEMP TABLE bin_d(f disclosure_figures);
SELECT lives_ok($$SELECT pg_temp.recv('bin_d', '\x0107e5'::bytea
	|| '\x00000001ffffffff00000003ffffffffffffffffffffffffffffffffffffffffffffffff'::bytea || '\x0000000000bc614e'::bytea)$$,
	'recv reads the bytes a 0.4.0 server sent');
SELECT is((SELECT f::text FROM bin_d), '2021|2.1.1:1,,3|2.1.2:,,|2.5.1:|2.6.1:|2.6.2:|2.8.1:12.345678', '... as the same value');
TRUNCATE bin_d;
SELECT lives_ok($$SELECT pg_temp.recv('bin_d', disclosure_figures_send('2019|2.5.1:7,-1,|2.8.1:,-2147483647'))$$,
	'recv reads a 2019 value');
SELECT is((SELECT f FROM bin_d), '2019|2.5.1:7,-1,|2.8.1:,-2147483647'::disclosure_figures, '... with its negative deltas');
SELECT throws_ok($$SELECT pg_temp.recv('bin_d', substr(disclosure_figures_send('2019'), 1, 94))$$, '22P03', NULL,
	'binary: a 2019 value one byte short');
SELECT throws_ok($$SELECT pg_temp.recv('bin_d', '\x0107e3fffffffe' || substr(disclosure_figures_send('2019'), 8))$$, '22003', NULL,
	'binary: count -2 in row 2.1.1 is negative');
SELECT lives_ok($$SELECT pg_temp.recv('bin_d', substr(disclosure_figures_send('2019'), 1, 31) || '\xfffffffe'::bytea
	|| substr(disclosure_figures_send('2019'), 36))$$, 'binary: delta -2 is read');
SELECT is((SELECT count(*)::int FROM bin_d WHERE cell(f, '2.5.1', 'delta') = -2), 1, '... into row 2.5.1, column delta');
CREATE TEMP TABLE bin_src(id int, d disclosure_figures);
INSERT INTO bin_src SELECT id, d FROM lit19 UNION ALL SELECT 100 + i, d FROM rand19;
CREATE TEMP TABLE bin_dst (LIKE bin_src);
SELECT lives_ok($$SELECT pg_temp.copy_out('SELECT * FROM bin_src', 'roundtrip'), pg_temp.copy_in('bin_dst', 'roundtrip')$$,
	'COPY BINARY of 2019 and 2021 values out and back in');
SELECT is((SELECT count(*)::int FROM bin_src s JOIN bin_dst t USING (id) WHERE s.d = t.d AND s.d::text = t.d::text), 125,
	'every value is equal after the binary round trip');

------------------------------------------------------------------------------
-- Signed cells: negative exactly in the spec's signed columns; bad input names the cell
------------------------------------------------------------------------------
SELECT is((SELECT array_agg(c.row_code || '/' || c.col ORDER BY c.n) FROM cells19 c
		WHERE pg_temp.err_info(pg_catalog.format($$SELECT jsonb_build_object('format', '2019', %L, jsonb_build_object(%L, -5))::govinfo.disclosure_figures$$,
			c.row_code, c.col)) IS NULL),
	(SELECT array_agg(c.row_code || '/' || c.col ORDER BY c.n) FROM cells19 c WHERE c.signed),
	'a negative value is taken in exactly the columns the spec marks signed (本年增/减)');
SELECT is((SELECT count(*)::int FROM cells19 c
		WHERE NOT c.signed AND (pg_temp.err_info(pg_catalog.format($$SELECT '2019|%s:%s'::govinfo.disclosure_figures$$, c.row_code,
			(SELECT string_agg(CASE WHEN c2.col = c.col THEN '-1' ELSE '' END, ',' ORDER BY c2.n) FROM cells19 c2 WHERE c2.row_code = c.row_code))))[1:2]
			= ARRAY['22003', pg_catalog.format('negative value -1 in row %s, column %s of disclosure_figures', c.row_code, c.col)]),
	(SELECT count(*)::int FROM cells19 WHERE NOT signed), 'every other 2019 column refuses -1 with 22003 naming its row and column');
SELECT is((pg_temp.err_info($$SELECT '2019|2.6.1:1,-2147483648,1'::govinfo.disclosure_figures$$))[1:3],
	ARRAY['22003', 'increase or decrease -2147483648 in row 2.6.1, column delta of disclosure_figures is out of range',
		'An increase or decrease is a whole number from -2147483647 to 2147483647.'], 'a delta below -2147483647 is out of range');
SELECT is((pg_temp.err_info($$SELECT '2019|2.6.1:1,2147483648,1'::govinfo.disclosure_figures$$))[1:2],
	ARRAY['22003', 'increase or decrease 2147483648 in row 2.6.1, column delta of disclosure_figures is out of range'], 'a delta above 2147483647 is out of range');
SELECT is((pg_temp.err_info($$SELECT '2019|2.8.1:1,+-3'::govinfo.disclosure_figures$$))[1:2],
	ARRAY['22P02', 'invalid increase or decrease "+-3" in row 2.8.1, column delta of disclosure_figures'], 'a malformed delta');
SELECT is((pg_temp.err_info($$SELECT '2019|2.8.1:1,1.5'::govinfo.disclosure_figures$$))[1], '22P02', 'a delta is a whole number');
SELECT is((pg_temp.err_info($$SELECT '2019|2.9.1:1,-0.5'::govinfo.disclosure_figures$$))[1:2],
	ARRAY['22003', 'negative value -0.5 in row 2.9.1, column amount of disclosure_figures'], 'a negative 2.9 amount');
SELECT is((pg_temp.err_info($$SELECT '2019|2.9.1:1,0.0000001'::govinfo.disclosure_figures$$))[1], '22P02', 'a 2.9 amount finer than one fen');
SELECT is((pg_temp.err_info($$SELECT '2019|2.5.1:1,0'::govinfo.disclosure_figures$$))[1:2],
	ARRAY['22P02', 'row "2.5.1" of disclosure_figures has 2 values but takes 3'], 'a 2019 row with too few values');
SELECT is((pg_temp.err_info($$SELECT '2021|2.5.2:1'::govinfo.disclosure_figures$$))[1:2],
	ARRAY['22023', 'unknown row code "2.5.2" for disclosure_figures in format 2021'], 'row 2.5.2 is 2019 only');

------------------------------------------------------------------------------
-- Equality, addition, sum(), cell(), format()
------------------------------------------------------------------------------
SELECT ok('2019|2.5.1:1,-1,1'::disclosure_figures = '2019|2.5.1:1,-1,1' AND '2019'::disclosure_figures <> '2021'
	AND '2019|2.5.1:,-1,'::disclosure_figures <> '2019|2.5.1:,,', 'equality: same format and cells; -1 is not blank');
SELECT is((SELECT count(*)::int FROM (SELECT d FROM (SELECT d FROM rand19 UNION ALL SELECT d FROM rand19 UNION ALL SELECT d FROM lit19) x GROUP BY d) g),
	125, 'grouping (hash or sort) finds each 2019 and 2021 value once');
SELECT is(('2019|2.5.1:1,-1,|2.6.1:,5,|2.9.1:1,0.5'::disclosure_figures + '2019|2.5.1:2,-3,4|2.6.1:,-5,|2.9.1:,1.25')::text,
	'2019|2.1.1:,,|2.1.2:,,|2.5.1:3,-4,4|2.5.2:,,|2.6.1:,0,|2.6.2:,,|2.8.1:,|2.9.1:1,1.75', '+ of two 2019 values: blank + n = n, deltas add with their signs');
-- sum() against the sum of every cell computed by SQL from cell()
SELECT is((SELECT count(*)::int FROM cells19 c, (SELECT sum(d) AS s FROM rand19) t
		WHERE cell(t.s, c.row_code, c.col) IS NOT DISTINCT FROM (SELECT sum(cell(d, c.row_code, c.col)) FROM rand19)), 22,
	'sum() of 120 random 2019 values: every one of the 22 cells is the sum of the cells');
SELECT is((SELECT format(sum(d)) FROM rand19), '2019', 'the sum of 2019 values is a 2019 value');
SELECT throws_ok($$SELECT '2019|2.5.1:,2147483647,'::govinfo.disclosure_figures OPERATOR(govinfo.+) '2019|2.5.1:,1,'$$, '22003',
	'sum out of range in row 2.5.1, column delta of disclosure_figures', 'a delta sum above 2147483647');
SELECT throws_ok($$SELECT '2019|2.5.1:,-2147483647,'::govinfo.disclosure_figures OPERATOR(govinfo.+) '2019|2.5.1:,-1,'$$, '22003',
	'sum out of range in row 2.5.1, column delta of disclosure_figures', 'a delta sum below -2147483647');
SELECT throws_ok($$SELECT '2019'::govinfo.disclosure_figures OPERATOR(govinfo.+) '2021'$$, '22023',
	'cannot add disclosure_figures of format 2019 and format 2021', '+ of a 2019 and a 2021 value');
SELECT throws_ok($$SELECT govinfo.sum(d) FROM (VALUES ('2021|2.5.1:1'::govinfo.disclosure_figures), ('2019|2.5.1:1,1,1')) v(d)$$, '22023',
	'cannot add disclosure_figures of format 2021 and format 2019', 'sum() over values of both formats');
SELECT is(ARRAY[cell('2019|2.8.1:4,-3|2.9.1:2,0.5'::disclosure_figures, '2.8.1', 'delta'),
		cell('2019|2.8.1:4,-3|2.9.1:2,0.5'::disclosure_figures, '2.9.1', 'amount'),
		cell('2019|2.8.1:4,-3|2.9.1:2,0.5'::disclosure_figures, '2.9.1', 'count'),
		cell('2019|2.8.1:4,-3|2.9.1:2,0.5'::disclosure_figures, '2.6.1', 'delta')],
	ARRAY[-3, 0.5, 2, NULL]::numeric[], 'cell() of a 2019 value: signed delta, amount, count, blank = NULL');
SELECT throws_ok($$SELECT govinfo.cell('2019'::govinfo.disclosure_figures, '2.5.1', 'issued')$$, '22023', NULL,
	'cell(): a 2021 column of a 2019 value');
SELECT is(format('2019|2.9.1:1,1'::disclosure_figures), '2019', 'format() of a 2019 value');

------------------------------------------------------------------------------
-- table2() in both formats: official labels (from the spec file), every column in its place
------------------------------------------------------------------------------
SELECT results_eq(
	$$ SELECT row_code, label FROM table2('2019') $$,
	$$ SELECT code, label FROM (
		SELECT b->>'code' AS code, b->>'label' AS label, bn * 100 AS o FROM spec, jsonb_array_elements(f->'2019'->'part2'->'blocks') WITH ORDINALITY x(b, bn)
		UNION ALL
		SELECT r->>'code', r->>'label', bn * 100 + rn FROM spec, jsonb_array_elements(f->'2019'->'part2'->'blocks') WITH ORDINALITY x(b, bn),
			jsonb_array_elements(b->'rows') WITH ORDINALITY y(r, rn)) s ORDER BY o $$,
	'table2() of a 2019 value: the 13 rows and official labels of the spec, in order');
SELECT results_eq(
	$$ SELECT row_code, issued, abolished, in_force, decisions, amount, new_made, new_published, total_published, prev_items, delta, count
	   FROM table2('2019|2.1.1:1,2,3|2.1.2:4,,6|2.5.1:7,-1,8|2.5.2:9,0,10|2.6.1:11,-12,13|2.6.2:14,15,16|2.8.1:17,-18|2.9.1:19,12.5')
	   WHERE row_code LIKE '%.%.%' $$,
	$$ VALUES ('2.1.1', NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, NULL::numeric, 1::bigint, 2::bigint, 3::bigint, NULL::bigint, NULL::bigint, NULL::bigint),
		('2.1.2', NULL, NULL, NULL, NULL, NULL, 4, NULL, 6, NULL, NULL, NULL),
		('2.5.1', NULL, NULL, NULL, 8, NULL, NULL, NULL, NULL, 7, -1, NULL),
		('2.5.2', NULL, NULL, NULL, 10, NULL, NULL, NULL, NULL, 9, 0, NULL),
		('2.6.1', NULL, NULL, NULL, 13, NULL, NULL, NULL, NULL, 11, -12, NULL),
		('2.6.2', NULL, NULL, NULL, 16, NULL, NULL, NULL, NULL, 14, 15, NULL),
		('2.8.1', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 17, -18, NULL),
		('2.9.1', NULL, NULL, NULL, NULL, 12.5, NULL, NULL, NULL, NULL, NULL, 19) $$,
	'table2() of a 2019 value: every cell in the column of its code, 2021 columns NULL');
SELECT is((SELECT string_agg(label, '|' ORDER BY row_code) FROM table2('2019', 'en') WHERE row_code IN ('2.5.2', '2.9', '2.9.1')),
	'other external management and service matters|Article 20, item (9)|centralised government procurement', 'table2() of a 2019 value in English');
SELECT results_eq(
	$$ SELECT row_code, label, issued, abolished, in_force, decisions, amount, new_made, new_published, total_published, prev_items, delta, count
	   FROM table2('2021|2.1.2:2,1,10|2.8.1:12.345678') WHERE row_code IN ('2.1.2', '2.8.1') $$,
	$$ VALUES ('2.1.2', '行政规范性文件', 2::bigint, 1::bigint, 10::bigint, NULL::bigint, NULL::numeric, NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint),
		('2.8.1', '行政事业性收费', NULL, NULL, NULL, NULL, 12.345678, NULL, NULL, NULL, NULL, NULL, NULL) $$,
	'table2() of a 2021 value: its labels and columns, the 2019 columns NULL');
SELECT is((SELECT count(*)::int FROM table2('2021')), 10, 'table2() of a 2021 value has its 10 rows (no 2.5.2 or 2.9)');

------------------------------------------------------------------------------
-- annual_report stores a 2019-format table 二 for 2019 and 2020, and report_table2() shows it
------------------------------------------------------------------------------
INSERT INTO agency (code, name) VALUES ('df19-a', '试行格式局');
SELECT lives_ok($$INSERT INTO govinfo.annual_report (agency_id, year, disclosures)
	SELECT agency_id, 2020, '2019|2.5.1:7,-1,8|2.9.1:3,12.5' FROM govinfo.agency WHERE code = 'df19-a'$$,
	'a 2020 report stores a 2019-format table 二');
SELECT is((SELECT format || ' ' || format(disclosures) FROM annual_report JOIN agency USING (agency_id) WHERE code = 'df19-a'), '2019 2019',
	'... the report takes the 2019 format from its year');
SELECT results_eq($$ SELECT row_code, prev_items, delta, decisions, count, amount FROM report_table2('df19-a', 2020) WHERE row_code IN ('2.5.1', '2.9.1') $$,
	$$ VALUES ('2.5.1', 7::bigint, -1::bigint, 8::bigint, NULL::bigint, NULL::numeric), ('2.9.1', NULL, NULL, NULL, 3, 12.5) $$,
	'report_table2() of the stored 2020 report');
SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year, disclosures)
	SELECT agency_id, 2019, '2021|2.5.1:1' FROM govinfo.agency WHERE code = 'df19-a'$$, '23514', NULL,
	'a 2019 report refuses a 2021-format table 二');
SELECT throws_ok($$INSERT INTO govinfo.annual_report (agency_id, year, disclosures)
	SELECT agency_id, 2021, '2019|2.5.1:1,1,1' FROM govinfo.agency WHERE code = 'df19-a'$$, '23514', NULL,
	'a 2021 report refuses a 2019-format table 二');

SELECT * FROM finish();
ROLLBACK;
