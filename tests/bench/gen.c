/*
 * gen: the benchmark's synthetic department.  Builds spinelog databases of a
 * realistic shape through spinelog's own code path (staff_register,
 * checklist_version_intern, case_insert, event_insert, case_end), so that the
 * hash chain is valid and every index is filled the way the program fills it.
 *
 * A weekday has DAY_CASES cases of the seven procedures, imported at 07:00
 * like a worklist, then run in two or three rooms at once: sign-in, the three
 * phases of the case's checklist (about 45 item entries: values shaped by the
 * item's kind, number flags, n/a with reasons, vitals series from `repeat`
 * items, medicines with drug/dose/lot/expiry), the time-out, about two
 * amendments, now and then an override, then case_close (2% are cancelled,
 * a few are forgotten open).  The day ends with an export event.  That is
 * about 60 events per case.  Events of a day are written in time order, one
 * transaction per day, split where case_end takes its own.
 *
 * recorded_at comes from the clock inside event_insert; to spread it over
 * the ~3.5 years that 1,000,000 events take, run gen under faketime with
 * FAKETIME_NO_CACHE=1: gen sets $FAKETIME to each event's time before writing
 * it, so the timestamps (and so every hash) are the same on every run with
 * the same seed.  Without faketime the events carry the real time (a warning
 * says so).  Generation turns synchronous off on its own connection: the
 * content is the same, only the fsync per commit is skipped.
 *
 *   gen [-s SEED] -o PREFIX N...    writes PREFIX-N.db for each N (ascending):
 *                                   the first end of a day with at least N events
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "checklist.h"
#include "event.h"
#include "record.h"

#define DAY_CASES 18
#define MS_MIN 60000LL
#define MS_DAY 86400000LL
#define FIRST_DAY "2023-05-01"	/* a Monday */

static uint64_t rng_state;

static uint64_t
rng(void)
{
	/* splitmix64: tiny, deterministic, good enough for synthetic data */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int
rnd(int n)		/* 0 .. n-1 */
{
	return (int)(rng() % (uint64_t)n);
}

static int
chance(double p)
{
	return (double)(rng() >> 11) / 9007199254740992.0 < p;
}

static const char *const first_names[] = {
	"Anna", "Pat", "John", "Thị Ánh", "José", "Zoë", "Mohammed", "Ingrid", "Wei", "Olga",
	"Siobhán", "Kwame", "Marie-Claire", "Björn", "Fatma", "Liam", "Aiko", "Łukasz",
};
static const char *const last_names[] = {
	"MÜLLER", "O'BRIEN", "SMITH", "NGUYỄN", "GARCÍA", "SCHNEIDER", "OKAFOR", "HANSEN",
	"ZHANG", "IVANOVA", "MURPHY", "MENSAH", "DUBOIS", "LINDQVIST", "YILMAZ", "KOWALSKI",
};
static const char *const sides[] = {"left", "right", "bilateral", "midline", "n/a"};
static const char *const levels[] = {"S1", "S2", "L4-L5", "L5-S1", "L3", "T12", ""};
static const char *const texts[] = {
	"NKA", "iodinated contrast: hives 2019", "aspirin 100 mg, last dose 5 days ago",
	"none", "see referral letter", "latex", "apixaban 5 mg bd, held 48 h per prescriber",
	"labs drawn 07:10", "Dr Okafor, RN QA, RT MB",
};
static const char *const na_reasons[] = {
	"not diabetic", "no sedation given", "local anaesthetic only", "not applicable to this side",
	"patient declined", "not ordered",
};
static const char *const amend_reasons[] = {
	"typed in the wrong field", "value read back wrong, corrected from the monitor",
	"wrong lot number transcribed", "time corrected from the anaesthesia record",
};
static const char *const override_reasons[] = {
	"proceduralist accepts INR 1.9 after discussion with haematology",
	"site mark not possible (dressing); level confirmed on imaging",
};
static const char *const routes[] = {"IV", "SC", "PO", "infiltration", "IM"};

struct staff_member {
	char code[8];
	const char *role;
};

static struct staff_member staff[36];

enum spec_kind { SPEC_CREATE, SPEC_EVENT, SPEC_END, SPEC_EXPORT };

/* One event of the day, planned before any is written. */
struct spec {
	int64_t at;		/* ms since the epoch, UTC */
	int seq;		/* tie-break: planning order */
	enum spec_kind kind;
	int c;			/* case index in the day, -1 for none */
	const char *phase, *item_key, *action, *unit, *flag;
	char *value, *reason;	/* owned */
	int amends;		/* index of the amended spec, -1 none */
	int session;		/* sign-out: at the case's terminal, not about the case */
	const char *staff;
	int64_t id;		/* filled when written */
};

struct day {
	struct spec *v;
	size_t n, cap;
	struct case_info cases[DAY_CASES];
	const struct checklist *cl[DAY_CASES];
	const char *terminal[DAY_CASES];
	char day[11];		/* YYYY-MM-DD */
};

static struct spec *
plan(struct day *d, int64_t at, enum spec_kind kind, int c, const char *action)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 2048;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	struct spec *s = &d->v[d->n];
	*s = (struct spec){.at = at, .seq = (int)d->n, .kind = kind, .c = c, .action = action,
	    .amends = -1};
	d->n++;
	return s;
}

static void
fmt_faketime(int64_t ms, char out[80])
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(out, 80, "%04d-%02d-%02d %02d:%02d:%02d.%03d", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ms % 1000));
}

/* Set the clock that clock_now() will read (under faketime). */
static void
set_clock(int64_t ms)
{
	char s[80];
	fmt_faketime(ms, s);
	setenv("FAKETIME", s, 1);
}

static char *
number_value(const struct item *it, const char **flag, char **reason)
{
	double lo = it->has_low ? it->low : (it->has_high ? it->high * 0.4 : 1);
	double hi = it->has_high ? it->high : (it->has_low ? (it->low ? it->low * 4 : 10) : 120);
	double v = lo + (hi - lo) * (double)rnd(1000) / 1000.0;
	if ((it->has_low || it->has_high) && chance(0.04)) {
		int low = it->has_low && (!it->has_high || chance(0.5));
		v = low ? lo - (hi - lo) * 0.2 - 1 : hi + (hi - lo) * 0.2 + 0.1;
		*flag = low ? "low" : "high";
		*reason = xstrdup("flag seen; proceduralist informed");
	}
	if (it->has_low && it->has_high && it->low == 0 && it->high == 10)
		return xasprintf("%d", (int)v);	/* a 0-10 scale */
	return xasprintf("%.1f", v);
}

static char *
vitals_value(void)
{
	struct buf b = {0};
	char s[32];
	snprintf(s, sizeof s, "%d/%d", 105 + rnd(50), 60 + rnd(30));
	buf_kv(&b, "bp", s);
	snprintf(s, sizeof s, "%d", 55 + rnd(40));
	buf_kv(&b, "hr", s);
	snprintf(s, sizeof s, "%d", 12 + rnd(8));
	buf_kv(&b, "rr", s);
	snprintf(s, sizeof s, "%d", 94 + rnd(6));
	buf_kv(&b, "spo2", s);
	snprintf(s, sizeof s, "%.1f", 36.1 + rnd(15) / 10.0);
	buf_kv(&b, "temp", s);
	snprintf(s, sizeof s, "%d", rnd(9));
	buf_kv(&b, "pain", s);
	return b.data;
}

static char *
med_value(const struct item *it, const char *who, int64_t at)
{
	struct buf b = {0};
	char s[32];
	buf_kv(&b, "drug", it->nchoices ? it->choices[rnd((int)it->nchoices)] : "as ordered");
	snprintf(s, sizeof s, "%d", 1 + rnd(40));
	buf_kv(&b, "dose", s);
	buf_kv(&b, "unit", it->unit);
	buf_kv(&b, "route", routes[rnd(ARRAY_SIZE(routes))]);
	buf_kv(&b, "site", "left forearm");
	snprintf(s, sizeof s, "L%05d", rnd(100000));
	buf_kv(&b, "lot", s);
	time_t t = (time_t)(at / 1000) + 86400 * (30 + rnd(700));
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(s, sizeof s, "%04d-%02d", tm.tm_year + 1900, tm.tm_mon + 1);
	buf_kv(&b, "expiry", s);
	buf_kv(&b, "given_by", who);
	return b.data;
}

/* Plan one item entry; returns the spec. */
static struct spec *
plan_item(struct day *d, int c, const struct item *it, int64_t at, const char *who)
{
	struct spec *s = plan(d, at, SPEC_EVENT, c, "record");
	s->phase = phase_name(it->phase);
	s->item_key = it->key;
	s->unit = it->unit;
	s->staff = who;
	switch (it->kind) {
	case KIND_CHECK:
		s->value = xstrdup("");	/* the action says it is done */
		break;
	case KIND_NUMBER:
		s->value = number_value(it, &s->flag, &s->reason);
		break;
	case KIND_CHOICE:
		s->value = xstrdup(it->nchoices == 0 ? "" :
		    it->choices[chance(0.8) ? 0 : rnd((int)it->nchoices)]);
		break;
	case KIND_TEXT:
		s->value = xstrdup(texts[rnd(ARRAY_SIZE(texts))]);
		break;
	case KIND_TIME: {
		time_t t = (time_t)(at / 1000);
		struct tm tm;
		gmtime_r(&t, &tm);
		s->value = xasprintf("%02d:%02d", tm.tm_hour, tm.tm_min);
		break;
	}
	case KIND_VITALS:
		s->value = vitals_value();
		break;
	case KIND_MED:
		s->value = med_value(it, who, at);
		break;
	case KIND_ANTITHROMBOTIC:
		s->value = xstrdup(chance(0.7) ? "drug=none" : "drug=aspirin; dose=75 mg daily;"
		    " last=2026-11-20 08:00; since=144 h; hold=144 h (ASRA 2018)");
		break;
	case KIND_TIMEOUT:	/* each prompt confirmed in turn, then done */
		for (size_t k = 0; k < it->nchoices; k++) {
			s->action = "timeout_confirm";
			s->value = xstrdup(it->choices[k]);
			s = plan(d, at += 5000 + rnd(15000), SPEC_EVENT, c, "timeout_done");
			s->phase = phase_name(it->phase);
			s->item_key = it->key;
			s->staff = who;
		}
		s->value = xstrdup("team=Dr Okafor; RN QA; RT MB");
		break;
	default:
		s->value = xstrdup("");
	}
	return s;
}

/* Plan the events of case c starting at start; returns when it ends. */
static int64_t
plan_case(struct day *d, int c, int64_t start, int truncate_after_pre)
{
	const struct checklist *cl = d->cl[c];
	const char *who = staff[rnd(30)].code;
	int64_t t = start;
	double p = cl->nitems > 34 ? 34.0 / (double)cl->nitems : 1.0;
	size_t recorded[128], nrec = 0;
	int cancel = chance(0.02);

	struct spec *s = plan(d, t, SPEC_EVENT, c, "sign_in");
	s->staff = who;
	for (int ph = 0; ph < PHASE__COUNT; ph++) {
		size_t first, n = checklist_phase_items(cl, (enum phase)ph, &first);
		if (ph != PHASE_PRE) {	/* a case starts in its pre phase */
			s = plan(d, t += 20000 + rnd(60000), SPEC_EVENT, c, "phase_start");
			s->phase = phase_name((enum phase)ph);
			s->staff = who;
		}
		for (size_t i = first; i < first + n; i++) {
			const struct item *it = &cl->items[i];
			if (it->kind == KIND_TIMEOUT || it->repeat_times > 0 || it->stop ||
			    chance(p)) {
				t += 20000 + rnd(130000);
				if (!it->required && it->kind != KIND_TIMEOUT && chance(0.08)) {
					s = plan(d, t, SPEC_EVENT, c, "na");
					s->phase = phase_name(it->phase);
					s->item_key = it->key;
					s->staff = who;
					s->reason = xstrdup(na_reasons[rnd(ARRAY_SIZE(na_reasons))]);
					continue;
				}
				if (it->stop && chance(0.003)) {
					s = plan(d, t, SPEC_EVENT, c, "override");
					s->phase = phase_name(it->phase);
					s->item_key = it->key;
					s->flag = "override";
					s->staff = who;
					s->reason = xstrdup(override_reasons[rnd(ARRAY_SIZE(override_reasons))]);
					continue;
				}
				for (int k = 0; k < (it->repeat_times ? it->repeat_times : 1); k++) {
					int64_t at = t + k * it->repeat_every * MS_MIN + rnd(90000);
					plan_item(d, c, it, at, who);
					if (nrec < ARRAY_SIZE(recorded) && it->kind != KIND_TIMEOUT &&
					    it->repeat_times == 0)
						recorded[nrec++] = d->n - 1;
				}
			}
		}
		if (cancel && ph == PHASE_PRE)
			break;
		if (truncate_after_pre && ph == PHASE_PRE)
			return t;	/* still in progress */
	}
	/* About two corrections, each some minutes after the entry it amends. */
	for (int k = 0; k < 2 && nrec > 0; k++) {
		struct spec *orig = &d->v[recorded[rnd((int)nrec)]];
		s = plan(d, orig->at + MS_MIN * (2 + rnd(20)), SPEC_EVENT, c, "amend");
		s->phase = orig->phase;
		s->item_key = orig->item_key;
		s->unit = orig->unit;
		s->value = xasprintf("%s (corrected)", orig->value);
		s->reason = xstrdup(amend_reasons[rnd(ARRAY_SIZE(amend_reasons))]);
		s->amends = (int)(orig - d->v);
		s->staff = who;
		if (s->at > t)
			t = s->at;
	}
	if (cancel) {
		s = plan(d, t += 60000, SPEC_END, c, "case_cancel");
		s->reason = xstrdup("patient unwell; rebooked");
		s->staff = who;
	} else if (!chance(0.0005)) {	/* a few are forgotten open */
		s = plan(d, t += 5 * MS_MIN, SPEC_END, c, "case_close");
		s->staff = who;
	}
	s = plan(d, t += 20000, SPEC_EVENT, c, "sign_out");
	s->reason = xstrdup("quit");
	s->staff = who;
	s->session = 1;
	return t;
}

static int
cmp_spec(const void *a, const void *b)
{
	const struct spec *x = *(struct spec *const *)a, *y = *(struct spec *const *)b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static void
day_plan(struct day *d, const struct catalog *cat, const int64_t *versions, int64_t day0,
    int64_t ncase_total, int last_day)
{
	static const char *const terminals[] = {
		"ir-suite-1:/dev/pts/0", "ir-suite-2:/dev/pts/1", "recovery-bay:/dev/tty1",
	};
	char sched[17];
	time_t tt = (time_t)(day0 / 1000);
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(d->day, sizeof d->day, "%Y-%m-%d", &tm);

	for (int c = 0; c < DAY_CASES; c++) {
		size_t k = (size_t)rnd((int)cat->n);
		int64_t at = day0 + 7 * 3600000LL + 30 * MS_MIN + c * 25 * MS_MIN;
		time_t st = (time_t)(at / 1000);
		gmtime_r(&st, &tm);
		strftime(sched, sizeof sched, "%Y-%m-%d %H:%M", &tm);
		d->cl[c] = cat->v[k];
		d->terminal[c] = terminals[c % 3];
		d->cases[c] = (struct case_info){
			.mrn = xasprintf("M%06" PRId64, (ncase_total + c) * 7919 % 1000000),
			.name = xasprintf("%s, %s", last_names[rnd(ARRAY_SIZE(last_names))],
			    first_names[rnd(ARRAY_SIZE(first_names))]),
			.dob = xasprintf("%04d-%02d-%02d", 1935 + rnd(66), 1 + rnd(12), 1 + rnd(28)),
			.proc_key = xstrdup(cat->v[k]->key), .version_id = versions[k],
			.side = xstrdup(sides[rnd(ARRAY_SIZE(sides))]),
			.level = xstrdup(levels[rnd(ARRAY_SIZE(levels))]),
			.proceduralist = xasprintf("Dr %s", last_names[rnd(ARRAY_SIZE(last_names))]),
			.scheduled_at = xstrdup(sched),
		};
		struct spec *s = plan(d, day0 + 7 * 3600000LL + c * 37, SPEC_CREATE, c, "case_create");
		s->staff = staff[30].code;
	}
	int64_t end = 0;
	for (int c = 0; c < DAY_CASES; c++) {
		int64_t start = day0 + 7 * 3600000LL + 30 * MS_MIN + c * 25 * MS_MIN - 40 * MS_MIN +
		    rnd(600000);
		/* The last day is still going on: later cases are in their pre phase. */
		int64_t e = plan_case(d, c, start, last_day && c >= DAY_CASES / 3);
		if (e > end)
			end = e;
	}
	if (!last_day)
		plan(d, end + 30 * MS_MIN, SPEC_EXPORT, -1, "export")->staff = staff[30].code;
}

static void
day_clear(struct day *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].value);
		free(d->v[i].reason);
	}
	for (int c = 0; c < DAY_CASES; c++)
		case_clear(&d->cases[c]);
	d->n = 0;
}

static void
fail(const char *what, const struct err *err)
{
	fprintf(stderr, "gen: %s: %s\n", what, err->msg);
	exit(1);
}

/* Write the planned day in time order; returns the number of events. */
static int64_t
day_write(struct db *db, struct day *d, int64_t *events)
{
	struct err err = {0};
	struct spec **order = xreallocarray(NULL, d->n, sizeof *order);
	int64_t written = 0;

	for (size_t i = 0; i < d->n; i++)
		order[i] = &d->v[i];
	qsort(order, d->n, sizeof *order, cmp_spec);
	if (db_begin(db, &err) != ST_OK)
		fail("begin", &err);
	for (size_t i = 0; i < d->n; i++) {
		struct spec *s = order[i];
		set_clock(s->at);
		if (s->kind == SPEC_CREATE) {
			if (case_insert(db, &d->cases[s->c], s->staff, "worklist import day.csv",
			    &err) != ST_OK)
				fail("case_insert", &err);
		} else if (s->kind == SPEC_END) {
			if (db_commit(db, &err) != ST_OK)
				fail("commit", &err);
			if (case_end(db, d->cases[s->c].id, s->action, s->reason, s->staff, &err) !=
			    ST_OK)
				fail("case_end", &err);
			if (db_begin(db, &err) != ST_OK)
				fail("begin", &err);
		} else {
			char head[HASH_HEX_LEN];
			int64_t head_id;
			char *value = s->value;
			if (s->kind == SPEC_EXPORT) {
				if (event_head(db, &head_id, head, &err) != ST_OK)
					fail("event_head", &err);
				struct buf b = {0};
				char rows[24];
				snprintf(rows, sizeof rows, "%" PRId64, written);
				buf_kv(&b, "range", d->day);
				buf_kv(&b, "rows", rows);
				buf_kv(&b, "last_hash", head);
				value = s->value = b.data;
			}
			struct event ev = {
				.case_id = s->c >= 0 && !s->session ? d->cases[s->c].id : 0,
				.phase = s->phase, .item_key = s->item_key, .action = s->action,
				.value = value, .unit = s->unit, .flag = s->flag, .reason = s->reason,
				.amends = s->amends >= 0 ? d->v[s->amends].id : 0,
				.staff_code = s->staff, .os_user = "nurse",
				.terminal = s->c >= 0 ? d->terminal[s->c] : "charge-desk:/dev/pts/4",
			};
			if (event_insert(db, &ev, &err) != ST_OK)
				fail("event_insert", &err);
			s->id = ev.id;
		}
		written++;
	}
	if (db_commit(db, &err) != ST_OK)
		fail("commit", &err);
	free(order);
	*events += written;
	return written;
}

static void
copy_file(const char *from, const char *to)
{
	char tmp[4096], buf[1 << 16];
	snprintf(tmp, sizeof tmp, "%s.tmp", to);
	int in = open(from, O_RDONLY), out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ssize_t n;
	if (in < 0 || out < 0) {
		perror(from);
		exit(1);
	}
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n) {
			perror(tmp);
			exit(1);
		}
	close(in);
	if (fsync(out) != 0 || close(out) != 0 || rename(tmp, to) != 0) {
		perror(to);
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	const char *prefix = NULL;
	uint64_t seed = 20231101;
	int opt;

	while ((opt = getopt(argc, argv, "s:o:")) != -1) {
		if (opt == 's')
			seed = strtoull(optarg, NULL, 10);
		else if (opt == 'o')
			prefix = optarg;
		else
			goto usage;
	}
	if (prefix == NULL || optind == argc)
		goto usage;
	rng_state = seed;

	int ntargets = argc - optind;
	int64_t *targets = xcalloc((size_t)ntargets, sizeof *targets);
	for (int i = 0; i < ntargets; i++)
		targets[i] = strtoll(argv[optind + i], NULL, 10);

	struct err err = {0};
	struct catalog cat = {0};
	struct cl_errors errs = {0};
	if (catalog_load(&cat, &errs, &err) != ST_OK || errs.n > 0 || cat.n == 0) {
		fprintf(stderr, "gen: the checklists did not load; unset SPINELOG_CHECKLISTS\n");
		return 1;
	}
	char *work = xasprintf("%s-work.db", prefix);
	char *wal = xasprintf("%s-wal", work), *shm = xasprintf("%s-shm", work);
	unlink(work);
	unlink(wal);
	unlink(shm);
	struct db *db;
	if (db_open(&db, work, DB_CREATE, &err) != ST_OK)
		fail(work, &err);
	if (db_exec(db, "PRAGMA synchronous=OFF", &err) != ST_OK)
		fail("pragma", &err);

	struct tm tm0 = {0};
	strptime(FIRST_DAY, "%Y-%m-%d", &tm0);
	int64_t day0 = (int64_t)timegm(&tm0) * 1000;

	/* Set-up, the Friday before: staff and checklist versions. */
	set_clock(day0 - 3 * MS_DAY + 8 * 3600000LL);
	char now[CLOCK_UTC_LEN], want[80];
	clock_now(now);
	fmt_faketime(day0 - 3 * MS_DAY + 8 * 3600000LL, want);
	if (strncmp(now, want, 10) != 0)
		fprintf(stderr, "gen: warning: not under faketime (FAKETIME_NO_CACHE=1 faketime "
		    "...): events carry the real time\n");
	for (size_t i = 0; i < ARRAY_SIZE(staff); i++) {
		snprintf(staff[i].code, sizeof staff[i].code, "%c%c%zu", 'A' + (int)(i % 26),
		    'Q' + (int)(i % 9), i);
		staff[i].role = i < 30 ? "RN" : i < 33 ? "RT" : "MD";
		char *name = xasprintf("%s %s", first_names[i % ARRAY_SIZE(first_names)],
		    last_names[(i * 7) % ARRAY_SIZE(last_names)]);
		if (staff_register(db, staff[i].code, name, staff[i].role, &err) != ST_OK)
			fail("staff_register", &err);
		free(name);
	}
	int64_t *versions = xcalloc(cat.n, sizeof *versions);
	for (size_t k = 0; k < cat.n; k++)
		if (checklist_version_intern(db, cat.v[k], &versions[k], &err) != ST_OK)
			fail("checklist_version_intern", &err);

	struct day d = {0};
	int64_t events = (int64_t)ARRAY_SIZE(staff), ncases = 0;
	int ti = 0;
	for (int64_t day = day0; ti < ntargets; day += MS_DAY) {
		time_t tt = (time_t)(day / 1000);
		struct tm tm;
		gmtime_r(&tt, &tm);
		if (tm.tm_wday == 0 || tm.tm_wday == 6)
			continue;
		/* The day that reaches the largest target is cut short: in progress. */
		int last = events + 1100 >= targets[ntargets - 1];
		day_plan(&d, &cat, versions, day, ncases, last);
		day_write(db, &d, &events);
		ncases += DAY_CASES;
		day_clear(&d);
		while (ti < ntargets && (events >= targets[ti] || last)) {
			char *out = xasprintf("%s-%" PRId64 ".db", prefix, targets[ti]);
			if (db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", &err) != ST_OK)
				fail("checkpoint", &err);
			copy_file(work, out);
			printf("%s: %" PRId64 " events, %" PRId64 " cases\n", out, events, ncases);
			fflush(stdout);
			free(out);
			ti++;
		}
	}
	free(d.v);
	db_close(db);
	unlink(work);
	unlink(wal);
	unlink(shm);
	free(work);
	free(wal);
	free(shm);
	free(versions);
	free(targets);
	catalog_free(&cat);
	cl_errors_free(&errs);
	return 0;
usage:
	fprintf(stderr, "usage: gen [-s SEED] -o PREFIX N...\n");
	return 64;
}
