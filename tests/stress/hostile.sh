# Hostile files given to `init` and `verify`: each gets a clear message and a
# sysexits code, never a crash, and no file that is not ours is written.
# Sourced by tests/stress/run.sh with $SPINELOG, $STRESS_BIN and $WORK set.
# Permission cases run as 'nobody' when we are root (root ignores modes).

tried=0
# The checksum of a regular file (never open a FIFO: it would block).
sum_of() { if [ -f "$1" ]; then sha256sum < "$1"; else echo none; fi; }

if [ "$(id -u)" -eq 0 ]; then
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	chown 65534:65534 "$WORK"
else
	as_user() { "$@"; }
fi
chmod 755 "$WORK"

# try WANT_INIT WANT_VERIFY PATH WHAT NEEDLE [VERIFY_NEEDLE]: run init and
# verify on PATH as the test user; check the exit codes, that stderr names
# PATH and says NEEDLE (VERIFY_NEEDLE for verify, when given), that nothing
# crashed, and that neither changed a file at PATH
# (unless WANT_INIT is 0: then init made or upgraded it, which is its job).
try() {
	want_init=$1 want_verify=$2 path=$3 what=$4 needle_init=$5 needle_verify=${6:-$5}
	tried=$((tried + 1))
	sum_before=$(sum_of "$path")
	for cmd in verify init; do
		want=$want_verify needle=$needle_verify
		[ "$cmd" = init ] && want=$want_init needle=$needle_init
		set +e
		as_user "$SPINELOG" "$cmd" -d "$path" >"$WORK/out" 2>"$WORK/err"
		got=$?
		set -e
		err=$(cat "$WORK/err")
		if [ "$got" -ge 128 ] || grep -qE 'Sanitizer|runtime error' "$WORK/err"; then
			fail "$what: $cmd crashed (exit $got): $err"
		fi
		[ "$got" -eq "$want" ] || fail "$what: $cmd exited $got, expected $want: $err"
		if [ "$got" -gt 1 ]; then
			contains "$err" "$path" "$what: $cmd's message"
			contains "$err" "$needle" "$what: $cmd's message"
		fi
		if [ "$cmd" = verify ] || [ "$want_init" -ne 0 ]; then
			[ "$(sum_of "$path")" = "$sum_before" ] ||
				fail "$what: $cmd changed $path"
		fi
	done
}

as_user "$SPINELOG" init -d "$WORK/good.db" >/dev/null
as_user "$STRESS_BIN/stress_driver" "$WORK/good.db" 11 40 >/dev/null
cp_good() { as_user cp "$WORK/good.db" "$1"; }

# Read-only database file: verify reads it; init has nothing to do.
cp_good "$WORK/ro.db"
chmod 400 "$WORK/ro.db"
try 0 0 "$WORK/ro.db" "read-only database" ""
# ... and one that needs an upgrade cannot be written.
as_user sqlite3 "$WORK/v0.db" 'PRAGMA journal_mode=WAL;' >/dev/null
chmod 400 "$WORK/v0.db"
try 73 65 "$WORK/v0.db" "read-only database to upgrade" "cannot write" "spinelog init"

# Read-only folder: verify still works (an archived copy); init cannot.
as_user mkdir "$WORK/rodir"
cp_good "$WORK/rodir/x.db"
chmod 555 "$WORK/rodir"
try 73 0 "$WORK/rodir/x.db" "database in a read-only folder" "permissions"
try 73 66 "$WORK/rodir/new.db" "new database in a read-only folder" "permissions" \
	"no database here"

# Missing folder.
try 73 66 "$WORK/no/such/folder/x.db" "missing folder" "does not exist" "no database here"

# Someone else's SQLite file, a text file, /dev/null, a FIFO, a directory.
as_user sqlite3 "$WORK/foreign.db" 'CREATE TABLE t (x); INSERT INTO t VALUES (1);'
try 65 65 "$WORK/foreign.db" "foreign SQLite file" "not a spinelog database"
as_user sh -c "printf 'patient list, do not touch\n' > '$WORK/notes.txt'"
try 65 65 "$WORK/notes.txt" "text file" "not a spinelog database"
try 65 65 /dev/null "/dev/null" "not a regular file"
as_user mkfifo "$WORK/fifo.db"
try 65 65 "$WORK/fifo.db" "FIFO" "not a regular file"
as_user mkdir "$WORK/dir.db"
try 65 65 "$WORK/dir.db" "directory" "not a regular file"

# Truncated databases.
for n in 0 50 100 4096 5000 20000; do
	as_user sh -c "head -c $n '$WORK/good.db' > '$WORK/trunc$n.db'"
	if [ "$n" -eq 0 ]; then
		# An empty file is a database not yet created: init creates it.
		try 0 65 "$WORK/trunc0.db" "empty file" "spinelog init"
		as_user "$SPINELOG" verify -d "$WORK/trunc0.db" >/dev/null ||
			fail "verify after init on an empty file"
		mode=$(stat -c %a "$WORK/trunc0.db")
		case "$mode" in *[1-7]) fail "init left the empty file world-accessible: $mode" ;; esac
	else
		try 65 65 "$WORK/trunc$n.db" "database cut to $n bytes" "database"
	fi
done
# Cut at half: either refused or found faulty, but never a crash.
half=$(($(stat -c %s "$WORK/good.db") / 2))
as_user sh -c "head -c $half '$WORK/good.db' > '$WORK/half.db'"
tried=$((tried + 1))
set +e
as_user "$SPINELOG" verify -d "$WORK/half.db" >/dev/null 2>"$WORK/err"
got=$?
set -e
case "$got" in 1 | 65) ;; *) fail "verify on a half database exited $got: $(cat "$WORK/err")" ;; esac

# A schema edited behind spinelog's back (a column renamed): damaged, not a
# crash and not an internal error; verify names the table as a fault.
cp_good "$WORK/schema.db"
as_user sqlite3 "$WORK/schema.db" "PRAGMA writable_schema = ON;
	UPDATE sqlite_schema SET sql = replace(sql, 'item_key', 'item_kex') WHERE name = 'event';"
try 0 1 "$WORK/schema.db" "edited schema" ""
as_user "$SPINELOG" verify -d "$WORK/schema.db" >"$WORK/out" 2>&1 || true
contains "$(cat "$WORK/out")" "FAULT: the table event is not defined as spinelog defines it" \
	"verify on an edited schema"

# A database from a newer spinelog.
cp_good "$WORK/newer.db"
as_user sqlite3 "$WORK/newer.db" 'PRAGMA user_version = 99'
try 65 65 "$WORK/newer.db" "newer database" "newer than this"

# A symbolic link to a good database: refused, target untouched.
as_user ln -s "$WORK/good.db" "$WORK/link.db"
sum=$(sha256sum < "$WORK/good.db")
try 77 77 "$WORK/link.db" "symbolic link" "symbolic link"
[ "$(sha256sum < "$WORK/good.db")" = "$sum" ] || fail "the symlink's target was changed"

# A file size limit (ulimit -f, SIGXFSZ ignored): init fails with 74 and
# saves nothing; without the limit init then creates it and verify passes.
tried=$((tried + 1))
set +e
as_user sh -c "trap '' XFSZ; ulimit -f 8; exec '$SPINELOG' init -d '$WORK/big.db'" \
	>/dev/null 2>"$WORK/err"
got=$?
set -e
[ "$got" -eq 74 ] || fail "init under ulimit -f exited $got: $(cat "$WORK/err")"
contains "$(cat "$WORK/err")" "nothing was saved" "init under ulimit -f"
as_user "$SPINELOG" init -d "$WORK/big.db" >/dev/null || fail "init after ulimit -f"
as_user "$SPINELOG" verify -d "$WORK/big.db" >/dev/null || fail "verify after ulimit -f"
# And an append that outgrows the limit: refused, then the log is intact.
cp_good "$WORK/grow.db"
size=$(($(stat -c %s "$WORK/grow.db") / 512 + 2))
set +e
as_user sh -c "trap '' XFSZ; ulimit -f $size; exec '$STRESS_BIN/stress_driver' '$WORK/grow.db' 5 0" \
	>"$WORK/acks" 2>"$WORK/err"
got=$?
set -e
[ "$got" -eq 74 ] || fail "appending under ulimit -f exited $got: $(cat "$WORK/err")"
contains "$(cat "$WORK/err")" "nothing was saved" "append under ulimit -f"
as_user "$SPINELOG" verify -d "$WORK/grow.db" >"$WORK/out" || fail "verify after ulimit -f"
want=$((40 + $(wc -l < "$WORK/acks")))
contains "$(cat "$WORK/out")" "OK: $want events" "verify after appends under ulimit -f"

echo "hostile: $tried hostile files tried"
stat_add hostile "$tried"
