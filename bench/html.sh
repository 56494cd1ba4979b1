#!/usr/bin/env bash
# Speed of the HTML reader (src/parse_html.c): govinfo.html_tables and govinfo.html_text on each F7
# page of test/corpus/F7 (about 25 KB each), N times each in one query on one core; prints
# documents and megabytes per second.  Compare per byte with bench/parse.sh (the text path).
# Run under the shared lock:
#   flock /tmp/govinfo-pg.lock bash -c 'make install && bash scripts/virtualenv.sh bash bench/html.sh'
set -euo pipefail
cd "$(dirname "$0")/.."
N="${HTML_N:-2000}"
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS govinfo' >/dev/null
for f in test/corpus/F7/*.html; do
	psql -X -q -At -v ON_ERROR_STOP=1 -v doc="$(cat "$f")" -v n="$N" -v f="$f" <<'SQL'
SET max_parallel_workers_per_gather = 0;
SELECT count(*) FROM govinfo.html_tables(:'doc') \g /dev/null
CREATE TEMP TABLE d AS SELECT :'doc' || repeat(' ', i % 2) AS doc FROM generate_series(1, :n) i;
SELECT clock_timestamp() AS t0 \gset
SELECT sum((SELECT count(*) FROM govinfo.html_tables(doc))) FROM d \g /dev/null
SELECT clock_timestamp() AS t1 \gset
SELECT sum(length(govinfo.html_text(doc))) FROM d \g /dev/null
SELECT format('%s (%s bytes): html_tables %s docs/s (%s MB/s), html_text %s docs/s', :'f', octet_length(:'doc'),
	round(:n / extract(epoch FROM :'t1'::timestamptz - :'t0'::timestamptz)),
	round(:n * octet_length(:'doc') / 1e6 / extract(epoch FROM :'t1'::timestamptz - :'t0'::timestamptz), 1),
	round(:n / extract(epoch FROM clock_timestamp() - :'t1'::timestamptz)));
SQL
done
