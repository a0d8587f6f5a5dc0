/*
 * cli_conf: the configuration file put in place for both front ends (the
 * composition root, main.c, sees no domain header, so it asks here).
 */
#include "cli.h"

#include "config.h"
#include "export.h"
#include "report.h"

/* Lives as long as the program: opts points into it. */
static struct config cfg;

int
cli_configure(const char *path, struct opts *o, int *lock_after)
{
	struct err err = {0};
	bool required;

	path = config_path(path, &required);
	if (config_load(path, required, &cfg, &err) != ST_OK)
		return cli_error(err.status, "%s", err.msg);
	o->conf_db = cfg.database;
	o->conf_file = cfg.path;
	export_set_default_dir(cfg.export_dir);
	report_set_site(cfg.site);
	if (lock_after != NULL && cfg.lock_after > 0)
		*lock_after = cfg.lock_after;
	return -1;
}
