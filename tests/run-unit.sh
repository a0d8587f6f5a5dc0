#!/bin/sh
# Run the cmocka unit-test binaries given as arguments (under valgrind when
# VALGRIND=1) and print one closing line: "unit: N passed, N failed".
passed=0 failed=0
for t in "$@"; do
	if [ "${VALGRIND:-0}" = 1 ]; then
		set -- valgrind -q --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect "$t"
	else
		set -- "$t"
	fi
	if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $t"; fi
done
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
