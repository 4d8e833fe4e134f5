/*
 * A small string -> int32 hash table for lexicons (open addressing, keys copied into
 * one arena), and a reader for the tab-separated data files under data/en/.
 * Built once when a lexicon loads, then only read: lookups do not allocate, so an
 * immutable table may be shared between threads.
 */
#ifndef CG_LEXMAP_H
#define CG_LEXMAP_H

#include "util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cg_lexmap cg_lexmap;

/* Returns an empty map. Caller frees with cg_lexmap_free. */
cg_lexmap *cg_lexmap_new(void);
void cg_lexmap_free(cg_lexmap *m); /* NULL ok */

/* Inserts key[0..len) with value unless the key is present. Returns true when the
 * key was new; existing values are kept (first definition wins). */
bool cg_lexmap_put(cg_lexmap *m, const char *key, size_t len, int32_t value);

/* Inserts or overwrites. */
void cg_lexmap_set(cg_lexmap *m, const char *key, size_t len, int32_t value);

/* Looks key[0..len) up; on success stores the value in *value (may be NULL) and
 * returns true. Never allocates. */
bool cg_lexmap_get(const cg_lexmap *m, const char *key, size_t len, int32_t *value);

/* As cg_lexmap_get for the ASCII-lower-cased form of key[0..len) (the form
 * cg_lex_lower writes), without copying it. Never allocates. */
bool cg_lexmap_get_lower(const cg_lexmap *m, const char *key, size_t len, int32_t *value);

/* Number of keys. */
size_t cg_lexmap_count(const cg_lexmap *m);

/* One line of a data file split at TABs: fields point into a scratch copy of the
 * line, valid only during the callback. */
typedef struct cg_lexline {
  const char *path;
  long lineno;
  size_t nf;
  char *f[8];
} cg_lexline;

/* Calls cb for each non-blank line of path that does not start with '#', with the
 * fields split at TABs (at most 8; extra TABs stay in the last field) and trailing
 * CR/spaces removed. cb returns CG_OK to go on or an error code to stop. Returns
 * CG_EDATA (err filled) when the file cannot be read or cb fails. */
cg_status cg_lexfile_each(const char *path, cg_status (*cb)(void *ctx, cg_lexline *ln),
                          void *ctx, cg_error *err);

/* A named class of words, for files of "word<TAB>class,class..." lines. */
typedef struct cg_lexclass {
  const char *name;
  unsigned mask;
} cg_lexclass;

/* Loads such a file into m: each word maps to the union (OR) of its classes' masks
 * and of what m held before. An unknown class name is a data error (CG_EDATA, err
 * names the file and line). */
cg_status cg_lexfile_classes(const char *path, cg_lexmap *m, const cg_lexclass *classes,
                             size_t nclasses, cg_error *err);

/* Writes the lower-cased ASCII form of s[0..n) into out (at most cap-1 bytes, NUL
 * terminated); non-ASCII bytes are copied unchanged. Returns the length written. */
size_t cg_lex_lower(const char *s, size_t n, char *out, size_t cap);

#endif
