# A failing export leaves no file (not even its temporary file) and an older
# file of the same name untouched, and logs nothing: a read-only folder (73),
# a file size limit (74), standard output on a full device (74) and a busy
# database (75).
. "$TESTLIB"
. "$TOP/tests/tools/tools.sh"

"$SPINELOG" init >/dev/null
python3 -c 'print("x" * 10240, end="")' > "$HOME/note"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
	"$ADDEVENT" --action note --value-file "$HOME/note" --staff QA >/dev/null
done
n=$(sql 'SELECT count(*) FROM event')

out="$HOME/out"
mkdir "$out"
printf 'old export\r\n' > "$out/spinelog-all.csv"
old=$(md5sum < "$out/spinelog-all.csv")
untouched() {
	[ "$(md5sum < "$out/spinelog-all.csv")" = "$old" ] || fail "$1: the old file changed"
	[ "$(ls -A "$out")" = spinelog-all.csv ] || fail "$1: left behind: $(ls -A "$out")"
	[ "$(sql 'SELECT count(*) FROM event')" = "$n" ] || fail "$1: an export event was logged"
}

# A read-only folder.  Permissions do not stop root, so the folder is
# mounted read-only in a private mount namespace (unshare -rm also works
# for other users); without unshare, a non-root user gets chmod 555, and root
# (in a container without namespaces) writes to /sys, which refuses even root.
ro_run() {
	if unshare -rm true 2>/dev/null; then
		unshare -rm sh -c 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"' \
			"$out" "$@" -o "$out"
	elif [ "$(id -u)" -ne 0 ]; then
		chmod 555 "$out"
		"$@" -o "$out" || { s=$?; chmod 755 "$out"; return $s; }
		chmod 755 "$out"
	else
		"$@" -o /sys
	fi
}
expect_rc 73 ro_run "$SPINELOG" export --all
contains "$ERR" "cannot create a file in"
contains "$ERR" "choose a folder you can write with -o"
untouched "read-only folder"

# A file size limit (SIGXFSZ ignored, so the write fails with EFBIG).  The
# limit (in 512-byte blocks for dash) leaves room for SQLite's 32 KB -shm
# file but not for the 300 KB export.
expect_rc 74 sh -c 'trap "" XFSZ; ulimit -f 256; exec "$@"' sh "$SPINELOG" export --all -o "$out"
contains "$ERR" "cannot write $out/spinelog-all.csv"
contains "$ERR" "nothing was exported"
untouched "file size limit"

# Standard output on a full device.
expect_rc 74 sh -c 'exec "$@" > /dev/full' sh "$SPINELOG" export --all -o -
contains "$ERR" "cannot write standard output: the disk is full"
untouched "/dev/full"

# A busy database: another connection holds the write lock past the 5 s
# timeout (opening the database read-write already waits for it).
python3 -c '
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(60)' "$DB" "$HOME/locked" &
holder=$!
locked() { kill -0 "$holder" 2>/dev/null || fail "the lock holder died"; [ -e "$HOME/locked" ]; }
wait_until 10 locked
expect_rc 75 "$SPINELOG" export --all -o "$out"
contains "$ERR" "busy"
untouched "busy database"

kill "$holder"
wait "$holder" || true

# Interrupted (Ctrl-C; systemd sends SIGTERM at shutdown) while streaming to a
# reader that stopped reading: the export stops, logs nothing and dies of the
# signal.  A file export takes the same way out as the write errors above.
mkfifo "$HOME/fifo"
python3 -c '
import sys, time
f = open(sys.argv[1], "rb")
f.read(1000)
open(sys.argv[2], "w").close()
time.sleep(60)' "$HOME/fifo" "$HOME/reading" &
reader=$!
"$SPINELOG" export --all -o - >"$HOME/fifo" 2>"$HOME/int.err" &
pid=$!
wait_until 10 test -e "$HOME/reading"
kill -INT "$pid"
set +e
wait "$pid"
rc=$?
set -e
kill "$reader"
wait "$reader" || true
[ "$rc" -eq 130 ] || fail "SIGINT: exit $rc, expected 130; $(cat "$HOME/int.err")"
contains "$(cat "$HOME/int.err")" "interrupted; nothing was exported"
untouched "SIGINT"

# And then it works, replacing the old file.
expect_rc 0 "$SPINELOG" export --all -o "$out"
contains "$OUT" "wrote $n events"
check_export "$out/spinelog-all.csv" --all --before-id "$((n + 1))"
[ "$(ls -A "$out")" = spinelog-all.csv ] || fail "left behind: $(ls -A "$out")"

# The export replaces only an older export: never the database, a symbolic
# link, or a device such as /dev/null (which root could otherwise replace).
expect_rc 73 "$SPINELOG" export --all -o "$DB"
contains "$ERR" "is the database"
for f in "$DB-wal" "$DB-shm" "$DB-journal"; do
	expect_rc 73 "$SPINELOG" export --all -o "$f"
	contains "$ERR" "is the database or one of its files"
done
(cd "$(dirname "$DB")" && expect_rc 73 "$SPINELOG" export --all -o "./$(basename "$DB")-wal")
ln "$DB" "$HOME/hardlink.db"
expect_rc 73 "$SPINELOG" export --all -o "$HOME/hardlink.db"
ln -s "$out/spinelog-all.csv" "$HOME/link.csv"
expect_rc 73 "$SPINELOG" export --all -o "$HOME/link.csv"
contains "$ERR" "not a regular file"
[ -L "$HOME/link.csv" ] || fail "the link was replaced"
expect_rc 73 "$SPINELOG" export --all -o /dev/null
[ -c /dev/null ] || fail "/dev/null is no longer a device"
[ "$(ls -A /dev | grep -c '^\.null\.')" = 0 ] || fail "a temporary file was left in /dev"
sql 'PRAGMA quick_check' | grep -qx ok || fail "the database was damaged"
