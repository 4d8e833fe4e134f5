/* HTML reader: metadata (title, date, url) and article text, via libxml2's HTML parser. */
#include "read_html.h"

#include "pubdate.h"
#include "utf8.h"

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Metadata from a page whose charset libxml2 guessed may hold invalid UTF-8 even when
 * the body is fine: it is repaired (U+FFFD), never a reason to drop the page.
 * Returns a new string (caller frees) or NULL for NULL. */
static char *meta_utf8(const char *s) {
  if (!s) return NULL;
  size_t n = strlen(s), bad;
  if (cg_utf8_check(s, n, &bad)) return cg_xstrdup(s);
  cg_buf b = {0};
  size_t nrep;
  cg_utf8_normalize(s, n, true, &b, &nrep, &bad);
  return cg_buf_detach(&b);
}

/* ------------------------------------------------------------------ text building */

/* Pending separator before the next visible character, strongest wins. */
enum { SEP_NONE, SEP_SPACE, SEP_LINE, SEP_PARA };

typedef struct tb {
  cg_buf *out;
  size_t start; /* out->len when we began: separators only after our own content */
  int pend;
  bool plain;   /* plain text: blank lines in whitespace runs are paragraph breaks */
} tb;

static void tb_sep(tb *t, int kind) {
  if (kind > t->pend) t->pend = kind;
}

/* Length of a Unicode whitespace character at s (U+00A0, U+2000..U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000), or 0. */
static size_t uspace(const unsigned char *s, size_t n) {
  if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0) return 2;
  if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
      ((s[2] >= 0x80 && s[2] <= 0x8A) || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
    return 3;
  if (n >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) return 3;
  if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) return 3;
  return 0;
}

static void tb_text(tb *t, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    size_t ws = 0, nl = 0;
    for (;;) {
      if (i >= n) break;
      if (cg_isspace(p[i])) {
        if (p[i] == '\n') nl++;
        i++;
        ws++;
        continue;
      }
      size_t u = p[i] >= 0x80 ? uspace(p + i, n - i) : 0;
      if (!u) break;
      i += u;
      ws++;
    }
    if (ws) tb_sep(t, t->plain && nl >= 2 ? SEP_PARA : SEP_SPACE);
    if (i >= n) break;
    size_t j = i;
    while (j < n && !cg_isspace(p[j]) && !(p[j] >= 0xC2 && uspace(p + j, n - j))) j++;
    if (t->out->len > t->start && t->pend) {
      if (t->pend == SEP_PARA) cg_buf_append(t->out, "\n\n", 2);
      else cg_buf_putc(t->out, t->pend == SEP_LINE ? '\n' : ' ');
    }
    t->pend = SEP_NONE;
    cg_buf_append(t->out, s + i, j - i);
    i = j;
  }
}

/* True when collapsing s[0..n) would give it back unchanged: no space at either end,
 * no two in a row, no other whitespace, and no lead byte of a Unicode space (C2, E2,
 * E3: uspace looks no further). Most titles are such, and tb_text, which appends word
 * by word, was an eighth of the JSON Lines reader's time. */
static bool collapsed_already(const unsigned char *s, size_t n) {
  if (!n || s[0] == ' ' || s[n - 1] == ' ') return false;
  for (size_t i = 0; i < n; i++) {
    unsigned c = s[i];
    if (c == ' ' ? s[i + 1] == ' ' : cg_isspace(c) || c == 0xC2 || c == 0xE2 || c == 0xE3)
      return false;
  }
  return true;
}

void cg_text_collapse(const char *s, size_t n, cg_buf *out) {
  if (collapsed_already((const unsigned char *)s, n)) {
    cg_buf_append(out, s, n);
    return;
  }
  tb t = {out, out->len, SEP_NONE, false};
  tb_text(&t, s, n);
}

void cg_text_plain(const char *s, size_t n, cg_buf *out) {
  tb t = {out, out->len, SEP_NONE, true};
  tb_text(&t, s, n);
}

/* ------------------------------------------------------------------ element classes */

enum { EL_INLINE, EL_SKIP, EL_BLOCK, EL_LINE, EL_CELL, EL_P };

typedef struct el_class {
  const char *name;
  int cls;
} el_class;

/* Markup vocabulary of HTML itself (not a language lexicon). */
static const el_class CLASSES[] = {
    {"script", EL_SKIP},   {"style", EL_SKIP},     {"nav", EL_SKIP},
    {"header", EL_SKIP},   {"footer", EL_SKIP},    {"aside", EL_SKIP},
    {"noscript", EL_SKIP}, {"template", EL_SKIP},  {"iframe", EL_SKIP},
    {"form", EL_SKIP},     {"button", EL_SKIP},    {"select", EL_SKIP},
    {"svg", EL_SKIP},      {"math", EL_SKIP},      {"object", EL_SKIP},
    {"embed", EL_SKIP},    {"canvas", EL_SKIP},    {"head", EL_SKIP},
    {"figure", EL_SKIP},   {"menu", EL_SKIP},      {"textarea", EL_SKIP},
    {"p", EL_P},           {"div", EL_BLOCK},      {"section", EL_BLOCK},
    {"article", EL_BLOCK}, {"main", EL_BLOCK},     {"h1", EL_BLOCK},
    {"h2", EL_BLOCK},      {"h3", EL_BLOCK},       {"h4", EL_BLOCK},
    {"h5", EL_BLOCK},      {"h6", EL_BLOCK},       {"li", EL_BLOCK},
    {"ul", EL_BLOCK},      {"ol", EL_BLOCK},       {"dl", EL_BLOCK},
    {"dt", EL_BLOCK},      {"dd", EL_BLOCK},       {"blockquote", EL_BLOCK},
    {"pre", EL_BLOCK},     {"table", EL_BLOCK},    {"tr", EL_BLOCK},
    {"figcaption", EL_BLOCK}, {"address", EL_BLOCK}, {"hr", EL_BLOCK},
    {"center", EL_BLOCK},  {"details", EL_BLOCK},  {"summary", EL_BLOCK},
    {"body", EL_BLOCK},    {"html", EL_BLOCK},     {"br", EL_LINE},
    {"td", EL_CELL},       {"th", EL_CELL},
};

static const char *const SKIP_ROLES[] = {"navigation", "banner", "contentinfo",
                                         "complementary", "search", "menu"};

char *cg_xml_attr(const struct _xmlNode *node, const char *name) {
  const xmlNode *n = (const xmlNode *)node;
  if (!n || n->type != XML_ELEMENT_NODE) return NULL;
  for (const xmlAttr *a = n->properties; a; a = a->next) {
    if (!a->name || xmlStrcasecmp(a->name, (const xmlChar *)name)) continue;
    cg_buf b = {0};
    for (const xmlNode *c = a->children; c; c = c->next)
      if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
        cg_buf_puts(&b, (const char *)c->content);
    return cg_buf_detach(&b);
  }
  return NULL;
}

static bool attr_is(const xmlNode *n, const char *name, const char *value) {
  char *v = cg_xml_attr(n, name);
  bool r = v && !xmlStrcasecmp((const xmlChar *)v, (const xmlChar *)value);
  free(v);
  return r;
}

static bool has_attr(const xmlNode *n, const char *name) {
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (a->name && !xmlStrcasecmp(a->name, (const xmlChar *)name)) return true;
  return false;
}

static int classify(const xmlNode *n) {
  int cls = EL_INLINE;
  for (size_t i = 0; i < sizeof CLASSES / sizeof *CLASSES; i++)
    if (!xmlStrcasecmp(n->name, (const xmlChar *)CLASSES[i].name)) {
      cls = CLASSES[i].cls;
      break;
    }
  if (cls == EL_SKIP || !n->properties) return cls;
  if (has_attr(n, "hidden") || attr_is(n, "aria-hidden", "true")) return EL_SKIP;
  char *role = cg_xml_attr(n, "role");
  if (role) {
    for (size_t i = 0; i < sizeof SKIP_ROLES / sizeof *SKIP_ROLES; i++)
      if (!xmlStrcasecmp((const xmlChar *)role, (const xmlChar *)SKIP_ROLES[i])) cls = EL_SKIP;
    free(role);
  }
  return cls;
}

/* ------------------------------------------------------------------ tree walks */

/* Walks the subtree under root without recursion, feeding visible text to t.
 * p_only: only text inside <p> elements counts (the fallback for pages without an
 * article container, which keeps menus written as bare <div>s out). */
static void walk_text(const xmlNode *root, tb *t, bool p_only) {
  if (!root) return;
  int pdepth = 0;
  const xmlNode *n = root->children;
  while (n) {
    bool entered = false;
    if (n->type == XML_ELEMENT_NODE) {
      int c = classify(n);
      if (c != EL_SKIP) {
        entered = true;
        if (c == EL_BLOCK || c == EL_P) tb_sep(t, SEP_PARA);
        else if (c == EL_LINE) tb_sep(t, SEP_LINE);
        else if (c == EL_CELL) tb_sep(t, SEP_SPACE);
        if (c == EL_P) pdepth++;
        if (n->children) {
          n = n->children;
          continue;
        }
      }
    } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
               n->content && (!p_only || pdepth > 0)) {
      tb_text(t, (const char *)n->content, strlen((const char *)n->content));
    }
    /* Leave n (if it was an element we entered), then climb until a next sibling. */
    for (;;) {
      if (entered) {
        int c = classify(n);
        if (c == EL_BLOCK || c == EL_P) tb_sep(t, SEP_PARA);
        if (c == EL_P) pdepth--;
      }
      if (n->next) {
        n = n->next;
        break;
      }
      n = n->parent;
      if (!n || n == root) return;
      entered = true; /* every ancestor below root was entered */
    }
  }
}

void cg_html_node_text(const struct _xmlNode *root, cg_buf *out) {
  tb t = {out, out->len, SEP_NONE, false};
  walk_text((const xmlNode *)root, &t, false);
}

void cg_xml_text(const struct _xmlNode *root, cg_buf *out) {
  const xmlNode *r = (const xmlNode *)root;
  if (!r) return;
  const xmlNode *n = r->children;
  while (n) {
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
      cg_buf_puts(out, (const char *)n->content);
    if (n->type == XML_ELEMENT_NODE && n->children) {
      n = n->children;
      continue;
    }
    while (!n->next) {
      n = n->parent;
      if (!n || n == r) return;
    }
    n = n->next;
  }
}

/* Metadata gathered in one pass over the whole page. Strings owned (free()). */
typedef struct page_meta {
  char *og_title, *title, *ld_headline, *h1;
  char *url_canonical, *og_url;
  char date[6][16]; /* by priority: see cg_read_html's comment */
  const xmlNode *article_body, *article, *body;
  size_t np;
} page_meta;

enum { D_META, D_LD, D_ITEMPROP, D_TIME_PUB, D_OTHER, D_TIME };

/* Stores a date candidate for slot k if it parses and the slot is empty. */
static void put_date(page_meta *m, int k, const char *v) {
  if (!v || m->date[k][0]) return;
  char day[16];
  if (cg_pubdate_prefix(v, strlen(v), day)) memcpy(m->date[k], day, sizeof day);
}

static char *node_text_collapsed(const xmlNode *n, size_t cap) {
  cg_buf b = {0};
  cg_html_node_text(n, &b);
  if (b.len > cap) { /* keep whole UTF-8 characters */
    size_t k = cap;
    while (k > 0 && ((unsigned char)b.data[k] & 0xC0) == 0x80) k--;
    b.len = k;
    b.data[k] = '\0';
  }
  if (!b.len) {
    cg_buf_free(&b);
    return NULL;
  }
  return cg_buf_detach(&b);
}

/* Looks for datePublished / headline in a JSON-LD value: the object itself, the items
 * of an array, or its "@graph". Depth-bounded. */
static void ld_scan(page_meta *m, json_t *v, int depth) {
  if (!v || depth > 4) return;
  if (json_is_array(v)) {
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x) ld_scan(m, x, depth + 1);
    return;
  }
  if (!json_is_object(v)) return;
  const char *dp = json_string_value(json_object_get(v, "datePublished"));
  put_date(m, D_LD, dp);
  const char *h = json_string_value(json_object_get(v, "headline"));
  if (h && !m->ld_headline) {
    cg_buf b = {0};
    cg_text_collapse(h, strlen(h), &b);
    m->ld_headline = b.len ? cg_buf_detach(&b) : NULL;
    cg_buf_free(&b);
  }
  ld_scan(m, json_object_get(v, "@graph"), depth + 1);
}

/* Date metas other than the main ones, by name= or property=. */
static const char *const OTHER_DATE_METAS[] = {
    "pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued",
    "dcterms.date", "dcterms.issued", "dcterms.created", "og:published_time",
    "parsely-pub-date", "sailthru.date", "article.published", "datepublished"};

static void on_meta(page_meta *m, const xmlNode *n) {
  char *key = cg_xml_attr(n, "property");
  if (!key) key = cg_xml_attr(n, "name");
  char *ip = cg_xml_attr(n, "itemprop");
  char *content = cg_xml_attr(n, "content");
  if (content) {
    if (key && !xmlStrcasecmp((const xmlChar *)key, (const xmlChar *)"og:title") &&
        !m->og_title) {
      cg_buf b = {0};
      cg_text_collapse(content, strlen(content), &b);
      m->og_title = b.len ? cg_buf_detach(&b) : NULL;
      cg_buf_free(&b);
    } else if (key && !xmlStrcasecmp((const xmlChar *)key, (const xmlChar *)"og:url")) {
      if (!m->og_url) m->og_url = cg_xstrdup(content);
    } else if (key && !xmlStrcasecmp((const xmlChar *)key,
                                     (const xmlChar *)"article:published_time")) {
      put_date(m, D_META, content);
    } else if (key) {
      for (size_t i = 0; i < sizeof OTHER_DATE_METAS / sizeof *OTHER_DATE_METAS; i++)
        if (!xmlStrcasecmp((const xmlChar *)key, (const xmlChar *)OTHER_DATE_METAS[i]))
          put_date(m, D_OTHER, content);
    }
    if (ip && !xmlStrcasecmp((const xmlChar *)ip, (const xmlChar *)"datePublished"))
      put_date(m, D_ITEMPROP, content);
  }
  free(key);
  free(ip);
  free(content);
}

static void on_element(page_meta *m, const xmlNode *n) {
  const char *nm = (const char *)n->name;
  if (!nm) return;
  if (!xmlStrcasecmp(n->name, (const xmlChar *)"meta")) {
    on_meta(m, n);
  } else if (!strcmp(nm, "title") && !m->title) {
    cg_buf b = {0};
    cg_xml_text(n, &b);
    cg_buf c = {0};
    cg_text_collapse(b.data ? b.data : "", b.len, &c);
    m->title = c.len ? cg_buf_detach(&c) : NULL;
    cg_buf_free(&b);
    cg_buf_free(&c);
  } else if (!strcmp(nm, "h1") && !m->h1) {
    m->h1 = node_text_collapsed(n, 2048);
  } else if (!strcmp(nm, "link")) {
    if (!m->url_canonical && attr_is(n, "rel", "canonical"))
      m->url_canonical = cg_xml_attr(n, "href");
  } else if (!strcmp(nm, "time")) {
    char *dt = cg_xml_attr(n, "datetime");
    if (dt) {
      if (has_attr(n, "pubdate") || attr_is(n, "itemprop", "datePublished"))
        put_date(m, D_TIME_PUB, dt);
      put_date(m, D_TIME, dt);
      free(dt);
    }
  } else if (!strcmp(nm, "script")) {
    if (attr_is(n, "type", "application/ld+json")) {
      cg_buf b = {0};
      cg_xml_text(n, &b);
      json_t *j = b.len ? json_loadb(b.data, b.len, 0, NULL) : NULL;
      ld_scan(m, j, 0);
      json_decref(j);
      cg_buf_free(&b);
    }
  } else if (!strcmp(nm, "article") && !m->article) {
    m->article = n;
  } else if (!strcmp(nm, "body") && !m->body) {
    m->body = n;
  } else if (!strcmp(nm, "p")) {
    m->np++;
  }
  if (!m->article_body && n->properties && attr_is(n, "itemprop", "articleBody"))
    m->article_body = n;
}

/* One iterative pass over every element of the document. */
static void scan_page(page_meta *m, const xmlDoc *doc) {
  const xmlNode *root = (const xmlNode *)doc;
  const xmlNode *n = root->children;
  while (n) {
    if (n->type == XML_ELEMENT_NODE) {
      on_element(m, n);
      if (n->children) {
        n = n->children;
        continue;
      }
    }
    while (!n->next) {
      n = n->parent;
      if (!n || n == root) return;
    }
    n = n->next;
  }
}

static void page_meta_free(page_meta *m) {
  free(m->og_title);
  free(m->title);
  free(m->ld_headline);
  free(m->h1);
  free(m->url_canonical);
  free(m->og_url);
}

/* ------------------------------------------------------------------ charset */

/* The encoding a <meta charset=...> or http-equiv names in the first 4 KiB, copied
 * into enc (size encsz); "" when none is declared. */
static void declared_charset(const char *buf, size_t len, char *enc, size_t encsz) {
  enc[0] = '\0';
  size_t n = len < 4096 ? len : 4096;
  static const char key[] = "charset";
  for (size_t i = 0; i + 7 < n; i++) {
    size_t k = 0;
    while (k < 7 && cg_lower(buf[i + k]) == key[k]) k++;
    if (k < 7) continue;
    size_t j = i + 7;
    while (j < n && buf[j] == ' ') j++;
    if (j >= n || buf[j] != '=') continue;
    j++;
    while (j < n && (buf[j] == ' ' || buf[j] == '"' || buf[j] == '\'')) j++;
    size_t e = 0;
    while (j < n && e + 1 < encsz &&
           (cg_isalpha(buf[j]) || cg_isdigit(buf[j]) || buf[j] == '-' || buf[j] == '_' ||
            buf[j] == ':' || buf[j] == '.'))
      enc[e++] = buf[j++];
    enc[e] = '\0';
    return;
  }
}

static bool is_utf8_name(const char *e) {
  return !*e || !xmlStrcasecmp((const xmlChar *)e, (const xmlChar *)"utf-8") ||
         !xmlStrcasecmp((const xmlChar *)e, (const xmlChar *)"utf8") ||
         !xmlStrcasecmp((const xmlChar *)e, (const xmlChar *)"us-ascii") ||
         !xmlStrcasecmp((const xmlChar *)e, (const xmlChar *)"ascii");
}

/* ------------------------------------------------------------------ parsing */

static const int HTML_OPTS = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NONET | HTML_PARSE_COMPACT;

/* Errors from libxml2 land here (per parser context) instead of stderr; HTML is
 * parsed in recovery mode, so they are not reported. */
static void ignore_error(void *ud, xmlErrorPtr e) {
  (void)ud;
  (void)e;
}

/* Parses buf as HTML in encoding enc. Returns the document (xmlFreeDoc) or NULL.
 * When lasterr is not NULL it receives the parser's last error ("" if none) with its
 * line, to explain a page that yields no text (e.g. nesting beyond libxml2's limit). */
static xmlDoc *parse_html(const char *buf, size_t len, const char *name, const char *enc,
                          char *lasterr, size_t errsz) {
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
  if (!ctxt) return NULL;
  if (ctxt->sax) {
    ctxt->sax->serror = ignore_error;
    ctxt->sax->initialized = XML_SAX2_MAGIC;
  }
  xmlDoc *doc = htmlCtxtReadMemory(ctxt, buf, (int)len, name, enc, HTML_OPTS);
  if (lasterr) {
    lasterr[0] = '\0';
    xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
    if (e && e->message && e->level >= XML_ERR_ERROR) {
      snprintf(lasterr, errsz, " (HTML parser, line %d: %s", e->line, e->message);
      size_t l = strlen(lasterr);
      while (l && (lasterr[l - 1] == '\n' || lasterr[l - 1] == ' ')) lasterr[--l] = '\0';
      if (l + 1 < errsz) {
        lasterr[l] = ')';
        lasterr[l + 1] = '\0';
      }
    }
  }
  htmlFreeParserCtxt(ctxt);
  return doc;
}

void cg_html_fragment_text(const char *html, size_t len, cg_buf *out) {
  if (!memchr(html, '<', len) && !memchr(html, '&', len)) {
    cg_text_plain(html, len, out);
    return;
  }
  if (len > INT_MAX) len = INT_MAX;
  xmlDoc *doc = parse_html(html, len, "fragment", "UTF-8", NULL, 0);
  if (!doc) return;
  tb t = {out, out->len, SEP_NONE, false};
  walk_text((const xmlNode *)doc, &t, false);
  xmlFreeDoc(doc);
}

cg_status cg_read_html(const char *buf, size_t len, const char *name, const cg_read_ctx *ctx,
                       cg_doc **out, cg_error *err) {
  *out = NULL;
  if (len > INT_MAX || len > ctx->opts.max_doc_bytes)
    return cg_error_set(err, CG_ELIMIT, name, 0, 0, -1, "HTML page larger than the limit");
  char enc[64];
  declared_charset(buf, len, enc, sizeof enc);
  cg_buf fixed = {0};
  const char *penc = "UTF-8";
  if (is_utf8_name(enc)) {
    size_t bad;
    if (!cg_utf8_check(buf, len, &bad)) {
      if (!ctx->opts.lenient) return cg_utf8_error(err, name, buf, bad, 0, 1);
      size_t nrep = 0;
      cg_utf8_normalize(buf, len, true, &fixed, &nrep, &bad);
      cg_read_warn(ctx, CG_EUTF8, name, 0, (long long)bad,
                   "%zu invalid UTF-8 sequence(s) replaced by U+FFFD", nrep);
      buf = fixed.data;
      len = fixed.len;
    }
  } else {
    xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(enc);
    if (h) {
      xmlCharEncCloseFunc(h);
      penc = enc;
    } else {
      cg_read_warn(ctx, CG_EINPUT, name, 0, -1, "unknown charset \"%s\", read as UTF-8", enc);
      size_t bad;
      if (!cg_utf8_check(buf, len, &bad) && !ctx->opts.lenient)
        return cg_utf8_error(err, name, buf, bad, 0, 1);
    }
  }
  char lasterr[300];
  xmlDoc *doc = parse_html(buf, len, name, penc, lasterr, sizeof lasterr);
  cg_buf_free(&fixed);
  if (!doc) return cg_error_set(err, CG_ELIB, name, 0, 0, -1, "the HTML parser gave no document");

  page_meta m;
  memset(&m, 0, sizeof m);
  scan_page(&m, doc);
  cg_buf text = {0};
  tb t = {&text, 0, SEP_NONE, false};
  if (m.article_body) walk_text(m.article_body, &t, false);
  else if (m.article) walk_text(m.article, &t, false);
  else if (m.np) walk_text(m.body ? m.body : (const xmlNode *)doc, &t, true);
  if (!text.len) walk_text(m.body ? m.body : (const xmlNode *)doc, &t, false);

  cg_doc *d = cg_doc_new();
  d->id = cg_xstrdup(name);
  d->source = cg_xstrdup(name);
  const char *title = m.og_title ? m.og_title : m.title ? m.title : m.ld_headline ? m.ld_headline : m.h1;
  d->title = meta_utf8(title);
  const char *url = m.url_canonical && *m.url_canonical ? m.url_canonical : m.og_url;
  d->url = url && *url ? meta_utf8(url) : NULL;
  for (int k = 0; k < 6; k++)
    if (m.date[k][0]) {
      d->dct = cg_xstrdup(m.date[k]);
      d->dct_source = CG_DCT_META;
      break;
    }
  page_meta_free(&m);
  xmlFreeDoc(doc);

  /* The text came out of libxml2 as UTF-8; validate and normalise it once more. */
  cg_status st = CG_OK;
  size_t tlen = text.len;
  if (tlen)
    st = cg_read_ingest_owned(ctx, cg_buf_detach(&text), tlen, name, -1, 0, &d->text, &d->len,
                              err);
  cg_buf_free(&text);
  if (st != CG_OK) {
    cg_doc_free(d);
    return st;
  }
  if (!d->text || cg_read_blank(d->text, d->len)) {
    cg_doc_free(d);
    return cg_error_set(err, CG_EEMPTY, name, 0, 0, -1, "no text in the HTML page%s", lasterr);
  }
  *out = d;
  return CG_OK;
}
