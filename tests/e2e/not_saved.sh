# An entry that cannot be committed (another process holds the database's
# write lock past the busy timeout) is NOT shown as saved: a blocking dialog
# says why, the typed text stays in the form, and Enter retries once the
# database is free.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
tm_start ns -- --staff QA
tm_signin_new_case "M300" "LOCKED, Out"
tm_keys j j Enter
tm_wait "Allergies"
tm_type "penicillin"
tm_wait "penicillin"
# hold the write lock from another connection until told to let go
mkfifo "$HOME/go"
(printf '.timeout 5000\nBEGIN IMMEDIATE;\nINSERT INTO open_case SELECT case_id FROM open_case WHERE 0;\n'
 cat "$HOME/go"; printf 'COMMIT;\n') | sqlite3 "$DB" &
holder=$!
# (the sqlite3 shell does not wait for a lock: BEGIN IMMEDIATE fails at once)
write_locked() { case "$(sql 'BEGIN IMMEDIATE; ROLLBACK;' 2>&1)" in *locked*) ;; *) return 1 ;; esac; }
wait_until 10 write_locked
tm_keys Enter
tm_wait "NOT saved" 15
tm_wait "busy"
lacks "$(tm_screen)" "Saved: Allergies"
[ "$(sql "SELECT count(*) FROM event WHERE item_key='allergies'")" = 0 ] || fail "saved while locked"
echo "SELECT 1;" > "$HOME/go"
wait "$holder"
tm_keys Enter	# close the dialog: the form is still there with the text
tm_wait "penicillin"
tm_keys Enter	# retry
tm_wait "Saved: Allergies penicillin"
[ "$(sql "SELECT value FROM event WHERE item_key='allergies'")" = penicillin ] || fail "retry not saved"
expect_rc 0 "$SPINELOG" verify
