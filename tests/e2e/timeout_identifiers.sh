# The time-out screen shows the identifiers whole at 80x24: a name of 100
# characters wraps; the MRN, the date of birth, the side and the level are
# never cut off (an earlier layout showed "Level S" for S1).
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
. "$TOP/tests/tools/tools.sh"

name="VANDERBERGHE-OOSTERHUIZEN-MACALLISTER, Maximiliana Wilhelmina Theodora Josephine Anastasia Beatrix M"
[ ${#name} -eq 100 ] || fail "the test name is ${#name} characters, not 100"
printf 'mrn,name,dob,procedure,side,level,scheduled_at\nMRN-0000000000-0000000000-000000,"%s",1940-01-10,si-joint-injection,right,S1,%s 08:00\n' \
	"$name" "$(date +%Y-%m-%d)" > list.csv
"$SPINELOG" init >/dev/null	# only init creates a database
expect_rc 0 "$SPINELOG" worklist import list.csv
tm_start to -- --staff QA
tm_signin
tm_keys Enter
tm_wait "under way: Pre-procedure"
# the hard stops of the pre-procedure phase come first: the time-out does
# not start while one is open, and says which (Enter goes to the first)
tm_keys Tab
tm_wait "[Procedure"
tm_keys Enter
tm_wait "Time-out not started"
tm_wait "7 hard stops of the pre-procedure"
tm_keys Enter
tm_wait "[Pre"
wait_until 10 tm_on_row "Identity: 2 identifiers"
for key in identity procedure_match consent side septic_suspected pregnancy site_marked; do
	"$ADDEVENT" --case 1 --phase pre --item "$key" --action override --staff QA \
		--reason "test: passed for the time-out screen" >/dev/null || fail "addevent $key"
done
tm_wait "override Site marked"	# the case screen has read the last one
tm_keys Tab
tm_wait "[Procedure"
tm_keys Enter
tm_wait "TIME-OUT"
screen=$(tm_screen)
contains "$screen" "MRN MRN-0000000000-0000000000-000000   Born 1940-01-10" "the time-out screen"
contains "$screen" "Side RIGHT   Level S1" "the time-out screen"
# the whole name, over two lines
flat=$(echo "$screen" | tr -s ' \n' '  ')
contains "$flat" "Anastasia Beatrix M" "the time-out screen"
contains "$flat" "VANDERBERGHE-OOSTERHUIZEN-MACALLISTER, Maximiliana" "the time-out screen"
echo "$screen" | grep -Eq "1 of [0-9]+  Patient identity" || fail "no first prompt below the identifiers: $screen"
