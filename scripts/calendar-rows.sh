#!/usr/bin/env bash
# The shipped rows of govinfo.workday_calendar come from data/cn-workdays.csv (the State Council's
# holiday notices, see data/README.md). This script writes them as one INSERT between the lines
# "-- calendar rows: begin" and "-- calendar rows: end" of sql/schema/75_calendar.sql (the install
# script) and of section 3 of sql/govinfo--0.4.0--0.5.0.sql (the upgrade), so that both hold exactly
# the rows of the CSV file.
#
#   bash scripts/calendar-rows.sh           rewrite the two blocks from the CSV file
#   bash scripts/calendar-rows.sh --check   exit 1 if a block differs from the CSV file
#
# A later version that ships a new year's notice adds its rows to the CSV file and to its own upgrade
# script (the released upgrade scripts are never edited): see doc/deadlines.md.
set -euo pipefail
cd "$(dirname "$0")/.."
csv=data/cn-workdays.csv
files=(sql/schema/75_calendar.sql sql/govinfo--0.4.0--0.5.0.sql)

rows() {
	awk -F, 'NR == 1 { if ($0 != "date,kind,name,source") { print "bad header: " $0 > "/dev/stderr"; bad = 1; exit 1 }; next }
	NF != 4 || $1 !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ || ($2 != "holiday" && $2 != "workday") {
		print "bad line " NR ": " $0 > "/dev/stderr"; bad = 1; exit 1 }
	{ for (i = 3; i <= 4; i++) gsub(/\047/, "\047\047", $i); line[++n] = sprintf("\t(DATE \047%s\047, \047%s\047, \047%s\047, \047%s\047, true)", $1, $2, $3, $4) }
	END {
		if (bad) exit 1
		print "INSERT INTO @extschema@.workday_calendar (day, kind, name, source, shipped) VALUES"
		for (i = 1; i <= n; i++) print line[i] (i < n ? "," : ";")
	}' "$csv"
}

block=$(rows)
status=0
for f in "${files[@]}"; do
	grep -q '^-- calendar rows: begin' "$f" && grep -q '^-- calendar rows: end' "$f" || { echo "$f: no calendar rows block" >&2; exit 1; }
	new=$(awk -v block="$block" '
		/^-- calendar rows: begin/ { print; print block; skip = 1; next }
		/^-- calendar rows: end/ { skip = 0 }
		!skip { print }' "$f")
	if [ "${1:-}" = --check ]; then
		if [ "$new" != "$(cat "$f")" ]; then
			echo "$f: the calendar rows differ from $csv (run bash scripts/calendar-rows.sh)" >&2
			status=1
		fi
	else
		printf '%s\n' "$new" >"$f"
	fi
done
exit $status
