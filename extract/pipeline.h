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
 * extraction, which the caller frees with cg_docx_free. Never fails on content.
 * Makes and frees a cg_pipeline_ctx: a thread running many documents should keep one
 * and call cg_pipeline_run_ctx. */
cg_docx *cg_pipeline_run(const cg_pipeline *p, cg_doc *doc);

/* Working memory of one thread running documents through a pipeline (the token array
 * and the stages' scratch), reused from document to document so that a document
 * costs few allocations. Caller frees with cg_pipeline_ctx_free. One per thread:
 * never used by two threads at once. */
typedef struct cg_pipeline_ctx cg_pipeline_ctx;
cg_pipeline_ctx *cg_pipeline_ctx_new(void);
void cg_pipeline_ctx_free(cg_pipeline_ctx *ctx); /* NULL ok */

/* Bytes of the arrays ctx keeps for the next document (not the stages' maps). A
 * document that grew one past CG_SCRATCH_KEEP (tokens.h) gives it back when done:
 * what a thread keeps after a book is what a news article needs. For tests. */
size_t cg_pipeline_ctx_bytes(const cg_pipeline_ctx *ctx);

/* As cg_pipeline_run with the working memory ctx (borrowed). */
cg_docx *cg_pipeline_run_ctx(const cg_pipeline *p, cg_pipeline_ctx *ctx, cg_doc *doc);

#endif
