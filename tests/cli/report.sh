# spinelog report: a case imported through the real code path, and errors.
. "$TESTLIB"

expect_rc 66 "$SPINELOG" report 1
contains "$ERR" "spinelog init"
cat > day.csv <<'CSV'
mrn,name,dob,procedure,side,level,proceduralist,scheduled_at
M100871,Nguyễn Thị Ánh,1962-07-04,sacral-nerve-root-block,right,S1,Dr Ng,2026-11-26 09:15
CSV
"$SPINELOG" init >/dev/null
. "$TOP/tests/tools/tools.sh"
"$ADDEVENT" staff CN 'Casey Nurse' 'charge nurse'
expect_rc 0 "$SPINELOG" --staff CN worklist import day.csv
id=$(sql "SELECT id FROM cases WHERE mrn = 'M100871'")
expect_rc 0 "$SPINELOG" report "$id"
contains "$OUT" "SPINELOG CASE REPORT  case $id"
contains "$OUT" "Nguyễn Thị Ánh"
contains "$OUT" "right, level S1"
contains "$OUT" "Sacral nerve root block"
contains "$OUT" "Status        open, pre phase"
sha=$(sql "SELECT substr(v.sha256, 1, 16) FROM cases c JOIN checklist_version v ON v.id = c.version_id")
contains "$OUT" "Checklist     $sha (built-in)"
last=$(sql "SELECT hash FROM event WHERE case_id = $id ORDER BY id DESC LIMIT 1")
contains "$OUT" "$last"
# The hash printed on paper is an anchor verify accepts.
expect_rc 0 "$SPINELOG" verify --anchor "$last"
# Fits 80 columns.
wide=$("$SPINELOG" report "$id" | awk '{ if (length($0) > 80) print NR": "length($0) }')
[ -z "$wide" ] || fail "lines wider than 80 columns: $wide"
# Reading a report writes nothing.
before=$(sql 'SELECT count(*) FROM event')
"$SPINELOG" report "$id" >/dev/null
[ "$(sql 'SELECT count(*) FROM event')" = "$before" ] || fail "report wrote events"

expect_rc 66 "$SPINELOG" report 999
contains "$ERR" "no case 999"
expect_rc 64 "$SPINELOG" report abc
expect_rc 64 "$SPINELOG" report
expect_rc 64 "$SPINELOG" report 1 2
