/* Unit tests of the text helpers in base/util.c: UTF-8 validity, character
 * counts and the one control-character rule (no curses linked). */
#include "testutil.h"

static void
test_utf8_chars(void **state)
{
	(void)state;
	assert_int_equal(utf8_chars(""), 0);
	assert_int_equal(utf8_chars("abc"), 3);
	assert_int_equal(utf8_chars("Ä"), 1);				/* 2 bytes */
	assert_int_equal(utf8_chars("NGUYỄN Thị Ánh"), 14);		/* 3-byte letters */
	assert_int_equal(utf8_chars("\xf0\x9f\x98\x80"), 1);		/* U+1F600, 4 bytes */
	assert_int_equal(utf8_chars("e\xcc\x81"), 2);			/* e + combining acute */
	char s[512] = "";
	for (int i = 0; i < 101; i++)
		strcat(s, "Ä");
	assert_int_equal(strlen(s), 202);
	assert_int_equal(utf8_chars(s), 101);
}

static void
test_utf8_valid(void **state)
{
	(void)state;
	static const char *const good[] = {"", "abc", "MÜLLER", "\xef\xbb\xbf", "\xf4\x8f\xbf\xbf"};
	static const char *const bad[] = {
		"M\xfcller",		/* Latin-1 */
		"\xc0\xaf",		/* overlong '/' */
		"\xed\xa0\x80",		/* surrogate U+D800 */
		"\xf4\x90\x80\x80",	/* past U+10FFFF */
		"ab\xc3",		/* cut short */
		"\x9b",			/* a lone continuation byte (CSI in Latin-1) */
	};
	for (size_t i = 0; i < ARRAY_SIZE(good); i++)
		assert_true(utf8_valid(good[i], strlen(good[i])));
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		assert_false(utf8_valid(bad[i], strlen(bad[i])));
	assert_int_equal(utf8_invalid_at("ab\xc3", 3), 2);
}

static void
test_text_control(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t at;	/* the first control character, or strlen(s) */
	} cases[] = {
		{"", 0},
		{"MÜLLER, Anna", 13},
		{"a\tb", 1},			/* C0: tab */
		{"a\nb", 1},			/* C0: line feed */
		{"\x1b[2J", 0},			/* C0: ESC */
		{"\x01", 0},
		{"\x1f", 0},
		{" ", 1},			/* space is text */
		{"ab\x7f", 2},			/* DEL */
		{"ab\xc2\x80", 2},		/* C1: U+0080, the first */
		{"ab\xc2\x85", 2},		/* C1: U+0085 NEL */
		{"DOE\xc2\x9b" "31m", 3},	/* C1: U+009B CSI */
		{"\xc2\x9f", 0},		/* C1: U+009F, the last */
		{"\xc2\xa0", 2},		/* U+00A0 no-break space: not a control */
		{"\xc3\x9b", 2},		/* U+00DB: 0x9B as a continuation byte */
		{"\xe2\x80\x9b", 3},		/* U+201B: the same */
		{"Ánh\xc2\x9b", 4},
		{"ab\xc2", 3},			/* cut short: invalid UTF-8, not a control */
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t at = text_control_at(cases[i].s);
		if (at != cases[i].at)
			fail_msg("case %zu: control at %zu, expected %zu", i, at, cases[i].at);
		assert_int_equal(text_has_control(cases[i].s), cases[i].at < strlen(cases[i].s));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_chars),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_text_control),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
