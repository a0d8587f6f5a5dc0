# A clock set back (here an hour) makes due observations look like the
# future, so timers would go quiet: every screen's status line says instead
# that the clock is behind the log.  With the clock right again it goes.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
TM_FAKETIME="@2026-03-10 10:00:00"
tm_start ahead -- --staff QA
tm_signin_new_case "M960" "CLOCK, Carla"
tm_keys Space
tm_wait "Saved: Identity"
lacks "$(tm_screen)" "BEHIND THE LOG"
tm_keys q q y
tm_exited
TM_FAKETIME="@2026-03-10 09:00:00"
tm_start behind -- --staff QA
tm_wait "CLOCK 60 MIN BEHIND THE LOG"
tm_wait "Worklist: today"
tm_wait "CLOCK, Carla"
tm_keys Enter
tm_wait "MRN M960"
contains "$(tm_screen | sed -n 1p)" "CLOCK 60 MIN BEHIND THE LOG"
tm_keys q q y
tm_exited
TM_FAKETIME="@2026-03-10 10:05:00"
tm_start right -- --staff QA
tm_wait "Worklist: today"
lacks "$(tm_screen)" "BEHIND THE LOG"
