/*
 * A string -> size_t hash map (open addressing) for keys taken from the input: actor
 * keys, document ids and event merge keys of the corpus, output file names. Its slots
 * follow SipHash under a secret random key (siphash.h), so that crafted keys cannot
 * share one probe chain; nothing it answers depends on the key, and it has no
 * iteration. Keys are copied. Not thread-safe for writers; readers of a map that is
 * no longer written may share it.
 */
#ifndef CG_STRMAP_H
#define CG_STRMAP_H

#include "siphash.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cg_strmap cg_strmap;

/* An empty map with a fresh random key (one getrandom call). Caller frees with
 * cg_strmap_free. */
cg_strmap *cg_strmap_new(void);

/* An empty map under key (copied): the maps of one owner (a corpus) may share one
 * key drawn once with cg_hashkey_random. Caller frees with cg_strmap_free. */
cg_strmap *cg_strmap_new_keyed(const uint8_t key[CG_HASHKEY_LEN]);

void cg_strmap_free(cg_strmap *m);      /* NULL ok */

/* Sets key (n bytes) to value, replacing an existing value. */
void cg_strmap_put(cg_strmap *m, const char *key, size_t n, size_t value);

/* Returns true and sets *value when key is present. */
bool cg_strmap_get(const cg_strmap *m, const char *key, size_t n, size_t *value);

size_t cg_strmap_count(const cg_strmap *m);

#endif
