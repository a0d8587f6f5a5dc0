# spinelog.conf's lock_after reaches the bedside program: with lock_after = 1
# on a clock running 10 times fast the screen locks within 15 seconds, where
# the default 5 minutes would take 30.  The database comes from the file too.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
printf 'database = %s\nlock_after = 1\n' "$HOME/ward.db" > "$HOME/ward.conf"
TM_FAKETIME="+0 x10"
# SPINELOG_DB (which tm_start sets) would win over the file: empty is unset
tm_start cf SPINELOG_CONF="$HOME/ward.conf" SPINELOG_DB= -- --staff QA
tm_signin_new_case "M901" "CONFIG, Patient"
tm_keys Space
tm_wait "Saved: Identity"
tm_wait "spinelog — locked" 15
lacks "$(tm_screen)" "CONFIG, Patient"
[ -f "$HOME/ward.db" ] || fail "the bedside program did not open the configured database"
[ "$(sqlite3 "$HOME/ward.db" "SELECT count(*) FROM cases WHERE mrn = 'M901'")" = 1 ] ||
	fail "the case is not in the configured database"
