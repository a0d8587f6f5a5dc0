/*
 * fhir_int: what the parts of the FHIR export share: fhir.c selects the
 * cases and writes the bundles, fhir_case.c builds a case's Patient,
 * Practitioners, Procedure and Specimen, fhir_obs.c its Observations and
 * MedicationAdministrations, fhir_statement.c its MedicationStatements,
 * fhir_util.c the small JSON pieces every resource uses.  Not for other modules.
 */
#ifndef SPINELOG_FHIR_INT_H
#define SPINELOG_FHIR_INT_H

#include <jansson.h>
#include <stdint.h>

#include "casestate.h"
#include "hash.h"

#define FHIR_REF_LEN 46		/* "urn:uuid:" + 36 + NUL */

#define FHIR_SNOMED "http://snomed.info/sct"
#define FHIR_LOINC "http://loinc.org"
#define FHIR_UCUM "http://unitsofmeasure.org"

/* One staff member who charted on the case, as a Practitioner entry. */
struct fhir_staff {
	char *code, *name, *role;
	char ref[FHIR_REF_LEN];
};

/* A case being turned into a bundle. */
struct fhir_case {
	const struct casestate *cs;
	struct case_info cur;		/* the case with its corrections (case_current) */
	const char *mrn_system;
	char (*hash)[HASH_HEX_LEN];	/* parallel to cs->ev */
	json_t *entries;		/* the bundle's entry array */
	char patient[FHIR_REF_LEN];	/* the Patient's fullUrl */
	char procedure[FHIR_REF_LEN];
	struct fhir_staff *staff;
	size_t nstaff;
};

/* fhir_util.c */
/* A JSON string of s; bytes that are not UTF-8 become U+FFFD. */
json_t *fhir_str(const char *s);
/* Set key to s when s is not empty. */
void fhir_set_str(json_t *o, const char *key, const char *s);
/* Set key to v, dying on out-of-memory like xmalloc. */
void fhir_set(json_t *o, const char *key, json_t *v);
void fhir_push(json_t *a, json_t *v);
json_t *fhir_obj(void);
json_t *fhir_arr(void);
/* A stable urn:uuid for a resource: from SHA-256 of kind, seed and sub. */
void fhir_uuid(char out[FHIR_REF_LEN], const char *kind, const char *seed, const char *sub);
/* {"reference": ref} */
json_t *fhir_ref(const char *ref);
/* {"text": text} and {"coding": [{system, code, display}], "text": text} */
json_t *fhir_text_concept(const char *text);
json_t *fhir_coded(const char *system, const char *code, const char *display,
    const char *text);
/* A Quantity of the number text, with its UCUM code when the unit has one;
 * NULL when text is not a number. */
json_t *fhir_quantity(const char *text, const char *unit);
/* A stored UTC time as a FHIR instant/dateTime (already in that form). */
json_t *fhir_time(const char *utc);
/* Add {fullUrl, resource} to the bundle. */
void fhir_entry(struct fhir_case *fc, const char *ref, json_t *res);
/* Add a Provenance for the resource target, naming events idx[0..n) of the
 * case with their hashes; the agent is the first event's staff. */
void fhir_provenance(struct fhir_case *fc, const char *target, const size_t *idx, size_t n);
/* The Practitioner reference of a staff code, or NULL. */
const char *fhir_staff_ref(const struct fhir_case *fc, const char *code);
/* Whether event i is an entry in force: a record or amend not amended since. */
bool fhir_in_force(const struct fhir_case *fc, size_t i);

/* fhir_case.c */
int fhir_case_staff(struct db *db, struct fhir_case *fc, struct err *err);
void fhir_case_patient(struct fhir_case *fc);
/* The case's events of these actions (NULL-terminated) as the sources of a
 * Provenance for target, when there are any. */
void fhir_case_provenance(struct fhir_case *fc, const char *target,
    const char *const *actions);

/* fhir_proc.c */
void fhir_case_procedure(struct fhir_case *fc);
/* "vertebral level L4-L5, left" and the like, "" when neither is known;
 * caller frees. */
char *fhir_site_text(const struct case_info *c);

/* fhir_obs.c: every Observation, MedicationAdministration and Specimen */
void fhir_obs_all(struct fhir_case *fc);
/* A Provenance for target from event i and the events it corrected. */
void fhir_entry_provenance(struct fhir_case *fc, const char *target, size_t i);

/* fhir_med.c */
void fhir_med(struct fhir_case *fc, size_t i, const struct item *it);
void fhir_specimen(struct fhir_case *fc);

/* fhir_statement.c: an antithrombotic entry as a MedicationStatement */
void fhir_statement(struct fhir_case *fc, size_t i, const struct item *it);

#endif
