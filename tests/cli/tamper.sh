# Tampering through the sqlite3 shell, as someone with the file would try.
#
# Part 1: the chain is built here from the encoding documented in
# spinelog(1), HASH CHAIN, with sha256sum: verify accepting it proves the
# recipe an auditor would follow.  Then: the triggers refuse UPDATE, DELETE
# and INSERT OR REPLACE; and with the triggers dropped (and put back, to cover
# tracks), a changed value, a changed hash, a deleted middle row, a swapped
# pair and a cut tail are each reported by verify with exit 1 and the right
# event.
#
# Part 2: a database made by the program itself (staff, a checklist version,
# cases, entries, an amendment, a closed and a cancelled case), and one block
# per class of tampering that verify once let through (issue 12): a foreign
# trigger that swallows entries, the guards replaced by do-nothing triggers,
# a rewritten checklist, deleted or added rows of the tables derived from the
# log, and bytes the hash did not cover.  Each: verify exits 1 with a FAULT
# line naming what is wrong (and the first broken event where there is one).
#
# Part 3: a database of schema version 1, as an older spinelog left it, is
# upgraded by init: its checklist version comes onto the chain.
. "$TESTLIB"
. "$TOP/tests/tools/tools.sh"

expect_rc 0 "$SPINELOG" init
f() { printf '%d:%s,' "$(printf '%s' "$1" | wc -c)" "$1"; }
prev=0000000000000000000000000000000000000000000000000000000000000000
for id in 1 2 3 4 5 6; do
	at="2026-11-26T10:0$id:00.000Z" value="BP 12$id/80 é"
	hash=$({ printf '%s' "$prev"; f "$id"; f "$at"; f ""; f pre; f bp; f record; f "$value"
		f mmHg; f ""; f ""; f ""; f QA; f auditor; f "host:tty$id"; } | sha256sum | cut -c1-64)
	sql "INSERT INTO event (id, recorded_at, phase, item_key, action, value, unit,
		staff_code, os_user, terminal, prev_hash, hash) VALUES ($id, '$at', 'pre', 'bp',
		'record', '$value', 'mmHg', 'QA', 'auditor', 'host:tty$id', '$prev', '$hash')"
	prev=$hash
done
expect_rc 0 "$SPINELOG" verify
contains "$OUT" "OK: 6 events, head $prev"
anchor=$prev
cp "$DB" "$HOME/pristine.db"

# The triggers refuse changes, also INSERT OR REPLACE on an existing id.
for stmt in "UPDATE event SET value = '80' WHERE id = 3" "DELETE FROM event WHERE id = 6" \
	"INSERT OR REPLACE INTO event SELECT * FROM event WHERE id = 2" \
	"REPLACE INTO event (id, recorded_at, action, os_user, terminal, prev_hash, hash)
		VALUES (4, 'x', 'x', 'x', 'x', 'x', 'x')"; do
	if err=$(sql "$stmt" 2>&1); then fail "sqlite3 accepted: $stmt"; fi
	contains "$err" "append-only" "sqlite3 on '$stmt'"
done
expect_rc 0 "$SPINELOG" verify
contains "$OUT" "OK: 6 events, head $anchor"

# tamper SQL: on a fresh copy, drop the append-only triggers, run SQL, put
# them back (the event table has other triggers, which stay).
triggers=$(sqlite3 "$HOME/pristine.db" "SELECT sql || ';' FROM sqlite_schema
	WHERE type = 'trigger' AND name IN ('event_no_update', 'event_no_delete',
	'event_no_replace')")
tamper() {
	cp "$HOME/pristine.db" "$DB"
	sql "DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete;
		DROP TRIGGER event_no_replace; $1; $triggers" || fail "tampering failed: $1"
}
# expect_fault EVENT WHY: verify exits 1 naming EVENT as the first broken one.
expect_fault() {
	expect_rc 1 "$SPINELOG" verify
	contains "$OUT" "FAULT: "
	contains "$OUT" "first broken event: $1"
	contains "$OUT" "$2"
}

tamper "UPDATE event SET value = 'BP 80/50' WHERE id = 3"
expect_fault 3 "does not recompute"
tamper "UPDATE event SET hash = '$(printf '%064d' 7)' WHERE id = 4"
expect_fault 4 "does not recompute"
tamper "DELETE FROM event WHERE id = 3"
expect_fault 3 "missing"
tamper "UPDATE event SET id = 100 WHERE id = 3; UPDATE event SET id = 3 WHERE id = 4;
	UPDATE event SET id = 4 WHERE id = 100"
expect_fault 3 "prev_hash"
# A changed value with its hash recomputed still breaks the next link.
tamper "UPDATE event SET value = 'BP 80/50', hash = '$(printf '%064d' 9)' WHERE id = 5"
expect_fault 5 ""

# A cut tail is a valid shorter chain: only the anchor shows it.
tamper "DELETE FROM event WHERE id > 4"
expect_rc 0 "$SPINELOG" verify
contains "$OUT" "OK: 4 events"
expect_rc 1 "$SPINELOG" verify --anchor "$anchor"
contains "$OUT" "anchor $anchor is not in the chain of 4 events: events after event 4 were cut off"

# Triggers dropped and left out: verify names the missing trigger.
cp "$HOME/pristine.db" "$DB"
sql "DROP TRIGGER event_no_replace"
expect_rc 1 "$SPINELOG" verify
contains "$OUT" "event_no_replace is missing"

# --- Part 2: a database made by the program -------------------------------------

rm -f "$DB" "$DB-wal" "$DB-shm"
"$SPINELOG" init >/dev/null
"$ADDEVENT" staff QA "Quinn Avery" RN				# event 1
"$ADDEVENT" staff NT "Nia Tran" RN				# event 2
c1=$("$ADDEVENT" case --procedure si-joint-injection --mrn M1 --name "DOE, Jane" \
	--dob 1950-01-01 --staff QA)				# events 3 (checklist version) and 4
c2=$("$ADDEVENT" case --procedure si-joint-injection --mrn M2 --name "ROE, Rick" \
	--dob 1951-02-02 --staff NT)				# event 5
c3=$("$ADDEVENT" case --procedure si-joint-injection --mrn M3 --name "POE, Al" \
	--dob 1952-03-03 --staff NT)				# event 6
[ "$c1 $c2 $c3" = "1 2 3" ] || fail "case ids $c1 $c2 $c3"
ev() { "$ADDEVENT" "$@" >/dev/null; }
ev --case 1 --phase pre --item identity --action record --value done --staff QA	# 7
ev --case 1 --phase pre --item identity --action amend --value "not done" --amends 7 \
	--reason "wrong patient label" --staff QA					# 8
"$ADDEVENT" end 2 case_close --staff NT						# 9
"$ADDEVENT" end 3 case_cancel "patient unwell" --staff NT			# 10
ev --action sign_in --staff QA							# 11
[ ! -e "$DB-wal" ] || fail "the program left a -wal file: a copy would miss it"
real="$HOME/real.db"
cp "$DB" "$real"
[ "$(sqlite3 "$real" "SELECT group_concat(action, ' ') FROM event")" = "staff_register \
staff_register checklist_version case_create case_create case_create record amend case_close \
case_cancel sign_in" ] || fail "unexpected events: $(sqlite3 "$real" "SELECT group_concat(action, ' ') FROM event")"

# on_real SQL: a fresh copy of the real database with SQL run by the sqlite3
# shell, every trigger dropped first and put back exactly as it was.
drops=$(sqlite3 "$real" "SELECT group_concat('DROP TRIGGER ' || name, '; ') FROM sqlite_schema
	WHERE type = 'trigger'")
guards=$(sqlite3 "$real" "SELECT group_concat(sql, '; ') FROM sqlite_schema
	WHERE type = 'trigger'")
fresh() { rm -f "$DB" "$DB-wal" "$DB-shm"; cp "$real" "$DB"; }
on_real() {
	fresh
	sqlite3 "$DB" "$drops; $1; $guards" >/dev/null || fail "tampering failed: $1"
}
# faulty EVENT TEXT...: verify exits 1 with "FAULT: " and each TEXT, naming
# EVENT as the first broken one (- for none).
faulty() {
	event=$1
	shift
	expect_rc 1 "$SPINELOG" verify
	contains "$OUT" "FAULT: "
	for text in "$@"; do contains "$OUT" "$text"; done
	if [ "$event" = - ]; then
		lacks "$OUT" "first broken event"
	else
		case "$OUT" in *"first broken event: $event") ;; *) fail "not event $event: $OUT" ;; esac
	fi
}

# Control: the copy, and the drop-and-restore of the triggers, change nothing
# verify can see.
fresh
expect_rc 0 "$SPINELOG" verify
contains "$OUT" "OK: 11 events"
on_real "SELECT 1"
expect_rc 0 "$SPINELOG" verify
contains "$OUT" "OK: 11 events"

# 1. A foreign trigger that swallows every new event: the program says NOT
# saved and stores nothing; verify names the trigger.
fresh
sqlite3 "$DB" "CREATE TRIGGER swallow BEFORE INSERT ON event BEGIN SELECT RAISE(IGNORE); END"
expect_rc 65 "$ADDEVENT" --case 1 --phase pre --item consent --action record --value done \
	--staff QA
contains "$ERR" "NOT saved"
[ -z "$OUT" ] || fail "addevent printed an id for an event not stored: $OUT"
expect_rc 65 "$ADDEVENT" staff ZZ "Zoe Zed" RN
contains "$ERR" "NOT saved"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM event")" = 11 ] || fail "events were stored"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM staff WHERE code = 'ZZ'")" = 0 ] ||
	fail "a staff row without its event was kept"
faulty - "the schema has a trigger swallow that spinelog does not create"
# ... and any other object the schema does not create.
for obj in "view recent:CREATE VIEW recent AS SELECT * FROM event" \
	"index event_value:CREATE INDEX event_value ON event(value)" \
	"table notes:CREATE TABLE notes (x)" \
	"trigger stamp:CREATE TRIGGER stamp AFTER INSERT ON staff BEGIN SELECT 1; END"; do
	fresh
	sqlite3 "$DB" "${obj#*:}"
	faulty - "${obj%%:*} that spinelog does not create"
done

# 2. The append-only guards replaced by do-nothing triggers of the same names:
# the log can be rewritten, and verify sees that the triggers are not spinelog's.
fresh
sqlite3 "$DB" "DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete;
	CREATE TRIGGER event_no_update BEFORE UPDATE ON event BEGIN SELECT 1; END;
	CREATE TRIGGER event_no_delete BEFORE DELETE ON event BEGIN SELECT 1; END;"
sqlite3 "$DB" "UPDATE event SET reason = 'x' WHERE id = 99" ||
	fail "the do-nothing trigger refused an UPDATE"
faulty - "the trigger event_no_delete is not defined as spinelog defines it"
# A table redefined through writable_schema (STRICT taken away).
fresh
sqlite3 "$DB" "PRAGMA writable_schema = ON;
	UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ')') WHERE name = 'staff'"
faulty - "the table staff is not defined as spinelog defines it"

# 3. A checklist version rewritten: an item renamed and its hard stop switched
# off, with or without its sha256 recomputed; deleted; or one added.
sqlite3 "$real" "SELECT writefile('$HOME/v1.csv', content) FROM checklist_version WHERE id = 1" \
	>/dev/null
sed 's/^pre,identity,Identity: 2 identifiers vs wristband and order,check,,,,,yes,yes,/pre,identity,Identity: 1 identifier,check,,,,,yes,no,/' \
	"$HOME/v1.csv" > "$HOME/v1-edited.csv"
! cmp -s "$HOME/v1.csv" "$HOME/v1-edited.csv" || fail "the checklist edit did not apply"
sha=$(sha256sum < "$HOME/v1-edited.csv" | cut -c1-64)
on_real "UPDATE checklist_version SET content = readfile('$HOME/v1-edited.csv'), sha256 = '$sha'
	WHERE id = 1"
faulty 3 "checklist version 1 (si-joint-injection): the row differs from event 3 that recorded it"
on_real "UPDATE checklist_version SET content = readfile('$HOME/v1-edited.csv') WHERE id = 1"
faulty 3 "checklist version 1 (si-joint-injection): its content does not hash to its sha256"
on_real "UPDATE checklist_version SET source = '/etc/site/si-joint-injection.csv' WHERE id = 1"
faulty 3 "the row differs from event 3"
on_real "DELETE FROM checklist_version WHERE id = 1"
faulty 3 "checklist version 1, recorded by event 3, has no row in checklist_version: the row was deleted"
on_real "INSERT INTO checklist_version (proc_key, sha256, source, content, first_used_at)
	VALUES ('si-joint-injection', '$sha', 'built-in', readfile('$HOME/v1-edited.csv'),
	'2026-11-26T10:00:00.000Z')"
faulty - "checklist version 2 has no checklist_version event, so the hash chain does not cover it"

# 4. Rows of the derived and covered tables deleted, added or changed.
on_real "DELETE FROM open_case"
faulty 4 "case 1, created by event 4 and never closed or cancelled, is missing from open_case"
on_real "INSERT INTO open_case (case_id) VALUES (2)"
faulty 9 "open_case lists case 2, which event 9 closed or cancelled"
on_real "INSERT INTO open_case (case_id) VALUES (99)"
faulty - "open_case lists case 99, which no event created"
on_real "DELETE FROM cases WHERE id = 2"
faulty 5 "case 2, created by event 5, has no row in cases: the row was deleted"
on_real "INSERT INTO cases (id, mrn, name, dob, proc_key, version_id, side, level, proceduralist,
	scheduled_at, day, created_at) SELECT 9, mrn, name, dob, proc_key, version_id, side, level,
	proceduralist, scheduled_at, day, created_at FROM cases WHERE id = 1"
faulty - "case 9 has no case_create event"
on_real "UPDATE cases SET day = '2026-01-02' WHERE id = 1"
faulty 4 "case 1: day 2026-01-02 is not the date of its scheduled time"
on_real "UPDATE cases SET created_at = '2020-01-01T00:00:00.000Z' WHERE id = 3"
faulty 6 "case 3: created_at 2020-01-01T00:00:00.000Z is not the time of event 6"
on_real "DELETE FROM staff WHERE code = 'NT'"
faulty 2 "staff NT, registered by event 2, has no row in staff: the row was deleted"
on_real "INSERT INTO staff (code, name, role, created_at) VALUES ('ZZ', 'Zoe Zed', 'RN',
	'2026-11-26T10:00:00.000Z')"
faulty - "staff ZZ has no staff_register event"
on_real "UPDATE staff SET created_at = '2020-01-01T00:00:00.000Z' WHERE code = 'QA'"
faulty 1 "staff QA: created_at 2020-01-01T00:00:00.000Z is not the time of event 1"

# 5. Bytes the hash did not cover, and values that encode alike: verify
# refuses any stored value not in its one canonical form.
on_real "UPDATE event SET value = value || char(0) || ' (and 40 mg more)' WHERE id = 7"
faulty 7 "event 7: value holds a NUL byte"
on_real "UPDATE event SET prev_hash = prev_hash || char(0) || 'x' WHERE id = 5"
faulty 5 "event 5: prev_hash holds a NUL byte"
on_real "UPDATE event SET recorded_at = recorded_at || ' (really 09:00)' WHERE id = 7"
faulty 7 "event 7: recorded_at '" "is not in the form YYYY-MM-DDTHH:MM:SS.mmmZ"
on_real "UPDATE event SET case_id = 0 WHERE id = 11"
faulty 11 "event 11: case_id is 0"
on_real "UPDATE event SET amends = 0 WHERE id = 7"
faulty 7 "event 7: amends is 0"
on_real "UPDATE staff SET name = name || char(0) || 'x' WHERE code = 'QA'"
faulty - "staff QA: name is not stored as spinelog stores text"
on_real "UPDATE cases SET name = name || char(0) || 'x' WHERE id = 1"
faulty - "case 1: name is not stored as spinelog stores text"
# The wrong storage class (a BLOB or a number where text goes), through a
# table made non-STRICT for a moment: integrity_check names the column.
unstrict() {
	fresh
	sqlite3 "$DB" "PRAGMA writable_schema = ON;
		UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ')') WHERE name = 'event'"
	sqlite3 "$DB" "$drops; $1; $guards"
	sqlite3 "$DB" "PRAGMA writable_schema = ON;
		UPDATE sqlite_schema SET sql = sql || ' STRICT' WHERE name = 'event'"
	[ "$(sqlite3 "$DB" "SELECT sql FROM sqlite_schema WHERE name = 'event'")" = \
		"$(sqlite3 "$real" "SELECT sql FROM sqlite_schema WHERE name = 'event'")" ] ||
		fail "the event table was not put back as it was"
}
unstrict "UPDATE event SET value = CAST(value AS BLOB) WHERE id = 7"
faulty - "PRAGMA integrity_check" "non-TEXT value in event.value"
unstrict "UPDATE event SET case_id = '1 (reads as 1)' WHERE id = 7"
faulty - "PRAGMA integrity_check" "non-INTEGER value in event.case_id"

# --- Part 3: a database of schema version 1, upgraded ------------------------------

# As spinelog 0.1 left it: schema 001, a staff member, a checklist version
# (which had no event then) and a case, each row stamped a moment before the
# event that created it.
v1="$HOME/v1.db"
sqlite3 "$v1" < "$TOP/schema/001-init.sql"
sqlite3 "$v1" "PRAGMA application_id = 1397771335; PRAGMA user_version = 1;
	PRAGMA journal_mode = WAL" >/dev/null
content="$TOP/schema/checklists/si-joint-injection.csv"
csha=$(sha256sum < "$content" | cut -c1-64)
cval="mrn=M1; name=DOE, Jane; dob=1950-01-01; procedure=si-joint-injection; checklist_version=1;\
 side=left; level=; proceduralist=Dr P; scheduled_at=2026-11-26 09:00"
prev=0000000000000000000000000000000000000000000000000000000000000000
h1=$({ printf '%s' "$prev"; f 1; f 2026-11-26T08:00:00.000Z; f ""; f ""; f ""; f staff_register
	f "name=Quinn Avery; role=RN"; f ""; f ""; f ""; f ""; f QA; f nurse; f ward1; } |
	sha256sum | cut -c1-64)
h2=$({ printf '%s' "$h1"; f 2; f 2026-11-26T08:00:01.000Z; f 1; f ""; f ""; f case_create
	f "$cval"; f ""; f ""; f ""; f ""; f QA; f nurse; f ward1; } | sha256sum | cut -c1-64)
sqlite3 "$v1" "INSERT INTO staff VALUES ('QA', 'Quinn Avery', 'RN', '2026-11-26T07:59:59.999Z');
	INSERT INTO event (id, recorded_at, action, value, staff_code, os_user, terminal, prev_hash,
	hash) VALUES (1, '2026-11-26T08:00:00.000Z', 'staff_register', 'name=Quinn Avery; role=RN',
	'QA', 'nurse', 'ward1', '$prev', '$h1');
	INSERT INTO checklist_version VALUES (1, 'si-joint-injection', '$csha', 'built-in',
	readfile('$content'), '2026-11-26T08:00:00.500Z');
	INSERT INTO cases VALUES (1, 'M1', 'DOE, Jane', '1950-01-01', 'si-joint-injection', 1, 'left',
	'', 'Dr P', '2026-11-26 09:00', '2026-11-26', '2026-11-26T08:00:00.999Z');
	INSERT INTO open_case VALUES (1);
	INSERT INTO event (id, recorded_at, case_id, action, value, staff_code, os_user, terminal,
	prev_hash, hash) VALUES (2, '2026-11-26T08:00:01.000Z', 1, 'case_create', '$cval', 'QA',
	'nurse', 'ward1', '$h1', '$h2');"
# verify wants the upgrade first; init records the version's event and the
# upgrade itself, in the upgrade's transaction.
expect_rc 65 "$SPINELOG" verify -d "$v1"
contains "$ERR" "run 'spinelog init' to upgrade it first"
expect_rc 0 "$SPINELOG" init -d "$v1"
contains "$OUT" "upgraded from schema version 1 to 4"
contains "$OUT" "1 checklist version(s) stored before schema version 2 recorded in the log"
expect_rc 0 "$SPINELOG" verify -d "$v1"
contains "$OUT" "OK: 6 events"
[ "$(sqlite3 "$v1" "SELECT action || '|' || value || '|' || reason FROM event WHERE id = 3")" = \
	"checklist_version|id=1; procedure=si-joint-injection; sha256=$csha; size=$(wc -c < "$content"); source=built-in; first_used_at=2026-11-26T08:00:00.500Z|recorded at upgrade to schema version 2: stored before checklist versions were logged" ] ||
	fail "the upgrade's checklist_version event: $(sqlite3 "$v1" "SELECT * FROM event WHERE id = 3")"
[ "$(sqlite3 "$v1" "SELECT action || '|' || value FROM event WHERE id = 4")" = \
	"schema_upgrade|from=1; to=2" ] || fail "no schema_upgrade event"
[ "$(sqlite3 "$v1" "SELECT action || '|' || value FROM event WHERE id = 5")" = \
	"schema_upgrade|from=2; to=3" ] || fail "no schema_upgrade event for the second step"
[ "$(sqlite3 "$v1" "SELECT action || '|' || value FROM event WHERE id = 6")" = \
	"schema_upgrade|from=3; to=4" ] || fail "no schema_upgrade event for the third step"
# A case made after the upgrade, on the same checklist: no second version.
"$ADDEVENT" -d "$v1" case --procedure si-joint-injection --mrn M2 --name "ROE, Rick" \
	--dob 1951-02-02 --staff QA >/dev/null
expect_rc 0 "$SPINELOG" verify -d "$v1"
contains "$OUT" "OK: 7 events"
# Rows from before the upgrade keep the time they read themselves (checked
# against the transaction of their event); rows after carry their event's.
cp "$v1" "$HOME/v1-upgraded.db"
sqlite3 "$v1" "$drops; UPDATE staff SET created_at = '2026-11-26T08:00:00.001Z'; $guards"
expect_rc 1 "$SPINELOG" verify -d "$v1"
contains "$OUT" "staff QA: created_at 2026-11-26T08:00:00.001Z is not the time of event 1"
cp "$HOME/v1-upgraded.db" "$v1"
sqlite3 "$v1" "$drops; UPDATE cases SET created_at = '2026-11-26T08:00:00.999Z' WHERE id = 2;
	$guards"
expect_rc 1 "$SPINELOG" verify -d "$v1"
contains "$OUT" "case 2: created_at 2026-11-26T08:00:00.999Z is not the time of event 7"
# A checklist rewritten before the upgrade is recorded as it was then: the
# upgrade covers what is there, which is why spinelog(1) says to verify (and
# keep the head) before upgrading.  After the upgrade it is caught.
cp "$HOME/v1-upgraded.db" "$v1"
sqlite3 "$v1" "$drops; UPDATE checklist_version SET content = readfile('$HOME/v1-edited.csv');
	$guards"
expect_rc 1 "$SPINELOG" verify -d "$v1"
contains "$OUT" "its content does not hash to its sha256"
