#!/usr/bin/env bash
# Scale-out benchmark (doc/SCALE-OUT.md): the all-agency table 三 on three postgres_fdw shards against
# one node holding the same data, and the rows the shards ship to the coordinator. Writes
# bench/SCALE-OUT-RESULTS.md (SHARDS_RESULTS). Uses the installed govinfo (make install first).
#
#   flock /tmp/govinfo-pg.lock bash bench/shards.sh
#   SHARDS_AGENCIES=20000 SHARDS_SCALE=5 (10,000,000 applications)  SHARDS_YEAR=2024  SHARDS_RUNS=3
#
# The four clusters (scripts/shards/run.sh) share this machine: the coordinator and the single node
# live in cluster c0, the shards in c1-c3. Timings are the median of SHARDS_RUNS runs, each query
# consuming every row (an md5 over the figures' text, which also proves the results equal).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != --inside ]; then
	exec bash scripts/shards/run.sh bash bench/shards.sh --inside
fi
. scripts/shards/lib.sh
y=${SHARDS_YEAR:-2024}
runs=${SHARDS_RUNS:-3}
out=${SHARDS_RESULTS:-bench/SCALE-OUT-RESULTS.md}
IFS=';' read -r s1 s2 s3 <<<"$SHARDS_SHARDS"

# median_ms DB SQL [SETUP]: the median time of SQL over $runs runs (after one warm-up run), and its result
median_ms() {
	local db=$1 sql=$2 setup=${3:-SELECT 1} i res times=()
	shards_psql "$db" -At -c "$setup" -c "$sql" >/dev/null
	for i in $(seq "$runs"); do
		res=$(shards_psql "$db" -At -c "$setup" -c '\timing on' -c "$sql")
		times+=("$(sed -nE 's/^Time: ([0-9.]+) ms.*/\1/p' <<<"$res")")
	done
	printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {printf "%.0f", a[int((NR + 1) / 2)]}'
	echo " $(grep -v '^Time:' <<<"$res" | tail -1)"
}
# shipped DB SQL [SETUP]: the rows the Foreign Scans returned to the coordinator
shipped() {
	shards_psql "$1" -At -c "${3:-SELECT 1}" -c "EXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF) $2" |
		sed -nE 's/.*Foreign Scan.*actual rows=([0-9]+).*/\1/p' | awk '{s += $1} END {print s + 0}'
}

scope="(a.closed_on IS NULL OR a.closed_on >= make_date($y, 1, 1)) AND a.received_on < make_date($y + 1, 1, 1)"
q_single="SELECT md5(string_agg(f::text, ',' ORDER BY agency_id)) FROM (
	SELECT a.agency_id, govinfo.request_figures_agg($y, a.received_on, a.closed_on, a.applicant, a.outcome) AS f
	FROM govinfo.application a WHERE $scope GROUP BY a.agency_id) x"
q_derived="SELECT md5(string_agg(requests::text, ',' ORDER BY agency_id)) FROM govinfo.derived_reports($y)
	WHERE agency_id IN (SELECT a.agency_id FROM govinfo.application a WHERE $scope)"
q_coord="SELECT md5(string_agg(requests::text, ',' ORDER BY agency_id)) FROM fleet.agency_requests($y)"
no_pwa="SET enable_partitionwise_aggregate = off"
serial="SET max_parallel_workers_per_gather = 0"

echo "bench: measuring ($runs runs each)" >&2
load=$(uptime | sed 's/.*load average: //')
apps=$(shards_psql "$SHARDS_SINGLE" -At -c "SELECT count(*) FROM govinfo.application")
agencies=$(shards_psql "$SHARDS_SINGLE" -At -c "SELECT count(*) FROM govinfo.agency")
in_scope=$(shards_psql "$SHARDS_SINGLE" -At -c "SELECT count(*) FROM govinfo.application a WHERE $scope")
per_shard=$(for s in "$s1" "$s2" "$s3"; do shards_psql "$s" -At -c "SELECT count(*) FROM govinfo.application"; done | paste -sd/)
read -r t_single r_single <<<"$(median_ms "$SHARDS_SINGLE" "$q_single")"
read -r t_single0 r_single0 <<<"$(median_ms "$SHARDS_SINGLE" "$q_single" "$serial")"
read -r t_derived r_derived <<<"$(median_ms "$SHARDS_SINGLE" "$q_derived")"
read -r t_coord r_coord <<<"$(median_ms "$SHARDS_COORD" "$q_coord")"
read -r t_nopush r_nopush <<<"$(median_ms "$SHARDS_COORD" "$q_coord" "$no_pwa")"
for s in shard1 shard2 shard3; do shards_psql "$SHARDS_COORD" -c "ALTER SERVER $s OPTIONS (SET async_capable 'false')"; done
read -r t_sync r_sync <<<"$(median_ms "$SHARDS_COORD" "$q_coord")"
for s in shard1 shard2 shard3; do shards_psql "$SHARDS_COORD" -c "ALTER SERVER $s OPTIONS (SET async_capable 'true')"; done
# on a shard, postgres_fdw runs the remote query as a cursor: planned for its first 10 % of rows
# (cursor_tuple_fraction) and with no parallel workers. The same query, direct and as a cursor:
remote="SELECT agency_id, govinfo.request_figures_agg($y, received_on, closed_on, applicant, outcome) FROM govinfo.application
	WHERE (closed_on IS NULL OR closed_on >= '$y-01-01') AND received_on < '$((y + 1))-01-01' GROUP BY 1"
q_remote="SELECT md5(string_agg(f::text, ',' ORDER BY agency_id)) FROM ($remote) x(agency_id, f)"
read -r t_shard _ <<<"$(median_ms "$s1" "$q_remote")"
plan_shard=$(shards_psql "$s1" -c "EXPLAIN (COSTS OFF) $remote")
plan_cursor=$(shards_psql "$s1" -c "BEGIN" -c "SET LOCAL cursor_tuple_fraction = 0.1" -c "EXPLAIN (COSTS OFF) DECLARE c CURSOR FOR $remote" -c "COMMIT")
plan_cursor1=$(shards_psql "$s1" -c "BEGIN" -c "SET LOCAL cursor_tuple_fraction = 1" -c "EXPLAIN (COSTS OFF) DECLARE c CURSOR FOR $remote" -c "COMMIT")
# (scripts/shards/lib.sh sets cursor_tuple_fraction = 1 on the shards; here once at the default)
for s in "$s1" "$s2" "$s3"; do shards_psql "$s" -c "ALTER DATABASE govinfo_shard RESET cursor_tuple_fraction"; done
read -r t_ctf r_ctf <<<"$(median_ms "$SHARDS_COORD" "$q_coord")"
for s in "$s1" "$s2" "$s3"; do shards_psql "$s" -c "ALTER DATABASE govinfo_shard SET cursor_tuple_fraction = 1"; done
rows_push=$(shipped "$SHARDS_COORD" "SELECT * FROM fleet.agency_requests($y)")
rows_nopush=$(shipped "$SHARDS_COORD" "SELECT * FROM fleet.agency_requests($y)" "$no_pwa")
bytes_push=$(shards_psql "$SHARDS_COORD" -At -c "SELECT sum(octet_length(agency_id::text) + octet_length(requests::text)) FROM fleet.agency_requests($y)")
bytes_nopush=$(shards_psql "$SHARDS_SINGLE" -At -c "SELECT sum(octet_length(agency_id::text) + octet_length(received_on::text) + octet_length(applicant::text)
	+ coalesce(octet_length(outcome::text), 0) + coalesce(octet_length(closed_on::text), 0)) FROM govinfo.application a WHERE $scope")
same=no
[ "$r_single" = "$r_coord" ] && [ "$r_single" = "$r_single0" ] && [ "$r_single" = "$r_nopush" ] && [ "$r_single" = "$r_derived" ] && [ "$r_single" = "$r_sync" ] && [ "$r_single" = "$r_ctf" ] && same=yes
plan=$(shards_psql "$SHARDS_COORD" -c "EXPLAIN (ANALYZE, VERBOSE, COSTS OFF) SELECT * FROM fleet.agency_requests($y)")
ratio() { awk "BEGIN {printf \"%.2f\", $1 / $2}"; }

cat >"$out" <<EOF
# Scale-out: the all-agency table 三 on three postgres_fdw shards vs one node

Generated by \`bench/shards.sh\` (scripts/shards/run.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'), govinfo
$(git describe --always --dirty 2>/dev/null || echo unknown), PostgreSQL $(pg_config --version | awk '{print $2}'),
$(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB; 1-minute load average before the measurements: $load
(other work shares the machine). Data: bench/generate.sql, seed 1, $agencies agencies, $apps applications
(generated in ${SHARDS_GENERATE_SECONDS}s; copied to the shards in ${SHARDS_LOAD_SECONDS}s), split by
HASH (agency_id) over three shards: $per_shard applications. Year $y: $in_scope applications in scope.
Each cluster: shared_buffers ${SHARDS_SHARED_BUFFERS:-1GB}, work_mem ${SHARDS_WORK_MEM:-64MB},
max_parallel_workers_per_gather ${SHARDS_PARALLEL:-2}, jit off. Times: median of $runs runs after a warm-up,
every row consumed.

All four clusters run on the same $(nproc) cores, so three shards cannot be three times one node here: the
figure that carries over to separate machines is what each shard does (a third of the rows) and what
crosses the wire (one row per agency).

| query | time ms | vs one node | rows shipped to the coordinator | bytes (text) |
|---|---:|---:|---:|---:|
| one node: \`request_figures_agg\` … \`GROUP BY agency_id\`, 2 parallel workers | $t_single | 1.00 | – | – |
| one node: the same, no parallel workers | $t_single0 | $(ratio "$t_single0" "$t_single") | – | – |
| one node: \`govinfo.derived_reports($y)\` (all three tables) | $t_derived | $(ratio "$t_derived" "$t_single") | – | – |
| **coordinator: \`fleet.agency_requests($y)\`, aggregated on the shards, async, shards at \`cursor_tuple_fraction = 1\`** | **$t_coord** | **$(ratio "$t_coord" "$t_single")** | **$rows_push** | **$bytes_push** |
| coordinator: the same, \`async_capable\` off (one shard after another) | $t_sync | $(ratio "$t_sync" "$t_single") | $rows_push | $bytes_push |
| coordinator: the same, the shards at the default \`cursor_tuple_fraction\` 0.1 (postgres_fdw's cursor gets a fast-start plan) | $t_ctf | $(ratio "$t_ctf" "$t_single") | $rows_push | $bytes_push |
| shard 1 alone, its remote query run directly (not as postgres_fdw's cursor), $(cut -d/ -f1 <<<"$per_shard") applications | $t_shard | $(ratio "$t_shard" "$t_single") | – | – |
| coordinator: \`enable_partitionwise_aggregate = off\` (rows shipped, aggregated on the coordinator) | $t_nopush | $(ratio "$t_nopush" "$t_single") | $rows_nopush | $bytes_nopush |

Same figures from every query (md5 of every agency's table 三 in agency order): **$same** ($r_coord).

Shard 1's plan of its remote query, run directly:

\`\`\`
$plan_shard
\`\`\`

as the cursor postgres_fdw declares, at the default cursor_tuple_fraction 0.1:

\`\`\`
$plan_cursor
\`\`\`

and as that cursor with cursor_tuple_fraction = 1:

\`\`\`
$plan_cursor1
\`\`\`

The coordinator's plan (EXPLAIN ANALYZE VERBOSE):

\`\`\`
$plan
\`\`\`
EOF
echo "bench: wrote $out" >&2
cat "$out"
