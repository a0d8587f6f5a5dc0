#!/bin/sh
# Run libFuzzer harnesses: tests/run-fuzz.sh SECONDS BIN...
# Each harness starts from a seed corpus (copied into a temporary folder, which
# the fuzzer grows): the built-in checklists and tables, plus
# tests/fuzz/corpus-NAME/ for harness fuzz_NAME when that folder exists; it
# runs for SECONDS; any crash, leak or sanitizer report fails it.  Prints
# "fuzz: N passed, N failed" last.
seconds=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
passed=0 failed=0
for bin in "$@"; do
	tmp=$(mktemp -d)
	mkdir "$tmp/corpus"
	cp "$top"/schema/checklists/*.csv "$top"/schema/*.csv "$tmp/corpus/"
	name=$(basename "$bin")
	seeds="$top/tests/fuzz/corpus-${name#fuzz_}"
	if [ -d "$seeds" ]; then
		cp "$seeds"/* "$tmp/corpus/"
	fi
	# -max_len: the parser refuses files over 256 KiB; 64 KiB explores the
	# row logic well and leaves room for the size check through seeds.
	if "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=1024 \
		-print_final_stats=1 -artifact_prefix="$tmp/" "$tmp/corpus" >"$tmp/log" 2>&1; then
		passed=$((passed + 1))
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/log")
		echo "ok   $bin: ${runs:-?} executions in ${seconds} s"
	else
		failed=$((failed + 1))
		echo "FAIL $bin"
		tail -n 60 "$tmp/log" | sed 's/^/     | /'
		for a in "$tmp"/crash-* "$tmp"/leak-* "$tmp"/timeout-* "$tmp"/oom-*; do
			[ -f "$a" ] || continue
			mkdir -p build-fuzz/artifacts
			cp "$a" build-fuzz/artifacts/
			echo "     artifact kept: build-fuzz/artifacts/$(basename "$a")"
		done
	fi
	rm -rf "$tmp"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
