# Observation timers, on a clock running 120 times fast: post-procedure vitals
# (repeat 15m*2) are due when the post phase starts and turn overdue after
# their minute; an entry sets the next one 15 minutes later, which turns
# overdue in turn.  The case line and the status line show it without a key.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
TM_FAKETIME="@2026-03-10 10:00:00 x120"
tm_start tm -- --staff QA --lock-after 240
tm_signin_new_case "M950" "TIMER, Tess"
# through the pre and procedure phases the short way
tm_keys Space
tm_wait "> [ ] Consent"
tm_keys Space
tm_wait "> [ ] Allergies"
tm_keys a; tm_wait "Not applicable"; tm_read; tm_type "test case, not needed"; tm_keys Enter
tm_wait "> [ ] Anticoagulants"
tm_keys Enter 1
tm_wait "> [ ] Baseline vitals"	# past the optional rows
tm_keys a; tm_wait "Not applicable"; tm_read; tm_type "test case, not needed"; tm_keys Enter
tm_wait "> [ ] Site marked"
tm_keys Space
tm_wait "Pre 6/9"
tm_keys '>'
tm_wait "1 item blocks it"
tm_keys Enter o
tm_wait "Override: Time-out"
tm_read
tm_type "test case, no time-out"; tm_keys Enter
tm_wait "Right, then Enter: OVERRIDE"
tm_keys Right Enter
tm_wait "overridden"
tm_keys '>' y
tm_wait "under way: Procedure"
tm_wait "> [ ] Steroid injected"	# a phase starts on its first open item
tm_keys a; tm_wait "Not applicable"; tm_read; tm_type "test case, not needed"; tm_keys Enter
tm_wait "Procedure 2/3"
tm_keys '>' y
tm_wait "under way: Post-procedure"
# due at once, overdue after its minute, on the case line and the status line
tm_wait "0/2 OVERDUE" 10
tm_wait "1 overdue  "
tm_keys Enter
tm_wait "BP systolic"
for v in 128 76 72 14 98 "" ""; do [ -z "$v" ] || tm_type "$v"; tm_keys Enter; done
tm_wait "Saved: Vitals"
tm_wait "1/2 due "
tm_gone "overdue"
# the entry's time plus 15 minutes
at=$(sql "SELECT strftime('%H:%M', recorded_at, '+15 minutes', 'localtime') FROM event WHERE item_key='vitals_post'")
tm_wait "1/2 due $at"
tm_wait "1/2 OVERDUE" 20
tm_wait "1 overdue  "
# locked, the terminal still says that an observation is overdue (no patient
# data), and the code unlocks in one go
tm_keys L
tm_wait "spinelog — locked"
tm_wait "1 observation OVERDUE"
lacks "$(tm_screen)" "TIMER"
tm_type QA; tm_keys Enter
tm_wait "TIMER, Tess"
# the worklist shows the case's next observation as minutes overdue
tm_keys q
tm_wait "Worklist: today"
tm_screen | grep -E "TIMER, Tess.* -[0-9]+m *$" >/dev/null || fail "no overdue on the worklist: $(tm_screen)"
tm_keys q y
tm_exited
expect_rc 0 "$SPINELOG" verify
