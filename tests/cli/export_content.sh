# The CSV export of hostile content, read back by Python's csv module and by
# sqlite3's .import and compared cell by cell with the database
# (tests/tools/check-export.py); every hash recomputes from the CSV.
. "$TESTLIB"
. "$TOP/tests/tools/tools.sh"

"$SPINELOG" init >/dev/null
"$ADDEVENT" staff QA "Quinn Avery" nurse
"$ADDEVENT" staff NT "Nguyễn Thị Ánh" "nurse, charge"
"$ADDEVENT" staff "=cmd" '@SUM(A1)' nurse
c1=$("$ADDEVENT" case --checklist "$TOP/tests/data/export-test.csv" --mrn M100234 \
	--name "MÜLLER, Anna \"Anni\"" --dob 1940-01-10 --staff QA)
c2=$("$ADDEVENT" case --checklist "$TOP/tests/data/export-test.csv" --mrn '-M100871' \
	--name 'NGUYỄN Thị Ánh' --dob 1962-03-04 --staff NT)

crlf=$(printf 'line one,\r\nline "two"\r\nend')
tab=$(printf '\tindented')
cr=$(printf '\rreturn first')
lf=$(printf '\nnewline first')
note=$(python3 -c 'print(("Ünïcödé, \"quoted\"; 10 KB note\r\n" * 400)[:10240], end="")')
[ "${#note}" -ge 10000 ] || fail "the long note is only ${#note} characters"

ev() { "$ADDEVENT" "$@" >/dev/null; }
ev --case "$c1" --phase pre --item consent --action check --value done --staff QA
ev --case "$c1" --phase pre --item allergy --action record --value 'iodine, latex' --staff QA \
	--reason "$crlf"
ev --case "$c1" --phase procedure --item needle --action record --value 22 --unit G --staff NT
ev --case "$c1" --phase post --item pain --action record --value '-1' --flag low --staff QA \
	--reason 'negative on purpose'
ev --case "$c1" --phase post --item pain --action amend --value '-2.5' --amends 10 \
	--reason 'typo' --staff QA
ev --case "$c1" --action note --value '=1+1' --staff QA
ev --case "$c1" --action note --value "+cmd|' /C calc'!A0" --staff QA
ev --case "$c1" --action note --value '@SUM(A1)' --staff QA
ev --case "$c1" --action note --value '-2+3' --staff QA
ev --case "$c1" --action note --value "'=already quoted" --staff QA
ev --case "$c1" --action note --value "$tab" --unit '+1' --flag '-' --staff QA
ev --case "$c1" --action note --value "$cr" --staff QA
ev --case "$c1" --action note --value "$lf" --staff QA
ev --case "$c2" --phase pre --item consent --action check --value done --reason "$note" --staff NT
ev --case "$c2" --phase pre --item nosuchitem --action check --value done --staff '=cmd'
ev --action note --value 'no case, no item' --staff QA

expect_rc 0 "$SPINELOG" export --all -o "$HOME/all.csv"
contains "$OUT" "wrote 22 events to $HOME/all.csv"
exp_id=$(echo "$OUT" | sed -n 's/^logged as event \([0-9]*\);.*/\1/p')
[ "$exp_id" = 23 ] || fail "export event id: '$exp_id'"
check_export "$HOME/all.csv" --all --before-id "$exp_id"
contains "$(cat "$HOME/.check")" "22 rows ok"

# Spot checks of the neutralisation, independent of the checker.
grep -q '"'"'"'=1+1"' "$HOME/all.csv" || fail "=1+1 not neutralised"
grep -q '"'"'"'@SUM(A1)"' "$HOME/all.csv" || fail "@SUM not neutralised"
grep -q '"'"'"'-2+3"' "$HOME/all.csv" || fail "-2+3 not neutralised"
grep -q '"-1"' "$HOME/all.csv" || fail "-1 was changed"
grep -q '"-2.5"' "$HOME/all.csv" || fail "-2.5 was changed"
grep -q '"'"'"'-M100871"' "$HOME/all.csv" || fail "an MRN starting with - not neutralised"

# The anchor is the hash of the last exported event, and verify accepts it.
anchor=$(sql 'SELECT hash FROM event WHERE id = 22')
contains "$OUT" "anchor: $anchor"
expect_rc 0 "$SPINELOG" verify --anchor "$anchor"
contains "$OUT" "anchor found"
# The export event says what was exported.
val=$(sql "SELECT action || ' ' || value FROM event WHERE id = 23")
[ "$val" = "export range=all; rows=22; anchor=$anchor; file=$HOME/all.csv" ] ||
	fail "export event: $val"

# --no-bom, --case, and -o - (the summary goes to stderr, the data to stdout).
expect_rc 0 "$SPINELOG" export --case "$c2" --no-bom -o -
lacks "$OUT" "wrote"
contains "$ERR" "wrote 3 events to standard output"
"$SPINELOG" export --case "$c2" --no-bom -o - > "$HOME/case.csv" 2>/dev/null
check_export "$HOME/case.csv" --no-bom --case "$c2" --before-id 25
contains "$(cat "$HOME/.check")" "3 rows ok"
[ "$(sql "SELECT value FROM event WHERE id = 25")" = \
	"range=case $c2; rows=3; anchor=$(sql "SELECT max(hash) FROM event WHERE id = 21"); file=-" ] ||
	fail "export event of -o -: $(sql "SELECT value FROM event WHERE id = 25")"
expect_rc 0 "$SPINELOG" verify
