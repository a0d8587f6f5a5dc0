/* Reading the clock and converting stored UTC timestamps for display. */
#include "clock.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

void
clock_format_utc(int64_t ms, char out[CLOCK_UTC_LEN])
{
	time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
	int frac = (int)(ms - (int64_t)t * 1000);
	struct tm tm;
	char date[32];
	gmtime_r(&t, &tm);
	if (strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm) != 19)
		snprintf(date, sizeof date, "0000-00-00T00:00:00");	/* beyond year 9999 */
	memcpy(out, date, 19);
	out[19] = '.';
	out[20] = (char)('0' + frac / 100 % 10);
	out[21] = (char)('0' + frac / 10 % 10);
	out[22] = (char)('0' + frac % 10);
	out[23] = 'Z';
	out[24] = '\0';
}

void
clock_now(char out[CLOCK_UTC_LEN])
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	clock_format_utc((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000, out);
}

bool
clock_parse_utc(const char *s, int64_t *ms)
{
	struct tm tm = {0};
	int frac = 0, n = 0;

	if (strlen(s) != CLOCK_UTC_LEN - 1 ||
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	    &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &frac, &n) != 7 || n != CLOCK_UTC_LEN - 1)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	*ms = (int64_t)t * 1000 + frac;
	return true;
}

static bool
to_local(const char *utc, struct tm *tm, int *frac)
{
	int64_t ms;
	if (!clock_parse_utc(utc, &ms))
		return false;
	time_t t = (time_t)(ms / 1000);
	*frac = (int)(ms % 1000);
	return localtime_r(&t, tm) != NULL;
}

bool
clock_local(const char *utc, const char *fmt, char *out, size_t size)
{
	struct tm tm;
	int frac;
	if (!to_local(utc, &tm, &frac)) {
		snprintf(out, size, "?");
		return false;
	}
	return strftime(out, size, fmt, &tm) > 0;
}

bool
clock_local_iso(const char *utc, char *out, size_t size)
{
	struct tm tm;
	int frac;
	char date[24], zone[8];
	if (!to_local(utc, &tm, &frac))
		return false;
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(zone, sizeof zone, "%z", &tm);	/* +0100 */
	snprintf(out, size, "%s.%03d%.3s:%.2s", date, frac, zone, zone + 3);
	return true;
}

void
clock_local_day(int days, char out[CLOCK_DAY_LEN])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	tm.tm_mday += days;
	tm.tm_hour = 12;	/* noon: a day-length change cannot skip a date */
	tm.tm_isdst = -1;
	t = mktime(&tm);
	localtime_r(&t, &tm);
	strftime(out, CLOCK_DAY_LEN, "%Y-%m-%d", &tm);
}

int
clock_parse_day(const char *s, char out[CLOCK_DAY_LEN], struct err *err)
{
	if (strcmp(s, "today") == 0)
		clock_local_day(0, out);
	else if (strcmp(s, "yesterday") == 0)
		clock_local_day(-1, out);
	else if (clock_valid_date(s))
		memcpy(out, s, CLOCK_DAY_LEN);
	else
		return err_set(err, ST_USAGE, "'%s' is not a day: give YYYY-MM-DD, 'today' or "
		    "'yesterday'", s);
	return ST_OK;
}

/* Local midnight at the start of day + days, as a stored UTC timestamp. */
static void
local_midnight(const char *day, int days, char out[CLOCK_UTC_LEN])
{
	struct tm tm = {0};
	sscanf(day, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += days;
	tm.tm_isdst = -1;	/* let mktime find whether DST is in force then */
	time_t t = mktime(&tm);
	clock_format_utc((int64_t)t * 1000, out);
}

bool
clock_parse_local(const char *s, int64_t *ms)
{
	struct tm tm = {0};
	int n = 0;
	char day[CLOCK_DAY_LEN];

	if (strlen(s) != 16 || s[10] != ' ' || s[13] != ':')
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!clock_valid_date(day) || strspn(s + 11, "0123456789") != 2 ||
	    strspn(s + 14, "0123456789") != 2)
		return false;
	if (sscanf(s, "%4d-%2d-%2d %2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
	    &tm.tm_min, &n) != 5 || n != 16 || tm.tm_hour > 23 || tm.tm_min > 59)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;	/* whether DST was in force then */
	struct tm want = tm;
	time_t t = mktime(&tm);
	/* mktime moves a time the clock skipped (02:30 on a spring-forward
	 * night) to a real one: that is no time the clock showed */
	if (t == (time_t)-1 || tm.tm_hour != want.tm_hour || tm.tm_min != want.tm_min ||
	    tm.tm_mday != want.tm_mday)
		return false;
	*ms = (int64_t)t * 1000;
	return true;
}

void
clock_day_bounds(const char *from, const char *to, char lo[CLOCK_UTC_LEN],
    char hi[CLOCK_UTC_LEN])
{
	local_midnight(from, 0, lo);
	local_midnight(to, 1, hi);
}

bool
clock_valid_date(const char *s)
{
	int y, m, d, n = 0;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return false;
	if (y < 1800 || m < 1 || m > 12 || d < 1)
		return false;
	int max = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	return d <= max;
}
