-- govinfo 0.12.0 -> 0.13.0: the application tally (#12).
\echo Use "ALTER EXTENSION govinfo UPDATE TO '0.13.0'" to load this file. \quit

--------------------------------------------------------------------------
-- 1. The CHECK of application passes the applicant and the outcome
--------------------------------------------------------------------------
-- application_row_valid gains two arguments: the row's tally key is collected with its span. The
-- constraint is replaced (its rows checked again) and the seven-argument function dropped.
CREATE FUNCTION @extschema@.application_row_valid(agency_id bigint, received_on date, corrected_on date,
		closed_on date, has_outcome boolean, channel text, fee_yuan numeric,
		applicant @extschema@.applicant, outcome @extschema@.outcome) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE PARALLEL RESTRICTED;
ALTER TABLE @extschema@.application DROP CONSTRAINT application_valid;
ALTER TABLE @extschema@.application ADD CONSTRAINT application_valid CHECK (@extschema@.application_row_valid(agency_id, received_on,
		corrected_on, closed_on, outcome IS NOT NULL, channel, fee_yuan, applicant, outcome));
DROP FUNCTION @extschema@.application_row_valid(bigint, date, date, date, boolean, text, numeric);
-- (end of section 1)

--------------------------------------------------------------------------
-- 2. The application tally (sql/schema/55_tally.sql)
--------------------------------------------------------------------------
-- What table 三 needs of an agency's applications is, per application, four small values: the year
-- received, the year closed (or open), the applicant and the outcome. The tally keeps the number
-- of applications of each such key per agency, so that a derivation reads a few pairs per agency
-- instead of every application (src/tally.c). Every change of application writes the change of
-- the counts in the same transaction, as new rows (deltas: no row is updated, so writers of one
-- agency never wait on each other): an INSERT or COPY from what its CHECK collected
-- (src/insert_spans.c), an UPDATE or DELETE from its transition tables, a TRUNCATE empties it.
-- The rows of an agency add up to the counts of its applications as any snapshot sees them;
-- the deltas of an agency with more than 8 rows are merged into one (tally_compact).

-- the key of one application: (received year - 1989) << 15 | (closed year - 1989, 0 while open) << 8
-- | applicant << 5 | outcome
CREATE FUNCTION @extschema@.tally_key(received_on date, closed_on date, applicant @extschema@.applicant,
		outcome @extschema@.outcome) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tally_key(date, date, @extschema@.applicant, @extschema@.outcome) IS 'the application tally key of one application: its year received, year closed (or open), applicant and outcome';

-- (key, count) pairs into a tally: sorted by key, the counts of a key added, zeros dropped ('{}')
CREATE FUNCTION @extschema@.tally_pack_trans(internal, integer, integer) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_sum_trans(internal, integer[]) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.tally_pairs_final(internal) RETURNS integer[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE @extschema@.tally_pack(key integer, n integer) (
	SFUNC = @extschema@.tally_pack_trans, STYPE = internal, FINALFUNC = @extschema@.tally_pairs_final);
COMMENT ON AGGREGATE @extschema@.tally_pack(integer, integer) IS 'a tally from (key, count) pairs: sorted by key, counts of one key added, zeros dropped';
CREATE AGGREGATE @extschema@.tally_sum(integer[]) (
	SFUNC = @extschema@.tally_sum_trans, STYPE = internal, FINALFUNC = @extschema@.tally_pairs_final);
COMMENT ON AGGREGATE @extschema@.tally_sum(integer[]) IS 'the sum of tallies: their pairs sorted by key, counts of one key added, zeros dropped';

CREATE FUNCTION @extschema@.tally_entries(tally integer[])
	RETURNS TABLE(key integer, n integer, received_year integer, closed_year integer,
		applicant @extschema@.applicant, outcome @extschema@.outcome)
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 16;
COMMENT ON FUNCTION @extschema@.tally_entries(integer[]) IS 'the pairs of a tally as rows, each key split into year received, year closed (NULL: open), applicant and outcome';

-- table 三 of a report year from the tallies of a group (an agency's rows): NULL when no application
-- counts in the year; the same figures as request_figures_agg over the applications themselves
CREATE FUNCTION @extschema@.request_figures_tally_trans(internal, integer, integer[]) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_tally_final(internal) RETURNS @extschema@.request_figures
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_tally_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_tally_serial(internal) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.request_figures_tally_deserial(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE @extschema@.request_figures_tally(year integer, tally integer[]) (
	SFUNC = @extschema@.request_figures_tally_trans, STYPE = internal, SSPACE = 64,
	FINALFUNC = @extschema@.request_figures_tally_final,
	COMBINEFUNC = @extschema@.request_figures_tally_combine,
	SERIALFUNC = @extschema@.request_figures_tally_serial, DESERIALFUNC = @extschema@.request_figures_tally_deserial,
	PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.request_figures_tally(integer, integer[]) IS 'table 三 of a report year from application tallies (NULL when no application counts in the year)';

-- merged deltas leave dead rows: vacuumed at 5 % of them (the default 20 % lets a table that is
-- read whole by every all-agency derivation grow to several times its live size between loads)
CREATE TABLE @extschema@.application_tally (
	agency_id bigint NOT NULL,
	counts integer[] NOT NULL
) WITH (autovacuum_vacuum_scale_factor = 0.05);
CREATE INDEX application_tally_agency ON @extschema@.application_tally (agency_id);
COMMENT ON TABLE @extschema@.application_tally IS 'the applications of each agency counted by year received, year closed, applicant and outcome (deltas; an agency''s rows add up), written only by govinfo''s triggers';

-- merge the rows of each of these agencies that has more than 8 into one. Rows another transaction
-- is merging are left to it (SKIP LOCKED); at REPEATABLE READ a row merged meanwhile makes the
-- merge give way (the rows stay as they are, which is as correct). At SERIALIZABLE nothing is merged:
-- reading an agency's rows would make two writers of one agency fail each other (40001); the next
-- writer at another level, or tally_rebuild(), merges them. Runs as the table's owner.
CREATE FUNCTION @extschema@.tally_compact(agencies bigint[]) RETURNS integer
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n integer;
BEGIN
	IF pg_catalog.current_setting('transaction_isolation') OPERATOR(pg_catalog.=) 'serializable' THEN
		RETURN 0;
	END IF;
	WITH crowded AS (
		SELECT t.agency_id FROM @extschema@.application_tally t
		WHERE t.agency_id OPERATOR(pg_catalog.=) ANY (agencies)
		GROUP BY t.agency_id HAVING count(*) OPERATOR(pg_catalog.>) 8),
	taken AS (
		SELECT t.ctid AS tid, t.agency_id, t.counts FROM @extschema@.application_tally t
		WHERE t.agency_id IN (SELECT c.agency_id FROM crowded c)
		FOR UPDATE OF t SKIP LOCKED),
	gone AS (
		DELETE FROM @extschema@.application_tally t USING taken k
		WHERE t.agency_id OPERATOR(pg_catalog.=) k.agency_id AND t.ctid OPERATOR(pg_catalog.=) k.tid)
	INSERT INTO @extschema@.application_tally (agency_id, counts)
	SELECT k.agency_id, @extschema@.tally_sum(k.counts) FROM taken k GROUP BY k.agency_id
	HAVING pg_catalog.cardinality(@extschema@.tally_sum(k.counts)) OPERATOR(pg_catalog.>) 0;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
EXCEPTION WHEN serialization_failure THEN
	RETURN 0;
END
$$;
COMMENT ON FUNCTION @extschema@.tally_compact(bigint[]) IS 'merge the application tally rows of each of these agencies that has more than 8';

-- the tally rows that make the tally of these agencies equal to their applications as this
-- statement sees them: the counts of the applications less the counts of the tally
CREATE FUNCTION @extschema@.tally_recount(agencies bigint[]) RETURNS void
	LANGUAGE sql
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	INSERT INTO @extschema@.application_tally (agency_id, counts)
	SELECT x.agency_id, @extschema@.tally_pack(x.key, x.n)
	FROM (
		SELECT a.agency_id, @extschema@.tally_key(a.received_on, a.closed_on, a.applicant, a.outcome) AS key, 1 AS n
		FROM @extschema@.application a WHERE a.agency_id OPERATOR(pg_catalog.=) ANY (tally_recount.agencies)
		UNION ALL
		SELECT t.agency_id, e.key, OPERATOR(pg_catalog.-) e.n
		FROM @extschema@.application_tally t, @extschema@.tally_entries(t.counts) e
		WHERE t.agency_id OPERATOR(pg_catalog.=) ANY (tally_recount.agencies)) x
	GROUP BY x.agency_id
	HAVING pg_catalog.cardinality(@extschema@.tally_pack(x.key, x.n)) OPERATOR(pg_catalog.>) 0;
END;
COMMENT ON FUNCTION @extschema@.tally_recount(bigint[]) IS 'write what makes the application tally of these agencies equal to their applications';

-- the tallies of an INSERT's rows, as application_insert_end hands them over: the agencies
-- (distinct, ascending), all their (key, count) pairs one agency after the other, and where the pairs
-- of each agency end (counting pairs)
CREATE FUNCTION @extschema@.tally_rows(agencies bigint[], pairs integer[], ends integer[])
	RETURNS TABLE(agency_id bigint, counts integer[])
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tally_rows(bigint[], integer[], integer[]) IS 'one tally per agency from the flat arrays an INSERT into application collected';

-- the delta an INSERT or COPY collected, or, when recount, its agencies counted again; then the
-- agencies' rows merged. Called by application_insert_end (src/insert_spans.c) as the table's owner.
CREATE FUNCTION @extschema@.tally_write(agencies bigint[], pairs integer[], ends integer[], recount boolean)
	RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF recount THEN
		PERFORM @extschema@.tally_recount(agencies);
	ELSE
		INSERT INTO @extschema@.application_tally (agency_id, counts)
		SELECT r.agency_id, r.counts FROM @extschema@.tally_rows(agencies, pairs, ends) r;
	END IF;
	PERFORM @extschema@.tally_compact(agencies);
END
$$;

-- UPDATE and DELETE of applications: the change of the counts from the transition tables
CREATE FUNCTION @extschema@.application_tally_changed() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	touched bigint[];
BEGIN
	IF TG_OP = 'UPDATE' THEN
		WITH d AS (
			INSERT INTO @extschema@.application_tally (agency_id, counts)
			SELECT x.agency_id, @extschema@.tally_pack(x.key, x.n)
			FROM (
				SELECT r.agency_id, @extschema@.tally_key(r.received_on, r.closed_on, r.applicant, r.outcome) AS key, 1 AS n
				FROM new_rows r
				UNION ALL
				SELECT r.agency_id, @extschema@.tally_key(r.received_on, r.closed_on, r.applicant, r.outcome), -1
				FROM old_rows r) x
			GROUP BY x.agency_id
			HAVING pg_catalog.cardinality(@extschema@.tally_pack(x.key, x.n)) OPERATOR(pg_catalog.>) 0
			RETURNING agency_id)
		SELECT array_agg(d.agency_id) INTO touched FROM d;
	ELSE
		WITH d AS (
			INSERT INTO @extschema@.application_tally (agency_id, counts)
			SELECT r.agency_id, @extschema@.tally_pack(@extschema@.tally_key(r.received_on, r.closed_on, r.applicant, r.outcome), -1)
			FROM old_rows r
			GROUP BY r.agency_id
			RETURNING agency_id)
		SELECT array_agg(d.agency_id) INTO touched FROM d;
	END IF;
	IF touched IS NOT NULL THEN
		PERFORM @extschema@.tally_compact(touched);
	END IF;
	RETURN NULL;
END
$$;

-- TRUNCATE of applications empties the tally, by TRUNCATE too: like the TRUNCATE of application it
-- takes every row, also those committed after a REPEATABLE READ snapshot (a DELETE would leave them,
-- tallying applications that are gone). No other transaction has tally rows in progress: every
-- writer of the tally holds a lock on application that the TRUNCATE waited for.
CREATE FUNCTION @extschema@.application_tally_truncated() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	TRUNCATE @extschema@.application_tally;
	RETURN NULL;
END
$$;

CREATE TRIGGER application_tally_update AFTER UPDATE ON @extschema@.application
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
	EXECUTE FUNCTION @extschema@.application_tally_changed();
CREATE TRIGGER application_tally_delete AFTER DELETE ON @extschema@.application
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
	EXECUTE FUNCTION @extschema@.application_tally_changed();
CREATE TRIGGER application_tally_truncate AFTER TRUNCATE ON @extschema@.application
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_tally_truncated();

-- the agencies whose tally differs from their applications (none, unless the tally was written
-- outside govinfo's triggers: rows deleted by hand, triggers disabled, a data-only restore of
-- application with --disable-triggers), with both counts of table 三's applications
CREATE FUNCTION @extschema@.tally_differences()
	RETURNS TABLE(agency_id bigint, applications bigint, tallied bigint)
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT coalesce(a.agency_id, t.agency_id), coalesce(a.n, 0),
		coalesce((SELECT sum(e.n) FROM @extschema@.tally_entries(t.counts) e), 0)
	FROM (SELECT x.agency_id, count(*) AS n,
	             @extschema@.tally_pack(@extschema@.tally_key(x.received_on, x.closed_on, x.applicant, x.outcome), 1) AS counts
	      FROM @extschema@.application x GROUP BY x.agency_id) a
	FULL JOIN (SELECT y.agency_id, @extschema@.tally_sum(y.counts) AS counts
	           FROM @extschema@.application_tally y GROUP BY y.agency_id) t
		ON t.agency_id OPERATOR(pg_catalog.=) a.agency_id
	WHERE coalesce(a.counts, '{}'::integer[]) IS DISTINCT FROM coalesce(t.counts, '{}'::integer[])
	ORDER BY 1;
END;
COMMENT ON FUNCTION @extschema@.tally_differences() IS 'the agencies whose application tally differs from their applications (none when every change went through govinfo''s triggers)';

-- make the tally equal to the applications again (after the triggers were bypassed): every
-- agency counted again, its rows merged. For the table's owner.
CREATE FUNCTION @extschema@.tally_rebuild() RETURNS bigint
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n bigint;
BEGIN
	LOCK TABLE @extschema@.application IN SHARE MODE;
	DELETE FROM @extschema@.application_tally;
	INSERT INTO @extschema@.application_tally (agency_id, counts)
	SELECT a.agency_id, @extschema@.tally_pack(@extschema@.tally_key(a.received_on, a.closed_on, a.applicant, a.outcome), 1)
	FROM @extschema@.application a GROUP BY a.agency_id;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;
COMMENT ON FUNCTION @extschema@.tally_rebuild() IS 'count every agency''s applications into the application tally again (after its triggers were bypassed); returns the agencies';

-- the tally of the applications there
INSERT INTO @extschema@.application_tally (agency_id, counts)
SELECT a.agency_id, @extschema@.tally_pack(@extschema@.tally_key(a.received_on, a.closed_on, a.applicant, a.outcome), 1)
FROM @extschema@.application a GROUP BY a.agency_id;

ALTER TABLE @extschema@.application_tally ENABLE ROW LEVEL SECURITY;
CREATE POLICY application_tally_read ON @extschema@.application_tally FOR SELECT
	USING (@extschema@.agency_readable(agency_id));
REVOKE EXECUTE ON FUNCTION @extschema@.tally_compact(bigint[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.tally_recount(bigint[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.tally_write(bigint[], integer[], integer[], boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.application_tally_changed() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.application_tally_truncated() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION @extschema@.tally_rebuild() FROM PUBLIC;
-- (end of section 2)

--------------------------------------------------------------------------
-- 3. Derivation from the tally
--------------------------------------------------------------------------
-- derived_reports reads table 三 from the tally; one agency's report (derive_report, report_figures,
-- report_row) is derived by derived_report_of, scalar aggregates without joins.
-- the three figures of one report year derived from the records, per agency: every agency with a
-- record that counts in the year, or only only_agency; one set-based pass over each record table
-- (over the application tally for the applications)
-- BEGIN ATOMIC binds every name when the function is created and there is no SET clause, so the
-- planner inlines the function into its caller: with a known agency the agency range below is one
-- value and each record table is read by index; with NULL it is every agency. The five aggregates
-- meet in FULL JOINs on agency_id (hash joins, nothing materialized twice), and table 二 is built
-- by one C call from its counts (disclosure_figures_derived).
CREATE OR REPLACE FUNCTION @extschema@.derived_reports(year integer, only_agency bigint DEFAULT NULL)
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

CREATE OR REPLACE FUNCTION @extschema@.derive_report(agency_code text, year integer,
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
CREATE OR REPLACE FUNCTION @extschema@.report_figures(agency_code text, year integer,
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

-- the report of an agency and year, as the roll-ups' 'best' order finds it: the stored report, else
-- the one derived from the records when a record counts in the year (source 'derived', not stored),
-- else the latest imported published report (source 'imported', published_at its date), else NULL
CREATE OR REPLACE FUNCTION @extschema@.report_row(agency_code text, year integer) RETURNS @extschema@.annual_report
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	a bigint := @extschema@.agency_id(agency_code);
	r @extschema@.annual_report;
	published date;
BEGIN
	SELECT * INTO r FROM @extschema@.annual_report x
	WHERE x.agency_id OPERATOR(pg_catalog.=) a AND x.year OPERATOR(pg_catalog.=) report_row.year;
	IF FOUND THEN
		RETURN r;
	END IF;
	-- derived only when some record counts in the year (derived_reports gives zeros otherwise)
	IF @extschema@.records_contributions(a, report_row.year) OPERATOR(pg_catalog.<>) '{}'::jsonb THEN
		SELECT d.disclosures, d.requests, d.appeals INTO r.disclosures, r.requests, r.appeals
		FROM @extschema@.derived_report_of(a, report_row.year) d;
		r.agency_id := a;
		r.year := report_row.year;
		r.format := coalesce(@extschema@.format(r.requests), CASE WHEN report_row.year OPERATOR(pg_catalog.>=) 2021 THEN '2021' ELSE '2019' END);
		r.source := 'derived';
		RETURN r;
	END IF;
	-- imported: the latest published report of the agency-year as parsed and imported (#9)
	SELECT p.format, p.disclosures, p.requests, p.appeals, p.overview, p.problems, p.other_matters, p.published_on
		INTO r.format, r.disclosures, r.requests, r.appeals, r.overview, r.problems, r.other_matters, published
	FROM @extschema@.published_report p
	WHERE p.agency_id OPERATOR(pg_catalog.=) a AND p.year OPERATOR(pg_catalog.=) report_row.year
	ORDER BY p.published_on DESC NULLS LAST, p.id DESC
	LIMIT 1;
	IF FOUND THEN
		r.agency_id := a;
		r.year := report_row.year;
		r.format := coalesce(r.format, CASE WHEN report_row.year OPERATOR(pg_catalog.>=) 2021 THEN '2021' ELSE '2019' END);
		r.source := 'imported';
		r.published_at := published::timestamptz;
		RETURN r;
	END IF;
	RETURN NULL;
END
$$;

REVOKE EXECUTE ON FUNCTION @extschema@.derived_report_of(bigint, integer) FROM PUBLIC;
-- (end of section 3)

--------------------------------------------------------------------------
-- 4. Privileges: the read level reads the tally and runs derived_report_of
--------------------------------------------------------------------------
-- the table and function privileges each level needs (granted by grant_access, so an administrator
-- calls nothing else; row-level security limits them to the agencies granted)
CREATE OR REPLACE FUNCTION @extschema@.level_privileges(access text)
	RETURNS TABLE(privilege text, object_type text, object_name text)
	LANGUAGE sql IMMUTABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT p.privilege, p.object_type, p.object_name
	FROM (VALUES
		(1, 'USAGE', 'SCHEMA', '@extschema@'),
		(1, 'SELECT', 'TABLE', '@extschema@.agency'),
		(1, 'SELECT', 'TABLE', '@extschema@.annual_report'),
		(1, 'SELECT', 'TABLE', '@extschema@.report_version'),
		(1, 'SELECT', 'TABLE', '@extschema@.application'),
		(1, 'SELECT', 'TABLE', '@extschema@.application_tally'),
		(1, 'SELECT', 'TABLE', '@extschema@.appeal_case'),
		(1, 'SELECT', 'TABLE', '@extschema@.normative_document'),
		(1, 'SELECT', 'TABLE', '@extschema@.decision_count'),
		(1, 'SELECT', 'TABLE', '@extschema@.fee_receipt'),
		(1, 'SELECT', 'TABLE', '@extschema@.audit_log'),
		(1, 'SELECT', 'TABLE', '@extschema@.published_report'),
		(1, 'SELECT', 'TABLE', '@extschema@.application_consultation'),
		(1, 'SELECT', 'TABLE', '@extschema@.report_snapshot'),
		(1, 'SELECT', 'TABLE', '@extschema@.access_grants'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.visible_agencies(text, name)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.has_access(bigint, text, name)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.check_access(bigint, text, name)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.agency_id(text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.derived_reports(integer, bigint)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.derive_report(text, integer)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.derived_report_of(bigint, integer)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_figures(text, integer)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_table2(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_table3(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_table4(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.cell_applications(text, integer, text, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.agency_tree(text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_sources(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_report(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_table2(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_table3(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_table4(text, integer, text)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.rollup_differences(integer)'),
		(1, 'EXECUTE', 'FUNCTION', '@extschema@.report_history(text, integer)'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.annual_report'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.application'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.appeal_case'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.normative_document'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.decision_count'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.fee_receipt'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.published_report'),
		(2, 'INSERT, UPDATE, DELETE', 'TABLE', '@extschema@.application_consultation'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.store_derived(integer, bigint)'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.import_report(text, text, text)'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.adopt_published(bigint)'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.refresh_report(text, integer)'),
		(2, 'EXECUTE', 'FUNCTION', '@extschema@.refresh_reports(integer)'),
		(3, 'EXECUTE', 'FUNCTION', '@extschema@.publish_report(text, integer)'),
		(3, 'EXECUTE', 'FUNCTION', '@extschema@.reopen_report(text, integer, text)')) p(rank, privilege, object_type, object_name)
	WHERE p.rank OPERATOR(pg_catalog.<=) @extschema@.access_rank(level_privileges.access)
	ORDER BY p.rank, p.object_type, p.object_name;
END;


-- the roles that read applications (granted by grant_access, or directly) read the tally, and those
-- that run derive_report run derived_report_of: as grant_access grants them from 0.13.0 on
DO $do$
DECLARE
	r regrole;
BEGIN
	FOR r IN SELECT DISTINCT x.grantee::regrole FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) x
	         WHERE c.oid OPERATOR(pg_catalog.=) '@extschema@.application'::pg_catalog.regclass
	           AND x.privilege_type OPERATOR(pg_catalog.=) 'SELECT' AND x.grantee OPERATOR(pg_catalog.<>) c.relowner
	           AND x.grantee OPERATOR(pg_catalog.<>) 0 LOOP
		EXECUTE pg_catalog.format('GRANT SELECT ON @extschema@.application_tally TO %s', r);
	END LOOP;
	FOR r IN SELECT DISTINCT x.grantee::regrole FROM pg_catalog.pg_proc p, pg_catalog.aclexplode(p.proacl) x
	         WHERE p.oid OPERATOR(pg_catalog.=) '@extschema@.derive_report(text, integer)'::pg_catalog.regprocedure
	           AND x.privilege_type OPERATOR(pg_catalog.=) 'EXECUTE' AND x.grantee OPERATOR(pg_catalog.<>) p.proowner
	           AND x.grantee OPERATOR(pg_catalog.<>) 0 LOOP
		EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION @extschema@.derived_report_of(bigint, integer) TO %s', r);
	END LOOP;
END
$do$;
-- (end of section 4)
