# Temporary files of an export killed with kill -9 (.NAME.csv.XXXXXX, mode
# 0600, beside the final name) are removed by the next export into that
# folder, which says so on stderr, once they are more than 5 minutes old and
# no process has them open.  Only spinelog's own: the exact name pattern, a
# regular file with one link, owned by the user, and empty or starting with
# the export's header.  Anything else that looks alike stays.
. "$TESTLIB"
. "$TOP/tests/tools/tools.sh"

"$SPINELOG" init >/dev/null
"$ADDEVENT" --action note --value 'x' --staff QA >/dev/null
out="$HOME/out"
mkdir "$out"

# A real one: the export waits for the write lock that an sqlite3 shell
# holds (its temporary file is written by then), and is killed there.  The
# shell reads from a FIFO: closing it ends the shell and frees the lock.
mkfifo "$HOME/sql"
sqlite3 "$DB" < "$HOME/sql" &
shell=$!
exec 3>"$HOME/sql"
printf "BEGIN IMMEDIATE;\n.shell touch '%s'\n" "$HOME/locked" >&3
wait_until 10 test -e "$HOME/locked"
"$SPINELOG" export --all -o "$out" >/dev/null 2>&1 &
pid=$!
temps() { ls -A "$out" | grep -E '^\.spinelog-all\.csv\.[A-Za-z0-9]{6}$'; }
wait_until 10 temps
kill -9 "$pid"
wait "$pid" || true
exec 3>&-
wait "$shell" || true
killed=$(temps)
[ -f "$out/$killed" ] || fail "no temporary file left by the killed export"

# Fresh: it may belong to an export still running; it stays, unmentioned.
expect_rc 0 "$SPINELOG" export --all -o "$out"
[ -f "$out/$killed" ] || fail "a fresh temporary file was removed"
lacks "$ERR" "removed"

# Look-alikes, all older than 5 minutes.
hdr=$(printf '\357\273\277"event_id","recorded_at"')
printf '%s' "$hdr" > "$out/.spinelog-2026-01-01.csv.AAAAAA"	# ours: removed
: > "$out/.mine.csv.BBBBBB"					# ours (empty): removed
printf '"event_id","recorded_at","recorded_at_utc"' > "$out/.nobom.csv.Cc3Cc3"	# ours: removed
printf '%s' "$hdr" > "$out/.notes.txt.DDDDDD"			# not .csv
printf '%s' "$hdr" > "$out/.spinelog-all.csv.EEEEE"		# 5 characters
printf '%s' "$hdr" > "$out/.spinelog-all.csv.FFFFFFF"		# 7 characters
printf '%s' "$hdr" > "$out/spinelog-all.csv.GGGGGG"		# not hidden
printf 'my own notes' > "$out/.spinelog-all.csv.HHHHHH"		# not an export
mkdir "$out/.spinelog-all.csv.IIIIII"				# a folder
printf '%s' "$hdr" > "$HOME/target"
ln -s "$HOME/target" "$out/.spinelog-all.csv.JJJJJJ"		# a link
printf '%s' "$hdr" > "$out/.spinelog-all.csv.KKKKKK"
ln "$out/.spinelog-all.csv.KKKKKK" "$HOME/second-link"		# two links
printf '%s' "$hdr" > "$out/.spinelog-all.csv.LLLLLL"		# open in a process
printf '%s' "$hdr" > "$out/.spinelog-all.csv.MMMMMM"		# another user's
chmod 600 "$out"/.*.??????
if [ "$(id -u)" -eq 0 ]; then
	chown nobody "$out/.spinelog-all.csv.MMMMMM"
else
	rm "$out/.spinelog-all.csv.MMMMMM"
fi
for f in "$out"/.* "$out"/spinelog-all.csv.GGGGGG "$HOME/target"; do
	case "$f" in */.|*/..) continue ;; esac
	touch -h -d '-10 minutes' "$f"
done
python3 -c '
import sys, time
f = open(sys.argv[1], "rb")
open(sys.argv[2], "w").close()
time.sleep(60)' "$out/.spinelog-all.csv.LLLLLL" "$HOME/holding" &
holder=$!
wait_until 10 test -e "$HOME/holding"

expect_rc 0 "$SPINELOG" export --all -o "$out"
kill "$holder"
wait "$holder" || true
for f in "$killed" .spinelog-2026-01-01.csv.AAAAAA .mine.csv.BBBBBB .nobom.csv.Cc3Cc3; do
	[ ! -e "$out/$f" ] || fail "$f was not removed"
	contains "$ERR" "spinelog: removed $out/$f, a temporary file left by an export that was interrupted"
done
for f in .notes.txt.DDDDDD .spinelog-all.csv.EEEEE .spinelog-all.csv.FFFFFFF \
	spinelog-all.csv.GGGGGG .spinelog-all.csv.HHHHHH .spinelog-all.csv.IIIIII \
	.spinelog-all.csv.JJJJJJ .spinelog-all.csv.KKKKKK .spinelog-all.csv.LLLLLL; do
	[ -e "$out/$f" ] || [ -L "$out/$f" ] || fail "$f was removed"
	lacks "$ERR" "$f"
done
[ -f "$HOME/target" ] || fail "the link's target was removed"
if [ "$(id -u)" -eq 0 ]; then
	[ -f "$out/.spinelog-all.csv.MMMMMM" ] || fail "another user's file was removed"
fi
contains "$OUT" "wrote"
[ -f "$out/spinelog-all.csv" ] || fail "the export itself is missing"

# An older export that a killed export had set aside (.NAME.XXXXXX.old, see
# spinelog(1), CSV EXPORT) is named, never removed: NAME may hold an export
# that was not logged.
printf '%s' "$hdr" > "$out/.spinelog-all.csv.NnNnNn.old"
chmod 600 "$out/.spinelog-all.csv.NnNnNn.old"
touch -d '-10 minutes' "$out/.spinelog-all.csv.NnNnNn.old"
expect_rc 0 "$SPINELOG" export --all -o "$out"
contains "$ERR" "spinelog: warning: $out/.spinelog-all.csv.NnNnNn.old is an earlier spinelog-all.csv"
[ -f "$out/.spinelog-all.csv.NnNnNn.old" ] || fail "the set-aside export was removed"
