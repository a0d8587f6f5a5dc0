/*
 * num: decimal numbers as a person types them, read the same under every
 * locale.  strtod() follows LC_NUMERIC, so under de_DE.UTF-8 it stops at
 * the '.' of "72.5", and printing with %g turns 1234567 into 1.23457e+06;
 * a clinical record must keep what was typed and mean the same everywhere.
 */
#ifndef SPINELOG_NUM_H
#define SPINELOG_NUM_H

#include "util.h"

#define NUM_MAX 24	/* the written form of a number, with its NUL */

/*
 * s: an optional '-', digits, and at most one decimal separator, '.' or ','
 * with digits on both sides (36,8 is 36.8), surrounding spaces allowed.  A
 * comma followed by exactly three digits is refused: 1,250 could be 1250 or
 * 1.25.  On success *v is the value and text the number as typed, with a '.'
 * as separator ("0.50" stays "0.50", "1234567" stays "1234567").
 */
int num_parse(const char *s, double *v, char text[NUM_MAX], struct err *err);

/* strtod(3) in the C locale: '.' is the decimal point whatever LC_NUMERIC
 * says (for text whose syntax the caller has checked). */
double num_strtod(const char *s, char **end);

/* v written without an exponent and without trailing zeros, in the C
 * locale's form: 1234567, 0.5, 1.25 (for bounds and ranges shown). */
void num_format(double v, char out[NUM_MAX]);

#endif
