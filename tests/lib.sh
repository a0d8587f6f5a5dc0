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
