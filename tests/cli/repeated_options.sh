# An option given twice, or two ranges, is a usage error (64) that names
# both, never "the last one wins": '-o a -o b' wrote b, '--from X --from Y'
# took Y, '-d A -d B' opened B.
. "$TESTLIB"

"$SPINELOG" init >/dev/null
"$SPINELOG" init -d "$HOME/other.db" >/dev/null
mkdir "$HOME/out"
printf 'mrn,name,dob,procedure\nM1,DOE Jane,1950-01-01,sacroplasty\n' > day.csv
n=$(sql 'SELECT count(*) FROM event')

twice() {
	expect_rc 64 "$SPINELOG" "$@"
	contains "$ERR" "$msg"
	contains "$ERR" "usage: spinelog"
}
msg="-o given twice ('$HOME/out/a.csv' and '$HOME/out/b.csv')"
twice export --all -o "$HOME/out/a.csv" -o "$HOME/out/b.csv"
msg="--date given twice ('today' and 'yesterday')"
twice export --date today --date yesterday -o "$HOME/out"
msg="-o given twice ('$HOME/out/a.csv' and '$HOME/out/b.csv')"
twice export --all --output="$HOME/out/a.csv" -o "$HOME/out/b.csv"
msg="--from given twice ('2026-01-01' and '2026-02-01')"
twice export --from 2026-01-01 --from 2026-02-01 --to 2026-03-01 -o "$HOME/out"
msg="--to given twice ('2026-03-01' and '2026-04-01')"
twice export --from 2026-01-01 --to 2026-03-01 --to 2026-04-01 -o "$HOME/out"
msg="--case given twice ('1' and '2')"
twice export --case 1 --case 2 -o "$HOME/out"
msg="--all given twice"
twice export --all --all -o "$HOME/out"
msg="--no-bom given twice"
twice export --all --no-bom --no-bom -o "$HOME/out"
msg="--case 1 and --all: give one range"
twice export --case 1 --all -o "$HOME/out"
msg="--all and --date today: give one range"
twice export --all --date today -o "$HOME/out"
msg="--date today and --from 2026-01-01: give one range"
twice export --date today --from 2026-01-01 --to 2026-01-02 -o "$HOME/out"
msg="-d given twice ('$DB' and '$HOME/other.db')"
twice export -d "$DB" -d "$HOME/other.db" --all -o "$HOME/out"
twice -d "$DB" export -d "$HOME/other.db" --all -o "$HOME/out"
twice report -d "$DB" -d "$HOME/other.db" 1
twice verify -d "$DB" -d "$HOME/other.db"
twice worklist import -d "$DB" -d "$HOME/other.db" day.csv
twice worklist -d "$DB" import -d "$HOME/other.db" day.csv
msg="--staff given twice ('QA' and 'CN')"
twice --staff QA worklist import --staff CN day.csv
twice worklist import --staff QA --staff CN day.csv
msg="--hints given twice"
twice checklists --hints --hints show sacroplasty
[ -z "$(ls -A "$HOME/out")" ] || fail "a refused command wrote $(ls -A "$HOME/out")"
[ "$(sql 'SELECT count(*) FROM event')" = "$n" ] || fail "a refused command logged events"
[ "$(sql 'SELECT count(*) FROM cases')" = 0 ] || fail "a refused import created cases"
# The global options too, before any command (the bedside program's own).
twice_global() {
	expect_rc 64 "$SPINELOG" "$@"
	contains "$ERR" "$msg"
	contains "$ERR" "Try 'spinelog --help'"
}
msg="-d given twice ('$DB' and '$HOME/other.db')"
twice_global -d "$DB" -d "$HOME/other.db" verify
msg="--staff given twice ('QA' and 'CN')"
twice_global --staff QA --staff CN worklist import day.csv
msg="--lock-after given twice ('5' and '9')"
twice_global --lock-after 5 --lock-after 9
msg="--bell given twice"
twice_global --bell --bell
msg="--no-color given twice"
twice_global --no-color --no-color
# What getopt refuses is said once, escaped, never printed raw by getopt.
expect_rc 64 "$SPINELOG" --bogus"$(printf '\033]0;owned\007')"
contains "$ERR" "unknown option '--bogus\\x1b]0;owned\\x07'"
[ "$(echo "$ERR" | grep -c 'unknown option\|unrecognized')" = 1 ] || fail "said twice: $ERR"
expect_rc 64 "$SPINELOG" init --nope
contains "$ERR" "unknown option '--nope' for 'init'"
lacks "$ERR" "unrecognized"
expect_rc 64 "$SPINELOG" verify --anchor
contains "$ERR" "--anchor needs a value"
expect_rc 64 "$SPINELOG" --lock-after ' 5'
contains "$ERR" "--lock-after takes whole minutes"
