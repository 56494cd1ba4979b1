#!/usr/bin/env bash
# Run every suite in scripts/suites/ (in name order) against the cluster named by the PG*
# environment (set by pg_virtualenv). Each suite is a script that prints what it likes and ends with
# one line "N passed, N failed"; a suite that prints no such line, or exits non-zero, counts one
# failure more. Prints one line per suite, then the closing line "N passed, N failed".
# GOVINFO_SUITES (space-separated names such as "regress pgtap") runs only those suites.
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0
failed=0
summary=""
for suite in scripts/suites/[0-9]*.sh; do
	name=$(basename "$suite" .sh)
	name=${name#*-}
	if [ -n "${GOVINFO_SUITES:-}" ] && ! grep -qw -- "$name" <<<"$GOVINFO_SUITES"; then
		continue
	fi
	echo "=== suite $name"
	log=$(mktemp)
	start=$(date +%s)
	bash "$suite" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
	p=0
	f=1
	if [ -n "$line" ]; then
		p=${line%% passed*}
		f=${line#*, }
		f=${f%% failed*}
		[ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
	fi
	rm -f "$log"
	passed=$((passed + p))
	failed=$((failed + f))
	summary+="$name: $p passed, $f failed ($(($(date +%s) - start)) s); "
done
echo "${summary%; }"
# the closing line; scripts/test.sh prints it again once the throwaway cluster is gone
echo "$passed passed, $failed failed" | tee "${GOVINFO_SUMMARY:-/dev/null}"
[ "$failed" = 0 ]
