# Two terminals on one database: an entry made in one shows in the other
# without a key being pressed (the program polls PRAGMA data_version).
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
tm_start a -- --staff QA
tm_signin_new_case "M700" "SHARED, Case"
A=$TM_SOCK
tm_start b -- --staff QA
tm_wait "SHARED, Case"
tm_keys Enter
tm_wait "> [ ] Identity"
B=$TM_SOCK
TM_SOCK=$A
tm_keys Space
tm_wait "Saved: Identity"
TM_SOCK=$B
tm_wait "[x] Identity" 5
tm_wait "Pre 1/9"
# and says that another terminal entered it, who and what
tm_wait "Another terminal"
tm_wait "QA record Identity"
[ "$(sql "SELECT count(*) FROM event WHERE item_key='identity' AND action='record'")" = 1 ] || fail "entry count"
tm_keys q q y
tm_exited
TM_SOCK=$A
tm_keys q q y
tm_exited
[ "$(sql "SELECT count(*) FROM event WHERE action='sign_in'")" = 2 ] || fail "two sessions"
expect_rc 0 "$SPINELOG" verify
