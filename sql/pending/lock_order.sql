-- govinfo pending change "lock_order" (for the lead to merge into the 0.4.0 schema): one lock order
-- for the report row and the agency row, so that publish_report, refresh_report(s), reopen_report and
-- direct writes of annual_report cannot deadlock with one another.
--
-- Every writer of annual_report locks the report row first and the agency row after it: an INSERT,
-- UPDATE or upsert holds the row before any trigger runs, and the P3-CARRY trigger
-- (annual_report_carry) then locks the agency FOR NO KEY UPDATE, at the end of the statement or, with
-- SET CONSTRAINTS annual_report_p3_carry DEFERRED, at commit. Before this change publish_report took
-- the agency row first (FOR UPDATE, to wait for writers of records, who hold it FOR KEY SHARE) and the
-- report row second: a writer holding the report row and reaching its carry-over check deadlocked with
-- it (40P01), every time with the deferred check, and at random under load.
--
--  * store_derived upserts in agency order, so refresh_reports(year) locks report rows in agency
--    order and then, in its carry-over triggers, agency rows in agency order (two refresh_reports,
--    or refresh_reports and any single-report writer, take the rows in one order);
--  * refresh_report locks its report row before it checks that it is not published (it used to check
--    without a lock: a concurrent publication could slip in and the refresh silently wrote nothing);
--  * publish_report waits for the report row and takes the agency row only if it is free at once;
--    otherwise it lets go of the report row, waits for the agency row and takes the report row only if
--    it is free at once; and so on. It never waits while holding one of the two, so it cannot be part
--    of a deadlock, whatever order a transaction took them in before (a transaction that wrote an
--    agency's records, or another of its reports, holds the agency row and may then write this report:
--    a publication holding the report row and waiting for the agency row would deadlock with it).
--
-- Applied by scripts/suites/30-isolation.sh to the isolation test database (with @extschema@ replaced
-- by govinfo) while this file exists; delete it once its functions are in the schema.

-- store the derived figures of report years (all agencies with records, or one), skipping
-- published reports; returns how many reports were written
CREATE OR REPLACE FUNCTION @extschema@.store_derived(year integer, only_agency bigint DEFAULT NULL)
	RETURNS bigint
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	written bigint;
BEGIN
	-- in agency order: report rows are locked in that order, and the carry-over triggers, which fire
	-- in the same order once the statement is done, lock the agency rows in that order
	INSERT INTO @extschema@.annual_report AS r (agency_id, year, disclosures, requests, appeals, source)
	SELECT d.agency_id, store_derived.year, d.disclosures, d.requests, d.appeals, 'derived'
	FROM @extschema@.derived_reports(store_derived.year, only_agency) d
	ORDER BY d.agency_id
	ON CONFLICT ON CONSTRAINT annual_report_pkey DO UPDATE
		SET disclosures = excluded.disclosures, requests = excluded.requests, appeals = excluded.appeals,
			source = 'derived'
		WHERE r.published_at IS NULL;
	GET DIAGNOSTICS written = ROW_COUNT;
	RETURN written;
END
$$;

CREATE OR REPLACE FUNCTION @extschema@.refresh_report(agency_code text, year integer) RETURNS void
	LANGUAGE plpgsql VOLATILE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	published boolean;
BEGIN
	-- the report row first (a publication in progress is waited for, then seen), the agency row in the
	-- carry-over trigger of the upsert: the lock order of every writer of annual_report
	SELECT r.published_at IS NOT NULL INTO published FROM @extschema@.annual_report r
	WHERE r.agency_id = a AND r.year = refresh_report.year FOR UPDATE;
	IF published THEN
		RAISE EXCEPTION 'the annual report of agency "%" for year % is published', agency_code, year
			USING ERRCODE = 'object_not_in_prerequisite_state',
				HINT = 'govinfo.reopen_report(agency_code, year, reason) lifts the lock and keeps the published version.';
	END IF;
	PERFORM @extschema@.store_derived(year, a);
END
$$;

CREATE OR REPLACE FUNCTION @extschema@.publish_report(agency_code text, year integer) RETURNS timestamptz
	LANGUAGE plpgsql VOLATILE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint;
	r @extschema@.annual_report;
	waiting boolean;
BEGIN
	SELECT g.agency_id INTO a FROM @extschema@.agency g WHERE g.code = agency_code;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown agency "%"', agency_code USING ERRCODE = 'undefined_object';
	END IF;
	-- The report row, then the agency row FOR UPDATE, which waits for every transaction writing this
	-- agency's records (they hold it FOR KEY SHARE) or reports (FOR NO KEY UPDATE). Never wait for one
	-- while holding the other: wait for one, then take the other only if it is free at once (NOWAIT);
	-- if it is not, the block is rolled back, which lets go of the first, and the next block waits for
	-- the other one. A lock_not_available while waiting (lock_timeout) is raised as it is.
	LOOP
		BEGIN
			waiting := true;
			SELECT * INTO r FROM @extschema@.annual_report x WHERE x.agency_id = a AND x.year = publish_report.year FOR UPDATE;
			IF NOT FOUND THEN
				RAISE EXCEPTION 'no annual report of agency "%" for year % is stored', agency_code, year
					USING ERRCODE = 'no_data_found',
						HINT = 'Store it first: enter its figures, or govinfo.refresh_report(agency_code, year).';
			END IF;
			waiting := false;
			PERFORM 1 FROM @extschema@.agency g WHERE g.agency_id = a FOR UPDATE NOWAIT;
			EXIT;
		EXCEPTION WHEN lock_not_available THEN
			IF waiting THEN
				RAISE;
			END IF;
		END;
		BEGIN
			waiting := true;
			PERFORM 1 FROM @extschema@.agency g WHERE g.agency_id = a FOR UPDATE;
			waiting := false;
			SELECT * INTO r FROM @extschema@.annual_report x WHERE x.agency_id = a AND x.year = publish_report.year FOR UPDATE NOWAIT;
			IF NOT FOUND THEN
				RAISE EXCEPTION 'no annual report of agency "%" for year % is stored', agency_code, year
					USING ERRCODE = 'no_data_found',
						HINT = 'Store it first: enter its figures, or govinfo.refresh_report(agency_code, year).';
			END IF;
			EXIT;
		EXCEPTION WHEN lock_not_available THEN
			IF waiting THEN
				RAISE;
			END IF;
		END;
	END LOOP;
	IF r.published_at IS NOT NULL THEN
		RAISE EXCEPTION 'the annual report of agency "%" for year % is already published', agency_code, year
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	IF r.source = 'derived' THEN
		-- include every record committed before the lock was taken
		PERFORM @extschema@.store_derived(year, a);
	END IF;
	PERFORM set_config('govinfo.publication', format('%s:%s', a, year), true);
	UPDATE @extschema@.annual_report x SET published_at = now()
	WHERE x.agency_id = a AND x.year = publish_report.year;
	PERFORM set_config('govinfo.publication', '', true);
	RETURN now();
END
$$;
