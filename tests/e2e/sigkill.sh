# kill -9 of the bedside program in the middle of a dialog: every saved entry
# stays, nothing half-typed is saved, the log verifies and the next start resumes.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
tm_start kill -- --staff QA
tm_signin_new_case "M210" "KILLED, Kim"
tm_keys Space
tm_wait "Saved: Identity"
tm_keys j Enter
tm_wait "Allergies"
tm_type "half-typed allergy"
tm_wait "half-typed allergy"	# in the form, so the kill has something to lose
pid=$(tm_pid)
kill -KILL "$pid"
wait_until 10 pid_gone "$pid"
tmux -L "$TM_SOCK" kill-server
[ "$(sql 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
[ "$(sql "SELECT count(*) FROM event WHERE value LIKE '%half-typed%'")" = 0 ] || fail "half-typed input saved"
[ "$(sql "SELECT count(*) FROM event WHERE action='record' AND item_key='identity'")" = 1 ] || fail "entry lost"
expect_rc 0 "$SPINELOG" verify
tm_start kill2 -- --staff QA
tm_wait "M210"
tm_keys Enter
tm_wait "[x] Identity"
tm_wait "KILLED, Kim"
tm_keys q q y
tm_exited
expect_rc 0 "$SPINELOG" verify
