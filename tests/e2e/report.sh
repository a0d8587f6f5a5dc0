# p on the case screen saves the case report to a file and says where; the
# file is what 'spinelog report' prints for the case, and nobody else can read it.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
tm_start rp -- --staff QA
tm_signin_new_case "M991" "REPORT, Rita"
tm_keys Space
tm_wait "Saved: Identity"
tm_keys p
tm_wait "Report saved"
dir="$HOME/.local/share/spinelog/reports"
file=$(ls "$dir"/case-1-*.txt)
[ -f "$file" ] || fail "no report file in $dir: $(tm_screen)"
tm_wait "spinelog/reports/case-1-"
grep -q "REPORT, Rita" "$file" || fail "the report lacks the patient"
grep -q "\[x\] Identity" "$file" || fail "the report lacks the saved entry"
case "$(stat -c %a "$file")" in *[1-7]) fail "the report is readable by others" ;; esac
# The same text as the command prints (but for the printing time).
expect_rc 0 "$SPINELOG" report 1
[ "$(printf '%s\n' "$OUT" | sed 1d)" = "$(sed 1d "$file")" ] || fail "file and 'spinelog report' differ"
tm_keys Enter
# the help screen shows the chain head, an anchor verify accepts
head=$(sql "SELECT hash FROM event ORDER BY id DESC LIMIT 1")
tm_keys '?'
tm_wait "$head"
tm_keys q
expect_rc 0 "$SPINELOG" verify --anchor "$head"
tm_keys q
tm_wait "Worklist: today"
tm_keys q y
tm_exited
expect_rc 0 "$SPINELOG" verify
