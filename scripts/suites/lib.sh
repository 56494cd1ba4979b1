# Shared by the shell suites: TAP-like results and the closing "N passed, N failed" line.
passed=0
failed=0

# check NAME COMMAND...: one test, passed when the command succeeds
check() {
	local name=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
		echo "ok - $name"
	else
		failed=$((failed + 1))
		echo "not ok - $name"
	fi
}

# same NAME A B: one test, passed when the two strings are equal (a diff is shown otherwise);
# with GOVINFO_SAME_NONEMPTY=1, an empty A (a query that failed on both sides) is a failure too
same() {
	if [ "$2" == "$3" ] && { [ -z "${GOVINFO_SAME_NONEMPTY:-}" ] || [ -n "$2" ]; }; then
		passed=$((passed + 1))
		echo "ok - $1"
	else
		failed=$((failed + 1))
		echo "not ok - $1"
		diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | head -40
	fi
}

# q DB SQL: the unaligned, tuples-only result of one query
q() {
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}

# sqlstate DB SQL: the SQLSTATE the statement fails with, or "ok"
sqlstate() {
	local out
	if out=$(psql -X -q -At -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -d "$1" -c "$2" 2>&1); then
		echo ok
	else
		sed -nE 's/^(psql:[^:]*:[0-9]+: )?ERROR:  ([0-9A-Z]{5}):.*/\2/p' <<<"$out" | head -1
	fi
}

finish() {
	echo "$passed passed, $failed failed"
}

# installcheck_suite DIFFS ARGS...: run `make installcheck ARGS...` (pg_regress or
# pg_isolation_regress), show its results and, on failure, DIFFS; end with "N passed, N failed",
# one result per test file
installcheck_suite() {
	local diffs=$1 log rc pass fail
	shift
	log=$(mktemp)
	make installcheck "$@" >"$log" 2>&1
	rc=$?
	grep -E '^(test |ok |not ok |     )|tests (passed|failed)|FAILED' "$log" || true
	pass=$(grep -cE '\.\.\. ok|^ok [0-9]+ ' "$log")
	fail=$(grep -cE '\.\.\. FAILED|^not ok [0-9]+ ' "$log")
	if [ "$rc" != 0 ]; then
		[ -f "$diffs" ] && head -300 "$diffs"
		[ "$fail" = 0 ] && { cat "$log"; fail=1; }
	fi
	rm -f "$log"
	echo "$pass passed, $fail failed"
}
