# worklist import --staff CODE: the code must be a registered staff member
# (registered by signing in once at the bedside program); a malformed code is
# a usage error (64), an unknown one 66, and nothing is imported.  --staff is
# accepted where the synopsis shows it, after 'import', as well as before
# the command; without it the cases carry no staff code.
. "$TESTLIB"
. "$TOP/tests/tools/tools.sh"

"$SPINELOG" init >/dev/null
"$ADDEVENT" staff CN 'Casey Nurse' 'charge nurse'
printf 'mrn,name,dob,procedure\nM1,DOE Jane,1950-01-01,sacroplasty\n' > day.csv
printf 'mrn,name,dob,procedure\nM2,ROE Ray,1950-01-01,sacroplasty\n' > day2.csv
printf 'mrn,name,dob,procedure\nM3,POE Pat,1950-01-01,sacroplasty\n' > day3.csv

nothing() {
	[ "$(sql 'SELECT count(*) FROM cases')" = 0 ] || fail "$1: cases were imported"
}

# Unregistered.
expect_rc 66 "$SPINELOG" worklist import --staff ZZ day.csv
contains "$ERR" "--staff ZZ: no staff member with code ZZ"
contains "$ERR" "sign in once at the bedside program"
nothing "unknown code"
expect_rc 66 "$SPINELOG" --staff ZZ worklist import day.csv
nothing "unknown code (global option)"

# Malformed or hostile: refused before the file or the database is read.
for code in '' 'Q A' "Q'; DROP TABLE staff; --" 'ABCDEFGHIJKLMNOPQ' "$(printf 'Q\033[2J')" 'É1'; do
	expect_rc 64 "$SPINELOG" worklist import --staff "$code" day.csv
	contains "$ERR" "a staff code is 1 to 16 letters or digits"
	contains "$ERR" "usage: spinelog worklist"
done
nothing "malformed code"

# Registered: after 'import' (as the synopsis says), before it, and as the
# global option; each case_create event carries the code.
expect_rc 0 "$SPINELOG" worklist import --staff CN day.csv
contains "$OUT" "imported 1 case"
expect_rc 0 "$SPINELOG" worklist --staff CN import day2.csv
expect_rc 0 "$SPINELOG" --staff CN worklist import day3.csv
[ "$(sql "SELECT count(*) FROM event WHERE action = 'case_create' AND staff_code = 'CN'")" = 3 ] ||
	fail "the case_create events do not carry CN"

# Without --staff: imported, no staff code (a cron job).
printf 'mrn,name,dob,procedure\nM4,LOE Lu,1950-01-01,sacroplasty\n' > day4.csv
expect_rc 0 "$SPINELOG" worklist import day4.csv
[ "$(sql "SELECT staff_code FROM event WHERE action = 'case_create' ORDER BY id DESC LIMIT 1")" = "" ] ||
	fail "an import without --staff carries a staff code"

# The synopsis and --help show --staff where it is accepted.
expect_rc 0 "$SPINELOG" worklist --help
contains "$OUT" "usage: spinelog worklist import [-d DB] [--staff CODE] [--correct] FILE.csv"
contains "$OUT" "--staff CODE"
