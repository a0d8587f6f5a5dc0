#!/bin/sh
# make install into a staging folder: the binary, the three man pages, the bash
# completion and the export's systemd user units, with ExecStart pointing at
# the installed binary; then make uninstall leaves nothing behind.
# Usage: tests/install.sh MAKE
set -eu
make=${1:-make}
top=$(cd "$(dirname "$0")/.." && pwd)
stage=$(mktemp -d)
score=$(mktemp)
trap 'rm -rf "$stage" "$score"' EXIT
fail() { echo "install: $*" >&2; exit 1; }
$make -s -C "$top" install DESTDIR="$stage" PREFIX=/usr >/dev/null
for f in usr/bin/spinelog usr/share/man/man1/spinelog.1 usr/share/man/man5/spinelog-checklist.5 \
		usr/share/man/man5/spinelog.conf.5 \
		usr/share/bash-completion/completions/spinelog \
		usr/lib/systemd/user/spinelog-export.service usr/lib/systemd/user/spinelog-export.timer; do
	[ -f "$stage/$f" ] || fail "$f not installed"
done
[ -x "$stage/usr/bin/spinelog" ] || fail "the binary is not executable"
"$stage/usr/bin/spinelog" --version | grep -q '^spinelog ' || fail "the installed binary does not run"
grep -q '^ExecStart=/usr/bin/spinelog export ' "$stage/usr/lib/systemd/user/spinelog-export.service" ||
	fail "ExecStart does not name /usr/bin/spinelog"
! grep -rq /usr/local "$stage/usr/lib/systemd" || fail "a unit still names /usr/local"
[ "$(stat -c %a "$stage/usr/lib/systemd/user/spinelog-export.service")" = 644 ] ||
	fail "the unit is not mode 644"
# The export's sandbox keeps systemd's exposure score at 3.0 or less ("OK").
unit="$stage/usr/lib/systemd/user/spinelog-export.service"
systemd-analyze security --offline=yes --threshold=30 "$unit" >"$score" 2>&1 ||
	fail "the export unit's exposure is above 3.0: $(grep Overall "$score")"
$make -s -C "$top" uninstall DESTDIR="$stage" PREFIX=/usr >/dev/null
left=$(find "$stage" -type f)
[ -z "$left" ] || fail "uninstall left: $left"
echo "install: staged install and uninstall of 7 files checked; $(grep -o "exposure level.*" "$score" 2>/dev/null || true)"
