-- govinfo 0.3.0 -> 0.4.0: a restore brings back every record (the publication lock on records
-- compares each record table's contribution to a published agency-year with the one kept when it was
-- published, so the order in which pg_restore loads tables does not matter); application declares its
-- agency foreign key (pg_dump orders the data by it; deleting a referenced agency is refused by
-- PostgreSQL itself); the identity sequences are dumped; one lock order for publish and refresh;
-- inserted_since is gone; support functions are not for PUBLIC.
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.4.0'" to load this file. \quit

--------------------------------------------------------------------------
-- What the records contributed to a published report
--------------------------------------------------------------------------
ALTER TABLE @extschema@.annual_report ADD COLUMN published_records jsonb,
	ADD CONSTRAINT annual_report_published_records_published CHECK (published_records IS NULL OR published_at IS NOT NULL);

-- what one record table contributes to the figures of one agency-year, as text (NULL: nothing)
CREATE FUNCTION @extschema@.records_contribution(agency_id bigint, year integer, table_name text) RETURNS text
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	first_day date := make_date(year, 1, 1);
	next_year date := make_date(year + 1, 1, 1);
	res text;
BEGIN
	CASE table_name
	WHEN 'application' THEN
		SELECT @extschema@.request_figures_agg(records_contribution.year, x.received_on, x.closed_on, x.applicant, x.outcome)::text
		INTO res FROM @extschema@.application x
		WHERE x.agency_id = records_contribution.agency_id
		  AND coalesce(x.closed_on, 'infinity'::date) >= first_day AND x.received_on < next_year
		HAVING count(*) > 0;
	WHEN 'appeal_case' THEN
		SELECT @extschema@.appeal_figures_agg(records_contribution.year, x.kind, x.filed_on, x.result, x.concluded_on)::text
		INTO res FROM @extschema@.appeal_case x
		WHERE x.agency_id = records_contribution.agency_id
		  AND x.filed_on < next_year AND (x.concluded_on IS NULL OR x.concluded_on >= first_day)
		HAVING count(*) > 0;
	WHEN 'normative_document' THEN
		SELECT format('rule %s/%s/%s normative %s/%s/%s',
			count(*) FILTER (WHERE x.kind = 'rule' AND x.issued_on >= first_day),
			count(*) FILTER (WHERE x.kind = 'rule' AND x.abolished_on < next_year),
			count(*) FILTER (WHERE x.kind = 'rule' AND (x.abolished_on IS NULL OR x.abolished_on >= next_year)),
			count(*) FILTER (WHERE x.kind = 'normative' AND x.issued_on >= first_day),
			count(*) FILTER (WHERE x.kind = 'normative' AND x.abolished_on < next_year),
			count(*) FILTER (WHERE x.kind = 'normative' AND (x.abolished_on IS NULL OR x.abolished_on >= next_year)))
		INTO res FROM @extschema@.normative_document x
		WHERE x.agency_id = records_contribution.agency_id
		  AND x.issued_on < next_year AND (x.abolished_on IS NULL OR x.abolished_on >= first_day)
		HAVING count(*) > 0;
	WHEN 'decision_count' THEN
		SELECT format('licensing %s penalty %s coercion %s',
			coalesce(sum(x.n) FILTER (WHERE x.kind = 'licensing'), 0),
			coalesce(sum(x.n) FILTER (WHERE x.kind = 'penalty'), 0),
			coalesce(sum(x.n) FILTER (WHERE x.kind = 'coercion'), 0))
		INTO res FROM @extschema@.decision_count x
		WHERE x.agency_id = records_contribution.agency_id AND x.decided_on >= first_day AND x.decided_on < next_year
		HAVING count(*) > 0;
	WHEN 'fee_receipt' THEN
		SELECT sum(x.amount_yuan)::text
		INTO res FROM @extschema@.fee_receipt x
		WHERE x.agency_id = records_contribution.agency_id AND x.received_on >= first_day AND x.received_on < next_year;
	ELSE
		RAISE EXCEPTION 'unknown record table "%"', table_name
			USING ERRCODE = 'invalid_parameter_value',
				HINT = 'The record tables are application, appeal_case, normative_document, decision_count and fee_receipt.';
	END CASE;
	RETURN res;
END
$$;

-- what every record table contributes to one agency-year: the value kept when it is published
CREATE FUNCTION @extschema@.records_contributions(agency_id bigint, year integer) RETURNS jsonb
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT jsonb_strip_nulls(jsonb_build_object(
		'application', @extschema@.records_contribution(agency_id, year, 'application'),
		'appeal_case', @extschema@.records_contribution(agency_id, year, 'appeal_case'),
		'normative_document', @extschema@.records_contribution(agency_id, year, 'normative_document'),
		'decision_count', @extschema@.records_contribution(agency_id, year, 'decision_count'),
		'fee_receipt', @extschema@.records_contribution(agency_id, year, 'fee_receipt')));
END;

-- whether a record table now contributes to a published agency-year other than when it was published
CREATE FUNCTION @extschema@.records_changed(agency_id bigint, year integer, table_name text) RETURNS boolean
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT @extschema@.records_contribution(records_changed.agency_id, records_changed.year, records_changed.table_name)
		IS DISTINCT FROM (SELECT r.published_records ->> records_changed.table_name FROM @extschema@.annual_report r
		                  WHERE r.agency_id = records_changed.agency_id AND r.year = records_changed.year);
END;

-- a report inserted already published (a restore, an import) keeps what the records contribute to
-- its agency-year now, unless it brings what they contributed when it was published
CREATE FUNCTION @extschema@.annual_report_keep_records() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	NEW.published_records := @extschema@.records_contributions(NEW.agency_id, NEW.year);
	RETURN NEW;
END
$$;
CREATE TRIGGER annual_report_keep_records BEFORE INSERT ON @extschema@.annual_report
	FOR EACH ROW WHEN (NEW.published_at IS NOT NULL AND NEW.published_records IS NULL)
	EXECUTE FUNCTION @extschema@.annual_report_keep_records();

-- the reports published before this version keep what the records contribute now (the lock of 0.3.0
-- refused every change to their years since they were published)
ALTER TABLE @extschema@.annual_report DISABLE TRIGGER annual_report_check;
UPDATE @extschema@.annual_report r SET published_records = @extschema@.records_contributions(r.agency_id, r.year)
WHERE r.published_at IS NOT NULL;
ALTER TABLE @extschema@.annual_report ENABLE TRIGGER annual_report_check;

--------------------------------------------------------------------------
-- The guards compare contributions; the insert check needs no inserted_since
--------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION @extschema@.records_guard() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	first_col text := TG_ARGV[0];
	last_col text := TG_ARGV[1];
	cols text := TG_ARGV[2];
	check_agency boolean := TG_ARGV[3]::boolean;
	changed text;
	spans bigint[];
	missing bigint[];
	hit record;
BEGIN
	changed := CASE TG_OP
		WHEN 'INSERT' THEN format('SELECT %s FROM new_rows', cols)
		WHEN 'DELETE' THEN format('SELECT %s FROM old_rows', cols)
		ELSE format('(SELECT %1$s FROM new_rows EXCEPT ALL SELECT %1$s FROM old_rows) UNION ALL '
		            '(SELECT %1$s FROM old_rows EXCEPT ALL SELECT %1$s FROM new_rows)', cols)
	END;
	-- one pass over the changed rows: their distinct (agency, first year, last year) spans
	EXECUTE format('SELECT @extschema@.record_spans(agency_id, %I, %I) FROM (%s) x', first_col, last_col, changed)
		INTO spans;
	IF spans IS NULL THEN
		RETURN NULL;
	END IF;
	missing := @extschema@.records_lock_agencies(spans);
	IF check_agency AND TG_OP <> 'DELETE' AND cardinality(missing) > 0 THEN
		PERFORM @extschema@.records_refuse_agency(TG_TABLE_SCHEMA, TG_TABLE_NAME, missing[1]);
	END IF;
	FOR hit IN SELECT * FROM @extschema@.records_published(spans) LOOP
		CONTINUE WHEN NOT @extschema@.records_changed(hit.agency_id, hit.year, TG_TABLE_NAME);
		PERFORM @extschema@.records_refuse_published(hit.code, hit.year, TG_OP, TG_TABLE_NAME);
	END LOOP;
	RETURN NULL;
END
$$;

DROP TRIGGER application_guard_update ON @extschema@.application;
DROP TRIGGER application_guard_delete ON @extschema@.application;
DROP TRIGGER appeal_case_guard_insert ON @extschema@.appeal_case;
DROP TRIGGER appeal_case_guard_update ON @extschema@.appeal_case;
DROP TRIGGER appeal_case_guard_delete ON @extschema@.appeal_case;
DROP TRIGGER normative_document_guard_insert ON @extschema@.normative_document;
DROP TRIGGER normative_document_guard_update ON @extschema@.normative_document;
DROP TRIGGER normative_document_guard_delete ON @extschema@.normative_document;
DROP TRIGGER decision_count_guard_insert ON @extschema@.decision_count;
DROP TRIGGER decision_count_guard_update ON @extschema@.decision_count;
DROP TRIGGER decision_count_guard_delete ON @extschema@.decision_count;
DROP TRIGGER fee_receipt_guard_insert ON @extschema@.fee_receipt;
DROP TRIGGER fee_receipt_guard_update ON @extschema@.fee_receipt;
DROP TRIGGER fee_receipt_guard_delete ON @extschema@.fee_receipt;

CREATE TRIGGER application_guard_update AFTER UPDATE ON @extschema@.application
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION @extschema@.records_guard('received_on', 'closed_on', 'agency_id, received_on, closed_on, applicant, outcome', 'true');
CREATE TRIGGER application_guard_delete AFTER DELETE ON @extschema@.application
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION @extschema@.records_guard('received_on', 'closed_on', 'agency_id, received_on, closed_on, applicant, outcome', 'true');
CREATE TRIGGER appeal_case_guard_insert AFTER INSERT ON @extschema@.appeal_case
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION @extschema@.records_guard('filed_on', 'concluded_on', 'agency_id, kind, filed_on, result, concluded_on', 'false');
CREATE TRIGGER appeal_case_guard_update AFTER UPDATE ON @extschema@.appeal_case
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION @extschema@.records_guard('filed_on', 'concluded_on', 'agency_id, kind, filed_on, result, concluded_on', 'false');
CREATE TRIGGER appeal_case_guard_delete AFTER DELETE ON @extschema@.appeal_case
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION @extschema@.records_guard('filed_on', 'concluded_on', 'agency_id, kind, filed_on, result, concluded_on', 'false');
CREATE TRIGGER normative_document_guard_insert AFTER INSERT ON @extschema@.normative_document
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION @extschema@.records_guard('issued_on', 'abolished_on', 'agency_id, kind, issued_on, abolished_on', 'false');
CREATE TRIGGER normative_document_guard_update AFTER UPDATE ON @extschema@.normative_document
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION @extschema@.records_guard('issued_on', 'abolished_on', 'agency_id, kind, issued_on, abolished_on', 'false');
CREATE TRIGGER normative_document_guard_delete AFTER DELETE ON @extschema@.normative_document
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION @extschema@.records_guard('issued_on', 'abolished_on', 'agency_id, kind, issued_on, abolished_on', 'false');
CREATE TRIGGER decision_count_guard_insert AFTER INSERT ON @extschema@.decision_count
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION @extschema@.records_guard('decided_on', 'decided_on', 'agency_id, kind, decided_on, n', 'false');
CREATE TRIGGER decision_count_guard_update AFTER UPDATE ON @extschema@.decision_count
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION @extschema@.records_guard('decided_on', 'decided_on', 'agency_id, kind, decided_on, n', 'false');
CREATE TRIGGER decision_count_guard_delete AFTER DELETE ON @extschema@.decision_count
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION @extschema@.records_guard('decided_on', 'decided_on', 'agency_id, kind, decided_on, n', 'false');
CREATE TRIGGER fee_receipt_guard_insert AFTER INSERT ON @extschema@.fee_receipt
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION @extschema@.records_guard('received_on', 'received_on', 'agency_id, received_on, amount_yuan', 'false');
CREATE TRIGGER fee_receipt_guard_update AFTER UPDATE ON @extschema@.fee_receipt
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION @extschema@.records_guard('received_on', 'received_on', 'agency_id, received_on, amount_yuan', 'false');
CREATE TRIGGER fee_receipt_guard_delete AFTER DELETE ON @extschema@.fee_receipt
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION @extschema@.records_guard('received_on', 'received_on', 'agency_id, received_on, amount_yuan', 'false');

DROP FUNCTION @extschema@.application_insert_check(bigint[], bigint);
DROP FUNCTION @extschema@.inserted_since(regclass, tid, bigint);
-- the spans an INSERT or COPY into application collected in its CHECK, checked once the statement is
-- done: every agency referenced exists, and no published agency-year gets another contribution. The
-- CHECK also sees rows that were proposed and not inserted (ON CONFLICT), so a missing agency is
-- confirmed against the rows there.
CREATE FUNCTION @extschema@.application_insert_check(spans bigint[]) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	missing bigint;
	hit record;
BEGIN
	FOREACH missing IN ARRAY @extschema@.records_lock_agencies(spans) LOOP
		CONTINUE WHEN NOT EXISTS (SELECT 1 FROM @extschema@.application a WHERE a.agency_id = missing);
		PERFORM @extschema@.records_refuse_agency('@extschema@', 'application', missing);
	END LOOP;
	FOR hit IN SELECT * FROM @extschema@.records_published(spans) LOOP
		CONTINUE WHEN NOT @extschema@.records_changed(hit.agency_id, hit.year, 'application');
		PERFORM @extschema@.records_refuse_published(hit.code, hit.year, 'INSERT', 'application');
	END LOOP;
END
$$;

--------------------------------------------------------------------------
-- application's agency foreign key replaces the agency guards
--------------------------------------------------------------------------
DROP TRIGGER agency_delete_guard ON @extschema@.agency;
DROP TRIGGER agency_key_guard ON @extschema@.agency;
DROP FUNCTION @extschema@.agency_delete_guard();
DROP FUNCTION @extschema@.agency_key_guard();
ALTER TABLE @extschema@.application ADD CONSTRAINT application_agency_id_fkey
	FOREIGN KEY (agency_id) REFERENCES @extschema@.agency;
-- the row-by-row half of application_agency_id_fkey is replaced by the per-statement check
-- (application_insert_check, records_guard): disable its two check triggers on application. The
-- triggers on agency (refusing to delete or renumber a referenced agency) stay enabled.
DO $do$
DECLARE
	t name;
BEGIN
	FOR t IN SELECT tg.tgname FROM pg_catalog.pg_trigger tg
	         JOIN pg_catalog.pg_constraint c ON c.oid OPERATOR(pg_catalog.=) tg.tgconstraint
	         WHERE c.conname OPERATOR(pg_catalog.=) 'application_agency_id_fkey'
	           AND tg.tgrelid OPERATOR(pg_catalog.=) '@extschema@.application'::pg_catalog.regclass LOOP
		EXECUTE pg_catalog.format('ALTER TABLE @extschema@.application DISABLE TRIGGER %I', t);
	END LOOP;
END
$do$;

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

-- store the derived figures of one report; 55000 if it is published (also when a publication it
-- waited for has committed)
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

-- publish a stored report: lock it, re-derive it if it is derived, keep what the records contribute.
-- Every other writer of annual_report locks the report row, then the agency row (an INSERT, UPDATE or
-- upsert holds its row before the P3-CARRY trigger locks the agency); publish_report never waits for one
-- of the two while holding the other, so it cannot be part of a deadlock (specs/lock_order.spec).
CREATE OR REPLACE FUNCTION @extschema@.publish_report(agency_code text, year integer) RETURNS timestamptz
	LANGUAGE plpgsql VOLATILE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	r @extschema@.annual_report;
	waiting boolean;
BEGIN
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
	UPDATE @extschema@.annual_report x
	SET published_at = now(), published_records = @extschema@.records_contributions(a, publish_report.year)
	WHERE x.agency_id = a AND x.year = publish_report.year;
	PERFORM set_config('govinfo.publication', '', true);
	RETURN now();
END
$$;

CREATE OR REPLACE FUNCTION @extschema@.reopen_report(agency_code text, year integer, reason text) RETURNS integer
	LANGUAGE plpgsql VOLATILE
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	r @extschema@.annual_report;
	v integer;
BEGIN
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
	PERFORM set_config('govinfo.publication', format('%s:%s', a, year), true);
	UPDATE @extschema@.annual_report x SET published_at = NULL, published_records = NULL
	WHERE x.agency_id = a AND x.year = reopen_report.year;
	PERFORM set_config('govinfo.publication', '', true);
	RETURN v;
END
$$;

--------------------------------------------------------------------------
-- pg_dump dumps the position of every identity sequence
--------------------------------------------------------------------------
SELECT pg_catalog.pg_extension_config_dump('@extschema@.agency_agency_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application_application_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.appeal_case_case_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.normative_document_doc_id_seq', '');

--------------------------------------------------------------------------
-- Functions that are not for PUBLIC
--------------------------------------------------------------------------
-- The support functions of aggregates: the aggregates call them with their owner's right, and a
-- direct call could feed them states they never build.
REVOKE EXECUTE ON FUNCTION @extschema@.disclosure_figures_sum_trans(@extschema@.disclosure_figures, @extschema@.disclosure_figures) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_sum_trans(@extschema@.request_figures, @extschema@.request_figures) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.appeal_figures_sum_trans(@extschema@.appeal_figures, @extschema@.appeal_figures) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_trans(@extschema@.request_figures, integer, date, date, @extschema@.applicant, @extschema@.outcome) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.request_figures_agg_final(@extschema@.request_figures) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.appeal_figures_agg_trans(@extschema@.appeal_figures, integer, text, date, text, date) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.record_spans_trans(internal, bigint, date, date) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.record_spans_final(internal) FROM PUBLIC;

-- The trigger functions: a trigger fires without an EXECUTE check, but creating one needs it, and
-- records_guard runs with its owner's rights on the columns its arguments name.
REVOKE EXECUTE ON FUNCTION @extschema@.annual_report_check() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.annual_report_carry() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.annual_report_keep_records() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.annual_report_truncate_guard() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.records_guard() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.records_truncate_guard() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.application_insert_begin() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.application_insert_end() FROM PUBLIC;

-- The steps of the publication lock on records: records_guard (SECURITY DEFINER) and the insert
-- trigger (as the table's owner) call them.
REVOKE EXECUTE ON FUNCTION @extschema@.records_lock_agencies(bigint[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.records_published(bigint[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.records_refuse_agency(text, text, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.records_refuse_published(text, integer, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.application_insert_check(bigint[]) FROM PUBLIC;
