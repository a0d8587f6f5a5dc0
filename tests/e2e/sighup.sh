# A terminal that goes away mid-entry (SIGHUP): nothing half-typed is saved,
# everything committed stays, the log verifies, and the next start resumes.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
tm_start hup -- --staff QA
tm_wait "New staff member"
tm_type "Quinn Avery"; tm_keys Enter Enter
tm_wait "Worklist: today"
tm_keys n
tm_wait "New case"
tm_type "M200"; tm_keys Enter
tm_type "O'BRIEN, Pat"; tm_keys Enter
tm_type "1950-05-05"; tm_keys Enter
tm_pick_si
tm_keys Enter Enter Enter
tm_type "Dr Patel"; tm_keys Enter Enter
tm_wait "under way: Pre-procedure"
tm_keys Space
tm_wait "Saved: Identity"
tm_keys j Enter
tm_wait "Allergies"
tm_type "half-typed allergy"
# the pane's shell runs spinelog; closing the pane hangs up its terminal
shell=$(tmux -L "$TM_SOCK" display-message -p '#{pane_pid}')
pid=$(pgrep -P "$shell" -x spinelog || true)
[ -n "$pid" ] || fail "no spinelog process under the pane"
tmux -L "$TM_SOCK" kill-server
i=0
while kill -0 "$pid" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "spinelog did not exit on hangup"; sleep 0.05
done
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
