/* Event triggers, classes, participants and dating: fills cg_docx.events from the
 * lexicons under data/en/events/ and the sentences, timexes and actor mentions
 * already in the cg_docx. */
#ifndef CG_EVENTS_H
#define CG_EVENTS_H

#include "model.h"
#include "tokens.h"

typedef struct cg_event_lexicon cg_event_lexicon;

/* Loads <datadir>/en/events/... (datadir NULL = cg_datadir(NULL)). Caller frees with
 * cg_event_lexicon_free. Immutable after loading: safe to share between threads. */
cg_status cg_event_lexicon_new(cg_event_lexicon **out, const char *datadir, cg_error *err);
void cg_event_lexicon_free(cg_event_lexicon *lx);

/* Appends the events of dx (sorted by trigger start). Every event's cls points into
 * the lexicon (borrowed for the lexicon's lifetime). Linear in the text. */
cg_status cg_events_run(const cg_event_lexicon *lx, cg_docx *dx);

/* As cg_events_run with the tokens of the whole text already made (see
 * cg_actors_run_tokens; borrowed, not changed). tk NULL = tokenise here. */
cg_status cg_events_run_tokens(const cg_event_lexicon *lx, cg_docx *dx, const cg_tokens *tk);

/* Working memory of the event stage for one thread, reused from document to
 * document. Caller frees with cg_event_scratch_free; never share one between threads
 * running at once. */
typedef struct cg_event_scratch cg_event_scratch;
cg_event_scratch *cg_event_scratch_new(void);
void cg_event_scratch_free(cg_event_scratch *s); /* NULL ok */

/* Bytes of the arrays s keeps for the next document: tests check that a large
 * document's are given back (CG_SCRATCH_KEEP). */
size_t cg_event_scratch_bytes(const cg_event_scratch *s);

/* As cg_events_run_tokens with the working memory s (borrowed).
 * cg_events_run_tokens makes and frees one for each call. */
cg_status cg_events_run_scratch(const cg_event_lexicon *lx, cg_docx *dx, const cg_tokens *tk,
                                cg_event_scratch *s);

#endif
