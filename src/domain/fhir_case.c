/*
 * fhir_case: who a case is about and who charted it (fhir_int.h): the
 * Practitioners (every staff code on its events) and the Patient (the MRN
 * under the site's system, as identifier type MR of v2 table 0203, the name
 * and date of birth with their corrections), each with a Provenance.
 */
#include "fhir_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "record.h"

static bool
known_staff(const struct fhir_case *fc, const char *code)
{
	return *code == '\0' || fhir_staff_ref(fc, code) != NULL;
}

static void
add_practitioner(struct fhir_case *fc, const struct fhir_staff *s)
{
	json_t *p = fhir_obj(), *ids = fhir_arr(), *id = fhir_obj(), *names = fhir_arr();
	json_t *name = fhir_obj();

	fhir_set_str(p, "resourceType", "Practitioner");
	fhir_set(id, "type", fhir_text_concept("spinelog staff code"));
	fhir_set_str(id, "value", s->code);
	fhir_push(ids, id);
	fhir_set(p, "identifier", ids);
	fhir_set_str(name, "text", s->name ? s->name : s->code);
	fhir_push(names, name);
	fhir_set(p, "name", names);
	fhir_entry(fc, s->ref, p);
}

/* Every staff code on the case's events, as a Practitioner (the name and
 * role from the staff table; a code without a row keeps the code). */
int
fhir_case_staff(struct db *db, struct fhir_case *fc, struct err *err)
{
	for (size_t i = 0; i < fc->cs->nev; i++) {
		const char *code = fc->cs->ev[i].staff;
		if (known_staff(fc, code))
			continue;
		struct staff st = {0};
		int rc = staff_get(db, code, &st, err);
		if (rc != ST_OK && rc != ST_NOINPUT)
			return rc;
		fc->staff = xreallocarray(fc->staff, fc->nstaff + 1, sizeof *fc->staff);
		struct fhir_staff *s = &fc->staff[fc->nstaff++];
		s->code = xstrdup(code);
		s->name = st.name ? xstrdup(st.name) : NULL;
		s->role = st.role ? xstrdup(st.role) : NULL;
		fhir_uuid(s->ref, "Practitioner", fc->cs->c.mrn, code);
		staff_clear(&st);
		add_practitioner(fc, s);
	}
	err->status = ST_OK;
	return ST_OK;
}

/* The case's events of these actions, as indexes for a Provenance. */
static size_t
events_of(const struct fhir_case *fc, const char *const *actions, size_t **out)
{
	size_t n = 0;
	*out = xreallocarray(NULL, fc->cs->nev + 1, sizeof **out);
	for (size_t i = 0; i < fc->cs->nev; i++)
		for (const char *const *a = actions; *a != NULL; a++)
			if (strcmp(fc->cs->ev[i].action, *a) == 0)
				(*out)[n++] = i;
	return n;
}

void
fhir_case_provenance(struct fhir_case *fc, const char *target, const char *const *actions)
{
	size_t *idx, n = events_of(fc, actions, &idx);
	if (n > 0)
		fhir_provenance(fc, target, idx, n);
	free(idx);
}

/* "MÜLLER, Anna" is family MÜLLER, given Anna; a name without a comma is
 * kept as text only, as the worklist gave it. */
static json_t *
human_name(const char *full)
{
	json_t *name = fhir_obj();
	const char *comma = strstr(full, ", ");
	fhir_set_str(name, "text", full);
	if (comma != NULL && comma > full && comma[2] != '\0') {
		char *family = xstrndup(full, (size_t)(comma - full));
		json_t *given = fhir_arr();
		fhir_set_str(name, "family", family);
		fhir_push(given, fhir_str(comma + 2));
		fhir_set(name, "given", given);
		free(family);
	}
	return name;
}

void
fhir_case_patient(struct fhir_case *fc)
{
	const struct case_info *c = &fc->cur;
	json_t *p = fhir_obj(), *ids = fhir_arr(), *id = fhir_obj(), *names = fhir_arr();
	static const char *const made[] = {ACTION_CASE_CREATE, ACTION_CASE_CORRECT, NULL};

	fhir_set_str(p, "resourceType", "Patient");
	fhir_set_str(id, "use", "usual");
	fhir_set(id, "type", fhir_coded("http://terminology.hl7.org/CodeSystem/v2-0203", "MR",
	    "Medical record number", NULL));
	fhir_set_str(id, "system", fc->mrn_system);
	fhir_set_str(id, "value", c->mrn);
	fhir_push(ids, id);
	fhir_set(p, "identifier", ids);
	if (c->name != NULL && *c->name != '\0') {
		fhir_push(names, human_name(c->name));
		fhir_set(p, "name", names);
	} else {
		json_decref(names);
	}
	fhir_set_str(p, "birthDate", c->dob);
	fhir_entry(fc, fc->patient, p);
	fhir_case_provenance(fc, fc->patient, made);
}

