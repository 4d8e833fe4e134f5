/* A direct writer for one document's schema-2 object, the hot path of
 * `extract --format jsonl`. It writes exactly the bytes of
 *   json_dumps(cg_docx_to_json(dx, with_text), JSON_COMPACT | JSON_REAL_PRECISION(6))
 * (same key order, same string escaping, same number formatting) without building a
 * jansson tree: no allocation per value, keys and punctuation copied as literals,
 * values through graph/json_out.h. tests/test_docx_write.c holds the two equal. */
#include "corpus.h"
#include "json_out.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Keys and punctuation: every call below appends a literal of known length. */
#define LIT CG_JSON_LIT

static void put_cstr(cg_buf *b, const char *s) {
  if (s) cg_json_put_str(b, s, strlen(s));
  else LIT(b, "null");
}

/* Appends again the n bytes already written at offset at (a part written twice). */
static void put_again(cg_buf *b, size_t at, size_t n) {
  cg_buf_reserve(b, n); /* so that b->data does not move while it is copied from */
  cg_buf_append(b, b->data + at, n);
}

/* A string known to need no escaping (the dates format_day writes). */
static void put_plain(cg_buf *b, const char *s) {
  cg_buf_putc(b, '"');
  cg_buf_append(b, s, strlen(s));
  cg_buf_putc(b, '"');
}

static void put_id(cg_buf *b, char prefix, size_t n) {
  char head[2] = {'"', prefix};
  cg_buf_append(b, head, 2);
  cg_json_put_uint(b, n);
  cg_buf_putc(b, '"');
}

/* "start":S,"end":E,"text":"..." (the caller writes the braces). */
static void put_span_fields(cg_buf *b, const char *text, size_t start, size_t end) {
  LIT(b, "\"start\":");
  cg_json_put_uint(b, start);
  LIT(b, ",\"end\":");
  cg_json_put_uint(b, end);
  LIT(b, ",\"text\":");
  cg_json_put_str(b, text + start, end - start);
}

/* An event's sentence: its index in the document's "sentences", or null. */
static void put_sentence_ref(cg_buf *b, const cg_docx *dx, uint32_t si) {
  if (si < dx->sents.len) cg_json_put_uint(b, si);
  else LIT(b, "null");
}

static void put_trigger(cg_buf *b, const cg_docx *dx, const cg_event *e) {
  cg_buf_putc(b, '{');
  put_span_fields(b, dx->doc->text, e->trig_start, e->trig_end);
  LIT(b, ",\"lemma\":");
  put_cstr(b, e->lemma);
  cg_buf_putc(b, '}');
}

/* cg_format_day without snprintf for the years 0..9999 that nearly every date has. */
static void format_day(int64_t day, char out[24]) {
  int64_t y;
  unsigned m, d;
  cg_civil_from_days(day, &y, &m, &d);
  if (y < 0 || y > 9999) {
    cg_format_day(day, out, 24);
    return;
  }
  unsigned yy = (unsigned)y;
  char t[11] = {(char)('0' + yy / 1000), (char)('0' + yy / 100 % 10), (char)('0' + yy / 10 % 10),
                (char)('0' + yy % 10), '-', (char)('0' + m / 10), (char)('0' + m % 10), '-',
                (char)('0' + d / 10), (char)('0' + d % 10), '\0'};
  memcpy(out, t, sizeof t);
}

static void put_date(cg_buf *b, const cg_docx *dx, const cg_event *e) {
  if (!e->dated || !e->date.valid) {
    LIT(b, "null");
    return;
  }
  char a[24], z[24];
  format_day(e->date.earliest, a);
  format_day(e->date.latest, z);
  LIT(b, "{\"earliest\":"), put_plain(b, a);
  LIT(b, ",\"latest\":"), put_plain(b, z);
  LIT(b, ",\"granularity\":"), put_cstr(b, cg_gran_name(e->date.gran));
  LIT(b, ",\"value\":"), put_cstr(b, e->value);
  LIT(b, ",\"mod\":"), put_cstr(b, e->mod);
  LIT(b, ",\"rule\":"), put_cstr(b, e->date_rule);
  LIT(b, ",\"timex\":");
  if (e->timex >= 0 && (size_t)e->timex < dx->timexes.len) put_id(b, 't', (size_t)e->timex + 1);
  else LIT(b, "null");
  cg_buf_putc(b, '}');
}

/* The document, with every sentence: events refer to them by index, so a sentence
 * told by several events is written once. */
static void put_document(cg_buf *b, const cg_docx *dx, bool with_text) {
  const cg_doc *d = dx->doc;
  LIT(b, "{\"id\":"), put_cstr(b, d->id);
  LIT(b, ",\"source\":"), put_cstr(b, d->source);
  LIT(b, ",\"title\":"), put_cstr(b, d->title);
  LIT(b, ",\"dct\":"), put_cstr(b, d->dct);
  LIT(b, ",\"dct_source\":"), put_cstr(b, cg_dct_source_name(d->dct_source));
  if (d->url) LIT(b, ",\"url\":"), put_cstr(b, d->url);
  if (with_text) LIT(b, ",\"text\":"), cg_json_put_str(b, d->text, d->len);
  LIT(b, ",\"sentences\":[");
  for (size_t i = 0; i < dx->sents.len; i++) {
    if (i) cg_buf_putc(b, ',');
    cg_buf_putc(b, '{');
    put_span_fields(b, d->text, dx->sents.items[i].start, dx->sents.items[i].end);
    cg_buf_putc(b, '}');
  }
  LIT(b, "]}");
}

/* docid: the document id as a JSON string, escaped once per document: it is
 * repeated in every timex, actor mention and event (twice in each event). */
static void put_timexes(cg_buf *b, const cg_docx *dx, const cg_buf *docid) {
  cg_buf_putc(b, '[');
  for (size_t i = 0; i < dx->timexes.len; i++) {
    const cg_timex *t = &dx->timexes.items[i];
    if (i) cg_buf_putc(b, ',');
    LIT(b, "{\"id\":"), put_id(b, 't', i + 1);
    LIT(b, ",\"doc\":"), cg_buf_append(b, docid->data, docid->len);
    cg_buf_putc(b, ',');
    put_span_fields(b, dx->doc->text, t->start, t->end);
    LIT(b, ",\"type\":"), put_cstr(b, cg_timex_type_name(t->type));
    LIT(b, ",\"value\":"), put_cstr(b, t->value);
    LIT(b, ",\"mod\":"), put_cstr(b, t->mod);
    cg_buf_putc(b, '}');
  }
  cg_buf_putc(b, ']');
}

/* Mentions are grouped per actor in one pass over the (start-sorted) mention array,
 * so writing stays linear in the number of mentions. */
static void put_actors(cg_buf *b, const cg_docx *dx, const cg_buf *docid) {
  size_t na = dx->actors.len, nm = dx->mentions.len;
  size_t *first = cg_xcalloc(na + 1, sizeof *first), *next = cg_xcalloc(nm + 1, sizeof *next);
  size_t *last = cg_xcalloc(na + 1, sizeof *last);
  for (size_t a = 0; a < na; a++) first[a] = last[a] = SIZE_MAX;
  for (size_t k = 0; k < nm; k++) {
    size_t a = dx->mentions.items[k].actor;
    next[k] = SIZE_MAX;
    if (a >= na) continue;
    if (first[a] == SIZE_MAX) first[a] = k;
    else next[last[a]] = k;
    last[a] = k;
  }
  cg_buf_putc(b, '[');
  for (size_t i = 0; i < na; i++) {
    const cg_actor *a = &dx->actors.items[i];
    if (i) cg_buf_putc(b, ',');
    LIT(b, "{\"id\":"), put_id(b, 'a', i + 1);
    LIT(b, ",\"key\":"), put_cstr(b, a->key);
    LIT(b, ",\"name\":"), put_cstr(b, a->name);
    LIT(b, ",\"kind\":"), put_cstr(b, cg_actor_kind_name(a->kind));
    LIT(b, ",\"aliases\":[");
    for (size_t k = 0; k < a->naliases; k++) {
      if (k) cg_buf_putc(b, ',');
      put_cstr(b, a->aliases[k]);
    }
    LIT(b, "],\"mentions\":[");
    for (size_t k = first[i], n = 0; k != SIZE_MAX; k = next[k], n++) {
      const cg_mention *m = &dx->mentions.items[k];
      if (n) cg_buf_putc(b, ',');
      cg_buf_putc(b, '{');
      put_span_fields(b, dx->doc->text, m->start, m->end);
      LIT(b, ",\"doc\":"), cg_buf_append(b, docid->data, docid->len);
      cg_buf_putc(b, '}');
    }
    LIT(b, "],\"affiliation\":");
    if (a->affiliation >= 0 && (size_t)a->affiliation < na) put_id(b, 'a', (size_t)a->affiliation + 1);
    else LIT(b, "null");
    cg_buf_putc(b, '}');
  }
  cg_buf_putc(b, ']');
  free(first);
  free(next);
  free(last);
}

/* The mention repeats the event's document, trigger and sentence: the trigger is
 * copied from where it was just written rather than formatted again. */
static void put_events(cg_buf *b, const cg_docx *dx, const cg_buf *docid) {
  cg_buf_putc(b, '[');
  for (size_t i = 0; i < dx->events.len; i++) {
    const cg_event *e = &dx->events.items[i];
    if (i) cg_buf_putc(b, ',');
    LIT(b, "{\"id\":"), put_id(b, 'e', i + 1);
    LIT(b, ",\"doc\":"), cg_buf_append(b, docid->data, docid->len);
    LIT(b, ",\"trigger\":");
    size_t trig_at = b->len;
    put_trigger(b, dx, e);
    size_t trig_len = b->len - trig_at;
    LIT(b, ",\"class\":"), put_cstr(b, e->cls ? e->cls : "other");
    LIT(b, ",\"date\":"), put_date(b, dx, e);
    LIT(b, ",\"participants\":[");
    for (size_t k = 0; k < e->nparts; k++) {
      if (k) cg_buf_putc(b, ',');
      LIT(b, "{\"actor\":"), put_id(b, 'a', (size_t)e->parts[k].actor + 1);
      LIT(b, ",\"role\":"), put_cstr(b, cg_role_name(e->parts[k].role));
      cg_buf_putc(b, '}');
    }
    LIT(b, "],\"sentence\":"), put_sentence_ref(b, dx, e->sentence);
    LIT(b, ",\"confidence\":"), cg_json_put_real6(b, round(e->confidence * 1e6) / 1e6);
    LIT(b, ",\"mentions\":[{\"doc\":"), cg_buf_append(b, docid->data, docid->len);
    LIT(b, ",\"trigger\":"), put_again(b, trig_at, trig_len);
    LIT(b, ",\"sentence\":"), put_sentence_ref(b, dx, e->sentence);
    LIT(b, "}]}");
  }
  cg_buf_putc(b, ']');
}

void cg_docx_write_json(const cg_docx *dx, bool with_text, cg_buf *out) {
  cg_buf docid = {0};
  put_cstr(&docid, dx->doc->id);
  LIT(out, "{\"chronograph\":"), put_cstr(out, CG_SCHEMA_VERSION);
  LIT(out, ",\"documents\":["), put_document(out, dx, with_text);
  LIT(out, "],\"timexes\":"), put_timexes(out, dx, &docid);
  LIT(out, ",\"actors\":"), put_actors(out, dx, &docid);
  LIT(out, ",\"events\":"), put_events(out, dx, &docid);
  cg_buf_putc(out, '}');
  cg_buf_free(&docid);
}
