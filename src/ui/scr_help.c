/*
 * scr_help: the keys, straight from the action table (ui_keys.c), the
 * screen the help was asked from first, then every other context.
 */
#include "ui_app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"

struct help {
	unsigned ctx;
	struct ui_text text;
};

static void
add(struct help *h, enum role r, char *s)
{
	ui_text_add(&h->text, r, s);
}

static void
section(struct help *h, const struct ctx_def *c)
{
	add(h, ROLE_TITLE, xasprintf("%s%s", c->title, h->ctx & c->ctx ? " (this screen)" : ""));
	for (int a = 1; a < ACT__COUNT; a++) {
		const struct action_def *d = &ui_actions[a];
		if (!(d->ctx & c->ctx))
			continue;
		/* wrap the help text at word boundaries under its column */
		int w = COLS - 18 > 20 ? COLS - 18 : 20;
		const char *p = d->help;
		bool first = true;
		while (*p) {
			int n = (int)strlen(p);
			if (n > w) {
				n = w;
				while (n > 0 && p[n] != ' ')
					n--;
				if (n == 0)
					n = w;
			}
			add(h, ROLE_NORMAL, xasprintf("  %-12s %.*s", first ? d->keyname : "", n, p));
			first = false;
			p += n;
			while (*p == ' ')
				p++;
		}
	}
	add(h, ROLE_NORMAL, xstrdup(""));
}

void *
scr_help_new(struct app *a, unsigned ctx)
{
	struct help *h = xcalloc(1, sizeof *h);
	struct err err = {0};
	int64_t head = 0;
	char hash[HASH_HEX_LEN];

	h->ctx = ctx;
	/* The chain head, to copy down: 'spinelog verify --anchor' checks it later. */
	if (chart_head(a->db, &head, hash, &err) == ST_OK) {
		add(h, ROLE_NORMAL, xasprintf("Log: %lld events; its head hash, to keep for "
		    "'spinelog verify --anchor':", (long long)head));
		add(h, ROLE_NORMAL, xasprintf("  %s", hash));
	} else
		add(h, ROLE_WARN, xasprintf("Log head not readable: %s", err.msg));
	add(h, ROLE_NORMAL, xstrdup("Glyphs: [ ] open  [x] done  [-] not applicable  [!] flagged "
	    "or overridden  [~] corrected"));
	add(h, ROLE_NORMAL, xstrdup("Every entry is saved at once; there is no save key."));
	if (ctx & (CTX_CASE | CTX_TIMEOUT)) {
		add(h, ROLE_NORMAL, xstrdup("Typed words are not taken here: after a letter that is "
		    "no command, keys are"));
		add(h, ROLE_NORMAL, xstrdup("ignored until you pause. A reason is at least 2 words "
		    "and 8 letters; an"));
		add(h, ROLE_NORMAL, xstrdup("override or a time-out stop is confirmed with Right, "
		    "then Enter."));
	}
	add(h, ROLE_NORMAL, xstrdup(""));
	for (size_t i = 0; i < ui_ncontexts; i++)
		if (ctx & ui_contexts[i].ctx)
			section(h, &ui_contexts[i]);
	for (size_t i = 0; i < ui_ncontexts; i++)
		if (!(ctx & ui_contexts[i].ctx))
			section(h, &ui_contexts[i]);
	return h;
}

static void
help_free(void *st)
{
	struct help *h = st;
	ui_text_clear(&h->text);
	free(h);
}

#define ROWS (LINES - 4)	/* title above, status line and footer */

static void
draw(struct app *a, void *st)
{
	struct help *h = st;
	ui_status_line(a, "help");
	ui_put(1, 1, COLS - 2, ROLE_TITLE, "Help: keys (j/k or PgUp/PgDn to scroll, q back)");
	ui_text_draw(&h->text, 2, ROWS);
}

static enum outcome
key(struct app *a, void *st, enum action act, int k)
{
	struct help *h = st;
	(void)a;
	(void)k;
	if (ui_scroll(act, &h->text.top, h->text.n, (size_t)ROWS))
		return OUT_STAY;
	switch (act) {
	case ACT_BACK:
	case ACT_ESC:
		return OUT_POP;
	default:
		break;
	}
	return OUT_STAY;
}

const struct screen scr_help = {
	.name = "help", .ctx = CTX_HELP | CTX_LIST, .draw = draw, .key = key, .free = help_free,
};
