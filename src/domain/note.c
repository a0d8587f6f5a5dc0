/* The text rules of notes and addenda (note.h). */
#include "note.h"

#include <string.h>
#include <strings.h>

#include "casestate.h"

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

int
note_reason(const char *s, struct err *err)
{
	if (s == NULL || text_blank(s))
		return err_set(err, ST_DATAERR, "a reason is needed: say why this comes late, e.g. "
		    "'found on ward round'");
	if (note_text(s, err) != ST_OK)
		return err->status;
	return casestate_reason_check(s, err);
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
