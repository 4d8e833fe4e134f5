/*
 * GEXF 1.3 export (render.h: cg_export_gexf), written with libxml2's xmlTextWriter so
 * every attribute and text is escaped by one serializer (strings cleaned of controls
 * and invalid UTF-8 first: the writer would otherwise emit ill-formed XML).
 *
 * A dynamic graph with time spells ("date" format) so Gephi can animate it:
 *   actor nodes  spell from their first to their last dated event
 *   event nodes  spell over the event's date interval
 *   edges        actor-event participation (role) and actor-actor interaction
 *                (weight = shared events)
 * Undated events and actors without dated events have no spell (always present).
 */
#include "rcommon.h"

#include "escape.h"

#include <libxml/xmlwriter.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Every xmlTextWriter call returns < 0 on failure; we count failures and report once. */
typedef struct gw {
  xmlTextWriterPtr w;
  int bad;
} gw;

static void start(gw *g, const char *el) { g->bad |= xmlTextWriterStartElement(g->w, BAD_CAST el) < 0; }
static void end(gw *g) { g->bad |= xmlTextWriterEndElement(g->w) < 0; }
static void attr(gw *g, const char *name, const char *value) {
  char *clean = cg_esc_clean_dup(value);
  g->bad |= xmlTextWriterWriteAttribute(g->w, BAD_CAST name, BAD_CAST clean) < 0;
  free(clean);
}
static void attrf(gw *g, const char *name, const char *fmt, double v) {
  char buf[64];
  snprintf(buf, sizeof buf, fmt, v);
  attr(g, name, buf);
}

static void attvalue(gw *g, const char *id, const char *value) {
  start(g, "attvalue");
  attr(g, "for", id);
  attr(g, "value", value);
  end(g);
}

static void spell(gw *g, int64_t a, int64_t b) {
  char s0[32], s1[32];
  cg_format_day(a, s0, sizeof s0);
  cg_format_day(b, s1, sizeof s1);
  start(g, "spells");
  start(g, "spell");
  attr(g, "start", s0);
  attr(g, "end", s1);
  end(g);
  end(g);
}

static void declare(gw *g, const char *id, const char *title, const char *type) {
  start(g, "attribute");
  attr(g, "id", id);
  attr(g, "title", title);
  attr(g, "type", type);
  end(g);
}

static void viz_color(gw *g, const char *hex) {
  unsigned r = 0, gr = 0, b = 0;
  if (sscanf(hex, "#%02x%02x%02x", &r, &gr, &b) != 3) return;
  start(g, "viz:color");
  attrf(g, "r", "%.0f", r);
  attrf(g, "g", "%.0f", gr);
  attrf(g, "b", "%.0f", b);
  end(g);
}

/* Appends the GEXF document to out. n may be NULL (no interaction edges then). */
cg_status cg_export_gexf(const cg_corpus *c, const cg_network *n, cg_buf *out, cg_error *err) {
  if (!c || !out) return cg_error_set(err, CG_EUSAGE, NULL, 0, 0, -1, "no corpus");
  const cg_r_theme *th = cg_r_theme_get(CG_THEME_LIGHT);
  xmlBufferPtr xb = xmlBufferCreate();
  gw g = {xmlNewTextWriterMemory(xb, 0), 0};
  if (!g.w) {
    xmlBufferFree(xb);
    return cg_error_set(err, CG_ELIB, NULL, 0, 0, -1, "libxml2: no text writer");
  }
  xmlTextWriterSetIndent(g.w, 1);
  xmlTextWriterSetIndentString(g.w, BAD_CAST "  ");
  g.bad |= xmlTextWriterStartDocument(g.w, NULL, "UTF-8", NULL) < 0;
  start(&g, "gexf");
  attr(&g, "xmlns", "http://gexf.net/1.3");
  attr(&g, "xmlns:viz", "http://gexf.net/1.3/viz");
  attr(&g, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  attr(&g, "xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd");
  attr(&g, "version", "1.3");
  start(&g, "meta");
  start(&g, "creator");
  g.bad |= xmlTextWriterWriteString(g.w, BAD_CAST "chronograph") < 0;
  end(&g);
  start(&g, "description");
  g.bad |= xmlTextWriterWriteString(g.w, BAD_CAST "Actors and events with time spells") < 0;
  end(&g);
  end(&g);
  start(&g, "graph");
  attr(&g, "mode", "dynamic");
  attr(&g, "defaultedgetype", "undirected");
  attr(&g, "timeformat", "date");
  attr(&g, "timerepresentation", "interval");
  start(&g, "attributes");
  attr(&g, "class", "node");
  attr(&g, "mode", "static");
  declare(&g, "type", "type", "string");
  declare(&g, "kind", "kind", "string");
  declare(&g, "class", "class", "string");
  declare(&g, "date", "date", "string");
  declare(&g, "mod", "mod", "string");
  declare(&g, "pagerank", "pagerank", "double");
  declare(&g, "degree", "degree", "double");
  declare(&g, "strength", "strength", "double");
  declare(&g, "betweenness", "betweenness", "double");
  declare(&g, "community", "community", "integer");
  declare(&g, "component", "component", "integer");
  end(&g);
  start(&g, "attributes");
  attr(&g, "class", "edge");
  attr(&g, "mode", "static");
  declare(&g, "etype", "type", "string");
  declare(&g, "role", "role", "string");
  end(&g);

  /* actor spells from their events */
  size_t na = c->actors.len;
  int64_t *first = cg_xmalloc((na ? na : 1) * sizeof(int64_t));
  int64_t *last = cg_xmalloc((na ? na : 1) * sizeof(int64_t));
  for (size_t i = 0; i < na; i++) first[i] = INT64_MAX, last[i] = INT64_MIN;
  for (size_t i = 0; i < c->events.len; i++) {
    const cg_cevent *e = &c->events.items[i];
    if (!e->dated || !e->date.valid) continue;
    for (size_t k = 0; k < e->parts.len; k++) {
      uint32_t a = e->parts.items[k].actor;
      if (a >= na) continue;
      if (e->date.earliest < first[a]) first[a] = e->date.earliest;
      if (e->date.latest > last[a]) last[a] = e->date.latest;
    }
  }
  double max_pr = 0;
  for (size_t i = 0; i < na; i++) max_pr = fmax(max_pr, c->actors.items[i].pagerank);
  if (!(max_pr > 0)) max_pr = 1;

  start(&g, "nodes");
  char id[32];
  for (size_t i = 0; i < na; i++) {
    const cg_cactor *a = &c->actors.items[i];
    snprintf(id, sizeof id, "a%zu", i);
    start(&g, "node");
    attr(&g, "id", id);
    attr(&g, "label", a->name);
    start(&g, "attvalues");
    attvalue(&g, "type", "actor");
    attvalue(&g, "kind", cg_actor_kind_name(a->kind));
    char num[64];
    snprintf(num, sizeof num, "%.6g", a->pagerank);
    attvalue(&g, "pagerank", num);
    snprintf(num, sizeof num, "%.6g", a->degree);
    attvalue(&g, "degree", num);
    snprintf(num, sizeof num, "%.6g", a->strength);
    attvalue(&g, "strength", num);
    snprintf(num, sizeof num, "%.6g", a->betweenness);
    attvalue(&g, "betweenness", num);
    snprintf(num, sizeof num, "%d", a->community);
    attvalue(&g, "community", num);
    snprintf(num, sizeof num, "%d", a->component);
    attvalue(&g, "component", num);
    end(&g);
    if (first[i] <= last[i]) spell(&g, first[i], last[i]);
    viz_color(&g, cg_r_color(th, a->community >= 0 && a->community < 9 ? (size_t)a->community : 9));
    start(&g, "viz:size");
    attrf(&g, "value", "%.2f", 4.0 + 20.0 * sqrt(fmax(a->pagerank, 0) / max_pr));
    end(&g);
    end(&g);
  }
  for (size_t i = 0; i < c->events.len; i++) {
    const cg_cevent *e = &c->events.items[i];
    snprintf(id, sizeof id, "e%zu", i);
    start(&g, "node");
    attr(&g, "id", id);
    attr(&g, "label", e->lemma);
    start(&g, "attvalues");
    attvalue(&g, "type", "event");
    attvalue(&g, "class", e->cls);
    if (e->dated) attvalue(&g, "date", e->value);
    if (e->mod[0]) attvalue(&g, "mod", e->mod);
    end(&g);
    if (e->dated && e->date.valid) spell(&g, e->date.earliest, e->date.latest);
    end(&g);
  }
  end(&g);

  start(&g, "edges");
  size_t eid = 0;
  for (size_t i = 0; i < c->events.len; i++) {
    const cg_cevent *e = &c->events.items[i];
    for (size_t k = 0; k < e->parts.len; k++) {
      if (e->parts.items[k].actor >= na) continue;
      char src[32], tgt[32];
      snprintf(id, sizeof id, "p%zu", eid++);
      snprintf(src, sizeof src, "a%u", e->parts.items[k].actor);
      snprintf(tgt, sizeof tgt, "e%zu", i);
      start(&g, "edge");
      attr(&g, "id", id);
      attr(&g, "source", src);
      attr(&g, "target", tgt);
      start(&g, "attvalues");
      attvalue(&g, "etype", "participant");
      attvalue(&g, "role", cg_role_name(e->parts.items[k].role));
      end(&g);
      if (e->dated && e->date.valid) spell(&g, e->date.earliest, e->date.latest);
      end(&g);
    }
  }
  size_t ne = 0;
  const cg_actor_edge *ae = n ? cg_network_actor_edges(n, &ne) : NULL;
  for (size_t i = 0; i < ne; i++) {
    char src[32], tgt[32];
    snprintf(id, sizeof id, "i%zu", i);
    snprintf(src, sizeof src, "a%u", ae[i].a);
    snprintf(tgt, sizeof tgt, "a%u", ae[i].b);
    start(&g, "edge");
    attr(&g, "id", id);
    attr(&g, "source", src);
    attr(&g, "target", tgt);
    attrf(&g, "weight", "%.0f", ae[i].weight);
    start(&g, "attvalues");
    attvalue(&g, "etype", "interaction");
    end(&g);
    end(&g);
  }
  end(&g); /* edges */
  end(&g); /* graph */
  end(&g); /* gexf */
  g.bad |= xmlTextWriterEndDocument(g.w) < 0;
  xmlFreeTextWriter(g.w); /* flushes into xb */
  cg_status st = CG_OK;
  if (g.bad)
    st = cg_error_set(err, CG_ELIB, NULL, 0, 0, -1, "libxml2: GEXF writing failed");
  else
    cg_buf_append(out, (const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
  xmlBufferFree(xb);
  free(first);
  free(last);
  return st;
}
