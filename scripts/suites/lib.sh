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

# same NAME A B: one test, passed when the two strings are equal (a diff is shown otherwise)
same() {
	if [ "$2" == "$3" ]; then
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
