-- govinfo 0.6.0 -> 0.7.0: the speed targets 0.6.0 missed: the import of published reports in C and the
-- HTML reader, the deadline view, the derived reports' state and read path.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.7.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. Published reports (import speed, HTML reader) (#9)
--------------------------------------------------------------------------
-- import_report in C (src/import.c): one detoast, the SHA-256 of the bytes, parse_report in-process, kept
-- plans; the same signature, behaviour and privileges (CREATE OR REPLACE keeps the REVOKE of 0.5.0)
CREATE OR REPLACE FUNCTION @extschema@.import_report(document text, source_url text DEFAULT NULL, agency_code text DEFAULT NULL)
	RETURNS bigint
	AS 'MODULE_PATHNAME', 'gi_import_report'
	LANGUAGE C VOLATILE
	SET search_path = pg_catalog, pg_temp;
-- lz4 for the large columns of published_report and audit_log when the server has it (rows already
-- stored keep their compression until they are rewritten)
DO $$
BEGIN
	IF EXISTS (SELECT FROM pg_catalog.pg_settings WHERE name OPERATOR(pg_catalog.=) 'default_toast_compression'
			AND 'lz4' OPERATOR(pg_catalog.=) ANY (enumvals)) THEN
		ALTER TABLE @extschema@.published_report ALTER COLUMN document SET COMPRESSION lz4,
			ALTER COLUMN overview SET COMPRESSION lz4, ALTER COLUMN problems SET COMPRESSION lz4,
			ALTER COLUMN other_matters SET COMPRESSION lz4, ALTER COLUMN warnings SET COMPRESSION lz4;
		ALTER TABLE @extschema@.audit_log ALTER COLUMN old_values SET COMPRESSION lz4,
			ALTER COLUMN new_values SET COMPRESSION lz4;
	END IF;
END
$$;
-- (end of section 1)

--------------------------------------------------------------------------
-- 2. Working days and deadlines (the deadline view) (#13)
--------------------------------------------------------------------------
-- 0.7.0 stores each application's deadline in govinfo.application (clock_starts_on, due_on,
-- consult_workdays, workdays_taken, workdays_late, closed_status), kept by a C row trigger on the insert
-- path and computed again after a change of the calendar or of the consultation periods; the view and
-- timeliness_rows read them.
-- The deadline stored in each application (src/deadline_stamp.c): what is fixed once the inputs, the
-- consultation periods and the calendar are known, so that the view below reads columns. A row trigger
-- in C computes them on every INSERT and UPDATE (whatever the statement wrote into them); a change of
-- the calendar or of the consultation periods computes them again for the rows it can touch (as the
-- owner of the tables, every agency's rows, not audited: no user changed them). NULL due_on: not
-- computable when stored (the calendar did not reach far enough), or a consultation of an open
-- application goes on; the view computes such rows (doc/deadlines.md).
ALTER TABLE @extschema@.application
	ADD COLUMN clock_starts_on date,
	ADD COLUMN due_on date,
	ADD COLUMN consult_workdays integer,
	ADD COLUMN workdays_taken integer,
	ADD COLUMN workdays_late integer,
	ADD COLUMN closed_status text;
COMMENT ON COLUMN @extschema@.application.clock_starts_on IS 'the day the time limit starts from (the received or corrected date), kept by govinfo';
COMMENT ON COLUMN @extschema@.application.due_on IS 'the due date (条例 articles 30-33), kept by govinfo; NULL: computed by the view application_deadline';
COMMENT ON COLUMN @extschema@.application.consult_workdays IS 'the working days spent consulting after the clock start, kept by govinfo';
COMMENT ON COLUMN @extschema@.application.workdays_taken IS 'the working days a closed application took, its consultations not counted, kept by govinfo';
COMMENT ON COLUMN @extschema@.application.workdays_late IS 'the working days a closed application was answered after its due date, kept by govinfo';
COMMENT ON COLUMN @extschema@.application.closed_status IS 'closed_on_time or closed_late for a closed application, kept by govinfo; NULL while open';
CREATE FUNCTION @extschema@.application_deadline_stamp() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE FUNCTION @extschema@.application_deadline_lock() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE FUNCTION @extschema@.workday_calendar_restamp() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE FUNCTION @extschema@.application_consultation_restamp() RETURNS trigger
	AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE FUNCTION @extschema@.restamp_deadlines(from_day date DEFAULT NULL) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.restamp_deadlines(date) IS 'compute again the deadlines stored in govinfo.application (from_day: those a calendar change from that day on can touch); the number of rows';
REVOKE EXECUTE ON FUNCTION @extschema@.application_deadline_stamp() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.application_deadline_lock() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.workday_calendar_restamp() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.application_consultation_restamp() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.restamp_deadlines(date) FROM PUBLIC;
-- a writer of applications holds ROW SHARE on the calendar until it ends; a calendar change takes
-- EXCLUSIVE before computing the stored deadlines again, so each waits for the other
CREATE TRIGGER application_deadline_lock BEFORE INSERT OR UPDATE ON @extschema@.application
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_deadline_lock();
CREATE TRIGGER application_deadline_stamp BEFORE INSERT OR UPDATE ON @extschema@.application
	FOR EACH ROW EXECUTE FUNCTION @extschema@.application_deadline_stamp();
CREATE TRIGGER workday_calendar_restamp_insert AFTER INSERT ON @extschema@.workday_calendar
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.workday_calendar_restamp();
CREATE TRIGGER workday_calendar_restamp_update AFTER UPDATE ON @extschema@.workday_calendar
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.workday_calendar_restamp();
CREATE TRIGGER workday_calendar_restamp_delete AFTER DELETE ON @extschema@.workday_calendar
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.workday_calendar_restamp();
CREATE TRIGGER workday_calendar_restamp_truncate AFTER TRUNCATE ON @extschema@.workday_calendar
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.workday_calendar_restamp();
CREATE TRIGGER application_consultation_restamp_insert AFTER INSERT ON @extschema@.application_consultation
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_consultation_restamp();
CREATE TRIGGER application_consultation_restamp_update AFTER UPDATE ON @extschema@.application_consultation
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_consultation_restamp();
CREATE TRIGGER application_consultation_restamp_delete AFTER DELETE ON @extschema@.application_consultation
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_consultation_restamp();
CREATE TRIGGER application_consultation_restamp_truncate AFTER TRUNCATE ON @extschema@.application_consultation
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_consultation_restamp();

-- One sequential scan of application, no join: the stored columns, and today's date compared with the
-- due date of an open application (closed_status is NULL while open). A row whose deadline is not stored (NULL due_on) is computed by
-- the column functions, as before 0.7.0: the same values, or the same error past the known calendar
-- (bench/CALENDAR.md)
CREATE OR REPLACE VIEW @extschema@.application_deadline AS
SELECT a.application_id, a.agency_id, a.received_on, a.clock_starts_on,
	coalesce(a.due_on, @extschema@.deadline_due_on(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on)) AS due_on,
	a.closed_on,
	coalesce(a.closed_status,
		CASE WHEN a.due_on IS NULL THEN @extschema@.deadline_status(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on)
		     WHEN a.due_on < CURRENT_DATE THEN 'open_overdue' ELSE 'open' END) AS status,
	coalesce(a.workdays_taken, @extschema@.deadline_workdays_taken(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on)) AS workdays_taken,
	coalesce(a.workdays_late, @extschema@.deadline_workdays_late(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on)) AS workdays_late,
	a.extended,
	coalesce(a.consult_workdays, @extschema@.deadline_consult_workdays(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on)) AS consult_workdays
FROM @extschema@.application a;
COMMENT ON VIEW @extschema@.application_deadline IS 'the legal due date of every application (条例 articles 30-33), its status, the working days taken and late';

-- the timeliness figures of one year from the deadlines of a set of applications: those closed in
-- the year, and those open at its end (not closed by 31 December) with a due date in it or before
CREATE OR REPLACE FUNCTION @extschema@.timeliness_rows(year integer)
	RETURNS TABLE(agency_id bigint, closed boolean, on_time boolean, extended boolean, workdays_taken integer, open_overdue boolean)
	LANGUAGE sql STABLE
BEGIN ATOMIC
	-- the stored deadline (computed, the column functions sharing it, when not stored), on the
	-- applications closed in the year or open at its end; OFFSET 0: the caller's condition on the
	-- agency is not pushed into the scan (for an agency with most of the applications under it, a
	-- lookup per agency would cost far more than this one filtered scan)
	SELECT x.agency_id, x.closed_on <= make_date(timeliness_rows.year, 12, 31), x.closed_on <= x.due_on,
		x.extended, x.workdays_taken, x.closed_on IS NULL OR x.closed_on > make_date(timeliness_rows.year, 12, 31)
	FROM (
		SELECT a.agency_id, a.closed_on, a.extended,
			coalesce(a.due_on, @extschema@.deadline_due_on(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on)) AS due_on,
			coalesce(a.workdays_taken, @extschema@.deadline_workdays_taken(a.application_id, a.received_on, a.corrected_on, a.extended, a.closed_on)) AS workdays_taken
		FROM @extschema@.application a
		WHERE (a.closed_on BETWEEN make_date(timeliness_rows.year, 1, 1) AND make_date(timeliness_rows.year, 12, 31))
		   OR (a.received_on <= make_date(timeliness_rows.year, 12, 31)
		       AND (a.closed_on IS NULL OR a.closed_on > make_date(timeliness_rows.year, 12, 31)))
		OFFSET 0
	) x
	WHERE (x.closed_on BETWEEN make_date(timeliness_rows.year, 1, 1) AND make_date(timeliness_rows.year, 12, 31))
	   OR x.due_on <= make_date(timeliness_rows.year, 12, 31);
END;

-- the deadlines of the rows already there
SELECT @extschema@.restamp_deadlines();
-- (end of section 2)

--------------------------------------------------------------------------
-- 3. Derived reports: aggregate state, read path, stored report, sum() (#12)
--------------------------------------------------------------------------
-- 3a. request_figures_agg with a compact state (src/derive_state.c): the aggregate's state type
-- changes (request_figures -> internal, with serial/deserial functions for parallel plans). CREATE OR
-- REPLACE AGGREGATE keeps the aggregate's identity, so derived_reports and any view of a user's that
-- calls it stay as they are (the old state functions stay in the extension and the library).
CREATE FUNCTION @extschema@.request_figures_agg_ctrans(internal, integer, date, date, @extschema@.applicant, @extschema@.outcome)
	RETURNS internal AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_agg_cfinal(internal)
	RETURNS @extschema@.request_figures AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_agg_combine(internal, internal)
	RETURNS internal AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_agg_serial(internal)
	RETURNS bytea AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_agg_deserial(bytea, internal)
	RETURNS internal AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE AGGREGATE @extschema@.request_figures_agg(year integer, received_on date, closed_on date,
		applicant @extschema@.applicant, outcome @extschema@.outcome) (
	SFUNC = @extschema@.request_figures_agg_ctrans, STYPE = internal, SSPACE = 160,
	FINALFUNC = @extschema@.request_figures_agg_cfinal,
	COMBINEFUNC = @extschema@.request_figures_agg_combine,
	SERIALFUNC = @extschema@.request_figures_agg_serial, DESERIALFUNC = @extschema@.request_figures_agg_deserial,
	PARALLEL = SAFE);
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_ctrans(internal, integer, date, date, @extschema@.applicant, @extschema@.outcome) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_cfinal(internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_combine(internal, internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_serial(internal) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_deserial(bytea, internal) FROM PUBLIC;

-- 3b. one agency's decisions of a year read by an index-only scan (derive_report)
DROP INDEX @extschema@.decision_count_agency;
CREATE INDEX decision_count_agency ON @extschema@.decision_count (agency_id, decided_on) INCLUDE (kind, n);
-- and every agency's decisions of a year by a BRIN range index on the date (decisions arrive in date order)
CREATE INDEX decision_count_decided ON @extschema@.decision_count USING brin (decided_on);
-- (end of 3a-3b, the derivation)

-- 3c. stored report reads and sum()
-- report_table2/3/4: one C call (src/report_read.c) instead of the SQL function over report_figures
-- (PL/pgSQL over agency_id and check_access) and report_part; the same results and errors
CREATE OR REPLACE FUNCTION @extschema@.report_table2(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, issued bigint, abolished bigint, in_force bigint, decisions bigint, amount numeric,
		new_made bigint, new_published bigint, total_published bigint, prev_items bigint, delta bigint, count bigint)
	AS 'MODULE_PATHNAME', 'report_table2' LANGUAGE C STABLE STRICT;
CREATE OR REPLACE FUNCTION @extschema@.report_table3(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, np integer, biz integer, res integer, npo integer, law integer, oth integer, total integer)
	AS 'MODULE_PATHNAME', 'report_table3' LANGUAGE C STABLE STRICT;
CREATE OR REPLACE FUNCTION @extschema@.report_table4(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(group_code text, label text, upheld integer, corrected integer, other integer, pending integer, total integer)
	AS 'MODULE_PATHNAME', 'report_table4' LANGUAGE C STABLE STRICT;
-- (end of section 3)

--------------------------------------------------------------------------
-- 4. Scale-out (#12)
--------------------------------------------------------------------------
-- (end of section 4)
