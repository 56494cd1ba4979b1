--------------------------------------------------------------------------
-- Derivation
--------------------------------------------------------------------------
-- the agency_id of a code, or 42704 naming the code
CREATE FUNCTION @extschema@.agency_id(agency_code text) RETURNS bigint
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint;
BEGIN
	SELECT g.agency_id INTO a FROM @extschema@.agency g WHERE g.code = agency_code;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown agency "%"', agency_code
			USING ERRCODE = 'undefined_object', HINT = 'Agencies are listed in @extschema@.agency by code.';
	END IF;
	RETURN a;
END
$$;

-- the three figures of one report year derived from the records, per agency: every agency with a
-- record that counts in the year, or only only_agency; one set-based pass over each record table
-- (over the application tally for the applications)
-- BEGIN ATOMIC binds every name when the function is created and there is no SET clause, so the
-- planner inlines the function into its caller: with a known agency the agency range below is one
-- value and each record table is read by index; with NULL it is every agency. The five aggregates
-- meet in FULL JOINs on agency_id (hash joins, nothing materialized twice), and table 二 is built
-- by one C call from its counts (disclosure_figures_derived).
CREATE FUNCTION @extschema@.derived_reports(year integer, only_agency bigint DEFAULT NULL)
	RETURNS TABLE(agency_id bigint, disclosures @extschema@.disclosure_figures,
		requests @extschema@.request_figures, appeals @extschema@.appeal_figures)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT agency_id,
		@extschema@.disclosure_figures_derived(derived_reports.year, docs.rule_issued, docs.rule_abolished, docs.rule_in_force,
			docs.norm_issued, docs.norm_abolished, docs.norm_in_force, dec.licensing, dec.penalty, dec.coercion, fee.yuan),
		-- an agency with no application in scope: the aggregate over no application, i.e. zeros
		coalesce(req.f, (SELECT @extschema@.request_figures_agg(derived_reports.year, NULL, NULL, NULL, NULL))),
		coalesce(app.f, (SELECT @extschema@.appeal_figures_agg(derived_reports.year, NULL, NULL, NULL, NULL)))
	FROM (
		-- table 三 from the application tally (0.13.0): a few pairs per agency instead of its applications
		SELECT t.agency_id, @extschema@.request_figures_tally(derived_reports.year, t.counts) AS f
		FROM @extschema@.application_tally t
		WHERE t.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY t.agency_id
		HAVING @extschema@.request_figures_tally(derived_reports.year, t.counts) IS NOT NULL) req
	FULL JOIN (
		SELECT c.agency_id, @extschema@.appeal_figures_agg(derived_reports.year, c.kind, c.filed_on, c.result, c.concluded_on) AS f
		FROM @extschema@.appeal_case c
		WHERE c.filed_on < make_date(derived_reports.year + 1, 1, 1)
		  AND (c.concluded_on IS NULL OR c.concluded_on >= make_date(derived_reports.year, 1, 1))
		  AND c.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY c.agency_id) app USING (agency_id)
	FULL JOIN (
		SELECT d.agency_id,
			count(*) FILTER (WHERE d.kind = 'rule' AND d.issued_on >= make_date(derived_reports.year, 1, 1)) AS rule_issued,
			count(*) FILTER (WHERE d.kind = 'rule' AND d.abolished_on < make_date(derived_reports.year + 1, 1, 1)) AS rule_abolished,
			count(*) FILTER (WHERE d.kind = 'rule' AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_reports.year + 1, 1, 1))) AS rule_in_force,
			count(*) FILTER (WHERE d.kind = 'normative' AND d.issued_on >= make_date(derived_reports.year, 1, 1)) AS norm_issued,
			count(*) FILTER (WHERE d.kind = 'normative' AND d.abolished_on < make_date(derived_reports.year + 1, 1, 1)) AS norm_abolished,
			count(*) FILTER (WHERE d.kind = 'normative' AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_reports.year + 1, 1, 1))) AS norm_in_force
		FROM @extschema@.normative_document d
		WHERE d.issued_on < make_date(derived_reports.year + 1, 1, 1)
		  AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_reports.year, 1, 1))
		  AND d.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY d.agency_id) docs USING (agency_id)
	FULL JOIN (
		SELECT k.agency_id,
			sum(k.n) FILTER (WHERE k.kind = 'licensing') AS licensing,
			sum(k.n) FILTER (WHERE k.kind = 'penalty') AS penalty,
			sum(k.n) FILTER (WHERE k.kind = 'coercion') AS coercion
		FROM @extschema@.decision_count k
		WHERE k.decided_on >= make_date(derived_reports.year, 1, 1) AND k.decided_on < make_date(derived_reports.year + 1, 1, 1)
		  AND k.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY k.agency_id) dec USING (agency_id)
	FULL JOIN (
		SELECT r.agency_id, sum(r.amount_yuan) AS yuan
		FROM @extschema@.fee_receipt r
		WHERE r.received_on >= make_date(derived_reports.year, 1, 1) AND r.received_on < make_date(derived_reports.year + 1, 1, 1)
		  AND r.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY r.agency_id) fee USING (agency_id)
	-- the one agency asked for is there even with no record in the year
	FULL JOIN (SELECT only_agency AS agency_id WHERE only_agency IS NOT NULL) one USING (agency_id);
END;

-- the three figures of one agency's report year: the same values as derived_reports(year, agency_id)
-- (zeros when no record counts), as one row of scalar aggregates over the agency's rows read by
-- index, with no join: what derive_report and report_figures run (0.13.0)
CREATE FUNCTION @extschema@.derived_report_of(agency_id bigint, year integer)
	RETURNS TABLE(disclosures @extschema@.disclosure_figures, requests @extschema@.request_figures,
		appeals @extschema@.appeal_figures)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT
		@extschema@.disclosure_figures_derived(derived_report_of.year, docs.rule_issued, docs.rule_abolished, docs.rule_in_force,
			docs.norm_issued, docs.norm_abolished, docs.norm_in_force, dec.licensing, dec.penalty, dec.coercion,
			(SELECT sum(r.amount_yuan) FROM @extschema@.fee_receipt r
			 WHERE r.agency_id = derived_report_of.agency_id
			   AND r.received_on >= make_date(derived_report_of.year, 1, 1) AND r.received_on < make_date(derived_report_of.year + 1, 1, 1))),
		coalesce((SELECT @extschema@.request_figures_tally(derived_report_of.year, t.counts) FROM @extschema@.application_tally t
		          WHERE t.agency_id = derived_report_of.agency_id),
		         (SELECT @extschema@.request_figures_agg(derived_report_of.year, NULL, NULL, NULL, NULL))),
		coalesce((SELECT @extschema@.appeal_figures_agg(derived_report_of.year, c.kind, c.filed_on, c.result, c.concluded_on)
		          FROM @extschema@.appeal_case c
		          WHERE c.agency_id = derived_report_of.agency_id AND c.filed_on < make_date(derived_report_of.year + 1, 1, 1)
		            AND (c.concluded_on IS NULL OR c.concluded_on >= make_date(derived_report_of.year, 1, 1))),
		         (SELECT @extschema@.appeal_figures_agg(derived_report_of.year, NULL, NULL, NULL, NULL)))
	FROM (
		SELECT
			count(*) FILTER (WHERE d.kind = 'rule' AND d.issued_on >= make_date(derived_report_of.year, 1, 1)) AS rule_issued,
			count(*) FILTER (WHERE d.kind = 'rule' AND d.abolished_on < make_date(derived_report_of.year + 1, 1, 1)) AS rule_abolished,
			count(*) FILTER (WHERE d.kind = 'rule' AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_report_of.year + 1, 1, 1))) AS rule_in_force,
			count(*) FILTER (WHERE d.kind = 'normative' AND d.issued_on >= make_date(derived_report_of.year, 1, 1)) AS norm_issued,
			count(*) FILTER (WHERE d.kind = 'normative' AND d.abolished_on < make_date(derived_report_of.year + 1, 1, 1)) AS norm_abolished,
			count(*) FILTER (WHERE d.kind = 'normative' AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_report_of.year + 1, 1, 1))) AS norm_in_force
		FROM @extschema@.normative_document d
		WHERE d.agency_id = derived_report_of.agency_id AND d.issued_on < make_date(derived_report_of.year + 1, 1, 1)
		  AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_report_of.year, 1, 1))) docs,
	(
		SELECT
			sum(k.n) FILTER (WHERE k.kind = 'licensing') AS licensing,
			sum(k.n) FILTER (WHERE k.kind = 'penalty') AS penalty,
			sum(k.n) FILTER (WHERE k.kind = 'coercion') AS coercion
		FROM @extschema@.decision_count k
		WHERE k.agency_id = derived_report_of.agency_id
		  AND k.decided_on >= make_date(derived_report_of.year, 1, 1) AND k.decided_on < make_date(derived_report_of.year + 1, 1, 1)) dec;
END;

CREATE FUNCTION @extschema@.derive_report(agency_code text, year integer,
		OUT disclosures @extschema@.disclosure_figures, OUT requests @extschema@.request_figures,
		OUT appeals @extschema@.appeal_figures)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
BEGIN
	PERFORM @extschema@.check_access(a, 'read', current_user);
	-- a cached plan with derived_report_of inlined, reading this agency's rows by index
	SELECT d.disclosures, d.requests, d.appeals INTO disclosures, requests, appeals
	FROM @extschema@.derived_report_of(a, derive_report.year) d;
END
$$;

-- the figures of a report: stored if there is a stored report, else derived from the records
CREATE FUNCTION @extschema@.report_figures(agency_code text, year integer,
		OUT disclosures @extschema@.disclosure_figures, OUT requests @extschema@.request_figures,
		OUT appeals @extschema@.appeal_figures, OUT stored boolean)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
BEGIN
	PERFORM @extschema@.check_access(a, 'read', current_user);
	SELECT r.disclosures, r.requests, r.appeals, true INTO disclosures, requests, appeals, stored
	FROM @extschema@.annual_report r WHERE r.agency_id = a AND r.year = report_figures.year;
	IF NOT FOUND THEN
		SELECT d.disclosures, d.requests, d.appeals, false INTO disclosures, requests, appeals, stored
		FROM @extschema@.derived_report_of(a, report_figures.year) d;
	END IF;
END
$$;

-- the figures of one part, or P0002 naming the report and the table when they are NULL
CREATE FUNCTION @extschema@.report_part(agency_code text, year integer, part text, figures anyelement)
	RETURNS anyelement
	LANGUAGE plpgsql IMMUTABLE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF figures IS NULL THEN
		RAISE EXCEPTION 'the annual report of agency "%" for year % has no table % figures', agency_code, year, part
			USING ERRCODE = 'no_data_found',
				HINT = CASE WHEN part = '二' AND year < 2021 THEN 'Table 二 of the 2019 format is not derived from records: store it with the report.'
				            ELSE 'The stored report is still being compiled.' END;
	END IF;
	RETURN figures;
END
$$;

-- one part of a report as a table, with the official labels: from the stored report, else derived
-- from the records. One C call (src/report_read.c) does what report_figures and report_part do, with
-- their errors in their order: the agency by code through a kept plan (42704), the read access of
-- the caller (42501, check_access), the stored report read as the caller (row-level security
-- applies), else derived_reports, P0002 when the part is NULL, then the language.
CREATE FUNCTION @extschema@.report_table2(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, issued bigint, abolished bigint, in_force bigint, decisions bigint, amount numeric,
		new_made bigint, new_published bigint, total_published bigint, prev_items bigint, delta bigint, count bigint)
	AS 'MODULE_PATHNAME', 'report_table2' LANGUAGE C STABLE STRICT;

CREATE FUNCTION @extschema@.report_table3(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, np integer, biz integer, res integer, npo integer, law integer, oth integer, total integer)
	AS 'MODULE_PATHNAME', 'report_table3' LANGUAGE C STABLE STRICT;

CREATE FUNCTION @extschema@.report_table4(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(group_code text, label text, upheld integer, corrected integer, other integer, pending integer, total integer)
	AS 'MODULE_PATHNAME', 'report_table4' LANGUAGE C STABLE STRICT;

-- the derived reports of a year (all agencies with records, or one) that a refresh would write: those
-- with no stored report, or an unpublished one whose figures or source differ. PL/pgSQL for its
-- RETURN QUERY, which may run the derivation in parallel, unlike the INSERT of store_derived that reads it.
-- Executable by PUBLIC like subtree_agencies: derived_reports and annual_report check the caller's rights
CREATE FUNCTION @extschema@.stale_reports(year integer, only_agency bigint DEFAULT NULL)
	RETURNS TABLE(agency_id bigint, disclosures @extschema@.disclosure_figures,
		requests @extschema@.request_figures, appeals @extschema@.appeal_figures)
	LANGUAGE plpgsql STABLE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RETURN QUERY
	SELECT d.agency_id, d.disclosures, d.requests, d.appeals
	FROM @extschema@.derived_reports(stale_reports.year, only_agency) d
	LEFT JOIN @extschema@.annual_report s ON s.agency_id OPERATOR(pg_catalog.=) d.agency_id
		AND s.year OPERATOR(pg_catalog.=) stale_reports.year
	WHERE s.agency_id IS NULL
	   OR s.published_at IS NULL
	      AND NOT (s.source OPERATOR(pg_catalog.=) 'derived'
	           AND coalesce(s.requests OPERATOR(@extschema@.=) d.requests, s.requests IS NULL AND d.requests IS NULL)
	           AND coalesce(s.appeals OPERATOR(@extschema@.=) d.appeals, s.appeals IS NULL AND d.appeals IS NULL)
	           AND coalesce(s.disclosures OPERATOR(@extschema@.=) d.disclosures, s.disclosures IS NULL AND d.disclosures IS NULL));
END
$$;

-- store the derived figures of report years (all agencies with records, or one), skipping
-- published reports and those whose stored figures already equal the derived ones (source 'derived'):
-- a refresh that changes nothing writes, locks, audits and carries over nothing; returns how many
-- reports were written
CREATE FUNCTION @extschema@.store_derived(year integer, only_agency bigint DEFAULT NULL)
	RETURNS bigint
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	written bigint;
	-- the agencies the caller may edit (row-level security lets it read more); NULL: all of them
	editable bigint[];
BEGIN
	IF NOT @extschema@.has_owner_rights(current_user) THEN
		editable := coalesce(@extschema@.visible_agencies('edit', current_user), '{}');
	END IF;
	-- in agency order: report rows are locked in that order, and the carry-over triggers, which fire
	-- in the same order once the statement is done, lock the agency rows in that order. A published
	-- report, or one stored with these figures, is not even proposed (as stale_reports' snapshot has it):
	-- no BEFORE trigger, no row lock; the ON CONFLICT clause decides on the latest version
	INSERT INTO @extschema@.annual_report AS r (agency_id, year, disclosures, requests, appeals, source)
	SELECT d.agency_id, store_derived.year, d.disclosures, d.requests, d.appeals, 'derived'
	FROM @extschema@.stale_reports(store_derived.year, only_agency) d
	WHERE editable IS NULL OR d.agency_id IN (SELECT unnest(editable))
	ORDER BY d.agency_id
	ON CONFLICT ON CONSTRAINT annual_report_pkey DO UPDATE
		SET disclosures = excluded.disclosures, requests = excluded.requests, appeals = excluded.appeals,
			source = 'derived'
		WHERE r.published_at IS NULL
		  AND NOT (r.source OPERATOR(pg_catalog.=) 'derived'
		       AND coalesce(r.requests OPERATOR(@extschema@.=) excluded.requests, r.requests IS NULL AND excluded.requests IS NULL)
		       AND coalesce(r.appeals OPERATOR(@extschema@.=) excluded.appeals, r.appeals IS NULL AND excluded.appeals IS NULL)
		       AND coalesce(r.disclosures OPERATOR(@extschema@.=) excluded.disclosures, r.disclosures IS NULL AND excluded.disclosures IS NULL));
	GET DIAGNOSTICS written = ROW_COUNT;
	RETURN written;
END
$$;

-- store the derived figures of one report; 55000 if it is published (also when a publication it
-- waited for has committed)
CREATE FUNCTION @extschema@.refresh_report(agency_code text, year integer) RETURNS void
	LANGUAGE plpgsql VOLATILE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	published boolean;
BEGIN
	PERFORM @extschema@.check_access(a, 'edit', current_user);
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

CREATE FUNCTION @extschema@.refresh_reports(year integer) RETURNS bigint
	LANGUAGE sql VOLATILE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT @extschema@.store_derived(refresh_reports.year);
END;

CREATE FUNCTION @extschema@.cell_applications(agency_code text, year integer, row_code text, column_code text)
	RETURNS SETOF @extschema@.application
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
BEGIN
	PERFORM @extschema@.check_access(a, 'read', current_user);
	-- checks the year and the codes even when no application is in scope
	PERFORM @extschema@.application_in_cell(year, NULL, NULL, NULL, NULL, row_code, column_code);
	RETURN QUERY
		SELECT p.* FROM @extschema@.application p
		WHERE p.agency_id = a
		  AND coalesce(p.closed_on, 'infinity'::date) >= make_date(year, 1, 1)
		  AND p.received_on < make_date(year + 1, 1, 1)
		  AND @extschema@.application_in_cell(year, p.received_on, p.closed_on, p.applicant, p.outcome, row_code, column_code)
		ORDER BY p.application_id;
END
$$;

-- publish a stored report: lock it, re-derive it if it is derived, keep what the records contribute.
-- Every other writer of annual_report locks the report row, then the agency row (an INSERT, UPDATE or
-- upsert holds its row before the P3-CARRY trigger locks the agency); publish_report never waits for one
-- of the two while holding the other, so it cannot be part of a deadlock (specs/lock_order.spec).
-- It runs as the owner of the tables (the only role whose change of published_at the lock lets
-- through, with the token of publication_begin) for the roles with publish access to the agency.
CREATE FUNCTION @extschema@.publish_report(agency_code text, year integer) RETURNS timestamptz
	LANGUAGE plpgsql VOLATILE STRICT SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	r @extschema@.annual_report;
	waiting boolean;
BEGIN
	PERFORM @extschema@.check_access(a, 'publish', @extschema@.acting_role());
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
	PERFORM @extschema@.publication_begin(a, year);
	UPDATE @extschema@.annual_report x
	SET published_at = now(), published_records = @extschema@.records_contributions(a, publish_report.year)
	WHERE x.agency_id = a AND x.year = publish_report.year;
	RETURN now();
END
$$;

CREATE FUNCTION @extschema@.reopen_report(agency_code text, year integer, reason text) RETURNS integer
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	r @extschema@.annual_report;
	v integer;
BEGIN
	PERFORM @extschema@.check_access(a, 'publish', @extschema@.acting_role());
	IF reason IS NULL OR btrim(reason) = '' THEN
		RAISE EXCEPTION 'reopening a published report needs a reason' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT * INTO r FROM @extschema@.annual_report x WHERE x.agency_id = a AND x.year = reopen_report.year FOR UPDATE;
	IF NOT FOUND OR r.published_at IS NULL THEN
		RAISE EXCEPTION 'the annual report of agency "%" for year % is not published', agency_code, year
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	SELECT coalesce(max(x.version), 0) + 1 INTO v FROM @extschema@.report_version x
	WHERE x.agency_id = a AND x.year = reopen_report.year;
	INSERT INTO @extschema@.report_version (agency_id, year, version, format, disclosures, requests, appeals, published_at, reason)
	VALUES (a, year, v, r.format, r.disclosures, r.requests, r.appeals, r.published_at, reason);
	PERFORM @extschema@.publication_begin(a, year);
	UPDATE @extschema@.annual_report x SET published_at = NULL, published_records = NULL
	WHERE x.agency_id = a AND x.year = reopen_report.year;
	RETURN v;
END
$$;
