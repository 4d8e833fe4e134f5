/* Internals shared by events.c (triggers, participants), events_date.c (dating) and
 * events_lex.c (loading). */
#ifndef CG_EVENTS_INT_H
#define CG_EVENTS_INT_H

#include "events.h"
#include "lexmap.h"
#include "tokens.h"

enum { CG_TRIG_REPORT = 1u << 0 };

typedef struct cg_trigger {
  char *lemma;
  const char *cls;   /* points into lx->classes */
  unsigned flags;    /* CG_TRIG_* */
} cg_trigger;

struct cg_event_lexicon {
  cg_lexmap *verbs;  /* lower-cased form -> index into trig */
  cg_lexmap *nouns;
  CG_VEC(cg_trigger) trig;
  cg_lexmap *classmap; /* class name -> index into classes */
  CG_VEC(char *) classes;
};

/* Per-event working data kept beside dx->events while a document is processed. */
typedef struct cg_evwork {
  size_t tok;          /* trigger token */
  size_t s0, s1;       /* token range of its sentence */
  bool noun, report;
  double actor_conf;   /* how the participants were found (0.5 none .. 1 pattern) */
} cg_evwork;

/* Token-level view of a document shared by the event passes. */
typedef struct cg_evdoc {
  cg_docx *dx;
  const char *t;
  cg_tokens tk;
  int *tok_mention;  /* per token: index of the mention covering it, or -1 */
  int *tok_timex;    /* per token: index of the timex covering it, or -1 */
  CG_VEC(cg_evwork) work; /* work.items[i] belongs to dx->events.items[first + i] */
  size_t first;
} cg_evdoc;

/* Dates every event of ed (events_date.c). */
void cg_events_date(cg_evdoc *ed);

#endif
