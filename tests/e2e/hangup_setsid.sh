# A terminal closed without a SIGHUP reaching spinelog (started under setsid,
# as 'su - nurse -c spinelog' or a detached session does): the program must
# see the end of its input and exit, not spin on reads that fail at once.
. "$TESTLIB"
"$SPINELOG" init >/dev/null
python3 - "$SPINELOG" <<'PY' || fail "spinelog did not exit after its terminal closed"
import fcntl, os, pty, select, struct, subprocess, sys, termios, time
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
env = dict(os.environ, TERM="xterm", LANG="C.UTF-8", LC_ALL="C.UTF-8")
# start_new_session: no controlling terminal, so closing it sends no SIGHUP
p = subprocess.Popen([sys.argv[1], "--staff", "QA"], stdin=slave, stdout=slave,
                     stderr=slave, start_new_session=True, env=env)
os.close(slave)
seen, deadline = b"", time.time() + 10
while b"New staff member" not in seen and time.time() < deadline:
    if select.select([master], [], [], 0.1)[0]:
        seen += os.read(master, 65536)
if b"New staff member" not in seen:
    p.kill()
    sys.exit("the program never drew its first dialog")
os.close(master)
try:
    rc = p.wait(timeout=10)
except subprocess.TimeoutExpired:
    t = os.times()
    p.kill()
    sys.exit("still running 10 s after the terminal closed")
print("exit status", rc)
sys.exit(0 if rc == 129 else "exit status %d, expected 129 (hang-up)" % rc)
PY
[ "$(sqlite3 "$DB" "SELECT count(*) FROM event WHERE action = 'sign_in'")" = 0 ] ||
	fail "a sign-in was logged although the code was never confirmed"
expect_rc 0 "$SPINELOG" verify
