/*
 * The in-memory model of one document's extraction (internal; the public face is
 * the schema-2 JSON described in docs/schema.md).
 *
 *   cg_doc     what a reader produced: id, title, publication date (DCT), UTF-8 text
 *   cg_docx    everything extracted from one document: sentences, timexes, actors,
 *              actor mentions, events. Offsets are UTF-8 byte offsets into doc->text.
 *
 * Stages fill a cg_docx in order: sentences -> timexes -> actors -> events. Each stage
 * reads what the earlier ones wrote and writes only its own arrays.
 */
#ifndef CG_MODEL_H
#define CG_MODEL_H

#include "calendar.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------- documents */

/* Where the publication date came from. */
typedef enum cg_dct_source {
  CG_DCT_NONE = 0,  /* unknown: relative dates stay unresolved */
  CG_DCT_META,      /* HTML meta/JSON-LD/<time>, feed pubDate, JSONL "date", TimeML <DCT> */
  CG_DCT_OPTION,    /* --date on the command line */
  CG_DCT_TEXT       /* found in the text itself (dateline) */
} cg_dct_source;

const char *cg_dct_source_name(cg_dct_source s); /* "meta", "option", "text", "none" */

/* One input document, as a reader produces it. All strings owned by the doc.
 * text is valid UTF-8 (validated once at ingestion), NUL-terminated, len bytes. */
typedef struct cg_doc {
  char *id;        /* stable id: explicit (JSONL id, feed guid) or derived from source */
  char *source;    /* file path (plus "#item-N" for feed items, ":LINE" for JSONL) */
  char *title;     /* may be NULL */
  char *url;       /* may be NULL */
  char *dct;       /* "YYYY-MM-DD" or NULL */
  cg_dct_source dct_source;
  char *text;
  size_t len;
  /* TimeML input only: the raw file and the byte range of the <TEXT> content, so the
   * TimeML writer can re-emit the file with TIMEX3 tags added. NULL/0 otherwise. */
  char *raw;
  size_t raw_len, raw_text_start, raw_text_end;
} cg_doc;

cg_doc *cg_doc_new(void);    /* zeroed; caller frees with cg_doc_free */
void cg_doc_free(cg_doc *d); /* NULL ok */

/* ---------------------------------------------------------------- sentences */

typedef struct cg_sentence {
  size_t start, end; /* [start, end) */
} cg_sentence;

/* ---------------------------------------------------------------- timexes */

typedef enum cg_timex_type { CG_TX_DATE, CG_TX_TIME, CG_TX_DURATION, CG_TX_SET } cg_timex_type;

const char *cg_timex_type_name(cg_timex_type t); /* "DATE", "TIME", "DURATION", "SET" */

/* Flags on a timex. */
enum {
  CG_TXF_RELATIVE = 1u << 0,    /* resolved against the DCT or a narrative anchor */
  CG_TXF_UNRESOLVED = 1u << 1,  /* relative but no anchor: value holds X placeholders */
  CG_TXF_AGE = 1u << 2,         /* "four-year-old war": a duration whose start is implied */
  CG_TXF_RANGE_FROM = 1u << 3,  /* first end of "from X to Y" / "X-Y" */
  CG_TXF_RANGE_TO = 1u << 4,    /* second end */
  CG_TXF_SINCE = 1u << 5,       /* "since 2014": the event starts here */
  CG_TXF_NARRATIVE = 1u << 6    /* anchored on an earlier date in the text, not the DCT */
};

/* One temporal expression. value/mod follow TIMEX3 (TimeML 1.2).
 * span is the interval the expression denotes, as days (see calendar.h); for a
 * DURATION with CG_TXF_AGE, span is the implied start ("about DCT - 4 years"); for
 * other durations and sets span.valid is false. */
typedef struct cg_timex {
  size_t start, end;      /* byte offsets, [start, end) */
  cg_timex_type type;
  char value[48];         /* "2014", "2025-12-05", "P4Y", "PRESENT_REF", "XXXX-WXX-5" */
  char mod[16];           /* "" or BEFORE, AFTER, ON_OR_BEFORE, ON_OR_AFTER, LESS_THAN,
                             MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE, START, MID, END, APPROX */
  cg_span span;
  unsigned flags;         /* CG_TXF_* */
} cg_timex;

/* ---------------------------------------------------------------- actors */

typedef enum cg_actor_kind {
  CG_ACTOR_PERSON, CG_ACTOR_ORG, CG_ACTOR_GPE, CG_ACTOR_LOC
} cg_actor_kind;

const char *cg_actor_kind_name(cg_actor_kind k); /* "PERSON", "ORG", "GPE", "LOC" */

/* An actor within one document, after alias resolution in that document.
 * key is the cross-document identity: equal keys are the same actor in every
 * document ("gpe:RU" for Russia, the Kremlin, Moscow; "per:dmitry peskov").
 * key, name, aliases and the strings of aliases are memory of cg_docx_alloc of the
 * cg_docx that holds the actor (whoever fills one in puts them there): freed with it,
 * never one by one, and one string may serve as several of them (an alias that is
 * also the name). */
typedef struct cg_actor {
  char *key;
  char *name;            /* canonical name: "Russia", "Dmitry Peskov" */
  cg_actor_kind kind;
  char **aliases;        /* distinct surface forms seen, in order of first use: an array
                            of cg_docx_alloc that holds the next power of two >= naliases
                            (cg_docx_alias_room) */
  size_t naliases;
  int affiliation;       /* index of another actor (Peskov -> Russia) or -1 */
} cg_actor;

/* One mention of an actor in the text. */
typedef struct cg_mention {
  size_t start, end;
  uint32_t actor;        /* index into cg_docx.actors */
} cg_mention;

/* ---------------------------------------------------------------- events */

typedef enum cg_role {
  CG_ROLE_AGENT, CG_ROLE_PATIENT, CG_ROLE_SPEAKER, CG_ROLE_LOCATION, CG_ROLE_OTHER
} cg_role;

const char *cg_role_name(cg_role r); /* "agent", "patient", "speaker", "location", "other" */

typedef struct cg_participant {
  uint32_t actor;        /* index into cg_docx.actors */
  cg_role role;
  int mention;           /* index into cg_docx.mentions it was read from, or -1 */
} cg_participant;

/* One event mention found in this document. lemma and parts are memory of
 * cg_docx_alloc of the cg_docx that holds the event (as cg_actor's strings; events of
 * one trigger word may share one lemma string). */
typedef struct cg_event {
  size_t trig_start, trig_end;  /* trigger span */
  char *lemma;                  /* "annex", "invasion", "say" */
  const char *cls;              /* class name from the event lexicon (borrowed, static
                                   for the lifetime of the lexicon): "statement",
                                   "military_force", ... */
  uint32_t sentence;            /* index into cg_docx.sentences */
  int timex;                    /* index into cg_docx.timexes used to date it, or -1 */
  bool dated;                   /* false: date unknown (never invented) */
  cg_span date;                 /* interval of the date, with granularity */
  char value[48];               /* TIMEX3-style value of the event date ("2014", "2022") */
  char mod[16];                 /* "" or APPROX, BEFORE, ... */
  const char *date_rule;        /* static string: "timex-attached", "timex-clause",
                                   "dct-reporting", "age-start", "since", ... */
  cg_participant *parts;
  size_t nparts;
  double confidence;            /* 0..1 */
} cg_event;

/* ---------------------------------------------------------------- one document */

typedef struct cg_docx {
  cg_doc *doc;            /* owned */
  int64_t dct_day;        /* day number of the DCT, or CG_NO_DAY */
  CG_VEC(cg_sentence) sents;
  CG_VEC(cg_timex) timexes;
  CG_VEC(cg_actor) actors;
  CG_VEC(cg_mention) mentions;
  CG_VEC(cg_event) events;
  /* Blocks of cg_docx_alloc (newest first): every string and array of the actors
   * and events (their only owner). */
  struct cg_docx_block *mem;
} cg_docx;

/* Takes ownership of doc (even on failure). Caller frees with cg_docx_free. */
cg_docx *cg_docx_new(cg_doc *doc);
/* Frees everything, the actor and event strings and arrays with the blocks of
 * cg_docx_alloc that hold them. NULL ok. */
void cg_docx_free(cg_docx *dx);

/* A bump allocator, and the only owner, of the strings and arrays attached to a
 * document's actors and events (keys, names, aliases, event lemmas, participants):
 * a few blocks per document instead of one malloc and one free per string (measured:
 * the allocator was about a tenth of the actor and event stages), and nothing to free
 * one by one. The memory is aligned for any type, owned by dx and lives until
 * cg_docx_free; the caller never frees it. Never NULL. */
void *cg_docx_alloc(cg_docx *dx, size_t n);
/* s[0..n) and a NUL in memory of cg_docx_alloc (s borrowed: may be anywhere). */
char *cg_docx_strndup(cg_docx *dx, const char *s, size_t n);
char *cg_docx_strdup(cg_docx *dx, const char *s); /* s borrowed, NUL-terminated */

/* Makes room for one more alias of a (an actor of dx): grows a->aliases (memory of
 * cg_docx_alloc, the next power of two >= naliases) when full. The caller then stores
 * a string of cg_docx_alloc at a->aliases[a->naliases++]. */
void cg_docx_alias_room(cg_docx *dx, cg_actor *a);

/* Index of the sentence containing byte offset off (binary search), or the last one. */
size_t cg_docx_sentence_at(const cg_docx *dx, size_t off);

#endif
