/*
 * Test helper: a document made from a string and split into sentences, the starting
 * point of the stage tests (actors, events, sentences, ownership). Header-only.
 */
#ifndef CG_DOCX_FIXTURE_H
#define CG_DOCX_FIXTURE_H

#include "model.h"
#include "sentences.h"

#include <string.h>

/* A document of text (copied) with publication date dct (NULL: none), split into
 * sentences. Caller frees it with cg_docx_free (it owns the document). */
static inline cg_docx *fx_split_docx(const char *text, const char *dct) {
  cg_doc *d = cg_doc_new();
  d->text = cg_xstrdup(text);
  d->len = strlen(text);
  if (dct) d->dct = cg_xstrdup(dct);
  cg_docx *dx = cg_docx_new(d);
  cg_sentences_split(dx);
  return dx;
}

/* Index of the actor of dx with this key ("per:dmitry peskov"), or -1. */
static inline int fx_actor_key(const cg_docx *dx, const char *key) {
  for (size_t i = 0; i < dx->actors.len; i++)
    if (strcmp(dx->actors.items[i].key, key) == 0) return (int)i;
  return -1;
}

#endif
