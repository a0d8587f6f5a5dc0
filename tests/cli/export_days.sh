# Export day ranges that cannot be meant: days outside the years 1970-2999
# (no event can be older than the system clock's epoch, and 9999-12-31 once
# exported nothing without a word because the day after it has a five-digit
# year), a --to before --from in either order of the options, and a range
# that selects nothing, which is exported (an audited, empty export) but said
# plainly on stderr.
. "$TESTLIB"
. "$TOP/tests/tools/tools.sh"

"$SPINELOG" init >/dev/null
faketime -f '2026-03-10 12:00:00.000' "$ADDEVENT" --action note --value 'march' --staff QA >/dev/null
mkdir "$HOME/out"
n=$(sql 'SELECT count(*) FROM event')

outside() {
	expect_rc 64 "$SPINELOG" export -o "$HOME/out" "$@"
	contains "$ERR" "$msg"
	contains "$ERR" "usage: spinelog export"
	[ -z "$(ls -A "$HOME/out")" ] || fail "'export $*' wrote $(ls -A "$HOME/out")"
	[ "$(sql 'SELECT count(*) FROM event')" = "$n" ] || fail "'export $*' logged an event"
}
msg="'9999-12-31' is outside the years 1970 to 2999"
outside --from 2000-01-01 --to 9999-12-31
msg="'1969-12-31' is outside the years 1970 to 2999"
outside --date 1969-12-31
msg="'3000-01-01' is outside the years 1970 to 2999"
outside --from 2026-01-01 --to 3000-01-01
msg="is not a day"
outside --date 2026-02-29
outside --from 2026-04-31 --to 2026-05-01

# --to before --from, whichever option comes first, and with words.
msg="the range 2026-03-02 to 2026-03-01 ends before it starts"
outside --to 2026-03-01 --from 2026-03-02
outside --from 2026-03-02 --to 2026-03-01
msg="ends before it starts"
outside --from today --to yesterday

# The first and the last day of the window are days.
expect_rc 0 "$SPINELOG" export -o "$HOME/out" --from 1970-01-01 --to 2999-12-31
contains "$OUT" "wrote 1 event to"
n=$((n + 1))

# A range with nothing in it: the file (header only) and the export event,
# exit 0, and a clear line on stderr; the counts said as numbers.
expect_rc 0 "$SPINELOG" export -o "$HOME/out" --from 2026-05-01 --to 2026-05-03
contains "$ERR" "spinelog: warning: 0 events from 2026-05-01 to 2026-05-03; nothing to export"
contains "$OUT" "wrote 0 events to $HOME/out/spinelog-2026-05-01_2026-05-03.csv"
[ "$(wc -l < "$HOME/out/spinelog-2026-05-01_2026-05-03.csv")" -eq 1 ] || fail "more than a header"
[ "$(sql "SELECT count(*) FROM event WHERE action = 'export'")" = 2 ] ||
	fail "the empty export was not logged"
expect_rc 0 "$SPINELOG" export -o "$HOME/out" --date 2026-05-04
contains "$ERR" "0 events on 2026-05-04; nothing to export"
expect_rc 0 "$SPINELOG" export -o "$HOME/out" --date 2026-03-10
[ -z "$ERR" ] || fail "a range with events warned: $ERR"
contains "$OUT" "wrote 1 event to"
