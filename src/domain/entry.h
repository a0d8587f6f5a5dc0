/*
 * entry: what a nurse types, checked before chart.c saves it.
 *
 * Parsers and validators for every item kind (number with its soft range,
 * time of day, vitals, med with lot expiry) and for the new-case fields (MRN,
 * name, date of birth, side, level, proceduralist, scheduled time), which
 * the worklist import checks with the same functions.  Each returns ST_OK or
 * ST_DATAERR with a message that says what to type instead.  Multi-field values (vitals, med)
 * are encoded with buf_kv() into one value; entry_kv_get() reads them
 * back and entry_summary() writes the one-line form the screens show.
 *
 * Domain layer: no curses, never prints.
 */
#ifndef SPINELOG_ENTRY_H
#define SPINELOG_ENTRY_H

#include <stdbool.h>
#include <stdint.h>

#include "checklist.h"
#include "num.h"
#include "util.h"

/* Vitals fields, in the order the dialog asks for them. */
enum vital {
	VIT_SYS, VIT_DIA, VIT_HR, VIT_RR, VIT_SPO2, VIT_TEMP, VIT_PAIN, VIT__COUNT
};

struct vital_def {
	const char *key;	/* in the event value: "sys", "dia", ... */
	const char *label;	/* "BP systolic" */
	const char *unit;	/* "mmHg" */
	bool required;
	bool integer;
	double min, max;	/* hard bounds: outside is a typing error */
	bool has_low, has_high;	/* soft range: outside is flagged, needs acknowledging */
	double low, high;
};
const struct vital_def *entry_vital(enum vital v);

/* Med fields, in the order the dialog asks for them. */
enum med {
	MED_DRUG, MED_DOSE, MED_UNIT, MED_ROUTE, MED_SITE, MED_LOT, MED_EXPIRY,
	MED_TIME, MED_GIVEN_BY, MED_CHECKED_BY, MED__COUNT
};
const char *entry_med_key(enum med m);		/* "drug", "dose", ... */
const char *entry_med_label(enum med m);	/* "Drug", "Dose", ... */

/* Antithrombotic fields, in the order the dialog asks for them. */
enum at_field { AT_DRUG, AT_DOSE, AT_LAST, AT_CRCL, AT__COUNT };
const char *entry_at_key(enum at_field f);	/* "drug", "dose", "last", "crcl" */
const char *entry_at_label(enum at_field f);	/* "Drug", "Dose", "Last dose", "CrCl" */

/* What an antithrombotic entry says, for the hold check (holdtab.h). */
struct at_entry {
	bool none;		/* the drug is "none": no antithrombotic taken */
	int64_t last_ms;	/* the last dose, -1 for "none" */
	bool has_crcl;
	double crcl;		/* mL/min */
};
/* CrCl outside this is a typing error (mL/min). */
#define ENTRY_CRCL_MIN 1
#define ENTRY_CRCL_MAX 250

/*
 * An antithrombotic: in[] the typed fields, now_ms the time of saving.  The
 * drug is "none" (any letter case) or a name; dose is text ("5 mg twice
 * daily"); the last dose is "YYYY-MM-DD HH:MM" (local, not after now) or
 * "none"; CrCl is an optional number in mL/min.  With drug none, dose and
 * last dose are left empty.  On success value holds the buf_kv encoding
 * (drug; dose; last; crcl when given) and *out what the hold check needs; on
 * failure *bad is the field to fix.
 */
int entry_antithrombotic(const char *const in[AT__COUNT], int64_t now_ms, struct buf *value,
    struct at_entry *out, int *bad, struct err *err);

/* A number for a number item, read the same under every locale (num.h):
 * *v its value, text the number as typed (the form to store); *flag is "",
 * "low" or "high" against the item's soft range. */
int entry_number(const char *s, const struct item *it, double *v, char text[NUM_MAX],
    const char **flag, struct err *err);

/* The soft range of a number item in words: "40-150 kg", "3 or less",
 * "20 or more x10^9/L"; "" when it has none. */
void entry_range_text(const struct item *it, char *out, size_t size);

/* A time of day: empty or "now" = now (local), "1430", "14:30", "930", "9:30".
 * out is "HH:MM". */
int entry_time(const char *s, char out[6], struct err *err);

#define ENTRY_WHEN_LEN 17	/* "YYYY-MM-DD HH:MM" + NUL */
#define ENTRY_WHEN_AHEAD_MIN 10	/* a charted time may be this far past now */
#define ENTRY_WHEN_BACK_DAYS 366	/* and at most this many days back */

/*
 * When something happened, as a time item or a medication's time takes it:
 * a time of day as entry_time reads it (empty or "now" = now), optionally
 * after a day: "today", "yesterday" or YYYY-MM-DD ("yesterday 2000",
 * "2026-11-30 07:30").  out is "HH:MM" for today, else "YYYY-MM-DD HH:MM"
 * (local).  A time more than ENTRY_WHEN_AHEAD_MIN minutes after now is
 * refused (the message says how to type an earlier day: "2000" at 08:00
 * meant last night), as is a day more than ENTRY_WHEN_BACK_DAYS back.
 */
int entry_when(const char *s, char out[ENTRY_WHEN_LEN], struct err *err);

/*
 * A stored time value ("HH:MM", on the local day of the entry made at the
 * stored UTC timestamp at, or now when at is NULL, and the day before when
 * that would put it more than ENTRY_WHEN_AHEAD_MIN after the entry: typed
 * before midnight and saved after it; or "YYYY-MM-DD HH:MM") as minutes
 * since the epoch; false when it is neither.
 */
bool entry_when_minutes(const char *value, const char *at, int64_t *minutes);

/* A stored "HH:MM" of an entry made at at that is not of today, with its
 * day ("2026-11-25 08:05"), so that an amendment opened today does not move
 * it to today; false (out untouched) for a time of today or a dated one. */
bool entry_when_dated(const char *value, const char *at, char out[ENTRY_WHEN_LEN]);

/*
 * Vitals: in[] the typed fields.  On success value holds the buf_kv encoding
 * of the filled fields and flag the out-of-soft-range fields ("rr:high,
 * spo2:low", empty when none).  On failure *bad is the field to fix.
 */
int entry_vitals(const char *const in[VIT__COUNT], struct buf *value, struct buf *flag,
    int *bad, struct err *err);

/*
 * Med: in[] the typed fields; today is the local day "YYYY-MM-DD".  The time
 * field is read by entry_when (empty = now; a day may come first).
 * *expired is set when the lot expiry is before today (a month expiry
 * "YYYY-MM" lasts to the month's end); the value is still encoded so the
 * caller can ask for an override reason.  On failure *bad is the field to
 * fix.
 */
int entry_med(const char *const in[MED__COUNT], const char *today, struct buf *value,
    bool *expired, int *bad, struct err *err);

/*
 * New-case fields: the one rule for each, used by the new-case form and the
 * worklist import alike (spinelog(1)).  A message reads both under the
 * field in the form and after the column name in the import ("FILE:LINE:
 * dob: '2999-01-01' is in the future; ..."); a value it quotes is cut to 40
 * bytes.
 *
 * Text (MRN, name, proceduralist) is valid UTF-8 without a control character
 * (text_has_control, util.h), its length counted in characters.
 */
int entry_mrn(const char *s, struct err *err);		/* 1 to 32 characters */
int entry_name(const char *s, struct err *err);		/* 1 to 100 characters */
int entry_proceduralist(const char *s, struct err *err);	/* 1 to 100 characters */

/* A date of birth: YYYY-MM-DD, a real day, not after today and at most
 * ENTRY_DOB_MAX_YEARS years before it. */
#define ENTRY_DOB_MAX_YEARS 130
int entry_dob(const char *s, const char *today, struct err *err);

/*
 * A spinal level: empty (none), one vertebra (C1-C7, T1-T12, L1-L5, S1-S5,
 * or Co for the coccyx) or a range of two, upper first ("L4-L5", "C7-T1",
 * "L5-S1", "S5-Co"; the two need not be next to each other).  Any letter
 * case; out is the written form ("l4-l5" gives "L4-L5").
 */
#define ENTRY_LEVEL_LEN 8	/* "T10-T12" and its NUL */
int entry_level(const char *s, char out[ENTRY_LEVEL_LEN], struct err *err);

/* A side: left, right, bilateral, midline or n/a, in any letter case, or
 * L, R, B, M, NA; empty is n/a.  *canonical is the written form (static). */
int entry_side(const char *s, const char **canonical, struct err *err);
/* The written forms, in the order the form offers them; *n their count. */
const char *const *entry_sides(size_t *n);
/* The routes a med dialog suggests (any other may be typed); *n their count. */
const char *const *entry_routes(size_t *n);

/* A scheduled time typed in the form: s as for entry_time on day
 * "YYYY-MM-DD"; out is "YYYY-MM-DD HH:MM". */
int entry_sched(const char *day, const char *s, char out[17], struct err *err);
/* A whole scheduled time as stored, "YYYY-MM-DD HH:MM" (local, 24-hour). */
int entry_sched_at(const char *s, struct err *err);

/* A staff code: initials or a badge number, 1 to 16 ASCII letters or digits,
 * so that a code is typed the same on every terminal and keyboard. */
int entry_staff_code(const char *s, struct err *err);
/* A required reason (n/a, override, amend, cancel, stop). */
int entry_reason(const char *s, struct err *err);

/* An answer to a choice typed as its number (1 to n), the whole answer or
 * the first letters of only one answer, in any letter case; *index is the
 * answer's.  A whole answer wins over one it begins ("no" of "no|none"). */
int entry_choice(const char *s, const char *const *choices, size_t n, int *index,
    struct err *err);

/* True when s has a control character, which typed text never holds: the
 * rule of text_has_control (util.h), C1 included. */
bool entry_has_control(const char *s);

/* The unescaped value of key in a buf_kv encoding, or NULL; caller frees. */
char *entry_kv_get(const char *value, const char *key);

/* The one-line display form of a stored value of this item kind (vitals as
 * "BP 128/76 HR 72 ...", med as "drug dose unit route ..."); caller frees. */
char *entry_summary(enum item_kind kind, const char *value, const char *unit);

#endif
