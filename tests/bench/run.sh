#!/bin/sh
# make bench: spinelog against its baselines (DESIGN.md section 8), each
# measured in the same run, alternating with spinelog, so that the ratio
# holds on a noisy shared machine where absolute times mean little; and the
# keys a nurse's whole case takes per procedure (7., tests/bench/walk.sh).
#
#   sh tests/bench/run.sh [RESULTS.md]     (from the top of the source tree, after
#                                make all build/bench/gen build/bench/tool build/tools/addevent)
#
# BENCH_RUNS (default 5) is how many times each whole-process figure runs;
# the median counts.  The databases come from build/bench/gen under faketime
# and are cached in build/bench/ until the generator or the schema changes.
set -eu

results=${1:-}
B=build/bench
S=${SPINELOG:-./spinelog}
T=$B/tool
RUNS=${BENCH_RUNS:-5}
N=1000000
READY=${BENCH_READY:-'Worklist|is ready'}

# Only the built-in checklists, whatever the user has installed.
mkdir -p "$B/config"
export XDG_CONFIG_HOME="$PWD/$B/config"
unset SPINELOG_CHECKLISTS SPINELOG_DB || true
export TZ=UTC

for tool in /usr/bin/time sqlite3 sha256sum faketime tmux; do
	command -v "$tool" >/dev/null 2>&1 ||
		{ echo "bench: $tool is missing: run 'make deps-test'" >&2; exit 69; }
done

now_ns() { date +%s%N; }
ms_since() { echo "$(( ($(now_ns) - $1) / 1000000 ))"; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
	else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r != "-" && r <= t) ? "met" : "MISSED" }'; }

# --- the databases -----------------------------------------------------------

stamp=$(cat tests/bench/gen.c schema/*.sql schema/checklists/*.csv | sha256sum | cut -c1-16)
db1=$B/db-1.db
dbs="$B/db-10000.db $B/db-100000.db $B/db-$N.db"
if [ "$(cat "$B/stamp" 2>/dev/null)" != "$stamp" ] || ! ls $db1 $dbs >/dev/null 2>&1; then
	echo "bench: generating 10k, 100k and 1M events (once; cached in $B/) ..."
	rm -f "$B"/db-*.db "$B/stamp"
	t0=$(now_ns)
	gen() { FAKETIME_NO_CACHE=1 faketime '2023-01-01 00:00:00' "$B/gen" -o "$B/db" "$@"; }
	gen 1 >/dev/null
	gen 10000 100000 $N
	echo "bench: generated in $(( $(ms_since "$t0") / 1000 )) s"
	for d in $db1 $dbs; do
		$S verify -d "$d" >/dev/null || { echo "bench: $d does not verify" >&2; exit 1; }
	done
	echo "$stamp" > "$B/stamp"
fi
big=$B/db-$N.db
events=$(sqlite3 "$big" 'SELECT max(id) FROM event')
lastday=$(sqlite3 "$big" 'SELECT max(day) FROM cases')

rows=""
row() {	# figure, spinelog, baseline, ratio, target, verdict
	rows="$rows$1|$2|$3|$4|$5|$6
"
}

# timed OUTFILE CMD...: wall ms of one run to stdout, max RSS kB to OUTFILE
timed() {
	_o=$1; shift
	_t0=$(now_ns)
	/usr/bin/time -f '%M' -o "$_o" "$@" >/dev/null 2>"$B/stderr" ||
		{ echo "bench: failed: $*" >&2; cat "$B/stderr" >&2; exit 1; }
	ms_since "$_t0"
}

# pair NAME CMD_A CMD_B: one warm-up each, then RUNS alternating runs of
# each (sh -c strings); sets a_ms b_ms a_kb (medians; a_kb = largest RSS)
pair() {
	echo "bench: $1 ..." >&2
	: > "$B/a.ms"; : > "$B/b.ms"; : > "$B/a.kb"
	timed "$B/rss" sh -c "$2" >/dev/null
	timed "$B/rss" sh -c "$3" >/dev/null
	i=0
	while [ $i -lt "$RUNS" ]; do
		timed "$B/rss" sh -c "$2" >> "$B/a.ms"; cat "$B/rss" >> "$B/a.kb"
		timed "$B/rss" sh -c "$3" >> "$B/b.ms"
		i=$((i + 1))
	done
	a_ms=$(median < "$B/a.ms"); b_ms=$(median < "$B/b.ms")
	a_kb=$(sort -n "$B/a.kb" | tail -1)
}

# --- 1. entry latency ----------------------------------------------------------
echo "bench: entry latency ..." >&2
cp "$big" "$B/latency.db"
rm -f "$B/latency.db-wal" "$B/latency.db-shm" "$B"/baseline.db*
set -- $($T latency "$B/latency.db" "$B/baseline.db" 100 "$RUNS")
sl=${1#*=}; bl=${2#*=}; rowb=${3#*=}
r=$(ratio "$sl" "$bl")
row "1. entry latency (median of $((100 * RUNS)), 1M log; ${rowb}-byte row)" "$sl us" "$bl us" "$r" "1.3" "$(verdict "$r" 1.3)"
$S verify -d "$B/latency.db" >/dev/null || { echo "bench: latency.db does not verify" >&2; exit 1; }
rm -f "$B"/latency.db* "$B"/baseline.db*

# --- 2. export of 1M events ----------------------------------------------------
if $S export --help >/dev/null 2>&1; then
	# export logs an export event, so both read a copy of the 1M database;
	# the baseline runs the join of src/domain/export.c in the sqlite3 shell.
	cp "$big" "$B/export.db"
	cat > "$B/export.sql" <<EOF
.headers on
.mode csv
.output $B/baseline.csv
SELECT e.id, e.recorded_at, e.case_id, c.mrn, c.name, c.dob, c.proc_key, v.sha256,
 c.version_id, e.phase, e.item_key, e.action, e.value, e.unit, e.flag, e.reason,
 e.amends, e.staff_code, s.name, e.os_user, e.terminal, e.prev_hash, e.hash
FROM event e LEFT JOIN cases c ON c.id = e.case_id
LEFT JOIN checklist_version v ON v.id = c.version_id
LEFT JOIN staff s ON s.code = e.staff_code ORDER BY e.id;
EOF
	pair "export of 1M events" "$S export -d $B/export.db --all -o $B/export.csv" \
	    "sqlite3 -readonly $B/export.db < $B/export.sql"
	r=$(ratio "$a_ms" "$b_ms")
	row "2. export --all to a file, $events events" "$a_ms ms" "$b_ms ms" "$r" "1.5" "$(verdict "$r" 1.5)"
	rss_v=$(awk -v k="$a_kb" 'BEGIN { print (k <= 16384) ? "met" : "MISSED" }')
	row "2. export peak RSS (largest of $RUNS)" "$a_kb kB" "-" "-" "16384 kB" "$rss_v"
	rm -f "$B"/export.db* "$B/export.csv" "$B/baseline.csv"
else
	row "2. export --all" "not built yet" "-" "-" "1.5" "n/a"
fi

# --- 3. verify of 1M events ----------------------------------------------------
pair "verify of 1M events" "$S verify -d $big" \
    "sqlite3 -readonly $big 'SELECT id, recorded_at, case_id, phase, item_key, action, value,
	unit, flag, reason, amends, staff_code, os_user, terminal, prev_hash, hash FROM event
	ORDER BY id' | sha256sum"
r=$(ratio "$a_ms" "$b_ms")
row "3. verify, $events events" "$a_ms ms" "$b_ms ms" "$r" "2" "$(verdict "$r" 2)"
row "3. verify peak RSS" "$a_kb kB" "-" "-" "-" "-"

# --- 4. worklist -----------------------------------------------------------------
# The reference: the same screen without the history: the cases the 1M
# worklist shows (the last day's and those still open) and their events,
# copied into a fresh database.  (Its chain is not valid; the worklist does
# not read it.)
echo "bench: worklist ..." >&2
ref=$B/worklist-ref.db
rm -f "$ref" "$ref-wal" "$ref-shm"
$S init -d "$ref" >/dev/null
sqlite3 "$ref" "ATTACH '$big' AS big;
	CREATE TEMP TABLE shown AS SELECT id FROM big.cases WHERE day = '$lastday'
	    UNION SELECT case_id FROM big.open_case;
	INSERT INTO staff SELECT * FROM big.staff;
	INSERT INTO checklist_version SELECT * FROM big.checklist_version;
	INSERT INTO cases SELECT * FROM big.cases WHERE id IN shown;
	INSERT INTO open_case SELECT * FROM big.open_case;
	INSERT INTO event SELECT * FROM big.event WHERE case_id IN shown;"

# worklist_figures DB REF DAY: RUNS alternating runs of 'tool worklist' on
# each; sets wl_a wl_b (warm medians, us), wlf_a wlf_b (first draw, us),
# wlr_a wlr_b (largest peak RSS, kB), wl_rows ref_rows and wl_queries.
worklist_figures() {
	for f in wl wlf wlr; do : > "$B/$f-a"; : > "$B/$f-b"; done
	i=0
	while [ $i -lt "$RUNS" ]; do
		for side in a b; do
			[ $side = a ] && db=$1 || db=$2
			set -- "$1" "$2" "$3" $($T worklist "$db" "$3" 50)
			echo "${4#*=}" >> "$B/wl-$side"; echo "${5#*=}" >> "$B/wlf-$side"
			echo "${9#*=}" >> "$B/wlr-$side"
			[ $side = a ] && wl_rows=${6#*=} || ref_rows=${6#*=}
			wl_queries=${7#*=}
			set -- "$1" "$2" "$3"
		done
		i=$((i + 1))
	done
	wl_a=$(median < "$B/wl-a"); wl_b=$(median < "$B/wl-b")
	wlf_a=$(median < "$B/wlf-a"); wlf_b=$(median < "$B/wlf-b")
	wlr_a=$(sort -n "$B/wlr-a" | tail -1); wlr_b=$(sort -n "$B/wlr-b" | tail -1)
}
worklist_figures "$big" "$ref" "$lastday"
r=$(ratio "$wl_a" "$wl_b")
row "4. worklist queries ($wl_queries), warm; $wl_rows rows (ref $ref_rows)" "$wl_a us" "$wl_b us" "$r" "1.5" "$(verdict "$r" 1.5)"
r=$(ratio "$wlf_a" "$wlf_b")
row "4. worklist queries ($wl_queries), first draw after open" "$wlf_a us" "$wlf_b us" "$r" "1.5" "$(verdict "$r" 1.5)"

# Time from start to the first complete screen, polled in tmux, on a copy:
# signing in is an event.  first_screen DB DAY: the ms to stdout; the
# program's peak RSS (kB) then, from /proc, to $B/fs-rss.
fs_n=0
first_screen() {
	fs_n=$((fs_n + 1))
	_sock=spinelog-bench-$$-$fs_n
	_t0=$(now_ns)
	tmux -L "$_sock" -f /dev/null new-session -d -x 80 -y 24 \
	    "faketime '$2 10:00:00' $S -d $1 --staff AQ0; sleep 30"
	_n=0
	until tmux -L "$_sock" capture-pane -p 2>/dev/null | grep -Eq "$READY"; do
		_n=$((_n + 1))
		[ $_n -lt 20000 ] || { tmux -L "$_sock" kill-server; echo "bench: no screen" >&2;
			exit 1; }
	done
	ms_since "$_t0"
	# the pane's shell leads the session; faketime forks spinelog in it
	_pid=$(pgrep -s "$(tmux -L "$_sock" display-message -p '#{pane_pid}')" -x spinelog |
	    head -1)
	sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$_pid/status" > "$B/fs-rss" 2>/dev/null ||
		echo 0 > "$B/fs-rss"
	tmux -L "$_sock" kill-server 2>/dev/null || true
}
: > "$B/fs-big"; : > "$B/fs-ref"
cp "$big" "$B/ui.db"
sync	# the copy's writeback would otherwise delay the sign-in event's fsync
first_screen "$B/ui.db" "$lastday" >/dev/null; first_screen "$ref" "$lastday" >/dev/null
i=0
while [ $i -lt "$RUNS" ]; do
	first_screen "$B/ui.db" "$lastday" >> "$B/fs-big"
	first_screen "$ref" "$lastday" >> "$B/fs-ref"
	i=$((i + 1))
done
a=$(median < "$B/fs-big"); b=$(median < "$B/fs-ref"); r=$(ratio "$a" "$b")
row "4. start to first screen (tmux)" "$a ms" "$b ms" "$r" "1.5" "$(verdict "$r" 1.5)"
rm -f "$ref" "$ref-wal" "$ref-shm" "$B"/ui.db*

# --- 4b. a schedule import of 380,000 open cases --------------------------------
# Issue 12: an import of 380,000 cases made the worklist take a minute and
# 5.7 GB.  The database comes from spinelog's own import of a generated
# schedule (two files: one import takes at most 32 MiB), 521 cases a day over
# two years, all open; the reference holds the first 19 rows of the same
# schedule, which are the worklist's first page on both.  Each gets one case
# under way (tool append) for the status line's timers to read.
IMP=380000
IMPDAY=2026-01-15
imp=$B/import-$IMP.db
impref=$B/import-ref.db
if [ "$(cat "$B/import-stamp" 2>/dev/null)" != "$stamp" ] || ! ls "$imp" "$impref" >/dev/null 2>&1
then
	echo "bench: importing $IMP cases (once; cached in $B/) ..."
	rm -f "$imp" "$imp-wal" "$imp-shm" "$impref" "$impref-wal" "$impref-shm" "$B/import-stamp"
	t0=$(now_ns)
	awk -v n=$IMP -v per=521 -v out="$B/schedule" 'BEGIN {
		split("piriformis-injection sacral-nerve-root-block si-joint-injection " \
		    "disc-aspiration-biopsy percutaneous-discectomy vertebral-biopsy sacroplasty", p)
		split("left right bilateral midline n/a", side)
		split("MÜLLER O'"'"'BRIEN SMITH NGUYỄN GARCÍA SCHNEIDER OKAFOR HANSEN", last)
		hdr = "mrn,name,dob,procedure,side,level,proceduralist,scheduled_at"
		for (f = 1; f <= 3; f++) print hdr > (out "-" f ".csv")
		for (i = 0; i < n; i++) {
			t = 1735689600 + int(i / per) * 86400 + 7 * 3600 + (i % per) * 60
			row = sprintf("I%07d,\"%s, Pat %d\",19%02d-%02d-%02d,%s,%s,,Dr P,%s", i,
			    last[i % 8 + 1], i, 30 + i % 60, 1 + i % 12, 1 + i % 28, p[i % 7 + 1],
			    side[i % 5 + 1], strftime("%Y-%m-%d %H:%M", t, 1))
			print row > (out "-" (i < n / 2 ? 1 : 2) ".csv")
			if (i < 19) print row > (out "-3.csv")
		}
	}'
	$S --staff CN worklist import -d "$imp" "$B/schedule-1.csv" >/dev/null
	$S --staff CN worklist import -d "$imp" "$B/schedule-2.csv" >/dev/null
	$S --staff CN worklist import -d "$impref" "$B/schedule-3.csv" >/dev/null
	$T append "$imp" 3 >/dev/null
	$T append "$impref" 3 >/dev/null
	rm -f "$B"/schedule-*.csv
	echo "bench: imported in $(( $(ms_since "$t0") / 1000 )) s"
	echo "$stamp" > "$B/import-stamp"
fi
worklist_figures "$imp" "$impref" "$IMPDAY"
r=$(ratio "$wl_a" "$wl_b")
row "4b. $IMP open cases: page+totals+timers, warm; $wl_rows rows (ref $ref_rows)" "$wl_a us" "$wl_b us" "$r" "1.5" "$(verdict "$r" 1.5)"
r=$(ratio "$wlf_a" "$wlf_b")
row "4b. $IMP open cases: first draw after open" "$wlf_a us" "$wlf_b us" "$r" "1.5" "$(verdict "$r" 1.5)"
r=$(ratio "$wlr_a" "$wlr_b")
row "4b. $IMP open cases: peak RSS of the reads (tool)" "$wlr_a kB" "$wlr_b kB" "$r" "1.5" "$(verdict "$r" 1.5)"
: > "$B/fs-big"; : > "$B/fs-ref"; : > "$B/fsr-big"; : > "$B/fsr-ref"
cp "$imp" "$B/ui.db"; cp "$impref" "$B/uiref.db"
sync
first_screen "$B/ui.db" "$IMPDAY" >/dev/null; first_screen "$B/uiref.db" "$IMPDAY" >/dev/null
i=0
while [ $i -lt "$RUNS" ]; do
	first_screen "$B/ui.db" "$IMPDAY" >> "$B/fs-big"; cat "$B/fs-rss" >> "$B/fsr-big"
	first_screen "$B/uiref.db" "$IMPDAY" >> "$B/fs-ref"; cat "$B/fs-rss" >> "$B/fsr-ref"
	i=$((i + 1))
done
a=$(median < "$B/fs-big"); b=$(median < "$B/fs-ref"); r=$(ratio "$a" "$b")
row "4b. $IMP open cases: start to first screen (tmux)" "$a ms" "$b ms" "$r" "1.5" "$(verdict "$r" 1.5)"
a=$(sort -n "$B/fsr-big" | tail -1); b=$(sort -n "$B/fsr-ref" | tail -1); r=$(ratio "$a" "$b")
row "4b. $IMP open cases: program peak RSS at the first screen" "$a kB" "$b kB" "$r" "1.5" "$(verdict "$r" 1.5)"
rm -f "$B"/ui.db* "$B"/uiref.db*

# --- 5. concurrency ----------------------------------------------------------------
echo "bench: concurrency ..." >&2
: > "$B/c8"; : > "$B/c1"; : > "$B/cw"; errors=0; valid=yes
i=0
while [ $i -lt "$RUNS" ]; do
	for mode in 8 1; do
		rm -f "$B"/conc.*
		cp "$B/db-10000.db" "$B/conc.db"
		before=$(sqlite3 "$B/conc.db" 'SELECT max(id) FROM event')
		t0=$(now_ns)
		if [ $mode = 8 ]; then
			for p in 1 2 3 4 5 6 7 8; do
				$T append "$B/conc.db" 1000 > "$B/conc.$p" 2>&1 &
			done
			wait
			sed -n 's/.*worst_ms=//p' "$B"/conc.[1-8] >> "$B/cw"
		else
			$T append "$B/conc.db" 8000 > "$B/conc.1" 2>&1 || true
		fi
		ms=$(ms_since "$t0")
		echo "$ms" >> "$B/c$mode"
		grep -h '^tool:' "$B"/conc.[1-8] >&2 || true
		e=$(cat "$B"/conc.[1-8] | sed -n 's/.*errors=\([0-9]*\).*/\1/p' |
		    awk '{ s += $1 } END { print s + 0 }')
		errors=$((errors + e))
		after=$(sqlite3 "$B/conc.db" 'SELECT max(id) FROM event')
		[ $((after - before)) -eq 8000 ] || valid="no: $((after - before)) of 8000 saved"
		$S verify -d "$B/conc.db" >/dev/null || valid="no: chain broken"
		rm -f "$B"/conc.*
	done
	i=$((i + 1))
done
a=$(median < "$B/c8"); b=$(median < "$B/c1")
t8=$(awk -v m="$a" 'BEGIN { printf "%.0f", 8000 / (m / 1000) }')
t1=$(awk -v m="$b" 'BEGIN { printf "%.0f", 8000 / (m / 1000) }')
r=$(ratio "$t8" "$t1")
v=MISSED; [ "$errors" -eq 0 ] && [ "$valid" = yes ] && v=met
row "5. 8 writers x 1000 vs 1 x 8000 (entries/s)" "$t8 /s" "$t1 /s" "$r" "-" "-"
row "5. errors; all 8000 saved, chain valid ($RUNS runs)" "$errors; $valid" "-" "-" "0; yes" "$v"
row "5. longest wait for one entry, 8 writers" "$(sort -n "$B/cw" | tail -1) ms" "-" "-" "< 5000 ms (busy timeout)" "-"

# --- 6. size -------------------------------------------------------------------------
bytes=$(stat -c %s "$big")
bpe=$(awk -v b="$bytes" -v n="$events" 'BEGIN { printf "%.0f", b / n }')
row "6. bytes per event on disk ($events events)" "$bpe B" "-" "-" "-" "-"
sizes=$(sqlite3 "$big" "SELECT name, printf('%.1f', sum(pgsize) / 1048576.0) FROM dbstat
	GROUP BY name HAVING sum(pgsize) > 1048576 ORDER BY sum(pgsize) DESC" | tr '|' ' ' |
	awk '{ printf "%s%s %s MB", (NR > 1 ? ", " : ""), $1, $2 }')

# --- 7. keys per case ------------------------------------------------------------------
# Issue 13: a nurse's whole case of each procedure at 80x24, every key
# counted (tests/bench/walk.sh, also make bench-walk).  Not a ratio: keys.
echo "bench: keys per case (walkthrough of the seven procedures) ..." >&2
SPINELOG=$(cd "$(dirname "$S")" && pwd)/$(basename "$S") sh tests/bench/walk.sh --rows "$B/walk.rows" >&2 ||
	{ echo "bench: the walkthrough failed" >&2; exit 1; }
while IFS= read -r line; do rows="$rows$line
"; done < "$B/walk.rows"

# --- the table --------------------------------------------------------------------------
table=$(printf '%s' "$rows" | awk -F'|' '
	BEGIN { printf "| %s | %s | %s | %s | %s | %s |\n|---|---:|---:|---:|---|---|\n",
		"figure", "spinelog", "baseline", "ratio", "target", "verdict" }
	{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }')
echo
echo "$table"
echo
echo "1M database: $bytes bytes; $sizes"
if [ -n "$results" ]; then
	{
		echo "# spinelog benchmark results"
		echo
		echo "Written by \`make bench RESULTS=1\` (tests/bench/run.sh); medians of $RUNS runs"
		echo "unless stated; each ratio is against a baseline measured in the same run."
		echo
		echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
		echo "- machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1);" \
		    "$(uname -sr); SQLite $(sqlite3 --version | cut -d' ' -f1)"
		echo "- databases: generated by tests/bench/gen.c (seed 20231101) under faketime;" \
		    "1M = $events events, last day $lastday"
		echo
		echo "$table"
		echo
		echo "1M database: $bytes bytes; $sizes."
	} > "$results"
	echo "bench: wrote $results"
fi
