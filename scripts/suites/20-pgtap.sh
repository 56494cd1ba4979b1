#!/usr/bin/env bash
# Suite: pgTAP (test/*.sql run by pg_prove in a fresh database), one result per assertion.
set -uo pipefail
cd "$(dirname "$0")/../.."
log=$(mktemp)
dropdb --if-exists govinfo_test >/dev/null 2>&1
createdb govinfo_test
psql -X -q -v ON_ERROR_STOP=1 -d govinfo_test \
	-c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION govinfo' >/dev/null
pg_prove -d govinfo_test --failures test/*.sql >"$log" 2>&1
rc=$?
cat "$log"
total=$(sed -nE 's/^Files=[0-9]+, Tests=([0-9]+),.*/\1/p' "$log")
total=${total:-0}
# prove's "Failed X/Y subtests" counts the failed tests and those planned but not run (a file
# that stopped early); "Tests: N Failed: M" in its summary counts the failed tests among those run
fail=$(sed -nE 's/.*Failed ([0-9]+)\/[0-9]+ subtests.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
failed_run=$(sed -nE 's/.*\(Wstat: .* Tests: [0-9]+ Failed: ([0-9]+)\).*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
if [ "$rc" != 0 ] && [ "$fail" = 0 ]; then fail=1; fi
pass=$((total - failed_run))
[ "$pass" -lt 0 ] && pass=0
rm -f "$log"
echo "$pass passed, $fail failed"
