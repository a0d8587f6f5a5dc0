#!/bin/sh
# Install the Debian packages spinelog needs to build and test, and nothing
# when they are all present already.  Used by `make run`, `make check` and CI.
#   contrib/install-deps.sh build   what `make` and `make run` need
#   contrib/install-deps.sh test    that, plus what `make check` needs
#   contrib/install-deps.sh deb     that, plus what `make check-deb` needs
set -eu

build_pkgs="gcc make pkg-config libncurses-dev libsqlite3-dev libcsv-dev libssl-dev libinih-dev
libunistring-dev libjansson-dev"
test_pkgs="$build_pkgs libcmocka-dev clang libclang-rt-dev tmux faketime mandoc sqlite3 python3 valgrind locales cppcheck time procps systemd"

case "${1:-build}" in
build) want=$build_pkgs ;;
test) want=$test_pkgs ;;
deb) want="$test_pkgs dpkg-dev debhelper fakeroot lintian git" ;;
*) echo "usage: $0 build|test|deb" >&2; exit 64 ;;
esac

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
# node and npm validate the FHIR export in the tests (tests/fhir): Debian's
# nodejs and npm, unless a node with its own npm is there already (such as
# NodeSource's nodejs, which conflicts with Debian's npm package)
if [ "$want" != "$build_pkgs" ] && ! { command -v node && command -v npm; } >/dev/null 2>&1; then
	missing="$missing nodejs npm"
fi
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "spinelog: missing packages:$missing" >&2
	echo "spinelog: this is not a Debian system; install them by hand." >&2
	exit 69
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "spinelog: missing packages:$missing" >&2
		echo "spinelog: installing them needs root, and sudo is not installed; as root run:" >&2
		echo "  apt-get update && apt-get install -y$missing" >&2
		exit 77
	fi
	sudo="sudo"
fi
echo "spinelog: installing missing packages:$missing"
$sudo apt-get update -q
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $missing
