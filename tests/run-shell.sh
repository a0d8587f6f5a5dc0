#!/bin/sh
# Run shell test scripts: tests/run-shell.sh LABEL SCRIPT...
# Each script runs in a fresh temporary folder (its working directory) and HOME with $SPINELOG set to the binary
# under test and tests/lib.sh available as $TESTLIB; it exits 0 on success.  SPINELOG_CONF is empty: no
# configuration file is read, whatever the machine has in /etc/spinelog (a ward's database included).
# Prints "LABEL: N passed, N failed" last.
label=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
passed=0 failed=0
for t in "$@"; do
	[ -f "$t" ] || continue
	tmp=$(mktemp -d)
	log="$tmp/log"
	mkdir "$tmp/work"
	script=$(cd "$(dirname "$t")" && pwd)/$(basename "$t")
	if (cd "$tmp/work" && env -i PATH="$top/tests/tools/bin:$PATH" HOME="$tmp/home" TMPDIR="$tmp" SPINELOG_CONF= LANG=C.UTF-8 \
		LC_ALL=C.UTF-8 TERM="${TERM:-xterm}" SPINELOG="$SPINELOG" TESTLIB="$top/tests/lib.sh" \
		TOP="$top" sh -eu "$script") >"$log" 2>&1; then
		passed=$((passed + 1))
		echo "ok   $t"
	else
		failed=$((failed + 1))
		echo "FAIL $t"
		sed 's/^/     | /' "$log" | tail -n 40
	fi
	rm -rf "$tmp"
done
echo "$label: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
