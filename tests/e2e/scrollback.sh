# TERM=linux (like vt100/vt220) has no alternate screen: what scrolls off
# stays in the terminal's scrollback.  Quitting, SIGTERM, the lock and Ctrl-Z
# must leave no patient data there or on the screen.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
history() { tmux -L "$TM_SOCK" capture-pane -p -S -5000; }
# Move through the case and back to the worklist: on this terminal the
# redraws scroll the name into the scrollback.
scroll_case() {
	tm_wait "SCROLL, Back"
	tm_keys Enter
	tm_wait "MRN M900"
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do tm_keys j; done
	tm_keys NPage PPage q
	tm_wait "Worklist: today"
	contains "$(history)" "SCROLL, Back" "the pane before the wipe"
}

tm_start quit TERM=linux -- --staff QA
tm_signin_new_case "M900" "SCROLL, Back"
tm_keys q
scroll_case
tm_keys q y
tm_exited
lacks "$(history)" "SCROLL, Back" "the scrollback after quitting"
lacks "$(history)" "M900" "the scrollback after quitting"

tm_start term TERM=linux -- --staff QA
scroll_case
pid=$(tm_pid)
kill -TERM "$pid"
tm_exited
lacks "$(history)" "SCROLL, Back" "the scrollback after SIGTERM"

tm_start lock TERM=linux -- --staff QA
scroll_case
tm_keys L
tm_wait "locked"
lacks "$(history)" "SCROLL, Back" "the scrollback while locked"

tm_start stop TERM=linux -- --staff QA
scroll_case
pid=$(tm_pid)
tm_keys C-z
stopped() { [ "$(ps -o stat= -p "$1" | cut -c1)" = T ]; }
wait_until 10 stopped "$pid"
lacks "$(history)" "SCROLL, Back" "the scrollback while stopped by Ctrl-Z"
kill -CONT "$pid"
tm_wait "locked"
tm_wait "Unlock"
lacks "$(tm_screen)" "SCROLL, Back" "the screen after continuing"
tm_type QA; tm_keys Enter
tm_wait "Worklist: today"
tm_wait "SCROLL, Back"
