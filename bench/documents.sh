#!/usr/bin/env bash
# The documents benchmark: N agencies (default 20,000) with a stored report each; generate_reports in
# HTML over all of them (target ≥ 1,000 documents per second), render_report of one agency (target
# ≤ 2 ms), report_cells over all stored reports (target ≤ 2 s). Needs the shared PostgreSQL install:
#   flock /tmp/govinfo-pg.lock bash bench/documents.sh
# Writes its output to bench/documents-results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-20000}
make >/dev/null
make install >/dev/null
bash scripts/virtualenv.sh bash -c "psql -X -d postgres -v n=$N -f bench/documents.sql" 2>&1 | tee bench/documents-results.txt
