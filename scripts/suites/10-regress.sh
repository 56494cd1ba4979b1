#!/usr/bin/env bash
# Suite: pg_regress (sql/*.sql against expected/*.out), one result per test file (the isolation
# specs, which `make installcheck` also runs, are suite 30-isolation).
set -uo pipefail
cd "$(dirname "$0")/../.."
log=$(mktemp)
make installcheck ISOLATION= >"$log" 2>&1
rc=$?
grep -E '^(test |ok |not ok |     )|tests (passed|failed)|FAILED' "$log" || true
pass=$(grep -cE '\.\.\. ok|^ok [0-9]+ ' "$log")
fail=$(grep -cE '\.\.\. FAILED|^not ok [0-9]+ ' "$log")
if [ "$rc" != 0 ]; then
	[ -f regression.diffs ] && head -200 regression.diffs
	[ "$fail" = 0 ] && fail=1
fi
rm -f "$log"
echo "$pass passed, $fail failed"
