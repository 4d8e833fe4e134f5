/* A direct writer for the merged corpus, the output of `extract` (json), `merge`,
 * `graph --format corpus` and the public API. It writes exactly the bytes of
 *   json_dumps(cg_corpus_to_json(c), JSON_INDENT(2) | JSON_REAL_PRECISION(6))
 * (same key order, indentation, escaping and number formatting) without building
 * the jansson tree, which held one allocation per value (about as much memory again
 * as the corpus itself) and was dumped through one fwrite per token. Values go
 * through graph/json_out.h, as in the per-document writer (graph/docx_write.c).
 * tests/test_corpus_write.c holds the two paths equal.
 *
 * Where a string is not valid UTF-8 the tree holds what jansson makes of it, and so
 * does this writer: null for the values built with jstr_or_null, no member for
 * those added with json_object_set_new(json_string()). The one exception is a
 * string that json_pack takes as "s" (ids, key, class, ...): there jansson drops
 * the whole enclosing object; this writer writes "\uFFFD" as the JSONL writer does.
 * Corpora read through extract/ never hold such strings (readers validate UTF-8). */
#include "corpus.h"
#include "json_out.h"

#include <math.h>
#include <string.h>

/* Keys and punctuation: literals of known length (graph/json_out.h). */
#define LIT CG_JSON_LIT

/* The stream variant hands the buffer to stdio whenever it holds this much, after
 * a whole document, timex, actor or event: memory stays at one block however large
 * the corpus. */
enum { FLUSH_BYTES = 1 << 20 };

typedef struct sink {
  cg_buf *b;
  FILE *f; /* NULL: everything stays in b */
} sink;

static void drain(sink *s) {
  if (!s->f || s->b->len < FLUSH_BYTES) return;
  fwrite(s->b->data, 1, s->b->len, s->f);
  cg_buf_clear(s->b);
}

/* ------------------------------------------------------------ layout (JSON_INDENT(2)) */

/* A line break and the indentation of nesting level depth. */
static void put_nl(cg_buf *b, unsigned depth) {
  static const char nl[] = "\n                "; /* up to depth 8; the corpus reaches 6 */
  cg_buf_append(b, nl, 1 + 2 * depth);
}

/* Opens a member of the object at level depth: lead is '{' for the first member,
 * ',' for the others; key is the quoted key with its ": " separator. */
static void put_key(cg_buf *b, unsigned depth, char lead, const char *key, size_t n) {
  cg_buf_putc(b, lead);
  put_nl(b, depth + 1);
  cg_buf_append(b, key, n);
}
#define FIRST(b, depth, k) put_key((b), (depth), '{', "\"" k "\": ", sizeof(k) + 3)
#define NEXT(b, depth, k) put_key((b), (depth), ',', "\"" k "\": ", sizeof(k) + 3)

static void end_obj(cg_buf *b, unsigned depth) {
  put_nl(b, depth);
  cg_buf_putc(b, '}');
}

/* Item i of the array at level depth; end_arr closes it after n items ("[]" when
 * there were none, as jansson writes an empty array). */
static void arr_item(cg_buf *b, unsigned depth, size_t i) {
  cg_buf_putc(b, i ? ',' : '[');
  put_nl(b, depth + 1);
}

static void end_arr(cg_buf *b, unsigned depth, size_t n) {
  if (!n) {
    LIT(b, "[]");
    return;
  }
  put_nl(b, depth);
  cg_buf_putc(b, ']');
}

/* ------------------------------------------------------------ values */

/* What jstr_or_null (graph/corpus.c) puts in the tree: the string, or null when
 * there is none or it is not UTF-8. */
static void put_str_or_null(cg_buf *b, const char *s) {
  if (!s || !cg_json_put_str_valid(b, s, strlen(s))) LIT(b, "null");
}

/* A string json_pack takes as "s" (never NULL in a corpus; see the file comment
 * for one that is not UTF-8). */
static void put_str(cg_buf *b, const char *s) {
  if (s) cg_json_put_str(b, s, strlen(s));
  else LIT(b, "null");
}

/* A member set with json_object_set_new(o, key, json_string(s)): left out when s
 * is not UTF-8, as jansson then refuses it. */
static void put_opt(cg_buf *b, unsigned depth, const char *key, size_t n, const char *s) {
  size_t mark = b->len;
  put_key(b, depth, ',', key, n);
  if (!cg_json_put_str_valid(b, s, strlen(s))) b->len = mark;
}
#define OPT(b, depth, k, s) put_opt((b), (depth), "\"" k "\": ", sizeof(k) + 3, (s))

/* Metrics are rounded as cg_corpus_to_json rounds them (byte-identical output
 * across platforms whose floating-point summation order differs in the last bits). */
static double round6(double x) { return isfinite(x) ? round(x * 1e6) / 1e6 : 0.0; }

/* span_json: {"start","end","text"} then "doc" when docid is given. */
static void put_span(cg_buf *b, unsigned depth, const char *docid, size_t start, size_t end,
                     const char *text) {
  FIRST(b, depth, "start"), cg_json_put_uint(b, start);
  NEXT(b, depth, "end"), cg_json_put_uint(b, end);
  NEXT(b, depth, "text"), put_str_or_null(b, text);
  if (docid) OPT(b, depth, "doc", docid);
}

static void put_sentence_ref(cg_buf *b, const cg_emention *m) {
  if (m->sentence == CG_NO_SENTENCE) LIT(b, "null");
  else cg_json_put_uint(b, m->sentence);
}

/* ------------------------------------------------------------ the four arrays */

/* A document at level 2. */
static void put_document(cg_buf *b, const cg_cdoc *d) {
  FIRST(b, 2, "id"), put_str(b, d->id);
  NEXT(b, 2, "source"), put_str_or_null(b, d->source);
  NEXT(b, 2, "title"), put_str_or_null(b, d->title);
  NEXT(b, 2, "dct"), put_str_or_null(b, d->dct);
  NEXT(b, 2, "dct_source"), put_str_or_null(b, d->dct_source ? d->dct_source : "none");
  if (d->url) NEXT(b, 2, "url"), put_str_or_null(b, d->url);
  if (d->text) NEXT(b, 2, "text"), put_str_or_null(b, d->text);
  NEXT(b, 2, "sentences");
  for (size_t k = 0; k < d->sents.len; k++) {
    const cg_csent *s = &d->sents.items[k];
    arr_item(b, 3, k);
    put_span(b, 4, NULL, s->start, s->end, s->text);
    end_obj(b, 4);
  }
  end_arr(b, 3, d->sents.len);
  end_obj(b, 2);
}

static void put_timex(cg_buf *b, const cg_corpus *c, const cg_ctimex *t) {
  FIRST(b, 2, "id"), put_str(b, t->id);
  NEXT(b, 2, "doc"), put_str(b, c->docs.items[t->doc].id);
  NEXT(b, 2, "start"), cg_json_put_uint(b, t->start);
  NEXT(b, 2, "end"), cg_json_put_uint(b, t->end);
  NEXT(b, 2, "text"), put_str_or_null(b, t->text);
  NEXT(b, 2, "type"), put_str_or_null(b, t->type);
  NEXT(b, 2, "value"), put_str_or_null(b, t->value);
  NEXT(b, 2, "mod"), put_str(b, t->mod);
  end_obj(b, 2);
}

static void put_metrics(cg_buf *b, const cg_cactor *a) {
  FIRST(b, 3, "degree"), cg_json_put_real6(b, round6(a->degree));
  NEXT(b, 3, "strength"), cg_json_put_real6(b, round6(a->strength));
  NEXT(b, 3, "pagerank"), cg_json_put_real6(b, round6(a->pagerank));
  NEXT(b, 3, "betweenness"), cg_json_put_real6(b, round6(a->betweenness));
  NEXT(b, 3, "community"), cg_json_put_int(b, a->community);
  NEXT(b, 3, "component"), cg_json_put_int(b, a->component);
  end_obj(b, 3);
}

static void put_actor(cg_buf *b, const cg_corpus *c, const cg_cactor *a) {
  FIRST(b, 2, "id"), put_str(b, a->id);
  NEXT(b, 2, "key"), put_str(b, a->key);
  NEXT(b, 2, "name"), put_str_or_null(b, a->name);
  NEXT(b, 2, "kind"), put_str(b, cg_actor_kind_name(a->kind));
  NEXT(b, 2, "aliases");
  for (size_t k = 0; k < a->aliases.len; k++) {
    arr_item(b, 3, k);
    put_str_or_null(b, a->aliases.items[k]);
  }
  end_arr(b, 3, a->aliases.len);
  NEXT(b, 2, "mentions");
  for (size_t k = 0; k < a->mentions.len; k++) {
    const cg_cmention *m = &a->mentions.items[k];
    arr_item(b, 3, k);
    put_span(b, 4, c->docs.items[m->doc].id, m->start, m->end, m->text);
    end_obj(b, 4);
  }
  end_arr(b, 3, a->mentions.len);
  NEXT(b, 2, "affiliation");
  if (a->affiliation >= 0) put_str(b, c->actors.items[a->affiliation].id);
  else LIT(b, "null");
  if (c->has_metrics) NEXT(b, 2, "metrics"), put_metrics(b, a);
  end_obj(b, 2);
}

/* The event's date at level 3, or null. */
static void put_date(cg_buf *b, const cg_corpus *c, const cg_cevent *e) {
  if (!e->dated) {
    LIT(b, "null");
    return;
  }
  char day[24];
  cg_format_day(e->date.earliest, day, sizeof day);
  FIRST(b, 3, "earliest"), put_str(b, day);
  cg_format_day(e->date.latest, day, sizeof day);
  NEXT(b, 3, "latest"), put_str(b, day);
  NEXT(b, 3, "granularity"), put_str(b, cg_gran_name(e->date.gran));
  OPT(b, 3, "value", e->value);
  OPT(b, 3, "mod", e->mod);
  NEXT(b, 3, "rule"), put_str_or_null(b, e->date_rule);
  NEXT(b, 3, "timex");
  if (e->timex >= 0 && (size_t)e->timex < c->timexes.len) put_str(b, c->timexes.items[e->timex].id);
  else LIT(b, "null");
  end_obj(b, 3);
}

static void put_event(cg_buf *b, const cg_corpus *c, const cg_cevent *e) {
  const cg_emention *m0 = &e->mentions.items[0];
  FIRST(b, 2, "id"), put_str(b, e->id);
  NEXT(b, 2, "doc"), put_str(b, c->docs.items[m0->doc].id);
  NEXT(b, 2, "trigger");
  put_span(b, 3, NULL, m0->trig_start, m0->trig_end, m0->trigger);
  NEXT(b, 3, "lemma"), put_str_or_null(b, e->lemma);
  end_obj(b, 3);
  NEXT(b, 2, "class"), put_str(b, e->cls);
  NEXT(b, 2, "date"), put_date(b, c, e);
  NEXT(b, 2, "participants");
  for (size_t k = 0; k < e->parts.len; k++) {
    arr_item(b, 3, k);
    FIRST(b, 4, "actor"), put_str(b, c->actors.items[e->parts.items[k].actor].id);
    NEXT(b, 4, "role"), put_str(b, cg_role_name(e->parts.items[k].role));
    end_obj(b, 4);
  }
  end_arr(b, 3, e->parts.len);
  NEXT(b, 2, "sentence"), put_sentence_ref(b, m0);
  NEXT(b, 2, "confidence"), cg_json_put_real6(b, round6(e->confidence));
  NEXT(b, 2, "mentions");
  for (size_t k = 0; k < e->mentions.len; k++) {
    const cg_emention *m = &e->mentions.items[k];
    arr_item(b, 3, k);
    FIRST(b, 4, "doc"), put_str(b, c->docs.items[m->doc].id);
    NEXT(b, 4, "trigger");
    put_span(b, 5, NULL, m->trig_start, m->trig_end, m->trigger);
    end_obj(b, 5);
    NEXT(b, 4, "sentence"), put_sentence_ref(b, m);
    end_obj(b, 4);
  }
  end_arr(b, 3, e->mentions.len);
  end_obj(b, 2);
}

/* ------------------------------------------------------------ the document */

static void write_corpus(const cg_corpus *c, sink *s) {
  cg_buf *b = s->b;
  FIRST(b, 0, "chronograph"), put_str(b, CG_SCHEMA_VERSION);
  NEXT(b, 0, "documents");
  for (size_t i = 0; i < c->docs.len; i++) {
    arr_item(b, 1, i);
    put_document(b, &c->docs.items[i]);
    drain(s);
  }
  end_arr(b, 1, c->docs.len);
  NEXT(b, 0, "timexes");
  for (size_t i = 0; i < c->timexes.len; i++) {
    arr_item(b, 1, i);
    put_timex(b, c, &c->timexes.items[i]);
    drain(s);
  }
  end_arr(b, 1, c->timexes.len);
  NEXT(b, 0, "actors");
  for (size_t i = 0; i < c->actors.len; i++) {
    arr_item(b, 1, i);
    put_actor(b, c, &c->actors.items[i]);
    drain(s);
  }
  end_arr(b, 1, c->actors.len);
  NEXT(b, 0, "events");
  for (size_t i = 0; i < c->events.len; i++) {
    arr_item(b, 1, i);
    put_event(b, c, &c->events.items[i]);
    drain(s);
  }
  end_arr(b, 1, c->events.len);
  end_obj(b, 0);
}

void cg_corpus_write_json(const cg_corpus *c, cg_buf *out) {
  sink s = {out, NULL};
  write_corpus(c, &s);
}

int cg_corpus_dump_json(const cg_corpus *c, FILE *f) {
  cg_buf b = {0};
  sink s = {&b, f};
  write_corpus(c, &s);
  if (b.len) fwrite(b.data, 1, b.len, f);
  cg_buf_free(&b);
  return ferror(f) ? -1 : 0;
}
