#!/usr/bin/env bash
# The HTML reader's output (html_text, html_tables, and parse_report on the HTML path) on every HTML
# document of the corpus and the tests, on variants of each (cut at a quarter, half and three
# quarters, the second half, CRLF, upper-case tags, end tags of cells/rows/paragraphs left out, all
# lines joined, a GBK meta charset in front, spaces as &nbsp;, the page twice in a row), on every
# text document turned into HTML (one <p> per line; one <pre>; one table row per line, its runs of
# spaces as cells) and on every line of the fuzz suite's HTML seeds: one line per read, a reference
# to diff before and after a change that must not change what the HTML reader returns
# (scripts/parse-golden.sh covers the text path).  Needs a running cluster with govinfo installed:
#   flock /tmp/govinfo-pg.lock bash -c 'make install && bash scripts/virtualenv.sh bash scripts/html-golden.sh > before.txt'
set -euo pipefail
cd "$(dirname "$0")/.."
export PGCLIENTENCODING=UTF8
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS govinfo' >/dev/null
show() {	# name, list of (variant, document) as a VALUES query over :'doc'
	psql -X -q -At -v ON_ERROR_STOP=1 -v doc="$(cat "$1")" -v f="$1" <<SQL
SELECT :'f' || ' ' || v || E'\n  text ' || coalesce(replace(govinfo.html_text(d), E'\n', E'\n  '), 'NULL')
	|| E'\n  tables ' || coalesce((SELECT string_agg(format('%s/%s/%s%s=%s', t.table_no, t.row_no, t.col_no,
		CASE WHEN t.covered THEN '*' ELSE '' END, coalesce(t.text, 'NULL')), ' | ' ORDER BY t.table_no, t.row_no, t.col_no)
		FROM govinfo.html_tables(d) t), '')
	|| E'\n  report ' || coalesce(govinfo.parse_report(d)::text, 'NULL')
FROM ($2) AS t(v, d);
SQL
}
html_variants="VALUES ('whole', :'doc'),
	('q1', left(:'doc', length(:'doc') / 4)),
	('q2', left(:'doc', length(:'doc') / 2)),
	('q3', left(:'doc', length(:'doc') * 3 / 4)),
	('tail', right(:'doc', length(:'doc') / 2)),
	('crlf', replace(:'doc', E'\n', E'\r\n')),
	('upper', regexp_replace(:'doc', '<(/?)(table|tr|td|th|p|div|span|br|tbody|script|style)\y', '<\1' || 'X\2', 'gi')),
	('upper2', upper(:'doc')),
	('noclose', regexp_replace(:'doc', '</(td|tr|p|th|tbody)>', '', 'gi')),
	('joined', replace(:'doc', E'\n', '')),
	('gbkmeta', '<meta charset=\"gbk\"><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">' || :'doc'),
	('nbsp', replace(:'doc', ' ', '&nbsp;')),
	('twice', :'doc' || :'doc')"
text_variants="VALUES ('p', '<html><body><p>' || replace(:'doc', E'\n', E'</p>\n<p>') || '</p></body></html>'),
	('pre', '<pre>' || replace(replace(:'doc', '&', '&amp;'), '<', '&lt;') || '</pre>'),
	('rows', '<table><tr><td>' || regexp_replace(replace(:'doc', E'\n', E'</td></tr>\n<tr><td>'), '  +', '</td><td>', 'g') || '</td></tr></table>')"
for f in $(find test -name '*.html' | sort); do
	show "$f" "$html_variants"
done
for f in $(find test/corpus test/data/parse -name '*.txt' | sort); do
	show "$f" "$text_variants"
done
# the fuzz seeds, one document per line
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
i=0
while IFS= read -r line; do
	i=$((i + 1))
	printf '%s' "$line" >"$tmp"
	show "$tmp" "VALUES ('seed$i', :'doc'), ('seed$i-upper', upper(:'doc'))" | sed "s|^$tmp|test/fuzz/seeds/html.txt|"
done <test/fuzz/seeds/html.txt
