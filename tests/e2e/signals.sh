# SIGTERM and a crash (SIGSEGV) restore the terminal (canonical mode, echo)
# and clear the screen, so no patient data stays visible; the exit status
# is 128 + the signal, and what was saved stays saved.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
run_until_case() {
	tm_start "$1" -- --staff QA
	tm_wait "Worklist: today"
	tm_wait "SIGNAL, Test"
	tm_keys Enter
	tm_wait "MRN M800"
}
tm_start setup -- --staff QA
tm_signin_new_case "M800" "SIGNAL, Test"
tm_keys q q y
tm_exited
for sig in TERM SEGV; do
	run_until_case "sig$sig"
	pid=$(tm_pid)
	kill -s "$sig" "$pid"
	tm_exited
	case $sig in TERM) want=143 ;; SEGV) want=139 ;; esac
	[ "$TM_RC" = "$want" ] || fail "SIG$sig: exit status $TM_RC, expected $want"
	lacks "$(tm_screen)" "SIGNAL, Test" "the screen after SIG$sig"
	modes=$(cat "$HOME/stty-sig$sig")
	lacks "$modes" "-icanon" "terminal modes after SIG$sig"
	lacks "$modes" "-echo " "terminal modes after SIG$sig"
done
[ "$(sql "SELECT reason FROM event WHERE action='sign_out' ORDER BY id DESC LIMIT 1")" = SIGTERM ] ||
	fail "SIGTERM not logged as the end of the session"
expect_rc 0 "$SPINELOG" verify
