#!/usr/bin/env bash
# The version matrix. For each PostgreSQL version: a minimal Debian root of the release that ships it
# (made with debootstrap, cached under /var/cache/govinfo-matrix), the Debian package
# postgresql-NN-govinfo built there with pg_buildext, installed with dpkg, and every suite
# (scripts/run-suites.sh) run against the installed package in a throwaway cluster.
# "host" runs scripts/test.sh on this machine instead (make install into the system PostgreSQL 15,
# holding /tmp/govinfo-pg.lock; so do not run this script itself under that lock).
#
#   bash scripts/test-matrix.sh [host|15|17|18 ...]     default: $GOVINFO_VERSIONS or "host 15 17 18"
#   bash scripts/test-matrix.sh --roots [15|17|18 ...]  only make the cached roots
#
# Prints one line per version, then one line "N passed, N failed" summing every suite of every
# version; a version whose root or package cannot be built counts as one failure.
# GOVINFO_SUITES is passed on (run only some suites); GOVINFO_MATRIX_CACHE moves the cache;
# GOVINFO_MIRROR names the Debian mirror; GOVINFO_MATRIX_REFRESH=1 upgrades the cached roots
# (done anyway when a root is a week old). Remove the cache directory to start from scratch.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
export PATH=$PATH:/usr/sbin:/sbin
src=$PWD
cache=${GOVINFO_MATRIX_CACHE:-/var/cache/govinfo-matrix}
mirror=${GOVINFO_MIRROR:-http://deb.debian.org/debian}
lock=/tmp/govinfo-pg.lock

# Every root gets these packages; NN stands for the root's PostgreSQL version. Add to this list
# what a new suite needs.
root_packages=(
	postgresql-NN postgresql-server-dev-NN postgresql-server-dev-all postgresql-NN-pgtap postgresql-NN-cron
	libtap-parser-sourcehandler-pgtap-perl build-essential debhelper fakeroot sqlsmith valgrind libxml2-dev pkg-config libicu-dev
)

# The Debian suite that ships PostgreSQL version $1.
suite_of() {
	case $1 in
	15) echo bookworm ;;
	17) echo trixie ;;
	18) echo forky ;;
	*) return 1 ;;
	esac
}

# Run a command (the remaining arguments) inside the root $1, in private mount and PID namespaces
# (so /proc and the other mounts, and every process started there, end with it); with $2 = net
# also in a network namespace of its own (only loopback: its clusters cannot clash with the host's).
in_root() {
	local root=$1 net=$2
	shift 2
	unshare --mount --pid --fork --kill-child ${net:+--net} -- /bin/bash -c '
		set -e
		r=$1 net=$2
		shift 2
		mount -t proc proc "$r/proc"
		mount -t sysfs sysfs "$r/sys"
		mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$r/dev/shm"
		mkdir -p "$r/dev/pts"
		mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$r/dev/pts"
		[ -z "$net" ] || ip link set dev lo up
		exec chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
			LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive GOVINFO_SUITES="${GOVINFO_SUITES:-}" "$@"
	' in_root "$root" "$net" "$@"
}

# The packages of the root for version $1, one line.
packages_of() {
	echo "${root_packages[*]//NN/$1}"
}

# Install the root's packages (and keep it current); $1 root, $2 version.
root_install() {
	local root=$1 v=$2
	cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
	# shellcheck disable=SC2046
	# (dpkg --configure -a: finish what an interrupted earlier install left half done)
	in_root "$root" "" bash -c 'dpkg --configure -a && apt-get update -qq && apt-get -y -qq upgrade >/dev/null &&
		apt-get install -y -qq "$@" >/dev/null' install $(packages_of "$v") &&
		packages_of "$v" >"$root/etc/govinfo-matrix.packages"
}

# Make (or reuse) the cached root for version $1; prints its path. A root is made in <suite>.new
# and renamed when complete, so an interrupted run leaves no half-made root behind.
make_root() {
	local v=$1 suite root script
	suite=$(suite_of "$v") || { echo "govinfo: no Debian suite known for PostgreSQL $v" >&2; return 1; }
	root=$cache/$suite
	if [ -f "$root/etc/govinfo-matrix.packages" ]; then
		if [ "$(cat "$root/etc/govinfo-matrix.packages")" != "$(packages_of "$v")" ]; then
			echo "govinfo: root $suite: installing changed package list" >&2
			root_install "$root" "$v" >&2 || return 1
		elif [ -n "${GOVINFO_MATRIX_REFRESH:-}" ] ||
			[ -n "$(find "$root/etc/govinfo-matrix.packages" -mtime +7)" ]; then
			# a week old (or asked for): upgrade; a failed upgrade keeps the root as it was
			echo "govinfo: root $suite: apt-get upgrade" >&2
			root_install "$root" "$v" >&2 || echo "govinfo: root $suite: upgrade failed; using it as it is" >&2
		fi
		echo "$root"
		return 0
	fi
	mkdir -p "$cache"
	rm -rf "$root.new"
	# bookworm's debootstrap has no script for forky: the sid script makes any later suite
	script=/usr/share/debootstrap/scripts/$suite
	[ -e "$script" ] || script=/usr/share/debootstrap/scripts/sid
	echo "govinfo: debootstrap $suite into $root (once; cached)" >&2
	if ! command -v debootstrap >/dev/null; then
		{ apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; } >&2 || return 1
	fi
	unshare --mount -- debootstrap --variant=minbase "$suite" "$root.new" "$mirror" "$script" \
		>"$cache/$suite.debootstrap.log" 2>&1 ||
		{ tail -20 "$cache/$suite.debootstrap.log" >&2; rm -rf "$root.new"; return 1; }
	mkdir -p "$root.new/etc/apt/apt.conf.d" "$root.new/etc/dpkg/dpkg.cfg.d" "$root.new/etc/postgresql-common"
	# forky's Release file in the archive can be past its Valid-Until date; no docs, no recommends
	cat >"$root.new/etc/apt/apt.conf.d/90govinfo" <<-EOF
		Acquire::Check-Valid-Until "false";
		Acquire::Languages "none";
		APT::Install-Recommends "false";
		Dpkg::Options { "--force-confdef"; "--force-confold"; };
	EOF
	cat >"$root.new/etc/dpkg/dpkg.cfg.d/90govinfo" <<-EOF
		path-exclude /usr/share/doc/*
		path-exclude /usr/share/man/*
		path-exclude /usr/share/locale/*
	EOF
	# no services start in the root, and installing the server makes no cluster
	printf '#!/bin/sh\nexit 101\n' >"$root.new/usr/sbin/policy-rc.d"
	chmod 755 "$root.new/usr/sbin/policy-rc.d"
	echo 'create_main_cluster = false' >"$root.new/etc/postgresql-common/createcluster.conf"
	grep -qw localhost "$root.new/etc/hosts" 2>/dev/null ||
		printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >>"$root.new/etc/hosts"
	echo "govinfo: installing $(packages_of "$v") in $suite" >&2
	root_install "$root.new" "$v" >&2 || { rm -rf "$root.new"; return 1; }
	mv "$root.new" "$root"
	echo "$root"
}

# Build the package for version $1 in its root, install it, run the suites there; ends with the
# line "N passed, N failed" (on failure before the suites, "0 passed, 1 failed").
run_version() {
	local v=$1 root
	root=$(make_root "$v") || { echo "govinfo: PostgreSQL $v: could not make its Debian root"; echo "0 passed, 1 failed"; return 1; }
	rm -rf "$root/build"
	mkdir -p "$root/build/govinfo"
	# the working tree as it is (tracked and untracked files, not what git ignores)
	if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
		git -C "$src" ls-files -z --cached --others --exclude-standard |
			tar -C "$src" --null -T - --ignore-failed-read -cf - 2>/dev/null |
			tar -C "$root/build/govinfo" -xf -
	else
		tar -C "$src" --exclude='*.o' --exclude='*.so' --exclude='*.bc' -cf - . | tar -C "$root/build/govinfo" -xf -
	fi
	in_root "$root" net bash /build/govinfo/scripts/matrix/in-root.sh "$v"
}

if [ "${1:-}" = --roots ]; then
	# only make (or refresh) the roots: bash scripts/test-matrix.sh --roots [15|17|18 ...]
	shift
	rc=0
	for v in ${*:-15 17 18}; do make_root "$v" || rc=1; done
	exit $rc
fi

# One version: the host run or a root's; prints its output and ends with "N passed, N failed".
run_one() {
	local v=$1
	if [ "$v" = host ]; then
		echo "=== host: PostgreSQL 15 from this machine (scripts/test.sh, make install)"
		flock "$lock" bash scripts/test.sh
	else
		echo "=== PostgreSQL $v: Debian $(suite_of "$v" || echo '?') root, package postgresql-$v-govinfo"
		# one run at a time uses a root (another matrix run on this machine waits)
		mkdir -p "$cache"
		(
			flock -n 9 || { echo "govinfo: waiting for another run using the $(suite_of "$v") root"; flock 9; }
			run_version "$v"
		) 9>"$cache/$(suite_of "$v" || echo unknown).lock"
	fi
}

# The processes this run started, deepest first (to stop them when the run is interrupted).
descendants() {
	local c
	for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do
		descendants "$c"
		echo "$c"
	done
}

# Interrupted: stop what this run started. A root's unshare gets SIGKILL, which ends its
# namespaces with every process in them (the root's mounts go with them); the rest gets SIGTERM
# (on the host, pg_virtualenv drops its cluster).
stop_all() {
	trap - INT TERM
	echo "govinfo: interrupted; stopping the runs in progress" >&2
	local p others=()
	for p in $(descendants $$); do
		if [ "$(cat "/proc/$p/comm" 2>/dev/null)" = unshare ]; then
			kill -KILL "$p" 2>/dev/null
		else
			others+=("$p")
		fi
	done
	((${#others[@]})) && kill -TERM "${others[@]}" 2>/dev/null
	wait
	exit 130
}

versions=${*:-${GOVINFO_VERSIONS:-host 15 17 18}}
passed=0
failed=0
lines=()
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap stop_all INT TERM
for v in $versions; do
	start=$(date +%s)
	rm -f "$work/rc"
	# in the background, so that an interrupt reaches stop_all at once
	{ run_one "$v" 2>&1; echo $? >"$work/rc"; } | tee "$work/log" &
	wait $!
	rc=$(cat "$work/rc" 2>/dev/null || echo 1)
	case $v in
	host) label="host (PostgreSQL 15, make install)" ;;
	*) label="PostgreSQL $v ($(suite_of "$v" || echo '?'), package)" ;;
	esac
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$work/log" | tail -1)
	p=0
	f=1
	if [ -n "$line" ]; then
		p=${line%% passed*}
		f=${line#*, }
		f=${f%% failed*}
		[ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	lines+=("$label: $p passed, $f failed ($(($(date +%s) - start)) s)")
done
echo "=== matrix"
printf '%s\n' "${lines[@]}"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
