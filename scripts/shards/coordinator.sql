-- govinfo scale-out: the coordinator's objects (doc/SCALE-OUT.md).
--
--   psql -d coordinator -v shard1='host=... port=... dbname=...' -v shard2=... -v shard3=... \
--        [-v fdw_user=postgres -v fdw_password=...] -f scripts/shards/coordinator.sql
--
-- The coordinator is an ordinary database with govinfo installed (its types, operators and
-- aggregates; its agency table is the hierarchy of record, copied to every shard). Its applications
-- live on the shards: fleet.application is partitioned by HASH (agency_id) into three foreign
-- tables, one per shard server, each holding govinfo.application of its shard. The agencies of a
-- shard are those whose id hashes to its remainder (satisfies_hash_partition), which is how
-- scripts/shards/lib.sh splits the data when it loads the shards.
--
-- Servers: extensions 'govinfo' makes govinfo's functions, operators and types shippable (so
-- request_figures_agg runs on the shard); async_capable lets the Append start all three remote
-- queries at once; fetch_size fetches the per-agency rows in few round trips; use_remote_estimate
-- asks the shards for row counts (foreign tables have no statistics unless ANALYZEd, and without
-- them the planner aggregates one agency's few rows on the coordinator rather than on its shard).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS govinfo;
CREATE EXTENSION IF NOT EXISTS postgres_fdw;

\if :{?fdw_user}
\else
SELECT current_user AS fdw_user \gset
\endif
\if :{?fdw_password}
\else
\set fdw_password ''
\endif

-- one server and user mapping per shard, from a libpq connection string
CREATE FUNCTION pg_temp.add_shard(name text, conninfo text, fdw_user text, fdw_password text) RETURNS void
	LANGUAGE plpgsql
AS $$
DECLARE
	opts text := '';
	o record;
BEGIN
	FOR o IN SELECT keyword, val FROM pg_catalog.regexp_matches(conninfo, '(\w+)=(\S+)', 'g') m(v),
	         LATERAL (SELECT m.v[1] AS keyword, m.v[2] AS val) x LOOP
		opts := opts || format('%I %L, ', o.keyword, o.val);
	END LOOP;
	EXECUTE format('CREATE SERVER %I FOREIGN DATA WRAPPER postgres_fdw OPTIONS (%s extensions %L, async_capable %L, fetch_size %L, use_remote_estimate %L)',
		name, opts, 'govinfo', 'true', '10000', 'true');
	IF fdw_password <> '' THEN
		EXECUTE format('CREATE USER MAPPING FOR CURRENT_USER SERVER %I OPTIONS (user %L, password %L)', name, fdw_user, fdw_password);
	ELSE
		EXECUTE format('CREATE USER MAPPING FOR CURRENT_USER SERVER %I OPTIONS (user %L)', name, fdw_user);
	END IF;
END
$$;
SELECT pg_temp.add_shard('shard1', :'shard1', :'fdw_user', :'fdw_password'),
	pg_temp.add_shard('shard2', :'shard2', :'fdw_user', :'fdw_password'),
	pg_temp.add_shard('shard3', :'shard3', :'fdw_user', :'fdw_password') \g /dev/null

CREATE SCHEMA fleet;
COMMENT ON SCHEMA fleet IS 'govinfo scale-out: the shards'' records seen from the coordinator (doc/SCALE-OUT.md)';

-- the columns of govinfo.application, without its constraints; rows are loaded on the shards
CREATE TABLE fleet.application (LIKE govinfo.application) PARTITION BY HASH (agency_id);
CREATE FOREIGN TABLE fleet.application_1 PARTITION OF fleet.application FOR VALUES WITH (MODULUS 3, REMAINDER 0)
	SERVER shard1 OPTIONS (schema_name 'govinfo', table_name 'application');
CREATE FOREIGN TABLE fleet.application_2 PARTITION OF fleet.application FOR VALUES WITH (MODULUS 3, REMAINDER 1)
	SERVER shard2 OPTIONS (schema_name 'govinfo', table_name 'application');
CREATE FOREIGN TABLE fleet.application_3 PARTITION OF fleet.application FOR VALUES WITH (MODULUS 3, REMAINDER 2)
	SERVER shard3 OPTIONS (schema_name 'govinfo', table_name 'application');

-- table 三 of every agency with applications in scope of a year (or of one agency): the query of
-- govinfo.derived_reports' requests, over the shards. Inlined by the planner, so the year and the
-- agency reach the shards as constants; grouped by the partition key, so with
-- enable_partitionwise_aggregate each shard runs the whole aggregate and returns one row per agency.
CREATE FUNCTION fleet.agency_requests(year integer, only_agency bigint DEFAULT NULL)
	RETURNS TABLE(agency_id bigint, requests govinfo.request_figures)
	LANGUAGE sql STABLE
BEGIN ATOMIC
	SELECT a.agency_id, govinfo.request_figures_agg(agency_requests.year, a.received_on, a.closed_on, a.applicant, a.outcome)
	FROM fleet.application a
	WHERE (a.closed_on IS NULL OR a.closed_on >= make_date(agency_requests.year, 1, 1))
	  AND a.received_on < make_date(agency_requests.year + 1, 1, 1)
	  AND (agency_requests.only_agency IS NULL OR a.agency_id = agency_requests.only_agency)
	GROUP BY a.agency_id;
END;

-- table 三 of one agency (zeros when it has no application in scope), as govinfo.derive_report's requests
CREATE FUNCTION fleet.derive_requests(agency_code text, year integer) RETURNS govinfo.request_figures
	LANGUAGE plpgsql STABLE STRICT
AS $$
DECLARE
	a bigint := govinfo.agency_id(agency_code);
	f govinfo.request_figures;
BEGIN
	SELECT r.requests INTO f FROM fleet.agency_requests(derive_requests.year, a) r;
	RETURN coalesce(f, govinfo.request_figures_agg(year, NULL, NULL, NULL, NULL));
END
$$;

-- table 三 of an agency and everything under it: the contributors (agencies of the subtree not
-- flagged reports_rollup, from the coordinator's agency table), their figures aggregated on the
-- shards, summed with govinfo.sum on the coordinator; as govinfo.rollup_report(code, year, 'derived')
CREATE FUNCTION fleet.rollup_requests(agency_code text, year integer) RETURNS govinfo.request_figures
	LANGUAGE plpgsql STABLE STRICT
AS $$
DECLARE
	contrib bigint[];
	f govinfo.request_figures;
BEGIN
	WITH RECURSIVE t(agency_id, reports_rollup) AS (
		SELECT g.agency_id, g.reports_rollup FROM govinfo.agency g WHERE g.agency_id = govinfo.agency_id(agency_code)
		UNION ALL
		SELECT c.agency_id, c.reports_rollup FROM t JOIN govinfo.agency c ON c.parent_id = t.agency_id)
	SELECT array_agg(t.agency_id ORDER BY t.agency_id) INTO contrib FROM t WHERE NOT t.reports_rollup;
	-- the array reaches the shards as a parameter: agency_id = ANY ($1) runs there
	SELECT govinfo.sum(r.requests) INTO f FROM fleet.agency_requests(rollup_requests.year) r
	WHERE r.agency_id = ANY (contrib);
	RETURN coalesce(f, govinfo.request_figures_agg(year, NULL, NULL, NULL, NULL));
END
$$;

ALTER DATABASE :"DBNAME" SET enable_partitionwise_aggregate = on;
SET enable_partitionwise_aggregate = on;
