/* Plain-text reader: title line, header date, body. */
#include "read_text.h"

#include "pubdate.h"

#include <stdlib.h>
#include <string.h>

/* Header labels that introduce the publication date. Kept short and explicit so that
 * a date in the prose is never taken for the DCT. */
static const char *const DATE_LABELS[] = {"first published", "published", "posted",
                                          "dated", "date"};

static bool line_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t') return false;
  return true;
}

static size_t line_end(const char *s, size_t n, size_t i) {
  const char *nl = memchr(s + i, '\n', n - i);
  return nl ? (size_t)(nl - s) : n;
}

/* Trims spaces and tabs on both sides of [*a, *b). */
static void trim(const char *s, size_t *a, size_t *b) {
  while (*a < *b && (s[*a] == ' ' || s[*a] == '\t')) (*a)++;
  while (*b > *a && (s[*b - 1] == ' ' || s[*b - 1] == '\t')) (*b)--;
}

/* Date from one header line [a, b): "Published: <date> ..." or a line that is only a
 * date (with an optional time). */
static bool line_date(const char *s, size_t a, size_t b, char *out) {
  size_t n = b - a;
  const char *p = s + a;
  for (size_t k = 0; k < sizeof DATE_LABELS / sizeof *DATE_LABELS; k++) {
    size_t l = strlen(DATE_LABELS[k]);
    if (n <= l) continue;
    size_t i = 0;
    while (i < l && cg_lower(p[i]) == DATE_LABELS[k][i]) i++;
    if (i < l || cg_isalpha(p[l])) continue;
    while (i < n && (p[i] == ' ' || p[i] == '\t')) i++;
    if (i + 2 < n && cg_lower(p[i]) == 'o' && cg_lower(p[i + 1]) == 'n' && p[i + 2] == ' ')
      i += 3;
    if (i < n && (p[i] == ':' || p[i] == '-' || p[i] == '|')) i++;
    if (cg_pubdate_prefix(p + i, n - i, out)) return true;
    return false;
  }
  char tmp[16];
  size_t k = cg_pubdate_prefix(p, n, tmp);
  if (k == n) {
    memcpy(out, tmp, sizeof tmp);
    return true;
  }
  return false;
}

bool cg_text_header_date(const char *text, size_t len, char *out) {
  size_t i = 0, lines = 0;
  while (i < len && lines < 5 && i < 2048) {
    size_t e = line_end(text, len, i), a = i, b = e;
    trim(text, &a, &b);
    if (b > a) {
      if (b - a > 200) break; /* a paragraph: the header is over */
      if (line_date(text, a, b, out)) return true;
      lines++;
    }
    i = e + 1;
  }
  return false;
}

bool cg_read_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (cg_isspace(c)) continue;
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
      i++;
      continue;
    }
    return false;
  }
  return true;
}

cg_status cg_read_text(char *buf, size_t len, const char *name, const cg_read_ctx *ctx,
                       cg_doc **out, cg_error *err) {
  *out = NULL;
  char *t;
  size_t tl;
  cg_status st = cg_read_ingest_owned(ctx, buf, len, name, 0, 1, &t, &tl, err);
  if (st != CG_OK) return st;
  if (cg_read_blank(t, tl)) {
    free(t);
    return cg_error_set(err, CG_EEMPTY, name, 0, 0, -1, "empty document");
  }
  /* First non-blank line, and whether a blank line follows it. */
  size_t i = 0;
  for (;;) {
    size_t e = line_end(t, tl, i);
    if (!line_blank(t + i, e - i)) break;
    i = e + 1;
  }
  size_t e1 = line_end(t, tl, i), body = i;
  char *title = NULL;
  if (e1 < tl) {
    size_t e2 = line_end(t, tl, e1 + 1);
    size_t a = i, b = e1;
    trim(t, &a, &b);
    if (line_blank(t + e1 + 1, e2 - e1 - 1) && b - a <= 300 && t[b - 1] != '.') {
      title = cg_xstrndup(t + a, b - a);
      body = e2;
      while (body < tl && cg_isspace(t[body])) body++;
    }
  }
  size_t end = tl;
  while (end > body && cg_isspace(t[end - 1])) end--;
  cg_doc *d = cg_doc_new();
  d->id = cg_xstrdup(name);
  d->source = cg_xstrdup(name);
  d->title = title;
  if (end > body) { /* the body moves to the front of the file's buffer: no copy */
    if (body) memmove(t, t + body, end - body);
    t[end - body] = '\0';
    d->text = t;
    d->len = end - body;
  } else { /* only a title: it is the text */
    d->text = cg_xstrdup(title);
    d->len = strlen(title);
    free(t);
  }
  char day[16];
  if (cg_text_header_date(d->text, d->len, day)) {
    d->dct = cg_xstrdup(day);
    d->dct_source = CG_DCT_TEXT;
  }
  *out = d;
  return CG_OK;
}
