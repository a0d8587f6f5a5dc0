# PINs at the bedside: a code with a PIN is asked for it after the code at
# sign-in and at unlock; the PIN shows as stars, a wrong one is said and
# logged and the dialog stays; the right one signs in or resumes; a code
# without a PIN works as before.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
. "$TOP/tests/tools/tools.sh"

"$SPINELOG" init >/dev/null
"$ADDEVENT" staff QA "Quinn Avery" RN
"$ADDEVENT" staff KT "Kim Tran" RN
printf '2468\n2468\n' | "$SPINELOG" staff pin QA >/dev/null 2>&1 || fail "could not set the PIN"

tm_start pin -- --staff QA
tm_wait "Staff code QA has a PIN"
tm_type "1111"
tm_wait "PIN     ****"
lacks "$(tm_screen)" "1111"
tm_keys Enter
tm_wait "wrong PIN; type it again"
tm_type "2468"; tm_keys Enter
tm_wait "Signed in as RN QA (Quinn Avery)"
tm_wait "Worklist: today"
[ "$(sql "SELECT count(*) FROM event WHERE action = 'pin_wrong' AND staff_code = 'QA'")" = 1 ] ||
	fail "the wrong PIN was not logged"
[ "$(sql "SELECT count(*) FROM event WHERE action = 'sign_in' AND staff_code = 'QA'")" = 1 ] ||
	fail "no sign_in event"

# Unlock: the own code asks the PIN again; Esc goes back to the lock screen.
tm_keys L
tm_wait "spinelog — locked"
tm_type "QA"; tm_keys Enter
tm_wait "Staff code QA has a PIN"
tm_keys Escape
tm_wait "Type a staff code and press Enter."
tm_keys Enter
tm_wait "Unlock"
tm_type "QA"; tm_keys Enter
tm_wait "Staff code QA has a PIN"
tm_type "9999"; tm_keys Enter
tm_wait "wrong PIN"
tm_type "2468"; tm_keys Enter
tm_wait "Worklist: today"
lacks "$(tm_screen)" "locked"
# a colleague without a PIN switches with the code alone
tm_keys L
tm_wait "spinelog — locked"
tm_type "KT"; tm_keys Enter
tm_wait "Now charting: RN KT (Kim Tran)"
tm_keys q y
tm_exited
[ "$TM_RC" = 0 ] || fail "exit status $TM_RC"
[ "$(sql "SELECT count(*) FROM event WHERE action = 'pin_wrong'")" = 2 ] ||
	fail "wrong PINs logged: $(sql "SELECT count(*) FROM event WHERE action = 'pin_wrong'")"
expect_rc 0 "$SPINELOG" verify
