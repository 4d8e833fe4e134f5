/*
 * A small string -> int32 hash table for lexicons (open addressing, keys copied into
 * one arena), and a reader for the tab-separated data files under data/en/.
 * Built once when a lexicon loads, then only read: lookups do not allocate, so an
 * immutable table may be shared between threads.
 *
 * Most words of running text are in no lexicon, so a lookup first tests a small
 * Bloom filter of the key hashes, inline: with the hash the tokenizer made
 * (cg_token.hash), a miss costs a few instructions and no call.
 *
 * Two kinds of map. A lexicon's keys come from data/ and are trusted: its slots
 * follow the public FNV-1a hash (cg_lexhash), which a lookup of any word can only
 * walk along chains of lexicon keys. A map filled with words of the input (the
 * per-document maps of actors.c) is keyed (cg_lexmap_new_keyed): its slots follow
 * SipHash under a secret key (siphash.h), so that crafted words sharing one FNV hash
 * cannot pile into one chain. Its Bloom filter still takes the FNV hash the caller
 * passes, so a miss stays as cheap; a filter hit costs one SipHash of the key. Up to
 * CG_LEXMAP_FNV_KEYS keys a keyed map still places them by the FNV hash: a chain of
 * crafted words is then at most that long, a bounded cost, and most per-document
 * maps never hold more (their words cost no SipHash). Both kinds answer the same:
 * nothing about a map's contents or answers depends on its key, only where its keys
 * sit in the slots (cg_lexmap_each's order).
 */
#ifndef CG_LEXMAP_H
#define CG_LEXMAP_H

#include "siphash.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cg_lexmap cg_lexmap;

/* Private to lexmap.c: in the header only for the inline filter of the lookups.
 * A key of at most CG_LEXSLOT_INLINE bytes sits in the slot itself, so that a hit
 * reads one cache line, not the slot and then the key elsewhere; a longer one is in
 * the arena. */
#define CG_LEXSLOT_INLINE 7
typedef struct cg_lexslot {
  /* key[0..len) then zeros when the key is short (tag = len + 1, 1..8); for a long
   * key (tag 0xFF) key[0..4) holds the arena offset of its uint32 length and bytes.
   * tag 0: an empty slot. The lookups read key and tag as one 8-byte word.
   * (Measured, callgrind on the pipeline on tbaq-x1 against a slot that pointed to
   * every key: 1.3% fewer D1 and 2.5% fewer last-level read misses in a 1 MiB LL,
   * the same instructions and mispredicts.) */
  char key[CG_LEXSLOT_INLINE];
  uint8_t tag;
  uint32_t hash;
  int32_t value;
} cg_lexslot;

struct cg_lexmap {
  cg_lexslot *slots;
  size_t cap, count; /* cap is a power of two; count <= cap / 2 */
  cg_buf arena;
  /* Bloom filter with two bits per key in one word: cap / 8 words (16 bits per key
   * at the highest load, about 1.5% false positives). */
  uint64_t *bloom;
  unsigned bloom_shift; /* 32 - log2(number of words) */
  /* Keyed map (keyed) with more than CG_LEXMAP_FNV_KEYS keys (sip): a slot's hash is
   * the low 32 bits of SipHash(key) under hkey; the Bloom filter keeps the FNV hash
   * (cg_lexhash). Otherwise both are the FNV hash. */
  bool keyed, sip;
  uint8_t hkey[CG_HASHKEY_LEN];
};

/* The most keys a keyed map places by their FNV hash (see above): beyond, it moves
 * them to SipHash slots, and stays so until cleared. (Measured, callgrind on
 * tbaq-x1: the per-document maps of actors.c made 13,081 SipHashes, 6.5% of the
 * actor stage's instructions; with 32 here, 8.) */
#define CG_LEXMAP_FNV_KEYS 32

/* The hash of every key: FNV-1a over its bytes. Public so that the tokenizer hashes
 * each token once, in the loop that reads it (cg_token.hash, .lhash), and the
 * lookups of a token reuse it. (A hash taking 8 bytes at a time, in a pass of its
 * own after the scan, made the tokenizer slower: measured.) */
#define CG_LEXHASH_INIT 2166136261u
static inline uint32_t cg_lexhash_add(uint32_t h, unsigned char c) { return (h ^ c) * 16777619u; }

static inline uint32_t cg_lexhash(const char *s, size_t n) {
  uint32_t h = CG_LEXHASH_INIT;
  for (size_t i = 0; i < n; i++) h = cg_lexhash_add(h, (unsigned char)s[i]);
  return h;
}

/* The hash of the ASCII-lower-cased form of s[0..n), without a copy. */
static inline uint32_t cg_lexhash_lower(const char *s, size_t n) {
  uint32_t h = CG_LEXHASH_INIT;
  for (size_t i = 0; i < n; i++)
    h = cg_lexhash_add(h, (unsigned char)cg_lower((unsigned char)s[i]));
  return h;
}

/* Returns an empty map for trusted keys (a lexicon). Caller frees with
 * cg_lexmap_free. */
cg_lexmap *cg_lexmap_new(void);

/* Returns an empty keyed map, for keys taken from the input: its slots follow SipHash
 * under key (copied; from cg_hashkey_random). The *_h functions still take the FNV
 * hash (cg_lexhash / cg_lexhash_lower of the key) for the Bloom filter, and hash the
 * bytes themselves for the slots. Caller frees with cg_lexmap_free. */
cg_lexmap *cg_lexmap_new_keyed(const uint8_t key[CG_HASHKEY_LEN]);
void cg_lexmap_free(cg_lexmap *m); /* NULL ok */

/* Inserts key[0..len) with value unless the key is present. Returns true when the
 * key was new; existing values are kept (first definition wins). */
bool cg_lexmap_put(cg_lexmap *m, const char *key, size_t len, int32_t value);

/* Inserts or overwrites. */
void cg_lexmap_set(cg_lexmap *m, const char *key, size_t len, int32_t value);

/* As cg_lexmap_put with the hash already made (hash = cg_lexhash(key, len)). */
bool cg_lexmap_put_h(cg_lexmap *m, const char *key, size_t len, uint32_t hash, int32_t value);

/* Looks key[0..len) up; on success stores the value in *value (may be NULL) and
 * returns true. Never allocates. */
bool cg_lexmap_get(const cg_lexmap *m, const char *key, size_t len, int32_t *value);

/* As cg_lexmap_get for the ASCII-lower-cased form of key[0..len) (the form
 * cg_lex_lower writes), without copying it. Never allocates. */
bool cg_lexmap_get_lower(const cg_lexmap *m, const char *key, size_t len, int32_t *value);

/* False when no key of m has hash h (the Bloom filter); true when one may. */
static inline bool cg_lexmap_may_h(const cg_lexmap *m, uint32_t h) {
  uint64_t w = m->bloom[(uint32_t)(h * 0x9E3779B1u) >> m->bloom_shift];
  uint64_t bits = (1ull << (h & 63)) | (1ull << ((h >> 6) & 63));
  return (w & bits) == bits;
}

/* The probes behind cg_lexmap_get_h / cg_lexmap_get_lower_h (call those). */
bool cg_lexmap_probe_h(const cg_lexmap *m, const char *key, size_t len, uint32_t hash,
                       int32_t *value);
bool cg_lexmap_probe_lower_h(const cg_lexmap *m, const char *key, size_t len, uint32_t lhash,
                             int32_t *value);

/* As cg_lexmap_get and cg_lexmap_get_lower with the hash already made: hash must be
 * cg_lexhash(key, len), lhash cg_lexhash_lower(key, len) (a token's .hash/.lhash). */
static inline bool cg_lexmap_get_h(const cg_lexmap *m, const char *key, size_t len,
                                   uint32_t hash, int32_t *value) {
  return m && cg_lexmap_may_h(m, hash) && cg_lexmap_probe_h(m, key, len, hash, value);
}

static inline bool cg_lexmap_get_lower_h(const cg_lexmap *m, const char *key, size_t len,
                                         uint32_t lhash, int32_t *value) {
  return m && cg_lexmap_may_h(m, lhash) && cg_lexmap_probe_lower_h(m, key, len, lhash, value);
}

/* Removes every key, keeping the memory: a per-document map is reused from document
 * to document instead of being made and freed each time. */
void cg_lexmap_clear(cg_lexmap *m);

/* Calls cb for every key of m with its value, in no particular order (in slot order:
 * for a keyed map it changes with the key, so output must not depend on it). key is
 * key[0..len), not NUL-terminated (a short key points into its slot). cb may set the
 * value of the key it is given (cg_lexmap_set), nothing else. */
void cg_lexmap_each(cg_lexmap *m, void (*cb)(void *ctx, const char *key, size_t len, int32_t value),
                    void *ctx);

/* Number of keys. */
size_t cg_lexmap_count(const cg_lexmap *m);

/* Makes room for n keys in all, so that a map filled from a file of known length
 * does not grow step by step: each step moves every key and builds the Bloom filter
 * again (measured, callgrind on the start-up: growing was 10.4M of the 62.5M
 * instructions of loading the lexicons; reserving the three word lists of
 * actors_lex.c, 62,000 common words among them, saves 1.9M and 22% of its D1
 * misses). The map gets the capacity that growing to n keys gives (keys already in
 * move once), so it answers as before; only the slot order of its keys may differ. */
void cg_lexmap_reserve(cg_lexmap *m, size_t n);

/* One line of a data file split at TABs: fields point into a scratch copy of the
 * line, valid only during the callback. */
typedef struct cg_lexline {
  const char *path;
  long lineno;
  long nlines; /* lines in the file: at most that many records (cg_lexmap_reserve) */
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
