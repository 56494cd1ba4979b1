-- govinfo benchmark: timing harness and the SQL of the compared queries (run after generate.sql).
\set ON_ERROR_STOP 1
\set QUIET 1
SET client_min_messages = warning;

CREATE TABLE IF NOT EXISTS bench.timing (
	name text NOT NULL,
	run integer NOT NULL,			-- 0 and below: warm-up, not reported
	ms double precision NOT NULL,
	workers_launched integer,
	at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS bench.fact (
	name text PRIMARY KEY,
	value numeric,
	note text
);
CREATE OR REPLACE FUNCTION bench.set_fact(n text, v numeric, note text DEFAULT NULL) RETURNS void
	LANGUAGE sql
	BEGIN ATOMIC
		INSERT INTO bench.fact VALUES (n, v, note) ON CONFLICT (name) DO UPDATE SET value = excluded.value, note = excluded.note;
	END;

-- the sum of "Workers Launched" over an EXPLAIN JSON plan tree
CREATE OR REPLACE FUNCTION bench.workers_launched(p jsonb) RETURNS integer
	LANGUAGE sql IMMUTABLE
	RETURN (SELECT coalesce(sum(m[1]::integer), 0) FROM regexp_matches(p::text, '"Workers Launched": (\d+)', 'g') m);

-- planning + execution time of one statement, measured by the server: EXPLAIN (ANALYZE, TIMING OFF)
-- executes it completely (the result rows are built, not sent), with per-node row counting only
CREATE OR REPLACE FUNCTION bench.explain_ms(q text, OUT ms double precision, OUT workers integer)
	LANGUAGE plpgsql
AS $$
DECLARE
	j jsonb;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || q INTO j;
	ms := (j->0->>'Planning Time')::float8 + (j->0->>'Execution Time')::float8;
	workers := bench.workers_launched(j->0->'Plan');
END
$$;

-- the EXPLAIN (ANALYZE, FORMAT JSON) of one statement
CREATE OR REPLACE FUNCTION bench.explain_json(q text, timing boolean DEFAULT false) RETURNS jsonb
	LANGUAGE plpgsql
AS $$
DECLARE
	j jsonb;
BEGIN
	EXECUTE format('EXPLAIN (ANALYZE, TIMING %s, FORMAT JSON) ', CASE WHEN timing THEN 'ON' ELSE 'OFF' END) || q INTO j;
	RETURN j;
END
$$;

-- time several statements: warmup rounds, then runs rounds, the statements interleaved within each
-- round (so drift hits them alike); one transaction per execution
CREATE OR REPLACE PROCEDURE bench.measure(names text[], queries text[], runs integer DEFAULT 3, warmup integer DEFAULT 1)
	LANGUAGE plpgsql
AS $$
DECLARE
	r record;
BEGIN
	FOR round IN 1 - warmup .. runs LOOP
		FOR i IN 1 .. array_length(names, 1) LOOP
			r := bench.explain_ms(queries[i]);
			INSERT INTO bench.timing (name, run, ms, workers_launched) VALUES (names[i], round, r.ms, r.workers);
			COMMIT;
		END LOOP;
	END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION bench.median_ms(n text) RETURNS double precision
	LANGUAGE sql STABLE
	RETURN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FROM bench.timing WHERE name = n AND run > 0);

--------------------------------------------------------------------------
-- The queries of measurement 1 (all agencies, one report year) and 3 (one agency)
--------------------------------------------------------------------------
-- the 25 data rows and 7 columns of table 三 (2021 format)
CREATE OR REPLACE VIEW bench.t3_row AS
	SELECT code, ord FROM govinfo.row_catalog('2021') WHERE part = 3 AND kind <> 'group';
CREATE OR REPLACE VIEW bench.t3_col AS
	SELECT code, ord FROM govinfo.column_catalog('2021') WHERE part = 3;

-- the applications of report year y: received by 31 December and not closed before 1 January
CREATE OR REPLACE FUNCTION bench.scope(y integer) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN format('received_on < DATE %L AND (closed_on IS NULL OR closed_on >= DATE %L)',
		make_date(y + 1, 1, 1), make_date(y, 1, 1));

-- the condition of one cell of table 三, as a DBA writes it from the derivation rules
-- (within the scope above; 2021 format, so y >= 2021)
CREATE OR REPLACE FUNCTION bench.cell_condition(y integer, row_code text, col text) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN CASE row_code
		WHEN '1' THEN format('received_on >= DATE %L', make_date(y, 1, 1))
		WHEN '2' THEN format('received_on < DATE %L', make_date(y, 1, 1))
		WHEN '3.7' THEN format('closed_on BETWEEN DATE %L AND DATE %L', make_date(y, 1, 1), make_date(y, 12, 31))
		WHEN '4' THEN format('(closed_on IS NULL OR closed_on > DATE %L)', make_date(y, 12, 31))
		ELSE format('closed_on BETWEEN DATE %L AND DATE %L AND outcome = %L', make_date(y, 1, 1), make_date(y, 12, 31), row_code)
	END || CASE WHEN col = 'total' THEN '' ELSE format(' AND applicant = %L', col) END;

-- (a) govinfo's aggregate
CREATE OR REPLACE FUNCTION bench.q_govinfo(y integer, agency bigint DEFAULT NULL) RETURNS text
	LANGUAGE sql STABLE
	RETURN format('SELECT agency_id, govinfo.request_figures_agg(%s, received_on, closed_on, applicant, outcome) AS requests '
		'FROM govinfo.application WHERE %s%s GROUP BY agency_id',
		y, bench.scope(y), CASE WHEN agency IS NOT NULL THEN format(' AND agency_id = %s', agency) ELSE '' END);

-- (b) the pivot: one count(*) FILTER per cell, 175 columns named "row|column"
CREATE OR REPLACE FUNCTION bench.q_pivot(y integer, agency text DEFAULT NULL) RETURNS text
	LANGUAGE sql STABLE
	RETURN format(E'SELECT agency_id,\n%s\nFROM govinfo.application\nWHERE %s%s\nGROUP BY agency_id',
		(SELECT string_agg(format('  count(*) FILTER (WHERE %s) AS %I', bench.cell_condition(y, r.code, c.code), r.code || '|' || c.code),
		                   E',\n' ORDER BY r.ord, c.ord)
		 FROM bench.t3_row r, bench.t3_col c),
		bench.scope(y), CASE WHEN agency IS NOT NULL THEN format(' AND agency_id = %s', agency) ELSE '' END);

-- (c) the long form: the rows each application counts in (LATERAL VALUES), grouped by agency, row
-- and applicant, then the total column added by GROUPING SETS over that small result
CREATE OR REPLACE FUNCTION bench.q_long(y integer) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN format($q$WITH c AS (
  SELECT a.agency_id, r.row_code, a.applicant, count(*) AS n
  FROM govinfo.application a
  CROSS JOIN LATERAL (VALUES
    (CASE WHEN a.received_on >= DATE %1$L THEN '1' ELSE '2' END),
    (CASE WHEN a.closed_on <= DATE %2$L THEN a.outcome::text ELSE '4' END),
    (CASE WHEN a.closed_on <= DATE %2$L THEN '3.7' END)) AS r(row_code)
  WHERE %3$s AND r.row_code IS NOT NULL
  GROUP BY a.agency_id, r.row_code, a.applicant)
SELECT agency_id, row_code, coalesce(applicant::text, 'total') AS column_code, sum(n)::bigint AS n
FROM c GROUP BY GROUPING SETS ((agency_id, row_code, applicant), (agency_id, row_code))$q$,
		make_date(y, 1, 1), make_date(y, 12, 31), replace(replace(bench.scope(y), 'received_on', 'a.received_on'), 'closed_on', 'a.closed_on'));

-- (c') the same with GROUPING SETS straight over the applications (a plan PostgreSQL cannot parallelize)
CREATE OR REPLACE FUNCTION bench.q_long_gs(y integer) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN format($q$SELECT a.agency_id, r.row_code, coalesce(a.applicant::text, 'total') AS column_code, count(*) AS n
FROM govinfo.application a
CROSS JOIN LATERAL (VALUES
  (CASE WHEN a.received_on >= DATE %1$L THEN '1' ELSE '2' END),
  (CASE WHEN a.closed_on <= DATE %2$L THEN a.outcome::text ELSE '4' END),
  (CASE WHEN a.closed_on <= DATE %2$L THEN '3.7' END)) AS r(row_code)
WHERE %3$s AND r.row_code IS NOT NULL
GROUP BY GROUPING SETS ((a.agency_id, r.row_code, a.applicant), (a.agency_id, r.row_code))$q$,
		make_date(y, 1, 1), make_date(y, 12, 31), replace(replace(bench.scope(y), 'received_on', 'a.received_on'), 'closed_on', 'a.closed_on'));

-- (d) the floor: the same scan and grouping, one count
CREATE OR REPLACE FUNCTION bench.q_floor(y integer) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN format('SELECT agency_id, count(*) AS n FROM govinfo.application WHERE %s GROUP BY agency_id', bench.scope(y));

-- (e) the pivot a DBA writes (issue #12): per application a LATERAL VALUES of the rows it counts in,
-- then one count(*) FILTER per applicant column and count(*) for the total, GROUP BY agency and row
CREATE OR REPLACE FUNCTION bench.q_lateral(y integer, agency bigint DEFAULT NULL) RETURNS text LANGUAGE sql IMMUTABLE
RETURN format($q$SELECT a.agency_id, r.row_code,
  count(*) FILTER (WHERE a.applicant = 'np') AS np, count(*) FILTER (WHERE a.applicant = 'biz') AS biz,
  count(*) FILTER (WHERE a.applicant = 'res') AS res, count(*) FILTER (WHERE a.applicant = 'npo') AS npo,
  count(*) FILTER (WHERE a.applicant = 'law') AS law, count(*) FILTER (WHERE a.applicant = 'oth') AS oth, count(*) AS total
FROM govinfo.application a
CROSS JOIN LATERAL (VALUES
  (CASE WHEN a.received_on >= DATE %1$L THEN '1' ELSE '2' END),
  (CASE WHEN a.closed_on <= DATE %2$L THEN a.outcome::text ELSE '4' END),
  (CASE WHEN a.closed_on <= DATE %2$L THEN '3.7' END)) AS r(row_code)
WHERE %3$s AND r.row_code IS NOT NULL%4$s
GROUP BY a.agency_id, r.row_code$q$,
  make_date(y, 1, 1), make_date(y, 12, 31), replace(replace(bench.scope(y), 'received_on', 'a.received_on'), 'closed_on', 'a.closed_on'),
  CASE WHEN agency IS NOT NULL THEN format(' AND a.agency_id = %s', agency) ELSE '' END);
-- (f) two stages: group the applications by what decides their cells (agency, applicant, received in
-- the year or before, outcome if closed in the year), then the LATERAL/FILTER pivot over that small result
CREATE OR REPLACE FUNCTION bench.q_twostage(y integer, agency bigint DEFAULT NULL) RETURNS text LANGUAGE sql IMMUTABLE
RETURN format($q$WITH g AS (
  SELECT a.agency_id, a.applicant, a.received_on >= DATE %1$L AS new, CASE WHEN a.closed_on <= DATE %2$L THEN a.outcome END AS outcome, count(*) AS n
  FROM govinfo.application a WHERE %3$s%4$s
  GROUP BY 1, 2, 3, 4)
SELECT g.agency_id, r.row_code,
  sum(n) FILTER (WHERE g.applicant = 'np') AS np, sum(n) FILTER (WHERE g.applicant = 'biz') AS biz,
  sum(n) FILTER (WHERE g.applicant = 'res') AS res, sum(n) FILTER (WHERE g.applicant = 'npo') AS npo,
  sum(n) FILTER (WHERE g.applicant = 'law') AS law, sum(n) FILTER (WHERE g.applicant = 'oth') AS oth, sum(n) AS total
FROM g CROSS JOIN LATERAL (VALUES
  (CASE WHEN g.new THEN '1' ELSE '2' END),
  (coalesce(g.outcome::text, '4')),
  (CASE WHEN g.outcome IS NOT NULL THEN '3.7' END)) AS r(row_code)
WHERE r.row_code IS NOT NULL
GROUP BY g.agency_id, r.row_code$q$,
  make_date(y, 1, 1), make_date(y, 12, 31), replace(replace(bench.scope(y), 'received_on', 'a.received_on'), 'closed_on', 'a.closed_on'),
  CASE WHEN agency IS NOT NULL THEN format(' AND a.agency_id = %s', agency) ELSE '' END);

-- (g) what a user calls: all three derived figures of every agency (five record tables); SELECT * so
-- that every column is computed (count(*) would let the planner drop the aggregates it does not need)
CREATE OR REPLACE FUNCTION bench.q_derived(y integer) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN format('SELECT * FROM govinfo.derived_reports(%s)', y);

--------------------------------------------------------------------------
-- 0.6.0's derivation, kept for a comparison in the same run (0.7.0): request_figures_agg with its
-- 0.6.0 state (request_figures, 704 bytes, combined by request_figures_sum_trans; its support
-- functions stay in the library and the extension) and the 0.6.0 body of derived_reports over it
--------------------------------------------------------------------------
DROP AGGREGATE IF EXISTS bench.request_figures_agg_060(integer, date, date, govinfo.applicant, govinfo.outcome) CASCADE;
CREATE AGGREGATE bench.request_figures_agg_060(year integer, received_on date, closed_on date,
		applicant govinfo.applicant, outcome govinfo.outcome) (
	SFUNC = govinfo.request_figures_agg_trans, STYPE = govinfo.request_figures, SSPACE = 704,
	FINALFUNC = govinfo.request_figures_agg_final,
	COMBINEFUNC = govinfo.request_figures_sum_trans, PARALLEL = SAFE);
CREATE OR REPLACE FUNCTION bench.derived_reports_060(year integer, only_agency bigint DEFAULT NULL)
	RETURNS TABLE(agency_id bigint, disclosures govinfo.disclosure_figures,
		requests govinfo.request_figures, appeals govinfo.appeal_figures)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT agency_id,
		govinfo.disclosure_figures_derived(derived_reports_060.year, docs.rule_issued, docs.rule_abolished, docs.rule_in_force,
			docs.norm_issued, docs.norm_abolished, docs.norm_in_force, dec.licensing, dec.penalty, dec.coercion, fee.yuan),
		-- an agency with no application in scope: the aggregate over no application, i.e. zeros
		coalesce(req.f, (SELECT bench.request_figures_agg_060(derived_reports_060.year, NULL, NULL, NULL, NULL))),
		coalesce(app.f, (SELECT govinfo.appeal_figures_agg(derived_reports_060.year, NULL, NULL, NULL, NULL)))
	FROM (
		SELECT a.agency_id, bench.request_figures_agg_060(derived_reports_060.year, a.received_on, a.closed_on, a.applicant, a.outcome) AS f
		FROM govinfo.application a
		WHERE a.received_on < make_date(derived_reports_060.year + 1, 1, 1)
		  AND coalesce(a.closed_on, 'infinity'::date) >= make_date(derived_reports_060.year, 1, 1)
		  AND a.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY a.agency_id) req
	FULL JOIN (
		SELECT c.agency_id, govinfo.appeal_figures_agg(derived_reports_060.year, c.kind, c.filed_on, c.result, c.concluded_on) AS f
		FROM govinfo.appeal_case c
		WHERE c.filed_on < make_date(derived_reports_060.year + 1, 1, 1)
		  AND (c.concluded_on IS NULL OR c.concluded_on >= make_date(derived_reports_060.year, 1, 1))
		  AND c.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY c.agency_id) app USING (agency_id)
	FULL JOIN (
		SELECT d.agency_id,
			count(*) FILTER (WHERE d.kind = 'rule' AND d.issued_on >= make_date(derived_reports_060.year, 1, 1)) AS rule_issued,
			count(*) FILTER (WHERE d.kind = 'rule' AND d.abolished_on < make_date(derived_reports_060.year + 1, 1, 1)) AS rule_abolished,
			count(*) FILTER (WHERE d.kind = 'rule' AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_reports_060.year + 1, 1, 1))) AS rule_in_force,
			count(*) FILTER (WHERE d.kind = 'normative' AND d.issued_on >= make_date(derived_reports_060.year, 1, 1)) AS norm_issued,
			count(*) FILTER (WHERE d.kind = 'normative' AND d.abolished_on < make_date(derived_reports_060.year + 1, 1, 1)) AS norm_abolished,
			count(*) FILTER (WHERE d.kind = 'normative' AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_reports_060.year + 1, 1, 1))) AS norm_in_force
		FROM govinfo.normative_document d
		WHERE d.issued_on < make_date(derived_reports_060.year + 1, 1, 1)
		  AND (d.abolished_on IS NULL OR d.abolished_on >= make_date(derived_reports_060.year, 1, 1))
		  AND d.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY d.agency_id) docs USING (agency_id)
	FULL JOIN (
		SELECT k.agency_id,
			sum(k.n) FILTER (WHERE k.kind = 'licensing') AS licensing,
			sum(k.n) FILTER (WHERE k.kind = 'penalty') AS penalty,
			sum(k.n) FILTER (WHERE k.kind = 'coercion') AS coercion
		FROM govinfo.decision_count k
		WHERE k.decided_on >= make_date(derived_reports_060.year, 1, 1) AND k.decided_on < make_date(derived_reports_060.year + 1, 1, 1)
		  AND k.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY k.agency_id) dec USING (agency_id)
	FULL JOIN (
		SELECT r.agency_id, sum(r.amount_yuan) AS yuan
		FROM govinfo.fee_receipt r
		WHERE r.received_on >= make_date(derived_reports_060.year, 1, 1) AND r.received_on < make_date(derived_reports_060.year + 1, 1, 1)
		  AND r.agency_id BETWEEN coalesce(only_agency, -9223372036854775807) AND coalesce(only_agency, 9223372036854775807)
		GROUP BY r.agency_id) fee USING (agency_id)
	-- the one agency asked for is there even with no record in the year
	FULL JOIN (SELECT only_agency AS agency_id WHERE only_agency IS NOT NULL) one USING (agency_id);
END;

CREATE OR REPLACE FUNCTION bench.q_govinfo_060(y integer) RETURNS text
	LANGUAGE sql STABLE
	RETURN replace(bench.q_govinfo(y), 'govinfo.request_figures_agg(', 'bench.request_figures_agg_060(');
CREATE OR REPLACE FUNCTION bench.q_derived_060(y integer) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN format('SELECT * FROM bench.derived_reports_060(%s)', y);

--------------------------------------------------------------------------
-- Cross-checks: every result in the shape (agency_id, row_code, column_code, n), non-zero cells only
--------------------------------------------------------------------------
-- govinfo figures, cell by cell through govinfo.cell(); a blank cell comes out as n = NULL
CREATE OR REPLACE FUNCTION bench.cells_of_figures(tbl regclass) RETURNS TABLE(agency_id bigint, row_code text, column_code text, n bigint)
	LANGUAGE plpgsql
AS $$
BEGIN
	RETURN QUERY EXECUTE format(
		'SELECT t.agency_id::bigint, r.code, c.code, govinfo.cell(t.requests, r.code, c.code)::bigint
		 FROM %s t, bench.t3_row r, bench.t3_col c', tbl);
END
$$;

-- a pivot result: its "row|column" columns unpivoted through jsonb
CREATE OR REPLACE FUNCTION bench.cells_of_pivot(tbl regclass) RETURNS TABLE(agency_id bigint, row_code text, column_code text, n bigint)
	LANGUAGE plpgsql
AS $$
BEGIN
	RETURN QUERY EXECUTE format(
		'SELECT t.agency_id::bigint, split_part(e.key, ''|'', 1), split_part(e.key, ''|'', 2), e.value::bigint
		 FROM %s t, jsonb_each_text(to_jsonb(t) - ''agency_id'') e', tbl);
END
$$;

-- a result in rows (agency_id, row_code, np … oth, total): its cells
CREATE OR REPLACE FUNCTION bench.cells_of_rows(tbl regclass) RETURNS TABLE(agency_id bigint, row_code text, column_code text, n bigint)
	LANGUAGE plpgsql
AS $$
BEGIN
	RETURN QUERY EXECUTE format(
		'SELECT t.agency_id::bigint, t.row_code, c.code, (ARRAY[t.np, t.biz, t.res, t.npo, t.law, t.oth, t.total])[c.ord]::bigint
		 FROM %s t, (VALUES (''np'', 1), (''biz'', 2), (''res'', 3), (''npo'', 4), (''law'', 5), (''oth'', 6), (''total'', 7)) c(code, ord)', tbl);
END
$$;

-- abort unless two cell sets are equal (EXCEPT both ways empty); zero cells are left out of both
CREATE OR REPLACE PROCEDURE bench.assert_same_cells(what text, a text, b text)
	LANGUAGE plpgsql
AS $$
DECLARE
	only_a bigint;
	only_b bigint;
	na bigint;
	ex text;
BEGIN
	EXECUTE format('SELECT count(*) FROM (SELECT * FROM (%s) x WHERE n <> 0 EXCEPT SELECT * FROM (%s) y WHERE n <> 0) d', a, b) INTO only_a;
	EXECUTE format('SELECT count(*) FROM (SELECT * FROM (%s) y WHERE n <> 0 EXCEPT SELECT * FROM (%s) x WHERE n <> 0) d', b, a) INTO only_b;
	EXECUTE format('SELECT count(*) FROM (%s) x WHERE n <> 0', a) INTO na;
	IF only_a <> 0 OR only_b <> 0 THEN
		EXECUTE format('SELECT string_agg(format(''%%s %%s/%%s=%%s'', agency_id, row_code, column_code, n), ''; '') FROM (SELECT * FROM (SELECT * FROM (%s) x WHERE n <> 0 EXCEPT SELECT * FROM (%s) y WHERE n <> 0) d ORDER BY 1, 2, 3 LIMIT 5) e', a, b) INTO ex;
		RAISE EXCEPTION 'bench: cross-check failed: %: % cells only in the first result, % only in the second (first: %)', what, only_a, only_b, ex;
	END IF;
	RAISE WARNING 'bench: cross-check ok: % (% non-zero cells equal)', what, na;
	PERFORM bench.set_fact('check.' || what, na, 'non-zero cells compared, all equal');
END
$$;

-- refresh_reports(y) when every report of the year is written (none stored yet): the year's reports
-- are deleted before each run (not timed); wall clock around the statement and its commit
CREATE OR REPLACE PROCEDURE bench.measure_refresh_all(n text, y integer, runs integer)
	LANGUAGE plpgsql
AS $$
DECLARE
	t0 timestamptz;
	written bigint;
BEGIN
	FOR round IN 0 .. runs LOOP
		DELETE FROM govinfo.annual_report WHERE year = y;
		COMMIT;
		t0 := clock_timestamp();
		written := govinfo.refresh_reports(y);
		COMMIT;
		INSERT INTO bench.timing (name, run, ms) VALUES (n, round, extract(epoch FROM clock_timestamp() - t0) * 1000);
		PERFORM bench.set_fact(n || '.written', written);
		COMMIT;
	END LOOP;
END
$$;
