#!/usr/bin/env bash
# The demo: install what is missing, build and install govinfo, start a throwaway cluster,
# load the 平山镇 2021 annual report and print its tables 二, 三 and 四.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
make >/dev/null
make install >/dev/null
bash scripts/virtualenv.sh bash -c 'createdb govinfo_demo &&
	psql -X -v ON_ERROR_STOP=1 -d govinfo_demo -f scripts/demo/demo.sql'
