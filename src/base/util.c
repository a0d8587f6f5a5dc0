/* Allocation, the fatal-error path, error records, small buffers and UTF-8 text. */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uniwidth.h>

static void (*cleanup_hook)(void);

int
err_set(struct err *err, int status, const char *fmt, ...)
{
	if (err != NULL) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->status = status;
	}
	return status;
}

int
err_append(struct err *err, const char *fmt, ...)
{
	size_t n = strlen(err->msg);
	if (n + 1 < sizeof err->msg) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg + n, sizeof err->msg - n, fmt, ap);
		va_end(ap);
	}
	return err->status;
}

void
die_set_cleanup(void (*fn)(void))
{
	cleanup_hook = fn;
}

void
die(const char *fmt, ...)
{
	va_list ap;

	if (cleanup_hook != NULL) {
		void (*fn)(void) = cleanup_hook;
		cleanup_hook = NULL;
		fn();
	}
	fputs("spinelog: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(ST_SOFTWARE);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		die("out of memory (%zu x %zu bytes)", n, size);
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("bad format string %s", fmt);
	char *p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

void
buf_append(struct buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("bad format string %s", fmt);
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf_append(b, s, (size_t)n);
	free(s);
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_kv(struct buf *b, const char *key, const char *value)
{
	if (b->len > 0)
		buf_puts(b, "; ");
	buf_puts(b, key);
	buf_puts(b, "=");
	for (const char *p = value ? value : ""; *p; p++) {
		if (*p == '\\' || *p == ';')
			buf_append(b, "\\", 1);
		buf_append(b, p, 1);
	}
}

bool
utf8_valid(const char *s, size_t n)
{
	return utf8_invalid_at(s, n) == n;
}

size_t
utf8_invalid_at(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t len;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			len = 2, cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			len = 3, cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			len = 4, cp = c & 0x07;
		} else {
			return i;
		}
		if (i + len > n)
			return i;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += len;
	}
	return n;
}

size_t
utf8_chars(const char *s)
{
	size_t n = 0;
	for (const unsigned char *u = (const unsigned char *)s; *u; u++)
		n += (*u & 0xC0) != 0x80;
	return n;
}

size_t
text_control_at(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	for (; u[i]; i++) {
		if (u[i] < 0x20 || u[i] == 0x7f)
			break;
		if (u[i] == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F)
			break;
	}
	return i;
}

bool
text_has_control(const char *s)
{
	return s[text_control_at(s)] != '\0';
}

/* One UTF-8 sequence, whatever the locale; '?' (one byte) when invalid. */
const char *
utf8_next(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	int n = u[0] < 0x80 ? 1 : (u[0] >> 5) == 6 ? 2 : (u[0] >> 4) == 14 ? 3 :
	    (u[0] >> 3) == 30 ? 4 : 0;
	if (n == 0 || !utf8_valid(s, (size_t)n)) {
		*cp = '?';
		return s + 1;
	}
	*cp = n == 1 ? u[0] : n == 2 ? u[0] & 0x1f : n == 3 ? u[0] & 0x0f : u[0] & 0x07;
	for (int i = 1; i < n; i++)
		*cp = (*cp << 6) | (u[i] & 0x3f);
	return s + n;
}

/* Characters that draw nothing or reorder what follows: soft hyphen,
 * combining grapheme joiner, Arabic letter mark, Hangul fillers, Mongolian
 * vowel separator, zero-width space/joiners and direction marks, the bidi
 * embeddings, overrides and isolates, word joiner and invisible operators,
 * the byte-order mark, interlinear annotation marks. */
static bool
invisible(uint32_t c)
{
	return c == 0xAD || c == 0x34F || c == 0x61C || c == 0x115F || c == 0x1160 ||
	    c == 0x17B4 || c == 0x17B5 || c == 0x180E || (c >= 0x200B && c <= 0x200F) ||
	    (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) || c == 0x3164 ||
	    c == 0xFEFF || c == 0xFFA0 || (c >= 0xFFF9 && c <= 0xFFFB);
}

/* Characters that show as empty space. */
static bool
blank_char(uint32_t c)
{
	return c == ' ' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	    c == 0x202F || c == 0x205F || c == 0x3000 || invisible(c);
}

const char *
text_invisible(const char *s)
{
	for (const char *p = s; *p; ) {
		uint32_t c;
		const char *next = utf8_next(p, &c);
		if (invisible(c))
			return p;
		p = next;
	}
	return NULL;
}

bool
text_blank(const char *s)
{
	for (const char *p = s; *p; ) {
		uint32_t c;
		p = utf8_next(p, &c);
		if (!blank_char(c))
			return false;
	}
	return true;
}

void
text_escape(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);

	for (size_t i = 0; i < n; ) {
		/* The longest run that is valid UTF-8 and free of controls. */
		size_t ok = utf8_invalid_at((const char *)u + i, n - i);
		size_t ctl = text_control_at((const char *)u + i);
		size_t run = ok < ctl ? ok : ctl;
		buf_append(b, u + i, run);
		i += run;
		if (i >= n)
			break;
		/* A C1 control is two bytes (0xC2 0x80-0x9F); the rest one. */
		size_t bad = u[i] == 0xC2 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F ? 2 : 1;
		for (size_t k = 0; k < bad; k++, i++) {
			char esc[4] = {'\\', 'x', hex[u[i] >> 4], hex[u[i] & 0xF]};
			buf_append(b, esc, sizeof esc);
		}
	}
	buf_append(b, "", 0);
}

bool
text_int64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	int64_t v = 0;

	if (*s == '\0')
		return false;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		int d = *p - '0';
		if (v > (INT64_MAX - d) / 10)
			return false;	/* past any int64_t, so past max */
		v = v * 10 + d;
	}
	if (v < min || v > max)
		return false;
	*out = v;
	return true;
}

int
mkdir_p(const char *path, unsigned mode, struct err *err)
{
	char *p = xstrdup(path);
	int rc = ST_OK;

	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, mode) != 0 && errno != EEXIST) {
			rc = err_set(err, errno == EACCES || errno == EROFS ? ST_CANTCREAT : ST_IOERR,
			    "cannot create folder %s: %s", p, strerror(errno));
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

int
text_cp_width(uint32_t cp)
{
	int w = uc_width(cp, "UTF-8");
	return w < 0 ? 1 : w;
}

size_t
text_width(const char *s)
{
	size_t w = 0;
	uint32_t cp;

	while (*s) {
		s = utf8_next(s, &cp);
		w += (size_t)text_cp_width(cp);
	}
	return w;
}

size_t
text_fit(const char *s, size_t cols, size_t *width)
{
	const char *p = s;
	size_t w = 0;
	uint32_t cp;

	while (*p) {
		const char *next = utf8_next(p, &cp);
		size_t cw = (size_t)text_cp_width(cp);
		/* a zero-width mark after a character that did not fit stops
		 * here too: it is cut off with the character it marks */
		if (w + cw > cols)
			break;
		w += cw;
		p = next;
	}
	if (width != NULL)
		*width = w;
	return (size_t)(p - s);
}

size_t
buf_cols(struct buf *b, const char *s, size_t cols, bool pad)
{
	size_t w = text_width(s);

	if (w <= cols) {
		buf_puts(b, s);
	} else if (cols < 3) {
		buf_append(b, s, text_fit(s, cols, &w));
	} else {
		buf_append(b, s, text_fit(s, cols - 3, &w));
		buf_puts(b, "...");
		w += 3;
	}
	for (; pad && w < cols; w++)
		buf_append(b, " ", 1);
	return w;
}
