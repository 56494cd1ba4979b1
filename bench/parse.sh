#!/usr/bin/env bash
# Parse and import speed, on one core (no parallel workers).  Run under the shared lock:
#   flock /tmp/govinfo-pg.lock bash -c 'make install && bash scripts/virtualenv.sh bash bench/parse.sh'
# 1. govinfo.parse_report on the seed (test/corpus/F1/pingshan-2021.txt, ~9 KB) and on the crawler
#    dump test/data/parse/f6-tiny-2022.txt, N times each in one query: documents per second.
# 2. The HTML path against the text path per byte: an F7 page (test/corpus/F7/f7-page-pingshan-jtj-2022.html,
#    the same county's report of the next year) against the seed, N/4 times each: MB per second.
# 3. govinfo.import_report of IMPORT_N (10,000) distinct documents in one INSERT … SELECT: copies of the seed,
#    each with its own agency name (平山X鎮, X one CJK character per copy), into an empty published_report;
#    then again with published_report's audit trigger disabled, to show what the audit entries cost; then
#    with the audit through the PL/pgSQL import_report of 0.6.0 (a temporary function), to compare in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${PARSE_N:-20000}"
IMPORT_N="${IMPORT_N:-10000}"
echo "machine: nproc $(nproc), $(uptime | sed 's/.*load/load/')"
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS govinfo' >/dev/null
# an empty published_report (and audit log) for the import: a run in a used database starts afresh
psql -X -q -v ON_ERROR_STOP=1 -c 'TRUNCATE govinfo.published_report' >/dev/null
run() {		# file, count: parse_report of count copies of file
	psql -X -q -At -v ON_ERROR_STOP=1 -v doc="$(cat "$1")" -v n="$2" -v f="$1" <<'SQL'
SET max_parallel_workers_per_gather = 0;
SELECT govinfo.parse_report(:'doc') IS NOT NULL \g /dev/null
CREATE TEMP TABLE d AS SELECT :'doc' || repeat(' ', i % 2) AS doc FROM generate_series(1, :n) i;
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) FILTER (WHERE (govinfo.parse_report(doc)).complete) FROM d \g /dev/null
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS secs \gset
SELECT format('parse %s: %s documents of %s bytes, %s per second, %s MB/s', :'f', :n, octet_length(:'doc'),
	round(:n / :secs), round(:n * octet_length(:'doc') / :secs / 1e6, 2));
SQL
}
run test/corpus/F1/pingshan-2021.txt "$N"
run test/data/parse/f6-tiny-2022.txt "$N"
run test/corpus/F7/f7-page-pingshan-jtj-2022.html "$((N / 4))"
run test/corpus/F1/pingshan-2021.txt "$((N / 4))"
psql -X -q -At -v ON_ERROR_STOP=1 -v doc="$(cat test/corpus/F1/pingshan-2021.txt)" -v n="$IMPORT_N" <<'SQL'
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE d AS
	SELECT replace(:'doc', '平山鎮', '平山' || chr(19968 + i) || '鎮') AS doc FROM generate_series(1, :n) i;
SELECT count(DISTINCT doc) = :n AS distinct_documents FROM d \gset
SELECT clock_timestamp() AS t0 \gset
CREATE TEMP TABLE ids (id bigint);
INSERT INTO ids SELECT govinfo.import_report(doc) FROM d;
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS secs \gset
SELECT format('import_report: %s distinct documents (%s) in one INSERT … SELECT, %s rows stored (%s complete), %s per second',
	:n, :'distinct_documents', count(*), count(*) FILTER (WHERE complete), round(:n / :secs))
FROM govinfo.published_report;
-- the same without the audit trigger of published_report (what the audit entries cost), then with it again
TRUNCATE govinfo.published_report;
ALTER TABLE govinfo.published_report DISABLE TRIGGER published_report_audit;
SELECT clock_timestamp() AS t0 \gset
INSERT INTO ids SELECT govinfo.import_report(doc) FROM d;
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS secs \gset
ALTER TABLE govinfo.published_report ENABLE TRIGGER published_report_audit;
SELECT format('import_report without the audit trigger: %s rows stored, %s per second', count(*), round(:n / :secs))
FROM govinfo.published_report;
-- the same with the audit, through import_report as it was in 0.6.0 (PL/pgSQL), for a comparison in the same run
TRUNCATE govinfo.published_report;
CREATE FUNCTION pg_temp.import_report_060(document text, source_url text DEFAULT NULL, agency_code text DEFAULT NULL)
	RETURNS bigint LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	h text := pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(document, 'UTF8')), 'hex');
	p govinfo.parsed_report;
	a bigint;
	found_id bigint;
BEGIN
	SELECT r.id INTO found_id FROM govinfo.published_report r WHERE r.document_sha256 OPERATOR(pg_catalog.=) h;
	IF found_id IS NOT NULL THEN
		RETURN found_id;
	END IF;
	p := govinfo.parse_report(document);
	IF agency_code IS NOT NULL THEN
		a := govinfo.agency_id(agency_code);
	ELSIF p.agency_name IS NOT NULL THEN
		SELECT CASE WHEN count(*) FILTER (WHERE g.name OPERATOR(pg_catalog.=) p.agency_name) OPERATOR(pg_catalog.=) 1
				THEN min(g.agency_id) FILTER (WHERE g.name OPERATOR(pg_catalog.=) p.agency_name)
			WHEN count(*) FILTER (WHERE g.name OPERATOR(pg_catalog.=) p.agency_name) OPERATOR(pg_catalog.=) 0
				AND count(*) OPERATOR(pg_catalog.=) 1 THEN min(g.agency_id) END
		INTO a FROM govinfo.agency g
		WHERE govinfo.agency_name_key(g.name) OPERATOR(pg_catalog.=) govinfo.agency_name_key(p.agency_name);
	END IF;
	INSERT INTO govinfo.published_report AS r (agency_id, agency_name, year, format, source_url,
		document_sha256, document, title, published_on, disclosures, requests, appeals, overview,
		problems, other_matters, complete, layout, warnings)
	VALUES (a, p.agency_name, p.year, p.format, source_url, h, document, p.title, p.published_on,
		p.disclosures, p.requests, p.appeals, p.overview, p.problems, p.other_matters,
		coalesce(p.complete, false), coalesce(p.layout, 'none'), coalesce(p.warnings, '[]'))
	ON CONFLICT (document_sha256) DO NOTHING
	RETURNING r.id INTO found_id;
	IF found_id IS NULL THEN
		SELECT r.id INTO found_id FROM govinfo.published_report r WHERE r.document_sha256 OPERATOR(pg_catalog.=) h;
	END IF;
	RETURN found_id;
END
$$;
SELECT clock_timestamp() AS t0 \gset
INSERT INTO ids SELECT pg_temp.import_report_060(doc) FROM d;
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS secs \gset
SELECT format('import_report of 0.6.0 (PL/pgSQL), with the audit: %s rows stored, %s per second', count(*), round(:n / :secs))
FROM govinfo.published_report;
SQL
