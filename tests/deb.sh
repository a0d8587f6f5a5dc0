#!/bin/sh
# The Debian package template (contrib/debian/): build a .deb from a clean
# copy of the tree (the committed files and the working changes to them,
# nothing built), check what it holds, and run lintian on it: no error and
# no warning (lintian's overrides, if any, say why in
# contrib/debian/spinelog.lintian-overrides).  Needs dpkg-dev, debhelper,
# fakeroot and lintian (contrib/install-deps.sh deb).  Not part of
# `make check`: `make check-deb`, which .ci/run runs.  DEB_OUT=FOLDER keeps
# the .deb there.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "deb: $*" >&2; exit 1; }

src="$work/spinelog-0.1.0"
mkdir "$src"
(cd "$top" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - 2>/dev/null) |
	tar -xf - -C "$src"
cp -r "$src/contrib/debian" "$src/debian"
start=$(date +%s)
(cd "$src" && DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS:-parallel=2} dpkg-buildpackage -us -uc -b >"$work/build.log" 2>&1) ||
	{ tail -n 40 "$work/build.log"; fail "dpkg-buildpackage failed"; }
deb=$(ls "$work"/spinelog_*.deb)
echo "deb: built $(basename "$deb") in $(($(date +%s) - start)) s"
if [ -n "${DEB_OUT:-}" ]; then	# kept for contrib/ci-container.sh to install
	mkdir -p "$DEB_OUT"
	cp "$deb" "$DEB_OUT/"
fi

dpkg-deb -c "$deb" >"$work/list"
for f in ./usr/bin/spinelog ./usr/share/man/man1/spinelog.1.gz ./usr/share/man/man5/spinelog.conf.5.gz \
		./usr/share/man/man5/spinelog-checklist.5.gz ./usr/share/bash-completion/completions/spinelog \
		./usr/lib/systemd/user/spinelog-export.service ./usr/lib/systemd/user/spinelog-export.timer \
		./etc/spinelog/spinelog.conf ./usr/share/doc/spinelog/copyright; do
	grep -q " $f\$" "$work/list" || fail "$f is not in the package"
done
dpkg-deb -e "$deb" "$work/control"
grep -qx /etc/spinelog/spinelog.conf "$work/control/conffiles" || fail "spinelog.conf is not a conffile"
grep -q 'addgroup --system --quiet spinelog' "$work/control/postinst" || fail "postinst makes no group"
dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ./usr/lib/systemd/user/spinelog-export.service |
	grep -q '^ExecStart=/usr/bin/spinelog ' || fail "the unit does not run /usr/bin/spinelog"

changes=$(ls "$work"/spinelog_*.changes)
lintian --fail-on error,warning --info "$changes" >"$work/lintian" 2>&1 ||
	{ grep -E "^[EWI]: " "$work/lintian"; fail "lintian found errors or warnings (above)"; }
grep -E '^[EW]: ' "$work/lintian" && fail "lintian: errors or warnings"
echo "deb: lintian: no error, no warning ($(grep -c '^I: ' "$work/lintian" || true) info tags)"
grep '^I: ' "$work/lintian" || true
