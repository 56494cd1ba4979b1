#!/usr/bin/env bash
# Suite: the mutation property of parse_report (test/corpus/mutations.sql). Every corpus document is copied
# with one number of its tables emptied, and with it dropped, for up to GOVINFO_MUTATIONS (40) numbers
# spread over parts 二 to 四, with a line starting with a row's numbering lost, with a label garbled
# after its numbering or wrapped, with a page break (and an HTML document with a number's cell lost, or
# written &nbsp;, a row lost, its first cell garbled); each
# copy is one test: no cell of its parse holds a number that the parse of the whole document does not
# hold in that cell (a blank is allowed). Crawler dumps (F6) and
# drops from space-aligned columns (F4) are left out (test/corpus/mutations.sql says why).
# Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/suites/lib.sh
export PGCLIENTENCODING=UTF8
DB=govinfo_mutations
MOST=${GOVINFO_MUTATIONS:-40}

dropdb --if-exists $DB >/dev/null 2>&1
createdb -E UTF8 -T template0 --locale=C $DB
if ! psql -X -q -v ON_ERROR_STOP=1 -d $DB -c 'CREATE EXTENSION govinfo' -f test/corpus/mutations.sql >/dev/null; then
	echo "not ok - the mutation database (CREATE EXTENSION govinfo, test/corpus/mutations.sql)"
	echo "0 passed, 1 failed"
	exit 1
fi
for f in $(find test/corpus -name '*.txt' -o -name '*.html' | sort); do
	name=${f#test/corpus/}
	psql -X -q -v ON_ERROR_STOP=1 -d $DB -v doc="$(cat "$f")" -v name="$name" \
		<<<"INSERT INTO mutation.doc VALUES (:'name', :'doc')" || { failed=$((failed + 1)); echo "not ok - $name: not loaded"; }
done
out=$(psql -X -q -At -F $'\x1f' -v ON_ERROR_STOP=1 -d $DB \
	-c "SELECT name, kind, coalesce(faults, '') FROM mutation.faults($MOST) ORDER BY name, kind" 2>&1)
if ! grep -q $'\x1f' <<<"$out"; then
	failed=$((failed + 1))
	echo "not ok - the mutated copies did not parse"
	printf '%s\n' "$out" | head -5 | sed 's/^/#   /'
else
	while IFS=$'\x1f' read -r name kind faults; do
		if [ -z "$faults" ]; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			echo "not ok - $name $kind: another number in $faults"
		fi
	done <<<"$out"
	echo "# $((passed + failed)) mutated copies of $(q $DB 'SELECT count(*) FROM mutation.doc') documents"
fi
dropdb --if-exists $DB >/dev/null 2>&1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
