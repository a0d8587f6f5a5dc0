/*
 * actions: the names of the event actions, in one place.  Every user action
 * that changes clinical state is one event with one of these in its "action"
 * field; spinelog(1), section ACTIONS, documents each (what the other fields
 * hold).  The names are part of the audit record and of the CSV export, so
 * they never change once released.
 */
#ifndef SPINELOG_ACTIONS_H
#define SPINELOG_ACTIONS_H

#define ACTION_STAFF_REGISTER	"staff_register"  /* value: name=..; role=.. */
#define ACTION_SIGN_IN		"sign_in"	  /* staff_code signs in at a terminal */
#define ACTION_SIGN_OUT		"sign_out"	  /* reason: quit, signal name */
#define ACTION_CASE_CREATE	"case_create"	  /* value: the case row (record.h) */
#define ACTION_CASE_CANCEL	"case_cancel"	  /* reason required */
#define ACTION_CASE_CLOSE	"case_close"	  /* the post-procedure gate passed */
#define ACTION_RECORD		"record"	  /* an item's value; flag low/high/expired */
#define ACTION_NA		"na"		  /* not applicable; reason required */
#define ACTION_AMEND		"amend"		  /* amends = corrected event; reason; new value */
#define ACTION_OVERRIDE		"override"	  /* a blocking item passed; reason required */
#define ACTION_PHASE_START	"phase_start"	  /* phase = the phase now started */
#define ACTION_TIMEOUT_CONFIRM	"timeout_confirm" /* value: the prompt confirmed */
#define ACTION_TIMEOUT_STOP	"timeout_stop"	  /* value: the prompt answered no; reason */
#define ACTION_TIMEOUT_DONE	"timeout_done"	  /* value: team present */
#define ACTION_EXPORT		"export"	  /* value: range, rows, anchor, file */
/* value: the checklist_version row (event_version_value); the same name as
 * EVENT_CHECKLIST_VERSION in store/event.h, which the upgrade writes */
#define ACTION_CHECKLIST_VERSION "checklist_version"

/* value: "from=N; to=M": spinelog upgraded an existing database's schema */
#define ACTION_SCHEMA_UPGRADE	"schema_upgrade"

/* value: the corrected fields of the case, as name=..; dob=..; side=..;
 * level=..; proceduralist=..; scheduled_at=.. (only those that changed);
 * reason required.  The case row stays as created; the case reads as
 * corrected everywhere after it (record.h case_current). */
#define ACTION_CASE_CORRECT	"case_correct"

/* A free-text note on an item of an open case: value = the note.  It never
 * changes the item's entry; an answer that asks for a note (note.h) shows as
 * needing one until a note is written. */
#define ACTION_NOTE		"note"

/* A late entry on a case that has ended (closed or cancelled), VistA's
 * addendum: item_key = the item it is about ("" = the whole case), value =
 * what is added (free text), reason = why it comes late (at least two words
 * and eight letters).  The original entries stay as they were. */
#define ACTION_ADDENDUM		"addendum"

#endif
