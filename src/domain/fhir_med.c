/*
 * fhir_med: a med entry as a MedicationAdministration, and the Specimen of
 * a biopsy or aspiration (fhir_int.h).
 *
 * R4's MedicationAdministration has no lot or expiry of its own: they go on
 * the Medication it names, in Medication.batch (lotNumber, expirationDate),
 * here a contained Medication.  The performer functions are R4's
 * med-admin-perform-function codes: performer (given by) and verifier
 * (checked by).  A Specimen is made when the case has a specimen type
 * recorded (specimen_type) or material sent (specimen_sent answered yes);
 * its count, destination, tests and labelling go in its note.
 */
#include "fhir_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry.h"

#define FHIR_PERFORM_FN "http://terminology.hl7.org/CodeSystem/med-admin-perform-function"

/* The time a dose was given: its time value read as entry_when_minutes
 * reads it (on the day it was charted, or the one it was typed with). */
static json_t *
given_at(const struct cs_event *e, const char *when)
{
	char utc[CLOCK_UTC_LEN];
	int64_t given;

	if (when == NULL || !entry_when_minutes(when, e->at, &given))
		return fhir_time(e->at);
	clock_format_utc(given * 60 * 1000, utc);
	return fhir_time(utc);
}

static void
add_performer(const struct fhir_case *fc, json_t *list, const char *who, const char *fn,
    const char *fn_display)
{
	if (who == NULL || *who == '\0')
		return;
	json_t *pf = fhir_obj(), *actor = fhir_obj();
	const char *ref = fhir_staff_ref(fc, who);
	fhir_set(pf, "function", fhir_coded(FHIR_PERFORM_FN, fn, fn_display, NULL));
	if (ref != NULL)
		fhir_set_str(actor, "reference", ref);
	fhir_set_str(actor, "display", who);
	fhir_set(pf, "actor", actor);
	fhir_push(list, pf);
}

/* The contained Medication: the drug as text, its lot and expiry. */
static json_t *
medication(const char *value)
{
	char *drug = entry_kv_get(value, "drug"), *lot = entry_kv_get(value, "lot");
	char *expiry = entry_kv_get(value, "expiry");
	json_t *m = fhir_obj(), *batch = fhir_obj(), *list = fhir_arr();

	fhir_set_str(m, "resourceType", "Medication");
	fhir_set_str(m, "id", "med");
	fhir_set(m, "code", fhir_text_concept(drug ? drug : "?"));
	fhir_set_str(batch, "lotNumber", lot);
	fhir_set_str(batch, "expirationDate", expiry);
	if (json_object_size(batch) > 0)
		fhir_set(m, "batch", batch);
	else
		json_decref(batch);
	fhir_push(list, m);
	free(drug);
	free(lot);
	free(expiry);
	return list;
}

static json_t *
dosage(const struct cs_event *e)
{
	char *dose = entry_kv_get(e->value, "dose"), *unit = entry_kv_get(e->value, "unit");
	char *route = entry_kv_get(e->value, "route"), *site = entry_kv_get(e->value, "site");
	json_t *d = fhir_obj(), *q = fhir_quantity(dose, unit ? unit : e->unit);

	if (site != NULL && *site)
		fhir_set(d, "site", fhir_text_concept(site));
	if (route != NULL && *route)
		fhir_set(d, "route", fhir_text_concept(route));
	if (q != NULL)
		fhir_set(d, "dose", q);
	free(dose);
	free(unit);
	free(route);
	free(site);
	return d;
}

/* The checklist item it was charted under, its flag and its reason. */
static void
med_note(json_t *m, const struct cs_event *e, const struct item *it)
{
	json_t *notes = fhir_arr(), *n = fhir_obj();
	char *text = xasprintf("%s%s%s%s%s", it->label, *e->flag ? "; flag: " : "", e->flag,
	    *e->reason ? "; " : "", e->reason);
	fhir_set_str(n, "text", text);
	fhir_push(notes, n);
	fhir_set(m, "note", notes);
	free(text);
}

void
fhir_med(struct fhir_case *fc, size_t i, const struct item *it)
{
	const struct cs_event *e = &fc->cs->ev[i];
	char *time = entry_kv_get(e->value, "time"), *by = entry_kv_get(e->value, "given_by");
	char *checked = entry_kv_get(e->value, "checked_by");
	json_t *m = fhir_obj(), *pf = fhir_arr();
	char ref[FHIR_REF_LEN];

	fhir_set_str(m, "resourceType", "MedicationAdministration");
	fhir_set(m, "contained", medication(e->value));
	fhir_set_str(m, "status", "completed");
	fhir_set(m, "medicationReference", fhir_ref("#med"));
	fhir_set(m, "subject", fhir_ref(fc->patient));
	fhir_set(m, "effectiveDateTime", given_at(e, time));
	add_performer(fc, pf, by, "performer", "Performer");
	add_performer(fc, pf, checked, "verifier", "Verifier");
	if (json_array_size(pf) > 0)
		fhir_set(m, "performer", pf);
	else
		json_decref(pf);
	fhir_set(m, "dosage", dosage(e));
	med_note(m, e, it);
	free(time);
	free(by);
	free(checked);
	fhir_uuid(ref, "MedicationAdministration", fc->hash[i], NULL);
	fhir_entry(fc, ref, m);
	fhir_entry_provenance(fc, ref, i);
}

/* The index of the entry in force of an item of the case, or -1. */
static long
in_force(const struct fhir_case *fc, const char *key)
{
	const struct item_state *is = casestate_item(fc->cs, key);
	if (is == NULL || is->cur == NULL)
		return -1;
	size_t i = (size_t)(is->cur - fc->cs->ev);
	return fhir_in_force(fc, i) ? (long)i : -1;
}

/* "label: value" of each of these items in force, "; " between. */
static char *
specimen_note(const struct fhir_case *fc)
{
	static const char *const keys[] = {"specimen_count", "specimen_destination",
		"specimen_tests", "specimen_labelled", "specimen_sent"};
	struct buf b = {0};
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		long i = in_force(fc, keys[k]);
		if (i < 0)
			continue;
		const struct item *it = checklist_item(fc->cs->cl, keys[k]);
		buf_printf(&b, "%s%s: %s", b.len ? "; " : "", it ? it->label : keys[k],
		    fc->cs->ev[i].value);
	}
	buf_append(&b, "", 0);
	return b.data;
}

void
fhir_specimen(struct fhir_case *fc)
{
	long i = in_force(fc, "specimen_type"), sent = in_force(fc, "specimen_sent");
	if (i < 0 && (sent < 0 || strncmp(fc->cs->ev[sent].value, "yes", 3) != 0))
		return;
	const struct cs_event *e = &fc->cs->ev[i >= 0 ? i : sent];
	json_t *s = fhir_obj(), *coll = fhir_obj();
	char *site = fhir_site_text(&fc->cur), *note = specimen_note(fc);
	char ref[FHIR_REF_LEN];

	fhir_set_str(s, "resourceType", "Specimen");
	fhir_set(s, "type", fhir_text_concept(i >= 0 ? e->value : "aspirated disc material"));
	fhir_set(s, "subject", fhir_ref(fc->patient));
	fhir_set(coll, "collectedDateTime", fhir_time(e->at));
	if (*site != '\0')
		fhir_set(coll, "bodySite", fhir_text_concept(site));
	fhir_set(s, "collection", coll);
	if (*note != '\0') {
		json_t *notes = fhir_arr(), *n = fhir_obj();
		fhir_set_str(n, "text", note);
		fhir_push(notes, n);
		fhir_set(s, "note", notes);
	}
	free(site);
	free(note);
	fhir_uuid(ref, "Specimen", fc->hash[i >= 0 ? i : sent], NULL);
	fhir_entry(fc, ref, s);
	fhir_entry_provenance(fc, ref, (size_t)(i >= 0 ? i : sent));
}
