/* host: who and where, as the log records them; nothing from the environment
 * reaches the log (or a terminal showing it) as a control character. */
#include "testutil.h"

#include "host.h"

static void
test_ssh_peer_keeps_only_the_address(void **state)
{
	(void)state;
	/* set before the first call: host_terminal() reads it once */
	assert_int_equal(setenv("SSH_CONNECTION", "10.0.0.7\033]0;owned\a\033]52;c;ZXZpbA==\a"
	    " 5555 10.0.0.1 22", 1), 0);
	const char *t = host_terminal();
	assert_non_null(strstr(t, " ssh 10.0.0.7"));
	assert_null(strstr(t, "owned"));
	for (const char *p = t; *p; p++) {
		assert_true((unsigned char)*p >= 0x20);
		assert_true((unsigned char)*p < 0x7f);
	}
}

static void
test_user_is_named(void **state)
{
	(void)state;
	assert_true(strlen(host_user()) > 0);
	assert_string_equal(host_user(), host_user());	/* read once, kept */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ssh_peer_keeps_only_the_address),
		cmocka_unit_test(test_user_is_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
