#!/usr/bin/env bash
# Suite: the pg_regress tests against a server under valgrind memcheck (scripts/valgrind.sh, its own
# throwaway cluster in a temporary directory; about a minute): no memcheck error in govinfo's code.
set -uo pipefail
cd "$(dirname "$0")/../.."
exec bash scripts/valgrind.sh --installed
