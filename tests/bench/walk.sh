#!/bin/sh
# The keys-per-case walkthrough (issue 13): for each built-in procedure, a
# nurse's whole case at 80x24 in tmux, from signing in to the closed case,
# counting every key sent (a key is one keystroke; a typed word of 5 letters
# is 5 keys).  Prints per procedure the keys, the applicable items, keys per
# applicable item, the entries saved and the targets (SI joint injection <= 450 keys; every
# procedure <= 6 keys per applicable item), met or MISSED.
#
#   sh tests/bench/walk.sh [--rows FILE] [KEY...]     (from the top of the source
#                        tree after make all build/tools/addevent; make bench-walk)
#   WALK_TRACE=1 sh tests/bench/walk.sh KEY             (also the keys of each entry)
#
# The case: sign in with a known staff code, create the case in the new-case
# form (MRN, name, date of birth, procedure, side, level, proceduralist; time
# now), then in each phase answer every REQUIRED item that applies, in list
# order, with a typical value: the first answer of a choice that is not a
# stop answer (the case's own side or level where the item must match it),
# numbers mid-range, times "now" (the labs drawn at 07:30), vitals in full (with temperature and pain)
# the first time an item is entered and as BP, HR, RR and SpO2 in its timed
# repeats (temperature and pain are optional fields: pain has its own items
# at the times the checklists ask for it), a local-anaesthetic-only case (the sedation
# plan's first answer, "local only": the sedation items do not apply), no
# antithrombotic, a therapeutic injection, no antibiotic ordered; the
# time-out confirmed in full with the team typed once; each timed observation
# entered as often as the gate asks, each when due: the walk moves the clock
# on to the due time (with --lock-after 120: a nurse at work in the meantime
# is not locked out).  Optional items are passed over with the move key, and
# that counts too.  The items come from 'spinelog
# checklists show --csv KEY' (kind, required, rules); the keys of each kind
# from tests/bench/walk-keys.sh, the one file to edit when keys change.
# "Applicable items" are the phases' totals in 'spinelog report' at the end:
# every item the checklist's rules ask for in this case, required or not.
#
# At the end of each walk the database must hold the closed case with exactly
# the entries the walk made (one record per answer, the time-out done, no n/a
# and no override) and verify must pass; otherwise the walk fails and no
# figure is printed.  --rows FILE writes one line per procedure for
# tests/bench/run.sh: "figure|keys|-|keys per item|target|verdict".
set -eu
rows_out=""
if [ "${1:-}" = --rows ]; then rows_out=$2; shift 2; fi
TOP=$PWD
SPINELOG=${SPINELOG:-$TOP/spinelog}
ADDEVENT=${ADDEVENT:-$TOP/build/tools/addevent}
for f in "$SPINELOG" "$ADDEVENT"; do
	[ -x "$f" ] || { echo "walk: no $f: run 'make all build/tools/addevent'" >&2; exit 69; }
done
for tool in tmux sqlite3 python3; do
	command -v "$tool" >/dev/null 2>&1 ||
		{ echo "walk: $tool is missing: run 'make deps-test'" >&2; exit 69; }
done
wtmp=$(mktemp -d)
HOME=$wtmp/home
export HOME
PATH="$TOP/tests/tools/bin:$PATH"	# the faketime wrapper of the tests
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/tmux.lib"
. "$TOP/tests/bench/walk-keys.sh"
trap 'tm_cleanup; rm -rf "$wtmp"' EXIT
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
unset SPINELOG_CHECKLISTS XDG_CONFIG_HOME XDG_DATA_HOME || true
# The clock: frozen at 08:00, and moved on by the walk only when a timed
# observation is due (the nurse waits for it): libfaketime reads the time
# from the file $CLOCK at every call.
for FAKELIB in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
	[ -f "$FAKELIB" ] && break
done
[ -f "$FAKELIB" ] || { echo "walk: libfaketime is missing: run 'make deps-test'" >&2; exit 69; }
CLOCK=$wtmp/clock
DAY=2026-12-01
CLOCK_AT=08:00
echo "$DAY $CLOCK_AT:00" > "$CLOCK"
FAKE="LD_PRELOAD=$FAKELIB FAKETIME_TIMESTAMP_FILE=$CLOCK FAKETIME_NO_CACHE=1 ASAN_OPTIONS=verify_asan_link_order=0"
at() { env $FAKE "$@"; }
# wait_for HH:MM: the clock moves on to then (never back).
wait_for() {
	[ "$(echo "$1" | tr -d :)" -gt "$(echo "$CLOCK_AT" | tr -d :)" ] || return 0
	CLOCK_AT=$1
	echo "$DAY $CLOCK_AT:00" > "$CLOCK"
}

# Every key goes through k or ty, which count it.
# They are also counted by what they were for ($CAT: sign-in and the form,
# moves, gate, or the kind of the item), printed under each walk.
KEYS=0 CAT=form CATS=""
count() {
	KEYS=$((KEYS + $1))
	case " $CATS " in *" $CAT "*) ;; *) CATS="$CATS $CAT"; eval "K_$CAT=0" ;; esac
	eval "K_$CAT=\$((K_$CAT + $1))"
}
k() { count $#; tm_keys "$@"; }
ty() { count "$(printf '%s' "$1" | wc -m)"; tm_type "$1"; }
breakdown() {
	for c in $CATS; do eval "printf ' %s %s' $c \$K_$c"; done
}

# The case of each procedure: MRN|name|DOB|side|level (side as the form lists
# it: left right bilateral midline n/a).
case_of() {
	case $1 in
	piriformis-injection) echo "M200101|GARCIA, Lucia|1975-05-05|left|" ;;
	sacral-nerve-root-block) echo "M200102|NGUYEN, Anh|1962-07-04|right|S1" ;;
	si-joint-injection) echo "M200103|MULLER, Anna|1940-01-10|left|" ;;
	disc-aspiration-biopsy) echo "M200104|OKAFOR, Ben|1958-02-14|midline|L4-L5" ;;
	percutaneous-discectomy) echo "M200105|HANSEN, Eva|1969-09-09|left|L5-S1" ;;
	vertebral-biopsy) echo "M200106|SMITH, John|1948-11-30|midline|L2" ;;
	sacroplasty) echo "M200107|O'BRIEN, Pat|1951-03-02|bilateral|S1" ;;
	*) echo "walk: no typical case for the procedure '$1': add it to case_of" >&2 ;;
	esac
}
SIDES="left right bilateral midline n/a"

# Typical answers that are not the default (the first non-stop choice, a
# mid-range number, "none" as text), by item key.
typical() {
	case $1 in
	injection_type) echo therapeutic ;;
	antibiotic_ordered) echo no ;;
	allergies) echo NKA ;;
	post_orders) echo "routine obs" ;;
	labs_drawn) echo 0730 ;;
	specimen_tests) echo "histology, culture" ;;
	inr) echo 1.0 ;;
	platelets) echo 250 ;;
	pain_post | pain_2h) echo 2 ;;
	aldrete) echo 10 ;;
	glucose | glucose_post) echo 120 ;;
	steroid) echo 40 ;;
	local_anaesthetic) echo 5 ;;
	cement | cement_volume | cement_volume_left | cement_volume_right) echo 4 ;;
	*) echo "" ;;
	esac
}

# items KEY: the checklist as rows of fields separated by US (\037, which
# no field holds and which, unlike a tab, read does not merge when empty):: phase key label kind low
# high choices required when must repeat (meta rows: "meta key value").
items() {
	"$SPINELOG" checklists show --csv "$1" | python3 -c '
import csv, sys
for r in csv.DictReader(sys.stdin):
    f = [r.get(c) or "" for c in ("phase", "key", "label", "kind", "low", "high", "choices",
                        "required", "when", "must", "repeat")]
    print("\x1f".join(x.replace("\x1f", " ") for x in f))'
}

# The screen: the phase in view, the one under way, the selected row.
view_phase() {
	tm_screen | sed -n 's/.*\[\(Pre\|Procedure\|Post\) [0-9]*\/[0-9]*\**\].*/\1/p' | head -1 |
	    sed 's/Pre/pre/; s/Procedure/procedure/; s/Post/post/'
}
under_way() {
	tm_screen | sed -n 's/.*under way: \(Pre\|Procedure\|Post\).*/\1/p' | head -1 |
	    sed 's/Pre/pre/; s/Procedure/procedure/; s/Post/post/'
}
sel_row() { tm_screen | grep '^> \[' | head -1; }

# find_item PHASE ROW: the item of a row (the text after the glyph): the
# longest label that the row starts with, followed by a space or nothing;
# else (the screen cut the label to its column) the label that shares the
# longest beginning with the row.
find_item() {
	awk -F"$US" -v p="$1" -v r="$2" '
	    $1 != p { next }
	    (r == $3 || index(r, $3 " ") == 1) && length($3) > length(full) { full = $3; fl = $0 }
	    { n = 0; while (n < length($3) && substr($3, n + 1, 1) == substr(r, n + 1, 1)) n++
	      if (n > best) { best = n; bl = $0 } }
	    END { print (fl != "") ? fl : bl }' "$ITEMS"
}

# choose CHOICES ANSWER: the number of ANSWER in the |-list (the first answer
# that is not a stop answer when ANSWER is empty).
choose() {
	printf '%s\n' "$1" | tr '|' '\n' | awk -v a="$2" '
	    { v = $0; sub(/^!/, "", v) }
	    a == "" && substr($0, 1, 1) != "!" { print NR; exit }
	    a != "" && (v == a || index(v, a " ") == 1) { print NR; exit }'
}

# number LOW HIGH: mid-range, or within the one bound there is.
number() {
	awk -v lo="${1#!}" -v hi="${2#!}" 'BEGIN {
		if (lo != "" && hi != "") v = (lo + hi) / 2
		else if (hi != "") v = hi / 2
		else if (lo != "") v = lo * 2
		else v = 1
		printf "%g\n", v }'
}

count_events() { sql "SELECT count(*) FROM event WHERE case_id = $CASE"; }

# answer ROW: the entry of one item (a row of items).
answer() {
	IFS=$US read -r a_phase a_key a_label a_kind a_low a_high a_choices a_req a_when a_must \
	    a_repeat <<EOT
$1
EOT
	a_typ=$(typical "$a_key")
	case $a_must in	# an item that must match the case: the case's own value
	"= case.side"*) a_typ=$CASE_SIDE ;;
	"= case.level"*) a_typ=$CASE_LEVEL ;;
	esac
	before=$(count_events)
	a_keys=$KEYS
	CAT=$a_kind
	case $a_kind in
	check) key_check ;;
	number) key_number "${a_typ:-$(number "$a_low" "$a_high")}" ;;
	text) key_text "${a_typ:-none}" ;;
	time)
		# a time that must come some minutes after another item's (bed rest
		# 60 min): the nurse enters it then
		a_after=$(printf '%s\n' "$a_must" | sed -n 's/^>= [a-z0-9_]* + \([0-9]*\)m$/\1/p')
		[ -z "$a_after" ] || wait_for "$(awk -v t="$CLOCK_AT" -v m="$a_after" 'BEGIN {
			split(t, h, ":"); n = h[1] * 60 + h[2] + m; printf "%02d:%02d\n", n / 60, n % 60 }')"
		key_time "$a_typ" "$a_phase" ;;
	choice)
		n=$(choose "$a_choices" "$a_typ")
		[ -n "$n" ] && [ "$n" -le 9 ] || fail "$a_key: no answer '$a_typ' among $a_choices"
		key_choice "$n" ;;
	vitals)	# a repeat observation (every 15 or 30 min): BP, HR, RR, SpO2
		if [ "$(sql "SELECT count(*) FROM event WHERE case_id = $CASE AND item_key = '$a_key'
		    AND action = 'record'")" = 0 ]; then
			key_vitals 128 76 72 14 98 36.8 2
		else
			key_vitals 128 76 72 14 98 "" ""
		fi ;;
	med)
		# the first drug of the list, or the one the item must be
		a_drug=1
		case $a_must in "= "*) a_drug=$(choose "$a_choices" "${a_must#= }") ;; esac
		[ -n "$a_drug" ] || fail "$a_key: no drug '${a_must#= }' among $a_choices"
		a_dose=${a_typ:-2}
		[ "$a_key:${a_must#= }" = steroid:dexamethasone ] && a_dose=10
		key_med "$a_drug" "$a_dose" left A1234 2027-06 ;;
	antithrombotic) key_antithrombotic ;;
	timeout) key_timeout "Dr Patel, RN QA" ", RT Kim"; TIMEOUTS=$((TIMEOUTS + 1)) ;;
	*) fail "$a_key: no keys for the kind '$a_kind' (tests/bench/walk-keys.sh)" ;;
	esac
	wait_until 10 sh -c '[ "$(sqlite3 "$1" "SELECT count(*) FROM event WHERE case_id = $2")" -gt "$3" ]' \
	    - "$DB" "$CASE" "$before"
	[ "$a_kind" = timeout ] || { RECORDS=$((RECORDS + 1)); tm_wait "$(txt_saved "$a_label")"; }
	ANSWERED="$ANSWERED $a_key "
	[ -z "${WALK_TRACE:-}" ] || echo "walk: $proc $a_phase $a_key $a_kind $((KEYS - a_keys))" >&2
	BLOCKED=0
	tm_settled
}

# repeats ROW: after the first entry of a timed observation ("15m*4"), its
# other entries, each when due: back up to its row (the cursor moved on),
# wait for the due time, enter it.  A timer that runs "until" another item
# ends with that item: one entry.
repeats() {
	r_key=$(printf '%s\n' "$1" | cut -d"$US" -f2)
	r_spec=$(printf '%s\n' "$1" | cut -d"$US" -f11)
	case $r_spec in *m\*[0-9]*) ;; *) return 0 ;; esac
	case $r_spec in *until*) return 0 ;; esac
	r_times=$(printf '%s\n' "$r_spec" | sed 's/^[0-9]*m\*\([0-9]*\).*/\1/')
	while [ "$(sql "SELECT count(*) FROM event WHERE case_id = $CASE AND item_key = '$r_key'
	    AND action = 'record'")" -lt "$r_times" ]; do
		r_n=0
		until [ "$(printf '%s\n' "$(find_item "$(view_phase)" "$(sel_row | sed 's/^> \[.\] //')")" |
		    cut -d"$US" -f2)" = "$r_key" ]; do
			r_n=$((r_n + 1)); [ $r_n -le 60 ] || fail "$proc: no way back to the row of $r_key"
			r_was=$(sel_row)
			CAT=move
			key_up
			wait_until 10 sh -c '[ "$(tmux -L "$1" capture-pane -p | grep "^> \[" | head -1)" != "$2" ]' \
			    - "$TM_SOCK" "$r_was"
		done
		r_due=$(sel_row | sed -n 's/.* [0-9]*\/[0-9]* due \([0-9:]*\).*/\1/p')
		[ -z "$r_due" ] || wait_for "$r_due"
		answer "$1"
	done
}

# gate: > and what follows; returns 1 when the case is closed.
gate() {
	g_closing=$1
	CAT=gate
	key_gate
	wait_until 10 sh -c 'tmux -L "$1" capture-pane -p | grep -Eq "$2|$3"' - "$TM_SOCK" \
	    "$txt_gate_blocked" "$txt_gate_ask"
	if tm_shows "$txt_gate_blocked"; then
		BLOCKED=$((BLOCKED + 1))
		[ $BLOCKED -le 1 ] || { wait_context; fail "the gate blocks again with nothing answered"; }
		key_gate_blocked
		tm_gone "$txt_gate_blocked"
		tm_settled

		return 0
	fi
	key_gate_yes
	if [ "$g_closing" = 1 ]; then tm_wait "$txt_closed"; tm_wait "$txt_summary"; return 1; fi
	tm_settled
	return 0
}

# walk KEY: one whole case; sets KEYS, RECORDS, APPLICABLE.
walk() {
	proc=$1
	ITEMS=$wtmp/$proc.tsv
	items "$proc" > "$ITEMS"
	title=$(awk -F"$US" '$1 == "meta" && $2 == "title" { print $3 }' "$ITEMS")
	w_case=$(case_of "$proc")
	[ -n "$w_case" ] || exit 1
	IFS='|' read -r w_mrn w_name w_dob CASE_SIDE CASE_LEVEL <<EOT
$w_case
EOT
	steps=0; for s in $SIDES; do [ "$s" = "$CASE_SIDE" ] && break; steps=$((steps + 1)); done
	DB=$HOME/walk-$proc.db
	rm -f "$DB"*
	CLOCK_AT=08:00
	echo "$DAY $CLOCK_AT:00" > "$CLOCK"
	at "$SPINELOG" init -d "$DB" >/dev/null
	at "$ADDEVENT" -d "$DB" staff QA "Quinn Avery" RN
	if [ "$WALK_CASE" != form ]; then	# the day's list from the scheduling system
		printf 'mrn,name,dob,procedure,side,level,proceduralist,scheduled_at\n"%s","%s",%s,%s,%s,%s,Dr Patel,%s 08:30\n' \
		    "$w_mrn" "$w_name" "$w_dob" "$proc" "$CASE_SIDE" "$CASE_LEVEL" "$DAY" > "$wtmp/day.csv"
		at "$SPINELOG" -d "$DB" --staff QA worklist import "$wtmp/day.csv" >/dev/null
	fi
	KEYS=0 RECORDS=0 TIMEOUTS=0 BLOCKED=0 ANSWERED="" CAT=form CATS=""
	tm_start "walk-$proc" TERM=xterm-256color $FAKE -- --lock-after 120
	key_signin QA
	tm_wait "Worklist"
	if [ "$WALK_CASE" = form ]; then
		key_new_case "$w_mrn" "$w_name" "$w_dob" "$title" "$steps" "$CASE_LEVEL" "Dr Patel"
	else
		tm_wait "$w_mrn"
		key_open_case
	fi
	tm_wait "under way: Pre-procedure"
	CASE=$(sql "SELECT max(id) FROM cases")
	tm_settled
	moves=0
	while :; do
		moves=$((moves + 1))
		[ $moves -le 1500 ] || fail "$proc: no closed case after 1500 steps"
		view=$(view_phase); now=$(under_way)
		[ -n "$view" ] && [ -n "$now" ] || { wait_context; fail "$proc: no case screen"; }
		row=$(sel_row)
		text=$(printf '%s\n' "$row" | sed 's/^> \[.\] //')
		glyph=$(printf '%s\n' "$row" | cut -c4)
		item=$(find_item "$view" "$text")
		[ -n "$item" ] || { wait_context; fail "$proc: no item '$text' in the $view phase"; }
		key=$(printf '%s\n' "$item" | cut -d"$US" -f2)
		req=$(printf '%s\n' "$item" | cut -d"$US" -f8)
		# a timed observation with entries still to come: "1/2 due 08:15"
		rep=$(printf '%s\n' "$row" | sed -n 's/.* \([0-9]*\)\/\([0-9]*\) \(due\|OVERDUE\) *\([0-9:]*\).*/\1 \2 \3 \4/p')
		todo=no
		case "$row" in *"$txt_not_needed"*) ;; *)
			if [ "$req" = yes ]; then
				case "$ANSWERED" in *" $key "*) ;; *) [ "$glyph" = " " ] && todo=yes ;; esac
				# a timer that has not started (chained after another): later
				printf '%s\n' "$row" | grep -Eq ' [0-9]+/[0-9]+ *$' && todo=no
				if [ -n "$rep" ]; then
					set -- $rep
					if [ "$1" -lt "$2" ]; then
						todo=yes
						[ "$3" = due ] && wait_for "$4"
					fi
				fi
			fi ;;
		esac
		if [ $todo = yes ]; then
			answer "$item"
			repeats "$item"
			continue
		fi
		# the gate put the cursor on a blocker of the phase under way in the
		# next one (the time-out), now answered: back to the gate
		if [ "$view" != "$now" ]; then
			gate 0; continue
		fi
		# after a save the cursor is on the next item the phase still needs
		# (casestate_next_open): on anything else, nothing required is left
		# in view, and the gate says so or names what still holds it
		c=0; [ "$view" = post ] && c=1
		gate $c || break
	done
	# what the database holds: the closed case, one record per answer
	[ "$(sql "SELECT count(*) FROM event WHERE case_id = $CASE AND action = 'case_close'")" = 1 ] ||
		fail "$proc: the case is not closed in the database"
	got=$(sql "SELECT count(*) FROM event WHERE case_id = $CASE AND action = 'record'")
	[ "$got" = "$RECORDS" ] || fail "$proc: $got entries saved, the walk made $RECORDS"
	[ "$(sql "SELECT count(*) FROM event WHERE case_id = $CASE AND action = 'timeout_done'")" = 1 ] ||
		fail "$proc: no completed time-out"
	[ "$(sql "SELECT count(*) FROM event WHERE case_id = $CASE AND action IN ('na', 'override')")" = 0 ] ||
		fail "$proc: the walk needed an n/a or an override"
	"$SPINELOG" verify -d "$DB" >/dev/null || fail "$proc: verify failed"
	APPLICABLE=$("$SPINELOG" report -d "$DB" "$CASE" |
	    sed -n 's/^\(PRE-PROCEDURE\|PROCEDURE\|POST-PROCEDURE\)  *[0-9]*\/\([0-9]*\) done$/\2/p' |
	    awk '{ s += $1 } END { print s + 0 }')
	[ "$APPLICABLE" -gt 0 ] || fail "$proc: no item totals in the report"
	tm_keys q q y	# leaving is not part of the case: not counted
	tmux -L "$TM_SOCK" kill-server 2>/dev/null || true
}

US=$(printf '\037')
# WALK_CASE=worklist (the default): the case comes from the day's imported
# worklist (spinelog worklist import), as on a ward whose scheduling system
# sends the list, and the nurse opens it; WALK_CASE=form: a walk-in case typed
# into the new-case form (its keys are counted as "form").
WALK_CASE=${WALK_CASE:-worklist}
# the procedures: the first table of 'checklists list' (the drug and hold
# tables follow a blank line)
procs=${*:-$("$SPINELOG" checklists list | awk '/^$/ { exit } NR > 1 && /built-in$/ { print $1 }')}
out=""
all_met=yes
for p in $procs; do
	echo "walk: $p ..." >&2
	walk "$p"
	echo "walk: $p: $KEYS keys:$(breakdown)" >&2
	per=$(awk -v k="$KEYS" -v n="$APPLICABLE" 'BEGIN { printf "%.2f", k / n }')
	# the verdict on the exact ratio, not on the rounded figure
	v=$(awk -v k="$KEYS" -v n="$APPLICABLE" 'BEGIN { print (k <= 6 * n) ? "met" : "MISSED" }')
	target="<= 6 per item"
	if [ "$p" = si-joint-injection ]; then
		target="<= 450 keys, <= 6 per item"
		[ "$KEYS" -le 450 ] || v=MISSED
	fi
	[ "$v" = met ] || all_met=no
	out="$out$p|$KEYS|$APPLICABLE|$RECORDS|$per|$target|$v
"
done
echo "Keys per case, sign-in to closed case at 80x24: local-anaesthetic-only cases,"
echo "required items answered with typical values (tests/bench/walk.sh)"
printf '%s' "$out" | awk -F'|' '
	BEGIN { printf "%-26s %6s %10s %8s %9s  %-27s %s\n", "procedure", "keys", "applicable",
		"entries", "keys/item", "target", "verdict" }
	{ printf "%-26s %6d %10d %8d %9s  %-27s %s\n", $1, $2, $3, $4, $5, $6, $7
	  k += $2; n += $3 }
	END { if (NR > 1) printf "%-26s %6d %10d %8s %9.2f\n", "all", k, n, "", k / n }'
if [ -n "$rows_out" ]; then
	printf '%s' "$out" | awk -F'|' '{ printf "7. keys per case: %s (%d applicable items, %d entries)|%d keys|-|%s per item|%s|%s\n",
		$1, $3, $4, $2, $5, $6, $7 }' > "$rows_out"
fi
echo "walk: all targets $([ $all_met = yes ] && echo met || echo 'met: no')" >&2
