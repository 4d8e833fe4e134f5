/*
 * Internals of the temporal tagger, shared by timex_lex.c (loading the data files),
 * timex_scan.c (tokens and the pattern automaton), timex_norm.c (values) and timex.c.
 *
 * Pipeline per chunk of text: tokenise -> give each token its lexicon classes (one
 * hash lookup per token, multiword entries merged) -> at each token walk the pattern
 * trie over those classes, keep the longest match -> compose TIMEX3 type/value/mod
 * from the classes the match used. Everything is bounded per token, so linear.
 */
#ifndef CG_TIMEX_INT_H
#define CG_TIMEX_INT_H

#include "timex.h"

#include <stdint.h>

/* Built-in classes given by the tokeniser to numeric tokens (not from lexicons). */
enum {
  TX_C_YEAR = 0,  /* 1000..2099 written as 4 digits */
  TX_C_DAYNUM,    /* 1..31 */
  TX_C_NUM,       /* any digit string (ival = value, saturated) */
  TX_C_ORDNUM,    /* 1st, 2nd, 23rd, 19th */
  TX_C_DECADE,    /* 1990s, '80s: ival = 199 */
  TX_C_YEAR2,     /* '98 */
  TX_C_CLOCK,     /* 3:30, 15:45 (ival = h*100+m) */
  TX_C_NUMDATE,   /* 2022-02-24, 02/24/2022 (ival = y*10000+m*100+d) */
  TX_C_MONTHNUM,  /* 2014-03 style (ival = y*100+m) */
  TX_C_NBUILTIN
};

#define TX_MAX_CLASSES 128
#define TX_MAX_ENTS 4     /* classes one token can carry */
#define TX_MAX_PAT 16     /* longest pattern */
#define TX_MAX_MW 5       /* longest multiword lexicon phrase, in tokens */

typedef struct tx_ent {
  uint16_t cls;
  uint8_t file;           /* index of the lexicon file that defined it */
  uint8_t cap;            /* the phrase must start with a capital letter ("May") */
  int32_t ival;
  const char *sval;       /* borrowed from the lexicon; "" if none */
} tx_ent;

/* One lexicon phrase (lowercased, words joined by one space or '-') and its classes. */
typedef struct tx_lexword {
  char *key;
  uint32_t hash;          /* low bits of the key's hash, compared before the key */
  uint16_t keylen;
  uint8_t nent;
  uint8_t mw_start;       /* first token of phrases of up to mw_start tokens (0: none) */
  uint8_t starts;         /* bit 0: a case-insensitive entry can start a pattern, bit 1: a
                             capital-only one can (set after the patterns load) */
  uint16_t flags;         /* TX_W_* but TX_W_PLAIN: what mw_start, starts and ent say,
                             as the tokeniser copies it into tx_tok.ival */
  tx_ent ent[TX_MAX_ENTS];
} tx_lexword;

/* A trie node over class ids; children in a small array searched linearly. */
typedef struct tx_edge {
  uint16_t cls;
  uint32_t node;
} tx_edge;

typedef struct tx_node {
  tx_edge *edges;         /* owned */
  uint16_t nchild;
  int16_t type;           /* -1 = not accepting, else cg_timex_type */
  int32_t pattern;        /* line of the accepting pattern (for debugging) */
} tx_node;

/* Classes the C code looks for by name (resolved at load time; -1 if absent). */
typedef struct tx_cls_ids {
  int month, weekday, season, partday, num, a, few, ord, unit, last, this_, next, ago,
      posmod, qmod, ref, dayrel, clock_ampm, tz, holiday, every, setadv, old, long_,
      bc, fiscal, the, of, hyphen, past_cue, future_cue, year, daynum, numc, ordnum,
      decade, year2, clock, numdate, monthnum, decadew, centuryw, poss, mult, xmod, refadj, quarter, person, yearend, ad,
      comma, monthcue, title, notense, endcue, period;
} tx_cls_ids;

/* A lexicon key of 1..7 bytes packed into a uint64_t, first byte lowest (as
 * tx_tokenise packs a short word it has folded to lower case), and its entry. */
typedef struct tx_short {
  uint64_t key;           /* 0: empty slot */
  const tx_lexword *lw;   /* the entry in cg_tagger.words (NULL in an empty slot) */
  uint32_t flags;         /* the entry's flags (0 in an empty slot): a token takes them
                             from here, and only the words that start a phrase or a
                             pattern read the entry */
} tx_short;

/* A lexicon key of 8..15 lower-case ASCII letters as two words (the bytes after the
 * first eight in k2, first byte lowest, zero-padded) and its entry: see
 * cg_tagger.mediums. */
typedef struct tx_medium {
  uint64_t k1, k2;        /* k1 0: empty slot */
  const tx_lexword *lw;   /* NULL in an empty slot */
  uint32_t flags;         /* the entry's flags, 0 in an empty slot */
} tx_medium;

/* Words in each of the bloom, quick and pbloom filters, minus one: 256 words, 2 KiB
 * each (they had 1024). The filters are read for most tokens, and the other stages
 * evict them from L1 between documents of a few hundred tokens: at 8 KiB each the
 * tokeniser had 11% more D1 read misses for 0.6% fewer instructions (callgrind
 * --cache-sim, 1 MB news slice). Filters have no false negatives: output is the same. */
#define TX_FILTER_MASK 255
#define TX_SHORT_BITS 12  /* log2 of the bits of cg_tagger.short_filter */

struct cg_tagger {
  tx_cls_ids ids;          /* class ids the C code uses, resolved once at load time */
  char *class_names[TX_MAX_CLASSES];
  int nclasses;
  tx_lexword *words;      /* open-addressing hash table */
  size_t wcap, nwords;
  /* filters of TX_FILTER_MASK + 1 words, indexed by hash bits */
  uint64_t bloom[TX_FILTER_MASK + 1];  /* one bit per key hash: most words are rejected here */
  uint64_t quick[TX_FILTER_MASK + 1];  /* one bit per tx_quick_sig of a key: rejects words
                                          before hashing */
  uint64_t pbloom[TX_FILTER_MASK + 1]; /* one bit per hash of every byte prefix of a
                                          multiword key: the merge of a phrase stops at
                                          the first token no key continues */
  int max_mw;             /* longest phrase in words */
  bool mw_digit;          /* some phrase has a digit: no TX_W_PLAIN shortcut */
  /* trie: nodes[0] is the root; built as a linked structure then frozen */
  tx_node *nodes;
  size_t nnodes, cnodes;
  char **files;           /* names of loaded lexicon files, for diagnostics */
  size_t *file_entries;
  int nfiles;
  bool class_used[TX_MAX_CLASSES]; /* referenced by a pattern or by C */
  uint32_t root_child[TX_MAX_CLASSES]; /* trie node after a first token of class c (0: none) */
  uint16_t root_bmask;    /* built-in classes that can start a pattern */
  uint16_t root_alone_bmask; /* built-in classes that are a pattern by themselves */
  uint64_t num_next[TX_C_NBUILTIN][TX_MAX_CLASSES / 64]; /* bit c of [b]: a pattern goes
                             on with class c after a first token of built-in class b */
  char **pools;           /* the file contents svals and keys point into */
  int npools;
  /* Every lexicon key of at most 7 ASCII bytes, by packed key (open addressing, at most
   * a quarter full): a short word or a punctuation mark finds its entry, or learns it
   * has none, in one multiply and a probe or two, the same in every document. This
   * replaced a memo of look-ups kept per text, which each document had to zero (24 KiB)
   * and warm again: on 11,000 one-kilobyte articles that was a fifth of the tagger's
   * instructions (callgrind, news-10000000.jsonl), and a text of any size now gets the
   * speed of a warm memo. */
  tx_short *shorts;       /* a spare empty slot, then the table's short_mask + 1 */
  size_t short_mask;      /* slots - 1 */
  unsigned short_shift;   /* 64 - log2(slots) */
  /* One bit per value of the top TX_SHORT_BITS bits of a short key's hash, set for
   * the keys in t->shorts: most words are in no lexicon, and this 512-byte filter
   * tells so from a line that stays in cache, where a probe of the table (32 KiB
   * then, 48 KiB now) missed D1 on half of the words (the other stages evict it between documents:
   * 160,000 D1 read misses on news-2000000.jsonl, callgrind --cache-sim). A word it
   * rejects looks at the spare slot t->shorts[0], always empty. */
  uint64_t short_filter[(1u << TX_SHORT_BITS) / 64];
  /* The same for the lexicon keys of 8 to 15 letters, which tx_tokenise packs from
   * two 8-byte loads. Such a word (one in six of prose) went through the general
   * path: a second scan of its letters, the quick signature, an FNV hash, and that
   * path's tests, which mispredicted: 17,600 mispredicts and 0.18 M instructions
   * more in the tokeniser (tbaq-x1.jsonl, callgrind --branch-sim). */
  tx_medium *mediums;     /* a spare empty slot, then medium_mask + 1 slots */
  size_t medium_mask;
  unsigned medium_shift;
  uint64_t medium_filter[(1u << TX_SHORT_BITS) / 64];
};

/* Token (24 bytes, so a chunk's tokens stay in cache): text range relative to the
 * chunk, the lexicon entry (its classes) and the built-in numeric classes. */
typedef struct tx_tok {
  uint32_t start, end;
  const tx_lexword *lw;   /* lexicon phrase this token is (NULL: none) */
  int32_t ival;           /* value of the built-in classes (bmask != 0); for other
                             tokens TX_W_* flags (a word's hash, when needed, is its
                             entry's lw->hash) */
  uint16_t bmask;         /* built-in classes, bit k = class k < TX_C_NBUILTIN */
  uint8_t sent_start;     /* first token of a sentence (non-zero: not always 1) */
  uint8_t capital;        /* first letter is upper case (for capital-only entries;
                             non-zero, not always 1) */
} tx_tok;

/* Flags in tx_tok.ival of a token with no built-in class (bmask == 0). The merge of
 * phrases and the first-token filter read them there instead of the token's entry:
 * that read missed D1 50,000 times on news-2000000.jsonl (callgrind --cache-sim), as
 * the entries of the words of a document are spread over a 300 KiB table.
 * TX_W_PLAIN: a word of ASCII letters only, looked up whole, so lw == NULL means it is
 * no lexicon word, nor a word of any phrase (timex_lex.c makes those lexicon words
 * too): the merge of a phrase stops there without hashing it.
 * The others are copied from lw->flags (0 when lw is NULL); a _CAP flag is about the
 * capital-only entries, which count only for a capitalised token. */
enum {
  TX_W_MW = 1,          /* lw->mw_start > 1 (bit 0: raw_tokens adds it to the merge
                           list's cursor as it is) */
  TX_W_PLAIN = 2,
  TX_W_START = 4,       /* lw->starts & 1 */
  TX_W_START_CAP = 8,   /* lw->starts & 2 */
  TX_W_ALONE = 16,      /* an entry is a pattern by itself ("Monday") */
  TX_W_ALONE_CAP = 32,
  TX_W_ANY = 64,        /* some entry (tx_tok_any) */
  TX_W_ANY_CAP = 128,
  TX_W_PAST = 256,      /* an entry of class PAST (tx_cls_ids.past_cue) */
  TX_W_PAST_CAP = 512,
  TX_W_FUTURE = 1024,   /* an entry of class FUTURE (tx_cls_ids.future_cue) */
  TX_W_FUTURE_CAP = 2048
};

/* The token's flag f, or its _CAP twin (f << 1) when the token is capitalised. */
static inline bool tx_tok_flag(const tx_tok *tk, int32_t f) {
  return (tk->ival & (tk->capital ? f | f << 1 : f)) != 0;
}

/* Calls the entries of token tk one by one: built-in classes first, then the lexicon
 * entries its case allows. Returns the k-th entry in *e, false when there is none. */
static inline bool tx_tok_ent(const tx_tok *tk, unsigned k, tx_ent *e) {
  for (unsigned c = 0; c < TX_C_NBUILTIN; c++) {
    if (!(tk->bmask & (1u << c))) continue;
    if (k-- == 0) {
      e->cls = (uint16_t)c;
      e->file = 255;
      e->cap = 0;
      e->ival = tk->ival;
      e->sval = "";
      return true;
    }
  }
  if (!tk->lw) return false;
  for (unsigned i = 0; i < tk->lw->nent; i++) {
    if (tk->lw->ent[i].cap && !tk->capital) continue;
    if (k-- == 0) {
      *e = tk->lw->ent[i];
      return true;
    }
  }
  return false;
}

/* True when the token has class cls (built-in or from the lexicon). */
static inline bool tx_tok_has(const tx_tok *tk, int cls) {
  if (cls < 0) return false;
  if (cls < TX_C_NBUILTIN) return (tk->bmask >> cls) & 1u;
  if (!tk->lw) return false;
  for (unsigned i = 0; i < tk->lw->nent; i++)
    if (tk->lw->ent[i].cls == cls && (!tk->lw->ent[i].cap || tk->capital)) return true;
  return false;
}

/* True when a pattern can start at this token (first-token filter, no trie walk). */
static inline bool tx_tok_starts(const cg_tagger *t, const tx_tok *tk) {
  if (tk->bmask) return (tk->bmask & t->root_bmask) != 0; /* numbers have no lw */
  return tx_tok_flag(tk, TX_W_START);
}

static inline bool tx_tok_any(const tx_tok *tk) {
  tx_ent e;
  return tk->bmask || (tk->lw && tx_tok_ent(tk, 0, &e));
}

/* False only when no pattern can match at token i of toks[0, n), which tx_tok_starts
 * says a pattern can start: its word is no pattern alone ("the", "a") and the next
 * token has no class for a pattern to go on with. tx_match then need not walk: two
 * calls in three ended so ("the Kremlin"), 58,578 calls became 20,277 and the tagger
 * took 4.6 M instructions fewer of 101 M on news-2000000.jsonl (callgrind). A number
 * is held to the classes that follow its own in a pattern (t->num_next): 1,197 of
 * tx_match's 4,791 calls on tbaq-x1.jsonl started on a number no pattern went on
 * from ("5 percent", "20 people"), and the tagger took 0.25 M instructions fewer. */
static inline bool tx_tok_may_match(const cg_tagger *t, const tx_tok *toks, size_t n, size_t i) {
  const tx_tok *tk = &toks[i];
  if (tk->bmask & t->root_alone_bmask) return true;
  if (!tk->bmask && tx_tok_flag(tk, TX_W_ALONE)) return true;
  if (i + 1 >= n || toks[i + 1].sent_start) return false;
  const tx_tok *nx = &toks[i + 1];
  if (!tk->bmask) return nx->bmask || tx_tok_flag(nx, TX_W_ANY);
  /* a number: the next token must have a class some pattern goes on with after it */
  uint64_t f0 = 0, f1 = 0;
  for (unsigned b = 0; b < TX_C_NBUILTIN; b++)
    if ((tk->bmask >> b) & 1u) {
      f0 |= t->num_next[b][0];
      f1 |= t->num_next[b][1];
    }
  if (nx->bmask & f0) return true; /* built-in classes are the ids below 64 */
  if (!nx->lw) return false;
  for (unsigned k = 0; k < nx->lw->nent; k++) {
    const tx_ent *e = &nx->lw->ent[k];
    if (e->cap && !nx->capital) continue;
    if (((e->cls < 64 ? f0 >> e->cls : f1 >> (e->cls - 64)) & 1u)) return true;
  }
  return false;
}

/* timex_lex.c */
cg_status tx_load(cg_tagger *t, const char *dir, cg_error *err);
int tx_class_id(const cg_tagger *t, const char *name);
const tx_lexword *tx_lookup(const cg_tagger *t, const char *key, size_t n);
/* Entry for a key whose FNV-1a hash h is known; key[0..n) is only read when the bloom
 * filter lets the hash through. */
const tx_lexword *tx_lookup_hashed(const cg_tagger *t, uint64_t h, const char *key, size_t n);
/* True when some phrase may have hash h (bloom filter; no false negatives). */
static inline bool tx_maybe(const cg_tagger *t, uint64_t h) {
  return (t->bloom[(h >> 6) & TX_FILTER_MASK] >> (h & 63)) & 1u;
}
/* Cheap signature of a folded key: its length and first, second and last bytes. */
static inline unsigned tx_quick_sig(size_t n, unsigned char a, unsigned char b, unsigned char z) {
  return ((unsigned)(n & 15) * 40503u ^ a * 2654435761u ^ b * 97u ^ z * 7919u) & 65535u;
}
static inline bool tx_quick_maybe(const cg_tagger *t, unsigned sig) {
  return (t->quick[(sig >> 6) & TX_FILTER_MASK] >> (sig & 63)) & 1u;
}
#define TX_FNV_BASIS 1469598103934665603ull
#define TX_FNV_PRIME 1099511628211ull
void tx_class_ids(const cg_tagger *t, tx_cls_ids *ids);

/* Builds t->shorts and t->mediums from the loaded lexicon (after tx_load; the entries
 * must not move afterwards). */
void tx_build_shorts(cg_tagger *t);

/* The slot where the search for the packed short key k (see tx_short) ends: k's own
 * (key == k), or an empty one (key 0, lw NULL, flags 0) when no lexicon key is k, the
 * same answer as tx_lookup on the unpacked bytes. Whether a short word is a lexicon
 * word is a coin toss in prose (41% of 69,000 on tbaq-x1.jsonl), and a branch on it
 * was the tokeniser's most mispredicted (38,000 times, callgrind --branch-sim): the
 * answer goes on as data. A word the filter rejects is sent to the spare empty slot
 * t->shorts[0], which stays in cache, not to a probe that would miss D1; the probe
 * loop goes on only past another key's slot (the table is at most a quarter full).
 * The empty asms hide what the values mean from gcc, which otherwise made the selects
 * and the exit test back into the branches they replace. */
static inline const tx_short *tx_short_slot(const cg_tagger *t, uint64_t k) {
  uint64_t h = k * 0x9E3779B97F4A7C15ull;
  unsigned f = (unsigned)(h >> (64 - TX_SHORT_BITS));
  size_t maybe = (size_t)((t->short_filter[f >> 6] >> (f & 63)) & 1u);
#if defined(__GNUC__)
  __asm__("" : "+r"(maybe));
#endif
  size_t i = ((size_t)(h >> t->short_shift) + 1) & (0 - maybe); /* 0: the spare */
  for (;;) {
    uint64_t sk = t->shorts[i].key, d = sk ^ k;
    uint64_t more = d < sk ? d : sk; /* 0 when sk == k or sk == 0: one test */
#if defined(__GNUC__)
    __asm__("" : "+r"(more));
#endif
    if (!more) return &t->shorts[i];
    i = (i & t->short_mask) + 1; /* the next slot of the table t->shorts[1..] */
  }
}

/* The slot where the search for the packed key (k1, k2) of a word of 8 to 15
 * letters ends, as tx_short_slot does for short words: its own, or an empty one. */
static inline uint64_t tx_medium_hash(uint64_t k1, uint64_t k2) {
  return (k1 ^ (k2 * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull;
}
static inline const tx_medium *tx_medium_slot(const cg_tagger *t, uint64_t k1, uint64_t k2) {
  uint64_t h = tx_medium_hash(k1, k2);
  unsigned f = (unsigned)(h >> (64 - TX_SHORT_BITS));
  size_t maybe = (size_t)((t->medium_filter[f >> 6] >> (f & 63)) & 1u);
#if defined(__GNUC__)
  __asm__("" : "+r"(maybe));
#endif
  size_t i = ((size_t)(h >> t->medium_shift) + 1) & (0 - maybe); /* 0: the spare */
  for (;;) {
    uint64_t sk = t->mediums[i].k1, d = (sk ^ k1) | (t->mediums[i].k2 ^ k2);
    uint64_t more = d < sk ? d : sk; /* 0 when the keys match or the slot is empty */
#if defined(__GNUC__)
    __asm__("" : "+r"(more));
#endif
    if (!more) return &t->mediums[i];
    i = (i & t->medium_mask) + 1;
  }
}

/* timex_scan.c: tokenise the chunk text[0..len) into toks (caller's vector, emptied
 * first; offsets relative to text). merge is the caller's scratch vector, reused from
 * chunk to chunk (contents unspecified); afterwards it has room for toks->len indices
 * (cg_tagger_run_scratch lists the tokens that may start a pattern there). */
typedef CG_VEC(tx_tok) tx_tokvec;
typedef CG_VEC(uint32_t) tx_idxvec;
void tx_tokenise(const cg_tagger *t, const char *text, size_t len, tx_tokvec *toks,
                 tx_idxvec *merge);
/* Longest match at token i: returns number of tokens (0 none), copies the chosen entry
 * per token into pick[] and sets the type. */
int tx_match(const cg_tagger *t, const tx_tok *toks, size_t ntoks, size_t i, tx_ent *pick,
             int *type);

/* timex_norm.c: value/mod for a match. ctx carries the anchor and tense. Returns false
 * when the match should be dropped (nothing sensible to say). */
typedef struct tx_ctx {
  int64_t anchor;         /* day number of the anchor, CG_NO_DAY if none */
  /* The tense around the match, read through tx_ctx_tense only: it is looked for when
   * a value needs it (a month without a year, a weekday, "the quarter"), not for each
   * match. tense_toks[tense_i, tense_j) is the match, in the chunk text tense_text. */
  int tense;              /* -1 past (-2 strong past cue), 0 unknown, +1 future */
  bool tense_known;       /* tense is set; false: tx_ctx_tense looks for it */
  const char *tense_text;
  const tx_tok *tense_toks;
  size_t tense_n, tense_i, tense_j;
  bool narrative;
  /* financial reporting context: the last quarter named nearby ("the third quarter"),
   * as year * 4 + quarter - 1, or -1. "A year earlier" in such text is that quarter
   * a year before (TimeML annotators wrote 1988-Q3), not the bare year. */
  int64_t quarter;
  bool used_quarter;      /* set by tx_compose when the value came from that context */
  /* Narrative reference time (auto and narrative modes): the most recent explicit date
   * of the text that lies far from the DCT, still in reach (a few paragraphs back, no
   * DCT-anchored expression since). ref_fine has day granularity ("9 November 1989":
   * news text names bare years of the past all the time, full past dates rarely);
   * ref_any is the most recent of any granularity. A month/day without a year takes
   * the year of ref_fine; an anaphoric "the following year"/"that day" is counted
   * from ref_ana, the last date of the text in reach (near the DCT or not), when it is
   * at least as fine as the unit. CG_NO_DAY: none. */
  int64_t ref_fine, ref_any, ref_ana;
  cg_gran ref_ana_gran;
  bool used_ref;          /* set by tx_compose when the value came from a reference */
  bool day_default;       /* set by tx_compose: a TIME's day is the anchor's only, the
                             match named none ("11pm"), so a day named next may move it */
} tx_ctx;
bool tx_compose(const tx_cls_ids *ids, const tx_ent *pick, int n, int type,
                tx_ctx *ctx, cg_timex *out);

/* timex.c: ctx->tense, looked for (and kept) the first time it is asked for. */
int tx_ctx_tense(tx_ctx *ctx);

#endif
