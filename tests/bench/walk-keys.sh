# The keys of the keys-per-case walkthrough (tests/bench/walk.sh), in one
# place: when a screen's keys change, this file is the one edit.  Sourced by
# walk.sh; each function sends its keys through k (tmux key names, one
# keystroke each) and ty (literal text, one keystroke a character), which
# count them, and waits for the screen it needs with tm_wait.
#
# Typical values, which the walk types, are arguments; the sequences only say
# which keys a nurse presses to give them.

# Back up one row (to a timed observation due again).
key_up() { k k; }
# Back to the first row of the phase in view.
key_top() { k g; }

# Sign-in with a known staff code.
key_signin() {	# CODE
	tm_wait "Staff code"
	ty "$1"; k Enter
}

# The new-case form: MRN, name, date of birth, procedure (Right through the
# list until TITLE shows), side (Right SIDE_STEPS times from the first),
# level, proceduralist, time (empty: now).
key_new_case() {	# MRN NAME DOB TITLE SIDE_STEPS LEVEL PROCEDURALIST
	k n
	tm_wait "New case"
	ty "$1"; k Enter
	ty "$2"; k Enter
	ty "$3"; k Enter
	wk_n=0
	until tm_shows "< $4 >"; do
		wk_n=$((wk_n + 1)); [ $wk_n -le 20 ] || fail "no procedure '$4' in the form"
		wk_was=$(tm_screen | sed -n 's/.*Procedure:*  *\(< .* >\).*/\1/p')
		k Right
		tm_gone "$wk_was"
	done
	k Enter
	wk_n=0
	while [ $wk_n -lt "$5" ]; do k Right; wk_n=$((wk_n + 1)); done
	k Enter
	[ -n "$6" ] && ty "$6"; k Enter
	ty "$7"; k Enter
	k Enter
}

# Open the case the worklist shows selected (the day's only case).
key_open_case() { k Enter; }

# One entry of each kind, the cursor on the item's row.
key_check() { k Space; }
# A one-field form (number, text): Enter opens it; a default offered as
# "VALUE//" that is the value wanted is taken with Enter alone.
key_field() {	# VALUE
	k Enter; tm_wait "Enter ok"
	tm_shows ": $1//" || ty "$1"
	k Enter
}
key_number() { key_field "$1"; }	# VALUE
key_text() { key_field "$1"; }	# TEXT
key_choice() { k Enter; tm_wait "1-9 choose"; k "$1"; }	# NUMBER (1-9)
# A time: now with Space on its row in the procedure and post phases (in the
# pre-procedure phase Space opens the form, and Enter there takes now);
# another time typed into its form.
key_time() {	# TIME (empty: now) PHASE
	if [ -z "$1" ] && [ "$2" != pre ]; then k Space; return; fi
	k Enter; tm_wait "A time of day"
	[ -z "$1" ] || ty "$1"
	k Enter
}
key_vitals() {	# SYS DIA HR RR SPO2 TEMP PAIN
	k Enter; tm_wait "BP systolic"
	for v in "$@"; do [ -z "$v" ] || ty "$v"; k Enter; done	# "": left empty
}
# The DRUGth suggested drug (a digit), the dose, the unit as offered, the
# first route (Right), the site as offered ("SITE//") or typed, lot, expiry,
# the time (now), given by (the nurse) and checked by (the first of the team).
key_med() {	# DRUG DOSE SITE LOT EXPIRY
	k Enter; tm_wait "Dose unit"
	ty "$1"; k Enter; ty "$2"; k Enter Enter Right Enter
	tm_shows "Site: $3//" || ty "$3"
	k Enter; ty "$4"; k Enter
	ty "$5"; k Enter Enter Enter Enter
}
key_antithrombotic() {	# none: the first of the list; nothing else to fill in
	k Enter; tm_wait "Last dose"
	k Right
	wait_until 10 sh -c 'tmux -L "$1" capture-pane -p | grep -Eq "Drug:? +none"' - "$TM_SOCK"
	k Enter
}
# The time-out: Enter to each prompt and to "all confirmed"; the team as
# proposed (the case's proceduralist and the nurse) with the others added,
# or typed whole when the proposal is not who is there; then back.
key_timeout() {	# PROPOSED OTHERS
	k Enter; tm_wait "TIME-OUT"
	wk_n=0
	until tm_shows "Team present"; do
		wk_n=$((wk_n + 1)); [ $wk_n -le 30 ] || fail "the time-out never asked for the team"
		wk_was=$(tm_screen)
		k Enter
		wait_until 10 sh -c '[ "$(tmux -L "$1" capture-pane -p)" != "$2" ]' - "$TM_SOCK" "$wk_was"
	done
	if tm_shows "Team: $1"; then ty "$2"; else k C-u; ty "$1$2"; fi
	k Enter
	tm_wait "Time-out complete"
	k q
}

# The phase gate: > starts the next phase or closes the case after y; when
# something blocks, Enter closes the list and puts the cursor on the first.
key_gate() { k '>'; }
key_gate_yes() { k y; }
key_gate_blocked() { k Enter; }

# What the screens say, where the walk reads them.
txt_saved() { printf 'Saved: %.20s' "$1"; }	# after an entry of LABEL
txt_not_needed="not needed"	# a row whose rule does not ask for it
txt_gate_blocked="Phase gate"	# the gate lists what blocks it
txt_gate_ask="Start the|Close it"	# the gate asks to go on (grep -E)
txt_closed="Case closed"
txt_summary="Summary of case"	# a closed case shows its summary
