#!/usr/bin/env bash
# Parse speed: govinfo.parse_report on the seed (test/corpus/F1/pingshan-2021.txt, ~9 KB) and on
# the crawler dump test/data/parse/f6-tiny-2022.txt, N times each in one query on one core (no parallel
# workers); prints documents per second.  Run under the shared lock:
#   flock /tmp/govinfo-pg.lock bash -c 'make install && bash scripts/virtualenv.sh bash bench/parse.sh'
set -euo pipefail
cd "$(dirname "$0")/.."
N="${PARSE_N:-20000}"
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS govinfo' >/dev/null
for f in test/corpus/F1/pingshan-2021.txt test/data/parse/f6-tiny-2022.txt; do
	psql -X -q -At -v ON_ERROR_STOP=1 -v doc="$(cat "$f")" -v n="$N" -v f="$f" <<'SQL'
SET max_parallel_workers_per_gather = 0;
SELECT govinfo.parse_report(:'doc') IS NOT NULL;  -- warm: the ICU table and catalog keys
CREATE TEMP TABLE d AS SELECT :'doc' || repeat(' ', i % 2) AS doc FROM generate_series(1, :n) i;
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) FILTER (WHERE (govinfo.parse_report(doc)).complete) FROM d \g /dev/null
SELECT format('%s: %s documents of %s bytes, %s per second', :'f', :n, octet_length(:'doc'),
	round(:n / extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)));
SQL
done
