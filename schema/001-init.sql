-- spinelog schema, version 1.
--
-- The event table is the audit log: append-only, hash-chained (see event.c and
-- spinelog(1), HASH CHAIN).  Staff, checklist versions and cases are rows too;
-- they are never rewritten: what changes about them later is an event.
-- The triggers below refuse UPDATE and DELETE, and an INSERT that reuses a key
-- (INSERT OR REPLACE would otherwise delete the old row silently unless
-- recursive_triggers is on; spinelog turns it on as well).

CREATE TABLE staff (
	code        TEXT PRIMARY KEY,          -- initials or badge number, as typed at sign-in
	name        TEXT NOT NULL,
	role        TEXT NOT NULL,
	created_at  TEXT NOT NULL              -- UTC, ISO 8601 with milliseconds
) STRICT;

CREATE TABLE checklist_version (
	id             INTEGER PRIMARY KEY,
	proc_key       TEXT NOT NULL,          -- e.g. si-joint-injection
	sha256         TEXT NOT NULL UNIQUE,   -- of content, lower-case hex
	source         TEXT NOT NULL,          -- "built-in" or the site file's path
	content        BLOB NOT NULL,          -- the checklist file, byte for byte
	first_used_at  TEXT NOT NULL
) STRICT;
CREATE INDEX checklist_version_key ON checklist_version(proc_key, id);

CREATE TABLE cases (
	id             INTEGER PRIMARY KEY,
	mrn            TEXT NOT NULL,
	name           TEXT NOT NULL,
	dob            TEXT NOT NULL,          -- YYYY-MM-DD
	proc_key       TEXT NOT NULL,
	version_id     INTEGER NOT NULL REFERENCES checklist_version(id),
	side           TEXT NOT NULL,          -- left, right, bilateral, midline, n/a
	level          TEXT NOT NULL,          -- e.g. S1, L4-L5, or empty
	proceduralist  TEXT NOT NULL,
	scheduled_at   TEXT NOT NULL,          -- local YYYY-MM-DD HH:MM, as scheduled
	day            TEXT NOT NULL,          -- local YYYY-MM-DD of scheduled_at (worklist index)
	created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX cases_day ON cases(day, scheduled_at);
CREATE INDEX cases_mrn ON cases(mrn);

CREATE TABLE event (
	id           INTEGER PRIMARY KEY,      -- 1, 2, 3 ... without gaps
	recorded_at  TEXT NOT NULL,            -- UTC, YYYY-MM-DDTHH:MM:SS.mmmZ
	case_id      INTEGER REFERENCES cases(id),
	phase        TEXT NOT NULL DEFAULT '', -- pre, procedure, post or empty
	item_key     TEXT NOT NULL DEFAULT '',
	action       TEXT NOT NULL,
	value        TEXT NOT NULL DEFAULT '',
	unit         TEXT NOT NULL DEFAULT '',
	flag         TEXT NOT NULL DEFAULT '',
	reason       TEXT NOT NULL DEFAULT '',
	amends       INTEGER REFERENCES event(id),
	staff_code   TEXT NOT NULL DEFAULT '',
	os_user      TEXT NOT NULL,
	terminal     TEXT NOT NULL,
	prev_hash    TEXT NOT NULL,
	hash         TEXT NOT NULL
) STRICT;
-- hash has no UNIQUE index on purpose: it covers the id, which is unique, so
-- two events cannot share a hash short of a SHA-256 collision, and verify
-- recomputes every hash anyway.  An index of 64 random hex digits per event
-- was a fifth of the file and most of integrity_check's time (make bench).
CREATE INDEX event_case ON event(case_id, id);
CREATE INDEX event_time ON event(recorded_at);

-- Cases not yet closed or cancelled: a derived index kept in the same
-- transaction as the events that open and close a case, so that the worklist
-- never scans the event table.  It is not part of the audit record (verify
-- rebuilds it from the events and compares).
CREATE TABLE open_case (
	case_id  INTEGER PRIMARY KEY REFERENCES cases(id)
) STRICT;

CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'spinelog: the event log is append-only; record a correction instead of an UPDATE'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'spinelog: the event log is append-only; events are never deleted'); END;
CREATE TRIGGER event_no_replace BEFORE INSERT ON event
WHEN EXISTS (SELECT 1 FROM event WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'spinelog: the event log is append-only; an event id cannot be reused'); END;

CREATE TRIGGER staff_no_update BEFORE UPDATE ON staff
BEGIN SELECT RAISE(ABORT, 'spinelog: staff rows are append-only; changes are events'); END;
CREATE TRIGGER staff_no_delete BEFORE DELETE ON staff
BEGIN SELECT RAISE(ABORT, 'spinelog: staff rows are append-only; changes are events'); END;
CREATE TRIGGER cases_no_update BEFORE UPDATE ON cases
BEGIN SELECT RAISE(ABORT, 'spinelog: case rows are append-only; changes are events'); END;
CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases
BEGIN SELECT RAISE(ABORT, 'spinelog: case rows are append-only; changes are events'); END;
CREATE TRIGGER checklist_version_no_update BEFORE UPDATE ON checklist_version
BEGIN SELECT RAISE(ABORT, 'spinelog: checklist versions are append-only'); END;
CREATE TRIGGER checklist_version_no_delete BEFORE DELETE ON checklist_version
BEGIN SELECT RAISE(ABORT, 'spinelog: checklist versions are append-only'); END;

-- verify matches each staff and case row with the event that created it
-- (partial indexes: a few entries each; without the case one, that check read
-- every event of every case, a quarter of verify's time at 1M events).
CREATE INDEX event_staff_register ON event(staff_code) WHERE action = 'staff_register';
CREATE INDEX event_case_create ON event(case_id) WHERE action = 'case_create';
