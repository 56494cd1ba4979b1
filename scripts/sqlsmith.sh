#!/usr/bin/env bash
# Random SQL from sqlsmith (Debian's package sqlsmith) against a database holding govinfo and data:
# the 平山镇 2021 report, the demo records (a few thousand applications, appeal cases, documents,
# decisions, fees), derived reports for 2020-2022 and one published report.
#
# sqlsmith runs as an ordinary role that may read and write govinfo's tables (it generates INSERT,
# UPDATE and DELETE too) and sees, through a pg_proc view placed before pg_catalog on its
# search_path, govinfo's functions and only the stable or immutable core functions on the basic
# types, so that a good share of its queries call govinfo.  Errors are logged with
# log_error_verbosity = verbose, which names the C function and file that raised each one.
# Asserted: the server still answers; no backend crash in the server log; no XX error raised
# in govinfo's code (a LOCATION in one of govinfo's source files, at a function of govinfo.so).
# XX errors raised by PostgreSQL itself are listed, not counted.  Ends with "N passed, N failed".
#
#   bash scripts/sqlsmith.sh            # build, install, throwaway cluster, 20,000 queries (make sqlsmith)
#   bash scripts/sqlsmith.sh --here     # against the running cluster (PG* environment), 5,000 queries
#                                       # or 90 s: the suite scripts/suites/70-sqlsmith.sh
# Options: --queries N (SMITH_QUERIES), --long (20,000 queries, no time bound), --seed N (SMITH_SEED,
# default 1), --seconds N (SMITH_SECONDS) time bound.  On the shared development machine hold the
# lock: flock /tmp/govinfo-pg.lock bash scripts/sqlsmith.sh
set -uo pipefail
cd "$(dirname "$0")/.."

here=0
queries=${SMITH_QUERIES:-}
seed=${SMITH_SEED:-1}
seconds=${SMITH_SECONDS:-}
args=("$@")
while [ $# -gt 0 ]; do
	case "$1" in
	--here) here=1 ;;
	--long) queries=${queries:-20000}; seconds=${seconds:-7200} ;;
	--queries) queries=$2; shift ;;
	--seed) seed=$2; shift ;;
	--seconds) seconds=$2; shift ;;
	*) echo "usage: $0 [--here] [--long] [--queries N] [--seed N] [--seconds N]" >&2; exit 2 ;;
	esac
	shift
done

if [ "$here" = 0 ]; then
	bash scripts/install-deps.sh || exit 1
	make >/dev/null && make install >/dev/null || { echo "sqlsmith: build failed"; echo "0 passed, 1 failed"; exit 1; }
	SMITH_QUERIES=${queries:-20000} SMITH_SECONDS=${seconds:-7200} exec bash scripts/virtualenv.sh bash "$0" --here "${args[@]}"
fi
queries=${queries:-5000}
seconds=${seconds:-90}

if ! command -v sqlsmith >/dev/null; then
	if [ "$(id -u)" = 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlsmith >/dev/null 2>&1
	fi
	command -v sqlsmith >/dev/null || { echo "sqlsmith: the sqlsmith package is not installed"; echo "0 passed, 1 failed"; exit 1; }
fi

db=govinfo_smith
role=govinfo_smith
password="smith-$$-$RANDOM"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PSQL=(psql -X -q -v ON_ERROR_STOP=1)

serverlog=$(pg_lsclusters -h 2>/dev/null | awk -v p="${PGPORT:-5432}" '$3 == p {print $7}' | head -1)
[ -r "$serverlog" ] || serverlog=""

dropdb --if-exists "$db" >/dev/null 2>&1
psql -X -q -d postgres -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1
createdb "$db" || { echo "sqlsmith: createdb failed"; echo "0 passed, 1 failed"; exit 1; }
"${PSQL[@]}" -d "$db" -v db="$db" -v role="$role" -v password="$password" >/dev/null <<'EOF' ||
CREATE EXTENSION govinfo;
\i scripts/demo/pingshan-2021.sql
\i scripts/demo/records.sql
SELECT govinfo.refresh_reports(y) FROM generate_series(2020, 2022) y;
SELECT govinfo.publish_report('pingshan-land', 2021);
ANALYZE;

CREATE ROLE :"role" LOGIN PASSWORD :'password';
GRANT USAGE ON SCHEMA govinfo TO :"role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA govinfo TO :"role";
GRANT USAGE ON ALL SEQUENCES IN SCHEMA govinfo TO :"role";
-- What sqlsmith sees as pg_proc (it reads "pg_proc" unqualified): govinfo's functions and the
-- non-volatile core functions on basic types (a sample).  The view sits in information_schema, which
-- --exclude-catalog keeps out of the generated queries, ahead of pg_catalog on the role's path.
CREATE VIEW information_schema.pg_proc AS
SELECT * FROM pg_catalog.pg_proc p
WHERE p.pronamespace = 'govinfo'::regnamespace
	OR (p.pronamespace = 'pg_catalog'::regnamespace AND p.provolatile <> 'v' AND p.prokind = 'f'
		AND hashtext(p.proname) % 24 = 0	-- a few of them, so that most calls are govinfo's
		AND p.prorettype = ANY ('{int4,int8,numeric,text,bool,date,jsonb}'::regtype[])
		AND p.proargtypes::oid[] <@ '{int4,int8,numeric,text,bool,date,jsonb}'::regtype[]::oid[]);
GRANT SELECT ON information_schema.pg_proc TO :"role";
ALTER ROLE :"role" IN DATABASE :"db" SET search_path = information_schema, pg_catalog, govinfo, public;
-- every error with its SQLSTATE and the C function and file that raised it; calls of functions counted
ALTER DATABASE :"db" SET log_error_verbosity = verbose;
ALTER DATABASE :"db" SET track_functions = 'all';
EOF
	{ echo "sqlsmith: setting up the database failed"; echo "0 passed, 1 failed"; exit 1; }

before=0
[ -n "$serverlog" ] && before=$(stat -c %s "$serverlog")
conn="host=${PGHOST:-localhost} port=${PGPORT:-5432} dbname=$db user=$role password=$password"
echo "sqlsmith $(sqlsmith --version 2>&1 | head -1 | sed 's/^SQLsmith //'): up to $queries queries, seed $seed, at most $seconds s"
start=$(date +%s)
timeout --signal=INT "$seconds" sqlsmith --target="$conn" --seed="$seed" --max-queries="$queries" \
	--exclude-catalog --verbose >/dev/null 2>"$work/smith.err"
rc=$?
elapsed=$(($(date +%s) - start))

ran=$(sed -nE 's/^queries: ([0-9]+).*/\1/p' "$work/smith.err" | tail -1)
echo "sqlsmith exit status $rc: ${ran:-?} queries in $elapsed s"
grep -aE '^error rate' "$work/smith.err" | tail -1
sleep 1
psql -X -At -d "$db" -c "SELECT format('govinfo functions called: %s of %s, %s calls', count(*) FILTER (WHERE s.calls > 0),
	count(*), coalesce(sum(s.calls), 0)) FROM pg_proc p LEFT JOIN pg_stat_user_functions s ON s.funcid = p.oid
	WHERE p.pronamespace = 'govinfo'::regnamespace AND p.prokind = 'f'"
psql -X -At -d "$db" -c "SELECT 'core functions sqlsmith may call: ' || count(*) FROM information_schema.pg_proc
	WHERE pronamespace = 'pg_catalog'::regnamespace"
psql -X -At -d "$db" -c "SELECT 'never called: ' || string_agg(DISTINCT p.proname, ' ') FROM pg_proc p
	LEFT JOIN pg_stat_user_functions s ON s.funcid = p.oid
	WHERE p.pronamespace = 'govinfo'::regnamespace AND p.prokind = 'f' AND coalesce(s.calls, 0) = 0"
echo "most frequent errors:"
grep -aP '^\d+\t' "$work/smith.err" | sort -t$'\t' -k1,1nr | awk -F'\t' '!seen[$2]++' | head -15 | sed 's/^/  /'

passed=0
failed=0
check() {
	if [ "$2" = 0 ]; then
		echo "ok - $1"
		passed=$((passed + 1))
	else
		echo "not ok - $1"
		failed=$((failed + 1))
	fi
}

# sqlsmith ran (exit 0, or 124 when the time bound stopped it): a run that never started proves nothing
check "sqlsmith ran ${ran:-no} queries" "$([ "${ran:-0}" -gt 0 ] && { [ "$rc" = 0 ] || [ "$rc" = 124 ]; } && echo 0 || echo 1)"
[ "${ran:-0}" -gt 0 ] || tail -5 "$work/smith.err"

# the server answers
alive=1
for _ in $(seq 1 60); do
	psql -X -q -d "$db" -c 'SELECT 1' >/dev/null 2>&1 && { alive=0; break; }
	sleep 1
done
check "the server still answers" "$alive"

if [ -z "$serverlog" ]; then
	echo "note: the server log was not found; crashes and XX errors cannot be checked there"
	check "the server log was found" 1
	echo "$passed passed, $failed failed"
	exit 1
fi
tail -c +$((before + 1)) "$serverlog" >"$work/log"

grep -E 'terminated by signal|terminated by exception|PANIC|TRAP:' "$work/log" >"$work/crashes"
if [ -s "$work/crashes" ]; then
	echo "backend crashes:"
	grep -A1 -E 'terminated by signal|terminated by exception' "$work/log" | sed 's/^/  /' | head -20
fi
check "no backend crash (server log)" "$([ -s "$work/crashes" ] && echo 1 || echo 0)"

# XX errors: the ERROR line, then LOCATION: function, file:line (log_error_verbosity = verbose)
pkglib=$(${PG_CONFIG:-pg_config} --pkglibdir)
{ nm --defined-only "$pkglib/govinfo.so" 2>/dev/null; nm -D --defined-only "$pkglib/govinfo.so" 2>/dev/null; } |
	awk '$2 ~ /^[tT]$/ {print $3}' | sort -u >"$work/symbols"
ls src/*.c | xargs -n1 basename | sort -u >"$work/files"
nm -D --defined-only "$(${PG_CONFIG:-pg_config} --bindir)/postgres" 2>/dev/null | awk '{print $3}' | sort -u >"$work/pgsymbols"
awk '
	/ (ERROR|FATAL|PANIC):  / { if (err != "") print err "\t"; err = "" }
	/ (ERROR|FATAL|PANIC):  XX[0-9A-Z][0-9A-Z][0-9A-Z]: / { err = $0; next }
	/ LOCATION:  / { if (err != "") print err "\t" $0; err = "" }
	END { if (err != "") print err "\t" }' "$work/log" >"$work/xx"
: >"$work/xx_govinfo"
: >"$work/xx_other"
while IFS=$'\t' read -r err loc; do
	fn=$(sed -nE 's/.*LOCATION:  ([^,]+), ([^:]+):[0-9]+.*/\1/p' <<<"$loc")
	file=$(sed -nE 's/.*LOCATION:  ([^,]+), ([^:]+):[0-9]+.*/\2/p' <<<"$loc")
	line="${err#* ERROR:  } [${fn:-?}, ${file:-?}]"
	# govinfo's: raised in one of its source files, by one of its functions or at least not by a
	# function the server exports (its catalog.c has a namesake in PostgreSQL; a packaged govinfo.so
	# is stripped of its static functions' names)
	if [ -n "$file" ] && grep -qxF "$file" "$work/files" &&
		{ grep -qxF "$fn" "$work/symbols" || ! grep -qxF "$fn" "$work/pgsymbols"; }; then
		echo "$line" >>"$work/xx_govinfo"
	else
		echo "$line" >>"$work/xx_other"
	fi
done <"$work/xx"
if [ -s "$work/xx_govinfo" ]; then
	echo "XX errors raised by govinfo:"
	sort "$work/xx_govinfo" | uniq -c | sort -rn | head -20 | sed 's/^/  /'
	grep -A3 -E ' ERROR:  XX' "$work/log" | grep -E 'STATEMENT' | head -5 | sed 's/^/  /'
fi
if [ -s "$work/xx_other" ]; then
	echo "XX errors raised by PostgreSQL itself (not counted):"
	sort "$work/xx_other" | uniq -c | sort -rn | head -10 | sed 's/^/  /'
fi
check "no XX error raised by govinfo ($(wc -l <"$work/xx") XX errors in all)" "$([ -s "$work/xx_govinfo" ] && echo 1 || echo 0)"
govinfo_calls=$(grep -c 'govinfo\.' "$work/log")
echo "server log: $(grep -c ' ERROR:  ' "$work/log") errors logged, $govinfo_calls log lines naming govinfo"

dropdb --if-exists "$db" >/dev/null 2>&1
psql -X -q -d postgres -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
