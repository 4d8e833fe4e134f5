/* Loading of the event lexicons: data/en/events/function-words.tsv, classes.tsv and
 * triggers.tsv (formats in the files' headers). Immutable after loading. */
#include "events_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The classes of data/en/events/function-words.tsv, by name. */
static const cg_lexclass FWORD_CLASSES[] = {
    {"det", CG_EW_DET},   {"aux", CG_EW_AUX},     {"be", CG_EW_BE},
    {"prep", CG_EW_PREPS}, {"org-pronoun", CG_EW_ORGP}, {"person-pronoun", CG_EW_PERP},
    {"date-prep", CG_EW_DPREP}, {"conj", CG_EW_CONJ}, {"adv", CG_EW_ADV},
    {"subject", CG_EW_SUBJ}, {"superlative", CG_EW_SUP}, {"object-prep", CG_EW_OBJP}};

static cg_status load_class(void *vlx, cg_lexline *ln) {
  cg_event_lexicon *lx = vlx;
  if (cg_lexmap_put(lx->classmap, ln->f[0], strlen(ln->f[0]), (int32_t)lx->classes.len))
    CG_VEC_PUSH(&lx->classes, cg_xstrdup(ln->f[0]));
  return CG_OK;
}

static cg_status load_trigger(void *vlx, cg_lexline *ln) {
  cg_event_lexicon *lx = vlx;
  if (ln->nf < 5) return CG_EDATA;
  int32_t ci;
  if (!cg_lexmap_get(lx->classmap, ln->f[2], strlen(ln->f[2]), &ci)) return CG_EDATA;
  cg_lexmap *m = strcmp(ln->f[3], "noun") == 0 ? lx->nouns : lx->verbs;
  char low[128];
  size_t n = cg_lex_lower(ln->f[0], strlen(ln->f[0]), low, sizeof low);
  if (cg_lexmap_get(m, low, n, NULL)) return CG_OK; /* first definition wins */
  if (lx->trig.len >= 0xFFFF) return CG_EDATA; /* the packed forms table holds 16-bit indices */
  size_t ll = strlen(ln->f[1]);
  unsigned flags = strstr(ln->f[4], "report") ? CG_TRIG_REPORT : 0u;
  if (n == ll && memcmp(low, ln->f[1], n) == 0) flags |= CG_TRIG_BASE;
  if (n > 3 && memcmp(low + n - 3, "ing", 3) == 0) flags |= CG_TRIG_ING;
  if (n > 1 && low[n - 1] == 's') flags |= CG_TRIG_S;
  cg_trigger tr = {NULL, (uint32_t)lx->lemma_text.len, (uint32_t)ll, lx->classes.items[ci], flags};
  cg_buf_append(&lx->lemma_text, ln->f[1], ll);
  cg_buf_putc(&lx->lemma_text, '\0');
  cg_lexmap_put(m, low, n, (int32_t)lx->trig.len);
  int32_t packed = -1; /* both halves 0xFFFF: neither */
  cg_lexmap_get(lx->forms, low, n, &packed);
  uint32_t u = (uint32_t)packed;
  u = m == lx->nouns ? (u & 0xFFFFu) | ((uint32_t)lx->trig.len << 16)
                     : (u & 0xFFFF0000u) | (uint32_t)lx->trig.len;
  cg_lexmap_set(lx->forms, low, n, (int32_t)u);
  CG_VEC_PUSH(&lx->trig, tr);
  return CG_OK;
}

typedef struct wordtab_fill {
  cg_wordtab *t;
  size_t maxlen, nkeys;
} wordtab_fill;

/* Puts one word of a cg_lexmap into a cg_wordtab (cg_lexmap_each). */
static void wordtab_put(void *vf, const char *key, size_t len, int32_t value) {
  wordtab_fill *f = vf;
  if (len == 0 || len > f->maxlen) return; /* never looked up in the table */
  /* as in the cg_lexmap: a case-blind lookup finds the keys that are lower-case */
  uint32_t h = cg_lexhash(key, len);
  size_t i = h & f->t->mask;
  while (f->t->slots[i]) i = (i + 1) & f->t->mask;
  cg_wordkey *k = &f->t->keys[f->nkeys++];
  f->t->slots[i] = (h & 0xFFFF0000u) | (uint32_t)f->nkeys; /* 1 + index */
  k->value = value;
  k->len = (uint32_t)len;
  memcpy(k->key, key, len);
}

/* Makes t from the words of m up to maxlen (<= CG_WORDTAB_MAX) bytes; m holds fewer
 * than 0xFFFF words (the trigger forms: at most one per trigger, load_trigger). */
static void wordtab_build(cg_wordtab *t, cg_lexmap *m, size_t maxlen) {
  size_t cap = 16, count = cg_lexmap_count(m);
  while (cap < 2 * count) cap *= 2;
  t->slots = cg_xcalloc(cap, sizeof *t->slots);
  t->keys = cg_xcalloc(count ? count : 1, sizeof *t->keys);
  t->mask = cap - 1;
  wordtab_fill f = {t, maxlen, 0};
  cg_lexmap_each(m, wordtab_put, &f);
}

/* key's k0/m0 and k1/m1 (cg_fwkey) of w[0..n), n <= 12. */
static void fwkey_bytes(cg_fwkey *key, const char *w, size_t n) {
  unsigned char pad[12] = {0}, mask[12] = {0};
  memcpy(pad, w, n);
  memset(mask, 0xFF, n);
  memcpy(&key->k0, pad, 8);
  memcpy(&key->k1, pad + 8, 4);
  memcpy(&key->m0, mask, 8);
  memcpy(&key->m1, mask + 8, 4);
}

uint32_t cg_fwdirect_tail(const cg_fwkey *key, const char *w, size_t n) {
  if (n != key->len) return 0;
  cg_fwkey k;
  fwkey_bytes(&k, w, n);
  return k.k0 == key->k0 && k.k1 == key->k1 ? key->value : 0;
}

typedef struct fwdirect_fill {
  cg_fwdirect *d;
  uint32_t *hashes; /* per key: cg_lexhash of the word */
  size_t nkeys;
} fwdirect_fill;

/* Puts one word of fwords into d->keys (cg_lexmap_each). */
static void fwdirect_key(void *vf, const char *key, size_t len, int32_t value) {
  fwdirect_fill *f = vf;
  if (len == 0 || len > CG_FWORD_MAX) return; /* never looked up */
  f->hashes[f->nkeys] = cg_lexhash(key, len);
  cg_fwkey *k = &f->d->keys[f->nkeys++];
  fwkey_bytes(k, key, len);
  k->value = (uint32_t)value;
  k->len = (uint32_t)len;
}

/* Fills d->index for d->keys[1..nkeys) with multiplier mult and 32 - shift bits;
 * false on a collision. */
static bool fwdirect_place(cg_fwdirect *d, const uint32_t *hashes, size_t nkeys, uint32_t mult,
                           uint32_t shift) {
  size_t cap = (size_t)1 << (32 - shift);
  memset(d->index, 0, cap);
  for (size_t i = 1; i < nkeys; i++) {
    uint8_t *slot = &d->index[(uint32_t)(hashes[i] * mult) >> shift];
    if (*slot) return false;
    *slot = (uint8_t)i;
  }
  d->mult = mult;
  d->shift = shift;
  return true;
}

/* Makes d from the words of fwords: a multiplier that places every word in a slot
 * of its own, searched from a fixed sequence (the same table every load). With 144
 * words in 2048 slots (2 KB, which stay in the cache better than 4 KB: 9k fewer D1
 * misses per 0.5 MB, callgrind) about one multiplier in 160 does. d->index stays
 * NULL when none is found (more than 254 words, or words of one hash):
 * word_classes then uses lx->fw. */
static void fwdirect_build(cg_fwdirect *d, cg_lexmap *fwords) {
  size_t count = cg_lexmap_count(fwords);
  d->keys = cg_xcalloc(count + 1, sizeof *d->keys); /* keys[0]: len 0, no word */
  fwdirect_fill f = {d, cg_xcalloc(count + 1, sizeof *f.hashes), 1};
  cg_lexmap_each(fwords, fwdirect_key, &f);
  for (uint32_t bits = 11; f.nkeys <= 255 && bits <= 16; bits++) {
    d->index = cg_xrealloc(d->index, (size_t)1 << bits);
    uint32_t mult = 0x9E3779B1u;
    for (int tries = 0; tries < 1000; tries++, mult = mult * 1664525u + 1013904223u)
      if (fwdirect_place(d, f.hashes, f.nkeys, mult | 1u, 32 - bits)) {
        free(f.hashes);
        return;
      }
  }
  free(f.hashes);
  free(d->index);
  d->index = NULL;
}

/* Sets the bit of one trigger form in the filter (cg_lexmap_each). */
static void form_filter_put(void *vf, const char *key, size_t len, int32_t value) {
  (void)value;
  uint64_t *f = vf;
  uint32_t h = cg_lexhash(key, len); /* as cg_form_filter reads it */
  f[h >> (32 - (CG_FORM_FILTER_BITS - 6))] |= 1ull << (h & 63);
}

/* ORs mask into the classes of word w in m (adding w when absent). */
static void add_word_class(cg_lexmap *m, const char *w, unsigned mask) {
  int32_t v = 0;
  cg_lexmap_get(m, w, strlen(w), &v);
  cg_lexmap_set(m, w, strlen(w), v | (int32_t)mask);
}

cg_status cg_event_lexicon_new(cg_event_lexicon **out, const char *datadir, cg_error *err) {
  cg_event_lexicon *lx = cg_xcalloc(1, sizeof *lx);
  lx->verbs = cg_lexmap_new();
  lx->nouns = cg_lexmap_new();
  lx->forms = cg_lexmap_new();
  lx->classmap = cg_lexmap_new();
  lx->fwords = cg_lexmap_new();
  char path[4096];
  const char *dir = cg_datadir(datadir);
  snprintf(path, sizeof path, "%s/en/events/function-words.tsv", dir);
  cg_status st = cg_lexfile_classes(path, lx->fwords, FWORD_CLASSES,
                                    sizeof FWORD_CLASSES / sizeof FWORD_CLASSES[0], err);
  if (st == CG_OK && cg_lexmap_count(lx->fwords) >= 0xFFFF) /* see wordtab_build */
    st = cg_error_set(err, CG_EDATA, path, 0, 0, -1, "too many function words");
  if (st == CG_OK) {
    /* CG_EW_LOC_STOP, not from the file, rides on the table's entries for "in" and "at":
     * the classing of each token (word_classes in events.c) then tests no bytes of
     * its own for them (callgrind: that test was 20k mispredicted branches per 0.5 MB of real prose) */
    add_word_class(lx->fwords, "in", CG_EW_LOC_STOP);
    add_word_class(lx->fwords, "at", CG_EW_LOC_STOP);
    /* the direct table serves word_classes; the general one is built only when no
     * multiplier places every word (its one reader is that fallback) */
    fwdirect_build(&lx->fwd, lx->fwords);
    if (!lx->fwd.index) wordtab_build(&lx->fw, lx->fwords, CG_FWORD_MAX);
    snprintf(path, sizeof path, "%s/en/events/classes.tsv", dir);
    st = cg_lexfile_each(path, load_class, lx, err);
  }
  if (st == CG_OK) {
    snprintf(path, sizeof path, "%s/en/events/triggers.tsv", dir);
    st = cg_lexfile_each(path, load_trigger, lx, err);
  }
  if (st != CG_OK) {
    cg_event_lexicon_free(lx);
    *out = NULL;
    return st;
  }
  wordtab_build(&lx->forms_tab, lx->forms, CG_WORDTAB_MAX);
  lx->form_filter = cg_xcalloc((size_t)1 << (CG_FORM_FILTER_BITS - 6), sizeof(uint64_t));
  cg_lexmap_each(lx->forms, form_filter_put, lx->form_filter);
  static const char pad[CG_LEMMA_PAD]; /* zeros: see cg_event_lexicon.lemma_text */
  cg_buf_append(&lx->lemma_text, pad, sizeof pad);
  for (size_t i = 0; i < lx->trig.len; i++) /* lemma_text no longer moves */
    lx->trig.items[i].lemma = lx->lemma_text.data + lx->trig.items[i].lemma_off;
  *out = lx;
  return CG_OK;
}

void cg_event_lexicon_free(cg_event_lexicon *lx) {
  if (!lx) return;
  cg_lexmap_free(lx->verbs);
  cg_lexmap_free(lx->nouns);
  cg_lexmap_free(lx->forms);
  cg_lexmap_free(lx->classmap);
  cg_lexmap_free(lx->fwords);
  free(lx->fw.slots);
  free(lx->fw.keys);
  free(lx->fwd.index);
  free(lx->fwd.keys);
  free(lx->forms_tab.slots);
  free(lx->forms_tab.keys);
  free(lx->form_filter);
  cg_buf_free(&lx->lemma_text);
  for (size_t i = 0; i < lx->classes.len; i++) free(lx->classes.items[i]);
  free(lx->trig.items);
  free(lx->classes.items);
  free(lx);
}
