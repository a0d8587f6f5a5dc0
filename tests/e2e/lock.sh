# The idle lock (--lock-after, here 1 minute on a clock running 10 times
# fast) and the lock key: no patient data on the screen while locked; the
# same code resumes the same case, another code switches the charting staff.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
tm_start kt -- --staff KT	# a second colleague registers first
tm_wait "New staff member"
tm_type "Kim Tran"; tm_keys Enter Enter
tm_wait "Worklist: today"
tm_keys q y
tm_exited
TM_FAKETIME="+0 x10"
tm_start lk -- --staff QA --lock-after 1
tm_signin_new_case "M900" "PRIVATE, Patient"
tm_keys Space
tm_wait "Saved: Identity"
tm_keys j Enter	# an open dialog is dropped by the lock
tm_wait "Text"
# idle for a (fast) minute: locked, the staff-code form open at once, and the
# dialog that was open said to be lost
tm_wait "spinelog — locked" 15
tm_wait "Unlock"
screen=$(tm_screen)
lacks "$screen" "PRIVATE"
lacks "$screen" "M900"
lacks "$screen" "Quinn"
contains "$(echo "$screen" | tr -s " \n" "  ")" "what was typed in it was NOT saved"
tm_type "XX"; tm_keys Enter
tm_wait "not a known staff code"
tm_type "QA"; tm_keys Enter
tm_wait "PRIVATE, Patient"
tm_wait "> [ ] Allergies"
lacks "$(tm_screen)" "Unlock"
lacks "$(tm_screen)" "Text"
# the lock key; another colleague's code switches who charts
tm_keys L
tm_wait "spinelog — locked"
lacks "$(tm_screen)" "PRIVATE"
lacks "$(tm_screen)" "NOT saved"	# no dialog was open this time
tm_type "KT"; tm_keys Enter
tm_wait "Now charting: RN KT (Kim Tran)"
tm_wait "PRIVATE, Patient"
tm_keys k Space
tm_wait "Saved: Consent"
[ "$(sql "SELECT staff_code FROM event WHERE item_key='consent'")" = KT ] || fail "not charted as KT"
[ "$(sql "SELECT count(*) FROM event WHERE action='sign_in' AND staff_code='KT'")" = 2 ] || fail "no switch event"
expect_rc 0 "$SPINELOG" verify
