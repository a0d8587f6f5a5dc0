# Times with their day (checklist review S-e, X5): on a built-in sacroplasty
# at 10:00, a time later than now is refused with the way to type last
# night's; "yesterday 2000" is saved with its date and the item view says
# how long ago it was; Space on a time row saves now at once.  (Rules on
# times across midnight: tests/unit/test_rule.c.)  The clock is fixed from
# outside (faketime).
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
. "$TOP/tests/tools/tools.sh"
at() { when=$1; shift; faketime -f "@2026-11-26 $when" "$@"; }
cat >"$HOME/day.csv" <<'CSV'
mrn,name,dob,procedure,side,level,proceduralist
M200107,"O'BRIEN, Pat",1951-03-02,sacroplasty,bilateral,S1,Dr Patel
CSV
at 08:00:00 "$SPINELOG" init >/dev/null
at 08:00:00 "$ADDEVENT" staff QA "Quinn Avery" RN
expect_rc 0 at 08:00:00 "$SPINELOG" --staff QA worklist import "$HOME/day.csv"
value() { sql "SELECT value FROM event WHERE item_key = '$1' AND action = 'record' ORDER BY id DESC LIMIT 1"; }
records() { sql "SELECT count(*) FROM event WHERE action = 'record'"; }

TM_FAKETIME="@2026-11-26 10:00:00"
tm_start dated -- --staff QA
tm_wait "O'BRIEN, Pat"
tm_keys Enter
tm_wait "under way: Pre-procedure"

# last night's time typed without its day: refused, nothing saved, the
# message says how to type it
tm_first; tm_goto "Date and time labs"
tm_keys Enter
tm_wait "Time: now//"
tm_type "2000"; tm_keys Enter
tm_wait "20:00 is later than now (10:00)"
tm_wait "yesterday 2000"
[ "$(records)" = 0 ] || fail "a time yet to come was saved: $(value labs_drawn)"
# a day that is not one, and tomorrow's time, are refused too
tm_keys C-u; tm_type "tomorrow 0800"; tm_keys Enter
tm_wait "is not a time"
tm_keys C-u; tm_type "2026-11-27 0800"; tm_keys Enter
tm_wait "later than now"
[ "$(records)" = 0 ] || fail "tomorrow was saved: $(value labs_drawn)"
tm_keys C-u; tm_type "yesterday 2000"; tm_keys Enter
tm_wait "Saved: Date and time labs were drawn 2026-11-25 20:00"
[ "$(value labs_drawn)" = "2026-11-25 20:00" ] || fail "labs_drawn: $(value labs_drawn)"
# the row shows the day short, clear of the entry's own time (10:00)
tm_wait "Date and time labs were drawn  25 Nov 20:00     10:00 QA"
# the item view says how old it is
tm_keys k
wait_until 10 tm_on_row "Date and time labs"
tm_keys i
tm_wait "2026-11-25 20:00 (14 h 0 min ago)"
tm_keys Escape
tm_gone "min ago"

# Space on a time row: now, in one key; an arrival already recorded is not
# recorded twice by another Space
tm_first
wait_until 10 tm_on_row "Arrival"
tm_keys Space
tm_wait "Saved: Arrival / check-in 10:00"
[ "$(value arrival)" = "10:00" ] || fail "arrival: $(value arrival)"
tm_first
wait_until 10 tm_on_row "Arrival"
tm_keys Space
tm_wait "Already recorded at 10:00"
sleep 1.5	# the pause that ends the typing guard the refused key started
[ "$(sql "SELECT count(*) FROM event WHERE item_key = 'arrival'")" = 1 ] ||
	fail "a second Space recorded the arrival again"
tm_keys q
tm_wait "Worklist: today"
tm_keys q y
tm_exited

expect_rc 0 "$SPINELOG" verify
