# The bedside flow of the case screen (issue 13): after a save the cursor
# goes to the next open item and n jumps there; i shows the whole item; the
# phase gate says where the blockers are and Enter goes to the first; the
# time-out does not start while a pre-procedure hard stop is open, and shows
# what the team confirms; the history shows a long reason whole.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
tm_start fl -- --staff QA
tm_signin_new_case "M800" "FLOW, Fran"

wait_until 10 tm_on_row "Identity: two identifiers match"
tm_keys Space
tm_wait "Saved: Identity"
wait_until 10 tm_on_row "Consent signed"	# the next open item
# n from the top passes the answered item
tm_first
wait_until 10 tm_on_row "Identity: two identifiers match"
tm_keys n
wait_until 10 tm_on_row "Consent signed"
tm_keys Down Down
wait_until 10 tm_on_row "Anticoagulants"
tm_keys n	# what the phase needs first: past the optional Weight and Last meal
wait_until 10 tm_on_row "Baseline vitals"
tm_keys Up Up
wait_until 10 tm_on_row "Weight"

# the whole item: kind, unit, range, hint
tm_keys i
tm_wait "Item: weight (Pre-procedure)"
for w in "Kind: number, in kg, optional" "Usual range: 40" "Why / source: Soft range for the test" \
		"Now: nothing recorded"; do
	tm_wait "$w"
done
tm_keys Enter
tm_gone "Item: weight"

# a long n/a reason, whole in the history
long="weighed at the referring hospital this morning, 72 kg, the ward scale is out of order and the bed scale is not calibrated"
tm_keys a
tm_wait "Not applicable: Weight"
tm_read
tm_type "$long"; tm_keys Enter
tm_wait "Saved: Weight not applicable"
wait_until 10 tm_on_row "Baseline vitals"	# on to the next item the phase needs
tm_keys Up Up
wait_until 10 tm_on_row "Weight"
tm_keys h
tm_wait "History of item: Weight"
flat=$(tm_screen | tr -s ' \n' '  ')
contains "$flat" "reason: weighed at the referring hospital" "the history"
contains "$flat" "the bed scale is not calibrated" "the history"
tm_keys q
tm_gone "History of"

# the gate: each blocker with its phase and row; Esc stays, Enter goes
tm_keys '>'
tm_wait "Phase gate"
tm_wait "Allergies - required (Pre-procedure, row 3)"
tm_wait "Enter go to the first"
tm_keys Escape
tm_gone "Phase gate"
wait_until 10 tm_on_row "Weight"
tm_keys '>'
tm_wait "Phase gate"
tm_keys Enter
tm_gone "Phase gate"
wait_until 10 tm_on_row "Consent signed"
tm_keys Space
tm_wait "Saved: Consent"

# the time-out waits for the hard stop Site marked, and goes to it
tm_keys Right
tm_wait "[Procedure 0/3]"
wait_until 10 tm_on_row "Time-out"
tm_keys Enter
tm_wait "Time-out not started"
tm_wait "Site marked: a hard stop"
[ "$(sql "SELECT count(*) FROM event WHERE action LIKE 'timeout%'")" = 0 ] || fail "a time-out event"
tm_keys Enter
tm_wait "[Pre "
wait_until 10 tm_on_row "Site marked"
tm_keys Space
tm_wait "Saved: Site marked"
# what the team confirms, from the chart
tm_first
tm_goto "Allergies"
tm_keys Enter; tm_wait "Text"; tm_type "latex: rash"; tm_keys Enter
tm_wait "Saved: Allergies"
tm_keys Right
tm_wait "[Procedure 0/3]"
wait_until 10 tm_on_row "Time-out"
tm_keys Enter
tm_wait "TIME-OUT: everyone stops"
for w in "Side LEFT   Level not recorded" "Allergy: latex: rash" "Antithrombotics: not recorded" \
		"INR not recorded   Platelets not recorded" "Enter: confirmed      !: NO - STOP"; do
	tm_wait "$w"
done
tm_keys Enter
tm_wait "[x] 1 of 3"
# a stop is a reason, then Right and Enter; Enter alone goes back
tm_keys '!'
tm_wait "STOP the time-out"
tm_type "ok"; tm_keys Enter
tm_wait "say why in at least 2 words and 8 letters"
tm_keys C-u; tm_type "consent names the other side"; tm_keys Enter
tm_wait "Right, then Enter: STOP"
tm_keys Enter
tm_gone "Right, then Enter: STOP"
tm_wait "STOP the time-out"	# back in the reason form, the reason kept
tm_wait "consent names the other side"
[ "$(sql "SELECT count(*) FROM event WHERE action = 'timeout_stop'")" = 0 ] || fail "Enter alone stopped it"
tm_keys Enter
tm_wait "Right, then Enter: STOP"
tm_keys Right
tm_wait "[ STOP ]"
tm_keys Enter
tm_wait "STOPPED at \"Procedure and side confirmed\""
[ "$(sql "SELECT value || '|' || reason FROM event WHERE action = 'timeout_stop'")" = \
	"Procedure and side confirmed|consent names the other side" ] || fail "the stop: $(sql "SELECT * FROM event WHERE action = 'timeout_stop'")"
tm_keys q
tm_wait "under way: Pre-procedure"
tm_keys q q y
tm_exited
expect_rc 0 "$SPINELOG" verify
