-- spinelog schema, version 4: an optional PIN per staff code.
--
-- A staff code is no secret on a ward; a PIN makes it one.  The PIN itself is
-- never stored: staff_pin keeps a PBKDF2-HMAC-SHA256 hash of it with a random
-- salt per setting (pin.c, spinelog(1) STAFF PINS).  Each setting, change or
-- removal is a row here and a "pin_set" event in the hash chain, whose value
-- says only "PIN set", "PIN changed", "PIN removed" or "PIN reset": the hash
-- stays out of the log and so out of every export.  The latest row of a code
-- is its PIN; a row with no hash means none.  Rows are never changed.

CREATE TABLE staff_pin (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL REFERENCES staff(code),
	event_id    INTEGER NOT NULL UNIQUE REFERENCES event(id),  -- its pin_set event
	salt        BLOB,                      -- NULL: no PIN from here on
	hash        BLOB,                      -- PBKDF2-HMAC-SHA256(PIN, salt, iterations)
	iterations  INTEGER NOT NULL
) STRICT;
CREATE INDEX staff_pin_code ON staff_pin(code, id);

CREATE TRIGGER staff_pin_no_update BEFORE UPDATE ON staff_pin
BEGIN SELECT RAISE(ABORT, 'spinelog: PIN rows are append-only; a change is a new row'); END;
CREATE TRIGGER staff_pin_no_delete BEFORE DELETE ON staff_pin
BEGIN SELECT RAISE(ABORT, 'spinelog: PIN rows are append-only; a change is a new row'); END;

-- The wrong PINs typed for a code since its last sign-in or PIN change, for
-- the growing wait after them, without reading the whole log.
CREATE INDEX event_pin_tries ON event(staff_code, id)
	WHERE action IN ('sign_in', 'pin_wrong', 'pin_set');
