# x on the worklist exports the day shown as CSV to the default folder and
# says where, how many events, and the anchor hash, which verify accepts.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
tm_start ex -- --staff QA
tm_signin_new_case "M990" "EXPORT, Eve"
tm_keys Space
tm_wait "Saved: Identity"
tm_keys q
tm_wait "Worklist: today"
tm_keys x
tm_wait "Exported"
day=$(date +%Y-%m-%d)
file="$HOME/.local/share/spinelog/exports/spinelog-$day.csv"
[ -f "$file" ] || fail "no $file: $(tm_screen)"
rows=$(sql "SELECT count(*) FROM event WHERE action != 'export'")
tm_wait "$rows events of $day written to"
anchor=$(sql "SELECT hash FROM event WHERE action != 'export' ORDER BY id DESC LIMIT 1")
tm_wait "$anchor"
[ "$(sql "SELECT count(*) FROM event WHERE action='export' AND staff_code='QA'")" = 1 ] || fail "no export event"
tm_keys Enter q y
tm_exited
expect_rc 0 "$SPINELOG" verify --anchor "$anchor"
