/* The text rules of notes and addenda (note.h). */
#include "note.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

int
note_text(const char *s, struct err *err)
{
	if (s == NULL || text_blank(s))
		return err_set(err, ST_DATAERR, "the text is empty; type what is to be recorded");
	if (!utf8_valid(s, strlen(s)))
		return err_set(err, ST_DATAERR, "not UTF-8 text; retype it");
	if (text_has_control(s))
		return err_set(err, ST_DATAERR, "a control character (tab, line break, escape...) "
		    "is not allowed; remove it");
	const char *bad = text_invisible(s);
	if (bad != NULL) {
		uint32_t c;
		utf8_next(bad, &c);
		return err_set(err, ST_DATAERR, "an invisible character (U+%04X) is not allowed; "
		    "retype it", (unsigned)c);
	}
	size_t n = utf8_chars(s);
	if (n > NOTE_MAX)
		return err_set(err, ST_DATAERR, "too long: %zu characters, at most %d fit; say it "
		    "shorter", n, NOTE_MAX);
	return ST_OK;
}

/* A letter: an ASCII letter, or any character beyond ASCII (accented and
 * other scripts; punctuation beyond ASCII is rare in typed reasons). */
static bool
letter(uint32_t c)
{
	return c < 0x80 ? isalpha((int)c) != 0 : c >= 0xC0;
}

int
note_reason(const char *s, struct err *err)
{
	if (s == NULL || text_blank(s))
		return err_set(err, ST_DATAERR, "a reason is needed: say why this comes late, e.g. "
		    "'found on ward round'");
	if (note_text(s, err) != ST_OK)
		return err->status;
	int words = 0, letters = 0;
	bool in_word = false, word_has_letter = false;
	for (const char *p = s; *p;) {
		uint32_t c;
		p = utf8_next(p, &c);
		if (c == ' ') {
			words += in_word && word_has_letter;
			in_word = word_has_letter = false;
			continue;
		}
		in_word = true;
		if (letter(c)) {
			letters++;
			word_has_letter = true;
		}
	}
	words += in_word && word_has_letter;
	if (words < NOTE_REASON_WORDS || letters < NOTE_REASON_LETTERS)
		return err_set(err, ST_DATAERR, "the reason is too short: say why in at least %d "
		    "words and %d letters, e.g. 'found on ward round'", NOTE_REASON_WORDS,
		    NOTE_REASON_LETTERS);
	return ST_OK;
}

bool
note_asked(const struct item *it, const char *value)
{
	static const char tail[] = "in a note";
	if (it == NULL || it->kind != KIND_CHOICE || value == NULL)
		return false;
	size_t n = strlen(value), t = sizeof tail - 1;
	return n >= t && strcasecmp(value + n - t, tail) == 0;
}
