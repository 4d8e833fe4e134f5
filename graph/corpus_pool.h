/*
 * Memory of a corpus (internal to graph/corpus.c): an arena of fixed-size chunks and
 * a string pool that interns text in it.
 *
 * Why: a corpus of 100,000 articles holds millions of event mentions, each with its
 * trigger and sentence, and thousands of actor mentions. Many events share a sentence
 * and nearly all share a handful of lemmas, classes and rules, so the pool keeps one
 * copy per distinct string (a hash set), and the arena replaces millions of small
 * malloc blocks (each with its own header and rounding) by a few large chunks that
 * are released at once when the corpus is freed.
 *
 * Nothing in an arena is freed on its own: the arena lives as long as the corpus.
 */
#ifndef CG_CORPUS_POOL_H
#define CG_CORPUS_POOL_H

#include <stddef.h>
#include <stdint.h>

typedef struct cg_arena cg_arena;

/* A new empty arena. Caller frees with cg_arena_free (which frees every block). */
cg_arena *cg_arena_new(void);
void cg_arena_free(cg_arena *a); /* NULL ok */

/* Returns n bytes aligned for any scalar type, owned by the arena (never NULL;
 * aborts on OOM). n == 0 returns a valid unique pointer. */
void *cg_arena_alloc(cg_arena *a, size_t n);

/* Returns a NUL-terminated copy of the n bytes at s, owned by the arena. */
char *cg_arena_strndup(cg_arena *a, const char *s, size_t n);

/* Bytes obtained from the system so far (for benchmarks). */
size_t cg_arena_bytes(const cg_arena *a);

typedef struct cg_strpool cg_strpool;

/* A string pool whose strings live in arena a (borrowed; must outlive the pool).
 * Caller frees with cg_strpool_free (the strings stay, they belong to the arena). */
cg_strpool *cg_strpool_new(cg_arena *a);
void cg_strpool_free(cg_strpool *p); /* NULL ok */

/* Returns the pooled copy of s (one copy per distinct string): equal inputs give the
 * same pointer. NULL gives NULL. The result is owned by the arena and must not be
 * modified (it is shared). */
char *cg_strpool_intern(cg_strpool *p, const char *s);
char *cg_strpool_intern_n(cg_strpool *p, const char *s, size_t n);

/* Distinct strings held. */
size_t cg_strpool_count(const cg_strpool *p);

#endif
