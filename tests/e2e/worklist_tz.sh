# One database, two terminals half a world apart at the same moment:
# Kiritimati (UTC+14) is on 2026-03-10 while Pago Pago (UTC-11) is still on
# 2026-03-09.  A case opened in Kiritimati for "now" is a later day's case in
# Pago Pago, and one opened in Pago Pago an earlier day's in Kiritimati; each
# terminal lists both, with their dates (issue 12).
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
at=$(date -u -d '2026-03-10 09:30' +%s)
clock() { TM_FAKETIME="@$(TZ=$1 date -d "@$at" '+%Y-%m-%d %H:%M:%S')"; }

clock Pacific/Kiritimati
tm_start east TZ=Pacific/Kiritimati -- --staff QA
tm_signin
tm_wait "Worklist: today 2026-03-10"
tm_new_case K1 "EAST, Kiri"
tm_keys q
tm_wait "23:30 K1        EAST, Kiri"
tm_keys q y
tm_exited

clock Pacific/Pago_Pago
tm_start west TZ=Pacific/Pago_Pago -- --staff QA
tm_wait "Worklist: today 2026-03-09"
tm_wait "03-10 K1        EAST, Kiri"
tm_wait "1 open · 0 done · 0 cancelled"
tm_new_case P1 "WEST, Pago"
tm_keys q
tm_wait "22:30 P1        WEST, Pago"
tm_wait "03-10 K1        EAST, Kiri"
tm_wait "2 open · 0 done · 0 cancelled"
tm_keys q y
tm_exited

clock Pacific/Kiritimati
tm_start east2 TZ=Pacific/Kiritimati -- --staff QA
tm_wait "Worklist: today 2026-03-10"
tm_wait "03-09 P1        WEST, Pago"
tm_wait "23:30 K1        EAST, Kiri"
tm_wait "2 open · 0 done · 0 cancelled"
tm_keys q y
tm_exited
# each scheduled in its own terminal's local time
[ "$(sql "SELECT mrn || ' ' || scheduled_at FROM cases ORDER BY id")" = "K1 2026-03-10 23:30
P1 2026-03-09 22:30" ] || fail "scheduled: $(sql "SELECT mrn, scheduled_at FROM cases")"
expect_rc 0 "$SPINELOG" verify
