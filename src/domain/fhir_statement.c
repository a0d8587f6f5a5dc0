/*
 * fhir_statement: an antithrombotic entry, a drug the patient takes at home
 * with its dose and last dose (or none), as a MedicationStatement
 * (fhir_int.h).  It is a statement of what the patient takes, not a dose
 * given here, which is MedicationAdministration's (fhir_med.c).
 *
 * The R4 element definitions relied on (hl7.org/fhir/R4/medicationstatement.html,
 * and the medication-statement-status code system it binds):
 * - effective[x] is "the interval of time during which it is being asserted
 *   that the patient is/was/will be taking the medication", and its comment
 *   says the "end" is left out while the medication is still being taken.
 *   So the end of that interval is when the taking stopped, the last dose:
 *   the last dose is effectivePeriod.end (start unknown, left out).  An
 *   effectiveDateTime would assert a moment of taking without saying it was
 *   the last one.
 * - status (1..1, required binding): with an end to the taking, neither
 *   "active" (still being taken) nor "completed" (no longer taken) fits a
 *   drug stopped before a procedure and restarted after it (the checklist's
 *   restart item); "on-hold" is the code for use "temporarily halted, but
 *   expected to continue later".  A drug the hold table does not hold for
 *   the procedure (hold "none", e.g. aspirin before a low-risk injection)
 *   is taken through it: "active", no end (the last dose stays in
 *   statusReason).  "not-taken", "the medication was not
 *   consumed by the patient", is R4's way to say a drug is not taken: for
 *   drug none the medication is then the class, ATC B01 "antithrombotic
 *   agents" (WHO ATC, system http://www.whocc.no/atc as HL7 terminology
 *   names it), and for a drug whose last dose is none, that drug.  A last
 *   dose that cannot be read gives "unknown".
 * - statusReason, for such exception statuses: the hold check's words (how
 *   long before charting the last dose was, the hold table's row).
 * - medicationCodeableConcept: the drug as typed, as text (no code claimed).
 * - dosage.text, "free text dosage instructions": the dose as typed.
 * - dateAsserted, when the information source asserted it: the charting
 *   time; informationSource: the nurse who charted it.
 * - note: the checklist item, the CrCl, the flag and a correction's reason.
 *
 * Only entries in force come here (fhir_obs.c): a corrected entry is its
 * correction, whose Provenance names both events, as for every resource.
 */
#include "fhir_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "entry.h"

#define FHIR_ATC "http://www.whocc.no/atc"

/* What an antithrombotic entry says, read from its value. */
struct at_value {
	char *drug, *dose, *last, *since, *hold, *crcl;
};

static void
at_read(struct at_value *v, const char *value)
{
	v->drug = entry_kv_get(value, "drug");
	v->dose = entry_kv_get(value, "dose");
	v->last = entry_kv_get(value, "last");
	v->since = entry_kv_get(value, "since");
	v->hold = entry_kv_get(value, "hold");
	v->crcl = entry_kv_get(value, "crcl");
}

static void
at_clear(struct at_value *v)
{
	free(v->drug);
	free(v->dose);
	free(v->last);
	free(v->since);
	free(v->hold);
	free(v->crcl);
}

static bool
is_none(const char *s)
{
	return s != NULL && strcasecmp(s, "none") == 0;
}

/* {"end": the last dose in UTC} from its local "YYYY-MM-DD HH:MM", or NULL
 * when it is not one. */
static json_t *
last_taken(const char *last)
{
	char utc[CLOCK_UTC_LEN];
	int64_t ms;

	if (last == NULL || !clock_parse_local(last, &ms))
		return NULL;
	clock_format_utc(ms, utc);
	json_t *p = fhir_obj();
	fhir_set(p, "end", fhir_time(utc));
	return p;
}

/* The status of the use, and *period its effectivePeriod (or NULL). */
static const char *
use_status(const struct at_value *v, json_t **period)
{
	*period = NULL;
	if (v->drug == NULL || *v->drug == '\0')
		return "unknown";
	if (is_none(v->drug) || is_none(v->last))
		return "not-taken";
	if (v->hold != NULL && strncasecmp(v->hold, "none", 4) == 0)
		return "active";	/* no hold for this procedure: taken through it */
	*period = last_taken(v->last);
	return *period != NULL ? "on-hold" : "unknown";
}

/* Why the status is what it is, in the entry's words; caller frees. */
static char *
status_reason(const struct at_value *v, const char *status, const char *flag)
{
	struct buf b = {0};

	if (is_none(v->drug))
		buf_puts(&b, "no antithrombotic taken (charted as none)");
	else if (is_none(v->last))
		buf_puts(&b, "no last dose (charted as none)");
	else if (strcmp(status, "unknown") == 0)
		buf_printf(&b, "last dose as charted: %s", v->last ? v->last : "not recorded");
	if (v->since != NULL)
		buf_printf(&b, "%slast dose %s before charting", b.len ? "; " : "", v->since);
	if (v->hold != NULL)
		buf_printf(&b, "%shold table: %s", b.len ? "; " : "", v->hold);
	if (strstr(flag, "hold") != NULL)
		buf_printf(&b, "%shold not met", b.len ? "; " : "");
	buf_append(&b, "", 0);
	return b.data;
}

static json_t *
medication(const struct at_value *v)
{
	if (is_none(v->drug))
		return fhir_coded(FHIR_ATC, "B01", NULL, "antithrombotic agents");
	return fhir_text_concept(v->drug && *v->drug ? v->drug : "?");
}

/* The checklist item, CrCl, flag and reason. */
static void
statement_note(json_t *m, const struct cs_event *e, const struct item *it,
    const struct at_value *v)
{
	json_t *notes = fhir_arr(), *n = fhir_obj();
	struct buf b = {0};

	buf_puts(&b, it->label);
	if (v->crcl != NULL)
		buf_printf(&b, "; CrCl %s mL/min", v->crcl);
	if (*e->flag)
		buf_printf(&b, "; flag: %s", e->flag);
	if (*e->reason)
		buf_printf(&b, "; %s", e->reason);
	buf_append(&b, "", 0);
	fhir_set_str(n, "text", b.data);
	fhir_push(notes, n);
	fhir_set(m, "note", notes);
	buf_free(&b);
}

static void
dosage(json_t *m, const char *dose)
{
	if (dose == NULL || *dose == '\0' || is_none(dose))
		return;
	json_t *list = fhir_arr(), *d = fhir_obj();
	fhir_set_str(d, "text", dose);
	fhir_push(list, d);
	fhir_set(m, "dosage", list);
}

void
fhir_statement(struct fhir_case *fc, size_t i, const struct item *it)
{
	const struct cs_event *e = &fc->cs->ev[i];
	const char *who = fhir_staff_ref(fc, e->staff);
	json_t *m = fhir_obj(), *period, *reasons = fhir_arr();
	struct at_value v;
	char ref[FHIR_REF_LEN];

	at_read(&v, e->value);
	const char *status = use_status(&v, &period);
	char *why = status_reason(&v, status, e->flag);
	fhir_set_str(m, "resourceType", "MedicationStatement");
	fhir_set_str(m, "status", status);
	if (*why != '\0') {
		fhir_push(reasons, fhir_text_concept(why));
		fhir_set(m, "statusReason", reasons);
	} else {
		json_decref(reasons);
	}
	fhir_set(m, "medicationCodeableConcept", medication(&v));
	fhir_set(m, "subject", fhir_ref(fc->patient));
	if (period != NULL)
		fhir_set(m, "effectivePeriod", period);
	fhir_set(m, "dateAsserted", fhir_time(e->at));
	if (who != NULL)
		fhir_set(m, "informationSource", fhir_ref(who));
	statement_note(m, e, it, &v);
	dosage(m, v.dose);
	free(why);
	at_clear(&v);
	fhir_uuid(ref, "MedicationStatement", fc->hash[i], NULL);
	fhir_entry(fc, ref, m);
	fhir_entry_provenance(fc, ref, i);
}
