# --help, --version, unknown commands and options.
. "$TESTLIB"

expect_rc 0 "$SPINELOG" --help
for cmd in init export verify checklists worklist report; do
	contains "$OUT" "  $cmd " "--help"
done
expect_rc 0 "$SPINELOG" --version
contains "$OUT" "spinelog "
expect_rc 64 "$SPINELOG" frobnicate
contains "$ERR" "unknown command 'frobnicate'"
expect_rc 64 "$SPINELOG" --frobnicate
expect_rc 64 "$SPINELOG" verify --frobnicate
contains "$ERR" "usage: spinelog verify"
expect_rc 64 "$SPINELOG" init extra
expect_rc 0 "$SPINELOG" verify --help
contains "$OUT" "usage: spinelog verify"
[ -z "$ERR" ] || fail "--help wrote to stderr: $ERR"
# Not a terminal: the interactive program refuses and points at the commands.
expect_rc 64 "$SPINELOG" </dev/null
contains "$ERR" "terminal"
