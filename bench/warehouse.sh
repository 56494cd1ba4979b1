#!/usr/bin/env bash
# The warehouse benchmark (0.5.0): a 20,000-agency province (province → 20 cities → 200 counties →
# townships), a stored 2022 report for every agency, applications, and:
#   1. rollup_report of the province from stored reports (target ≤ 50 ms);
#   2. rollup_differences(2022) for every county, city and the province (target ≤ 1 s);
#   3. reading applications with row-level security (an editor of the whole province, and a county
#      editor) against the same query by the owner without it, same rows (target ≤ 1.2×);
#   4. loading applications: COPY into a plain table with the same columns; COPY into
#      govinfo.application by the owner (every check and the audit on); an editor's load, which must be
#      INSERT … SELECT (PostgreSQL refuses COPY FROM under row-level security) from a temporary table
#      it COPYs into (target ≥ 0.9× the plain table).
# Runs in the scripts/virtualenv.sh cluster, so hold the lock:
#   flock /tmp/govinfo-pg.lock bash -c 'make install && bash scripts/virtualenv.sh bash bench/warehouse.sh'
# Parameters: WH_APPS (applications, default 1000000), WH_RUNS (timed runs, median reported, default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
apps=${WH_APPS:-1000000}
runs=${WH_RUNS:-5}
db=govinfo_wh_bench
dropdb --if-exists $db >/dev/null 2>&1; createdb $db
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d $db "$@"; }
q -c "CREATE EXTENSION govinfo"
q <<'SQL'
-- the tree: 1 province, 20 cities, 200 counties, 19,779 townships (20,000 agencies)
INSERT INTO govinfo.agency (agency_id, code, name, reports_rollup) VALUES (1, 'prov', '省', true);
INSERT INTO govinfo.agency (agency_id, code, name, parent_id, reports_rollup)
SELECT 1 + c, 'city-' || c, '市' || c, 1, true FROM generate_series(1, 20) c;
INSERT INTO govinfo.agency (agency_id, code, name, parent_id, reports_rollup)
SELECT 21 + k, 'county-' || k, '县' || k, 2 + (k - 1) % 20, true FROM generate_series(1, 200) k;
INSERT INTO govinfo.agency (agency_id, code, name, parent_id)
SELECT 221 + t, 'town-' || t, '镇' || t, 22 + (t - 1) % 200 FROM generate_series(1, 19779) t;
-- a stored report for every agency (the counties' own reports differ from their roll-up in a few cells)
INSERT INTO govinfo.annual_report (agency_id, year, requests, appeals, disclosures, source)
SELECT g.agency_id, 2022,
	format('2021|1:%s,1,0,0,0,0,%s|3.1:%s,1,0,0,0,0,%s|3.7:%s,1,0,0,0,0,%s|4:0,0,0,0,0,0,0',
		g.agency_id % 7, g.agency_id % 7 + 1, g.agency_id % 7, g.agency_id % 7 + 1, g.agency_id % 7, g.agency_id % 7 + 1)::govinfo.request_figures,
	format('review:%s,0,0,0,%s|suit:0,0,0,0,0|suit_after_review:,,,,', g.agency_id % 3, g.agency_id % 3)::govinfo.appeal_figures,
	format('2021|2.1.2:1,0,%s|2.6.1:%s', g.agency_id % 5, g.agency_id % 11)::govinfo.disclosure_figures, 'entered'
FROM govinfo.agency g;
SQL
q -c "SET session_replication_role = replica; INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on)
	SELECT 222 + (i % 19779), date '2022-01-01' + (i % 360), 'np', '3.1', date '2022-01-01' + (i % 360) + 5 FROM generate_series(1, $apps) i"
q -c "VACUUM ANALYZE"
q >/dev/null <<'SQL'
CREATE ROLE wh_province_editor; CREATE ROLE wh_county_editor;
SELECT govinfo.grant_access('wh_province_editor', 'prov', 'edit');
SELECT govinfo.grant_access('wh_county_editor', 'county-7', 'edit');
-- median of N runs of a statement, in ms
-- (prep: statements run before each run, untimed; stmt: ';'-separated statements, timed)
CREATE FUNCTION public.ms(stmt text, n int, prep text DEFAULT '') RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE t timestamptz; x numeric[] := '{}'; s text;
BEGIN
	FOR i IN 1..n LOOP
		FOREACH s IN ARRAY string_to_array(prep, ';') LOOP CONTINUE WHEN btrim(s) = ''; EXECUTE s; END LOOP;
		t := clock_timestamp();
		FOREACH s IN ARRAY string_to_array(stmt, ';') LOOP CONTINUE WHEN btrim(s) = ''; EXECUTE s; END LOOP;
		x := x || extract(epoch FROM clock_timestamp() - t)::numeric * 1000;
	END LOOP;
	RETURN round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) FROM unnest(x) v)::numeric, 1);
END $$;
GRANT EXECUTE ON FUNCTION public.ms(text, int, text) TO PUBLIC;
SQL
echo "# warehouse bench: 20,000 agencies, $apps applications, median of $runs runs"
echo "rollup_report(prov, 2022, stored): $(q -c "SELECT public.ms(\$\$SELECT * FROM govinfo.rollup_report('prov', 2022, 'stored')\$\$, $runs)") ms (target <= 50)"
echo "  first call of a session (reads the agency tree into the backend): $(q -c "SELECT public.ms(\$\$SELECT * FROM govinfo.rollup_report('prov', 2022, 'stored')\$\$, 1)") ms"
echo "  the same sums with the recursive walk of the tree in SQL (before 0.6.0's kept tree): $(q -c "SET jit = off; SELECT public.ms(\$\$WITH RECURSIVE t(agency_id, reports_rollup) AS (
	SELECT g.agency_id, g.reports_rollup FROM govinfo.agency g WHERE g.agency_id = 1
	UNION ALL SELECT c.agency_id, c.reports_rollup FROM t JOIN govinfo.agency c ON c.parent_id = t.agency_id)
SELECT govinfo.sum(r.disclosures), govinfo.sum(r.requests), govinfo.sum(r.appeals), count(*), count(*) FILTER (WHERE r.agency_id IS NULL)
FROM t LEFT JOIN govinfo.annual_report r ON r.agency_id = t.agency_id AND r.year = 2022 WHERE NOT t.reports_rollup\$\$, $runs)") ms"
echo "rollup_report(county-7, 2022, stored): $(q -c "SELECT public.ms(\$\$SELECT * FROM govinfo.rollup_report('county-7', 2022, 'stored')\$\$, $runs)") ms"
echo "rollup_differences(2022), 221 roll-up agencies: $(q -c "SELECT public.ms(\$\$SELECT count(*) FROM govinfo.rollup_differences(2022)\$\$, $runs)") ms (target <= 1000)"
echo "  differing cells: $(q -c "SELECT count(*) FROM govinfo.rollup_differences(2022)")"
read_q="SELECT count(*), count(DISTINCT agency_id) FROM govinfo.application WHERE received_on >= '2022-03-01'"
own=$(q -c "SELECT public.ms(\$\$$read_q\$\$, $runs)")
prov=$(q -c "SET ROLE wh_province_editor; SELECT public.ms(\$\$$read_q\$\$, $runs)" | tail -1)
same=$(q -c "SET ROLE wh_province_editor; $read_q" | tail -1)
echo "read, whole province: owner (no RLS) $own ms, province editor (RLS) $prov ms, ratio $(echo "scale=2; $prov / $own" | bc) (target <= 1.2); rows $same = $(q -c "$read_q")"
county_ids=$(q -c "SELECT array_agg(agency_id)::text FROM govinfo.agency_tree('county-7')")
own_c=$(q -c "SELECT public.ms(\$\$$read_q AND agency_id = ANY ('$county_ids'::bigint[])\$\$, $runs)")
cty=$(q -c "SET ROLE wh_county_editor; SELECT public.ms(\$\$$read_q\$\$, $runs)" | tail -1)
echo "read, one county: owner with the county's agencies in WHERE $own_c ms, county editor (RLS) $cty ms, ratio $(echo "scale=2; $cty / $own_c" | bc)"
own_one=$(q -c "SELECT public.ms(\$\$$read_q AND agency_id = 228\$\$, $runs)")
cty_one=$(q -c "SET ROLE wh_county_editor; SELECT public.ms(\$\$$read_q AND agency_id = 228\$\$, $runs)" | tail -1)
echo "read, one township with agency_id = in WHERE: owner $own_one ms, county editor (RLS) $cty_one ms, ratio $(echo "scale=2; $cty_one / $own_one" | bc)"
echo "plan of the editor's read:"; q -c "SET ROLE wh_county_editor; EXPLAIN $read_q" | sed 's/^/    /'
# loading: the same rows, a file on the server
q -c "COPY (SELECT 222 + (i % 19779), date '2023-01-01' + (i % 360), 'np', '3.1', date '2023-01-01' + (i % 360) + 5 FROM generate_series(1, $apps) i) TO '/tmp/govinfo-wh-load.tsv'"
chmod 644 /tmp/govinfo-wh-load.tsv
# the plain table holds the same rows and indexes, and each run deletes the rows of the run before,
# as for govinfo.application
q -c "CREATE TABLE public.plain_application (LIKE govinfo.application INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES);
	INSERT INTO public.plain_application OVERRIDING SYSTEM VALUE SELECT * FROM govinfo.application;
	SELECT setval(pg_get_serial_sequence('public.plain_application', 'application_id'), (SELECT max(application_id) FROM public.plain_application))" >/dev/null
plain=$(q -c "SELECT public.ms(\$\$COPY public.plain_application (agency_id, received_on, applicant, outcome, closed_on) FROM '/tmp/govinfo-wh-load.tsv'\$\$, $runs, \$\$DELETE FROM public.plain_application WHERE received_on >= '2023-01-01'\$\$)")
owner_copy=$(q -c "SELECT public.ms(\$\$COPY govinfo.application (agency_id, received_on, applicant, outcome, closed_on) FROM '/tmp/govinfo-wh-load.tsv'\$\$, $runs, \$\$DELETE FROM govinfo.application WHERE received_on >= '2023-01-01'\$\$)")
q -c "DELETE FROM govinfo.application WHERE received_on >= '2023-01-01'"
q -c "GRANT pg_read_server_files TO wh_province_editor"
editor=$(q -c "SET ROLE wh_province_editor; CREATE TEMP TABLE load (agency_id bigint, received_on date, applicant govinfo.applicant, outcome govinfo.outcome, closed_on date);
	SELECT public.ms(\$\$COPY load FROM '/tmp/govinfo-wh-load.tsv';
	INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on) SELECT * FROM load\$\$, $runs,
	\$\$TRUNCATE load; DELETE FROM govinfo.application WHERE received_on >= '2023-01-01'\$\$)" | tail -1)
owner_via=$(q -c "CREATE TEMP TABLE load (agency_id bigint, received_on date, applicant govinfo.applicant, outcome govinfo.outcome, closed_on date);
	SELECT public.ms(\$\$COPY load FROM '/tmp/govinfo-wh-load.tsv';
	INSERT INTO govinfo.application (agency_id, received_on, applicant, outcome, closed_on) SELECT * FROM load\$\$, $runs,
	\$\$TRUNCATE load; DELETE FROM govinfo.application WHERE received_on >= '2023-01-01'\$\$)" | tail -1)
q -c "DELETE FROM govinfo.application WHERE received_on >= '2023-01-01'"
echo "load $apps rows: COPY into a plain table $plain ms; COPY into govinfo.application by the owner (checks, lock, audit) $owner_copy ms, speed $(echo "scale=2; $plain / $owner_copy" | bc) of plain (target >= 0.9)"
echo "  editor (RLS: COPY FROM refused, 0A000): COPY into a temporary table + INSERT … SELECT $editor ms, speed $(echo "scale=2; $plain / $editor" | bc) of plain"
echo "  the same temporary table + INSERT … SELECT by the owner (no RLS): $owner_via ms, speed $(echo "scale=2; $plain / $owner_via" | bc) of plain"
echo "  audit entries of one load: $(q -c "SELECT count(*) FROM govinfo.audit_log WHERE table_name = 'application' AND action = 'INSERT' AND year = 2023") (agency × year of the last loads)"
rm -f /tmp/govinfo-wh-load.tsv
dropdb $db
q() { :; }
psql -X -q -d postgres -c "DROP ROLE wh_province_editor" -c "DROP ROLE wh_county_editor" >/dev/null 2>&1 || true
