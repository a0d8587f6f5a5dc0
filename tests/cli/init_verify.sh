# init and verify from the command line, with their exit codes.
. "$TESTLIB"

# verify before init: no database, exit 66 with what to do.
expect_rc 66 "$SPINELOG" verify
contains "$ERR" "spinelog init"

expect_rc 0 "$SPINELOG" init
contains "$OUT" "created (schema version"
[ -f "$DB" ] || fail "init did not create $DB"
mode=$(stat -c %a "$DB")
case "$mode" in *[1-7]) fail "database is world-accessible: mode $mode" ;; esac
expect_rc 0 "$SPINELOG" init
contains "$OUT" "up to date"

expect_rc 0 "$SPINELOG" verify
contains "$OUT" "OK: 0 events, head 0000000000000000000000000000000000000000000000000000000000000000"

# The default path: $XDG_DATA_HOME/spinelog/spinelog.db, folder mode 0700.
unset SPINELOG_DB
XDG_DATA_HOME="$HOME/xdg" expect_rc 0 "$SPINELOG" init
[ -f "$HOME/xdg/spinelog/spinelog.db" ] || fail "no database under XDG_DATA_HOME"
[ "$(stat -c %a "$HOME/xdg/spinelog")" = 700 ] || fail "data folder is not mode 700"
expect_rc 0 "$SPINELOG" init
[ -f "$HOME/.local/share/spinelog/spinelog.db" ] || fail "no database under ~/.local/share"
# -d wins over the environment.
SPINELOG_DB="$HOME/env.db" expect_rc 0 "$SPINELOG" init -d "$HOME/opt.db"
[ -f "$HOME/opt.db" ] && [ ! -f "$HOME/env.db" ] || fail "-d did not take precedence"
export SPINELOG_DB="$DB"

# A foreign SQLite file and a text file are refused, untouched.
sqlite3 "$HOME/foreign.db" 'CREATE TABLE t (x); INSERT INTO t VALUES (1);'
sum=$(md5sum < "$HOME/foreign.db")
expect_rc 65 "$SPINELOG" -d "$HOME/foreign.db" init
contains "$ERR" "not a spinelog database"
[ "$(md5sum < "$HOME/foreign.db")" = "$sum" ] || fail "init wrote to a foreign file"
printf 'hello, I am not a database at all; %0200d\n' 0 > "$HOME/text.db"
expect_rc 65 "$SPINELOG" verify -d "$HOME/text.db"
contains "$ERR" "not a spinelog database"

# A newer database is refused with both versions.
cp "$DB" "$HOME/newer.db"
sqlite3 "$HOME/newer.db" 'PRAGMA user_version = 42'
expect_rc 65 "$SPINELOG" verify -d "$HOME/newer.db"
contains "$ERR" "version 42"

# A symbolic link is refused.
ln -s "$DB" "$HOME/link.db"
expect_rc 77 "$SPINELOG" verify -d "$HOME/link.db"
contains "$ERR" "symbolic link"

# Bad anchors are usage errors; a good one that is not there is a fault.
expect_rc 64 "$SPINELOG" verify --anchor xyz
expect_rc 1 "$SPINELOG" verify --anchor 1111111111111111111111111111111111111111111111111111111111111111
contains "$OUT" "FAULT"
