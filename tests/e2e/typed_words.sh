# Typed words never act on the case and time-out screens (issue 13: "none"
# and Enter on the case screen saved an override with the reason "ne"; "no"
# on the time-out stopped it with the reason "o").  Common words (also
# capitalised: the N of "No" opens a note), each with Enter, are typed on
# items of every kind (a blocking hard stop among them, an item with an
# entry, the time-out before and after its first prompt);
# after each one the log is read back and must be exactly what it was.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
tm_start tw -- --staff QA
tm_signin_new_case "M700" "WORD, Wanda"

log() { sql "SELECT group_concat(id || '|' || action || '|' || item_key || '|' || value ||
	'|' || reason, ';') FROM event"; }
# the word was dropped (the guard says so once the keys rest), or a dialog
# opened for a command letter and must be left with Esc
settled() {
	tm_shows "Typed text ignored" || tm_shows "Override:" || tm_shows "Not applicable:" ||
		tm_shows "Amend:" || tm_shows "Item:" || tm_shows "History of" || tm_shows "Note:"
}
# typed WORD...: each word and Enter, then nothing saved
typed() {
	for w in "$@"; do
		before=$(log)
		tm_keys "$CLEAR"	# no command here: clears the last message
		tm_gone "Typed text ignored"
		tm_type "$w"; tm_keys Enter
		wait_until 10 settled
		if ! tm_shows "Typed text ignored"; then
			# a dialog for a command letter: nothing in it may have saved
			tm_keys Escape
			wait_until 10 sh -c '! tmux -L "$1" capture-pane -p | grep -q "┌"' - "$TM_SOCK"
		fi
		[ "$(log)" = "$before" ] || fail "'$w' + Enter changed the log on '$where':
$before
$(log)"
	done
}
WORDS="none no yes ok done negative left None No OK"
CLEAR=Escape
# on the case screen: the cursor to an item, then the words
on() {
	where=$1
	tm_first
	tm_goto "$1"
	# shellcheck disable=SC2086
	typed $WORDS "not applicable"
}

on "Identity: two identifiers match"	# check, a blocking hard stop, open
on "Allergies"				# text
on "Anticoagulants"			# choice
on "Weight"				# number
on "Last meal"				# time
on "Baseline vitals"			# vitals
on "Premedication"			# med
# an item with an entry (e amends, a and Space refuse)
tm_first
tm_goto "Consent signed"
tm_keys Space
tm_wait "Saved: Consent"
on "Consent signed"
[ "$(sql "SELECT count(*) FROM event WHERE item_key <> '' AND action <> 'checklist_version'")" = 1 ] ||
	fail "more than the one deliberate entry: $(log)"

# a slow typist (a key every 0.35 s): a word that starts with a command
# letter opens its dialog (a: n/a, N: note, e: amend, o: override), and the
# letters that follow without a pause are the rest of the word, not a reason
slowly() {
	before=$(log)
	printf '%s' "$1" | fold -w1 | while IFS= read -r ch; do
		if [ -z "$ch" ]; then tm_keys Space; else tm_type "$ch"; fi
		sleep 0.35
	done
	tm_keys Enter
	tm_wait "Taken as a typed word"
	sleep 1.1	# the pause after the word
	[ "$(log)" = "$before" ] || fail "'$1' typed slowly on '$where' changed the log:
$before
$(log)"
}
tm_first; tm_goto "Allergies"; where=Allergies
slowly "as planned"
slowly "Nothing known"
tm_first; tm_goto "Consent signed"; where="Consent signed"
slowly "entered"
tm_first; tm_goto "Identity: two identifiers match"; where=Identity
slowly "overridden"

# the time-out: its hard stops first (Space each), then the words before and
# after its first prompt; Enter alone confirms, a word with Enter does not
for it in "Identity: two identifiers match" "Site marked"; do
	tm_first; tm_goto "$it"; tm_keys Space; tm_wait "Saved: $it"
done
tm_keys Right
tm_wait "[Procedure 0/3]"
tm_first
tm_goto "Time-out"
tm_keys Enter
tm_wait "TIME-OUT: everyone stops"
where="time-out, first prompt"
CLEAR=Tab	# (Esc leaves the time-out)
# shellcheck disable=SC2086
typed $WORDS "not applicable" "stop"
tm_shows ">  1 of 3" || fail "the time-out moved: $(tm_screen)"
tm_keys Tab; tm_gone "Typed text ignored"
tm_keys Enter
tm_wait "[x] 1 of 3"
where="time-out, second prompt"
# shellcheck disable=SC2086
typed $WORDS "not applicable" "stop"
tm_shows ">  2 of 3" || fail "the time-out moved: $(tm_screen)"
[ "$(sql "SELECT count(*) FROM event WHERE action LIKE 'timeout%'")" = 1 ] ||
	fail "time-out events: $(sql "SELECT action, value, reason FROM event WHERE action LIKE 'timeout%'")"
[ "$(sql "SELECT count(*) FROM event WHERE action IN ('override', 'na', 'amend', 'timeout_stop', 'note')")" = 0 ] ||
	fail "an override, n/a, amendment, stop or note was saved: $(log)"
tm_keys q
tm_wait "under way: Pre-procedure"
tm_keys q q y
tm_exited
expect_rc 0 "$SPINELOG" verify
