-- govinfo 0.5.0 -> 0.6.0: speed of the import of published reports, of the warehouse's access checks
-- and roll-ups, of deadlines, and of derived reports on data in arrival order; scale-out with postgres_fdw.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.6.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Published reports (parser and import)
--------------------------------------------------------------------------
-- (end of section 1)

--------------------------------------------------------------------------
-- 2. The warehouse (access, roll-ups, audit)
--------------------------------------------------------------------------
-- (end of section 2)

--------------------------------------------------------------------------
-- 3. Working days and deadlines
--------------------------------------------------------------------------
-- The columns of the view, one small C function each (src/deadline_columns.c): each takes the
-- application's inputs and returns one value; the first call on a row computes the row's deadline and
-- the others are handed it (kept by their inputs), so a row costs one computation, no record
CREATE FUNCTION @extschema@.deadline_due_on(application_id bigint, received_on date, corrected_on date, extended boolean, closed_on date)
	RETURNS date AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_due_on(bigint, date, date, boolean, date) IS 'the due date of an application (条例 articles 30-33); NULL while a consultation of an open application goes on';
CREATE FUNCTION @extschema@.deadline_status(application_id bigint, received_on date, corrected_on date, extended boolean, closed_on date)
	RETURNS text AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_status(bigint, date, date, boolean, date) IS 'the status of an application today: open, open_overdue, closed_on_time or closed_late';
CREATE FUNCTION @extschema@.deadline_workdays_taken(application_id bigint, received_on date, corrected_on date, extended boolean, closed_on date)
	RETURNS integer AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_workdays_taken(bigint, date, date, boolean, date) IS 'the working days a closed application took, its consultations not counted';
CREATE FUNCTION @extschema@.deadline_workdays_late(application_id bigint, received_on date, corrected_on date, extended boolean, closed_on date)
	RETURNS integer AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_workdays_late(bigint, date, date, boolean, date) IS 'the working days a closed application was answered after its due date (0: on time)';
CREATE FUNCTION @extschema@.deadline_consult_workdays(application_id bigint, received_on date, corrected_on date, extended boolean, closed_on date)
	RETURNS integer AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_consult_workdays(bigint, date, date, boolean, date) IS 'the working days of an application''s consultations after its clock start; NULL while one of an open application goes on';

-- One sequential scan of application, no join, no record: conditions on the view stay pushed into the
-- scan, and a row costs one computation of its deadline (bench/CALENDAR.md)
CREATE OR REPLACE VIEW @extschema@.application_deadline AS
SELECT a.application_id, a.agency_id, a.received_on, coalesce(a.corrected_on, a.received_on) AS clock_starts_on,
	@extschema@.deadline_due_on(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS due_on,
	a.closed_on,
	@extschema@.deadline_status(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS status,
	@extschema@.deadline_workdays_taken(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS workdays_taken,
	@extschema@.deadline_workdays_late(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS workdays_late,
	a.extended,
	@extschema@.deadline_consult_workdays(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS consult_workdays
FROM @extschema@.application a;

-- the timeliness rows from the column functions (the deadline computed once per row, no record)
CREATE OR REPLACE FUNCTION @extschema@.timeliness_rows(year integer)
	RETURNS TABLE(agency_id bigint, closed boolean, on_time boolean, extended boolean, workdays_taken integer, open_overdue boolean)
	LANGUAGE sql STABLE
BEGIN ATOMIC
	-- the deadline computed once per candidate row (the column functions share it), on the
	-- applications closed in the year or open at its end; OFFSET 0: the caller's condition on the
	-- agency is not pushed into the scan (for an agency with most of the applications under it, a
	-- lookup per agency would cost far more than this one filtered scan)
	SELECT x.agency_id, x.closed_on <= make_date(timeliness_rows.year, 12, 31), x.closed_on <= x.due_on,
		x.extended, x.workdays_taken, x.closed_on IS NULL OR x.closed_on > make_date(timeliness_rows.year, 12, 31)
	FROM (
		SELECT a.agency_id, a.closed_on, a.extended,
			@extschema@.deadline_due_on(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS due_on,
			@extschema@.deadline_workdays_taken(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on) AS workdays_taken
		FROM @extschema@.application a
		WHERE (a.closed_on BETWEEN make_date(timeliness_rows.year, 1, 1) AND make_date(timeliness_rows.year, 12, 31))
		   OR (a.received_on <= make_date(timeliness_rows.year, 12, 31)
		       AND (a.closed_on IS NULL OR a.closed_on > make_date(timeliness_rows.year, 12, 31)))
		OFFSET 0
	) x
	WHERE (x.closed_on BETWEEN make_date(timeliness_rows.year, 1, 1) AND make_date(timeliness_rows.year, 12, 31))
	   OR x.due_on <= make_date(timeliness_rows.year, 12, 31);
END;

-- timeliness_by_agency without planner settings: the hierarchy walked up by primary key, the last join
-- grouped by the agency's primary key
CREATE OR REPLACE FUNCTION @extschema@.timeliness_by_agency(year integer)
	RETURNS TABLE(agency_id bigint, code text, name text, closed bigint, on_time bigint, on_time_pct numeric,
		extended bigint, median_workdays numeric, p90_workdays numeric, open_overdue bigint)
	LANGUAGE sql STABLE
BEGIN ATOMIC
	WITH RECURSIVE up(agency_id, root) AS (
		-- each agency with itself and each of its ancestors (UNION: a cycle would end)
		SELECT g.agency_id, g.agency_id FROM @extschema@.agency g
		UNION
		SELECT u.agency_id, g.parent_id FROM up u JOIN @extschema@.agency g ON g.agency_id = u.root
		WHERE g.parent_id IS NOT NULL),
	own AS MATERIALIZED (
		SELECT r.agency_id, r.workdays_taken AS taken,
			(count(*) FILTER (WHERE r.closed))::integer AS n,
			(count(*) FILTER (WHERE r.closed AND r.on_time))::integer AS on_time,
			(count(*) FILTER (WHERE r.closed AND r.extended))::integer AS extended,
			(count(*) FILTER (WHERE r.open_overdue))::integer AS open_overdue
		FROM @extschema@.timeliness_rows(timeliness_by_agency.year) r
		GROUP BY r.agency_id, r.workdays_taken),
	hist AS (
		-- integer counts (a count per agency and working days above 2^31 would be an error): the running
		-- sums below are then bigint, not numeric
		SELECT u.root, o.taken, sum(o.n)::integer AS n, sum(o.on_time)::integer AS on_time,
			sum(o.extended)::integer AS extended, sum(o.open_overdue)::integer AS open_overdue
		FROM own o JOIN up u ON u.agency_id = o.agency_id
		GROUP BY u.root, o.taken),
	cum AS (
		SELECT h.root, h.taken, h.n, h.on_time, h.extended, h.open_overdue,
			sum(h.n) OVER (PARTITION BY h.root ORDER BY h.taken ROWS UNBOUNDED PRECEDING) AS upto,
			sum(h.n) OVER (PARTITION BY h.root) AS total
		FROM hist h WHERE h.taken IS NOT NULL OR h.open_overdue > 0),
	pos AS (
		-- the 0-based positions percentile_cont interpolates between, in each agency's sorted closings
		SELECT c.*, floor(0.5::float8 * (c.total - 1)::float8) AS lo50_at, ceil(0.5::float8 * (c.total - 1)::float8) AS hi50_at,
			floor(0.9::float8 * (c.total - 1)::float8) AS lo90_at, ceil(0.9::float8 * (c.total - 1)::float8) AS hi90_at
		FROM cum c)
	SELECT s.agency_id, s.code, s.name, s.closed, s.on_time, round(100.0 * s.on_time / nullif(s.closed, 0), 1), s.extended,
		CASE WHEN s.closed > 0 THEN (s.lo50::float8 + (0.5::float8 * (s.total - 1)::float8 - floor(0.5::float8 * (s.total - 1)::float8))
		                                              * (s.hi50::float8 - s.lo50::float8))::numeric END,
		CASE WHEN s.closed > 0 THEN (s.lo90::float8 + (0.9::float8 * (s.total - 1)::float8 - floor(0.9::float8 * (s.total - 1)::float8))
		                                              * (s.hi90::float8 - s.lo90::float8))::numeric END,
		s.open_overdue
	FROM (
		-- the value at 0-based position i of the sorted closings is the least taken whose cumulative count exceeds i
		SELECT g.agency_id, g.code, g.name, coalesce(sum(c.n), 0)::bigint AS closed, coalesce(sum(c.on_time), 0)::bigint AS on_time,
			coalesce(sum(c.extended), 0)::bigint AS extended, coalesce(sum(c.open_overdue), 0)::bigint AS open_overdue,
			max(c.total) AS total,
			min(c.taken) FILTER (WHERE c.n > 0 AND c.upto > c.lo50_at) AS lo50,
			min(c.taken) FILTER (WHERE c.n > 0 AND c.upto > c.hi50_at) AS hi50,
			min(c.taken) FILTER (WHERE c.n > 0 AND c.upto > c.lo90_at) AS lo90,
			min(c.taken) FILTER (WHERE c.n > 0 AND c.upto > c.hi90_at) AS hi90
		FROM @extschema@.agency g
		LEFT JOIN pos c ON c.root = g.agency_id
		GROUP BY g.agency_id) s
	ORDER BY s.code;
END;
-- (end of section 3)

--------------------------------------------------------------------------
-- 4. Derived reports and the insert path on data in arrival order
--------------------------------------------------------------------------
-- (end of section 4)

--------------------------------------------------------------------------
-- 5. Scale-out with postgres_fdw
--------------------------------------------------------------------------
-- (end of section 5)
