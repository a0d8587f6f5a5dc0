/* Widths in terminal columns (util.c): CJK, combining marks, emoji, and
 * cutting and padding to a number of columns without splitting a character. */
#include "testutil.h"

static void
test_width(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t cols;
	} cases[] = {
		{"", 0},
		{"abc", 3},
		{"M\xc3\x9cLLER", 6},				/* Ü: one column */
		{"\xe5\xb1\xb1\xe7\x94\xb0", 4},		/* 山田: two wide */
		{"\xe4\xbb\x99\xe9\xaa\xa8\xe6\xb3\xa8\xe5\xb0\x84", 8},	/* 仙骨注射 */
		{"\xed\x95\x9c\xea\xb8\x80", 4},		/* 한글: Hangul syllables */
		{"\xef\xbc\xa1", 2},				/* U+FF21 fullwidth A */
		{"\xef\xbd\xb1", 1},				/* U+FF71 halfwidth katakana */
		{"e\xcc\x81", 1},				/* e + U+0301 combining acute */
		{"Nguy\xe1\xbb\x85n", 6},			/* ễ precomposed */
		{"Nguye\xcc\x82\xcc\x83n", 6},			/* ễ as e + two marks */
		{"\xf0\x9f\x98\x80", 2},			/* U+1F600 emoji */
		{"ok \xf0\x9f\x91\x8d", 5},			/* U+1F44D thumbs up */
		{"a\xe2\x80\x8b" "b", 2},			/* U+200B zero-width space */
		{"\xc2\xb1", 1},				/* ± ambiguous: one in UTF-8 */
		{"a\x01" "b", 3},				/* control: its '?' */
		{"a\xff" "b", 3},				/* invalid byte: its '?' */
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t w = text_width(cases[i].s);
		if (w != cases[i].cols)
			fail_msg("case %zu: %zu columns, expected %zu", i, w, cases[i].cols);
	}
}

static void
test_fit(void **state)
{
	(void)state;
	const char *cjk = "\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa";	/* 山田太: 6 columns */
	size_t w;

	assert_int_equal(text_fit(cjk, 6, &w), 9);
	assert_int_equal(w, 6);
	/* 5 columns: the third wide character does not fit, and is not split */
	assert_int_equal(text_fit(cjk, 5, &w), 6);
	assert_int_equal(w, 4);
	assert_int_equal(text_fit(cjk, 1, &w), 0);
	assert_int_equal(w, 0);
	/* a combining mark stays with its letter */
	assert_int_equal(text_fit("ae\xcc\x81z", 2, &w), 4);
	assert_int_equal(w, 2);
	/* ...and goes with it when the letter is cut */
	assert_int_equal(text_fit("\xe5\xb1\xb1\xcc\x81z", 1, &w), 0);
	assert_int_equal(text_fit("\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 3, &w), 4);
	assert_int_equal(w, 2);
	assert_int_equal(text_fit("abc", 10, NULL), 3);
}

static void
test_buf_cols(void **state)
{
	(void)state;
	struct buf b = {0};

	/* padded to exact columns, not bytes */
	assert_int_equal(buf_cols(&b, "\xe5\xb1\xb1\xe7\x94\xb0", 8, true), 8);
	assert_string_equal(b.data, "\xe5\xb1\xb1\xe7\x94\xb0    ");
	assert_int_equal(text_width(b.data), 8);
	b.len = 0;
	/* cut with "...": 7 columns hold two wide characters, then the dots */
	assert_int_equal(buf_cols(&b, "\xe4\xbb\x99\xe9\xaa\xa8\xe6\xb3\xa8\xe5\xb0\x84", 7,
	    false), 7);
	assert_string_equal(b.data, "\xe4\xbb\x99\xe9\xaa\xa8...");
	b.len = 0;
	/* an odd width leaves a column the padding fills */
	assert_int_equal(buf_cols(&b, "\xe4\xbb\x99\xe9\xaa\xa8\xe6\xb3\xa8\xe5\xb0\x84", 6,
	    true), 6);
	assert_string_equal(b.data, "\xe4\xbb\x99... ");
	b.len = 0;
	assert_int_equal(buf_cols(&b, "abc", 2, false), 2);
	assert_string_equal(b.data, "ab");
	b.len = 0;
	assert_int_equal(buf_cols(&b, "e\xcc\x81t\xc3\xa9", 4, true), 4);
	assert_string_equal(b.data, "e\xcc\x81t\xc3\xa9 ");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_buf_cols),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
