# Notes and addenda in the export and the report (issue 13): a note is a row
# with action "note" and its text in value; an addendum a row with action
# "addendum", the late entry in value, why in reason, its item in phase,
# item_key and item_label (empty for the whole case); the 24 columns stay.
# The report lists both under their item and in NOTES AND ADDENDA; verify
# covers them, and an edited addendum breaks the chain at that event.
. "$TESTLIB"
. "$TOP/tests/tools/tools.sh"

"$SPINELOG" init >/dev/null
"$ADDEVENT" staff QA "Quinn Avery" RN
c=$(faketime -f '2026-11-26 08:00:00' "$ADDEVENT" case --procedure si-joint-injection \
	--mrn M700 --name "NOTE, Nora" --dob 1950-01-01 --scheduled '2026-11-26 09:00' --staff QA)
# ev HH:MM:SS ARGS...: one event of the case at that time
ev() { t=$1; shift; faketime -f "2026-11-26 $t" "$ADDEVENT" --case "$c" --staff QA "$@" >/dev/null; }
ev 09:01:00 --phase pre --item neuro_baseline --action record \
	--value "deficit - describe in a note"
ev 09:02:00 --phase pre --item neuro_baseline --action note --value "left L5 numbness, =known"
faketime -f '2026-11-26 10:00:00' "$ADDEVENT" end "$c" case_close --staff QA
ev 14:30:00 --phase pre --item neuro_baseline --action addendum \
	--value "numbness resolved at 14:00" --reason "seen on the ward round"
ev 14:31:00 --action addendum --value "patient phoned, no headache" \
	--reason "telephone follow-up"

expect_rc 0 "$SPINELOG" export --case "$c" -o "$HOME/c.csv"
check_export "$HOME/c.csv" --case "$c" --before-id 99
rows=$(python3 - "$HOME/c.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig")))
head = rows[0]
assert len(head) == 24, head
for r in rows[1:]:
    d = dict(zip(head, r))
    if d["action"] in ("note", "addendum"):
        print("|".join(d[k] for k in ("recorded_at_utc", "phase", "item_key", "item_label",
                                      "action", "value", "reason", "staff_code")))
PY
)
want="2026-11-26T09:02:00.000Z|pre|neuro_baseline|Baseline lower-limb strength and sensation|note|left L5 numbness, =known||QA
2026-11-26T14:30:00.000Z|pre|neuro_baseline|Baseline lower-limb strength and sensation|addendum|numbness resolved at 14:00|seen on the ward round|QA
2026-11-26T14:31:00.000Z||||addendum|patient phoned, no headache|telephone follow-up|QA"
[ "$rows" = "$want" ] || fail "note and addendum rows: $rows"

expect_rc 0 "$SPINELOG" report "$c"
contains "$OUT" "note 09:02 by QA: left L5 numbness, =known"
contains "$OUT" "ADDENDUM"
contains "$OUT" "NOTES AND ADDENDA"
contains "$OUT" "ADDENDUM 14:30 QA (event 7) about Baseline lower-limb strength and sensation:"
contains "$OUT" "numbness resolved at 14:00; reason: seen on the ward round"
contains "$OUT" "ADDENDUM 14:31 QA (event 8) about the whole case: patient phoned, no headache;"
contains "$OUT" "reason: telephone follow-up"
# the original answer is still the one in force
contains "$OUT" "deficit - describe in a note"
lacks "$OUT" "was: deficit"

expect_rc 0 "$SPINELOG" verify
id=$(sql "SELECT id FROM event WHERE action = 'addendum' AND item_key = 'neuro_baseline'")
trig=$(sql "SELECT sql || ';' FROM sqlite_schema WHERE name = 'event_no_update'")
sql "DROP TRIGGER event_no_update; UPDATE event SET reason = 'x' WHERE id = $id; $trig"
expect_rc 1 "$SPINELOG" verify
contains "$OUT" "first broken event: $id"
