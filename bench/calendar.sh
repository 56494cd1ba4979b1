#!/usr/bin/env bash
# The working-day calendar and deadline benchmark, small and separate from make bench:
#   1. add_workdays over a column against the built-in date + integer over the same rows;
#   2. the application_deadline view over all applications against a plain scan of the same columns;
#   3. timeliness_by_agency for every agency.
# Its own generated data (bench/calendar.sql): BENCH_AGENCIES agencies in a hierarchy and
# BENCH_APPLICATIONS applications over 2019-2025, 1 % of them with a consultation period.
# As root, holding the machine's lock:   flock /tmp/govinfo-pg.lock bash bench/calendar.sh
#
#   BENCH_AGENCIES=20000 BENCH_APPLICATIONS=2000000 BENCH_RUNS=5 (median of the runs after a warm-up)
#   BENCH_NO_INSTALL=1 (bench the installed build)
# The figures go to stdout and to $BENCH_OUT (default /tmp/govinfo-calendar-bench.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_AGENCIES="${BENCH_AGENCIES:-20000}"
export BENCH_APPLICATIONS="${BENCH_APPLICATIONS:-2000000}"
export BENCH_RUNS="${BENCH_RUNS:-5}"
export BENCH_OUT="${BENCH_OUT:-/tmp/govinfo-calendar-bench.txt}"
if [ -z "${BENCH_INSIDE:-}" ]; then
	if [ -z "${BENCH_NO_INSTALL:-}" ]; then
		make >/dev/null && make install >/dev/null
	fi
	export BENCH_INSIDE=1
	mkdir -p /tmp/govinfo-bench && chmod 755 /tmp/govinfo-bench
	export TMPDIR=/tmp/govinfo-bench
	exec pg_virtualenv -t -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' \
		-o shared_buffers=2GB -o work_mem=64MB -o max_parallel_workers_per_gather=2 -o jit=off \
		-o max_wal_size=8GB -o log_min_messages=warning bash "$0"
fi
PGOPTIONS="-c bench.runs=$BENCH_RUNS" psql -X -q -v ON_ERROR_STOP=1 -v agencies="$BENCH_AGENCIES" -v applications="$BENCH_APPLICATIONS" \
	-v runs="$BENCH_RUNS" -f bench/calendar.sql | tee "$BENCH_OUT"
