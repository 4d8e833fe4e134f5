/* Timeline and actor SVGs, and the HTML report: parsed with libxml2 and checked for
 * structure and geometry (time runs left to right, events sit in their agent's
 * lane, labels do not overlap, uncertainty is drawn). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "inert_check.h"
#include "network.h"
#include "rcommon.h"
#include "render.h"
#include "render_fixture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ SVG helpers */

static bool has_token(xmlNode *n, const char *attr, const char *tok) {
  xmlChar *v = xmlGetProp(n, BAD_CAST attr);
  bool r = false;
  if (v) {
    size_t l = strlen(tok);
    for (const char *p = (const char *)v; (p = strstr(p, tok)) != NULL; p += l)
      if ((p == (const char *)v || p[-1] == ' ') && (p[l] == '\0' || p[l] == ' ')) r = true;
    xmlFree(v);
  }
  return r;
}

/* Collects <g> elements whose class has token tok, in document order. */
static void find_class(xmlNode *n, const char *tok, xmlNode **out, size_t *count, size_t max) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (!strcmp((const char *)n->name, "g") && has_token(n, "class", tok) && *count < max)
      out[(*count)++] = n;
    find_class(n->children, tok, out, count, max);
  }
}

static xmlNode *child(xmlNode *n, const char *name) {
  for (xmlNode *c = n ? n->children : NULL; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (!strcmp((const char *)c->name, name)) return c;
    xmlNode *d = child(c, name);
    if (d) return d;
  }
  return NULL;
}

typedef struct box {
  double x0, y0, x1, y1;
} box;

/* Bounding box of the first ellipse or polygon inside g (SVG coordinates). */
static box shape_box(xmlNode *g) {
  box b = {INFINITY, INFINITY, -INFINITY, -INFINITY};
  xmlNode *e = child(g, "ellipse");
  if (e) {
    xmlChar *cx = xmlGetProp(e, BAD_CAST "cx"), *cy = xmlGetProp(e, BAD_CAST "cy");
    xmlChar *rx = xmlGetProp(e, BAD_CAST "rx"), *ry = xmlGetProp(e, BAD_CAST "ry");
    double x = atof((char *)cx), y = atof((char *)cy), a = atof((char *)rx), r = atof((char *)ry);
    b = (box){x - a, y - r, x + a, y + r};
    xmlFree(cx), xmlFree(cy), xmlFree(rx), xmlFree(ry);
    return b;
  }
  xmlNode *p = child(g, "polygon");
  if (!p) p = child(g, "path");
  if (!p) return b;
  xmlChar *pts = xmlGetProp(p, BAD_CAST "points");
  if (!pts) pts = xmlGetProp(p, BAD_CAST "d");
  const char *s = (const char *)pts;
  while (s && *s) {
    while (*s && !(*s == '-' || (*s >= '0' && *s <= '9'))) s++;
    if (!*s) break;
    char *end;
    double x = strtod(s, &end);
    s = end;
    if (*s == ',') s++;
    double y = strtod(s, &end);
    s = end;
    b.x0 = fmin(b.x0, x), b.x1 = fmax(b.x1, x), b.y0 = fmin(b.y0, y), b.y1 = fmax(b.y1, y);
  }
  xmlFree(pts);
  return b;
}

/* One Graphviz context for the whole test program (see cg_render_ctx in render.h);
 * it is the group state, handed to every test. */
static int group_setup(void **state) {
  *state = cg_render_ctx_new();
  return *state ? 0 : -1;
}

static int group_teardown(void **state) {
  cg_render_ctx_free(*state);
  return 0;
}

static cg_render_opts opts_for(void **state) {
  cg_render_opts o = cg_render_opts_default();
  o.ctx = *state;
  return o;
}

static xmlDoc *render_timeline(void **state, cg_corpus *c, cg_theme theme, cg_buf *svg) {
  cg_network *n = NULL;
  assert_int_equal(cg_network_new(&n, c, NULL), CG_OK);
  cg_render_opts o = opts_for(state);
  o.theme = theme;
  o.title = "Test";
  cg_error err = {0};
  assert_int_equal(cg_render_timeline_svg(c, &o, svg, &err), CG_OK);
  cg_network_free(n);
  assert_non_null(svg->data);
  assert_true(strncmp(svg->data, "<svg", 4) == 0); /* no prolog, no DOCTYPE */
  xmlDoc *doc = xmlReadMemory(svg->data, (int)svg->len, "t.svg", "UTF-8", XML_PARSE_NONET);
  assert_non_null(doc);
  return doc;
}

/* Box of the event mark with corpus id `id` (element id "ev-<id>-<index>"). */
static box event_box(xmlDoc *doc, const char *id, xmlNode **g_out) {
  xmlNode *gs[512];
  size_t n = 0;
  find_class(xmlDocGetRootElement(doc), "event", gs, &n, 512);
  char want[64];
  snprintf(want, sizeof want, "ev-%s-", id);
  for (size_t i = 0; i < n; i++) {
    xmlChar *gid = xmlGetProp(gs[i], BAD_CAST "id");
    bool hit = gid && !strncmp((char *)gid, want, strlen(want));
    xmlFree(gid);
    if (hit) {
      if (g_out) *g_out = gs[i];
      return shape_box(gs[i]);
    }
  }
  fail_msg("event %s not in the SVG", id);
  return (box){0, 0, 0, 0};
}

/* ------------------------------------------------------------ timeline */

static void timeline_time_runs_left_to_right(void **state) {
    cg_corpus *c = fx_ukraine();
  cg_buf svg = {0};
  xmlDoc *doc = render_timeline(state, c, CG_THEME_LIGHT, &svg);
  box annex = event_box(doc, "e1", NULL);   /* 2014-03-18 */
  box protest = event_box(doc, "e3", NULL); /* ~2014-02 */
  box invade = event_box(doc, "e4", NULL);  /* 2022-02-24 */
  box say = event_box(doc, "e5", NULL);     /* 2025-11-28 */
  box meet = event_box(doc, "e6", NULL);    /* 2025-11-30 */
  assert_true(protest.x0 < annex.x0);
  assert_true(annex.x1 < invade.x0);
  assert_true(invade.x1 < say.x0);
  assert_true(say.x0 < meet.x0);
  /* 2014 and "last Friday" are both readable: two days apart in 2025 are at least a
   * few points apart although the chart spans twelve years */
  assert_true(meet.x0 - say.x0 > 10.0);
  /* the gaps were cut: axis breaks are drawn */
  xmlNode *br[16];
  size_t nb = 0;
  find_class(xmlDocGetRootElement(doc), "axis-break", br, &nb, 16);
  assert_true(nb >= 1);
  xmlFreeDoc(doc);
  cg_buf_free(&svg);
  fx_free(c);
}

static void timeline_events_in_agent_lane(void **state) {
    cg_corpus *c = fx_ukraine();
  cg_buf svg = {0};
  xmlDoc *doc = render_timeline(state, c, CG_THEME_LIGHT, &svg);
  xmlNode *lanes[32];
  size_t nl = 0;
  find_class(xmlDocGetRootElement(doc), "lane", lanes, &nl, 32);
  assert_true(nl >= 3);
  /* every event whose class names an actor lies inside that actor's lane */
  xmlNode *evs[64];
  size_t ne = 0, checked = 0;
  find_class(xmlDocGetRootElement(doc), "event", evs, &ne, 64);
  assert_int_equal(ne, 8); /* 9 events, one undated */
  for (size_t i = 0; i < ne; i++) {
    box eb = shape_box(evs[i]);
    for (size_t l = 0; l < nl; l++) {
      xmlChar *cls = xmlGetProp(lanes[l], BAD_CAST "class");
      const char *actor = strstr((char *)cls, "lane-");
      char tok[64];
      snprintf(tok, sizeof tok, "actor-%s", actor ? actor + 5 : "?");
      if (actor && has_token(evs[i], "class", tok)) {
        box lb = shape_box(lanes[l]);
        double ym = (eb.y0 + eb.y1) / 2;
        assert_true(ym > lb.y0 && ym < lb.y1);
        checked++;
      }
      xmlFree(cls);
    }
  }
  assert_true(checked >= 6);
  /* Russia (agent of three events, highest PageRank) has the first lane */
  assert_true(has_token(lanes[0], "class", "lane-a1"));
  xmlFreeDoc(doc);
  cg_buf_free(&svg);
  fx_free(c);
}

static void timeline_uncertainty_and_tooltips(void **state) {
    cg_corpus *c = fx_ukraine();
  cg_buf svg = {0};
  xmlDoc *doc = render_timeline(state, c, CG_THEME_DARK, &svg);
  xmlNode *g = NULL;
  box year = event_box(doc, "e2", &g); /* "2014": a bar across the year */
  assert_true(has_token(g, "class", "gran-year"));
  box day = event_box(doc, "e1", NULL);
  assert_true(year.x1 - year.x0 > 10 * (day.x1 - day.x0));
  assert_true(year.x0 <= day.x0 && year.x1 >= day.x1); /* 18 March lies inside 2014 */
  event_box(doc, "e3", &g); /* APPROX: class and a fading gradient */
  assert_true(has_token(g, "class", "approx"));
  assert_non_null(strstr(svg.data, "radialGradient"));
  /* tooltip: date, sentence and source in the <title> */
  event_box(doc, "e5", &g);
  xmlChar *t = xmlNodeGetContent(child(g, "title"));
  assert_non_null(strstr((char *)t, "28 Nov 2025"));
  assert_non_null(strstr((char *)t, "Peskov said last Friday"));
  assert_non_null(strstr((char *)t, "Talks resume in Geneva"));
  xmlFree(t);
  /* the era band of the invasion ("since") reaches the latest publication date */
  xmlNode *eras[8];
  size_t nr = 0;
  find_class(xmlDocGetRootElement(doc), "era", eras, &nr, 8);
  assert_true(nr >= 1);
  assert_true(has_token(xmlDocGetRootElement(doc), "class", "theme-dark"));
  xmlFreeDoc(doc);
  cg_buf_free(&svg);
  fx_free(c);
}

static void timeline_labels_do_not_overlap(void **state) {
    /* 40 events in one week by one actor: labels must be staggered or dropped */
  cg_corpus *c = fx_new();
  uint32_t d = fx_doc(c, "d", "Busy week", "2024-06-10");
  int a = (int)fx_actor(c, "Busy Agency", CG_ACTOR_ORG, NULL);
  for (int i = 0; i < 40; i++) {
    char v[16], s[64];
    snprintf(v, sizeof v, "2024-06-%02d", 3 + i % 7);
    snprintf(s, sizeof s, "The agency announced measure number %d.", i);
    fx_event(c, "announce", "statement", v, "", a, -1, d, s);
  }
  cg_buf svg = {0};
  xmlDoc *doc = render_timeline(state, c, CG_THEME_PRINT, &svg);
  xmlNode *labels[64];
  size_t nl = 0;
  find_class(xmlDocGetRootElement(doc), "event-label", labels, &nl, 64);
  assert_true(nl >= 3);
  typedef struct lb {
    double x0, x1, y;
  } lb;
  lb ls[64];
  for (size_t i = 0; i < nl; i++) {
    xmlNode *tx = child(labels[i], "text");
    xmlChar *x = xmlGetProp(tx, BAD_CAST "x"), *y = xmlGetProp(tx, BAD_CAST "y");
    xmlChar *content = xmlNodeGetContent(tx);
    double w = cg_r_text_width((char *)content, 10);
    ls[i] = (lb){atof((char *)x) - w / 2, atof((char *)x) + w / 2, atof((char *)y)};
    xmlFree(x), xmlFree(y), xmlFree(content);
  }
  for (size_t i = 0; i < nl; i++)
    for (size_t j = i + 1; j < nl; j++)
      if (fabs(ls[i].y - ls[j].y) < 8) assert_true(ls[i].x1 <= ls[j].x0 || ls[j].x1 <= ls[i].x0);
  xmlFreeDoc(doc);
  cg_buf_free(&svg);
  fx_free(c);
}

static void timeline_spans_days_to_centuries(void **state) {
    /* one chart from the 18th century to 2025 and one inside a single day both render */
  cg_corpus *c = fx_new();
  uint32_t d = fx_doc(c, "h", "History", "2025-01-01");
  int a = (int)fx_actor(c, "France", CG_ACTOR_GPE, NULL);
  fx_event(c, "revolt", "protest", "1789-07-14", "", a, -1, d, "The Bastille fell.");
  fx_event(c, "found", "other", "18", "", a, -1, d, "A century of change.");
  fx_event(c, "vote", "statement", "2025-01-01", "", a, -1, d, "A vote today.");
  fx_event(c, "empire", "other", "BC0044", "", a, -1, d, "The Ides of March.");
  cg_buf svg = {0};
  xmlDoc *doc = render_timeline(state, c, CG_THEME_LIGHT, &svg);
  box bc = event_box(doc, "e4", NULL), rev = event_box(doc, "e1", NULL);
  box now = event_box(doc, "e3", NULL);
  assert_true(bc.x1 < rev.x0 && rev.x1 < now.x0);
  xmlFreeDoc(doc);
  cg_buf_free(&svg);
  fx_free(c);
  /* empty corpus: a valid, empty chart */
  c = fx_new();
  cg_buf e = {0};
  cg_render_opts eo = opts_for(state);
  assert_int_equal(cg_render_timeline_svg(c, &eo, &e, NULL), CG_OK);
  doc = xmlReadMemory(e.data, (int)e.len, "e.svg", "UTF-8", XML_PARSE_NONET);
  assert_non_null(doc);
  xmlFreeDoc(doc);
  cg_buf_free(&e);
  fx_free(c);
}

/* ------------------------------------------------------------ actors */

static void actors_sized_by_pagerank(void **state) {
    cg_corpus *c = fx_ukraine();
  cg_network *n = NULL;
  assert_int_equal(cg_network_new(&n, c, NULL), CG_OK);
  cg_buf svg = {0};
  cg_render_opts o = opts_for(state);
  assert_int_equal(cg_render_actors_svg(c, n, &o, &svg, NULL), CG_OK);
  xmlDoc *doc = xmlReadMemory(svg.data, (int)svg.len, "a.svg", "UTF-8", XML_PARSE_NONET);
  assert_non_null(doc);
  xmlNode *gs[32];
  size_t na = 0;
  find_class(xmlDocGetRootElement(doc), "actor", gs, &na, 32);
  assert_int_equal(na, c->actors.len);
  double best = 0;
  bool russia_biggest = false;
  for (size_t i = 0; i < na; i++) {
    box b = shape_box(gs[i]);
    double w = b.x1 - b.x0;
    if (w > best) {
      best = w;
      russia_biggest = has_token(gs[i], "class", "actor-a1");
    }
  }
  assert_true(russia_biggest);
  xmlNode *es[32];
  size_t ne = 0;
  find_class(xmlDocGetRootElement(doc), "edge", es, &ne, 32);
  size_t count = 0;
  cg_network_actor_edges(n, &count);
  assert_int_equal(ne, count);
  xmlFreeDoc(doc);
  cg_buf_free(&svg);
  /* pruning: top 2 and min weight 2 */
  o.top = 2;
  o.min_weight = 2;
  assert_int_equal(cg_render_actors_svg(c, n, &o, &svg, NULL), CG_OK);
  doc = xmlReadMemory(svg.data, (int)svg.len, "a.svg", "UTF-8", XML_PARSE_NONET);
  na = ne = 0;
  find_class(xmlDocGetRootElement(doc), "actor", gs, &na, 32);
  find_class(xmlDocGetRootElement(doc), "edge", es, &ne, 32);
  assert_int_equal(na, 2);
  assert_int_equal(ne, 0); /* Russia-Ukraine share one event only */
  xmlFreeDoc(doc);
  cg_buf_free(&svg);
  cg_network_free(n);
  fx_free(c);
}

/* ------------------------------------------------------------ report */

/* The report of c (its network in *n, the caller frees it) in html, parsed. */
static htmlDocPtr render_report(void **state, cg_corpus *c, const char *title, cg_network **n,
                                cg_buf *html) {
  assert_int_equal(cg_network_new(n, c, NULL), CG_OK);
  cg_render_opts o = opts_for(state);
  o.title = title;
  assert_int_equal(cg_render_report_html(c, *n, &o, html, NULL), CG_OK);
  htmlDocPtr doc = htmlReadMemory(html->data, (int)html->len, "r.html", "UTF-8",
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  assert_non_null(doc);
  return doc;
}

static void report_is_self_contained(void **state) {
  cg_corpus *c = fx_ukraine();
  cg_network *n = NULL;
  cg_buf html = {0};
  htmlDocPtr doc = render_report(state, c, "Ukraine report", &n, &html);
  assert_int_equal(fx_inert_html(html.data, html.len), 0);
  /* the only URLs are the SVG/XLink namespace names */
  for (const char *p = html.data; (p = strstr(p, "http:")) != NULL; p += 4)
    assert_true(!strncmp(p, "http://www.w3.org/", 18));
  xmlNode *svgs = NULL;
  size_t nsvg = 0, rows = 0;
  /* count inline SVGs and event rows */
  xmlNode *stack[256];
  size_t sp = 0;
  stack[sp++] = xmlDocGetRootElement(doc);
  while (sp) {
    xmlNode *x = stack[--sp];
    for (; x; x = x->next) {
      if (x->type != XML_ELEMENT_NODE) continue;
      if (!strcmp((char *)x->name, "svg")) nsvg++, svgs = x;
      if (!strcmp((char *)x->name, "tr") && x->parent && x->parent->parent &&
          !strcmp((char *)x->parent->name, "tbody") &&
          has_token(x->parent->parent, "class", "events"))
        rows++;
      if (x->children && sp < 256) stack[sp++] = x->children;
    }
  }
  (void)svgs;
  assert_int_equal(nsvg, 3); /* timeline, its frozen lane column, actor graph */
  assert_int_equal(rows, c->events.len);
  assert_non_null(strstr(html.data, "Russia annexed Crimea"));
  assert_non_null(strstr(html.data, "the Kremlin"));
  xmlFreeDoc(doc);
  cg_buf_free(&html);
  cg_network_free(n);
  fx_free(c);
}

/* The texts of the <g class="lane-label"> groups under n, in document order, joined by
 * '|'. */
static void lane_names(xmlNode *n, cg_buf *out) {
  xmlNode *gs[64];
  size_t ng = 0;
  find_class(n, "lane-label", gs, &ng, 64);
  for (size_t i = 0; i < ng; i++) {
    xmlChar *t = xmlNodeGetContent(child(gs[i], "text"));
    cg_buf_puts(out, t ? (const char *)t : "?");
    cg_buf_puts(out, "|");
    xmlFree(t);
  }
}

/* The report's timeline scrolls sideways and opens at its recent end, so its lane labels
 * are repeated in a column frozen over its left edge: the same names, in the same order
 * and at the same heights as the chart's own, in an SVG of the chart's scale. */
/* The first element named `name` whose class has token tok (depth first), or NULL. */
static xmlNode *find_element(xmlNode *n, const char *name, const char *tok) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (!strcmp((const char *)n->name, name) && has_token(n, "class", tok)) return n;
    xmlNode *x = find_element(n->children, name, tok);
    if (x) return x;
  }
  return NULL;
}

static void report_freezes_lane_labels(void **state) {
  cg_corpus *c = fx_ukraine();
  cg_network *n = NULL;
  cg_buf html = {0};
  htmlDocPtr doc = render_report(state, c, NULL, &n, &html);
  xmlNode *root = xmlDocGetRootElement(doc);
  xmlNode *chart = find_element(root, "svg", "cg-timeline"),
          *column = find_element(root, "svg", "cg-timeline-lanes");
  assert_non_null(chart);
  assert_non_null(column);
  assert_true(has_token(column->parent, "class", "tl-lanes"));
  cg_buf a = {0}, b = {0};
  lane_names(chart, &a);
  lane_names(column, &b);
  assert_true(a.len > 0);
  assert_string_equal(a.data, b.data);
  /* same scale: the column is LEFT_W (150) points wide and as tall as the chart, to
   * Graphviz's rounding of its bounding box (a point) */
  xmlChar *ch = xmlGetProp(chart, BAD_CAST "height"), *cw = xmlGetProp(column, BAD_CAST "width"),
          *hh = xmlGetProp(column, BAD_CAST "height");
  assert_string_equal((const char *)cw, "150pt");
  assert_true(fabs(atof((const char *)ch) - atof((const char *)hh)) <= 1.0);
  xmlFree(ch);
  xmlFree(cw);
  xmlFree(hh);
  cg_buf_free(&a);
  cg_buf_free(&b);
  xmlFreeDoc(doc);
  cg_buf_free(&html);
  cg_network_free(n);
  fx_free(c);
}

/* Every output that shows an event's sentence finds it through the document's table:
 * an event told in the third sentence shows that sentence, with its trigger marked in
 * the report, and a mention without a sentence shows none. */
static void sentence_through_document_table(void **state) {
  cg_corpus *c = fx_new();
  uint32_t d = fx_doc(c, "kyiv", "Kyiv report", "2025-12-01");
  fx_sentence(c, d, "First sentence, about nothing.");
  fx_sentence(c, d, "Second one, neither.");
  int ru = (int)fx_actor(c, "Russia", CG_ACTOR_GPE, NULL);
  int ua = (int)fx_actor(c, "Ukraine", CG_ACTOR_GPE, NULL);
  uint32_t e = fx_event(c, "invade", "military_force", "2022-02-24", "", ru, ua, d,
                        "Russia invaded Ukraine in February 2022.");
  cg_emention *m = &c->events.items[e].mentions.items[0];
  assert_int_equal(m->sentence, 2);
  cg_csent *s = &c->docs.items[d].sents.items[2];
  s->start = 52; /* real offsets: the trigger "invaded" lies 7 bytes into it */
  s->end = 52 + strlen(s->text);
  m->trig_start = 59;
  m->trig_end = 66;
  uint32_t none = fx_event(c, "talk", "consult", NULL, "", ru, -1, d, "unused");
  c->events.items[none].mentions.items[0].sentence = CG_NO_SENTENCE;

  cg_network *n = NULL;
  assert_int_equal(cg_network_new(&n, c, NULL), CG_OK);
  cg_buf out = {0};
  cg_render_opts o = opts_for(state);
  assert_int_equal(cg_render_report_html(c, n, &o, &out, NULL), CG_OK);
  assert_non_null(strstr(out.data, "<blockquote>Russia <mark>invaded</mark> Ukraine in February 2022.</blockquote>"));
  assert_null(strstr(out.data, "First sentence"));
  assert_null(strstr(out.data, "unused"));
  cg_buf_clear(&out);
  assert_int_equal(cg_export_csv_events(c, &out, NULL), CG_OK);
  assert_non_null(strstr(out.data, ",Russia invaded Ukraine in February 2022.\r\n"));
  assert_null(strstr(out.data, "unused"));
  cg_buf_clear(&out);
  json_t *tl = cg_export_timelinejs(c);
  char *tls = json_dumps(tl, JSON_COMPACT);
  assert_non_null(strstr(tls, "Russia invaded Ukraine in February 2022."));
  free(tls);
  json_decref(tl);
  cg_buf_free(&out);
  cg_network_free(n);
  fx_free(c);
}

/* ------------------------------------------------------------ bounds at scale */

/* 5,000 dated events over 25 years, 200 actors, 400 documents; every 25th event is
 * told by three documents (the significant ones). */
static cg_corpus *fx_big(void) {
  cg_corpus *c = fx_new();
  char buf[24];
  for (int d = 0; d < 400; d++) {
    snprintf(buf, sizeof buf, "doc-%d", d);
    fx_doc(c, buf, buf, "2025-01-01");
  }
  for (int a = 0; a < 200; a++) {
    snprintf(buf, sizeof buf, "Actor %d", a);
    fx_actor(c, buf, (cg_actor_kind)(a % 4), NULL);
  }
  int64_t d0 = cg_days_from_civil(2000, 1, 1);
  for (int i = 0; i < 5000; i++) {
    char day[16];
    cg_format_day(d0 + (int64_t)i * 9125 / 5000, day, sizeof day);
    uint32_t e = fx_event(c, i % 3 ? "meet" : "strike", i % 3 ? "consult" : "military_force", day,
                          "", i % 200, (i + 7) % 200, (uint32_t)(i % 400), "A sentence.");
    if (i % 25 == 0)
      for (uint32_t k = 1; k <= 2; k++) {
        cg_emention m = c->events.items[e].mentions.items[0];
        m.doc = (m.doc + k) % 400;
        m.trigger = cg_xstrdup(m.trigger);
        m.sentence = fx_sentence(c, m.doc, "A sentence.");
        CG_VEC_PUSH(&c->events.items[e].mentions, m);
      }
  }
  return c;
}

/* Counts elements named `name` whose class has token `tok` (any depth). */
static size_t count_class(xmlNode *n, const char *name, const char *tok) {
  size_t k = 0;
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (!strcmp((const char *)n->name, name) && (!tok || has_token(n, "class", tok))) k++;
    k += count_class(n->children, name, tok);
  }
  return k;
}

static void timeline_bounded_by_max_events(void **state) {
  cg_corpus *c = fx_big();
  cg_buf svg = {0};
  cg_render_opts o = opts_for(state);
  assert_int_equal(o.max_events, CG_RENDER_MAX_EVENTS);
  assert_int_equal(cg_render_timeline_svg(c, &o, &svg, NULL), CG_OK);
  xmlDoc *doc = xmlReadMemory(svg.data, (int)svg.len, "t.svg", "UTF-8", XML_PARSE_NONET);
  assert_non_null(doc);
  size_t marks = count_class(xmlDocGetRootElement(doc), "g", "event");
  assert_int_equal(marks, CG_RENDER_MAX_EVENTS);
  assert_non_null(strstr(svg.data, "showing 300 of 5,000 dated events"));
  /* the most-told events are all among those drawn */
  for (size_t i = 0; i < c->events.len; i += 25) {
    char id[48];
    snprintf(id, sizeof id, "\"ev-%s-%zu\"", c->events.items[i].id, i);
    assert_non_null(strstr(svg.data, id));
  }
  xmlFreeDoc(doc);
  cg_buf_free(&svg);
  /* a smaller bound is honoured too */
  o.max_events = 50;
  assert_int_equal(cg_render_timeline_svg(c, &o, &svg, NULL), CG_OK);
  doc = xmlReadMemory(svg.data, (int)svg.len, "t.svg", "UTF-8", XML_PARSE_NONET);
  assert_int_equal(count_class(xmlDocGetRootElement(doc), "g", "event"), 50);
  assert_non_null(strstr(svg.data, "showing 50 of 5,000 dated events"));
  xmlFreeDoc(doc);
  cg_buf_free(&svg);
  fx_free(c);
  /* an unbounded chart carries no note */
  c = fx_ukraine();
  o.max_events = 2;
  assert_int_equal(cg_render_timeline_svg(c, &o, &svg, NULL), CG_OK);
  assert_non_null(strstr(svg.data, "showing 2 of 8 dated events"));
  cg_buf_free(&svg);
  o.max_events = 0;
  assert_int_equal(cg_render_timeline_svg(c, &o, &svg, NULL), CG_OK);
  assert_null(strstr(svg.data, "showing"));
  cg_buf_free(&svg);
  fx_free(c);
}

/* Rows of the <table class="cls"> body. */
static size_t table_rows(xmlNode *n, const char *cls) {
  size_t k = 0;
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (!strcmp((char *)n->name, "tr") && n->parent && n->parent->parent &&
        !strcmp((char *)n->parent->name, "tbody") && has_token(n->parent->parent, "class", cls))
      k++;
    k += table_rows(n->children, cls);
  }
  return k;
}

static void report_bounded_by_max_events(void **state) {
  cg_corpus *c = fx_big();
  cg_network *n = NULL;
  assert_int_equal(cg_network_new(&n, c, NULL), CG_OK);
  cg_buf html = {0};
  cg_render_opts o = opts_for(state);
  assert_int_equal(cg_render_report_html(c, n, &o, &html, NULL), CG_OK);
  htmlDocPtr doc = htmlReadMemory(html.data, (int)html.len, "r.html", "UTF-8",
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  assert_non_null(doc);
  xmlNode *root = xmlDocGetRootElement(doc);
  assert_int_equal(table_rows(root, "events"), CG_RENDER_MAX_EVENTS);
  assert_non_null(strstr(html.data, "Showing 300 of 5,000 events"));
  assert_int_equal(table_rows(root, "actors"), CG_RENDER_MAX_ACTORS);
  assert_non_null(strstr(html.data, "Showing 150 of 200 actors"));
  size_t docs = table_rows(root, "docs");
  assert_true(docs > 0 && docs <= CG_RENDER_MAX_EVENTS && docs < c->docs.len);
  assert_non_null(strstr(html.data, " of 400 documents"));
  /* the timeline inside is bounded too, and the actor chart */
  assert_int_equal(count_class(root, "g", "event"), CG_RENDER_MAX_EVENTS);
  assert_true(count_class(root, "g", "actor") <= CG_RENDER_MAX_ACTORS);
  /* rows stay in date order: ids increase down the table */
  const char *p = html.data;
  long last = 0;
  while ((p = strstr(p, "<tr id=\"e")) != NULL) {
    long id = strtol(p + 9, NULL, 10);
    assert_true(id > last);
    last = id;
    p += 9;
  }
  assert_int_equal(fx_inert_html(html.data, html.len), 0);
  xmlFreeDoc(doc);
  cg_buf_free(&html);
  cg_network_free(n);
  fx_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(timeline_time_runs_left_to_right),
      cmocka_unit_test(timeline_events_in_agent_lane),
      cmocka_unit_test(timeline_uncertainty_and_tooltips),
      cmocka_unit_test(timeline_labels_do_not_overlap),
      cmocka_unit_test(timeline_spans_days_to_centuries),
      cmocka_unit_test(actors_sized_by_pagerank),
      cmocka_unit_test(report_is_self_contained),
      cmocka_unit_test(report_freezes_lane_labels),
      cmocka_unit_test(sentence_through_document_table),
      cmocka_unit_test(timeline_bounded_by_max_events),
      cmocka_unit_test(report_bounded_by_max_events),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown) != 0;
}
