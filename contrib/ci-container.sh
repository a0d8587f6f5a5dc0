#!/bin/sh
# Prove the README's set-up on a bare machine: debootstrap a minimal Debian
# 12 (bookworm, --variant=minbase, from deb.debian.org) into a folder, put a
# clean clone of the repository (its committed HEAD) into the home of a
# user without sudo whose login shell is /bin/sh, and follow the README word
# for word:
#   1. as root: apt-get update && apt-get install -y make  ("a bare machine
#      may lack make itself")
#   2. as the user: make check -- without sudo it must stop with exit 77 and
#      print the one apt-get line to run as root
#   3. as root: that very line
#   4. as the user: make run (builds; with no terminal the program says so)
#      and make check, which must pass.
#   5. with SPINELOG_CI_DEB=FILE.deb (make check-deb DEB_OUT=...): install
#      the package as root and set up a ward as spinelog.conf(5) says: the
#      group and the setgid /var/lib/spinelog the package made, the user in
#      the group, the database named in /etc/spinelog/spinelog.conf; the
#      user's /usr/bin/spinelog then creates, charts nothing into, exports
#      and verifies the ward database.
# Run as root (debootstrap, chroot and mounts need it):
#   contrib/ci-container.sh [FOLDER]     default /var/tmp/spinelog-ci/root
# SPINELOG_CI_CACHE (default /var/tmp/spinelog-ci) keeps the debootstrap
# tarball (debootstrap --make-tarball) and the downloaded .deb files between
# runs; SPINELOG_CI_CACHE= (empty) downloads everything every time.
# Prints the time of each step; exits non-zero on the first failure.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-/var/tmp/spinelog-ci/root}
cache=${SPINELOG_CI_CACHE-/var/tmp/spinelog-ci}
mirror=http://deb.debian.org/debian
user=nurse

fail() { echo "ci-container: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "run as root: debootstrap, chroot and mount need it"
for t in debootstrap chroot git mount; do
	command -v "$t" >/dev/null 2>&1 || fail "$t is missing (apt-get install -y debootstrap git)"
done
case $root in /?*) ;; *) fail "give an absolute folder, not '$root'" ;; esac

mounted=""
cleanup() {
	for m in $mounted; do umount -l "$m" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM
# A folder left by an earlier run may still have its mounts.
for m in dev/pts dev proc var/cache/apt/archives; do
	umount -l "$root/$m" 2>/dev/null || true
done
rm -rf "$root"
mkdir -p "$root"

t0=$(date +%s)
step() { echo "ci-container: [$(($(date +%s) - t0)) s] $*"; }

# 1. The minimal system, from the cached tarball when there is one.
if [ -n "$cache" ]; then
	tarball="$cache/bookworm-minbase.tgz"
	mkdir -p "$cache/archives/partial"
	if [ ! -f "$tarball" ]; then
		step "downloading bookworm minbase into $tarball"
		debootstrap --variant=minbase --make-tarball="$tarball.tmp" bookworm "$root.dl" "$mirror" \
			>"$cache/debootstrap.log" 2>&1 || { tail -n 20 "$cache/debootstrap.log"; fail "debootstrap failed"; }
		mv "$tarball.tmp" "$tarball"
		rm -rf "$root.dl"
	fi
	step "debootstrap from $tarball"
	debootstrap --variant=minbase --unpack-tarball="$tarball" bookworm "$root" "$mirror" \
		>"$root.log" 2>&1 || { tail -n 20 "$root.log"; fail "debootstrap failed"; }
else
	step "debootstrap bookworm minbase from $mirror"
	debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 ||
		{ tail -n 20 "$root.log"; fail "debootstrap failed"; }
fi

mount -t proc proc "$root/proc" && mounted="$root/proc $mounted"
mount --bind /dev "$root/dev" && mounted="$root/dev $mounted"
mount --bind /dev/pts "$root/dev/pts" && mounted="$root/dev/pts $mounted"
if [ -n "$cache" ]; then
	mount --bind "$cache/archives" "$root/var/cache/apt/archives" &&
		mounted="$root/var/cache/apt/archives $mounted"
	# keep what apt downloads, for the next run
	echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' >"$root/etc/apt/apt.conf.d/01keep"
	rm -f "$root/etc/apt/apt.conf.d/docker-clean"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The container uses the host's network, so it trusts what the host trusts
# (behind an egress proxy, the proxy's CA): node, which fetches the FHIR
# validator for the tests (npm ci), is given the host's CA bundle.
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
	cp /etc/ssl/certs/ca-certificates.crt "$root/etc/host-ca-certificates.crt"
	mkdir -p "$root/etc/profile.d"
	echo 'export NODE_EXTRA_CA_CERTS=/etc/host-ca-certificates.crt' >"$root/etc/profile.d/host-ca.sh"
fi

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	DEBIAN_FRONTEND=noninteractive /bin/sh -c "$1"; }
as_user() { chroot "$root" /bin/su -l "$user" -c "$1"; }

# The package installed, and a ward set up as spinelog.conf(5) says.
ward_setup() {
	step "as root: apt-get install ./$(basename "$1"), then the ward's spinelog.conf"
	cp "$1" "$root/tmp/spinelog.deb"
	in_root "apt-get install -y -q /tmp/spinelog.deb" >"$root.deb.log" 2>&1 ||
		{ tail -n 20 "$root.deb.log"; fail "the package did not install"; }
	in_root "getent group spinelog" >/dev/null || fail "the package made no spinelog group"
	perms=$(in_root "stat -c '%a %U %G' /var/lib/spinelog /var/lib/spinelog/exports" | sort -u)
	[ "$perms" = "2770 root spinelog" ] || fail "/var/lib/spinelog is '$perms', not 2770 root spinelog"
	in_root "sed -i 's/^#\\(database\\|export_dir\\|site\\)/\\1/' /etc/spinelog/spinelog.conf &&
		usermod -a -G spinelog $user"
	as_user "/usr/bin/spinelog init && /usr/bin/spinelog export --all &&
		/usr/bin/spinelog verify" >"$root.ward.log" 2>&1 ||
		{ cat "$root.ward.log"; fail "the ward set-up does not work for $user"; }
	grep -q '/var/lib/spinelog/ward.db: created' "$root.ward.log" || fail "no ward database"
	grep -q '/var/lib/spinelog/exports/spinelog-all.csv' "$root.ward.log" || fail "no ward export"
	[ "$(in_root "stat -c %G /var/lib/spinelog/ward.db")" = spinelog ] ||
		fail "the ward database does not belong to the spinelog group"
	step "the package's ward set-up works: $(grep -c . "$root.ward.log") lines, $(grep '^OK' "$root.ward.log")"
}

in_root "useradd --create-home --shell /bin/sh $user"
[ "$(in_root "getent passwd $user | cut -d: -f7")" = /bin/sh ] || fail "$user's shell is not /bin/sh"
in_root "command -v sudo" >/dev/null && fail "the container has sudo; it must not"
git clone -q "$top" "$root/home/$user/spinelog"
in_root "chown -R $user:$user /home/$user/spinelog"
step "user $user (login shell /bin/sh, no sudo) has a clone of $(git -C "$top" rev-parse --short HEAD)"

# The README's first line for a bare machine.
step "as root: apt-get update && apt-get install -y make"
in_root "apt-get update -q && apt-get install -y -q make" >"$root.apt1.log" 2>&1 ||
	{ tail -n 20 "$root.apt1.log"; fail "installing make failed"; }

# Without sudo, make check names the one line to run as root, and stops.
set +e
as_user "cd spinelog && make check" >"$root.nosudo.log" 2>&1
rc=$?
set -e
grep -q 'sudo is not installed' "$root.nosudo.log" || { cat "$root.nosudo.log"; fail "no message about sudo"; }
line=$(sed -n 's/^  \(apt-get update && apt-get install -y .*\)$/\1/p' "$root.nosudo.log")
[ -n "$line" ] || { cat "$root.nosudo.log"; fail "make check printed no apt-get line"; }
[ "$rc" -ne 0 ] || fail "make check went on without its packages"
step "as $user: make check stopped (exit $rc) and said to run, as root: $line"

step "as root: $line"
in_root "$line" >"$root.apt2.log" 2>&1 || { tail -n 20 "$root.apt2.log"; fail "the printed line failed"; }

step "as $user: make run (no terminal here: it builds, then the program says it needs one)"
set +e
as_user "cd spinelog && make run </dev/null" >"$root.run.log" 2>&1
set -e
grep -q 'the interactive program needs a terminal' "$root.run.log" ||
	{ tail -n 20 "$root.run.log"; fail "make run did not build and start spinelog"; }

step "as $user: make check -j2"
as_user "cd spinelog && make check -j2" >"$root.check.log" 2>&1 ||
	{ tail -n 60 "$root.check.log"; fail "make check failed in the clean container"; }
grep -E '^(unit|cli|e2e|stress|install|man|lint|layers)[:-]' "$root.check.log" | tail -n 20
[ -z "${SPINELOG_CI_DEB:-}" ] || ward_setup "$SPINELOG_CI_DEB"
step "done: the README's set-up passes on a bare Debian 12 (logs: $root.*.log)"
