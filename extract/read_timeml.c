/* TimeML reading and writing by a careful hand scan (TimeML files are simple and we
 * must keep the raw bytes for re-emission, which a DOM would not give us). */
#include "read_timeml.h"
#include "timeml_score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *find(const char *b, const char *e, const char *needle) {
  size_t n = strlen(needle);
  for (const char *p = b; p + n <= e; p++)
    if (*p == *needle && !memcmp(p, needle, n)) return p;
  return NULL;
}

/* Decodes the entity at p (p[0] == '&'); writes UTF-8 to out, returns bytes consumed
 * (0 if not an entity). */
static size_t entity(const char *p, const char *e, char *out, size_t *olen) {
  static const struct { const char *n; char c; } named[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
  for (size_t i = 0; i < 5; i++) {
    size_t n = strlen(named[i].n);
    if (p + n <= e && !memcmp(p, named[i].n, n)) {
      out[0] = named[i].c;
      *olen = 1;
      return n;
    }
  }
  if (p + 3 < e && p[1] == '#') {
    const char *q = p + 2;
    int base = 10;
    if (*q == 'x' || *q == 'X') { base = 16; q++; }
    unsigned long cp = 0;
    const char *s = q;
    while (q < e && q - s < 8 && (cg_isdigit((unsigned char)*q) || (base == 16 && strchr("abcdefABCDEF", *q)))) {
      cp = cp * (unsigned)base + (unsigned)(cg_isdigit((unsigned char)*q) ? *q - '0' : (cg_lower((unsigned char)*q) - 'a' + 10));
      q++;
    }
    if (q == s || q >= e || *q != ';' || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) return 0;
    size_t n = 0;
    if (cp < 0x80) out[n++] = (char)cp;
    else if (cp < 0x800) { out[n++] = (char)(0xC0 | (cp >> 6)); out[n++] = (char)(0x80 | (cp & 63)); }
    else if (cp < 0x10000) {
      out[n++] = (char)(0xE0 | (cp >> 12)); out[n++] = (char)(0x80 | ((cp >> 6) & 63));
      out[n++] = (char)(0x80 | (cp & 63));
    } else {
      out[n++] = (char)(0xF0 | (cp >> 18)); out[n++] = (char)(0x80 | ((cp >> 12) & 63));
      out[n++] = (char)(0x80 | ((cp >> 6) & 63)); out[n++] = (char)(0x80 | (cp & 63));
    }
    *olen = n;
    return (size_t)(q + 1 - p);
  }
  return 0;
}

/* Value of attribute name in the tag text [b, e) into out (entities decoded). */
static bool attr(const char *b, const char *e, const char *name, char *out, size_t size) {
  size_t n = strlen(name);
  for (const char *p = b; p + n + 2 <= e; p++) {
    if (memcmp(p, name, n) || p[n] != '=' || (p > b && !cg_isspace((unsigned char)p[-1]))) continue;
    char q = p[n + 1];
    if (q != '"' && q != '\'') continue;
    const char *v = p + n + 2, *ve = v;
    while (ve < e && *ve != q) ve++;
    size_t o = 0;
    while (v < ve && o + 5 < size) { /* entities decoded; UTF-8 of one is <= 4 bytes */
      size_t ul = 0, m = *v == '&' ? entity(v, ve, out + o, &ul) : 0;
      if (m) { v += m; o += ul; }
      else out[o++] = *v++;
    }
    out[o] = 0;
    return true;
  }
  return false;
}

static cg_timex_type type_from(const char *s) {
  if (!strcmp(s, "TIME")) return CG_TX_TIME;
  if (!strcmp(s, "DURATION")) return CG_TX_DURATION;
  if (!strcmp(s, "SET")) return CG_TX_SET;
  return CG_TX_DATE;
}

/* Parses TimeML; see timeml_score.h. */
cg_status cg_timeml_parse(const char *buf, size_t len, const char *name, cg_doc **out,
                          cg_timex_vec *gold, cg_error *err) {
  *out = NULL;
  const char *end = buf + len;
  const char *ts = find(buf, end, "<TEXT>");
  if (!ts) ts = find(buf, end, "<TEXT ");
  if (!ts) return cg_error_set(err, CG_EINPUT, name, 0, 0, -1, "no <TEXT> element");
  const char *tb = memchr(ts, '>', (size_t)(end - ts));
  if (!tb) return cg_error_set(err, CG_EINPUT, name, 0, 0, ts - buf, "unterminated <TEXT>");
  tb++;
  const char *te = find(tb, end, "</TEXT>");
  if (!te) return cg_error_set(err, CG_EINPUT, name, 0, 0, tb - buf, "no </TEXT>");
  cg_doc *d = cg_doc_new();
  d->raw = cg_xstrndup(buf, len);
  d->raw_len = len;
  d->raw_text_start = (size_t)(tb - buf);
  d->raw_text_end = (size_t)(te - buf);
  d->source = cg_xstrdup(name);
  char tmp[256];
  const char *ds = find(buf, ts, "<DCT>");
  if (ds) {
    const char *de = find(ds, ts, "</DCT>");
    if (de && attr(ds, de, "value", tmp, sizeof tmp) && cg_parse_iso_day(tmp) != CG_NO_DAY) {
      char iso[16];
      cg_format_day(cg_parse_iso_day(tmp), iso, sizeof iso);
      d->dct = cg_xstrdup(iso);
      d->dct_source = CG_DCT_META;
    }
  }
  const char *is = find(buf, ts, "<DOCID>");
  if (is) {
    const char *ie = find(is, ts, "</DOCID>");
    if (ie) {
      is += 7;
      while (is < ie && cg_isspace((unsigned char)*is)) is++;
      while (ie > is && cg_isspace((unsigned char)ie[-1])) ie--;
      d->id = cg_xstrndup(is, (size_t)(ie - is));
    }
  }
  if (!d->id) {
    const char *b = strrchr(name, '/');
    d->id = cg_xstrdup(b ? b + 1 : name);
  }
  cg_buf text = {0};
  cg_buf_reserve(&text, (size_t)(te - tb) + 1);
  cg_timex open;
  bool in_timex = false;
  for (const char *p = tb; p < te;) {
    if (*p == '<') {
      const char *q = memchr(p, '>', (size_t)(te - p));
      if (!q) {
        cg_buf_free(&text);
        cg_doc_free(d);
        return cg_error_set(err, CG_EINPUT, name, 0, 0, p - buf, "unterminated tag");
      }
      if (gold && !strncmp(p, "<TIMEX3", 7) && cg_isspace((unsigned char)p[7])) {
        memset(&open, 0, sizeof open);
        open.start = text.len;
        if (attr(p, q, "type", tmp, sizeof tmp)) open.type = type_from(tmp);
        if (attr(p, q, "value", tmp, sizeof tmp)) snprintf(open.value, sizeof open.value, "%.47s", tmp);
        if (attr(p, q, "mod", tmp, sizeof tmp)) snprintf(open.mod, sizeof open.mod, "%.15s", tmp);
        in_timex = q[-1] != '/';
        if (!in_timex) {
          open.end = text.len;
          CG_VEC_PUSH(gold, open);
        }
      } else if (gold && in_timex && !strncmp(p, "</TIMEX3>", 9)) {
        open.end = text.len;
        open.span = cg_span_from_value(open.value);
        CG_VEC_PUSH(gold, open);
        in_timex = false;
      }
      p = q + 1;
    } else if (*p == '&') {
      char u[8];
      size_t ul = 0, n = entity(p, te, u, &ul);
      if (n) {
        cg_buf_append(&text, u, ul);
        p += n;
      } else {
        cg_buf_putc(&text, *p++);
      }
    } else {
      const char *q = p;
      while (q < te && *q != '<' && *q != '&') q++;
      cg_buf_append(&text, p, (size_t)(q - p));
      p = q;
    }
  }
  if (!text.data) cg_buf_puts(&text, "");
  d->len = text.len;
  d->text = cg_buf_detach(&text);
  *out = d;
  return CG_OK;
}

/* See read_timeml.h. */
cg_status cg_read_timeml(const char *buf, size_t len, const char *name, cg_doc **out,
                         cg_error *err) {
  return cg_timeml_parse(buf, len, name, out, NULL, err);
}

static void put_escaped(cg_buf *out, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    switch (s[i]) {
    case '&': cg_buf_puts(out, "&amp;"); break;
    case '<': cg_buf_puts(out, "&lt;"); break;
    case '>': cg_buf_puts(out, "&gt;"); break;
    case '"': cg_buf_puts(out, "&quot;"); break;
    default: cg_buf_putc(out, s[i]);
    }
  }
}

static void put_open(cg_buf *out, const cg_timex *x, size_t tid) {
  cg_buf_printf(out, "<TIMEX3 tid=\"t%zu\" type=\"%s\" value=\"", tid, cg_timex_type_name(x->type));
  put_escaped(out, x->value, strlen(x->value));
  cg_buf_putc(out, '"');
  if (x->mod[0]) {
    cg_buf_puts(out, " mod=\"");
    put_escaped(out, x->mod, strlen(x->mod));
    cg_buf_putc(out, '"');
  }
  cg_buf_putc(out, '>');
}

/* Emits the TEXT content raw[b, e) with existing TIMEX3 tags dropped and ours added at
 * the text offsets they cover. */
static void emit_text(const cg_docx *dx, const char *b, const char *e, cg_buf *out) {
  size_t o = 0, k = 0, n = dx->timexes.len;
  const cg_timex *xs = dx->timexes.items;
  bool open = false;
  for (const char *p = b; p < e;) {
    if (open && o >= xs[k].end) {
      cg_buf_puts(out, "</TIMEX3>");
      open = false;
      k++;
    }
    while (!open && k < n && xs[k].start < o) k++; /* overlapping or unreachable: skip */
    if (*p == '<') {
      const char *q = memchr(p, '>', (size_t)(e - p));
      q = q ? q + 1 : e;
      bool timex = (!strncmp(p, "<TIMEX3", 7) && (cg_isspace((unsigned char)p[7]) || p[7] == '>' || p[7] == '/')) ||
                   !strncmp(p, "</TIMEX3>", 9);
      if (!timex) cg_buf_append(out, p, (size_t)(q - p));
      p = q;
      continue;
    }
    if (!open && k < n && xs[k].start == o && xs[k].end > o) {
      put_open(out, &xs[k], k + 1);
      open = true;
    }
    size_t adv = 1, ul = 0;
    char u[8];
    if (*p == '&') {
      size_t m = entity(p, e, u, &ul);
      if (m) { cg_buf_append(out, p, m); p += m; o += ul; continue; }
    }
    cg_buf_append(out, p, adv);
    p += adv;
    o += adv;
  }
  if (open) cg_buf_puts(out, "</TIMEX3>");
}

/* See read_timeml.h. */
void cg_write_timeml(const cg_docx *dx, cg_buf *out) {
  const cg_doc *d = dx->doc;
  if (d->raw && d->raw_text_end >= d->raw_text_start && d->raw_text_end <= d->raw_len) {
    cg_buf_append(out, d->raw, d->raw_text_start);
    emit_text(dx, d->raw + d->raw_text_start, d->raw + d->raw_text_end, out);
    cg_buf_append(out, d->raw + d->raw_text_end, d->raw_len - d->raw_text_end);
    return;
  }
  cg_buf_puts(out, "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>");
  if (d->id) put_escaped(out, d->id, strlen(d->id));
  cg_buf_puts(out, "</DOCID>\n");
  if (d->dct) {
    cg_buf_puts(out, "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"");
    put_escaped(out, d->dct, strlen(d->dct));
    cg_buf_puts(out, "\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">");
    put_escaped(out, d->dct, strlen(d->dct));
    cg_buf_puts(out, "</TIMEX3></DCT>\n");
  }
  cg_buf_puts(out, "<TEXT>");
  size_t o = 0;
  for (size_t k = 0; k < dx->timexes.len; k++) {
    const cg_timex *x = &dx->timexes.items[k];
    if (x->start < o || x->end > d->len) continue;
    put_escaped(out, d->text + o, x->start - o);
    put_open(out, x, k + 1);
    put_escaped(out, d->text + x->start, x->end - x->start);
    cg_buf_puts(out, "</TIMEX3>");
    o = x->end;
  }
  put_escaped(out, d->text + o, d->len - o);
  cg_buf_puts(out, "</TEXT>\n</TimeML>\n");
}
