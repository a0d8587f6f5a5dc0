# x on the worklist exports the day shown as CSV to the default folder and
# says where, how many events, and the anchor hash, which verify accepts.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
tm_start ex -- --staff QA
tm_wait "New staff member"
tm_type "Quinn Avery"; tm_keys Enter Enter
tm_wait "Worklist: today"
tm_keys n
tm_wait "New case"
tm_type "M990"; tm_keys Enter
tm_type "EXPORT, Eve"; tm_keys Enter
tm_type "1950-01-01"; tm_keys Enter
tm_pick_si
tm_keys Enter Enter Enter
tm_type "Dr P"; tm_keys Enter Enter
tm_wait "under way: Pre-procedure"
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
