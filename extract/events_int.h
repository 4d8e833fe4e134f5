/* Internals shared by events.c (triggers, participants), events_date.c (dating) and
 * events_lex.c (loading). */
#ifndef CG_EVENTS_INT_H
#define CG_EVENTS_INT_H

#include "events.h"
#include "lexmap.h"
#include "tokens.h"

#include <string.h>

enum {
  CG_TRIG_REPORT = 1u << 0,
  /* The shape of the trigger's form, lower-cased, for the tense reading (verb_tense
   * in events_date.c): a token matches a trigger's form case-blind, and each trigger
   * has one form (load_trigger), so these hold for the token. verb_tense compared
   * the token with the lemma byte by byte and loaded its last bytes per event
   * (callgrind: 7k mispredicted branches and 4k D1 misses per 0.5 MB of real prose
   * for the compare; perf: 0.3% of the pipeline for the loads). */
  CG_TRIG_BASE = 1u << 1, /* the form is the lemma ("sell", not "sold") */
  CG_TRIG_ING = 1u << 2,  /* it ends with "ing" after at least one byte */
  CG_TRIG_S = 1u << 3     /* it ends with "s" after at least one byte */
};

/* Closed classes of function words the participant and dating patterns test
 * (exact case, as written in events_lex.c). */
enum {
  CG_EW_DET = 1u << 0,   /* determiners and possessives: "the", "its" */
  CG_EW_AUX = 1u << 1,   /* auxiliaries and adverbs between subject and verb */
  CG_EW_BE = 1u << 2,    /* forms of "be" */
  CG_EW_PREPS = 1u << 3, /* prepositions that make a verb-only word a noun: "on land" */
  CG_EW_ORGP = 1u << 4,  /* "its", "they": a state or organisation */
  CG_EW_PERP = 1u << 5,  /* "his", "she": a person */
  CG_EW_DPREP = 1u << 6, /* words that introduce a date: "in", "last" */
  CG_EW_CONJ = 1u << 7,  /* subordinating conjunctions that start a clause */
  CG_EW_ADV = 1u << 8,   /* adverbs inside a verb group: "has also won" */
  CG_EW_SUBJ = 1u << 9,  /* subject pronouns before a present-tense verb: "it", "which" */
  CG_EW_SUP = 1u << 10,  /* superlatives: "the largest war since 1945" is no start date */
  /* not from the file: ";" or ":", which end a clause (the scans of events_date.c) */
  CG_EW_CLAUSE_END = 1u << 11,
  /* not from the file either: "," or ";", where the scan for a location after a
   * trigger stops (see CG_EW_LOC_STOP) */
  CG_EW_COMMA_SEMI = 1u << 12,
  /* object-prep: the prepositions the object scan of a verb passes ("voted for",
   * "cracked down on"; verb_participants): one class test, not seven words
   * (callgrind, real prose: 0.1M instructions per 0.5 MB) */
  CG_EW_OBJP = 1u << 13,
  /* a word that may be a trigger form: under 64 bytes, and the filter of the forms
   * passes (cg_form_filter). The trigger scan visits only these (without a digit: the
   * candidates, cg_event_scratch.cands): most tokens fail this, and cost no test in
   * the scan at all (measured: the bit test alone saved 6% of the stage) */
  CG_EW_FORM = 1u << 14,
  /* the tokens that scan stops at ("in Moscow", up to a comma): "," ";" "in" "at"
   * (the words added to fwords when loading). The top bit of a uint16_t class, so
   * that word_classes moves it into cg_evdoc.loc_bits with a shift alone */
  CG_EW_LOC_STOP = 1u << 15
};

/* Longest function word looked up (longer tokens are never one). */
#define CG_FWORD_MAX 12

/* A read-only open-addressing table of the short words of a lexicon, each word held
 * in a key of its own: a lookup that hits compares two words in place instead of
 * going through the general probe of cg_lexmap (a function call, the key in another
 * block, a byte loop for the tail). Measured on the function-word and trigger-form
 * lookups, which nearly all hit: 9% of the stage. The slots (at most half full) hold
 * 4 bytes each, a tag of the hash and where the key is, and the keys lie packed in
 * an array of their own: the trigger forms take 32 KB of slots and 53 KB of keys,
 * where slots holding the keys took 458 KB, and the probe of most lookups missed the
 * cache (perf on real prose: the probe went from a fifth of the main function's
 * samples to a seventh; events_s about 1% lower, near the noise). */
#define CG_WORDTAB_MAX 16
typedef struct cg_wordkey {
  char key[CG_WORDTAB_MAX]; /* the word as in the lexicon, zero-padded */
  int32_t value;
  uint32_t len;
} cg_wordkey;

typedef struct cg_wordtab {
  /* mask + 1 of them: 0 empty, else the high 16 bits of the key's cg_lexhash and
   * 1 + its index in keys in the low 16; owned */
  uint32_t *slots;
  cg_wordkey *keys; /* owned */
  size_t mask;
} cg_wordtab;

/* True when w[0..n) (ASCII-lower-cased when lower) equals key[0..n), for 1 <= n <=
 * CG_WORDTAB_MAX: two overlapping loads from each end, not a loop. */
static inline bool cg_wordtab_same(const char *key, const char *w, size_t n, bool lower) {
  if (n < 4) {
    for (size_t i = 0; i < n; i++) {
      char c = lower ? (char)cg_lower((unsigned char)w[i]) : w[i];
      if (key[i] != c) return false;
    }
    return true;
  }
  uint64_t a = 0, b = 0, c = 0, d = 0;
  if (n <= 8) {
    memcpy(&a, key, 4);
    memcpy(&b, w, 4);
    memcpy(&c, key + n - 4, 4);
    memcpy(&d, w + n - 4, 4);
  } else {
    memcpy(&a, key, 8);
    memcpy(&b, w, 8);
    memcpy(&c, key + n - 8, 8);
    memcpy(&d, w + n - 8, 8);
  }
  if (lower) {
    b = cg_lower8(b);
    d = cg_lower8(d);
  }
  return a == b && c == d;
}

/* Looks up w[0..n) with hash h (a token's .hash, or .lhash for a case-blind table:
 * lower) in t, 1 <= n <= CG_WORDTAB_MAX: *value gets its value. */
static inline bool cg_wordtab_get(const cg_wordtab *t, const char *w, size_t n, uint32_t h,
                                  bool lower, int32_t *value) {
  uint32_t tag = h & 0xFFFF0000u;
  for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
    uint32_t e = t->slots[i];
    if (!e) return false;
    if ((e & 0xFFFF0000u) != tag) continue;
    const cg_wordkey *k = &t->keys[(e & 0xFFFFu) - 1];
    if (k->len == n && cg_wordtab_same(k->key, w, n, lower)) {
      *value = k->value;
      return true;
    }
  }
}

/* The function words again (up to CG_FWORD_MAX bytes), direct-mapped without
 * collisions: slot (hash * mult) >> shift of index holds the word's place in keys,
 * 0 for none (keys[0] matches no token). The classing of every token (word_classes
 * in events.c) then reads one slot and compares 12 masked bytes with no branch: on
 * real prose whether a word is a function word is a coin toss, and the filter test
 * and probe of a cg_wordtab mispredicted ~90k branches per 0.5 MB (callgrind). */
typedef struct cg_fwkey {
  uint64_t k0, m0; /* bytes 0..8 of the word, zero-padded (as loaded by memcpy), and
                    * the mask of those that are in the word */
  uint32_t k1, m1; /* the same for bytes 8..12 */
  uint32_t value;  /* CG_EW_* mask */
  uint32_t len;    /* 0 for keys[0] */
} cg_fwkey;

typedef struct cg_fwdirect {
  uint8_t *index; /* 1 << (32 - shift) entries; owned. NULL: no multiplier found */
  cg_fwkey *keys; /* owned */
  uint32_t mult, shift;
} cg_fwdirect;

_Static_assert(CG_FWORD_MAX <= 12, "cg_fwkey holds 12 bytes");

/* cg_fwdirect_get for a token in the last 12 bytes of the text (events_lex.c). */
uint32_t cg_fwdirect_tail(const cg_fwkey *key, const char *w, size_t n);

/* As cg_fwdirect_get (below) for the word w[0..n) of hash h, when 12 bytes from w on may be
 * read (the word starts 12 bytes or more before the end of the text). */
static inline uint32_t cg_fwdirect_at(const cg_fwdirect *d, const char *w, size_t n,
                                      uint32_t h) {
  const cg_fwkey *key = &d->keys[d->index[(uint32_t)(h * d->mult) >> d->shift]];
  uint64_t a;
  uint32_t b;
  memcpy(&a, w, 8);
  memcpy(&b, w + 8, 4);
  uint32_t eq = ((a & key->m0) == key->k0) & ((b & key->m1) == key->k1) & (key->len == n);
  return key->value & -eq;
}

/* The CG_EW_* mask of token t of text[0..len) in d (d->index set): 0 when it is no
 * function word. Branch-free but for the tokens in the last 12 bytes of the text
 * (the loads read 12 bytes from the token's start). */
static inline uint32_t cg_fwdirect_get(const cg_fwdirect *d, const char *text, size_t len,
                                       const cg_token *t) {
  size_t n = t->end - t->start;
  const char *w = text + t->start;
  if (len - t->start < 12)
    return cg_fwdirect_tail(&d->keys[d->index[(uint32_t)(t->hash * d->mult) >> d->shift]], w, n);
  return cg_fwdirect_at(d, w, n, t->hash);
}

/* A filter of the trigger forms (cg_event_lexicon.form_filter): one bit per slot of
 * 1 << CG_FORM_FILTER_BITS, set for the slot of each form's cg_lexhash (lower-case,
 * as the forms are: a token's .lhash), so that no form fails it. One bit at a fixed
 * size, where the forms' cg_lexmap has two of a size read at run time: word_classes
 * tests every word, and the test took 19 instructions a word (spilled header,
 * variable shifts), this 7. In 8 KB, as the map's filter, it passes more words that
 * are no form (about 2400 forms: 3.6% of the slots), which the exact lookup of each
 * candidate (form_of) turns down. Measured, callgrind on real prose: 1.0M of the
 * stage's 18.8M instructions less per 0.5 MB, 4k more mispredicted branches (the
 * extra candidates); two bits a form in the word took back a third of the gain for
 * none of those branches. */
#define CG_FORM_FILTER_BITS 16
static inline unsigned cg_form_filter(const uint64_t *f, uint32_t lhash) {
  /* the word by the high bits of the hash, the bit in it by the low six */
  return (unsigned)(f[lhash >> (32 - (CG_FORM_FILTER_BITS - 6))] >> (lhash & 63)) & 1u;
}

typedef struct cg_trigger {
  const char *lemma; /* points into lx->lemma_text */
  uint32_t lemma_off, lemma_len;
  const char *cls;   /* points into lx->classes */
  unsigned flags;    /* CG_TRIG_* */
} cg_trigger;

struct cg_event_lexicon {
  cg_lexmap *verbs;  /* lower-cased form -> index into trig */
  cg_lexmap *nouns;
  cg_lexmap *forms;  /* lower-cased form -> verb index | noun index << 16 (0xFFFF none) */
  CG_VEC(cg_trigger) trig;
  cg_lexmap *classmap; /* class name -> index into classes */
  cg_lexmap *fwords;   /* function word -> CG_EW_* mask */
  /* the words of forms up to CG_WORDTAB_MAX bytes again as a cg_wordtab
   * (cg_wordtab_get); fw holds those of fwords up to CG_FWORD_MAX bytes only when
   * fwd has no index (an unusual word file): otherwise it is empty */
  cg_wordtab fw, forms_tab;
  cg_fwdirect fwd; /* fwords once more, for word_classes (cg_fwdirect_get) */
  uint64_t *form_filter; /* see cg_form_filter; owned */
  CG_VEC(char *) classes;
  /* every lemma, NUL-terminated, in one block: an event copies its trigger's lemma,
   * and lemmas scattered over the heap cost a cache miss each (measured). The
   * block ends with CG_LEMMA_PAD bytes more, for the fixed-size copy of event_lemma */
  cg_buf lemma_text;
};

typedef CG_VEC(size_t) cg_size_vec;

/* Per-event working data kept beside dx->events while a document is processed. */
typedef struct cg_evwork {
  size_t tok;          /* trigger token */
  size_t s0, s1;       /* token range of its sentence */
  unsigned trig_flags; /* the trigger's CG_TRIG_* */
  /* beside trig_flags: 40 bytes, not 48 with them before it and actor_conf between
   * (one per event, in a vector grown by doubling: measured, peak resident memory of
   * one 10 MB / 20 MB document 9.7 / 5.2 MB lower) */
  bool noun, report;
  double actor_conf;   /* how the participants were found (0.5 none .. 1 pattern) */
} cg_evwork;

/* A day formatted as an event value ("2025-12-06"), for day when ok. */
#define CG_DCT_CACHE 64
typedef struct cg_dct_text {
  int64_t day;
  bool ok;
  char value[48]; /* as cg_event.value */
} cg_dct_text;

/* Per-thread working memory of the event stage (events.c), reused from document to
 * document: per-token and per-event arrays that keep their capacity. */
/* The most entries of cg_event_scratch.tok_at (1 MiB): documents up to 1 MiB get
 * the map whole; past it, the spans are placed by walks over the tokens. Measured,
 * against 16 MiB (of 4-byte entries then): peak resident memory of one 10 MB / 20 MB
 * document 10.6 / 12.5 MB lower; a 2 MB document 0.5% more instructions (callgrind,
 * whole run). */
#define CG_TOK_AT_MAX ((size_t)1 << 20)

struct cg_event_scratch {
  int *tok_mention, *tok_timex;
  uint16_t *tok_cls;
  uint64_t *loc_bits;
  /* bit k % 64 of word k / 64 set when a timex covers token k (made by
   * cg_events_date from timex_toks; the word after the last token's is 0) */
  uint64_t *tx_bits;
  unsigned char *is_trig;
  /* the trigger candidates (tokens with CG_EW_FORM and no digit), last first:
   * the trigger scan visits them instead of every token (word_classes) */
  size_t *cands, ncands;
  uint32_t *cand_form; /* per candidate: its form (candidate_forms) */
  size_t tokcap;
  /* per byte offset of the text: the low 8 bits of the index of the token starting
   * there, for the tokens of the current document (word_classes); other entries hold
   * stale values (of earlier documents, or 0), so a reader checks the token's start
   * (tok_starting_at, which finds the index from a token before it). One byte, not
   * the whole index: the map takes a cache line per 64 bytes of text, not per 16, and
   * each document writes it cold (callgrind, real prose: with 4-byte entries its
   * stores missed D1 33k times per 0.5 MB, a twelfth of the pipeline's write
   * misses; now 8k). tok_at_cap entries, zeroed when allocated: the text's bytes + 1, but at
   * most CG_TOK_AT_MAX (the tokens past the last entry all write it, and are found
   * by a walk) */
  uint8_t *tok_at;
  size_t tok_at_cap;
  /* the tokens where the clause scan of events_date.c stops going back / forward, in
   * text order (clause_stops) */
  CG_VEC(size_t) stops_back, stops_fwd;
  /* the candidates clause_stops reads instead of every token: the tokens with
   * CG_EW_CLAUSE_END or CG_EW_CONJ, last first (word_classes), and the tokens a timex
   * covers, in text order (fill_cover) */
  cg_size_vec clause_toks, timex_toks;
  CG_VEC(cg_evwork) work;
  cg_participant *parts; /* the participants of the event being read */
  size_t partcap;
  int *att;              /* per event: the attached timex (events_date.c) */
  size_t attcap;
  unsigned char *taken;  /* per timex: attached to some event */
  size_t takencap;
  /* DCTs formatted as event values, slot day % CG_DCT_CACHE (set_date_dct in
   * events_date.c) */
  cg_dct_text dct_text[CG_DCT_CACHE];
  /* Per trigger (index into lx->trig): its lemma as copied into the current
   * document (memory of its cg_docx_alloc), valid when gen is lemma_gen (one
   * generation per run). The events of one trigger word share the copy (measured:
   * a fifth of the copies, which were 4% of the stage, go; one copy per distinct
   * lemma would save little more). */
  struct cg_lemma_copy {
    uint32_t gen;
    char *lemma;
  } *lemma_copy;
  size_t nlemma_copy;
  uint32_t lemma_gen;
  /* memory of the current document (cg_docx_alloc) the copies are cut from, and
   * its bytes left: none at the start of a run */
  char *lemma_room;
  size_t lemma_left;
  /* the same for the participants of the events (doc_parts in events.c), counted in
   * participants */
  cg_participant *parts_room;
  size_t parts_left;
};

/* A lemma shorter than this is copied to the document in one fixed-size move of
 * this many bytes (event_lemma in events.c). */
#define CG_LEMMA_PAD 16

/* Token-level view of a document shared by the event passes. */
typedef struct cg_evdoc {
  const cg_event_lexicon *lx;
  cg_docx *dx;
  const char *t;
  size_t len;        /* of t (dx->doc->len) */
  cg_tokens tk;
  int *tok_mention;  /* per token: index of the mention covering it, or -1 */
  int *tok_timex;    /* per token: index of the timex covering it, or -1 */
  uint16_t *tok_cls; /* per token: CG_EW_* mask */
  /* bit k % 64 of word k / 64 set when token k is CG_EW_LOC_STOP,
   * for the location scan after each trigger (add_location); the two words after
   * the last token's are 0 */
  uint64_t *loc_bits;
  CG_VEC(cg_evwork) work; /* work.items[i] belongs to dx->events.items[first + i] */
  size_t first;
  cg_event_scratch *s;
} cg_evdoc;

/* CG_EW_* mask of token k (ed->tok_cls, made for every token before the passes). */
static inline unsigned cg_ew(const cg_evdoc *ed, size_t k) { return ed->tok_cls[k]; }

/* Whether token k is the literal s as written (teq) or ASCII-lower-cased (tok_lower_eq,
 * s in lower case). The token's length and hash made by the tokenizer (.hash,
 * .lhash: FNV-1a, cg_lexhash) against the literal's, a constant (LIT_HASH), decide
 * nearly every test with no load of the text; the bytes are compared only when both
 * match (FNV may collide). The byte compares this replaces (a length test, then a byte
 * loop, per literal) were a fifth of the stage's mispredicted branches on real prose
 * (callgrind); in events.c, where teq was a strlen and a memcmp, 39k of the stage's
 * 286k per 0.5 MB. */
#define FNV_STEP(h, c) (((h) ^ (uint32_t)(unsigned char)(c)) * 16777619u)
#define LIT_AT(s, i) ((s)[(i) < sizeof(s) ? (i) : 0])
#define LH1(s) FNV_STEP(2166136261u, LIT_AT(s, 0))
#define LH2(s) FNV_STEP(LH1(s), LIT_AT(s, 1))
#define LH3(s) FNV_STEP(LH2(s), LIT_AT(s, 2))
#define LH4(s) FNV_STEP(LH3(s), LIT_AT(s, 3))
#define LH5(s) FNV_STEP(LH4(s), LIT_AT(s, 4))
#define LH6(s) FNV_STEP(LH5(s), LIT_AT(s, 5))
#define LH7(s) FNV_STEP(LH6(s), LIT_AT(s, 6))
/* cg_lexhash of a literal of 1 to 7 bytes, as a constant expression (gcc keeps the
 * loop of cg_lexhash for a literal) */
#define LIT_HASH(s)                                                                     \
  (sizeof(s) == 2   ? LH1(s)                                                            \
   : sizeof(s) == 3 ? LH2(s)                                                            \
   : sizeof(s) == 4 ? LH3(s)                                                            \
   : sizeof(s) == 5 ? LH4(s)                                                            \
   : sizeof(s) == 6 ? LH5(s)                                                            \
   : sizeof(s) == 7 ? LH6(s)                                                            \
                    : LH7(s))

static inline bool tok_bytes_eq(const cg_evdoc *ed, size_t k, const char *s, size_t n,
                                bool lower) {
  const char *w = ed->t + ed->tk.items[k].start;
  for (size_t i = 0; i < n; i++)
    if ((lower ? cg_lower((unsigned char)w[i]) : (unsigned char)w[i]) != (unsigned char)s[i])
      return false;
  return true;
}

#define teq(ed, k, s)                                                                   \
  (LIT_CHECK(s)(ed)->tk.items[k].hash == LIT_HASH(s) &&                        \
   (ed)->tk.items[k].end - (ed)->tk.items[k].start == sizeof(s) - 1 &&                 \
   tok_bytes_eq((ed), (k), (s), sizeof(s) - 1, false))
#define tok_lower_eq(ed, k, s)                                                          \
  (LIT_CHECK(s)(ed)->tk.items[k].lhash == LIT_HASH(s) &&                       \
   (ed)->tk.items[k].end - (ed)->tk.items[k].start == sizeof(s) - 1 &&                 \
   tok_bytes_eq((ed), (k), (s), sizeof(s) - 1, true))
/* a literal longer than LIT_HASH takes fails to compile */
#define LIT_CHECK(s) (void)sizeof(char[sizeof(s) <= 8 ? 1 : -1]),

/* Dates every event of ed (events_date.c). */
void cg_events_date(cg_evdoc *ed);

#endif
