# Times with their day (checklist review S-e, X5): on a built-in sacroplasty
# at 10:00, a time later than now is refused with the way to type last
# night's; "yesterday 2000" is saved with its date and the item view says
# how long ago it was; Space on a post-procedure time row saves now at once
# (on a pre-procedure one it opens the form); an amendment the next day keeps
# the day of the time it corrects.  (Rules on
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

# Space on a pre-procedure time row opens its form (such a time is often of
# before arrival: the last meal, the labs); Enter there takes now
tm_first
wait_until 10 tm_on_row "Arrival"
tm_keys Space
tm_wait "Time: now//"
tm_keys Enter
tm_wait "Saved: Arrival / check-in 10:00"
[ "$(value arrival)" = "10:00" ] || fail "arrival: $(value arrival)"
tm_keys q
tm_wait "Worklist: today"
tm_keys q y
tm_exited

# the next day: the procedure and the recovery phases under way (written as
# the gate would), Space on a post-procedure time saves now in one key, and
# a second Space does not record it twice
case_id=$(sql "SELECT id FROM cases")
at 10:30:00 "$ADDEVENT" --case "$case_id" --action phase_start --phase procedure --staff QA >/dev/null
at 11:30:00 "$ADDEVENT" --case "$case_id" --action phase_start --phase post --staff QA >/dev/null
TM_FAKETIME="@2026-11-27 09:15:00"
tm_start nextday -- --staff QA
tm_wait "O'BRIEN, Pat"
tm_keys Enter
tm_wait "under way: Post-procedure"
tm_first
wait_until 10 tm_on_row "Arrival in recovery"
tm_keys Space
tm_wait "Saved: Arrival in recovery 09:15"
[ "$(value recovery_arrival)" = "09:15" ] || fail "recovery_arrival: $(value recovery_arrival)"
tm_first
wait_until 10 tm_on_row "Arrival in recovery"
tm_keys Space
tm_wait "Already recorded at 09:15"
sleep 1.5	# the pause that ends the typing guard the refused key started
[ "$(sql "SELECT count(*) FROM event WHERE item_key = 'recovery_arrival'")" = 1 ] ||
	fail "a second Space recorded the arrival again"

# an amendment of yesterday's "10:00" starts from it with its day, so that
# saving it unchanged keeps the 26th
tm_keys Left Left
tm_wait "[Pre "
tm_wait "Arrival / check-in  26 Nov 10:00"	# yesterday's time, with its day
tm_first
wait_until 10 tm_on_row "Arrival / check-in"
tm_keys e
tm_wait "2026-11-26 10:00"
tm_keys Enter
tm_wait "Reason"
tm_read
tm_type "time checked against the porter log"; tm_keys Enter
tm_wait "Saved: Arrival / check-in 2026-11-26 10:00"
[ "$(sql "SELECT value FROM event WHERE item_key = 'arrival' AND action = 'amend'")" = "2026-11-26 10:00" ] ||
	fail "the amendment moved the arrival: $(sql "SELECT value FROM event WHERE item_key = 'arrival'")"
tm_keys q
tm_wait "Worklist: today"
tm_keys q y
tm_exited

expect_rc 0 "$SPINELOG" verify
