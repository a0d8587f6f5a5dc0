# Golden screens: every screen of the bedside program at 80x24, saved as
# text (capture-pane -p; a few also with colours and attributes, -e) and
# compared with the expected files beside this script, in the manner of
# tig's test/ folder.  Run by tests/golden/run.sh (make check-golden; make
# golden-update re-records them all).
#
# Deterministic by construction: the clock is frozen (faketime without '@':
# every call returns 2026-12-01 09:00:00, so no minute ticks into the status
# line and the timers' due times never move), TZ=UTC, a fresh HOME (and with
# it fresh XDG folders and database), the built-in checklists only, and the
# fixture cases written by the CLI and addevent under the same frozen clock.
# What still differs between machines, the log's head hash (each event
# records the tty and the OS user), is normalised by golden_norm (tmux.lib).
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
. "$TOP/tests/tools/tools.sh"
export TZ=UTC
unset SPINELOG_CHECKLISTS || true
T0='2026-12-01 09:00:00'
TM_FAKETIME=$T0
# the monotonic clock runs (libfaketime leaves it alone), so the pause a
# nurse makes before typing into a dialog is a pause (ui.c's word guard)
ENVS="TZ=UTC TERM=xterm-256color FAKETIME_DONT_FAKE_MONOTONIC=1"
at() { ASAN_OPTIONS=verify_asan_link_order=0 faketime -f "$T0" "$@"; }

# go LABEL: the case screen's cursor to the row of LABEL, from the top.
go() {
	tm_keys g
	wait_until 10 sh -c 'tmux -L "$1" capture-pane -p | sed -n 5p | grep -q "^> "' - "$TM_SOCK"
	tm_goto "$1"
}

# --- a fresh database: sign-in, new staff, the empty worklist -----------------
tm_start gs $ENVS --
tm_wait "Staff code"
tm_golden signin
tm_type "QA"; tm_keys Enter
tm_wait "New staff member"
tm_golden signin-new-staff
tm_type "Quinn Avery"; tm_keys Enter Enter
tm_wait "Worklist: today"
tm_golden worklist-empty
tm_golden worklist-empty e
tm_keys '?'
tm_wait "Help: keys"
tm_golden help-worklist

# --- the new-case form, refused and filled in; the case screen -----------------
tm_keys q
tm_wait "Worklist: today"
tm_keys n
tm_wait "New case"
tm_golden newcase-form
tm_type "M100234"; tm_keys Enter
tm_type "MÜLLER, Anna"; tm_keys Enter
tm_type "2090-01-10"; tm_keys Enter
tm_pick_si
tm_keys Enter Enter
tm_type "X9"; tm_keys Enter
tm_type "Dr Patel"; tm_keys Enter
tm_type "0830"; tm_keys Enter
tm_wait "is in the future"
tm_wait "is not a spinal level"
tm_golden newcase-refused
tm_keys C-u; tm_type "1940-01-10"; tm_keys Tab Tab Tab C-u Enter Enter Enter
tm_wait "under way: Pre-procedure"
tm_golden case-pre
tm_golden case-pre e

# --- one dialog of each kind ----------------------------------------------------
go "Arrival / check-in"
tm_keys Enter
tm_wait "A time of day"
tm_golden entry-time
tm_keys Escape
tm_gone "A time of day"
go "Identity"
tm_keys Space
tm_wait "Saved: Identity"
tm_golden entry-check-saved
go "Patient states procedure"
tm_keys Enter
tm_wait "1-9 choose"
tm_golden entry-choice
tm_keys 2
tm_wait "STOP answer"
tm_golden alert-stop-answer
tm_golden alert-stop-answer e
tm_keys y
tm_wait "Saved: Patient states procedure"
go "Allergies"
tm_keys Enter
tm_wait "Text"
tm_golden entry-text
tm_type "iodinated contrast"; tm_keys Enter
tm_wait "ALLERGY: iodinated contrast"
go "Antithrombotics"
tm_keys Enter
tm_wait "Last dose"
tm_golden entry-antithrombotic
tm_keys Escape
tm_gone "Last dose"
go "INR"
tm_keys Enter
tm_wait "Enter saves"
tm_golden entry-number
tm_type "3.5"; tm_keys Enter
tm_wait "Outside the usual range"
tm_golden alert-range
tm_keys y
tm_wait "Saved: INR"
go "Baseline vitals"
tm_keys Enter
tm_wait "BP systolic"
tm_golden entry-vitals
tm_keys Escape
tm_gone "BP systolic"
go "Baseline vitals"
tm_golden case-pre-scrolled
tm_golden case-pre-scrolled e

# the phase gate, the procedure phase, its med dialog and the time-out
tm_keys '>'
tm_wait "Cannot start Procedure"
tm_golden phase-gate
tm_keys Escape
tm_gone "Cannot start Procedure"
tm_keys Right
tm_wait "[Procedure"
tm_golden case-procedure-view
tm_goto "Local anaesthetic"
tm_keys Enter
tm_wait "Dose unit"
tm_golden entry-med
tm_keys Escape
tm_gone "Dose unit"
# the time-out cannot start while pre-procedure stops are open: it says which
go "Time-out"
tm_keys Enter
tm_wait "time-out cannot start"
tm_golden timeout-blocked
tm_keys Escape
tm_gone "time-out cannot start"

# a note, history, help on the case screen, the lock screen
tm_keys Left
go "INR"
tm_keys N
tm_wait "Note"
tm_golden note
tm_read
tm_type "repeat INR sent"; tm_keys Enter
tm_wait "Saved: note"
tm_keys h
tm_wait "History of item"
tm_golden history-item
tm_keys q
tm_gone "History of item"
tm_keys H
tm_wait "History of the whole case"
tm_golden history-case
tm_keys q
tm_gone "History of the whole case"
tm_keys '?'
tm_wait "Help: keys"
tm_golden help-case
tm_keys q
tm_gone "Help: keys"
tm_keys L
tm_wait "Unlock"
tm_golden lock
tm_type "QA"; tm_keys Enter
tm_gone "Unlock"

# an entry that cannot be saved: another process holds the write lock
go "Consent signed"
tm_keys Space
tm_wait "Saved: Consent"
go "Date and time labs"
tm_keys Enter
tm_wait "Time:"
tm_type "yesterday 1810"
mkfifo "$HOME/go"
(printf '.timeout 5000\nBEGIN IMMEDIATE;\nINSERT INTO open_case SELECT case_id FROM open_case WHERE 0;\n'
 cat "$HOME/go"; printf 'COMMIT;\n') | sqlite3 "$DB" >/dev/null &
holder=$!
write_locked() { case "$(sql 'BEGIN IMMEDIATE; ROLLBACK;' 2>&1)" in *locked*) ;; *) return 1 ;; esac; }
wait_until 10 write_locked
tm_keys Enter
tm_wait "NOT saved" 15
tm_golden alert-not-saved
tm_golden alert-not-saved e
echo "SELECT 1;" > "$HOME/go"
wait "$holder"
tm_keys Enter
tm_wait "yesterday 1810"
tm_keys Enter
tm_wait "Saved: Date and time labs"
tm_keys q
tm_wait "Worklist: today"
tm_keys q
tm_wait "Quit spinelog?"
tm_golden quit-confirm
tm_keys y
tm_exited
[ "$TM_RC" = 0 ] || fail "spinelog exited $TM_RC"

# --- a worklist of cases in every phase, and a closed case -----------------------
cat > "$HOME/day.csv" <<'CSV'
mrn,name,dob,procedure,side,level,proceduralist,scheduled_at
M100871,NGUYỄN Thị Ánh,1962-07-04,sacral-nerve-root-block,right,S1,Dr Ng,2026-12-01 09:15
M100112,"O'BRIEN, Pat",1951-03-02,sacroplasty,bilateral,S1,Dr Patel,2026-12-01 10:00
M100509,"SMITH, John",1948-11-30,vertebral-biopsy,right,L2,Dr Ng,2026-12-01 11:30
M100777,"GARCÍA, Lucía",1975-05-05,piriformis-injection,left,,Dr Ng,2026-12-01 12:15
CSV
expect_rc 0 at "$SPINELOG" --staff QA worklist import "$HOME/day.csv"
id() { sql "SELECT id FROM cases WHERE mrn = '$1'"; }
add() { c=$1 p=$2; shift 2; at "$ADDEVENT" --staff QA --case "$c" --phase "$p" "$@" >/dev/null; }
c2=$(id M100871); c3=$(id M100112); c4=$(id M100509)
# the case in the procedure phase has its pre-procedure stops answered, so
# that its time-out can start; the time-out reads out what the team confirms
add "$c2" pre --item identity --action record
add "$c2" pre --item procedure_match --action record --value matches
add "$c2" pre --item consent --action record
add "$c2" pre --item allergies --action record --value "iodinated contrast"
add "$c2" pre --item antithrombotics --action record \
    --value "drug=clopidogrel; dose=75 mg daily; last=2026-11-24 08:00; since=7 d; hold=5 d (ASRA 2018)"
add "$c2" pre --item hold_plan --action record --value met
add "$c2" pre --item inr --action record --value 1.1
add "$c2" pre --item platelets --action record --value 250
add "$c2" pre --item side --action record --value right
add "$c2" pre --item pregnancy --action record --value "attests not pregnant"
add "$c2" pre --item site_marked --action record --value marked
add "$c2" procedure --action phase_start
add "$c3" procedure --action phase_start
add "$c3" post --action phase_start
add "$c3" post --item recovery_arrival --action record --value 08:55
for c in "$c4"; do
	add "$c" pre --item arrival --action record --value 07:40
	add "$c" pre --item identity --action record
	add "$c" pre --item procedure_match --action record --value matches
	add "$c" pre --item allergies --action record --value NKA
	add "$c" pre --item consent --action override \
	    --reason "consent in the scanned notes, confirmed by Dr Ng"
	add "$c" pre --item platelets --action record --value 45 --flag stop
	add "$c" pre --item platelets --action override --reason "Dr Ng: proceed, platelets given"
	add "$c" pre --item pregnancy --action na --reason "male patient"
	add "$c" pre --item history --action note --value "H&P from the referral letter"
	add "$c" pre --item vitals_baseline --action record \
	    --value "sys=128; dia=76; hr=72; rr=14; spo2=98; temp=36.8; pain=3"
	add "$c" procedure --action phase_start
	add "$c" procedure --item timeout --action timeout_done --value "Dr Ng, RN QA, RT Kim"
	add "$c" procedure --item procedure_end --action record --value 08:40
	add "$c" post --action phase_start
	add "$c" post --item recovery_arrival --action record --value 08:45
	add "$c" post --item discharge_time --action record --value 08:58
	at "$ADDEVENT" end "$c" case_close --staff QA >/dev/null
done
tm_start gs2 $ENVS -- --staff QA
tm_wait "Worklist: today"
tm_wait "SMITH, John"
tm_golden worklist-cases
tm_golden worklist-cases e
tm_keys /
tm_wait "Find"
tm_golden worklist-find
tm_type "BRIEN"; tm_keys Enter
tm_wait "O'BRIEN"
tm_golden worklist-found
tm_keys t
tm_wait "Worklist: today"
# the case under way in the procedure phase, in the post phase, and closed
open_case() {
	tm_keys g
	tm_n=0
	until tm_screen | grep -q "^ *> .*$1"; do
		tm_n=$((tm_n + 1)); [ $tm_n -lt 10 ] || fail "no row $1 on the worklist"
		tm_keys j; tm_settled
	done
	tm_keys Enter
	tm_wait "MRN $1"
}
open_case M100871
tm_wait "under way: Procedure"
tm_golden case-procedure
tm_goto "Time-out"
tm_keys Enter
tm_wait "TIME-OUT"
tm_golden timeout
tm_keys Enter
tm_wait "[x] 1 of"
tm_keys '!'
tm_wait "STOP the time-out"
tm_golden timeout-stop
tm_type "consent names the right side"; tm_keys Enter
tm_wait "Go back"
tm_golden timeout-stop-confirm
tm_keys Right Enter
tm_wait "STOPPED at"
tm_golden timeout-stopped
tm_keys q
tm_gone "STOPPED at"
tm_keys q
tm_wait "Worklist: today"
open_case M100112
tm_wait "under way: Post"
tm_golden case-post
tm_keys q
tm_wait "Worklist: today"
open_case M100509
tm_golden case-closed
tm_golden case-closed e
tm_keys A
tm_wait "Addendum"
tm_golden addendum
tm_keys Escape
tm_gone "Addendum about which item"
tm_keys Enter
tm_wait "case closed"
tm_golden case-closed-checklist
tm_keys q
tm_wait "Worklist: today"
tm_keys q y
tm_exited
expect_rc 0 "$SPINELOG" verify
tm_golden_end
