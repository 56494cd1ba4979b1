#!/usr/bin/env bash
# Suite: isolation specs (specs/*.spec against expected/*.out, listed in Makefile ISOLATION), run by
# PGXS's pg_isolation_regress through `make installcheck` with REGRESS emptied; one result per spec.
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/suites/lib.sh
installcheck_suite output_iso/regression.diffs REGRESS=
