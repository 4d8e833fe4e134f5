/*
 * DOT export (render.h: cg_export_dot), built as a cgraph graph and written by
 * agwrite through an I/O discipline that appends to a cg_buf, so quoting is
 * Graphviz's own. Node names are synthetic ("a3", "e17"); news text only enters as
 * label/tooltip values escaped by cg_esc_dot_label (backslashes doubled, so \N or \G
 * in a headline stay literal).
 *
 * Contents: actor nodes (ellipses, metrics as attributes), event nodes (boxes with
 * date and class), actor->event edges labelled with the role, and actor--actor
 * interaction edges (dir=none, weight = shared events).
 */
#include "rcommon.h"

#include "escape.h"

#include <cgraph.h>
#include <stdlib.h>
#include <string.h>

static int buf_putstr(void *chan, const char *str) {
  cg_buf_puts(chan, str);
  return 0;
}

static int buf_flush(void *chan) {
  (void)chan;
  return 0;
}

static void set_text(void *obj, const char *name, const char *text) {
  char *v = cg_esc_dot_label(text);
  cg_r_set(obj, name, v);
  free(v);
}

/* Appends the DOT text of the corpus graph to out. n may be NULL. */
cg_status cg_export_dot(const cg_corpus *c, const cg_network *n, cg_buf *out, cg_error *err) {
  if (!c || !out) return cg_error_set(err, CG_EUSAGE, NULL, 0, 0, -1, "no corpus");
  Agiodisc_t io = {AgIoDisc.afread, buf_putstr, buf_flush};
  Agdisc_t disc = {&AgMemDisc, &AgIdDisc, &io};
  Agraph_t *g = agopen("chronograph", Agdirected, &disc);
  if (!g) return cg_error_set(err, CG_ELIB, NULL, 0, 0, -1, "graphviz: agopen failed");
  agattr(g, AGRAPH, "layout", "sfdp");
  agattr(g, AGRAPH, "overlap", "prism");
  agattr(g, AGNODE, "label", "");
  agattr(g, AGNODE, "tooltip", "");
  agattr(g, AGNODE, "shape", "ellipse");
  agattr(g, AGNODE, "kind", "");
  agattr(g, AGEDGE, "label", "");
  size_t na = c->actors.len;
  Agnode_t **an = cg_xcalloc(na ? na : 1, sizeof(Agnode_t *));
  char name[32];
  for (size_t i = 0; i < na; i++) {
    const cg_cactor *a = &c->actors.items[i];
    snprintf(name, sizeof name, "a%zu", i);
    an[i] = agnode(g, name, 1);
    set_text(an[i], "label", a->name);
    cg_r_set(an[i], "type", "actor");
    cg_r_set(an[i], "kind", cg_actor_kind_name(a->kind));
    cg_r_setf(an[i], "pagerank", "%.6g", a->pagerank);
    cg_r_setf(an[i], "degree", "%.6g", a->degree);
    cg_r_setf(an[i], "betweenness", "%.6g", a->betweenness);
    cg_r_setf(an[i], "community", "%d", a->community);
  }
  for (size_t i = 0; i < c->events.len; i++) {
    const cg_cevent *e = &c->events.items[i];
    snprintf(name, sizeof name, "e%zu", i);
    Agnode_t *v = agnode(g, name, 1);
    /* two escaped parts joined by a DOT line break */
    cg_buf l2 = {0}, d = {0};
    cg_r_event_date(&d, e);
    char *p1 = cg_esc_dot_label(d.data), *p2 = cg_esc_dot_label(e->lemma ? e->lemma : "event");
    cg_buf_printf(&l2, "%s\\n%s", p1, p2);
    cg_r_set(v, "label", l2.data);
    free(p1), free(p2);
    cg_buf_free(&l2);
    cg_buf_free(&d);
    cg_r_set(v, "shape", "box");
    cg_r_set(v, "type", "event");
    set_text(v, "class", e->cls); /* a data attribute here, also Graphviz's SVG class */
    if (e->dated) set_text(v, "date", e->value);
    if (e->mentions.len) {
      const cg_csent *st = cg_emention_sentence(c, &e->mentions.items[0]);
      set_text(v, "tooltip", st ? st->text : NULL);
    }
    for (size_t k = 0; k < e->parts.len; k++) {
      uint32_t a = e->parts.items[k].actor;
      if (a >= na) continue;
      Agedge_t *ed = agedge(g, an[a], v, NULL, 1);
      cg_r_set(ed, "label", cg_role_name(e->parts.items[k].role));
    }
  }
  size_t ne = 0;
  const cg_actor_edge *ae = n ? cg_network_actor_edges(n, &ne) : NULL;
  for (size_t i = 0; i < ne; i++) {
    if (ae[i].a >= na || ae[i].b >= na) continue;
    char en[48];
    snprintf(en, sizeof en, "i%zu", i);
    Agedge_t *ed = agedge(g, an[ae[i].a], an[ae[i].b], en, 1);
    cg_r_set(ed, "dir", "none");
    cg_r_set(ed, "style", "dashed");
    cg_r_setf(ed, "weight", "%.0f", ae[i].weight);
  }
  cg_status st = CG_OK;
  if (agwrite(g, out) != 0) st = cg_error_set(err, CG_ELIB, NULL, 0, 0, -1, "graphviz: agwrite failed");
  agclose(g);
  free(an);
  return st;
}
