# spinelog staff pin: a PIN set, changed and removed by its staff member
# (the current one asked first), a wrong one refused and logged, a growing
# wait after three in a row, the hash in no event and no export, and the
# administrator's reset.
. "$TESTLIB"
. "$TOP/tests/tools/tools.sh"

at() { t=$1; shift; faketime -f "2026-11-26 $t" "$@"; }
pin() { printf '%s\n' "$@" > "$HOME/pins"; }

"$SPINELOG" init >/dev/null
"$ADDEVENT" staff QA "Quinn Avery" RN

expect_rc 64 "$SPINELOG" staff
expect_rc 64 "$SPINELOG" staff pin
expect_rc 64 "$SPINELOG" staff pin --remove --reset QA
expect_rc 0 "$SPINELOG" staff --help
contains "$OUT" "without echo"
expect_rc 66 "$SPINELOG" staff pin ZZ < /dev/null
contains "$ERR" "ZZ is not a registered staff code; sign in with it once"

# Set: twice the same, 4 to 12 digits.
pin 123 123
expect_rc 65 "$SPINELOG" staff pin QA < "$HOME/pins"
contains "$ERR" "a PIN is 4 to 12 digits; nothing was changed"
pin 1357 1358
expect_rc 65 "$SPINELOG" staff pin QA < "$HOME/pins"
contains "$ERR" "the two new PINs differ"
[ "$(sql "SELECT count(*) FROM staff_pin")" = 0 ] || fail "a refused PIN was stored"
pin 1357 1357
expect_rc 0 at 08:00:00 "$SPINELOG" staff pin QA < "$HOME/pins"
[ "$OUT" = "QA: PIN set" ] || fail "set: $OUT"

# Change: the current PIN first.
pin 0000 2468 2468
expect_rc 77 at 08:01:00 "$SPINELOG" staff pin QA < "$HOME/pins"
contains "$ERR" "wrong PIN; type it again"
pin 1357 2468 2468
expect_rc 0 at 08:01:10 "$SPINELOG" staff pin QA < "$HOME/pins"
[ "$OUT" = "QA: PIN changed" ] || fail "change: $OUT"

# Three wrong in a row: 30 s to wait, even for the right PIN; then 60 s.
pin 0000
expect_rc 77 at 08:02:00 "$SPINELOG" staff pin --remove QA < "$HOME/pins"
expect_rc 77 at 08:02:01 "$SPINELOG" staff pin --remove QA < "$HOME/pins"
expect_rc 77 at 08:02:02 "$SPINELOG" staff pin --remove QA < "$HOME/pins"
contains "$ERR" "wrong PIN (3 in a row); wait 30 s before the next try"
pin 2468
expect_rc 75 at 08:02:22 "$SPINELOG" staff pin --remove QA < "$HOME/pins"
contains "$ERR" "3 wrong PINs in a row for QA: wait 10 s, then try again"
pin 0000
expect_rc 77 at 08:02:33 "$SPINELOG" staff pin --remove QA < "$HOME/pins"
contains "$ERR" "wrong PIN (4 in a row); wait 60 s"
pin 2468
expect_rc 0 at 08:03:34 "$SPINELOG" staff pin --remove QA < "$HOME/pins"
[ "$OUT" = "QA: PIN removed" ] || fail "remove: $OUT"
expect_rc 66 "$SPINELOG" staff pin --remove QA < /dev/null
contains "$ERR" "QA has no PIN to remove"

# The log says what happened, never the hash; the export likewise.
[ "$(sql "SELECT group_concat(value, ',') FROM event WHERE action = 'pin_set'")" = \
	"PIN set,PIN changed,PIN removed" ] || fail "pin_set events: $(sql "SELECT * FROM event")"
[ "$(sql "SELECT count(*) FROM event WHERE action = 'pin_wrong' AND staff_code = 'QA'")" = 5 ] ||
	fail "wrong PINs not logged"
[ "$(sql "SELECT count(*) FROM staff_pin WHERE length(salt) = 16 AND length(hash) = 32
	AND iterations = 600000")" = 2 ] || fail "stored PINs: $(sql "SELECT * FROM staff_pin")"
expect_rc 0 "$SPINELOG" export --all --no-bom -o day.csv
for h in $(sql "SELECT hex(hash) FROM staff_pin WHERE hash IS NOT NULL"); do
	lower=$(echo "$h" | tr 'A-F' 'a-f')
	! grep -qi -e "$h" -e "$lower" day.csv || fail "a PIN hash is in the export"
done
contains "$(cat day.csv)" '"pin_set","PIN changed"'
expect_rc 0 "$SPINELOG" verify
contains "$OUT" "OK: "

# A forgotten PIN: the owner of the database (or root) resets it.
pin 9753 9753
expect_rc 0 "$SPINELOG" staff pin QA < "$HOME/pins"
expect_rc 0 "$SPINELOG" staff pin --reset QA < /dev/null
[ "$OUT" = "QA: PIN reset" ] || fail "reset: $OUT"
[ "$(sql "SELECT value FROM event WHERE action = 'pin_set' ORDER BY id DESC LIMIT 1")" = \
	"PIN reset" ] || fail "no PIN reset event"
expect_rc 66 "$SPINELOG" staff pin --reset QA < /dev/null
contains "$ERR" "QA has no PIN to reset"
