/* JSON Lines reader: one line at a time, through the flat-object scanner
 * (read_jsonl_scan.c) or, for every line it leaves alone, jansson. */
#include "read_jsonl.h"

#include "pubdate.h"
#include "read_html.h"
#include "utf8.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

/* Lines that straddle two chunks are copied into j->line; the others are parsed where
 * they lie. With 256 KiB chunks, fewer than 1% of one-kilobyte lines straddle. */
#define CHUNK (256 * 1024)

struct cg_jsonl {
  cg_stream *s;
  const cg_read_ctx *ctx;
  char *name;
  char *chunk;
  size_t pos, len;
  bool eof;
  cg_buf line;
  cg_buf scratch; /* the scanner's short strings, reused from line to line */
  long lineno;
  unsigned long long off; /* file offset of the next unread byte */
};

cg_jsonl *cg_jsonl_open(cg_stream *s, const char *name, const cg_read_ctx *ctx) {
  cg_jsonl *j = cg_xcalloc(1, sizeof *j);
  j->s = s;
  j->ctx = ctx;
  j->name = cg_xstrdup(name);
  j->chunk = cg_xmalloc(CHUNK);
  return j;
}

void cg_jsonl_free(cg_jsonl *j) {
  if (!j) return;
  free(j->name);
  free(j->chunk);
  cg_buf_free(&j->line);
  cg_buf_free(&j->scratch);
  free(j);
}

/* Reads the next line (without the LF) into *lp and *ln: a pointer into the chunk when the
 * line lies inside it, else into j->line; valid until the next call. Returns false at
 * the end of input. *too_long is set when the line exceeded max_doc_bytes: it was
 * consumed but not kept. *start gets the file offset of the line. */
static bool read_line(cg_jsonl *j, bool *too_long, unsigned long long *start, const char **lp,
                      size_t *ln) {
  size_t max = j->ctx->opts.max_doc_bytes;
  cg_buf_clear(&j->line);
  *too_long = false;
  *start = j->off;
  bool any = false, first = true;
  for (;;) {
    if (j->pos == j->len) {
      if (j->eof) break;
      j->len = cg_stream_read(j->s, j->chunk, CHUNK);
      j->pos = 0;
      if (j->len < CHUNK) j->eof = true;
      if (!j->len) break;
    }
    any = true;
    const char *p = j->chunk + j->pos;
    size_t avail = j->len - j->pos;
    const char *nl = memchr(p, '\n', avail);
    size_t seg = nl ? (size_t)(nl - p) : avail;
    j->pos += seg + (nl ? 1 : 0);
    j->off += seg + (nl ? 1 : 0);
    if (nl && first) { /* the whole line is in the chunk: no copy */
      *too_long = seg > max;
      *lp = p;
      *ln = seg;
      return true;
    }
    first = false;
    if (!*too_long) {
      if (j->line.len + seg > max) {
        *too_long = true;
        cg_buf_free(&j->line); /* do not keep a huge buffer around */
      } else {
        cg_buf_append(&j->line, p, seg);
      }
    }
    if (nl) break;
  }
  *lp = j->line.data ? j->line.data : "";
  *ln = j->line.len;
  return any;
}

/* "name" + sep + n, as "%s%c%ld" would print it (this runs twice per document, and
 * printf was a visible share of the reader). */
static char *name_num(const char *name, char sep, long n) {
  char digits[24];
  size_t nd = 0;
  unsigned long u = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;
  do digits[nd++] = (char)('0' + u % 10);
  while (u /= 10);
  if (n < 0) digits[nd++] = '-';
  size_t l = strlen(name);
  char *s = cg_xmalloc(l + 1 + nd + 1);
  memcpy(s, name, l);
  s[l] = sep;
  for (size_t k = 0; k < nd; k++) s[l + 1 + k] = digits[nd - 1 - k];
  s[l + 1 + nd] = '\0';
  return s;
}

/* Builds a document from the fields of one line, whichever parser found them. Takes
 * f->text_buf. */
static cg_status line_doc(cg_jsonl *j, cg_jsonl_fields *f, unsigned long long start,
                          cg_doc **out, cg_error *err) {
  const char *name = j->name;
  const cg_jsonl_val *t = &f->v[CG_JF_TEXT];
  char *owned = f->text_buf;
  f->text_buf = NULL;
  if (t->kind != CG_JV_STRING) {
    free(owned);
    return cg_error_set(err, CG_EINPUT, name, j->lineno, 0, (long long)start,
                        t->kind != CG_JV_ABSENT ? "\"text\" is not a string" : "no \"text\" field");
  }
  if (cg_read_blank(t->s, t->len)) {
    free(owned);
    return cg_error_set(err, CG_EEMPTY, name, j->lineno, 0, (long long)start, "empty \"text\"");
  }
  cg_doc *d = cg_doc_new();
  if (owned) {
    /* decoded by the scanner, valid UTF-8: controls and line ends normalised in place */
    bool bom = t->len >= 3 && !memcmp(owned, "\xEF\xBB\xBF", 3);
    d->len = f->text_ctl || bom ? cg_utf8_normalize_valid(owned, t->len) : t->len;
    owned[d->len] = '\0';
    d->text = owned;
  } else {
    /* jansson has validated the UTF-8; this normalises controls and line ends. */
    cg_status st = cg_read_ingest(j->ctx, t->s, t->len, name, (long long)start, j->lineno,
                                  &d->text, &d->len, err);
    if (st != CG_OK) {
      cg_doc_free(d);
      return st;
    }
  }
  const cg_jsonl_val *id = &f->v[CG_JF_ID];
  if (id->kind == CG_JV_STRING && id->len) {
    d->id = cg_xstrndup(id->s, id->len);
  } else if (id->kind == CG_JV_INTEGER) {
    cg_buf b = {0};
    cg_buf_printf(&b, "%lld", id->i);
    d->id = cg_buf_detach(&b);
  } else {
    d->id = name_num(name, '#', j->lineno);
  }
  d->source = name_num(name, ':', j->lineno);
  const cg_jsonl_val *title = &f->v[CG_JF_TITLE];
  if (title->kind == CG_JV_STRING) {
    cg_buf b = {0};
    cg_text_collapse(title->s, title->len, &b);
    d->title = b.len ? cg_buf_detach(&b) : NULL;
    cg_buf_free(&b);
  }
  const cg_jsonl_val *url = &f->v[CG_JF_URL];
  if (url->kind == CG_JV_STRING) d->url = cg_xstrndup(url->s, url->len);
  const cg_jsonl_val *date = &f->v[CG_JF_DATE];
  char day[16];
  if (date->kind == CG_JV_STRING && cg_pubdate_prefix(date->s, date->len, day)) {
    d->dct = cg_xstrdup(day);
    d->dct_source = CG_DCT_META;
  } else if (date->kind == CG_JV_STRING) {
    cg_read_warn(j->ctx, CG_EINPUT, name, j->lineno, (long long)start,
                 "\"date\" is not a date: \"%.40s\"", date->s);
  }
  *out = d;
  return CG_OK;
}

/* One field of a jansson object (borrowed from it). */
static cg_jsonl_val jansson_val(json_t *o, const char *key) {
  cg_jsonl_val v = {CG_JV_ABSENT, NULL, 0, 0};
  json_t *x = json_object_get(o, key);
  if (!x) return v;
  if (json_is_string(x)) {
    v.kind = CG_JV_STRING;
    v.s = json_string_value(x);
    v.len = json_string_length(x);
  } else if (json_is_integer(x)) {
    v.kind = CG_JV_INTEGER;
    v.i = (long long)json_integer_value(x);
  } else {
    v.kind = CG_JV_OTHER;
  }
  return v;
}

/* The reference path: the whole line checked for UTF-8 (repaired when lenient), then
 * parsed by jansson. Every line the scanner declines comes here. */
static cg_status jansson_line(cg_jsonl *j, const char *p, size_t n, unsigned long long start,
                              cg_doc **doc, cg_error *err) {
  cg_buf fixed = {0};
  size_t bad;
  const size_t raw_n = n; /* repairs lengthen the line; positions must stay in it */
  if (!cg_utf8_check(p, n, &bad)) {
    if (!j->ctx->opts.lenient) return cg_utf8_error(err, j->name, p, bad, (long long)start, j->lineno);
    size_t nrep = 0;
    cg_utf8_normalize(p, n, true, &fixed, &nrep, &bad);
    cg_read_warn(j->ctx, CG_EUTF8, j->name, j->lineno, (long long)(start + bad),
                 "%zu invalid UTF-8 sequence(s) replaced by U+FFFD", nrep);
    p = fixed.data;
    n = fixed.len;
  }
  json_error_t je;
  json_t *o = json_loadb(p, n, 0, &je);
  cg_buf_free(&fixed);
  if (!o) {
    size_t pos = je.position > 0 ? (size_t)je.position : 0;
    if (pos > raw_n) pos = raw_n;
    return cg_error_set(err, CG_EINPUT, j->name, j->lineno, je.column > 0 ? je.column : 0,
                        (long long)(start + pos), "not JSON: %s (column %d)", je.text,
                        je.column);
  }
  cg_status st;
  if (!json_is_object(o)) {
    st = cg_error_set(err, CG_EINPUT, j->name, j->lineno, 1, (long long)start,
                      "not a JSON object");
  } else {
    static const char *const KEYS[CG_JF_NFIELDS] = {"id", "title", "date", "text", "url"};
    cg_jsonl_fields f;
    memset(&f, 0, sizeof f);
    for (int k = 0; k < CG_JF_NFIELDS; k++) f.v[k] = jansson_val(o, KEYS[k]);
    st = line_doc(j, &f, start, doc, err);
  }
  json_decref(o);
  return st;
}

cg_status cg_jsonl_next(cg_jsonl *j, cg_doc **doc, cg_error *err) {
  *doc = NULL;
  for (;;) {
    bool too_long;
    unsigned long long start;
    const char *p;
    size_t n;
    if (!read_line(j, &too_long, &start, &p, &n)) {
      if (j->s->ioerr)
        return cg_error_set(err, CG_EIO, j->name, j->lineno, 0, (long long)j->off, "read error");
      return CG_OK;
    }
    j->lineno++;
    if (too_long)
      return cg_error_set(err, CG_ELIMIT, j->name, j->lineno, 0, (long long)start,
                          "line longer than the limit of %zu bytes, skipped",
                          j->ctx->opts.max_doc_bytes);
    if (n && p[n - 1] == '\r') n--;
    if (cg_read_blank(p, n)) continue;
    cg_jsonl_fields f;
    if (!j->ctx->jsonl_jansson_only && cg_jsonl_scan_flat(p, n, &f, &j->scratch))
      return line_doc(j, &f, start, doc, err);
    return jansson_line(j, p, n, start, doc, err);
  }
}
