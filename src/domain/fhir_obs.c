/*
 * fhir_obs: the entries of a case as FHIR resources (fhir_int.h): an
 * Observation per vital sign and per number item, and through fhir_med.c a
 * MedicationAdministration per med entry and a Specimen for a biopsy or
 * aspiration, through fhir_statement.c a MedicationStatement per
 * antithrombotic entry; each with a Provenance naming its event (and the event it
 * corrected).  Only entries in force: a corrected entry is exported as its
 * correction, an Observation of status "amended".
 *
 * The vital-sign codes and units are those the R4 vital signs profiles fix
 * (hl7.org/fhir/R4/observation-vitalsigns.html: bp 85354-9 with 8480-6 and
 * 8462-4, heartrate 8867-4, resprate 9279-1, oxygensat 2708-6, bodytemp
 * 8310-5; UCUM mm[Hg], /min, %, Cel), and each such Observation claims its
 * profile.  Pain is LOINC 72514-3, "Pain severity - 0-10 verbal numeric
 * rating [Score] - Reported" (loinc.org/72514-3), not a vital sign in R4.
 */
#include "fhir_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "entry.h"

#define FHIR_VS_PROFILE "http://hl7.org/fhir/StructureDefinition/"
#define FHIR_OBS_CATEGORY "http://terminology.hl7.org/CodeSystem/observation-category"

struct vital_code {
	enum vital v;
	const char *profile, *loinc, *display;
};

static const struct vital_code vital_codes[] = {
	{VIT_HR, "heartrate", "8867-4", "Heart rate"},
	{VIT_RR, "resprate", "9279-1", "Respiratory rate"},
	{VIT_SPO2, "oxygensat", "2708-6", "Oxygen saturation in Arterial blood"},
	{VIT_TEMP, "bodytemp", "8310-5", "Body temperature"},
	{VIT_PAIN, NULL, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"},
};

/* The index of the event with this id, or (size_t)-1. */
static size_t
event_index(const struct fhir_case *fc, int64_t id)
{
	for (size_t i = 0; i < fc->cs->nev; i++)
		if (fc->cs->ev[i].id == id)
			return i;
	return (size_t)-1;
}

/* A Provenance for target from event i and every event it corrected. */
void
fhir_entry_provenance(struct fhir_case *fc, const char *target, size_t i)
{
	size_t idx[16], n = 0;
	for (size_t j = i; j != (size_t)-1 && n < 16; j = event_index(fc, fc->cs->ev[j].amends)) {
		idx[n++] = j;
		if (fc->cs->ev[j].amends == 0)
			break;
	}
	for (size_t a = 0; a < n / 2; a++) {	/* oldest first */
		size_t t = idx[a];
		idx[a] = idx[n - 1 - a];
		idx[n - 1 - a] = t;
	}
	fhir_provenance(fc, target, idx, n);
}

static json_t *
interpretation(const char *hl)
{
	json_t *a = fhir_arr();
	fhir_push(a, fhir_coded("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
	    *hl == 'l' ? "L" : "H", *hl == 'l' ? "Low" : "High", NULL));
	return a;
}

/* What every Observation of event i has; category NULL for none. */
static json_t *
obs_base(struct fhir_case *fc, size_t i, const char *profile, const char *category,
    json_t *code)
{
	const struct cs_event *e = &fc->cs->ev[i];
	json_t *o = fhir_obj();
	const char *who = fhir_staff_ref(fc, e->staff);

	fhir_set_str(o, "resourceType", "Observation");
	if (profile != NULL) {
		json_t *meta = fhir_obj(), *p = fhir_arr();
		char *url = xasprintf(FHIR_VS_PROFILE "%s", profile);
		fhir_push(p, fhir_str(url));
		free(url);
		fhir_set(meta, "profile", p);
		fhir_set(o, "meta", meta);
	}
	fhir_set_str(o, "status", strcmp(e->action, ACTION_AMEND) == 0 ? "amended" : "final");
	if (category != NULL) {
		json_t *cats = fhir_arr();
		fhir_push(cats, fhir_coded(FHIR_OBS_CATEGORY, category, NULL, NULL));
		fhir_set(o, "category", cats);
	}
	fhir_set(o, "code", code);
	fhir_set(o, "subject", fhir_ref(fc->patient));
	fhir_set(o, "effectiveDateTime", fhir_time(e->at));
	if (who != NULL) {
		json_t *pf = fhir_arr();
		fhir_push(pf, fhir_ref(who));
		fhir_set(o, "performer", pf);
	}
	return o;
}

static void
obs_add(struct fhir_case *fc, size_t i, json_t *o, const char *sub)
{
	const struct cs_event *e = &fc->cs->ev[i];
	char ref[FHIR_REF_LEN];
	if (*e->reason) {
		json_t *notes = fhir_arr(), *n = fhir_obj();
		fhir_set_str(n, "text", e->reason);
		fhir_push(notes, n);
		fhir_set(o, "note", notes);
	}
	fhir_uuid(ref, "Observation", fc->hash[i], sub);
	fhir_entry(fc, ref, o);
	fhir_entry_provenance(fc, ref, i);
}

/* The vitals flag of one field ("rr:high,spo2:low"): "low", "high" or NULL. */
static const char *
vital_flag(const char *flag, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = flag; (p = strstr(p, key)) != NULL; p += n)
		if ((p == flag || p[-1] == ',') && p[n] == ':')
			return p[n + 1] == 'l' ? "low" : "high";
	return NULL;
}

static json_t *
vital_quantity(const char *value, enum vital v)
{
	char *text = entry_kv_get(value, entry_vital(v)->key);
	json_t *q = text ? fhir_quantity(text, entry_vital(v)->unit) : NULL;
	free(text);
	return q;
}

static json_t *
bp_component(const char *loinc, const char *display, json_t *q)
{
	json_t *c = fhir_obj();
	fhir_set(c, "code", fhir_coded(FHIR_LOINC, loinc, display, NULL));
	fhir_set(c, "valueQuantity", q);
	return c;
}

static void
blood_pressure(struct fhir_case *fc, size_t i)
{
	const struct cs_event *e = &fc->cs->ev[i];
	json_t *sys = vital_quantity(e->value, VIT_SYS), *dia = vital_quantity(e->value, VIT_DIA);
	if (sys == NULL || dia == NULL) {
		json_decref(sys);
		json_decref(dia);
		return;
	}
	json_t *o = obs_base(fc, i, "bp", "vital-signs", fhir_coded(FHIR_LOINC, "85354-9",
	    "Blood pressure panel with all children optional", "Blood pressure"));
	json_t *comps = fhir_arr();
	const char *f = vital_flag(e->flag, "sys");
	json_t *sc = bp_component("8480-6", "Systolic blood pressure", sys);
	if (f != NULL)
		fhir_set(sc, "interpretation", interpretation(f));
	fhir_push(comps, sc);
	fhir_push(comps, bp_component("8462-4", "Diastolic blood pressure", dia));
	fhir_set(o, "component", comps);
	obs_add(fc, i, o, "bp");
}

static void
vitals(struct fhir_case *fc, size_t i)
{
	const struct cs_event *e = &fc->cs->ev[i];
	blood_pressure(fc, i);
	for (size_t k = 0; k < sizeof vital_codes / sizeof vital_codes[0]; k++) {
		const struct vital_code *vc = &vital_codes[k];
		json_t *q = vital_quantity(e->value, vc->v);
		if (q == NULL)
			continue;
		json_t *o = obs_base(fc, i, vc->profile, vc->profile ? "vital-signs" : "survey",
		    fhir_coded(FHIR_LOINC, vc->loinc, vc->display, entry_vital(vc->v)->label));
		fhir_set(o, "valueQuantity", q);
		const char *f = vital_flag(e->flag, entry_vital(vc->v)->key);
		if (f != NULL)
			fhir_set(o, "interpretation", interpretation(f));
		obs_add(fc, i, o, entry_vital(vc->v)->key);
	}
}

/* A number item: the item's label as the code's text (no code system
 * claimed), its value with the item's unit. */
static void
number(struct fhir_case *fc, size_t i, const struct item *it)
{
	const struct cs_event *e = &fc->cs->ev[i];
	json_t *q = fhir_quantity(e->value, *e->unit ? e->unit : it->unit);
	if (q == NULL)
		return;
	json_t *o = obs_base(fc, i, NULL, NULL, fhir_text_concept(it->label));
	fhir_set(o, "valueQuantity", q);
	if (strstr(e->flag, "low") != NULL || strstr(e->flag, "high") != NULL)
		fhir_set(o, "interpretation", interpretation(strstr(e->flag, "low") ? "low" :
		    "high"));
	obs_add(fc, i, o, NULL);
}

void
fhir_obs_all(struct fhir_case *fc)
{
	for (size_t i = 0; i < fc->cs->nev; i++) {
		if (!fhir_in_force(fc, i))
			continue;
		const struct item *it = checklist_item(fc->cs->cl, fc->cs->ev[i].item_key);
		if (it == NULL)
			continue;
		if (it->kind == KIND_VITALS)
			vitals(fc, i);
		else if (it->kind == KIND_NUMBER)
			number(fc, i, it);
		else if (it->kind == KIND_MED)
			fhir_med(fc, i, it);
		else if (it->kind == KIND_ANTITHROMBOTIC)
			fhir_statement(fc, i, it);
	}
	fhir_specimen(fc);
}
