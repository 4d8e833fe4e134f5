/*
 * The timeline SVG (render.h: cg_render_timeline_svg).
 *
 * Layout is computed here and pinned: every mark, label, tick and band is a Graphviz
 * node with pos="x,y!" in points, laid out by the "nop" engine (neato -n), so the
 * time axis is exact; Graphviz only draws. Two invisible corner nodes fix the
 * bounding box so that SVG x = our x and SVG y = -(H - our y) inside Graphviz's
 * translate(…, H) group.
 *
 * Time axis: x is proportional to time inside segments. Dated events are merged into
 * clusters of overlapping intervals; a gap between clusters longer than a quarter of
 * the remaining span (and at least 30 days) is cut out and drawn as an axis break,
 * so "2014" and "last Friday" are both readable. Each segment gets a width
 * proportional to its length with a minimum, and ticks chosen from its own scale
 * (days .. millennia).
 *
 * Lanes: the top opts->lanes actors (by PageRank, then number of events they lead)
 * get a lane each; an event sits in the lane of its main actor (agent, else speaker,
 * else first participant) or in the shared lane. Inside a lane, labels are packed
 * greedily into rows; an event whose label fits nowhere keeps its mark and tooltip.
 *
 * Uncertainty: a day is a point; a coarser date is a bar over its interval; APPROX
 * dates fade out (radial gradient); open-ended "since"/"after" events are era bands
 * reaching the latest publication date.
 */
#include "rcommon.h"

#include "escape.h"

#include <gvc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LEFT_W 150.0   /* lane label column */
#define RIGHT_W 24.0
#define BREAK_W 34.0   /* width of an axis break */
#define MIN_SEG_W 150.0
#define ROW_H 20.0
#define LABEL_PT 10.0
#define LABEL_MAX_W 190.0
#define TICK_MIN_PX 58.0

typedef struct seg {
  double d0, d1; /* days, [d0, d1) */
  double x0, x1; /* points */
} seg;

typedef struct tev {
  uint32_t idx;
  double d0, d1; /* [earliest, latest + 1) */
  int lane;
  double x0, x1, lx, lw; /* mark extent, label left and width */
  int row;
  bool labelled, era, bar; /* bar: coarser than a day and wide enough to show it */
  char *label;
} tev;

typedef struct tl {
  const cg_corpus *c;
  const cg_r_theme *th;
  CG_VEC(tev) ev;
  CG_VEC(seg) segs;
  int *lane_of_actor;  /* per actor: lane index or -1 */
  CG_VEC(int) lane_actor; /* per lane: actor index, -1 for the shared lane */
  double *lane_y, *lane_h;
  CG_VEC(const char *) classes; /* sorted distinct class names */
  double now_day;
  double W, H;
  Agraph_t *g;
  size_t nid; /* synthetic id counter for decoration nodes */
} tl;

/* ------------------------------------------------------------ helpers */

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static size_t class_index(const tl *t, const char *cls) {
  const char *key = cls ? cls : "";
  const char **hit = bsearch(&key, t->classes.items, t->classes.len, sizeof(char *), cmp_str);
  return hit ? (size_t)(hit - t->classes.items) : 0;
}

static bool is_era(const cg_cevent *e) {
  const char *r = e->date_rule ? e->date_rule : "";
  return !strcmp(r, "since") || !strcmp(r, "age-start") || !strcmp(e->mod, "AFTER") ||
         !strcmp(e->mod, "ON_OR_AFTER");
}

/* x of day d (inside a segment; days in a cut gap map to the break's middle). */
static double x_of(const tl *t, double d) {
  const seg *s = t->segs.items;
  size_t n = t->segs.len;
  if (d <= s[0].d0) return s[0].x0;
  for (size_t i = 0; i < n; i++) {
    if (d <= s[i].d1) {
      if (d < s[i].d0) return s[i].x0 - BREAK_W / 2;
      return s[i].x0 + (d - s[i].d0) / (s[i].d1 - s[i].d0) * (s[i].x1 - s[i].x0);
    }
  }
  return s[n - 1].x1;
}

/* A node named prefix+id at screen position (x, y) (y downwards), size w x h points. */
static Agnode_t *put_named(tl *t, const char *name, double x, double y, double w, double h) {
  Agnode_t *n = agnode(t->g, (char *)name, 1);
  cg_r_setf(n, "pos", "%.2f,%.2f!", x, t->H - y);
  cg_r_setf(n, "width", "%.4f", w / 72.0);
  cg_r_setf(n, "height", "%.4f", h / 72.0);
  return n;
}

static Agnode_t *put(tl *t, const char *prefix, size_t id, double x, double y, double w,
                     double h) {
  char name[40];
  snprintf(name, sizeof name, "%s%zu", prefix, id);
  return put_named(t, name, x, y, w, h);
}

static Agnode_t *put_box(tl *t, double x0, double y0, double x1, double y1, const char *fill,
                         const char *cls) {
  Agnode_t *n = put(t, "d", t->nid++, (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0);
  cg_r_set(n, "fillcolor", fill);
  if (cls) cg_r_set(n, "class", cls);
  return n;
}

/* Text node: left-aligned at x (align 0), centred (1) or right-aligned (2). */
static Agnode_t *put_text(tl *t, const char *text, double x, double y, double pt, int align,
                          const char *color, const char *cls) {
  double w = cg_r_text_width(text, pt) + 2;
  double cx = align == 0 ? x + w / 2 : align == 2 ? x - w / 2 : x;
  Agnode_t *n = put(t, "d", t->nid++, cx, y, w, pt + 4);
  char *lab = cg_esc_dot_label(text);
  cg_r_set(n, "shape", "plaintext");
  cg_r_set(n, "style", "");
  cg_r_set(n, "label", lab);
  free(lab);
  cg_r_setf(n, "fontsize", "%.1f", pt);
  cg_r_set(n, "fontcolor", color);
  if (cls) cg_r_set(n, "class", cls);
  return n;
}

/* ------------------------------------------------------------ time axis */

typedef struct ival {
  double a, b;
} ival;

static int cmp_ival(const void *x, const void *y) {
  const ival *p = x, *q = y;
  if (p->a != q->a) return p->a < q->a ? -1 : 1;
  return (p->b > q->b) - (p->b < q->b);
}

static int cmp_dbl_desc(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return (a < b) - (a > b);
}

static void build_segments(tl *t, double plot_x0, double plot_x1) {
  CG_VEC(ival) iv = {0};
  for (size_t i = 0; i < t->ev.len; i++) CG_VEC_PUSH(&iv, ((ival){t->ev.items[i].d0, t->ev.items[i].d1}));
  if (iv.len == 0) CG_VEC_PUSH(&iv, ((ival){t->now_day, t->now_day + 1}));
  qsort(iv.items, iv.len, sizeof(ival), cmp_ival);
  CG_VEC(ival) cl = {0}; /* clusters of overlapping intervals */
  for (size_t i = 0; i < iv.len; i++) {
    if (cl.len && iv.items[i].a <= cl.items[cl.len - 1].b) {
      if (iv.items[i].b > cl.items[cl.len - 1].b) cl.items[cl.len - 1].b = iv.items[i].b;
    } else {
      CG_VEC_PUSH(&cl, iv.items[i]);
    }
  }
  free(iv.items);
  /* decide which gaps to cut: largest first, while a gap dominates what is left */
  size_t ng = cl.len - 1;
  double *gaps = cg_xcalloc(ng ? ng : 1, sizeof(double));
  for (size_t i = 0; i < ng; i++) gaps[i] = cl.items[i + 1].a - cl.items[i].b;
  qsort(gaps, ng, sizeof(double), cmp_dbl_desc);
  double remaining = cl.items[cl.len - 1].b - cl.items[0].a, threshold = INFINITY;
  size_t cut = 0;
  for (size_t i = 0; i < ng && cut < 8; i++) {
    if (gaps[i] >= 30 && gaps[i] > 0.25 * remaining) {
      remaining -= gaps[i];
      threshold = gaps[i];
      cut++;
    } else {
      break;
    }
  }
  free(gaps);
  /* segments: clusters joined by the gaps we keep */
  for (size_t i = 0; i < cl.len; i++) {
    bool join = t->segs.len && i > 0 && cl.items[i].a - cl.items[i - 1].b < threshold;
    if (join)
      t->segs.items[t->segs.len - 1].d1 = cl.items[i].b;
    else
      CG_VEC_PUSH(&t->segs, ((seg){cl.items[i].a, cl.items[i].b, 0, 0}));
  }
  free(cl.items);
  for (size_t i = 0; i < t->segs.len; i++) {
    seg *s = &t->segs.items[i];
    double pad = fmax(2.0, 0.03 * (s->d1 - s->d0));
    s->d0 -= pad;
    s->d1 += pad;
  }
  /* widths: weight = sqrt(length in days) + 2 per event in the segment (each segment
   * has its own scale anyway; a short busy burst deserves room next to a long quiet
   * past), at least MIN_SEG_W (iterate: fixing a short segment at the minimum
   * changes the share of the others) */
  size_t n = t->segs.len;
  double avail = plot_x1 - plot_x0 - (double)(n - 1) * BREAK_W;
  double minw = fmin(MIN_SEG_W, avail / (double)n);
  bool *fixed = cg_xcalloc(n, sizeof(bool));
  double *w = cg_xcalloc(n, sizeof(double));
  double *weight = cg_xcalloc(n, sizeof(double));
  for (size_t i = 0; i < n; i++) weight[i] = sqrt(t->segs.items[i].d1 - t->segs.items[i].d0);
  for (size_t k = 0; k < t->ev.len; k++)
    for (size_t i = 0; i < n; i++)
      if (t->ev.items[k].d0 >= t->segs.items[i].d0 && t->ev.items[k].d0 < t->segs.items[i].d1) {
        weight[i] += 2.0;
        break;
      }
  for (bool changed = true; changed;) {
    changed = false;
    double len = 0, rest = avail;
    for (size_t i = 0; i < n; i++) {
      if (fixed[i]) rest -= minw;
      else len += weight[i];
    }
    for (size_t i = 0; i < n; i++) {
      if (fixed[i]) {
        w[i] = minw;
        continue;
      }
      w[i] = rest * weight[i] / len;
      if (w[i] < minw) {
        fixed[i] = true;
        changed = true;
      }
    }
  }
  double x = plot_x0;
  for (size_t i = 0; i < n; i++) {
    t->segs.items[i].x0 = x;
    t->segs.items[i].x1 = x + w[i];
    x += w[i] + BREAK_W;
  }
  free(fixed);
  free(w);
  free(weight);
}

typedef enum { U_DAY, U_MONTH, U_YEAR } ukind;
typedef struct unit {
  ukind k;
  int n;
  double days;
} unit;
static const unit units[] = {
    {U_DAY, 1, 1},       {U_DAY, 2, 2},       {U_DAY, 7, 7},       {U_DAY, 14, 14},
    {U_MONTH, 1, 30.44}, {U_MONTH, 3, 91.3},  {U_MONTH, 6, 182.6}, {U_YEAR, 1, 365.25},
    {U_YEAR, 2, 730.5},  {U_YEAR, 5, 1826},   {U_YEAR, 10, 3652},  {U_YEAR, 20, 7305},
    {U_YEAR, 50, 18262}, {U_YEAR, 100, 36525}, {U_YEAR, 200, 73050}, {U_YEAR, 500, 182621},
    {U_YEAR, 1000, 365242}, {U_YEAR, 5000, 1826212}};

static const char *const month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

/* Draws the axis line, ticks, grid lines and tick labels of one segment. */
static void draw_axis_segment(tl *t, const seg *s, double y_axis, double y_top) {
  const cg_r_theme *th = t->th;
  put_box(t, s->x0, y_axis, s->x1, y_axis + 1.2, th->muted, "axis");
  double ppd = (s->x1 - s->x0) / (s->d1 - s->d0);
  const unit *u = &units[sizeof units / sizeof units[0] - 1];
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
    if (units[i].days * ppd >= TICK_MIN_PX) {
      u = &units[i];
      break;
    }
  int64_t z0 = (int64_t)ceil(s->d0), z1 = (int64_t)floor(s->d1);
  int64_t y, yy;
  unsigned m, d;
  cg_civil_from_days(z0, &y, &m, &d);
  size_t guard = 0;
  int64_t first_tick = CG_NO_DAY;
  for (int64_t z = z0; z <= z1 && guard < 400; guard++) {
    int64_t tick = CG_NO_DAY;
    cg_buf lab = {0};
    if (u->k == U_DAY) {
      if (u->n == 7 || u->n == 14) {
        while (cg_weekday(z) != 1) z++;
      } else {
        while (floor_div(z, u->n) * u->n != z) z++;
      }
      tick = z;
      z += u->n;
      cg_civil_from_days(tick, &yy, &m, &d);
      cg_buf_printf(&lab, "%u %s", d, month_names[m - 1]);
    } else if (u->k == U_MONTH) {
      cg_civil_from_days(z, &yy, &m, &d);
      int64_t mi = yy * 12 + (m - 1);
      if (d != 1) mi++;
      while (floor_div(mi, u->n) * u->n != mi) mi++;
      yy = floor_div(mi, 12);
      m = (unsigned)(mi - yy * 12) + 1;
      tick = cg_days_from_civil(yy, m, 1);
      z = cg_add_months(tick, u->n);
      if (m == 1) /* January shows the year; other months only their name */
        cg_r_day_label(&lab, tick, CG_GRAN_YEAR);
      else
        cg_buf_puts(&lab, month_names[m - 1]);
    } else {
      cg_civil_from_days(z, &yy, &m, &d);
      if (m != 1 || d != 1) yy++;
      yy = floor_div(yy + u->n - 1, u->n) * u->n;
      tick = cg_days_from_civil(yy, 1, 1);
      z = cg_days_from_civil(yy + u->n, 1, 1);
      cg_r_day_label(&lab, tick, CG_GRAN_YEAR);
    }
    if (tick > z1 || (double)tick < s->d0) {
      cg_buf_free(&lab);
      if (tick > z1) break;
      continue;
    }
    if (first_tick == CG_NO_DAY) first_tick = tick;
    double x = x_of(t, (double)tick);
    put_box(t, x - 0.4, y_top, x + 0.4, y_axis, th->grid, "grid");
    put_box(t, x - 0.6, y_axis, x + 0.6, y_axis + 5, th->muted, "tick");
    put_text(t, lab.data, x, y_axis + 14, 9.5, 1, th->muted, "tick-label");
    cg_buf_free(&lab);
  }
  /* context label: the month/year the finer ticks belong to */
  unsigned fm = 0, fd = 0;
  if (first_tick != CG_NO_DAY) cg_civil_from_days(first_tick, &yy, &fm, &fd);
  if (u->k == U_DAY || (u->k == U_MONTH && fm != 1)) {
    cg_buf ctx = {0};
    cg_r_day_label(&ctx, first_tick != CG_NO_DAY ? first_tick : (int64_t)ceil(s->d0),
                   u->k == U_DAY ? CG_GRAN_MONTH : CG_GRAN_YEAR);
    put_text(t, ctx.data, s->x0, y_axis + 29, 9.5, 0, th->fg, "axis-context");
    cg_buf_free(&ctx);
  }
}

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
  qsort(t->ev.items, t->ev.len, sizeof(tev), cmp_tev_x);
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
      row = 0; /* no room: the mark goes on the least crowded row, tooltip only */
      for (int r = 1; r < max_rows; r++)
        if (end[r] < end[row]) row = r;
      end[row] = fmax(end[row], e->x1);
    }
    e->row = row;
    if (row + 1 > rows[e->lane]) rows[e->lane] = row + 1;
  }
  free(end);
}

/* ------------------------------------------------------------ titles */

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
  if (kind == 'L' && i < t->lane_actor.len) {
    int a = t->lane_actor.items[i];
    if (a < 0) return "Other actors and events without a main actor";
    const cg_cactor *ac = &t->c->actors.items[a];
    cg_buf_printf(scratch, "%s (%s), PageRank %.3f", ac->name, cg_actor_kind_name(ac->kind),
                  ac->pagerank);
    return scratch->data;
  }
  return NULL;
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
    Agnode_t *h = put(t, "h", e->idx, xm, y, 30, 14);
    cg_r_set(h, "shape", "ellipse");
    cg_r_set(h, "style", "radial");
    snprintf(c1, sizeof c1, "%scc:%s00", c0, c0);
    cg_r_set(h, "fillcolor", c1);
    cg_r_set(h, "class", "halo");
  }
  Agnode_t *n;
  if (bar) {
    n = put(t, "e", e->idx, xm, y, e->x1 - e->x0, 9);
    cg_r_set(n, "style", approx ? "radial" : "filled,rounded");
    if (approx) snprintf(c1, sizeof c1, "%s:%s10", c0, c0);
    else snprintf(c1, sizeof c1, "%sd0", c0);
    cg_r_set(n, "fillcolor", c1);
  } else {
    n = put(t, "e", e->idx, xm, y, 9, 9);
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
    Agnode_t *l = put(t, "l", e->idx, e->lx + w / 2, y, w, LABEL_PT + 4);
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
  build_segments(t, plot_x0, plot_x1);
  for (size_t i = 0; i < nev; i++) {
    tev *e = &t->ev.items[i];
    e->x0 = x_of(t, e->d0);
    e->x1 = x_of(t, e->d1);
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
  choose_lanes(t, o->lanes > 0 ? o->lanes : 6);
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
  if (any_era) y += 20;
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
  Agnode_t *z = put(t, "z", 0, 0, 0, 0.01, 0.01);
  cg_r_set(z, "style", "invis");
  z = put(t, "z", 1, t->W, t->H, 0.01, 0.01);
  cg_r_set(z, "style", "invis");

  /* lanes */
  for (size_t l = 0; l < nl; l++) {
    int a = t->lane_actor.items[l];
    cg_buf cls = {0};
    cg_buf_puts(&cls, "lane lane-");
    cg_r_css_ident(&cls, a >= 0 ? c->actors.items[a].id : "shared");
    Agnode_t *n = put(t, "L", l, (8 + t->W - 8) / 2, t->lane_y[l] + t->lane_h[l] / 2, t->W - 16,
                      t->lane_h[l]);
    cg_r_set(n, "fillcolor", l % 2 ? th->lane_b : th->lane_a);
    cg_r_set(n, "class", cls.data);
    cg_buf_free(&cls);
    char *name = cg_esc_truncate(a >= 0 ? c->actors.items[a].name
                                        : (nl == 1 ? "Events" : "Others"), 22);
    put_text(t, name, LEFT_W - 12, t->lane_y[l] + t->lane_h[l] / 2, 11, 2, th->fg, "lane-label");
    free(name);
  }
  double y_top = y_lanes, y_bot = y_axis;
  /* axis breaks: a hatched gap through the lanes and a label with the cut span */
  for (size_t i = 0; i + 1 < t->segs.len; i++) {
    const seg *s = &t->segs.items[i], *nx = &t->segs.items[i + 1];
    double xb = (s->x1 + nx->x0) / 2;
    put_box(t, xb - 6, y_top, xb + 6, y_bot, th->brk, "axis-break");
    put_text(t, "\xE2\x89\x88", xb, y_axis + 2, 14, 1, th->fg, "axis-break-mark");
    double years = (nx->d0 - s->d1) / 365.25;
    char gap[48];
    if (years >= 1.5)
      snprintf(gap, sizeof gap, "%.0f yr", years);
    else
      snprintf(gap, sizeof gap, "%.0f d", nx->d0 - s->d1);
    put_text(t, gap, xb, y_axis + 40, 8, 1, th->muted, "axis-break-label");
  }
  /* ticks, grid lines, axis */
  for (size_t i = 0; i < t->segs.len; i++) draw_axis_segment(t, &t->segs.items[i], y_axis, y_top);
  /* eras: bands from their start to the latest publication date */
  for (size_t i = 0; i < nev; i++) {
    const tev *e = &t->ev.items[i];
    if (!e->era) continue;
    double end = fmax(t->now_day + 1, e->d1);
    for (size_t s = 0; s < t->segs.len; s++) {
      const seg *sg = &t->segs.items[s];
      double a = fmax(e->d0, sg->d0), b = fmin(end, sg->d1);
      if (a >= b) continue;
      double xa = x_of(t, a), xb = x_of(t, b);
      char nm[40];
      snprintf(nm, sizeof nm, "r%u_%zu", e->idx, s);
      Agnode_t *n = put_named(t, nm, (xa + xb) / 2, (y_top + y_bot) / 2, fmax(xb - xa, 2),
                              y_bot - y_top);
      cg_r_set(n, "fillcolor", th->era);
      cg_r_set(n, "class", "era");
    }
    char *lab = cg_esc_truncate(e->label, 40);
    cg_buf b = {0};
    cg_buf_printf(&b, "%s \xE2\x86\x92", lab);
    put_text(t, b.data, x_of(t, e->d0) + 2, y_era, 9.5, 0, th->fg, "era-label");
    cg_buf_free(&b);
    free(lab);
  }
  /* events, in lane/row order */
  for (size_t i = 0; i < nev; i++) {
    const tev *e = &t->ev.items[i];
    draw_event(t, e, t->lane_y[e->lane] + 6 + ROW_H * e->row + ROW_H / 2);
  }
  /* title, legend, footer */
  if (o->title && *o->title) put_text(t, o->title, 16, y_title, 16, 0, th->fg, "chart-title");
  for (size_t k = 0; k < t->classes.len; k++) {
    double lx = LEFT_W + 150.0 * (double)(k % legend_cols);
    double ly = y_legend + 16.0 * (double)(k / legend_cols);
    Agnode_t *n = put(t, "d", t->nid++, lx + 5, ly, 9, 9);
    cg_r_set(n, "shape", "circle");
    cg_r_set(n, "fillcolor", cg_r_color(th, k));
    cg_r_set(n, "class", "legend-key");
    char *name = cg_esc_truncate(t->classes.items[k], 22);
    put_text(t, name, lx + 14, ly, 9.5, 0, th->fg, "legend-label");
    free(name);
  }
  put_text(t, "class:", LEFT_W - 12, y_legend, 9.5, 2, th->muted, "legend-title");
  size_t undated = c->events.len - nev;
  if (undated) {
    char note[80];
    snprintf(note, sizeof note, "%zu undated event%s not shown", undated, undated == 1 ? "" : "s");
    put_text(t, note, t->W - RIGHT_W, t->H - 12, 9, 2, th->muted, "note");
  }
  free(rows);
}

cg_render_opts cg_render_opts_default(void) {
  cg_render_opts o = {NULL, 6, CG_THEME_LIGHT, 1.0, 0};
  return o;
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

/* Appends the timeline SVG of the corpus to out. See the file comment for the design. */
cg_status cg_render_timeline_svg(const cg_corpus *c, const cg_render_opts *opts, cg_buf *out,
                                 cg_error *err) {
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
  for (size_t i = 0; i < c->events.len; i++) {
    const cg_cevent *e = &c->events.items[i];
    if (!e->dated || !e->date.valid || e->date.latest < e->date.earliest) continue;
    tev v = {0};
    v.idx = (uint32_t)i;
    v.d0 = (double)e->date.earliest;
    v.d1 = (double)e->date.latest + 1;
    v.era = is_era(e);
    CG_VEC_PUSH(&t.ev, v);
    const char *cls = e->cls ? e->cls : "";
    CG_VEC_PUSH(&t.classes, cls);
  }
  if (isinf(t.now_day)) /* no publication dates: "now" is the latest event */
    for (size_t i = 0; i < t.ev.len; i++) t.now_day = fmax(t.now_day, t.ev.items[i].d1 - 1);
  if (isinf(t.now_day)) t.now_day = 0;
  if (t.classes.len) {
    qsort(t.classes.items, t.classes.len, sizeof(char *), cmp_str);
    size_t m = 0;
    for (size_t i = 0; i < t.classes.len; i++)
      if (!m || strcmp(t.classes.items[m - 1], t.classes.items[i])) t.classes.items[m++] = t.classes.items[i];
    t.classes.len = m;
  }
  build_chart(&t, o);
  char *css = css_for(t.th);
  char rootcls[64];
  snprintf(rootcls, sizeof rootcls, "cg-timeline theme-%s", t.th->name);
  cg_status st = cg_r_gv_svg(t.g, "nop", title_cb, &t, css, rootcls, out, err);
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
