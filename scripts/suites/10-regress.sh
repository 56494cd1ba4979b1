#!/usr/bin/env bash
# Suite: pg_regress (sql/*.sql against expected/*.out), one result per test file (the isolation
# specs, which `make installcheck` also runs, are suite 30-isolation).
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/suites/lib.sh
installcheck_suite regression.diffs ISOLATION=
