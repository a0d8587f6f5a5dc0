# Under a locale that is not UTF-8, stored UTF-8 names show transliterated
# (MÜLLER as MULLER, NGUYỄN Thị Ánh as NGUYEN Thi Anh), never as mojibake.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
tm_start u8 -- --staff QA
tm_signin
for who in "MÜLLER, Anna" "NGUYỄN Thị Ánh"; do
	# UTF-8 edits: a wrong last letter is erased
	tm_new_case "M-$(printf '%s' "$who" | cut -c1-3)" "${who}x" BSpace
	tm_wait "$who"
	tm_keys q
	tm_wait "Worklist: today"
done
tm_keys q y
tm_exited
[ "$(sql "SELECT group_concat(name, '|') FROM cases ORDER BY id")" = "MÜLLER, Anna|NGUYỄN Thị Ánh" ] || fail "names not stored as typed"
tm_start c LC_ALL=C LANG=C -- --staff QA
tm_wait "Worklist: today"
tm_wait "MULLER, Anna"
tm_wait "NGUYEN Thi Anh"
lacks "$(tm_screen)" "Ã"
tm_keys Enter
tm_wait "MULLER, Anna  DOB 1950-01-01"
tm_keys q q y
tm_exited
[ "$TM_RC" = 0 ] || fail "exit $TM_RC"
expect_rc 0 "$SPINELOG" verify
