/*
 * Unit tests of the action table (src/ui/ui_keys.c), linked alone: the table
 * uses no curses, and this test links neither ncurses nor the library.  The
 * table is declared [ACT__COUNT], so the compiler cannot see a forgotten row
 * (it is a row of zeros); these tests can, and they check that no key means
 * two things on one screen and that ui_keys_lookup says what the table says.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ui_keys.h"
#include "util.h"

/* The contexts of each screen descriptor (struct screen in src/ui): a screen
 * with a list adds CTX_LIST to its own, so its keys meet the list keys. */
static const unsigned screens[] = {
	CTX_SIGNIN,			/* scr_signin */
	CTX_WORKLIST | CTX_LIST,	/* scr_worklist */
	CTX_CASE | CTX_LIST,		/* scr_case */
	CTX_TIMEOUT,			/* scr_timeout */
	CTX_HISTORY | CTX_LIST,		/* scr_history */
	CTX_HELP | CTX_LIST,		/* scr_help */
	CTX_LOCK,			/* scr_lock */
	CTX_SUMMARY | CTX_LIST,		/* scr_summary */
	CTX_FORM,			/* ui_form */
	CTX_PICK | CTX_LIST,		/* ui_pick */
	CTX_CONFIRM | CTX_LIST,		/* ui_confirm */
	CTX_ALERT | CTX_LIST,		/* ui_alert */
	CTX_ARM | CTX_LIST,		/* ui_arm */
};

static size_t
nkeys(const struct action_def *d)
{
	size_t n = 0;
	while (n < ARRAY_SIZE(d->keys) && d->keys[n])
		n++;
	return n;
}

static bool
printable(int key)
{
	return key >= ' ' && key < UK_BASE && key != 0x7f;
}

/* Does the action apply on a screen of these contexts? */
static bool
applies(const struct action_def *d, unsigned ctx)
{
	return (d->ctx & (ctx | CTX_ALL)) != 0;
}

static bool
share_key(const struct action_def *d, const struct action_def *e)
{
	for (size_t i = 0; i < nkeys(d); i++)
		for (size_t j = 0; j < nkeys(e); j++)
			if (d->keys[i] == e->keys[j])
				return true;
	return false;
}

/* Every action has a row: keys, contexts the help lists, names and help. */
static void
test_every_action_has_a_row(void **state)
{
	(void)state;
	unsigned known = 0;
	for (size_t c = 0; c < ui_ncontexts; c++)
		known |= ui_contexts[c].ctx;
	for (int a = 1; a < ACT__COUNT; a++) {
		const struct action_def *d = &ui_actions[a];
		if (d->keys[0] == 0 || d->ctx == 0 || d->keyname == NULL || d->help == NULL)
			fail_msg("action %d: a row with no keys, context, key name or help", a);
		assert_true(d->keyname[0] != '\0');
		assert_true(d->help[0] != '\0');
		if (d->label != NULL)
			assert_true(d->label[0] != '\0');
		if ((d->ctx & ~known) != 0)
			fail_msg("action %d (%s): a context the help and man page do not list",
			    a, d->keyname);
		for (size_t i = nkeys(d); i < ARRAY_SIZE(d->keys); i++)
			assert_int_equal(d->keys[i], 0);	/* nothing after the end */
	}
}

/* No two actions whose contexts meet share a key, as contexts and as the
 * screens combine them; nor does one action list a key twice. */
static void
test_no_key_twice(void **state)
{
	(void)state;
	for (int a = 1; a < ACT__COUNT; a++) {
		const struct action_def *d = &ui_actions[a];
		for (size_t i = 0; i < nkeys(d); i++)
			for (size_t j = i + 1; j < nkeys(d); j++)
				assert_int_not_equal(d->keys[i], d->keys[j]);
		for (int b = a + 1; b < ACT__COUNT; b++) {
			const struct action_def *e = &ui_actions[b];
			bool meet = (d->ctx & e->ctx) || ((d->ctx | e->ctx) & CTX_ALL);
			for (size_t s = 0; s < ARRAY_SIZE(screens); s++)
				meet = meet || (applies(d, screens[s]) && applies(e, screens[s]));
			if (meet && share_key(d, e))
				fail_msg("%s (action %d) and %s (action %d) share a key on one screen",
				    d->keyname, a, e->keyname, b);
		}
	}
}

/* The lookup finds each key's action in each of its contexts and on each
 * screen it applies to; in a screen with text, a character is typed. */
static void
test_lookup_follows_the_table(void **state)
{
	(void)state;
	for (int a = 1; a < ACT__COUNT; a++) {
		const struct action_def *d = &ui_actions[a];
		for (size_t i = 0; i < nkeys(d); i++) {
			int k = d->keys[i];
			for (size_t c = 0; c < ui_ncontexts; c++) {
				unsigned ctx = ui_contexts[c].ctx;
				if (!applies(d, ctx))
					continue;
				assert_int_equal(ui_keys_lookup(ctx, k, false), a);
				assert_int_equal(ui_keys_lookup(ctx, k, true),
				    printable(k) ? ACT_NONE : a);
			}
			for (size_t s = 0; s < ARRAY_SIZE(screens); s++)
				if (applies(d, screens[s]))
					assert_int_equal(ui_keys_lookup(screens[s], k, false), a);
		}
	}
	/* a key no action has is no action anywhere */
	for (size_t s = 0; s < ARRAY_SIZE(screens); s++) {
		assert_int_equal(ui_keys_lookup(screens[s], 'z', false), ACT_NONE);
		assert_int_equal(ui_keys_lookup(screens[s], UK_RESIZE, false), ACT_NONE);
	}
}

/* The keys the forms and pick lists used to compare by hand. */
static void
test_form_and_pick_keys(void **state)
{
	(void)state;
	/* letters that are keys elsewhere are typed into a field */
	const int typed[] = {'j', 'k', 'q', 'g', 'G', 'n', 'y', 'L', ' ', '?', '1', '/'};
	for (size_t i = 0; i < ARRAY_SIZE(typed); i++)
		assert_int_equal(ui_keys_lookup(CTX_FORM, typed[i], true), ACT_NONE);
	assert_int_equal(ui_keys_lookup(CTX_FORM, UK_BACKSPACE, true), ACT_DEL_BACK);
	assert_int_equal(ui_keys_lookup(CTX_FORM, UK_DEL, true), ACT_DEL_CHAR);
	assert_int_equal(ui_keys_lookup(CTX_FORM, UK_HOME, true), ACT_LINE_START);
	assert_int_equal(ui_keys_lookup(CTX_FORM, UK_END, true), ACT_LINE_END);
	assert_int_equal(ui_keys_lookup(CTX_FORM, UK_CTRL_U, true), ACT_CLEAR_FIELD);
	assert_int_equal(ui_keys_lookup(CTX_FORM, UK_F1, true), ACT_HELP);
	/* a fixed choice looks a character up again, as a screen without text */
	assert_int_equal(ui_keys_lookup(CTX_FORM, ' ', false), ACT_CYCLE_CHOICE);
	assert_int_equal(ui_keys_lookup(CTX_FORM, 'j', false), ACT_NONE);
	/* '?' in an empty field: the keys of every screen, and no other */
	assert_int_equal(ui_keys_lookup(CTX_ALL, '?', false), ACT_HELP);
	assert_int_equal(ui_keys_lookup(CTX_ALL, ' ', false), ACT_NONE);
	assert_int_equal(ui_keys_lookup(CTX_ALL, 'q', false), ACT_NONE);
	/* Home and End: the line in a form, the list elsewhere */
	assert_int_equal(ui_keys_lookup(CTX_WORKLIST | CTX_LIST, UK_HOME, false), ACT_FIRST);
	assert_int_equal(ui_keys_lookup(CTX_PICK | CTX_LIST, UK_END, false), ACT_LAST);
	/* digits pick in a pick list, and nowhere else */
	for (int k = '1'; k <= '9'; k++) {
		assert_int_equal(ui_keys_lookup(CTX_PICK | CTX_LIST, k, false), ACT_PICK_N);
		assert_int_equal(ui_keys_lookup(CTX_WORKLIST | CTX_LIST, k, false), ACT_NONE);
	}
	assert_int_equal(ui_keys_lookup(CTX_PICK | CTX_LIST, '0', false), ACT_NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_action_has_a_row),
		cmocka_unit_test(test_no_key_twice),
		cmocka_unit_test(test_lookup_follows_the_table),
		cmocka_unit_test(test_form_and_pick_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
