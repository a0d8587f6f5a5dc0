#!/bin/sh
# The crash, fault and hostile-file stress runs: tests/stress/run.sh fast|long
#   fast: a few seconds, part of `make check`;  long: `make stress`.
# Needs $SPINELOG (the binary) and $STRESS_BIN (the folder of the stress_*
# programs).  Every part runs in its own temp folder; the figures they report
# are added up in a closing summary, then "stress: N passed, N failed".
# STRESS_SEED picks another random sequence (default 1); a failure prints
# the seed so that it can be replayed.
set -u
mode=${1:-fast}
top=$(cd "$(dirname "$0")/../.." && pwd)
seed=${STRESS_SEED:-1}
case "$mode" in
fast) kills=20 trials=40 ;;
long) kills=300 trials=1500 ;;
*) echo "usage: $0 fast|long" >&2; exit 64 ;;
esac
tmp=$(mktemp -d)
chmod 711 "$tmp"	# the hostile part runs as nobody when we are root
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
export STRESS_STATS="$tmp/stats"
# faketime without the wrapper's per-pid semaphores (tests/tools/bin/faketime)
PATH="$(cd "$(dirname "$0")/../tools/bin" && pwd):$PATH"
export PATH
: >"$STRESS_STATS"
# A sanitizer report ends the program with an abort (exit >= 128): a crash.
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=abort_on_error=1:halt_on_error=1:print_stacktrace=1
ulimit -c 0
passed=0 failed=0
start=$(date +%s)

# part NAME CMD...: run one part in a fresh folder $WORK; show its log on failure.
part() {
	name=$1
	shift
	WORK="$tmp/$name"
	mkdir -p "$WORK"
	if (cd "$WORK" && "$@") >"$tmp/$name.log" 2>&1; then
		passed=$((passed + 1))
		grep -E "^$name: " "$tmp/$name.log" | tail -n 1 | sed 's/^/ok   /'
	else
		failed=$((failed + 1))
		echo "FAIL $name (STRESS_SEED=$seed)"
		sed 's/^/     | /' "$tmp/$name.log" | tail -n 30
	fi
}

# A shell part: runs with the test helpers, as tests/run-shell.sh would.
shell_part() {
	WORK="$tmp/$1" HOME="$tmp/$1/home" SPINELOG="$SPINELOG" STRESS_BIN="$STRESS_BIN" \
		TESTLIB="$top/tests/lib.sh" sh -eu -c '. "$TESTLIB"
		stat_add() { echo "$1 $2" >> "$STRESS_STATS"; }
		. "$0"' "$top/tests/stress/$1.sh"
}

# Everything runs with umask 000 once, so that the file modes are spinelog's.
umask 000
part kill "$STRESS_BIN/stress_kill" "$SPINELOG" "$STRESS_BIN/stress_driver" "$tmp/kill" \
	"$kills" "$seed"
umask 022
part fault "$STRESS_BIN/stress_fault" "$tmp/fault" "$mode" "$seed"
part busy "$STRESS_BIN/stress_busy" "$SPINELOG" "$tmp/busy" "$mode"
part damaged "$STRESS_BIN/stress_hostile" "$SPINELOG" "$STRESS_BIN/stress_driver" \
	"$tmp/damaged" "$trials" "$seed"
part hostile shell_part hostile
part clock shell_part clock
# The random-key fuzz of the interactive program runs in long mode only
# (a minute of keys; too slow for make check).
if [ "$mode" = long ]; then
	part keyfuzz shell_part keyfuzz
fi

sum() { awk -v k="$1" '$1 == k { n += $2 } END { print n + 0 }' "$STRESS_STATS"; }
echo "stress summary ($mode, seed $seed, $(($(date +%s) - start)) s):"
echo "  kills survived:        $(sum kills) ($(sum acknowledged) entries acknowledged)"
echo "  faults injected:       $(sum faults)"
echo "  busy writes refused:   $(sum busy)"
echo "  hostile files tried:   $(($(sum hostile)))"
[ "$mode" = long ] && echo "  key-fuzz keys sent:    $(sum keys) ($(sum restarts) restarts)"
echo "  entries lost:          $(sum lost)"
echo "  crashes:               $(sum crashes)"
[ "$(sum lost)" -eq 0 ] && [ "$(sum crashes)" -eq 0 ] || failed=$((failed + 1))
echo "stress: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
