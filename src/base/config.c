/*
 * config: spinelog.conf read with libinih (ini.h), each line checked.
 *
 * inih gives the handler no line number (Debian builds it without
 * INI_HANDLER_LINENO), so the file is fed through a reader of our own that
 * counts lines; inih reads one line per call, so the count is the line the
 * handler is looking at.  The reader also refuses what inih would silently
 * mangle: a line longer than its buffer (inih would read the rest as a line
 * of its own) and bytes that are not UTF-8.
 */
#include "config.h"

#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEE " (see spinelog.conf(5))"

struct parse {
	struct config *cfg;
	const char *file;
	FILE *f;
	int line;		/* lines read so far */
	int bad_line;		/* the first problem's line; 0 = none */
	char msg[sizeof ((struct err *)0)->msg];
	int seen[4];		/* the line of each key, 0 = not yet */
};

static const char *const keys[] = {"database", "export_dir", "lock_after", "site"};

const char *
config_path(const char *path, bool *required)
{
	const char *env = getenv("SPINELOG_CONF");

	*required = path != NULL || env != NULL;
	if (path != NULL)
		return path;
	if (env != NULL)
		return *env != '\0' ? env : NULL;
	return CONFIG_SYSTEM_PATH;
}

static void
problem(struct parse *p, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
problem(struct parse *p, int line, const char *fmt, ...)
{
	va_list ap;

	if (p->bad_line != 0 && p->bad_line <= line)
		return;		/* only the first problem */
	p->bad_line = line;
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof p->msg, fmt, ap);
	va_end(ap);
}

/* ini_reader: fgets, counting lines, refusing long lines and non-UTF-8. */
static char *
reader(char *str, int num, void *stream)
{
	struct parse *p = stream;

	if (fgets(str, num, p->f) == NULL)
		return NULL;
	p->line++;
	size_t n = strlen(str);
	if (n > 0 && str[n - 1] != '\n' && !feof(p->f)) {
		int c;
		while ((c = fgetc(p->f)) != EOF && c != '\n')
			;
		problem(p, p->line, "line longer than %d bytes; shorten it", num - 2);
		str[0] = '\0';
	} else if (!utf8_valid(str, n)) {
		problem(p, p->line, "not UTF-8 text; save the file as UTF-8");
		str[0] = '\0';
	} else if ((str[0] == ' ' || str[0] == '\t') && strchr("#;\r\n", str[strspn(str,
	    " \t")]) == NULL) {
		/* inih would take it as the previous value's continuation */
		problem(p, p->line, "indented line; start each setting at the beginning of its "
		    "line");
		str[0] = '\0';
	}
	return str;
}

static bool
absolute_path(struct parse *p, const char *key, const char *value)
{
	if (value[0] == '/')
		return true;
	problem(p, p->line, "%s must be an absolute path (starting with '/'), not '%s'", key,
	    value);
	return false;
}

static void
set_value(struct parse *p, int k, const char *value)
{
	struct config *c = p->cfg;
	int64_t min;

	switch (k) {
	case 0:
		if (absolute_path(p, keys[k], value))
			c->database = xstrdup(value);
		break;
	case 1:
		if (absolute_path(p, keys[k], value))
			c->export_dir = xasprintf("%s%s", value,
			    value[strlen(value) - 1] == '/' ? "" : "/");
		break;
	case 2:
		if (text_int64(value, 1, 240, &min))
			c->lock_after = (int)min;
		else
			problem(p, p->line, "lock_after takes whole minutes from 1 to 240, not '%s'",
			    value);
		break;
	default:
		if (text_width(value) > CONFIG_MAX_SITE)
			problem(p, p->line, "site is %zu columns; the report has room for %d: "
			    "shorten it", text_width(value), CONFIG_MAX_SITE);
		else if (text_invisible(value) != NULL)
			problem(p, p->line, "site holds an invisible character (zero-width, bidi "
			    "control...); retype it");
		else
			c->site = xstrdup(value);
	}
}

/* ini_handler: one "key = value" line. */
static int
handler(void *user, const char *section, const char *name, const char *value)
{
	struct parse *p = user;
	int k = -1;

	if (*section != '\0') {
		problem(p, p->line, "no [sections] in this file: remove '[%s]' and keep the "
		    "settings above any section", section);
		return 0;
	}
	for (int i = 0; i < (int)ARRAY_SIZE(keys); i++)
		if (strcmp(name, keys[i]) == 0)
			k = i;
	if (k < 0) {
		problem(p, p->line, "unknown setting '%s'; the settings are database, export_dir, "
		    "lock_after and site", name);
	} else if (p->seen[k] != 0) {
		problem(p, p->line, "%s given twice (also on line %d); keep one", name, p->seen[k]);
	} else if (*value == '\0') {
		problem(p, p->line, "%s has no value; give one or remove the line", name);
	} else if (text_has_control(value)) {
		problem(p, p->line, "%s holds a control character; retype the value", name);
	} else {
		p->seen[k] = p->line;
		set_value(p, k, value);
	}
	return p->bad_line == 0;
}

static int
parse_open(struct parse *p, struct err *err)
{
	int rc = ini_parse_stream(reader, p, handler, p);

	if (rc > 0 && (p->bad_line == 0 || rc < p->bad_line))
		problem(p, rc, "not a 'key = value' line (a comment starts with '#' or ';')");
	if (ferror(p->f))
		return err_set(err, ST_CONFIG, "%s: %s; fix the file or its permissions" SEE, p->file,
		    strerror(errno));
	if (p->bad_line != 0)
		return err_set(err, ST_CONFIG, "%s:%d: %s" SEE, p->file, p->bad_line, p->msg);
	return ST_OK;
}

int
config_load(const char *path, bool required, struct config *cfg, struct err *err)
{
	struct parse p = {.cfg = cfg, .file = path};

	memset(cfg, 0, sizeof *cfg);
	if (path == NULL)
		return ST_OK;
	if ((p.f = fopen(path, "re")) == NULL) {
		if (errno == ENOENT && !required)
			return ST_OK;
		return err_set(err, ST_CONFIG, "%s: %s; %s" SEE, path, strerror(errno),
		    errno == ENOENT ? "create it, or point SPINELOG_CONF or --config at the "
		    "ward's file" : "make it readable by the spinelog group");
	}
	cfg->path = xstrdup(path);
	int rc = parse_open(&p, err);
	fclose(p.f);
	if (rc != ST_OK)
		config_free(cfg);
	return rc;
}

void
config_free(struct config *cfg)
{
	if (cfg == NULL)
		return;
	free(cfg->path);
	free(cfg->database);
	free(cfg->export_dir);
	free(cfg->site);
	memset(cfg, 0, sizeof *cfg);
}
