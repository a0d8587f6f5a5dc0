-- spinelog schema, version 3: the worklist reads a page at a time.
--
-- A schedule import can leave hundreds of thousands of cases open.  The
-- worklist lists every open case in scheduled order, a screenful at a time:
-- worklist_open holds each open case's scheduled time under an index
-- (worklist_open_sched), so that a page is a short range of it wherever it is
-- in the list.  The status line counts the observations due over every open
-- case; only a case with something entered on it since its creation can have
-- one due (no entry and no phase started: no timer has a start), so
-- worklist_open also says whether anything has been (started), and the count
-- reads the started cases only (worklist_open_started), a few on any ward.
-- The header shows how many cases are open: worklist_open_count keeps the
-- number, as counting a table reads all of it.
--
-- All of it is derived from open_case and the events, kept by the triggers
-- below in the transaction that writes them, like open_case itself; none of
-- it is part of the audit record.

CREATE TABLE worklist_open (
	case_id       INTEGER PRIMARY KEY,     -- = open_case.case_id
	scheduled_at  TEXT NOT NULL,           -- = cases.scheduled_at
	started       INTEGER NOT NULL         -- 1: an event other than case_create
) STRICT;
CREATE INDEX worklist_open_sched ON worklist_open(scheduled_at, case_id);
CREATE INDEX worklist_open_started ON worklist_open(case_id) WHERE started = 1;

CREATE TABLE worklist_open_count (
	n  INTEGER NOT NULL                    -- the rows of open_case; one row
) STRICT;

INSERT INTO worklist_open (case_id, scheduled_at, started)
	SELECT o.case_id, c.scheduled_at, EXISTS (SELECT 1 FROM event e
	    WHERE e.case_id = o.case_id AND e.action <> 'case_create')
	FROM open_case o JOIN cases c ON c.id = o.case_id;
INSERT INTO worklist_open_count (n) SELECT count(*) FROM open_case;

-- A case becomes open with its case row written first (record.c); a row put
-- back by hand is found started if its events say so.
CREATE TRIGGER worklist_open_in AFTER INSERT ON open_case
BEGIN
	INSERT OR REPLACE INTO worklist_open (case_id, scheduled_at, started)
		SELECT c.id, c.scheduled_at, EXISTS (SELECT 1 FROM event e
		    WHERE e.case_id = c.id AND e.action <> 'case_create')
		FROM cases c WHERE c.id = NEW.case_id;
	UPDATE worklist_open_count SET n = n + 1;
END;
CREATE TRIGGER worklist_open_out AFTER DELETE ON open_case
BEGIN
	DELETE FROM worklist_open WHERE case_id = OLD.case_id;
	UPDATE worklist_open_count SET n = n - 1;
END;

-- Any event about an open case but the one that creates it starts it.
CREATE TRIGGER worklist_open_start AFTER INSERT ON event
WHEN NEW.case_id IS NOT NULL AND NEW.action <> 'case_create'
BEGIN
	UPDATE worklist_open SET started = 1 WHERE case_id = NEW.case_id AND started = 0;
END;

-- The worklist header counts the shown day's cancelled cases (a few entries).
CREATE INDEX event_case_cancel ON event(case_id) WHERE action = 'case_cancel';
