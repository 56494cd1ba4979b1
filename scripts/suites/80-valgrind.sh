#!/usr/bin/env bash
# Suite: the pg_regress tests against a server under valgrind memcheck (scripts/valgrind.sh, its own
# throwaway cluster in a temporary directory; about 1.5 minutes): no memcheck error in govinfo's code.
# make valgrind runs the isolation specs and the pgTAP tests under valgrind too.
set -uo pipefail
cd "$(dirname "$0")/../.."
exec bash scripts/valgrind.sh --installed --no-isolation
