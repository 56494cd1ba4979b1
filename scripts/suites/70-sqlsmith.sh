#!/usr/bin/env bash
# Suite: sqlsmith (scripts/sqlsmith.sh) — a short bounded run of random SQL against a database with
# govinfo and data: the server survives, no crash, no XX error raised by govinfo.
set -uo pipefail
cd "$(dirname "$0")/../.."
exec bash scripts/sqlsmith.sh --here
