#!/usr/bin/env bash
# Suite: scale-out with postgres_fdw (doc/SCALE-OUT.md). Three shards and a coordinator, made as
# databases of the suite's own cluster reached through loopback postgres_fdw connections (host and
# port of the PG* environment, as separate servers would be; scripts/shards/run.sh does the same with
# four clusters). A single-node database holds the same small data set (made here, about 6,000
# applications over 47 agencies in a province–city–county hierarchy); the shards get its agencies
# (all of them, replicated) and its applications split by HASH (agency_id) (scripts/shards/lib.sh).
# Checked: every cell of table 三 of every agency, of one agency, of the roll-ups of every city and
# county and the province, and govinfo.sum() over all agencies, from the coordinator, equal the
# single node's derived_reports, derive_report and rollup_report; EXPLAIN VERBOSE shows
# request_figures_agg and GROUP BY in the Remote SQL of every shard's Foreign Scan and no local
# aggregation, and EXPLAIN ANALYZE shows one row per agency, not the applications, coming back.
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/suites/lib.sh
. scripts/shards/lib.sh
# an empty expected value (a query that failed on both sides) is a failure
GOVINFO_SAME_NONEMPTY=1
lib=$(pg_config --pkglibdir)
if [ ! -f "$lib/postgres_fdw.so" ]; then
	echo "postgres_fdw is not installed (Debian: it is in postgresql-NN)"
	echo "0 passed, 1 failed"
	exit 1
fi
single=govinfo_shards_single
coord=govinfo_shards_coord
shards=(govinfo_shards_1 govinfo_shards_2 govinfo_shards_3)
drop_all() {
	for d in $coord "${shards[@]}" $single; do dropdb --if-exists --force "$d" >/dev/null 2>&1; done
}
drop_all
trap drop_all EXIT
for d in $single $coord "${shards[@]}"; do createdb "$d" || { echo "createdb $d failed"; echo "0 passed, 1 failed"; exit 1; }; done

# the single node: a province (1), 3 cities (2-4), 6 counties (5-10), 36 departments and townships
# (11-46), and applications received 2020-2023, heavy-tailed over the agencies, some still open;
# county cnty06 reports as a roll-up of its agencies (reports_rollup: its own rows count for nothing)
psql -X -q -v ON_ERROR_STOP=1 -d $single <<'SQL' || echo "loading the single node failed"
CREATE EXTENSION govinfo;
INSERT INTO govinfo.agency (agency_id, code, name, parent_id) VALUES (1, 'prov', '某省人民政府', NULL);
INSERT INTO govinfo.agency (agency_id, code, name, parent_id)
SELECT i, format('city%s', i - 1), format('第%s市人民政府', i - 1), 1 FROM generate_series(2, 4) i;
INSERT INTO govinfo.agency (agency_id, code, name, parent_id, reports_rollup)
SELECT i, format('cnty%s', lpad((i - 4)::text, 2, '0')), format('第%s县人民政府', i - 4), 2 + (i - 5) / 2, i = 10
FROM generate_series(5, 10) i;
INSERT INTO govinfo.agency (agency_id, code, name, parent_id)
SELECT i, format('cnty%s-d%s', lpad((5 + (i - 11) / 6 - 4)::text, 2, '0'), i), format('第%s局', i), 5 + (i - 11) / 6
FROM generate_series(11, 46) i;
-- an agency with no application at all
INSERT INTO govinfo.agency (agency_id, code, name, parent_id) VALUES (47, 'cnty01-d47', '第47局', 5);
SELECT setval(pg_get_serial_sequence('govinfo.agency', 'agency_id'), 47) \g /dev/null
-- u(i, salt): a uniform number in [0, 1) from a hash, so the data is the same on every run
CREATE FUNCTION pg_temp.u(i bigint, salt integer) RETURNS double precision LANGUAGE sql IMMUTABLE
	RETURN (hashint8extended(i, salt) & 9007199254740991)::float8 / 9007199254740992.0;
INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on, channel)
SELECT agency_id, received_on, applicant,
	CASE WHEN NOT still_open THEN outcome END, CASE WHEN NOT still_open THEN received_on + days END, 'online'
FROM (
	SELECT 1 + floor(46 * power(pg_temp.u(i, 1), 2.2))::integer AS agency_id,
		date '2020-01-01' + floor(pg_temp.u(i, 2) * 1461)::integer AS received_on,
		(ARRAY['np', 'np', 'np', 'np', 'biz', 'res', 'npo', 'law', 'oth'])[1 + floor(pg_temp.u(i, 3) * 9)::integer]::govinfo.applicant AS applicant,
		(ARRAY['3.1', '3.1', '3.2', '3.3.1', '3.3.4', '3.3.7', '3.4.1', '3.4.1', '3.4.2', '3.5.1', '3.5.3', '3.6.1', '3.6.3'])
			[1 + floor(pg_temp.u(i, 4) * 13)::integer]::govinfo.outcome AS outcome,
		floor(pg_temp.u(i, 5) * 60)::integer AS days,
		pg_temp.u(i, 6) < 0.03 AS still_open
	FROM generate_series(1, 6000) i) x
ORDER BY received_on, agency_id;
ANALYZE govinfo.application;
SQL

# the shards, the coordinator (loopback connections: the PG* environment's host, port, user, password)
conn="host=${PGHOST:-localhost} port=${PGPORT:-5432}"
if ! shards_load "dbname=$single" "dbname=$coord" "dbname=${shards[0]}" "dbname=${shards[1]}" "dbname=${shards[2]}" ||
	! shards_coordinator "dbname=$coord" "$conn dbname=${shards[0]}" "$conn dbname=${shards[1]}" "$conn dbname=${shards[2]}" \
		"${PGUSER:-$(id -un)}" "${PGPASSWORD:-}" >/dev/null; then
	echo "setting up the shards failed"
	echo "0 passed, 1 failed"
	exit 1
fi

# the data is split: every application on exactly one shard, each agency's applications on one shard
counts=$(for s in "${shards[@]}"; do q "$s" "SELECT count(*) FROM govinfo.application"; done)
echo "# applications per shard: $(tr '\n' ' ' <<<"$counts")"
check "the applications are split over the three shards, none empty, none lost" \
	test "$(awk '{s += $1} END {print s}' <<<"$counts")" = "$(q $single "SELECT count(*) FROM govinfo.application")" \
	-a "$(grep -c '^0$' <<<"$counts")" = 0
check "no agency has applications on two shards" \
	test "$(for s in "${shards[@]}"; do q "$s" "SELECT DISTINCT agency_id FROM govinfo.application"; done | sort | uniq -d | wc -l)" = 0
same "the coordinator sees the single node's applications through fleet.application" \
	"$(q $single "SELECT count(*), md5(string_agg(format('%s %s %s %s %s %s', application_id, agency_id, received_on, applicant, outcome, closed_on), ',' ORDER BY application_id)) FROM govinfo.application")" \
	"$(q $coord "SELECT count(*), md5(string_agg(format('%s %s %s %s %s %s', application_id, agency_id, received_on, applicant, outcome, closed_on), ',' ORDER BY application_id)) FROM fleet.application")"

# table 三 of every agency (zeros where it has no application in scope), every cell, in order
all_cells() {
	local db=$1 y=$2 src=$3
	q "$db" "SELECT g.code, t.ordinality, t.row_code, t.np, t.biz, t.res, t.npo, t.law, t.oth, t.total
	         FROM govinfo.agency g LEFT JOIN $src d ON d.agency_id = g.agency_id,
	              govinfo.table3(coalesce(d.requests, (SELECT govinfo.request_figures_agg($y, NULL, NULL, NULL, NULL)))) WITH ORDINALITY t
	         ORDER BY g.code, t.ordinality"
}
for y in 2021 2022 2023; do
	expected=$(all_cells $single $y "govinfo.derived_reports($y)")
	same "all agencies, $y: every cell of table 三 from the coordinator equals the single node's derived_reports ($(wc -l <<<"$expected") rows)" \
		"$expected" "$(all_cells $coord $y "fleet.agency_requests($y)")"
done
# an independent count: the province-wide new applications of a year (row 1, total) are the
# applications received that year
same "sum() over the shards' figures: row 1 total is the count of applications received in 2022" \
	"$(q $single "SELECT count(*) FROM govinfo.application WHERE received_on BETWEEN '2022-01-01' AND '2022-12-31'")" \
	"$(q $coord "SELECT govinfo.cell(govinfo.sum(requests), '1', 'total') FROM fleet.agency_requests(2022)")"

cells_of() {
	q "$1" "SELECT t.* FROM govinfo.table3(($2)) t"
}
# govinfo.sum() across the shards: the province-wide table 三
for y in 2021 2023; do
	same "govinfo.sum() of every agency's figures, $y, from the coordinator equals the single node's" \
		"$(cells_of $single "(SELECT govinfo.sum(requests) FROM govinfo.derived_reports($y))")" \
		"$(cells_of $coord "(SELECT govinfo.sum(requests) FROM fleet.agency_requests($y))")"
done

# one agency's report: the largest, a township, one with no application
big=$(q $single "SELECT g.code FROM govinfo.application a JOIN govinfo.agency g USING (agency_id) GROUP BY g.code ORDER BY count(*) DESC, g.code LIMIT 1")
for code in "$big" cnty02-d20 cnty05-d40 cnty01-d47; do
	same "one agency ($code), 2022: every cell of fleet.derive_requests equals derive_report's" \
		"$(cells_of $single "(govinfo.derive_report('$code', 2022)).requests")" \
		"$(cells_of $coord "fleet.derive_requests('$code', 2022)")"
done
check "an agency with no application (cnty01-d47) has all-zero figures from the coordinator" \
	test "$(q $coord "SELECT count(*) FROM govinfo.table3(fleet.derive_requests('cnty01-d47', 2022)) t WHERE t.total <> 0")" = 0

# roll-ups: the province, every city and every county (cnty06 is flagged reports_rollup)
for code in prov city1 city2 city3 cnty01 cnty02 cnty03 cnty04 cnty05 cnty06; do
	same "roll-up of $code, 2022: every cell from the coordinator equals rollup_report(..., 'derived')" \
		"$(cells_of $single "(SELECT r.requests FROM govinfo.rollup_report('$code', 2022, 'derived') r)")" \
		"$(cells_of $coord "fleet.rollup_requests('$code', 2022)")"
done
check "the roll-up of the province is not the sum of every agency (cnty06 is a roll-up: its own rows are left out)" \
	test "$(q $coord "SELECT fleet.rollup_requests('prov', 2022)::text = (SELECT govinfo.sum(requests) FROM fleet.agency_requests(2022))::text")" = f

# the aggregation runs on the shards: EXPLAIN VERBOSE of the all-agency query
plan=$(q $coord "EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM fleet.agency_requests(2022)")
echo "$plan" | sed 's/^/# /'
for n in 1 2 3; do
	check "all agencies: shard $n runs request_figures_agg grouped by agency (Foreign Scan, Remote SQL with GROUP BY)" \
		grep -q "Aggregate on (fleet.application_$n " <<<"$plan"
done
check "all agencies: three Remote SQL statements, each with govinfo.request_figures_agg( and GROUP BY agency_id" \
	test "$(grep 'Remote SQL:' <<<"$plan" | grep 'govinfo.request_figures_agg(2022, ' | grep -c 'GROUP BY 1')" = 3
check "all agencies: the shards run asynchronously (Async Foreign Scan)" \
	test "$(grep -c 'Async Foreign Scan' <<<"$plan")" = 3
check "all agencies: no aggregation on the coordinator" \
	test "$(grep -cE 'Aggregate *$|HashAggregate|GroupAggregate|Partial' <<<"$plan")" = 0
# rows shipped: one per agency with applications in scope, not the applications
analyze=$(q $coord "EXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF) SELECT * FROM fleet.agency_requests(2022)")
shipped=$(sed -nE 's/.*Foreign Scan.*actual rows=([0-9]+).*/\1/p' <<<"$analyze" | awk '{s += $1} END {print s}')
groups=$(q $single "SELECT count(DISTINCT agency_id) FROM govinfo.application WHERE (closed_on IS NULL OR closed_on >= '2022-01-01') AND received_on < '2023-01-01'")
in_scope=$(q $single "SELECT count(*) FROM govinfo.application WHERE (closed_on IS NULL OR closed_on >= '2022-01-01') AND received_on < '2023-01-01'")
echo "# rows shipped by the shards: $shipped (agencies in scope: $groups; applications in scope: $in_scope)"
same "the shards ship one row per agency in scope, not the $in_scope applications" "$groups" "$shipped"

# extensions 'govinfo' is what makes the aggregate shippable: without it, shard 1's rows come back
q $coord "ALTER SERVER shard1 OPTIONS (DROP extensions)"
plan=$(q $coord "EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM fleet.agency_requests(2022)")
check "without extensions 'govinfo' on shard 1: its applications are shipped and aggregated on the coordinator, the others' not" \
	test "$(grep -c 'Aggregate on (fleet.application_1 ' <<<"$plan")" = 0 -a "$(grep -c 'Aggregate on (fleet.application_[23] ' <<<"$plan")" = 2 \
	-a "$(grep 'Remote SQL:' <<<"$plan" | grep -c 'SELECT agency_id, received_on, applicant, outcome, closed_on FROM govinfo.application')" = 1
same "without extensions 'govinfo' on shard 1: the same cells all the same" \
	"$(all_cells $single 2022 "govinfo.derived_reports(2022)")" "$(all_cells $coord 2022 "fleet.agency_requests(2022)")"
q $coord "ALTER SERVER shard1 OPTIONS (ADD extensions 'govinfo')"

# one agency: one shard (partition pruning), the whole aggregate there
a=$(q $single "SELECT agency_id FROM govinfo.agency WHERE code = '$big'")
plan=$(q $coord "EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM fleet.agency_requests(2022, $a)")
echo "$plan" | sed 's/^/# /'
check "one agency: one Foreign Scan (the other shards pruned) with the aggregate and the agency in its Remote SQL" \
	test "$(grep -c 'Foreign Scan' <<<"$plan")" = 1 -a \
		"$(grep 'Remote SQL:' <<<"$plan" | grep 'govinfo.request_figures_agg(' | grep -c "agency_id = $a")" = 1
# a roll-up: the subtree's agencies go to the shards as an array; the shards aggregate them
plan=$(q $coord "EXPLAIN (VERBOSE, COSTS OFF) SELECT govinfo.sum(r.requests) FROM fleet.agency_requests(2022) r WHERE r.agency_id = ANY ('{2,5,6,11,12,13}')")
check "a roll-up: every shard aggregates the subtree's agencies (agency_id = ANY in each Remote SQL), govinfo.sum on the coordinator" \
	test "$(grep 'Remote SQL:' <<<"$plan" | grep 'govinfo.request_figures_agg(' | grep -c 'agency_id = ANY')" = 3
# what does not push down: one aggregate over every row (a partial aggregate); still right, but
# the shards ship the rows (doc/SCALE-OUT.md)
same "request_figures_agg over all rows without GROUP BY (not pushed down): still equals the single node" \
	"$(cells_of $single "(SELECT govinfo.request_figures_agg(2022, received_on, closed_on, applicant, outcome) FROM govinfo.application)")" \
	"$(cells_of $coord "(SELECT govinfo.request_figures_agg(2022, received_on, closed_on, applicant, outcome) FROM fleet.application)")"
finish
