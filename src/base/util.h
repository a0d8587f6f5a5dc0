/*
 * Small helpers shared by every layer: allocation that cannot fail silently,
 * the fatal-error path, and the error record that expected failures fill in.
 *
 * Errors come in three tiers (STYLE.md): bugs and out-of-memory call die();
 * expected failures return a status (a sysexits code, 0 = ok) and fill a
 * struct err; only the UI or main.c decides how to word them.
 */
#ifndef SPINELOG_UTIL_H
#define SPINELOG_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Status codes: the sysexits.h values, so that a status is also an exit code. */
enum status {
	ST_OK = 0,
	ST_FAULT = 1,		/* verify/check found a fault */
	ST_USAGE = 64,
	ST_DATAERR = 65,
	ST_NOINPUT = 66,
	ST_SOFTWARE = 70,
	ST_CANTCREAT = 73,
	ST_IOERR = 74,
	ST_TEMPFAIL = 75,	/* database busy past the timeout */
	ST_NOPERM = 77,
	ST_CONFIG = 78,
};

/* Functions that take a struct err require it non-NULL. */
struct err {
	int status;		/* enum status */
	char msg[1024];
};

/* Fill err (if not NULL) and return status. */
int err_set(struct err *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Add to err's message (what a failure means, what to do), keeping its
 * status; returns the status. */
int err_append(struct err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The UI registers a hook that restores the terminal before die() reports. */
void die_set_cleanup(void (*fn)(void));
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer (always NUL-terminated). */
struct buf {
	char *data;
	size_t len, cap;
};
void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);
/* Append "key=value", after "; " unless b is empty, with '\' and ';' in value
 * escaped by a '\': an injective encoding of several fields in one event
 * value that stays readable in the CSV export. */
void buf_kv(struct buf *b, const char *key, const char *value);

/* True when s is valid UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t n);
/* The offset of the first byte that is not valid UTF-8, or n. */
size_t utf8_invalid_at(const char *s, size_t n);
/* The number of characters (code points) in s, which should be valid UTF-8:
 * each byte that does not continue a sequence starts a character. */
size_t utf8_chars(const char *s);

/*
 * Control characters are never accepted in text, whether typed, imported or
 * read from a checklist file: C0 (U+0000-U+001F, tab and line breaks
 * included), DEL (U+007F) and C1 (U+0080-U+009F, two bytes 0xC2 0x80-0x9F
 * in UTF-8).  A terminal acts on C1 as it does on ESC sequences (U+009B is
 * CSI, the same as ESC [), so they are refused like C0.
 *
 * text_control_at: the offset of the first control character in s, or
 * strlen(s) when there is none.
 */
size_t text_control_at(const char *s);
bool text_has_control(const char *s);
/* The code point at s and the position after it, whatever the locale; '?'
 * and one byte for an invalid sequence. */
const char *utf8_next(const char *s, uint32_t *cp);
/* In valid UTF-8 s: the first character that draws nothing or reorders the
 * text around it (zero-width, bidi controls, BOM, soft hyphen...), or NULL:
 * in an identifier such a character makes two different texts look alike. */
const char *text_invisible(const char *s);
/* s shows as nothing but space (spaces of every width, or invisible only). */
bool text_blank(const char *s);

/*
 * Append s to b as it may be shown on a terminal: every byte of a control
 * character (the C0, DEL and C1 of text_control_at) and every byte that is
 * not part of valid UTF-8 becomes "\xNN" (two lower-case hex digits), so that
 * a file name holding ESC ] 0 ; ... BEL prints as text and sets no window
 * title.  Everything else, accented letters included, is kept as it is.
 */
void text_escape(struct buf *b, const char *s);

/*
 * Widths in terminal columns, not characters or bytes: a CJK character or
 * most emoji take two columns, a combining mark none.  From Unicode's East
 * Asian Width and general category through libunistring (uc_width), the same
 * whatever the locale, so that a report printed from cron is laid out as on
 * the ward's terminals.  Ambiguous-width characters count one column, as a
 * UTF-8 terminal shows them.  A control character and a byte that is not
 * valid UTF-8 count one column: the '?' they are shown as.
 *
 * text_cp_width: the columns of one code point (0, 1 or 2).
 * text_width:    the columns of s.
 * text_fit:      the length in bytes of the longest start of s that fits in
 *                cols columns, never splitting a character; a zero-width
 *                character (a combining mark) stays with the one before it.
 *                *width (if not NULL) gets the columns of that start.
 * buf_cols:      append s to b in at most cols columns, cut with "..." when
 *                wider, then, when pad, spaces up to exactly cols; returns the
 *                columns appended.
 */
int text_cp_width(uint32_t cp);
size_t text_width(const char *s);
size_t text_fit(const char *s, size_t cols, size_t *width);
size_t buf_cols(struct buf *b, const char *s, size_t cols, bool pad);

/*
 * A whole number as a user types it: one or more ASCII digits and nothing
 * else (no sign, no spaces, no "0x"), from min to max (min >= 0), without
 * overflow.  True and *out set, or false with *out untouched.
 */
bool text_int64(const char *s, int64_t min, int64_t max, int64_t *out);

/* Create a folder and its missing parents with the given mode. */
int mkdir_p(const char *path, unsigned mode, struct err *err);

#endif
