-- Shared by the pgTAP files that force parallel plans (included with \ir). PostgreSQL 16 renamed
-- force_parallel_mode to debug_parallel_query: CALL pg_temp.force_parallel('on') or ('off') sets
-- whichever this server has, until the end of the transaction (as SET LOCAL does);
-- pg_temp.plan_of(query) is its EXPLAIN (COSTS OFF) as one text.

-- force parallel plans (on) or stop forcing them (off), on every PostgreSQL version
CREATE PROCEDURE pg_temp.force_parallel(setting text)
	LANGUAGE sql AS $$
	SELECT pg_catalog.set_config(CASE WHEN pg_catalog.current_setting('server_version_num')::int >= 160000
		THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, setting, true) $$;

-- the EXPLAIN (COSTS OFF) output of a query as one text
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE l text; res text := '';
BEGIN
	FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP res := res || l || E'\n'; END LOOP;
	RETURN res;
END $$;
