# The walk-through with NO_COLOR set: roles fall back to attributes, and the
# glyphs still carry every status.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
tm_walk nocolor "Müller, Hans" NO_COLOR=1 TERM=xterm-256color
# no colour escape reached the terminal (capture-pane -e keeps attributes)
tm_start nc3 NO_COLOR=1 TERM=xterm-256color -- --staff QA
tm_wait "Worklist: today"
esc=$(tmux -L "$TM_SOCK" capture-pane -p -e)
case "$esc" in *"[3"[0-7]"m"*|*"[4"[0-7]"m"*|*";3"[0-7]"m"*|*";4"[0-7]"m"*) fail "colour with NO_COLOR: $esc" ;; esac
tm_start nc4 TERM=xterm-256color -- --staff QA
tm_wait "Worklist: today"
esc=$(tmux -L "$TM_SOCK" capture-pane -p -e)
case "$esc" in *"[3"[0-7]*|*";3"[0-7]*|*"[4"[0-7]*|*";4"[0-7]*) ;; *) fail "no colour without NO_COLOR" ;; esac
