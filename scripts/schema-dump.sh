#!/usr/bin/env bash
# Print the schema of the govinfo extension in database $1 as plain, comparable SQL: every member
# object written out by pg_dump --schema-only, plus the extension's configuration tables.
# pg_dump leaves extension members out, so this works on a scratch copy of the database in which
# the members are detached from the extension (the copy is dropped afterwards).
# Usage: scripts/schema-dump.sh DBNAME  (PG* environment names the cluster; needs a superuser)
set -euo pipefail
db=$1
copy="${db}_schema_dump"
dropdb --if-exists "$copy" >/dev/null
createdb -T "$db" "$copy"
trap 'dropdb --if-exists "$copy" >/dev/null' EXIT
psql -X -q -v ON_ERROR_STOP=1 -d "$copy" -At <<'SQL'
-- the configuration tables and their dump conditions, by name
SELECT '-- extconfig: ' || c::regclass::text || ' ' || quote_literal(coalesce(e.extcondition[i], ''))
FROM pg_extension e, unnest(e.extconfig) WITH ORDINALITY AS x(c, i)
WHERE e.extname = 'govinfo' ORDER BY 1;
SELECT '-- extversion: ' || extversion FROM pg_extension WHERE extname = 'govinfo';
SQL
psql -X -q -v ON_ERROR_STOP=1 -d "$copy" -c "DELETE FROM pg_depend WHERE deptype = 'e'
	AND refclassid = 'pg_extension'::regclass AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'govinfo')"
# comments naming dump entries, SET lines, blank lines and the random keys of \restrict (newer
# pg_dump) carry nothing to compare
pg_dump --schema-only --no-owner -d "$copy" |
	grep -vE '^(--|SET |SELECT pg_catalog.set_config|\\restrict|\\unrestrict|$)' |
	grep -v 'CREATE EXTENSION IF NOT EXISTS govinfo' | grep -v 'COMMENT ON EXTENSION govinfo'
