/*
 * The checklists command: list the current checklists, show one, and check
 * checklist files before a nurse manager installs them; the same for the
 * two tables beside them, the drug table and the hold table.  None of this
 * opens the database: the catalogue lives in the binary and the site folder.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "cli.h"
#include "drugtab.h"
#include "holdtab.h"
#include "num.h"
#include "rule.h"

static int cmd_checklists_run(int argc, char **argv, struct opts *o);

const struct command cmd_checklists_entry = {
	.name = "checklists",
	.synopsis = "list | show [--hints | --csv] KEY | check FILE...",
	.summary = "list, show or validate the procedure checklists",
	.run = cmd_checklists_run,
};

static void
print_errors(const struct cl_errors *errs)
{
	for (size_t i = 0; i < errs->n; i++) {
		char *s = cl_error_format(&errs->v[i]);
		cli_say(stderr, "%s", s);
		free(s);
	}
}

/* printf's %-Ns pads bytes; labels are UTF-8 and may hold wide (CJK)
 * characters, so pad to screen columns (text_width in util.h). */
static void
put_padded(const char *s, size_t width)
{
	fputs(s, stdout);
	for (size_t n = text_width(s); n < width; n++)
		putchar(' ');
}

static size_t
width_of(const char *s, size_t n)
{
	char *t = xstrndup(s, n);
	size_t w = text_width(t);
	free(t);
	return w;
}

/* Print lead and text indented by margin columns, wrapped at words to fit
 * 80 columns; continuation lines line up under the text.  A word wider than
 * the line is cut between characters. */
static void
put_wrapped_at(size_t margin, const char *lead, const char *text)
{
	const size_t indent = margin + text_width(lead), width = 79;
	size_t col = indent;
	const char *p = text;

	printf("%*s%s", (int)margin, "", lead);
	while (*p) {
		size_t sp = strspn(p, " ");
		if (p[sp] == '\0')
			break;
		size_t n = strcspn(p + sp, " ");
		size_t w = width_of(p + sp, n);
		if (col > indent && col + 1 + w > width) {
			printf("\n%*s", (int)indent, "");
			col = indent;
		} else if (col > indent && sp > 0) {
			putchar(' ');
			col++;
		}
		if (col + w > width) {	/* wider than the line (CJK has no spaces) */
			char *word = xstrndup(p + sp, n);
			n = text_fit(word, width - col, &w);
			free(word);
			if (n == 0) {	/* not even one character: it goes on */
				uint32_t cp;
				n = (size_t)(utf8_next(p + sp, &cp) - (p + sp));
				w = (size_t)text_cp_width(cp);
			}
		}
		fwrite(p + sp, 1, n, stdout);
		col += w;
		p += sp + n;
	}
	putchar('\n');
}

static void
put_wrapped(const char *lead, const char *text)
{
	put_wrapped_at(7, lead, text);
}

/* Say, once per refused site file, what is in force instead. */
static void
report_site_errors(const struct cl_errors *errs, const struct catalog *cat)
{
	print_errors(errs);
	for (size_t i = 0; i < errs->n; i++) {
		const char *file = errs->v[i].file;
		if (i > 0 && strcmp(file, errs->v[i - 1].file) == 0)
			continue;
		const char *base = strrchr(file, '/');
		base = base ? base + 1 : file;
		size_t n = strlen(base);
		char *key = xstrndup(base, n > 4 ? n - 4 : n);
		const struct checklist *cl = catalog_find(cat, key);
		if (strncmp(file, "built-in:", 9) == 0 && catalog_is_table(file + 9))
			cli_error(0, "%s: a built-in table is invalid; please report this bug", file);
		else if (strncmp(file, "built-in:", 9) == 0)
			cli_error(0, "%s: a built-in checklist is invalid; please report this bug",
			    file);
		else if (catalog_is_table(file))
			cli_error(0, "%s refused; the built-in %s table stays in force: fix the file "
			    "('spinelog checklists check %s')", file, strcmp(base, CATALOG_DRUGS) == 0 ?
			    "drug" : "hold", file);
		else if (cl != NULL && strcmp(cl->source, "built-in") == 0)
			cli_error(0, "%s refused; the built-in '%s' checklist stays in force: fix the "
			    "file ('spinelog checklists check %s')", file, key, file);
		else
			cli_error(0, "%s refused; there is no '%s' checklist until it is fixed "
			    "('spinelog checklists check %s')", file, key, file);
		free(key);
	}
}

static int
load(struct catalog *cat)
{
	struct cl_errors errs = {0};
	struct err err = {0};
	int rc = catalog_load(cat, &errs, &err);

	if (rc != ST_OK)
		cli_error(rc, "%s", err.msg);
	report_site_errors(&errs, cat);
	cl_errors_free(&errs);
	return rc;
}

static void
counts(const struct checklist *cl, size_t n[PHASE__COUNT], size_t stops[PHASE__COUNT])
{
	for (int p = 0; p < PHASE__COUNT; p++)
		n[p] = stops[p] = 0;
	for (size_t i = 0; i < cl->nitems; i++) {
		n[cl->items[i].phase]++;
		stops[cl->items[i].phase] += cl->items[i].stop;
	}
}

/* The two tables, one line each (and where a site one comes from). */
static void
tables_list(const struct catalog *cat)
{
	const char *src[2] = {cat->drugs ? cat->drugs->file.source : NULL,
	    cat->holds ? cat->holds->file.source : NULL};
	const size_t n[2] = {cat->drugs ? cat->drugs->n : 0, cat->holds ? cat->holds->n : 0};
	const char *const what[2] = {"drugs", "holds"};	/* show KEY takes them */
	const char *const title[2] = {"Drug table (" CATALOG_DRUGS "): units, plausible doses",
	    "Hold table (" CATALOG_HOLDS "): antithrombotic holds"};
	for (int i = 0; i < 2; i++) {
		bool builtin = src[i] != NULL && strcmp(src[i], "built-in") == 0;
		printf("%-26s %-12s %-8s %14zu  %s\n", what[i], "", "", n[i],
		    src[i] == NULL ? "none" : builtin ? "built-in" : "site");
		printf("    %s\n", title[i]);
		if (src[i] != NULL && !builtin)
			printf("    from %s\n", src[i]);
	}
}

static int
cmd_list(void)
{
	struct catalog cat;
	int rc = load(&cat);

	printf("%-26s %-12s %-8s %4s %4s %4s  %s\n", "KEY", "RISK", "VERSION", "PRE", "PROC",
	    "POST", "SOURCE");
	for (size_t i = 0; i < cat.n; i++) {
		const struct checklist *cl = cat.v[i];
		size_t n[PHASE__COUNT], stops[PHASE__COUNT];
		bool builtin = strcmp(cl->source, "built-in") == 0;
		counts(cl, n, stops);
		printf("%-26s %-12s %.8s %4zu %4zu %4zu  %s\n", cl->key, cl->risk, cl->sha256,
		    n[PHASE_PRE], n[PHASE_PROCEDURE], n[PHASE_POST], builtin ? "built-in" : "site");
		put_wrapped_at(4, "", cl->title);
		if (!builtin)
			printf("    from %s\n", cl->source);
	}
	printf("\n%-26s %-12s %-8s %14s  %s\n", "TABLE", "", "", "ROWS", "SOURCE");
	tables_list(&cat);
	catalog_free(&cat);
	return rc;
}

/* The item's rules as sentences: "only when Sedation plan is not local
 * only", "must equal the case's side", "stops on: mismatch". */
static void
show_rules(const struct checklist *cl, const struct item *it)
{
	int self = (int)(it - cl->items);
	struct buf b = {0};

	if (it->when != NULL) {
		rule_words(it->when, cl, self, &b);
		put_wrapped("only when ", b.data);
		b.len = 0;
	}
	if (it->must != NULL) {
		rule_words(it->must, cl, self, &b);
		put_wrapped(it->must->t[0].lhs.ref == REF_SELF ? "must " : "must hold: ", b.data);
		b.len = 0;
	}
	checklist_stop_words(it, &b);
	if (b.len > 0)
		put_wrapped(it->stop ? "stops on: " : "flagged on: ", b.data);
	buf_free(&b);
}

static void
show_item(const struct checklist *cl, const struct item *it, bool hints)
{
	struct buf b = {0};

	/* the kind at the right of 80 columns; a long kind pushes it down a line
	 * under a long label */
	size_t kw = strlen(kind_name(it->kind)), lw = 72 - kw < 60 ? 72 - kw : 60;
	printf("  %-4s ", it->stop ? "STOP" : it->required ? "req" : "");
	/* a label wider than its column (CJK: 60 characters are up to 120
	 * columns) goes on under itself, cut between characters */
	const char *l = it->label;
	for (;;) {
		size_t w, n = text_fit(l, lw, &w);
		if (l[n] == '\0' || n == 0)
			break;
		printf("%.*s\n%7s", (int)n, l, "");
		l += n;
	}
	put_padded(l, lw);
	printf(" %s\n", kind_name(it->kind));
	buf_printf(&b, "key %s", it->key);
	if (*it->unit)
		buf_printf(&b, "  unit %s", it->unit);
	if (it->has_low && it->has_high)
		buf_printf(&b, "  range %g-%g", it->low, it->high);
	else if (it->has_low)
		buf_printf(&b, "  range >= %g", it->low);
	else if (it->has_high)
		buf_printf(&b, "  range <= %g", it->high);
	if (it->repeat_every)
		buf_printf(&b, "  every %d min x%d", it->repeat_every, it->repeat_times);
	if (it->repeat_any)
		buf_puts(&b, "  any number of entries");
	if (it->repeat_after)
		buf_printf(&b, " after %s", it->repeat_after->key);
	if (it->repeat_until)
		buf_printf(&b, " until %s", it->repeat_until->key);
	printf("       %s\n", b.data);
	if (it->kind == KIND_TIMEOUT) {
		/* Read aloud one by one: one per line. */
		printf("       prompts:\n");
		for (size_t i = 0; i < it->nchoices; i++)
			printf("       %2zu. %s\n", i + 1, it->choices[i]);
	} else if (it->nchoices > 0) {
		struct buf opts = {0};
		for (size_t i = 0; i < it->nchoices; i++) {
			const char *u = it->choice_unit ? it->choice_unit[i] : NULL;
			buf_printf(&opts, "%s%s%s%s%s", i ? " | " : "", it->choices[i],
			    u ? " (" : "", u ? u : "", u ? ")" : "");
		}
		put_wrapped("choices: ", opts.data);
		buf_free(&opts);
	}
	show_rules(cl, it);
	if (hints && *it->hint)
		put_wrapped("? ", it->hint);
	buf_free(&b);
}

static void
show_drugs(const struct drugtab *t)
{
	printf("Drug table (%s), %s: %zu drug%s\n", CATALOG_DRUGS, t->file.source, t->n,
	    t->n == 1 ? "" : "s");
	printf("The plausible range is for ONE dose and only catches typing errors; it is "
	    "not\nclinical advice.\n\n");
	for (size_t i = 0; i < t->n; i++) {
		const struct drug *d = &t->v[i];
		char range[96];
		drugtab_range_text(d, range, sizeof range);
		printf("  ");
		put_padded(d->name, 24);
		printf(" %-8s %s\n", d->unit, *range ? range : "no range");
		put_wrapped("source: ", d->source);
	}
}

static void
show_holds(const struct holdtab *t)
{
	printf("Hold table (%s), %s: %zu rows\n", CATALOG_HOLDS, t->file.source, t->n);
	printf("Hours between the last dose and the procedure, by bleeding-risk class; a soft\n"
	    "warning only: the decision stays with the prescriber.\n\n");
	for (size_t i = 0; i < t->n; i++) {
		const struct hold *h = &t->v[i];
		char what[96], n[NUM_MAX];
		num_format(h->hours, n);
		if (h->shared)
			snprintf(what, sizeof what, "shared decision with the prescriber");
		else if (h->hours == 0)
			snprintf(what, sizeof what, "no hold");
		else
			snprintf(what, sizeof what, "%s h", n);
		printf("  ");
		put_padded(h->drug, 24);
		printf(" %-13s", h->risk);
		if (h->crcl != CRCL_ANY) {
			num_format(h->crcl_at, n);
			printf(" CrCl %s%s:", h->crcl == CRCL_BELOW ? "<" : ">=", n);
		}
		printf(" %s\n", what);
		put_wrapped("source: ", h->source);
	}
}

/* show drugs, show holds: the tables, read or as the file (--csv). */
static bool
show_table(const struct catalog *cat, const char *key, bool csv)
{
	bool drugs = strcmp(key, "drugs") == 0;
	if (!drugs && strcmp(key, "holds") != 0)
		return false;
	if (drugs ? cat->drugs == NULL : cat->holds == NULL)
		return false;
	if (csv)
		fwrite(drugs ? cat->drugs->file.content : cat->holds->file.content, 1,
		    drugs ? cat->drugs->file.size : cat->holds->file.size, stdout);
	else if (drugs)
		show_drugs(cat->drugs);
	else
		show_holds(cat->holds);
	return true;
}

static int
cmd_show(const char *key, bool hints, bool csv)
{
	struct catalog cat;
	int rc = load(&cat);
	const struct checklist *cl = catalog_find(&cat, key);

	if (cl == NULL && show_table(&cat, key, csv)) {
		catalog_free(&cat);
		return rc;
	}
	if (cl == NULL) {
		struct buf keys = {0};
		for (size_t i = 0; i < cat.n; i++)
			buf_printf(&keys, " %s", cat.v[i]->key);
		cli_error(0, "no checklist '%s'; the checklists are:%s (and the tables drugs, "
		    "holds)", key, keys.data ? keys.data : "");
		buf_free(&keys);
		catalog_free(&cat);
		return ST_DATAERR;
	}
	if (csv) {
		fwrite(cl->content, 1, cl->size, stdout);
		catalog_free(&cat);
		return rc;
	}
	char *title = xasprintf("%s (%s)", cl->title, cl->key);
	put_wrapped_at(0, "", title);
	free(title);
	/* a site file's path on a line of its own, where it is the only thing
	 * that may pass 80 columns */
	if (strcmp(cl->source, "built-in") == 0)
		printf("bleeding risk %s, version %.8s, built-in\n", cl->risk, cl->sha256);
	else
		printf("bleeding risk %s, version %.8s, from\n  %s\n", cl->risk, cl->sha256,
		    cl->source);
	for (int p = 0; p < PHASE__COUNT; p++) {
		size_t first, n = checklist_phase_items(cl, (enum phase)p, &first);
		size_t stops = 0;
		for (size_t i = first; i < first + n; i++)
			stops += cl->items[i].stop;
		printf("\n%s: %zu items, %zu hard stops\n", phase_title((enum phase)p), n, stops);
		for (size_t i = first; i < first + n; i++)
			show_item(cl, &cl->items[i], hints);
	}
	catalog_free(&cat);
	return rc;
}

/* Check one table file: drugs.csv or holds.csv. */
static int
check_table(const char *path, struct cl_errors *errs)
{
	struct catalog t = {0};
	int r = catalog_parse_table(path, &t, errs);
	if (r == ST_OK && t.drugs != NULL)
		cli_say(stdout, "%s: ok: drug table, %zu drug%s", path, t.drugs->n,
		    t.drugs->n == 1 ? "" : "s");
	else if (r == ST_OK && t.holds != NULL) {
		size_t n;
		free(holdtab_drugs(t.holds, &n));
		cli_say(stdout, "%s: ok: hold table, %zu row%s for %zu drug%s", path, t.holds->n,
		    t.holds->n == 1 ? "" : "s", n, n == 1 ? "" : "s");
	}
	catalog_free(&t);
	return r;
}

static int
cmd_check(int argc, char **argv)
{
	int rc = ST_OK;
	for (int i = 0; i < argc; i++) {
		struct cl_errors errs = {0};
		struct checklist *cl = NULL;
		bool table = catalog_is_table(argv[i]);
		int r = table ? check_table(argv[i], &errs) : catalog_parse_file(argv[i], &cl, &errs);
		if (r == ST_OK && table) {
			;	/* said by check_table */
		} else if (r == ST_OK) {
			cli_say(stdout, "%s: ok: %s, %s risk, %zu items, version %.8s", argv[i],
			    cl->title, cl->risk, cl->nitems, cl->sha256);
		} else {
			print_errors(&errs);
			cli_error(0, "%s refused: %zu problem%s", argv[i], errs.n,
			    errs.n == 1 ? "" : "s");
			/* An unreadable file is missing input; a bad one, bad data. */
			if (rc == ST_OK || r == ST_DATAERR)
				rc = r;
		}
		checklist_free(cl);
		cl_errors_free(&errs);
	}
	return rc;
}

enum { OPT_HINTS = 256, OPT_CSV };

static int
cmd_checklists_run(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS, {"hints", no_argument, NULL, OPT_HINTS},
		{"csv", no_argument, NULL, OPT_CSV}, {NULL, 0, NULL, 0},
	};
	bool hints = false, csv = false;
	int c, rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (c == OPT_HINTS)
			rc = cli_flag(&cmd_checklists_entry, "--hints", &hints);
		else if (c == OPT_CSV)
			rc = cli_flag(&cmd_checklists_entry, "--csv", &csv);
		else
			rc = cli_option(c, argv, o, &cmd_checklists_entry);
		if (rc >= 0)
			return rc;
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		return cli_usage(&cmd_checklists_entry, "say list, show KEY or check FILE...");
	if (strcmp(argv[0], "list") == 0) {
		if (argc != 1)
			return cli_usage(&cmd_checklists_entry, "unexpected argument '%s'", argv[1]);
		return cmd_list();
	}
	if (strcmp(argv[0], "show") == 0) {
		if (argc != 2)
			return cli_usage(&cmd_checklists_entry, "show takes one procedure key");
		return cmd_show(argv[1], hints, csv);
	}
	if (strcmp(argv[0], "check") == 0) {
		if (argc < 2)
			return cli_usage(&cmd_checklists_entry, "check takes one or more files");
		return cmd_check(argc - 1, argv + 1);
	}
	return cli_usage(&cmd_checklists_entry, "unknown subcommand '%s'", argv[0]);
}
