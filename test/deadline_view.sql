-- pgTAP: every column of the application_deadline view (one scalar C function a column, the deadline
-- computed once a row and handed to the other columns) and of the C function deadline_of (one call
-- per application, used by overdue_applications)
-- against an independent SQL computation over the calendar table, on generated applications:
-- corrected, extended, open and closed, with consultation periods (overlapping, starting before
-- the clock start, still going on); and timeliness_by_agency on them.
BEGIN;
SET search_path = govinfo, public;
SELECT plan(9);

INSERT INTO agency (agency_id, code, name, parent_id) VALUES (9913101, 'dv-a', '甲', NULL), (9913102, 'dv-b', '乙', 9913101);
-- 500 applications received 2023-2025, spread by a hash
INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on, corrected_on, extended)
SELECT 9913101 + (h % 2), r, 'np', CASE WHEN c IS NOT NULL THEN '3.1'::outcome END, c,
	CASE WHEN h % 9 = 0 THEN r + (h % 6) END, h % 5 = 0
FROM (SELECT i, abs(hashint4(i + 7000)) AS h, date '2023-01-02' + (abs(hashint4(i + 7000)) % 1000) AS r FROM generate_series(1, 500) i) x,
	LATERAL (SELECT CASE WHEN h % 6 = 0 THEN NULL ELSE r + (h % 7) + 2 + (h / 11) % 60 END AS c) y;
-- consultation periods for about a third of them: one, two overlapping, one before the clock start, one going on
INSERT INTO application_consultation (application_id, started_on, ended_on)
SELECT a.application_id, a.received_on + s.off, CASE WHEN s.len IS NOT NULL THEN a.received_on + s.off + s.len END
FROM application a
CROSS JOIN LATERAL (SELECT abs(hashint8(a.application_id)) AS h) z
CROSS JOIN LATERAL (VALUES (2 + (z.h % 5)::int, 3 + (z.h % 9)::int), (5 + (z.h % 4)::int, 4 + (z.h % 7)::int), (-3, 5),
	(4, CASE WHEN z.h % 2 = 0 THEN NULL ELSE 6 END)) s(off, len)
WHERE a.agency_id IN (9913101, 9913102) AND z.h % 3 = 0
  AND (s.off <> 5 + (z.h % 4)::int OR z.h % 4 = 0)      -- overlapping second period
  AND (s.off <> -3 OR z.h % 5 = 0)                       -- a period that began before the clock start
  AND (s.off <> 4 OR z.h % 7 = 0);                       -- a period with a later start, still going on or not

-- and for certain: an open application with a consultation still going on, a closed one with one going on
WITH o AS (INSERT INTO application (agency_id, received_on, applicant) VALUES (9913102, '2024-05-06', 'np') RETURNING application_id)
INSERT INTO application_consultation (application_id, started_on) SELECT application_id, '2024-05-08' FROM o;
WITH o AS (INSERT INTO application (agency_id, received_on, applicant, outcome, closed_on) VALUES (9913102, '2024-05-06', 'np', '3.1', '2024-07-01')
	RETURNING application_id)
INSERT INTO application_consultation (application_id, started_on) SELECT application_id, '2024-05-08' FROM o;

-- the independent computation: working days from the table, counted day by day
CREATE FUNCTION pg_temp.wd(d date) RETURNS boolean LANGUAGE sql STABLE AS $$
	SELECT coalesce((SELECT c.kind = 'workday' FROM govinfo.workday_calendar c WHERE c.day = d), extract(isodow FROM d) < 6) $$;
CREATE FUNCTION pg_temp.count_wd(after date, upto date) RETURNS integer LANGUAGE sql STABLE AS $$
	SELECT count(*)::integer FROM generate_series(after + 1, upto, interval '1 day') x WHERE pg_temp.wd(x::date) $$;
CREATE TEMP TABLE c1 AS
SELECT a.application_id, a.agency_id, a.received_on, coalesce(a.corrected_on, a.received_on) AS clock, a.closed_on, a.extended,
	CASE WHEN a.closed_on IS NULL AND EXISTS (SELECT FROM application_consultation k WHERE k.application_id = a.application_id AND k.ended_on IS NULL)
	     THEN NULL
	     ELSE (SELECT count(DISTINCT x)::integer
	           FROM application_consultation k,
	                generate_series(greatest(k.started_on, coalesce(a.corrected_on, a.received_on)) + 1, k.ended_on, interval '1 day') x
	           WHERE k.application_id = a.application_id AND k.ended_on IS NOT NULL AND pg_temp.wd(x::date)) END AS consult
FROM application a WHERE a.agency_id IN (9913101, 9913102);
CREATE TEMP TABLE c2 AS
SELECT c1.*, CASE WHEN c1.consult IS NOT NULL THEN (SELECT x::date FROM generate_series(c1.clock + 1, c1.clock + 200, interval '1 day') x
              WHERE pg_temp.wd(x::date) ORDER BY x OFFSET CASE WHEN c1.extended THEN 40 ELSE 20 END + c1.consult - 1 LIMIT 1) END AS due
FROM c1;
CREATE TEMP TABLE expect AS
SELECT application_id, agency_id, received_on, clock AS clock_starts_on, due AS due_on, closed_on,
	CASE WHEN closed_on IS NULL AND due < CURRENT_DATE THEN 'open_overdue' WHEN closed_on IS NULL THEN 'open'
	     WHEN closed_on <= due THEN 'closed_on_time' ELSE 'closed_late' END AS status,
	CASE WHEN closed_on IS NOT NULL THEN pg_temp.count_wd(clock, closed_on) - consult END AS workdays_taken,
	CASE WHEN closed_on > due THEN pg_temp.count_wd(due, closed_on) WHEN closed_on IS NOT NULL THEN 0 END AS workdays_late,
	extended, consult AS consult_workdays
FROM c2;

SELECT ok((SELECT count(*) FILTER (WHERE consult_workdays > 0) > 20 AND count(*) FILTER (WHERE consult_workdays IS NULL) > 0
	AND count(*) FILTER (WHERE status = 'closed_late') > 10 AND count(*) FILTER (WHERE status = 'closed_on_time') > 10
	AND count(*) FILTER (WHERE clock_starts_on <> received_on) > 10 FROM expect),
	'the generated rows have consultations (counted and going on), late and on-time closings, corrections');
SELECT results_eq($$SELECT * FROM govinfo.application_deadline WHERE agency_id IN (9913101, 9913102) ORDER BY application_id$$,
	$$SELECT * FROM expect ORDER BY application_id$$,
	'application_deadline equals the independent SQL computation on every generated application, every column');
SELECT results_eq($$SELECT (govinfo.deadline_of(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on, DATE '2024-06-30')).status
	FROM govinfo.application a WHERE a.agency_id IN (9913101, 9913102) AND a.received_on <= DATE '2024-06-30' ORDER BY a.application_id$$,
	$$SELECT CASE WHEN closed_on IS NULL AND due_on < DATE '2024-06-30' THEN 'open_overdue' WHEN closed_on IS NULL THEN 'open'
	     WHEN closed_on <= due_on THEN 'closed_on_time' ELSE 'closed_late' END
	FROM expect WHERE received_on <= DATE '2024-06-30' ORDER BY application_id$$,
	'deadline_of: the status as of a given day');
SELECT results_eq($$SELECT a.application_id, a.agency_id, a.received_on, d.clock_starts_on, d.due_on, a.closed_on, d.status,
		d.workdays_taken, d.workdays_late, a.extended, d.consult_workdays
	FROM govinfo.application a,
		LATERAL govinfo.deadline_of(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on, CURRENT_DATE) d
	WHERE a.agency_id IN (9913101, 9913102) ORDER BY a.application_id$$,
	$$SELECT * FROM expect ORDER BY application_id$$,
	'deadline_of (C, one call) equals the independent SQL computation on every generated application, every column');
SELECT results_eq($$SELECT code, closed, on_time, extended, median_workdays, p90_workdays, open_overdue FROM govinfo.timeliness_by_agency(2024)
	WHERE code LIKE 'dv-%' ORDER BY code$$,
	$$SELECT g.code, count(*) FILTER (WHERE e.closed_on BETWEEN '2024-01-01' AND '2024-12-31'),
		count(*) FILTER (WHERE e.closed_on BETWEEN '2024-01-01' AND '2024-12-31' AND e.closed_on <= e.due_on),
		count(*) FILTER (WHERE e.closed_on BETWEEN '2024-01-01' AND '2024-12-31' AND e.extended),
		(percentile_cont(0.5) WITHIN GROUP (ORDER BY e.workdays_taken) FILTER (WHERE e.closed_on BETWEEN '2024-01-01' AND '2024-12-31'))::numeric,
		(percentile_cont(0.9) WITHIN GROUP (ORDER BY e.workdays_taken) FILTER (WHERE e.closed_on BETWEEN '2024-01-01' AND '2024-12-31'))::numeric,
		count(*) FILTER (WHERE e.received_on <= '2024-12-31' AND (e.closed_on IS NULL OR e.closed_on > '2024-12-31') AND e.due_on <= '2024-12-31')
	FROM agency g JOIN expect e ON e.agency_id = g.agency_id OR (g.code = 'dv-a' AND e.agency_id = 9913102)
	WHERE g.code LIKE 'dv-%' GROUP BY g.code ORDER BY g.code$$,
	'timeliness_by_agency equals the independent computation, consultations included');
-- the column functions keep the last row's deadline: called in another order, alone, and interleaved
-- with calls on other arguments (the same application open, or not extended), each gets its own
SELECT results_eq($$SELECT a.application_id, govinfo.deadline_consult_workdays(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on),
		govinfo.deadline_workdays_late(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on),
		govinfo.deadline_workdays_taken(a.application_id, a.received_on, a.corrected_on, a.extended, NULL),
		govinfo.deadline_status(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on),
		govinfo.deadline_due_on(a.application_id, a.received_on, a.corrected_on, NOT a.extended, a.closed_on),
		govinfo.deadline_workdays_taken(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on),
		govinfo.deadline_due_on(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on)
	FROM govinfo.application a WHERE a.agency_id IN (9913101, 9913102) ORDER BY a.application_id$$,
	$$SELECT application_id, consult_workdays, workdays_late, NULL::integer, status,
		CASE WHEN consult_workdays IS NOT NULL THEN govinfo.add_workdays(clock_starts_on, CASE WHEN extended THEN 20 ELSE 40 END + consult_workdays) END,
		workdays_taken, due_on
	FROM expect ORDER BY application_id$$,
	'the column functions, in any order and interleaved with other arguments, equal the independent computation');
SELECT is((SELECT row(govinfo.deadline_due_on(NULL, DATE '2024-01-02', NULL, NULL, NULL), govinfo.deadline_status(NULL, DATE '2024-01-02', NULL, NULL, NULL),
		govinfo.deadline_workdays_late(NULL, DATE '2024-01-02', NULL, NULL, DATE '2024-03-01'),
		govinfo.deadline_consult_workdays(1, NULL, NULL, NULL, NULL), govinfo.deadline_status(1, NULL, NULL, NULL, DATE '2024-03-01'))::text),
	(SELECT row(d.due_on, d.status, e.workdays_late, f.consult_workdays, f2.status)::text
	 FROM govinfo.deadline_of(NULL, DATE '2024-01-02', NULL, NULL, NULL, CURRENT_DATE) d,
		govinfo.deadline_of(NULL, DATE '2024-01-02', NULL, NULL, DATE '2024-03-01', CURRENT_DATE) e,
		govinfo.deadline_of(1, NULL, NULL, NULL, NULL, CURRENT_DATE) f,
		govinfo.deadline_of(1, NULL, NULL, NULL, DATE '2024-03-01', CURRENT_DATE) f2),
	'the column functions take NULL inputs as deadline_of does');

-- the histograms timeliness_by_agency sums: percentiles equal percentile_cont on 200 generated groups
-- (negative values, NULLs, one value, ties), and the sum of two halves' histograms is the whole's
CREATE TEMP TABLE hv AS
SELECT g, CASE WHEN abs(hashint4(g * 1000 + i)) % 17 = 0 THEN NULL ELSE abs(hashint4(g * 1000 + i + 1)) % (1 + g % 40) - g % 5 END AS v, i
FROM generate_series(1, 200) g, generate_series(1, 1 + g % 37) i;
SELECT results_eq($$SELECT g, govinfo.workdays_percentile(govinfo.workdays_histogram(v), 0.5), govinfo.workdays_percentile(govinfo.workdays_histogram(v), 0.9),
		govinfo.workdays_percentile(govinfo.workdays_histogram(v), 0), govinfo.workdays_percentile(govinfo.workdays_histogram(v), 1)
	FROM hv GROUP BY g ORDER BY g$$,
	$$SELECT g, percentile_cont(0.5) WITHIN GROUP (ORDER BY v), percentile_cont(0.9) WITHIN GROUP (ORDER BY v),
		percentile_cont(0) WITHIN GROUP (ORDER BY v), percentile_cont(1) WITHIN GROUP (ORDER BY v)
	FROM hv GROUP BY g ORDER BY g$$,
	'workdays_percentile of workdays_histogram equals percentile_cont (negative values, NULLs, ties, one value)');
SELECT is_empty($$SELECT g FROM (SELECT g, govinfo.workdays_histogram_sum(h) AS s FROM (
		SELECT g, i % 2, govinfo.workdays_histogram(v) AS h FROM hv GROUP BY g, i % 2) x GROUP BY g) y
	JOIN (SELECT g, govinfo.workdays_histogram(v) AS w FROM hv GROUP BY g) z USING (g)
	WHERE y.s IS DISTINCT FROM z.w OR array_lower(z.w, 1) IS DISTINCT FROM array_lower(y.s, 1)$$,
	'workdays_histogram_sum of the histograms of two halves is the histogram of the whole, subscripts included');

SELECT * FROM finish();
ROLLBACK;
