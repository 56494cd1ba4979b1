#!/usr/bin/env bash
# govinfo's regression suite (`make installcheck`: the pg_regress tests in the Makefile's REGRESS and
# the isolation specs in ISOLATION; --no-isolation leaves the specs out) against a PostgreSQL server
# running under valgrind memcheck; with --pgtap the pgTAP tests too.
#
# Builds and installs govinfo, creates a throwaway cluster in a temporary directory (its own socket
# directory and port, nothing shared with other clusters), starts the postmaster under
#   valgrind --tool=memcheck --track-origins=yes --error-limit=no --leak-check=no
# (every backend is a fork of it, so every backend runs under memcheck, one log per process),
# runs the tests, stops the server and reads the logs.  An error whose stack, or the origin of
# whose uninitialised value, has a frame in govinfo (govinfo.so, or a function of govinfo.so in
# one of govinfo's source files) fails; errors entirely inside PostgreSQL are listed and not
# counted (test/valgrind/postgres.supp suppresses the known ones).  Leaks are not checked: the
# server frees memory by memory context.  Ends with "N passed, N failed": one test for the
# regression tests passing, one for no memcheck error in govinfo's code.
#
# The suite scripts/suites/80-valgrind.sh runs it with --installed (no build: scripts/test.sh has
# just installed govinfo) and --no-isolation, the pg_regress tests only: about 1.5 minutes on 2
# cores; the isolation specs add about 1.5 minutes, the pgTAP tests (--pgtap) about 5.  Needs root (it runs the server as the postgres
# user).  On the shared development machine hold the lock:
#   flock /tmp/govinfo-pg.lock bash scripts/valgrind.sh [--pgtap]        (or make valgrind)
# VALGRIND_KEEP=1 keeps the temporary directory with the logs.
set -uo pipefail
cd "$(dirname "$0")/.."
pgtap=0
installed=0
isolation=1
for arg in "$@"; do
	case "$arg" in
	--pgtap) pgtap=1 ;;
	--installed) installed=1 ;;
	--no-isolation) isolation=0 ;;
	*) echo "usage: $0 [--pgtap] [--installed] [--no-isolation]" >&2; exit 2 ;;
	esac
done

if [ "$installed" = 0 ]; then
	bash scripts/install-deps.sh || exit 1
	make >/dev/null && make install >/dev/null || { echo "valgrind: build failed"; echo "0 passed, 1 failed"; exit 1; }
fi
if ! command -v valgrind >/dev/null && [ "$(id -u)" = 0 ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null 2>&1
fi
command -v valgrind >/dev/null || { echo "valgrind: not installed"; echo "0 passed, 1 failed"; exit 1; }

bindir=$(${PG_CONFIG:-pg_config} --bindir)
tmp=$(mktemp -d /tmp/govinfo-valgrind.XXXXXX)
mkdir "$tmp/vg"
chown -R postgres:postgres "$tmp"
port=$((55000 + $$ % 1000))
as_pg() { runuser -u postgres -- "$@"; }
cleanup() {
	as_pg "$bindir/pg_ctl" -D "$tmp/data" stop -m immediate >/dev/null 2>&1
	[ -n "${VALGRIND_KEEP:-}" ] && echo "valgrind: logs kept in $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT

as_pg "$bindir/initdb" -D "$tmp/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null ||
	{ echo "valgrind: initdb failed"; echo "0 passed, 1 failed"; exit 1; }
start=$(date +%s)
as_pg valgrind --tool=memcheck --track-origins=yes --error-limit=no --leak-check=no --num-callers=40 \
	--read-var-info=no --suppressions="$PWD/test/valgrind/postgres.supp" --log-file="$tmp/vg/%p.log" \
	"$bindir/postgres" -D "$tmp/data" -c port="$port" -c listen_addresses= -c unix_socket_directories="$tmp" \
	-c fsync=off -c jit=off -c autovacuum=off -c shared_buffers=16MB -c max_connections=20 \
	-c max_wal_senders=0 -c max_worker_processes=4 -c max_parallel_workers_per_gather=0 \
	>"$tmp/server.log" 2>&1 &
for _ in $(seq 1 300); do
	"$bindir/pg_isready" -q -h "$tmp" -p "$port" && break
	sleep 1
done
"$bindir/pg_isready" -q -h "$tmp" -p "$port" ||
	{ echo "valgrind: the server did not start"; tail -20 "$tmp/server.log"; echo "0 passed, 1 failed"; exit 1; }
echo "valgrind: server up under memcheck after $(($(date +%s) - start)) s"

export PGHOST="$tmp" PGPORT="$port" PGUSER=postgres PGDATABASE=postgres
passed=0
failed=0
t0=$(date +%s)
make_args=()
[ "$isolation" = 0 ] && make_args=(ISOLATION=)
if make installcheck "${make_args[@]}" >"$tmp/installcheck.log" 2>&1; then
	echo "ok - the regression tests pass under valgrind ($(grep -cE '\.\.\. ok|^ok ' "$tmp/installcheck.log") tests, $(($(date +%s) - t0)) s)"
	passed=$((passed + 1))
else
	echo "not ok - the regression tests pass under valgrind"
	grep -E 'FAILED|failed' "$tmp/installcheck.log" | head -10
	failed=$((failed + 1))
fi
if [ "$pgtap" = 1 ]; then
	t0=$(date +%s)
	createdb govinfo_test && psql -X -q -d govinfo_test -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION govinfo' \
		-c 'CREATE EXTENSION dblink' >/dev/null
	if pg_prove -d govinfo_test test/*.sql >"$tmp/pgtap.log" 2>&1; then
		echo "ok - the pgTAP tests pass under valgrind ($(($(date +%s) - t0)) s)"
		passed=$((passed + 1))
	else
		echo "not ok - the pgTAP tests pass under valgrind"
		tail -15 "$tmp/pgtap.log"
		failed=$((failed + 1))
	fi
fi
as_pg "$bindir/pg_ctl" -D "$tmp/data" stop -m fast -t 600 >/dev/null
wait
echo "valgrind: $(($(date +%s) - start)) s in all, $(ls "$tmp/vg" | wc -l) processes logged"

# Each memcheck error is a block of lines: a description, then "at 0x..." and "by 0x..." frames,
# and for uninitialised values the origin's frames.  Govinfo's frames: govinfo.so without debug
# information, or a function of govinfo.so in one of govinfo's source files.
# (a packaged, stripped govinfo.so has only its dynamic symbols; its frames then say "govinfo.so")
so="$(${PG_CONFIG:-pg_config} --pkglibdir)/govinfo.so"
{ nm --defined-only "$so" 2>/dev/null; nm -D --defined-only "$so" 2>/dev/null; } | awk '$2 ~ /^[tT]$/ {print $3}' |
	sort -u >"$tmp/symbols"
ls src/*.c | xargs -n1 basename | sort -u >"$tmp/files"
awk -v symfile="$tmp/symbols" -v srcfile="$tmp/files" '
	BEGIN { while ((getline s < symfile) > 0) sym[s] = 1; while ((getline f < srcfile) > 0) src[f] = 1 }
	function flush() {
		if (n >= 2 && lines[2] ~ /^ +(at|by) 0x/) {
			ours = 0
			for (i = 2; i <= n; i++) {
				if (lines[i] ~ /govinfo\.so/) ours = 1
				if (match(lines[i], /: [A-Za-z_0-9]+ \([a-z_0-9]+\.c:/)) {
					split(substr(lines[i], RSTART + 2, RLENGTH - 2), p, /[ (:]+/)
					if ((p[1] in sym) && (p[2] in src)) ours = 1
				}
			}
			block = ""
			for (i = 1; i <= n; i++) block = block "    " lines[i] "\n"
			print (ours ? "GOVINFO" : "OTHER") "\t" FILENAME "\t" lines[1]
			if (ours) printf "%s", block > (FILENAME ".govinfo")
			else printf "%s", block > (FILENAME ".other")
		}
		n = 0
	}
	FNR == 1 && NR > 1 { flush() }
	{ sub(/^==[0-9]+== ?/, "") }
	/^$/ { flush(); next }
	{ lines[++n] = $0 }
	END { flush() }
' "$tmp"/vg/*.log >"$tmp/errors"
total=$(wc -l <"$tmp/errors")
ours=$(grep -c '^GOVINFO' "$tmp/errors")
echo "memcheck errors: $total in all, $ours in govinfo's code"
if [ "$total" -gt "$ours" ]; then
	echo "errors inside PostgreSQL (not counted), by kind:"
	grep '^OTHER' "$tmp/errors" | cut -f3 | sort | uniq -c | sort -rn | head -10 | sed 's/^/  /'
	echo "  first of them:"
	cat "$tmp"/vg/*.other 2>/dev/null | head -16
fi
if [ "$ours" -gt 0 ]; then
	echo "not ok - no memcheck error in govinfo's code ($ours errors)"
	cat "$tmp"/vg/*.govinfo | head -150
	failed=$((failed + 1))
else
	echo "ok - no memcheck error in govinfo's code"
	passed=$((passed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
