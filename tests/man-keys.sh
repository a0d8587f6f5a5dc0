#!/bin/sh
# tests/man-keys.sh write|check KEYDOC MANPAGE
# The KEYS section of the man page (from ".Sh KEYS" to the next ".Sh") must be
# exactly what KEYDOC prints from the action table.  "write" replaces it;
# "check" fails, showing the difference, when they differ.
set -eu
mode=$1 keydoc=$2 man=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$keydoc" > "$tmp/want"
awk '/^\.Sh KEYS$/ {on = 1; print; next} on && /^\.Sh / {on = 0} on' "$man" > "$tmp/have"
grep -q '^\.Sh KEYS$' "$man" || { echo "man-keys: $man has no KEYS section"; exit 1; }
if [ "$mode" = check ]; then
	if ! diff -u "$tmp/have" "$tmp/want"; then
		echo "man-keys: $man KEYS differs from the action table; run 'make man-keys'"
		exit 1
	fi
	echo "man-keys: $man KEYS matches the action table"
	exit 0
fi
awk -v want="$tmp/want" '
	/^\.Sh KEYS$/ { while ((getline l < want) > 0) print l; skip = 1; next }
	skip && /^\.Sh / { skip = 0 }
	!skip' "$man" > "$tmp/new"
cat "$tmp/new" > "$man"
echo "man-keys: wrote the KEYS section of $man"
