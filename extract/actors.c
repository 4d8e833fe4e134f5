/*
 * Actor recognition and alias resolution (see actors.h).
 *
 * Recognition works sentence by sentence over the shared tokens:
 *   1. gazetteer phrases, longest match first (countries, metonyms, demonyms,
 *      organisations, agencies, cities, subdivisions);
 *   2. titles ("President", "spokesman") mark the name that follows as a PERSON and
 *      link a state or organisation just before the title as its affiliation;
 *   3. other capitalised runs, typed by head words ("... Corp", "Bank of ..."), first
 *      names, acronyms, an "(ACRONYM)" after a long form, and context ("X said").
 * Sentence-initial and headline words that are common English words are not names.
 * Resolution then merges mentions into one actor per entity: gazetteer key, full
 * person name then surname, long form and acronym, name with and without a
 * corporate suffix. Runs of unknown type take the type of the actor they resolve to.
 */
#include "actors_int.h"
#include "tokens.h"

#include <stdlib.h>
#include <string.h>

#define KIND_UNKNOWN (-1)

/* Makes room in the CG_VEC v for extra more items (one reallocation, not several). */
#define VEC_ROOM(v, extra)                                                             \
  do {                                                                                 \
    if ((v)->cap < (v)->len + (extra)) {                                               \
      (v)->cap = (v)->len + (extra);                                                   \
      (v)->items = cg_xrealloc((v)->items, (v)->cap * sizeof *(v)->items);             \
    }                                                                                  \
  } while (0)
#define MAX_KEY 256

enum {
  CAND_TITLED = 1u << 0,  /* follows a person title */
  CAND_ACRDEF = 1u << 1,  /* followed by "(ACRONYM)" */
  CAND_DEMONYM = 1u << 2,
  CAND_SENT0 = 1u << 3,   /* starts its sentence */
  CAND_LONE0 = 1u << 5,    /* one unknown word starting its sentence */
  CAND_DROP = 1u << 6      /* not a mention after all */
};

typedef struct cand {
  size_t t0, t1;    /* token range [t0, t1) */
  int kind;         /* cg_actor_kind or KIND_UNKNOWN */
  int32_t gaz;      /* gazetteer entry or -1 */
  int aff;          /* index of the affiliation candidate or -1 */
  unsigned flags;
  size_t acr_t;     /* token of the acronym when CAND_ACRDEF */
  int actor;        /* resolved actor or -1 */
  /* its surface (see surface) at s->surf.data + soff, slen bytes (0: too long),
   * with its hash: made once for the passes of resolve */
  size_t soff;
  uint32_t slen, shash;
} cand;

typedef struct phrase_memo {
  uint16_t lim; /* the scan limit in tokens it was found with (at least 1); 0: none yet */
  uint16_t n;   /* tokens matched, 0 none */
  int32_t val;  /* the entry / title kind when n > 0 */
} phrase_memo;

/* Scan limits from this one on are not remembered (they do not fit lim). */
#define MEMO_MAX 0xFFFFu

/* Bound of tokinfo.gaz_first / title_first: longer phrases are never matched (a
 * phrase walk stops at MAX_KEY bytes). */
#define FIRST_MAX 0xFFFFu

/* What recognition keeps per token, for the tokens it asks about: capitalised words
 * and the tokens that may start a gazetteer phrase or a title (the bits of
 * gaz_starts and title_starts). first_words fills it for those alone; the others'
 * (most tokens) stay as they were (measured, callgrind on tbaq-x1: 24,000 fewer D1
 * write misses and 3% fewer instructions of the stage than clearing every token's).
 * All zero is the state before recognition asks anything: first_words clears each
 * with a few wide stores and sets the fields that are not zero (measured, with the
 * 32-byte size: 5% of the actor stage less than setting each field). */
typedef struct tokinfo {
  /* the most tokens of a gazetteer phrase / of a title starting with the token (0:
   * none, or none can start there: first_may_start; at most FIRST_MAX), looked up
   * for every token before recognition: most tokens start neither, and recognition
   * then skips them at once. 16 bits keep the struct at 32 bytes. */
  uint16_t gaz_first, title_first;
  int32_t gaz_walk1, title_walk1; /* the phrase walks' values of the token alone */
  /* the last phrase match made there, reused when asked again with the same scan
   * limit (recognition asks several times at the same token) */
  phrase_memo gaz_memo, title_memo;
  unsigned char common; /* is_common of the token: 0 not asked yet, 1 no, 2 yes */
  /* of a capitalised word (is_capword) only: its CG_CW_* bits in lx->capword, looked
   * up once by first_words (is_firstname, is_nonent, head_kind) */
  uint16_t cw;
} tokinfo;
_Static_assert(sizeof(tokinfo) == 32, "tokinfo is cleared with two 16-byte stores");

/* The actor of a gazetteer key in the current document: valid when gen is the
 * scratch's gen (one per document, so nothing is cleared between documents). */
typedef struct key_actor {
  uint32_t gen;
  int32_t actor;
} key_actor;

/* The tokens [t0, t1) of a sentence. */
typedef struct tok_range {
  size_t t0, t1;
} tok_range;

/* Per-thread working memory, reused from document to document: the maps are
 * cleared and the arrays keep their capacity (see cg_actor_scratch_new). */
struct cg_actor_scratch {
  CG_VEC(cand) cands;
  CG_VEC(tok_range) sents; /* token ranges of the sentences (sentence_tokens) */
  cg_buf surf; /* the surfaces of the candidates (cand.soff), built here */
  tokinfo *tok;
  size_t tokcap;
  /* Three sets of one bit per token, of startscap words each (see ctx): starts,
   * gaz_starts, title_starts. */
  uint64_t *bits;
  size_t startscap;
  /* Actors of gazetteer keys, by key index (lx->keys): most actors are such, and an
   * array slot replaces a keyed lookup (a SipHash) per mention and one more per new
   * actor (measured: those lookups and the copies of the names were 12% of the actor
   * stage). */
  key_actor *by_key;
  size_t nby_key;
  uint32_t gen;
  cg_lexmap *actor_by_key, *person_part, *org_alias, *single, *surnames, *nonact, *lone;
};

typedef struct ctx {
  const cg_actor_lexicon *lx;
  cg_docx *dx;
  const char *t;
  size_t text_len;          /* bytes of t */
  cg_tokens tk;
  cg_actor_scratch *s;
  tokinfo *tok;             /* per token (s->tok): see tokinfo for which are filled */
  /* Bits of the tokens (s->bits), made by first_words: starts, the tokens
   * recognise_sentence looks at (words that are capitalised or may start a
   * gazetteer phrase or a title); gaz_starts, those of tok[k].gaz_first != 0;
   * title_starts, of tok[k].title_first != 0. */
  uint64_t *starts, *gaz_starts, *title_starts;
  cg_lexmap *actor_by_key;  /* key -> index, for the keys that are no gazetteer key */
  /* s->surf copied into memory of the docx once candidates have their surfaces: the
   * names and aliases taken from surfaces point into it, with no copy of their own */
  char *surf;
  cg_lexmap *person_part;   /* surname / given name -> actor */
  cg_lexmap *org_alias;     /* acronym, short name -> actor */
  cg_lexmap *single;        /* words of one-word candidates asked about (make_single) */
  bool single_made;
  cg_lexmap *surnames;      /* last words of "Firstname Surname" runs of the document */
  cg_lexmap *nonact;        /* acronyms defined for non-actors: "(WWDC)", "(DJIA)" */
} ctx;

/* Bit k of a set of c->starts, gaz_starts or title_starts. */
static bool tok_bit(const uint64_t *set, size_t k) { return (set[k / 64] >> (k % 64)) & 1; }

static size_t tlen(const ctx *c, size_t k) { return c->tk.items[k].end - c->tk.items[k].start; }
static const char *ttxt(const ctx *c, size_t k) { return c->t + c->tk.items[k].start; }
static unsigned tshape(const ctx *c, size_t k) { return c->tk.items[k].shape; }

static bool tok_eq(const ctx *c, size_t k, const char *s) {
  size_t n = strlen(s);
  return tlen(c, k) == n && memcmp(ttxt(c, k), s, n) == 0;
}

/* Builds the surface of tokens [a, b): words joined by one space where the text has
 * whitespace, nothing where it has none. Returns the length, 0 if it does not fit.
 * out[n + 1 .. cap) may be written too. A word of up to 16 bytes is copied as 16
 * bytes when the text and out have them, with no call of memcpy (measured,
 * callgrind on tbaq-x1: 0.4% of the stage, and 8,000 mispredicts of memcpy on the
 * length). */
static size_t surface(const ctx *c, size_t a, size_t b, char *out, size_t cap) {
  size_t n = 0;
  for (size_t k = a; k < b; k++) {
    const cg_token *t = &c->tk.items[k];
    size_t l = t->end - t->start;
    bool sp = k > a && t->start > t[-1].end;
    if (n + l + sp + 1 > cap) return 0;
    if (sp) out[n++] = ' ';
    if (l <= 16 && n + 16 <= cap && t->start + 16 <= c->text_len)
      memcpy(out + n, c->t + t->start, 16);
    else
      memcpy(out + n, c->t + t->start, l);
    n += l;
  }
  out[n] = '\0';
  return n;
}

/* Lookups of token k use the hashes the tokenizer made. */
static bool in_map(const cg_lexmap *m, const ctx *c, size_t k, int32_t *v) {
  const cg_token *t = &c->tk.items[k];
  return cg_lexmap_get_h(m, c->t + t->start, t->end - t->start, t->hash, v);
}

static bool put_tok(cg_lexmap *m, const ctx *c, size_t k, int32_t v) {
  const cg_token *t = &c->tk.items[k];
  return cg_lexmap_put_h(m, c->t + t->start, t->end - t->start, t->hash, v);
}

static bool in_map_lower(const cg_lexmap *m, const ctx *c, size_t k, int32_t *v) {
  const cg_token *t = &c->tk.items[k];
  return cg_lexmap_get_lower_h(m, c->t + t->start, t->end - t->start, t->lhash, v);
}

/* One test of the two flags, not two branches: it is asked of most tokens, and the
 * second branch was mispredicted on diverse words (measured, callgrind on tbaq-x1:
 * 31,000 of the stage's 450,000 mispredicts). */
static bool is_capword(const ctx *c, size_t k) {
  unsigned s = tshape(c, k);
  return ((s & CG_TOK_WORD) != 0) & ((s & (CG_TOK_CAP | CG_TOK_ALLCAPS)) != 0);
}

/* The suffixes is_common strips, with their lengths, and the letter that may end
 * the stem instead (0 none): "studies" -> "study", "closed" -> "close". */
static const struct {
  char s[4];
  unsigned char n;
  char fix;
} common_suf[] = {{"s", 1, 0},   {"es", 2, 0},    {"ed", 2, 'e'}, {"d", 1, 0},
                  {"ing", 3, 'e'}, {"ly", 2, 0}, {"ies", 3, 'y'}};

/* The slot of cg_word_set a word of n bytes (1..CG_WORD_SET_MAX) at p has, lower-
 * cased: p must have 16 readable bytes, those after the word are masked off. */
static inline cg_word16 word16(const char *p, size_t n) {
  cg_word16 w;
  memcpy(&w.lo, p, 8);
  memcpy(&w.hi, p + 8, 8);
  w.lo = n >= 8 ? cg_lower8(w.lo) : cg_lower8(w.lo) & (~0ull >> (64 - 8 * n));
  w.hi = n > 8 ? cg_lower8(w.hi) & (~0ull >> (128 - 8 * n)) : 0;
  w.hi |= (uint64_t)n << 56;
  return w;
}

/* w (a word of n < CG_WORD_SET_MAX bytes) with byte b appended. */
static inline cg_word16 word16_add(cg_word16 w, size_t n, unsigned char b) {
  if (n < 8)
    w.lo |= (uint64_t)b << (8 * n);
  else
    w.hi |= (uint64_t)b << (8 * (n - 8));
  w.hi = (w.hi & (~0ull >> 8)) | (uint64_t)(n + 1) << 56;
  return w;
}

/* True when the word w (FNV hash h of its lower-case bytes) is in s. */
static inline bool word_set_has(const cg_word_set *s, uint32_t h, cg_word16 w) {
  for (size_t i = cg_word_set_start(s, h);; i = (i + 1) & s->mask) {
    const cg_word16 *e = &s->slots[i];
    if (e->lo == w.lo && e->hi == w.hi) return true;
    if (!e->hi) return false;
  }
}

/* Starts loading the line of the word set where is_common will look token k up:
 * recognition asks it of some of the capitalised words, long after first_words
 * (see cg_word_set: the miss was most of is_common's time). */
static inline void common_prefetch(const ctx *c, size_t k) {
  const cg_word_set *ws = &c->lx->common_set;
  if (ws->slots) __builtin_prefetch(&ws->slots[cg_word_set_start(ws, c->tk.items[k].lhash)]);
}

/* True when the stem low[0..n) (lower case, FNV hash h, 16 bytes readable) with fix
 * appended when fix is not 0 is a common word. Up to CG_WORD_SET_MAX bytes, in the
 * word set; a longer one in the map, whose Bloom filter is tested on the hash alone
 * (most stems miss it and cost no copy). */
static bool common_stem(const ctx *c, const char *low, size_t n, uint32_t h, char fix) {
  const cg_word_set *ws = &c->lx->common_set;
  const cg_lexmap *m = c->lx->common;
  if (n + (fix != 0) <= ws->maxlen) {
    cg_word16 w = word16(low, n);
    if (!fix) return word_set_has(ws, h, w);
    return word_set_has(ws, cg_lexhash_add(h, (unsigned char)fix), word16_add(w, n, (unsigned char)fix));
  }
  if (!fix) return cg_lexmap_get_h(m, low, n, h, NULL);
  h = cg_lexhash_add(h, (unsigned char)fix);
  if (!cg_lexmap_may_h(m, h)) return false;
  char tmp[64];
  memcpy(tmp, low, n);
  tmp[n] = fix;
  return cg_lexmap_probe_h(m, tmp, n + 1, h, NULL);
}

/* True when token k, lower-cased, is a common word (itself, without stems). */
static bool common_token(const ctx *c, size_t k) {
  const cg_word_set *ws = &c->lx->common_set;
  const cg_token *t = &c->tk.items[k];
  size_t n = t->end - t->start;
  if (n > ws->maxlen) return in_map_lower(c->lx->common, c, k, NULL);
  if (t->start + 16 <= c->text_len) return word_set_has(ws, t->lhash, word16(c->t + t->start, n));
  char b[16] = {0};
  memcpy(b, c->t + t->start, n);
  return word_set_has(ws, t->lhash, word16(b, n));
}

/* s[0..n) == suf[0..n) for the n <= 3 bytes of a suffix: a byte loop, not a call
 * of memcmp per suffix. */
static bool same_tail(const char *s, const char *suf, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != suf[i]) return false;
  return true;
}

/* is_common without the memo: the lower-cased word, or its stem without a suffix of
 * common_suf (or with the suffix's fix letter), is a common English word. The word
 * is lower-cased once with the hashes of its prefixes of n-3..n-1 bytes kept, so
 * that each stem costs a lookup, not a hash of its own (measured: is_common was
 * 7% of the actor stage on news prose). */
static bool is_common_word(const ctx *c, size_t k) {
  char low[64];
  size_t n = tlen(c, k);
  if (n >= sizeof low) return false;
  if (common_token(c, k)) return true;
  if (n <= 3) return false; /* every suffix needs a stem of three bytes or more */
  const char *w = ttxt(c, k);
  /* every suffix of common_suf ends with one of these: the other words (most names
   * asked, "Elian", "Gonzalez") need no stems (measured, callgrind on tbaq-x1: a third
   * of the instructions of is_common_word) */
  unsigned char last = (unsigned char)cg_lower((unsigned char)w[n - 1]);
  if (last != 's' && last != 'd' && last != 'g' && last != 'y') return false;
  uint32_t h = CG_LEXHASH_INIT, ph[4]; /* ph[j]: hash of low[0..n-j) */
  memset(low, 0, 16);                 /* word16 reads 16 bytes of a short stem */
  for (size_t i = 0; i < n; i++) {
    if (i + 3 >= n) ph[n - i] = h;
    low[i] = (char)cg_lower((unsigned char)w[i]);
    h = cg_lexhash_add(h, (unsigned char)low[i]);
  }
  for (size_t i = 0; i < sizeof common_suf / sizeof common_suf[0]; i++) {
    size_t sl = common_suf[i].n;
    if (n <= sl + 2 || !same_tail(low + n - sl, common_suf[i].s, sl)) continue;
    if (common_stem(c, low, n - sl, ph[sl], 0)) return true;
    if (common_suf[i].fix && common_stem(c, low, n - sl, ph[sl], common_suf[i].fix)) return true;
  }
  return false;
}

/* True when token k is a common English word (is_common_word), remembered per token:
 * recognition and resolution ask it of the same capitalised words several times
 * (only those: another token has no tokinfo, and is asked afresh). */
static bool is_common(const ctx *c, size_t k) {
  if (!is_capword(c, k)) return is_common_word(c, k);
  unsigned char *memo = &c->tok[k].common;
  if (!*memo) *memo = is_common_word(c, k) ? 2 : 1;
  return *memo == 2;
}

/* Appends token k to the surface being grown in buf[*len] (see surface), lower-cased
 * when lower, and carries its hash *h along. False when it does not fit in cap. */
static bool walk_step(const ctx *c, size_t k, bool lower, char *buf, size_t cap, size_t *len,
                      uint32_t *h) {
  const cg_token *t = &c->tk.items[k];
  size_t l = t->end - t->start, n = *len;
  bool sp = t->start > t[-1].end;
  if (n + l + sp + 1 > cap) return false;
  uint32_t hh = *h;
  if (sp) {
    buf[n++] = ' ';
    hh = cg_lexhash_add(hh, ' ');
  }
  const char *w = c->t + t->start;
  for (size_t i = 0; i < l; i++) {
    unsigned char b = (unsigned char)w[i];
    if (lower) b = (unsigned char)cg_lower(b);
    buf[n++] = (char)b;
    hh = cg_lexhash_add(hh, b);
  }
  *len = n;
  *h = hh;
  return true;
}

/* The longest phrase of at most maxn tokens starting at token a whose surface (lower
 * -cased when lower) is a key of the phrase walk (cg_actor_lexicon.gaz_walk): grows
 * the surface a token at a time while some key starts with it. v1 is the walk's
 * value of token a alone. A length counts only when ok_end(token it ends with) holds
 * (NULL: always). Returns the tokens matched, 0 for none; *val gets the key's value
 * (CG_WALK_VALUE bits). */
static size_t walk_match(const ctx *c, const cg_lexmap *walk, size_t a, size_t maxn, bool lower,
                         bool (*ok_end)(const ctx *, size_t), int32_t v1, int32_t *val) {
  char buf[MAX_KEY];
  const cg_token *t = &c->tk.items[a];
  size_t len = t->end - t->start, best = 0;
  if (len + 1 > sizeof buf) return 0; /* as surface(): no key that long is looked up */
  if ((v1 & CG_WALK_VALUE) && (!ok_end || ok_end(c, a))) {
    best = 1;
    *val = v1 & CG_WALK_VALUE;
  }
  if (!(v1 & CG_WALK_MORE) || maxn < 2) return best;
  const char *w = c->t + t->start;
  for (size_t i = 0; i < len; i++) buf[i] = lower ? (char)cg_lower((unsigned char)w[i]) : w[i];
  uint32_t h = lower ? t->lhash : t->hash; /* of the surface so far */
  for (size_t n = 2; n <= maxn; n++) {
    int32_t v;
    if (!walk_step(c, a + n - 1, lower, buf, sizeof buf, &len, &h)) break;
    if (!cg_lexmap_get_h(walk, buf, len, h, &v)) break;
    if ((v & CG_WALK_VALUE) && (!ok_end || ok_end(c, a + n - 1))) {
      best = n;
      *val = v & CG_WALK_VALUE;
    }
    if (!(v & CG_WALK_MORE)) break;
  }
  return best;
}

/* A gazetteer phrase ends with a word (or the "!" of "Yahoo!"). */
static bool gaz_end_ok(const ctx *c, size_t k) {
  return (tshape(c, k) & CG_TOK_WORD) || tok_eq(c, k, "!");
}

/* match_gaz at a token that starts some entry (tok[a].gaz_first != 0, a < end). */
static size_t match_gaz_walk(const ctx *c, size_t a, size_t end, int32_t *entry) {
  size_t maxn = (size_t)c->lx->max_gaz_words + 2;
  if (end - a < maxn) maxn = end - a;
  int32_t fm = c->tok[a].gaz_first;
  if ((size_t)fm < maxn) maxn = (size_t)fm;
  phrase_memo scratch, *pm = maxn < MEMO_MAX ? &c->tok[a].gaz_memo : &scratch;
  if (pm == &scratch) scratch.lim = 0;
  else if (pm->lim == maxn) {
    if (pm->n) *entry = pm->val;
    return pm->n;
  }
  pm->lim = (uint16_t)maxn;
  int32_t v = 0;
  size_t n = walk_match(c, c->lx->gaz_walk, a, maxn, false, gaz_end_ok, c->tok[a].gaz_walk1, &v);
  pm->n = (uint16_t)n;
  if (n) *entry = pm->val = v - 1; /* the walk holds entry index + 1 */
  return n;
}

/* match_title at a token that starts some title (tok[a].title_first != 0, a < end). */
static size_t match_title_walk(const ctx *c, size_t a, size_t end, int32_t *kind) {
  size_t maxn = (size_t)c->lx->max_title_words + 2;
  if (end - a < maxn) maxn = end - a;
  int32_t fm = c->tok[a].title_first;
  if ((size_t)fm < maxn) maxn = (size_t)fm;
  phrase_memo scratch, *pm = maxn < MEMO_MAX ? &c->tok[a].title_memo : &scratch;
  if (pm == &scratch) scratch.lim = 0;
  else if (pm->lim == maxn) {
    if (pm->n) *kind = pm->val;
    return pm->n;
  }
  pm->lim = (uint16_t)maxn;
  int32_t v = 0;
  size_t n = walk_match(c, c->lx->title_walk, a, maxn, true, NULL, c->tok[a].title_walk1, &v);
  pm->n = (uint16_t)n;
  if (n) *kind = pm->val = v;
  return n;
}

/* Longest gazetteer phrase starting at token a within [a, end). The test of the
 * token's first-word entry is inline at each call: most tokens asked start no
 * entry, and then cost no call (see compound_title for the measure). */
static inline size_t match_gaz(const ctx *c, size_t a, size_t end, int32_t *entry) {
  return a < end && tok_bit(c->gaz_starts, a) ? match_gaz_walk(c, a, end, entry) : 0;
}

/* Longest title phrase at a (case-insensitive); *kind gets CG_TITLE_* flags. */
static inline size_t match_title(const ctx *c, size_t a, size_t end, int32_t *kind) {
  return a < end && tok_bit(c->title_starts, a) ? match_title_walk(c, a, end, kind) : 0;
}

/* The capitalised words (is_capword) ask lx->capword, once, in first_words: the
 * answers for a first name, a non-entity word and a head word are kept in the
 * token's tokinfo (cw). Other tokens ask the map itself. */
static bool is_firstname(const ctx *c, size_t k) {
  return is_capword(c, k) ? (c->tok[k].cw & CG_CW_FIRSTNAME) != 0
                          : in_map(c->lx->firstnames, c, k, NULL);
}

static bool is_nonent(const ctx *c, size_t k) {
  return is_capword(c, k) ? (c->tok[k].cw & CG_CW_NONENT) != 0
                          : in_map(c->lx->nonent, c, k, NULL);
}

/* is_nonent of a token known to be a capitalised word. */
static bool cap_nonent(const ctx *c, size_t k) { return (c->tok[k].cw & CG_CW_NONENT) != 0; }

static int head_kind(const ctx *c, size_t k, bool *prefix) {
  int32_t v;
  if (is_capword(c, k)) {
    v = c->tok[k].cw;
    if (!(v & CG_CW_HEAD)) return KIND_UNKNOWN;
  } else if (!in_map(c->lx->heads, c, k, &v)) {
    return KIND_UNKNOWN;
  }
  if (prefix) *prefix = (v & CG_HEAD_PREFIX) != 0;
  return v & 0xFF;
}

/* CG_AG_* classes of the word s[0..n) in grammar.tsv (exact case), 0 if none. */
static unsigned grammar_of(const ctx *c, const char *s, size_t n) {
  int32_t v = 0;
  return cg_lexmap_get(c->lx->grammar, s, n, &v) ? (unsigned)v : 0u;
}

/* The same for token k. */
static unsigned grammar_tok(const ctx *c, size_t k) {
  int32_t v = 0;
  return in_map(c->lx->grammar, c, k, &v) ? (unsigned)v : 0u;
}

static bool is_particle(const ctx *c, size_t k) { return grammar_tok(c, k) & CG_AG_PARTICLE; }

/* hyphen_adjective of token k, whose first '-' is at byte h. Not inline: the
 * lookups' registers would make every call of hyphen_adjective save and restore
 * them. */
__attribute__((noinline)) static bool hyphen_adjective_at(const ctx *c, size_t k, size_t h) {
  const char *w = ttxt(c, k);
  size_t n = tlen(c, k);
  if ((grammar_of(c, w, h) & CG_AG_HYPHEN_PREFIX) && h + 1 < n && w[h + 1] >= 'a' && w[h + 1] <= 'z')
    return true;
  size_t t = n;
  while (t > 0 && w[t - 1] != '-') t--;
  return grammar_of(c, w + t, n - t) & CG_AG_HYPHEN_TAIL;
}

/* True for a hyphenated adjective made from a name or a prefixed common word:
 * "Craiova-based", "EADS-led", "Intel-based", "Sub-prime", "Pre-orders" (not
 * "Ki-moon", "Rolls-Royce"). Inline: most words have no hyphen, and cost no call. */
static inline bool hyphen_adjective(const ctx *c, size_t k) {
  /* memchr, not a byte loop: most words have no hyphen, and the loop's exit was
   * mispredicted at every length (measured, callgrind on tbaq-x1: 17,000 fewer
   * mispredicts of the stage) */
  const char *w = ttxt(c, k);
  const char *hy = memchr(w, '-', tlen(c, k));
  return hy && hyphen_adjective_at(c, k, (size_t)(hy - w));
}

/* True when the capitalised words from k on reach an organisation head word within
 * three words ("China Eastern Airlines"): a compass or other non-name word there is
 * part of the name. */
static bool org_head_ahead(const ctx *c, size_t k, size_t end) {
  for (size_t q = k + 1; q < end && q <= k + 3; q++) {
    if (!is_capword(c, q) || (tshape(c, q) & (CG_TOK_SPACE_NL | CG_TOK_DIGIT))) return false;
    if (head_kind(c, q, NULL) == CG_ACTOR_ORG) return true;
  }
  return false;
}

/* collect_run by its loop. */
static size_t collect_run_loop(const ctx *c, size_t a, size_t end) {
  size_t j = a;
  int32_t v;
  while (j < end) {
    unsigned s = tshape(c, j);
    if (j > a && (s & CG_TOK_SPACE_NL)) break;
    if (is_capword(c, j)) {
      if (j > a && (s & CG_TOK_DIGIT)) break; /* "Boeing 787", "Airbus A380" */
      if (j > a && hyphen_adjective(c, j)) break; /* "... Craiova-based" */
      /* a non-name word ends the run, except a surname right after a first name
       * ("Theresa May") */
      if (j > a && cap_nonent(c, j) &&
          !(j == a + 1 && is_firstname(c, a) && in_map(c->surnames, c, j, NULL)) &&
          !org_head_ahead(c, j, end))
        break;
      if (j > a && !tok_eq(c, j - 1, "of") && !tok_eq(c, j - 1, "&") &&
          match_title(c, j, end, &v) && (v & CG_TITLE_HONORIFIC) && j + 1 < end &&
          is_capword(c, j + 1) && head_kind(c, j + 1, NULL) < 0)
        break;
      j++;
      continue;
    }
    if (j > a && j + 1 < end && is_capword(c, j + 1)) {
      if (tok_eq(c, j, "&") || is_particle(c, j)) {
        j++;
        continue;
      }
      if ((tok_eq(c, j, "of") || tok_eq(c, j, "for")) && head_kind(c, j - 1, NULL) >= 0) {
        j++;
        continue;
      }
      /* "Competition and Markets Authority": "and" inside a name that ends with an
       * organisation head word a few capitalised words later */
      if (tok_eq(c, j, "and")) {
        size_t q = j + 1;
        while (q < end && q < j + 5 && is_capword(c, q) && head_kind(c, q, NULL) != CG_ACTOR_ORG)
          q++;
        if (q < end && q < j + 5 && is_capword(c, q) && head_kind(c, q, NULL) == CG_ACTOR_ORG) {
          j++;
          continue;
        }
      }
      if (tok_eq(c, j, "of") && j + 2 < end && tok_eq(c, j + 1, "the") && is_capword(c, j + 2) &&
          head_kind(c, j - 1, NULL) >= 0) {
        j += 2;
        continue;
      }
    }
    if (j > a && tok_eq(c, j, "of") && j + 2 < end && tok_eq(c, j + 1, "the") &&
        is_capword(c, j + 2) && head_kind(c, j - 1, NULL) >= 0) {
      j += 2;
      continue;
    }
    break;
  }
  while (j > a + 1 && !is_capword(c, j - 1)) j--; /* no trailing connector */
  return j;
}

/* End of the capitalised run starting at a (exclusive), within [a, end). Most runs
 * are one capitalised word before a word that is neither capitalised nor "of" and
 * is not followed by a capitalised word (the loop's connectors go on only before
 * one), and end there without the loop (measured, callgrind on tbaq-x1: 1.1% of
 * the stage; with compound_title_at out of line, else gcc stopped inlining
 * compound_title). */
static inline size_t collect_run(const ctx *c, size_t a, size_t end) {
  if (is_capword(c, a) && a + 1 < end && !is_capword(c, a + 1) &&
      !(a + 2 < end && is_capword(c, a + 2)) && !tok_eq(c, a + 1, "of"))
    return a + 1;
  return collect_run_loop(c, a, end);
}

/* False when no run of collect_run can end after token k (k < end): a run takes in
 * tokens from k on only up to a capitalised word among the three tokens from k (the
 * word at k, or one after a connector "&", "of", "and" or "of the" there). Most
 * gazetteer names are followed by a lower-case word, and then need no run
 * (measured: 1% of the actor stage). */
static bool run_may_extend(const ctx *c, size_t k, size_t end) {
  for (size_t q = k; q < end && q < k + 3; q++)
    if (is_capword(c, q)) return true;
  return false;
}

static bool is_said(const ctx *c, size_t k) {
  return grammar_tok(c, k) & CG_AG_SAID;
}

/* True when every capitalised word of the run [a, b) is a common English word
 * ("National Security Strategy"). Asked only where the answer matters, not for
 * every run: is_common looks the word up in the largest lexicon, a cache miss or
 * two each time on diverse text (measured: its probes were 2% of the pipeline on
 * news prose). */
static bool run_all_common(const ctx *c, size_t a, size_t b) {
  for (size_t k = a; k < b; k++)
    if (is_capword(c, k) && !is_common(c, k)) return false;
  return true;
}

/* Types a capitalised run [a, b) of the sentence [s0, s1). */
static int classify(ctx *c, size_t a, size_t b, size_t s0, size_t s1, bool titled,
                    unsigned *flags) {
  size_t n = b - a;
  bool prefix = false;
  /* "the European Space Agency (ESA)": the acronym names the same body */
  bool acr = b + 2 < s1 && tok_eq(c, b, "(") && (tshape(c, b + 1) & CG_TOK_ALLCAPS) &&
             tok_eq(c, b + 2, ")") && n >= 2;
  if (acr) *flags |= CAND_ACRDEF;
  int hk = n >= 2 ? head_kind(c, b - 1, NULL) : KIND_UNKNOWN;
  if (hk >= 0) return hk;
  hk = head_kind(c, a, &prefix);
  if (hk >= 0 && n >= 3 && tok_eq(c, a + 1, "of")) return hk;
  if (hk >= 0 && n >= 2 && prefix) return hk;
  if (acr) return CG_ACTOR_ORG;
  if (titled) return CG_ACTOR_PERSON;
  if (is_firstname(c, a) && (n >= 2 || !is_common(c, a))) return CG_ACTOR_PERSON;
  if (n == 1 && (tshape(c, a) & CG_TOK_ALLCAPS) && tlen(c, a) <= 6) return CG_ACTOR_ORG;
  /* the context says what a run is unless all its words are common words
   * (run_all_common is asked last: its lookups are the costly ones) */
  if (n >= 2 && n <= 3 && b < s1 &&
      (is_said(c, b) || (tok_eq(c, b, ",") && b + 1 < s1 &&
                         (tok_eq(c, b + 1, "who") || is_said(c, b + 1)))) &&
      !run_all_common(c, a, b))
    return CG_ACTOR_PERSON;
  if (a > s0 &&
      (tok_eq(c, a - 1, "in") || tok_eq(c, a - 1, "near") || tok_eq(c, a - 1, "outside")) &&
      !run_all_common(c, a, b))
    return CG_ACTOR_GPE;
  return KIND_UNKNOWN;
}

static void push_cand(ctx *c, size_t a, size_t b, int kind, int32_t gaz, int aff, unsigned flags) {
  cand cd = {a, b, kind, gaz, aff, flags, 0, -1, 0, 0, 0};
  if (flags & CAND_ACRDEF) cd.acr_t = b + 1;
  CG_VEC_PUSH(&c->s->cands, cd);
}

/* Index of the candidate ending right before token k (allowing a possessive 's), or -1. */
static int cand_before(const ctx *c, size_t k, size_t s0) {
  if (!c->s->cands.len || k <= s0) return -1;
  const cand *last = &c->s->cands.items[c->s->cands.len - 1];
  if (last->t1 == k) return (int)c->s->cands.len - 1;
  if (last->t1 + 1 == k && (tshape(c, k - 1) & CG_TOK_POSS)) return (int)c->s->cands.len - 1;
  return -1;
}

/* True when token k is a model number that makes the name before it a product
 * ("Boeing 787", "Airbus A380", "Windows 10"): digits, not a year, not a quantity. */
static bool is_model_number(const ctx *c, size_t k, size_t s1) {
  if (k >= s1 || !(tshape(c, k) & CG_TOK_DIGIT) || (tshape(c, k) & CG_TOK_SPACE_NL)) return false;
  const char *w = ttxt(c, k);
  size_t n = tlen(c, k);
  for (size_t i = 0; i < n; i++)
    if (w[i] == ',' || w[i] == '.' || w[i] == ':') return false; /* "1,000", "3.5", "10:30" */
  if (n == 4 && (memcmp(w, "19", 2) == 0 || memcmp(w, "20", 2) == 0) && cg_isdigit((unsigned char)w[2]))
    return false; /* a year: "Apple 2023 results" */
  if (k + 1 < s1 && (tok_eq(c, k + 1, "%") || tok_eq(c, k + 1, "percent"))) return false;
  return n >= 2 || (tshape(c, k) & CG_TOK_CAP);
}

/* End of a product name starting at the model number k: the number and any
 * capitalised words glued to it ("787 Dreamliner", "A350 XWB"). */
static size_t skip_product(const ctx *c, size_t k, size_t s1) {
  k++;
  while (k < s1 && is_capword(c, k) && !(tshape(c, k) & CG_TOK_SPACE_NL)) k++;
  return k;
}

/* True when the code ending before token k ("US", "AU", "U.S.") names a currency: a
 * currency sign glued to it ("US$ 40 billion", "AU$") or "dollar(s)" after it ("$9.99
 * US dollars"). */
static bool currency_after(const ctx *c, size_t k, size_t s1) {
  if (k >= s1 || k == 0) return false;
  if (tok_eq(c, k, "$") && c->tk.items[k].start == c->tk.items[k - 1].end) return true;
  return tok_eq(c, k, "dollar") || tok_eq(c, k, "dollars");
}

/* After a name that is not an actor (an index, an event) ending before token k: an
 * "(ACRONYM)" there names the same thing, and is remembered so that it is no actor
 * later in the document either. Returns the token after it (k when there is none). */
static size_t skip_nonactor_acronym(ctx *c, size_t k, size_t s1) {
  if (k + 2 < s1 && tok_eq(c, k, "(") && (tshape(c, k + 1) & CG_TOK_ALLCAPS) &&
      tok_eq(c, k + 2, ")")) {
    put_tok(c->nonact, c, k + 1, 1);
    return k + 3;
  }
  return k;
}

/* derived_demonym of a word w[0..n) that has its shape (demonym_shape). Not
 * inline: its lookups' registers would make every call save and restore them. */
__attribute__((noinline)) static bool demonym_place(const cg_actor_lexicon *lx, const char *w,
                                                    size_t n, int32_t *entry) {
  char buf[64];
  size_t stem = memcmp(w + n - 3, "ans", 3) == 0 ? n - 3 : n - 2;
  if (cg_lexmap_get(lx->firstnames, w, n, NULL)) return false;
  memcpy(buf, w, stem);
  static const char add[] = {0, 'a', 'o'};
  for (size_t i = 0; i < sizeof add; i++) {
    size_t l = stem;
    if (add[i]) buf[l++] = add[i];
    int32_t e;
    if (!cg_lexmap_get(lx->gaz, buf, l, &e)) continue;
    const cg_gaz_entry *ge = &lx->entries.items[e];
    if ((ge->kind == CG_ACTOR_GPE || ge->kind == CG_ACTOR_LOC) &&
        !(ge->flags & (CG_GAZ_DEMONYM | CG_GAZ_METONYM | CG_GAZ_NONACTOR))) {
      *entry = e;
      return true;
    }
  }
  return false;
}

/* True when w[0..n) is written like a derived demonym: 5 to 61 bytes, an upper-case
 * then a lower-case letter, and "an" or "ans" at the end. The tests are combined
 * with & into one branch: most capitalised words asked are names that fail one,
 * and the branches of a chain of || were mispredicted (measured, callgrind on
 * tbaq-x1: 0.7% of the actor stage and 3,600 mispredicts less than a chain of ||
 * in a function of its own). */
static inline bool demonym_shape(const char *w, size_t n) {
  if (n - 5 > 61 - 5) return false; /* n < 5 wraps */
  unsigned a = (unsigned char)w[0], b = (unsigned char)w[1];
  unsigned x = (unsigned char)w[n - 3], y = (unsigned char)w[n - 2], z = (unsigned char)w[n - 1];
  return (a - 'A' < 26u) & (b - 'a' < 26u) &
         (((y == 'a') & (z == 'n')) | ((x == 'a') & (y == 'n') & (z == 's')));
}

/* A demonym derived from a place name of the gazetteers: "Singaporean(s)" from
 * "Singapore", "Victorian" from "Victoria", "Kenyans" from "Kenya", "Mexican" from
 * "Mexico" (-an/-ans after the name, or after it without a final a/o). Given names
 * ("Brian") are not. Stores the place's entry in *entry. */
static inline bool derived_demonym(const cg_actor_lexicon *lx, const char *w, size_t n,
                                   int32_t *entry) {
  return demonym_shape(w, n) && demonym_place(lx, w, n, entry);
}

/* True for a word that introduces a date rather than a name ("in May", "by June"). */
static bool is_date_prep(const ctx *c, size_t k) {
  return grammar_tok(c, k) & CG_AG_DATE_PREP;
}

/* A word of the non-entity list (a month, "May") used as the surname of a person
 * named in full elsewhere in the document, in a person's position: followed by a verb
 * or a possessive, not introduced by a date preposition ("May signed", "May's letter"). */
static bool surname_in_person_position(const ctx *c, size_t k, size_t s0, size_t s1) {
  if (!in_map(c->surnames, c, k, NULL)) return false;
  if (k > s0 && is_date_prep(c, k - 1)) return false;
  if (k + 1 >= s1) return false;
  if (tshape(c, k + 1) & CG_TOK_POSS) return true;
  if (tok_eq(c, k + 1, "and") || tok_eq(c, k + 1, "or") || tok_eq(c, k + 1, "to") ||
      tok_eq(c, k + 1, "through") || tok_eq(c, k + 1, "of"))
    return false;
  unsigned sh = tshape(c, k + 1);
  if (!(sh & CG_TOK_WORD) || (sh & (CG_TOK_DIGIT | CG_TOK_CAP | CG_TOK_ALLCAPS))) return false;
  return true;
}

/* True for an adjective of the non-entity list that may open an organisation's name
 * ("European Space Agency", "Democratic National Committee", "Western Union"): a
 * capitalised word of four letters or more ending like an adjective of place. */
static bool name_adjective(const ctx *c, size_t k) {
  static const char *const suf[] = {"an", "ern", "ic", "ish", "ese", "al"};
  size_t n = tlen(c, k);
  const char *w = ttxt(c, k);
  if (n < 4 || !(tshape(c, k) & CG_TOK_CAP)) return false;
  for (size_t i = 0; i < sizeof suf / sizeof suf[0]; i++) {
    size_t l = strlen(suf[i]);
    if (memcmp(w + n - l, suf[i], l) == 0) return true;
  }
  return false;
}

/* True when the run [a, b) is typed an organisation or place by its head words
 * ("Delta Air Lines", "Bank of America"): then a sentence-initial common word in
 * it is part of the name. */
static bool run_has_head(const ctx *c, size_t a, size_t b) {
  if (b - a < 2) return false;
  bool prefix = false;
  if (head_kind(c, b - 1, NULL) >= 0) return true;
  int hk = head_kind(c, a, &prefix);
  return hk >= 0 && (prefix || tok_eq(c, a + 1, "of"));
}

/* True when a title may start at one of the tokens i + 1 .. i + 3 before s1
 * (tok[q].title_first != 0): a test of their bits in c->title_starts, not a loop
 * over tokinfo (measured, callgrind on tbaq-x1: 6,000 mispredicts and 8,000 D1
 * misses of the stage less). */
static bool title_ahead(const ctx *c, size_t i, size_t s1) {
  size_t q = i + 1;
  if (q >= s1) return false;
  size_t n = s1 - q < 3 ? s1 - q : 3;
  uint64_t w = c->title_starts[q / 64] >> (q % 64);
  size_t last = q + n - 1;
  if (last / 64 != q / 64) w |= c->title_starts[last / 64] << (64 - q % 64);
  return (w & ((1u << n) - 1)) != 0;
}

/* compound_title where a title starts ahead (title_ahead). Not inline: the inline
 * test of title_ahead is all most words cost (see compound_title). */
__attribute__((noinline)) static size_t compound_title_at(const ctx *c, size_t i, size_t s1,
                                                           int32_t *kind) {
  int32_t ge;
  for (size_t k = i; k < s1 && k < i + 3; k++) {
    if (!is_capword(c, k) || (tshape(c, k) & (CG_TOK_DIGIT | CG_TOK_ALLCAPS)) ||
        (c->tok[k].cw & CG_CW_FIRSTNAME) || match_gaz(c, k, s1, &ge) || cap_nonent(c, k))
      return 0;
    size_t tl = match_title(c, k + 1, s1, kind);
    if (tl && (*kind & CG_TITLE_PORTFOLIO) && k + 1 + tl < s1 &&
        is_capword(c, k + 1) && is_capword(c, k + 1 + tl) &&
        !cap_nonent(c, k + 1 + tl))
      return k + 1 + tl - i;
  }
  return 0;
}

/* Length of a title made of a portfolio before a portfolio title and a name
 * ("Transportation Secretary Pete Buttigieg", "Homeland Security Secretary X"), or 0.
 * The portfolio words are capitalised, not first names, not gazetteer names. A
 * title must start within the next three tokens: most capitalised words have none
 * there, and then cost no lookup (measured, with the inline tests of match_gaz and
 * match_title: 4% of the actor stage), nor a call. */
static inline size_t compound_title(const ctx *c, size_t i, size_t s1, int32_t *kind) {
  return title_ahead(c, i, s1) ? compound_title_at(c, i, s1, kind) : 0;
}

/* at_sentence_start of token k > s0 after a punctuation mark or quote. */
__attribute__((noinline)) static bool after_sentence_mark(const ctx *c, size_t k, size_t s0) {
  return (k == s0 + 1 && (tshape(c, s0) & CG_TOK_PUNCT)) || tok_eq(c, k - 1, ":") ||
         ((tshape(c, k - 1) & CG_TOK_QUOTE) && k >= 2 && !(tshape(c, k - 2) & CG_TOK_WORD));
}

/* True when token k starts sentence [s0, ...) or a clause after a colon ("two
 * colours: Black and White"), where a capital letter says nothing of a name.
 * Inline, with the other tests only after a punctuation mark or quote (":" is
 * one): recognition asks it of every token it looks at, most of them after a word
 * (measured, callgrind on tbaq-x1: 0.9% of the stage). */
static inline bool at_sentence_start(const ctx *c, size_t k, size_t s0) {
  if (k == s0) return true;
  return k > s0 && (tshape(c, k - 1) & (CG_TOK_PUNCT | CG_TOK_QUOTE)) &&
         after_sentence_mark(c, k, s0);
}

/* What a token adds to is_headline's count r (see there), by its CG_TOK_WORD, CAP,
 * ALLCAPS and DIGIT flags (the low four bits of its shape) and, in bit 4, whether it
 * is longer than three bytes: 0 for a capitalised long word, 5 for another long word
 * (4 + 1: the only entries with bit 2 set), 1 for any other token. */
#define HL_WORD(i) (((i) & 16) && ((i) & (CG_TOK_WORD | CG_TOK_DIGIT)) == CG_TOK_WORD)
#define HL_ADD(i) (HL_WORD(i) ? ((i) & (CG_TOK_CAP | CG_TOK_ALLCAPS) ? 0 : 5) : 1)
#define HL_ADD4(i) HL_ADD(i), HL_ADD((i) + 1), HL_ADD((i) + 2), HL_ADD((i) + 3)
static const unsigned char headline_add[32] = {HL_ADD4(0),  HL_ADD4(4),  HL_ADD4(8),  HL_ADD4(12),
                                               HL_ADD4(16), HL_ADD4(20), HL_ADD4(24), HL_ADD4(28)};
_Static_assert((CG_TOK_WORD | CG_TOK_CAP | CG_TOK_ALLCAPS | CG_TOK_DIGIT) == 15,
               "headline_add is indexed by the low four bits of a shape");

/* headline_add's entry for token t. */
static inline unsigned headline_tok(const cg_token *t) {
  return headline_add[(t->shape & 15) | (t->end - t->start > 3) << 4];
}

/* True when the sentence [s0, s1) is written like a headline: four or more words of
 * more than three letters, at least 80% of them capitalised (caps >= 4 * lower, with
 * lower the long words not capitalised). The scan stops once the tokens left could
 * not bring caps up to 4 * lower: most sentences with a capitalised word inside ask
 * it (measured, callgrind on tbaq-x1: 30% of the tokens of the text scanned instead
 * of 64%). With words = caps + lower and n tokens scanned, the scan keeps
 * r = 5 * lower - words + n, which each token raises by its constant of
 * headline_add: the stop test "4 * lower > caps + tokens left" is r > s1 - s0. One
 * table load and one sum, and no branch per token on its shape (those were
 * mispredicted on diverse words: measured, 30,000 of the stage's 510,000
 * mispredicts), instead of sums of 0/1 tests (measured, callgrind on tbaq-x1: a
 * third of its instructions, 0.9% of the stage). */
static bool is_headline(const ctx *c, size_t s0, size_t s1) {
  const cg_token *tk = c->tk.items;
  size_t r = 0, n = s1 - s0;
  for (size_t k = s0; k < s1; k++) {
    r += headline_tok(&tk[k]);
    if (r > n) return false;
  }
  /* r <= n: caps >= 4 * lower. Then count the words (few sentences get here). */
  size_t words = 0;
  for (size_t k = s0; k < s1 && words < 4; k++) words += headline_tok(&tk[k]) != 1;
  return words >= 4;
}

/* is_headline, computed on first use (*memo -1) and kept in *memo: most sentences
 * never need it. */
static bool headline_memo(const ctx *c, int *memo, size_t s0, size_t s1) {
  if (*memo < 0) *memo = is_headline(c, s0, s1);
  return *memo != 0;
}

/* Index of the lowest set bit of w (w != 0). */
static unsigned lowest_bit(uint64_t w) {
#if defined(__GNUC__)
  return (unsigned)__builtin_ctzll(w);
#else
  unsigned n = 0;
  while (!(w & 1)) {
    w >>= 1;
    n++;
  }
  return n;
#endif
}

/* The first token from i on within [i, end) marked in c->starts, or end: skips the
 * lower-case words and punctuation (most tokens) a word of 64 bits at a time, with
 * no branch per token (measured, callgrind on tbaq-x1: 8% fewer mispredicted
 * branches and 20% fewer D1 misses in recognise_sentence than the per-token tests
 * of shape and tokinfo). */
static size_t next_start(const ctx *c, size_t i, size_t end) {
  while (i < end) {
    uint64_t w = c->starts[i / 64] >> (i % 64);
    if (w) {
      i += lowest_bit(w);
      return i < end ? i : end;
    }
    i = (i / 64 + 1) * 64;
  }
  return end;
}

/* A run [a, b) of words in capitals that spells a place the gazetteer writes in mixed
 * case ("NAIROBI", "DAR ES SALAAM"), where capitals name rather than abbreviate: a
 * dateline or a label alone at the start of a line ("NAIROBI, Kenya (AP)", "KENYA:"),
 * or a headline. In mixed-case prose a word in capitals stays an acronym ("NICE"). */
static bool caps_place(const ctx *c, int *headline, size_t s0, size_t a, size_t b, size_t s1,
                       int32_t *entry) {
  if (b - a > (size_t)c->lx->max_gaz_words) return false;
  for (size_t k = a; k < b; k++)
    if ((tshape(c, k) & (CG_TOK_ALLCAPS | CG_TOK_DIGIT | CG_TOK_DOTTED)) != CG_TOK_ALLCAPS)
      return false;
  bool line0 = a == 0 || (tshape(c, a) & CG_TOK_SPACE_NL);
  bool alone = b == s1 || (tshape(c, b) & CG_TOK_SPACE_NL) || tok_eq(c, b, ",") ||
               tok_eq(c, b, "(") || tok_eq(c, b, ":");
  if (!(line0 && alone) && !headline_memo(c, headline, s0, s1)) return false;
  char buf[128];
  size_t n = surface(c, a, b, buf, sizeof buf);
  return n && cg_lexmap_get_lower(c->lx->gaz_fold, buf, n, entry);
}

static void recognise_sentence(ctx *c, size_t s0, size_t s1) {
  int headline = -1; /* see headline_memo */
  int pending_aff = -1;
  size_t pending_at = (size_t)-1; /* token right after a title */
  size_t i = s0;
  /* only the words that are capitalised or start a title or gazetteer phrase */
  while ((i = next_start(c, i, s1)) < s1) {
    unsigned sh = tshape(c, i);
    bool sent0 = at_sentence_start(c, i, s0);
    /* an acronym given to an event or index earlier in the document */
    if ((sh & CG_TOK_ALLCAPS) && in_map(c->nonact, c, i, NULL)) {
      i++;
      continue;
    }
    int32_t tkind;
    size_t tl = match_title(c, i, s1, &tkind);
    if (!tl && is_capword(c, i)) {
      size_t ctl = compound_title(c, i, s1, &tkind);
      if (ctl) {
        pending_aff = cand_before(c, i, s0);
        pending_at = i + ctl;
        i += ctl;
        continue;
      }
    }
    if (tl && i + tl < s1 && is_capword(c, i + tl) && !cap_nonent(c, i + tl) &&
        ((tkind & CG_TITLE_ROLE) || is_capword(c, i))) {
      int32_t ge;
      /* a gazetteer organisation that merely starts like a title stays itself */
      if (!(is_capword(c, i) && match_gaz(c, i, s1, &ge) > tl)) {
        pending_aff = cand_before(c, i, s0);
        pending_at = i + tl;
        i += tl;
        continue;
      }
    }
    int32_t ge;
    size_t gl = match_gaz(c, i, s1, &ge);
    if (gl) {
      const cg_gaz_entry *e = &c->lx->entries.items[ge];
      size_t ext = run_may_extend(c, i + gl, s1) ? collect_run(c, i, s1) : i + gl;
      if (ext > i + gl && head_kind(c, ext - 1, NULL) == CG_HEAD_MISC) {
        i = skip_nonactor_acronym(c, ext, s1); /* "Paris Air Show": an event */
        continue;
      }
      /* "Thai Airways International": an organisation head among the last words */
      if (ext > i + gl && (head_kind(c, ext - 1, NULL) == CG_ACTOR_ORG ||
                           (ext >= i + gl + 2 && head_kind(c, ext - 2, NULL) == CG_ACTOR_ORG))) {
        push_cand(c, i, ext, CG_ACTOR_ORG, -1, -1, sent0 ? CAND_SENT0 : 0);
        i = ext;
        continue;
      }
      if (e->flags & CG_GAZ_NONACTOR) {
        i = skip_nonactor_acronym(c, i + gl, s1); /* "Dow Jones (DJIA)", "Dreamliner" */
        continue;
      }
      if (e->kind == CG_ACTOR_ORG && is_model_number(c, i + gl, s1)) {
        i = skip_product(c, i + gl, s1); /* "Airbus A380": the aircraft, not the maker */
        continue;
      }
      int32_t pe;
      size_t pl = e->kind == CG_ACTOR_ORG && i + gl < s1 && !(tshape(c, i + gl) & CG_TOK_SPACE_NL)
                      ? match_gaz(c, i + gl, s1, &pe)
                      : 0;
      if (pl && (c->lx->entries.items[pe].flags & CG_GAZ_PRODUCT)) {
        i += gl + pl; /* "Ford Taurus", "Intel Core Duo": the maker names the product */
        continue;
      }
      /* "Ford Australia", "GM Europe": a company's branch named by the country */
      if (pl && !(c->lx->entries.items[pe].flags & (CG_GAZ_NONACTOR | CG_GAZ_DEMONYM | CG_GAZ_METONYM)) &&
          (c->lx->entries.items[pe].kind == CG_ACTOR_GPE || c->lx->entries.items[pe].kind == CG_ACTOR_LOC) &&
          !(e->flags & CG_GAZ_NONACTOR) && (i + gl + pl >= s1 || !is_capword(c, i + gl + pl))) {
        push_cand(c, i, i + gl + pl, CG_ACTOR_ORG, -1, -1, sent0 ? CAND_SENT0 : 0);
        i += gl + pl;
        continue;
      }
      if ((tshape(c, i + gl - 1) & (CG_TOK_ALLCAPS | CG_TOK_DOTTED)) && currency_after(c, i + gl, s1)) {
        i += gl; /* "US$ 40 billion": the currency */
        continue;
      }
      unsigned fl = (e->flags & CG_GAZ_DEMONYM) ? CAND_DEMONYM : 0;
      if (sent0) fl |= CAND_SENT0;
      push_cand(c, i, i + gl, (int)e->kind, ge, -1, fl);
      i += gl;
      continue;
    }
    if (!is_capword(c, i) || (sh & CG_TOK_DIGIT)) {
      i++;
      continue;
    }
    if (hyphen_adjective(c, i) || (tlen(c, i) == 1 && !(sh & CG_TOK_DOTTED))) {
      i++; /* "Craiova-based", a lone letter "F" */
      continue;
    }
    int32_t de;
    if (derived_demonym(c->lx, ttxt(c, i), tlen(c, i), &de) && collect_run(c, i, s1) == i + 1) {
      push_cand(c, i, i + 1, (int)c->lx->entries.items[de].kind, de, -1,
                CAND_DEMONYM | (sent0 ? CAND_SENT0 : 0));
      i++;
      continue;
    }
    size_t j = collect_run(c, i, s1);
    if (is_model_number(c, j, s1)) {
      i = skip_product(c, j, s1);
      continue;
    }
    if (head_kind(c, j - 1, NULL) == CG_HEAD_MISC) {
      i = skip_nonactor_acronym(c, j, s1); /* "Worldwide Developers Conference (WWDC)" */
      continue;
    }
    if (tl && j <= i + tl) {
      i = j; /* a title alone: "President of the United States" */
      continue;
    }
    if (j == i + 1 && (tshape(c, i) & CG_TOK_ALLCAPS) && currency_after(c, j, s1)) {
      i = j; /* "AU$ 52.5 million" */
      continue;
    }
    size_t a = i;
    bool titled = pending_at == i;
    bool headed = run_has_head(c, i, j);
    /* strip leading non-entities and sentence-initial / headline common words; a
     * known surname or a word of a name typed by its head stays */
    while (a < j) {
      bool at0 = a == i && sent0;
      /* the cheap tests first: the lookups, and is_headline's scan of the sentence,
       * only for the words the others leave (measured, callgrind on tbaq-x1: 1.8% of
       * the actor stage) */
      bool org_adj = false; /* "European Space Agency" */
      if ((is_nonent(c, a) &&
           !(org_adj = j - a >= 3 && run_has_head(c, a, j) && name_adjective(c, a)) &&
           !(a + 1 == j && surname_in_person_position(c, a, s0, s1))) ||
          (!titled && !(a == i && headed) && !is_firstname(c, a) &&
           !in_map(c->surnames, c, a, NULL) && (at0 || headline_memo(c, &headline, s0, s1)) &&
           is_common(c, a))) {
        a++;
        titled = false;
        while (a < j && !is_capword(c, a)) a++;
        continue;
      }
      break;
    }
    if (a >= j) {
      i = j > i ? j : i + 1;
      continue;
    }
    if (a > i) {
      /* the stripped run may start a gazetteer phrase or a title: rescan from a */
      int32_t ge2, tk2;
      if (match_gaz(c, a, s1, &ge2) || match_title(c, a, s1, &tk2)) {
        i = a;
        continue;
      }
    }
    int32_t pe;
    if (caps_place(c, &headline, s0, a, j, s1, &pe)) {
      push_cand(c, a, j, (int)c->lx->entries.items[pe].kind, pe, -1,
                (a == i && sent0) ? CAND_SENT0 : 0);
      i = j;
      continue;
    }
    if (j == a + 1 && derived_demonym(c->lx, ttxt(c, a), tlen(c, a), &de)) {
      push_cand(c, a, j, (int)c->lx->entries.items[de].kind, de, -1, CAND_DEMONYM);
      i = j; /* "Many Singaporeans": the stripped word is a demonym */
      continue;
    }
    unsigned flags = (a == i && sent0) ? CAND_SENT0 : 0;
    int kind = classify(c, a, j, s0, s1, titled, &flags);
    int aff = titled ? pending_aff : -1;
    if (titled) flags |= CAND_TITLED;
    /* one unknown word opening the sentence ("Pre-orders of ..."): a name only if
     * the document also writes it capitalised inside a sentence (checked later), or
     * the context says it is one ("X said", "X's", "X analyst Y") */
    if ((flags & CAND_SENT0) && j == a + 1 && !titled && !(flags & CAND_ACRDEF) &&
        !(tshape(c, a) & (CG_TOK_ALLCAPS | CG_TOK_DIGIT | CG_TOK_DOTTED)) &&
        !is_firstname(c, a) && !in_map(c->surnames, c, a, NULL) &&
        !(j < s1 && (is_said(c, j) || (tshape(c, j) & CG_TOK_POSS) ||
                     match_title(c, j, s1, &tkind))))
      flags |= CAND_LONE0;
    push_cand(c, a, j, kind, -1, aff, flags);
    i = j;
  }
}

/* Marks (value 1) the words of m written capitalised inside sentence [s0, s1). Only
 * the tokens of c->starts can be capitalised words: the others are skipped a word
 * of 64 bits at a time (next_start). */
static void mark_midcaps(ctx *c, cg_lexmap *m, size_t s0, size_t s1) {
  for (size_t k = s0; (k = next_start(c, k, s1)) < s1; k++)
    if (is_capword(c, k) && in_map(m, c, k, NULL) && !at_sentence_start(c, k, s0))
      cg_lexmap_set(m, ttxt(c, k), tlen(c, k), 1);
}

/* Drops the CAND_LONE0 candidates whose word the document never writes capitalised
 * inside a sentence: a capitalised word seen only at sentence starts is an ordinary
 * word. One pass over the tokens with lookups in a map of those few words. */
static void drop_lone_words(ctx *c) {
  cg_lexmap *m = NULL;
  for (size_t i = 0; i < c->s->cands.len; i++) {
    const cand *cd = &c->s->cands.items[i];
    if (!(cd->flags & CAND_LONE0)) continue;
    if (!m) {
      m = c->s->lone;
      cg_lexmap_clear(m);
    }
    put_tok(m, c, cd->t0, 0);
  }
  if (!m) return;
  for (size_t s = 0; s < c->s->sents.len; s++)
    mark_midcaps(c, m, c->s->sents.items[s].t0, c->s->sents.items[s].t1);
  for (size_t i = 0; i < c->s->cands.len; i++) {
    cand *cd = &c->s->cands.items[i];
    int32_t v = 0;
    if ((cd->flags & CAND_LONE0) && in_map(m, c, cd->t0, &v) && v == 0) cd->flags |= CAND_DROP;
  }
}

/* ---------------------------------------------------------------- resolution */

/* Slot of gazetteer key kidx for this document. */
static key_actor *key_slot(const ctx *c, int32_t kidx) { return &c->s->by_key[kidx]; }

/* A new actor of dx: key and name are strings of cg_docx_alloc (owned by dx). */
static int new_actor(ctx *c, char *key, char *name, cg_actor_kind kind) {
  cg_actor a = {key, name, kind, NULL, 0, -1};
  CG_VEC_PUSH(&c->dx->actors, a);
  return (int)c->dx->actors.len - 1;
}

/* Index of the actor of gazetteer key kidx (into lx->keys) in this document, or -1. */
static int find_actor(const ctx *c, int32_t kidx) {
  const key_actor *ka = key_slot(c, kidx);
  return ka->gen == c->s->gen ? ka->actor : -1;
}

/* A new actor of gazetteer key kidx, which has none in this document yet, with name
 * (memory of the docx) and kind. */
static int new_key_actor(ctx *c, int32_t kidx, char *name, cg_actor_kind kind) {
  const cg_gaz_key *gk = &c->lx->keys.items[kidx];
  int a = new_actor(c, cg_docx_strndup(c->dx, gk->key, gk->key_len), name, kind);
  *key_slot(c, kidx) = (key_actor){c->s->gen, a};
  return a;
}

/* The actor of key[0..n) (hash h = cg_lexhash(key, n)), made with name (memory of
 * the docx, kept as it is) and kind on first use. The same key string is the same
 * actor whether a gazetteer entry or a name made it. */
static int add_actor(ctx *c, const char *key, size_t n, uint32_t h, char *name,
                     cg_actor_kind kind) {
  int32_t idx;
  if (cg_lexmap_get_h(c->lx->keymap, key, n, h, &idx)) {
    int a = find_actor(c, idx);
    return a >= 0 ? a : new_key_actor(c, idx, name, kind);
  }
  if (cg_lexmap_get_h(c->actor_by_key, key, n, h, &idx)) return idx;
  idx = new_actor(c, cg_docx_strndup(c->dx, key, n), name, kind);
  cg_lexmap_put_h(c->actor_by_key, key, n, h, idx);
  return idx;
}

static bool has_alias(const cg_actor *a, const char *s) {
  for (size_t i = 0; i < a->naliases; i++)
    if (strcmp(a->aliases[i], s) == 0) return true;
  return false;
}

/* Adds alias s (memory of the docx: stored as it is) unless a has it. */
static void add_alias(ctx *c, cg_actor *a, char *s) {
  if (has_alias(a, s)) return;
  cg_docx_alias_room(c->dx, a);
  a->aliases[a->naliases++] = s;
}

/* Adds a copy of s[0..n) (NUL-terminated, borrowed) unless a has that alias. */
static void add_alias_copy(ctx *c, cg_actor *a, const char *s, size_t n) {
  if (has_alias(a, s)) return;
  cg_docx_alias_room(c->dx, a);
  a->aliases[a->naliases++] = cg_docx_strndup(c->dx, s, n);
}

static const char *kind_prefix(int kind) {
  switch (kind) {
  case CG_ACTOR_PERSON: return "per:";
  case CG_ACTOR_ORG: return "org:";
  case CG_ACTOR_GPE: return "gpe:";
  default: return "loc:";
  }
}

/* The surface of candidate cd (made by cand_surfaces; memory of the docx); NULL when
 * too long. */
static char *cand_surface(const ctx *c, const cand *cd) {
  return cd->slen ? c->surf + cd->soff : NULL;
}

/* Makes the surfaces of the candidates, once for the passes of resolve (which looked
 * each up to four times, built anew each time). */
static void cand_surfaces(ctx *c) {
  cg_buf *b = &c->s->surf;
  b->len = 0;
  for (size_t i = 0; i < c->s->cands.len; i++) {
    cand *cd = &c->s->cands.items[i];
    /* made in place, not in a buffer of its own and then copied (measured, callgrind
     * on tbaq-x1: 10% of cand_surfaces) */
    if (b->len + MAX_KEY + 1 > b->cap) cg_buf_reserve(b, MAX_KEY);
    char *out = b->data + b->len;
    size_t n = (cd->flags & CAND_DROP) ? 0 : surface(c, cd->t0, cd->t1, out, MAX_KEY);
    out[n] = '\0'; /* surface() leaves what did not fit */
    cd->soff = b->len;
    cd->slen = (uint32_t)n;
    /* the surface of one token is its text, whose hash the tokenizer made (most
     * candidates are one word: measured, 160,000 instructions of the stage on
     * tbaq-x1) */
    cd->shash = n && cd->t1 - cd->t0 == 1 ? c->tk.items[cd->t0].hash : cg_lexhash(out, n);
    b->len += n + 1;
  }
  c->surf = b->len ? cg_docx_strndup(c->dx, b->data, b->len) : NULL;
}

/* Actor for a candidate of known kind that is not in a gazetteer: its key is the
 * kind's prefix and the lower-cased surface, hashed in the loop that lower-cases it
 * (measured, callgrind on tbaq-x1: 230,000 instructions of the stage less than
 * cg_lex_lower and cg_lexhash one after the other). */
static int actor_for_name(ctx *c, const cand *cd, int kind) {
  char key[MAX_KEY + 8];
  char *name = cand_surface(c, cd);
  if (!name) return -1;
  memcpy(key, kind_prefix(kind), 4);
  uint32_t h = cg_lexhash(key, 4);
  for (size_t i = 0; i < cd->slen; i++) { /* slen < MAX_KEY: it fits */
    unsigned char b = (unsigned char)cg_lower((unsigned char)name[i]);
    key[4 + i] = (char)b;
    h = cg_lexhash_add(h, b);
  }
  key[4 + cd->slen] = '\0';
  return add_actor(c, key, 4 + cd->slen, h, name, (cg_actor_kind)kind);
}

/* Registers the ways a person or organisation may be named again. */
static void register_parts(ctx *c, const cand *cd, int actor, int kind) {
  if (kind == CG_ACTOR_PERSON && cd->t1 - cd->t0 >= 2) {
    put_tok(c->person_part, c, cd->t1 - 1, actor);
    /* the surname is how the text will name the person next ("Peskov"): an alias
     * even before it is seen, unless it is an initial or a suffix ("Jr.") */
    size_t sl = tlen(c, cd->t1 - 1);
    if (sl >= 3 && !(tshape(c, cd->t1 - 1) & (CG_TOK_DOTTED | CG_TOK_ALLCAPS | CG_TOK_DIGIT))) {
      char sur[MAX_KEY];
      size_t n = surface(c, cd->t1 - 1, cd->t1, sur, sizeof sur);
      if (n) add_alias_copy(c, &c->dx->actors.items[actor], sur, n);
    }
    if (!is_firstname(c, cd->t0))
      put_tok(c->person_part, c, cd->t0, actor);
  }
  if (kind == CG_ACTOR_ORG) {
    char buf[MAX_KEY];
    size_t b = cd->t1;
    while (b > cd->t0 + 1 && head_kind(c, b - 1, NULL) == CG_ACTOR_ORG &&
           (tok_eq(c, b - 1, "Inc") || tok_eq(c, b - 1, "Corp") || tok_eq(c, b - 1, "Ltd") ||
            tok_eq(c, b - 1, "Co") || tok_eq(c, b - 1, "Group") || tok_eq(c, b - 1, "Corporation") ||
            tok_eq(c, b - 1, "Company") || tok_eq(c, b - 1, "Inc.") || tok_eq(c, b - 1, "PLC") ||
            tok_eq(c, b - 1, "LLC") || tok_eq(c, b - 1, "AG")))
      b--;
    /* no suffix: the surface made by cand_surfaces, with its hash (measured, callgrind
     * on tbaq-x1: 160,000 instructions of the stage less than making it again) */
    if (b == cd->t1) {
      if (cd->slen) cg_lexmap_put_h(c->org_alias, cand_surface(c, cd), cd->slen, cd->shash, actor);
    } else {
      size_t n = surface(c, cd->t0, b, buf, sizeof buf);
      if (n) cg_lexmap_put(c->org_alias, buf, n, actor);
    }
    /* initials of the significant words: "Federal Aviation Administration" -> FAA */
    size_t k = 0;
    for (size_t t = cd->t0; t < cd->t1 && k + 1 < sizeof buf; t++)
      if (is_capword(c, t)) buf[k++] = ttxt(c, t)[0];
    if (k >= 2) cg_lexmap_put(c->org_alias, buf, k, actor);
    if (cd->flags & CAND_ACRDEF)
      put_tok(c->org_alias, c, cd->acr_t, actor);
  }
}

/* An organisation named after a state ("UK Independence Party", "US Treasury") is
 * affiliated with that state, and the prefix is one more way the text names the
 * state (only for a state the document mentions on its own). */
static void link_state_prefix(ctx *c, const cand *cd) {
  int32_t ge;
  size_t gl = match_gaz(c, cd->t0, cd->t1, &ge);
  if (!gl || gl >= cd->t1 - cd->t0) return;
  const cg_gaz_entry *e = &c->lx->entries.items[ge];
  if (e->kind != CG_ACTOR_GPE || (e->flags & CG_GAZ_DEMONYM)) return;
  int idx = find_actor(c, e->key);
  if (idx < 0 || idx == cd->actor) return;
  char buf[MAX_KEY];
  size_t n = surface(c, cd->t0, cd->t0 + gl, buf, sizeof buf);
  if (n) add_alias_copy(c, &c->dx->actors.items[idx], buf, n);
  cg_actor *act = &c->dx->actors.items[cd->actor];
  if (act->affiliation < 0) act->affiliation = idx;
}

/* True for the abbreviations that end company and person names ("Inc", "Jr"). */
static bool abbreviated_suffix(const ctx *c, size_t k) {
  return grammar_tok(c, k) & CG_AG_NAME_SUFFIX;
}

/* Fills c->single on first use: only an unknown run of several words asks, in few
 * documents (measured: making it for every document was 9% of the actor stage).
 * The words asked go in first, with value 0: the first and last words of every run
 * of several words still of unknown kind, and of candidate cur (the one asking,
 * whose kind resolve has just set; later candidates keep theirs until asked). The
 * one-word candidates then only mark the words asked (value 1): most miss the
 * Bloom filter, where a word put for every one-word candidate cost a SipHash each
 * (measured, callgrind on tbaq-x1: 4105 puts became 972, 1.4% of the actor stage). */
static void make_single(ctx *c, size_t cur) {
  for (size_t i = 0; i < c->s->cands.len; i++) {
    const cand *cd = &c->s->cands.items[i];
    if (cd->t1 - cd->t0 < 2 || (cd->flags & CAND_DROP) || (cd->kind != KIND_UNKNOWN && i != cur))
      continue;
    put_tok(c->single, c, cd->t0, 0);
    put_tok(c->single, c, cd->t1 - 1, 0);
  }
  for (size_t i = 0; i < c->s->cands.len; i++) {
    const cand *cd = &c->s->cands.items[i];
    int32_t v;
    if (cd->t1 - cd->t0 == 1 && !(cd->flags & CAND_DROP) && in_map(c->single, c, cd->t0, &v) && !v)
      cg_lexmap_set(c->single, ttxt(c, cd->t0), tlen(c, cd->t0), 1);
  }
  c->single_made = true;
}

/* True when the word of token k (the first or last word of candidate cur, a run of
 * several words of unknown kind) is also a one-word candidate that is a mention. */
static bool single_word(ctx *c, size_t cur, size_t k) {
  if (!c->single_made) make_single(c, cur);
  int32_t v = 0;
  return in_map(c->single, c, k, &v) && v;
}

static void resolve(ctx *c) {
  /* each candidate makes at most one actor and one mention: room for all at once */
  VEC_ROOM(&c->dx->actors, c->s->cands.len);
  VEC_ROOM(&c->dx->mentions, c->s->cands.len);
  cand_surfaces(c);
  /* pass 1: gazetteer entries and typed multi-word names define actors */
  for (size_t i = 0; i < c->s->cands.len; i++) {
    cand *cd = &c->s->cands.items[i];
    if (cd->flags & CAND_DROP) continue;
    if (cd->gaz >= 0) {
      const cg_gaz_entry *e = &c->lx->entries.items[cd->gaz];
      const cg_gaz_key *gk = &c->lx->keys.items[e->key];
      cd->actor = find_actor(c, e->key);
      if (cd->actor < 0)
        cd->actor = new_key_actor(c, e->key, cg_docx_strndup(c->dx, gk->canon, gk->canon_len),
                                  gk->kind);
      cd->kind = (int)gk->kind;
      if (cd->slen && (gk->kind == CG_ACTOR_ORG))
        cg_lexmap_put_h(c->org_alias, cand_surface(c, cd), cd->slen, cd->shash, cd->actor);
    } else if (cd->kind != KIND_UNKNOWN && (cd->t1 - cd->t0 >= 2 || cd->kind != CG_ACTOR_PERSON)) {
      int32_t a;
      if (cd->kind == CG_ACTOR_ORG && cd->slen &&
          cg_lexmap_get_h(c->org_alias, cand_surface(c, cd), cd->slen, cd->shash, &a)) {
        cd->actor = a;
        continue;
      }
      cd->actor = actor_for_name(c, cd, cd->kind);
      if (cd->actor >= 0) register_parts(c, cd, cd->actor, cd->kind);
    }
  }
  /* pass 2: single names and runs of unknown type resolve to known actors */
  for (size_t i = 0; i < c->s->cands.len; i++) {
    cand *cd = &c->s->cands.items[i];
    if (cd->actor >= 0 || (cd->flags & CAND_DROP)) continue;
    const char *sf = cand_surface(c, cd);
    int32_t a;
    if (sf && cg_lexmap_get_h(c->person_part, sf, cd->slen, cd->shash, &a)) {
      cd->actor = a;
      cd->kind = (int)c->dx->actors.items[a].kind;
      continue;
    }
    if (sf && cg_lexmap_get_h(c->org_alias, sf, cd->slen, cd->shash, &a)) {
      cd->actor = a;
      cd->kind = (int)c->dx->actors.items[a].kind;
      continue;
    }
    if (cd->kind == KIND_UNKNOWN) {
      if (run_all_common(c, cd->t0, cd->t1)) continue; /* "National Security Strategy" */
      cd->kind = cd->t1 - cd->t0 >= 2 ? CG_ACTOR_PERSON : CG_ACTOR_ORG;
      /* a person's name is rarely made of common words after its first word: "Best
       * Buy", "Merrill Lynch", "Activision Blizzard", "Olympic Games" are not people */
      for (size_t t = cd->t0 + 1; t < cd->t1 && cd->kind == CG_ACTOR_PERSON; t++)
        if (is_capword(c, t) && is_common(c, t) && !in_map(c->surnames, c, t, NULL))
          cd->kind = CG_ACTOR_ORG;
      /* a name later shortened to its first word is an organisation ("Lockheed
       * Martin" ... "Lockheed"); to its last word, a person */
      if (cd->t1 - cd->t0 >= 2 && single_word(c, i, cd->t0) && !single_word(c, i, cd->t1 - 1))
        cd->kind = CG_ACTOR_ORG;
    }
    cd->actor = actor_for_name(c, cd, cd->kind);
    if (cd->actor >= 0) register_parts(c, cd, cd->actor, cd->kind);
  }
  /* mentions, aliases, affiliations */
  for (size_t i = 0; i < c->s->cands.len; i++) {
    cand *cd = &c->s->cands.items[i];
    if (cd->actor < 0) continue;
    cg_mention m = {c->tk.items[cd->t0].start, c->tk.items[cd->t1 - 1].end, (uint32_t)cd->actor};
    /* "Apple Inc.": the abbreviation's dot belongs to the name */
    if (cd->t1 < c->tk.len && tok_eq(c, cd->t1, ".") && c->tk.items[cd->t1].start == m.end &&
        abbreviated_suffix(c, cd->t1 - 1))
      m.end++;
    CG_VEC_PUSH(&c->dx->mentions, m);
    cg_actor *act = &c->dx->actors.items[cd->actor];
    if (cd->slen) add_alias(c, act, cand_surface(c, cd));
    if (cd->gaz < 0 && cd->kind == CG_ACTOR_ORG) link_state_prefix(c, cd);
    act = &c->dx->actors.items[cd->actor];
    if (cd->aff >= 0 && c->s->cands.items[cd->aff].actor >= 0 && act->affiliation < 0 &&
        c->s->cands.items[cd->aff].actor != cd->actor)
      act->affiliation = c->s->cands.items[cd->aff].actor;
  }
}

cg_status cg_actors_run(const cg_actor_lexicon *lx, cg_docx *dx) {
  return cg_actors_run_tokens(lx, dx, NULL);
}

cg_actor_scratch *cg_actor_scratch_new(void) {
  cg_actor_scratch *s = cg_xcalloc(1, sizeof *s);
  /* The maps hold words of the documents: keyed, against hash flooding (lexmap.h). */
  uint8_t key[CG_HASHKEY_LEN];
  cg_hashkey_random(key);
  s->actor_by_key = cg_lexmap_new_keyed(key);
  s->person_part = cg_lexmap_new_keyed(key);
  s->org_alias = cg_lexmap_new_keyed(key);
  s->single = cg_lexmap_new_keyed(key);
  s->surnames = cg_lexmap_new_keyed(key);
  s->nonact = cg_lexmap_new_keyed(key);
  s->lone = cg_lexmap_new_keyed(key);
  return s;
}

void cg_actor_scratch_free(cg_actor_scratch *s) {
  if (!s) return;
  free(s->cands.items);
  free(s->sents.items);
  cg_buf_free(&s->surf);
  free(s->tok);
  free(s->bits);
  free(s->by_key);
  cg_lexmap_free(s->actor_by_key);
  cg_lexmap_free(s->person_part);
  cg_lexmap_free(s->org_alias);
  cg_lexmap_free(s->single);
  cg_lexmap_free(s->surnames);
  cg_lexmap_free(s->nonact);
  cg_lexmap_free(s->lone);
  free(s);
}

size_t cg_actor_scratch_bytes(const cg_actor_scratch *s) {
  return s->cands.cap * sizeof *s->cands.items + s->sents.cap * sizeof *s->sents.items +
         s->surf.cap + s->tokcap * sizeof *s->tok + 3 * s->startscap * sizeof *s->bits +
         s->nby_key * sizeof *s->by_key;
}

/* Empties the scratch for a document of ntok tokens and binds it to c. */
static void scratch_begin(ctx *c, cg_actor_scratch *s, size_t ntok) {
  c->s = s;
  s->cands.len = 0;
  /* a new generation forgets the actors of the last document's keys; the slots are
   * cleared only when it wraps, or for a lexicon with more keys */
  if (s->nby_key < c->lx->keys.len || ++s->gen == 0) {
    free(s->by_key);
    s->nby_key = c->lx->keys.len;
    s->by_key = cg_xcalloc(s->nby_key ? s->nby_key : 1, sizeof *s->by_key);
    s->gen = 1;
  }
  if (s->tokcap < ntok + 1) {
    free(s->tok);
    s->tokcap = ntok + 1 + ntok / 2;
    s->tok = cg_xmalloc(s->tokcap * sizeof *s->tok);
  }
  c->tok = s->tok;
  size_t words = ntok / 64 + 1;
  if (s->startscap < words) {
    free(s->bits);
    s->startscap = words + words / 2;
    s->bits = cg_xmalloc(3 * s->startscap * sizeof *s->bits);
  }
  c->starts = s->bits;
  c->gaz_starts = s->bits + s->startscap;
  c->title_starts = s->bits + 2 * s->startscap;
  memset(c->starts, 0, words * sizeof *c->starts);
  memset(c->gaz_starts, 0, words * sizeof *c->gaz_starts);
  memset(c->title_starts, 0, words * sizeof *c->title_starts);
  cg_lexmap *maps[] = {s->actor_by_key, s->person_part, s->org_alias, s->single,
                       s->surnames,     s->nonact,      s->lone};
  for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++) cg_lexmap_clear(maps[i]);
  c->actor_by_key = s->actor_by_key;
  c->person_part = s->person_part;
  c->org_alias = s->org_alias;
  c->single = s->single;
  c->surnames = s->surnames;
  c->nonact = s->nonact;
}

/* Frees what a large document grew past CG_SCRATCH_KEEP (see there), at the end of
 * the stage: before the event stage makes its own arrays. */
static void scratch_end(cg_actor_scratch *s) {
  CG_SCRATCH_TRIM(s->tok, s->tokcap);
  if (3 * s->startscap * sizeof *s->bits > CG_SCRATCH_KEEP) {
    free(s->bits);
    s->bits = NULL;
    s->startscap = 0;
  }
  CG_SCRATCH_TRIM_VEC(&s->cands);
  CG_SCRATCH_TRIM_VEC(&s->sents);
  if (s->surf.cap > CG_SCRATCH_KEEP) cg_buf_free(&s->surf);
}

/* Notes the surname of a "Firstname Surname" run starting at token t (a capitalised
 * first name), if there is one. Surnames are known before recognition: "Theresa May"
 * early or late in the text makes "May signed" and a sentence-initial "Tusk said"
 * names everywhere in the document. */
static void note_surname(ctx *c, size_t t) {
  size_t last = t;
  while (last + 1 < c->tk.len && last < t + 3 && is_capword(c, last + 1) &&
         !(tshape(c, last + 1) & (CG_TOK_DIGIT | CG_TOK_SPACE_NL)) &&
         !in_map(c->lx->heads, c, last + 1, NULL)) /* not head_kind: no cw there yet */
    last++;
  if (last > t) put_tok(c->surnames, c, last, 1);
}

/* maxn (cg_first_word.maxn) bounded by FIRST_MAX. */
static uint16_t first_max(int32_t maxn) {
  return maxn > (int32_t)FIRST_MAX ? (uint16_t)FIRST_MAX : (uint16_t)maxn;
}

/* False when no key of walk (a phrase walk: gaz_walk, or title_walk when lower)
 * goes on from token k to token k + 1: the surface of the two tokens, as walk_step
 * grows it, fails the walk's Bloom filter. */
static bool walk_may_go_on(const ctx *c, const cg_lexmap *walk, size_t k, bool lower) {
  if (k + 1 >= c->tk.len) return false;
  const cg_token *t = &c->tk.items[k + 1];
  uint32_t h = lower ? t[-1].lhash : t[-1].hash;
  if (t->start > t[-1].end) h = cg_lexhash_add(h, ' ');
  const unsigned char *w = (const unsigned char *)c->t + t->start;
  for (size_t i = 0, n = t->end - t->start; i < n; i++)
    h = cg_lexhash_add(h, lower ? (unsigned char)cg_lower(w[i]) : w[i]);
  return cg_lexmap_may_h(walk, h);
}

/* True when token tok (ASCII-lower-cased when lower) equals key (zero-padded), which
 * has its length: the token's first 8 bytes (masked to its length) and, for a
 * longer one, its last 8, each compared with the key's in one word. Not a branch
 * per length: on prose the lengths of the words asked are a coin toss. The token
 * must have 8 bytes of text from its start. Little-endian only (first_tab_build
 * makes no table elsewhere). */
static inline bool first_same(const ctx *c, const cg_token *tok, const char *key, bool lower) {
  const char *w = c->t + tok->start;
  size_t n = tok->end - tok->start, m = n < 8 ? n : 8;
  uint64_t a, x, b = 0, y = 0;
  memcpy(&a, w, 8);
  memcpy(&x, key, 8);
  a &= ~0ull >> (64 - 8 * m);
  if (n > 8) {
    memcpy(&b, w + n - 8, 8);
    memcpy(&y, key + n - 8, 8);
  }
  if (lower) {
    a = cg_lower8(a);
    b = cg_lower8(b);
  }
  return a == x && b == y;
}

/* The key of t that token tok is (its lower-cased form when lower, for a table of
 * lower-cased keys), NULL when it is none. The token must be at most t->maxlen bytes
 * and have 8 bytes of text from its start (first_same); other tokens ask the map
 * itself. Inline, with no filter test before (a call cost 19 instructions in saved
 * registers). */
__attribute__((always_inline)) static inline const cg_first_key *
first_tab_find(const ctx *c, const cg_first_tab *t, const cg_token *tok, bool lower) {
  uint32_t h = lower ? tok->lhash : tok->hash, tag = h & 0xFFFF0000u;
  size_t n = tok->end - tok->start;
  for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
    uint32_t e = t->slots[i];
    if (!e) return NULL;
    if ((e & 0xFFFF0000u) != tag) continue;
    const cg_first_key *key = &t->keys[(e & 0xFFFFu) - 1];
    if (key->len == n && first_same(c, tok, key->key, lower)) return key;
  }
}

/* The cg_first_word of token k when it is a key of map (gaz_first, or title_first
 * when lower), whose cg_first_tab is t; NULL when it is none. The Bloom filter is
 * tested for the titles only: of the tokens asked (those passing first_any's
 * filter), 70% pass gaz_first's, whose test only added a mispredicted branch. */
__attribute__((always_inline)) static inline const cg_first_word *
first_get(const ctx *c, const cg_lexmap *map, const cg_first_tab *t, size_t k, bool lower) {
  const cg_token *tok = &c->tk.items[k];
  uint32_t h = lower ? tok->lhash : tok->hash;
  if (lower && !cg_lexmap_may_h(map, h)) return NULL;
  size_t n = tok->end - tok->start;
  if (n > t->maxlen || tok->start + 8 > c->text_len) { /* not in t: ask the map */
    int32_t f;
    const char *w = c->t + tok->start;
    bool hit = lower ? cg_lexmap_get_lower_h(map, w, n, h, &f) : cg_lexmap_get_h(map, w, n, h, &f);
    return hit ? &c->lx->firsts.items[f] : NULL;
  }
  const cg_first_key *key = first_tab_find(c, t, tok, lower);
  return key ? &key->fw : NULL;
}

/* True when the first word fw at token k may start a phrase of walk: it is a key
 * alone, or some key goes on with token k + 1. A word that is only the start of
 * longer keys ("the" of "the State of Palestine", "New") is mostly followed by a
 * word no key goes on with, and then starts nothing: the token is not visited, and
 * no phrase walk starts there (measured, callgrind on tbaq-x1: "the" alone started
 * 40% of the walks; the walks now cost a third as much, and the stage 2.6% fewer
 * instructions). */
static bool first_may_start(const ctx *c, const cg_first_word *fw, const cg_lexmap *walk, size_t k,
                            bool lower) {
  if (fw->walk & CG_WALK_VALUE) return true;
  if (!(fw->walk & CG_WALK_MORE) || k + 1 >= c->tk.len) return false;
  /* after whitespace, the first byte of the next token must be one that follows
   * the word and a space in a key ("the" only in "the State of ..."): most tokens
   * fail this, and cost no hash of their bytes (measured, callgrind on tbaq-x1: 1.4%
   * of the actor stage, 6,000 mispredicts and 7,000 D1 misses fewer) */
  const cg_token *t = &c->tk.items[k + 1];
  if (t->start > t[-1].end) {
    unsigned char b = (unsigned char)c->t[t->start];
    if (lower) b = (unsigned char)cg_lower(b);
    if (!((fw->next_sp >> (b & 63)) & 1)) return false;
  }
  return walk_may_go_on(c, walk, k, lower);
}

/* The tokinfo of the tokens i of the 64 from w0 marked in anym (their lower-cased
 * form passes the filter of first_any): whether a gazetteer phrase or a title may
 * start there (first_may_start). Those of capm (capitalised words) are cleared
 * already. Adds the bits of those tokens of gaz_starts, title_starts and (when they
 * are words) starts to *gbits, *tbits, *sbits. Not inline: in first_words, with the
 * two lookups of first_get inline in it, it made gcc inline less of recognition
 * (measured, callgrind on tbaq-x1: half the instructions saved by first_get lost,
 * 16,000 more mispredicts). */
__attribute__((noinline)) static void first_phrases(const ctx *c, size_t w0, uint64_t anym,
                                                    uint64_t capm, uint64_t *gbits,
                                                    uint64_t *tbits, uint64_t *sbits) {
  const cg_actor_lexicon *lx = c->lx;
  for (; anym; anym &= anym - 1) {
    unsigned j = lowest_bit(anym);
    size_t i = w0 + j;
    tokinfo *ti = &c->tok[i];
    if (!((capm >> j) & 1)) *ti = (tokinfo){0};
    const cg_first_word *fw = first_get(c, lx->gaz_first, &lx->gaz_tab, i, false);
    if (fw && first_may_start(c, fw, lx->gaz_walk, i, false)) {
      ti->gaz_first = first_max(fw->maxn);
      ti->gaz_walk1 = fw->walk;
      *gbits |= 1ull << j;
    }
    fw = first_get(c, lx->title_first, &lx->title_tab, i, true);
    if (fw && first_may_start(c, fw, lx->title_walk, i, true)) {
      ti->title_first = first_max(fw->maxn);
      ti->title_walk1 = fw->walk;
      *tbits |= 1ull << j;
    }
    if (((*gbits | *tbits) >> j) & 1 & ((c->tk.items[i].shape & CG_TOK_WORD) != 0))
      *sbits |= 1ull << j;
  }
}

/* Looks up, for every token, whether a gazetteer phrase or a title may start with
 * it (first_phrases), and for every capitalised word its bits of lx->capword (kept
 * in tokinfo.cw), noting the surnames (note_surname) on the way. Makes the bit sets
 * of ctx (starts, gaz_starts, title_starts) and the tokinfo of the tokens they and
 * recognition ask about: capitalised words, and the tokens whose lower-cased form
 * passes the filter of first_any. Works 64 tokens at a time: a pass with no branch
 * per token marks the capitalised words and the tokens passing the filter (a few
 * in ten), then only those are visited: in one loop over all tokens, its two
 * branches per token were mispredicted 34,000 times on tbaq-x1 (measured, callgrind
 * on tbaq-x1, with the capword answers kept per token: 5% of the actor stage and
 * 20,000 mispredicts fewer). */
static void first_words(ctx *c) {
  const cg_actor_lexicon *lx = c->lx;
  const cg_token *tk = c->tk.items;
  size_t ntok = c->tk.len;
  for (size_t w0 = 0; w0 < ntok; w0 += 64) {
    size_t m = ntok - w0 < 64 ? ntok - w0 : 64;
    uint64_t capm = 0, anym = 0, gbits = 0, tbits = 0;
    /* from the last token down, each bit shifted in at the bottom: no shift by a
     * variable count per token (measured, callgrind on tbaq-x1: 1.4% of the stage) */
    for (size_t j = m; j-- > 0;) {
      unsigned sh = tk[w0 + j].shape;
      uint64_t cap = ((sh & CG_TOK_WORD) != 0) & ((sh & (CG_TOK_CAP | CG_TOK_ALLCAPS)) != 0);
      capm = capm << 1 | cap;
      anym = anym << 1 | cg_lexmap_may_h(lx->first_any, tk[w0 + j].lhash);
    }
    for (uint64_t b = capm; b; b &= b - 1) {
      size_t i = w0 + lowest_bit(b);
      int32_t v = 0;
      c->tok[i] = (tokinfo){0};
      common_prefetch(c, i);
      if (!in_map(lx->capword, c, i, &v)) continue;
      c->tok[i].cw = (uint16_t)v;
      if ((v & CG_CW_FIRSTNAME) && i + 1 < ntok) note_surname(c, i);
    }
    uint64_t sbits = capm;
    first_phrases(c, w0, anym, capm, &gbits, &tbits, &sbits);
    c->starts[w0 / 64] = sbits;
    c->gaz_starts[w0 / 64] = gbits;
    c->title_starts[w0 / 64] = tbits;
  }
}

/* Fills c->s->sents with the token ranges of the sentences of the document (one
 * range for all the tokens when it has none), for recognise_sentence and then
 * drop_lone_words, which would otherwise search them again. */
static void sentence_tokens(ctx *c) {
  const cg_docx *dx = c->dx;
  c->s->sents.len = 0;
  if (dx->sents.len == 0) {
    CG_VEC_PUSH(&c->s->sents, ((tok_range){0, c->tk.len}));
    return;
  }
  VEC_ROOM(&c->s->sents, dx->sents.len);
  size_t k = 0;
  for (size_t s = 0; s < dx->sents.len; s++) {
    while (k < c->tk.len && c->tk.items[k].start < dx->sents.items[s].start) k++;
    size_t e = cg_tokens_upto(&c->tk, k, dx->sents.items[s].end);
    c->s->sents.items[c->s->sents.len++] = (tok_range){k, e};
    k = e;
  }
}

cg_status cg_actors_run_tokens(const cg_actor_lexicon *lx, cg_docx *dx, const cg_tokens *tk) {
  cg_actor_scratch *s = cg_actor_scratch_new();
  cg_status st = cg_actors_run_scratch(lx, dx, tk, s);
  cg_actor_scratch_free(s);
  return st;
}

cg_status cg_actors_run_scratch(const cg_actor_lexicon *lx, cg_docx *dx, const cg_tokens *tk,
                                cg_actor_scratch *scratch) {
  if (!lx || !dx || !dx->doc || !dx->doc->text) return CG_OK;
  ctx c = {.lx = lx, .dx = dx, .t = dx->doc->text, .text_len = dx->doc->len};
  if (tk) c.tk = *tk; /* borrowed */
  else cg_tokenize(c.t, 0, dx->doc->len, &c.tk);
  scratch_begin(&c, scratch, c.tk.len);
  /* existing actors (a second run on the same docx) keep their indices */
  for (size_t i = 0; i < dx->actors.len; i++) {
    const char *key = dx->actors.items[i].key;
    int32_t kidx;
    if (!cg_lexmap_get(lx->keymap, key, strlen(key), &kidx))
      cg_lexmap_put(c.actor_by_key, key, strlen(key), (int32_t)i);
    else if (find_actor(&c, kidx) < 0) /* the first of equal keys, as cg_lexmap_put */
      *key_slot(&c, kidx) = (key_actor){c.s->gen, (int32_t)i};
  }
  first_words(&c);
  sentence_tokens(&c);
  for (size_t s = 0; s < scratch->sents.len; s++)
    recognise_sentence(&c, scratch->sents.items[s].t0, scratch->sents.items[s].t1);
  drop_lone_words(&c);
  resolve(&c);
  scratch_end(scratch);
  if (!tk) free(c.tk.items);
  return CG_OK;
}

bool cg_actor_lexicon_is_demonym(const cg_actor_lexicon *lx, const char *s, size_t n) {
  int32_t e;
  if (!lx) return false;
  if (!cg_lexmap_get(lx->gaz, s, n, &e)) return derived_demonym(lx, s, n, &e);
  return (lx->entries.items[e].flags & CG_GAZ_DEMONYM) != 0;
}
