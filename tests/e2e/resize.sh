# Resizing: 100x30 redraws larger, back to 80x24, and below 80x24 shows only
# "terminal too small" and takes no entry until it is large enough again.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
# pending: how many bytes of input wait in the pane's terminal, unread.
pending() {
	python3 -c 'import fcntl, os, struct, sys, termios
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
print(struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0" * 4))[0])' \
		"$(tmux -L "$TM_SOCK" display-message -p '#{pane_tty}')"
}
pending_is() { [ "$(pending)" = "$1" ]; }
tm_start rs -- --staff QA
tm_signin
tmux -L "$TM_SOCK" resize-window -x 100 -y 30
tm_wait "q back"
[ "$(tm_screen | wc -l)" -ge 29 ] || fail "not redrawn at 100x30"
tm_screen | grep -q "RN QA (Quinn Avery) *$" || fail "status line not laid out at 100 columns"
tmux -L "$TM_SOCK" resize-window -x 70 -y 20
tm_wait "terminal too small"
tm_wait "need 80x24, have 70x20"
lacks "$(tm_screen)" "Worklist"
# n (new case) typed while too small is read and ignored.  The program is
# stopped until n waits in its terminal, then continued: once n no longer
# waits, it was read at 70x20 (a key still unread at the resize below would
# be read after it, at 80x24, and open the form).
pid=$(tm_pid)
kill -STOP "$pid"
tm_keys n
wait_until 10 pending_is 1
kill -CONT "$pid"
wait_until 10 pending_is 0
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
