#!/usr/bin/env bash
# The benchmark itself, run by bench/run.sh inside pg_virtualenv (PG* variables set): generate the
# data, take every measurement, cross-check every compared result, write the report.
set -Eeuo pipefail
cd "${BENCH_ROOT:?run bench/run.sh, not this script}"

RESULTS="$BENCH_RESULTS"
PLANS="$(dirname "$RESULTS")/plans"
WORK="$(mktemp -d -t work.XXXXXX)"
chmod 755 "$WORK"
T0=$(date +%s)
export PGDATABASE=bench PGAPPNAME=govinfo-bench

log() { printf '[bench %s +%ss] %s\n' "$(date +%T)" "$(($(date +%s) - T0))" "$*" >&2; }
fail() { log "FAILED: $*"; touch "$WORK/failed"; exit 1; }
trap 'fail "bench/measure.sh line ${BASH_LINENO[0]}: $BASH_COMMAND"' ERR
psql_() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
# one value
q() { psql -X -q -v ON_ERROR_STOP=1 -At -c "$1"; }

rm -rf "$PLANS"
mkdir -p "$PLANS"

log "PostgreSQL $(psql -X -At -d postgres -c 'SHOW server_version') on port $PGPORT; work directory $WORK"
createdb bench
psql_ -c "CREATE EXTENSION govinfo" -c "ALTER DATABASE bench SET search_path = public, govinfo"
GOVINFO_VERSION=$(q "SELECT extversion FROM pg_extension WHERE extname = 'govinfo'")

#############################################################################
log "generating: seed $BENCH_SEED, $BENCH_AGENCIES agencies, scale $BENCH_SCALE (about $(awk "BEGIN {printf \"%d\", 2000000 * $BENCH_SCALE}") applications)"
g0=$(date +%s)
psql_ -v seed="$BENCH_SEED" -v agencies="$BENCH_AGENCIES" -v scale="$BENCH_SCALE" -f bench/generate.sql 2>&1 \
	| sed -u -n 's/.*WARNING:  bench: /  /p' >&2
GEN_SECONDS=$(($(date +%s) - g0))
psql_ -f bench/lib.sql
q "SELECT bench.set_fact('generate.seconds', $GEN_SECONDS)" >/dev/null
log "generated in ${GEN_SECONDS}s: $(q "SELECT format('%s agencies, %s applications, %s appeal cases, %s documents, %s decision rows, %s fee receipts',
	(SELECT count(*) FROM govinfo.agency), (SELECT count(*) FROM govinfo.application), (SELECT count(*) FROM govinfo.appeal_case),
	(SELECT count(*) FROM govinfo.normative_document), (SELECT count(*) FROM govinfo.decision_count), (SELECT count(*) FROM govinfo.fee_receipt))")"

# data sizes, before measurement 4 empties govinfo.application
psql_ <<'SQL'
CREATE TABLE bench.data_size AS
SELECT format('%I.%I', c.relnamespace::regnamespace, c.relname) AS relation, 0::bigint AS nrows,
	pg_relation_size(c.oid) AS heap_bytes, pg_indexes_size(c.oid) AS index_bytes, pg_total_relation_size(c.oid) AS total_bytes
FROM pg_class c
WHERE c.oid IN ('govinfo.agency'::regclass, 'govinfo.application'::regclass, 'govinfo.appeal_case'::regclass,
	'govinfo.normative_document'::regclass, 'govinfo.decision_count'::regclass, 'govinfo.fee_receipt'::regclass);
DO $$
DECLARE r record; n bigint;
BEGIN
	FOR r IN SELECT relation FROM bench.data_size LOOP
		EXECUTE format('SELECT count(*) FROM %s', r.relation) INTO n;
		UPDATE bench.data_size SET nrows = n WHERE relation = r.relation;
	END LOOP;
END $$;
-- the load shape: applications received in 2024 per agency, by tier
CREATE TABLE bench.load_shape AS
SELECT p.tier, count(*) AS agencies, sum(n) AS applications, round(avg(n), 1) AS mean,
	percentile_disc(0.5) WITHIN GROUP (ORDER BY n) AS median, percentile_disc(0.9) WITHIN GROUP (ORDER BY n) AS p90, max(n) AS max
FROM bench.agency_plan p
LEFT JOIN (SELECT agency_id, count(*) AS received FROM govinfo.application
           WHERE received_on >= '2024-01-01' AND received_on < '2025-01-01' GROUP BY agency_id) a ON a.agency_id = p.k
CROSS JOIN LATERAL (SELECT coalesce(a.received, 0) AS n) x
GROUP BY p.tier;
SELECT bench.set_fact('data.open_at_2024_end_pct',
	round(100.0 * count(*) FILTER (WHERE received_on < '2025-01-01' AND (closed_on IS NULL OR closed_on > '2024-12-31'))
	      / count(*) FILTER (WHERE received_on >= '2024-01-01' AND received_on < '2025-01-01'), 2)),
	bench.set_fact('data.np_pct', round(100.0 * count(*) FILTER (WHERE applicant = 'np') / count(*), 1)),
	bench.set_fact('data.closed_within_28_days_pct', round(100.0 * count(*) FILTER (WHERE closed_on - received_on <= 28) / count(closed_on), 1)),
	bench.set_fact('data.outcome_3_1_pct', round(100.0 * count(*) FILTER (WHERE outcome = '3.1') / count(closed_on), 1)),
	bench.set_fact('data.outcome_3_4_1_pct', round(100.0 * count(*) FILTER (WHERE outcome = '3.4.1') / count(closed_on), 1))
FROM govinfo.application \g /dev/null
SQL

# a fixed amount of CPU work, timed at the start, the middle and the end: if the machine's speed changed
# during the run (other work on it, a noisy host), these differ
calibrate() {
	psql_ -c "CALL bench.measure(ARRAY['calibration.$1'], ARRAY['SELECT count(*) FROM generate_series(1, 3000000)'], 3, 1)"
	q "SELECT bench.set_fact('loadavg.$1', $(cut -d' ' -f1 /proc/loadavg))" >/dev/null
}
# CPU accounting, to tell whether something else used the machine during a measurement: at each mark, the CPU
# time of every process that is not ours (not our cluster, this shell or their descendants, not this shell's
# ancestors), with its children's; the growth between marks is someone else's work (a process that starts and ends
# between two marks shows up in its parent's children's time). And the time the hypervisor took (steal).
CLK_TCK=$(getconf CLK_TCK)
PG_PID=$(head -1 "$(q 'SHOW data_directory')/postmaster.pid")
PREV_MARK=""
snap_other() { # file: "pid starttime ticks" of the processes that are not ours
	{ cat /proc/[0-9]*/stat 2>/dev/null || true; } | sed 's/^\([0-9]*\) (.*) /\1 /' | awk -v me="$$" -v pg="$PG_PID" '
		{ pid = $1; ppid[pid] = $3; t[pid] = $13 + $14 + $15 + $16; st[pid] = $21 }
		END {
			ours[me] = 1; ours[pg] = 1; desc[me] = 1; desc[pg] = 1
			for (p = ppid[me]; p != "" && p > 0; p = ppid[p]) ours[p] = 1
			do { changed = 0
				for (p in ppid) if (!(p in ours) && (ppid[p] in desc)) { ours[p] = 1; desc[p] = 1; changed = 1 }
			} while (changed)
			for (p in t) if (!(p in ours)) print p "_" st[p], t[p]
		}' | sort > "$1"
}
cpu_mark() { # name
	local steal other=0
	steal=$(awk '/^cpu / {print $9}' /proc/stat)
	snap_other "$WORK/snap.$1"
	if [ -n "$PREV_MARK" ]; then
		other=$(join "$WORK/snap.$PREV_MARK" "$WORK/snap.$1" | awk '{d = $3 - $2; if (d > 0) s += d} END {print s + 0}')
	fi
	PREV_MARK="$1"
	q "SELECT bench.set_fact('cpu.$1.wall', $(date +%s.%N)), bench.set_fact('cpu.$1.steal', $steal / $CLK_TCK.0),
	          bench.set_fact('cpu.$1.other', $other / $CLK_TCK.0)" >/dev/null
}
calibrate start
cpu_mark m1_start

#############################################################################
# Measurement 1: table 三 of every agency for 2024
#############################################################################
YEAR=2024
log "measurement 1: all-agency table 三 for $YEAR (govinfo aggregate, FILTER pivot, long form, floor), $BENCH_RUNS runs + 1 warm-up"
M1_NAMES="ARRAY['m1.govinfo', 'm1.pivot', 'm1.long', 'm1.long_gs', 'm1.floor']"
M1_QUERIES="ARRAY[bench.q_govinfo($YEAR), bench.q_pivot($YEAR), bench.q_long($YEAR), bench.q_long_gs($YEAR), bench.q_floor($YEAR)]"
psql_ -c "CALL bench.measure($M1_NAMES, $M1_QUERIES, $BENCH_RUNS, 1)"
log "  medians: $(q "SELECT string_agg(format('%s %s ms', name, round(bench.median_ms(name)::numeric, 1)), ', ' ORDER BY name) FROM (SELECT DISTINCT name FROM bench.timing WHERE name LIKE 'm1.%') n")"

log "measurement 1: cross-checking the four results cell by cell"
psql_ <<SQL
SET client_min_messages = warning;
DO \$\$ BEGIN
	EXECUTE 'CREATE TABLE bench.x_govinfo AS ' || bench.q_govinfo($YEAR);
	EXECUTE 'CREATE TABLE bench.x_pivot AS ' || bench.q_pivot($YEAR);
	EXECUTE 'CREATE TABLE bench.x_long AS ' || bench.q_long($YEAR);
	EXECUTE 'CREATE TABLE bench.x_long_gs AS ' || bench.q_long_gs($YEAR);
	EXECUTE 'CREATE TABLE bench.x_floor AS ' || bench.q_floor($YEAR);
END \$\$;
CREATE TABLE bench.x_govinfo_cells AS SELECT * FROM bench.cells_of_figures('bench.x_govinfo');
CREATE TABLE bench.x_pivot_cells AS SELECT * FROM bench.cells_of_pivot('bench.x_pivot');
DO \$\$ BEGIN
	IF EXISTS (SELECT FROM bench.x_govinfo_cells WHERE n IS NULL) THEN
		RAISE EXCEPTION 'bench: cross-check failed: govinfo derived figures with blank cells';
	END IF;
	IF (SELECT count(*) FROM bench.x_govinfo) <> (SELECT count(*) FROM bench.x_pivot)
	   OR (SELECT count(*) FROM bench.x_govinfo) <> (SELECT count(*) FROM bench.x_floor) THEN
		RAISE EXCEPTION 'bench: cross-check failed: % agencies from govinfo, % from the pivot, % from the floor',
			(SELECT count(*) FROM bench.x_govinfo), (SELECT count(*) FROM bench.x_pivot), (SELECT count(*) FROM bench.x_floor);
	END IF;
END \$\$;
CALL bench.assert_same_cells('m1 govinfo = pivot', 'SELECT * FROM bench.x_govinfo_cells', 'SELECT * FROM bench.x_pivot_cells');
CALL bench.assert_same_cells('m1 govinfo = long form', 'SELECT * FROM bench.x_govinfo_cells', 'SELECT agency_id, row_code, column_code, n FROM bench.x_long');
CALL bench.assert_same_cells('m1 govinfo = long form (grouping sets)', 'SELECT * FROM bench.x_govinfo_cells', 'SELECT agency_id, row_code, column_code, n FROM bench.x_long_gs');
-- the floor counts each application in scope once: rows 1 + 2 of the total column
CALL bench.assert_same_cells('m1 govinfo rows 1+2 = floor',
	\$\$SELECT agency_id, 'in scope' AS row_code, 'total' AS column_code, sum(n) AS n FROM bench.x_govinfo_cells WHERE row_code IN ('1', '2') AND column_code = 'total' GROUP BY agency_id\$\$,
	\$\$SELECT agency_id::bigint, 'in scope', 'total', n FROM bench.x_floor\$\$);
-- the baselines of issue #12 and what a user calls
DO \$\$ BEGIN
	EXECUTE 'CREATE TABLE bench.x_lateral AS ' || bench.q_lateral($YEAR);
	EXECUTE 'CREATE TABLE bench.x_twostage AS ' || bench.q_twostage($YEAR);
	EXECUTE 'CREATE TABLE bench.x_derived AS ' || bench.q_derived($YEAR);
END \$\$;
CALL bench.assert_same_cells('m1 govinfo = LATERAL/FILTER pivot', 'SELECT * FROM bench.x_govinfo_cells', 'SELECT * FROM bench.cells_of_rows(''bench.x_lateral'')');
CALL bench.assert_same_cells('m1 govinfo = two-stage pivot', 'SELECT * FROM bench.x_govinfo_cells', 'SELECT * FROM bench.cells_of_rows(''bench.x_twostage'')');
DO \$\$ BEGIN
	-- an agency with other records but no application in scope has the zero figures
	IF EXISTS (SELECT FROM bench.x_govinfo g FULL JOIN bench.x_derived d USING (agency_id)
	           WHERE d.requests IS DISTINCT FROM coalesce(g.requests,
	                 (SELECT govinfo.request_figures_agg($YEAR, NULL, NULL, NULL, NULL) FROM (VALUES (1)) z))) THEN
		RAISE EXCEPTION 'bench: cross-check failed: derived_reports($YEAR) requests differ from the aggregate';
	END IF;
	RAISE WARNING 'bench: cross-check ok: m1 derived_reports requests = aggregate (% agencies)', (SELECT count(*) FROM bench.x_derived);
	PERFORM bench.set_fact('check.m1 derived_reports requests = govinfo aggregate', (SELECT count(*) FROM bench.x_derived), 'agencies compared, all equal');
END \$\$;
-- 0.6.0's state and derived_reports (kept in bench/lib.sql for the comparison of measurement 7) give the same values
DO \$\$ DECLARE n bigint; BEGIN
	SELECT count(*) INTO n FROM (SELECT * FROM bench.x_derived EXCEPT SELECT * FROM bench.derived_reports_060($YEAR)
	                             UNION ALL (SELECT * FROM bench.derived_reports_060($YEAR) EXCEPT SELECT * FROM bench.x_derived)) d;
	IF n <> 0 THEN
		RAISE EXCEPTION 'bench: cross-check failed: derived_reports($YEAR) differs from the 0.6.0 derivation in % rows', n;
	END IF;
	PERFORM bench.set_fact('check.m1 derived_reports = the 0.6.0 derivation (state request_figures)', (SELECT count(*) FROM bench.x_derived), 'agencies compared, all equal');
END \$\$;
SELECT bench.set_fact('m1.agencies', count(*)) FROM bench.x_govinfo \g /dev/null
SELECT bench.set_fact('m1.applications_in_scope', sum(n)) FROM bench.x_floor \g /dev/null
SQL

log "measurement 1 with the defaults that could change a conclusion: jit=on, work_mem=4MB, no parallel workers"
psql_ <<SQL
SET jit = on;
CALL bench.measure(ARRAY['m1jit.govinfo', 'm1jit.pivot', 'm1jit.floor'], ARRAY[bench.q_govinfo($YEAR), bench.q_pivot($YEAR), bench.q_floor($YEAR)], $BENCH_RUNS, 1);
RESET jit;
SET work_mem = '4MB';
CALL bench.measure(ARRAY['m1wm4.govinfo', 'm1wm4.pivot', 'm1wm4.floor'], ARRAY[bench.q_govinfo($YEAR), bench.q_pivot($YEAR), bench.q_floor($YEAR)], $BENCH_RUNS, 1);
RESET work_mem;
SET max_parallel_workers_per_gather = 0;
CALL bench.measure(ARRAY['m1serial.govinfo', 'm1serial.pivot', 'm1serial.floor'], ARRAY[bench.q_govinfo($YEAR), bench.q_pivot($YEAR), bench.q_floor($YEAR)], $BENCH_RUNS, 1);
RESET max_parallel_workers_per_gather;
SQL

cpu_mark m1_end

#############################################################################
# Measurement 7 (issue #12): one data order, work_mem 4MB and 64MB, every variant in one session
#############################################################################
# the floor, govinfo's aggregate, derived_reports (what a user calls), refresh_reports, and every SQL
# baseline (LATERAL/FILTER pivot, two-stage pivot, long form, 175-column FILTER pivot), interleaved
honest() { # order
	local wm
	for wm in 64MB 4MB; do
		log "measurement 7: $1 order, work_mem=$wm: floor, aggregate, derived_reports, refresh_reports, four SQL pivots; $BENCH_RUNS runs + 1 warm-up"
		psql_ -c "SET work_mem = '$wm'" -c "CALL bench.measure(
			ARRAY['h.$1.$wm.floor', 'h.$1.$wm.govinfo', 'h.$1.$wm.derived', 'h.$1.$wm.refresh', 'h.$1.$wm.lateral', 'h.$1.$wm.twostage', 'h.$1.$wm.long', 'h.$1.$wm.pivot',
			      'h.$1.$wm.govinfo060', 'h.$1.$wm.derived060'],
			ARRAY[bench.q_floor($YEAR), bench.q_govinfo($YEAR), bench.q_derived($YEAR), 'SELECT govinfo.refresh_reports($YEAR)',
			      bench.q_lateral($YEAR), bench.q_twostage($YEAR), bench.q_long($YEAR), bench.q_pivot($YEAR),
			      bench.q_govinfo_060($YEAR), bench.q_derived_060($YEAR)], $BENCH_RUNS, 1)"
		log "  medians: $(q "SELECT string_agg(format('%s %s ms', name, round(bench.median_ms(name)::numeric, 1)), ', ' ORDER BY name) FROM (SELECT DISTINCT name FROM bench.timing WHERE name LIKE 'h.$1.$wm.%') n")"
	done
	log "measurement 7: $1 order: refresh_reports($YEAR) writing every report (the year's reports deleted before each run, not timed)"
	psql_ -c "CALL bench.measure_refresh_all('h.$1.refresh_all', $YEAR, $BENCH_RUNS)"
	explain_to "h_${1}_derived.txt" "SET work_mem = '$BENCH_WORK_MEM'" "bench.q_derived($YEAR)"
	explain_to "h_${1}_floor.txt" "SET work_mem = '$BENCH_WORK_MEM'" "bench.q_floor($YEAR)"
	explain_to "h_${1}_lateral.txt" "SET work_mem = '$BENCH_WORK_MEM'" "bench.q_lateral($YEAR)"
}

#############################################################################
# Measurement 6 (evidence): the plans of measurement 1, and a profile
#############################################################################
log "measurement 6: EXPLAIN (ANALYZE, BUFFERS, SETTINGS) of the measurement-1 queries -> $PLANS/"
explain_to() { # file, settings, query-generating SQL expression
	local file="$1" settings="$2" expr="$3" sql
	sql=$(q "SELECT $expr")
	{
		echo "-- $settings"
		echo "$sql" | sed 's/^/-- /'
		echo
		psql -X -v ON_ERROR_STOP=1 -At -c "$settings" -c "EXPLAIN (ANALYZE, BUFFERS, SETTINGS) $sql"
	} > "$PLANS/$file"
}
for v in govinfo pivot long long_gs floor; do
	explain_to "m1_${v}.txt" "SET work_mem = '$BENCH_WORK_MEM'" "bench.q_$v($YEAR)"
done
for v in govinfo floor; do
	explain_to "m1_${v}_serial.txt" "SET max_parallel_workers_per_gather = 0" "bench.q_$v($YEAR)"
	explain_to "m1_${v}_work_mem_4MB.txt" "SET work_mem = '4MB'" "bench.q_$v($YEAR)"
done
# hash table memory per group (serial plan), from the JSON plan
for v in govinfo floor; do
	psql -X -q -v ON_ERROR_STOP=1 -At -c "SET max_parallel_workers_per_gather = 0" \
		-c "SELECT bench.set_fact('m1serial.$v.hash_kb', (j->0->'Plan'->>'Peak Memory Usage')::numeric),
		           bench.set_fact('m1serial.$v.groups', (j->0->'Plan'->>'Actual Rows')::numeric)
		    FROM (SELECT bench.explain_json(bench.q_$v($YEAR)) AS j) x" >/dev/null
done

# where the parallel plans spend their time (EXPLAIN ANALYZE with timing): the partial aggregation, the
# Gather of the partial states, the finalize step
for v in govinfo floor; do
	q "SELECT bench.set_fact('m1plan.$v.total_ms', (j->0->'Plan'->>'Actual Total Time')::numeric),
	          bench.set_fact('m1plan.$v.gather_ms', (jsonb_path_query_first(j, 'lax \$.**?(@.\"Node Type\" == \"Gather\")')->>'Actual Total Time')::numeric),
	          bench.set_fact('m1plan.$v.gather_rows', (jsonb_path_query_first(j, 'lax \$.**?(@.\"Node Type\" == \"Gather\")')->>'Actual Rows')::numeric),
	          bench.set_fact('m1plan.$v.partial_ms', (jsonb_path_query_first(j, 'lax \$.**?(@.\"Partial Mode\" == \"Partial\")')->>'Actual Total Time')::numeric)
	   FROM (SELECT bench.explain_json(bench.q_$v($YEAR), true) AS j) x" >/dev/null
done

PERF_OK=0
if command -v perf >/dev/null && perf record -q -e cpu-clock -o "$WORK/perf.test" -- true >/dev/null 2>&1; then
	PERF_OK=1
	log "measurement 6: perf profiles (cpu-clock sampling, serial plans, 10 runs each)"
	# the exported symbols of the postgres binary, to place its static functions (no debug symbols)
	nm -D --defined-only /usr/lib/postgresql/15/bin/postgres 2>/dev/null | while read -r a _ n; do echo "$((16#$a)) $n"; done \
		| sort -n > "$WORK/postgres.syms" || true
	annotate() { # perf lines: name the exported functions around an unresolved postgres address
		local line addr near
		while IFS= read -r line; do
			if [[ $line =~ postgres[[:space:]]+\[\.\][[:space:]]+0x([0-9a-f]+) ]]; then
				addr=$((16#${BASH_REMATCH[1]}))
				near=$(awk -v a="$addr" '$1 <= a {n = $2} $1 > a {print n " … " $2; exit}' "$WORK/postgres.syms")
				[ -z "$near" ] || line="$line   (a static function between $near)"
			fi
			printf '%s\n' "$line"
		done
	}
	for v in govinfo derived lateral pivot floor; do
		cat > "$WORK/profile_$v.sql" <<SQL
SET max_parallel_workers_per_gather = 0;
SELECT bench.explain_ms(bench.q_$v($YEAR)) \g /dev/null
SELECT pg_backend_pid() \g $WORK/profile_$v.pid
SELECT bench.explain_ms(bench.q_$v($YEAR)) FROM generate_series(1, 10) \g /dev/null
SQL
		perf record -q -e cpu-clock -F 1999 -a -o "$WORK/perf_$v.data" -- \
			psql -X -v ON_ERROR_STOP=1 -At -f "$WORK/profile_$v.sql" >/dev/null 2>&1
		pid=$(head -1 "$WORK/profile_$v.pid")
		perf report -i "$WORK/perf_$v.data" --pid "$pid" --percentage relative --sort dso,sym --stdio 2>/dev/null \
			| { grep -v -e '^#' -e '^$' || true; } > "$WORK/perf_$v.sym"
		{
			echo "# perf record -e cpu-clock -a; samples of backend $pid only, relative to its samples; serial plan of"
			echo "# measurement 1 ($v), 11 executions (the first warms up). The Debian postgres binary has no debug symbols:"
			echo "# an unresolved address is a static function, placed between the exported functions around it."
			sed -n '1,40p' "$WORK/perf_$v.sym" | annotate
		} > "$PLANS/perf_m1_$v.txt"
		share() { # sum of the percentages of the lines matching an extended regex
			{ grep -E -- "$1" "$WORK/perf_$v.sym" || true; } | awk '{s += $1} END {printf "%.1f", s + 0}'
		}
		q "SELECT bench.set_fact('perf.$v.govinfo_so_pct', $(share '^ *[0-9.]+% +govinfo\.so ')),
		          bench.set_fact('perf.$v.kernel_pct', $(share '\[k\]')),
		          bench.set_fact('perf.$v.trans_pct', $(share 'request_figures_agg_c?trans')),
		          bench.set_fact('perf.$v.hash_pct', $(share 'hash_search|LookupTupleHashEntry|tuplehash|hash_bytes|TupleHashTable')),
		          bench.set_fact('perf.$v.samples', $(wc -l < "$WORK/perf_$v.sym"))" >/dev/null
	done
else
	log "measurement 6: perf is not usable here; profiles skipped (EXPLAIN breakdowns only)"
fi

cpu_mark m6_end
honest arrival
cpu_mark m7_arrival_end

#############################################################################
# Measurement 2: refresh_reports for all agencies
#############################################################################
log "measurement 2: govinfo.refresh_reports($YEAR), first run (inserts) + $BENCH_RUNS timed runs (upserts)"
psql_ -c "CALL bench.measure(ARRAY['m2.refresh', 'm2.derive_only'], ARRAY['SELECT govinfo.refresh_reports($YEAR)', bench.q_derived($YEAR)], $BENCH_RUNS, 1)"
psql_ <<SQL
SELECT bench.set_fact('m2.reports', count(*)) FROM govinfo.annual_report WHERE year = $YEAR \g /dev/null
DO \$\$ BEGIN
	IF EXISTS (SELECT FROM bench.x_govinfo g LEFT JOIN govinfo.annual_report r ON r.agency_id = g.agency_id AND r.year = $YEAR
	           WHERE r.requests IS NULL OR r.requests <> g.requests) THEN
		RAISE EXCEPTION 'bench: cross-check failed: a stored report of % differs from the aggregate of measurement 1', $YEAR;
	END IF;
	RAISE WARNING 'bench: cross-check ok: m2 stored requests = measurement 1 aggregate (% agencies)', (SELECT count(*) FROM bench.x_govinfo);
	PERFORM bench.set_fact('check.m2 stored = m1 govinfo', (SELECT count(*) FROM bench.x_govinfo), 'agencies compared, all equal');
END \$\$;
SQL
log "  median $(q "SELECT round(bench.median_ms('m2.refresh')::numeric)") ms for $(q "SELECT value FROM bench.fact WHERE name = 'm2.reports'") reports"
{
	echo "-- auto_explain of the statements inside SELECT govinfo.refresh_reports($YEAR) that take 5 ms or more (log_nested_statements)"
	psql -X -v ON_ERROR_STOP=1 -At 2>&1 >/dev/null <<SQL
LOAD 'auto_explain';
SET auto_explain.log_min_duration = 5;
SET auto_explain.log_nested_statements = on;
SET auto_explain.log_analyze = on;
SET auto_explain.log_buffers = on;
SET auto_explain.log_settings = on;
SET auto_explain.log_level = notice;
SELECT govinfo.refresh_reports($YEAR);
SQL
} > "$PLANS/m2_refresh_reports.txt"

cpu_mark m2_end
calibrate middle

#############################################################################
# Measurement 3: one agency-year report with pgbench
#############################################################################
psql_ <<SQL
CREATE TABLE bench.m3_agency AS
SELECT 'smallest' AS which, f.agency_id, a.code, f.n FROM bench.x_floor f JOIN govinfo.agency a USING (agency_id)
WHERE f.n > 0 ORDER BY f.n, f.agency_id LIMIT 1;
INSERT INTO bench.m3_agency
SELECT 'largest', f.agency_id, a.code, f.n FROM bench.x_floor f JOIN govinfo.agency a USING (agency_id)
ORDER BY f.n DESC, f.agency_id LIMIT 1;
SQL
SMALL_ID=$(q "SELECT agency_id FROM bench.m3_agency WHERE which = 'smallest'")
SMALL_CODE=$(q "SELECT code FROM bench.m3_agency WHERE which = 'smallest'")
LARGE_ID=$(q "SELECT agency_id FROM bench.m3_agency WHERE which = 'largest'")
LARGE_CODE=$(q "SELECT code FROM bench.m3_agency WHERE which = 'largest'")
log "measurement 3: one agency-year report; smallest agency $SMALL_CODE ($(q "SELECT n FROM bench.m3_agency WHERE which = 'smallest'") applications in scope), largest $LARGE_CODE ($(q "SELECT n FROM bench.m3_agency WHERE which = 'largest'"))"

log "measurement 3: cross-checking stored, derived and pivot figures of both agencies"
psql_ <<SQL
DO \$\$
DECLARE a record;
BEGIN
	FOR a IN SELECT * FROM bench.m3_agency LOOP
		IF (SELECT requests FROM govinfo.derive_report(a.code, $YEAR)) IS DISTINCT FROM
		   (SELECT requests FROM govinfo.annual_report WHERE agency_id = a.agency_id AND year = $YEAR) THEN
			RAISE EXCEPTION 'bench: cross-check failed: derive_report(%) differs from the stored report', a.code;
		END IF;
		IF (SELECT count(*) FROM govinfo.report_table3(a.code, $YEAR)) <> 30 THEN
			RAISE EXCEPTION 'bench: cross-check failed: report_table3(%) does not have 30 rows', a.code;
		END IF;
		EXECUTE format('CREATE TEMP TABLE d AS SELECT %s::bigint AS agency_id, requests FROM govinfo.derive_report(%L, $YEAR)', a.agency_id, a.code);
		EXECUTE 'CREATE TEMP TABLE p AS ' || bench.q_pivot($YEAR, a.agency_id::text);
		CALL bench.assert_same_cells('m3 derive_report = pivot (' || a.which || ' agency)',
			'SELECT * FROM bench.cells_of_figures(''d'')', 'SELECT * FROM bench.cells_of_pivot(''p'')');
		DROP TABLE d, p;
	END LOOP;
END \$\$;
SQL

printf '%s\n' "SELECT 1;" > "$WORK/select1.sql"
printf '%s\n' "SELECT * FROM govinfo.report_table3(:code, $YEAR);" > "$WORK/stored_table3.sql"
printf '%s\n' "SELECT requests FROM govinfo.annual_report WHERE agency_id = :id AND year = $YEAR;" > "$WORK/stored_raw.sql"
printf '%s\n' "SELECT * FROM govinfo.derive_report(:code, $YEAR);" > "$WORK/derived.sql"
q "SELECT bench.q_pivot($YEAR, ':id')" > "$WORK/pivot_one.sql"
echo ";" >> "$WORK/pivot_one.sql"
cp "$WORK/pivot_one.sql" "$PLANS/m3_pivot_one_agency.sql"

run_pgbench() { # name script code id
	local name="$1" script="$2" code="$3" id="$4" out="$WORK/pgbench_$1.out"
	log "  pgbench $name: -M prepared -c 2 -j 2 -T $BENCH_PGBENCH_SECONDS ($(basename "$script"), code=$code id=$id)"
	rm -f "$WORK/pgblog_$name".*
	pgbench -n -M prepared -c 2 -j 2 -T "$BENCH_PGBENCH_SECONDS" --log --log-prefix="$WORK/pgblog_$name" \
		-D code="$code" -D id="$id" -f "$script" bench > "$out" 2>&1 || { cat "$out" >&2; fail "pgbench $name"; }
	grep -q 'number of failed transactions: 0 ' "$out" || { cat "$out" >&2; fail "pgbench $name had failed transactions"; }
	local tps avg n stats
	tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$out")
	avg=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$out")
	n=$(cat "$WORK/pgblog_$name".* | wc -l)
	# per-transaction log: client transaction latency_us script epoch_s epoch_us
	stats=$(cat "$WORK/pgblog_$name".* | awk '{print $3}' | sort -n | awk '{v[NR] = $1} END {
		printf "%.4f %.4f %.4f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) / 1000, v[int(NR * 0.9 + 0.5)] / 1000, v[int(NR * 0.99 + 0.5)] / 1000}')
	set -- $stats
	q "SELECT bench.set_fact('m3.$name.median_ms', $1), bench.set_fact('m3.$name.p90_ms', $2),
	          bench.set_fact('m3.$name.p99_ms', $3), bench.set_fact('m3.$name.tps', $tps), bench.set_fact('m3.$name.transactions', $n),
	          bench.set_fact('m3.$name.avg_ms', $avg)" >/dev/null
	log "    median $1 ms, average $avg ms, p90 $2 ms, p99 $3 ms, $tps tps ($n transactions)"
}
run_pgbench select1 "$WORK/select1.sql" x 0
run_pgbench stored_table3 "$WORK/stored_table3.sql" "$LARGE_CODE" "$LARGE_ID"
run_pgbench stored_raw "$WORK/stored_raw.sql" "$LARGE_CODE" "$LARGE_ID"
run_pgbench derived_small "$WORK/derived.sql" "$SMALL_CODE" "$SMALL_ID"
run_pgbench derived_large "$WORK/derived.sql" "$LARGE_CODE" "$LARGE_ID"
run_pgbench pivot_small "$WORK/pivot_one.sql" "$SMALL_CODE" "$SMALL_ID"
run_pgbench pivot_large "$WORK/pivot_one.sql" "$LARGE_CODE" "$LARGE_ID"

# where the time of one derive_report goes, and what the one-agency pivot does
{
	echo "-- auto_explain of the statements inside SELECT * FROM govinfo.derive_report('$LARGE_CODE', $YEAR) (log_nested_statements)"
	psql -X -v ON_ERROR_STOP=1 -At 2>&1 >/dev/null <<SQL
LOAD 'auto_explain';
SET auto_explain.log_min_duration = 0;
SET auto_explain.log_nested_statements = on;
SET auto_explain.log_analyze = on;
SET auto_explain.log_buffers = on;
SET auto_explain.log_level = notice;
SELECT * FROM govinfo.derive_report('$LARGE_CODE', $YEAR);
SQL
} > "$PLANS/m3_derive_report_largest.txt"
explain_to "m3_pivot_largest.txt" "SET work_mem = '$BENCH_WORK_MEM'" "bench.q_pivot($YEAR, '$LARGE_ID')"
explain_to "m3_govinfo_aggregate_largest.txt" "SET work_mem = '$BENCH_WORK_MEM'" "bench.q_govinfo($YEAR, $LARGE_ID)"
# the same aggregate with the agency as a constant, as derive_report could run it
psql_ -c "CALL bench.measure(ARRAY['m3.govinfo_agg_large', 'm3.pivot_large_server', 'm3.derive_large_server', 'm3.derive_small_server',
	      'm3.lateral_large_server', 'm3.twostage_large_server'],
	ARRAY[bench.q_govinfo($YEAR, $LARGE_ID), bench.q_pivot($YEAR, '$LARGE_ID'),
	      'SELECT * FROM govinfo.derive_report(''$LARGE_CODE'', $YEAR)', 'SELECT * FROM govinfo.derive_report(''$SMALL_CODE'', $YEAR)',
	      bench.q_lateral($YEAR, $LARGE_ID), bench.q_twostage($YEAR, $LARGE_ID)], $BENCH_RUNS, 1)"
explain_to "m3_lateral_largest.txt" "SET work_mem = '$BENCH_WORK_MEM'" "bench.q_lateral($YEAR, $LARGE_ID)"

cpu_mark m3_end

#############################################################################
# Measurement 5: govinfo.sum() roll-up of 100,000 stored request_figures
#############################################################################
log "measurement 5: building 100,000 request_figures (derived figures of 2021-2025 per agency)"
psql_ -f bench/rollup_input.sql
log "measurement 5: roll-ups (townships and departments -> counties -> cities; per year), $BENCH_RUNS runs + 1 warm-up"
psql_ -v runs="$BENCH_RUNS" <<'SQL'
CALL bench.measure(
	ARRAY['m5.sum_city', 'm5.base_city', 'm5.sum_year', 'm5.base_year'],
	ARRAY[bench.q_rollup('govinfo.sum', 'requests', true), bench.q_rollup('sum', 'n', true),
	      bench.q_rollup('govinfo.sum', 'requests', false), bench.q_rollup('sum', 'n', false)], :runs, 1);
SET max_parallel_workers_per_gather = 0;
CALL bench.measure(ARRAY['m5serial.sum_year', 'm5serial.base_year'],
	ARRAY[bench.q_rollup('govinfo.sum', 'requests', false), bench.q_rollup('sum', 'n', false)], :runs, 1);
RESET max_parallel_workers_per_gather;
-- cross-check: the row-1 totals of the roll-ups equal the integer baseline
DO $$ BEGIN
	EXECUTE 'CREATE TABLE bench.x_sum_city AS ' || bench.q_rollup('govinfo.sum', 'requests', true);
	EXECUTE 'CREATE TABLE bench.x_base_city AS ' || bench.q_rollup('sum', 'n', true);
	EXECUTE 'CREATE TABLE bench.x_sum_year AS ' || bench.q_rollup('govinfo.sum', 'requests', false);
	EXECUTE 'CREATE TABLE bench.x_base_year AS ' || bench.q_rollup('sum', 'n', false);
END $$;
CALL bench.assert_same_cells('m5 govinfo.sum by city = sum(int) by city',
	$$SELECT coalesce(city_id, 0)::bigint AS agency_id, year::text AS row_code, '1.total' AS column_code, govinfo.cell(f, '1', 'total')::bigint AS n FROM bench.x_sum_city$$,
	$$SELECT coalesce(city_id, 0)::bigint AS agency_id, year::text AS row_code, '1.total' AS column_code, f::bigint AS n FROM bench.x_base_city$$);
CALL bench.assert_same_cells('m5 govinfo.sum by year = sum(int) by year',
	$$SELECT 0::bigint AS agency_id, year::text AS row_code, '1.total' AS column_code, govinfo.cell(f, '1', 'total')::bigint AS n FROM bench.x_sum_year$$,
	$$SELECT 0::bigint AS agency_id, year::text AS row_code, '1.total' AS column_code, f::bigint AS n FROM bench.x_base_year$$);
DO $$ BEGIN
	IF (SELECT count(*) FROM bench.x_sum_year WHERE NOT govinfo.is_balanced(f)) > 0 THEN
		RAISE EXCEPTION 'bench: cross-check failed: a yearly roll-up is not balanced';
	END IF;
END $$;
SELECT bench.set_fact('m5.rows', count(*)), bench.set_fact('m5.bytes', pg_total_relation_size('bench.rollup_input')) FROM bench.rollup_input \g /dev/null
SQL
for v in "sum_city:govinfo.sum:requests:true" "base_city:sum:n:true" "sum_year:govinfo.sum:requests:false"; do
	IFS=: read -r name agg col two <<<"$v"
	explain_to "m5_${name}.txt" "SET work_mem = '$BENCH_WORK_MEM'" "bench.q_rollup('$agg', '$col', $two)"
done
log "  medians: $(q "SELECT string_agg(format('%s %s ms', name, round(bench.median_ms(name)::numeric, 1)), ', ' ORDER BY name) FROM (SELECT DISTINCT name FROM bench.timing WHERE name LIKE 'm5%') n")"

cpu_mark m5_end

log "measurement 7: the second data set: govinfo.application rewritten in agency order (CLUSTER)"
psql_ -f bench/reorder.sql
honest agency
cpu_mark m7_agency_end

#############################################################################
# Measurement 4 (last: it empties govinfo.application): COPY of 1,000,000 applications
#############################################################################
log "measurement 4: writing $BENCH_COPY_ROWS applications received in 2025 to a CSV file"
psql_ <<SQL
DO \$\$
DECLARE
	n2025 bigint := (SELECT count(*) FROM govinfo.application WHERE received_on >= '2025-01-01');
BEGIN
	EXECUTE format(\$f\$COPY (
		SELECT agency_id, received_on, applicant, outcome, closed_on, channel, subject, corrected_on, extended, fee_yuan
		FROM govinfo.application, generate_series(0, %s) c
		WHERE received_on >= '2025-01-01'
		ORDER BY received_on, c, application_id LIMIT %s) TO %L (FORMAT csv)\$f\$,
		ceil($BENCH_COPY_ROWS::numeric / n2025)::bigint - 1, $BENCH_COPY_ROWS, current_setting('data_directory') || '/bench_copy.csv');
END \$\$;
CREATE TABLE bench.application_checks (LIKE govinfo.application INCLUDING ALL);
CREATE TABLE bench.application_plain (LIKE govinfo.application INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES);
-- and without govinfo's types: applicant and outcome as text (what their input functions cost)
CREATE TABLE bench.application_text (LIKE govinfo.application INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES);
ALTER TABLE bench.application_text ALTER applicant TYPE text, ALTER outcome TYPE text;
-- the CHECK with its span collection switched on (govinfo's BEFORE INSERT statement trigger, no check at the end)
CREATE TABLE bench.application_collect (LIKE govinfo.application INCLUDING ALL);
CREATE TRIGGER application_spans_open BEFORE INSERT ON bench.application_collect
	FOR EACH STATEMENT EXECUTE FUNCTION govinfo.application_insert_begin();
-- the CHECK plus a statement trigger that only has a transition table built: what 0.2.0's guard paid
-- before its queries ran, and what the collection in the CHECK replaces
CREATE TABLE bench.application_tt (LIKE govinfo.application INCLUDING ALL);
CREATE FUNCTION bench.noop_trigger() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN RETURN NULL; END \$\$;
CREATE TRIGGER application_tt_insert AFTER INSERT ON bench.application_tt
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bench.noop_trigger();
SELECT bench.set_fact('m4.file_bytes', (pg_stat_file(current_setting('data_directory') || '/bench_copy.csv')).size) \g /dev/null
-- What any implementation of the same guarantees must write at the end of such a COPY, computed once
-- from the file's rows and written again in each timed run (bench.required_writes): the lock of the
-- agencies (FOR KEY SHARE, the publication lock of #5), one audit entry per agency and year (#10) into a
-- copy of the audit log as large as it, and one tally row per agency (the counts the derivation reads)
-- into a copy of the tally
COPY bench.application_plain (agency_id, received_on, applicant, outcome, closed_on, channel, subject, corrected_on, extended, fee_yuan)
	FROM '$(q "SELECT current_setting('data_directory')")/bench_copy.csv' (FORMAT csv);
CREATE TABLE bench.required_agencies AS SELECT array_agg(DISTINCT agency_id ORDER BY agency_id) AS ids FROM bench.application_plain;
CREATE TABLE bench.required_audit AS
	SELECT array_agg(agency_id ORDER BY agency_id, year) AS agencies, array_agg(year ORDER BY agency_id, year) AS years,
		array_agg(n ORDER BY agency_id, year) AS rows
	FROM (SELECT agency_id, govinfo.report_year(received_on) AS year, count(*) AS n FROM bench.application_plain GROUP BY 1, 2) s;
CREATE TABLE bench.required_tally AS
	SELECT agency_id, govinfo.tally_pack(govinfo.tally_key(received_on, closed_on, applicant, outcome), 1) AS counts
	FROM bench.application_plain GROUP BY agency_id ORDER BY agency_id;
TRUNCATE bench.application_plain;
CREATE TABLE bench.audit_copy (LIKE govinfo.audit_log INCLUDING ALL);
INSERT INTO bench.audit_copy OVERRIDING SYSTEM VALUE SELECT * FROM govinfo.audit_log;
CREATE TABLE bench.tally_copy (LIKE govinfo.application_tally INCLUDING ALL);
CREATE PROCEDURE bench.required_writes()
	LANGUAGE plpgsql
AS \$\$
DECLARE
	ids bigint[] := (SELECT r.ids FROM bench.required_agencies r);
BEGIN
	PERFORM FROM (SELECT a.agency_id FROM govinfo.agency a WHERE a.agency_id = ANY (ids) ORDER BY a.agency_id FOR KEY SHARE OF a) s;
	INSERT INTO bench.audit_copy (session_user_name, current_user_name, action, table_name, agency_id, year, rows)
	SELECT SESSION_USER, CURRENT_USER, 'INSERT', 'application', unnest(r.agencies), unnest(r.years), unnest(r.rows)
	FROM bench.required_audit r;
	INSERT INTO bench.tally_copy (agency_id, counts) SELECT t.agency_id, t.counts FROM bench.required_tally t;
END
\$\$;
-- tables[i] is loaded in each round after truncating truncates[i]; afters[i], when not NULL, runs after
-- the COPY in the same transaction, timed with it
CREATE PROCEDURE bench.measure_copy(tables text[], names text[], truncates text[], afters text[], runs integer)
	LANGUAGE plpgsql
AS \$\$
DECLARE
	t0 timestamptz;
	ms double precision;
	n bigint;
	i integer;
BEGIN
	FOR round IN 0 .. runs LOOP
		-- every other round in reverse order: a drift of the machine's speed during the round
		-- then falls on each table once early and once late, and the first two tables
		-- (govinfo.application and the plain table) are always loaded one after the other
		FOREACH i IN ARRAY CASE WHEN round % 2 = 0 THEN ARRAY(SELECT generate_series(1, array_length(tables, 1)))
		                        ELSE ARRAY(SELECT generate_series(array_length(tables, 1), 1, -1)) END LOOP
			EXECUTE format('TRUNCATE %s CASCADE', truncates[i]);  -- application_consultation references govinfo.application
			COMMIT;
			CHECKPOINT;
			t0 := clock_timestamp();
			EXECUTE format('COPY %s (agency_id, received_on, applicant, outcome, closed_on, channel, subject, corrected_on, extended, fee_yuan) '
			               'FROM %L (FORMAT csv)', tables[i], current_setting('data_directory') || '/bench_copy.csv');
			GET DIAGNOSTICS n = ROW_COUNT;
			IF afters[i] IS NOT NULL THEN
				EXECUTE afters[i];
			END IF;
			COMMIT;
			ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
			IF n <> $BENCH_COPY_ROWS THEN
				RAISE EXCEPTION 'bench: COPY into % loaded % rows, not %', tables[i], n, $BENCH_COPY_ROWS;
			END IF;
			INSERT INTO bench.timing (name, run, ms) VALUES (names[i], round, ms);
			COMMIT;
		END LOOP;
	END LOOP;
END
\$\$;
SQL
# autovacuum off while the COPYs are timed: a worker vacuuming and analyzing the million rows one COPY
# loaded would take one of the two cores during the next COPY, whichever table that is
psql_ -c "ALTER SYSTEM SET autovacuum = off" -c "SELECT pg_reload_conf()" >/dev/null
q "DO \$\$ BEGIN FOR i IN 1 .. 600 LOOP EXIT WHEN NOT EXISTS (SELECT FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'); PERFORM pg_sleep(0.1); END LOOP; END \$\$" >/dev/null
log "measurement 4: COPY into govinfo.application (the CHECK collecting spans + statement triggers), plain, copies with the CHECK only, with the collection, with a transition table, and the CHECK with the required writes; $BENCH_COPY_RUNS runs + 1 warm-up, autovacuum off"
psql_ -c "CALL bench.measure_copy(ARRAY['govinfo.application', 'bench.application_plain', 'bench.application_checks', 'bench.application_checks', 'bench.application_collect', 'bench.application_text', 'bench.application_tt'],
	ARRAY['m4.govinfo', 'm4.plain', 'm4.checks', 'm4.required', 'm4.collect', 'm4.text', 'm4.transition'],
	ARRAY['govinfo.application', 'bench.application_plain', 'bench.application_checks', 'bench.application_checks, bench.tally_copy', 'bench.application_collect', 'bench.application_text', 'bench.application_tt'],
	ARRAY[NULL, NULL, NULL, 'CALL bench.required_writes()', NULL, NULL, NULL], $BENCH_COPY_RUNS)"
psql_ -c "ALTER SYSTEM RESET autovacuum" -c "SELECT pg_reload_conf()" >/dev/null
log "measurement 4: auto_explain of the statements application_insert_check runs for one more COPY -> $PLANS/m4_insert_check.txt"
{
	echo "-- auto_explain (nested statements of 1 ms or more) during COPY govinfo.application FROM the file ($BENCH_COPY_ROWS rows)"
	psql -X -v ON_ERROR_STOP=1 -At 2>&1 >/dev/null <<SQL
TRUNCATE govinfo.application CASCADE;
CHECKPOINT;
LOAD 'auto_explain';
SET auto_explain.log_min_duration = 1;
SET auto_explain.log_nested_statements = on;
SET auto_explain.log_analyze = on;
SET auto_explain.log_buffers = on;
SET auto_explain.log_level = notice;
COPY govinfo.application (agency_id, received_on, applicant, outcome, closed_on, channel, subject, corrected_on, extended, fee_yuan)
	FROM '$(q "SELECT current_setting('data_directory')")/bench_copy.csv' (FORMAT csv);
SQL
} | awk '{ if (length($0) > 300) print substr($0, 1, 300) " … (cut)"; else print }' > "$PLANS/m4_insert_check.txt"
q "SELECT bench.set_fact('m4.guard_statements_ms', $({ grep -o 'duration: [0-9.]* ms' "$PLANS/m4_insert_check.txt" || true; } | awk '$2 > m {m = $2} END {printf "%.1f", m + 0}'))" >/dev/null
log "measurement 4: the input functions of govinfo.applicant and govinfo.outcome, per value"
psql_ -v runs="$BENCH_RUNS" <<'SQL'
-- text -> type casts of the loaded values (the input functions COPY calls), and of one code repeated
-- (the first and the last of each type); the '' || g keeps each value from being folded to a constant
CALL bench.measure(
	ARRAY['m4in.outcome', 'm4in.applicant', 'm4in.outcome_3.1', 'm4in.outcome_3.6.3', 'm4in.applicant_np', 'm4in.applicant_oth', 'm4in.text'],
	ARRAY['SELECT count(outcome::govinfo.outcome) FROM (SELECT outcome FROM bench.application_text WHERE outcome IS NOT NULL LIMIT 100000) s',
	      'SELECT count(applicant::govinfo.applicant) FROM (SELECT applicant FROM bench.application_text LIMIT 100000) s',
	      'SELECT count((''3.1'' || left(g::text, 0))::govinfo.outcome) FROM generate_series(1, 100000) g',
	      'SELECT count((''3.6.3'' || left(g::text, 0))::govinfo.outcome) FROM generate_series(1, 100000) g',
	      'SELECT count((''np'' || left(g::text, 0))::govinfo.applicant) FROM generate_series(1, 100000) g',
	      'SELECT count((''oth'' || left(g::text, 0))::govinfo.applicant) FROM generate_series(1, 100000) g',
	      'SELECT count((''3.6.3'' || left(g::text, 0))::text) FROM generate_series(1, 100000) g'], :runs, 1);
SELECT bench.set_fact('m4in.outcome_values', (SELECT count(*) FROM (SELECT outcome FROM bench.application_text WHERE outcome IS NOT NULL LIMIT 100000) s)),
	bench.set_fact('m4in.applicant_values', (SELECT count(*) FROM (SELECT applicant FROM bench.application_text LIMIT 100000) s)) \g /dev/null
SQL
psql_ <<'SQL'
DO $$ BEGIN
	IF EXISTS (SELECT agency_id, received_on, applicant, outcome, closed_on, channel, subject, corrected_on, extended, fee_yuan FROM govinfo.application
	           EXCEPT ALL SELECT agency_id, received_on, applicant, outcome, closed_on, channel, subject, corrected_on, extended, fee_yuan FROM bench.application_plain)
	   OR EXISTS (SELECT agency_id, received_on, applicant, outcome, closed_on, channel, subject, corrected_on, extended, fee_yuan FROM bench.application_plain
	           EXCEPT ALL SELECT agency_id, received_on, applicant, outcome, closed_on, channel, subject, corrected_on, extended, fee_yuan FROM govinfo.application) THEN
		RAISE EXCEPTION 'bench: cross-check failed: the COPY loaded different rows into govinfo.application and the plain table';
	END IF;
	RAISE WARNING 'bench: cross-check ok: m4 govinfo.application = plain table (% rows)', (SELECT count(*) FROM govinfo.application);
	PERFORM bench.set_fact('check.m4 govinfo.application = plain table', (SELECT count(*) FROM govinfo.application), 'rows compared, all equal');
END $$;
SQL
log "  medians: $(q "SELECT string_agg(format('%s %s ms', name, round(bench.median_ms(name)::numeric)), ', ' ORDER BY name) FROM (SELECT DISTINCT name FROM bench.timing WHERE name LIKE 'm4.%') n")"

cpu_mark m4_end
calibrate end

#############################################################################
log "writing $RESULTS"
. bench/report.sh > "$RESULTS.tmp"
# a failure inside a command substitution of the report only ends that subshell: catch it here
[ ! -e "$WORK/failed" ] || fail "writing the report (see the FAILED line above)"
mv "$RESULTS.tmp" "$RESULTS"
q "SELECT name, run, round(ms::numeric, 3) AS ms, workers_launched FROM bench.timing ORDER BY at" > "$PLANS/timings.tsv"
q "SELECT name, value, note FROM bench.fact ORDER BY name" > "$PLANS/facts.tsv"
log "done in $(($(date +%s) - T0))s: $RESULTS"
