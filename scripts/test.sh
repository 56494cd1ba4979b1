#!/usr/bin/env bash
# The whole test suite: install what is missing, build with -Werror, install, then run
# pg_regress and pgTAP against a throwaway PostgreSQL 15 cluster. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh || exit 1
make clean >/dev/null
make >/dev/null || { echo "govinfo: build failed"; echo "0 passed, 1 failed"; exit 1; }
make install >/dev/null || { echo "govinfo: install failed"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/virtualenv.sh bash scripts/run-suites.sh
