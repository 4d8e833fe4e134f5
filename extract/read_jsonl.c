/* JSON Lines reader: one line at a time through jansson. */
#include "read_jsonl.h"

#include "pubdate.h"
#include "read_html.h"
#include "utf8.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

#define CHUNK 65536

struct cg_jsonl {
  cg_stream *s;
  const cg_read_ctx *ctx;
  char *name;
  char *chunk;
  size_t pos, len;
  bool eof;
  cg_buf line;
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
  free(j);
}

/* Reads the next line into j->line (without the LF). Returns false at the end of
 * input. *too_long is set when the line exceeded max_doc_bytes: it was consumed but
 * not kept. *start gets the file offset of the line. */
static bool read_line(cg_jsonl *j, bool *too_long, unsigned long long *start) {
  size_t max = j->ctx->opts.max_doc_bytes;
  cg_buf_clear(&j->line);
  *too_long = false;
  *start = j->off;
  bool any = false;
  for (;;) {
    if (j->pos == j->len) {
      if (j->eof) return any;
      j->len = cg_stream_read(j->s, j->chunk, CHUNK);
      j->pos = 0;
      if (j->len < CHUNK) j->eof = true;
      if (!j->len) return any;
    }
    any = true;
    const char *p = j->chunk + j->pos;
    size_t avail = j->len - j->pos;
    const char *nl = memchr(p, '\n', avail);
    size_t seg = nl ? (size_t)(nl - p) : avail;
    if (!*too_long) {
      if (j->line.len + seg > max) {
        *too_long = true;
        cg_buf_free(&j->line); /* do not keep a huge buffer around */
      } else {
        cg_buf_append(&j->line, p, seg);
      }
    }
    j->pos += seg + (nl ? 1 : 0);
    j->off += seg + (nl ? 1 : 0);
    if (nl) return true;
  }
}

static char *str_field(json_t *o, const char *k) {
  const char *v = json_string_value(json_object_get(o, k));
  return v ? cg_xstrdup(v) : NULL;
}

/* Builds a document from one parsed line. */
static cg_status line_doc(cg_jsonl *j, json_t *o, unsigned long long start, cg_doc **out,
                          cg_error *err) {
  const char *name = j->name;
  json_t *jt = json_object_get(o, "text");
  const char *text = json_string_value(jt);
  if (!text)
    return cg_error_set(err, CG_EINPUT, name, j->lineno, 0, (long long)start,
                        jt ? "\"text\" is not a string" : "no \"text\" field");
  size_t tlen = json_string_length(jt);
  if (cg_read_blank(text, tlen))
    return cg_error_set(err, CG_EEMPTY, name, j->lineno, 0, (long long)start, "empty \"text\"");
  cg_doc *d = cg_doc_new();
  /* jansson has validated the UTF-8; this normalises controls and line ends. */
  cg_status st = cg_read_ingest(j->ctx, text, tlen, name, (long long)start, j->lineno,
                                &d->text, &d->len, err);
  if (st != CG_OK) {
    cg_doc_free(d);
    return st;
  }
  json_t *id = json_object_get(o, "id");
  if (json_is_string(id) && json_string_length(id)) {
    d->id = cg_xstrdup(json_string_value(id));
  } else if (json_is_integer(id)) {
    cg_buf b = {0};
    cg_buf_printf(&b, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
    d->id = cg_buf_detach(&b);
  } else {
    cg_buf b = {0};
    cg_buf_printf(&b, "%s#%ld", name, j->lineno);
    d->id = cg_buf_detach(&b);
  }
  cg_buf src = {0};
  cg_buf_printf(&src, "%s:%ld", name, j->lineno);
  d->source = cg_buf_detach(&src);
  const char *title = json_string_value(json_object_get(o, "title"));
  if (title) {
    cg_buf b = {0};
    cg_text_collapse(title, strlen(title), &b);
    d->title = b.len ? cg_buf_detach(&b) : NULL;
    cg_buf_free(&b);
  }
  d->url = str_field(o, "url");
  const char *date = json_string_value(json_object_get(o, "date"));
  char day[16];
  if (date && cg_pubdate_prefix(date, strlen(date), day)) {
    d->dct = cg_xstrdup(day);
    d->dct_source = CG_DCT_META;
  } else if (date) {
    cg_read_warn(j->ctx, CG_EINPUT, name, j->lineno, (long long)start,
                 "\"date\" is not a date: \"%.40s\"", date);
  }
  *out = d;
  return CG_OK;
}

cg_status cg_jsonl_next(cg_jsonl *j, cg_doc **doc, cg_error *err) {
  *doc = NULL;
  for (;;) {
    bool too_long;
    unsigned long long start;
    if (!read_line(j, &too_long, &start)) {
      if (j->s->ioerr)
        return cg_error_set(err, CG_EIO, j->name, j->lineno, 0, (long long)j->off, "read error");
      return CG_OK;
    }
    j->lineno++;
    if (too_long)
      return cg_error_set(err, CG_ELIMIT, j->name, j->lineno, 0, (long long)start,
                          "line longer than the limit of %zu bytes, skipped",
                          j->ctx->opts.max_doc_bytes);
    const char *p = j->line.data ? j->line.data : "";
    size_t n = j->line.len;
    if (n && p[n - 1] == '\r') n--;
    if (cg_read_blank(p, n)) continue;
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
    if (!json_is_object(o))
      st = cg_error_set(err, CG_EINPUT, j->name, j->lineno, 1, (long long)start,
                        "not a JSON object");
    else
      st = line_doc(j, o, start, doc, err);
    json_decref(o);
    return st;
  }
}
