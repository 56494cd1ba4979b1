#!/usr/bin/env bash
# Install what building and testing govinfo needs (Debian bookworm, as root), if it is missing.
set -euo pipefail
pkgs=(make gcc pkg-config libxml2-dev postgresql-15 postgresql-server-dev-15 postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl
	sqlsmith valgrind libicu-dev)
# optional, only for the suites that need them: --browser (85-browser: Chromium and a CJK font),
# --cron (86-cron: pg_cron)
for arg in "$@"; do
	case $arg in
	--browser) pkgs+=(chromium fonts-wqy-microhei) ;;
	--cron) pkgs+=(postgresql-15-cron) ;;
	esac
done
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
	if [ "$(id -u)" != 0 ]; then
		echo "govinfo: missing packages ${missing[*]}; run as root to install them" >&2
		exit 1
	fi
	echo "govinfo: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq "${missing[@]}" >/dev/null
fi
