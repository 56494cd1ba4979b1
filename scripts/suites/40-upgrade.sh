#!/usr/bin/env bash
# Suite: upgrade equality. A database created with govinfo 0.1.0 and brought to the current version
# through every upgrade script, with data stored at each version, has the same schema as a fresh
# install (scripts/schema-dump.sh: every member object written out by pg_dump, and the configuration
# tables), keeps every row it held, and behaves as the current version.
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/suites/lib.sh
current=$(sed -n "s/^default_version = '\(.*\)'/\1/p" govinfo.control)
fresh=govinfo_upgrade_fresh
upg=govinfo_upgrade_chain
for db in $fresh $upg; do dropdb --if-exists $db >/dev/null 2>&1; createdb $db; done
q $fresh "CREATE EXTENSION govinfo" >/dev/null

# every row of every configuration table, in the columns it had before the upgrade
rows() {
	local db=$1 cols=$2
	local t list
	for t in $(cut -d' ' -f1 <<<"$cols"); do
		list=$(grep "^$t " <<<"$cols" | cut -d' ' -f2-)
		echo "== $t"
		q "$db" "SELECT x::text FROM (SELECT $list FROM $t) x ORDER BY 1"
	done
}
columns() {
	q "$1" "SELECT c::regclass || ' ' || string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
	        FROM pg_extension e, unnest(e.extconfig) c JOIN pg_attribute a ON a.attrelid = c
	        WHERE e.extname = 'govinfo' AND a.attnum > 0 AND NOT a.attisdropped
	          AND (SELECT relkind FROM pg_class WHERE oid = c) = 'r' GROUP BY c ORDER BY 1"
}

q $upg "CREATE EXTENSION govinfo VERSION '0.1.0'" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d $upg -f scripts/demo/pingshan-2021.sql >/dev/null
from=0.1.0
while :; do
	next=$(ls sql/govinfo--"$from"--*.sql 2>/dev/null | sed -E "s/.*--$from--(.*)\.sql/\1/" | head -1)
	[ -n "$next" ] || break
	cols=$(columns $upg)
	before=$(rows $upg "$cols")
	if [ "$next" = 0.5.0 ]; then
		# table 二 as the 48-byte type of 0.4.0: its text and binary forms, and no room for the 2019 format
		disclosures_040=$(q $upg "SELECT string_agg(r.year || ' ' || r.disclosures::text || ' ' || govinfo.disclosure_figures_send(r.disclosures)::text, E'\n' ORDER BY r.agency_id, r.year) FROM govinfo.annual_report r")
		same "before the update, a 2019 table 二 is refused (0A000), not cut to 48 bytes" \
			"$(sqlstate $upg "SELECT '2019|2.5.1:1,-1,1'::govinfo.disclosure_figures")" 0A000
	fi
	if [ "$next" = 0.7.0 ]; then
		# a user's view over request_figures_agg, whose state type 0.7.0 changes (section 3a): the
		# aggregate is replaced in place, so the view stays and gives the same figures
		q $upg "CREATE VIEW public.user_requests AS SELECT agency_id, govinfo.request_figures_agg(2022, received_on, closed_on, applicant, outcome) AS f FROM govinfo.application GROUP BY agency_id" >/dev/null
		user_view_before=$(q $upg "SELECT string_agg(agency_id || ' ' || f::text, E'\n' ORDER BY agency_id) FROM public.user_requests")
	fi
	check "ALTER EXTENSION govinfo UPDATE from $from to $next" q $upg "ALTER EXTENSION govinfo UPDATE TO '$next'"
	if [ "$next" = 0.7.0 ]; then
		GOVINFO_SAME_NONEMPTY=1 same "a user's view over request_figures_agg survives the update to 0.7.0 with the same figures" \
			"$(q $upg "SELECT string_agg(agency_id || ' ' || f::text, E'\n' ORDER BY agency_id) FROM public.user_requests")" "$user_view_before"
		q $upg "DROP VIEW public.user_requests" >/dev/null
	fi
	same "every row stored with $from is still there after the upgrade to $next" "$before" "$(rows $upg "$cols")"
	if [ "$next" = 0.2.0 ]; then
		psql -X -q -v ON_ERROR_STOP=1 -d $upg -f scripts/demo/records.sql >/dev/null
		psql -X -q -v ON_ERROR_STOP=1 -d $upg -f test/data/publish.sql >/dev/null
	fi
	from=$next
done
same "the upgrade chain ends at the current version $current" "$(q $upg "SELECT extversion FROM pg_extension WHERE extname = 'govinfo'")" "$current"
bash scripts/schema-dump.sh $fresh >/tmp/govinfo-schema-fresh.sql
bash scripts/schema-dump.sh $upg >/tmp/govinfo-schema-upgraded.sql
check "the schema dump is not empty" test "$(grep -c 'CREATE FUNCTION' /tmp/govinfo-schema-fresh.sql)" -gt 50
if diff /tmp/govinfo-schema-upgraded.sql /tmp/govinfo-schema-fresh.sql >/tmp/govinfo-schema.diff; then
	passed=$((passed + 1)); echo "ok - fresh install and upgraded install have the same schema"
else
	failed=$((failed + 1)); echo "not ok - fresh install and upgraded install have the same schema"
	head -80 /tmp/govinfo-schema.diff
fi

# the upgraded database behaves as the current version
same "published reports keep what their records contributed" \
	"$(q $upg "SELECT count(*) FROM govinfo.annual_report WHERE published_at IS NOT NULL AND published_records IS NULL")" 0
same "the lock refuses a record in a published year" \
	"$(sqlstate $upg "INSERT INTO govinfo.application (agency_id, received_on, applicant) SELECT agency_id, '2021-05-01', 'np' FROM govinfo.agency WHERE code = 'pingshan-land'")" 55000
same "a record in an unpublished year is taken" \
	"$(sqlstate $upg "INSERT INTO govinfo.application (agency_id, received_on, applicant) SELECT agency_id, '2023-05-01', 'np' FROM govinfo.agency WHERE code = 'pingshan-land'")" ok
same "an UPDATE that changes no published figure is taken" \
	"$(sqlstate $upg "UPDATE govinfo.application SET subject = 'x' WHERE received_on BETWEEN '2021-01-01' AND '2021-03-01'")" ok
q $upg "INSERT INTO govinfo.agency (code, name) VALUES ('upgrade-test', '测试局')" >/dev/null
q $upg "INSERT INTO govinfo.application (agency_id, received_on, applicant) SELECT agency_id, '2023-05-01', 'np' FROM govinfo.agency WHERE code = 'upgrade-test'" >/dev/null
same "deleting an agency that has applications is refused by application's foreign key" \
	"$(sqlstate $upg "DELETE FROM govinfo.agency WHERE code = 'upgrade-test'")" 23503
same "derived and stored tables agree after the upgrade" \
	"$(q $upg "SELECT count(*) FROM govinfo.annual_report r JOIN govinfo.derived_reports(r.year, r.agency_id) d USING (agency_id) WHERE r.source = 'derived' AND r.requests OPERATOR(govinfo.<>) d.requests")" 0
# table 二 after its type grew (section 1 of 0.4.0--0.5.0): the same values, a 2019 table 二 stored
same "the stored table 二 keeps its text and binary forms through the new type" \
	"$(q $upg "SELECT string_agg(r.year || ' ' || r.disclosures::text || ' ' || govinfo.disclosure_figures_send(r.disclosures)::text, E'\n' ORDER BY r.agency_id, r.year) FROM govinfo.annual_report r")" \
	"$disclosures_040"
same "pingshan's table 二 stored at 0.1.0 reads back after the upgrade" \
	"$(q $upg "SELECT r.disclosures::text FROM govinfo.annual_report r JOIN govinfo.agency a USING (agency_id) WHERE a.code = 'pingshan-zhen' AND r.year = 2021")" \
	"2021|2.1.1:0,0,0|2.1.2:0,0,0|2.5.1:0|2.6.1:24|2.6.2:1|2.8.1:0"
same "the upgraded table 二 column and type are the fresh ones (96 bytes)" \
	"$(q $upg "SELECT t.typlen || ' ' || a.attlen FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = 'govinfo.annual_report'::regclass AND a.attname = 'disclosures'")" "96 96"
q $upg "INSERT INTO govinfo.annual_report (agency_id, year, disclosures) SELECT agency_id, 2020, '2019|2.5.1:7,-1,8|2.9.1:3,12.5' FROM govinfo.agency WHERE code = 'upgrade-test'" >/dev/null
same "the upgraded database stores a 2019 table 二 and sums it" \
	"$(q $upg "SELECT govinfo.sum(r.disclosures)::text FROM govinfo.annual_report r WHERE r.year = 2020")" \
	"2019|2.1.1:,,|2.1.2:,,|2.5.1:7,-1,8|2.5.2:,,|2.6.1:,,|2.6.2:,,|2.8.1:,|2.9.1:3,12.5"
for db in $fresh $upg; do dropdb $db; done
finish
