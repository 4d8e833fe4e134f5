/* Arena and string pool of a corpus (graph/corpus_pool.h). */
#include "corpus_pool.h"

#include "siphash.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Chunks of 1 MiB: big enough that malloc overhead vanishes, small enough that a
 * tiny corpus (a test, one article) does not reserve much. Larger requests get a
 * chunk of their own. */
#define CHUNK_BYTES ((size_t)1 << 20)
#define ALIGN 16u

typedef struct chunk {
  struct chunk *next;
  size_t used, cap;
  _Alignas(16) unsigned char data[];
} chunk;

struct cg_arena {
  chunk *head;  /* current chunk (allocations go here) */
  chunk *big;   /* oversized blocks, kept apart so head stays the open chunk */
  size_t bytes;
};

cg_arena *cg_arena_new(void) { return cg_xcalloc(1, sizeof(cg_arena)); }

static void free_chain(chunk *c) {
  while (c) {
    chunk *n = c->next;
    free(c);
    c = n;
  }
}

void cg_arena_free(cg_arena *a) {
  if (!a) return;
  free_chain(a->head);
  free_chain(a->big);
  free(a);
}

void *cg_arena_alloc(cg_arena *a, size_t n) {
  size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
  if (need == 0) need = ALIGN;
  if (need > CHUNK_BYTES / 4) {
    chunk *c = cg_xmalloc(sizeof(chunk) + need);
    c->used = c->cap = need;
    c->next = a->big;
    a->big = c;
    a->bytes += sizeof(chunk) + need;
    return c->data;
  }
  if (!a->head || a->head->cap - a->head->used < need) {
    chunk *c = cg_xmalloc(sizeof(chunk) + CHUNK_BYTES);
    c->used = 0;
    c->cap = CHUNK_BYTES;
    c->next = a->head;
    a->head = c;
    a->bytes += sizeof(chunk) + CHUNK_BYTES;
  }
  void *p = a->head->data + a->head->used;
  a->head->used += need;
  return p;
}

char *cg_arena_strndup(cg_arena *a, const char *s, size_t n) {
  char *d = cg_arena_alloc(a, n + 1);
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

size_t cg_arena_bytes(const cg_arena *a) { return a ? a->bytes : 0; }

/* ------------------------------------------------------------ string pool */

typedef struct slot {
  char *s;       /* NULL = empty */
  uint32_t len;  /* strings longer than 4 GiB are not pooled (see intern) */
  uint32_t hash;
} slot;

struct cg_strpool {
  cg_arena *a;
  uint8_t hkey[CG_HASHKEY_LEN]; /* SipHash key: the strings come from the input */
  slot *tab;
  size_t cap, count; /* cap is a power of two; load kept under 1/2 */
};

cg_strpool *cg_strpool_new(cg_arena *a) {
  cg_strpool *p = cg_xcalloc(1, sizeof *p);
  p->a = a;
  cg_hashkey_random(p->hkey);
  p->cap = 1024;
  p->tab = cg_xcalloc(p->cap, sizeof(slot));
  return p;
}

void cg_strpool_free(cg_strpool *p) {
  if (!p) return;
  free(p->tab);
  free(p);
}

static void grow(cg_strpool *p) {
  size_t ncap = p->cap * 2;
  slot *nt = cg_xcalloc(ncap, sizeof(slot));
  for (size_t i = 0; i < p->cap; i++) {
    if (!p->tab[i].s) continue;
    size_t j = p->tab[i].hash & (ncap - 1);
    while (nt[j].s) j = (j + 1) & (ncap - 1);
    nt[j] = p->tab[i];
  }
  free(p->tab);
  p->tab = nt;
  p->cap = ncap;
}

char *cg_strpool_intern_n(cg_strpool *p, const char *s, size_t n) {
  if (!s) return NULL;
  if (n >= UINT32_MAX) return cg_arena_strndup(p->a, s, n); /* not pooled */
  uint32_t h = (uint32_t)cg_siphash(p->hkey, s, n);
  size_t j = h & (p->cap - 1);
  for (; p->tab[j].s; j = (j + 1) & (p->cap - 1))
    if (p->tab[j].hash == h && p->tab[j].len == n && !memcmp(p->tab[j].s, s, n)) return p->tab[j].s;
  char *d = cg_arena_strndup(p->a, s, n);
  p->tab[j] = (slot){d, (uint32_t)n, h};
  if (++p->count * 2 > p->cap) grow(p);
  return d;
}

char *cg_strpool_intern(cg_strpool *p, const char *s) {
  return s ? cg_strpool_intern_n(p, s, strlen(s)) : NULL;
}

size_t cg_strpool_count(const cg_strpool *p) { return p ? p->count : 0; }
