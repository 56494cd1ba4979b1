#!/usr/bin/env bash
# Suite: isolation specs (specs/*.spec against expected/*.out, listed in Makefile ISOLATION), run by
# PGXS's pg_isolation_regress through `make installcheck` with REGRESS emptied; one result per spec.
# The test database is made here, as pg_regress makes it, so that a pending schema change
# (sql/pending/lock_order.sql, while it exists) is applied to it before the specs run;
# GOVINFO_ISOLATION_PENDING=no runs them against the installed schema alone.
set -uo pipefail
cd "$(dirname "$0")/../.."
db=isolation_regression
log=$(mktemp)
dropdb --if-exists "$db" >/dev/null 2>&1
createdb --template=template0 "$db" || { echo "0 passed, 1 failed"; exit 1; }
psql -X -q -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<SQL || { echo "0 passed, 1 failed"; exit 1; }
ALTER DATABASE "$db" SET lc_messages TO 'C';
ALTER DATABASE "$db" SET lc_monetary TO 'C';
ALTER DATABASE "$db" SET lc_numeric TO 'C';
ALTER DATABASE "$db" SET lc_time TO 'C';
ALTER DATABASE "$db" SET bytea_output TO 'hex';
ALTER DATABASE "$db" SET timezone_abbreviations TO 'Default';
CREATE EXTENSION govinfo;
SQL
pending=sql/pending/lock_order.sql
if [ -f "$pending" ] && [ "${GOVINFO_ISOLATION_PENDING:-yes}" != no ]; then
	sed 's/@extschema@/govinfo/g' "$pending" | psql -X -q -v ON_ERROR_STOP=1 -d "$db" >/dev/null ||
		{ echo "govinfo: $pending does not apply"; echo "0 passed, 1 failed"; exit 1; }
	echo "applied $pending"
fi
make installcheck REGRESS= ISOLATION_TESTDB="$db" EXTRA_REGRESS_OPTS=--use-existing >"$log" 2>&1
rc=$?
grep -E '^(test |ok |not ok |     )|tests (passed|failed)|FAILED' "$log" || true
pass=$(grep -cE '\.\.\. ok|^ok [0-9]+ ' "$log")
fail=$(grep -cE '\.\.\. FAILED|^not ok [0-9]+ ' "$log")
if [ "$rc" != 0 ]; then
	[ -f output_iso/regression.diffs ] && head -300 output_iso/regression.diffs
	[ "$fail" = 0 ] && { cat "$log"; fail=1; }
fi
rm -f "$log"
dropdb --if-exists "$db" >/dev/null 2>&1
echo "$pass passed, $fail failed"
