/*
 * Unit tests of the hash chain's canonical encoding (event_hash): it must be
 * exactly the form spinelog(1), HASH CHAIN documents, so that an auditor can
 * recompute it from the CSV export: prev_hash, then each field as a netstring
 * "<byte length>:<bytes>,".  The reference here builds that string the plain
 * way and hashes it in one piece; event_hash writes it through its own
 * buffer, so fields longer than that buffer and integers of every shape are
 * covered too.
 */
#include "testutil.h"

#include <inttypes.h>

#include "event.h"

static void
ref_text(struct buf *b, const char *s)
{
	buf_printf(b, "%zu:", s ? strlen(s) : 0);
	buf_puts(b, s ? s : "");
	buf_puts(b, ",");
}

static void
ref_int(struct buf *b, int64_t v, int zero_is_empty)
{
	char s[32] = "";
	if (v != 0 || !zero_is_empty)
		snprintf(s, sizeof s, "%" PRId64, v);
	ref_text(b, s);
}

/* The documented encoding, the slow obvious way. */
static void
reference(const struct event *ev, const char *prev, char out[HASH_HEX_LEN])
{
	struct buf b = {0};
	buf_puts(&b, prev);
	ref_int(&b, ev->id, 0);
	ref_text(&b, ev->recorded_at);
	ref_int(&b, ev->case_id, 1);
	ref_text(&b, ev->phase);
	ref_text(&b, ev->item_key);
	ref_text(&b, ev->action);
	ref_text(&b, ev->value);
	ref_text(&b, ev->unit);
	ref_text(&b, ev->flag);
	ref_text(&b, ev->reason);
	ref_int(&b, ev->amends, 1);
	ref_text(&b, ev->staff_code);
	ref_text(&b, ev->os_user);
	ref_text(&b, ev->terminal);
	sha256_hex(b.data, b.len, out);
	buf_free(&b);
}

static void
check(const struct event *ev, const char *prev)
{
	struct hasher *h = hasher_new();
	char got[HASH_HEX_LEN], want[HASH_HEX_LEN];
	event_hash(h, ev, prev, got);
	reference(ev, prev, want);
	assert_string_equal(got, want);
	/* the same context gives the same digest again: nothing carried over */
	event_hash(h, ev, prev, got);
	assert_string_equal(got, want);
	hasher_free(h);
}

static void
test_typical_entry(void **state)
{
	(void)state;
	struct event ev = {
		.id = 1234567, .recorded_at = "2026-11-26T14:05:09.123Z", .case_id = 42,
		.phase = "post", .item_key = "vitals_post", .action = "record",
		.value = "bp=128/76; hr=72; rr=14; spo2=98; temp=36.8; pain=3", .unit = "",
		.flag = NULL, .reason = NULL, .amends = 0, .staff_code = "QA",
		.os_user = "nurse", .terminal = "recovery-bay:/dev/tty1",
	};
	check(&ev, EVENT_GENESIS);
}

static void
test_integers_of_every_shape(void **state)
{
	(void)state;
	static const int64_t values[] = {0, 1, 9, 10, 99, 100, -1, -10, INT64_MAX, INT64_MIN};
	const char *prev = "ab01ab01ab01ab01ab01ab01ab01ab01ab01ab01ab01ab01ab01ab01ab01ab01";
	for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
		struct event ev = {.id = values[i], .case_id = values[i], .amends = values[i],
		    .action = "note"};
		check(&ev, prev);
	}
}

static void
test_fields_longer_than_the_buffer(void **state)
{
	(void)state;
	/* every length around the encoder's buffer, and one far beyond it */
	static const size_t lengths[] = {0, 1, 400, 447, 448, 449, 511, 512, 513, 1024, 70000};
	for (size_t i = 0; i < ARRAY_SIZE(lengths); i++) {
		char *value = xmalloc(lengths[i] + 1), *reason = xmalloc(lengths[i] + 1);
		for (size_t k = 0; k < lengths[i]; k++) {
			value[k] = (char)('a' + k % 26);
			reason[k] = (char)('0' + k % 10);
		}
		value[lengths[i]] = reason[lengths[i]] = '\0';
		struct event ev = {.id = (int64_t)i + 1, .action = "amend", .value = value,
		    .reason = reason, .amends = 3, .staff_code = "QA"};
		check(&ev, EVENT_GENESIS);
		free(value);
		free(reason);
	}
}

/* A field boundary moved by one byte changes the hash (the length prefix). */
static void
test_boundaries_matter(void **state)
{
	(void)state;
	struct hasher *h = hasher_new();
	char a[HASH_HEX_LEN], b[HASH_HEX_LEN];
	struct event x = {.id = 1, .action = "record", .value = "12", .unit = "3"};
	struct event y = {.id = 1, .action = "record", .value = "1", .unit = "23"};
	event_hash(h, &x, EVENT_GENESIS, a);
	event_hash(h, &y, EVENT_GENESIS, b);
	assert_string_not_equal(a, b);
	hasher_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typical_entry),
		cmocka_unit_test(test_integers_of_every_shape),
		cmocka_unit_test(test_fields_longer_than_the_buffer),
		cmocka_unit_test(test_boundaries_matter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
