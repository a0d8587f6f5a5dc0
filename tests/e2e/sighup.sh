# A terminal that goes away mid-entry (SIGHUP): nothing half-typed is saved,
# everything committed stays, the log verifies, and the next start resumes.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
tm_start hup -- --staff QA
tm_signin_new_case "M200" "O'BRIEN, Pat"
tm_keys Space
tm_wait "Saved: Identity"
tm_keys j Enter
tm_wait "Allergies"
tm_type "half-typed allergy"
tm_wait "half-typed allergy"	# in the form, so the hangup has something to lose
pid=$(tm_pid)
# closing the pane hangs up its terminal
tmux -L "$TM_SOCK" kill-server
wait_until 10 pid_gone "$pid"
[ "$(sql "SELECT count(*) FROM event WHERE value LIKE '%half-typed%'")" = 0 ] || fail "half-typed input saved"
[ "$(sql "SELECT count(*) FROM event WHERE action='record' AND item_key='identity'")" = 1 ] || fail "entry lost"
[ "$(sql "SELECT reason FROM event WHERE action='sign_out'")" = "SIGHUP" ] || fail "no sign_out"
expect_rc 0 "$SPINELOG" verify
contains "$OUT" "OK:"
tm_start hup2 -- --staff QA
tm_wait "M200"
tm_keys Enter
tm_wait "[x] Identity"
tm_wait "O'BRIEN, Pat"
