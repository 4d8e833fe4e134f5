/* Open-addressing string map with linear probing, keyed SipHash (see strmap.h); grows
 * at 50% load so probes stay short whatever the insertion order. */
#include "strmap.h"

#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct slot {
  char *key; /* NULL = empty */
  size_t n;
  uint64_t hash;
  size_t value;
} slot;

struct cg_strmap {
  slot *slots;
  size_t cap, count; /* cap is a power of two */
  uint8_t hkey[CG_HASHKEY_LEN];
};

cg_strmap *cg_strmap_new_keyed(const uint8_t key[CG_HASHKEY_LEN]) {
  cg_strmap *m = cg_xcalloc(1, sizeof *m);
  m->cap = 16;
  m->slots = cg_xcalloc(m->cap, sizeof(slot));
  memcpy(m->hkey, key, CG_HASHKEY_LEN);
  return m;
}

cg_strmap *cg_strmap_new(void) {
  uint8_t key[CG_HASHKEY_LEN];
  cg_hashkey_random(key);
  return cg_strmap_new_keyed(key);
}

void cg_strmap_free(cg_strmap *m) {
  if (!m) return;
  for (size_t i = 0; i < m->cap; i++) free(m->slots[i].key);
  free(m->slots);
  free(m);
}

static slot *find(const cg_strmap *m, const char *key, size_t n, uint64_t h) {
  size_t mask = m->cap - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    slot *s = &m->slots[i];
    if (!s->key) return s;
    if (s->hash == h && s->n == n && memcmp(s->key, key, n) == 0) return s;
  }
}

static void grow(cg_strmap *m) {
  slot *old = m->slots;
  size_t oldcap = m->cap;
  m->cap *= 2;
  m->slots = cg_xcalloc(m->cap, sizeof(slot));
  for (size_t i = 0; i < oldcap; i++)
    if (old[i].key) *find(m, old[i].key, old[i].n, old[i].hash) = old[i];
  free(old);
}

void cg_strmap_put(cg_strmap *m, const char *key, size_t n, size_t value) {
  if ((m->count + 1) * 2 > m->cap) grow(m);
  uint64_t h = cg_siphash(m->hkey, key, n);
  slot *s = find(m, key, n, h);
  if (!s->key) {
    s->key = cg_xstrndup(key, n);
    s->n = n;
    s->hash = h;
    m->count++;
  }
  s->value = value;
}

bool cg_strmap_get(const cg_strmap *m, const char *key, size_t n, size_t *value) {
  slot *s = find(m, key, n, cg_siphash(m->hkey, key, n));
  if (!s->key) return false;
  if (value) *value = s->value;
  return true;
}

size_t cg_strmap_count(const cg_strmap *m) { return m->count; }
