/*
 * ui_list: moving in a list and scrolling a text, the same on every screen
 * (worklist, case, history, help, pick lists and messages), and the
 * scrolling text of coloured lines that help and history build.
 */
#include "ui_app.h"

#include <stdlib.h>

bool
ui_list_move(enum action act, size_t *sel, size_t n, size_t page)
{
	size_t last = n ? n - 1 : 0, step = page > 1 ? page - 1 : 1;
	switch (act) {
	case ACT_UP:
		*sel = *sel > 0 ? *sel - 1 : 0;
		break;
	case ACT_DOWN:
		*sel = *sel + 1 < n ? *sel + 1 : last;
		break;
	case ACT_PGUP:
		*sel = *sel > step ? *sel - step : 0;
		break;
	case ACT_PGDN:
		*sel = *sel + step < n ? *sel + step : last;
		break;
	case ACT_FIRST:
		*sel = 0;
		break;
	case ACT_LAST:
		*sel = last;
		break;
	default:
		return false;
	}
	return true;
}

bool
ui_scroll(enum action act, size_t *top, size_t n, size_t page)
{
	/* the first line can go as far as leaves the last page full */
	return ui_list_move(act, top, n > page ? n - page + 1 : 1, page);
}

void
ui_text_add(struct ui_text *t, enum role r, char *line)
{
	t->lines = xreallocarray(t->lines, t->n + 1, sizeof *t->lines);
	t->roles = xreallocarray(t->roles, t->n + 1, sizeof *t->roles);
	t->lines[t->n] = line;
	t->roles[t->n++] = r;
}

void
ui_text_clear(struct ui_text *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->lines[i]);
	free(t->lines);
	free(t->roles);
	t->lines = NULL;
	t->roles = NULL;
	t->n = 0;
}

void
ui_text_draw(struct ui_text *t, int y, int rows)
{
	if (t->n > (size_t)rows && t->top > t->n - (size_t)rows)
		t->top = t->n - (size_t)rows;
	for (int i = 0; i < rows && t->top + (size_t)i < t->n; i++)
		ui_put(y + i, 1, COLS - 2, t->roles[t->top + i], t->lines[t->top + i]);
}

