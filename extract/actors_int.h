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

typedef struct cg_gaz_key {
  char *key;          /* "gpe:RU" */
  char *canon;        /* "Russia" */
  cg_actor_kind kind;
} cg_gaz_key;

struct cg_actor_lexicon {
  cg_lexmap *gaz;       /* surface -> index into entries */
  CG_VEC(cg_gaz_entry) entries;
  cg_lexmap *keymap;    /* key -> index into keys */
  CG_VEC(cg_gaz_key) keys;
  cg_lexmap *titles;    /* lower-cased phrase -> CG_TITLE_* */
  cg_lexmap *heads;     /* word -> kind | CG_HEAD_PREFIX */
  cg_lexmap *firstnames;
  cg_lexmap *common;    /* lower-case common English words */
  cg_lexmap *nonent;    /* capitalised words that are never names */
  cg_lexmap *grammar;   /* grammar word -> CG_AG_* (grammar.tsv) */
  int max_gaz_words, max_title_words;
  /* First token of every gazetteer surface (as the shared tokenizer splits it) ->
   * the most tokens of a surface starting with it; the same for the lower-cased
   * titles. A phrase lookup at a token that starts no entry costs one probe. */
  cg_lexmap *gaz_first;
  cg_lexmap *title_first;
};

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
