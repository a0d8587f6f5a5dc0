# Random-key fuzz of the interactive program (make stress): the sanitizer
# build ($KEYFUZZ_BIN, build-san/spinelog; $SPINELOG when unset) runs in
# tmux at 80x24 and gets a seeded stream of random keys (printable text,
# arrows, Enter, Esc, Tab, Space, q, y, n, digits, ?, >, ...) with an
# occasional resize between 60x20 and 120x40, for $KEYFUZZ_SECONDS (60).
# A normal exit (q y) restarts it, counted.  Fails when the program ends with
# a signal or a non-zero status, when a sanitizer report is written (ASan and
# UBSan log to files under $WORK/san) or shows in the pane, or when verify
# fails at the end.  Replay with STRESS_SEED.
# Sourced by tests/stress/run.sh with $SPINELOG, $WORK and stat_add set.

bin=${KEYFUZZ_BIN:-$SPINELOG}
seconds=${KEYFUZZ_SECONDS:-60}
seed=${STRESS_SEED:-1}
sock="spinelog-keyfuzz-$$"
db="$WORK/keyfuzz.db"
mkdir -p "$WORK/san" "$HOME"
kf_cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null || true
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
}
trap kf_cleanup EXIT

# The pane runs this loop: each run's status goes to $WORK/rcs; a run that
# does not end with 0 stops the loop, as does $WORK/stop.
san="$WORK/san/report"
cat >"$WORK/loop" <<LOOP
#!/bin/sh
while :; do
	sh -c 'echo \$\$ > "$WORK/pid"; exec env HOME="$HOME" SPINELOG_DB="$db" LANG=C.UTF-8 \
		LC_ALL=C.UTF-8 TERM=xterm-256color \
		ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:log_path=$san" \
		UBSAN_OPTIONS="abort_on_error=1:halt_on_error=1:print_stacktrace=1:log_path=$san" \
		"$bin" --staff KF'
	rc=\$?
	echo \$rc >> "$WORK/rcs"
	[ \$rc -eq 0 ] && [ ! -e "$WORK/stop" ] || break
done
echo "[keyfuzz ended \$rc]"
exec sleep 600
LOOP
chmod +x "$WORK/loop"
: >"$WORK/rcs"
tmux -L "$sock" -f /dev/null new-session -d -x 80 -y 24 "$WORK/loop"
tmux -L "$sock" set-option -g status off >/dev/null

kf_screen() { tmux -L "$sock" capture-pane -p; }
kf_keys() { tmux -L "$sock" send-keys "$@"; }
kf_wait() {
	w=0
	until kf_screen | grep -qF -- "$1"; do
		w=$((w + 1))
		[ "$w" -lt 400 ] || { kf_screen; fail "keyfuzz: timed out waiting for '$1'"; }
		sleep 0.05
	done
}

# The lock screen (the L key): Enter, then the staff code.
unlock() {
	kf_keys Escape; sleep 0.1; kf_keys Enter C-u; kf_keys -l KF; kf_keys Enter
}

# Setup: register the staff member and open one case, so that the random
# keys reach the case screen and its dialogs as well as the worklist.
kf_wait "New staff member"
kf_keys -l "Kay Fuzz"; kf_keys Enter Enter
kf_wait "Worklist: today"
kf_keys n
kf_wait "New case"
kf_keys -l "M4242"; kf_keys Enter
kf_keys -l "FUZZ, Key"; kf_keys Enter
kf_keys -l "1950-01-01"; kf_keys Enter Enter Enter Enter
kf_keys -l "Dr K"; kf_keys Enter Enter
kf_wait "under way: Pre-procedure"

# The key stream: awk draws keys in batches of 8, one batch a line; a line
# "RESIZE W H" is a resize (a key is one character or a tmux key name).
# Far more than a minute needs; the loop stops on time.  No C-c or C-z:
# those are the terminal's signals, tested elsewhere.
awk -v seed="$seed" 'BEGIN {
	srand(seed)
	n = split("Up Down Left Right Up Down Enter Enter Enter Escape Escape Tab BTab Space Space " \
	    "q q y y n n ? > > BSpace C-u Home End PageUp PageDown", named, " ")
	printable = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-/:+()%#=<*@!"
	for (b = 0; b < 200000; b++) {
		r = rand()
		if (r < 0.004) {
			printf "RESIZE %d %d\n", 60 + int(rand() * 61), 20 + int(rand() * 21)
			continue
		}
		if (r < 0.012) {
			print "RESIZE 80 24"
			continue
		}
		line = ""
		for (k = 0; k < 8; k++) {
			r = rand()
			if (r < 0.45)
				key = named[1 + int(rand() * n)]
			else if (r < 0.6)
				key = substr("0123456789", 1 + int(rand() * 10), 1)
			else
				key = substr(printable, 1 + int(rand() * length(printable)), 1)
			line = line " " key
		}
		print line
	}
}' >"$WORK/keys"

keys=0 resizes=0 unlocks=0 batches=0
set -f	# the batches hold characters such as * and ? that must not glob
end=$(($(date +%s) + seconds))
while read -r first rest; do
	[ "$(date +%s)" -lt "$end" ] || break
	if [ "$first" = RESIZE ]; then
		set -- $rest
		tmux -L "$sock" resize-window -x "$1" -y "$2"
		resizes=$((resizes + 1))
		continue
	fi
	# shellcheck disable=SC2086 # the batch is a list of key names
	kf_keys -- "$first" $rest
	keys=$((keys + 8))
	batches=$((batches + 1))
	sleep 0.02
	if [ $((batches % 25)) -eq 0 ]; then
		scr=$(kf_screen)
		case "$scr" in
		*Sanitizer*|*"runtime error"*) echo "$scr"; fail "keyfuzz: a sanitizer report on the screen" ;;
		*"[keyfuzz ended"*) echo "$scr"; fail "keyfuzz: spinelog ended with status $(tail -n 1 "$WORK/rcs")" ;;
		*"spinelog - locked"*|*"spinelog — locked"*)
			# the L key locked the screen: the staff code unlocks it
			unlock
			unlocks=$((unlocks + 1)) ;;
		esac
	fi
done <"$WORK/keys"
set +f	# the sanitizer logs below are found by a glob

# Stop: no more restarts; leave whatever dialog is open and quit.
touch "$WORK/stop"
tmux -L "$sock" resize-window -x 80 -y 24
i=0
until kf_screen | grep -qF "[keyfuzz ended"; do
	i=$((i + 1))
	if [ "$i" -gt 60 ]; then
		# no way out by keys (say a text field that takes q): SIGTERM,
		# which spinelog handles by restoring the terminal and exiting
		echo "keyfuzz: no way out by keys from this screen; sending SIGTERM"
		kf_screen
		kill -TERM "$(cat "$WORK/pid")"
		kf_wait "[keyfuzz ended"
		break
	fi
	case "$(kf_screen)" in *"spinelog - locked"*|*"spinelog — locked"*) unlock ;; esac
	kf_keys Escape Escape Escape; sleep 0.1; kf_keys q; sleep 0.1; kf_keys y; sleep 0.1
done
scr=$(kf_screen)
restarts=$(($(wc -l <"$WORK/rcs") - 1))
last=$(tail -n 1 "$WORK/rcs")
case "$scr" in *Sanitizer*|*"runtime error"*) echo "$scr"; fail "keyfuzz: a sanitizer report on the screen" ;; esac
for f in "$WORK"/san/report*; do
	[ -e "$f" ] || continue
	cat "$f"
	fail "keyfuzz: sanitizer report $f (STRESS_SEED=$seed)"
done
# Every run ended with 0 (quit by keys), except the last when we had to
# send SIGTERM (143).
[ "$last" = 0 ] || { [ "$i" -gt 60 ] && [ "$last" = 143 ]; } ||
	fail "keyfuzz: the last run ended with status $last"
bad=$(sed '$d' "$WORK/rcs" | grep -cvx 0 || true)
[ "$bad" -eq 0 ] || fail "keyfuzz: $bad runs ended with a non-zero status: $(tr '\n' ' ' <"$WORK/rcs")"
expect_rc 0 "$SPINELOG" verify -d "$db"
contains "$OUT" "OK:"
events=$(sqlite3 -batch -noheader "$db" 'SELECT count(*) FROM event')
stat_add keys "$keys"
stat_add restarts "$restarts"
echo "keyfuzz: $keys keys, $resizes resizes, $restarts restarts, $unlocks unlocks, $events events in ${seconds} s (seed $seed), no sanitizer report, verify ok"
