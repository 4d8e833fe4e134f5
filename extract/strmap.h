/*
 * A string -> size_t hash map (open addressing, FNV-1a), used for lexicons and for
 * merging actors and events. Keys are copied. Not thread-safe for writers; readers
 * of a map that is no longer written may share it.
 */
#ifndef CG_STRMAP_H
#define CG_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cg_strmap cg_strmap;

cg_strmap *cg_strmap_new(void);         /* caller frees with cg_strmap_free */
void cg_strmap_free(cg_strmap *m);      /* NULL ok */

/* Sets key (n bytes) to value, replacing an existing value. */
void cg_strmap_put(cg_strmap *m, const char *key, size_t n, size_t value);

/* Returns true and sets *value when key is present. */
bool cg_strmap_get(const cg_strmap *m, const char *key, size_t n, size_t *value);

size_t cg_strmap_count(const cg_strmap *m);

#endif
