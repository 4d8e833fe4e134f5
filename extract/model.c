/* Construction and destruction of documents and per-document extractions. */
#include "model.h"

#include <stdlib.h>

const char *cg_dct_source_name(cg_dct_source s) {
  switch (s) {
  case CG_DCT_META: return "meta";
  case CG_DCT_OPTION: return "option";
  case CG_DCT_TEXT: return "text";
  case CG_DCT_NONE: break;
  }
  return "none";
}

const char *cg_timex_type_name(cg_timex_type t) {
  switch (t) {
  case CG_TX_DATE: return "DATE";
  case CG_TX_TIME: return "TIME";
  case CG_TX_DURATION: return "DURATION";
  case CG_TX_SET: return "SET";
  }
  return "DATE";
}

const char *cg_actor_kind_name(cg_actor_kind k) {
  switch (k) {
  case CG_ACTOR_PERSON: return "PERSON";
  case CG_ACTOR_ORG: return "ORG";
  case CG_ACTOR_GPE: return "GPE";
  case CG_ACTOR_LOC: return "LOC";
  }
  return "ORG";
}

const char *cg_role_name(cg_role r) {
  switch (r) {
  case CG_ROLE_AGENT: return "agent";
  case CG_ROLE_PATIENT: return "patient";
  case CG_ROLE_SPEAKER: return "speaker";
  case CG_ROLE_LOCATION: return "location";
  case CG_ROLE_OTHER: break;
  }
  return "other";
}

cg_doc *cg_doc_new(void) { return cg_xcalloc(1, sizeof(cg_doc)); }

void cg_doc_free(cg_doc *d) {
  if (!d) return;
  free(d->id);
  free(d->source);
  free(d->title);
  free(d->url);
  free(d->dct);
  free(d->text);
  free(d->raw);
  free(d);
}

cg_docx *cg_docx_new(cg_doc *doc) {
  cg_docx *dx = cg_xcalloc(1, sizeof *dx);
  dx->doc = doc;
  dx->dct_day = doc ? cg_parse_iso_day(doc->dct) : CG_NO_DAY;
  return dx;
}

void cg_docx_free(cg_docx *dx) {
  if (!dx) return;
  for (size_t i = 0; i < dx->actors.len; i++) {
    cg_actor *a = &dx->actors.items[i];
    free(a->key);
    free(a->name);
    for (size_t j = 0; j < a->naliases; j++) free(a->aliases[j]);
    free(a->aliases);
  }
  for (size_t i = 0; i < dx->events.len; i++) {
    free(dx->events.items[i].lemma);
    free(dx->events.items[i].parts);
  }
  free(dx->sents.items);
  free(dx->timexes.items);
  free(dx->actors.items);
  free(dx->mentions.items);
  free(dx->events.items);
  cg_doc_free(dx->doc);
  free(dx);
}

size_t cg_docx_sentence_at(const cg_docx *dx, size_t off) {
  size_t lo = 0, hi = dx->sents.len;
  if (hi == 0) return 0;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (dx->sents.items[mid].start <= off) lo = mid;
    else hi = mid;
  }
  return lo;
}
