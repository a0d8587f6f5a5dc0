# A crash of the bedside program must not leave a core file: its memory holds
# patient data.  spinelog sets its core size limit to 0 (and marks itself not
# dumpable) at start, whatever limit the shell gave it.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
tm_start core -- --staff QA
tm_wait "New staff member"
pid=$(tm_pid)
limits=$(cat "/proc/$pid/limits")
echo "$limits" | grep -Eq '^Max core file size +0 +0 ' ||
	fail "core dumps still allowed: $(echo "$limits" | grep core)"
