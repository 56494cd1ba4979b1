#!/usr/bin/env bash
# The demo: install what is missing, build and install govinfo, start a throwaway cluster,
# load the 平山镇 2021 annual report and print its tables 二, 三 and 四; at the end print the whole
# report rendered as text and write the HTML one to a file ($GOVINFO_DEMO_DIR, default /tmp/govinfo-demo).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
make >/dev/null
make install >/dev/null
# the HTML report of 平山镇 2021 is written here (the demo names the file at its end)
out=${GOVINFO_DEMO_DIR:-/tmp/govinfo-demo}
mkdir -p "$out"
export GOVINFO_DEMO_HTML="$out/pingshan-2021.html"
bash scripts/virtualenv.sh bash -c 'createdb govinfo_demo &&
	psql -X -v ON_ERROR_STOP=1 -v html_file="$GOVINFO_DEMO_HTML" -d govinfo_demo -f scripts/demo/demo.sql'
