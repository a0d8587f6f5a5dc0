#!/bin/sh
# Run the golden-screen test (tests/golden/screens.sh) as tests/run-shell.sh
# runs a shell test (a fresh folder and HOME, a clean environment), either
# comparing every screen with its expected file or, with "update",
# re-recording them all:
#
#   SPINELOG=/abs/spinelog sh tests/golden/run.sh check|update
#
# (make check-golden, make golden-update.)  Prints "golden: N passed, N
# failed" last, as the other suites do.
mode=${1:-check}
case $mode in check) update=0 ;; update) update=1 ;;
*) echo "usage: run.sh check|update" >&2; exit 64 ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
# A fixed folder name length: the database's path shows in some messages, and
# golden_norm (tests/e2e/tmux.lib) replaces its random part.
tmp=$(mktemp -d /tmp/golden.XXXXXXXX)
mkdir "$tmp/work"
if (cd "$tmp/work" && env -i PATH="$top/tests/tools/bin:$PATH" HOME="$tmp/home" TMPDIR="$tmp" \
	LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM="${TERM:-xterm}" SPINELOG="$SPINELOG" \
	TESTLIB="$top/tests/lib.sh" TOP="$top" GOLDEN_UPDATE=$update \
	sh -eu "$top/tests/golden/screens.sh") >"$tmp/log" 2>&1; then
	[ "$update" = 1 ] && grep '^golden:' "$tmp/log"
	echo "ok   tests/golden/screens.sh"
	rc=0
else
	echo "FAIL tests/golden/screens.sh"
	sed 's/^/     | /' "$tmp/log" | tail -n 200
	rc=1
fi
rm -rf "$tmp"
[ "$rc" = 0 ] && echo "golden: 1 passed, 0 failed" || echo "golden: 0 passed, 1 failed"
exit "$rc"
