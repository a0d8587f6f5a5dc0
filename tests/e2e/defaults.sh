# Defaults in the entry dialogs (issue 13, "Bedside flow"), on a built-in
# sacral nerve root block of a RIGHT S1 case: a field proposes what the case
# knows after its label, VistA's way; Enter takes it, typing replaces it, and
# what is saved is what typing it would save.  A stop question proposes
# nothing, nor does an amendment.  After the time-out the med dialog offers
# the team recorded there, and a repeat dose of the same drug proposes its
# vial.  The time is fixed from outside (faketime) so that "now" can be
# checked.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
. "$TOP/tests/tools/tools.sh"
# every write, the program's and the tools', on one fixed day
at() { when=$1; shift; faketime -f "@2026-11-26 $when" "$@"; }
cat >"$HOME/day.csv" <<'CSV'
mrn,name,dob,procedure,side,level,proceduralist
M100871,"NGUYEN, Anh",1962-07-04,sacral-nerve-root-block,right,S1,Dr Ng
CSV
at 08:00:00 "$SPINELOG" init >/dev/null
at 08:00:00 "$ADDEVENT" staff QA "Quinn Avery" RN
expect_rc 0 at 08:00:00 "$SPINELOG" --staff QA worklist import "$HOME/day.csv"
value() { sql "SELECT value FROM event WHERE item_key = '$1' AND action = 'record' ORDER BY id DESC LIMIT 1"; }

TM_FAKETIME="@2026-11-26 10:00:00"
tm_start defaults -- --staff QA
tm_wait "NGUYEN, Anh"
tm_keys Enter
tm_wait "under way: Pre-procedure"

# a time proposes now; typing replaces it
tm_first; tm_goto "Arrival"
tm_keys Enter
tm_wait "Time: now//"
tm_type "0915"
tm_wait "Time: now// 0915"
tm_keys Enter
tm_wait "Saved: Arrival / check-in 09:15"
[ "$(value arrival)" = "09:15" ] || fail "arrival: $(value arrival)"

# a check amended: done or not done, numbered like any choice, no default
tm_goto "Identity"
tm_keys Space
tm_wait "Saved: Identity"
tm_keys k
wait_until 10 tm_on_row "Identity"
tm_keys e
tm_wait " 2  not done"
tm_wait "Answer:"
tm_lacks "done//" || fail "an amendment proposed an answer: $(tm_screen)"
tm_keys 2
tm_wait "Reason"
tm_type "ticked on the wrong line"; tm_keys Enter
tm_wait "Saved: Identity"
[ "$(sql "SELECT value FROM event WHERE item_key = 'identity' AND action = 'amend'")" = "not done" ] ||
	fail "identity amendment: $(sql "SELECT value FROM event WHERE item_key = 'identity'")"

# a hard-stop question proposes nothing; its first letters answer it
tm_goto "Patient states procedure"
tm_keys Enter
tm_wait "Answer:"
tm_lacks "matches//" || fail "a stop question proposed an answer: $(tm_screen)"
tm_keys Enter
tm_wait "choose an answer: its number, or its first letters"
tm_type "MA"; tm_keys Enter
tm_wait "Saved: Patient states procedure, side, level: matches order matches"
[ "$(value procedure_match)" = matches ] || fail "procedure_match: $(value procedure_match)"

# the case's side, as the banner shows it: Enter saves it as the list writes it
tm_goto "Side confirmed"
tm_keys Enter
tm_wait "Side: RIGHT//"
tm_wait "Enter takes RIGHT (the case's side)"
tm_keys Enter
tm_wait "Saved: Side confirmed with patient, consent and mark right"
[ "$(value side)" = right ] || fail "side: $(value side)"
[ -z "$(sql "SELECT flag FROM event WHERE item_key = 'side'")" ] || fail "the case's side was flagged"

# the level, a choice: typing another one replaces the default, and the
# cross-check still says it before anything is saved
tm_keys Right
tm_wait "[Procedure "
tm_goto "Level confirmed on imaging"
tm_keys Enter
tm_wait "Level: S1//"
tm_keys 2
tm_wait "S2 does not match the case level S1"
tm_keys n
tm_wait "Level: S1// S2"
[ -z "$(value level_imaging)" ] || fail "a level was saved before it was seen"
tm_keys C-u Enter
tm_wait "Saved: Level confirmed on imaging before the needle S1"
[ "$(value level_imaging)" = S1 ] || fail "level: $(value level_imaging)"
# the answer taken back leaves no flag on the one saved
[ -z "$(sql "SELECT flag FROM event WHERE item_key = 'level_imaging'")" ] ||
	fail "level flag: $(sql "SELECT flag FROM event WHERE item_key = 'level_imaging'")"

# the time-out, as its screen records it (tests/e2e/walk.sh drives that screen)
at 10:00:30 "$ADDEVENT" --case 1 --phase procedure --item timeout --action timeout_done \
	--value "Dr Patel (proc), RN QA, RT Kim" --staff QA >/dev/null

# a med: the site from the case, now, the nurse as the giver; the team offered
tm_goto "Local anaesthetic"
tm_keys Enter
tm_wait "Site: right S1//"
tm_wait "Time given: now//"
tm_wait "Given by: QA//"
tm_wait "Checked by: (Left/Right: Dr Patel (proc) ...)"
tm_type "1"; tm_keys Enter		# the first drug of the list
tm_wait "Drug: lidocaine 1%"
tm_type "3"; tm_keys Enter Enter	# dose; the unit from the drug
tm_type "SC"; tm_keys Enter Enter	# route; the site proposed
tm_type "L77"; tm_keys Enter
tm_type "2099-12"; tm_keys Enter Enter Enter	# expiry; now; QA gave it
tm_keys Right
tm_wait "Checked by: Dr Patel (proc)"
tm_keys Enter
tm_wait "Local anaesthetic (skin)  lidocaine 1% 3 mL SC"	# the row
v=$(value local_anaesthetic)
for kv in "drug=lidocaine 1%" "site=right S1" "lot=L77" "time=10:0" "given_by=QA" \
		"checked_by=Dr Patel (proc)"; do
	contains "$v" "$kv"
done

# a second dose of the same drug: its route, lot and expiry proposed
tm_first; tm_goto "Local anaesthetic"
tm_keys Enter
tm_wait "Dose unit"
tm_type "1"; tm_keys Enter
tm_wait "Lot: L77//"
tm_wait "Route: SC//"
tm_wait "Expiry: 2099-12//"
tm_type "2"; tm_keys Enter Enter Enter Enter Enter Enter Enter Enter Enter
tm_wait "Saved: Local anaesthetic (skin) lidocaine 1% 2 mL SC"
wait_until 10 sh -c 'tmux -L "$1" capture-pane -p | grep -q "Local anaesthetic (skin).*2 doses"' - "$TM_SOCK"
v=$(value local_anaesthetic)
for kv in "dose=2" "route=SC" "site=right S1" "lot=L77" "expiry=2099-12"; do
	contains "$v" "$kv"
done
case $v in *checked_by*) fail "a check nobody made was saved: $v" ;; esac
tm_keys q
tm_wait "Worklist: today"
tm_keys q y
tm_exited
expect_rc 0 "$SPINELOG" verify
