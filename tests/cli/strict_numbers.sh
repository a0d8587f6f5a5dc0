# Case ids are read strictly: digits only, 1 to 9223372036854775807 (the
# largest id SQLite gives a row), no sign, no spaces, no overflow clamped to
# the largest number (strtoll turned 99999999999999999999 into
# 9223372036854775807 and went looking for that case).  A refused id is a
# usage error (64) that names it; a well-formed id of no case is 66.
. "$TESTLIB"

"$SPINELOG" init >/dev/null
mkdir "$HOME/out"

for id in 99999999999999999999 9223372036854775808 0 00 -1 +1 ' 1' '1 ' 1x 0x10 1e3 ''; do
	expect_rc 64 "$SPINELOG" export --case "$id" -o "$HOME/out"
	contains "$ERR" "--case takes a case number from 1 to 9223372036854775807, not '$id'"
	expect_rc 64 "$SPINELOG" report -- "$id"
	contains "$ERR" "'$id' is not a case id"
	contains "$ERR" "usage: spinelog report"
done
[ -z "$(ls -A "$HOME/out")" ] || fail "a refused case id exported $(ls -A "$HOME/out")"
[ "$(sql "SELECT count(*) FROM event WHERE action = 'export'")" = 0 ] ||
	fail "a refused case id was logged as an export"

# A negative number where an option could start is still said to be a
# case id that is not one, not a 'bad option'.
expect_rc 64 "$SPINELOG" report -1
contains "$ERR" "'-1' is not a case id"
lacks "$ERR" "invalid option"

# Well formed: the largest id and a leading zero are numbers; no such case.
expect_rc 66 "$SPINELOG" export --case 9223372036854775807 -o "$HOME/out"
contains "$ERR" "no case 9223372036854775807"
expect_rc 66 "$SPINELOG" report 9223372036854775807
expect_rc 66 "$SPINELOG" export --case 012 -o "$HOME/out"
contains "$ERR" "no case 12"
