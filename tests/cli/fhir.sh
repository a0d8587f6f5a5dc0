# The FHIR R4 export (spinelog(1), FHIR EXPORT): a case of every built-in
# procedure is walked through its phases with the test tool addevent (vitals,
# every number item, every med item, specimens, antithrombotics taken at home
# (a drug with its last dose, a drug with none, drug none), a correction of a
# number and of an antithrombotic), exported with
# --format fhir, and every bundle is validated by an independent
# implementation (tests/fhir/validate.js: Medplum's R4 StructureDefinition
# validator, installed by 'make check-cli' with npm ci).  The validator must
# also reject a bundle made invalid on purpose.  Node and the installed
# validator are required: without them the test fails, saying what to do.
. "$TESTLIB"
. "$TOP/tests/tools/tools.sh"

command -v node >/dev/null ||
	fail "node is missing: the FHIR export is validated with Node.js; install nodejs and npm (make deps-test), then run make check-cli"
VALIDATE="$TOP/tests/fhir/validate.js"
[ -f "$TOP/tests/fhir/node_modules/@medplum/core/package.json" ] ||
	fail "the FHIR validator's packages are not installed: run 'make check-cli' (npm ci in tests/fhir)"
validate() { node "$VALIDATE" "$@" >"$HOME/.val" 2>&1; }

SYS=urn:oid:1.2.826.0.1.999999.1
"$SPINELOG" init >/dev/null
"$ADDEVENT" staff QA "Quinn Avery" nurse
"$ADDEVENT" staff NT "Nguyễn Thị Ánh" "charge nurse"

# addevent at a fixed time on 2026-11-26 (local): at HH:MM ARGS...
at() {
	t=$1
	shift
	faketime -f "2026-11-26 $t:00.000" "$ADDEVENT" "$@"
}
ev() { at "$@" >/dev/null; }

# The items of a checklist as "phase|key|kind|first choice|its unit|item unit".
items() {
	python3 - "$TOP/schema/checklists/$1.csv" <<'EOF'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["phase"] == "meta":
        continue
    first = r["choices"].split("|")[0].lstrip("!")
    drug, _, unit = first.partition(":")
    print("|".join([r["phase"], r["key"], r["kind"], drug, unit, r["unit"]]))
EOF
}

VITALS='sys=128; dia=76; hr=72; rr=14; spo2=98; temp=36.6; pain=3'
# An antithrombotic entry of case $1, as the dialog saves it (entry_antithrombotic
# and the hold check's since and hold): apixaban with a last dose in case 1,
# none in case 2, clopidogrel with no last dose in case 3, aspirin that the
# hold table does not hold (taken through the procedure) in case 4.
antithrombotic() {
	case $1 in
	4) ev 08:10 --case "$1" --phase pre --item "$2" --action record --staff QA \
		--value 'drug=aspirin; dose=75 mg daily; last=2026-11-26 07:00; since=1 h; hold=none (ASRA 2018)' ;;
	1) ev 08:10 --case "$1" --phase pre --item "$2" --action record --flag hold --staff QA \
		--value 'drug=apixaban; dose=5 mg twice daily; last=2026-11-24 08:00; crcl=45; since=48 h; hold=72 h (ASRA 2018)' ;;
	2) ev 08:10 --case "$1" --phase pre --item "$2" --action record --value 'drug=none' --staff QA ;;
	3) ev 08:10 --case "$1" --phase pre --item "$2" --action record --staff QA \
		--value 'drug=clopidogrel; dose=75 mg daily; last=none' ;;
	esac
}
# Chart every vitals, number and med item of case $1 (procedure $2), and its
# specimens; the phases start in turn.
walk() {
	c=$1
	items "$2" >"$HOME/items"
	while IFS='|' read -r phase key kind drug dunit unit; do
		case $phase in
		procedure) [ -n "${started_proc:-}" ] ||
			{ ev 09:00 --case "$c" --action phase_start --phase procedure --staff NT; started_proc=1; } ;;
		post) [ -n "${started_post:-}" ] ||
			{ ev 10:00 --case "$c" --action phase_start --phase post --staff QA; started_post=1; } ;;
		esac
		case $kind in
		vitals) ev 09:30 --case "$c" --phase "$phase" --item "$key" --action record --value "$VITALS" --staff QA ;;
		antithrombotic) antithrombotic "$c" "$key" ;;
		number) ev 09:31 --case "$c" --phase "$phase" --item "$key" --action record --value 2 --unit "$unit" --staff NT ;;
		med) ev 09:32 --case "$c" --phase "$phase" --item "$key" --action record --unit "${dunit:-${unit:-mg}}" --staff NT \
			--value "drug=$drug; dose=2.5; unit=${dunit:-${unit:-mg}}; route=SC; site=L4 left; lot=LOT-$key; expiry=2027-05; time=09:20; given_by=NT; checked_by=QA" ;;
		esac
		case $key in
		specimen_type) ev 09:40 --case "$c" --phase "$phase" --item "$key" --action record --value core --staff NT ;;
		specimen_destination) ev 09:41 --case "$c" --phase "$phase" --item "$key" --action record --value 'histology (10% formalin)' --staff NT ;;
		specimen_sent) ev 09:42 --case "$c" --phase "$phase" --item "$key" --action record --value 'yes - labelled with 2 identifiers' --staff NT ;;
		esac
	done <"$HOME/items"
	started_proc= started_post=
}

sides="left right bilateral midline n/a left right"
i=0
for f in "$TOP"/schema/checklists/*.csv; do
	key=$(basename "$f" .csv)
	i=$((i + 1))
	side=$(echo "$sides" | cut -d' ' -f"$i")
	c=$(at 07:5$((i % 10)) case --procedure "$key" --mrn "M10$i" --name "MÜLLER, Anna $i" \
		--dob 1950-01-0$i --side "$side" --level L4-L5 --proceduralist "Dr Okafor" --staff QA)
	walk "$c" "$key"
	ev 11:00 end "$c" case_close --staff QA
done
[ "$i" -ge 7 ] || fail "only $i built-in checklists found"
ncases=$i

# A correction, a cancelled case in its procedure phase, an open one.
nid=$(sql "SELECT id FROM event WHERE case_id = 1 AND item_key = 'platelets' AND action = 'record' LIMIT 1")
[ -n "$nid" ] || nid=$(sql "SELECT min(id) FROM event WHERE case_id = 1 AND action = 'record' AND value = '2'")
ev 11:10 --case 1 --item "$(sql "SELECT item_key FROM event WHERE id = $nid")" --action amend \
	--value 3 --amends "$nid" --reason 'typo' --staff QA
aid=$(sql "SELECT id FROM event WHERE case_id = 1 AND value LIKE 'drug=apixaban%'")
ev 11:12 --case 1 --item antithrombotics --action amend --amends "$aid" --flag hold --staff QA \
	--reason 'last dose time corrected' \
	--value 'drug=apixaban; dose=5 mg twice daily; last=2026-11-24 06:30; crcl=45; since=50 h; hold=72 h (ASRA 2018)'
cx=$(at 12:00 case --procedure sacroplasty --mrn M200 --name 'O''BRIEN, Pat' --dob 1940-02-02 --side right --level S1 --staff QA)
ev 12:05 --case "$cx" --action phase_start --phase procedure --staff QA
ev 12:10 end "$cx" case_cancel 'patient unwell' --staff QA
co=$(at 12:20 case --procedure si-joint-injection --mrn M300 --name 'NGUYỄN Thị Ánh' --dob 1962-03-04 --side left --staff NT)
# a dose charted with its day (given last night, charted now)
ev 12:25 --case "$co" --phase pre --item local_anaesthetic --action record --unit mL --staff NT \
	--value "drug=lidocaine 1%; dose=2.5; unit=mL; route=SC; site=L4 left; lot=LOT-dated; expiry=2027-05; time=2026-11-25 22:15; given_by=NT"

# --- usage -----------------------------------------------------------------
expect_rc 64 "$SPINELOG" export --all --format fhir -o "$HOME/x.ndjson"
contains "$ERR" "--mrn-system URI or set SPINELOG_MRN_SYSTEM"
[ ! -e "$HOME/x.ndjson" ] || fail "a refused export wrote a file"
expect_rc 64 "$SPINELOG" export --all --format xml
contains "$ERR" "--format takes csv or fhir, not 'xml'"
expect_rc 64 "$SPINELOG" export --all --format fhir --mrn-system "$SYS" --no-bom
contains "$ERR" "--no-bom is for the CSV export"
expect_rc 64 "$SPINELOG" export --all --mrn-system "$SYS"
contains "$ERR" "--mrn-system is for --format fhir"
expect_rc 64 "$SPINELOG" export --all --format fhir --mrn-system 'not a uri'
contains "$ERR" "holds a space or a control character"

# --- the export --------------------------------------------------------------
before=$(sql 'SELECT max(id) FROM event')
caseevents=$(sql 'SELECT count(*) FROM event WHERE case_id IS NOT NULL')
expect_rc 0 "$SPINELOG" export --all --format fhir --mrn-system "$SYS" -o "$HOME/all.ndjson"
total=$((ncases + 2))
contains "$OUT" "wrote $total bundles (one per case, $caseevents events)"
anchor=$(echo "$OUT" | sed -n 's/^anchor: //p')
[ "$anchor" = "$(sql "SELECT hash FROM event WHERE id = $before")" ] || fail "anchor $anchor is not event $before's hash"
expect_rc 0 "$SPINELOG" verify --anchor "$anchor"
[ "$(sql "SELECT value FROM event WHERE id = $((before + 1))")" != "" ] || fail "no export event"
contains "$(sql "SELECT value FROM event WHERE id = $((before + 1))")" "format=fhir"
[ "$(wc -l <"$HOME/all.ndjson")" -eq "$total" ] || fail "$(wc -l <"$HOME/all.ndjson") lines, not $total bundles"

validate "$HOME/all.ndjson" || fail "the validator rejects the export: $(cat "$HOME/.val")"
contains "$(cat "$HOME/.val")" "$total bundles"
contains "$(cat "$HOME/.val")" "resources valid"

# What the bundles carry, read back (the hashes against the database).
sql "SELECT id || ' ' || hash FROM event" >"$HOME/hashes"
node - "$HOME/all.ndjson" "$HOME/hashes" "$SYS" <<'EOF' >"$HOME/.content" 2>&1 || fail "content: $(cat "$HOME/.content")"
const fs = require('fs');
const [file, hashFile, sys] = process.argv.slice(2);
const hashes = new Map(fs.readFileSync(hashFile, 'utf8').trim().split('\n').map((l) => l.split(' ')));
const bundles = fs.readFileSync(file, 'utf8').trim().split('\n').map(JSON.parse);
const fail = (m) => { console.log(m); process.exit(1); };
const of = (b, t) => b.entry.map((e) => e.resource).filter((r) => r.resourceType === t);
const statuses = [];
const statements = [];
let meds = 0, specimens = 0, amended = 0;
for (const b of bundles) {
	if (b.type !== 'collection') fail(`bundle type ${b.type}`);
	const [pat] = of(b, 'Patient');
	if (!pat || pat.identifier[0].system !== sys || !/^M\d+$/.test(pat.identifier[0].value)) fail(`patient ${JSON.stringify(pat)}`);
	const [proc] = of(b, 'Procedure');
	statuses.push(proc.status);
	for (const o of of(b, 'Observation'))
		if (o.status === 'amended') amended++;
	for (const m of of(b, 'MedicationAdministration')) {
		const med = m.contained[0];
		if (!med.batch.lotNumber.startsWith('LOT-') || med.batch.expirationDate !== '2027-05') fail(`med batch ${JSON.stringify(med)}`);
		if (!m.dosage.dose || m.dosage.dose.value !== 2.5) fail(`dose ${JSON.stringify(m.dosage)}`);
		const given = med.batch.lotNumber === 'LOT-dated' ? '2026-11-25T22:15' : '2026-11-26T09:20';
		if (!m.effectiveDateTime.startsWith(given)) fail(`given at ${m.effectiveDateTime}, not ${given}`);
		meds++;
	}
	specimens += of(b, 'Specimen').length;
	for (const e of b.entry.filter((x) => x.resource.resourceType === 'MedicationStatement')) {
		const prov = of(b, 'Provenance').find((p) => p.target[0].reference === e.fullUrl);
		statements.push({ s: e.resource, events: prov ? prov.entity.length : 0, patient: of(b, 'Patient')[0].identifier[0].value });
	}
	for (const p of of(b, 'Provenance'))
		for (const e of p.entity) {
			const id = /spinelog event (\d+) /.exec(e.what.display)[1];
			if (e.what.identifier.value !== `nih:sha-256;${hashes.get(id)}`) fail(`provenance of event ${id}: ${e.what.identifier.value}`);
		}
	const targets = new Set(of(b, 'Provenance').flatMap((p) => p.target.map((t) => t.reference)));
	for (const e of b.entry)
		if (!['Provenance', 'Practitioner', 'BodyStructure'].includes(e.resource.resourceType) && !targets.has(e.fullUrl))
			fail(`${e.resource.resourceType} ${e.fullUrl} has no Provenance`);
}
const vitals = new Set(bundles.flatMap((b) => of(b, 'Observation')).flatMap((o) => (o.code.coding || []).map((c) => c.code)));
for (const loinc of ['85354-9', '8867-4', '9279-1', '2708-6', '8310-5', '72514-3'])
	if (!vitals.has(loinc)) fail(`no Observation coded ${loinc}`);
const lat = bundles.flatMap((b) => of(b, 'BodyStructure')).flatMap((s) => (s.locationQualifier || []).map((q) => q.coding[0].code));
for (const code of ['419161000', '419465000', '51440002'])
	if (!lat.includes(code)) fail(`no laterality ${code}`);
// The antithrombotics: the drug with its (corrected) last dose as the end of
// its taking, on hold; no drug and no last dose as not taken.
const stmt = (text) => statements.filter((x) => x.s.medicationCodeableConcept.text === text);
const reason = (s) => (s.statusReason || []).map((r) => r.text).join('|');
const [apix, ...moreApix] = stmt('apixaban');
if (!apix || moreApix.length) fail(`${statements.length} statements, apixaban ${stmt('apixaban').length} times, not once (the corrected entry exported too?)`);
const a = apix.s;
if (apix.patient !== 'M101' || a.status !== 'on-hold' || !a.effectivePeriod || a.effectivePeriod.end !== '2026-11-24T06:30:00.000Z' || a.effectivePeriod.start)
	fail(`apixaban: ${JSON.stringify(a)}`);
if (a.dosage[0].text !== '5 mg twice daily' || !a.informationSource || a.dateAsserted !== '2026-11-26T11:12:00.000Z')
	fail(`apixaban dose, source or date asserted: ${JSON.stringify(a)}`);
if (!reason(a).includes('last dose 50 h before charting; hold table: 72 h (ASRA 2018); hold not met'))
	fail(`apixaban status reason: ${reason(a)}`);
if (!/CrCl 45 mL\/min; flag: hold; last dose time corrected$/.test(a.note[0].text)) fail(`apixaban note: ${a.note[0].text}`);
if (apix.events !== 2) fail(`the corrected apixaban's Provenance names ${apix.events} events, not the entry and its correction`);
const [none] = stmt('antithrombotic agents');
if (!none || none.patient !== 'M102' || none.s.status !== 'not-taken' || none.s.effectivePeriod || none.s.dosage ||
    none.s.medicationCodeableConcept.coding[0].system !== 'http://www.whocc.no/atc' || none.s.medicationCodeableConcept.coding[0].code !== 'B01')
	fail(`drug none: ${JSON.stringify(none)}`);
const [clop] = stmt('clopidogrel');
if (!clop || clop.patient !== 'M103' || clop.s.status !== 'not-taken' || clop.s.effectivePeriod || !reason(clop.s).includes('no last dose'))
	fail(`clopidogrel, last dose none: ${JSON.stringify(clop)}`);
const [asp] = stmt('aspirin');
if (!asp || asp.s.status !== 'active' || asp.s.effectivePeriod || !reason(asp.s).includes('hold table: none'))
	fail(`aspirin, not held: ${JSON.stringify(asp)}`);
console.log(`statuses ${statuses.join(',')}; meds ${meds}; specimens ${specimens}; amended ${amended}; statements ${statements.map((x) => x.s.status).join(',')}`);
EOF
content=$(cat "$HOME/.content")
contains "$content" "statuses completed,completed,completed,completed,completed,completed,completed,stopped,preparation"
contains "$content" "specimens 3;"
contains "$content" "amended 1"
lacks "$content" "meds 0;"
contains "$content" "statements on-hold,not-taken,not-taken,active"

# --- the validator rejects what is not valid R4 -----------------------------
python3 - "$HOME/all.ndjson" "$HOME/bad.ndjson" <<'EOF'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
b = json.loads(lines[0])
for e in b["entry"]:
    r = e["resource"]
    if r["resourceType"] == "Procedure":
        r["status"] = "done"			# not an R4 EventStatus
    if r["resourceType"] == "Observation" and r.get("meta"):
        r["code"]["coding"][0]["code"] = "1234-5"	# not the profile's LOINC code
        r.setdefault("valueQuantity", {})["code"] = "mmHg"	# not UCUM
    if r["resourceType"] == "MedicationStatement":
        r["status"] = "held"			# not an R4 medication-statement-status
    if r["resourceType"] == "Specimen":
        r["subject"] = {"reference": b["entry"][0]["fullUrl"]}	# a Practitioner
lines[0] = json.dumps(b)
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines) + "\n")
EOF
if validate "$HOME/bad.ndjson"; then
	fail "the validator accepts an invalid bundle: $(cat "$HOME/.val")"
fi
val=$(cat "$HOME/.val")
contains "$val" "bad.ndjson:1: "
contains "$val" "Procedure.status: 'done' is not in the required value set"
contains "$val" "Incorrect number of values provided for slice"
contains "$val" "Specimen.subject: Invalid reference"
contains "$val" "MedicationStatement.status: 'held' is not in the required value set"
lacks "$val" "bad.ndjson:2: "

# --- ranges, folders and standard output -------------------------------------
mkdir "$HOME/out"
expect_rc 0 env SPINELOG_MRN_SYSTEM="$SYS" "$SPINELOG" export --case "$co" --format fhir -o "$HOME/out"
contains "$OUT" "wrote 1 bundle (one per case"
[ -s "$HOME/out/spinelog-case-$co.ndjson" ] || fail "no spinelog-case-$co.ndjson in the folder"
validate "$HOME/out/spinelog-case-$co.ndjson" || fail "case $co: $(cat "$HOME/.val")"
expect_rc 0 "$SPINELOG" export --date 2026-11-26 --format fhir --mrn-system "$SYS" -o - 
[ "$(echo "$OUT" | wc -l)" -eq "$total" ] || fail "-o - wrote $(echo "$OUT" | wc -l) lines"
contains "$ERR" "to standard output"
expect_rc 0 "$SPINELOG" export --date 2026-11-20 --format fhir --mrn-system "$SYS" -o "$HOME/out"
contains "$ERR" "no case has an event in that range"
[ -f "$HOME/out/spinelog-2026-11-20.ndjson" ] && [ ! -s "$HOME/out/spinelog-2026-11-20.ndjson" ] ||
	fail "an empty range did not give an empty file"

# --- the last dose is local time, exported as UTC -----------------------------
expect_rc 0 env TZ=CET-1 "$SPINELOG" export --case 1 --format fhir --mrn-system "$SYS" -o -
contains "$OUT" '"effectivePeriod":{"end":"2026-11-24T05:30:00.000Z"}'
