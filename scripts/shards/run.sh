#!/usr/bin/env bash
# govinfo scale-out on this machine (doc/SCALE-OUT.md): four throwaway PostgreSQL clusters, made with
# initdb under one temporary directory and reached over Unix sockets only (no TCP port is taken):
#   c0  the coordinator (database govinfo_coord) and, for comparison, a single node (govinfo_single)
#   c1, c2, c3  the shards (database govinfo_shard each)
# The single node is filled by bench/generate.sql (SHARDS_AGENCIES agencies, 2,000,000 ×
# SHARDS_SCALE applications); its agencies are copied to the coordinator and to every shard, its
# applications split over the shards by HASH (agency_id) (scripts/shards/lib.sh), and the
# coordinator set up (scripts/shards/coordinator.sql). Then, with no COMMAND, the all-agency table 三,
# one agency's report, a county roll-up and govinfo.sum() run on the coordinator and are compared
# with the single node; with a COMMAND, it runs with SHARDS_SINGLE, SHARDS_COORD and SHARDS_SHARDS
# (connection strings) in its environment (bench/shards.sh). Every cluster is stopped and removed at
# the end, on failure too. Run as root (like the test suite) or as postgres; needs the govinfo
# build installed (make install) and PostgreSQL's postgres_fdw.
#
#   bash scripts/shards/run.sh [COMMAND...]
#   SHARDS_AGENCIES=20000 SHARDS_SCALE=0.05 SHARDS_YEAR=2024 SHARDS_TMP=/tmp
#   SHARDS_SHARED_BUFFERS=1GB SHARDS_WORK_MEM=64MB SHARDS_PARALLEL=2   each cluster's settings
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/shards/lib.sh
export SHARDS_AGENCIES=${SHARDS_AGENCIES:-20000}
export SHARDS_SCALE=${SHARDS_SCALE:-0.05}
export SHARDS_YEAR=${SHARDS_YEAR:-2024}
bindir=$(pg_config --bindir)
[ -f "$(pg_config --pkglibdir)/postgres_fdw.so" ] || { echo "shards: postgres_fdw is not installed" >&2; exit 1; }
as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

dir=$(mktemp -d "${SHARDS_TMP:-/tmp}/govinfo-shards.XXXXXX")
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres: "$dir"
stop_all() {
	local c
	for c in 0 1 2 3; do
		[ -f "$dir/c$c/postmaster.pid" ] && as_pg "$bindir/pg_ctl" -D "$dir/c$c" stop -m immediate >/dev/null 2>&1
	done
	rm -rf "$dir"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# the four clusters: port 5440+N on a socket in $dir
for c in 0 1 2 3; do
	as_pg "$bindir/initdb" -D "$dir/c$c" -E UTF8 --locale=C.UTF-8 -A trust -U postgres >/dev/null
	cat >>"$dir/c$c/postgresql.conf" <<-EOF
		listen_addresses = ''
		unix_socket_directories = '$dir'
		port = $((5440 + c))
		shared_buffers = ${SHARDS_SHARED_BUFFERS:-1GB}
		work_mem = ${SHARDS_WORK_MEM:-64MB}
		maintenance_work_mem = 512MB
		max_parallel_workers_per_gather = ${SHARDS_PARALLEL:-2}
		jit = off
		max_wal_size = 8GB
		checkpoint_timeout = 30min
		synchronous_commit = off
		log_min_messages = warning
	EOF
	as_pg "$bindir/pg_ctl" -D "$dir/c$c" -l "$dir/c$c.log" -w start >/dev/null
done
export PGUSER=postgres PGHOST=$dir
unset PGPORT PGDATABASE PGPASSWORD
export SHARDS_SINGLE="host=$dir port=5440 dbname=govinfo_single"
export SHARDS_COORD="host=$dir port=5440 dbname=govinfo_coord"
export SHARDS_SHARDS="host=$dir port=5441 dbname=govinfo_shard;host=$dir port=5442 dbname=govinfo_shard;host=$dir port=5443 dbname=govinfo_shard"
createdb -p 5440 govinfo_single
createdb -p 5440 govinfo_coord
for c in 1 2 3; do createdb -p $((5440 + c)) govinfo_shard; done

echo "shards: generating $SHARDS_AGENCIES agencies and about $(awk "BEGIN {print 2000000 * $SHARDS_SCALE}") applications on the single node" >&2
start=$(date +%s)
shards_psql "$SHARDS_SINGLE" -c "CREATE EXTENSION govinfo"
shards_psql "$SHARDS_SINGLE" -v seed=1 -v agencies="$SHARDS_AGENCIES" -v scale="$SHARDS_SCALE" -f bench/generate.sql 2>&1 |
	grep -v 'WARNING:  bench:' >&2 || true
export SHARDS_GENERATE_SECONDS=$(($(date +%s) - start))
start=$(date +%s)
IFS=';' read -r s1 s2 s3 <<<"$SHARDS_SHARDS"
echo "shards: loading the shards" >&2
shards_load "$SHARDS_SINGLE" "$SHARDS_COORD" "$s1" "$s2" "$s3"
shards_coordinator "$SHARDS_COORD" "$s1" "$s2" "$s3" postgres >/dev/null
export SHARDS_LOAD_SECONDS=$(($(date +%s) - start))
echo "shards: generated in ${SHARDS_GENERATE_SECONDS}s, shards loaded in ${SHARDS_LOAD_SECONDS}s" >&2

if [ $# -gt 0 ]; then
	"$@"
	exit
fi

# the demonstration: each query on the coordinator and on the single node, and whether they agree
y=$SHARDS_YEAR
compare() {
	local what=$1 coord_sql=$2 single_sql=$3 a b
	a=$(shards_psql "$SHARDS_COORD" -At -c "$coord_sql")
	b=$(shards_psql "$SHARDS_SINGLE" -At -c "$single_sql")
	if [ "$a" == "$b" ]; then echo "same   $what"; else echo "DIFFER $what"; return 1; fi
}
for s in "$s1" "$s2" "$s3"; do
	echo "shard ${s##*port=}: $(shards_psql "$s" -At -c "SELECT format('%s applications of %s agencies', count(*), count(DISTINCT agency_id)) FROM govinfo.application")"
done
rc=0
compare "table 三 of every agency, $y" \
	"SELECT md5(string_agg(requests::text, ',' ORDER BY agency_id)) FROM fleet.agency_requests($y)" \
	"SELECT md5(string_agg(requests::text, ',' ORDER BY agency_id)) FROM govinfo.derived_reports($y) WHERE agency_id IN (SELECT agency_id FROM govinfo.application WHERE (closed_on IS NULL OR closed_on >= make_date($y, 1, 1)) AND received_on < make_date($y + 1, 1, 1))" || rc=1
big=$(shards_psql "$SHARDS_SINGLE" -At -c "SELECT g.code FROM govinfo.application a JOIN govinfo.agency g USING (agency_id) GROUP BY g.code ORDER BY count(*) DESC LIMIT 1")
compare "table 三 of the largest agency ($big), $y" \
	"SELECT t.* FROM govinfo.table3(fleet.derive_requests('$big', $y)) t" \
	"SELECT t.* FROM govinfo.table3((govinfo.derive_report('$big', $y)).requests) t" || rc=1
compare "roll-up of county cnty001, $y" \
	"SELECT t.* FROM govinfo.table3(fleet.rollup_requests('cnty001', $y)) t" \
	"SELECT t.* FROM govinfo.table3((SELECT r.requests FROM govinfo.rollup_report('cnty001', $y, 'derived') r)) t" || rc=1
compare "govinfo.sum() of every agency, $y" \
	"SELECT t.* FROM govinfo.table3((SELECT govinfo.sum(requests) FROM fleet.agency_requests($y))) t" \
	"SELECT t.* FROM govinfo.table3((SELECT govinfo.sum(requests) FROM govinfo.derived_reports($y))) t" || rc=1
echo "the plan of the all-agency table 三 on the coordinator:"
shards_psql "$SHARDS_COORD" -c "EXPLAIN (ANALYZE, VERBOSE, COSTS OFF) SELECT * FROM fleet.agency_requests($y)"
echo "the province's table 三, $y, from the coordinator:"
shards_psql "$SHARDS_COORD" -c "SELECT t.* FROM govinfo.table3((SELECT govinfo.sum(requests) FROM fleet.agency_requests($y))) t"
exit $rc
