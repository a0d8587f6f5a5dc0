/* The FHIR export's JSON pieces (fhir_util.c): strings that are not UTF-8,
 * numbers and units, stable resource ids. */
#include "testutil.h"

#include "fhir_int.h"

static char *
dump(json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
	assert_non_null(s);
	json_decref(v);
	return s;
}

/* Bytes that are not UTF-8 become U+FFFD; nothing is dropped or passed raw. */
static void
test_str_not_utf8(void **state)
{
	(void)state;
	char *s = dump(fhir_str("M\xC3\x9CLLER \xFF end \xC3"));
	assert_string_equal(s, "\"M\xC3\x9CLLER \xEF\xBF\xBD end \xEF\xBF\xBD\"");
	free(s);
	s = dump(fhir_str("quote \" and \n control"));
	assert_string_equal(s, "\"quote \\\" and \\n control\"");
	free(s);
}

/* Values as typed, integers as integers; UCUM codes for the known units,
 * the unit as text alone for others; not a number gives none. */
static void
test_quantity(void **state)
{
	(void)state;
	char *s = dump(fhir_quantity("1.5", "x10^9/L"));
	assert_string_equal(s, "{\"value\":1.5,\"unit\":\"x10^9/L\",\"system\":"
	    "\"http://unitsofmeasure.org\",\"code\":\"10*9/L\"}");
	free(s);
	s = dump(fhir_quantity("0.1", "mcg"));
	assert_string_equal(s, "{\"value\":0.1,\"unit\":\"mcg\",\"system\":"
	    "\"http://unitsofmeasure.org\",\"code\":\"ug\"}");
	free(s);
	s = dump(fhir_quantity("128", "mmHg"));
	assert_string_equal(s, "{\"value\":128,\"unit\":\"mmHg\",\"system\":"
	    "\"http://unitsofmeasure.org\",\"code\":\"mm[Hg]\"}");
	free(s);
	s = dump(fhir_quantity("22", "G"));
	assert_string_equal(s, "{\"value\":22,\"unit\":\"G\"}");
	free(s);
	s = dump(fhir_quantity("-2", ""));
	assert_string_equal(s, "{\"value\":-2}");
	free(s);
	assert_null(fhir_quantity("twelve", "mg"));
	assert_null(fhir_quantity(NULL, "mg"));
}

/* A urn:uuid of RFC 9562's layout (version 8, variant 10), the same for the
 * same input and different for another. */
static void
test_uuid(void **state)
{
	(void)state;
	char a[FHIR_REF_LEN], b[FHIR_REF_LEN], c[FHIR_REF_LEN];
	fhir_uuid(a, "Patient", "M100", "2026-11-26T08:00:00.000Z");
	fhir_uuid(b, "Patient", "M100", "2026-11-26T08:00:00.000Z");
	fhir_uuid(c, "Procedure", "M100", "2026-11-26T08:00:00.000Z");
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_int_equal(strlen(a), FHIR_REF_LEN - 1);
	assert_memory_equal(a, "urn:uuid:", 9);
	const char *u = a + 9;
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23)
			assert_int_equal(u[i], '-');
		else
			assert_non_null(strchr("0123456789abcdef", u[i]));
	}
	assert_int_equal(u[14], '8');
	assert_non_null(strchr("89ab", u[19]));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_str_not_utf8),
		cmocka_unit_test(test_quantity),
		cmocka_unit_test(test_uuid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
