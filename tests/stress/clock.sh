# The clock going backwards (faketime): events appended at 10:00, then at
# 09:00 by a second run, stay ordered by id; verify exits 0 and warns on
# stderr, naming the first event recorded earlier than the one before it.
# Sourced by tests/stress/run.sh with $SPINELOG, $STRESS_BIN and $WORK set.

db="$WORK/clock.db"
# faketime preloads a library; ASan (SAN=1) must not insist on coming first.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
"$SPINELOG" init -d "$db" >/dev/null
faketime -f '@2026-11-26 10:00:00' "$STRESS_BIN/stress_driver" "$db" 1 3 >"$WORK/acks"
faketime -f '@2026-11-26 09:00:00' "$STRESS_BIN/stress_driver" "$db" 2 2 >>"$WORK/acks"
[ "$(wc -l < "$WORK/acks")" -eq 5 ] || fail "the drivers acknowledged $(wc -l < "$WORK/acks") events, not 5"
times=$(sqlite3 "$db" 'SELECT id || " " || recorded_at FROM event ORDER BY id')
contains "$times" "1 2026-11-26T10:00:00" "event times"
contains "$times" "4 2026-11-26T09:00:00" "event times"
expect_rc 0 "$SPINELOG" verify -d "$db"
contains "$OUT" "OK: 5 events"
contains "$ERR" "warning"
contains "$ERR" "first at event 4"
contains "$ERR" "clock went backwards"
# The log order stands: ids follow the order of the appends, not the times.
[ "$(sqlite3 "$db" 'SELECT group_concat(id) FROM (SELECT id FROM event ORDER BY id)')" = "1,2,3,4,5" ] ||
	fail "event ids are not 1..5"
echo "clock: 5 events across a clock jump back of one hour, verify warned"
