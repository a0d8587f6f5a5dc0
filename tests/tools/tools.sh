# Sourced by shell tests that use the test-only helpers in tests/tools/:
#   . "$TOP/tests/tools/tools.sh"
# $ADDEVENT   build/tools/addevent (build-san/... under SAN=1), see addevent.c
# check_export CSV [check-export.py options]   read an export back and compare
#             it with $DB (see tests/tools/check-export.py)
ADDEVENT=$(dirname "$SPINELOG")/tools/addevent
[ -x "$ADDEVENT" ] || ADDEVENT="$TOP/build/tools/addevent"
[ -x "$ADDEVENT" ] || fail "no $ADDEVENT: build it with 'make check'"
check_export() {
	csv=$1
	shift
	python3 "$TOP/tests/tools/check-export.py" "$csv" "$DB" "$@" >"$HOME/.check" 2>&1 ||
		fail "check-export.py $*: $(cat "$HOME/.check")"
}
# faketime preloads libfaketime, which AddressSanitizer must be told to allow.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
