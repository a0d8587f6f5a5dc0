/*
 * libFuzzer harness for the checklist parser (make fuzz): any bytes must be
 * either accepted or refused with at least one error, without a crash, a leak
 * or undefined behaviour, and an accepted file must satisfy the invariants
 * the rest of spinelog relies on.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cl_errors errs = {0};
	struct checklist *cl = NULL;
	int rc = checklist_parse("fuzz.csv", "fuzz", (const char *)data, size, &cl, &errs);

	if (rc == ST_OK) {
		if (cl == NULL || errs.n != 0 || cl->size != size || cl->title == NULL ||
		    cl->risk == NULL)
			abort();
		for (int p = 0; p < PHASE__COUNT; p++) {
			size_t first, n = checklist_phase_items(cl, (enum phase)p, &first);
			if (n == 0)
				abort();
			for (size_t i = first; i < first + n; i++) {
				const struct item *it = &cl->items[i];
				if (it->phase != (enum phase)p || checklist_item(cl, it->key) != it)
					abort();
				if (it->stop && !it->required)
					abort();
				if (it->has_low && it->has_high && it->low > it->high)
					abort();
			}
		}
	} else {
		if (cl != NULL || errs.n == 0)
			abort();
		for (size_t i = 0; i < errs.n; i++)
			free(cl_error_format(&errs.v[i]));
	}
	checklist_free(cl);
	cl_errors_free(&errs);
	return 0;
}
