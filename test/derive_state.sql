-- pgTAP: the transition state of request_figures_agg (0.7.0, src/derive_state.c): counters of one,
-- two or four bytes widened as counts grow (never wrapped), serialized as the non-zero cells for
-- parallel plans and combined from partial states. Every result is compared with an independent
-- count in plain SQL, serially and under forced parallel plans (partial states serialized by the
-- workers, deserialized and combined by the leader).
BEGIN;
SET search_path = govinfo, public;
SELECT plan(21);

\ir lib/parallel.sql

-- a plain table (parallel workers cannot read temporary tables), gone with the ROLLBACK
CREATE TABLE public.drv_app (agency_id bigint, received_on date, closed_on date, applicant govinfo.applicant, outcome govinfo.outcome);
-- cells at the widening points: 70,000 (past 65,535: four bytes), 300 (past 255: two bytes), exactly
-- 255 (the most one byte holds) and 256
INSERT INTO drv_app SELECT 1, DATE '2021-03-01', DATE '2021-04-01', 'np', '3.1' FROM generate_series(1, 70000);
INSERT INTO drv_app SELECT 2, DATE '2020-12-01', NULL, 'biz', NULL FROM generate_series(1, 300);
INSERT INTO drv_app SELECT 3, DATE '2021-05-01', DATE '2022-01-10', 'res', '3.2' FROM generate_series(1, 255);
INSERT INTO drv_app SELECT 4, DATE '2021-05-01', DATE '2021-06-10', 'law', '3.6.1' FROM generate_series(1, 256);
-- 2,000 agencies with 0-39 applications each, every applicant and outcome, dates around the years
INSERT INTO drv_app
SELECT 10 + g % 2000, r, CASE WHEN h % 7 = 0 THEN NULL ELSE r + (h % 400)::int END,
	(ARRAY['np', 'biz', 'res', 'npo', 'law', 'oth'])[1 + h % 6]::govinfo.applicant,
	CASE WHEN h % 7 = 0 THEN NULL ELSE o.codes[1 + (h / 7) % array_length(o.codes, 1)]::govinfo.outcome END
FROM generate_series(1, 40000) g,
	LATERAL (SELECT abs(hashint4(g)) AS h) x,
	LATERAL (SELECT DATE '2019-06-01' + (x.h % 1000)::int AS r) d,
	(SELECT array_agg(code ORDER BY ord) AS codes FROM govinfo.row_catalog('2021')
	 WHERE part = 3 AND code LIKE '3.%' AND code <> '3.7' AND kind <> 'group') o
WHERE (g % 2000) < 1000 OR x.h % 3 = 0;
ANALYZE drv_app;

-- the independent count: per application the rows it counts in (long form), per agency, row, applicant
CREATE FUNCTION pg_temp.expect(y int) RETURNS TABLE(agency_id bigint, row_code text, col text, n bigint) LANGUAGE sql AS $$
	SELECT a.agency_id, r.row_code, a.applicant::text, count(*)
	FROM drv_app a CROSS JOIN LATERAL (VALUES
		(CASE WHEN a.received_on >= make_date(y, 1, 1) THEN '1' ELSE '2' END),
		(CASE WHEN a.closed_on < make_date(y + 1, 1, 1) THEN a.outcome::text ELSE '4' END),
		(CASE WHEN a.closed_on < make_date(y + 1, 1, 1) THEN '3.7' END)) r(row_code)
	WHERE a.received_on < make_date(y + 1, 1, 1) AND (a.closed_on IS NULL OR a.closed_on >= make_date(y, 1, 1))
	  AND r.row_code IS NOT NULL
	GROUP BY 1, 2, 3 $$;
-- the non-zero applicant cells of a result table (agency_id, f)
CREATE FUNCTION pg_temp.cells(tbl text, y int) RETURNS TABLE(agency_id bigint, row_code text, col text, n bigint) LANGUAGE plpgsql AS $$
DECLARE fmt text := CASE WHEN y < 2021 THEN '2019' ELSE '2021' END;
BEGIN
	RETURN QUERY EXECUTE format($q$SELECT t.agency_id, r.code, c.code, govinfo.cell(t.f, r.code, c.code)::bigint
		FROM %I t, govinfo.row_catalog(%L) r, govinfo.column_catalog(%L) c
		WHERE r.part = 3 AND r.kind <> 'group' AND c.part = 3 AND c.code <> 'total'
		  AND govinfo.cell(t.f, r.code, c.code) <> 0$q$, tbl, fmt, fmt);
END $$;
CREATE FUNCTION pg_temp.q(y int) RETURNS text LANGUAGE sql
	RETURN format('SELECT agency_id, govinfo.request_figures_agg(%s, received_on, closed_on, applicant, outcome) AS f
		FROM drv_app WHERE received_on < DATE %L AND coalesce(closed_on, ''infinity'') >= DATE %L GROUP BY agency_id',
		y, make_date(y + 1, 1, 1), make_date(y, 1, 1));

------------------------------------------------------------------------------
-- 1. Serial plans
------------------------------------------------------------------------------
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT doesnt_match(pg_temp.plan_of(pg_temp.q(2021)), 'Partial', 'serial plan: no partial aggregate');
DO $$ BEGIN EXECUTE 'CREATE TEMP TABLE ser21 AS ' || pg_temp.q(2021); END $$;
DO $$ BEGIN EXECUTE 'CREATE TEMP TABLE ser20 AS ' || pg_temp.q(2020); END $$;
SELECT set_eq('SELECT * FROM pg_temp.cells(''ser21'', 2021)', 'SELECT * FROM pg_temp.expect(2021)',
	'serial, 2021 format: every non-zero applicant cell equals the plain SQL count');
SELECT set_eq($$SELECT * FROM pg_temp.cells('ser20', 2020) WHERE row_code IN ('1', '2', '3.7', '4')$$,
	$$SELECT * FROM pg_temp.expect(2020) WHERE row_code IN ('1', '2', '3.7', '4')$$,
	'serial, 2019 format (report year 2020): rows 1, 2, 3.7 and 4 equal the plain SQL count, cell by cell');
SELECT is((SELECT count(*) FROM ser21 WHERE NOT govinfo.is_balanced(f)), 0::bigint, 'serial: every derived value is balanced');
SELECT is((SELECT (cell(f, '1', 'np'), cell(f, '3.1', 'np'), cell(f, '3.7', 'total'), cell(f, '1', 'total'))::text FROM ser21 WHERE agency_id = 1),
	'(70000,70000,70000,70000)', 'a cell past 65,535 (four-byte counters) counts every application');
SELECT is((SELECT (cell(f, '2', 'biz'), cell(f, '4', 'biz'))::text FROM ser21 WHERE agency_id = 2), '(300,300)',
	'a cell past 255 (two-byte counters) counts every application');
SELECT is((SELECT (cell(f, '1', 'res'), cell(f, '4', 'res'))::text FROM ser21 WHERE agency_id = 3), '(255,255)',
	'a cell at 255, the most a one-byte counter holds');
SELECT is((SELECT (cell(f, '1', 'law'), cell(f, '3.6.1', 'law'), cell(f, '3.7', 'law'))::text FROM ser21 WHERE agency_id = 4), '(256,256,256)',
	'a cell at 256 does not wrap to 0');
SELECT is((SELECT count(*) FROM ser20 WHERE NOT govinfo.is_balanced(f)), 0::bigint, 'serial, 2019 format: every derived value is balanced');

------------------------------------------------------------------------------
-- 2. Forced parallel plans: partial states serialized, deserialized, combined
------------------------------------------------------------------------------
CALL pg_temp.force_parallel('on');
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;
SELECT matches(pg_temp.plan_of(pg_temp.q(2021)), 'Partial (Hash|Group)?Aggregate', 'parallel plan: a Partial Aggregate under a Gather');
DO $$ BEGIN EXECUTE 'CREATE TEMP TABLE par21 AS ' || pg_temp.q(2021); END $$;
DO $$ BEGIN EXECUTE 'CREATE TEMP TABLE par20 AS ' || pg_temp.q(2020); END $$;
CREATE TEMP TABLE par_one AS SELECT govinfo.request_figures_agg(2021, received_on, closed_on, applicant, outcome) AS f FROM drv_app;
CREATE TEMP TABLE par_empty AS SELECT govinfo.request_figures_agg(2021, received_on, closed_on, applicant, outcome) AS f FROM drv_app WHERE agency_id < 0;
SELECT matches(pg_temp.plan_of('SELECT govinfo.request_figures_agg(2021, received_on, closed_on, applicant, outcome) FROM drv_app'),
	'Partial Aggregate', '... and over the whole table, without GROUP BY');
CALL pg_temp.force_parallel('off');
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SELECT set_eq('SELECT * FROM pg_temp.cells(''par21'', 2021)', 'SELECT * FROM pg_temp.expect(2021)',
	'parallel, 2021 format: every non-zero applicant cell equals the plain SQL count');
SELECT set_eq($$SELECT * FROM pg_temp.cells('par20', 2020) WHERE row_code IN ('1', '2', '3.7', '4')$$,
	$$SELECT * FROM pg_temp.expect(2020) WHERE row_code IN ('1', '2', '3.7', '4')$$,
	'parallel, 2019 format: rows 1, 2, 3.7 and 4 equal the plain SQL count, cell by cell');
SELECT set_eq('SELECT agency_id, f::text FROM par21', 'SELECT agency_id, f::text FROM ser21', 'parallel = serial, value for value (2021)');
SELECT set_eq('SELECT agency_id, f::text FROM par20', 'SELECT agency_id, f::text FROM ser20', 'parallel = serial, value for value (2019 format)');
SELECT is((SELECT f FROM par_one), (SELECT sum(f) FROM ser21),
	'parallel over the whole table (states of every width combined) = the sum of the per-agency values');
SELECT is((SELECT cell(f, '1', 'np') FROM par_one), (SELECT count(*)::int FROM drv_app WHERE received_on >= '2021-01-01' AND received_on < '2022-01-01' AND applicant = 'np'),
	'... its row 1, np equals the plain count (past 65,535 after combining)');
SELECT is((SELECT f FROM par_empty), NULL, 'no application at all: NULL, serial or parallel');

------------------------------------------------------------------------------
-- 3. Errors and edge cases
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT govinfo.request_figures_agg(y, DATE '2020-05-01', NULL, 'np', NULL) FROM (VALUES (2020), (2021)) v(y)$$,
	'22023', 'request_figures_agg was given report years of both formats in one group', 'report years of both formats in one group are refused');
SELECT is(request_figures_agg(2021, NULL, NULL, NULL, NULL), request_figures_agg(2021, DATE '2018-01-01', DATE '2018-01-02', 'np', '3.1'),
	'a row that counts nowhere still gives the zero value of its format');
SELECT is((SELECT (cell(f, '1', 'np'), cell(f, '1', 'total'), cell(f, '2', 'total'), cell(f, '3.7', 'total'), cell(f, '4', 'np'), cell(f, '4', 'total'))::text
	FROM (SELECT request_figures_agg(2021, DATE '2021-01-01', NULL, 'np', NULL) AS f) x), '(1,1,0,0,1,1)',
	'one open application: rows 1 and 4, with their totals');

SELECT * FROM finish();
ROLLBACK;
