-- pgTAP: input and output of the figures types — text, jsonb and binary (send/recv via COPY),
-- round trips through each form, and the SQLSTATE of every kind of bad input.
BEGIN;
SET search_path = govinfo, public;
SELECT plan(123);

-- Server-side COPY to and from files under /tmp, named per backend so that concurrent runs never meet.
CREATE FUNCTION pg_temp.path(tag text) RETURNS text LANGUAGE sql AS
	$$ SELECT pg_catalog.format('/tmp/govinfo_types_io_%s_%s.bin', pg_backend_pid(), tag) $$;
CREATE FUNCTION pg_temp.copy_out(query text, tag text, fmt text DEFAULT 'binary') RETURNS void LANGUAGE plpgsql AS
	$$ BEGIN EXECUTE pg_catalog.format('COPY (%s) TO %L WITH (FORMAT %s)', query, pg_temp.path(tag), fmt); END $$;
CREATE FUNCTION pg_temp.copy_in(tbl text, tag text, fmt text DEFAULT 'binary') RETURNS void LANGUAGE plpgsql AS
	$$ BEGIN EXECUTE pg_catalog.format('COPY %s FROM %L WITH (FORMAT %s)', tbl, pg_temp.path(tag), fmt); END $$;
-- Hand exactly these bytes to the recv function of tbl's only column; the error, if any, propagates.
CREATE FUNCTION pg_temp.recv(tbl text, bytes bytea) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_temp.copy_out(pg_catalog.format('SELECT %L::bytea', bytes), 'crafted');
	PERFORM pg_temp.copy_in(tbl, 'crafted');
END $$;

------------------------------------------------------------------------------
-- Text output: canonical form, every row in order, blank cells empty
------------------------------------------------------------------------------
SELECT is('1:1,0,0,0,0,0,1|3.1:1,,,,,,1'::request_figures::text,
	'2021|1:1,0,0,0,0,0,1|2:,,,,,,|3.1:1,,,,,,1|3.2:,,,,,,|3.3.1:,,,,,,|3.3.2:,,,,,,|3.3.3:,,,,,,|3.3.4:,,,,,,|3.3.5:,,,,,,|3.3.6:,,,,,,|3.3.7:,,,,,,|3.3.8:,,,,,,|3.4.1:,,,,,,|3.4.2:,,,,,,|3.4.3:,,,,,,|3.5.1:,,,,,,|3.5.2:,,,,,,|3.5.3:,,,,,,|3.5.4:,,,,,,|3.5.5:,,,,,,|3.6.1:,,,,,,|3.6.2:,,,,,,|3.6.3:,,,,,,|3.7:,,,,,,|4:,,,,,,',
	'request_figures: no prefix means 2021; all 25 rows are written in order');
SELECT is('2019|3.6:1,,,,,,1|4:0,0,0,0,0,0,0'::request_figures::text,
	'2019|1:,,,,,,|2:,,,,,,|3.1:,,,,,,|3.2:,,,,,,|3.3.1:,,,,,,|3.3.2:,,,,,,|3.3.3:,,,,,,|3.3.4:,,,,,,|3.3.5:,,,,,,|3.3.6:,,,,,,|3.3.7:,,,,,,|3.3.8:,,,,,,|3.4.1:,,,,,,|3.4.2:,,,,,,|3.4.3:,,,,,,|3.5.1:,,,,,,|3.5.2:,,,,,,|3.5.3:,,,,,,|3.5.4:,,,,,,|3.5.5:,,,,,,|3.6:1,,,,,,1|3.7:,,,,,,|4:0,0,0,0,0,0,0',
	'request_figures 2019: 23 rows with 3.6 instead of 3.6.1-3.6.3');
SELECT is('review:1,0,0,0,1|suit:0,0,0,0,0'::appeal_figures::text,
	'review:1,0,0,0,1|suit:0,0,0,0,0|suit_after_review:,,,,', 'appeal_figures: no format prefix, missing group blank');
SELECT is('2021|2.6.1:24|2.8.1:1.5'::disclosure_figures::text,
	'2021|2.1.1:,,|2.1.2:,,|2.5.1:|2.6.1:24|2.6.2:|2.8.1:1.5', 'disclosure_figures: every row, amount as decimal');
SELECT is((' 2019 |' || E'\n\t' || ' 3.6 : 1 , , , ,, , 1 ' || E'\r\n' || '| 4: 0,0,0,0,0,0,0 ')::request_figures::text,
	'2019|3.6:1,,,,,,1|4:0,0,0,0,0,0,0'::request_figures::text, 'white space around prefix, codes, values and bars is ignored');
SELECT is(' review : , 2 ,, 0 , 2 '::appeal_figures::text, 'review:,2,,0,2|suit:,,,,|suit_after_review:,,,,',
	'appeal_figures: white space tolerated, blanks stay blank, 0 stays 0');
SELECT is('2021'::request_figures::text, '2021|' || array_to_string(ARRAY(
	SELECT c || ':,,,,,,' FROM unnest('{1,2,3.1,3.2,3.3.1,3.3.2,3.3.3,3.3.4,3.3.5,3.3.6,3.3.7,3.3.8,3.4.1,3.4.2,3.4.3,3.5.1,3.5.2,3.5.3,3.5.4,3.5.5,3.6.1,3.6.2,3.6.3,3.7,4}'::text[]) c), '|'),
	'a bare format prefix is an all-blank value');

-- amounts keep up to 6 decimals and are written without trailing zeros
SELECT is(split_part(('2.8.1:' || a)::disclosure_figures::text, '|', 7), '2.8.1:' || e,
	'amount ' || coalesce(nullif(a, ''), 'blank') || ' is written ' || coalesce(nullif(e, ''), 'empty'))
	FROM (VALUES ('12.345678', '12.345678'), ('0.5', '0.5'), ('0', '0'), ('0.000001', '0.000001'), ('1.1234560', '1.123456'),
		('007.10', '7.1'), ('999999999999.999999', '999999999999.999999'), ('', '')) v(a, e);

------------------------------------------------------------------------------
-- Text round trips (text -> value -> text -> value) over fixed and random values
------------------------------------------------------------------------------
CREATE TEMP TABLE io_lit(t text, r request_figures, a appeal_figures, d disclosure_figures);
INSERT INTO io_lit VALUES
	('blank', '2021', 'review:,,,,', '2021'),
	('zeros', '1:0,0,0,0,0,0,0|4:0,0,0,0,0,0,0', 'review:0,0,0,0,0|suit:0,0,0,0,0|suit_after_review:0,0,0,0,0', '2.1.1:0,0,0|2.8.1:0'),
	('mixed', '1:5,,1,,,,6|3.3.8:2147483647,,,,,,|3.6.3:,,,,,,0', 'suit_after_review:,1,,2147483647,', '2.1.2:3,,7|2.5.1:1|2.6.2:0|2.8.1:0.5'),
	('2019', '2019|3.6:1,2,3,4,5,6,21|4:,,,,,,9', 'review:1,,,,1', '2021|2.8.1:12.345678');
SELECT is((SELECT count(*)::int FROM io_lit WHERE r::text::request_figures = r AND r::text::request_figures::text = r::text), 4,
	'request_figures text round trip');
SELECT is((SELECT count(*)::int FROM io_lit WHERE a::text::appeal_figures = a AND a::text::appeal_figures::text = a::text), 4,
	'appeal_figures text round trip');
SELECT is((SELECT count(*)::int FROM io_lit WHERE d::text::disclosure_figures = d AND d::text::disclosure_figures::text = d::text), 4,
	'disclosure_figures text round trip');

-- 150 random values per type (2019 and 2021 formats, ~30% blank cells), built from jsonb documents
DO $$ BEGIN PERFORM setseed(0.42); END $$;
CREATE TEMP TABLE io_rows(fmt text, code text);
INSERT INTO io_rows SELECT '2021', unnest('{1,2,3.1,3.2,3.3.1,3.3.2,3.3.3,3.3.4,3.3.5,3.3.6,3.3.7,3.3.8,3.4.1,3.4.2,3.4.3,3.5.1,3.5.2,3.5.3,3.5.4,3.5.5,3.6.1,3.6.2,3.6.3,3.7,4}'::text[]);
INSERT INTO io_rows SELECT '2019', code FROM io_rows WHERE code NOT LIKE '3.6.%' UNION ALL SELECT '2019', '3.6';
CREATE TEMP TABLE io_rand AS
WITH cells AS (
	SELECT i, r.fmt, r.code, jsonb_agg(CASE WHEN random() < 0.3 THEN NULL ELSE floor(random() * 100000)::int END ORDER BY k) AS vals
	FROM generate_series(1, 150) i JOIN io_rows r ON r.fmt = CASE WHEN i % 3 = 0 THEN '2019' ELSE '2021' END
	CROSS JOIN generate_series(1, 7) k GROUP BY i, r.fmt, r.code)
SELECT i, jsonb_object_agg(code, vals) || jsonb_build_object('format', fmt) AS rj,
	(SELECT jsonb_agg(CASE WHEN random() < 0.3 OR g < -i THEN NULL ELSE floor(random() * 1000)::int END) FROM generate_series(1, 15) g) AS aj,
	jsonb_build_object('2.1.1', jsonb_build_object('issued', i, 'abolished', NULL, 'in_force', i * 3),
		'2.1.2', jsonb_build_object('issued', NULL, 'abolished', i % 2, 'in_force', 0),
		'2.5.1', jsonb_build_object('decisions', i * 1000), '2.6.1', jsonb_build_object('decisions', NULL),
		'2.6.2', jsonb_build_object('decisions', i % 5),
		'2.8.1', jsonb_build_object('amount', CASE WHEN i % 7 = 0 THEN NULL ELSE round((random() * 1e6)::numeric, 6) END),
		'format', '2021') AS dj
FROM cells GROUP BY i, fmt;
ALTER TABLE io_rand ADD r request_figures, ADD a appeal_figures, ADD d disclosure_figures;
UPDATE io_rand SET r = rj::request_figures, a = aj::appeal_figures, d = dj::disclosure_figures;
SELECT is((SELECT count(DISTINCT r::text)::int FROM io_rand), 150, 'the random request values are all different');
SELECT is((SELECT count(*)::int FROM io_rand WHERE r::text::request_figures = r AND a::text::appeal_figures = a
	AND d::text::disclosure_figures = d), 150, 'random values of all three types survive the text round trip');

------------------------------------------------------------------------------
-- jsonb: exact documents and round trips in both directions
------------------------------------------------------------------------------
SELECT is('review:1,0,0,0,1|suit:,,,,7'::appeal_figures::jsonb,
	'[1,0,0,0,1, null,null,null,null,7, null,null,null,null,null]'::jsonb, 'appeal_figures -> jsonb: 15 values, null = blank');
SELECT is('2.1.1:1,,3|2.8.1:12.345678'::disclosure_figures::jsonb,
	'{"format": "2021", "2.1.1": {"issued": 1, "abolished": null, "in_force": 3},
	  "2.1.2": {"issued": null, "abolished": null, "in_force": null}, "2.5.1": {"decisions": null},
	  "2.6.1": {"decisions": null}, "2.6.2": {"decisions": null}, "2.8.1": {"amount": 12.345678}}'::jsonb,
	'disclosure_figures -> jsonb: every row, null = blank, amount as number');
SELECT is('2019|3.6:1,,,,,,1'::request_figures::jsonb - ARRAY['format', '3.6'],
	(SELECT jsonb_object_agg(code, '[null,null,null,null,null,null,null]'::jsonb) FROM io_rows WHERE fmt = '2019' AND code <> '3.6'),
	'request_figures 2019 -> jsonb: the other 22 rows are arrays of 7 nulls');
SELECT is('2019|3.6:1,,,,,,1'::request_figures::jsonb -> '3.6', '[1,null,null,null,null,null,1]', 'request_figures 2019 -> jsonb: row 3.6');
SELECT is('2019|3.6:1,,,,,,1'::request_figures::jsonb ->> 'format', '2019', 'request_figures -> jsonb carries the format');
SELECT is(('2.8.1:' || a)::disclosure_figures::jsonb #> '{2.8.1,amount}', e::jsonb, 'amount ' || coalesce(nullif(a, ''), 'blank') || ' -> jsonb ' || e)
	FROM (VALUES ('0.5', '0.5'), ('0', '0'), ('12.345678', '12.345678'), ('', 'null')) v(a, e);

-- jsonb -> value: missing rows, null rows, null cells, optional or numeric "format"
SELECT ok('{"1": [1,0,0,0,0,0,1], "3.1": [1,null,null,null,null,null,1]}'::jsonb::request_figures
	= '2021|1:1,0,0,0,0,0,1|3.1:1,,,,,,1'::request_figures, 'jsonb -> request_figures: missing rows blank, format defaults to 2021');
SELECT ok('{"format": 2019, "3.6": [0,null,null,null,null,null,0], "4": null}'::jsonb::request_figures
	= '2019|3.6:0,,,,,,0'::request_figures, 'jsonb -> request_figures: numeric format 2019, a null row is blank');
SELECT ok('{"2.6.1": {"decisions": 24}, "2.8.1": {"amount": 1.50}, "2.1.1": {"issued": 2}}'::jsonb::disclosure_figures
	= '2.1.1:2,,|2.6.1:24|2.8.1:1.5'::disclosure_figures, 'jsonb -> disclosure_figures: missing columns blank');
SELECT ok('[null,null,null,null,null, 0,0,0,0,0, 1,1,1,1,4]'::jsonb::appeal_figures
	= 'suit:0,0,0,0,0|suit_after_review:1,1,1,1,4'::appeal_figures, 'jsonb -> appeal_figures');
SELECT ok('{"1": [1,0,0,0,0,0,1]}'::jsonb::request_figures::jsonb
	= '2021|1:1,0,0,0,0,0,1'::request_figures::jsonb, 'partial document -> value -> jsonb gives the full document');

-- round trips over the random values
SELECT is((SELECT count(*)::int FROM io_rand WHERE r::jsonb = rj AND r::jsonb::request_figures = r), 150,
	'request_figures: jsonb -> value -> jsonb and value -> jsonb -> value (2019 and 2021)');
SELECT is((SELECT count(*)::int FROM io_rand WHERE a::jsonb = aj AND a::jsonb::appeal_figures = a), 150,
	'appeal_figures: jsonb round trips');
SELECT is((SELECT count(*)::int FROM io_rand WHERE d::jsonb = dj AND d::jsonb::disclosure_figures = d), 150,
	'disclosure_figures: jsonb round trips, amounts with 6 decimals');

------------------------------------------------------------------------------
-- Binary: exact send form, COPY BINARY and COPY TEXT round trips
------------------------------------------------------------------------------
SELECT is(appeal_figures_send('review:1,0,0,0,1|suit:,,,,7'), '\x01'::bytea
	|| '\x0000000100000000000000000000000000000001ffffffffffffffffffffffffffffffff00000007'::bytea
	|| '\xffffffffffffffffffffffffffffffffffffffff'::bytea, 'appeal_figures send: version byte, 15 int32, -1 = blank');
SELECT is(disclosure_figures_send('2.1.1:1,,3|2.8.1:12.345678'), '\x0107e5'::bytea
	|| '\x00000001ffffffff00000003ffffffffffffffffffffffffffffffffffffffffffffffff'::bytea
	|| '\x0000000000bc614e'::bytea, 'disclosure_figures send: version, int16 2021, 9 int32, int64 millionths');
SELECT is(ARRAY[length(request_figures_send('2021')), length(request_figures_send('2019'))], ARRAY[703, 647],
	'request_figures send: 1 + 2 + 175 or 161 int32');
SELECT is(substr(request_figures_send('2019|1:5,,,,,,'), 1, 7), '\x0107e300000005'::bytea, 'request_figures send: int16 2019, then row 1');

CREATE TEMP TABLE io_src(id int, r request_figures, a appeal_figures, d disclosure_figures);
INSERT INTO io_src SELECT row_number() OVER (), r, a, d FROM io_lit;
INSERT INTO io_src SELECT 100 + i, r, a, d FROM io_rand;
INSERT INTO io_src VALUES (999, NULL, NULL, NULL);
CREATE TEMP TABLE io_dst (LIKE io_src);
SELECT lives_ok($$SELECT pg_temp.copy_out('SELECT * FROM io_src', 'roundtrip'), pg_temp.copy_in('io_dst', 'roundtrip')$$,
	'COPY BINARY out and back in');
SELECT is((SELECT count(*)::int FROM io_src s JOIN io_dst d USING (id)
	WHERE s.r IS NOT DISTINCT FROM d.r AND s.a IS NOT DISTINCT FROM d.a AND s.d IS NOT DISTINCT FROM d.d
	AND (s.r, s.a, s.d)::text = (d.r, d.a, d.d)::text), 155, 'every value is equal after the binary round trip');
TRUNCATE io_dst;
SELECT lives_ok($$SELECT pg_temp.copy_out('SELECT * FROM io_src', 'text', 'text'), pg_temp.copy_in('io_dst', 'text', 'text')$$,
	'COPY TEXT out and back in');
SELECT is((SELECT count(*)::int FROM io_src s JOIN io_dst d USING (id)
	WHERE s.r IS NOT DISTINCT FROM d.r AND s.a IS NOT DISTINCT FROM d.a AND s.d IS NOT DISTINCT FROM d.d), 155,
	'every value is equal after the COPY text round trip');

------------------------------------------------------------------------------
-- Bad binary input: 22P03 for the wrong shape, 22003 for negative, 22023 / 0A000 for the format
------------------------------------------------------------------------------
CREATE TEMP TABLE io_r(f request_figures);
CREATE TEMP TABLE io_a(f appeal_figures);
CREATE TEMP TABLE io_d(f disclosure_figures);
SELECT lives_ok($$SELECT pg_temp.recv('io_a', appeal_figures_send('review:1,0,0,0,1'))$$, 'crafted bytes: a valid appeal is read');
SELECT is((SELECT f::text FROM io_a), 'review:1,0,0,0,1|suit:,,,,|suit_after_review:,,,,', 'crafted bytes: ... as the right value');
SELECT throws_ok($$SELECT pg_temp.recv('io_a', '')$$, '22P03', NULL, 'binary: empty input');
SELECT throws_ok($$SELECT pg_temp.recv('io_a', '\x01')$$, '22P03', NULL, 'binary: version byte only');
SELECT throws_ok($$SELECT pg_temp.recv('io_a', '\x02' || substr(appeal_figures_send('review:,,,,'), 2))$$, '22P03', NULL, 'binary: version 2');
SELECT throws_ok($$SELECT pg_temp.recv('io_a', appeal_figures_send('review:,,,,') || '\x00')$$, '22P03', NULL, 'binary: one byte too many');
SELECT throws_ok($$SELECT pg_temp.recv('io_a', substr(appeal_figures_send('review:,,,,'), 1, 60))$$, '22P03', NULL, 'binary: appeal one byte short');
SELECT throws_ok($$SELECT pg_temp.recv('io_r', '\x0107')$$, '22P03', NULL, 'binary: request cut inside the format');
SELECT throws_ok($$SELECT pg_temp.recv('io_r', substr(request_figures_send('2021'), 1, 702))$$, '22P03', NULL, 'binary: request one byte short');
SELECT throws_ok($$SELECT pg_temp.recv('io_r', '\x0107e3' || substr(request_figures_send('2021'), 4))$$, '22P03', NULL,
	'binary: format 2019 with the length of 2021');
SELECT throws_ok($$SELECT pg_temp.recv('io_d', substr(disclosure_figures_send('2021'), 1, 46))$$, '22P03', NULL, 'binary: disclosure cut in the amount');
SELECT throws_ok($$SELECT pg_temp.recv('io_a', '\x01fffffffe' || substr(appeal_figures_send('review:,,,,'), 6))$$, '22003', NULL,
	'binary: count -2 is negative');
SELECT throws_ok($$SELECT pg_temp.recv('io_d', substr(disclosure_figures_send('2021'), 1, 39) || '\xfffffffffffffff0'::bytea)$$, '22003', NULL,
	'binary: negative amount');
SELECT throws_ok($$SELECT pg_temp.recv('io_d', substr(disclosure_figures_send('2021'), 1, 39) || '\x7fffffffffffffff'::bytea)$$, '22003', NULL,
	'binary: amount of 10^12 万元 or more');
SELECT throws_ok($$SELECT pg_temp.recv('io_r', '\x0107e4' || substr(request_figures_send('2021'), 4))$$, '22023', NULL, 'binary: format 2020');
SELECT throws_ok($$SELECT pg_temp.recv('io_d', '\x0107e3' || substr(disclosure_figures_send('2021'), 4))$$, '22P03', NULL,
	'binary: disclosure in format 2019 with the 2021 number of values');
-- a file whose second row is bad stores nothing
SELECT throws_ok($$SELECT pg_temp.copy_out('VALUES (appeal_figures_send(''review:1,,,,'')), (''\x01''::bytea)', 'tworows'),
	pg_temp.copy_in('io_a', 'tworows')$$, '22P03', NULL, 'binary: COPY of a good and a truncated row fails');
SELECT is((SELECT count(*)::int FROM io_a), 1, 'only the one valid crafted appeal is stored; failed COPYs left nothing');
SELECT is((SELECT count(*)::int FROM io_r) + (SELECT count(*)::int FROM io_d), 0, 'failed binary COPYs left nothing');

------------------------------------------------------------------------------
-- Bad text input
------------------------------------------------------------------------------
SELECT throws_ok(pg_catalog.format('SELECT %L::%s', lit, typ), state, NULL, 'text ' || typ || ' ' || quote_literal(lit) || ': ' || why)
FROM (VALUES
	('request_figures', '', '22P02', 'empty literal'),
	('request_figures', 'garbage', '22P02', 'no ROW:'),
	('request_figures', ':1,0,0,0,0,0,1', '22P02', 'missing row code'),
	('request_figures', '1:1,0,0,0,0,0,1|', '22P02', 'trailing bar'),
	('request_figures', '1:1,0,0,0,0,0,1|1:1,0,0,0,0,0,1', '22P02', 'row twice'),
	('request_figures', '1:1,0,0', '22P02', 'too few values'),
	('request_figures', '1:1,0,0,0,0,0,1,0', '22P02', 'too many values'),
	('appeal_figures', 'review:1,0,0,0', '22P02', 'too few values'),
	('disclosure_figures', '2.1.1:1,2', '22P02', 'too few values'),
	('request_figures', '1:-1,0,0,0,0,0,1', '22003', 'negative count'),
	('appeal_figures', 'suit:0,0,0,0,-5', '22003', 'negative count'),
	('disclosure_figures', '2.8.1:-0.5', '22003', 'negative amount'),
	('request_figures', '1:2147483648,0,0,0,0,0,1', '22003', 'count beyond int32'),
	('request_figures', '1:99999999999999999999999,,,,,,', '22003', 'huge count'),
	('disclosure_figures', '2.8.1:1000000000000', '22003', 'amount of 10^12'),
	('request_figures', '1:1.5,0,0,0,0,0,1', '22P02', 'non-integer count'),
	('request_figures', '1:a,0,0,0,0,0,1', '22P02', 'letters'),
	('request_figures', '1:+1,0,0,0,0,0,1', '22P02', 'plus sign'),
	('disclosure_figures', '2.6.1:2.0', '22P02', 'decimal count'),
	('disclosure_figures', '2.8.1:1.1234567', '22P02', 'amount with 7 decimals'),
	('disclosure_figures', '2.8.1:1e3', '22P02', 'amount in exponent notation'),
	('request_figures', '9.9:1,0,0,0,0,0,1', '22023', 'unknown row'),
	('request_figures', '3.3:1,0,0,0,0,0,1', '22023', 'group row'),
	('request_figures', '2019|3.6.1:1,0,0,0,0,0,1', '22023', '2021-only row in 2019'),
	('request_figures', '2021|3.6:1,0,0,0,0,0,1', '22023', '2019-only row in 2021'),
	('appeal_figures', 'bogus:1,0,0,0,1', '22023', 'unknown group'),
	('disclosure_figures', '2.9.1:1,1', '22023', '2019-only row'),
	('request_figures', '2020|1:1,0,0,0,0,0,1', '22023', 'unknown format'),
	('disclosure_figures', '2019|2.8.1:1', '22P02', 'disclosure 2019 format: row 2.8.1 takes two values')
) v(typ, lit, state, why);

-- a failing INSERT stores nothing
SELECT throws_ok($$INSERT INTO io_r VALUES ('1:1,,,,,,1'), ('1:1,,,,,,-1')$$, '22003', NULL, 'INSERT with a bad second row fails');
SELECT is((SELECT count(*)::int FROM io_r), 0, '... and stores no row');

------------------------------------------------------------------------------
-- Bad jsonb input
------------------------------------------------------------------------------
SELECT throws_ok(pg_catalog.format('SELECT %L::jsonb::%s', doc, typ), state, NULL, 'jsonb ' || typ || ' ' || doc || ': ' || why)
FROM (VALUES
	('request_figures', '{"1": [1,0,0]}', '22023', 'too few values in a row'),
	('request_figures', '{"format": "1999"}', '22023', 'unknown format'),
	('request_figures', '{"format": true}', '22023', 'format not a string'),
	('disclosure_figures', '{"format": "2019", "2.5.1": {"decisions": -1}}', '22003', 'disclosure 2019 format: negative decisions'),
	('request_figures', '{"x": [1,0,0,0,0,0,1]}', '22023', 'unknown row'),
	('request_figures', '{"3.5": [1,0,0,0,0,0,1]}', '22023', 'group row'),
	('disclosure_figures', '{"2.8.1": {"fee": 1}}', '22023', 'unknown column'),
	('request_figures', '[1,0,0,0,0,0,1]', '22023', 'not an object'),
	('request_figures', '7', '22023', 'scalar'),
	('request_figures', '{"1": 5}', '22023', 'row not an array'),
	('disclosure_figures', '{"2.8.1": [1]}', '22023', 'row not an object'),
	('appeal_figures', '{"review": [1,0,0,0,1]}', '22023', 'not an array'),
	('appeal_figures', '[1,2,3]', '22023', 'array of 3'),
	('appeal_figures', '[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]', '22023', 'array of 16'),
	('request_figures', '{"1": ["1",0,0,0,0,0,1]}', '22036', 'string cell'),
	('request_figures', '{"1": [true,0,0,0,0,0,1]}', '22036', 'boolean cell'),
	('request_figures', '{"1": [{},0,0,0,0,0,1]}', '22036', 'object cell'),
	('appeal_figures', '[0,0,0,0,0,0,0,0,0,0,0,0,0,0,"x"]', '22036', 'string cell'),
	('disclosure_figures', '{"2.8.1": {"amount": "1"}}', '22036', 'string amount'),
	('disclosure_figures', '{"2.6.1": {"decisions": {"n": 1}}}', '22036', 'object cell'),
	('request_figures', '{"1": [-1,0,0,0,0,0,1]}', '22003', 'negative count'),
	('appeal_figures', '[0,0,0,0,0,0,0,0,0,0,0,0,0,0,-3]', '22003', 'negative count'),
	('request_figures', '{"1": [2147483648,0,0,0,0,0,1]}', '22003', 'count beyond int32'),
	('disclosure_figures', '{"2.8.1": {"amount": 1e20}}', '22003', 'huge amount'),
	('request_figures', '{"1": [1.5,0,0,0,0,0,1]}', '22P02', 'non-integer count'),
	('disclosure_figures', '{"2.8.1": {"amount": 0.0000001}}', '22P02', 'amount finer than 6 decimals')
) v(typ, doc, state, why);
-- the error names the cell
SELECT throws_like($$SELECT '{"3.3.2": [0,0,0,-4,0,0,0]}'::jsonb::request_figures$$, '%row 3.3.2, column npo%',
	'jsonb errors name the row and column');
SELECT throws_like($$SELECT '3.3.2:0,0,0,-4,0,0,0'::request_figures$$, '%row 3.3.2, column npo%',
	'text errors name the row and column');

-- leave only empty files behind
DO $$ BEGIN PERFORM pg_temp.copy_out('SELECT 1 WHERE false', tag) FROM unnest('{crafted,tworows,roundtrip}'::text[]) tag;
	PERFORM pg_temp.copy_out('SELECT 1 WHERE false', 'text', 'text'); END $$;

SELECT * FROM finish();
ROLLBACK;
