/* A direct writer for one document's schema-1 object, the hot path of
 * `extract --format jsonl`. It writes exactly the bytes of
 *   json_dumps(cg_docx_to_json(dx, with_text), JSON_COMPACT | JSON_REAL_PRECISION(6))
 * (same key order, same string escaping, same number formatting) without building a
 * jansson tree: no allocation per value. tests/test_docx_write.c holds the two equal. */
#include "corpus.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. Mirrors jansson's
 * validation, which decides whether a span becomes a string or U+FFFD. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  size_t len;
  unsigned cp;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
  else return 0;
  if (len > n) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

/* A JSON string as jansson writes it: '"' and '\\' escaped, control characters as
 * \b \f \n \r \t or \u00XX, everything else (UTF-8 included) raw. Text with invalid
 * UTF-8 (a stage bug) becomes U+FFFD, as jansson's json_stringn refusal does above.
 * One pass: plain ASCII is copied in runs, multi-byte sequences are checked in place. */
static void put_str(cg_buf *b, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t mark = b->len;
  cg_buf_reserve(b, n + 2);
  cg_buf_putc(b, '"');
  size_t run = 0;
  for (size_t i = 0; i < n;) {
    unsigned char c = u[i];
    if (c >= 0x80) {
      size_t k = utf8_seq(u + i, n - i);
      if (!k) {
        b->len = mark;
        cg_buf_append(b, "\"\xEF\xBF\xBD\"", 5);
        return;
      }
      i += k;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      i++;
      continue;
    }
    cg_buf_append(b, s + run, i - run);
    run = ++i;
    switch (c) {
    case '"': cg_buf_append(b, "\\\"", 2); break;
    case '\\': cg_buf_append(b, "\\\\", 2); break;
    case '\b': cg_buf_append(b, "\\b", 2); break;
    case '\f': cg_buf_append(b, "\\f", 2); break;
    case '\n': cg_buf_append(b, "\\n", 2); break;
    case '\r': cg_buf_append(b, "\\r", 2); break;
    case '\t': cg_buf_append(b, "\\t", 2); break;
    default: cg_buf_printf(b, "\\u%04X", c); break;
    }
  }
  cg_buf_append(b, s + run, n - run);
  cg_buf_putc(b, '"');
}

static void put_cstr(cg_buf *b, const char *s) {
  if (s) put_str(b, s, strlen(s));
  else cg_buf_append(b, "null", 4);
}

/* "key": — a macro so that the key's length is known at compile time. */
#define put_key(b, k) cg_buf_append((b), "\"" k "\":", sizeof(k) + 2)

static void put_uint(cg_buf *b, size_t v) {
  char tmp[24];
  size_t i = sizeof tmp;
  do tmp[--i] = (char)('0' + v % 10);
  while ((v /= 10) > 0);
  cg_buf_append(b, tmp + i, sizeof tmp - i);
}

/* jansson's real format with precision 6: "%.6g", a ".0" when it would read as an
 * integer, and the exponent without '+' or leading zeros. */
static void put_real(cg_buf *b, double v) {
  char tmp[64];
  snprintf(tmp, sizeof tmp, "%.6g", v);
  if (!strchr(tmp, '.') && !strchr(tmp, 'e')) strcat(tmp, ".0");
  char *e = strchr(tmp, 'e');
  if (e) {
    char *p = e + 1, *q = p;
    if (*q == '+') q++;
    else if (*q == '-') p++, q++;
    while (*q == '0' && q[1]) q++;
    memmove(p, q, strlen(q) + 1);
  }
  cg_buf_puts(b, tmp);
}

static void put_id(cg_buf *b, char prefix, size_t n) {
  cg_buf_putc(b, '"');
  cg_buf_putc(b, prefix);
  put_uint(b, n);
  cg_buf_putc(b, '"');
}

/* {"start":S,"end":E,"text":"..."} with an optional trailing field written by caller. */
static void put_span_fields(cg_buf *b, const char *text, size_t start, size_t end) {
  put_key(b, "start");
  put_uint(b, start);
  cg_buf_putc(b, ',');
  put_key(b, "end");
  put_uint(b, end);
  cg_buf_putc(b, ',');
  put_key(b, "text");
  put_str(b, text + start, end - start);
}

static void put_sentence(cg_buf *b, const cg_docx *dx, uint32_t si) {
  if (si >= dx->sents.len) {
    cg_buf_append(b, "null", 4);
    return;
  }
  cg_buf_putc(b, '{');
  put_span_fields(b, dx->doc->text, dx->sents.items[si].start, dx->sents.items[si].end);
  cg_buf_putc(b, '}');
}

static void put_trigger(cg_buf *b, const cg_docx *dx, const cg_event *e) {
  cg_buf_putc(b, '{');
  put_span_fields(b, dx->doc->text, e->trig_start, e->trig_end);
  cg_buf_putc(b, ',');
  put_key(b, "lemma");
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
    cg_buf_append(b, "null", 4);
    return;
  }
  char a[24], z[24];
  format_day(e->date.earliest, a);
  format_day(e->date.latest, z);
  cg_buf_putc(b, '{');
  put_key(b, "earliest"), put_cstr(b, a), cg_buf_putc(b, ',');
  put_key(b, "latest"), put_cstr(b, z), cg_buf_putc(b, ',');
  put_key(b, "granularity"), put_cstr(b, cg_gran_name(e->date.gran)), cg_buf_putc(b, ',');
  put_key(b, "value"), put_cstr(b, e->value), cg_buf_putc(b, ',');
  put_key(b, "mod"), put_cstr(b, e->mod), cg_buf_putc(b, ',');
  put_key(b, "rule"), put_cstr(b, e->date_rule), cg_buf_putc(b, ',');
  put_key(b, "timex");
  if (e->timex >= 0 && (size_t)e->timex < dx->timexes.len) put_id(b, 't', (size_t)e->timex + 1);
  else cg_buf_append(b, "null", 4);
  cg_buf_putc(b, '}');
}

static void put_document(cg_buf *b, const cg_doc *d, bool with_text) {
  cg_buf_putc(b, '{');
  put_key(b, "id"), put_cstr(b, d->id), cg_buf_putc(b, ',');
  put_key(b, "source"), put_cstr(b, d->source), cg_buf_putc(b, ',');
  put_key(b, "title"), put_cstr(b, d->title), cg_buf_putc(b, ',');
  put_key(b, "dct"), put_cstr(b, d->dct), cg_buf_putc(b, ',');
  put_key(b, "dct_source"), put_cstr(b, cg_dct_source_name(d->dct_source));
  if (d->url) cg_buf_putc(b, ','), put_key(b, "url"), put_cstr(b, d->url);
  if (with_text) cg_buf_putc(b, ','), put_key(b, "text"), put_str(b, d->text, d->len);
  cg_buf_putc(b, '}');
}

static void put_timexes(cg_buf *b, const cg_docx *dx) {
  cg_buf_putc(b, '[');
  for (size_t i = 0; i < dx->timexes.len; i++) {
    const cg_timex *t = &dx->timexes.items[i];
    if (i) cg_buf_putc(b, ',');
    cg_buf_putc(b, '{');
    put_key(b, "id"), put_id(b, 't', i + 1), cg_buf_putc(b, ',');
    put_key(b, "doc"), put_cstr(b, dx->doc->id), cg_buf_putc(b, ',');
    put_span_fields(b, dx->doc->text, t->start, t->end);
    cg_buf_putc(b, ',');
    put_key(b, "type"), put_cstr(b, cg_timex_type_name(t->type)), cg_buf_putc(b, ',');
    put_key(b, "value"), put_cstr(b, t->value), cg_buf_putc(b, ',');
    put_key(b, "mod"), put_cstr(b, t->mod);
    cg_buf_putc(b, '}');
  }
  cg_buf_putc(b, ']');
}

/* Mentions are grouped per actor in one pass over the (start-sorted) mention array,
 * so writing stays linear in the number of mentions. */
static void put_actors(cg_buf *b, const cg_docx *dx) {
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
    cg_buf_putc(b, '{');
    put_key(b, "id"), put_id(b, 'a', i + 1), cg_buf_putc(b, ',');
    put_key(b, "key"), put_cstr(b, a->key), cg_buf_putc(b, ',');
    put_key(b, "name"), put_cstr(b, a->name), cg_buf_putc(b, ',');
    put_key(b, "kind"), put_cstr(b, cg_actor_kind_name(a->kind)), cg_buf_putc(b, ',');
    put_key(b, "aliases"), cg_buf_putc(b, '[');
    for (size_t k = 0; k < a->naliases; k++) {
      if (k) cg_buf_putc(b, ',');
      put_cstr(b, a->aliases[k]);
    }
    cg_buf_append(b, "],", 2);
    put_key(b, "mentions"), cg_buf_putc(b, '[');
    for (size_t k = first[i], n = 0; k != SIZE_MAX; k = next[k], n++) {
      const cg_mention *m = &dx->mentions.items[k];
      if (n) cg_buf_putc(b, ',');
      cg_buf_putc(b, '{');
      put_span_fields(b, dx->doc->text, m->start, m->end);
      cg_buf_putc(b, ',');
      put_key(b, "doc"), put_cstr(b, dx->doc->id);
      cg_buf_putc(b, '}');
    }
    cg_buf_append(b, "],", 2);
    put_key(b, "affiliation");
    if (a->affiliation >= 0 && (size_t)a->affiliation < na) put_id(b, 'a', (size_t)a->affiliation + 1);
    else cg_buf_append(b, "null", 4);
    cg_buf_putc(b, '}');
  }
  cg_buf_putc(b, ']');
  free(first);
  free(next);
  free(last);
}

static void put_events(cg_buf *b, const cg_docx *dx) {
  cg_buf_putc(b, '[');
  for (size_t i = 0; i < dx->events.len; i++) {
    const cg_event *e = &dx->events.items[i];
    if (i) cg_buf_putc(b, ',');
    cg_buf_putc(b, '{');
    put_key(b, "id"), put_id(b, 'e', i + 1), cg_buf_putc(b, ',');
    put_key(b, "doc"), put_cstr(b, dx->doc->id), cg_buf_putc(b, ',');
    put_key(b, "trigger"), put_trigger(b, dx, e), cg_buf_putc(b, ',');
    put_key(b, "class"), put_cstr(b, e->cls ? e->cls : "other"), cg_buf_putc(b, ',');
    put_key(b, "date"), put_date(b, dx, e), cg_buf_putc(b, ',');
    put_key(b, "participants"), cg_buf_putc(b, '[');
    for (size_t k = 0; k < e->nparts; k++) {
      if (k) cg_buf_putc(b, ',');
      cg_buf_putc(b, '{');
      put_key(b, "actor"), put_id(b, 'a', (size_t)e->parts[k].actor + 1), cg_buf_putc(b, ',');
      put_key(b, "role"), put_cstr(b, cg_role_name(e->parts[k].role));
      cg_buf_putc(b, '}');
    }
    cg_buf_append(b, "],", 2);
    put_key(b, "sentence"), put_sentence(b, dx, e->sentence), cg_buf_putc(b, ',');
    put_key(b, "confidence"), put_real(b, round(e->confidence * 1e6) / 1e6), cg_buf_putc(b, ',');
    put_key(b, "mentions"), cg_buf_append(b, "[{", 2);
    put_key(b, "doc"), put_cstr(b, dx->doc->id), cg_buf_putc(b, ',');
    put_key(b, "trigger"), put_trigger(b, dx, e), cg_buf_putc(b, ',');
    put_key(b, "sentence"), put_sentence(b, dx, e->sentence);
    cg_buf_append(b, "}]}", 3);
  }
  cg_buf_putc(b, ']');
}

void cg_docx_write_json(const cg_docx *dx, bool with_text, cg_buf *out) {
  cg_buf_putc(out, '{');
  put_key(out, "chronograph"), put_cstr(out, CG_SCHEMA_VERSION), cg_buf_putc(out, ',');
  put_key(out, "documents"), cg_buf_putc(out, '[');
  put_document(out, dx->doc, with_text);
  cg_buf_append(out, "],", 2);
  put_key(out, "timexes"), put_timexes(out, dx), cg_buf_putc(out, ',');
  put_key(out, "actors"), put_actors(out, dx), cg_buf_putc(out, ',');
  put_key(out, "events"), put_events(out, dx);
  cg_buf_putc(out, '}');
}
