# Every file spinelog creates follows the umask (ORed with 007): the
# database (its -wal and -shm take its mode), exports and backups (reports go through the same
# file_write_atomic, tests/unit/test_fileio.c) are 0660 under
# the ward's umask 007 and 0600 under umask 077, never open to others.
. "$TESTLIB"

mode() { stat -c %a "$1"; }
expect_mode() {
	[ "$(mode "$2")" = "$1" ] || fail "$2 is mode $(mode "$2"), expected $1 (umask $(umask))"
}

cat > day.csv <<'CSV'
mrn,name,dob,procedure,side,level
M1,"MÜLLER, Anna",1940-01-10,si-joint-injection,left,
CSV
for case in "007 660" "077 600" "002 660" "027 640"; do
	set -- $case
	umask "$1"
	d="$HOME/u$1"
	mkdir -p "$d"
	expect_rc 0 "$SPINELOG" init -d "$d/w.db"
	expect_mode "$2" "$d/w.db"
	expect_rc 0 "$SPINELOG" worklist import -d "$d/w.db" day.csv
	# A read-only verify under a stricter umask leaves -wal and -shm behind
	# (it cannot checkpoint): they take the database's mode, so that the
	# writers of a shared database can go on writing.
	(umask 077 && "$SPINELOG" verify -d "$d/w.db" >/dev/null) || fail "verify failed"
	for f in "$d/w.db-wal" "$d/w.db-shm"; do
		[ -e "$f" ] || fail "verify left no $f (the test needs one)"
		expect_mode "$2" "$f"
	done
	expect_rc 0 "$SPINELOG" export -d "$d/w.db" --all -o "$d/day.csv"
	expect_mode "$2" "$d/day.csv"
	expect_rc 0 "$SPINELOG" backup -d "$d/w.db" "$d/copy.db"
	expect_mode "$2" "$d/copy.db"
done
