# The worklist a page at a time (issue 12): 45 cases imported for the day.
# The header counts all of them, not the page; PgDn shows the rows after the
# first page, j past the page's last row reads the next one, G the last page,
# g and PgUp go back; a case on a later page opens.  At 80x24 a page is 19
# rows.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
. "$TOP/tests/tools/tools.sh"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
TM_FAKETIME="@2026-03-10 07:00:00"
{
	echo "mrn,name,dob,procedure,scheduled_at"
	i=1
	while [ $i -le 45 ]; do
		printf 'W%02d,"PAGE, Row %02d",1950-01-01,si-joint-injection,2026-03-10 %02d:%02d\n' \
			$i $i $((8 + i / 6)) $(((i % 6) * 10))
		i=$((i + 1))
	done
} > day.csv
"$SPINELOG" init >/dev/null	# an import never creates the database
"$ADDEVENT" staff CN "Chris Ng" RN
expect_rc 0 "$SPINELOG" --staff CN worklist import day.csv
contains "$OUT" "imported 45 cases"
tm_start pages -- --staff QA
tm_signin
tm_wait "Worklist: today 2026-03-10"
tm_wait "45 open · 0 done · 0 cancelled"
tm_wait "more: PgDn"
tm_wait "W19       PAGE, Row 19"
lacks "$(tm_screen)" "W20"
lacks "$(tm_screen)" "PgUp"
# PgDn: the next rows, the totals unchanged
tm_keys NPage
tm_wait "W20       PAGE, Row 20"
tm_wait "W38       PAGE, Row 38"
tm_wait "more: PgUp PgDn"
tm_wait "45 open · 0 done · 0 cancelled"
lacks "$(tm_screen)" "W19 "
lacks "$(tm_screen)" "W39"
# G: the last page, full; j stops at the last row
tm_keys G
tm_wait "W45       PAGE, Row 45"
tm_wait "W27       PAGE, Row 27"
tm_wait "more: PgUp"
lacks "$(tm_screen)" "PgDn"
tm_keys j
tm_wait "> 15:30 W45"
# g: the first page; j down past its last row reads the next page
tm_keys g
tm_wait "> 08:10 W01"
tm_gone "W45"
i=0
while [ $i -lt 18 ]; do tm_keys j; i=$((i + 1)); done
tm_wait "> 11:10 W19"
tm_keys j
tm_wait "> 11:20 W20"
lacks "$(tm_screen)" "W19 "
# k above the page's first row reads the page before
tm_keys k
tm_wait "> 11:10 W19"
tm_wait "W01       PAGE, Row 01"
# a case from a later page opens
tm_keys NPage NPage
tm_wait "more: PgUp"
tm_keys Enter
tm_wait "under way: Pre-procedure"
tm_wait "MRN W45"
tm_keys q
tm_wait "Worklist: today"
# cancel one on the last page: it stays in its place, counted as cancelled
tm_keys G
tm_wait "> 15:30 W45"
tm_keys c
tm_wait "Cancel case"
tm_type "rebooked"; tm_keys Enter
tm_wait "44 open · 0 done · 1 cancelled"
tm_wait "cancl"
tm_keys q y
tm_exited
[ "$TM_RC" = 0 ] || fail "exit $TM_RC"
expect_rc 0 "$SPINELOG" verify
