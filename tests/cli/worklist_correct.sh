# Re-importing a corrected worklist: a case already present whose side,
# level or birth date the file now gives differently is never silently kept
# as it was: without --correct the import names both values and writes
# nothing; with --correct the file's values are a logged case_correct event,
# and the case reads as corrected (the report, the rules' case.side).
. "$TESTLIB"
. "$TOP/tests/tools/tools.sh"
"$SPINELOG" init >/dev/null
"$ADDEVENT" staff QA "Quinn Avery" RN
cat > first.csv <<'CSV'
mrn,name,dob,procedure,side,level,scheduled_at
M1,"NGUYEN, Anh",1962-07-04,sacral-nerve-root-block,left,S1,2026-12-01 09:00
M2,"MULLER, Anna",1940-01-10,si-joint-injection,left,,2026-12-01 10:00
CSV
expect_rc 0 "$SPINELOG" --staff QA worklist import first.csv
contains "$OUT" "imported 2 cases, 0 already present"
cat > second.csv <<'CSV'
mrn,name,dob,procedure,side,level,scheduled_at
M1,"NGUYEN, Anh",1962-07-04,sacral-nerve-root-block,right,S2,2026-12-01 09:00
M2,"MULLER, Anna",1940-01-10,si-joint-injection,left,,2026-12-01 10:00
M3,"NEW, Case",1970-02-02,si-joint-injection,right,,2026-12-01 11:00
CSV
events=$(sql 'SELECT count(*) FROM event')
expect_rc 65 "$SPINELOG" --staff QA worklist import second.csv
contains "$ERR" "second.csv:2: case 1 (MRN M1) is already present with side=left; level=S1; the file says side=right; level=S2"
contains "$ERR" "--correct"
[ "$(sql 'SELECT count(*) FROM event')" = "$events" ] || fail "a refused import wrote events"
[ "$(sql 'SELECT count(*) FROM cases')" = 2 ] || fail "a refused import created a case"
# --correct needs a staff code: a correction has an author
expect_rc 64 "$SPINELOG" worklist import --correct second.csv
contains "$ERR" "give --staff CODE"
expect_rc 0 "$SPINELOG" --staff QA worklist import --correct second.csv
contains "$OUT" "imported 1 case, 2 already present"
contains "$OUT" "corrected 1 case"
[ "$(sql "SELECT value || ' | ' || reason || ' | ' || staff_code FROM event WHERE action = 'case_correct'")" = \
	"side=right; level=S2 | corrected by worklist import second.csv, line 2 | QA" ] ||
	fail "correction event: $(sql "SELECT value, reason, staff_code FROM event WHERE action = 'case_correct'")"
# the case row is as created; the case reads as corrected
[ "$(sql 'SELECT side || level FROM cases WHERE id = 1')" = leftS1 ] || fail "the case row was rewritten"
expect_rc 0 "$SPINELOG" report 1
contains "$OUT" "right, level S2"
# importing the corrected file again changes nothing more
expect_rc 0 "$SPINELOG" --staff QA worklist import --correct second.csv
contains "$OUT" "imported 0 cases, 3 already present"
lacks "$OUT" "corrected"
# a file without a side column corrects no side
printf 'mrn,name,dob,procedure,scheduled_at\nM1,"NGUYEN, Anh",1962-07-04,sacral-nerve-root-block,2026-12-01 09:00\n' > noside.csv
expect_rc 0 "$SPINELOG" --staff QA worklist import noside.csv
contains "$OUT" "1 already present"
expect_rc 0 "$SPINELOG" verify
