/*
 * libFuzzer harness for the checklist parser (make fuzz): any bytes must be
 * either accepted or refused with at least one error, without a crash, a leak
 * or undefined behaviour, and an accepted file must satisfy the invariants
 * the rest of spinelog relies on.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "casestate.h"
#include "checklist.h"
#include "rule.h"

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
				if (it->has_stop_low && it->has_stop_high &&
				    it->stop_low > it->stop_high)
					abort();
				/* every rule written was parsed; a when names
				 * only items above it */
				if ((it->when_src != NULL) != (it->when != NULL) ||
				    (it->must_src != NULL) != (it->must != NULL))
					abort();
				if (it->when != NULL)
					for (size_t t = 0; t < it->when->n; t++)
						if (it->when->t[t].lhs.ref == REF_ITEM &&
						    it->when->t[t].lhs.item >= (int)i)
							abort();
				struct buf b = {0};
				if (it->when != NULL)
					rule_words(it->when, cl, (int)i, &b);
				if (it->must != NULL)
					rule_words(it->must, cl, (int)i, &b);
				checklist_stop_words(it, &b);
				buf_free(&b);
			}
		}
		/* a case with no events: the rules evaluate without a crash */
		struct case_info c = {.mrn = strdup("M"), .name = strdup("N"),
		    .dob = strdup("1950-01-01"), .proc_key = strdup("fuzz"),
		    .side = strdup("left"), .level = strdup("L4-L5"),
		    .proceduralist = strdup(""), .scheduled_at = strdup("2026-01-01 08:00")};
		struct casestate *cs = casestate_build(&c, cl, false, calloc(1, sizeof(struct cs_event)),
		    0);
		struct cs_blocker bl[8];
		casestate_blockers(cs, PHASE_PRE, bl, 8);
		for (size_t i = 0; i < cl->nitems; i++) {
			struct cs_check chk;
			const struct item *it = &cl->items[i];
			casestate_check_entry(cs, it, it->nchoices ? it->choices[0] : "1", 0, &chk);
			casestate_default_choice(cs, it);
		}
		casestate_free(cs);
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
