/*
 * The working memory of a thread running documents (cg_pipeline_ctx): its arrays are
 * kept from document to document (a news article reuses them), but those a large
 * document grew past CG_SCRATCH_KEEP are given back when it is done, so that a
 * thread that met one book does not hold hundreds of MB for the rest of a run. The
 * documents after it get the same extraction as with a fresh ctx.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "pipeline.h"
#include "tokens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *PARA =
    "On March %zu, 2024, President Joe Biden met Chancellor Olaf Scholz in Berlin, "
    "and the Kremlin said on Tuesday that Russia would respond. Dmitry Peskov told "
    "reporters the talks collapsed last week; NATO troops arrived in Poland %zu days "
    "later.\n\n";

/* A document of about `bytes` bytes of news-like paragraphs (caller frees). */
static cg_doc *make_doc(size_t bytes) {
  cg_buf b = {0};
  for (size_t i = 0; b.len < bytes; i++) cg_buf_printf(&b, PARA, i % 28 + 1, i % 90 + 2);
  cg_doc *d = cg_doc_new();
  d->id = strdup("d");
  d->dct = strdup("2025-12-06");
  d->dct_source = CG_DCT_OPTION;
  d->len = b.len;
  d->text = cg_buf_detach(&b);
  return d;
}

static cg_pipeline *P;

static int setup(void **state) {
  (void)state;
  cg_error err;
  return cg_pipeline_new(&P, NULL, &err) == CG_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  cg_pipeline_free(P);
  return 0;
}

/* Runs a document of `bytes` bytes through ctx; returns how many events it has. */
static size_t run(cg_pipeline_ctx *ctx, size_t bytes) {
  cg_docx *dx = cg_pipeline_run_ctx(P, ctx, make_doc(bytes));
  size_t n = dx->events.len;
  assert_true(n > 0);
  cg_docx_free(dx);
  return n;
}

/* A small document keeps its arrays for the next one; a large one (1.5 MB: about
 * 270,000 tokens, 8 MB of tokens alone) gives its arrays back: what the ctx holds
 * after it and then a small one is what a small one alone leaves. */
static void test_large_document_gives_back(void **state) {
  (void)state;
  cg_pipeline_ctx *ctx = cg_pipeline_ctx_new();
  size_t small_events = run(ctx, 4000);
  size_t small = cg_pipeline_ctx_bytes(ctx);
  assert_true(small > 0 && small < CG_SCRATCH_KEEP);
  run(ctx, 4000);
  assert_int_equal(cg_pipeline_ctx_bytes(ctx), small); /* reused, not made anew */
  run(ctx, 1500000);
  size_t after_large = cg_pipeline_ctx_bytes(ctx);
  assert_int_equal(run(ctx, 4000), small_events);
  size_t after = cg_pipeline_ctx_bytes(ctx);
  /* the arrays under CG_SCRATCH_KEEP stay (per sentence, per event, ...: 3.9 MB
   * here); without the trim the ctx held 54 MB */
  assert_true(after_large < 4 * CG_SCRATCH_KEEP);
  assert_true(after < 4 * CG_SCRATCH_KEEP);
  cg_pipeline_ctx_free(ctx);
}

/* Extracts a document of `bytes` bytes and writes its events' spans, values and
 * participants to out. */
static void extract_events(cg_pipeline_ctx *ctx, size_t bytes, cg_buf *out) {
  cg_docx *dx = cg_pipeline_run_ctx(P, ctx, make_doc(bytes));
  for (size_t i = 0; i < dx->events.len; i++) {
    const cg_event *e = &dx->events.items[i];
    cg_buf_printf(out, "%zu %zu %s %s %s %d %zu|", e->trig_start, e->trig_end, e->lemma,
                  e->value, e->date_rule ? e->date_rule : "-", e->timex, e->nparts);
    for (size_t k = 0; k < e->nparts; k++)
      cg_buf_printf(out, "%u:%d:%d ", e->parts[k].actor, (int)e->parts[k].role,
                    e->parts[k].mention);
  }
  cg_buf_printf(out, "/%zu %zu %zu\n", dx->timexes.len, dx->mentions.len, dx->actors.len);
  cg_docx_free(dx);
}

/* The documents after a large one get what a fresh ctx gives them: the per-token
 * arrays made anew after the trim (the map of token starts among them) hold
 * nothing of the large one. */
static void test_after_large_same_result(void **state) {
  (void)state;
  cg_buf fresh = {0}, used = {0};
  cg_pipeline_ctx *a = cg_pipeline_ctx_new();
  extract_events(a, 6000, &fresh);
  extract_events(a, 3000, &fresh);
  cg_pipeline_ctx_free(a);
  cg_pipeline_ctx *b = cg_pipeline_ctx_new();
  extract_events(b, 1500000, &used);
  used.len = 0;
  extract_events(b, 6000, &used);
  extract_events(b, 3000, &used);
  cg_pipeline_ctx_free(b);
  assert_true(fresh.len > 0);
  assert_string_equal(used.data, fresh.data);
  cg_buf_free(&fresh);
  cg_buf_free(&used);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_large_document_gives_back),
      cmocka_unit_test(test_after_large_same_result),
  };
  return cmocka_run_group_tests(tests, setup, teardown) != 0;
}
