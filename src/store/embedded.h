/* Files compiled into the binary by src/tools/embed.c (schema, checklists). */
#ifndef SPINELOG_EMBEDDED_H
#define SPINELOG_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name;	/* path in the source tree, e.g. "schema/001-init.sql" */
	const char *data;	/* NUL-terminated */
	size_t size;		/* without the NUL */
};

extern const struct embedded_file embedded_files[];	/* ends with name == NULL */

#endif
