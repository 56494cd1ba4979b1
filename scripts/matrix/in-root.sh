#!/usr/bin/env bash
# Runs inside a matrix root (made by scripts/test-matrix.sh), as root, the source tree copied to
# /build/govinfo: builds the Debian package postgresql-$1-govinfo with pg_buildext, installs it with
# dpkg, then runs every suite (scripts/run-suites.sh) against the installed package in a throwaway
# cluster of that version. Ends with "N passed, N failed".
set -uo pipefail
v=$1
fail() {
	echo "govinfo: PostgreSQL $v: $*"
	echo "0 passed, 1 failed"
	exit 1
}
[ -x "/usr/lib/postgresql/$v/bin/postgres" ] || fail "postgresql-$v is not installed in this root"
echo "govinfo: $(. /etc/os-release && echo "$PRETTY_NAME"), $("/usr/lib/postgresql/$v/bin/postgres" --version)"

# the suites run from a copy of the tree that no build has touched
cp -a /build/govinfo /build/suites
cd /build/govinfo || fail "no source tree"
# this root's version only; debian/control lists the package of each version built
export PG_SUPPORTED_VERSIONS=$v
pg_buildext updatecontrol >/build/updatecontrol.log 2>&1 ||
	{ cat /build/updatecontrol.log; fail "pg_buildext updatecontrol failed"; }
if ! dpkg-buildpackage -us -uc -b >/build/package.log 2>&1; then
	tail -60 /build/package.log
	fail "building the package postgresql-$v-govinfo failed"
fi
grep -E 'warning:|error:' /build/package.log | head -20
deb=$(ls /build/postgresql-"$v"-govinfo_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "dpkg-buildpackage made no postgresql-$v-govinfo package"
dpkg --purge "postgresql-$v-govinfo" >/dev/null 2>&1 || true
dpkg -i "$deb" >/build/dpkg.log 2>&1 || { cat /build/dpkg.log; fail "dpkg -i $deb failed"; }
echo "govinfo: installed $(basename "$deb"): $(dpkg -L "postgresql-$v-govinfo" | grep -cE '\.(so|sql|control)$') files" \
	"($(dpkg -L "postgresql-$v-govinfo" | grep -E '\.(so|control)$' | tr '\n' ' '))"

# what an interrupted earlier run left of its throwaway cluster (its processes are gone with the
# PID namespace it ran in)
if [ -d "/etc/postgresql/$v/regress" ]; then
	pg_dropcluster "$v" regress >/dev/null 2>&1 || true
	rm -rf "/etc/postgresql/$v/regress" "/var/lib/postgresql/$v/regress"
fi
cd /build/suites || fail "no suites tree"
summary=$(mktemp)
export GOVINFO_SUMMARY=$summary
# the suites know they run against a packaged build in a Debian root (85-browser runs on the host only)
export GOVINFO_MATRIX_VERSION=$v
pg_virtualenv -v "$v" -i '--encoding=UTF8 --locale=C.UTF-8' bash scripts/run-suites.sh
rc=$?
line=$(cat "$summary")
rm -f "$summary"
# pg_virtualenv reports dropping the cluster after the suites: end with the summary line again
echo "${line:-0 passed, 1 failed}"
[ -n "$line" ] && [ "$rc" = 0 ]
