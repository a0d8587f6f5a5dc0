# Hostile text typed into the bedside program's text fields at 80x24: 10 KB
# of text (the patient name, the Allergies text item), right-to-left and
# combining characters, an embedded TAB, and terminal escape sequences typed
# as keys.  The layout holds (title on the first line, the key footer on the
# last, no line wider than 80 columns), nothing reaches the terminal raw (the
# pane title stays), what is too long or has a control character is refused
# with a message, what is accepted is stored exactly, and the day's export
# gives it back exactly.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
. "$TOP/tests/tools/tools.sh"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists

# layout WHAT: the title line, the footer and the width are where they were.
layout() {
	scr=$(tm_screen)
	printf '%s\n' "$scr" | head -n 1 | grep -q '^ spinelog ' || { echo "$scr"; fail "$1: title line moved"; }
	[ -n "$(printf '%s\n' "$scr" | sed -n 24p)" ] || { echo "$scr"; fail "$1: no footer on line 24"; }
	[ "$(printf '%s\n' "$scr" | wc -l)" -le 24 ] || { echo "$scr"; fail "$1: more than 24 lines"; }
	printf '%s\n' "$scr" | python3 -c '
import sys, unicodedata
for n, line in enumerate(sys.stdin.read().split("\n"), 1):
    w = sum(0 if unicodedata.combining(c) else
            2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    if w > 80:
        sys.exit("line %d is %d columns wide" % (n, w))
' || { echo "$scr"; fail "$1: a line wider than 80 columns"; }
}
title() { tmux -L "$TM_SOCK" display -p '#{pane_title}'; }
# type_big TEXT: literal text in chunks of 500 characters.
type_big() {
	printf '%s' "$1" | fold -w 500 | while IFS= read -r chunk; do tm_type "$chunk"; done
}

big=$(python3 -c 'print(("Ä bcdé fgh İJ;\"=," * 700)[:10240])')
rtl=$(printf 'כהן, שרה عبد الله e\314\201\314\247 Zo\314\210e')	# Hebrew, Arabic, combining marks
tm_start hi -- --staff QA
tm_signin
before=$(title)
[ "$before" != pwned ] || fail "the pane title starts as pwned"
tm_keys n
tm_wait "New case"
tm_type "M77"; tm_keys Enter
# 10 KB for the name: refused with the limit, the form intact
type_big "$big"
tm_keys Enter
tm_type "1950-01-01"; tm_keys Enter
tm_wait "1950-01-01" 30	# the 10 KB have been taken in
tm_pick_si
tm_keys Enter Enter Enter
tm_type "Dr P"; tm_keys Enter Enter
tm_wait "too long: at most 199 characters fit" 30
layout "10 KB name"
# the name in Hebrew and Arabic with combining marks (the refused field has
# the cursor): stored exactly
tm_keys C-u
tm_type "$rtl"
tm_keys Enter Enter Enter Enter Enter Enter Enter
tm_wait "under way: Pre-procedure"
layout "right-to-left name"
[ "$(sql "SELECT name FROM cases")" = "$rtl" ] || fail "name stored as '$(sql "SELECT name FROM cases")'"

# the Allergies text item: 10 KB are refused (not cut off unseen); then the
# right-to-left text with an embedded TAB, which is the next-field key, not
# text
tm_keys j j
tm_wait "> [ ] Allergies"
tm_keys Enter
tm_wait "Allergies"
type_big "$big"
tm_keys Enter
tm_wait "too long: at most 199 characters fit" 30
layout "10 KB text item"
tm_keys C-u
tm_gone "too long" 30	# the 10 KB are still being read under a sanitizer
tm_type "$(printf '%s\t latex' "$rtl")"
tm_keys Enter
tm_wait "Saved: Allergies"
layout "right-to-left text item"
stored=$(sql "SELECT value FROM event WHERE item_key='allergies' AND action='record'")
[ "$stored" = "$rtl latex" ] || fail "allergies stored as '$stored'"
# (what was typed: not the checklist_version events, whose value names a file)
[ "$(sql "SELECT count(*) FROM event WHERE action <> 'checklist_version'
	AND (length(value) > 199 OR value GLOB '*	*')")" = 0 ] ||
	fail "a value over 199 characters or with a TAB was stored"

# an n/a reason with the same text (a saved entry moved the cursor on)
tm_keys j
tm_wait "> [ ] Weight"
tm_keys a
tm_wait "Reason"
tm_read
tm_type "$rtl"; tm_keys Enter
tm_wait "n/a"
layout "right-to-left reason"
[ "$(sql "SELECT reason FROM event WHERE item_key='weight' AND action='na'")" = "$rtl" ] ||
	fail "n/a reason stored as '$(sql "SELECT reason FROM event WHERE item_key='weight'")'"

# terminal escape sequences typed as keys: Esc is a key to spinelog, the rest
# are keys too; nothing may reach the terminal (the title stays) and the
# layout holds
tm_keys q
tm_wait "Worklist: today"
tm_type "$(printf '\033]0;pwned\007')"
tm_type "$(printf '\033[2J')"
# back to today's worklist, then the help: once it shows, every key before
# it has been read
tm_keys Escape Escape t '?'
tm_wait "Help: keys"
tm_keys q
[ "$(title)" = "$before" ] || fail "the pane title changed to '$(title)'"
tm_wait "Worklist: today"
layout "escape sequences"
tm_screen | grep -q "pwned" && fail "pwned on the screen"

# the day's export gives every stored value back exactly
tm_keys x
tm_wait "Exported"
day=$(date +%Y-%m-%d)
file="$HOME/.local/share/spinelog/exports/spinelog-$day.csv"
check_export "$file" --day "$day" --before-id "$(sql "SELECT max(id) FROM event WHERE action='export'")"
python3 - "$file" "$rtl" <<'PY' || fail "the export does not give the text back"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline=""), strict=True))
want = sys.argv[2]
assert any(r.get("value") == want + " latex" for r in rows), "value"
assert any(r.get("reason") == want for r in rows), "reason"
PY
tm_keys Enter q y
tm_exited
[ "$TM_RC" = 0 ] || fail "spinelog exited $TM_RC"
expect_rc 0 "$SPINELOG" verify
