# spinelog.conf(5): the database, export folder and site name from the file,
# the options and $SPINELOG_DB over it, and a bad file refused with FILE:LINE
# and exit 78 before anything is opened.
. "$TESTLIB"
unset SPINELOG_DB
ward="$HOME/ward"
mkdir -p "$ward/exports"
cat > ward.conf <<CONF
# the ward's terminals
database = $ward/ward.db
export_dir = $ward/exports
lock_after = 2
site = Klinikum München — Interventionelle Radiologie ; the report's first line
CONF
export SPINELOG_CONF="$PWD/ward.conf"

# The database named by the file, created by init.
expect_rc 0 "$SPINELOG" init
contains "$OUT" "$ward/ward.db: created"
[ -f "$ward/ward.db" ] || fail "init did not create the configured database"
[ ! -e "$HOME/.local/share/spinelog/spinelog.db" ] || fail "the private default was created"
DB="$ward/ward.db"

# The site's name heads the report.
cat > day.csv <<'CSV'
mrn,name,dob,procedure,side,level
M1,"DOE, Jane",1950-01-01,si-joint-injection,left,
CSV
. "$TOP/tests/tools/tools.sh"
"$ADDEVENT" -d "$DB" staff CN 'Casey Nurse' 'charge nurse'
expect_rc 0 "$SPINELOG" --staff CN worklist import day.csv
expect_rc 0 "$SPINELOG" report 1
[ "$(printf '%s\n' "$OUT" | head -n 1)" = "Klinikum München — Interventionelle Radiologie" ] ||
	fail "the report's first line is not the site: $(printf '%s\n' "$OUT" | head -n 1)"
contains "$OUT" "SPINELOG CASE REPORT  case 1"

# Exports without -o go to the configured folder; -o still wins.
expect_rc 0 "$SPINELOG" export --all
contains "$OUT" "$ward/exports/spinelog-all.csv"
[ -f "$ward/exports/spinelog-all.csv" ] || fail "no export in the configured folder"
expect_rc 0 "$SPINELOG" export --all -o mine.csv
[ -f mine.csv ] || fail "-o did not win over export_dir"
# A configured folder that is missing is said, never created.
rmdir "$ward/exports" 2>/dev/null || rm -rf "$ward/exports"
expect_rc 73 "$SPINELOG" export --all
contains "$ERR" "$ward/exports/: no such folder (export_dir"
[ ! -e "$ward/exports" ] || fail "the configured export folder was created"

# -d and $SPINELOG_DB win over the file; an error on the configured database
# names the file that set it.
"$SPINELOG" -d "$HOME/own.db" init >/dev/null
expect_rc 0 "$SPINELOG" verify -d "$HOME/own.db"
SPINELOG_DB="$HOME/own.db" "$SPINELOG" report 1 >/dev/null 2>&1 &&
	fail "SPINELOG_DB did not win over the file (case 1 is only in the ward database)"
mv "$ward/ward.db" "$ward/moved.db"
expect_rc 66 "$SPINELOG" verify
contains "$ERR" "(the database set in $PWD/ward.conf)"
mv "$ward/moved.db" "$ward/ward.db"

# --config names another file; given twice is a usage error.
printf 'site = Other site\ndatabase = %s\n' "$DB" > other.conf
expect_rc 0 "$SPINELOG" --config other.conf report 1
[ "$(printf '%s\n' "$OUT" | head -n 1)" = "Other site" ] || fail "--config was not read"
expect_rc 64 "$SPINELOG" --config a --config b verify
contains "$ERR" "--config given twice"

# Bad files: exit 78, FILE:LINE, what to do; nothing runs.
printf 'database = %s\ndatabse = /x.db\n' "$DB" > bad.conf
before=$(sql 'SELECT count(*) FROM event')
expect_rc 78 "$SPINELOG" --config bad.conf export --all -o -
contains "$ERR" "spinelog: bad.conf:2: unknown setting 'databse'"
contains "$ERR" "spinelog.conf(5)"
[ -z "$OUT" ] || fail "a bad configuration still exported"
[ "$(sql 'SELECT count(*) FROM event')" = "$before" ] || fail "a bad configuration still wrote"
printf 'lock_after = soon\n' > bad.conf
expect_rc 78 "$SPINELOG" --config bad.conf verify
contains "$ERR" "bad.conf:1: lock_after takes whole minutes from 1 to 240, not 'soon'"
printf '[ward]\nsite = X\n' > bad.conf
SPINELOG_CONF="$PWD/bad.conf" expect_rc 78 "$SPINELOG" verify
contains "$ERR" "bad.conf:2: no [sections]"
expect_rc 78 "$SPINELOG" --config "$PWD/none.conf" verify
contains "$ERR" "$PWD/none.conf: No such file or directory; create it"
# A configuration file that cannot be read (not as root: root reads anything).
if [ "$(id -u)" -ne 0 ]; then
	cp ward.conf locked.conf
	chmod 000 locked.conf
	expect_rc 78 "$SPINELOG" --config locked.conf verify
	contains "$ERR" "locked.conf: Permission denied; make it readable"
fi
# An empty SPINELOG_CONF reads no file at all: the private default again.
SPINELOG_CONF= expect_rc 66 "$SPINELOG" verify
contains "$ERR" "$HOME/.local/share/spinelog/spinelog.db: no database here"
# --help and --version need no configuration.
expect_rc 0 "$SPINELOG" --config "$PWD/none.conf" --help
contains "$OUT" "--config FILE"

# The file the Debian package installs parses, as shipped (all commented
# out) and with every setting switched on.
expect_rc 0 "$SPINELOG" --config "$TOP/contrib/spinelog.conf" checklists list
sed 's/^#\([a-z]\)/\1/' "$TOP/contrib/spinelog.conf" > on.conf
grep -q '^database = /var/lib/spinelog/ward.db$' on.conf || fail "the example has no database line"
expect_rc 0 "$SPINELOG" --config on.conf checklists list
