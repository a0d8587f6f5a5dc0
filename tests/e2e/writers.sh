# Eight non-interactive writers append to the database while a nurse charts
# in the interactive program: nothing is lost, the nurse's entries save, and
# the chain verifies.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
. "$TOP/tests/tools/tools.sh"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
tm_start w -- --staff QA
tm_signin_new_case "M800" "BUSY, Ward"
pids=""
for w in 1 2 3 4 5 6 7 8; do
	(i=0; while [ $i -lt 40 ]; do
		"$ADDEVENT" --action note --value "writer $w entry $i" --staff W$w >/dev/null || exit 1
		i=$((i + 1))
	done) &
	pids="$pids $!"
done
# The nurse charts meanwhile: identity, then consent.
tm_keys Space
tm_wait "Saved: Identity"
tm_keys Space
tm_wait "Saved: Consent"
for p in $pids; do wait "$p" || fail "a background writer failed"; done
[ "$(sql "SELECT count(*) FROM event WHERE action = 'note'")" = 320 ] || fail "notes lost"
[ "$(sql "SELECT count(DISTINCT value) FROM event WHERE action = 'note'")" = 320 ] || fail "notes lost"
[ "$(sql "SELECT count(*) FROM event WHERE action = 'record' AND item_key IN ('identity', 'consent')")" = 2 ] ||
	fail "the nurse's entries are not both saved"
tm_keys q q y
tm_exited
expect_rc 0 "$SPINELOG" verify
