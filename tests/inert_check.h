/*
 * Test helpers: is an XML/HTML output inert? (no script-like elements, no event
 * handler attributes, no javascript: in URL-bearing attributes, no external references
 * in href/src/xlink:href). Header-only for the render/export tests.
 */
#ifndef CG_INERT_CHECK_H
#define CG_INERT_CHECK_H

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static inline int fx_lc(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

/* Case-insensitive substring search. */
static inline bool fx_icontains(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (const char *p = hay; *p; p++) {
    size_t i = 0;
    while (i < n && p[i] && fx_lc((unsigned char)p[i]) == fx_lc((unsigned char)needle[i])) i++;
    if (i == n) return true;
  }
  return false;
}

static inline bool fx_ieq(const char *a, const char *b) {
  while (*a && *b && fx_lc((unsigned char)*a) == fx_lc((unsigned char)*b)) a++, b++;
  return *a == *b;
}

static inline int fx_inert_walk(xmlNode *n) {
  int bad = 0;
  static const char *const banned[] = {"script", "iframe", "object", "embed", "foreignObject",
                                       "img", "image", "use", "link", "base", "meta-refresh"};
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++)
      if (fx_ieq((const char *)n->name, banned[i])) {
        fprintf(stderr, "inert: element <%s>\n", n->name);
        bad++;
      }
    for (xmlAttr *a = n->properties; a; a = a->next) {
      const char *an = (const char *)a->name;
      xmlChar *v = xmlNodeGetContent((xmlNode *)a);
      const char *val = v ? (const char *)v : "";
      if (fx_lc((unsigned char)an[0]) == 'o' && fx_lc((unsigned char)an[1]) == 'n') {
        fprintf(stderr, "inert: handler attribute %s\n", an);
        bad++;
      }
      /* javascript: is harmless as data (a GEXF label quoting the news) but not where
       * a URL is expected */
      bool url_attr = fx_ieq(an, "href") || fx_ieq(an, "src") || fx_ieq(an, "action") ||
                      fx_ieq(an, "formaction") || fx_ieq(an, "style") || fx_ieq(an, "fill") ||
                      fx_ieq(an, "filter") || fx_ieq(an, "content");
      if (url_attr && fx_icontains(val, "javascript:")) {
        fprintf(stderr, "inert: javascript: in %s\n", an);
        bad++;
      }
      if ((fx_ieq(an, "href") || fx_ieq(an, "src")) &&
          (fx_icontains(val, "http:") || fx_icontains(val, "https:") || !strncmp(val, "//", 2))) {
        fprintf(stderr, "inert: external %s=%s\n", an, val);
        bad++;
      }
      if (fx_icontains(val, "url(http") || fx_icontains(val, "url(//")) {
        fprintf(stderr, "inert: external url() in %s\n", an);
        bad++;
      }
      xmlFree(v);
    }
    bad += fx_inert_walk(n->children);
  }
  return bad;
}

/* Parses an XML (SVG, GEXF) document strictly; returns the number of problems
 * (1 when it is not well-formed). */
static inline int fx_inert_xml(const char *buf, size_t len) {
  xmlDoc *doc = xmlReadMemory(buf, (int)len, "out.xml", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                                    XML_PARSE_NOWARNING);
  if (!doc) {
    fprintf(stderr, "inert: not well-formed XML\n");
    return 1;
  }
  int bad = fx_inert_walk(xmlDocGetRootElement(doc));
  xmlFreeDoc(doc);
  if (fx_icontains(buf, "<script")) {
    fprintf(stderr, "inert: raw <script\n");
    bad++;
  }
  return bad;
}

/* Same for HTML (parsed by libxml2's HTML parser). */
static inline int fx_inert_html(const char *buf, size_t len) {
  htmlDocPtr doc = htmlReadMemory(buf, (int)len, "out.html", "UTF-8",
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (!doc) return 1;
  int bad = fx_inert_walk(xmlDocGetRootElement(doc));
  xmlFreeDoc(doc);
  if (fx_icontains(buf, "<script")) {
    fprintf(stderr, "inert: raw <script\n");
    bad++;
  }
  return bad;
}

#endif
