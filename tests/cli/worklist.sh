# spinelog worklist import: valid files, bad rows, repeats, hostile content.
. "$TESTLIB"

# Columns in any order, an extra column, quoted commas, UTF-8 names, a BOM, CRLF.
printf '\357\273\277scheduled_at,procedure,ward,mrn,name,dob,side,level,proceduralist\r\n' > day.csv
printf '2026-11-26 08:30,si-joint-injection,B2,M100234,"MÜLLER, Anna",1940-01-10,L,,Dr Ng\r\n' >> day.csv
printf '2026-11-26 09:15,sacral-nerve-root-block,B2,M100871,Nguyễn Thị Ánh,1962-07-04,right,s1,Dr Ng\r\n' >> day.csv
cat >> day.csv <<'CSV'
2026-11-26 10:00,sacroplasty,B2,M100112,"O'BRIEN, ""Pat""",1938-02-28,B,S1-S2,
CSV

"$SPINELOG" init >/dev/null
. "$TOP/tests/tools/tools.sh"
"$ADDEVENT" staff CN 'Casey Nurse' 'charge nurse'
expect_rc 0 "$SPINELOG" --staff CN worklist import day.csv
contains "$OUT" "imported 3 cases, 0 already present"
[ "$(sql 'SELECT count(*) FROM cases')" = 3 ] || fail "expected 3 cases"
[ "$(sql "SELECT name FROM cases WHERE mrn = 'M100871'")" = "Nguyễn Thị Ánh" ] ||
	fail "UTF-8 name not stored exactly"
[ "$(sql "SELECT name FROM cases WHERE mrn = 'M100112'")" = "O'BRIEN, \"Pat\"" ] ||
	fail "quoted name not stored exactly"
[ "$(sql "SELECT side || '|' || level FROM cases WHERE mrn = 'M100871'")" = "right|S1" ] ||
	fail "side and level not normalised"
[ "$(sql "SELECT count(*) FROM event WHERE action = 'case_create' AND staff_code = 'CN'
	AND reason = 'worklist import day.csv'")" = 3 ] || fail "expected 3 case_create events"
[ "$(sql "SELECT count(*) FROM open_case")" = 3 ] || fail "imported cases not open"
[ "$(sql "SELECT count(DISTINCT version_id) FROM cases")" = 3 ] ||
	fail "each case should be bound to its procedure's checklist version"
expect_rc 0 "$SPINELOG" verify

# Idempotent: the same file again creates nothing.
expect_rc 0 "$SPINELOG" worklist import day.csv
contains "$OUT" "imported 0 cases, 3 already present"
[ "$(sql 'SELECT count(*) FROM cases')" = 3 ] || fail "a repeated import created cases"

# One bad row: nothing imported, the line named.
cat > bad.csv <<'CSV'
mrn,name,dob,procedure,scheduled_at
M200001,SMITH John,1950-01-01,vertebral-biopsy,2026-11-27 08:00
M200002,JONES Ann,2999-01-01,vertebral-biopsy,2026-11-27 09:00
M200003,BROWN Bo,1950-01-01,vertebral-biopsy,2026-11-27 10:00
CSV
expect_rc 65 "$SPINELOG" worklist import bad.csv
contains "$ERR" "bad.csv:3: dob: '2999-01-01' is in the future"
contains "$ERR" "nothing imported"
[ "$(sql 'SELECT count(*) FROM cases')" = 3 ] || fail "a refused file imported cases"

# Several problems are all reported, each with its line (a quoted newline
# counts), as FILE:LINE: column: the new-case form's own message.
cat > bad2.csv <<'CSV'
mrn,name,dob,procedure,side,level,scheduled_at
,"Two
Lines",1950-01-01,knee-replacement,up,L6,2026-13-01 08:00
CSV
expect_rc 65 "$SPINELOG" worklist import bad2.csv
contains "$ERR" "bad2.csv:2: mrn: the MRN is needed"
contains "$ERR" "bad2.csv:2: name: a control character (tab, line break, escape...) is not allowed"
contains "$ERR" "bad2.csv:2: procedure: 'knee-replacement' is not a checklist key; valid keys: disc-aspiration-biopsy"
contains "$ERR" "bad2.csv:2: side: 'up' is not a side; type left, right, bilateral, midline or n/a"
contains "$ERR" "bad2.csv:2: level: 'L6' is not a spinal level"
contains "$ERR" "bad2.csv:2: scheduled_at: '2026-13-01 08:00' is not a time"

# The rules of the new-case form (entry.c), which the import once answered
# differently: a level is upper first, a date of birth at most 130 years
# ago, a C1 control (U+009B, CSI) is a control character; the coccyx is a
# level in both.
printf 'mrn,name,dob,procedure,level\n' > rules.csv
printf 'M400001,OLD Al,1870-01-01,sacroplasty,S1\n' >> rules.csv
printf 'M400002,UP Side,1950-01-01,sacroplasty,L5-L4\n' >> rules.csv
printf 'M400003,DOE\302\23331m Jane,1950-01-01,sacroplasty,\n' >> rules.csv
printf 'M400004,LONG Name %s,1950-01-01,sacroplasty,\n' "$(printf 'x%.0s' $(seq 90))" >> rules.csv
printf 'M400005,LONG Name %s,1950-01-01,sacroplasty,\n' "$(printf 'x%.0s' $(seq 91))" >> rules.csv
expect_rc 65 "$SPINELOG" worklist import rules.csv
contains "$ERR" "rules.csv:2: dob: '1870-01-01' is more than 130 years ago"
contains "$ERR" "rules.csv:3: level: 'L5-L4': give the upper level first: L4-L5"
contains "$ERR" "rules.csv:4: name: a control character"
lacks "$ERR" "rules.csv:5:"	# 100 characters fit, 101 do not
contains "$ERR" "rules.csv:6: name: too long: 101 characters, at most 100 fit"

# Structure errors.
printf 'mrn,name,procedure\nM1,A,sacroplasty\n' > nodob.csv
expect_rc 65 "$SPINELOG" worklist import nodob.csv
contains "$ERR" "nodob.csv:1: the header has no 'dob' column"
printf 'mrn,name,dob,procedure,scheduled_at\nM1,"unterminated,1950-01-01,sacroplasty,2026-11-26 08:00\n' > quote.csv
expect_rc 65 "$SPINELOG" worklist import quote.csv
contains "$ERR" "quote.csv:2: CSV syntax"
printf 'mrn,name,dob,procedure\nM1,M\374ller,1950-01-01,sacroplasty\n' > latin1.csv
expect_rc 65 "$SPINELOG" worklist import latin1.csv
contains "$ERR" "latin1.csv:2: the file is not UTF-8"
: > empty.csv
expect_rc 65 "$SPINELOG" worklist import empty.csv
contains "$ERR" "empty"
expect_rc 66 "$SPINELOG" worklist import missing.csv
expect_rc 64 "$SPINELOG" worklist import
expect_rc 64 "$SPINELOG" worklist export x.csv
[ "$(sql 'SELECT count(*) FROM cases')" = 3 ] || fail "refused files imported cases"

# No scheduled_at column: today, time unknown.
printf 'mrn,name,dob,procedure\nM300001,LEE Kim,1970-05-05,piriformis-injection\n' > notime.csv
expect_rc 0 "$SPINELOG" worklist import notime.csv
[ "$(sql "SELECT scheduled_at FROM cases WHERE mrn = 'M300001'")" = "$(date +%F) --:--" ] ||
	fail "a case without a time should be today, time unknown"

# The coccyx is a level (the form takes it too), stored as written.
printf 'mrn,name,dob,procedure,level\nM400009,COCCYX Cy,1950-01-01,sacroplasty,s5-co\n' > coccyx.csv
expect_rc 0 "$SPINELOG" worklist import coccyx.csv
[ "$(sqlite3 "$DB" "SELECT level FROM cases WHERE mrn = 'M400009'")" = "S5-Co" ] ||
	fail "the level is not stored as written (S5-Co)"

# Hostile but valid content is stored exactly; formula-looking names are data.
printf 'mrn,name,dob,procedure,scheduled_at\n"=cmd|'"'"' /C calc'"'"'!A0","@SUM(A1), ""x""",1950-01-01,si-joint-injection,2026-11-28 08:00\n' > hostile.csv
expect_rc 0 "$SPINELOG" worklist import hostile.csv
[ "$(sql "SELECT name FROM cases WHERE mrn LIKE '=cmd%'")" = '@SUM(A1), "x"' ] ||
	fail "hostile name not stored exactly"

# 10,000 rows in one go.
awk 'BEGIN { print "mrn,name,dob,procedure,scheduled_at";
	for (i = 0; i < 10000; i++) printf "X%05d,PATIENT %d,1950-01-01,si-joint-injection,2026-12-01 %02d:%02d\n", i, i, (i / 60) % 24, i % 60 }' > big.csv
expect_rc 0 "$SPINELOG" worklist import big.csv
contains "$OUT" "imported 10000 cases, 0 already present"
expect_rc 0 "$SPINELOG" verify
