#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 cluster (Debian's pg_virtualenv).
# What an interrupted earlier run left of its 15/regress cluster is removed first,
# unless a pg_virtualenv is still running.
set -euo pipefail
stale=/etc/postgresql/15/regress
if [ -f "$stale/.by_pg_virtualenv" ] && ! pgrep -f /usr/bin/pg_virtualenv >/dev/null 2>&1; then
	echo "govinfo: removing a stale 15/regress cluster" >&2
	if pg_lsclusters -h 2>/dev/null | awk '$1 == "15" && $2 == "regress" {f=1} END {exit !f}'; then
		pg_dropcluster --stop 15 regress
	fi
	rm -rf "$stale"
fi
# govinfo needs a UTF8 (or EUC_CN) database: the cluster is UTF8 whatever the caller's locale
exec pg_virtualenv -v 15 -i '--encoding=UTF8 --locale=C.UTF-8' "$@"
