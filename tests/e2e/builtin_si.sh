# The built-in SI joint injection checklist (not the test copy) can be taken
# through its whole pre-procedure phase from the keyboard: every row is
# answered by the key its kind asks for (read from the line under the list),
# after which only the time-out (first in the procedure phase) blocks.  After
# each save the cursor goes to the next open item by itself, past the rows
# whose rule no longer asks for them (local only sedation: fasting, IV
# access, monitoring), which are not counted: the count reaches its total
# and nothing else blocks.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
tm_start bi -- --staff QA
tm_signin_new_case "M500" "MÜLLER, Anna"
rows=$("$SPINELOG" checklists show si-joint-injection | sed -n 's/^Pre-procedure: \([0-9]*\) items.*/\1/p')
[ -n "$rows" ] && [ "$rows" -gt 20 ] || fail "no pre-procedure item count"
# the label of the selected row (tm_wait uses $i: the loop counts in $row)
sel() { tm_screen | sed -n 's/^> \[.\] \(.\{1,24\}\).*/\1/p'; }
pre_count() { tm_screen | sed -n 's/.*\[Pre \([0-9]*\/[0-9]*\)\*\].*/\1/p'; }
pre_complete() { count=$(pre_count); [ -n "$count" ] && [ "${count%/*}" = "${count#*/}" ]; }
row_saved() {
	if tm_shows "Outside the usual range"; then tm_keys y; return 1; fi
	[ "$(sql "SELECT count(*) FROM event WHERE phase='pre' AND action='record'")" -ge "$row" ] &&
	    { pre_complete || { now=$(sel); [ -n "$now" ] && [ "$now" != "$before" ]; }; }
}
row=0
while ! pre_complete; do
	[ "$row" -lt "$rows" ] || fail "more answers than rows: $(tm_screen)"
	before=$(sel)
	kind=$(tm_screen | sed -n '22p' | awk '{print $1}' | tr -d ',:')
	case "$kind" in
	check) tm_keys Space ;;
	choice) tm_keys Enter; tm_wait "1-9 choose"; tm_keys 1 ;;
	text) tm_keys Enter; tm_wait "Text"; tm_type "none known"; tm_keys Enter ;;
	time) tm_keys Enter; tm_wait "A time of day"; tm_keys Enter ;;
	number) tm_keys Enter; tm_wait "Enter saves"; tm_type "1"; tm_keys Enter ;;
	vitals)
		tm_keys Enter; tm_wait "BP systolic"
		for v in 128 76 72 14 98 36.8 3; do tm_type "$v"; tm_keys Enter; done ;;
	antithrombotic)
		# the first of the list is none: nothing else to fill in, so
		# Enter on the drug saves
		tm_keys Enter; tm_wait "Last dose"
		tm_keys Right
		wait_until 10 sh -c 'tmux -L "$1" capture-pane -p | grep -Eq "Drug: +none"' - "$TM_SOCK"
		tm_keys Enter ;;
	med)
		tm_keys Enter; tm_wait "Dose unit"
		tm_keys Right Enter; tm_type "1"; tm_keys Enter Enter Right Enter
		tm_type "left"; tm_keys Enter; tm_type "L1"; tm_keys Enter
		tm_type "2099-12"; tm_keys Enter Enter Enter Enter ;;
	*) fail "unknown kind '$kind' on: $(tm_screen | sed -n '22p')" ;;
	esac
	row=$((row + 1))
	# saved (a value out of range once acknowledged): one more record, and
	# the screen has moved on to the next row
	wait_until 10 row_saved
done
count=$(pre_count)
[ "${count#*/}" -lt "$rows" ] || fail "every row counted on a local-only case: $count"
tm_keys '>'
tm_wait "1 item blocks it"
tm_wait "Time-out before skin puncture - time-out not done"
tm_keys Enter q q y
tm_exited
[ "$TM_RC" = 0 ] || fail "exit $TM_RC"
[ "$(sql "SELECT count(DISTINCT item_key) FROM event WHERE phase='pre' AND action='record'")" = "${count#*/}" ] || fail "not every item that applies recorded once"
[ "$row" = "${count#*/}" ] || fail "$row answers for ${count#*/} items"
expect_rc 0 "$SPINELOG" verify
