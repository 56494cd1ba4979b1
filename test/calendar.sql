-- pgTAP: the working-day calendar of 0.5.0 — the shipped notices, spot checks across Spring
-- Festivals, National Days, 2020's extended Spring Festival, year boundaries and the 2025 rule change,
-- the inverse properties of add_workdays and workdays_between on every date of 2019-2026, an
-- independent SQL implementation over the table, the error past the known calendar, a year added by
-- INSERT in the same session, parallel workers, and pg_dump registration.
BEGIN;
SET search_path = govinfo, public;
SELECT plan(66);

-- an independent implementation: straight from the table and the day of the week, one day at a time
CREATE FUNCTION pg_temp.sql_is_workday(d date) RETURNS boolean LANGUAGE sql STABLE AS $$
	SELECT coalesce((SELECT c.kind = 'workday' FROM govinfo.workday_calendar c WHERE c.day = d),
	                extract(isodow FROM d) < 6) $$;
CREATE FUNCTION pg_temp.sql_add_workdays(d date, n integer) RETURNS date LANGUAGE sql STABLE AS $$
	SELECT x::date FROM generate_series(CASE WHEN n = 0 THEN d ELSE d + 1 END, d + 3 * n + 40, interval '1 day') x
	WHERE pg_temp.sql_is_workday(x::date) ORDER BY x OFFSET greatest(n - 1, 0) LIMIT 1 $$;
CREATE FUNCTION pg_temp.sql_workdays_between(a date, b date) RETURNS integer LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN b >= a THEN (SELECT count(*) FROM generate_series(a + 1, b, interval '1 day') x WHERE pg_temp.sql_is_workday(x::date))
	            ELSE -(SELECT count(*) FROM generate_series(b + 1, a, interval '1 day') x WHERE pg_temp.sql_is_workday(x::date)) END::integer $$;
CREATE TEMP TABLE days AS SELECT d::date AS d FROM generate_series(date '2019-01-01', date '2026-12-31', interval '1 day') d;

------------------------------------------------------------------------------
-- the table and its coverage
------------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM workday_calendar WHERE shipped), 295::bigint, 'calendar: the 295 rows of the notices 2019-2026 are shipped');
SELECT is(calendar_known_from(), DATE '2019-01-01', 'calendar: known from 1 January 2019 (the 2018 rows of the 2019 notice do not make 2018 known)');
SELECT is(calendar_known_until(), DATE '2026-12-31', 'calendar: known until 31 December 2026');
SELECT is((SELECT count(*) FROM workday_calendar WHERE kind = 'workday' AND NOT is_workday(day) AND day >= '2019-01-01'), 0::bigint,
	'notices: every make-up Saturday and Sunday is a working day');
SELECT is((SELECT count(*) FROM workday_calendar WHERE kind = 'workday' AND extract(isodow FROM day) < 6), 0::bigint,
	'notices: every make-up day is a Saturday or a Sunday');
SELECT is((SELECT count(*) FROM workday_calendar WHERE kind = 'holiday' AND is_workday(day) AND day >= '2019-01-01'), 0::bigint,
	'notices: no holiday is a working day');
SELECT is((SELECT count(*) FROM days WHERE is_workday(d) <> pg_temp.sql_is_workday(d)), 0::bigint,
	'is_workday equals the independent SQL on every date of 2019-2026');
SELECT is((SELECT count(*) FROM days WHERE extract(isodow FROM d) < 6 AND NOT is_workday(d)
	AND NOT EXISTS (SELECT 1 FROM workday_calendar c WHERE c.day = d AND c.kind = 'holiday')), 0::bigint,
	'a Monday to Friday without a holiday row is a working day');

------------------------------------------------------------------------------
-- spot checks against the notices (hand-counted)
------------------------------------------------------------------------------
SELECT is(workdays_between('2018-12-31', '2019-12-31'), 250, '2019 has 250 working days (the day before the calendar may start a count)');
SELECT is(workdays_between('2024-12-31', '2025-12-31'), 248, '2025 has 248 working days (two more statutory holidays from 2025)');
SELECT ok(is_workday('2019-02-02') AND is_workday('2019-02-03'), '2019 春节: Saturday 2 and Sunday 3 February are make-up working days');
SELECT ok(NOT is_workday('2019-02-04') AND NOT is_workday('2019-02-08') AND is_workday('2019-02-11'), '2019 春节: 4-10 February off, Monday 11 at work');
SELECT is(add_workdays('2019-02-01', 20), DATE '2019-03-06', '2019 春节: the 20th working day after Friday 1 February (2, 3 February count, 4-10 do not)');
SELECT ok(is_workday('2019-09-29') AND is_workday('2019-10-12') AND NOT is_workday('2019-10-07'), '2019 国庆: 29 September and 12 October at work, 1-7 October off');
SELECT is(add_workdays('2019-09-30', 1), DATE '2019-10-08', '2019 国庆: the working day after 30 September is 8 October');
SELECT ok(NOT is_workday('2020-01-31') AND NOT is_workday('2020-02-01') AND NOT is_workday('2020-02-02'),
	'2020 extended 春节: 31 January, 1 and 2 February off (the make-up Saturday 1 February cancelled)');
SELECT ok(is_workday('2020-01-19') AND is_workday('2020-02-03'), '2020 春节: Sunday 19 January at work, work resumes Monday 3 February');
SELECT is(add_workdays('2020-01-23', 1), DATE '2020-02-03', '2020 extended 春节: the working day after 23 January is 3 February');
SELECT is(add_workdays('2020-01-22', 20), DATE '2020-02-27', '2020 extended 春节: the 20th working day after 22 January');
SELECT ok(is_workday('2024-02-04') AND is_workday('2024-02-09') AND is_workday('2024-02-18') AND NOT is_workday('2024-02-12'),
	'2024 春节: 4 and 18 February at work, 9 February (only encouraged off) a working day, 10-17 off');
SELECT is(add_workdays('2024-02-08', 20), DATE '2024-03-13', '2024 春节: the 20th working day after 8 February');
SELECT is(add_workdays('2024-12-20', 20), DATE '2025-01-20', 'year boundary: 20 working days after 20 December 2024 fall in January 2025');
SELECT is(add_workdays('2025-12-15', 20), DATE '2026-01-13', 'year boundary: 元旦 2026 off 1-3 January, Sunday 4 January at work');
SELECT ok(NOT is_workday('2025-01-28') AND NOT is_workday('2025-02-04') AND is_workday('2025-01-26') AND is_workday('2025-02-08'),
	'2025 rule change: 除夕 28 January is a statutory holiday, 春节 28 January - 4 February, 26 January and 8 February at work');
SELECT ok(NOT is_workday('2025-05-02') AND NOT is_workday('2025-05-05') AND is_workday('2025-04-27'),
	'2025 rule change: 2 May is a statutory holiday, 1-5 May off, 27 April at work');
SELECT is(workdays_between('2025-01-27', '2025-02-07'), 3, '2025 春节: 3 working days from 28 January to 7 February');
SELECT ok(NOT is_workday('2026-02-23') AND is_workday('2026-02-14') AND is_workday('2026-02-28'), '2026 春节: 15-23 February off, 14 and 28 February at work');

------------------------------------------------------------------------------
-- add_workdays and workdays_between: definitions, inverses, the independent SQL
------------------------------------------------------------------------------
SELECT is(add_workdays('2024-03-01', 0), DATE '2024-03-01', 'add_workdays n = 0 on a working day: the day itself');
SELECT is(add_workdays('2024-03-02', 0), DATE '2024-03-04', 'add_workdays n = 0 on a Saturday: the next working day');
SELECT is(add_workdays('2024-03-01', 1), DATE '2024-03-04', 'add_workdays n = 1 after a Friday: Monday (the day itself is not counted)');
SELECT is(workdays_between('2024-03-01', '2024-03-01'), 0, 'workdays_between of a day and itself is 0');
SELECT is(workdays_between('2024-03-04', '2024-03-01'), -1, 'workdays_between backwards is negative');
SELECT is((SELECT count(*) FROM days, generate_series(1, 40) n WHERE d <= '2026-10-31'
	AND workdays_between(d, add_workdays(d, n)) <> n), 0::bigint,
	'inverse: workdays_between(d, add_workdays(d, n)) = n for every date of 2019 - October 2026 and n = 1..40');
SELECT is((SELECT count(*) FROM days a, generate_series(1, 60) k WHERE a.d <= '2026-10-31'
	AND is_workday(a.d + k) AND add_workdays(a.d, workdays_between(a.d, a.d + k)) <> a.d + k), 0::bigint,
	'inverse: add_workdays(d, workdays_between(d, e)) = e for every working day e up to 60 days after every date');
SELECT is((SELECT count(*) FROM days WHERE d <= '2026-10-31' AND (NOT is_workday(add_workdays(d, 1))
	OR add_workdays(d, 1) <= d OR add_workdays(d, 0) <> CASE WHEN is_workday(d) THEN d ELSE add_workdays(d, 1) END
	OR EXISTS (SELECT 1 FROM generate_series(d + 1, add_workdays(d, 1) - 1, interval '1 day') x WHERE is_workday(x::date)))), 0::bigint,
	'add_workdays(d, 1) is the first working day after d, add_workdays(d, 0) d or that day, on every date');
SELECT is((SELECT count(*) FROM days a WHERE a.d <= '2026-11-30'
	AND workdays_between(a.d, a.d + 17) + workdays_between(a.d + 17, a.d + 30) <> workdays_between(a.d, a.d + 30)), 0::bigint,
	'workdays_between is additive over adjacent spans, on every date');
SELECT is((SELECT count(*) FROM days WHERE d <= '2026-12-30' AND workdays_between(d, d + 1) <> is_workday(d + 1)::integer), 0::bigint,
	'workdays_between(d, d + 1) is whether d + 1 is a working day, on every date');
SELECT is((SELECT count(*) FROM days, (VALUES (0), (1), (5), (20), (40)) v(n) WHERE d <= '2026-10-31'
	AND add_workdays(d, n) <> pg_temp.sql_add_workdays(d, n)), 0::bigint,
	'add_workdays equals the independent SQL for n = 0, 1, 5, 20, 40 on every date of 2019 - October 2026');
SELECT is((SELECT count(*) FROM days WHERE extract(day FROM d) IN (1, 11, 21) AND d <= '2026-11-15'
	AND workdays_between(d, d + 45) <> pg_temp.sql_workdays_between(d, d + 45)), 0::bigint,
	'workdays_between equals the independent SQL over 45-day spans');
SELECT is((SELECT count(*) FROM generate_series(2019, 2026) y
	WHERE workdays_between(make_date(y, 1, 1) - 1, make_date(y, 12, 31))
	   <> pg_temp.sql_workdays_between(make_date(y, 1, 1) - 1, make_date(y, 12, 31))), 0::bigint,
	'the working days of every year equal the independent SQL');

------------------------------------------------------------------------------
-- errors: never a guess
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT govinfo.add_workdays('2026-12-20', 20)$$, '22008', 'the working-day calendar of 2027 is not known',
	'a due date in 2027 is an error naming 2027');
SELECT throws_ok($$SELECT govinfo.is_workday('2027-03-01')$$, '22008', 'the working-day calendar of 2027 is not known', 'is_workday in 2027 is an error');
SELECT throws_ok($$SELECT govinfo.is_workday('2018-06-01')$$, '22008', 'the working-day calendar of 2018 is not known', 'is_workday in 2018 is an error naming 2018');
SELECT throws_ok($$SELECT govinfo.workdays_between('2026-12-01', '2027-01-05')$$, '22008', NULL, 'workdays_between into 2027 is an error');
SELECT throws_ok($$SELECT govinfo.is_workday('infinity')$$, '22008', NULL, 'infinity is an error');
SELECT throws_ok($$SELECT govinfo.add_workdays('2024-01-02', -1)$$, '22023', NULL, 'a negative number of working days is an error');
SELECT throws_like($$SELECT govinfo.add_workdays('2026-12-20', 20)$$, '%2027%', 'the error names the missing year');
SELECT is(add_workdays('2026-12-02', 20), DATE '2026-12-30', 'the last days of the calendar are usable');

------------------------------------------------------------------------------
-- a year added by INSERT counts at once, in the same session and transaction
------------------------------------------------------------------------------
SELECT is(add_workdays('2026-12-02', 20), DATE '2026-12-30', 'before the INSERT (the calendar is loaded)');
INSERT INTO workday_calendar (day, kind, name, source) VALUES ('2027-01-01', 'holiday', '元旦', 'test notice 2027');
SELECT is(calendar_known_until(), DATE '2027-12-31', 'after INSERT of 2027''s 1 January: known until 31 December 2027');
SELECT is(add_workdays('2026-12-20', 20), DATE '2027-01-18', 'after the INSERT: 20 working days after 20 December 2026');
SELECT is((SELECT shipped FROM workday_calendar WHERE day = '2027-01-01'), false, 'a row inserted by a user is not shipped (pg_dump keeps it)');
INSERT INTO workday_calendar (day, kind, name, source) VALUES ('2027-01-18', 'holiday', 'test', 'test');
SELECT is(add_workdays('2026-12-20', 20), DATE '2027-01-19', 'a holiday inserted into 2027 moves the due date at once');
SAVEPOINT s;
DELETE FROM workday_calendar WHERE day = '2027-01-18';
SELECT is(add_workdays('2026-12-20', 20), DATE '2027-01-18', 'a DELETE counts at once');
ROLLBACK TO SAVEPOINT s;
SELECT is(add_workdays('2026-12-20', 20), DATE '2027-01-19', 'a rolled-back DELETE no longer counts');
UPDATE workday_calendar SET kind = 'workday', day = '2027-01-16' WHERE day = '2027-01-18';
SELECT is(add_workdays('2026-12-20', 20), DATE '2027-01-16', 'an UPDATE (a make-up Saturday) counts at once');
INSERT INTO workday_calendar (day, kind, name, source, shipped) VALUES ('2024-03-04', 'holiday', 'test', 'provincial day', true);
SELECT is((SELECT count(*) FROM workday_calendar WHERE day = '2024-03-04'), 1::bigint, 'a user row takes the place of a shipped row of the same day');
SELECT is((SELECT shipped FROM workday_calendar WHERE day = '2024-03-04'), false, 'a user row is never shipped');
SELECT is(add_workdays('2024-03-01', 1), DATE '2024-03-05', 'and counts at once');
SELECT throws_ok($$INSERT INTO govinfo.workday_calendar (day, kind) VALUES ('2027-01-20', 'workday')$$, '23514', NULL,
	'a make-up working day must be a Saturday or a Sunday');
INSERT INTO workday_calendar (day, kind, name, source) VALUES ('2029-01-01', 'holiday', '元旦', 'test notice 2029');
SELECT is(calendar_known_until(), DATE '2027-12-31', 'a year after a gap (2029 without 2028) is not known: no silent 2028');
SELECT throws_ok($$SELECT govinfo.is_workday('2029-03-01')$$, '22008', 'the working-day calendar of 2028 is not known', 'the error names the gap year');

------------------------------------------------------------------------------
-- parallel workers load the calendar too; attributes; pg_dump
------------------------------------------------------------------------------
\ir lib/parallel.sql
CREATE TEMP TABLE par_expect AS SELECT md5(string_agg(pg_temp.sql_add_workdays(d::date, 20)::text, ',' ORDER BY d)) AS m
	FROM generate_series(date '2019-01-01', date '2026-10-31', interval '1 day') d;
CALL pg_temp.force_parallel('on');
SELECT matches(pg_temp.plan_of($$CREATE TEMP TABLE par_got AS SELECT md5(string_agg(govinfo.add_workdays(d::date, 20)::text, ',' ORDER BY d)) AS m
	FROM generate_series(date '2019-01-01', date '2026-10-31', interval '1 day') d$$), 'Gather', 'the parallel query runs in a worker');
CREATE TEMP TABLE par_got AS SELECT md5(string_agg(add_workdays(d::date, 20)::text, ',' ORDER BY d)) AS m
	FROM generate_series(date '2019-01-01', date '2026-10-31', interval '1 day') d;
CALL pg_temp.force_parallel('off');
SELECT is((SELECT m FROM par_got), (SELECT m FROM par_expect),
	'in a parallel worker, add_workdays equals the independent SQL (the worker reads the calendar with this transaction''s rows)');
SELECT is((SELECT string_agg(p.proname || ':' || p.provolatile::text || p.proparallel::text || ' ' || p.proisstrict::text, ' ' ORDER BY p.proname)
	FROM pg_proc p WHERE p.pronamespace = 'govinfo'::regnamespace AND p.proname IN ('is_workday', 'add_workdays', 'workdays_between')),
	'add_workdays:ss true is_workday:ss true workdays_between:ss true', 'the three functions are STABLE PARALLEL SAFE STRICT');
SELECT is((SELECT c.condition FROM pg_extension e, unnest(e.extconfig, e.extcondition) c(cfg, condition)
	WHERE e.extname = 'govinfo' AND c.cfg = 'govinfo.workday_calendar'::regclass), 'WHERE NOT shipped',
	'workday_calendar is registered with pg_dump: the rows a user wrote');

SELECT * FROM finish();
ROLLBACK;
