/*
 * The body of the writers fuzz target (SVG timeline, SVG actor graph, DOT, CSV, HTML
 * report), shared by fuzz/fuzz_writers.c and tests/test_fuzz_regressions.c.
 *
 * The input builds a small corpus in one of two ways:
 *   - it starts with '{': it is a schema-2 JSON object (a hostile shard given to
 *     `chronograph merge`: documents with their sentence tables, events that refer
 *     to sentences by index, maybe out of range or of another schema version) added
 *     with cg_corpus_add_json;
 *   - else: it is news text appended to a fixed lead sentence (so the graph has actors
 *     and events), read by the lenient text reader, run through every stage and added
 *     with cg_corpus_add_docx; strings from the input reach labels and cells.
 * Every output is then checked: SVG/HTML parse, contain no script, no event handler
 * attribute and no external reference; DOT re-parses with cgraph; every CSV record
 * has as many fields as the header.
 *
 * Include after fuzz_body.h, in one .c file per executable.
 */
#ifndef CG_FUZZ_WRITERS_H
#define CG_FUZZ_WRITERS_H

#include "fuzz_body.h"

#include "corpus.h"
#include "network.h"
#include "render.h"

#include <cgraph.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <strings.h>

/* True when an attribute value points outside the document. */
static bool fuzz_external_ref(const char *v) {
  while (*v == ' ') v++;
  return !(v[0] == '#' || v[0] == '\0' || !strncmp(v, "data:image/", 11));
}

/* Walks the tree: no <script>/<foreignObject>/<iframe>/<object>/<embed>, no on*
 * attribute, no href/src/xlink:href leaving the document. */
static void fuzz_check_tree(xmlNode *n) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    const char *name = (const char *)n->name;
    CG_FUZZ_CHECK(strcasecmp(name, "script") && strcasecmp(name, "foreignObject") &&
                      strcasecmp(name, "iframe") && strcasecmp(name, "object") &&
                      strcasecmp(name, "embed"),
                  "active element in output");
    for (xmlAttr *a = n->properties; a; a = a->next) {
      const char *an = (const char *)a->name;
      CG_FUZZ_CHECK(!((an[0] | 32) == 'o' && (an[1] | 32) == 'n'), "event handler attribute");
      if (!strcasecmp(an, "href") || !strcasecmp(an, "src")) {
        xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
        bool ext = v && fuzz_external_ref((const char *)v);
        xmlFree(v);
        CG_FUZZ_CHECK(!ext, "external reference in output");
      }
    }
    fuzz_check_tree(n->children);
  }
}

static void fuzz_check_svg(const cg_buf *b) {
  if (!b->len) return;
  CG_FUZZ_CHECK(b->len < (size_t)1 << 30, "SVG too large");
  xmlDoc *doc = xmlReadMemory(b->data, (int)b->len, "out.svg", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  CG_FUZZ_CHECK(doc != NULL, "SVG output is not well-formed XML");
  fuzz_check_tree(xmlDocGetRootElement(doc));
  xmlFreeDoc(doc);
}

static void fuzz_check_html(const cg_buf *b) {
  if (!b->len) return;
  htmlDocPtr doc = htmlReadMemory(b->data, (int)b->len, "report.html", "UTF-8",
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  CG_FUZZ_CHECK(doc != NULL, "report does not parse");
  fuzz_check_tree(xmlDocGetRootElement(doc));
  xmlFreeDoc(doc);
}

static void fuzz_check_dot(const cg_buf *b) {
  if (!b->len) return;
  Agraph_t *g = agmemread(b->data);
  CG_FUZZ_CHECK(g != NULL, "DOT output does not parse");
  agclose(g);
}

/* RFC 4180: every record has the header's number of fields; quotes are balanced. */
static void fuzz_check_csv(const cg_buf *b) {
  size_t fields = 1, header = 0, i = 0;
  bool first = true, quoted = false;
  for (; i < b->len; i++) {
    char c = b->data[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < b->len && b->data[i + 1] == '"') i++;
        else quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields++;
    } else if (c == '\n') {
      if (first) header = fields, first = false;
      else CG_FUZZ_CHECK(fields == header, "CSV record with a different number of fields");
      fields = 1;
    }
  }
  CG_FUZZ_CHECK(!quoted, "CSV ends inside a quoted field");
}

static const char fuzz_lead[] =
    "Russia annexed Crimea in March 2014, Vladimir Putin said on Friday in Moscow. ";

/* Builds the corpus from the input (see the file comment); NULL when nothing to add. */
static cg_corpus *fuzz_corpus(const fuzz_stages *s, const uint8_t *data, size_t size) {
  cg_corpus *c = cg_corpus_new();
  cg_error err;
  if (size && data[0] == '{') {
    json_error_t je;
    json_t *obj = json_loadb((const char *)data, size, 0, &je);
    if (obj) cg_corpus_add_json(c, obj, "fuzz-input", &err);
    json_decref(obj);
    return c;
  }
  size_t n = sizeof fuzz_lead - 1 + size;
  uint8_t *text = cg_xmalloc(n + 1);
  memcpy(text, fuzz_lead, sizeof fuzz_lead - 1);
  if (size) memcpy(text + sizeof fuzz_lead - 1, data, size);
  cg_doc **docs = NULL;
  size_t nd = fuzz_read_opt(text, n, CG_FMT_TEXT, "2025-12-06", &docs, false);
  free(text);
  for (size_t i = 0; i < nd; i++) {
    cg_docx *dx = cg_docx_new(docs[i]);
    docs[i] = NULL;
    cg_sentences_split(dx);
    cg_tagger_run(s->tagger, dx, CG_MODE_AUTO);
    cg_actors_run(s->alx, dx);
    cg_events_run(s->elx, dx);
    cg_corpus_add_docx(c, dx, false);
    cg_docx_free(dx);
  }
  free(docs);
  return c;
}

static void fuzz_writers(const fuzz_stages *s, const uint8_t *data, size_t size) {
  cg_corpus *c = fuzz_corpus(s, data, size);
  cg_corpus_finish(c);
  cg_error err;
  cg_network *net = NULL;
  if (cg_network_new(&net, c, &err) != CG_OK) net = NULL;
  cg_render_opts o = cg_render_opts_default();
  /* Graphviz 2.42's pango plugin keeps pointers into a freed context, so a process
   * must keep one render context for its whole life (render.h): the fuzzer runs
   * thousands of inputs in one process. Never freed, by design of that rule. */
  static cg_render_ctx *ctx;
  if (!ctx) ctx = cg_render_ctx_new();
  o.ctx = ctx;
  cg_buf b = {0};
  if (cg_render_timeline_svg(c, &o, &b, &err) == CG_OK) fuzz_check_svg(&b);
  cg_buf_clear(&b);
  if (net && cg_render_actors_svg(c, net, &o, &b, &err) == CG_OK) fuzz_check_svg(&b);
  cg_buf_clear(&b);
  if (net && cg_render_report_html(c, net, &o, &b, &err) == CG_OK) fuzz_check_html(&b);
  cg_buf_clear(&b);
  if (cg_export_dot(c, net, &b, &err) == CG_OK) fuzz_check_dot(&b);
  cg_buf_clear(&b);
  if (cg_export_csv_events(c, &b, &err) == CG_OK) fuzz_check_csv(&b);
  cg_buf_clear(&b);
  if (cg_export_csv_actors(c, &b, &err) == CG_OK) fuzz_check_csv(&b);
  cg_buf_free(&b);
  cg_network_free(net);
  cg_corpus_free(c);
}

#endif
