# Drugs at the bedside (issue 11, point 5), on the built-in checklist of a
# high-risk procedure at 80x24: apixaban last taken 30 h ago is said to miss
# the 72 h hold before saving and is saved flagged "hold"; picking fentanyl
# for sedation fills its unit, mcg; 50 mg of fentanyl is refused with the
# plausible range and its unit; two sedation doses are two records, counted
# on the row, and the report lists both.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
. "$TOP/tests/tools/tools.sh"
tm_import_worklist <<'CSV'
mrn,name,dob,procedure,side,level,proceduralist
M200551,"TRAN, Binh",1958-03-14,sacral-nerve-root-block,right,S1,Dr Ng
CSV

# shows_re REGEX: a line of the screen matches the extended regular expression
shows_re() { tm_screen | grep -Eq "$1"; }
# the words of the dialog drawn over the entry form (the box in a box), in
# one line, to find a sentence it wrapped
words() { tm_screen | sed -n 's/^[^│]*│[^│]*│\([^│]*\)│.*/\1/p' | tr -s ' \n' '  '; }
said() { case "$(words)" in *"$1"*) ;; *) return 1 ;; esac; }
records() { sql "SELECT count(*) FROM event WHERE item_key = '$1' AND action = 'record'"; }
# the rest of a med dialog after the dose unit: route, site, lot, expiry,
# then Enter through time (now), given by (QA) and checked by, which saves
med_rest() {
	tm_type "IV"; tm_keys Enter
	tm_type "left hand"; tm_keys Enter
	tm_type "F123"; tm_keys Enter
	tm_type "2099-12"; tm_keys Enter Enter Enter Enter
}

tm_start drugs -- --staff QA
tm_wait "TRAN, Binh"
tm_keys Enter
tm_wait "under way: Pre-procedure"
tm_wait "risk: high"

# --- the hold check: apixaban 30 h ago, 72 h before a high-risk procedure
last=$(date -d '30 hours ago' '+%Y-%m-%d %H:%M')
tm_goto "Antithrombotics"
tm_keys Enter
tm_wait "Last dose"
tm_wait "Bleeding risk of this procedure: high"
tm_type "apixaban"; tm_keys Enter
tm_type "5 mg twice daily"; tm_keys Enter
tm_type "$last"; tm_keys Enter Enter
tm_wait "Hold plan not met"
wait_until 10 said "apixaban last taken 30 h ago; the table holds it 72 h before a high-risk procedure (ASRA 2018): the hold plan is not met."
wait_until 10 said "The decision stays with the prescriber"
[ "$(records antithrombotics)" = 0 ] || fail "saved before the warning was seen"
tm_keys y
tm_wait "Saved: Antithrombotics"
[ "$(sql "SELECT flag FROM event WHERE item_key = 'antithrombotics' AND action = 'record'")" = hold ] ||
	fail "hold flag: $(sql "SELECT flag FROM event WHERE item_key = 'antithrombotics'")"
value=$(sql "SELECT value FROM event WHERE item_key = 'antithrombotics' AND action = 'record'")
contains "$value" "drug=apixaban; dose=5 mg twice daily; last=$last; since=30 h; hold=72 h (ASRA 2018)" "the stored value"
# flagged [!] on the row, never cleared by the check; the hold plan stays open
tm_keys k
wait_until 10 tm_on_row "Antithrombotics"
tm_screen | grep -q '^> \[!\] Antithrombotics.*1 drug, flag' || fail "the row is not flagged: $(tm_screen)"
tm_screen | grep -q '^  \[ \] Antithrombotic hold plan' || fail "the hold plan was answered: $(tm_screen)"

# sedation is planned, so the sedation drug applies
tm_goto "Sedation plan"
tm_keys Enter; tm_wait "1-9 choose"; tm_keys 3
tm_wait "Saved: Sedation plan moderate"

# --- the procedure phase's sedation drug, looked at ahead of the gate
tm_keys Right
tm_wait "[Procedure "
tm_goto "Sedation drug"
tm_keys Enter
tm_wait "Dose unit"
# the item's unit is mg; picking fentanyl from the list makes it mcg
shows_re "Dose unit: +mg" || fail "the item's unit is not shown first: $(tm_screen)"
tm_keys Right
wait_until 10 shows_re "Drug: +midazolam"
tm_keys Right
wait_until 10 shows_re "Drug: +fentanyl"
wait_until 10 shows_re "Dose unit: +mcg"
# on the dose, the hint names the plausible range
tm_keys Enter
tm_wait "fentanyl: one dose 10-200 mcg is plausible"
# 50 with the unit typed over as mg: refused, with the range and its unit
tm_type "50"; tm_keys Enter C-u; tm_type "mg"; tm_keys Enter
med_rest
tm_wait "fentanyl 50 mg is not plausible: 10-200 mcg; check the unit"
[ "$(records sedation)" = 0 ] || fail "a refused dose was saved"
# the cursor is on the dose; the unit below it back to mcg saves
tm_keys Tab C-u; tm_type "mcg"
tm_keys Enter Enter Enter Enter Enter Enter Enter Enter
tm_wait "Saved: Sedation drug fentanyl 50 mcg IV"
[ "$(records sedation)" = 1 ] || fail "first dose: $(records sedation) records"

# a second dose: a new record, not an amendment
tm_keys k
wait_until 10 tm_on_row "Sedation drug"
tm_screen | grep -q '^> \[x\] Sedation drug.*1 dose' || fail "no dose count: $(tm_screen)"
tm_keys Enter
tm_wait "Dose unit"
tm_keys Right Right
wait_until 10 shows_re "Dose unit: +mcg"
tm_keys Enter; tm_type "25"; tm_keys Enter Enter
med_rest
tm_wait "Saved: Sedation drug fentanyl 25 mcg IV"
[ "$(records sedation)" = 2 ] || fail "two doses: $(records sedation) records"
[ "$(sql "SELECT count(*) FROM event WHERE item_key = 'sedation' AND action = 'amend'")" = 0 ] ||
	fail "a dose was saved as an amendment"
[ "$(sql "SELECT group_concat(unit, ',') FROM event WHERE item_key = 'sedation'")" = "mcg,mcg" ] ||
	fail "units: $(sql "SELECT group_concat(unit, ',') FROM event WHERE item_key = 'sedation'")"
# the row: the count and the last dose
tm_keys k
wait_until 10 tm_on_row "Sedation drug"
tm_screen | grep -q '^> \[x\] Sedation drug  fentanyl 25 mcg.* 2 doses' ||
	fail "the row lacks the count or the last dose: $(tm_screen)"
tm_keys q
tm_wait "Worklist: today"
tm_keys q y
tm_exited

# the report lists both doses, and the hold not met
expect_rc 0 "$SPINELOG" report 1
rep=$(printf '%s\n' "$OUT" | tr -s ' \n' '  ')
contains "$rep" "2 doses: 1. "
contains "$rep" "fentanyl 50 mcg IV left hand"
contains "$rep" "fentanyl 25 mcg IV left hand"
contains "$rep" "apixaban 5 mg twice daily last $last (30 h ago) hold 72 h (ASRA 2018) flag: hold"
expect_rc 0 "$SPINELOG" verify
