/*
 * The temporal tagger: finds TIMEX3 expressions in English news text and normalises
 * them against the document's publication date (DCT) or, in narrative mode, the
 * last explicit date in the text. Rules and lexicons are loaded from data/en/timex/.
 */
#ifndef CG_TIMEX_H
#define CG_TIMEX_H

#include "model.h"

typedef struct cg_tagger cg_tagger;

typedef enum cg_tag_mode {
  CG_MODE_AUTO = 0,  /* news when the DCT is known and the text reads as news, else narrative */
  CG_MODE_NEWS,      /* relative expressions anchor on the DCT */
  CG_MODE_NARRATIVE  /* relative expressions anchor on the last explicit date in the text */
} cg_tag_mode;

/* Loads the rule files under <datadir>/en/timex. datadir NULL = cg_datadir(NULL).
 * On success *out is a tagger the caller frees with cg_tagger_free. The tagger is
 * immutable: cg_tagger_run may be called from several threads at once. */
cg_status cg_tagger_new(cg_tagger **out, const char *datadir, cg_error *err);
void cg_tagger_free(cg_tagger *t);

/* Appends the timexes of dx->doc->text to dx->timexes, sorted by start and not
 * overlapping, anchored on dx->dct_day (CG_NO_DAY: relative values stay unresolved
 * unless narrative mode finds an anchor). dx->sents may be used if filled.
 * Linear in the text length. Never fails on content. */
cg_status cg_tagger_run(const cg_tagger *t, cg_docx *dx, cg_tag_mode mode);

/* Working memory of the tagger for one thread, reused from document to document (its
 * token arrays keep their size). Caller frees with cg_tagger_scratch_free; never share
 * one between threads running at once. */
typedef struct cg_tagger_scratch cg_tagger_scratch;
cg_tagger_scratch *cg_tagger_scratch_new(void);
void cg_tagger_scratch_free(cg_tagger_scratch *s); /* NULL ok */

/* As cg_tagger_run with the working memory s (borrowed), so that a thread running
 * document after document does not allocate the token arrays for each one.
 * cg_tagger_run makes and frees one for each call. */
cg_status cg_tagger_run_scratch(const cg_tagger *t, cg_docx *dx, cg_tag_mode mode,
                                cg_tagger_scratch *s);

#endif
