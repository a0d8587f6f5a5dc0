# Control characters stored in the database (written behind spinelog's back)
# are never sent raw to the terminal: they show as '?'.
. "$TESTLIB"
. "$TOP/tests/e2e/tmux.lib"
SPINELOG_CHECKLISTS=$TOP/tests/e2e/checklists
tm_start cc1 -- --staff QA
tm_signin_new_case "M1" "PLAIN, Case"
tm_keys q
tm_wait "PLAIN, Case"
tm_keys q y
tm_exited
# a second case whose name clears the screen and whose MRN rings the bell
sql "INSERT INTO cases (mrn, name, dob, proc_key, version_id, side, level,
	proceduralist, scheduled_at, day, created_at) SELECT 'X' || char(7) || '1',
	'EVIL' || char(27) || '[2J' || char(27) || ']0;owned' || char(7) || 'NAME', dob, proc_key,
	version_id, side, level, proceduralist, scheduled_at, day, created_at FROM cases WHERE id = 1"
sql "INSERT INTO open_case (case_id) VALUES (2)"
tm_start cc2 -- --staff QA
tm_wait "EVIL?[2J?]0;owne"
tm_wait "X?1"
tm_wait "PLAIN, Case"	# the screen was not cleared by the stored name
tm_keys j Enter
tm_wait "under way: Pre-procedure"
tm_wait "EVIL?[2J?]0;owned?NAME"
tm_wait "MRN X?1"
