#!/usr/bin/env bash
# The two kept targets of #12, small and separate from make bench, before and after in one run:
#   1. one stored report, SELECT * FROM govinfo.report_table3(:code, 2024), in pgbench
#      (-M prepared -c 2 -j 2, median of the per-transaction log) for the largest agency: this
#      build's report_table3 against the 0.6.0 path (the same SQL function, created here as
#      bench.report_table3_060 over govinfo.report_figures, report_part and table3), the raw
#      annual_report lookup and SELECT 1;
#   2. govinfo.sum() over 100,000 request_figures (the roll-ups of RESULTS.md measurement 5):
#      the library of BENCH_OLD_REF (built in $BENCH_TMP/old) against this build's, the same
#      queries and data, alternating the installed govinfo.so between rounds (each round is a new
#      backend, which loads the file then installed).
# Its own data: bench/generate.sql at BENCH_SCALE (default 0.05: 100,000 applications), the 2024
# reports stored by refresh_reports.
# As root, holding the machine's lock:   flock /tmp/govinfo-pg.lock bash bench/stored.sh
#
#   BENCH_AGENCIES=20000 BENCH_SCALE=0.05 BENCH_PGBENCH_SECONDS=20 BENCH_ROUNDS=3 BENCH_RUNS=5
#   BENCH_OLD_REF=af993cd (the commit whose library is "before": 0.7.0 as begun, = 0.6.0's code)
#   BENCH_NO_INSTALL=1 (bench the installed build)
# The figures go to stdout and to $BENCH_OUT (default /tmp/govinfo-stored-bench.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_AGENCIES="${BENCH_AGENCIES:-20000}"
export BENCH_SCALE="${BENCH_SCALE:-0.05}"
export BENCH_PGBENCH_SECONDS="${BENCH_PGBENCH_SECONDS:-20}"
export BENCH_ROUNDS="${BENCH_ROUNDS:-3}"
export BENCH_RUNS="${BENCH_RUNS:-5}"
export BENCH_OLD_REF="${BENCH_OLD_REF:-af993cd}"
export BENCH_OUT="${BENCH_OUT:-/tmp/govinfo-stored-bench.txt}"
export BENCH_TMP="${BENCH_TMP:-/tmp/govinfo-bench}"
if [ -z "${BENCH_INSIDE:-}" ]; then
	if [ -z "${BENCH_NO_INSTALL:-}" ]; then
		make >/dev/null && make install >/dev/null
	fi
	mkdir -p "$BENCH_TMP" && chmod 755 "$BENCH_TMP"
	# the library before: BENCH_OLD_REF built in its own directory
	old="$BENCH_TMP/old-$BENCH_OLD_REF"
	if [ ! -f "$old/govinfo.so" ]; then
		rm -rf "$old" && mkdir -p "$old"
		git archive "$BENCH_OLD_REF" | tar -x -C "$old"
		make -C "$old" -j2 >/dev/null
	fi
	export BENCH_OLD_SO="$old/govinfo.so"
	export BENCH_NEW_SO="$PWD/govinfo.so"
	export BENCH_INSIDE=1
	export TMPDIR="$BENCH_TMP"
	exec pg_virtualenv -t -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' \
		-o shared_buffers=1GB -o work_mem=64MB -o max_parallel_workers_per_gather=2 -o jit=off \
		-o max_wal_size=8GB -o log_min_messages=warning bash "$0"
fi

LIBDIR="$(pg_config --pkglibdir)"
WORK="$(mktemp -d)"
out() { echo "$*" | tee -a "$BENCH_OUT"; }
q() { psql -X -q -v ON_ERROR_STOP=1 -At -d bench -c "$1"; }
# put a library in place by rename: backends that have the other one mapped keep it
install_so() {
	cp "$1" "$LIBDIR/.govinfo.so.bench" && mv -f "$LIBDIR/.govinfo.so.bench" "$LIBDIR/govinfo.so"
}
trap 'install_so "$BENCH_NEW_SO"; rm -rf "$WORK"' EXIT
: > "$BENCH_OUT"

out "# bench/stored.sh, $(date -u '+%F %T') UTC"
out "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); PostgreSQL $(psql -X -At -d postgres -c 'SHOW server_version')"
out "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
out "before = the library of $BENCH_OLD_REF; after = this build ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src sql || echo ', with uncommitted changes'))"

createdb bench
psql -X -q -v ON_ERROR_STOP=1 -d bench -c "CREATE EXTENSION govinfo" -c "ALTER DATABASE bench SET search_path = public, govinfo"
t0=$(date +%s)
psql -X -q -v ON_ERROR_STOP=1 -d bench -v seed=1 -v agencies="$BENCH_AGENCIES" -v scale="$BENCH_SCALE" -f bench/generate.sql >/dev/null 2>&1
psql -X -q -v ON_ERROR_STOP=1 -d bench -f bench/lib.sql
q "SELECT govinfo.refresh_reports(2024)" >/dev/null
out "data: $(q "SELECT count(*) FROM govinfo.agency") agencies, $(q "SELECT count(*) FROM govinfo.application") applications, $(q "SELECT count(*) FROM govinfo.annual_report") stored reports (generated and stored in $(($(date +%s) - t0)) s)"

#############################################################################
# 1. the stored report
#############################################################################
psql -X -q -v ON_ERROR_STOP=1 -d bench <<'SQL'
-- report_table3 as 0.6.0 defines it (sql/govinfo--0.5.0--0.6.0.sql, unchanged since 0.3.0)
CREATE FUNCTION bench.report_table3_060(agency_code text, year integer, lang text DEFAULT 'zh')
	RETURNS TABLE(row_code text, label text, np integer, biz integer, res integer, npo integer, law integer, oth integer, total integer)
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	SELECT t.* FROM govinfo.report_figures(agency_code, year) r,
		govinfo.table3(govinfo.report_part(agency_code, year, '三', r.requests), lang) t;
END;
CREATE TABLE bench.stored_agency AS
SELECT a.agency_id, a.code, count(*) AS n FROM govinfo.application x JOIN govinfo.agency a USING (agency_id)
WHERE x.received_on < '2025-01-01' AND coalesce(x.closed_on, 'infinity') >= '2024-01-01'
GROUP BY a.agency_id, a.code ORDER BY n DESC, a.agency_id LIMIT 1;
DO $$ BEGIN
	IF EXISTS (SELECT * FROM govinfo.report_table3((SELECT code FROM bench.stored_agency), 2024)
	           EXCEPT ALL SELECT * FROM bench.report_table3_060((SELECT code FROM bench.stored_agency), 2024))
	   OR (SELECT count(*) FROM govinfo.report_table3((SELECT code FROM bench.stored_agency), 2024)) <> 30 THEN
		RAISE EXCEPTION 'bench: cross-check failed: report_table3 differs from the 0.6.0 path';
	END IF;
END $$;
SQL
CODE=$(q "SELECT code FROM bench.stored_agency")
ID=$(q "SELECT agency_id FROM bench.stored_agency")
out ""
out "## 1. One stored report: pgbench -M prepared -c 2 -j 2 -T $BENCH_PGBENCH_SECONDS, largest agency $CODE ($(q "SELECT n FROM bench.stored_agency") applications in scope)"
out ""
out "| statement | median ms | average ms | p90 ms | p99 ms | tps |"
out "|---|---|---|---|---|---|"
printf '%s\n' "SELECT 1;" > "$WORK/select1.sql"
printf '%s\n' "SELECT * FROM govinfo.report_table3(:code, 2024);" > "$WORK/after.sql"
printf '%s\n' "SELECT * FROM bench.report_table3_060(:code, 2024);" > "$WORK/before.sql"
printf '%s\n' "SELECT requests FROM govinfo.annual_report WHERE agency_id = :id AND year = 2024;" > "$WORK/raw.sql"
run_pgbench() { # name label
	local name="$1" label="$2" o="$WORK/pgbench_$1.out" stats
	rm -f "$WORK/pgblog_$1".*
	pgbench -n -M prepared -c 2 -j 2 -T "$BENCH_PGBENCH_SECONDS" --log --log-prefix="$WORK/pgblog_$1" \
		-D code="$CODE" -D id="$ID" -f "$WORK/$1.sql" bench > "$o" 2>&1 || { cat "$o" >&2; exit 1; }
	grep -q 'number of failed transactions: 0 ' "$o" || { cat "$o" >&2; exit 1; }
	stats=$(cat "$WORK/pgblog_$1".* | awk '{print $3}' | sort -n | awk '{v[NR] = $1} END {
		printf "%.4f %.4f %.4f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) / 1000, v[int(NR * 0.9 + 0.5)] / 1000, v[int(NR * 0.99 + 0.5)] / 1000}')
	set -- $stats
	out "| $label | $1 | $(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$o") | $2 | $3 | $(sed -n 's/^tps = \([0-9.]*\) (without.*/\1/p' "$o") |"
}
run_pgbench select1 '`SELECT 1`'
run_pgbench before '0.6.0 path: `bench.report_table3_060(:code, 2024)`'
run_pgbench after 'this build: `govinfo.report_table3(:code, 2024)`'
run_pgbench raw 'raw: `SELECT requests FROM govinfo.annual_report WHERE agency_id = :id AND year = 2024`'
out "load average after measurement 1: $(cut -d' ' -f1-3 /proc/loadavg)"

#############################################################################
# 2. sum() over 100,000 request_figures
#############################################################################
psql -X -q -v ON_ERROR_STOP=1 -d bench -f bench/rollup_input.sql
psql -X -q -v ON_ERROR_STOP=1 -d bench <<'SQL'
-- the results of each library, compared at the end
CREATE TABLE bench.sum_result (lib text, two_level boolean, k bigint, year integer, f govinfo.request_figures);
SQL
out ""
out "## 2. govinfo.sum() over $(q "SELECT count(*) FROM bench.rollup_input") request_figures ($(q "SELECT pg_size_pretty(pg_total_relation_size('bench.rollup_input'))")): $BENCH_ROUNDS rounds, before and after alternating, each a new backend: $BENCH_RUNS timed runs after a warm-up (EXPLAIN ANALYZE, TIMING OFF)"
out ""
for round in $(seq 1 "$BENCH_ROUNDS"); do
	for lib in before after; do
		if [ "$lib" = before ]; then install_so "$BENCH_OLD_SO"; else install_so "$BENCH_NEW_SO"; fi
		psql -X -q -v ON_ERROR_STOP=1 -d bench -v lib="$lib" -v round="$round" -v runs="$BENCH_RUNS" <<'SQL'
CALL bench.measure(ARRAY[:'lib' || '.sum_city.' || :'round', :'lib' || '.sum_year.' || :'round',
                         :'lib' || '.base_city.' || :'round', :'lib' || '.base_year.' || :'round'],
	ARRAY[bench.q_rollup('govinfo.sum', 'requests', true), bench.q_rollup('govinfo.sum', 'requests', false),
	      bench.q_rollup('sum', 'n', true), bench.q_rollup('sum', 'n', false)], :runs, 1);
SET max_parallel_workers_per_gather = 0;
CALL bench.measure(ARRAY[:'lib' || '.serial_sum_year.' || :'round', :'lib' || '.serial_base_year.' || :'round'],
	ARRAY[bench.q_rollup('govinfo.sum', 'requests', false), bench.q_rollup('sum', 'n', false)], :runs, 1);
RESET max_parallel_workers_per_gather;
INSERT INTO bench.sum_result
SELECT :'lib', true, city_id, year, f FROM (
	WITH county AS (SELECT county_id, city_id, year, govinfo.sum(requests) AS f FROM bench.rollup_input GROUP BY county_id, city_id, year)
	SELECT city_id, year, govinfo.sum(f) AS f FROM county GROUP BY city_id, year) s;
SQL
	done
done
install_so "$BENCH_NEW_SO"
# the same results from both libraries, and the row-1 totals equal the integer roll-up
psql -X -q -v ON_ERROR_STOP=1 -d bench <<'SQL'
DO $$ BEGIN
	IF EXISTS (SELECT k, year, f::text FROM bench.sum_result WHERE lib = 'before'
	           EXCEPT SELECT k, year, f::text FROM bench.sum_result WHERE lib = 'after')
	   OR EXISTS (SELECT k, year, f::text FROM bench.sum_result WHERE lib = 'after'
	           EXCEPT SELECT k, year, f::text FROM bench.sum_result WHERE lib = 'before')
	   OR EXISTS (SELECT s.k, s.year FROM bench.sum_result s
	              JOIN (SELECT city_id, year, sum(n) AS n FROM bench.rollup_input GROUP BY city_id, year) b
	                ON b.city_id IS NOT DISTINCT FROM s.k AND b.year = s.year
	              WHERE s.lib = 'after' AND govinfo.cell(s.f, '1', 'total') <> b.n) THEN
		RAISE EXCEPTION 'bench: cross-check failed: sum() differs between the libraries or from sum(int)';
	END IF;
END $$;
SQL
out "| query | before ms | after ms | before figures/s | after figures/s | after / before | baseline sum(int) ms (before run / after run) |"
out "|---|---|---|---|---|---|---|"
q "SELECT format('| %s | %s | %s | %s | %s | %s× | %s / %s |', x.label,
	round(b.ms::numeric, 1), round(a.ms::numeric, 1), round(100000 / b.ms * 1000), round(100000 / a.ms * 1000),
	round((b.ms / a.ms)::numeric, 2), round(bb.ms::numeric, 1), round(ab.ms::numeric, 1))
FROM (VALUES (1, 'two levels: GROUP BY county, city, year, then city, year', 'sum_city', 'base_city'),
             (2, 'one level: GROUP BY year', 'sum_year', 'base_year'),
             (3, 'one level, no parallel workers', 'serial_sum_year', 'serial_base_year')) x(o, label, s, base)
CROSS JOIN LATERAL (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM bench.timing WHERE name LIKE 'before.' || x.s || '.%' AND run > 0) b
CROSS JOIN LATERAL (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM bench.timing WHERE name LIKE 'after.' || x.s || '.%' AND run > 0) a
CROSS JOIN LATERAL (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM bench.timing WHERE name LIKE 'before.' || x.base || '.%' AND run > 0) bb
CROSS JOIN LATERAL (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM bench.timing WHERE name LIKE 'after.' || x.base || '.%' AND run > 0) ab
ORDER BY x.o" | tee -a "$BENCH_OUT"
out ""
out "per round (median ms of $BENCH_RUNS runs), two-level query: $(q "SELECT string_agg(format('%s %s', name, round(ms::numeric, 1)), ', ' ORDER BY split_part(name, '.', 3), name) FROM (SELECT name, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM bench.timing WHERE name LIKE '%.sum_city.%' AND run > 0 GROUP BY name) t")"
out "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
