#!/usr/bin/env bash
# Suite: the corpus of published reports. Every document test/corpus/<family>/<name>.txt (or .html)
# goes through govinfo.parse_report, and each key of its <name>.expected.json is one test: layout,
# title, agency, year, date, format, complete, the three tables (compared as the types, blank ≠ 0),
# the phrases of parts 一/五/六, the set of warning codes, the set of rules broken (govinfo.violations),
# and that no parsed number is absent from the document. Every document is also imported (in a
# transaction rolled back) and checked through govinfo.published_violations: the rules it breaks,
# none for a balanced document (printed "# skip" while the import does not exist; skipped checks
# are not counted). Needs psql and bash only.
# GOVINFO_CORPUS (a pattern such as "F6" or "pingshan") limits the documents.
# Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/suites/lib.sh
export PGCLIENTENCODING=UTF8
DB=govinfo_corpus
skipped=0

dropdb --if-exists $DB >/dev/null 2>&1
createdb -E UTF8 -T template0 --locale=C $DB
if ! psql -X -q -v ON_ERROR_STOP=1 -d $DB -c 'CREATE EXTENSION govinfo' -f test/corpus/check.sql >/dev/null; then
	echo "not ok - the corpus database (CREATE EXTENSION govinfo, test/corpus/check.sql)"
	echo "0 passed, 1 failed"
	exit 1
fi

# run SQL (stdin) with the document and its expected result as psql variables :'doc' and :'exp';
# fields are separated by the unit separator
run_doc() {
	psql -X -q -At -F $'\x1f' -v ON_ERROR_STOP=1 -d $DB -v doc="$(cat "$1")" -v exp="$(cat "$2")" 2>&1
}

ndocs=0
for doc in $(find test/corpus -name '*.expected.json' | sort); do
	base=${doc%.expected.json}
	if [ -f "$base.txt" ]; then
		file=$base.txt
	elif [ -f "$base.html" ]; then
		file=$base.html
	else
		failed=$((failed + 1))
		echo "not ok - ${base#test/corpus/}: no document beside $doc"
		continue
	fi
	name=${base#test/corpus/}
	if [ -n "${GOVINFO_CORPUS:-}" ] && [[ $name != *${GOVINFO_CORPUS}* ]]; then
		continue
	fi
	ndocs=$((ndocs + 1))
	out=$(run_doc "$file" "$doc" <<<"SELECT key, ok, translate(detail, E'\n\r', '  ') FROM corpus_test.check(:'doc', :'exp');")
	if ! grep -q $'\x1f' <<<"$out"; then
		failed=$((failed + 1))
		echo "not ok - $name: the check did not run"
		printf '%s\n' "$out" | head -5 | sed 's/^/#   /'
		continue
	fi
	while IFS=$'\x1f' read -r key ok detail; do
		[ -z "$key" ] && continue
		if [ "$ok" = t ]; then
			passed=$((passed + 1))
			echo "ok - $name $key"
		else
			failed=$((failed + 1))
			echo "not ok - $name $key"
			printf '#   %s\n' "${detail:0:600}"
		fi
	done <<<"$out"
	# every document imports (0.10.0: hybrid reports did not), and published_violations lists the rules
	# it breaks, none for a balanced one
	{
		out=$(run_doc "$file" "$doc" <<<"BEGIN; SELECT ok, translate(detail, E'\n\r', '  ') FROM corpus_test.published(:'doc', :'exp'); ROLLBACK;")
		if [ -z "$out" ]; then
			skipped=$((skipped + 1))
			echo "ok - $name published_violations # skip govinfo.published_violations does not exist yet"
		else
			IFS=$'\x1f' read -r ok detail <<<"$out"
			if [ "$ok" = t ]; then
				passed=$((passed + 1))
				echo "ok - $name published_violations"
			else
				failed=$((failed + 1))
				echo "not ok - $name published_violations"
				printf '#   %s\n' "${detail:0:600}"
			fi
		fi
	}
done
echo "# $ndocs documents; $skipped checks skipped (not counted)"
dropdb --if-exists $DB >/dev/null 2>&1
finish
