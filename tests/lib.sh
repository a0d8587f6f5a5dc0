# Helpers for the shell tests (sourced: . "$TESTLIB").
mkdir -p "$HOME"
DB="$HOME/test.db"
export SPINELOG_DB="$DB"

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_rc WANT CMD...: run CMD, capture stdout/stderr in $OUT/$ERR, check the exit code.
expect_rc() {
	want=$1; shift
	set +e
	"$@" >"$HOME/.out" 2>"$HOME/.err"
	got=$?
	set -e
	OUT=$(cat "$HOME/.out"); ERR=$(cat "$HOME/.err")
	[ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want; stdout: $OUT; stderr: $ERR"
}

# contains TEXT NEEDLE [what]
contains() {
	case "$1" in *"$2"*) ;; *) fail "${3:-output} lacks '$2': $1" ;; esac
}
lacks() {
	case "$1" in *"$2"*) fail "${3:-output} contains '$2': $1" ;; *) ;; esac
}

# sql QUERY: run QUERY on the test database with the sqlite3 shell; prints
# the values, one row a line.
sql() { sqlite3 -batch -noheader "$DB" "$1"; }

# wait_until SECONDS CMD...: run CMD every 0.05 s until it succeeds.  After
# SECONDS (whole seconds) of tries the test fails, naming CMD, after printing
# what wait_context shows: nothing here, the screen once tmux.lib is sourced.
wait_context() { :; }
wait_until() {
	wu_secs=$1
	shift
	wu_try=0
	until "$@"; do
		wu_try=$((wu_try + 1))
		if [ "$wu_try" -ge $((wu_secs * 20)) ]; then
			wait_context
			fail "timed out after $wu_secs s waiting until: $*"
		fi
		sleep 0.05
	done
}

# pid_gone PID: process PID has ended (a condition for wait_until).
pid_gone() { ! kill -0 "$1" 2>/dev/null; }
