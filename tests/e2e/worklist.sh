# The worklist: a likely duplicate asks first, cancelling needs a reason,
# search by name or MRN, other days, and an open case is listed on every day,
# the days before its own too (with its date), while a finished one only on
# its own day.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
TM_FAKETIME="@2026-03-10 10:00:00"	# the clock starts there and runs
newcase() {	# MRN NAME TIME
	tm_keys n
	tm_wait "New case"
	tm_type "$1"; tm_keys Enter
	tm_type "$2"; tm_keys Enter
	tm_type "1950-01-01"; tm_keys Enter
	tm_pick_si
	tm_keys Enter Enter Enter
	tm_type "Dr P"; tm_keys Enter
	tm_type "$3"; tm_keys Enter
}
tm_start wl -- --staff QA
tm_signin
tm_wait "Worklist: today 2026-03-10"
newcase M1 "FIRST, Ann" 0900
tm_wait "under way: Pre-procedure"
tm_keys q
tm_wait "FIRST, Ann"
# the same MRN, procedure and day again: asked, and "n" creates nothing
newcase M1 "FIRST, Ann" 1000
tm_wait "Likely duplicate"
tm_wait "MRN M1 already has a Sacroiliac joint injection"
tm_keys n Escape
tm_gone "New case"
[ "$(sql "SELECT count(*) FROM cases")" = 1 ] || fail "duplicate created"
newcase M2 "SECOND, Bob" 1100
tm_wait "under way: Pre-procedure"
tm_keys q
tm_wait "SECOND, Bob"
tm_wait "2 open"
# cancel the second: a reason is required
tm_keys j c
tm_wait "Cancel case"
tm_keys Enter
tm_wait "a reason is needed"
tm_type "patient unwell"; tm_keys Enter
tm_wait "Case cancelled: patient unwell"
tm_wait "1 open · 0 done · 1 cancelled"
tm_wait "cancl"
[ "$(sql "SELECT reason FROM event WHERE action='case_cancel'")" = "patient unwell" ] || fail "cancel"
# search by part of a name, then by MRN (any day)
tm_keys /
tm_wait "Find a case"
tm_type "first"; tm_keys Enter
tm_wait 'Found: "first"'
tm_wait "FIRST, Ann"
lacks "$(tm_screen)" "SECOND"
tm_keys /
tm_type "M2"; tm_keys Enter
tm_wait "SECOND, Bob"
lacks "$(tm_screen)" "FIRST"
# tomorrow and yesterday: the case still open is listed with its date; the
# cancelled one is not, and the totals are those of the day shown
tm_keys t ]
tm_wait "Worklist: 2026-03-11"
tm_wait "03-10 M1        FIRST, Ann"
tm_wait "1 open · 0 done · 0 cancelled"
lacks "$(tm_screen)" "SECOND"
tm_keys [ [
tm_wait "Worklist: 2026-03-09"
tm_wait "03-10 M1        FIRST, Ann"
lacks "$(tm_screen)" "SECOND"
tm_keys t
tm_wait "Worklist: today"
tm_wait "Worklist: today"
tm_keys q y
tm_exited
[ "$TM_RC" = 0 ] || fail "exit $TM_RC"
expect_rc 0 "$SPINELOG" verify
