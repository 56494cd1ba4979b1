#!/usr/bin/env bash
# Suite: isolation specs (specs/*.spec against expected/*.out, listed in Makefile ISOLATION), run by
# PGXS's pg_isolation_regress through `make installcheck` with REGRESS emptied; one result per spec.
set -uo pipefail
cd "$(dirname "$0")/../.."
log=$(mktemp)
make installcheck REGRESS= >"$log" 2>&1
rc=$?
grep -E '^(test |ok |not ok |     )|tests (passed|failed)|FAILED' "$log" || true
pass=$(grep -cE '\.\.\. ok|^ok [0-9]+ ' "$log")
fail=$(grep -cE '\.\.\. FAILED|^not ok [0-9]+ ' "$log")
if [ "$rc" != 0 ]; then
	[ -f output_iso/regression.diffs ] && head -300 output_iso/regression.diffs
	[ "$fail" = 0 ] && { cat "$log"; fail=1; }
fi
rm -f "$log"
echo "$pass passed, $fail failed"
