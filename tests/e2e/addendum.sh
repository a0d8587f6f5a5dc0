# Notes and addenda at the bedside (issue 13): an answer that says "describe
# in a note" opens the note form once saved, and the item shows "note needed"
# until a note is written; N writes one on any item.  A closed case opens on
# its summary (flagged, overridden, n/a, notes), which has no editing keys;
# A adds an addendum there (item, text, a reason of 2+ words and 8+ letters),
# shown in the summary and exported marked "addendum", the entries made before
# left as they were.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
. "$TOP/tests/tools/tools.sh"
# a small site copy of the checklist with a "describe in a note" answer
SPINELOG_CHECKLISTS=$HOME/checklists
export SPINELOG_CHECKLISTS
mkdir -p "$SPINELOG_CHECKLISTS"
cat >"$SPINELOG_CHECKLISTS/si-joint-injection.csv" <<'CSV'
phase,key,label,kind,unit,low,high,choices,required,stop,repeat,hint
meta,title,Sacroiliac joint injection,,,,,,,,,
meta,risk,low,,,,,,,,,
pre,identity,Identity: two identifiers match,check,,,,,yes,yes,,Test copy
pre,neuro,Baseline neuro,choice,,,,normal both sides|deficit - describe in a note,yes,no,,Baseline
pre,glucose,Glucose,number,mmol/L,4,10,,no,no,,If diabetic
procedure,needle,Needle position confirmed,check,,,,,no,no,,Imaging
post,pain_post,Pain NRS,number,,0,3,,no,no,,NRS 0-10
post,discharge,Discharge criteria met,check,,,,,yes,yes,,Aldrete 9
CSV
expect_rc 0 "$SPINELOG" checklists check "$SPINELOG_CHECKLISTS/si-joint-injection.csv"
"$SPINELOG" init >/dev/null
"$ADDEVENT" staff QA "Quinn Avery" RN
today=$(date +%Y-%m-%d)
case_id=$("$ADDEVENT" case --mrn M500 --name "ADDENDUM, Ada" --dob 1950-01-01 \
	--procedure si-joint-injection --scheduled "$today 09:00" --staff QA)

tm_start ad -- --staff QA
tm_wait "Worklist: today"
tm_wait "ADDENDUM, Ada"
tm_keys Enter
tm_wait "under way: Pre-procedure"
# the answer that asks for a note: the note form follows the save
tm_goto "Baseline neuro"
tm_keys Enter
tm_wait "deficit - describe in a note"
tm_keys 2
tm_wait "asks for a note"
# left without a note: the row says so, and so does the gate
tm_keys Escape
tm_wait "note needed"
tm_keys '>'
tm_wait "Baseline neuro - note needed"
tm_keys Enter
tm_gone "Phase gate"
tm_goto "Baseline neuro"
tm_keys N
tm_wait "Note: Baseline neuro"
tm_read
tm_type "left L5 numbness since 2024"
tm_keys Enter
tm_wait "Saved: note on Baseline neuro"
tm_gone "note needed"
tm_wait "note (QA): left L5 numbness"
tm_screen | grep -q '^> \[x\]\*Baseline neuro' || fail "no note mark on the row: $(tm_screen)"

# the rest of the case, as another terminal would chart it, then closed
ev() { "$ADDEVENT" --case "$case_id" --staff QA "$@" >/dev/null; }
ev --phase pre --item glucose --action na --reason "not diabetic"
ev --phase pre --item identity --action override --reason "wristband on the other arm, checked"
ev --phase post --action phase_start
ev --phase post --item pain_post --action record --value 7 --flag high
ev --phase post --item discharge --action record --value done
"$ADDEVENT" end "$case_id" case_close --staff QA
tm_wait "case closed"
# the case screen of a closed case saves nothing
tm_keys N
tm_wait "a late entry is an addendum"
tm_keys q
tm_wait "Worklist: today"

# a closed case opens on its summary, whose footer offers no editing key
tm_keys Enter
tm_wait "Summary of case $case_id (closed)"
tm_wait "closed"
tm_wait "FLAGGED (1)"
tm_wait "Pain NRS: 7; flag: high"
tm_wait "OVERRIDDEN (1)"
tm_wait "OVERRIDE: wristband on the other arm"
tm_wait "NOT APPLICABLE (1)"
tm_wait "n/a: not diabetic"
tm_wait "NOTES (1)"
tm_wait "ADDENDA (0)"
footer=$(tm_screen | tail -n 1)
contains "$footer" "addendum" "the summary's footer"
lacks "$footer" "record" "the summary's footer"
lacks "$footer" "amend" "the summary's footer"
lacks "$footer" "n/a" "the summary's footer"
before=$(sql "SELECT max(id) FROM event")

# an addendum: the item, the text, a reason too short, then a real one
tm_keys A
tm_wait "Addendum about which item?"
tm_keys 6
tm_wait "Addendum: Pain NRS"
tm_type "3/10 after paracetamol"
tm_keys Enter
tm_type "late"
tm_keys Enter
tm_wait "the reason is too short"
[ "$(sql "SELECT max(id) FROM event")" = "$before" ] || fail "a short reason was saved"
tm_keys C-u
tm_type "found on the ward round"
tm_keys Enter
tm_wait "Saved: addendum on Pain NRS"
tm_wait "ADDENDA (1)"
tm_wait "ADDENDUM"
tm_wait "Pain NRS: 3/10 after paracetamol (reason: found on the"
# Enter: the whole checklist, read-only; the original entry still in force
tm_keys Enter
tm_wait "case closed"
tm_wait "Pain NRS  7"
tm_keys q
tm_wait "Worklist: today"
tm_keys q y
tm_exited

# in the log: one addendum event about the item, the record untouched
added=$(sql "SELECT group_concat(action, ' ') FROM event WHERE id > $before")
[ "$added" = "addendum sign_out" ] || fail "the events added are: $added"
row=$(sql "SELECT phase, item_key, value, reason, staff_code FROM event WHERE action = 'addendum'")
[ "$row" = "post|pain_post|3/10 after paracetamol|found on the ward round|QA" ] ||
	fail "the addendum event is: $row"
[ "$(sql "SELECT value FROM event WHERE action = 'record' AND item_key = 'pain_post'")" = 7 ] ||
	fail "the original entry changed"
# in the export, marked as an addendum with its time and reason
expect_rc 0 "$SPINELOG" export --case "$case_id" -o - --no-bom
contains "$OUT" '"addendum","3/10 after paracetamol","","","found on the ward round"'
contains "$OUT" '"note","left L5 numbness since 2024"'
expect_rc 0 "$SPINELOG" verify
