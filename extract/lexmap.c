/* String -> int32 hash table and data-file reader for the lexicons (see lexmap.h). */
#include "lexmap.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef cg_lexslot slot;

enum { FIRST_CAP = 64, LONG = 0xFF };

/* The lookups read a slot's key and tag as one word (slot_word). */
_Static_assert(offsetof(cg_lexslot, key) == 0 && offsetof(cg_lexslot, tag) == 7 &&
                   sizeof(cg_lexslot) == 16,
               "cg_lexslot: 7 key bytes, the tag, then hash and value");

/* Sets the two bits of hash h (the bits cg_lexmap_may_h tests). */
static void bloom_add(cg_lexmap *m, uint32_t h) {
  m->bloom[(uint32_t)(h * 0x9E3779B1u) >> m->bloom_shift] |=
      (1ull << (h & 63)) | (1ull << ((h >> 6) & 63));
}

static inline uint64_t load8(const char *p) {
  uint64_t x;
  memcpy(&x, p, 8);
  return x;
}

static inline uint64_t load4(const char *p) {
  uint32_t x;
  memcpy(&x, p, 4);
  return x;
}

/* The first 8 bytes of s: its key bytes and tag (see cg_lexslot). */
static inline uint64_t slot_word(const slot *s) {
  uint64_t w;
  memcpy(&w, s, sizeof w);
  return w;
}

/* The slot word a short key k[0..n) (n <= CG_LEXSLOT_INLINE) has: a lookup compares
 * one word, which holds the length too. Built with the loads of same_bytes (no byte
 * loop on the length). */
static inline uint64_t short_word(const char *k, size_t n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint64_t w = 0;
  if (n >= 4) {
    w = load4(k) | load4(k + n - 4) << (8 * (n - 4));
  } else if (n) {
    const unsigned char *u = (const unsigned char *)k;
    w = u[0] | (uint64_t)u[n / 2] << (8 * (n / 2)) | (uint64_t)u[n - 1] << (8 * (n - 1));
  }
  return w | (uint64_t)(n + 1) << 56;
#else
  unsigned char b[8] = {0};
  memcpy(b, k, n);
  b[7] = (unsigned char)(n + 1);
  uint64_t w;
  memcpy(&w, b, sizeof w);
  return w;
#endif
}

/* The key of a full slot s, its length in *len: in the slot, or in the arena after
 * its uint32 length. */
static inline const char *slot_key(const cg_lexmap *m, const slot *s, size_t *len) {
  if (s->tag != LONG) {
    *len = s->tag - 1u;
    return s->key;
  }
  uint32_t off, n;
  memcpy(&off, s->key, sizeof off);
  memcpy(&n, m->arena.data + off, sizeof n);
  *len = n;
  return m->arena.data + off + sizeof n;
}

/* Sizes the Bloom filter for m->cap slots (cap / 8 words) and fills it from the
 * slots. When the slots hold SipHash (m->sip), the filter's FNV hashes are made
 * again (on a grow, so amortised over the inserts). */
static void bloom_build(cg_lexmap *m) {
  size_t words = m->cap / 8;
  unsigned lg = 0;
  while (((size_t)1 << lg) < words) lg++;
  free(m->bloom);
  m->bloom = cg_xcalloc(words, sizeof *m->bloom);
  m->bloom_shift = 32 - lg;
  for (size_t i = 0; i < m->cap; i++) {
    const slot *s = &m->slots[i];
    if (!s->tag) continue;
    size_t len;
    const char *k = m->sip ? slot_key(m, s, &len) : NULL;
    bloom_add(m, m->sip ? cg_lexhash(k, len) : s->hash);
  }
}

cg_lexmap *cg_lexmap_new(void) {
  cg_lexmap *m = cg_xcalloc(1, sizeof *m);
  m->cap = FIRST_CAP;
  m->slots = cg_xcalloc(m->cap, sizeof(slot));
  bloom_build(m);
  return m;
}

cg_lexmap *cg_lexmap_new_keyed(const uint8_t key[CG_HASHKEY_LEN]) {
  cg_lexmap *m = cg_lexmap_new();
  m->keyed = true;
  memcpy(m->hkey, key, CG_HASHKEY_LEN);
  return m;
}

/* The hash that places key[0..len) in the slots, given its FNV hash h. */
static inline uint32_t slot_hash(const cg_lexmap *m, const char *key, size_t len, uint32_t h) {
  return m->sip ? (uint32_t)cg_siphash(m->hkey, key, len) : h;
}

void cg_lexmap_free(cg_lexmap *m) {
  if (!m) return;
  free(m->slots);
  free(m->bloom);
  cg_buf_free(&m->arena);
  free(m);
}

size_t cg_lexmap_count(const cg_lexmap *m) { return m ? m->count : 0; }

void cg_lexmap_each(cg_lexmap *m, void (*cb)(void *ctx, const char *key, size_t len, int32_t value),
                    void *ctx) {
  for (size_t i = 0; m && i < m->cap; i++) {
    const slot *s = &m->slots[i];
    if (!s->tag) continue;
    size_t len;
    const char *k = slot_key(m, s, &len);
    cb(ctx, k, len, s->value);
  }
}

/* Keys longer than CG_LEXSLOT_INLINE (the short ones are one word compare) are
 * compared with loads of 8 bytes, the last of which ends at the last byte (it may
 * overlap the one before): a key costs a branch or two, not a byte loop whose exit
 * is mispredicted at each length (measured, callgrind on the pipeline on tbaq-x1:
 * 42,000 fewer mispredicts and 0.8% fewer instructions). n >= 8. */
static inline bool same_bytes(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i + 8 < n; i += 8)
    if (load8(a + i) != load8(b + i)) return false;
  return load8(a + n - 8) == load8(b + n - 8);
}

/* True when the lower-case key k equals key[0..n) lower-cased, by the loads of
 * same_bytes with cg_lower8 on those of key (measured: a byte loop was most of
 * cg_lexmap_probe_lower_h). n >= 8. */
static inline bool same_lower(const char *k, const char *key, size_t n) {
  for (size_t i = 0; i + 8 < n; i += 8)
    if (load8(k + i) != cg_lower8(load8(key + i))) return false;
  return load8(k + n - 8) == cg_lower8(load8(key + n - 8));
}

/* True when the full slot s (of the same slot hash) holds key[0..len): one word
 * compare for a short key (its bytes, length and tag), the arena for a long one. */
static inline bool slot_is(const cg_lexmap *m, const slot *s, const char *key, size_t len) {
  if (len <= CG_LEXSLOT_INLINE) return slot_word(s) == short_word(key, len);
  size_t n;
  const char *k = s->tag == LONG ? slot_key(m, s, &n) : NULL;
  return k && n == len && same_bytes(k, key, len);
}

/* The slot of key[0..len) (slot hash h), or the empty slot where it would go. The
 * key itself is looked at only in slots of its hash, whose word is then built (the
 * branches on its length stay off the misses' path). */
static slot *find(const cg_lexmap *m, const char *key, size_t len, uint32_t h) {
  size_t mask = m->cap - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    slot *s = &m->slots[i];
    if (!s->tag || (s->hash == h && slot_is(m, s, key, len))) return s;
  }
}

/* Puts the keys into new slots, cap of them, by their slots' hashes. */
static void relocate(cg_lexmap *m, size_t cap) {
  slot *old = m->slots;
  size_t oldcap = m->cap;
  m->cap = cap;
  m->slots = cg_xcalloc(m->cap, sizeof(slot));
  for (size_t i = 0; i < oldcap; i++) {
    if (!old[i].tag) continue;
    size_t mask = m->cap - 1, j = old[i].hash & mask;
    while (m->slots[j].tag) j = (j + 1) & mask;
    m->slots[j] = old[i];
  }
  free(old);
}

static void grow(cg_lexmap *m) {
  relocate(m, m->cap * 2);
  bloom_build(m);
}

/* Moves the keys of a keyed map to the slots of their SipHash (see
 * CG_LEXMAP_FNV_KEYS). The Bloom filter keeps the FNV hashes. */
static void to_siphash(cg_lexmap *m) {
  m->sip = true;
  for (size_t i = 0; i < m->cap; i++) {
    slot *s = &m->slots[i];
    size_t len;
    if (!s->tag) continue;
    const char *k = slot_key(m, s, &len);
    s->hash = (uint32_t)cg_siphash(m->hkey, k, len);
  }
  relocate(m, m->cap);
}

/* Fills the empty slot s with key[0..len) (slot hash sh). */
static void fill(cg_lexmap *m, slot *s, const char *key, size_t len, uint32_t sh, int32_t value) {
  if (len <= CG_LEXSLOT_INLINE) {
    uint64_t w = short_word(key, len); /* the key bytes, zeros and the tag */
    memcpy(s, &w, sizeof w);
  } else {
    uint32_t off = (uint32_t)m->arena.len, n = (uint32_t)len;
    cg_buf_append(&m->arena, (const char *)&n, sizeof n);
    cg_buf_append(&m->arena, key, len);
    memcpy(s->key, &off, sizeof off);
    s->tag = LONG;
  }
  s->hash = sh;
  s->value = value;
}

/* Inserts key[0..len) of FNV hash h. A key already there moves no slot (no grow), so
 * that a cg_lexmap_each callback may set the key it is given, which may sit in a slot. */
static void insert(cg_lexmap *m, const char *key, size_t len, uint32_t h, int32_t value,
                   bool overwrite, bool *isnew) {
  slot *s = find(m, key, len, slot_hash(m, key, len, h));
  *isnew = !s->tag;
  if (s->tag) {
    if (overwrite) s->value = value;
    return;
  }
  /* at most half full: most lookups in running text miss, and a miss under linear
   * probing costs about (1 + 1/(1-load)^2)/2 probes (2.5 at 1/2, 8.5 at 3/4) */
  bool moved = (m->count + 1) * 2 > m->cap;
  if (moved) grow(m);
  if (m->keyed && !m->sip && m->count >= CG_LEXMAP_FNV_KEYS) {
    to_siphash(m);
    moved = true;
  }
  uint32_t sh = slot_hash(m, key, len, h);
  if (moved) s = find(m, key, len, sh);
  fill(m, s, key, len, sh, value);
  m->count++;
  bloom_add(m, h);
}

bool cg_lexmap_put(cg_lexmap *m, const char *key, size_t len, int32_t value) {
  bool isnew;
  insert(m, key, len, cg_lexhash(key, len), value, false, &isnew);
  return isnew;
}

bool cg_lexmap_put_h(cg_lexmap *m, const char *key, size_t len, uint32_t hash, int32_t value) {
  bool isnew;
  insert(m, key, len, hash, value, false, &isnew);
  return isnew;
}

void cg_lexmap_set(cg_lexmap *m, const char *key, size_t len, int32_t value) {
  bool isnew;
  insert(m, key, len, cg_lexhash(key, len), value, true, &isnew);
}

bool cg_lexmap_probe_h(const cg_lexmap *m, const char *key, size_t len, uint32_t h,
                       int32_t *value) {
  slot *s = find(m, key, len, slot_hash(m, key, len, h));
  if (!s->tag) return false;
  if (value) *value = s->value;
  return true;
}

bool cg_lexmap_get(const cg_lexmap *m, const char *key, size_t len, int32_t *value) {
  return cg_lexmap_get_h(m, key, len, cg_lexhash(key, len), value);
}

/* As slot_is for the lower-cased form of key[0..len), which is never stored: the
 * short word of the key with cg_lower8 (the tag and the zeros are no letters). */
static inline bool slot_is_lower(const cg_lexmap *m, const slot *s, const char *key,
                                 size_t len) {
  if (len <= CG_LEXSLOT_INLINE) return slot_word(s) == cg_lower8(short_word(key, len));
  size_t n;
  const char *k = s->tag == LONG ? slot_key(m, s, &n) : NULL;
  return k && n == len && same_lower(k, key, len);
}

bool cg_lexmap_probe_lower_h(const cg_lexmap *m, const char *key, size_t len, uint32_t h,
                             int32_t *value) {
  if (m->sip) h = (uint32_t)cg_siphash_lower(m->hkey, key, len);
  size_t mask = m->cap - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const slot *s = &m->slots[i];
    if (!s->tag) return false;
    if (s->hash == h && slot_is_lower(m, s, key, len)) {
      if (value) *value = s->value;
      return true;
    }
  }
}

bool cg_lexmap_get_lower(const cg_lexmap *m, const char *key, size_t len, int32_t *value) {
  return cg_lexmap_get_lower_h(m, key, len, cg_lexhash_lower(key, len), value);
}

void cg_lexmap_reserve(cg_lexmap *m, size_t n) {
  size_t cap = m->cap;
  while (n > cap / 2) cap *= 2; /* insert's limit: at most half full */
  if (cap == m->cap) return;
  relocate(m, cap);
  bloom_build(m);
}

/* A cleared map larger than this shrinks back to its first size, so that one huge
 * document does not make every later clear cost a large memset. */
#define CLEAR_KEEP_CAP 1024

void cg_lexmap_clear(cg_lexmap *m) {
  if (!m || !m->count) return;
  if (m->cap > CLEAR_KEEP_CAP) {
    free(m->slots);
    m->cap = FIRST_CAP;
    m->slots = cg_xcalloc(m->cap, sizeof(slot));
    bloom_build(m);
  } else {
    memset(m->slots, 0, m->cap * sizeof(slot));
    memset(m->bloom, 0, m->cap / 8 * sizeof *m->bloom);
  }
  m->count = 0;
  m->sip = false; /* no keys: FNV slots again (CG_LEXMAP_FNV_KEYS) */
  m->arena.len = 0;
}

size_t cg_lex_lower(const char *s, size_t n, char *out, size_t cap) {
  size_t k = 0;
  if (!cap) return 0;
  for (size_t i = 0; i < n && k + 1 < cap; i++) out[k++] = (char)cg_lower((unsigned char)s[i]);
  out[k] = '\0';
  return k;
}

cg_status cg_lexfile_each(const char *path, cg_status (*cb)(void *ctx, cg_lexline *ln),
                          void *ctx, cg_error *err) {
  char *text = NULL;
  size_t len = 0;
  cg_status st = cg_read_file(path, 64u << 20, &text, &len, err);
  if (st != CG_OK) {
    free(text);
    return cg_error_set(err, CG_EDATA, path, 0, 0, -1, "cannot read lexicon file");
  }
  cg_lexline ln = {.path = path, .nlines = len > 0};
  char *p = text, *end = text + len;
  for (char *q = p; (q = memchr(q, '\n', (size_t)(end - q))) && q + 1 < end; q++) ln.nlines++;
  while (p < end && st == CG_OK) {
    char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol) eol = end;
    ln.lineno++;
    char *e = eol;
    while (e > p && (e[-1] == '\r' || e[-1] == ' ')) e--;
    *e = '\0';
    if (e > p && *p != '#') {
      ln.nf = 0;
      char *f = p;
      for (;;) {
        char *tab = ln.nf < 7 ? strchr(f, '\t') : NULL;
        ln.f[ln.nf++] = f;
        if (!tab) break;
        *tab = '\0';
        f = tab + 1;
      }
      st = cb(ctx, &ln);
      if (st != CG_OK)
        cg_error_set(err, st, path, ln.lineno, 0, -1, "malformed lexicon line");
    }
    p = eol + 1;
  }
  free(text);
  return st == CG_OK ? CG_OK : CG_EDATA;
}

typedef struct class_ctx {
  cg_lexmap *m;
  const cg_lexclass *classes;
  size_t n;
} class_ctx;

static cg_status load_class_line(void *vctx, cg_lexline *ln) {
  class_ctx *cc = vctx;
  if (ln->nf < 2) return CG_EDATA;
  unsigned mask = 0;
  for (char *c = ln->f[1]; *c;) {
    size_t n = strcspn(c, ",");
    size_t k = 0;
    while (k < cc->n && !(strlen(cc->classes[k].name) == n && !strncmp(cc->classes[k].name, c, n))) k++;
    if (k == cc->n) return CG_EDATA; /* an unknown class is a typo in the data */
    mask |= cc->classes[k].mask;
    c += n + (c[n] == ',');
  }
  int32_t old = 0;
  size_t n = strlen(ln->f[0]);
  cg_lexmap_get(cc->m, ln->f[0], n, &old);
  cg_lexmap_set(cc->m, ln->f[0], n, old | (int32_t)mask);
  return CG_OK;
}

cg_status cg_lexfile_classes(const char *path, cg_lexmap *m, const cg_lexclass *classes,
                             size_t nclasses, cg_error *err) {
  class_ctx cc = {m, classes, nclasses};
  return cg_lexfile_each(path, load_class_line, &cc, err);
}
