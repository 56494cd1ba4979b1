-- Shared by the pgTAP files that drive other sessions through dblink (included with \ir): a
-- connection string back to this database, a connection's backend pid, waiting until a session is
-- blocked by another, and the outcome of a query sent asynchronously.

-- a libpq connection string back to this database (unix socket, same user)
CREATE FUNCTION pg_temp.kw(v text) RETURNS text
	LANGUAGE sql AS $$ SELECT '''' || replace(replace(v, '\', '\\'), '''', '\''') || '''' $$;
CREATE FUNCTION pg_temp.connstr(app text) RETURNS text
	LANGUAGE sql AS $$
	SELECT format('dbname=%s user=%s port=%s host=%s application_name=%s',
		pg_temp.kw(current_database()), pg_temp.kw(current_user), current_setting('port'),
		pg_temp.kw(coalesce(nullif(trim(split_part(current_setting('unix_socket_directories'), ',', 1)), ''), 'localhost')), app) $$;

-- the backend pid of a dblink connection (only while it is idle)
CREATE FUNCTION pg_temp.pid_of(conn text) RETURNS int
	LANGUAGE sql AS $$ SELECT pid FROM dblink(conn, 'SELECT pg_backend_pid()') AS t(pid int) $$;

-- wait (up to 10 s) until connection conn is blocked by a lock held by the backend holder;
-- false if it finished or never blocked
CREATE FUNCTION pg_temp.blocked_by(conn text, pid int, holder int) RETURNS boolean
	LANGUAGE plpgsql AS $$
BEGIN
	FOR i IN 1..200 LOOP
		IF holder = ANY (pg_blocking_pids(pid)) THEN
			RETURN true;
		END IF;
		IF dblink_is_busy(conn) = 0 THEN
			RETURN false;
		END IF;
		PERFORM pg_sleep(0.05);
	END LOOP;
	RETURN false;
END $$;

-- the outcome of the query sent on conn: its command status, or 'SQLSTATE message'
CREATE FUNCTION pg_temp.outcome(conn text) RETURNS text
	LANGUAGE plpgsql AS $$
DECLARE
	res text;
	st text;
	msg text;
BEGIN
	BEGIN
		SELECT r INTO res FROM dblink_get_result(conn) AS t(r text);
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
		res := st || ' ' || msg;
	END;
	-- the final empty result frees the connection for the next query
	PERFORM * FROM dblink_get_result(conn, false) AS t(r text);
	RETURN res;
END $$;

