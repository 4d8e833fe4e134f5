/*
 * Loading of the actor lexicons under data/en/actors/: gazetteers (countries,
 * subdivisions, cities, metonyms, demonyms, organisations, agencies), titles, head
 * words, first names, common words and non-entity words. See each file's header for
 * its format. Loaded once into hash tables; immutable afterwards.
 */
#define _DEFAULT_SOURCE 1 /* madvise, MADV_HUGEPAGE */
#include "actors_int.h"
#include "tokens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int cg_actor_kind_parse(const char *s) {
  if (strcmp(s, "PERSON") == 0) return CG_ACTOR_PERSON;
  if (strcmp(s, "ORG") == 0) return CG_ACTOR_ORG;
  if (strcmp(s, "GPE") == 0) return CG_ACTOR_GPE;
  if (strcmp(s, "LOC") == 0) return CG_ACTOR_LOC;
  return -1;
}

/* Number of space-separated words in s. */
static int count_words(const char *s) {
  int n = 1;
  for (; *s; s++) n += *s == ' ';
  return n;
}

/* Records in first (first token -> most tokens) the phrase key[0..n). */
static void note_first(cg_lexmap *first, const char *key, size_t n) {
  cg_tokens tk = {0};
  cg_tokenize(key, 0, n, &tk);
  if (tk.len) {
    const char *f = key + tk.items[0].start;
    size_t fl = tk.items[0].end - tk.items[0].start;
    int32_t old = 0;
    if (!cg_lexmap_get(first, f, fl, &old) || old < (int32_t)tk.len)
      cg_lexmap_set(first, f, fl, (int32_t)tk.len);
  }
  free(tk.items);
}

/* True when a token may end before byte i of key[0..n) (0 < i < n): the tokenizer
 * only ends a token at whitespace or next to a non-word character. Non-ASCII bytes
 * count as such, which lets in a few prefixes that cannot occur: harmless. */
static bool walk_boundary(const char *key, size_t i) {
  unsigned char a = (unsigned char)key[i - 1], b = (unsigned char)key[i];
  if (a == ' ') return false; /* a surface never ends with a space */
  bool an = a < 0x80 && (cg_isalpha(a) || cg_isdigit(a));
  bool bn = b < 0x80 && (cg_isalpha(b) || cg_isdigit(b));
  return !an || !bn;
}

/* Records key[0..n) in a phrase walk (see cg_actor_lexicon.gaz_walk) with value
 * (OR-ed into what the key held), and its prefixes as prefixes. */
static void walk_add(cg_lexmap *walk, const char *key, size_t n, int32_t value) {
  int32_t old;
  for (size_t i = 1; i < n; i++) {
    if (!walk_boundary(key, i)) continue;
    old = 0;
    cg_lexmap_get(walk, key, i, &old);
    cg_lexmap_set(walk, key, i, old | CG_WALK_MORE);
  }
  old = 0;
  cg_lexmap_get(walk, key, n, &old);
  cg_lexmap_set(walk, key, n, old | value);
}

typedef struct gaz_ctx {
  cg_actor_lexicon *lx;
  unsigned flags;
  bool generated; /* a converted list: one-word names that are never names are dropped */
} gaz_ctx;

/* Index of the actor identity `key` (created with this name and kind on first use). */
static int32_t key_index(cg_actor_lexicon *lx, const char *key, const char *name,
                         cg_actor_kind kind) {
  int32_t k;
  if (cg_lexmap_get(lx->keymap, key, strlen(key), &k)) return k;
  size_t n = strlen(key);
  cg_gaz_key gk = {cg_xstrdup(key), cg_xstrdup(name), kind, n, strlen(name)};
  k = (int32_t)lx->keys.len;
  CG_VEC_PUSH(&lx->keys, gk);
  cg_lexmap_put(lx->keymap, key, strlen(key), k);
  return k;
}

/* Adds a surface form; the first file that names a surface wins. */
static void add_entry(cg_actor_lexicon *lx, const char *surface, cg_gaz_entry e) {
  size_t n = strlen(surface);
  if (!cg_lexmap_put(lx->gaz, surface, n, (int32_t)lx->entries.len)) return;
  walk_add(lx->gaz_walk, surface, n, (int32_t)lx->entries.len + 1);
  if ((e.kind == CG_ACTOR_GPE || e.kind == CG_ACTOR_LOC) &&
      !(e.flags & (CG_GAZ_DEMONYM | CG_GAZ_NONACTOR)) && n < 128) {
    char low[128];
    for (size_t k = 0; k < n; k++) low[k] = (char)cg_lower((unsigned char)surface[k]);
    cg_lexmap_put(lx->gaz_fold, low, n, (int32_t)lx->entries.len); /* first one wins */
  }
  CG_VEC_PUSH(&lx->entries, e);
  note_first(lx->gaz_first, surface, n);
  int w = count_words(surface);
  if (w > lx->max_gaz_words) lx->max_gaz_words = w;
}

static cg_status load_gaz_line(void *vctx, cg_lexline *ln) {
  gaz_ctx *ctx = vctx;
  cg_actor_lexicon *lx = ctx->lx;
  if (ln->nf < 3) return CG_EDATA;
  int kind = cg_actor_kind_parse(ln->f[1]);
  if (kind < 0 || !ln->f[0][0] || !ln->f[2][0]) return CG_EDATA;
  /* iso-codes names regions "Western", "Northern", "East": as one word those are
   * adjectives or directions in news text, never the region */
  if (ctx->generated && !strchr(ln->f[0], ' ') &&
      cg_lexmap_get(lx->nonent, ln->f[0], strlen(ln->f[0]), NULL))
    return CG_OK;
  /* nor are given names ("Mary", a province of Turkmenistan): "Mary Barra" */
  if (ctx->generated && !strchr(ln->f[0], ' ') &&
      cg_lexmap_get(lx->firstnames, ln->f[0], strlen(ln->f[0]), NULL))
    return CG_OK;
  int32_t key = key_index(lx, ln->f[2], ln->nf > 3 && ln->f[3][0] ? ln->f[3] : ln->f[0],
                          (cg_actor_kind)kind);
  add_entry(lx, ln->f[0], (cg_gaz_entry){key, (cg_actor_kind)kind, ctx->flags});
  return CG_OK;
}

/* A line of products.tsv: surface<TAB>product|index|event. Stored as a gazetteer
 * entry with a CG_GAZ_* category flag and no actor of its own. */
static cg_status load_nonactor_line(void *vctx, cg_lexline *ln) {
  gaz_ctx *ctx = vctx;
  cg_actor_lexicon *lx = ctx->lx;
  if (ln->nf < 2 || !ln->f[0][0]) return CG_EDATA;
  unsigned fl = strcmp(ln->f[1], "product") == 0 ? CG_GAZ_PRODUCT
                : strcmp(ln->f[1], "index") == 0 ? CG_GAZ_INDEX
                : strcmp(ln->f[1], "event") == 0 ? CG_GAZ_EVENT
                                                 : 0;
  if (!fl) return CG_EDATA;
  int32_t key = key_index(lx, "x:nonactor", "(not an actor)", CG_ACTOR_ORG);
  add_entry(lx, ln->f[0], (cg_gaz_entry){key, CG_ACTOR_ORG, fl});
  return CG_OK;
}

typedef struct firsts_ctx {
  cg_actor_lexicon *lx;
  cg_lexmap *first, *walk;
} firsts_ctx;

static void first_word(void *vctx, const char *key, size_t n, int32_t maxn) {
  firsts_ctx *fc = vctx;
  cg_first_word fw = {maxn, 0, 0};
  cg_lexmap_get(fc->walk, key, n, &fw.walk);
  cg_lexmap_set(fc->first, key, n, (int32_t)fc->lx->firsts.len);
  CG_VEC_PUSH(&fc->lx->firsts, fw);
}

typedef struct tab_ctx {
  cg_first_tab *t;
  const cg_actor_lexicon *lx;
  size_t n; /* keys placed */
} tab_ctx;

/* Puts one first word (key -> index f into lx->firsts) into a cg_first_tab
 * (cg_lexmap_each). */
static void tab_put(void *vctx, const char *key, size_t n, int32_t f) {
  tab_ctx *tc = vctx;
  if (n > CG_FIRST_KEY_MAX) return; /* the lookups ask the map */
  cg_first_key *k = &tc->t->keys[tc->n];
  memset(k, 0, sizeof *k);
  memcpy(k->key, key, n);
  k->len = (uint32_t)n;
  k->fw = tc->lx->firsts.items[f];
  uint32_t h = cg_lexhash(key, n);
  size_t i = h & tc->t->mask;
  while (tc->t->slots[i]) i = (i + 1) & tc->t->mask;
  tc->t->slots[i] = (h & 0xFFFF0000u) | (uint32_t)(++tc->n);
}

/* Builds t from first (gaz_first or title_first, complete, with lx->firsts), at most
 * half full. More keys than the 16 bits of a slot index, or a big-endian machine
 * (the compare of first_same takes the first bytes of a word as its low ones): no
 * table (slots NULL, maxlen 0), and the lookups ask the map. */
static void first_tab_build(cg_first_tab *t, cg_lexmap *first, const cg_actor_lexicon *lx) {
  size_t count = cg_lexmap_count(first), cap = 64;
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
  return;
#endif
  if (count >= 0xFFFF) return;
  while (cap < 2 * count) cap *= 2;
  t->mask = cap - 1;
  t->maxlen = CG_FIRST_KEY_MAX;
  t->slots = cg_xcalloc(cap, sizeof *t->slots);
  t->keys = cg_xcalloc(count ? count : 1, sizeof *t->keys);
  tab_ctx tc = {t, lx, 0};
  cg_lexmap_each(first, tab_put, &tc);
}

/* Frees what first_tab_build made. */
static void first_tab_free(cg_first_tab *t) {
  free(t->slots);
  free(t->keys);
}

/* Puts the common word key[0..n) (n <= CG_WORD_SET_MAX) into s unless it is in. */
static void word_set_put(cg_word_set *s, const char *key, size_t n) {
  unsigned char b[16] = {0};
  memcpy(b, key, n);
  b[15] = (unsigned char)n;
  cg_word16 w;
  memcpy(&w, b, sizeof w);
  size_t i = cg_word_set_start(s, cg_lexhash(key, n));
  for (; s->slots[i].hi; i = (i + 1) & s->mask)
    if (s->slots[i].lo == w.lo && s->slots[i].hi == w.hi) return;
  s->slots[i] = w;
}

/* Makes s empty with room for n words at most half full, in a huge page when it
 * fills one (see cg_word_set). On a big-endian machine (the lookups build a slot
 * from loads of 8 bytes): no set (maxlen 0), and the map holds every word. */
static void word_set_init(cg_word_set *s, size_t n) {
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
  return;
#endif
  size_t cap = 64, lg = 0;
  while (cap < 2 * n) cap *= 2;
  while (((size_t)4 << lg) < cap) lg++;
  size_t bytes = cap * sizeof *s->slots, huge = (size_t)2 << 20;
  s->slots = aligned_alloc(bytes >= huge ? huge : 64, bytes);
  if (!s->slots) abort();
#ifdef MADV_HUGEPAGE
  if (bytes >= huge) (void)madvise(s->slots, bytes, MADV_HUGEPAGE);
#endif
  memset(s->slots, 0, bytes);
  s->mask = cap - 1;
  s->shift = 32 - (unsigned)lg;
  s->maxlen = CG_WORD_SET_MAX;
}

/* One line of common-words.txt: the word goes into the word set, sized on the first
 * line by the lines of the file, or into the map when longer than the set takes
 * (or with no set). Not both: the map's inserts were most of the cost of loading
 * the file. */
static cg_status load_common(void *vlx, cg_lexline *ln) {
  cg_actor_lexicon *lx = vlx;
  cg_word_set *s = &lx->common_set;
  if (!s->slots) word_set_init(s, (size_t)ln->nlines);
  size_t n = strlen(ln->f[0]);
  if (n <= s->maxlen) {
    word_set_put(s, ln->f[0], n);
    return CG_OK;
  }
  if (!s->slots && !cg_lexmap_count(lx->common)) cg_lexmap_reserve(lx->common, (size_t)ln->nlines);
  cg_lexmap_put(lx->common, ln->f[0], n, 1);
  return CG_OK;
}

/* Once every key is in: turns first (word -> most tokens) into word -> index into
 * lx->firsts, which also holds the word's value in the phrase walk. */
static void first_words(cg_actor_lexicon *lx, cg_lexmap *first, cg_lexmap *walk) {
  firsts_ctx fc = {lx, first, walk};
  cg_lexmap_each(first, first_word, &fc);
}

typedef struct next_ctx {
  cg_actor_lexicon *lx;
  const cg_lexmap *first; /* gaz_first or title_first, with indices into firsts */
} next_ctx;

/* Notes in cg_first_word.next_sp the bytes after each space of the key (a surface
 * of gaz or a title) that follow a first word: the key's bytes up to the space. */
static void note_next_sp(void *vctx, const char *key, size_t n, int32_t value) {
  next_ctx *nc = vctx;
  int32_t f;
  (void)value;
  for (size_t i = 1; i + 1 < n; i++)
    if (key[i] == ' ' && cg_lexmap_get(nc->first, key, i, &f))
      nc->lx->firsts.items[f].next_sp |= 1ull << ((unsigned char)key[i + 1] & 63);
}

/* Adds key[0..n) lower-cased to lx->first_any. */
static void add_first_any(void *vlx, const char *key, size_t n, int32_t value) {
  cg_actor_lexicon *lx = vlx;
  char *low = cg_xmalloc(n + 1);
  (void)value;
  size_t l = cg_lex_lower(key, n, low, n + 1);
  cg_lexmap_put(lx->first_any, low, l, 0);
  free(low);
}

static cg_status load_title(void *vlx, cg_lexline *ln) {
  cg_actor_lexicon *lx = vlx;
  if (ln->nf < 2) return CG_EDATA;
  char low[256];
  size_t n = cg_lex_lower(ln->f[0], strlen(ln->f[0]), low, sizeof low);
  int32_t kind = strcmp(ln->f[1], "role") == 0        ? CG_TITLE_ROLE
                 : strcmp(ln->f[1], "portfolio") == 0 ? CG_TITLE_HONORIFIC | CG_TITLE_PORTFOLIO
                                                      : CG_TITLE_HONORIFIC;
  int32_t old = 0;
  if (cg_lexmap_get(lx->titles, low, n, &old)) kind |= old;
  cg_lexmap_set(lx->titles, low, n, kind);
  walk_add(lx->title_walk, low, n, kind);
  note_first(lx->title_first, low, n);
  int w = count_words(low);
  if (w > lx->max_title_words) lx->max_title_words = w;
  return CG_OK;
}

static cg_status load_head(void *vlx, cg_lexline *ln) {
  cg_actor_lexicon *lx = vlx;
  if (ln->nf < 2) return CG_EDATA;
  int kind = strcmp(ln->f[1], "MISC") == 0 ? CG_HEAD_MISC : cg_actor_kind_parse(ln->f[1]);
  if (kind < 0) return CG_EDATA;
  int32_t v = kind | (ln->nf > 2 && strcmp(ln->f[2], "prefix") == 0 ? CG_HEAD_PREFIX : 0);
  cg_lexmap_put(lx->heads, ln->f[0], strlen(ln->f[0]), v);
  return CG_OK;
}

typedef struct capword_ctx {
  cg_lexmap *capword;
  int32_t bits; /* CG_CW_* of the map being copied, 0 for heads */
} capword_ctx;

/* Adds a key of firstnames, nonent (ctx bits) or heads (bits 0: its value, which
 * fits CG_CW_HEAD_VALUE) to lx->capword, OR-ed into what the key holds. */
static void add_capword(void *vctx, const char *key, size_t n, int32_t value) {
  capword_ctx *cc = vctx;
  int32_t v = 0;
  cg_lexmap_get(cc->capword, key, n, &v);
  v |= cc->bits ? cc->bits : CG_CW_HEAD | (value & CG_CW_HEAD_VALUE);
  cg_lexmap_set(cc->capword, key, n, v);
}

/* Fills lx->capword from the three maps, once they are complete. */
static void capwords(cg_actor_lexicon *lx) {
  capword_ctx cc = {lx->capword, CG_CW_FIRSTNAME};
  cg_lexmap_each(lx->firstnames, add_capword, &cc);
  cc.bits = CG_CW_NONENT;
  cg_lexmap_each(lx->nonent, add_capword, &cc);
  cc.bits = 0;
  cg_lexmap_each(lx->heads, add_capword, &cc);
}

static cg_status load_word(void *vmap, cg_lexline *ln) {
  if (!cg_lexmap_count(vmap)) cg_lexmap_reserve(vmap, (size_t)ln->nlines); /* one step */
  cg_lexmap_put(vmap, ln->f[0], strlen(ln->f[0]), 1);
  return CG_OK;
}

cg_status cg_actor_lexicon_new(cg_actor_lexicon **out, const char *datadir, cg_error *err) {
  cg_actor_lexicon *lx = cg_xcalloc(1, sizeof *lx);
  lx->gaz = cg_lexmap_new();
  lx->keymap = cg_lexmap_new();
  lx->titles = cg_lexmap_new();
  lx->heads = cg_lexmap_new();
  lx->firstnames = cg_lexmap_new();
  lx->common = cg_lexmap_new();
  lx->nonent = cg_lexmap_new();
  lx->grammar = cg_lexmap_new();
  lx->capword = cg_lexmap_new();
  lx->gaz_first = cg_lexmap_new();
  lx->title_first = cg_lexmap_new();
  lx->gaz_walk = cg_lexmap_new();
  lx->title_walk = cg_lexmap_new();
  lx->first_any = cg_lexmap_new();
  lx->gaz_fold = cg_lexmap_new();
  const char *dir = cg_datadir(datadir);
  /* Order matters: the first file that names a surface or a key wins, so the
   * hand-written lists come before the generated ones. */
  static const struct {
    const char *file;
    unsigned flags;
    bool generated;
  } gaz[] = {{"country-aliases.tsv", 0, false}, {"metonyms.tsv", CG_GAZ_METONYM, false},
             {"demonyms.tsv", CG_GAZ_DEMONYM, false}, {"organisations.tsv", 0, false},
             {"agencies.tsv", 0, false}, {"cities.tsv", 0, false}, {"countries.tsv", 0, true},
             {"subdivisions.tsv", 0, true}};
  char path[4096];
  cg_status st = CG_OK;
  static const struct {
    const char *file;
    size_t off;
  } words[] = {{"first-names.txt", offsetof(cg_actor_lexicon, firstnames)},
               {"nonentities.txt", offsetof(cg_actor_lexicon, nonent)}};
  for (size_t i = 0; i < sizeof words / sizeof words[0] && st == CG_OK; i++) {
    snprintf(path, sizeof path, "%s/en/actors/%s", dir, words[i].file);
    st = cg_lexfile_each(path, load_word, *(cg_lexmap **)((char *)lx + words[i].off), err);
  }
  if (st == CG_OK) {
    snprintf(path, sizeof path, "%s/en/actors/common-words.txt", dir);
    st = cg_lexfile_each(path, load_common, lx, err);
  }
  if (st == CG_OK) {
    /* first: the names of things win over any organisation list */
    gaz_ctx ctx = {lx, 0, false};
    snprintf(path, sizeof path, "%s/en/actors/products.tsv", dir);
    st = cg_lexfile_each(path, load_nonactor_line, &ctx, err);
  }
  for (size_t i = 0; i < sizeof gaz / sizeof gaz[0] && st == CG_OK; i++) {
    gaz_ctx ctx = {lx, gaz[i].flags, gaz[i].generated};
    snprintf(path, sizeof path, "%s/en/actors/%s", dir, gaz[i].file);
    st = cg_lexfile_each(path, load_gaz_line, &ctx, err);
  }
  if (st == CG_OK) {
    snprintf(path, sizeof path, "%s/en/actors/titles.txt", dir);
    st = cg_lexfile_each(path, load_title, lx, err);
  }
  if (st == CG_OK) {
    snprintf(path, sizeof path, "%s/en/actors/org-suffixes.txt", dir);
    st = cg_lexfile_each(path, load_head, lx, err);
  }
  if (st == CG_OK) {
    static const cg_lexclass grammar[] = {
        {"particle", CG_AG_PARTICLE},       {"hyphen-tail", CG_AG_HYPHEN_TAIL},
        {"hyphen-prefix", CG_AG_HYPHEN_PREFIX}, {"said", CG_AG_SAID},
        {"date-prep", CG_AG_DATE_PREP},     {"name-suffix", CG_AG_NAME_SUFFIX}};
    snprintf(path, sizeof path, "%s/en/actors/grammar.tsv", dir);
    st = cg_lexfile_classes(path, lx->grammar, grammar, sizeof grammar / sizeof grammar[0], err);
  }
  if (st != CG_OK) {
    cg_actor_lexicon_free(lx);
    *out = NULL;
    return st;
  }
  capwords(lx);
  first_words(lx, lx->gaz_first, lx->gaz_walk);
  first_words(lx, lx->title_first, lx->title_walk);
  next_ctx nc = {lx, lx->gaz_first};
  cg_lexmap_each(lx->gaz, note_next_sp, &nc);
  nc.first = lx->title_first;
  cg_lexmap_each(lx->titles, note_next_sp, &nc);
  cg_lexmap_each(lx->gaz_first, add_first_any, lx);
  cg_lexmap_each(lx->title_first, add_first_any, lx);
  first_tab_build(&lx->gaz_tab, lx->gaz_first, lx);
  first_tab_build(&lx->title_tab, lx->title_first, lx);
  *out = lx;
  return CG_OK;
}

void cg_actor_lexicon_free(cg_actor_lexicon *lx) {
  if (!lx) return;
  cg_lexmap_free(lx->gaz);
  cg_lexmap_free(lx->keymap);
  cg_lexmap_free(lx->titles);
  cg_lexmap_free(lx->heads);
  cg_lexmap_free(lx->firstnames);
  cg_lexmap_free(lx->common);
  cg_lexmap_free(lx->nonent);
  cg_lexmap_free(lx->grammar);
  cg_lexmap_free(lx->capword);
  cg_lexmap_free(lx->gaz_first);
  cg_lexmap_free(lx->title_first);
  cg_lexmap_free(lx->gaz_walk);
  cg_lexmap_free(lx->title_walk);
  cg_lexmap_free(lx->first_any);
  cg_lexmap_free(lx->gaz_fold);
  for (size_t i = 0; i < lx->keys.len; i++) {
    free(lx->keys.items[i].key);
    free(lx->keys.items[i].canon);
  }
  free(lx->keys.items);
  free(lx->entries.items);
  free(lx->firsts.items);
  first_tab_free(&lx->gaz_tab);
  first_tab_free(&lx->title_tab);
  free(lx->common_set.slots);
  free(lx);
}
