-- pgTAP: deadlines of applications (条例 articles 30-33) — received on a working day, a Sunday, a
-- holiday and a make-up Saturday, corrected applications, extensions, consultation periods
-- (overlapping, before the clock start, still going on), the status, working days taken and late,
-- overdue_applications at a given date with the hierarchy, the error past the known calendar, a year
-- added by INSERT, and timeliness / timeliness_by_agency against an independent count.
BEGIN;
SET search_path = govinfo, public;
SELECT plan(47);

INSERT INTO agency (agency_id, code, name, parent_id) VALUES
	(9913001, 'dl-root', '根', NULL), (9913002, 'dl-mid', '中', 9913001), (9913003, 'dl-leaf', '叶', 9913002),
	(9913004, 'dl-other', '别', NULL);
-- one application of dl-leaf: its id
CREATE FUNCTION pg_temp.app(received date, closed date DEFAULT NULL, corrected date DEFAULT NULL, ext boolean DEFAULT false,
		agency bigint DEFAULT 9913003) RETURNS bigint LANGUAGE sql AS $$
	INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on, corrected_on, extended)
	VALUES (agency, received, 'np', CASE WHEN closed IS NOT NULL THEN '3.1'::govinfo.outcome END, closed, corrected, ext)
	RETURNING application_id $$;
CREATE FUNCTION pg_temp.due(id bigint) RETURNS date LANGUAGE sql AS $$
	SELECT due_on FROM govinfo.application_deadline WHERE application_id = id $$;

------------------------------------------------------------------------------
-- the clock: the day of receipt is not counted; non-working days are not counted
------------------------------------------------------------------------------
SELECT is(pg_temp.due(pg_temp.app('2024-03-01')), DATE '2024-03-29', 'received Friday 1 March 2024: due on the 20th working day, 29 March');
SELECT is(pg_temp.due(pg_temp.app('2024-03-03')), DATE '2024-03-29', 'received on a Sunday: Monday is the first working day counted, due 29 March');
SELECT is(pg_temp.due(pg_temp.app('2024-10-01')), DATE '2024-11-01', 'received on 国庆 1 October 2024: 8 October is day 1, Saturday 12 October counts, due 1 November');
SELECT is(pg_temp.due(pg_temp.app('2024-10-12')), DATE '2024-11-08', 'received on the make-up Saturday 12 October 2024: that day is not counted, due 8 November');
SELECT is(pg_temp.due(pg_temp.app('2024-12-20')), DATE '2025-01-20', 'received 20 December 2024: due in January 2025 (元旦 not counted)');
SELECT is(pg_temp.due(pg_temp.app('2024-03-01', corrected => '2024-03-11')), DATE '2024-04-09',
	'corrected on 11 March (article 30): the clock starts again, 清明 4-6 April off, Sunday 7 April counts, due 9 April');
SELECT is((SELECT clock_starts_on FROM application_deadline WHERE application_id = currval('application_application_id_seq')),
	DATE '2024-03-11', 'clock_starts_on is the corrected date');
SELECT is(pg_temp.due(pg_temp.app('2024-03-01', ext => true)), DATE '2024-04-28',
	'extended (article 33): 40 working days, the make-up Sunday 28 April 2024 is the 40th');
SELECT is(pg_temp.due(pg_temp.app('2024-01-22')), DATE '2024-02-22', 'received before 春节 2024: 10-17 February off, 4 and 18 February count');

------------------------------------------------------------------------------
-- consultation periods (articles 32, 33): their working days are not counted
------------------------------------------------------------------------------
SELECT pg_temp.app('2024-03-01') AS c1 \gset
INSERT INTO application_consultation (application_id, started_on, ended_on, party) VALUES (:c1, '2024-03-05', '2024-03-08', '第三方甲');
SELECT is(pg_temp.due(:c1), DATE '2024-04-03', 'a consultation 5-8 March (3 working days after its first day) moves the due date by 3 working days');
INSERT INTO application_consultation (application_id, started_on, ended_on, party) VALUES (:c1, '2024-03-07', '2024-03-12', '第三方乙');
SELECT is(pg_temp.due(:c1), DATE '2024-04-08', 'a second, overlapping consultation to 12 March: the days are counted once (5), 清明 skipped');
SELECT is((SELECT consult_workdays FROM application_deadline WHERE application_id = :c1), 5, 'consult_workdays: 5');
INSERT INTO application_consultation (application_id, started_on, ended_on) VALUES (:c1, '2024-03-18', '2024-03-19');
SELECT is(pg_temp.due(:c1), DATE '2024-04-09', 'a third, separate consultation adds its working day');
SELECT pg_temp.app('2024-03-01', corrected => '2024-03-11') AS c2 \gset
INSERT INTO application_consultation (application_id, started_on, ended_on) VALUES (:c2, '2024-03-04', '2024-03-13');
SELECT is(pg_temp.due(:c2), DATE '2024-04-11', 'only the consultation days after the clock start count (12, 13 March)');
SELECT pg_temp.app('2024-03-01') AS c3 \gset
INSERT INTO application_consultation (application_id, started_on) VALUES (:c3, '2024-03-05');
SELECT is(pg_temp.due(:c3), NULL::date, 'a consultation still going on: no due date (the clock stands still)');
SELECT is((SELECT status FROM application_deadline WHERE application_id = :c3), 'open', 'and the application is open, not overdue');
UPDATE application_consultation SET ended_on = '2024-03-29' WHERE application_id = :c3;
SELECT is(pg_temp.due(:c3), DATE '2024-04-25', 'once it ends (18 working days), the due date is back');

------------------------------------------------------------------------------
-- status, working days taken and late
------------------------------------------------------------------------------
SELECT pg_temp.app('2024-03-01', closed => '2024-03-29') AS s1 \gset
SELECT pg_temp.app('2024-03-01', closed => '2024-04-01') AS s2 \gset
SELECT pg_temp.app('2024-03-01', closed => '2024-04-08', ext => true) AS s3 \gset
SELECT is((SELECT status || ' ' || workdays_taken || ' ' || workdays_late FROM application_deadline WHERE application_id = :s1),
	'closed_on_time 20 0', 'answered on the due date: on time, 20 working days taken');
SELECT is((SELECT status || ' ' || workdays_taken || ' ' || workdays_late FROM application_deadline WHERE application_id = :s2),
	'closed_late 21 1', 'answered the next working day: late by 1');
SELECT is((SELECT status || ' ' || workdays_taken FROM application_deadline WHERE application_id = :s3),
	'closed_on_time 25', 'extended and answered on the 25th working day: on time');
SELECT is((SELECT count(*) FROM application_deadline WHERE closed_on IS NULL AND due_on IS NOT NULL
	AND status <> CASE WHEN due_on < current_date THEN 'open_overdue' ELSE 'open' END), 0::bigint, 'open applications: open_overdue once past the due date');
SELECT pg_temp.app('2024-03-01') AS s5 \gset
SELECT is((SELECT status FROM application_deadline WHERE application_id = :s5), 'open_overdue', 'an open application of March 2024 is overdue');
SELECT is((SELECT workdays_taken::text || workdays_late::text FROM application_deadline WHERE application_id = :s5), NULL, 'an open application has no working days taken or late');
SELECT pg_temp.app('2024-04-10', closed => '2024-04-30') AS s4 \gset
INSERT INTO application_consultation (application_id, started_on, ended_on) VALUES (:s4, '2024-04-11', '2024-04-16');
SELECT is((SELECT workdays_taken FROM application_deadline WHERE application_id = :s4), 12, 'working days taken leave out the consultation days');
SELECT is((SELECT count(*) FROM application_deadline d JOIN application_consultation_workdays w USING (application_id)
	WHERE d.consult_workdays IS DISTINCT FROM CASE WHEN w.going_on AND d.closed_on IS NULL THEN NULL ELSE w.workdays END), 0::bigint,
	'consult_workdays (C) equals the range_agg view application_consultation_workdays on every application with consultations');
SELECT is((SELECT count(*) FROM application_consultation_workdays), 4::bigint, 'four applications with consultations');

------------------------------------------------------------------------------
-- overdue_applications
------------------------------------------------------------------------------
DELETE FROM application WHERE agency_id BETWEEN 9913001 AND 9913004;
SELECT pg_temp.app('2024-03-01') AS o1 \gset
SELECT pg_temp.app('2024-03-15', agency => 9913002) AS o2 \gset
SELECT pg_temp.app('2024-03-20', closed => '2024-04-02') AS o3 \gset
SELECT pg_temp.app('2024-03-25', agency => 9913001) AS o4 \gset
SELECT pg_temp.app('2024-04-01', agency => 9913004) AS o5 \gset
SELECT pg_temp.app('2024-04-20') AS o6 \gset
-- due: o1 29 March, o2 15 April, o3 (closed 2 April) 18 April, o4 23 April, o5 29 April, o6 20 May
SELECT is((SELECT array_agg(application_id ORDER BY due_on) FROM overdue_applications('dl-root', '2024-04-01', 0)),
	ARRAY[:o1]::bigint[], 'on 1 April: only the application due 29 March is overdue (due_within 0)');
SELECT is((SELECT array_agg(application_id) FROM overdue_applications('dl-root', '2024-04-16', 3)),
	ARRAY[:o1, :o2]::bigint[], 'on 16 April: two overdue, most overdue first; o3 was closed; o4 due 23 April is not within 3 working days');
SELECT is((SELECT array_agg(application_id) FROM overdue_applications('dl-root', '2024-04-16', 5)),
	ARRAY[:o1, :o2, :o4]::bigint[], 'due_within 5 adds o4, due 23 April');
SELECT is((SELECT array_agg(overdue::text || workdays_late) FROM overdue_applications('dl-root', '2024-04-16', 5)),
	ARRAY['true11', 'true1', 'false-5'], 'overdue and working days late (negative: working days left)');
SELECT is((SELECT array_agg(application_id) FROM overdue_applications('dl-mid', '2024-04-16', 5)),
	ARRAY[:o1, :o2]::bigint[], 'dl-mid and its descendant dl-leaf, not its parent');
SELECT is((SELECT array_agg(application_id) FROM overdue_applications('dl-leaf', '2024-04-16', 5)),
	ARRAY[:o1]::bigint[], 'dl-leaf alone');
SELECT is((SELECT count(*) FROM overdue_applications(NULL, '2024-05-06', 0) WHERE agency_id BETWEEN 9913001 AND 9913004), 4::bigint,
	'every agency (NULL): o1, o2, o4, o5 overdue on 6 May');
SELECT is((SELECT count(*) FROM overdue_applications('dl-root', '2024-03-10', 30)), 1::bigint,
	'applications not yet received on as_of are left out');
SELECT is((SELECT array_agg(application_id) FROM overdue_applications('dl-leaf', '2024-04-01', 0)),
	ARRAY[:o1]::bigint[], 'o3, closed 2 April, was open but not overdue on 1 April');
SELECT throws_ok($$SELECT * FROM govinfo.overdue_applications('no-such-agency')$$, '42704', NULL, 'an unknown agency is an error');

------------------------------------------------------------------------------
-- past the calendar; a year added by INSERT
------------------------------------------------------------------------------
SELECT pg_temp.app('2026-12-20') AS y1 \gset
SELECT throws_ok(format('SELECT due_on FROM govinfo.application_deadline WHERE application_id = %s', :y1), '22008',
	'the working-day calendar of 2027 is not known', 'a due date past the calendar is an error naming 2027, not a guess');
INSERT INTO workday_calendar (day, kind, name, source) VALUES ('2027-01-01', 'holiday', '元旦', 'test');
SELECT is(pg_temp.due(:y1), DATE '2027-01-18', 'after INSERT of 2027 the due date is there, in the same transaction');
INSERT INTO workday_calendar (day, kind, name, source) VALUES ('2027-01-15', 'holiday', 'test', 'test');
SELECT is(pg_temp.due(:y1), DATE '2027-01-19', 'and follows the next change at once');
DELETE FROM application WHERE application_id = :y1;

------------------------------------------------------------------------------
-- timeliness against an independent count
------------------------------------------------------------------------------
DELETE FROM application WHERE agency_id BETWEEN 9913001 AND 9913004;
-- 600 applications of 2023-2024 spread over the four agencies by a hash; some extended, corrected, open
INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on, corrected_on, extended)
SELECT 9913001 + (h % 4), r, 'np', CASE WHEN c IS NOT NULL THEN '3.1'::outcome END, c,
	CASE WHEN h % 13 = 0 THEN r + (h % 5) END, h % 7 = 0
FROM (SELECT i, abs(hashint4(i)) AS h, date '2023-06-01' + (abs(hashint4(i)) % 560) AS r FROM generate_series(1, 600) i) x,
	LATERAL (SELECT CASE WHEN h % 11 = 0 THEN NULL ELSE r + (h % 5) + 3 + (h / 7) % 45 END AS c) y
WHERE c IS NULL OR c <= date '2024-12-31' OR h % 3 = 0;
-- the independent count: due dates from the table by the independent SQL rule
CREATE FUNCTION pg_temp.sql_is_workday(d date) RETURNS boolean LANGUAGE sql STABLE AS $$
	SELECT coalesce((SELECT c.kind = 'workday' FROM govinfo.workday_calendar c WHERE c.day = d), extract(isodow FROM d) < 6) $$;
CREATE TEMP TABLE indep AS
SELECT a.application_id, a.agency_id, a.closed_on, a.extended,
	(SELECT x::date FROM generate_series(coalesce(a.corrected_on, a.received_on) + 1, coalesce(a.corrected_on, a.received_on) + 120, interval '1 day') x
	 WHERE pg_temp.sql_is_workday(x::date) ORDER BY x OFFSET CASE WHEN a.extended THEN 39 ELSE 19 END LIMIT 1) AS due,
	(SELECT count(*) FROM generate_series(coalesce(a.corrected_on, a.received_on) + 1, a.closed_on, interval '1 day') x
	 WHERE pg_temp.sql_is_workday(x::date)) AS taken,
	a.received_on
FROM application a WHERE a.agency_id BETWEEN 9913001 AND 9913004;
SELECT ok((SELECT count(*) FROM indep WHERE closed_on BETWEEN '2024-01-01' AND '2024-12-31') > 100, 'enough applications closed in 2024');
SELECT is((SELECT count(*) FROM indep i JOIN application_deadline d USING (application_id) WHERE d.due_on <> i.due), 0::bigint,
	'every due date equals the independent SQL');
CREATE TEMP TABLE expect AS
SELECT g.code,
	count(*) FILTER (WHERE i.closed_on BETWEEN '2024-01-01' AND '2024-12-31') AS closed,
	count(*) FILTER (WHERE i.closed_on BETWEEN '2024-01-01' AND '2024-12-31' AND i.closed_on <= i.due) AS on_time,
	count(*) FILTER (WHERE i.closed_on BETWEEN '2024-01-01' AND '2024-12-31' AND i.extended) AS extended,
	percentile_cont(0.5) WITHIN GROUP (ORDER BY i.taken) FILTER (WHERE i.closed_on BETWEEN '2024-01-01' AND '2024-12-31') AS med,
	percentile_cont(0.9) WITHIN GROUP (ORDER BY i.taken) FILTER (WHERE i.closed_on BETWEEN '2024-01-01' AND '2024-12-31') AS p90,
	count(*) FILTER (WHERE i.received_on <= '2024-12-31' AND (i.closed_on IS NULL OR i.closed_on > '2024-12-31') AND i.due <= '2024-12-31') AS open_overdue
FROM agency g
JOIN LATERAL (SELECT * FROM indep i WHERE i.agency_id = g.agency_id
	OR (g.code = 'dl-root' AND i.agency_id IN (9913002, 9913003)) OR (g.code = 'dl-mid' AND i.agency_id = 9913003)) i ON true
WHERE g.code LIKE 'dl-%' GROUP BY g.code;
SELECT is((SELECT format('%s %s %s %s %s %s', t.closed, t.on_time, t.extended, t.median_workdays, t.p90_workdays, t.open_overdue) FROM timeliness('dl-root', 2024) t),
	(SELECT format('%s %s %s %s %s %s', closed, on_time, extended, med::numeric, p90::numeric, open_overdue) FROM expect WHERE code = 'dl-root'),
	'timeliness of dl-root and its descendants equals the independent count');
SELECT is((SELECT on_time_pct FROM timeliness('dl-root', 2024)),
	(SELECT round(100.0 * on_time / closed, 1) FROM expect WHERE code = 'dl-root'), 'on_time_pct');
SELECT ok((SELECT open_overdue > 0 AND on_time < closed AND extended > 0 FROM timeliness('dl-root', 2024)), 'the data has late, extended and overdue applications');
SELECT set_eq($$SELECT code, closed, on_time, extended, median_workdays, p90_workdays, open_overdue FROM govinfo.timeliness_by_agency(2024) WHERE code LIKE 'dl-%'$$,
	$$SELECT code, closed, on_time, extended, med::numeric, p90::numeric, open_overdue FROM expect$$,
	'timeliness_by_agency: every agency with its descendants equals the independent count');
SELECT is((SELECT count(*) FROM timeliness_by_agency(2024)), (SELECT count(*) FROM agency), 'timeliness_by_agency: one row per agency');
SELECT is((SELECT closed FROM timeliness('dl-other', 2030)), 0::bigint, 'a year without applications: 0 closed');

SELECT * FROM finish();
ROLLBACK;
