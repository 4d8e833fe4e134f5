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

struct cg_tagger {
  char *class_names[TX_MAX_CLASSES];
  int nclasses;
  tx_lexword *words;      /* open-addressing hash table */
  size_t wcap, nwords;
  uint64_t bloom[1024];   /* one bit per (hash & 65535): most words are rejected here */
  int max_mw;             /* longest phrase in words */
  /* trie: nodes[0] is the root; built as a linked structure then frozen */
  tx_node *nodes;
  size_t nnodes, cnodes;
  char **files;           /* names of loaded lexicon files, for diagnostics */
  size_t *file_entries;
  int nfiles;
  bool class_used[TX_MAX_CLASSES]; /* referenced by a pattern or by C */
  char **pools;           /* the file contents svals and keys point into */
  int npools;
};

/* Classes the C code looks for by name (resolved at load time; -1 if absent). */
typedef struct tx_cls_ids {
  int month, weekday, season, partday, num, a, few, ord, unit, last, this_, next, ago,
      posmod, qmod, ref, dayrel, clock_ampm, tz, holiday, every, setadv, old, long_,
      bc, fiscal, the, of, hyphen, past_cue, future_cue, year, daynum, numc, ordnum,
      decade, year2, clock, numdate, monthnum, decadew, centuryw, poss, mult, xmod, refadj, quarter, person, yearend, ad;
} tx_cls_ids;

/* Token: text range plus the classes the lexicon and the tokeniser gave it. */
typedef struct tx_tok {
  uint32_t start, end;
  uint8_t nent;
  uint8_t sent_start;     /* first token of a sentence */
  tx_ent ent[TX_MAX_ENTS];
} tx_tok;

/* timex_lex.c */
cg_status tx_load(cg_tagger *t, const char *dir, cg_error *err);
int tx_class_id(const cg_tagger *t, const char *name);
const tx_lexword *tx_lookup(const cg_tagger *t, const char *key, size_t n);
/* Same for text[s, e) compared case-insensitively (one token, no copy). */
const tx_lexword *tx_lookup_text(const cg_tagger *t, const char *text, size_t s, size_t e);
void tx_class_ids(const cg_tagger *t, tx_cls_ids *ids);

/* timex_scan.c: tokenise text[start..end) into toks (caller's vector). */
typedef CG_VEC(tx_tok) tx_tokvec;
void tx_tokenise(const cg_tagger *t, const char *text, size_t start, size_t end,
                 tx_tokvec *toks);
/* Longest match at token i: returns number of tokens (0 none), fills the chosen entry
 * per token in pick[] and the type. */
int tx_match(const cg_tagger *t, const tx_tok *toks, size_t ntoks, size_t i,
             const tx_ent **pick, int *type);

/* timex_norm.c: value/mod for a match. ctx carries the anchor and tense. Returns false
 * when the match should be dropped (nothing sensible to say). */
typedef struct tx_ctx {
  int64_t anchor;         /* day number of the anchor, CG_NO_DAY if none */
  int tense;              /* -1 past, 0 unknown, +1 future */
  bool narrative;
} tx_ctx;
bool tx_compose(const tx_cls_ids *ids, const tx_ent *const *pick, int n, int type,
                const tx_ctx *ctx, cg_timex *out);

#endif
