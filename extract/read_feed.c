/* RSS/Atom reader over xmlTextReader, one item at a time. */
#include "read_feed.h"

#include "pubdate.h"
#include "read_html.h"
#include "utf8.h"

#include <libxml/xmlreader.h>

#include <stdlib.h>
#include <string.h>

#define RAWCAP 16384

struct cg_feed {
  cg_stream *s;
  const cg_read_ctx *ctx;
  char *name;
  xmlTextReaderPtr r;
  bool filter;          /* validate UTF-8 on the fly */
  cg_utf8_stream u;
  char raw[RAWCAP];
  size_t rawlen;        /* unconsumed raw bytes (an incomplete sequence) */
  bool raw_eof, fail_next;
  bool started, done, skip;
  size_t nitems;
  long last_line;       /* line of the last item delivered */
  /* after an error: the partial tree and the complete items in it not yet delivered */
  bool salvaging;
  xmlDocPtr sdoc;
  CG_VEC(const xmlNode *) salv;
  size_t salv_i;
  /* first XML error reported by libxml2 */
  bool xml_failed;
  long err_line, err_col;
  char err_msg[256];
};

/* xmlTextReader input callback: pulls raw bytes from the stream through the UTF-8
 * filter. Returns bytes written, 0 at the end, -1 on a UTF-8 error (after the valid
 * bytes before it were delivered). */
static int feed_read(void *ud, char *buf, int len) {
  cg_feed *f = ud;
  if (f->fail_next) return -1;
  if (!f->filter) {
    size_t k = cg_stream_read(f->s, buf, (size_t)len);
    return f->s->ioerr ? -1 : (int)k;
  }
  size_t want = (size_t)len / 3; /* every raw byte may become 3 (U+FFFD) */
  if (want > RAWCAP) want = RAWCAP;
  if (want < f->rawlen + 4) want = f->rawlen + 4;
  if (want > RAWCAP) want = RAWCAP;
  if (!f->raw_eof && want > f->rawlen) {
    size_t ask = want - f->rawlen;
    size_t k = cg_stream_read(f->s, f->raw + f->rawlen, ask);
    if (k < ask) f->raw_eof = true;
    f->rawlen += k;
  }
  if (f->s->ioerr) return -1;
  size_t used;
  size_t w = cg_utf8_stream_filter(&f->u, f->raw, f->rawlen, f->raw_eof, buf, &used);
  memmove(f->raw, f->raw + used, f->rawlen - used);
  f->rawlen -= used;
  if (f->u.failed) {
    if (w) {
      f->fail_next = true;
      return (int)w;
    }
    return -1;
  }
  return (int)w;
}

static int feed_close(void *ud) {
  (void)ud;
  return 0;
}

static void on_xml_error(void *ud, xmlErrorPtr e) {
  cg_feed *f = ud;
  if (!e || e->level < XML_ERR_ERROR || f->xml_failed) return;
  f->xml_failed = true;
  f->err_line = e->line;
  f->err_col = e->int2;
  snprintf(f->err_msg, sizeof f->err_msg, "%s", e->message ? e->message : "XML error");
  size_t l = strlen(f->err_msg);
  while (l && (f->err_msg[l - 1] == '\n' || f->err_msg[l - 1] == ' ')) f->err_msg[--l] = '\0';
}

/* The encoding named by the XML declaration, if any, into enc. */
static void xml_decl_encoding(const char *p, size_t n, char *enc, size_t encsz) {
  enc[0] = '\0';
  if (n < 5 || memcmp(p, "<?xml", 5)) return;
  const char *end = memchr(p, '>', n);
  size_t lim = end ? (size_t)(end - p) : n;
  for (size_t i = 5; i + 8 < lim; i++) {
    if (memcmp(p + i, "encoding", 8)) continue;
    size_t j = i + 8;
    while (j < lim && (p[j] == ' ' || p[j] == '=')) j++;
    if (j < lim && (p[j] == '"' || p[j] == '\'')) j++;
    size_t e = 0;
    while (j < lim && e + 1 < encsz && p[j] != '"' && p[j] != '\'') enc[e++] = p[j++];
    enc[e] = '\0';
    return;
  }
}

cg_feed *cg_feed_open(cg_stream *s, const char *name, const cg_read_ctx *ctx) {
  cg_feed *f = cg_xcalloc(1, sizeof *f);
  f->s = s;
  f->ctx = ctx;
  f->name = cg_xstrdup(name);
  const char *p;
  size_t n = cg_stream_peek(s, 512, &p);
  char enc[64];
  xml_decl_encoding(p, n, enc, sizeof enc);
  f->filter = !enc[0] || !xmlStrcasecmp((const xmlChar *)enc, (const xmlChar *)"utf-8") ||
              !xmlStrcasecmp((const xmlChar *)enc, (const xmlChar *)"utf8") ||
              !xmlStrcasecmp((const xmlChar *)enc, (const xmlChar *)"us-ascii");
  f->u.lenient = ctx->opts.lenient;
  /* NONET only: never NOENT (entity expansion), DTDLOAD, DTDVALID, XINCLUDE or HUGE. */
  f->r = xmlReaderForIO(feed_read, feed_close, f, name, NULL, XML_PARSE_NONET | XML_PARSE_COMPACT);
  if (f->r) xmlTextReaderSetStructuredErrorHandler(f->r, on_xml_error, f);
  return f;
}

void cg_feed_free(cg_feed *f) {
  if (!f) return;
  if (f->r) xmlFreeTextReader(f->r);
  if (f->sdoc) xmlFreeDoc(f->sdoc);
  free(f->salv.items);
  free(f->name);
  free(f);
}

static bool is_name(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE && n->name && !strcmp((const char *)n->name, name);
}

static bool in_ns(const xmlNode *n, const char *frag) {
  return n->ns && n->ns->href && strstr((const char *)n->ns->href, frag);
}

/* Text of an element, trimmed (entity references are not expanded). Caller frees. */
static char *elem_text(const xmlNode *n) {
  cg_buf b = {0};
  cg_xml_text(n, &b);
  cg_buf c = {0};
  cg_text_collapse(b.data ? b.data : "", b.len, &c);
  cg_buf_free(&b);
  if (!c.len) {
    cg_buf_free(&c);
    return NULL;
  }
  return cg_buf_detach(&c);
}

/* Appends the text of a body element, honouring Atom's type attribute. */
static void body_text(const xmlNode *n, bool atom, cg_buf *out) {
  char *type = cg_xml_attr(n, "type");
  if (type && !strcmp(type, "xhtml")) {
    cg_html_node_text(n, out);
  } else {
    cg_buf b = {0};
    cg_xml_text(n, &b);
    if (b.len) {
      if (atom && (!type || !strcmp(type, "text"))) cg_text_plain(b.data, b.len, out);
      else cg_html_fragment_text(b.data, b.len, out);
    }
    cg_buf_free(&b);
  }
  free(type);
}

/* Builds the document for one item / entry subtree. */
static cg_status item_doc(cg_feed *f, const xmlNode *item, cg_doc **out, cg_error *err) {
  const char *name = f->name;
  size_t k = f->nitems;
  long line = item->line > 0 ? (long)item->line : (long)xmlGetLineNo(item);
  const xmlNode *title = NULL, *link = NULL, *id = NULL, *dates[4] = {0}, *body[4] = {0};
  bool atom = false;
  for (const xmlNode *c = item->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (in_ns(c, "www.w3.org/2005/Atom")) atom = true;
    if (is_name(c, "title") && !title) title = c;
    else if (is_name(c, "link")) {
      char *rel = cg_xml_attr(c, "rel");
      if (!link && (!rel || !strcmp(rel, "alternate"))) link = c;
      free(rel);
    } else if ((is_name(c, "guid") || is_name(c, "id")) && !id) id = c;
    else if (is_name(c, "published") && !dates[0]) dates[0] = c;
    else if (is_name(c, "pubDate") && !dates[1]) dates[1] = c;
    else if (is_name(c, "date") && in_ns(c, "purl.org/dc") && !dates[2]) dates[2] = c;
    else if (is_name(c, "updated") && !dates[3]) dates[3] = c;
    else if (is_name(c, "encoded") && in_ns(c, "purl.org/rss/1.0/modules/content") && !body[0]) body[0] = c;
    else if (is_name(c, "content") && !body[1]) body[1] = c;
    else if (is_name(c, "description") && !body[2]) body[2] = c;
    else if (is_name(c, "summary") && !body[3]) body[3] = c;
  }
  cg_doc *d = cg_doc_new();
  cg_buf b = {0};
  cg_buf_printf(&b, "%s#item-%zu", name, k);
  d->source = cg_buf_detach(&b);
  char *guid = id ? elem_text(id) : NULL;
  if (guid) d->id = guid;
  else {
    cg_buf_printf(&b, "%s#%zu", name, k);
    d->id = cg_buf_detach(&b);
  }
  if (title) {
    char *type = cg_xml_attr(title, "type");
    if (type && (!strcmp(type, "html") || !strcmp(type, "xhtml"))) {
      body_text(title, true, &b);
      d->title = b.len ? cg_buf_detach(&b) : NULL;
      cg_buf_free(&b);
    } else {
      d->title = elem_text(title);
    }
    free(type);
  }
  if (link) {
    char *href = cg_xml_attr(link, "href");
    d->url = href && *href ? href : elem_text(link);
    if (d->url != href) free(href);
  }
  for (int i = 0; i < 4 && !d->dct; i++) {
    if (!dates[i]) continue;
    char *v = elem_text(dates[i]);
    char day[16];
    if (v && cg_pubdate_prefix(v, strlen(v), day)) {
      d->dct = cg_xstrdup(day);
      d->dct_source = CG_DCT_META;
    } else if (v) {
      cg_read_warn(f->ctx, CG_EINPUT, d->source, (long)xmlGetLineNo(dates[i]), -1,
                   "<%s> is not a date: \"%.40s\"", (const char *)dates[i]->name, v);
    }
    free(v);
  }
  cg_buf text = {0};
  for (int i = 0; i < 4 && !text.len; i++)
    if (body[i]) body_text(body[i], atom, &text);
  if (!text.len && d->title) cg_buf_puts(&text, d->title);
  cg_status st = CG_OK;
  if (!text.len || cg_read_blank(text.data, text.len)) {
    st = cg_error_set(err, CG_EEMPTY, d->source, line, 0, -1, "feed item with no title or text");
  } else if (text.len > f->ctx->opts.max_doc_bytes) {
    st = cg_error_set(err, CG_ELIMIT, d->source, line, 0, -1, "item text larger than the limit");
  } else {
    size_t tlen = text.len;
    st = cg_read_ingest_owned(f->ctx, cg_buf_detach(&text), tlen, d->source, -1, 0, &d->text,
                              &d->len, err);
  }
  cg_buf_free(&text);
  if (st != CG_OK) {
    cg_doc_free(d);
    return st;
  }
  *out = d;
  return CG_OK;
}

/* The error that ended the feed. */
static cg_status feed_error(cg_feed *f, cg_error *err) {
  f->done = true;
  if (f->u.failed)
    return cg_error_set(err, CG_EUTF8, f->name, f->u.bad_line, f->u.bad_col,
                        (long long)f->u.bad_off, "invalid UTF-8 sequence in the feed (after %zu item(s))",
                        f->nitems);
  if (f->s->ioerr) return cg_error_set(err, CG_EIO, f->name, 0, 0, -1, "read error");
  if (f->xml_failed && f->err_line < f->last_line) { /* reported inside an entity */
    f->err_line = xmlTextReaderGetParserLineNumber(f->r);
    f->err_col = 0;
  }
  if (f->xml_failed)
    return cg_error_set(err, CG_EINPUT, f->name, f->err_line, f->err_col, -1,
                        "broken feed XML: %s (after %zu item(s))", f->err_msg, f->nitems);
  return cg_error_set(err, CG_EINPUT, f->name, 0, 0, -1, "broken feed XML (after %zu item(s))",
                      f->nitems);
}

/* The reader parses ahead of what it hands out (512-byte chunks), so when the XML
 * breaks, items that were complete before the error may not have been delivered yet.
 * They are still in the partial tree: collect those with a following sibling (their
 * end tag was seen) that come after the last delivered item. */
static void start_salvage(cg_feed *f) {
  f->salvaging = true;
  f->sdoc = xmlTextReaderCurrentDoc(f->r); /* now ours to free */
  if (!f->sdoc) return;
  const xmlNode *root = (const xmlNode *)f->sdoc;
  const xmlNode *n = root->children;
  while (n) {
    if (n->type == XML_ELEMENT_NODE && n->name &&
        (!strcmp((const char *)n->name, "item") || !strcmp((const char *)n->name, "entry"))) {
      if (n->next && (long)xmlGetLineNo(n) > f->last_line) CG_VEC_PUSH(&f->salv, n);
    } else if (n->type == XML_ELEMENT_NODE && n->children) {
      n = n->children;
      continue;
    }
    while (!n->next) {
      n = n->parent;
      if (!n || n == root) return;
    }
    n = n->next;
  }
}

/* Delivers the next salvaged item, or the error that ended the feed. */
static cg_status salvage_next(cg_feed *f, cg_doc **doc, cg_error *err) {
  if (!f->salvaging) start_salvage(f);
  if (f->salv_i < f->salv.len) {
    const xmlNode *n = f->salv.items[f->salv_i++];
    f->nitems++;
    f->last_line = (long)xmlGetLineNo(n);
    return item_doc(f, n, doc, err);
  }
  return feed_error(f, err);
}

cg_status cg_feed_next(cg_feed *f, cg_doc **doc, cg_error *err) {
  *doc = NULL;
  if (f->done) return CG_OK;
  if (f->salvaging) return salvage_next(f, doc, err);
  if (!f->r) {
    f->done = true;
    return cg_error_set(err, CG_ELIB, f->name, 0, 0, -1, "cannot create an XML reader");
  }
  for (;;) {
    int ret = f->skip ? xmlTextReaderNext(f->r) : xmlTextReaderRead(f->r);
    f->skip = false;
    if (ret < 0) return salvage_next(f, doc, err);
    if (ret == 0) {
      f->done = true;
      if (!f->nitems)
        return cg_error_set(err, CG_EEMPTY, f->name, 0, 0, -1, "no <item> or <entry> in the feed");
      if (f->u.nrepairs)
        cg_read_warn(f->ctx, CG_EUTF8, f->name, f->u.first_repair_line,
                     (long long)f->u.first_repair,
                     "%zu invalid UTF-8 sequence(s) replaced by U+FFFD", f->u.nrepairs);
      return CG_OK;
    }
    if (xmlTextReaderNodeType(f->r) != XML_READER_TYPE_ELEMENT) continue;
    const char *ln = (const char *)xmlTextReaderConstLocalName(f->r);
    if (!ln) continue;
    if (!f->started) {
      f->started = true;
      if (strcmp(ln, "rss") && strcmp(ln, "feed") && strcmp(ln, "RDF")) {
        f->done = true;
        return cg_error_set(err, CG_EINPUT, f->name,
                            xmlTextReaderGetParserLineNumber(f->r), 0, -1,
                            "not an RSS or Atom feed (root element <%.64s>)", ln);
      }
      continue;
    }
    if (strcmp(ln, "item") && strcmp(ln, "entry")) continue;
    xmlNodePtr node = xmlTextReaderExpand(f->r);
    if (!node) return salvage_next(f, doc, err);
    f->nitems++;
    f->skip = true;
    f->last_line = (long)xmlGetLineNo(node);
    return item_doc(f, node, doc, err);
  }
}
