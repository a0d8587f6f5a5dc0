# Resizing: 100x30 redraws larger, back to 80x24, and below 80x24 shows only
# "terminal too small" and takes no entry until it is large enough again.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
tm_start rs -- --staff QA
tm_wait "New staff member"
tm_type "Quinn Avery"; tm_keys Enter Enter
tm_wait "Worklist: today"
tmux -L "$TM_SOCK" resize-window -x 100 -y 30
tm_wait "q back"
[ "$(tm_screen | wc -l)" -ge 29 ] || fail "not redrawn at 100x30"
tm_screen | grep -q "RN QA (Quinn Avery) *$" || fail "status line not laid out at 100 columns"
tmux -L "$TM_SOCK" resize-window -x 70 -y 20
tm_wait "terminal too small"
tm_wait "need 80x24, have 70x20"
lacks "$(tm_screen)" "Worklist"
tm_keys n	# ignored while too small
tmux -L "$TM_SOCK" resize-window -x 80 -y 24
tm_wait "Worklist: today"
lacks "$(tm_screen)" "New case"
lacks "$(tm_screen)" "terminal too small"
tm_keys q y
tm_exited
[ "$TM_RC" = 0 ] || fail "exit $TM_RC"
[ "$(sql "SELECT count(*) FROM cases")" = 0 ] || fail "a case was created while too small"
[ "$(sql "SELECT name FROM staff")" = "Quinn Avery" ] || fail "staff row"
expect_rc 0 "$SPINELOG" verify
