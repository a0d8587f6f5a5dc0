# Export ranges: --date, --from/--to, --case, --all, the default (today), an
# empty day, and events at 23:59:59.999 and 00:00:00.000 local time around
# both daylight-saving changes of 2026 in Europe/Berlin (23- and 25-hour days).
# Events are written at a fixed time by running tests/tools/addevent under
# faketime -f (spinelog itself has no clock override); the checker computes
# each event's local day with Python's own time-zone rules.
. "$TESTLIB"
. "$TOP/tests/tools/tools.sh"
export TZ=Europe/Berlin
export XDG_DATA_HOME="$HOME/xdg"

"$SPINELOG" init >/dev/null
at() { faketime -f "$1" "$ADDEVENT" --action note --value "$2" --staff QA >/dev/null; }
at '2026-03-28 23:59:59.999' 'sat last'
at '2026-03-29 00:00:00.000' 'sun first'
at '2026-03-29 03:30:00.000' 'sun after the clocks went forward'
at '2026-03-29 23:59:59.999' 'sun last'
at '2026-03-30 00:00:00.000' 'mon first'
at '2026-10-24 23:59:59.999' 'oct sat last'
at '2026-10-25 00:00:00.000' 'oct sun first'
at '2026-10-25 23:59:59.999' 'oct sun last'
at '2026-10-26 00:00:00.000' 'oct mon first'
c=$("$ADDEVENT" case --checklist "$TOP/tests/data/export-test.csv" --mrn M1 --name 'A, B' \
	--dob 1950-05-05)
faketime -f '2026-10-25 12:00:00.000' "$ADDEVENT" --case "$c" --action note --value 'case' >/dev/null

# export ARGS...: run spinelog export into $HOME/out, leave the export event id in $ID
mkdir "$HOME/out"
export_ok() {
	expect_rc 0 "$SPINELOG" export -o "$HOME/out" "$@"
	ID=$(echo "$OUT" | sed -n 's/.*logged as event \([0-9]*\).*/\1/p')
	[ -n "$ID" ] || fail "no export event id in: $OUT"
}
cells() { python3 -c 'import csv,sys
for r in list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig")))[1:]:
    print(r[1], r[13])' "$1"; }

# The 23-hour day: midnight to midnight, nothing from the days around it.
export_ok --date 2026-03-29
f="$HOME/out/spinelog-2026-03-29.csv"
check_export "$f" --day 2026-03-29 --before-id "$ID"
contains "$(cat "$HOME/.check")" "3 rows ok"
[ "$(cells "$f")" = "2026-03-29T00:00:00.000+01:00 sun first
2026-03-29T03:30:00.000+02:00 sun after the clocks went forward
2026-03-29T23:59:59.999+02:00 sun last" ] || fail "2026-03-29: $(cells "$f")"
contains "$(cat "$f")" '"2026-03-29T21:59:59.999Z"'

# The 25-hour day; rows in log order (the case event was written last).
export_ok --date 2026-10-25
f="$HOME/out/spinelog-2026-10-25.csv"
check_export "$f" --day 2026-10-25 --before-id "$ID"
contains "$(cat "$HOME/.check")" "3 rows ok"
[ "$(cells "$f")" = "2026-10-25T00:00:00.000+02:00 oct sun first
2026-10-25T23:59:59.999+01:00 oct sun last
2026-10-25T12:00:00.000+01:00 case" ] || fail "2026-10-25: $(cells "$f")"

# --from/--to, both days included.
export_ok --from 2026-03-28 --to 2026-03-29
f="$HOME/out/spinelog-2026-03-28_2026-03-29.csv"
check_export "$f" --from 2026-03-28 --to 2026-03-29 --before-id "$ID"
contains "$(cat "$HOME/.check")" "4 rows ok"

# --case and --all.
export_ok --case "$c"
check_export "$HOME/out/spinelog-case-$c.csv" --case "$c" --before-id "$ID"
contains "$(cat "$HOME/.check")" "2 rows ok"
export_ok --all
check_export "$HOME/out/spinelog-all.csv" --all --before-id "$ID"
contains "$(cat "$HOME/.check")" "$((ID - 1)) rows ok"

# An empty day: the header only, and it says so (on stderr, see export_days.sh).
export_ok --date 2026-05-01
contains "$OUT" "wrote 0 events"
contains "$ERR" "0 events on 2026-05-01; nothing to export"
check_export "$HOME/out/spinelog-2026-05-01.csv" --day 2026-05-01 --before-id "$ID"
contains "$(cat "$HOME/.check")" "0 rows ok"
[ "$(wc -l < "$HOME/out/spinelog-2026-05-01.csv")" -eq 1 ] || fail "more than a header"

# 'yesterday' and the defaults: today, into $XDG_DATA_HOME/spinelog/exports
# (created 0700), file 0660 less the umask (0640 under umask 027).  The
# export events are recorded at the faked time too, so the day of 2026-03-30
# gains the first export.
rm "$HOME/out/spinelog-2026-03-29.csv"
expect_rc 0 faketime -f '2026-03-30 12:00:00.000' "$SPINELOG" export --date yesterday -o "$HOME/out"
contains "$OUT" "wrote 3 events to $HOME/out/spinelog-2026-03-29.csv"
umask 027
expect_rc 0 faketime -f '2026-03-30 12:00:00.000' "$SPINELOG" export
d="$HOME/xdg/spinelog/exports"
contains "$OUT" "wrote 2 events to $d/spinelog-2026-03-30.csv"
[ "$(stat -c %a "$d")" = 700 ] || fail "exports folder mode $(stat -c %a "$d")"
[ "$(stat -c %a "$d/spinelog-2026-03-30.csv")" = 640 ] || fail "export file not 0640 under umask 027"
ID=$(echo "$OUT" | sed -n 's/.*logged as event \([0-9]*\).*/\1/p')
check_export "$d/spinelog-2026-03-30.csv" --day 2026-03-30 --before-id "$ID"
contains "$(cat "$HOME/.check")" "2 rows ok"
# An explicit file name.
expect_rc 0 "$SPINELOG" export --date 2026-03-30 -o "$HOME/out/mine.csv"
cmp -s "$HOME/out/mine.csv" "$d/spinelog-2026-03-30.csv" && fail "mine.csv lacks the new export event"
check_export "$HOME/out/mine.csv" --day 2026-03-30 --before-id 99999
contains "$(cat "$HOME/.check")" "3 rows ok"

# Usage errors and an unknown case.
expect_rc 64 "$SPINELOG" export --date 2026-02-30
contains "$ERR" "is not a day"
expect_rc 64 "$SPINELOG" export --date today --all
expect_rc 64 "$SPINELOG" export --from 2026-03-01
expect_rc 64 "$SPINELOG" export --from 2026-03-02 --to 2026-03-01
contains "$ERR" "ends before it starts"
expect_rc 64 "$SPINELOG" export --case x
expect_rc 66 "$SPINELOG" export --case 999
contains "$ERR" "no case 999"
expect_rc 73 "$SPINELOG" export -o "$HOME/nowhere/"
contains "$ERR" "no such folder"
expect_rc 0 "$SPINELOG" verify
# No database: say how to create one, write nothing.
expect_rc 66 "$SPINELOG" export -d "$HOME/none.db" --all -o "$HOME/out/none.csv"
contains "$ERR" "spinelog init"
[ ! -e "$HOME/out/none.csv" ] || fail "a file was written without a database"
# A relative -o: the export event names the file by its absolute path.
(cd "$HOME/out" && expect_rc 0 "$SPINELOG" export --date 2026-05-01 -o rel.csv &&
	contains "$OUT" "to rel.csv")
contains "$(sql 'SELECT value FROM event ORDER BY id DESC LIMIT 1')" \
	"file=$(cd "$HOME/out" && pwd -P)/rel.csv"
# --help: the options, within 80 columns, on stdout.
expect_rc 0 "$SPINELOG" export --help
for o in --date --from --to --case --all --output --no-bom "verify --anchor"; do
	contains "$OUT" "$o" "export --help"
done
[ -z "$ERR" ] || fail "--help wrote to stderr: $ERR"
[ "$(echo "$OUT" | awk 'length > 80' | wc -l)" -eq 0 ] || fail "export --help is wider than 80"
expect_rc 0 "$SPINELOG" --help
contains "$OUT" "  export "
