-- bench/locks comparison variant (not for merging): sql/pending/lock_order.sql with publish_report
-- taking its two rows the plain way, the report row FOR UPDATE and then the agency row FOR UPDATE,
-- both waiting (the order of the 0.4.0 draft). It deadlocks with a transaction that holds the agency
-- row (it wrote the agency's records, or another of its reports) and then writes the report being
-- published; run with LOCKS_PENDING=bench/locks/variant_blocking.sql.

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
BEGIN
	SELECT g.agency_id INTO a FROM @extschema@.agency g WHERE g.code = agency_code;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown agency "%"', agency_code USING ERRCODE = 'undefined_object';
	END IF;
	-- the report row, then the agency row, each waited for
	SELECT * INTO r FROM @extschema@.annual_report x WHERE x.agency_id = a AND x.year = publish_report.year FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no annual report of agency "%" for year % is stored', agency_code, year
			USING ERRCODE = 'no_data_found';
	END IF;
	PERFORM 1 FROM @extschema@.agency g WHERE g.agency_id = a FOR UPDATE;
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
