-- bench/calendar.sh: generation, timings (EXPLAIN (ANALYZE, TIMING OFF): planning + execution, the
-- statement runs completely and builds its rows; median of :runs after one warm-up, the variants of a
-- measurement interleaved), cross-checks.
\set QUIET 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS govinfo;
\timing on
-- agencies: 1 province, 20 cities, 400 counties, the rest townships and departments under a county
INSERT INTO govinfo.agency (agency_id, code, name, parent_id)
SELECT k, 'a' || k, '机关' || k,
	CASE WHEN k = 1 THEN NULL WHEN k <= 21 THEN 1 WHEN k <= 421 THEN 2 + k % 20 ELSE 22 + abs(hashint4(k)) % 400 END
FROM generate_series(1, :agencies) k;
-- applications: skewed over agencies, received 2019-2025, answered after 1-60 days (5 % extended),
-- 5 % corrected; a snapshot as of 2026-01-31: later closings are open
INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on, corrected_on, extended)
SELECT agency_id, received_on, 'np', CASE WHEN closed_on <= '2026-01-31' THEN '3.1'::govinfo.outcome END,
	CASE WHEN closed_on <= '2026-01-31' THEN closed_on END,
	CASE WHEN h % 20 = 0 THEN received_on + h % 4 END, h % 20 = 1
FROM (SELECT 1 + floor(:agencies * power((abs(hashint4(i)) % 1000003) / 1000003.0, 3))::bigint AS agency_id,
	date '2019-01-01' + abs(hashint4(i + 7)) % 2557 AS received_on,
	date '2019-01-01' + abs(hashint4(i + 7)) % 2557 + 4 + abs(hashint4(i + 11)) % 3 * (abs(hashint4(i + 13)) % 20) AS closed_on,
	abs(hashint4(i + 17)) AS h
	FROM generate_series(1, :applications) i ORDER BY 2) x;
INSERT INTO govinfo.application_consultation (application_id, started_on, ended_on)
SELECT application_id, coalesce(corrected_on, received_on) + 2, coalesce(corrected_on, received_on) + 9
FROM govinfo.application WHERE application_id % 100 = 7;
VACUUM ANALYZE govinfo.application;
VACUUM ANALYZE govinfo.application_consultation;
VACUUM ANALYZE govinfo.agency;
\timing off
SELECT count(*) AS applications, count(*) FILTER (WHERE closed_on IS NULL) AS open,
	(SELECT count(*) FROM govinfo.application_consultation) AS consultations, (SELECT count(*) FROM govinfo.agency) AS agencies
FROM govinfo.application;

CREATE TEMP TABLE q (m text, variant text, sql text, serial boolean DEFAULT false);
INSERT INTO q VALUES
	('1 add_workdays over a column', 'add_workdays(received_on, 20)', 'SELECT max(govinfo.add_workdays(received_on, 20)) FROM govinfo.application', false),
	('1 add_workdays over a column', 'received_on + 20', 'SELECT max(received_on + 20) FROM govinfo.application', false),
	('1 add_workdays over a column, serial', 'add_workdays(received_on, 20)', 'SELECT max(govinfo.add_workdays(received_on, 20)) FROM govinfo.application', true),
	('1 add_workdays over a column, serial', 'received_on + 20', 'SELECT max(received_on + 20) FROM govinfo.application', true),
	('1 both in one query, serial', 'add_workdays + date + integer', 'SELECT max(govinfo.add_workdays(received_on, 20)), max(received_on + 20) FROM govinfo.application', true),
	('2 the deadline view', 'SELECT * FROM application_deadline', 'SELECT * FROM govinfo.application_deadline', false),
	('2 the deadline view', 'plain scan of the same columns', 'SELECT application_id, agency_id, received_on, corrected_on, closed_on, extended FROM govinfo.application', false),
	('2 the deadline view', 'floor: 11 columns of built-in expressions', $$SELECT application_id, agency_id, received_on, coalesce(corrected_on, received_on), received_on + 20, closed_on, CASE WHEN closed_on IS NULL THEN 'open' ELSE 'closed_on_time' END, closed_on - received_on, 0, extended, 0 FROM govinfo.application$$, false),
	('2 the deadline view, aggregated', 'view: count by status, sum of working days', 'SELECT status, count(*), sum(workdays_taken), max(due_on) FROM govinfo.application_deadline GROUP BY status', false),
	('2 the deadline view, aggregated', 'plain: the same over the columns', 'SELECT closed_on IS NULL, count(*), sum(closed_on - received_on), max(coalesce(corrected_on, received_on) + 28) FROM govinfo.application GROUP BY 1', false),
	('3 timeliness_by_agency(2024)', 'every agency with its descendants', 'SELECT * FROM govinfo.timeliness_by_agency(2024)', false),
	('4 timeliness(root, 2024)', 'the root agency: every application', 'SELECT * FROM govinfo.timeliness(''a1'', 2024)', false);

CREATE FUNCTION pg_temp.ms(sql text, serial boolean) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE j json;
BEGIN
	PERFORM set_config('max_parallel_workers_per_gather', CASE WHEN serial THEN '0' ELSE '2' END, true);
	EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || sql INTO j;
	RETURN (j->0->>'Planning Time')::float8 + (j->0->>'Execution Time')::float8;
END $$;
CREATE TEMP TABLE t (m text, variant text, run int, ms float8);
DO $$
DECLARE r record; runs int := current_setting('bench.runs')::int;
BEGIN
	FOR i IN 0 .. runs LOOP
		FOR r IN SELECT * FROM q LOOP
			INSERT INTO t VALUES (r.m, r.variant, i, pg_temp.ms(r.sql, r.serial));
		END LOOP;
	END LOOP;
END $$;
\pset footer off
\echo
\echo 'Timings (ms, median of the runs after one warm-up)'
SELECT m AS measurement, variant, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS median_ms,
	round(min(ms)::numeric, 1) AS min_ms, round(max(ms)::numeric, 1) AS max_ms
FROM t WHERE run > 0 GROUP BY m, variant ORDER BY m, median_ms DESC;
\echo 'Ratios'
WITH med AS (SELECT m, variant, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM t WHERE run > 0 GROUP BY m, variant)
SELECT a.m AS measurement, round((a.ms / b.ms)::numeric, 2) AS ratio, a.variant || ' / ' || b.variant AS of
FROM med a JOIN med b ON a.m = b.m AND a.variant <> b.variant
WHERE a.variant IN ('add_workdays(received_on, 20)', 'SELECT * FROM application_deadline', 'view: count by status, sum of working days')
ORDER BY 1;

\echo 'Cross-checks'
SELECT (SELECT count(*) FROM govinfo.application_deadline) = (SELECT count(*) FROM govinfo.application) AS view_has_every_row,
	(SELECT closed FROM govinfo.timeliness_by_agency(2024) WHERE agency_id = 1)
	  = (SELECT count(*) FROM govinfo.application WHERE closed_on BETWEEN '2024-01-01' AND '2024-12-31') AS root_counts_every_2024_closing,
	(SELECT count(*) FROM govinfo.timeliness_by_agency(2024)) = (SELECT count(*) FROM govinfo.agency) AS one_row_per_agency,
	(SELECT row(t.*)::text FROM govinfo.timeliness('a21', 2024) t)
	  = (SELECT row(closed, on_time, on_time_pct, extended, median_workdays, p90_workdays, open_overdue)::text
	     FROM govinfo.timeliness_by_agency(2024) WHERE code = 'a21') AS by_agency_equals_timeliness;

\echo 'Plan of the view (serial)'
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) SELECT * FROM govinfo.application_deadline;
\echo 'Plans of timeliness and timeliness_by_agency (both inlined)'
RESET max_parallel_workers_per_gather;
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM govinfo.timeliness('a1', 2024);
EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM govinfo.timeliness_by_agency(2024);
