-- Shared by the pgTAP files that force parallel plans (included with \ir). PostgreSQL 16 renamed
-- force_parallel_mode to debug_parallel_query: CALL pg_temp.force_parallel('on') or ('off') sets
-- whichever this server has, until the end of the transaction (as SET LOCAL does).

-- force parallel plans (on) or stop forcing them (off), on every PostgreSQL version
CREATE PROCEDURE pg_temp.force_parallel(setting text)
	LANGUAGE sql AS $$
	SELECT pg_catalog.set_config(CASE WHEN pg_catalog.current_setting('server_version_num')::int >= 160000
		THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, setting, true) $$;
