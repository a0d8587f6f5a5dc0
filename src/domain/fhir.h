/*
 * fhir: the FHIR R4 export (spinelog(1), FHIR EXPORT), the second format of
 * `spinelog export` beside the CSV audit file (export.h).
 *
 * One Bundle of type "collection" per case, one Bundle a line (NDJSON, the
 * form of FHIR Bulk Data files), so that a day's file streams case by case
 * and a single case is one JSON document.  A bundle holds the Patient (the
 * MRN under the site's identifier system), the Practitioners who charted,
 * the Procedure (status from the case state, body site with laterality and
 * vertebral level, performed period from the procedure phase), an
 * Observation per vital sign and per number, a MedicationAdministration per
 * med entry (lot and expiry on the contained Medication's batch, their R4
 * place), a MedicationStatement per antithrombotic entry (the drug taken
 * at home, its last dose or none), a Specimen for a biopsy or aspiration,
 * and a Provenance per resource naming the audit events it came from by id
 * and SHA-256 hash.
 *
 * A range of days selects the cases with an event in it; each is exported
 * whole, as it stands.  The JSON is built and written by libjansson, never
 * by hand.
 *
 * Domain layer: never prints; returns a status (util.h) and fills struct err.
 */
#ifndef SPINELOG_FHIR_H
#define SPINELOG_FHIR_H

#include "export.h"

/* The file a day's FHIR export is written to ends in this. */
#define FHIR_SUFFIX ".ndjson"
/* How such a file starts (file_atomic_sweep): the first bundle's first key. */
#define FHIR_HEAD "{\"resourceType\":\"Bundle\""

/* Write one bundle a line for the cases req selects into fd; res->rows is
 * the number of events the bundles carry, res->bundles the number of cases,
 * res->anchor the hash of the latest of those events.  target names fd in a
 * write error; req->mrn_system is set (export_run checks). */
int fhir_write(struct db *db, const struct export_req *req, int fd, const char *target,
    struct export_result *res, struct err *err);

#endif
