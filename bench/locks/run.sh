#!/usr/bin/env bash
# bench/locks: a mixed load of publish_report, reopen_report, refresh_report(s) and inserts of
# applications on a few agencies at READ COMMITTED, counting the deadlocks (SQLSTATE 40P01). Runs
# inside a cluster given by the PG* environment, under the project's lock, e.g.
#   flock /tmp/govinfo-pg.lock bash scripts/virtualenv.sh bash bench/locks/run.sh
#
# Parameters (environment):
#   LOCKS_SECONDS=45     duration of the pgbench run
#   LOCKS_CLIENTS=4      pgbench clients (one thread each)
#   LOCKS_AGENCIES=8     agencies the load is spread over
#   LOCKS_PENDING=file   SQL applied after CREATE EXTENSION (@extschema@ replaced by govinfo), e.g.
#                        bench/locks/variant_blocking.sql; unset: the installed schema alone
#   LOCKS_OUT=bench/locks/out   pgbench's output, its error messages and per-transaction logs
# Prints pgbench's report and ends with "deadlocks: N in M transactions".
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${LOCKS_SECONDS:-45}"
clients="${LOCKS_CLIENTS:-4}"
agencies="${LOCKS_AGENCIES:-8}"
out="${LOCKS_OUT:-bench/locks/out}"
db=govinfo_locks
dir=bench/locks

rm -rf "$out"
mkdir -p "$out"
dropdb --if-exists "$db"
createdb "$db"
export PGDATABASE="$db"
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION govinfo'
if [ -n "${LOCKS_PENDING:-}" ]; then
	sed 's/@extschema@/govinfo/g' "$LOCKS_PENDING" | psql -X -q -v ON_ERROR_STOP=1 >/dev/null
	echo "applied $LOCKS_PENDING"
fi
psql -X -q -v agencies="$agencies" -f "$dir/setup.sql"

# weights: records are written most, publications and reopenings balance
pgbench -n -c "$clients" -j "$clients" -T "$seconds" -D agencies="$agencies" \
	--failures-detailed --verbose-errors -l --log-prefix="$out/txn" \
	-f "$dir/insert.pgbench@4" -f "$dir/enter.pgbench@2" \
	-f "$dir/refresh.pgbench@2" -f "$dir/refresh_deferred.pgbench@1" -f "$dir/refresh_all.pgbench@1" \
	-f "$dir/publish.pgbench@3" -f "$dir/reopen.pgbench@3" \
	>"$out/pgbench.txt" 2>"$out/errors.txt" || true
cat "$out/pgbench.txt"

# the failed transactions in the per-transaction logs (with --failures-detailed their kind, "deadlock"
# or "serialization", stands in the time column), and the server's messages pgbench printed (a
# transaction cut off by the end of the run is printed but not logged)
logged=$(cat "$out"/txn.* | awk '$3 == "deadlock"' | wc -l)
messages=$(grep -c 'deadlock detected' "$out/errors.txt" || true)
others=$(grep -E 'ERROR' "$out/errors.txt" | grep -vc 'deadlock detected' || true)
total=$(sed -nE 's/^number of transactions actually processed: ([0-9]+).*/\1/p' "$out/pgbench.txt")
failed=$(sed -nE 's/^number of failed transactions: ([0-9]+).*/\1/p' "$out/pgbench.txt")
# what the load left: published reports must hold exactly the figures derived from the records
psql -X -q -c "SELECT count(*) FILTER (WHERE r.published_at IS NOT NULL) AS published,
	count(*) FILTER (WHERE r.published_at IS NOT NULL
		AND r.requests::text IS DISTINCT FROM (govinfo.derive_report(g.code, 2021)).requests::text) AS published_stale,
	(SELECT count(*) FROM govinfo.report_version) AS reopenings,
	(SELECT count(*) FROM govinfo.application) AS applications
	FROM govinfo.annual_report r JOIN govinfo.agency g USING (agency_id) WHERE r.year = 2021"
echo "per-transaction logs: $logged deadlocks; error messages: $messages 'deadlock detected', $others other errors"
echo "deadlocks: $logged in $((${total:-0} + ${failed:-0})) transactions"
