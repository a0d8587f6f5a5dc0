/*
 * clock: the one place that reads the time.  Timestamps are stored as UTC
 * ISO 8601 with milliseconds ("2026-11-26T14:05:09.123Z"); local time is only
 * for display and export.  There is deliberately no way to override the clock
 * from inside spinelog: tests fix time from outside with faketime.
 */
#ifndef SPINELOG_CLOCK_H
#define SPINELOG_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define CLOCK_UTC_LEN 25	/* "YYYY-MM-DDTHH:MM:SS.mmmZ" + NUL */
#define CLOCK_DAY_LEN 11	/* "YYYY-MM-DD" + NUL */

struct err;	/* util.h */

/* Now, as a stored timestamp. */
void clock_now(char out[CLOCK_UTC_LEN]);

/* Parse a stored timestamp into milliseconds since the epoch. */
bool clock_parse_utc(const char *s, int64_t *ms);

/* Format milliseconds since the epoch as a stored timestamp. */
void clock_format_utc(int64_t ms, char out[CLOCK_UTC_LEN]);

/* Format a stored timestamp in local time with strftime(3) fmt. */
bool clock_local(const char *utc, const char *fmt, char *out, size_t size);

/* Local ISO 8601 with offset, e.g. "2026-11-26T15:05:09.123+01:00". */
bool clock_local_iso(const char *utc, char *out, size_t size);

/* The local calendar day of now, or of now plus days (negative for past). */
void clock_local_day(int days, char out[CLOCK_DAY_LEN]);

/* A day as a user gives it: YYYY-MM-DD, "today" or "yesterday" (local
 * time).  ST_USAGE when it is none of these. */
int clock_parse_day(const char *s, char out[CLOCK_DAY_LEN], struct err *err);

/* The UTC bounds [lo, hi) of local days from..to (YYYY-MM-DD): local
 * midnight at the start of from and at the end of to (mktime with tm_isdst
 * = -1), so a day of a daylight-saving change is 23 or 25 hours long. */
void clock_day_bounds(const char *from, const char *to, char lo[CLOCK_UTC_LEN],
    char hi[CLOCK_UTC_LEN]);

/* A local date and time "YYYY-MM-DD HH:MM" (24-hour) as milliseconds since
 * the epoch; false when s is not one, or is a time the clock skipped at a
 * daylight-saving change (in the repeated hour of the autumn change, mktime
 * picks one of the two). */
bool clock_parse_local(const char *s, int64_t *ms);

/* Is s a real calendar date YYYY-MM-DD? */
bool clock_valid_date(const char *s);

#endif
