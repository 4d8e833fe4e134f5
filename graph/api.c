/* The public API (include/chronograph.h): the pipeline, the readers and the corpus
 * behind a few functions, for programs that want JSON and nothing else. */
#include "chronograph.h"

#include "corpus.h"
#include "pipeline.h"
#include "reader.h"

#include <stdlib.h>

/* The corpus of everything added, as the CLI prints it (indented, newline-ended).
 * Never NULL: the direct writer cannot fail (allocation failure aborts). */
static char *corpus_json_text(cg_corpus *c) {
  cg_corpus_finish(c);
  cg_buf b = {0};
  cg_corpus_write_json(c, &b);
  cg_buf_putc(&b, '\n');
  return cg_buf_detach(&b);
}

struct cg_extractor {
  cg_pipeline *p; /* immutable once built: shared by every thread that calls */
};

cg_status cg_extractor_new(cg_extractor **out, const char *datadir, cg_error *err) {
  *out = NULL;
  cg_error_clear(err);
  cg_pipeline_opts o = cg_pipeline_opts_default();
  o.datadir = datadir;
  cg_pipeline *p = NULL;
  cg_status st = cg_pipeline_new(&p, &o, err);
  if (st != CG_OK) return st;
  *out = cg_xmalloc(sizeof **out);
  (*out)->p = p;
  return CG_OK;
}

void cg_extractor_free(cg_extractor *ex) {
  if (!ex) return;
  cg_pipeline_free(ex->p);
  free(ex);
}

cg_status cg_extractor_text(const cg_extractor *ex, const char *text, size_t len,
                            const char *dct, char **json_out, cg_error *err) {
  *json_out = NULL;
  cg_error_clear(err);
  cg_read_opts o = cg_read_opts_default();
  o.format = CG_FMT_TEXT;
  o.default_dct = dct;
  cg_doc **docs = NULL;
  size_t n = 0;
  cg_status st = cg_read_buffer(text ? text : "", text ? len : 0, CG_FMT_TEXT, "text", &o,
                                &docs, &n, err);
  if (st == CG_OK) {
    cg_corpus *c = cg_corpus_new();
    for (size_t i = 0; i < n; i++) {
      cg_docx *dx = cg_pipeline_run(ex->p, docs[i]); /* takes the document */
      docs[i] = NULL;
      cg_corpus_add_docx(c, dx, false);
      cg_docx_free(dx);
    }
    *json_out = corpus_json_text(c);
    cg_corpus_free(c);
  }
  for (size_t i = 0; i < n; i++) cg_doc_free(docs[i]);
  free(docs);
  return st;
}

cg_status cg_extract_text(const char *text, size_t len, const char *dct, char **json_out,
                          cg_error *err) {
  *json_out = NULL;
  cg_extractor *ex = NULL;
  cg_status st = cg_extractor_new(&ex, NULL, err);
  if (st == CG_OK) st = cg_extractor_text(ex, text, len, dct, json_out, err);
  cg_extractor_free(ex);
  return st;
}

cg_status cg_extract_paths(const char *const *paths, size_t npaths, const char *default_dct,
                           char **json_out, size_t *nbad, cg_error *err) {
  *json_out = NULL;
  if (nbad) *nbad = 0;
  cg_error_clear(err);
  cg_pipeline *p = NULL;
  cg_status st = cg_pipeline_new(&p, NULL, err);
  if (st != CG_OK) return st;
  cg_read_opts o = cg_read_opts_default();
  o.default_dct = default_dct;
  cg_reader *r = cg_reader_new(paths, npaths, &o);
  cg_pipeline_ctx *ctx = cg_pipeline_ctx_new(); /* working memory reused across documents */
  cg_corpus *c = cg_corpus_new();
  bool first_bad = true;
  for (;;) {
    cg_doc *d = NULL;
    cg_error e;
    cg_error_clear(&e);
    if (cg_reader_next(r, &d, &e) != CG_OK) {
      if (nbad) (*nbad)++;
      if (first_bad && err) *err = e;
      first_bad = false;
      continue;
    }
    if (!d) break;
    cg_docx *dx = cg_pipeline_run_ctx(p, ctx, d);
    cg_corpus_add_docx(c, dx, false);
    cg_docx_free(dx);
  }
  *json_out = corpus_json_text(c);
  cg_corpus_free(c);
  cg_reader_free(r);
  cg_pipeline_ctx_free(ctx);
  cg_pipeline_free(p);
  return CG_OK;
}
