/*
 * The timeline SVG (render.h: cg_render_timeline_svg).
 *
 * Layout is computed here and pinned: every mark, label, tick and band is a Graphviz
 * node with pos="x,y!" in points, laid out by the "nop" engine (neato -n), so the
 * time axis is exact; Graphviz only draws. Two invisible corner nodes fix the
 * bounding box so that SVG x = our x and SVG y = -(H - our y) inside Graphviz's
 * translate(…, H) group.
 *
 * Time axis (timeline_axis.c): x is proportional to time inside segments; long empty
 * gaps are cut out and drawn as axis breaks; each segment has its own ticks.
 *
 * Lanes: the top opts->lanes actors (by PageRank, then number of events they lead)
 * get a lane each; an event sits in the lane of its main actor (cg_cevent_main_actor:
 * agent, else speaker, else patient, else first) or in the shared lane. Inside a lane, labels are packed
 * greedily into rows; an event whose label fits nowhere keeps its mark and tooltip.
 *
 * Uncertainty: a day is a point; a coarser date is a bar over its interval; APPROX
 * dates fade out (radial gradient); open-ended "since"/"after" events are era bands
 * reaching the latest publication date.
 */
#include "timeline_int.h"

#include "escape.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static size_t class_index(const tl *t, const char *cls) {
  const char *key = cls ? cls : "";
  if (!t->classes.len) return 0;
  const char **hit = bsearch(&key, t->classes.items, t->classes.len, sizeof(char *), cmp_str);
  return hit ? (size_t)(hit - t->classes.items) : 0;
}

static bool is_era(const cg_cevent *e) {
  const char *r = e->date_rule ? e->date_rule : "";
  return !strcmp(r, "since") || !strcmp(r, "age-start") || !strcmp(e->mod, "AFTER") ||
         !strcmp(e->mod, "ON_OR_AFTER");
}

/* x of day d (inside a segment; days in a cut gap map to the break's middle). */
/* ------------------------------------------------------------ lanes and rows */

typedef struct cand {
  int actor;
  size_t count;
  double pr;
} cand;

static int cmp_cand(const void *x, const void *y) {
  const cand *a = x, *b = y;
  if (a->pr != b->pr) return a->pr > b->pr ? -1 : 1;
  if (a->count != b->count) return a->count > b->count ? -1 : 1;
  return a->actor - b->actor;
}

static void choose_lanes(tl *t, int nlanes) {
  const cg_corpus *c = t->c;
  size_t na = c->actors.len;
  t->lane_of_actor = cg_xmalloc((na ? na : 1) * sizeof(int));
  size_t *count = cg_xcalloc(na ? na : 1, sizeof(size_t));
  int *main_of = cg_xmalloc((t->ev.len ? t->ev.len : 1) * sizeof(int));
  for (size_t i = 0; i < na; i++) t->lane_of_actor[i] = -1;
  for (size_t i = 0; i < t->ev.len; i++) {
    main_of[i] = cg_r_main_actor(c, &c->events.items[t->ev.items[i].idx]);
    if (main_of[i] >= 0) count[main_of[i]]++;
  }
  CG_VEC(cand) cs = {0};
  for (size_t i = 0; i < na; i++)
    if (count[i]) CG_VEC_PUSH(&cs, ((cand){(int)i, count[i], c->actors.items[i].pagerank}));
  if (cs.len) qsort(cs.items, cs.len, sizeof(cand), cmp_cand);
  size_t keep = cs.len < (size_t)nlanes ? cs.len : (size_t)nlanes;
  for (size_t i = 0; i < keep; i++) {
    t->lane_of_actor[cs.items[i].actor] = (int)i;
    CG_VEC_PUSH(&t->lane_actor, cs.items[i].actor);
  }
  bool shared = false;
  for (size_t i = 0; i < t->ev.len; i++) {
    int a = main_of[i];
    int lane = a >= 0 ? t->lane_of_actor[a] : -1;
    if (lane < 0) {
      lane = (int)keep;
      shared = true;
    }
    t->ev.items[i].lane = lane;
  }
  if (shared || keep == 0) CG_VEC_PUSH(&t->lane_actor, -1);
  free(cs.items);
  free(count);
  free(main_of);
}

static int cmp_tev_x(const void *x, const void *y) {
  const tev *a = x, *b = y;
  if (a->lane != b->lane) return a->lane - b->lane;
  if (a->x0 != b->x0) return a->x0 < b->x0 ? -1 : 1;
  return (a->idx > b->idx) - (a->idx < b->idx);
}

/* Greedy row packing per lane; returns rows used per lane in rows[]. */
static void pack_rows(tl *t, int *rows, int max_rows, double plot_x1) {
  if (t->ev.len) qsort(t->ev.items, t->ev.len, sizeof(tev), cmp_tev_x);
  double *end = cg_xmalloc((size_t)max_rows * sizeof(double));
  int cur = -1;
  for (size_t i = 0; i < t->ev.len; i++) {
    tev *e = &t->ev.items[i];
    if (e->lane != cur) {
      cur = e->lane;
      for (int r = 0; r < max_rows; r++) end[r] = -INFINITY;
    }
    double lx = e->x1 + 4, rx = lx + e->lw;
    if (rx > plot_x1 + RIGHT_W - 2) { /* flip the label to the left of the mark */
      rx = e->x0 - 4;
      lx = rx - e->lw;
    }
    double need = fmin(e->x0, lx);
    int row = -1;
    for (int r = 0; r < max_rows && row < 0; r++)
      if (end[r] + 4 <= need) row = r;
    if (row >= 0) {
      e->labelled = true;
      e->lx = lx;
      end[row] = fmax(e->x1, rx);
    } else {
      /* no room for the label: the mark alone, on the first row where it does not
       * cover anything, else on the least crowded row; the tooltip keeps the text */
      for (int r = 0; r < max_rows && row < 0; r++)
        if (end[r] + 1 <= e->x0) row = r;
      if (row < 0) {
        row = 0;
        for (int r = 1; r < max_rows; r++)
          if (end[r] < end[row]) row = r;
      }
      end[row] = fmax(end[row], e->x1);
    }
    e->row = row;
    if (row + 1 > rows[e->lane]) rows[e->lane] = row + 1;
  }
  free(end);
}

/* ------------------------------------------------------------ titles */

/* The tooltip of lane l: its actor, kind and PageRank. Returns scratch->data or a
 * literal. */
static const char *title_for_lane(const tl *t, size_t l, cg_buf *scratch) {
  int a = t->lane_actor.items[l];
  if (a < 0) return "Other actors and events without a main actor";
  const cg_cactor *ac = &t->c->actors.items[a];
  cg_buf_printf(scratch, "%s (%s), PageRank %.3f", ac->name, cg_actor_kind_name(ac->kind),
                ac->pagerank);
  return scratch->data;
}

static const char *title_cb(void *ud, const char *name, cg_buf *scratch) {
  const tl *t = ud;
  if (!name || !name[0]) return NULL;
  char kind = name[0];
  char *endp;
  unsigned long i = strtoul(name + 1, &endp, 10);
  if (*endp && *endp != '_') return NULL;
  if ((kind == 'e' || kind == 'l' || kind == 'h' || kind == 'r') && i < t->c->events.len) {
    cg_r_event_tooltip(scratch, t->c, &t->c->events.items[i]);
    return scratch->data;
  }
  if (kind == 'L' && i < t->lane_actor.len) return title_for_lane(t, i, scratch);
  return NULL;
}

/* ------------------------------------------------------------ eras */

#define MAX_ERAS 3
#define MAX_ERA_DAYS (25 * 366.0)

/* Keeps at most MAX_ERAS era bands, the most recent starts first; an open-ended
 * event reaching back more than 25 years is drawn as a plain mark (a band over the
 * whole chart would hide everything else). */
static void limit_eras(tl *t) {
  size_t kept = 0;
  for (size_t pass = 0; pass < t->ev.len; pass++) {
    /* pick the latest-starting remaining candidate: eras are few, so this
     * selection is O(MAX_ERAS * n) */
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < t->ev.len; i++) {
      tev *e = &t->ev.items[i];
      if (!e->era || e->era_kept) continue;
      if (t->now_day + 1 - e->d0 > MAX_ERA_DAYS || kept >= MAX_ERAS) {
        e->era = false;
        continue;
      }
      if (best == SIZE_MAX || e->d0 > t->ev.items[best].d0) best = i;
    }
    if (best == SIZE_MAX) break;
    t->ev.items[best].era_kept = true;
    kept++;
  }
}

/* ------------------------------------------------------------ the chart */

static char *event_label(const cg_corpus *c, const cg_cevent *e) {
  cg_buf b = {0};
  const char *trig = e->mentions.len && e->mentions.items[0].trigger ? e->mentions.items[0].trigger
                                                                      : e->lemma;
  cg_buf_puts(&b, trig ? trig : "event");
  int main = cg_r_main_actor(c, e);
  for (size_t k = 0; k < e->parts.len; k++) {
    const cg_cpart *p = &e->parts.items[k];
    if ((int)p->actor == main || p->actor >= c->actors.len) continue;
    cg_buf_printf(&b, " \xC2\xB7 %s", c->actors.items[p->actor].name);
    break;
  }
  char *s = cg_esc_truncate(b.data, 34);
  cg_buf_free(&b);
  return s;
}

static void draw_event(tl *t, const tev *e, double y) {
  const cg_cevent *ev = &t->c->events.items[e->idx];
  const char *col = cg_r_color(t->th, class_index(t, ev->cls));
  bool approx = !strcmp(ev->mod, "APPROX");
  bool bar = e->bar;
  cg_buf cls = {0};
  cg_buf_puts(&cls, "event cls-");
  cg_r_css_ident(&cls, ev->cls ? ev->cls : "event");
  int main = cg_r_main_actor(t->c, ev);
  if (main >= 0) {
    cg_buf_puts(&cls, " actor-");
    cg_r_css_ident(&cls, t->c->actors.items[main].id);
  }
  cg_buf_puts(&cls, " gran-");
  cg_buf_puts(&cls, cg_gran_name(ev->date.gran));
  if (approx) cg_buf_puts(&cls, " approx");
  if (bar) cg_buf_puts(&cls, " span");
  char c0[16], c1[48];
  snprintf(c0, sizeof c0, "%s", col);
  double xm = (e->x0 + e->x1) / 2;
  if (approx && !bar) { /* a halo that fades out around the point */
    Agnode_t *h = cg_tl_put(t, "h", e->idx, xm, y, 30, 14);
    cg_r_set(h, "shape", "ellipse");
    cg_r_set(h, "style", "radial");
    snprintf(c1, sizeof c1, "%scc:%s00", c0, c0);
    cg_r_set(h, "fillcolor", c1);
    cg_r_set(h, "class", "halo");
  }
  Agnode_t *n;
  if (bar) {
    n = cg_tl_put(t, "e", e->idx, xm, y, e->x1 - e->x0, 9);
    cg_r_set(n, "style", approx ? "radial" : "filled,rounded");
    if (approx) snprintf(c1, sizeof c1, "%s:%s10", c0, c0);
    else snprintf(c1, sizeof c1, "%sd0", c0);
    cg_r_set(n, "fillcolor", c1);
  } else {
    n = cg_tl_put(t, "e", e->idx, xm, y, 9, 9);
    cg_r_set(n, "shape", "circle");
    cg_r_set(n, "fillcolor", col);
    cg_r_set(n, "color", t->th->bg);
    cg_r_set(n, "penwidth", "1");
  }
  cg_r_set(n, "class", cls.data);
  cg_buf idb = {0};
  cg_buf_puts(&idb, "ev-");
  cg_r_css_ident(&idb, ev->id ? ev->id : "");
  cg_buf_printf(&idb, "-%u", e->idx);
  cg_r_set(n, "id", idb.data);
  cg_buf_free(&idb);
  cg_buf_free(&cls);
  if (e->labelled) {
    double w = e->lw;
    Agnode_t *l = cg_tl_put(t, "l", e->idx, e->lx + w / 2, y, w, LABEL_PT + 4);
    char *lab = cg_esc_dot_label(e->label);
    cg_r_set(l, "shape", "plaintext");
    cg_r_set(l, "style", "");
    cg_r_set(l, "label", lab);
    cg_r_set(l, "fontsize", "10");
    cg_r_set(l, "fontcolor", t->th->fg);
    cg_r_set(l, "class", "event-label");
    free(lab);
  }
}

static void build_chart(tl *t, const cg_render_opts *o) {
  const cg_corpus *c = t->c;
  const cg_r_theme *th = t->th;
  size_t nev = t->ev.len;
  t->W = nev <= 40 ? 1100.0 : fmin(3600.0, 1100.0 + 9.0 * (double)(nev - 40));
  double plot_x0 = LEFT_W, plot_x1 = t->W - RIGHT_W;
  cg_tl_build_segments(t, plot_x0, plot_x1);
  for (size_t i = 0; i < nev; i++) {
    tev *e = &t->ev.items[i];
    e->x0 = cg_tl_x(t, e->d0);
    e->x1 = cg_tl_x(t, e->d1);
    const cg_cevent *ce = &c->events.items[e->idx];
    e->bar = ce->date.gran < CG_GRAN_DAY && e->x1 - e->x0 >= 6.0;
    if (!e->bar) { /* a point: centre it on its interval */
      double xm = (e->x0 + e->x1) / 2;
      e->x0 = xm - 4.5;
      e->x1 = xm + 4.5;
    }
    e->label = event_label(c, &c->events.items[e->idx]);
    e->lw = fmin(LABEL_MAX_W, cg_r_text_width(e->label, LABEL_PT) + 4);
  }
  choose_lanes(t, o->lanes >= 0 ? o->lanes : 6); /* 0: one shared lane */
  size_t nl = t->lane_actor.len;
  int *rows = cg_xcalloc(nl, sizeof(int));
  int max_rows = nev > 400 ? 3 : 5;
  pack_rows(t, rows, max_rows, plot_x1);

  bool any_era = false;
  for (size_t i = 0; i < nev; i++) any_era |= t->ev.items[i].era;
  double y = 14;
  double y_title = y + 10;
  if (o->title && *o->title) y += 30;
  double y_era = y + 8;
  if (any_era) y += 16.0 * 2 + 4; /* up to two rows of era labels */
  double y_lanes = y;
  t->lane_y = cg_xcalloc(nl, sizeof(double));
  t->lane_h = cg_xcalloc(nl, sizeof(double));
  for (size_t l = 0; l < nl; l++) {
    t->lane_y[l] = y;
    t->lane_h[l] = (rows[l] > 0 ? rows[l] : 1) * ROW_H + 12;
    y += t->lane_h[l];
  }
  double y_axis = y + 4;
  double y_legend = y_axis + 48;
  size_t legend_cols = (size_t)((t->W - LEFT_W) / 150.0);
  if (legend_cols < 1) legend_cols = 1;
  size_t legend_rows = (t->classes.len + legend_cols - 1) / legend_cols;
  t->H = y_legend + 16.0 * (double)legend_rows + 26;

  t->g = agopen("timeline", Agdirected, NULL);
  Agraph_t *g = t->g;
  agattr(g, AGRAPH, "bgcolor", (char *)th->bg);
  agattr(g, AGRAPH, "pad", "0");
  agattr(g, AGRAPH, "fontname", "Helvetica,Arial,sans-serif");
  agattr(g, AGNODE, "label", "");
  agattr(g, AGNODE, "shape", "box");
  agattr(g, AGNODE, "style", "filled");
  agattr(g, AGNODE, "fixedsize", "true");
  agattr(g, AGNODE, "color", "transparent");
  agattr(g, AGNODE, "penwidth", "0");
  agattr(g, AGNODE, "fillcolor", (char *)th->lane_a);
  agattr(g, AGNODE, "fontname", "Helvetica,Arial,sans-serif");
  agattr(g, AGNODE, "fontsize", "10");
  agattr(g, AGNODE, "fontcolor", (char *)th->fg);

  /* fixed bounding box: invisible corner nodes */
  Agnode_t *z = cg_tl_put(t, "z", 0, 0, 0, 0.01, 0.01);
  cg_r_set(z, "style", "invis");
  z = cg_tl_put(t, "z", 1, t->W, t->H, 0.01, 0.01);
  cg_r_set(z, "style", "invis");

  /* lanes */
  for (size_t l = 0; l < nl; l++) {
    int a = t->lane_actor.items[l];
    cg_buf cls = {0};
    cg_buf_puts(&cls, "lane lane-");
    cg_r_css_ident(&cls, a >= 0 ? c->actors.items[a].id : "shared");
    Agnode_t *n = cg_tl_put(t, "L", l, (8 + t->W - 8) / 2, t->lane_y[l] + t->lane_h[l] / 2, t->W - 16,
                      t->lane_h[l]);
    cg_r_set(n, "fillcolor", l % 2 ? th->lane_b : th->lane_a);
    cg_r_set(n, "class", cls.data);
    cg_buf_free(&cls);
    char *name = cg_esc_truncate(a >= 0 ? c->actors.items[a].name
                                        : (nl == 1 ? "Events" : "Others"), 22);
    cg_tl_put_text(t, name, LEFT_W - 12, t->lane_y[l] + t->lane_h[l] / 2, 11, 2, th->fg, "lane-label");
    free(name);
  }
  double y_top = y_lanes, y_bot = y_axis;
  /* axis breaks: a hatched gap through the lanes and a label with the cut span */
  for (size_t i = 0; i + 1 < t->segs.len; i++) {
    const seg *s = &t->segs.items[i], *nx = &t->segs.items[i + 1];
    double xb = (s->x1 + nx->x0) / 2;
    cg_tl_put_box(t, xb - 6, y_top, xb + 6, y_bot, th->brk, "axis-break");
    cg_tl_put_text(t, "\xE2\x89\x88", xb, y_axis + 2, 14, 1, th->fg, "axis-break-mark");
    double years = (nx->d0 - s->d1) / 365.25;
    char gap[48];
    if (years >= 1.5)
      snprintf(gap, sizeof gap, "%.0f yr", years);
    else
      snprintf(gap, sizeof gap, "%.0f d", nx->d0 - s->d1);
    cg_tl_put_text(t, gap, xb, y_axis + 29, 8, 1, th->muted, "axis-break-label");
  }
  /* ticks, grid lines, axis */
  for (size_t i = 0; i < t->segs.len; i++) cg_tl_draw_axis(t, &t->segs.items[i], y_axis, y_top);
  /* eras: bands from their start to the latest publication date */
  double era_end[2] = {-INFINITY, -INFINITY};
  for (size_t i = 0; i < nev; i++) {
    const tev *e = &t->ev.items[i];
    if (!e->era) continue;
    double end = fmax(t->now_day + 1, e->d1);
    for (size_t s = 0; s < t->segs.len; s++) {
      const seg *sg = &t->segs.items[s];
      double a = fmax(e->d0, sg->d0), b = fmin(end, sg->d1);
      if (a >= b) continue;
      double xa = cg_tl_x(t, a), xb = cg_tl_x(t, b);
      char nm[40];
      snprintf(nm, sizeof nm, "r%u_%zu", e->idx, s);
      Agnode_t *n = cg_tl_put_named(t, nm, (xa + xb) / 2, (y_top + y_bot) / 2, fmax(xb - xa, 2),
                              y_bot - y_top);
      cg_r_set(n, "fillcolor", th->era);
      cg_r_set(n, "class", "era");
    }
    char *lab = cg_esc_truncate(e->label, 40);
    cg_buf b = {0};
    cg_buf_printf(&b, "%s \xE2\x86\x92", lab);
    double ex = cg_tl_x(t, e->d0) + 2, ew = cg_r_text_width(b.data, 9.5) + 8;
    int row = ex >= era_end[0] ? 0 : 1; /* stagger labels of close eras */
    cg_tl_put_text(t, b.data, ex, y_era + 16.0 * row, 9.5, 0, th->fg, "era-label");
    era_end[row] = fmax(era_end[row], ex + ew);
    cg_buf_free(&b);
    free(lab);
  }
  /* events, in lane/row order */
  for (size_t i = 0; i < nev; i++) {
    const tev *e = &t->ev.items[i];
    draw_event(t, e, t->lane_y[e->lane] + 6 + ROW_H * e->row + ROW_H / 2);
  }
  /* title, legend, footer */
  if (o->title && *o->title) cg_tl_put_text(t, o->title, 16, y_title, 16, 0, th->fg, "chart-title");
  for (size_t k = 0; k < t->classes.len; k++) {
    double lx = LEFT_W + 150.0 * (double)(k % legend_cols);
    double ly = y_legend + 16.0 * (double)(k / legend_cols);
    Agnode_t *n = cg_tl_put(t, "d", t->nid++, lx + 5, ly, 9, 9);
    cg_r_set(n, "shape", "circle");
    cg_r_set(n, "fillcolor", cg_r_color(th, k));
    cg_r_set(n, "class", "legend-key");
    char *name = cg_esc_truncate(t->classes.items[k], 22);
    cg_tl_put_text(t, name, lx + 14, ly, 9.5, 0, th->fg, "legend-label");
    free(name);
  }
  cg_tl_put_text(t, "class:", LEFT_W - 12, y_legend, 9.5, 2, th->muted, "legend-title");
  size_t undated = c->events.len - t->ndated;
  cg_buf note = {0};
  if (nev < t->ndated) { /* bounded: say so where the reader looks for it */
    cg_buf_puts(&note, "showing ");
    cg_r_count(&note, nev);
    cg_buf_puts(&note, " of ");
    cg_r_count(&note, t->ndated);
    cg_buf_puts(&note, " dated events (most mentioned)");
    cg_tl_put_text(t, note.data, LEFT_W, t->H - 12, 9, 0, th->fg, "note cap-note");
    cg_buf_clear(&note);
  }
  if (undated) {
    cg_r_count(&note, undated);
    cg_buf_printf(&note, " undated event%s not shown", undated == 1 ? "" : "s");
    cg_tl_put_text(t, note.data, t->W - RIGHT_W, t->H - 12, 9, 2, th->muted, "note");
  }
  cg_buf_free(&note);
  free(rows);
}

static char *css_for(const cg_r_theme *th) {
  cg_buf b = {0};
  cg_buf_printf(&b,
                "svg.cg-timeline text{font-family:Helvetica,Arial,sans-serif}"
                "svg.cg-timeline .event polygon,svg.cg-timeline .event ellipse{transition:stroke-width .1s}"
                "svg.cg-timeline .event:hover polygon,svg.cg-timeline .event:hover ellipse"
                "{stroke:%s;stroke-width:2px}"
                "svg.cg-timeline .lane-label text{font-weight:bold}"
                "svg.cg-timeline .chart-title text{font-weight:bold}"
                "svg.cg-timeline .era-label text{font-style:italic}",
                th->fg);
  return cg_buf_detach(&b);
}

/* The lane label column as an SVG of its own: the chart's left LEFT_W points at the
 * chart's scale and height (1 unit = 1 pt), painted only over the lanes' band and
 * transparent elsewhere. The report lays it over the scrolling chart as a frozen first
 * column, so that the lane names stay in view wherever the chart is scrolled. Written
 * by hand rather than by a second Graphviz run: it is a few boxes and texts, and the
 * positions are the chart's own (t->lane_y). */
static void lane_column(const tl *t, cg_buf *out) {
  size_t nl = t->lane_actor.len;
  if (!nl) return;
  double top = t->lane_y[0], bot = t->lane_y[nl - 1] + t->lane_h[nl - 1];
  const cg_r_theme *th = t->th;
  cg_buf_printf(out,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0fpt\" height=\"%.0fpt\" "
                "viewBox=\"0 0 %.0f %.0f\" class=\"cg-timeline-lanes theme-%s\">"
                "<rect x=\"0\" y=\"%.2f\" width=\"%.0f\" height=\"%.2f\" fill=\"%s\"/>",
                LEFT_W, t->H, LEFT_W, t->H, th->name, top, LEFT_W, bot - top, th->bg);
  cg_buf tip = {0};
  for (size_t l = 0; l < nl; l++) {
    int a = t->lane_actor.items[l];
    cg_buf_clear(&tip);
    const char *title = title_for_lane(t, l, &tip);
    char *name = cg_esc_truncate(a >= 0 ? t->c->actors.items[a].name
                                        : (nl == 1 ? "Events" : "Others"), 22);
    double y = t->lane_y[l], h = t->lane_h[l];
    cg_buf_puts(out, "<g class=\"lane-label\"><title>");
    cg_esc_xml(out, title);
    cg_buf_printf(out, "</title><rect x=\"8.5\" y=\"%.2f\" width=\"%.1f\" height=\"%.2f\" "
                       "fill=\"%s\"/><text x=\"%.0f\" y=\"%.2f\" text-anchor=\"end\" "
                       "font-family=\"Helvetica,Arial,sans-serif\" font-size=\"11\" "
                       "font-weight=\"bold\" fill=\"%s\">",
                  y, LEFT_W - 8.5, h, l % 2 ? th->lane_b : th->lane_a, LEFT_W - 12,
                  y + h / 2 + 3.7, th->fg);
    cg_esc_xml(out, name);
    cg_buf_puts(out, "</text></g>");
    free(name);
  }
  cg_buf_free(&tip);
  cg_buf_puts(out, "</svg>");
}

cg_status cg_r_timeline_svg(const cg_corpus *c, const cg_render_opts *opts, cg_buf *out,
                            cg_buf *lanes, cg_error *err) {
  if (!c || !out) return cg_error_set(err, CG_EUSAGE, NULL, 0, 0, -1, "no corpus");
  cg_render_opts def = cg_render_opts_default();
  const cg_render_opts *o = opts ? opts : &def;
  tl t = {0};
  t.c = c;
  t.th = cg_r_theme_get(o->theme);
  t.now_day = -INFINITY;
  for (size_t i = 0; i < c->docs.len; i++) {
    int64_t d = c->docs.items[i].dct ? cg_parse_iso_day(c->docs.items[i].dct) : CG_NO_DAY;
    if (d != CG_NO_DAY && (double)d > t.now_day) t.now_day = (double)d;
  }
  uint32_t *sel = NULL;
  size_t nsel = cg_r_select_events(c, o->max_events > 0 ? (size_t)o->max_events : 0, true, &sel,
                                   &t.ndated);
  for (size_t k = 0; k < nsel; k++) {
    const cg_cevent *e = &c->events.items[sel[k]];
    tev v = {0};
    v.idx = sel[k];
    v.d0 = (double)e->date.earliest;
    v.d1 = (double)e->date.latest + 1;
    v.era = is_era(e);
    CG_VEC_PUSH(&t.ev, v);
  }
  /* the legend lists the classes drawn (cg_r_event_classes, shared with the report) */
  const char **classes = NULL;
  size_t ncls = cg_r_event_classes(c, sel, nsel, &classes);
  for (size_t k = 0; k < ncls; k++) CG_VEC_PUSH(&t.classes, classes[k]);
  free(classes);
  free(sel);
  if (isinf(t.now_day)) /* no publication dates: "now" is the latest event */
    for (size_t i = 0; i < t.ev.len; i++) t.now_day = fmax(t.now_day, t.ev.items[i].d1 - 1);
  if (isinf(t.now_day)) t.now_day = 0;
  limit_eras(&t);
  build_chart(&t, o);
  char *css = css_for(t.th);
  char rootcls[64];
  snprintf(rootcls, sizeof rootcls, "cg-timeline theme-%s", t.th->name);
  cg_status st = cg_r_gv_svg(o->ctx, t.g, "nop", title_cb, &t, css, rootcls, out, err);
  if (st == CG_OK && lanes) lane_column(&t, lanes);
  free(css);
  agclose(t.g);
  for (size_t i = 0; i < t.ev.len; i++) free(t.ev.items[i].label);
  free(t.ev.items);
  free(t.segs.items);
  free(t.lane_of_actor);
  free(t.lane_actor.items);
  free(t.lane_y);
  free(t.lane_h);
  free(t.classes.items);
  return st;
}

/* Appends the timeline SVG of the corpus to out. See the file comment for the design. */
cg_status cg_render_timeline_svg(const cg_corpus *c, const cg_render_opts *opts, cg_buf *out,
                                 cg_error *err) {
  return cg_r_timeline_svg(c, opts, out, NULL, err);
}
