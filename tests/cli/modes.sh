# File modes: the database and its -wal and -shm are never accessible to
# other users, whatever the umask, and a database made accessible to them
# outside spinelog (by hand, a restore under another umask) is made private
# again when spinelog opens it for writing.  Symbolic links are refused.
. "$TESTLIB"

private() {
	for f in "$@"; do
		[ -e "$f" ] || continue
		mode=$(stat -c %a "$f")
		case "$mode" in *[1-7]) fail "$f is accessible to others: mode $mode" ;; esac
	done
}

umask 000
expect_rc 0 "$SPINELOG" init
private "$DB"
unset SPINELOG_DB
expect_rc 0 "$SPINELOG" init
[ "$(stat -c %a "$HOME/.local/share/spinelog")" = 700 ] || fail "data folder is not mode 700"
private "$HOME/.local/share/spinelog/spinelog.db"
export SPINELOG_DB="$DB"

# Made world-readable behind spinelog's back, with stale -wal and -shm.
umask 022
cp "$DB" "$HOME/open.db"
chmod 644 "$HOME/open.db"
: > "$HOME/open.db-wal"
: > "$HOME/open.db-shm"
chmod 666 "$HOME/open.db-wal" "$HOME/open.db-shm"
expect_rc 0 "$SPINELOG" verify -d "$HOME/open.db"	# verify only reads: no change
[ "$(stat -c %a "$HOME/open.db")" = 644 ] || fail "verify changed a mode"
expect_rc 0 "$SPINELOG" init -d "$HOME/open.db"
private "$HOME/open.db" "$HOME/open.db-wal" "$HOME/open.db-shm"
[ "$(stat -c %a "$HOME/open.db")" = 640 ] || fail "init took more than others' access"

# An empty file (touch) becomes a private database.
: > "$HOME/touched.db"
chmod 644 "$HOME/touched.db"
expect_rc 0 "$SPINELOG" init -d "$HOME/touched.db"
contains "$OUT" "created"
private "$HOME/touched.db"

# A foreign file is not ours: its mode is left alone.
sqlite3 "$HOME/foreign.db" 'CREATE TABLE t (x);'
chmod 644 "$HOME/foreign.db"
expect_rc 65 "$SPINELOG" init -d "$HOME/foreign.db"
[ "$(stat -c %a "$HOME/foreign.db")" = 644 ] || fail "init changed a foreign file's mode"

# Symbolic links are refused by init too, and the target is left alone.
ln -s "$HOME/open.db" "$HOME/link.db"
sum=$(sha256sum < "$HOME/open.db")
expect_rc 77 "$SPINELOG" init -d "$HOME/link.db"
contains "$ERR" "symbolic link"
[ "$(sha256sum < "$HOME/open.db")" = "$sum" ] || fail "init wrote through a symbolic link"
