# Tampering through the sqlite3 shell, as someone with the file would try.
# The chain is built here from the encoding documented in spinelog(1), HASH
# CHAIN, with sha256sum: verify accepting it proves the recipe an auditor
# would follow.  Then: the triggers refuse UPDATE, DELETE and INSERT OR
# REPLACE; and with the triggers dropped (and put back, to cover tracks), a
# changed value, a changed hash, a deleted middle row, a swapped pair and a
# cut tail are each reported by verify with exit 1 and the right event.
. "$TESTLIB"

expect_rc 0 "$SPINELOG" init
f() { printf '%d:%s,' "$(printf '%s' "$1" | wc -c)" "$1"; }
prev=0000000000000000000000000000000000000000000000000000000000000000
for id in 1 2 3 4 5 6; do
	at="2026-11-26T10:0$id:00.000Z" value="BP 12$id/80 é"
	hash=$({ printf '%s' "$prev"; f "$id"; f "$at"; f ""; f pre; f bp; f record; f "$value"
		f mmHg; f ""; f ""; f ""; f QA; f auditor; f "host:tty$id"; } | sha256sum | cut -c1-64)
	sql "INSERT INTO event (id, recorded_at, phase, item_key, action, value, unit,
		staff_code, os_user, terminal, prev_hash, hash) VALUES ($id, '$at', 'pre', 'bp',
		'record', '$value', 'mmHg', 'QA', 'auditor', 'host:tty$id', '$prev', '$hash')"
	prev=$hash
done
expect_rc 0 "$SPINELOG" verify
contains "$OUT" "OK: 6 events, head $prev"
anchor=$prev
cp "$DB" "$HOME/pristine.db"

# The triggers refuse changes, also INSERT OR REPLACE on an existing id.
for stmt in "UPDATE event SET value = '80' WHERE id = 3" "DELETE FROM event WHERE id = 6" \
	"INSERT OR REPLACE INTO event SELECT * FROM event WHERE id = 2" \
	"REPLACE INTO event (id, recorded_at, action, os_user, terminal, prev_hash, hash)
		VALUES (4, 'x', 'x', 'x', 'x', 'x', 'x')"; do
	if err=$(sql "$stmt" 2>&1); then fail "sqlite3 accepted: $stmt"; fi
	contains "$err" "append-only" "sqlite3 on '$stmt'"
done
expect_rc 0 "$SPINELOG" verify
contains "$OUT" "OK: 6 events, head $anchor"

# tamper SQL: on a fresh copy, drop the append-only triggers, run SQL, put
# them back (the event table has other triggers, which stay).
triggers=$(sqlite3 "$HOME/pristine.db" "SELECT sql || ';' FROM sqlite_schema
	WHERE type = 'trigger' AND name IN ('event_no_update', 'event_no_delete',
	'event_no_replace')")
tamper() {
	cp "$HOME/pristine.db" "$DB"
	sql "DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete;
		DROP TRIGGER event_no_replace; $1; $triggers" || fail "tampering failed: $1"
}
# expect_fault EVENT WHY: verify exits 1 naming EVENT as the first broken one.
expect_fault() {
	expect_rc 1 "$SPINELOG" verify
	contains "$OUT" "FAULT: "
	contains "$OUT" "first broken event: $1"
	contains "$OUT" "$2"
}

tamper "UPDATE event SET value = 'BP 80/50' WHERE id = 3"
expect_fault 3 "does not recompute"
tamper "UPDATE event SET hash = '$(printf '%064d' 7)' WHERE id = 4"
expect_fault 4 "does not recompute"
tamper "DELETE FROM event WHERE id = 3"
expect_fault 3 "missing"
tamper "UPDATE event SET id = 100 WHERE id = 3; UPDATE event SET id = 3 WHERE id = 4;
	UPDATE event SET id = 4 WHERE id = 100"
expect_fault 3 "prev_hash"
# A changed value with its hash recomputed still breaks the next link.
tamper "UPDATE event SET value = 'BP 80/50', hash = '$(printf '%064d' 9)' WHERE id = 5"
expect_fault 5 ""

# A cut tail is a valid shorter chain: only the anchor shows it.
tamper "DELETE FROM event WHERE id > 4"
expect_rc 0 "$SPINELOG" verify
contains "$OUT" "OK: 4 events"
expect_rc 1 "$SPINELOG" verify --anchor "$anchor"
contains "$OUT" "anchor $anchor is not in the chain of 4 events: events after event 4 were cut off"

# Triggers dropped and left out: verify names the missing trigger.
cp "$HOME/pristine.db" "$DB"
sql "DROP TRIGGER event_no_replace"
expect_rc 1 "$SPINELOG" verify
contains "$OUT" "event_no_replace is missing"
