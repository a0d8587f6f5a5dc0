# Text a user gave (a file name, -d PATH, --staff, an option, a value in an
# imported file) never reaches the terminal raw in a message: C0 controls,
# DEL, C1 controls and bytes that are not UTF-8 are shown as \xNN, so a file
# named ESC ] 0 ; ... BEL cannot set the window title or write the
# clipboard.  And the CSV (patient data) is not written to a terminal.
. "$TESTLIB"

"$SPINELOG" init >/dev/null
esc=$(printf '\033')
bel=$(printf '\007')
c1=$(printf '\302\233')
printf 'mrn,name,dob,procedure\nM1,DOE Jane,1950-01-01,sacroplasty\n' > day.csv

# clean: no raw control character (C0 but newline, DEL, C1) in $ERR and $OUT
clean() {
	if printf '%s%s' "$ERR" "$OUT" | LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')"; then
		fail "a raw control character reached the terminal: $(printf '%s' "$ERR" | od -c | head)"
	fi
	lacks "$ERR$OUT" "$c1" "output (C1 CSI)"
}

title=$(printf 'evil\033]0;pwned\007.csv')
expect_rc 66 "$SPINELOG" worklist import "$title"
clean
contains "$ERR" 'evil\x1b]0;pwned\x07.csv'

expect_rc 66 "$SPINELOG" export -d "$(printf 'x\033[2J\177.db')" --all -o -
clean
contains "$ERR" 'x\x1b[2J\x7f.db'

expect_rc 66 "$SPINELOG" checklists check "$(printf 'a\302\23331m\nb.csv')"
clean
contains "$ERR" 'a\xc2\x9b31m\x0ab.csv'

expect_rc 65 "$SPINELOG" checklists show "$(printf '\033]52;c;aGk=\007')"
clean
contains "$ERR" "no checklist '\\x1b]52;c;aGk=\\x07'"

expect_rc 64 "$SPINELOG" report -- "$(printf '1\033[2J')"
clean
contains "$ERR" "'1\\x1b[2J' is not a case id"

expect_rc 73 "$SPINELOG" export --all -o "$(printf '/none\033]0;x\007/')"
clean
contains "$ERR" '/none\x1b]0;x\x07/'

# An unknown option, in full, through our message (getopt's own is raw).
expect_rc 64 "$SPINELOG" export "$(printf -- '--x\033]0;t\007')"
clean
contains "$ERR" "unknown option '--x\\x1b]0;t\\x07'"
expect_rc 64 "$SPINELOG" report "$(printf -- '-\033')"
clean

# --staff (validated, see worklist_staff.sh) is echoed escaped too.
expect_rc 64 "$SPINELOG" --staff "$(printf 'Q\033]52;c;aGk=\007')" worklist import day.csv
clean
contains "$ERR" 'Q\x1b]52;c;aGk=\x07'

# A value in an imported file, echoed in a FILE:LINE: message.
printf 'mrn,name,dob,procedure\nM1,DOE Jane,1950-01-01,"knee\033]0;x\007"\n' > "$(printf 'bad\033[1m.csv')"
expect_rc 65 "$SPINELOG" worklist import "$(printf 'bad\033[1m.csv')"
clean
contains "$ERR" 'bad\x1b[1m.csv:2: procedure:'
contains "$ERR" 'bad\x1b[1m.csv: nothing imported'

# Text that is not a control character is left alone.
expect_rc 66 "$SPINELOG" worklist import "Müller, Ånne.csv"
contains "$ERR" "Müller, Ånne.csv"

# export -o - to a terminal: refused before anything is read or logged.
n=$(sql 'SELECT count(*) FROM event')
python3 - "$SPINELOG" > "$HOME/tty.out" <<'EOF' && rc=0 || rc=$?
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "export", "--all", "-o", "-"])
out = b""
while True:
    try:
        d = os.read(fd, 4096)
    except OSError:
        break
    if not d:
        break
    out += d
_, st = os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(st))
EOF
tty_out=$(cat "$HOME/tty.out")
[ "$rc" -eq 64 ] || fail "export -o - to a terminal exited $rc: $tty_out"
contains "$tty_out" "not writing the CSV export (patient data) to a terminal"
lacks "$tty_out" "event_id"
[ "$(sql 'SELECT count(*) FROM event')" = "$n" ] || fail "the refused export was logged"
# To a pipe it goes.
"$SPINELOG" export --all -o - 2>/dev/null | grep -q '"event_id"' || fail "export -o - | ... wrote no CSV"
