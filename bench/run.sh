#!/usr/bin/env bash
# make bench: build and install govinfo, start a throwaway PostgreSQL 15 cluster with the benchmark's
# settings, and run bench/measure.sh in it (which writes bench/RESULTS.md and bench/plans/).
#
# Parameters (environment):
#   BENCH_SEED=1            generator seed
#   BENCH_AGENCIES=20000    agencies (at least 1000)
#   BENCH_SCALE=1           applications = 2,000,000 × scale (10,000,000 at 5 works on 24 GiB)
#   BENCH_RUNS=5            timed runs per measurement (the median is reported; at least 3)
#   BENCH_PGBENCH_SECONDS=20  duration of each pgbench run (at least 20)
#   BENCH_COPY_ROWS=1000000 rows of the COPY measurement
#   BENCH_COPY_RUNS=7       timed rounds of the COPY measurement (its ratio is the median of the rounds' ratios)
#   BENCH_NO_INSTALL=1      skip make && make install (bench what is installed)
#   BENCH_RESULTS=bench/RESULTS.md   where the report goes (bench/plans/ beside it)
#   BENCH_SHARED_BUFFERS=4GB BENCH_WORK_MEM=64MB BENCH_PARALLEL=2 BENCH_JIT=off   cluster settings
#
# The cluster is made with pg_virtualenv -t: its configuration and data live in a temporary
# directory under $BENCH_TMP (default /tmp/govinfo-bench), not in /etc/postgresql/15/regress, so a
# benchmark can run while scripts/virtualenv.sh (tests, demo) uses the 15/regress cluster.  What an
# interrupted earlier benchmark left there is removed first (a lock keeps two benchmarks apart).
set -euo pipefail
cd "$(dirname "$0")/.."

export BENCH_SEED="${BENCH_SEED:-1}"
export BENCH_AGENCIES="${BENCH_AGENCIES:-20000}"
export BENCH_SCALE="${BENCH_SCALE:-1}"
export BENCH_RUNS="${BENCH_RUNS:-5}"
export BENCH_PGBENCH_SECONDS="${BENCH_PGBENCH_SECONDS:-20}"
export BENCH_COPY_ROWS="${BENCH_COPY_ROWS:-1000000}"
export BENCH_COPY_RUNS="${BENCH_COPY_RUNS:-7}"
export BENCH_RESULTS="${BENCH_RESULTS:-bench/RESULTS.md}"
export BENCH_SHARED_BUFFERS="${BENCH_SHARED_BUFFERS:-4GB}"
export BENCH_WORK_MEM="${BENCH_WORK_MEM:-64MB}"
export BENCH_PARALLEL="${BENCH_PARALLEL:-2}"
export BENCH_JIT="${BENCH_JIT:-off}"
BENCH_TMP="${BENCH_TMP:-/tmp/govinfo-bench}"

die() { echo "bench: $*" >&2; exit 1; }
[[ "$BENCH_SEED" =~ ^[0-9]+$ ]] || die "BENCH_SEED must be a whole number"
[[ "$BENCH_AGENCIES" =~ ^[0-9]+$ ]] && [ "$BENCH_AGENCIES" -ge 1000 ] || die "BENCH_AGENCIES must be a whole number >= 1000"
[[ "$BENCH_SCALE" =~ ^[0-9]*\.?[0-9]+$ ]] || die "BENCH_SCALE must be a positive number"
[[ "$BENCH_RUNS" =~ ^[0-9]+$ ]] && [ "$BENCH_RUNS" -ge 1 ] || die "BENCH_RUNS must be a whole number >= 1"
[[ "$BENCH_PGBENCH_SECONDS" =~ ^[0-9]+$ ]] && [ "$BENCH_PGBENCH_SECONDS" -ge 1 ] || die "BENCH_PGBENCH_SECONDS must be a whole number"
[[ "$BENCH_COPY_RUNS" =~ ^[0-9]+$ ]] && [ "$BENCH_COPY_RUNS" -ge 1 ] || die "BENCH_COPY_RUNS must be a whole number >= 1"
[[ "$BENCH_COPY_ROWS" =~ ^[0-9]+$ ]] && [ "$BENCH_COPY_ROWS" -ge 1000 ] || die "BENCH_COPY_ROWS must be a whole number >= 1000"
[ "$BENCH_RUNS" -ge 3 ] || echo "bench: warning: BENCH_RUNS=$BENCH_RUNS is below 3; the report will say so" >&2
[ "$BENCH_PGBENCH_SECONDS" -ge 20 ] || echo "bench: warning: BENCH_PGBENCH_SECONDS=$BENCH_PGBENCH_SECONDS is below 20; the report will say so" >&2
for cmd in pg_virtualenv pgbench psql make; do
	command -v "$cmd" >/dev/null || die "$cmd is missing (apt-get install postgresql-15 postgresql-server-dev-15 postgresql-contrib)"
done

# what is being measured: the commit, and whether src/ or sql/ differ from it, when the build starts
export BENCH_GIT_REV="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
export BENCH_GIT_DIRTY="$(git status --porcelain -- src sql Makefile govinfo.control 2>/dev/null | awk '{print $2}' | tr '\n' ' ')"
[ -z "${BENCH_NO_INSTALL:-}" ] || BENCH_GIT_DIRTY="${BENCH_GIT_DIRTY}(BENCH_NO_INSTALL: the installed build may differ) "
if [ -z "${BENCH_NO_INSTALL:-}" ]; then
	echo "bench: building and installing govinfo" >&2
	make >/dev/null || die "build failed"
	make install >/dev/null || die "install failed"
fi

# one benchmark at a time; with the lock held, any cluster directory left in $BENCH_TMP is stale
mkdir -p "$BENCH_TMP"
exec 9>"$BENCH_TMP/lock"
flock -n 9 || die "another benchmark is running (lock $BENCH_TMP/lock)"
# work directories (pgbench logs, perf data: about 200 MB a run) of earlier runs
rm -rf "$BENCH_TMP"/work.*
for d in "$BENCH_TMP"/pg_virtualenv.*; do
	[ -d "$d" ] || continue
	echo "bench: removing a stale benchmark cluster $d" >&2
	pid_file="$d/data/15/regress/postmaster.pid"
	if [ -f "$pid_file" ] && kill -0 "$(head -1 "$pid_file")" 2>/dev/null; then
		runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$d/data/15/regress" stop -m immediate >/dev/null || true
	fi
	rm -rf "$d"
done
chmod 755 "$BENCH_TMP"

# pg_virtualenv makes its directory with mktemp -t, i.e. in $TMPDIR
export TMPDIR="$BENCH_TMP"
export BENCH_ROOT="$PWD"
rc=0
pg_virtualenv -t -v 15 \
	-o "shared_buffers=$BENCH_SHARED_BUFFERS" \
	-o "work_mem=$BENCH_WORK_MEM" \
	-o "maintenance_work_mem=1GB" \
	-o "max_parallel_workers_per_gather=$BENCH_PARALLEL" \
	-o "jit=$BENCH_JIT" \
	-o "max_wal_size=16GB" \
	-o "checkpoint_timeout=30min" \
	-o "max_connections=50" \
	-o "log_min_messages=warning" \
	bash bench/measure.sh || rc=$?
# keep the work directory of a failed run for a look; remove it otherwise
if [ "$rc" = 0 ]; then
	rm -rf "$BENCH_TMP"/work.*
else
	echo "bench: failed (exit $rc); work files kept in $(ls -d "$BENCH_TMP"/work.* 2>/dev/null | tr '\n' ' ')" >&2
fi
exit "$rc"
