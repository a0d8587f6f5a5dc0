/* Locale-independent decimal numbers (num.h). */
#include "num.h"

#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The C locale for LC_NUMERIC, made once: strtod and snprintf then read and
 * write '.' whatever setlocale() chose for the program. */
static locale_t
c_numeric(void)
{
	static locale_t c;
	if (c == (locale_t)0)
		c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (c == (locale_t)0)
		die("out of memory (newlocale)");
	return c;
}

int
num_parse(const char *s, double *v, char text[NUM_MAX], struct err *err)
{
	size_t n = 0, after = 0;
	bool digits = false;
	char sep = 0;
	const char *p = s;

	while (*p == ' ')
		p++;
	if (*p == '-')
		text[n++] = *p++;
	for (; *p != '\0' && *p != ' '; p++) {
		if (n + 1 >= NUM_MAX)
			return err_set(err, ST_DATAERR, "'%.30s...' is too long for a number", s);
		if (*p >= '0' && *p <= '9') {
			text[n++] = *p;
			digits = true;
			after += sep != 0;
		} else if ((*p == '.' || *p == ',') && sep == 0 && digits) {
			sep = *p;
			text[n++] = '.';
		} else {
			return err_set(err, ST_DATAERR, "'%s' is not a number; type digits with at most "
			    "one decimal point, e.g. 12 or 0.5", s);
		}
	}
	while (*p == ' ')
		p++;
	if (*p != '\0' || !digits || (sep != 0 && after == 0))
		return err_set(err, ST_DATAERR, "'%s' is not a number; type digits with at most "
		    "one decimal point, e.g. 12 or 0.5", s);
	text[n] = '\0';
	if (sep == ',' && after == 3) {
		size_t dot = strcspn(text, ".");
		return err_set(err, ST_DATAERR, "'%s' could mean %.*s%s or %s: type it without a "
		    "thousands separator, or with a decimal point", s, (int)dot, text,
		    text + dot + 1, text);
	}
	*v = num_strtod(text, NULL);
	if (!isfinite(*v))
		return err_set(err, ST_DATAERR, "'%s' is too large a number", s);
	return ST_OK;
}

double
num_strtod(const char *s, char **end)
{
	locale_t old = uselocale(c_numeric());
	double v = strtod(s, end);
	uselocale(old);
	return v;
}

void
num_format(double v, char out[NUM_MAX])
{
	locale_t old = uselocale(c_numeric());
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(out, NUM_MAX, "%.0f", v);
	else {
		snprintf(out, NUM_MAX, "%.6f", v);
		char *e = out + strlen(out);
		while (e > out && e[-1] == '0')
			*--e = '\0';
		if (e > out && e[-1] == '.')
			e[-1] = '\0';
	}
	uselocale(old);
}
