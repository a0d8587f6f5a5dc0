# The SI joint injection walk-through at 80x24 (see tm_walk in tmux.lib).
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
tm_walk walk "MÜLLER, Anna" TERM=xterm-256color
