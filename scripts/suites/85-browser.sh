#!/usr/bin/env bash
# Suite: the HTML report in a real browser. Renders 平山镇 2021 (zh and en) and a derived report with
# non-zero figures to files, opens them in headless Chromium (Debian's chromium with a CJK font,
# fonts-wqy-microhei; installed by scripts/install-deps.sh --browser when missing), and checks the
# DOM the browser built — three tables, the rowspans and colspans of the official layout, every
# catalog label, one SVG mark per non-zero outcome — and that a screenshot is not blank.
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/suites/lib.sh
if [ -n "${GOVINFO_MATRIX_VERSION:-}" ]; then
	# the page is the same bytes on every version (pg_regress documents checks them exactly on each);
	# Chromium is installed and run on the host run only
	echo "# skipped in the PostgreSQL $GOVINFO_MATRIX_VERSION root: the browser test runs on the host run"
	echo "0 passed, 0 failed"
	exit 0
fi
if ! command -v chromium >/dev/null || ! fc-list :lang=zh | grep -q .; then
	bash scripts/install-deps.sh --browser >/dev/null 2>&1 || true
fi
if ! command -v chromium >/dev/null; then
	echo "chromium is not installed and could not be installed"
	echo "0 passed, 1 failed"
	exit 1
fi
db=govinfo_browser
work=$(mktemp -d)
chmod 755 "$work"
dropdb --if-exists $db >/dev/null 2>&1
createdb $db
q $db "CREATE EXTENSION govinfo" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d $db -f scripts/demo/pingshan-2021.sql >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d $db -f test/data/render.sql >/dev/null
q $db "SELECT govinfo.render_report('pingshan-zhen', 2021)" >"$work/pingshan.html"
q $db "SELECT govinfo.render_report('pingshan-zhen', 2021, lang => 'en')" >"$work/pingshan-en.html"
q $db "SELECT govinfo.render_report('test-bureau', 2022)" >"$work/derived.html"
# what the pages must hold, from the catalog and the figures (not from the renderer)
q $db "SELECT label_zh FROM govinfo.row_catalog('2021') UNION SELECT label_zh FROM govinfo.column_catalog('2021')" >"$work/labels-zh.txt"
q $db "SELECT label_en FROM govinfo.row_catalog('2021') UNION SELECT label_en FROM govinfo.column_catalog('2021') WHERE part <> 4" >"$work/labels-en.txt"
q $db "SELECT count(*) FROM govinfo.table3((SELECT requests FROM govinfo.report_figures('pingshan-zhen', 2021))) t WHERE t.total > 0 AND t.row_code LIKE '3.%' AND t.row_code <> '3.7'" >"$work/marks-pingshan.txt"
q $db "SELECT count(*) FROM govinfo.table3((SELECT requests FROM govinfo.report_figures('test-bureau', 2022))) t WHERE t.total > 0 AND t.row_code LIKE '3.%' AND t.row_code <> '3.7'" >"$work/marks-derived.txt"
dropdb $db

browser() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
		--user-data-dir="$work/profile" "$@" 2>>"$work/chromium.log"
}
for page in pingshan pingshan-en derived; do
	browser --dump-dom "file://$work/$page.html" >"$work/$page.dom"
	check "$page: chromium built a DOM" grep -q '</html>' "$work/$page.dom"
	marks=$(cat "$work/marks-${page%-en}.txt")
	check "$page: tables, spans, labels and chart marks" \
		python3 scripts/suites/browser_dom.py "$work/$page.dom" "$work/labels-$([ "$page" = pingshan-en ] && echo en || echo zh).txt" "$marks" "$([ "$page" = pingshan-en ] && echo en || echo zh)"
	browser --screenshot="$work/$page.png" --window-size=1100,2600 "file://$work/$page.html" >/dev/null
	colors=$(python3 scripts/suites/png_colors.py "$work/$page.png" 2>/dev/null || echo 0)
	echo "# $page.png: $colors distinct colours"
	check "$page: the screenshot is not blank" test "${colors:-0}" -gt 50
done
# the CJK text is drawn with a CJK font (without one every character is a box)
check "a CJK font is installed" bash -c "fc-list :lang=zh | grep -q ."
[ -n "${GOVINFO_SCREENSHOT_DIR:-}" ] && cp "$work"/*.png "$GOVINFO_SCREENSHOT_DIR"/
rm -rf "$work"
finish
