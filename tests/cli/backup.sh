# spinelog backup: a verified copy made while terminals write, never over a
# file, refused when the log does not verify; a restored copy is a working
# database.
. "$TESTLIB"
. "$TOP/tests/tools/tools.sh"

expect_rc 66 "$SPINELOG" backup b0.db
contains "$ERR" "spinelog init"
[ ! -e "$DB" ] || fail "backup created a database"
"$SPINELOG" init >/dev/null
"$ADDEVENT" staff QA "Quinn Avery" RN
cat > day.csv <<'CSV'
mrn,name,dob,procedure,side,level
M1,"MÜLLER, Anna",1940-01-10,si-joint-injection,left,
M2,"O'BRIEN, Pat",1950-05-05,sacroplasty,midline,S2
CSV
expect_rc 0 "$SPINELOG" --staff QA worklist import day.csv

# A backup into a folder, with writers appending the whole time.
mkdir keep
(i=0; while [ $i -lt 200 ]; do "$ADDEVENT" --case 1 --action note --value "w$i" >/dev/null; i=$((i + 1)); done) &
writer=$!
umask 077
expect_rc 0 "$SPINELOG" backup keep/
wait "$writer"
copy=$(echo "$OUT" | sed -n 1p)
case $copy in "$PWD"/keep/spinelog-backup-*.db) ;; *) fail "unexpected backup path: $copy" ;; esac
head=$(echo "$OUT" | sed -n 's/^verified: [0-9]* events, head \([0-9a-f]*\)$/\1/p')
[ ${#head} -eq 64 ] || fail "no head hash printed: $OUT"
[ "$(stat -c %a "$copy")" = 600 ] || fail "the backup does not follow umask 077"
[ ! -e "$copy-wal" ] || fail "the backup needs a write-ahead log beside it"
ls keep | grep -v '^spinelog-backup-[0-9-]*\.db$' && fail "temporary files left in keep/"
# the copy verifies on its own, ends at the printed head, and that head is an
# anchor of the live log (which went on growing)
expect_rc 0 "$SPINELOG" -d "$copy" verify --anchor "$head"
n=$(sqlite3 "$copy" 'SELECT count(*) FROM event')
contains "$OUT" "OK: $n events, head $head"
expect_rc 0 "$SPINELOG" verify --anchor "$head"
[ "$(sql 'SELECT count(*) FROM event')" -ge "$n" ] || fail "the live log is shorter than its backup"

# Never over a file: the old file stays as it was.
echo "not a backup" > old.db
expect_rc 73 "$SPINELOG" backup old.db
contains "$ERR" "never replaces a file"
[ "$(cat old.db)" = "not a backup" ] || fail "an existing file was changed"

# Restore: the copy, put in place of a lost database, is charted on and verifies.
cp "$copy" restored.db
expect_rc 0 "$SPINELOG" -d restored.db verify
printf 'mrn,name,dob,procedure\nM3,"NEW, After",1960-01-01,si-joint-injection\n' > more.csv
expect_rc 0 "$SPINELOG" -d restored.db --staff QA worklist import more.csv
expect_rc 0 "$SPINELOG" -d restored.db verify
[ "$(sqlite3 restored.db 'SELECT count(*) FROM cases')" = 3 ] || fail "restored copy lost cases"

# A log that does not verify is not backed up, and nothing is left behind.
sqlite3 "$DB" 'PRAGMA writable_schema=ON; DROP TRIGGER event_no_update; PRAGMA writable_schema=OFF;' 2>/dev/null ||
	sqlite3 "$DB" 'DROP TRIGGER event_no_update'
sqlite3 "$DB" "UPDATE event SET value = 'changed' WHERE id = 3"
mkdir bad
expect_rc 74 "$SPINELOG" backup bad/
contains "$ERR" "backup NOT made"
contains "$ERR" "does not verify"
[ -z "$(ls -A bad)" ] || fail "a failed backup left files: $(ls -A bad)"
