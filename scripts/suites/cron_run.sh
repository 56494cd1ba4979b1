#!/usr/bin/env bash
# Inside the pg_cron cluster of scripts/suites/86-cron.sh: the recipe of doc/documents.md.
set -uo pipefail
. scripts/suites/lib.sh
db=govinfo_cron
createdb $db
q $db "CREATE EXTENSION govinfo" >/dev/null
check "govinfo installs without pg_cron in the database" q $db "SELECT count(*) FROM govinfo.report_snapshot"
q $db "CREATE EXTENSION pg_cron" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d $db -f scripts/demo/pingshan-2021.sql >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d $db -f test/data/render.sql >/dev/null
# the recipe: every minute here; in production '0 2 1-31 1 *' (02:00 every day of January)
job=$(q $db "SELECT cron.schedule('govinfo-reports', '* * * * *',
	\$\$CALL govinfo.generate_reports(2022, '{html,text}')\$\$)")
check "the job is scheduled" test -n "$job"
status=""
for _ in $(seq 1 90); do
	status=$(q $db "SELECT string_agg(status, ',') FROM cron.job_run_details WHERE jobid = $job AND status IN ('succeeded', 'failed')")
	[ -n "$status" ] && break
	sleep 2
done
echo "# job_run_details: ${status:-none}"
q $db "SELECT return_message FROM cron.job_run_details WHERE jobid = $job" | sed 's/^/# /'
check "a run of the job completed (cron.job_run_details)" grep -q succeeded <<<"$status"
check "no run failed" bash -c "! grep -q failed <<<'$status'"
q $db "SELECT cron.unschedule($job)" >/dev/null
same "the run wrote one snapshot per agency with a report and format" \
	"$(q $db "SELECT count(*), count(DISTINCT (agency_id, format)) FROM govinfo.report_snapshot WHERE year = 2022")" "2|2"
same "the snapshot is the rendered document" \
	"$(q $db "SELECT (govinfo.latest_snapshot('test-bureau', 2022, 'text')).content = govinfo.render_report('test-bureau', 2022, 'text')")" "t"
same "the run is recorded as done" "$(q $db "SELECT status, done FROM govinfo.generate_run")" "done|2"
finish
