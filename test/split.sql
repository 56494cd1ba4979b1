-- pgTAP: govinfo.split_runs — the F6 digit-run splitter.  The examples of PUBLISHED-LAYOUTS.md, runs
-- decided (or not) by the rules across rows of tables built here, table 四 as one run of 15 values,
-- separators as certain boundaries, runs of 6 cells (总计 blank), tables 二, unbalanced published
-- rows, bad arguments, bounded work on hostile runs, and random balanced tables split and compared
-- with an independent enumeration (recursive SQL over every split, govinfo.is_balanced() as the judge).
BEGIN;
SELECT plan(63);

-- the 25 rows of table 三 with cells (2021 format), and the 23 of the 2019 format
CREATE FUNCTION pg_temp.rows21() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
	SELECT '{1,2,3.1,3.2,3.3.1,3.3.2,3.3.3,3.3.4,3.3.5,3.3.6,3.3.7,3.3.8,3.4.1,3.4.2,3.4.3,3.5.1,3.5.2,3.5.3,3.5.4,3.5.5,3.6.1,3.6.2,3.6.3,3.7,4}'::text[] $$;
CREATE FUNCTION pg_temp.rows19() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
	SELECT '{1,2,3.1,3.2,3.3.1,3.3.2,3.3.3,3.3.4,3.3.5,3.3.6,3.3.7,3.3.8,3.4.1,3.4.2,3.4.3,3.5.1,3.5.2,3.5.3,3.5.4,3.5.5,3.6,3.7,4}'::text[] $$;

-- split a whole table 三: the runs given for some rows, every other row printed as seven zeros
CREATE FUNCTION pg_temp.t3(fmt text, codes text[], runs text[])
	RETURNS TABLE(row_code text, cells text, candidates text) LANGUAGE sql AS $$
	SELECT * FROM govinfo.split_runs(3, fmt,
		CASE fmt WHEN '2019' THEN pg_temp.rows19() ELSE pg_temp.rows21() END,
		ARRAY(SELECT coalesce(runs[array_position(codes, r)], '0000000')
		      FROM unnest(CASE fmt WHEN '2019' THEN pg_temp.rows19() ELSE pg_temp.rows21() END) WITH ORDINALITY u(r, i)
		      ORDER BY i)) $$;
CREATE FUNCTION pg_temp.one(part int, code text, run text) RETURNS TABLE(cells text, candidates text) LANGUAGE sql AS $$
	SELECT cells, candidates FROM govinfo.split_runs(part, '2021', ARRAY[code], ARRAY[run]) $$;

------------------------------------------------------------------------------
-- The examples of PUBLISHED-LAYOUTS.md (F6)
------------------------------------------------------------------------------
SELECT is((SELECT cells FROM pg_temp.one(3, '1', '140000014')), '14,0,0,0,0,0,14',
	'140000014 splits as 14,0,0,0,0,0,14 (the six add up to the seventh)');
SELECT is((SELECT cells FROM pg_temp.one(3, '2', '2000002')), '2,0,0,0,0,0,2', '2000002 splits as 2,0,0,0,0,0,2');
SELECT results_eq($$SELECT cells IS NULL, string_to_array(candidates, ' | ') <@ '{"12,0,0,1,0,0,13","1,2,0,0,10,0,13"}'
	                     AND string_to_array(candidates, ' | ') @> '{"12,0,0,1,0,0,13","1,2,0,0,10,0,13"}'
	              FROM pg_temp.one(3, '3.1', '120010013')$$,
	$$VALUES (true, true)$$, '120010013 alone: blank, candidates 12,0,0,1,0,0,13 and 1,2,0,0,10,0,13 exactly');
SELECT results_eq($$SELECT cells IS NULL, string_to_array(candidates, ' | ') <@ '{"3,0,0,0,1,11,15","3,0,0,0,11,1,15"}'
	                     AND string_to_array(candidates, ' | ') @> '{"3,0,0,0,1,11,15","3,0,0,0,11,1,15"}'
	              FROM pg_temp.one(3, '3.3.1', '300011115')$$,
	$$VALUES (true, true)$$, '300011115 alone: blank, candidates 3,0,0,0,1,11,15 and 3,0,0,0,11,1,15 exactly');

-- a table where rule 3.7 = sum of the leaves decides both: np 3.1 + 3.3.1 = 15 only with 12 + 3,
-- law 3.1 + 3.3.1 = 1 only with 0 + 1
SELECT results_eq($$SELECT row_code, cells, candidates FROM pg_temp.t3('2021', '{1,3.1,3.3.1,3.7}',
	'{15 0 0 1 1 11 28,120010013,300011115,15 0 0 1 1 11 28}') WHERE row_code IN ('1', '3.1', '3.3.1', '3.7')$$,
	$$VALUES ('1', '15,0,0,1,1,11,28', NULL::text), ('3.1', '12,0,0,1,0,0,13', NULL), ('3.3.1', '3,0,0,0,1,11,15', NULL),
	         ('3.7', '15,0,0,1,1,11,28', NULL)$$,
	'rule 3.7 = sum of the leaves decides 120010013 and 300011115 in one table');
SELECT is((SELECT count(*) FROM pg_temp.t3('2021', '{1,3.1,3.3.1,3.7}', '{15 0 0 1 1 11 28,120010013,300011115,15 0 0 1 1 11 28}')
	WHERE cells = '0,0,0,0,0,0,0'), 21::bigint, 'the 21 rows of zeros of that table are split too');
-- P3-BALANCE decides row 1: 1 + 2 = 3.7 + 4 with rows 2, 3.7 and 4 known
SELECT is((SELECT cells FROM pg_temp.t3('2021', '{1,3.1,3.7}', '{120010013,12 0 0 1 0 0 13,12 0 0 1 0 0 13}') WHERE row_code = '1'),
	'12,0,0,1,0,0,13', 'rule 1 + 2 = 3.7 + 4 decides row 1');
-- the same with the rows of 3.7 as a run that is itself ambiguous: the two runs decide each other
SELECT results_eq($$SELECT row_code, cells FROM pg_temp.t3('2021', '{1,3.1,3.7}', '{120010013,12 0 0 1 0 0 13,120010013}')
	WHERE row_code IN ('1', '3.7')$$,
	$$VALUES ('1', '12,0,0,1,0,0,13'), ('3.7', '12,0,0,1,0,0,13')$$,
	'two ambiguous runs (rows 1 and 3.7) are decided together by a known leaf');
-- nothing decides: 3.1 and 3.2 are 120010013 each and 3.7 only says np = 13, biz = 2, law = 10:
-- 12 + 1 and 1 + 12 both fit
SELECT results_eq($$SELECT row_code, cells, string_to_array(candidates, ' | ') FROM pg_temp.t3('2021', '{1,3.1,3.2,3.7}',
	'{13 2 0 1 10 0 26,120010013,120010013,13 2 0 1 10 0 26}') WHERE row_code IN ('1', '3.1', '3.2', '3.7') ORDER BY row_code$$,
	$$VALUES ('1', '13,2,0,1,10,0,26', NULL::text[]), ('3.1', NULL, '{"1,2,0,0,10,0,13","12,0,0,1,0,0,13"}'),
	         ('3.2', NULL, '{"1,2,0,0,10,0,13","12,0,0,1,0,0,13"}'), ('3.7', '13,2,0,1,10,0,26', NULL)$$,
	'nothing decides between 12 + 1 and 1 + 12: both runs blank, both candidates listed');
SELECT ok(govinfo.is_balanced(('2021|1:13,2,0,1,10,0,26|3.1:12,0,0,1,0,0,13|3.2:1,2,0,0,10,0,13|3.7:13,2,0,1,10,0,26|4:0,0,0,0,0,0,0')::govinfo.request_figures)
	AND govinfo.is_balanced(('2021|1:13,2,0,1,10,0,26|3.1:1,2,0,0,10,0,13|3.2:12,0,0,1,0,0,13|3.7:13,2,0,1,10,0,26|4:0,0,0,0,0,0,0')::govinfo.request_figures),
	'(check of the case above: both joint choices really balance)');
-- a row left out is unknown, not 0: rule 3.7 is not used and the run stays blank
SELECT ok((SELECT cells IS NULL FROM govinfo.split_runs(3, '2021', '{1,3.1,3.3.1,3.7}',
	'{15 0 0 1 1 11 28,120010013,300011115,15 0 0 1 1 11 28}') WHERE row_code = '3.1'),
	'without the other rows, rule 3.7 is not used: 3.1 stays blank');
-- the 2019 format: 3.6 is one leaf
SELECT results_eq($$SELECT row_code, cells FROM pg_temp.t3('2019', '{1,3.1,3.6,3.7}',
	'{15 0 0 1 1 11 28,120010013,300011115,15 0 0 1 1 11 28}') WHERE row_code IN ('3.1', '3.6')$$,
	$$VALUES ('3.1', '12,0,0,1,0,0,13'), ('3.6', '3,0,0,0,1,11,15')$$,
	'2019 format: leaf 3.6 takes part in rule 3.7 like any leaf');

------------------------------------------------------------------------------
-- Table 四 as one run of 15 values
------------------------------------------------------------------------------
SELECT is((SELECT cells FROM pg_temp.one(4, 'review:15', '100010000000000')), '1,0,0,0,1,0,0,0,0,0,0,0,0,0,0',
	'100010000000000: table 四 as one run of 15 single digits');
SELECT is((SELECT cells FROM pg_temp.one(4, 'review:15', '2500025000001300013')), '25,0,0,0,25,0,0,0,0,0,13,0,0,0,13',
	'a 19-digit run of 15 values with two-digit values: each group total is the sum of four');
SELECT is((SELECT cells FROM pg_temp.one(4, 'review:15', '25300280000017001027')), '25,3,0,0,28,0,0,0,0,0,17,0,0,10,27',
	'a 20-digit run of 15 values');
SELECT results_eq($$SELECT cells IS NULL, string_to_array(candidates, ' | ') FROM pg_temp.one(4, 'review:15', '1000010000001100011')$$,
	$$VALUES (true, '{"10,0,0,0,10,0,0,0,0,0,1,10,0,0,11","10,0,0,0,10,0,0,0,0,0,11,0,0,0,11"}'::text[])$$,
	'1000010000001100011: the third group is 1,10,0,0,11 or 11,0,0,0,11: blank, both listed');
SELECT results_eq($$SELECT row_code, cells FROM govinfo.split_runs(4, '2021', '{review,suit,suit_after_review}', '{10001,00000,2 10 0 0 12}')$$,
	$$VALUES ('review', '1,0,0,0,1'), ('suit', '0,0,0,0,0'), ('suit_after_review', '2,10,0,0,12')$$,
	'table 四 one group per run (the last with separators)');
SELECT is((SELECT cells FROM pg_temp.one(4, 'suit:10', '11002 10 0 0 0 10')), '1,1,0,0,2,10,0,0,0,10',
	'a run of two groups from suit');

------------------------------------------------------------------------------
-- Separators are certain boundaries
------------------------------------------------------------------------------
SELECT is((SELECT cells FROM pg_temp.one(3, '1', '2 000002')), '2,0,0,0,0,0,2', '2 000002');
SELECT is((SELECT cells FROM pg_temp.one(3, '1', '2 0 00 0 02')), '2,0,0,0,0,0,2', '2 0 00 0 02');
SELECT is((SELECT cells FROM pg_temp.one(3, '1', '1 20010013')), '1,2,0,0,10,0,13', 'a space after 1 decides 120010013');
SELECT ok((SELECT cells IS NULL AND candidates LIKE '%12,0,0,1,0,0,13%' AND candidates LIKE '%1,2,0,0,10,0,13%'
	FROM pg_temp.one(3, '1', '12 0010013')), 'a space after 12 does not decide (12 | 0,0,1… and 1,2 | 0,0,10…)');
SELECT is((SELECT cells FROM pg_temp.one(3, '1', E'14\t0/0、0,0 0 14')), '14,0,0,0,0,0,14', 'any non-digit is a separator');
SELECT ok((SELECT cells IS NULL AND candidates LIKE 'not split:%' FROM pg_temp.one(3, '1', '1 4 0 0 0 0 0 14')),
	'more separated pieces than cells: not split');

------------------------------------------------------------------------------
-- Runs of 6 cells (the copy leaves 总计 blank)
------------------------------------------------------------------------------
SELECT is((SELECT cells FROM pg_temp.one(3, '1:6', '120010')), '1,2,0,0,1,0', 'ncells 6: six digits, six cells');
SELECT results_eq($$SELECT cells IS NULL, string_to_array(candidates, ' | ') FROM pg_temp.one(3, '1:6', '1200100')$$,
	$$VALUES (true, '{"1,2,0,0,10,0","1,20,0,1,0,0","12,0,0,1,0,0"}'::text[])$$, 'ncells 6: 1200100 has three splits (no total to decide)');
-- in a table: the leaves without totals still decide through 3.7 (its total column is not used)
SELECT results_eq($$SELECT s.row_code, s.cells FROM govinfo.split_runs(3, '2021',
	ARRAY(SELECT r || ':6' FROM unnest(pg_temp.rows21()) WITH ORDINALITY u(r, i) ORDER BY i),
	ARRAY(SELECT CASE r WHEN '3.1' THEN '1200100' WHEN '3.3.1' THEN '3000111' WHEN '1' THEN '15 0 0 1 1 11' WHEN '3.7' THEN '15 0 0 1 1 11'
	      ELSE '000000' END FROM unnest(pg_temp.rows21()) WITH ORDINALITY u(r, i) ORDER BY i)) s
	WHERE s.row_code IN ('3.1:6', '3.3.1:6')$$,
	$$VALUES ('3.1:6', '12,0,0,1,0,0'), ('3.3.1:6', '3,0,0,0,1,11')$$,
	'a table of 6-cell runs: rule 3.7 on the six columns decides 1200100 and 3000111 (three splits each)');

------------------------------------------------------------------------------
-- Published rows that do not add up, and published tables that break a rule across rows
------------------------------------------------------------------------------
SELECT is((SELECT cells FROM pg_temp.one(3, '1', '1000002')), '1,0,0,0,0,0,2',
	'1000002 has one split only: kept as published although 1 ≠ 2');
SELECT ok((SELECT cells IS NULL AND candidates LIKE 'no split makes the row add up: %'
	AND candidates LIKE '%11,1,0,0,0,0,3%' AND candidates LIKE '%1,11,0,0,0,0,3%' FROM pg_temp.one(3, '1', '11100003')),
	'11100003: no split adds up and two exist: blank, both listed');
-- 3.7 is published wrong (np 14 where the leaves give 15): the rule is ignored, unique runs stay split
SELECT results_eq($$SELECT row_code, cells FROM pg_temp.t3('2021', '{1,3.1,3.3.1,3.7}',
	'{15 0 0 1 1 11 28,12 0 0 1 0 0 13,3 0 0 0 1 11 15,14 0 0 1 1 11 27}') WHERE row_code IN ('3.1', '3.3.1', '3.7')$$,
	$$VALUES ('3.1', '12,0,0,1,0,0,13'), ('3.3.1', '3,0,0,0,1,11,15'), ('3.7', '14,0,0,1,1,11,27')$$,
	'a published 3.7 that breaks rule 3.7 is kept as published');
-- with such a published error, an ambiguous run that the broken rule would have to decide stays blank
SELECT ok((SELECT cells IS NULL FROM pg_temp.t3('2021', '{1,3.1,3.3.1,3.7}',
	'{15 0 0 1 1 11 28,120010013,3 0 0 0 1 11 15,99 0 0 1 1 11 112}') WHERE row_code = '3.1'),
	'a rule that no split can meet decides nothing');

------------------------------------------------------------------------------
-- Table 二: no rule
------------------------------------------------------------------------------
SELECT is((SELECT cells FROM pg_temp.one(2, '2.1.1', '123')), '1,2,3', 'table 二: three single digits for three cells');
SELECT ok((SELECT cells IS NULL AND candidates LIKE '%1,2,10%' AND candidates LIKE '%12,1,0%' AND candidates LIKE '%1,21,0%'
	FROM pg_temp.one(2, '2.1.1', '1210')), 'table 二: 1210 splits three ways and nothing decides');
SELECT is((SELECT cells FROM pg_temp.one(2, '2.8.1', '12.5')), '12.5', 'table 二: the amount keeps its decimals');
SELECT is((SELECT cells FROM govinfo.split_runs(2, '2019', '{2.5.1}', '{5-23}')), '5,-2,3',
	'2019 table 二: a sign starts the signed 本年增/减 cell (5, -2, 3)');
SELECT ok((SELECT cells IS NULL FROM govinfo.split_runs(2, '2019', '{2.5.1}', '{5123}')), '2019 table 二: 5123 is ambiguous');

------------------------------------------------------------------------------
-- Bounded work: hostile runs return at once
------------------------------------------------------------------------------
SELECT ok((SELECT cells IS NULL AND candidates LIKE 'not split:%' FROM pg_temp.one(3, '1', repeat('1234567890', 104858))),
	'a 1 MB run of digits returns, not split');
SELECT ok((SELECT cells IS NULL AND candidates LIKE 'not split:%' FROM pg_temp.one(3, '1', repeat('1 ', 524288))),
	'a 1 MB run of separated digits returns, not split');
SELECT ok((SELECT cells IS NULL AND candidates LIKE 'not split:%' FROM pg_temp.one(4, 'review:15', repeat('1', 100))),
	'100 ones into 15 cells: more splits than searched, not split');
SELECT ok((SELECT cells IS NULL AND candidates IS NOT NULL FROM pg_temp.one(4, 'review:15', repeat('10', 15))),
	'thirty digits of 10 into 15 cells: returns, blank');
SELECT is((SELECT count(*) FROM govinfo.split_runs(3, '2021', pg_temp.rows21(),
	ARRAY(SELECT repeat('1', 12 + i % 5) FROM generate_series(1, 25) i))), 25::bigint,
	'a table of 25 hostile runs returns one row per run');
SELECT is((SELECT count(*) FROM govinfo.split_runs(3, '2021', pg_temp.rows21(),
	ARRAY(SELECT '100' || repeat('0', i % 3) || '1' FROM generate_series(1, 25) i))), 25::bigint,
	'a table of 25 runs with many candidates each returns');

------------------------------------------------------------------------------
-- Bad arguments
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT * FROM govinfo.split_runs(5, '2021', '{1}', '{1}')$$, '22023', NULL, 'part 5 has no table: 22023');
SELECT throws_ok($$SELECT * FROM govinfo.split_runs(3, '2020', '{1}', '{1}')$$, '22023', NULL, 'unknown format: 22023');
SELECT throws_ok($$SELECT * FROM govinfo.split_runs(3, '2021', '{1,2}', '{1}')$$, '2202E',
	'row_codes has 2 elements but runs has 1', 'arrays of different lengths: 2202E');
SELECT throws_ok($$SELECT * FROM govinfo.split_runs(3, '2021', '{1:14,2}', '{1,2}')$$, '22023',
	'the runs of "1:14" and "2" overlap at row 2, column np of request_figures', 'overlapping runs: 22023 naming both');
SELECT throws_ok($$SELECT * FROM govinfo.split_runs(3, '2021', '{3.3}', '{1}')$$, '22023', NULL, 'a group row: 22023');
SELECT throws_ok($$SELECT * FROM govinfo.split_runs(3, '2019', '{3.6.1}', '{1}')$$, '22023', NULL, '3.6.1 in the 2019 format: 22023');
SELECT throws_ok($$SELECT * FROM govinfo.split_runs(3, '2021', '{1:0}', '{1}')$$, '22023', NULL, 'a run of 0 cells: 22023');
SELECT throws_ok($$SELECT * FROM govinfo.split_runs(3, '2021', '{4:8}', '{1}')$$, '22023', NULL, 'a run past the last cell: 22023');
SELECT throws_ok($$SELECT * FROM govinfo.split_runs(3, '2021', '{1}', ARRAY[NULL::text])$$, '22004', NULL, 'a null run: 22004');
SELECT is((SELECT count(*) FROM govinfo.split_runs(3, '2021', '{}', '{}')), 0::bigint, 'no runs: no rows');
SELECT is((SELECT count(*) FROM govinfo.split_runs(3, '2021', NULL, '{}')), 0::bigint, 'STRICT: a null argument gives no rows');

------------------------------------------------------------------------------
-- Random balanced tables 三: split, then compare with an independent enumeration
------------------------------------------------------------------------------
-- every split of s into k numbers (no leading zero, at most 2147483647); a space is a boundary.  When
-- grp > 0, every grp-th number must be the sum of the grp - 1 before it (the row or group total): a
-- pruning of the enumeration only, the results are judged by govinfo.is_balanced() below.
CREATE FUNCTION pg_temp.splits(s text, k int, grp int) RETURNS SETOF bigint[] LANGUAGE sql AS $$
	WITH RECURSIVE sp(pos, vals) AS (
		SELECT 1, ARRAY[]::bigint[]
		UNION ALL
		SELECT CASE WHEN substr(s, pos + w, 1) = ' ' THEN pos + w + 1 ELSE pos + w END, vals || substr(s, pos, w)::bigint
		FROM sp, generate_series(1, 10) w
		WHERE cardinality(vals) < k AND pos + w - 1 <= length(s) AND strpos(substr(s, pos, w), ' ') = 0
		  AND (w = 1 OR substr(s, pos, 1) <> '0') AND substr(s, pos, w)::bigint <= 2147483647
		  -- what is left can still hold the cells left
		  AND length(s) - (pos + w) + 1 BETWEEN k - cardinality(vals) - 1 AND (k - cardinality(vals) - 1) * 11
		  AND (grp = 0 OR (cardinality(vals) + 1) % grp <> 0
		       OR substr(s, pos, w)::bigint = (SELECT sum(x) FROM unnest(vals[cardinality(vals) + 2 - grp : cardinality(vals)]) x)))
	SELECT vals FROM sp WHERE cardinality(vals) = k AND pos = length(s) + 1 $$;

-- the cells of a row printed as one run, a space between two cells one time in p
CREATE FUNCTION pg_temp.print(cells int[], p float8) RETURNS text LANGUAGE sql VOLATILE AS $$
	SELECT string_agg(c::text || CASE WHEN i < cardinality(cells) AND random() < p THEN ' ' ELSE '' END, '' ORDER BY i)
	FROM unnest(cells) WITH ORDINALITY u(c, i) $$;

-- a random balanced table 三 (2021): 1–3 non-zero leaves, row 4 and row 2 random, row 1 to balance
CREATE FUNCTION pg_temp.random_t3() RETURNS int[] LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	pool int[] := '{0,0,0,0,0,0,1,1,2,3,10,11,12,20}';
	v int[] := array_fill(0, ARRAY[25, 7]);
	handled int;
BEGIN
	FOR k IN 1 .. 1 + floor(random() * 3)::int LOOP
		DECLARE r int := 3 + floor(random() * 21)::int;
		BEGIN
			FOR c IN 1 .. 6 LOOP
				v[r][c] := pool[1 + floor(random() * cardinality(pool))::int];
			END LOOP;
		END;
	END LOOP;
	FOR c IN 1 .. 6 LOOP
		handled := 0;
		FOR r IN 3 .. 23 LOOP
			handled := handled + v[r][c];
		END LOOP;
		v[24][c] := handled;
		v[25][c] := pool[1 + floor(random() * cardinality(pool))::int];
		v[2][c] := least(pool[1 + floor(random() * cardinality(pool))::int], handled + v[25][c]);
		v[1][c] := handled + v[25][c] - v[2][c];
	END LOOP;
	FOR r IN 1 .. 25 LOOP
		v[r][7] := v[r][1] + v[r][2] + v[r][3] + v[r][4] + v[r][5] + v[r][6];
	END LOOP;
	RETURN v;
END $$;

CREATE TEMP TABLE got (ord int, cells text, candidates text);
CREATE TEMP TABLE cand (ord int, code text, c text);

-- Split one random table and judge the result independently.  sound: every split run equals the
-- original row.  exact (NULL when the joint enumeration would exceed 3000 choices): a run is split
-- if and only if exactly one of its row-balanced splits takes part in a joint choice of all runs
-- that govinfo.is_balanced() accepts.  Also: runs with two or more splits of their own that were
-- split (decided across rows), and runs left blank.
CREATE FUNCTION pg_temp.check_t3(v int[], p float8, OUT sound boolean, OUT exact boolean, OUT decided int, OUT blank int)
	LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	codes text[] := pg_temp.rows21();
	runs text[];
	orig text[];
	res record;
	nchoices numeric;
BEGIN
	runs := ARRAY(SELECT pg_temp.print(v[r:r][1:7], p) FROM generate_series(1, 25) r ORDER BY r);
	orig := ARRAY(SELECT array_to_string(v[r:r][1:7], ',') FROM generate_series(1, 25) r ORDER BY r);
	TRUNCATE got, cand;
	INSERT INTO got SELECT i, s.cells, s.candidates
		FROM govinfo.split_runs(3, '2021', codes, runs) WITH ORDINALITY s(row_code, cells, candidates, i);
	sound := NOT EXISTS (SELECT FROM got WHERE cells IS NOT NULL AND cells <> orig[ord]);
	blank := (SELECT count(*) FROM got WHERE cells IS NULL);

	INSERT INTO cand SELECT i, codes[i], array_to_string(x, ',')
		FROM generate_series(1, 25) i, LATERAL pg_temp.splits(runs[i], 7, 7) x
		WHERE x[7] = x[1] + x[2] + x[3] + x[4] + x[5] + x[6];
	decided := (SELECT count(*) FROM got WHERE cells IS NOT NULL AND (SELECT count(*) FROM cand WHERE cand.ord = got.ord) > 1);
	SELECT exp(sum(ln(n))) INTO nchoices FROM (SELECT count(*) AS n FROM cand GROUP BY ord) q;
	IF nchoices > 3000 THEN
		exact := NULL;
		RETURN;
	END IF;
	WITH RECURSIVE combo(ord, txt, picks) AS (
		SELECT 0, '2021'::text, ARRAY[]::text[]
		UNION ALL
		SELECT cand.ord, combo.txt || '|' || cand.code || ':' || cand.c, combo.picks || cand.c
		FROM combo JOIN cand ON cand.ord = combo.ord + 1),
	good AS (SELECT picks FROM combo WHERE ord = 25 AND govinfo.is_balanced(txt::govinfo.request_figures)),
	per_run AS (SELECT i, count(DISTINCT picks[i]) AS n, min(picks[i]) AS only FROM good, generate_series(1, 25) i GROUP BY i)
	SELECT bool_and(CASE WHEN per_run.n = 1 THEN got.cells IS NOT DISTINCT FROM per_run.only
	                     ELSE got.cells IS NULL AND per_run.n > 1 END)
	INTO exact FROM got JOIN per_run ON per_run.i = got.ord;
END $$;

SELECT setseed(0.4242);
CREATE TEMP TABLE t3_results AS
	SELECT n, (pg_temp.check_t3(pg_temp.random_t3(), CASE WHEN n % 3 = 0 THEN 0.15 ELSE 0 END)).* FROM generate_series(1, 40) n;
SELECT is((SELECT count(*) FROM t3_results WHERE NOT sound), 0::bigint,
	'random tables 三 (40): every split run equals the original row');
SELECT is((SELECT count(*) FROM t3_results WHERE NOT exact), 0::bigint,
	'random tables 三: a run is split exactly when one joint choice of all runs balances (independent enumeration)');
SELECT cmp_ok((SELECT count(*) FROM t3_results WHERE exact IS NOT NULL), '>=', 30::bigint,
	'random tables 三: at least 30 of 40 were small enough to enumerate');
SELECT cmp_ok((SELECT sum(decided) FROM t3_results), '>', 0::bigint,
	'random tables 三: some runs with several splits of their own were decided across rows');
SELECT cmp_ok((SELECT sum(blank) FROM t3_results), '>', 0::bigint,
	'random tables 三: some runs stayed blank (the checks above compared both outcomes)');

------------------------------------------------------------------------------
-- Random tables 四 printed as one run of 15 values
------------------------------------------------------------------------------
CREATE FUNCTION pg_temp.random_t4() RETURNS int[] LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	pool int[] := '{0,0,0,0,1,2,3,10,11,12,25}';
	v int[] := '{}';
BEGIN
	FOR g IN 1 .. 3 LOOP
		DECLARE a int[] := ARRAY(SELECT pool[1 + floor(random() * cardinality(pool))::int] FROM generate_series(1, 4));
		BEGIN
			v := v || a || (a[1] + a[2] + a[3] + a[4]);
		END;
	END LOOP;
	RETURN v;
END $$;
CREATE FUNCTION pg_temp.t4_text(x bigint[]) RETURNS text LANGUAGE sql AS $$
	SELECT format('review:%s|suit:%s|suit_after_review:%s', array_to_string(x[1:5], ','), array_to_string(x[6:10], ','),
	              array_to_string(x[11:15], ',')) $$;

SELECT setseed(0.1717);
CREATE TEMP TABLE t4_cases AS
	SELECT n, v, pg_temp.print(v, CASE WHEN n % 4 = 0 THEN 0.2 ELSE 0 END) AS run
	FROM (SELECT n, pg_temp.random_t4() AS v FROM generate_series(1, 60) n) q;
CREATE TEMP TABLE t4_results AS
	SELECT c.n, c.v, c.run, s.cells, s.candidates,
		(SELECT array_agg(array_to_string(x, ',')) FROM pg_temp.splits(c.run, 15, 5) x
		 WHERE govinfo.is_balanced(pg_temp.t4_text(x)::govinfo.appeal_figures)) AS balanced
	FROM t4_cases c, LATERAL pg_temp.one(4, 'review:15', c.run) s;
SELECT is((SELECT count(*) FROM t4_results WHERE cells IS NOT NULL AND cells <> array_to_string(v, ',')), 0::bigint,
	'random tables 四 (60): every split run equals the original');
SELECT is((SELECT count(*) FROM t4_results WHERE (cells IS NOT NULL) <> (cardinality(balanced) = 1)), 0::bigint,
	'random tables 四: split exactly when one split balances every group (independent enumeration)');
SELECT is((SELECT count(*) FROM t4_results WHERE cells IS NULL
	AND NOT string_to_array(candidates, ' | ') @> (CASE WHEN cardinality(balanced) <= 8 THEN balanced ELSE '{}' END)), 0::bigint,
	'random tables 四: a blank run lists every balanced split');
SELECT cmp_ok((SELECT count(*) FROM t4_results WHERE cells IS NULL), '>', 0::bigint, 'random tables 四: some stayed blank');
SELECT cmp_ok((SELECT count(*) FROM t4_results WHERE cells IS NOT NULL AND length(replace(run, ' ', '')) >= 17), '>', 0::bigint,
	'random tables 四: some runs of 17 digits or more were split');

SELECT * FROM finish();
ROLLBACK;
