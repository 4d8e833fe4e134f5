/* Wires the extract stages in their fixed order; owns the lexicons. */
#include "pipeline.h"

#include "actors.h"
#include "events.h"
#include "sentences.h"

#include <stdlib.h>

struct cg_pipeline {
  cg_pipeline_opts opts;
  cg_splitter *splitter;
  cg_tagger *tagger;
  cg_actor_lexicon *actors;
  cg_event_lexicon *events;
};

cg_pipeline_opts cg_pipeline_opts_default(void) {
  cg_pipeline_opts o = {NULL, CG_MODE_AUTO, false};
  return o;
}

cg_status cg_pipeline_new(cg_pipeline **out, const cg_pipeline_opts *opts, cg_error *err) {
  cg_pipeline *p = cg_xcalloc(1, sizeof *p);
  p->opts = opts ? *opts : cg_pipeline_opts_default();
  const char *dir = cg_datadir(p->opts.datadir);
  cg_status st = cg_splitter_new(&p->splitter, dir, err);
  if (st == CG_OK) st = cg_tagger_new(&p->tagger, dir, err);
  if (st == CG_OK && !p->opts.timex_only) st = cg_actor_lexicon_new(&p->actors, dir, err);
  if (st == CG_OK && !p->opts.timex_only) st = cg_event_lexicon_new(&p->events, dir, err);
  if (st != CG_OK) {
    cg_pipeline_free(p);
    p = NULL;
  }
  *out = p;
  return st;
}

void cg_pipeline_free(cg_pipeline *p) {
  if (!p) return;
  cg_splitter_free(p->splitter);
  cg_tagger_free(p->tagger);
  cg_actor_lexicon_free(p->actors);
  cg_event_lexicon_free(p->events);
  free(p);
}

struct cg_pipeline_ctx {
  cg_tokens tk; /* one tokenisation per document, shared by the stages */
  cg_tagger_scratch *tagger;
  cg_actor_scratch *actors;
  cg_event_scratch *events;
};

cg_pipeline_ctx *cg_pipeline_ctx_new(void) {
  cg_pipeline_ctx *ctx = cg_xcalloc(1, sizeof *ctx);
  ctx->tagger = cg_tagger_scratch_new();
  ctx->actors = cg_actor_scratch_new();
  ctx->events = cg_event_scratch_new();
  return ctx;
}

void cg_pipeline_ctx_free(cg_pipeline_ctx *ctx) {
  if (!ctx) return;
  free(ctx->tk.items);
  cg_tagger_scratch_free(ctx->tagger);
  cg_actor_scratch_free(ctx->actors);
  cg_event_scratch_free(ctx->events);
  free(ctx);
}

size_t cg_pipeline_ctx_bytes(const cg_pipeline_ctx *ctx) {
  return ctx->tk.cap * sizeof *ctx->tk.items + cg_actor_scratch_bytes(ctx->actors) +
         cg_event_scratch_bytes(ctx->events);
}

cg_docx *cg_pipeline_run_ctx(const cg_pipeline *p, cg_pipeline_ctx *ctx, cg_doc *doc) {
  cg_docx *dx = cg_docx_new(doc);
  /* Sentences, actors and events share one tokenisation of the document. */
  cg_sentences_split_tokens(p->splitter, dx, &ctx->tk);
  /* The stages never fail on content; a status other than OK would be a bug in a
   * stage, and the document keeps whatever was found before it. */
  if (cg_tagger_run_scratch(p->tagger, dx, p->opts.mode, ctx->tagger) == CG_OK &&
      !p->opts.timex_only && cg_actors_run_scratch(p->actors, dx, &ctx->tk, ctx->actors) == CG_OK)
    cg_events_run_scratch(p->events, dx, &ctx->tk, ctx->events);
  bool large = ctx->tk.cap * sizeof *ctx->tk.items > CG_SCRATCH_KEEP;
  CG_SCRATCH_TRIM_VEC(&ctx->tk); /* a large document's tokens (see there) */
  /* measured, a 10 MB document then 2 MB of small ones, --jobs 1: 57 MB resident at
   * the end without this, 30 MB with it (210 MB before the trims) */
  if (large) cg_scratch_give_back();
  return dx;
}

cg_docx *cg_pipeline_run(const cg_pipeline *p, cg_doc *doc) {
  cg_pipeline_ctx *ctx = cg_pipeline_ctx_new();
  cg_docx *dx = cg_pipeline_run_ctx(p, ctx, doc);
  cg_pipeline_ctx_free(ctx);
  return dx;
}
