# The anchor an export prints is accepted by verify --anchor; after the tail
# of the log is cut off behind spinelog's back (triggers dropped and put back
# with the sqlite3 shell), the chain alone still looks whole, and only the
# anchor shows the loss.
. "$TESTLIB"
. "$TOP/tests/tools/tools.sh"

"$SPINELOG" init >/dev/null
for i in 1 2 3 4 5; do "$ADDEVENT" --action note --value "before $i" --staff QA >/dev/null; done
expect_rc 0 "$SPINELOG" export --all -o "$HOME/day.csv"
anchor=$(echo "$OUT" | sed -n 's/^anchor: //p')
[ "$anchor" = "$(sql 'SELECT hash FROM event WHERE id = 5')" ] ||
	fail "anchor '$anchor' is not the hash of the last exported event"
[ "$(tail -c 67 "$HOME/day.csv" | head -c 64)" = "$anchor" ] || fail "anchor is not the file's last hash"
for i in 1 2 3; do "$ADDEVENT" --action note --value "after $i" --staff QA >/dev/null; done
expect_rc 0 "$SPINELOG" verify --anchor "$anchor"
contains "$OUT" "anchor found"

# Cut the log back to event 3, as someone with the sqlite3 shell could.
trigger=$(sql "SELECT sql FROM sqlite_schema WHERE name = 'event_no_delete'")
sql "DROP TRIGGER event_no_delete; DELETE FROM event WHERE id > 3; $trigger;"
[ "$(sql 'SELECT count(*) FROM event')" = 3 ] || fail "the tail was not deleted"
expect_rc 0 "$SPINELOG" verify
expect_rc 1 "$SPINELOG" verify --anchor "$anchor"
contains "$OUT" "FAULT: the anchor $anchor is not in the chain"
