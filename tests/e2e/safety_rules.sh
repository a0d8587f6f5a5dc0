# The checklist's rules at the bedside (issue "clinical safety logic"), on the
# built-in checklists: a sacral nerve root block charted with a procedure
# mismatch, the hold plan not met, INR 2.6, LEFT on a RIGHT case and a
# positive pregnancy test is told each one before saving and cannot start the
# procedure phase until each is overridden by name; the side list starts on
# the case's own side; the banner shows the recorded allergy whole; on a
# local-only SI joint injection the sedation items are not needed.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
. "$TOP/tests/tools/tools.sh"
tm_import_worklist <<'CSV'
mrn,name,dob,procedure,side,level,proceduralist
M100871,"NGUYEN, Anh",1962-07-04,sacral-nerve-root-block,right,S1,Dr Ng
M100234,"MULLER, Anna",1940-01-10,si-joint-injection,left,,Dr Patel
CSV

# say LABEL WORDS...: the dialog before saving says each word, then y saves
# it; wait for the save (the cursor then moves on by itself).
say() {
	label=$1; shift
	for w in "$@"; do tm_wait "$w"; done
	tm_keys y
	tm_wait "Saved: $label"
}
# the text inside the phase gate's box (not the list or the line under it)
gate_text() { tm_screen | grep '│' | sed 's/^[^│]*│//; s/│[^│]*$//' | tr -s ' \n' '  '; }
flags() { sql "SELECT flag FROM event WHERE item_key = '$1' AND action = 'record'"; }

tm_start snrb -- --staff QA
tm_wait "NGUYEN, Anh"
tm_keys Enter
tm_wait "under way: Pre-procedure"

tm_goto "Patient states procedure"
tm_keys Enter; tm_wait "1-9 choose"; tm_keys 2
say "Patient states procedure" "STOP answer" "mismatch"
[ "$(flags procedure_match)" = stop ] || fail "procedure mismatch flag: $(flags procedure_match)"

tm_goto "Allergies"
tm_keys Enter; tm_wait "Text"
tm_type "iodinated contrast: hives and wheeze 2019, premedicate"; tm_keys Enter
tm_wait "Saved: Allergies"
tm_wait "ALLERGY: iodinated contrast: hives and wheeze 2019, premedicate"

tm_goto "Antithrombotic hold plan"
tm_keys Enter; tm_wait "1-9 choose"; tm_keys 2
say "Antithrombotic hold plan" "STOP answer" "not met"

tm_goto "INR"
tm_keys Enter; tm_wait "Enter saves"; tm_type "2.6"; tm_keys Enter
say "INR" "STOP answer" "2.6"
[ "$(flags inr)" = stop ] || fail "INR flag: $(flags inr)"

tm_goto "Side confirmed"
# the list starts on the case's own side: Enter alone records RIGHT, quietly
tm_keys Enter; tm_wait "1-9 choose"; tm_keys Enter
tm_wait "Saved: Side confirmed with patient, consent and mark right"
[ -z "$(flags side)" ] || fail "the case's own side was flagged: $(flags side)"
# LEFT on this RIGHT case: said in words, saved flagged, and it blocks
tm_keys k
wait_until 10 tm_on_row "Side confirmed"
tm_keys e; tm_wait "1-9 choose"; tm_keys 1
for w in "Does not match" "LEFT does not match the case side RIGHT"; do tm_wait "$w"; done
tm_keys y
tm_wait "Reason"
# a reason that says nothing is refused, as for n/a and overrides
n_amend=$(sql "SELECT count(*) FROM event WHERE action = 'amend'")
tm_type "typo"; tm_keys Enter
tm_wait "the reason is too short"
[ "$(sql "SELECT count(*) FROM event WHERE action = 'amend'")" = "$n_amend" ] ||
	fail "an amendment was saved with the reason 'typo'"
tm_keys C-u; tm_type "patient says left; checking the consent"; tm_keys Enter
tm_wait "Saved: Side confirmed"
[ "$(sql "SELECT flag FROM event WHERE item_key = 'side' AND action = 'amend'")" = rule ] ||
	fail "side flag: $(sql "SELECT flag FROM event WHERE item_key = 'side' AND action = 'amend'")"

tm_goto "Pregnancy status"
tm_keys Enter; tm_wait "1-9 choose"; tm_keys 4
say "Pregnancy status" "STOP answer" "test positive"

# The gate names each one, in words, before anything else.
tm_keys '>'
tm_wait "Phase gate"
gate=$(gate_text)
for w in "[!] Patient states procedure, side, level: matches order: the" \
		"answer 'mismatch - stop and escalate' stops the procedure" \
		"[!] Antithrombotic hold plan met per prescriber: the answer 'not" \
		"[!] INR: the answer '2.6' stops the procedure" \
		"[!] Side confirmed with patient, consent and mark: Side LEFT does" \
		"[!] Pregnancy status: the answer 'test positive"; do
	contains "$gate" "$w" "the phase gate"
done
tm_keys Enter
# An override names the item it passes; the gate then no longer lists it.
tm_goto "Pregnancy status"
tm_keys o; tm_wait "Override: Pregnancy status"; tm_read
tm_type "physician reviewed: proceed, shielded"; tm_keys Enter
tm_wait "Right, then Enter: OVERRIDE"
tm_keys Right Enter
tm_wait "Saved: Pregnancy status overridden"
tm_keys '>'
tm_wait "Phase gate"
gate=$(gate_text)
lacks "$gate" "test positive" "the phase gate after the override"
contains "$gate" "[!] Side confirmed with patient, consent and mark: Side LEFT does" \
	"the phase gate after the override"
[ "$(sql "SELECT count(*) FROM event WHERE action = 'override' AND item_key = 'pregnancy'")" = 1 ] ||
	fail "no override of the pregnancy item"
[ "$(sql "SELECT count(*) FROM event WHERE action = 'phase_start' AND phase = 'procedure'")" = 0 ] ||
	fail "the procedure phase started"
tm_keys Enter q
tm_wait "Worklist: today"

# Local only: the sedation items are dimmed "not needed", ask for nothing and
# are not counted.
tm_keys j Enter
tm_wait "MULLER, Anna"
tm_wait "under way: Pre-procedure"
total=$(tm_screen | sed -n 's/.*\[Pre 0\/\([0-9]*\)\*\].*/\1/p')
tm_goto "Sedation plan"
tm_keys Enter; tm_wait "1-9 choose"; tm_keys 1
tm_wait "Saved: Sedation plan local only"
now=$(tm_screen | sed -n 's/.*\[Pre 1\/\([0-9]*\)\*\].*/\1/p')
[ -n "$now" ] && [ "$now" -lt "$total" ] || fail "not-needed items still counted: $total then $now"
tm_first	# the save moved the cursor to the next open item, past the not needed ones
tm_goto "IV access in place"
tm_screen | grep -q '^> \[ \] IV access in place.*not needed' || fail "IV access not marked: $(tm_screen)"
contains "$(tm_screen)" "not needed: Sedation plan is local only"
[ "$(sql "SELECT count(*) FROM event WHERE action = 'na'")" = 0 ] || fail "an n/a was typed"
tm_keys q q y
tm_exited
expect_rc 0 "$SPINELOG" verify
