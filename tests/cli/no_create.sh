# Only 'spinelog init' (and the interactive program) creates a database.
# Every other command, given a path with no database (a typo in -d, an unset
# $SPINELOG_DB), says so and how to make one (66), and creates nothing: no
# file, no -wal or -shm, no folder.  'worklist import -d TYPO' used to create
# TYPO and import into it.
. "$TESTLIB"

printf 'mrn,name,dob,procedure\nM1,DOE Jane,1950-01-01,sacroplasty\n' > day.csv
mkdir "$HOME/out"
typo="$HOME/tpyo.db"

missing() {
	expect_rc 66 "$SPINELOG" "$@"
	contains "$ERR" "$where: no database here; run 'spinelog init' to create a database"
	[ ! -e "$where" ] || fail "'$*' created $where"
	[ ! -e "$where-wal" ] && [ ! -e "$where-shm" ] || fail "'$*' created a -wal or -shm"
	[ -z "$(ls -A "$HOME/out")" ] || fail "'$*' wrote $(ls -A "$HOME/out")"
}
where=$typo
missing worklist import -d "$typo" day.csv
missing worklist -d "$typo" import day.csv
missing export -d "$typo" --all -o "$HOME/out"
missing report -d "$typo" 1
missing verify -d "$typo"
where=$DB
missing worklist import day.csv
missing export --all -o "$HOME/out"

# The default path: the folder is not created either.
unset SPINELOG_DB
export XDG_DATA_HOME="$HOME/xdg"
where="$HOME/xdg/spinelog/spinelog.db"
missing worklist import day.csv
[ ! -e "$HOME/xdg" ] || fail "worklist import created $HOME/xdg"
missing export --all -o "$HOME/out"
missing report 1
[ ! -e "$HOME/xdg" ] || fail "a command created $HOME/xdg"

# After init, the same import works.
expect_rc 0 "$SPINELOG" init
expect_rc 0 "$SPINELOG" worklist import day.csv
contains "$OUT" "imported 1 case"
