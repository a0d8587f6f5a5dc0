/* Every clinical write: one call, one transaction (chart.h). */
#include "chart.h"

#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "db.h"
#include "entry.h"
#include "event.h"
#include "note.h"
#include "pin.h"

/* The event of an item of a case: phase and key from the item. */
static struct event
item_event(int64_t case_id, const struct item *it, const char *action, const char *staff)
{
	struct event ev = {.case_id = case_id, .phase = phase_name(it->phase),
	    .item_key = it->key, .action = action, .staff_code = staff};
	return ev;
}

static int
need_staff(const char *staff, struct err *err)
{
	if (staff == NULL || *staff == '\0')
		return err_set(err, ST_SOFTWARE, "nobody is signed in; sign in first");
	return ST_OK;
}

int
chart_record(struct db *db, const char *staff, int64_t case_id, const struct item *it,
    const struct chart_entry *e, struct err *err)
{
	struct buf reason = {0};
	if (need_staff(staff, err) != ST_OK)
		return err->status;
	if (e->amends != 0 && entry_reason(e->reason, err) != ST_OK)
		return err->status;
	struct event ev = item_event(case_id, it, e->amends ? ACTION_AMEND : ACTION_RECORD, staff);
	ev.value = e->value;
	ev.unit = e->unit;
	ev.flag = e->flag;
	ev.amends = e->amends;
	if (e->amends != 0)
		buf_puts(&reason, e->reason);
	if (e->note != NULL && *e->note)
		buf_printf(&reason, "%s%s", reason.len ? "; " : "", e->note);
	ev.reason = reason.data;
	/* an amendment is refused when someone else amended that entry first */
	int rc = e->amends ? event_amend(db, &ev, err) : event_append(db, &ev, err);
	buf_free(&reason);
	return rc;
}

static int
item_reason(struct db *db, const char *staff, int64_t case_id, const struct item *it,
    const char *action, const char *value, const char *reason, struct err *err)
{
	if (need_staff(staff, err) != ST_OK || entry_reason(reason, err) != ST_OK)
		return err->status;
	struct event ev = item_event(case_id, it, action, staff);
	ev.value = value;
	ev.reason = reason;
	return event_append(db, &ev, err);
}

int
chart_na(struct db *db, const char *staff, int64_t case_id, const struct item *it,
    const char *reason, struct err *err)
{
	return item_reason(db, staff, case_id, it, ACTION_NA, NULL, reason, err);
}

int
chart_override(struct db *db, const char *staff, int64_t case_id, const struct item *it,
    const char *reason, struct err *err)
{
	return item_reason(db, staff, case_id, it, ACTION_OVERRIDE, NULL, reason, err);
}

/* Append ev in one transaction once the case is as want_open says: the
 * check and the insert hold the write lock together, so a note cannot slip
 * in after another terminal closed the case, nor an addendum before. */
static int
case_event(struct db *db, struct event *ev, bool want_open, struct err *err)
{
	bool open;
	if (db_begin(db, err) != ST_OK)
		return err->status;
	if (case_is_open(db, ev->case_id, &open, err) != ST_OK)
		goto fail;
	if (open != want_open) {
		err_set(err, ST_DATAERR, want_open ? "case %lld has ended (closed or cancelled): "
		    "a late entry is an addendum, from the case's summary" : "case %lld is still "
		    "open: record or amend the item itself; addenda are for a case that has "
		    "ended", (long long)ev->case_id);
		goto fail;
	}
	if (event_insert(db, ev, err) != ST_OK)
		goto fail;
	return db_commit(db, err);
fail:
	db_rollback(db);
	return err->status;
}

int
chart_note(struct db *db, const char *staff, int64_t case_id, const struct item *it,
    const char *text, struct err *err)
{
	if (need_staff(staff, err) != ST_OK || note_text(text, err) != ST_OK)
		return err->status;
	if (it == NULL)
		return err_set(err, ST_SOFTWARE, "a note belongs to an item; pick one first");
	struct event ev = item_event(case_id, it, ACTION_NOTE, staff);
	ev.value = text;
	return case_event(db, &ev, true, err);
}

int
chart_addendum(struct db *db, const char *staff, int64_t case_id, const struct item *it,
    const char *text, const char *reason, struct err *err)
{
	if (need_staff(staff, err) != ST_OK || note_text(text, err) != ST_OK ||
	    note_reason(reason, err) != ST_OK)
		return err->status;
	struct event ev = {.case_id = case_id, .action = ACTION_ADDENDUM, .staff_code = staff};
	if (it != NULL)
		ev = item_event(case_id, it, ACTION_ADDENDUM, staff);
	ev.value = text;
	ev.reason = reason;
	return case_event(db, &ev, false, err);
}

int
chart_phase_start(struct db *db, const char *staff, int64_t case_id, enum phase next,
    struct err *err)
{
	if (need_staff(staff, err) != ST_OK)
		return err->status;
	struct event ev = {.case_id = case_id, .phase = phase_name(next),
	    .action = ACTION_PHASE_START, .staff_code = staff};
	return event_append(db, &ev, err);
}

int
chart_close(struct db *db, const char *staff, int64_t case_id, struct err *err)
{
	if (need_staff(staff, err) != ST_OK)
		return err->status;
	return case_end(db, case_id, ACTION_CASE_CLOSE, "", staff, err);
}

int
chart_cancel(struct db *db, const char *staff, int64_t case_id, const char *reason,
    struct err *err)
{
	if (need_staff(staff, err) != ST_OK || entry_reason(reason, err) != ST_OK)
		return err->status;
	return case_end(db, case_id, ACTION_CASE_CANCEL, reason, staff, err);
}

int
chart_timeout_confirm(struct db *db, const char *staff, int64_t case_id,
    const struct item *it, const char *prompt, struct err *err)
{
	if (need_staff(staff, err) != ST_OK)
		return err->status;
	struct event ev = item_event(case_id, it, ACTION_TIMEOUT_CONFIRM, staff);
	ev.value = prompt;
	return event_append(db, &ev, err);
}

int
chart_timeout_stop(struct db *db, const char *staff, int64_t case_id,
    const struct item *it, const char *prompt, const char *reason, struct err *err)
{
	return item_reason(db, staff, case_id, it, ACTION_TIMEOUT_STOP, prompt, reason, err);
}

int
chart_timeout_done(struct db *db, const char *staff, int64_t case_id,
    const struct item *it, const char *team, struct err *err)
{
	if (need_staff(staff, err) != ST_OK)
		return err->status;
	if (entry_reason(team, err) != ST_OK)
		return err_set(err, ST_DATAERR, "name who is present, e.g. Dr Patel, RN QA, RT Kim");
	struct event ev = item_event(case_id, it, ACTION_TIMEOUT_DONE, staff);
	ev.value = team;
	return event_append(db, &ev, err);
}

int
chart_new_case(struct db *db, const char *staff, const struct checklist *cl,
    struct case_info *c, struct err *err)
{
	if (need_staff(staff, err) != ST_OK)
		return err->status;
	if (cl == NULL)
		return err_set(err, ST_SOFTWARE, "the procedure's checklist is missing");
	return case_create(db, c, staff, cl, err);
}

int
chart_register(struct db *db, const char *code, const char *name, const char *role,
    struct err *err)
{
	struct staff known = {0};
	if (entry_staff_code(code, err) != ST_OK)
		return err->status;
	if (entry_name(name, err) != ST_OK)
		return err_set(err, ST_DATAERR, "a name is needed, e.g. Quinn Avery");
	if (entry_reason(role, err) != ST_OK)
		return err_set(err, ST_DATAERR, "a role is needed, e.g. RN or MD");
	int rc = staff_get(db, code, &known, err);
	staff_clear(&known);
	if (rc == ST_OK)
		return ST_OK;
	if (rc != ST_NOINPUT)
		return rc;
	return staff_register(db, code, name, role, err);
}

int
chart_sign_in(struct db *db, const char *code, struct staff *out, struct err *err)
{
	struct staff s = {0};
	if (entry_staff_code(code, err) != ST_OK)	/* nothing typed is echoed back */
		return err_set(err, ST_NOINPUT, "not a known staff code");
	if (staff_get(db, code, &s, err) != ST_OK)
		return err->status;
	struct event ev = {.action = ACTION_SIGN_IN, .staff_code = s.code};
	if (event_append(db, &ev, err) != ST_OK) {
		staff_clear(&s);
		return err->status;
	}
	*out = s;
	return ST_OK;
}

/* code is registered: else ST_NOINPUT saying how to register it. */
static int
registered(struct db *db, const char *code, struct err *err)
{
	struct staff s = {0};
	int rc = staff_get(db, code, &s, err);
	staff_clear(&s);
	if (rc == ST_NOINPUT)
		return err_set(err, ST_NOINPUT, "%s is not a registered staff code; sign in with "
		    "it once in spinelog to register it", code);
	return rc;
}

int
chart_pin_needed(struct db *db, const char *code, bool *needed, struct err *err)
{
	struct pin_hash h;
	*needed = false;
	if (registered(db, code, err) != ST_OK || pin_get(db, code, &h, err) != ST_OK)
		return err->status;
	*needed = h.set;
	return ST_OK;
}

int
chart_pin_check(struct db *db, const char *code, const char *pin, int64_t now_ms,
    int *wait_s, struct err *err)
{
	struct pin_hash h;
	int wrong;
	int64_t last;

	*wait_s = 0;
	if (pin_get(db, code, &h, err) != ST_OK)
		return err->status;
	if (!h.set)
		return ST_OK;
	if (pin_wrong_count(db, code, now_ms, &wrong, &last, err) != ST_OK)
		return err->status;
	int64_t left_ms = last + pin_wait_s(wrong) * 1000LL - now_ms;
	if (wrong >= PIN_FREE_TRIES && left_ms > 0) {
		*wait_s = (int)((left_ms + 999) / 1000);
		return err_set(err, ST_TEMPFAIL, "%d wrong PINs in a row for %s: wait %d s, then "
		    "try again", wrong, code, *wait_s);
	}
	if (pin_matches(&h, pin))
		return ST_OK;
	if (pin_log_wrong(db, code, err) != ST_OK)
		return err->status;
	wrong++;
	*wait_s = pin_wait_s(wrong);
	if (*wait_s > 0)
		return err_set(err, ST_NOPERM, "wrong PIN (%d in a row); wait %d s before the next "
		    "try", wrong, *wait_s);
	return err_set(err, ST_NOPERM, "wrong PIN; type it again (after %d wrong in a row, "
	    "each try waits)", PIN_FREE_TRIES);
}

int
chart_sign_in_pin(struct db *db, const char *code, const char *pin, int64_t now_ms,
    struct staff *out, int *wait_s, struct err *err)
{
	if (chart_pin_check(db, code, pin, now_ms, wait_s, err) != ST_OK)
		return err->status;
	return chart_sign_in(db, code, out, err);
}

int
chart_pin_set(struct db *db, const char *code, const char *old_pin, const char *new_pin,
    int64_t now_ms, const char **what, int *wait_s, struct err *err)
{
	struct pin_hash h;
	bool had;

	*wait_s = 0;
	if (chart_pin_needed(db, code, &had, err) != ST_OK)
		return err->status;
	if (had && chart_pin_check(db, code, old_pin ? old_pin : "", now_ms, wait_s, err) != ST_OK)
		return err->status;
	if (new_pin == NULL || *new_pin == '\0') {
		*what = "PIN removed";
		if (!had)
			return err_set(err, ST_NOINPUT, "%s has no PIN to remove", code);
		return pin_store(db, code, NULL, *what, err);
	}
	*what = had ? "PIN changed" : "PIN set";
	if (pin_make(new_pin, &h, err) != ST_OK)
		return err->status;
	int rc = pin_store(db, code, &h, *what, err);
	OPENSSL_cleanse(&h, sizeof h);
	return rc;
}

int
chart_pin_reset(struct db *db, const char *code, struct err *err)
{
	bool had;
	if (chart_pin_needed(db, code, &had, err) != ST_OK)
		return err->status;
	if (!had)
		return err_set(err, ST_NOINPUT, "%s has no PIN to reset", code);
	return pin_store(db, code, NULL, "PIN reset", err);
}

int
chart_sign_out(struct db *db, const char *staff, const char *why, struct err *err)
{
	if (need_staff(staff, err) != ST_OK)
		return err->status;
	struct event ev = {.action = ACTION_SIGN_OUT, .reason = why, .staff_code = staff};
	return event_append(db, &ev, err);
}

int
chart_data_version(struct db *db, int64_t *version, struct err *err)
{
	return db_data_version(db, version, err);
}

int
chart_head(struct db *db, int64_t *id, char hash[HASH_HEX_LEN], struct err *err)
{
	return event_head(db, id, hash, err);
}

int
chart_clock_behind(struct db *db, int64_t now_ms, int64_t *behind_ms, struct err *err)
{
	char at[CLOCK_UTC_LEN];
	int64_t last;
	*behind_ms = 0;
	if (event_last_at(db, at, err) != ST_OK)
		return err->status;
	if (at[0] != '\0' && clock_parse_utc(at, &last) && last > now_ms)
		*behind_ms = last - now_ms;
	return ST_OK;
}

