# The walk-through on a vt100 (no colour, no alternate screen), with a
# Vietnamese name (UTF-8, combining-free precomposed letters).
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
tm_walk vt100 "NGUYỄN Thị Ánh" TERM=vt100
# the screen is cleared on quit: no patient data left behind on a terminal
# without an alternate screen
lacks "$(tm_screen)" "NGUYỄN" "the screen after quitting"
