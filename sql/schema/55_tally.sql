--------------------------------------------------------------------------
-- The application tally (0.13.0)
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
