/*
 * fhir_util: the small JSON pieces of the FHIR export (fhir_int.h): strings
 * made safe for JSON, stable resource ids, references, concepts,
 * quantities with their UCUM codes, bundle entries and Provenance.
 */
#include "fhir_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "actions.h"
#include "num.h"

static json_t *
must(json_t *v)
{
	if (v == NULL)
		die("out of memory building the FHIR export");
	return v;
}

json_t *
fhir_obj(void)
{
	return must(json_object());
}

json_t *
fhir_arr(void)
{
	return must(json_array());
}

void
fhir_set(json_t *o, const char *key, json_t *v)
{
	if (json_object_set_new(o, key, must(v)) != 0)
		die("out of memory building the FHIR export");
}

void
fhir_push(json_t *a, json_t *v)
{
	if (json_array_append_new(a, must(v)) != 0)
		die("out of memory building the FHIR export");
}

json_t *
fhir_str(const char *s)
{
	size_t n = strlen(s), bad = utf8_invalid_at(s, n);
	if (bad == n)
		return must(json_stringn(s, n));
	struct buf b = {0};
	while (n > 0) {
		buf_append(&b, s, bad);
		if (bad < n) {
			buf_puts(&b, "\xEF\xBF\xBD");	/* U+FFFD */
			bad++;
		}
		s += bad;
		n -= bad;
		bad = utf8_invalid_at(s, n);
	}
	json_t *v = must(json_stringn(b.data ? b.data : "", b.len));
	buf_free(&b);
	return v;
}

void
fhir_set_str(json_t *o, const char *key, const char *s)
{
	if (s != NULL && *s != '\0')
		fhir_set(o, key, fhir_str(s));
}

void
fhir_uuid(char out[FHIR_REF_LEN], const char *kind, const char *seed, const char *sub)
{
	char *text = xasprintf("%s\n%s\n%s", kind, seed, sub ? sub : "");
	char h[HASH_HEX_LEN];
	sha256_hex(text, strlen(text), h);
	free(text);
	/* RFC 9562 layout: version 8 (custom), variant 10xx */
	h[12] = '8';
	h[16] = "89ab"[h[16] % 4];
	snprintf(out, FHIR_REF_LEN, "urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12,
	    h + 16, h + 20);
}

json_t *
fhir_ref(const char *ref)
{
	json_t *o = fhir_obj();
	fhir_set_str(o, "reference", ref);
	return o;
}

json_t *
fhir_text_concept(const char *text)
{
	json_t *o = fhir_obj();
	fhir_set_str(o, "text", text);
	return o;
}

json_t *
fhir_coded(const char *system, const char *code, const char *display, const char *text)
{
	json_t *c = fhir_obj(), *o = fhir_obj(), *a = fhir_arr();
	fhir_set_str(c, "system", system);
	fhir_set_str(c, "code", code);
	fhir_set_str(c, "display", display);
	fhir_push(a, c);
	fhir_set(o, "coding", a);
	fhir_set_str(o, "text", text);
	return o;
}

/* The units of the built-in checklists and the entry dialogs, as UCUM codes
 * (UCUM, unitsofmeasure.org: 'u' for micro, '.' for a product, '10*9' for
 * 10^9, curly braces for an annotation). */
static const char *const ucum[][2] = {
	{"mg", "mg"}, {"g", "g"}, {"mcg", "ug"}, {"ug", "ug"}, {"mL", "mL"}, {"mGy", "mGy"},
	{"Gy", "Gy"}, {"x10^9/L", "10*9/L"}, {"g/dL", "g/dL"}, {"%", "%"},
	{"mL/min", "mL/min"}, {"mm/h", "mm/h"}, {"mg/L", "mg/L"}, {"mg/dL", "mg/dL"},
	{"mmol/L", "mmol/L"}, {"min", "min"}, {"s", "s"}, {"mm", "mm"}, {"cm", "cm"},
	{"kg", "kg"}, {"Gy*cm2", "Gy.cm2"}, {"mGy*cm", "mGy.cm"}, {"units", "[iU]"},
	{"mmHg", "mm[Hg]"}, {"/min", "/min"}, {"C", "Cel"}, {"/10", "{score}"},
};

json_t *
fhir_quantity(const char *text, const char *unit)
{
	double v;
	char num[NUM_MAX];
	struct err err = {0};

	if (text == NULL || num_parse(text, &v, num, &err) != ST_OK)
		return NULL;
	json_t *q = fhir_obj();
	if (v == (double)(int64_t)v && v > -9e15 && v < 9e15)
		fhir_set(q, "value", json_integer((json_int_t)v));
	else
		fhir_set(q, "value", json_real(v));
	if (unit == NULL || *unit == '\0')
		return q;
	fhir_set_str(q, "unit", unit);
	for (size_t i = 0; i < sizeof ucum / sizeof ucum[0]; i++)
		if (strcmp(ucum[i][0], unit) == 0) {
			fhir_set_str(q, "system", FHIR_UCUM);
			fhir_set_str(q, "code", ucum[i][1]);
		}
	return q;
}

json_t *
fhir_time(const char *utc)
{
	return fhir_str(utc);
}

void
fhir_entry(struct fhir_case *fc, const char *ref, json_t *res)
{
	json_t *e = fhir_obj();
	fhir_set_str(e, "fullUrl", ref);
	fhir_set(e, "resource", res);
	fhir_push(fc->entries, e);
}

const char *
fhir_staff_ref(const struct fhir_case *fc, const char *code)
{
	for (size_t i = 0; code != NULL && i < fc->nstaff; i++)
		if (strcmp(fc->staff[i].code, code) == 0)
			return fc->staff[i].ref;
	return NULL;
}

bool
fhir_in_force(const struct fhir_case *fc, size_t i)
{
	const struct cs_event *e = &fc->cs->ev[i];
	return (strcmp(e->action, ACTION_RECORD) == 0 || strcmp(e->action, ACTION_AMEND) == 0) &&
	    e->superseded_by == 0;
}

/* An audit event as a Provenance entity: its id and its hash as an RFC 6920
 * "nih" URI (the hash algorithm named, the digest in hex as in the CSV
 * export's hash column). */
static json_t *
event_entity(const struct fhir_case *fc, size_t i)
{
	const struct cs_event *e = &fc->cs->ev[i];
	json_t *ent = fhir_obj(), *what = fhir_obj(), *id = fhir_obj();
	char *uri = xasprintf("nih:sha-256;%s", fc->hash[i]);
	char *display = xasprintf("spinelog event %" PRId64 " (%s), hash chain SHA-256", e->id,
	    e->action);

	fhir_set_str(ent, "role", "source");
	fhir_set_str(id, "system", "urn:ietf:rfc:3986");
	fhir_set_str(id, "value", uri);
	fhir_set(what, "identifier", id);
	fhir_set_str(what, "display", display);
	fhir_set(ent, "what", what);
	free(uri);
	free(display);
	return ent;
}

void
fhir_provenance(struct fhir_case *fc, const char *target, const size_t *idx, size_t n)
{
	json_t *p = fhir_obj(), *targets = fhir_arr(), *agents = fhir_arr(), *ents = fhir_arr();
	json_t *agent = fhir_obj();
	const struct cs_event *first = &fc->cs->ev[idx[0]], *last = &fc->cs->ev[idx[n - 1]];
	const char *who = fhir_staff_ref(fc, first->staff);
	char ref[FHIR_REF_LEN];

	fhir_uuid(ref, "Provenance", target, NULL);
	fhir_set_str(p, "resourceType", "Provenance");
	fhir_push(targets, fhir_ref(target));
	fhir_set(p, "target", targets);
	fhir_set(p, "recorded", fhir_time(last->at));
	if (who != NULL) {
		fhir_set(agent, "who", fhir_ref(who));
	} else {
		json_t *w = fhir_obj();
		fhir_set_str(w, "display", *first->staff ? first->staff : "spinelog");
		fhir_set(agent, "who", w);
	}
	fhir_push(agents, agent);
	fhir_set(p, "agent", agents);
	for (size_t i = 0; i < n; i++)
		fhir_push(ents, event_entity(fc, idx[i]));
	fhir_set(p, "entity", ents);
	fhir_entry(fc, ref, p);
}
