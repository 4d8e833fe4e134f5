/*
 * The extract pipeline for one document: sentences -> timexes -> actors -> events.
 * A cg_pipeline holds the loaded lexicons; it is immutable once built, so several
 * threads may run documents through one pipeline at the same time.
 */
#ifndef CG_PIPELINE_H
#define CG_PIPELINE_H

#include "model.h"
#include "timex.h"

typedef struct cg_pipeline cg_pipeline;

typedef struct cg_pipeline_opts {
  const char *datadir;  /* NULL = cg_datadir(NULL) */
  cg_tag_mode mode;     /* temporal anchoring mode */
  bool timex_only;      /* skip actors and events (tagger benchmarks, TimeML output) */
} cg_pipeline_opts;

cg_pipeline_opts cg_pipeline_opts_default(void);

/* Loads every lexicon. On success *out is a pipeline the caller frees with
 * cg_pipeline_free; on failure *out is NULL and err names the lexicon file. */
cg_status cg_pipeline_new(cg_pipeline **out, const cg_pipeline_opts *opts, cg_error *err);
void cg_pipeline_free(cg_pipeline *p);

/* Runs every stage on doc, taking ownership of it (even on failure). Returns the
 * extraction, which the caller frees with cg_docx_free. Never fails on content. */
cg_docx *cg_pipeline_run(const cg_pipeline *p, cg_doc *doc);

#endif
