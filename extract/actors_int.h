/* Internals shared by actors.c (recognition, resolution) and actors_lex.c (loading). */
#ifndef CG_ACTORS_INT_H
#define CG_ACTORS_INT_H

#include "actors.h"
#include "lexmap.h"

/* Flags of a gazetteer entry. */
enum {
  CG_GAZ_METONYM = 1u << 0, /* "the Kremlin" for Russia */
  CG_GAZ_DEMONYM = 1u << 1, /* "Russian": adjectival, never a name of its own */
  /* products.tsv: names of things, not actors (never a mention) */
  CG_GAZ_PRODUCT = 1u << 2, /* "Dreamliner", "Mac OS X": an ORG right before is its maker */
  CG_GAZ_INDEX = 1u << 3,   /* "Dow Jones", "Nikkei" */
  CG_GAZ_EVENT = 1u << 4,   /* "Black Monday", "Olympic Games" */
  CG_GAZ_NONACTOR = CG_GAZ_PRODUCT | CG_GAZ_INDEX | CG_GAZ_EVENT
};

/* What a title phrase is (titles.txt). */
enum {
  CG_TITLE_HONORIFIC = 1,
  CG_TITLE_ROLE = 2,
  CG_TITLE_PORTFOLIO = 4 /* takes a portfolio before it: "Transportation Secretary" */
};

/* Head words (org-suffixes.txt): kind in the low byte, CG_HEAD_PREFIX when it may
 * also start a name ("Mount Everest"). */
#define CG_HEAD_PREFIX 0x100
/* Kind of a head word that ends the name of an event ("Conference", "Show"): MISC,
 * not an actor. Distinct from every cg_actor_kind. */
#define CG_HEAD_MISC 0x40

typedef struct cg_gaz_entry {
  int32_t key;        /* index into lx->keys */
  cg_actor_kind kind;
  unsigned flags;     /* CG_GAZ_* */
} cg_gaz_entry;

/* What a first word of gazetteer surfaces or titles tells (cg_actor_lexicon.firsts). */
typedef struct cg_first_word {
  int32_t maxn; /* the most tokens of a key starting with it */
  int32_t walk; /* the phrase walk's value of the word alone (CG_WALK_* bits): one
                 * lookup per token starts the walk, most walks end there */
  /* bit b & 63 for every byte b that follows the word and one space in a key (a
   * gazetteer surface, a lower-cased title): a walk from the word goes on to a token
   * after whitespace only when the token's first byte (lower-cased for titles) has
   * its bit */
  uint64_t next_sp;
} cg_first_word;

/* A first word of at most CG_FIRST_KEY_MAX bytes in a cg_first_tab, with what it
 * tells (no lookup in lx->firsts after the word's). */
#define CG_FIRST_KEY_MAX 16
typedef struct cg_first_key {
  char key[CG_FIRST_KEY_MAX]; /* zero-padded */
  uint32_t len;
  cg_first_word fw;
} cg_first_key;

/* The keys of gaz_first or title_first again, for a lookup inline in the actor
 * stage (first_get in actors.c): every token that passes the filter of first_any
 * asks both (on tbaq-x1 15,000 tokens, a third of them "the"), and the general
 * probe of cg_lexmap (two calls, the slot and the key built and compared apart,
 * then the answer in lx->firsts) cost 86 instructions a hit. Open addressing over
 * slots of 4 bytes, with the keys and their answers in keys (measured, callgrind on
 * tbaq-x1: 3% of the actor stage, the same mispredicts and 1,000 fewer D1 misses).
 * (The same for capword, asked of each capitalised word, saved 1% of the stage
 * but missed D1 5,000 times more: not kept.) */
typedef struct cg_first_tab {
  /* mask + 1 of them: 0 empty, else the high 16 bits of the key's cg_lexhash and
   * 1 + its index in keys in the low 16; NULL when the map has too many keys */
  uint32_t *slots;
  cg_first_key *keys;
  size_t mask;
  size_t maxlen; /* CG_FIRST_KEY_MAX, 0 when slots is NULL: longer tokens ask the map */
} cg_first_tab;

/* The common words of at most CG_WORD_SET_MAX bytes (nearly all), as an exact set
 * that a lookup reads in one cache line: a slot holds the word itself (its bytes,
 * zeros, its length in the last byte), four slots to a 64-byte line, and a lookup
 * starts at the first slot of the line its hash picks (cg_word_set_start). The map
 * read its Bloom filter, then a slot, then the key in its arena when longer than 7
 * bytes: up to three lines of 2.7 MB for one word. is_common asks ~1,500 different
 * words on tbaq-x1, most of them missing every cache and the TLB: a lookup cost
 * ~170 ns, is_common 3% of the pipeline's time in perf for 0.45% of its
 * instructions. The slots are one 2 MB huge page when the system gives one
 * (madvise), and recognition prefetches the line of each capitalised word while it
 * looks its capword bits up (measured, perf on tbaq-x24, share of the actor stage's
 * top functions in the pipeline's samples: 9.2-9.6% before, 8.5% with the set in
 * a huge page, 8.8% with the set and the prefetch in small pages, 7.3-7.7% with
 * both; median CPU time of the pipeline 1-1.5% lower). */
#define CG_WORD_SET_MAX 15
typedef struct cg_word16 {
  uint64_t lo, hi; /* bytes 0..7 and 8..15 of the slot, little-endian; hi 0: empty */
} cg_word16;

typedef struct cg_word_set {
  cg_word16 *slots; /* mask + 1 of them, 64-byte aligned; NULL: no set */
  size_t mask;
  unsigned shift; /* 32 - log2(lines of 4 slots) */
  size_t maxlen;  /* CG_WORD_SET_MAX, 0 with no set: longer words ask the map */
} cg_word_set;

/* The first slot of the line of s where the word of FNV hash h (cg_lexhash of its
 * lower-case bytes) is looked for. */
static inline size_t cg_word_set_start(const cg_word_set *s, uint32_t h) {
  return (size_t)((uint32_t)(h * 0x9E3779B1u) >> s->shift) * 4;
}

typedef struct cg_gaz_key {
  char *key;          /* "gpe:RU" */
  char *canon;        /* "Russia" */
  cg_actor_kind kind;
  size_t key_len;     /* strlen(key) */
  size_t canon_len;   /* strlen(canon) */
} cg_gaz_key;

struct cg_actor_lexicon {
  cg_lexmap *gaz;       /* surface -> index into entries */
  CG_VEC(cg_gaz_entry) entries;
  cg_lexmap *keymap;    /* key -> index into keys */
  CG_VEC(cg_gaz_key) keys;
  cg_lexmap *titles;    /* lower-cased phrase -> CG_TITLE_* */
  cg_lexmap *heads;     /* word -> kind | CG_HEAD_PREFIX */
  cg_lexmap *firstnames;
  /* lower-case common English words: those of up to CG_WORD_SET_MAX bytes in
   * common_set, the longer ones in common */
  cg_lexmap *common;
  cg_word_set common_set;
  cg_lexmap *nonent;    /* capitalised words that are never names */
  cg_lexmap *grammar;   /* grammar word -> CG_AG_* (grammar.tsv) */
  /* firstnames, nonent and heads in one map: word -> CG_CW_* bits (and the head
   * word's value). Recognition asks the three of the same capitalised words again
   * and again (on tbaq-x1, 55,000 lookups of 15,000 capitalised tokens): the actor
   * stage looks each capitalised token up here once and keeps the answer. */
  cg_lexmap *capword;
  int max_gaz_words, max_title_words;
  /* First token of every gazetteer surface (as the shared tokenizer splits it) ->
   * index into firsts; the same for the lower-cased titles. A phrase lookup at a
   * token that starts no entry costs one probe. */
  cg_lexmap *gaz_first;
  cg_lexmap *title_first;
  /* The keys of gaz_first and title_first lower-cased, for its Bloom filter only: a
   * token whose lower-cased form fails it starts neither, and costs one filter test
   * instead of two (measured: 4% of the actor stage). */
  cg_lexmap *first_any;
  CG_VEC(cg_first_word) firsts;
  /* gaz_first (exact case) and title_first (lower-cased words) as cg_first_tab:
   * their words up to CG_FIRST_KEY_MAX bytes, which is nearly all of them */
  cg_first_tab gaz_tab, title_tab;
  /* Phrase walks for the longest-match lookups: every gazetteer surface (every
   * lower-cased title) and every prefix of one that ends where a token may end
   * (before a space, or next to a byte that is not an ASCII letter or digit) ->
   * CG_WALK_* bits. A match grows token by token and stops at the first surface no
   * key starts with: one or two probes instead of one per possible length, each
   * with a surface built from scratch (measured: match_gaz + match_title were 20%
   * of the actor stage). */
  cg_lexmap *gaz_walk;
  cg_lexmap *title_walk;
  /* The place surfaces (GPE and LOC entries, not demonyms) lower-cased -> index into
   * entries: a dateline or label in capitals ("NAIROBI, Kenya", "DAR ES SALAAM",
   * "KENYA:") names a place the gazetteer writes in mixed case. */
  cg_lexmap *gaz_fold;
};

/* Value bits of capword: the low bits hold the heads value (kind | CG_HEAD_PREFIX)
 * when CG_CW_HEAD is set. */
#define CG_CW_HEAD_VALUE 0x0FFF
#define CG_CW_HEAD 0x1000
#define CG_CW_FIRSTNAME 0x2000
#define CG_CW_NONENT 0x4000

/* Value bits of gaz_walk / title_walk: CG_WALK_MORE when a longer key goes on from
 * the surface; the low bits hold the entry index + 1 (gaz_walk) or the CG_TITLE_*
 * kind (title_walk) when the surface is a key itself, 0 when it is only a prefix. */
#define CG_WALK_MORE (1 << 30)
#define CG_WALK_VALUE (CG_WALK_MORE - 1)

/* Classes of data/en/actors/grammar.tsv. */
enum {
  CG_AG_PARTICLE = 1u << 0,      /* "de", "van": inside a person name */
  CG_AG_HYPHEN_TAIL = 1u << 1,   /* "-based", "-led": a hyphenated adjective */
  CG_AG_HYPHEN_PREFIX = 1u << 2, /* "Sub-", "Pre-" */
  CG_AG_SAID = 1u << 3,          /* reporting verbs after a speaker */
  CG_AG_DATE_PREP = 1u << 4,     /* "in", "by": introduce a date, not a name */
  CG_AG_NAME_SUFFIX = 1u << 5    /* "Inc", "Jr" */
};

/* Parses "PERSON"/"ORG"/"GPE"/"LOC"; returns -1 for anything else. */
int cg_actor_kind_parse(const char *s);

#endif
