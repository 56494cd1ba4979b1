#!/usr/bin/env bash
# The parser's output on every corpus document and test document, and on variants of each
# (cut at a quarter, half and three quarters; CRLF line breaks; tabs for spaces; every line
# doubled), one line per parse: a reference to diff before and after a change that must not
# change what parse_report returns.  Needs a running cluster with govinfo installed:
#   flock /tmp/govinfo-pg.lock bash -c 'make install && bash scripts/virtualenv.sh bash scripts/parse-golden.sh > before.txt'
set -euo pipefail
cd "$(dirname "$0")/.."
export PGCLIENTENCODING=UTF8
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS govinfo' >/dev/null
for f in $(find test/corpus test/data/parse -name '*.txt' -o -name '*.html' | sort); do
	psql -X -q -At -v ON_ERROR_STOP=1 -v doc="$(cat "$f")" -v f="$f" <<'SQL'
SELECT :'f' || ' ' || v || ' ' || coalesce(govinfo.parse_report(d)::text, 'NULL')
FROM (VALUES ('whole', :'doc'),
	('q1', left(:'doc', length(:'doc') / 4)),
	('q2', left(:'doc', length(:'doc') / 2)),
	('q3', left(:'doc', length(:'doc') * 3 / 4)),
	('tail', right(:'doc', length(:'doc') / 2)),
	('crlf', replace(:'doc', E'\n', E'\r\n')),
	('tabs', replace(:'doc', '  ', E'\t')),
	('double', regexp_replace(:'doc', E'([^\n]*\n)', E'\\1\\1', 'g')),
	('joined', replace(:'doc', E'\n', ''))) AS t(v, d);
SQL
done
