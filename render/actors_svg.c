/*
 * The actor graph SVG (render.h: cg_render_actors_svg): actors as circles sized by
 * PageRank and coloured by community, edges weighted by shared events.
 *
 * Pruning: edges lighter than opts->min_weight go; opts->top keeps the top-N actors by
 * PageRank (ties: strength, then index), by default at most CG_RENDER_MAX_ACTORS (a
 * chart of thousands of dots is unreadable and slow to lay out); in charts of more than 50 actors, actors left
 * without any edge are dropped too (a cloud of isolated dots says nothing about
 * relations; they stay in the report's actor table). Layout by size so 2,000 actors
 * stay within a few seconds: neato up to 120 nodes, sfdp above (bounded iterations,
 * straight edges). Labels: every node when small; the 40 highest-ranked (forced) when
 * large, the others keep their tooltip. Nodes are created smallest first so hubs are
 * drawn on top.
 */
#include "rcommon.h"

#include "escape.h"

#include <gvc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct actors_ctx {
  const cg_corpus *c;
  const char *title;
} actors_ctx;

typedef struct ranked {
  uint32_t idx;
  double pr, strength;
} ranked;

static int cmp_ranked(const void *x, const void *y) {
  const ranked *a = x, *b = y;
  if (a->pr != b->pr) return a->pr > b->pr ? -1 : 1;
  if (a->strength != b->strength) return a->strength > b->strength ? -1 : 1;
  return (a->idx > b->idx) - (a->idx < b->idx);
}

static const char *actor_title(void *ud, const char *name, cg_buf *out) {
  const actors_ctx *x = ud;
  if (!name) return NULL;
  if (!strcmp(name, "actors")) return x->title;
  char *end;
  if (name[0] != 'a') return NULL;
  unsigned long i = strtoul(name + 1, &end, 10);
  if (i >= x->c->actors.len) return NULL;
  const cg_cactor *a = &x->c->actors.items[i];
  if (*end == '\0') {
    cg_buf_printf(out, "%s (%s)\ncommunity %d, component %d\nPageRank %.4f, degree %.0f, "
                       "strength %.0f, betweenness %.1f",
                  a->name, cg_actor_kind_name(a->kind), a->community, a->component, a->pagerank,
                  a->degree, a->strength, a->betweenness);
    if (a->aliases.len > 1) {
      cg_buf_puts(out, "\naliases: ");
      for (size_t k = 0; k < a->aliases.len && k < 8; k++)
        cg_buf_printf(out, "%s%s", k ? ", " : "", a->aliases.items[k]);
    }
    return out->data;
  }
  /* edges are titled "a1--a2" by Graphviz */
  if (end[0] == '-' && end[1] == '-' && end[2] == 'a') {
    unsigned long j = strtoul(end + 3, &end, 10);
    if (*end || j >= x->c->actors.len) return NULL;
    cg_buf_printf(out, "%s \xE2\x80\x94 %s", a->name, x->c->actors.items[j].name);
    return out->data;
  }
  return NULL;
}

/* Appends the actor graph SVG to out. n may be NULL (no edges then). */
cg_status cg_render_actors_svg(const cg_corpus *c, const cg_network *n, const cg_render_opts *opts,
                               cg_buf *out, cg_error *err) {
  if (!c || !out) return cg_error_set(err, CG_EUSAGE, NULL, 0, 0, -1, "no corpus");
  cg_render_opts def = cg_render_opts_default();
  const cg_render_opts *o = opts ? opts : &def;
  const cg_r_theme *th = cg_r_theme_get(o->theme);
  size_t na = c->actors.len, ne = 0;
  const cg_actor_edge *edges = n ? cg_network_actor_edges(n, &ne) : NULL;
  double min_w = o->min_weight > 0 ? o->min_weight : 1.0;

  /* rank and keep the top N */
  ranked *r = cg_xcalloc(na ? na : 1, sizeof(ranked));
  for (size_t i = 0; i < na; i++)
    r[i] = (ranked){(uint32_t)i, c->actors.items[i].pagerank, c->actors.items[i].strength};
  if (na) qsort(r, na, sizeof(ranked), cmp_ranked);
  size_t keep = cg_r_actor_cap(c, o); /* --top, else at most CG_RENDER_MAX_ACTORS */
  int *rank = cg_xmalloc((na ? na : 1) * sizeof(int)); /* -1 = pruned */
  for (size_t i = 0; i < na; i++) rank[i] = -1;
  for (size_t i = 0; i < keep; i++) rank[r[i].idx] = (int)i;
  double max_pr = keep ? r[0].pr : 0;
  if (!(max_pr > 0)) max_pr = 1;

  /* edges that survive pruning, and who still has one */
  bool *linked = cg_xcalloc(na ? na : 1, sizeof(bool));
  for (size_t i = 0; i < ne; i++) {
    const cg_actor_edge *e = &edges[i];
    if (e->weight < min_w || e->a >= na || e->b >= na || rank[e->a] < 0 || rank[e->b] < 0) continue;
    linked[e->a] = linked[e->b] = true;
  }
  if (keep > 50) {
    size_t m = 0;
    for (size_t k = 0; k < keep; k++) {
      if (linked[r[k].idx])
        r[m++] = r[k];
      else
        rank[r[k].idx] = -1;
    }
    keep = m;
  }
  free(linked);

  Agraph_t *g = agopen("actors", Agundirected, NULL);
  agattr(g, AGRAPH, "bgcolor", (char *)th->bg);
  agattr(g, AGRAPH, "pad", "0.3");
  agattr(g, AGRAPH, "outputorder", "edgesfirst");
  agattr(g, AGRAPH, "splines", "false");
  agattr(g, AGRAPH, "overlap", "prism");
  agattr(g, AGRAPH, "sep", "+6");
  agattr(g, AGRAPH, "forcelabels", keep > 120 ? "true" : "false");
  agattr(g, AGRAPH, "fontname", "Helvetica,Arial,sans-serif");
  agattr(g, AGRAPH, "fontcolor", (char *)th->fg);
  agattr(g, AGRAPH, "fontsize", "16");
  agattr(g, AGRAPH, "labelloc", "t");
  agattr(g, AGRAPH, "start", "42"); /* deterministic initial placement */
  if (keep > 120) {
    agattr(g, AGRAPH, "maxiter", "200");
    agattr(g, AGRAPH, "K", "1.0");
  }
  agattr(g, AGNODE, "label", "");
  agattr(g, AGNODE, "xlabel", "");
  agattr(g, AGNODE, "shape", "circle");
  agattr(g, AGNODE, "style", "filled");
  agattr(g, AGNODE, "fixedsize", "true");
  agattr(g, AGNODE, "color", (char *)th->bg);
  agattr(g, AGNODE, "penwidth", "1");
  agattr(g, AGNODE, "fontname", "Helvetica,Arial,sans-serif");
  agattr(g, AGNODE, "fontsize", "10");
  agattr(g, AGNODE, "fontcolor", (char *)th->fg);
  agattr(g, AGEDGE, "color", (char *)th->edge);
  agattr(g, AGEDGE, "penwidth", "1");
  if (o->title && *o->title) {
    char *lab = cg_esc_dot_label(o->title);
    agsafeset(g, "label", lab, "");
    free(lab);
  }

  Agnode_t **nodes = cg_xcalloc(na ? na : 1, sizeof(Agnode_t *));
  size_t labelled = keep <= 120 ? keep : 40;
  for (size_t kk = keep; kk-- > 0;) { /* smallest first: hubs are drawn last, on top */
    size_t k = kk;
    uint32_t i = r[k].idx;
    const cg_cactor *a = &c->actors.items[i];
    char name[32];
    snprintf(name, sizeof name, "a%u", i);
    Agnode_t *v = agnode(g, name, 1);
    nodes[i] = v;
    double d = 14.0 + 46.0 * sqrt(fmax(a->pagerank, 0) / max_pr); /* diameter, points */
    cg_r_setf(v, "width", "%.3f", d / 72.0);
    cg_r_set(v, "fillcolor", cg_r_color(th, a->community >= 0 && a->community < 9 ? (size_t)a->community : 9));
    cg_buf cls = {0};
    cg_buf_puts(&cls, "actor actor-");
    cg_r_css_ident(&cls, a->id);
    cg_buf_printf(&cls, " community-%d kind-%s", a->community, cg_actor_kind_name(a->kind));
    cg_r_set(v, "class", cls.data);
    cg_buf_free(&cls);
    if (k < labelled) {
      char *t = cg_esc_truncate(a->name, 24);
      char *lab = cg_esc_dot_label(t);
      cg_r_set(v, "xlabel", lab);
      cg_r_setf(v, "fontsize", "%.1f", 9.0 + 4.0 * sqrt(fmax(a->pagerank, 0) / max_pr));
      free(lab);
      free(t);
    }
  }
  for (size_t i = 0; i < ne; i++) {
    const cg_actor_edge *e = &edges[i];
    if (e->weight < min_w || e->a >= na || e->b >= na) continue;
    if (!nodes[e->a] || !nodes[e->b]) continue;
    Agedge_t *ed = agedge(g, nodes[e->a], nodes[e->b], NULL, 1);
    cg_r_setf(ed, "penwidth", "%.2f", (keep > 120 ? 0.3 : 0.6) + 1.4 * log2(e->weight + 1.0));
    if (keep > 120) { /* a dense graph: fainter edges so the nodes stay visible */
      char col[16];
      snprintf(col, sizeof col, "%.7s55", th->edge);
      cg_r_set(ed, "color", col);
    }
    cg_r_setf(ed, "weight", "%.0f", e->weight);
    cg_r_set(ed, "class", "interaction");
  }
  if (keep == 0) {
    Agnode_t *v = agnode(g, "empty", 1);
    cg_r_set(v, "shape", "plaintext");
    cg_r_set(v, "label", "No actors");
  }
  actors_ctx x = {c, o->title ? o->title : "Actors"};
  char rootcls[64];
  snprintf(rootcls, sizeof rootcls, "cg-actors theme-%s", th->name);
  const char *css = "svg.cg-actors text{font-family:Helvetica,Arial,sans-serif}"
                    "svg.cg-actors .actor:hover ellipse{stroke-width:3px}"
                    "svg.cg-actors .edge:hover path{stroke-width:4px}";
  cg_status st = cg_r_gv_svg(o->ctx, g, keep <= 120 ? "neato" : "sfdp", actor_title, &x, css, rootcls,
                             out, err);
  agclose(g);
  free(nodes);
  free(rank);
  free(r);
  return st;
}
