/*
 * fhir_proc: the Procedure of a case (fhir_int.h), with the BodyStructure it
 * targets, and the Specimen of a biopsy or aspiration.  The status comes
 * from the case state; the performed period is the procedure phase, from
 * its start to the start of the post-procedure phase (or the end of a case
 * cancelled in it).  The laterality codes are SNOMED CT's as listed by the
 * R4 value set bodysite-laterality (hl7.org/fhir/R4/valueset-bodysite-
 * laterality.html); no SNOMED code is claimed for the procedures
 * themselves, whose title goes as text.
 */
#include "fhir_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"

/* The laterality of a case side, SNOMED CT (R4 bodysite-laterality); NULL
 * for midline and n/a, which have none. */
static json_t *
laterality(const char *side)
{
	if (strcmp(side, "left") == 0)
		return fhir_coded(FHIR_SNOMED, "419161000", "Unilateral left", "left");
	if (strcmp(side, "right") == 0)
		return fhir_coded(FHIR_SNOMED, "419465000", "Unilateral right", "right");
	if (strcmp(side, "bilateral") == 0)
		return fhir_coded(FHIR_SNOMED, "51440002", "Bilateral", "bilateral");
	return NULL;
}

/* "vertebral level L4-L5, left" and the like; "" when neither is known. */
char *
fhir_site_text(const struct case_info *c)
{
	bool side = c->side && *c->side && strcmp(c->side, "n/a") != 0;
	bool level = c->level && *c->level;
	return xasprintf("%s%s%s%s", level ? "vertebral level " : "", level ? c->level : "",
	    level && side ? ", " : "", side ? c->side : "");
}

/* The BodyStructure the procedure targets: the spine at the case's level,
 * its laterality as a location qualifier (the R4 home of laterality). */
static void
body_structure(struct fhir_case *fc, const char *ref, const char *site)
{
	json_t *b = fhir_obj(), *lat = laterality(fc->cur.side ? fc->cur.side : "");
	fhir_set_str(b, "resourceType", "BodyStructure");
	fhir_set(b, "location", fhir_text_concept(fc->cur.level && *fc->cur.level ?
	    fc->cur.level : "spine"));
	if (lat != NULL) {
		json_t *q = fhir_arr();
		fhir_push(q, lat);
		fhir_set(b, "locationQualifier", q);
	}
	fhir_set_str(b, "description", site);
	fhir_set(b, "patient", fhir_ref(fc->patient));
	fhir_entry(fc, ref, b);
}

/* R4 EventStatus from the case state. */
static const char *
procedure_status(const struct casestate *cs)
{
	bool started = cs->phase_at[PHASE_PROCEDURE][0] != '\0';
	if (cs->cancelled)
		return started ? "stopped" : "not-done";
	if (cs->closed)
		return "completed";
	return started ? "in-progress" : "preparation";
}

static void
performed(json_t *p, const struct casestate *cs)
{
	const char *start = cs->phase_at[PHASE_PROCEDURE], *end = cs->phase_at[PHASE_POST];
	if (*start == '\0')
		return;
	if (*end == '\0' && cs->ended != NULL)
		end = cs->ended->at;
	json_t *period = fhir_obj();
	fhir_set(period, "start", fhir_time(start));
	if (*end != '\0')
		fhir_set(period, "end", fhir_time(end));
	fhir_set(p, "performedPeriod", period);
}

static void
add_performer(json_t *list, const char *function, json_t *actor)
{
	json_t *pf = fhir_obj();
	fhir_set(pf, "function", fhir_text_concept(function));
	fhir_set(pf, "actor", actor);
	fhir_push(list, pf);
}

/* The proceduralist (a name, as the case carries it) and every staff member
 * who charted in the procedure phase. */
static void
performers(struct fhir_case *fc, json_t *p)
{
	json_t *list = fhir_arr();
	if (fc->cur.proceduralist && *fc->cur.proceduralist) {
		json_t *a = fhir_obj();
		fhir_set_str(a, "display", fc->cur.proceduralist);
		add_performer(list, "proceduralist", a);
	}
	for (size_t s = 0; s < fc->nstaff; s++) {
		size_t i;
		for (i = 0; i < fc->cs->nev; i++)
			if (strcmp(fc->cs->ev[i].staff, fc->staff[s].code) == 0 &&
			    strcmp(fc->cs->ev[i].phase, "procedure") == 0)
				break;
		if (i < fc->cs->nev) {
			json_t *a = fhir_ref(fc->staff[s].ref);
			fhir_set_str(a, "display", fc->staff[s].name);
			add_performer(list, fc->staff[s].role ? fc->staff[s].role : "staff", a);
		}
	}
	if (json_array_size(list) > 0)
		fhir_set(p, "performer", list);
	else
		json_decref(list);
}

static void
body_site(struct fhir_case *fc, json_t *p)
{
	char *site = fhir_site_text(&fc->cur);
	if (*site != '\0') {
		char ref[FHIR_REF_LEN];
		json_t *sites = fhir_arr(), *concept = fhir_text_concept(site);
		json_t *exts = fhir_arr(), *ext = fhir_obj();
		fhir_uuid(ref, "BodyStructure", fc->procedure, NULL);
		fhir_set_str(ext, "url",
		    "http://hl7.org/fhir/StructureDefinition/procedure-targetBodyStructure");
		fhir_set(ext, "valueReference", fhir_ref(ref));
		fhir_push(exts, ext);
		fhir_set(concept, "extension", exts);
		fhir_push(sites, concept);
		fhir_set(p, "bodySite", sites);
		body_structure(fc, ref, site);
	}
	free(site);
}

void
fhir_case_procedure(struct fhir_case *fc)
{
	const struct casestate *cs = fc->cs;
	json_t *p = fhir_obj(), *notes = fhir_arr(), *note = fhir_obj();
	static const char *const made[] = {ACTION_CASE_CREATE, ACTION_PHASE_START,
		ACTION_TIMEOUT_DONE, ACTION_CASE_CLOSE, ACTION_CASE_CANCEL, NULL};
	char *text = xasprintf("spinelog case %" PRId64 ", checklist %s version %.12s",
	    cs->c.id, cs->cl->key, cs->cl->sha256);

	fhir_set_str(p, "resourceType", "Procedure");
	fhir_set_str(p, "status", procedure_status(cs));
	if (cs->cancelled && cs->ended != NULL && *cs->ended->reason)
		fhir_set(p, "statusReason", fhir_text_concept(cs->ended->reason));
	fhir_set(p, "code", fhir_text_concept(cs->cl->title));
	fhir_set(p, "subject", fhir_ref(fc->patient));
	performed(p, cs);
	performers(fc, p);
	body_site(fc, p);
	fhir_set_str(note, "text", text);
	fhir_push(notes, note);
	fhir_set(p, "note", notes);
	free(text);
	fhir_entry(fc, fc->procedure, p);
	fhir_case_provenance(fc, fc->procedure, made);
}
