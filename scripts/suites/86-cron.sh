#!/usr/bin/env bash
# Suite: the pg_cron recipe of doc/documents.md. Starts its own throwaway cluster (pg_virtualenv -t,
# beside the suite's) with shared_preload_libraries = 'pg_cron' (Debian's postgresql-15-cron,
# installed by scripts/install-deps.sh --cron when missing), schedules generate_reports, waits for
# the run to complete (cron.job_run_details) and checks the snapshots it wrote. govinfo itself never
# needs pg_cron: every other suite runs without it.
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/suites/lib.sh
lib=$(pg_config --pkglibdir)
ver=$(pg_config --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
[ -f "$lib/pg_cron.so" ] || bash scripts/install-deps.sh --cron >/dev/null 2>&1 || true
if [ ! -f "$lib/pg_cron.so" ]; then
	echo "pg_cron is not installed and could not be installed"
	echo "0 passed, 1 failed"
	exit 1
fi
out=$(mktemp)
chmod 644 "$out"
# the job connects over the cluster's Unix socket (cron.host), as the user who scheduled it
env -u PGHOST -u PGPORT -u PGDATABASE -u PGUSER -u PGPASSWORD \
	pg_virtualenv -t -v "$ver" -i '--encoding=UTF8 --locale=C.UTF-8' \
	-o shared_preload_libraries=pg_cron -o cron.database_name=govinfo_cron \
	-o cron.use_background_workers=on -o max_worker_processes=16 \
	bash scripts/suites/cron_run.sh >"$out" 2>&1
cat "$out"
passed=$(grep -c '^ok ' "$out")
failed=$(grep -c '^not ok ' "$out")
[ "$passed" -eq 0 ] && failed=$((failed + 1))
rm -f "$out"
finish
