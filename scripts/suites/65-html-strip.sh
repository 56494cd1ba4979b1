#!/usr/bin/env bash
# Suite: the HTML reader's attribute pass (src/parse_html_strip.c) against libxml2 itself, without a
# server: test/html_strip/same_tree.c, built with the pass and libxml2, checks that libxml2 builds the
# same tree (elements, text, comments, rowspan/colspan) from every HTML document of the tests, the
# corpus, the fuzz seeds and a Word-style page as from what the pass writes, then from
# HTML_STRIP_MUTATIONS (20,000) random mutations of them (seed HTML_STRIP_SEED, default: the date).
# One test per document, one for the mutations. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d /tmp/govinfo-html-strip.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pg_config=${PG_CONFIG:-pg_config}
xml_cflags=$(pkg-config --cflags libxml-2.0 2>/dev/null || xml2-config --cflags)
xml_libs=$(pkg-config --libs libxml-2.0 2>/dev/null || xml2-config --libs)
cc=${CC:-cc}
if ! $cc -O2 -Wall -Werror -Isrc -I"$($pg_config --includedir-server)" -c src/parse_html_strip.c -o "$tmp/strip.o" ||
	! $cc -O2 -Wall -Werror $xml_cflags -c test/html_strip/same_tree.c -o "$tmp/same_tree.o" ||
	! $cc "$tmp/same_tree.o" "$tmp/strip.o" -o "$tmp/same_tree" $xml_libs; then
	echo "not ok - build test/html_strip/same_tree.c"
	echo "0 passed, 1 failed"
	exit 1
fi
seed=${HTML_STRIP_SEED:-$(date +%Y%m%d)}
echo "# seed $seed"
mkdir -p "$tmp/out"
SAME_TREE_OUT="$tmp/out" "$tmp/same_tree" "${HTML_STRIP_MUTATIONS:-20000}" "$seed" \
	$(find test -name '*.html' | sort) test/fuzz/seeds/html.txt >"$tmp/log"
cat "$tmp/log"
for f in "$tmp"/out/diff*.html; do
	[ -e "$f" ] || continue
	echo "# a document whose tree the pass changed:"
	head -c 2000 "$f" | sed 's/^/#   /'
done
passed=$(grep -c '^ok' "$tmp/log")
failed=$(grep -c '^not ok' "$tmp/log")
echo "$passed passed, $failed failed"
