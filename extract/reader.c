/* Placeholder reader: plain text files only. Replaced by the real readers. */
#include "reader.h"

#include <stdlib.h>
#include <string.h>

struct cg_reader {
  char **paths;
  size_t n, next;
  cg_read_opts opts;
};

int cg_input_format_parse(const char *name, cg_input_format *out) {
  if (!strcmp(name, "auto")) *out = CG_FMT_AUTO;
  else if (!strcmp(name, "text")) *out = CG_FMT_TEXT;
  else return -1;
  return 0;
}

cg_read_opts cg_read_opts_default(void) {
  cg_read_opts o = {CG_FMT_AUTO, NULL, false, 64u << 20};
  return o;
}

cg_reader *cg_reader_new(const char *const *paths, size_t npaths, const cg_read_opts *opts) {
  cg_reader *r = cg_xcalloc(1, sizeof *r);
  r->paths = cg_xcalloc(npaths, sizeof(char *));
  for (size_t i = 0; i < npaths; i++) r->paths[i] = cg_xstrdup(paths[i]);
  r->n = npaths;
  r->opts = opts ? *opts : cg_read_opts_default();
  return r;
}

void cg_reader_free(cg_reader *r) {
  if (!r) return;
  for (size_t i = 0; i < r->n; i++) free(r->paths[i]);
  free(r->paths);
  free(r);
}

void cg_reader_set_warn(cg_reader *r, void (*warn)(const cg_error *w, void *ud), void *ud) {
  (void)r;
  (void)warn;
  (void)ud;
}

cg_status cg_reader_next(cg_reader *r, cg_doc **doc, cg_error *err) {
  *doc = NULL;
  if (r->next >= r->n) return CG_OK;
  const char *p = r->paths[r->next++];
  char *buf;
  size_t len;
  cg_status st = cg_read_file(p, r->opts.max_doc_bytes, &buf, &len, err);
  if (st != CG_OK) return st;
  cg_doc *d = cg_doc_new();
  d->id = cg_xstrdup(p);
  d->source = cg_xstrdup(p);
  d->text = buf;
  d->len = len;
  if (r->opts.default_dct) {
    d->dct = cg_xstrdup(r->opts.default_dct);
    d->dct_source = CG_DCT_OPTION;
  }
  *doc = d;
  return CG_OK;
}

cg_status cg_read_buffer(const char *buf, size_t len, cg_input_format fmt, const char *name,
                         const cg_read_opts *opts, cg_doc ***docs, size_t *ndocs,
                         cg_error *err) {
  (void)fmt;
  (void)opts;
  (void)err;
  cg_doc *d = cg_doc_new();
  d->id = cg_xstrdup(name);
  d->source = cg_xstrdup(name);
  d->text = cg_xstrndup(buf, len);
  d->len = len;
  *docs = cg_xcalloc(1, sizeof(cg_doc *));
  (*docs)[0] = d;
  *ndocs = 1;
  return CG_OK;
}
