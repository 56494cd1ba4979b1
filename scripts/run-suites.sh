#!/usr/bin/env bash
# Run pg_regress and pgTAP against the cluster named by the PG* environment (set by pg_virtualenv)
# and print one closing line "N passed, N failed" counting both suites.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)

# pg_regress: one result per test file
make installcheck >"$out/regress.log" 2>&1
regress_rc=$?
cat "$out/regress.log" | grep -E '^(test |ok |not ok |     )|tests (passed|failed)|FAILED' || true
r_pass=$(grep -cE '\.\.\. ok|^ok [0-9]+ ' "$out/regress.log")
r_fail=$(grep -cE '\.\.\. FAILED|^not ok [0-9]+ ' "$out/regress.log")
if [ "$regress_rc" != 0 ]; then
	[ -f regression.diffs ] && head -200 regression.diffs
	[ "$r_fail" = 0 ] && r_fail=1
fi

# pgTAP: one result per assertion
dropdb --if-exists govinfo_test >/dev/null 2>&1
createdb govinfo_test
psql -X -q -v ON_ERROR_STOP=1 -d govinfo_test \
	-c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION govinfo' -c 'CREATE EXTENSION dblink' >/dev/null
pg_prove -d govinfo_test --failures test/*.sql >"$out/prove.log" 2>&1
prove_rc=$?
cat "$out/prove.log"
t_total=$(sed -nE 's/^Files=[0-9]+, Tests=([0-9]+),.*/\1/p' "$out/prove.log")
t_total=${t_total:-0}
t_fail=$(sed -nE 's/.*Failed ([0-9]+)\/[0-9]+ subtests.*/\1/p' "$out/prove.log" | awk '{s+=$1} END {print s+0}')
t_unrun=$(sed -nE 's/.*You planned ([0-9]+) tests? but ran ([0-9]+).*/\1 \2/p' "$out/prove.log" |
	awk '{ if ($1 > $2) s += $1 - $2 } END {print s+0}')
t_fail=$((t_fail + t_unrun))
if [ "$prove_rc" != 0 ] && [ "$t_fail" = 0 ]; then t_fail=1; fi
t_pass=$((t_total - t_fail))
[ "$t_pass" -lt 0 ] && t_pass=0

passed=$((r_pass + t_pass))
failed=$((r_fail + t_fail))
echo "pg_regress: $r_pass passed, $r_fail failed; pgTAP: $t_pass passed, $t_fail failed"
# the closing line; scripts/test.sh prints it again once the throwaway cluster is gone
echo "$passed passed, $failed failed" | tee "${GOVINFO_SUMMARY:-/dev/null}"
[ "$failed" = 0 ] && [ "$regress_rc" = 0 ] && [ "$prove_rc" = 0 ]
