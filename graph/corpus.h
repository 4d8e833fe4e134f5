/*
 * The corpus: every document's extraction merged into one set of documents, actors
 * and events (internal; its JSON form is schema 2, docs/schema.md).
 *
 * Documents enter as schema-2 JSON objects (one per document, as `extract --format
 * jsonl` writes them), so that extract-then-merge and a direct run take the same
 * path: merge(extract(a) + extract(b)) == extract(a + b).
 *
 * Merging: actors with the same key become one actor (aliases and mentions united);
 * events of different documents with the same class or lemma, compatible dates and a
 * shared participant become one event that keeps every mention. Ids are assigned in
 * cg_corpus_finish from content, so they do not depend on arrival order of shards.
 *
 * After cg_corpus_finish the arrays are read-only for graph/ and render/.
 *
 * Memory: in a corpus built by corpus.c every string (ids, names, triggers,
 * sentences, ...), every document's sentence table and every event's parts/mentions
 * array lives in the corpus's arena, and repeated strings are pooled (one copy per
 * distinct text): never free(), realloc() or modify them, they go with cg_corpus_free.
 * Code that fills a cg_corpus by hand (test fixtures) owns its own strings and frees
 * them itself instead of calling cg_corpus_free.
 */
#ifndef CG_CORPUS_H
#define CG_CORPUS_H

#include "model.h"

#include <jansson.h>
#include <stdio.h>

typedef struct cg_csent { /* one sentence of a document */
  size_t start, end; /* byte offsets into the document's text */
  char *text;
} cg_csent;

typedef struct cg_cdoc {
  char *id, *source, *title, *url, *dct, *dct_source; /* NULL when absent */
  char *text;        /* only when the input carried it (--with-text) */
  /* Every sentence of the document in text order; event mentions refer to them by
   * index. A document id met again with other sentences (two inputs that reuse an
   * id) gets those appended, so every index stays valid. */
  CG_VEC(cg_csent) sents;
} cg_cdoc;

typedef struct cg_ctimex {
  char *id;          /* "t1", ... (corpus-wide) */
  uint32_t doc;      /* index into docs */
  size_t start, end;
  char *text, *type, *value, *mod; /* mod "" when none */
} cg_ctimex;

typedef struct cg_cmention { /* an actor mention */
  uint32_t doc;
  size_t start, end;
  char *text;
} cg_cmention;

typedef struct cg_cactor {
  char *id;          /* "a1", ... after finish (sorted by name, then key) */
  char *key;         /* cross-document identity */
  char *name;
  cg_actor_kind kind;
  CG_VEC(char *) aliases;
  CG_VEC(cg_cmention) mentions;
  int affiliation;   /* index into actors or -1 */
  /* Network metrics, filled by cg_network_analyse (NaN-free; 0 when not computed). */
  double degree, strength, pagerank, betweenness;
  int community, component;
} cg_cactor;

typedef struct cg_cpart {
  uint32_t actor;    /* index into actors */
  cg_role role;
} cg_cpart;

#define CG_NO_SENTENCE UINT32_MAX

typedef struct cg_emention { /* an event mention */
  uint32_t doc;
  uint32_t sentence; /* index into docs[doc].sents, or CG_NO_SENTENCE */
  size_t trig_start, trig_end;
  char *trigger;
} cg_emention;

typedef struct cg_cevent { /* fields ordered to avoid padding: there are millions */
  char *id;          /* "e1", ... after finish (sorted by date, then doc order) */
  char *lemma, *cls;
  char *date_rule;   /* NULL when undated */
  cg_span date;      /* valid iff dated */
  char value[48], mod[16];
  CG_VEC(cg_cpart) parts;
  CG_VEC(cg_emention) mentions; /* [0] is the first telling */
  double confidence;
  int timex;         /* index into timexes, or -1 */
  bool dated;
} cg_cevent;

typedef struct cg_corpus {
  CG_VEC(cg_cdoc) docs;
  CG_VEC(cg_ctimex) timexes;
  CG_VEC(cg_cactor) actors;
  CG_VEC(cg_cevent) events;
  bool finished;
  bool merge_events; /* default true: cross-document event merge */
  bool has_metrics;  /* set by cg_network_new once actor metrics are filled */
  struct cg_corpus_index *index; /* private lookup tables */
} cg_corpus;

cg_corpus *cg_corpus_new(void);        /* caller frees with cg_corpus_free */
void cg_corpus_free(cg_corpus *c);     /* NULL ok */

/* Adds one schema-2 object (documents/timexes/actors/events of any number of
 * documents, as `extract` or `extract --format jsonl` writes). Borrowed obj.
 * On CG_EINPUT nothing was added; an object of another schema version (schema 1
 * kept each event's sentence text inline) is refused with a message saying to
 * re-run extract. */
cg_status cg_corpus_add_json(cg_corpus *c, const json_t *obj, const char *source,
                             cg_error *err);

/* True when obj is a chronograph result of another schema version than this one
 * reads (cg_corpus_add_json refuses it): lets a reader of a JSONL file say so once
 * rather than once per line. */
bool cg_corpus_other_schema(const json_t *obj);

/* Adds one document's extraction (borrowed): the same result as cg_corpus_add_json on
 * cg_docx_to_json(dx, with_text), without the JSON round trip. Cannot fail on a
 * cg_docx the pipeline produced; returns CG_OK. */
cg_status cg_corpus_add_docx(cg_corpus *c, const cg_docx *dx, bool with_text);

/* Sorts, assigns stable ids. Idempotent. Must be called before reading the arrays. */
void cg_corpus_finish(cg_corpus *c);

/* Schema-2 JSON of the whole corpus (finished first). New reference, caller
 * json_decref()s. Actor metrics are included when has_metrics is set. */
json_t *cg_corpus_to_json(const cg_corpus *c);

/* Appends exactly the bytes of json_dumps(cg_corpus_to_json(c), JSON_INDENT(2) |
 * JSON_REAL_PRECISION(6)) (no final newline) without building the jansson tree
 * (graph/corpus_write.c). c finished, as for cg_corpus_to_json. */
void cg_corpus_write_json(const cg_corpus *c, cg_buf *out);

/* The same bytes written to f (borrowed, left open) in blocks of about 1 MiB, so that
 * neither a tree nor the whole text is held in memory: how the CLI prints the
 * corpus. Returns 0, or -1 when f reports a write error. */
int cg_corpus_dump_json(const cg_corpus *c, FILE *f);

/* One document's extraction as a schema-2 object (ids local to the document:
 * "<docid>#t1"...). New reference. with_text adds "text" to the document. */
json_t *cg_docx_to_json(const cg_docx *dx, bool with_text);

/* Appends exactly the bytes of json_dumps(cg_docx_to_json(dx, with_text),
 * JSON_COMPACT | JSON_REAL_PRECISION(6)), without building a jansson tree: the fast
 * path of `extract --format jsonl`. */
void cg_docx_write_json(const cg_docx *dx, bool with_text, cg_buf *out);

/* A hook of cg_docx_write_json_parts, called with the writer's buffer (borrowed) and
 * the ud given there: it may take bytes from the start of out -- hand them on, then
 * lower out->len, moving what it keeps to the front (cg_buf_clear takes them all) --
 * or leave out as it is. It must not free, move or shrink out->data. */
typedef void (*cg_docx_spill)(cg_buf *out, void *ud);

/* As cg_docx_write_json, for a document whose line may be too large to hold whole:
 * each time out has grown by `every` bytes or more since the last call (since the
 * start at first), calls spill(out, ud) at a point between two array elements (a
 * sentence, timex, actor, mention or event). The bytes taken by the calls, in order,
 * followed by what is left in out, are exactly the bytes of cg_docx_write_json. A
 * spill that takes nothing is called again only after `every` more bytes, so a hook
 * that must wait costs one call per `every` bytes. A string is never split: with
 * with_text, the document text is one piece. */
void cg_docx_write_json_parts(const cg_docx *dx, bool with_text, cg_buf *out, size_t every,
                              cg_docx_spill spill, void *ud);

/* What cg_docx_write_json_cached keeps from one document to the next: the JSON of the
 * values that recur across documents (days, confidences, the names of the model's
 * enumerations), each keyed by the value itself, so that it holds nothing of any
 * document or lexicon and stays valid whatever is freed in between. Every call writes
 * to it: one per thread (cli/run.c keeps one per worker). */
typedef struct cg_docx_json_cache cg_docx_json_cache;

cg_docx_json_cache *cg_docx_json_cache_new(void);    /* caller frees with cg_docx_json_cache_free */
void cg_docx_json_cache_free(cg_docx_json_cache *c); /* NULL ok */

/* cg_docx_write_json_parts with c (borrowed; NULL: none, as cg_docx_write_json and
 * cg_docx_write_json_parts write, keeping nothing): the same bytes, fewer instructions
 * over many documents, as what c holds is not formatted again. */
void cg_docx_write_json_cached(cg_docx_json_cache *c, const cg_docx *dx, bool with_text,
                               cg_buf *out, size_t every, cg_docx_spill spill, void *ud);

/* {"earliest","latest","granularity"} of a date interval (ISO days). New reference. */
json_t *cg_span_to_json_days(const cg_span *s);

/* The sentence an event mention was told in (borrowed), or NULL when it has none. */
static inline const cg_csent *cg_emention_sentence(const cg_corpus *c, const cg_emention *m) {
  if (m->doc >= c->docs.len || m->sentence >= c->docs.items[m->doc].sents.len) return NULL;
  return &c->docs.items[m->doc].sents.items[m->sentence];
}

/* Main participant of an event (agent, else speaker, else first), or -1. */
int cg_cevent_main_actor(const cg_corpus *c, const cg_cevent *e);

#endif
