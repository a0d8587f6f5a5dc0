# The ward database (spinelog(1), Ward database): two OS users in one group
# chart on one database in a setgid 2770 folder under umask 007, at once, in
# two terminals; both can export and verify; the owner can still write after
# the other's read-only verify left its -wal and -shm behind; and a file that
# a user cannot write is refused before the program starts, naming its
# owner, group and mode.  Needs root to create the users and the group:
# make check-root runs it as root (CI's make check does), and fails it here
# if it is started otherwise.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"

PATH=$PATH:/usr/sbin:/sbin	# useradd and friends, for a PATH without them
[ "$(id -u)" = 0 ] || fail "this test creates two OS users and a group and needs root" \
	"(useradd/groupadd); run it as root, as CI does"
for tool in useradd groupadd userdel groupdel runuser; do
	command -v "$tool" >/dev/null || fail "this test needs $tool (package passwd/util-linux)"
done

G=slw$$ UA=slwa$$ UB=slwb$$
ward=$(mktemp -d /tmp/spinelog-ward-XXXXXX)
ward_cleanup() {
	tm_cleanup
	userdel "$UA" 2>/dev/null || true
	userdel "$UB" 2>/dev/null || true
	groupdel "$G" 2>/dev/null || true
	rm -rf "$ward" "$ward-a" "$ward-b"
}
trap ward_cleanup EXIT
groupadd "$G" || fail "groupadd $G failed"
useradd -M -N -g users -G "$G" -s /bin/sh "$UA" || fail "useradd $UA failed"
useradd -M -N -g users -G "$G" -s /bin/sh "$UB" || fail "useradd $UB failed"
chgrp "$G" "$ward"
chmod 2770 "$ward"
mkdir "$ward-a" "$ward-b"	# their homes, outside the test's private folder
chown "$UA" "$ward-a"
chown "$UB" "$ward-b"

# Each user's spinelog runs as that user, under the documented umask 007.
REAL=$SPINELOG
for u in a b; do
	user=$UA; [ $u = b ] && user=$UB
	printf '#!/bin/sh\nexec runuser -u %s -- env HOME=%s sh -c '\''umask 007; exec "$0" "$@"'\'' %s "$@"\n' \
		"$user" "$ward-$u" "$REAL" > "$HOME/as-$u"
	chmod 755 "$HOME/as-$u"
done
AS_A=$HOME/as-a AS_B=$HOME/as-b
DB=$ward/ward.db
export SPINELOG_DB="$DB"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
owner_mode() { stat -c '%U %G %a' "$1"; }

expect_rc 0 "$AS_A" init
[ "$(owner_mode "$DB")" = "$UA $G 660" ] || fail "database: $(owner_mode "$DB")"

# Two nurses, two terminals, one database, at once.
SPINELOG=$AS_A tm_start a -- --staff QA
tm_signin_new_case "M801" "FIRST, Patient"
SA=$TM_SOCK
SPINELOG=$AS_B tm_start b -- --staff KT
tm_wait "New staff member"
tm_type "Kim Tran"; tm_keys Enter Enter
tm_wait "FIRST, Patient"		# A's case, live in B's worklist
tm_new_case "M802" "SECOND, Patient"
SB=$TM_SOCK
TM_SOCK=$SA
tm_keys Space
TM_SOCK=$SB
tm_keys Space
tm_wait "Saved: Identity"
TM_SOCK=$SA
tm_wait "Saved: Identity"
tm_keys q
tm_wait "SECOND, Patient"		# B's case, live in A's worklist
TM_SOCK=$SB
tm_keys q
tm_wait "Worklist: today"
for s in "$SA" "$SB"; do
	TM_SOCK=$s
	tm_keys q
	tm_wait "Quit spinelog?"
	tm_keys y
	tm_exited
	[ "$TM_RC" = 0 ] || fail "a session ended with $TM_RC: $(tm_screen)"
done
[ "$(sql "SELECT group_concat(staff_code || '/' || os_user, ' ') FROM event
	WHERE action = 'record' AND item_key = 'identity' ORDER BY id")" = "QA/$UA KT/$UB" ] ||
	fail "entries: $(sql "SELECT id, action, staff_code, os_user FROM event")"

# Both export into the ward folder and verify.
expect_rc 0 "$AS_A" export --all -o "$ward/a.csv"
expect_rc 0 "$AS_B" export --all -o "$ward/b.csv"
[ "$(owner_mode "$ward/a.csv")" = "$UA $G 660" ] || fail "export: $(owner_mode "$ward/a.csv")"
[ "$(owner_mode "$ward/b.csv")" = "$UB $G 660" ] || fail "export: $(owner_mode "$ward/b.csv")"
contains "$(cat "$ward/b.csv")" "SECOND, Patient"
expect_rc 0 "$AS_A" verify
expect_rc 0 "$AS_B" verify

# B's read-only verify leaves a -wal and -shm of B's (it cannot checkpoint);
# A goes on writing, in a command and in the program.
# (A's write, the last connection, first takes away those A's verify left.)
expect_rc 0 "$AS_A" export --all -o "$ward/c.csv"
[ ! -e "$DB-wal" ] || fail "the last writer left a -wal"
expect_rc 0 "$AS_B" verify
for f in "$DB-wal" "$DB-shm"; do
	[ "$(owner_mode "$f")" = "$UB $G 660" ] || fail "$f: $(owner_mode "$f")"
done
expect_rc 0 "$AS_A" export --all -o "$ward/c2.csv"
contains "$OUT" "logged as event"
SPINELOG=$AS_A tm_start a2 -- --staff QA
tm_wait "Worklist: today"
tm_keys q
tm_wait "Quit spinelog?"
tm_keys y
tm_exited
[ "$TM_RC" = 0 ] || fail "A could not chart after B's verify: $(tm_screen)"

# A file A cannot write: refused before the program starts, with the file,
# its owner, group and mode, and the fix.
expect_rc 0 "$AS_B" verify
chmod 640 "$DB-shm"
expect_rc 77 "$AS_A" export --all -o "$ward/d.csv"
contains "$ERR" "$DB-shm: you ($UA) cannot write it (owner $UB, group $G, mode 0640)"
contains "$ERR" "chmod 660 $DB-shm"
[ ! -e "$ward/d.csv" ] || fail "an export was written from a database it could not log to"
SPINELOG=$AS_A tm_start a3 -- --staff QA
tm_exited
[ "$TM_RC" = 77 ] || fail "the program started on a database it cannot write: $TM_RC"
# (the message wraps at 80 columns, where tmux drops the trailing space)
contains "$(tm_screen | tr -d ' \n')" "cannotwriteit(owner$UB,group$G,mode0640)"
chmod 660 "$DB-shm"
expect_rc 0 "$AS_A" export --all -o "$ward/d.csv"
expect_rc 0 "$AS_B" verify
