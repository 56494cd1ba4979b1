#!/usr/bin/env bash
# The whole test suite: install what is missing, build with -Werror, install, then run
# pg_regress and pgTAP against a throwaway PostgreSQL 15 cluster. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh || exit 1
make clean >/dev/null
make >/dev/null || { echo "govinfo: build failed"; echo "0 passed, 1 failed"; exit 1; }
make install >/dev/null || { echo "govinfo: install failed"; echo "0 passed, 1 failed"; exit 1; }
# pg_virtualenv reports dropping the cluster after the suites: end with the summary line again
summary=$(mktemp)
export GOVINFO_SUMMARY="$summary"
bash scripts/virtualenv.sh bash scripts/run-suites.sh
rc=$?
line=$(cat "$summary")
rm -f "$summary"
echo "${line:-0 passed, 1 failed}"
[ -n "$line" ] && [ "$rc" = 0 ] || exit 1
