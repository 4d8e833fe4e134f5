/* Construction and destruction of documents and per-document extractions. */
#include "model.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

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

typedef struct cg_docx_block {
  struct cg_docx_block *next;
  size_t used, cap; /* bytes of data */
} cg_docx_block;

enum { BLOCK_ALIGN = alignof(max_align_t), BLOCK_FIRST = 4096 };

/* The data of a block starts after its header, rounded up to BLOCK_ALIGN. */
#define BLOCK_HDR ((sizeof(cg_docx_block) + BLOCK_ALIGN - 1) / BLOCK_ALIGN * BLOCK_ALIGN)

static char *block_data(const cg_docx_block *b) { return (char *)b + BLOCK_HDR; }

void *cg_docx_alloc(cg_docx *dx, size_t n) {
  /* at least one unit: distinct calls return distinct pointers */
  n = n ? (n + BLOCK_ALIGN - 1) / BLOCK_ALIGN * BLOCK_ALIGN : BLOCK_ALIGN;
  cg_docx_block *b = dx->mem;
  if (!b || b->cap - b->used < n) {
    size_t cap = b ? b->cap * 2 : BLOCK_FIRST;
    if (cap < n) cap = n;
    b = cg_xmalloc(BLOCK_HDR + cap);
    b->next = dx->mem;
    b->used = 0;
    b->cap = cap;
    dx->mem = b;
  }
  void *p = block_data(b) + b->used;
  b->used += n;
  return p;
}

char *cg_docx_strndup(cg_docx *dx, const char *s, size_t n) {
  char *p = cg_docx_alloc(dx, n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *cg_docx_strdup(cg_docx *dx, const char *s) { return cg_docx_strndup(dx, s, strlen(s)); }

void cg_docx_alias_room(cg_docx *dx, cg_actor *a) {
  size_t n = a->naliases;
  if (n & (n - 1)) return; /* room left: full only when n is 0 or a power of two */
  char **grown = cg_docx_alloc(dx, (n ? 2 * n : 1) * sizeof(char *));
  if (n) memcpy(grown, a->aliases, n * sizeof(char *));
  a->aliases = grown;
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
  /* the actor and event strings and arrays live in the blocks */
  for (cg_docx_block *b = dx->mem, *nx; b; b = nx) {
    nx = b->next;
    free(b);
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
