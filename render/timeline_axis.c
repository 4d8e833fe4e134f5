/*
 * The timeline's coordinate system (timeline_int.h): time -> x with axis breaks,
 * ticks chosen by scale, and the helpers that place pinned Graphviz nodes.
 *
 * Dated events are merged into clusters of overlapping intervals; a gap between
 * clusters longer than a quarter of the remaining span (and at least 30 days) is cut
 * out and drawn as an axis break, so "2014" and "last Friday" are both readable.
 */
#include "timeline_int.h"

#include "escape.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double cg_tl_x(const tl *t, double d) {
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
Agnode_t *cg_tl_put_named(tl *t, const char *name, double x, double y, double w, double h) {
  Agnode_t *n = agnode(t->g, (char *)name, 1);
  cg_r_setf(n, "pos", "%.2f,%.2f!", x, t->H - y);
  cg_r_setf(n, "width", "%.4f", w / 72.0);
  cg_r_setf(n, "height", "%.4f", h / 72.0);
  return n;
}

Agnode_t *cg_tl_put(tl *t, const char *prefix, size_t id, double x, double y, double w,
                     double h) {
  char name[40];
  snprintf(name, sizeof name, "%s%zu", prefix, id);
  return cg_tl_put_named(t, name, x, y, w, h);
}

Agnode_t *cg_tl_put_box(tl *t, double x0, double y0, double x1, double y1, const char *fill,
                         const char *cls) {
  Agnode_t *n = cg_tl_put(t, "d", t->nid++, (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0);
  cg_r_set(n, "fillcolor", fill);
  if (cls) cg_r_set(n, "class", cls);
  return n;
}

/* Text node: left-aligned at x (align 0), centred (1) or right-aligned (2). */
Agnode_t *cg_tl_put_text(tl *t, const char *text, double x, double y, double pt, int align,
                          const char *color, const char *cls) {
  double w = cg_r_text_width(text, pt) + 2;
  double cx = align == 0 ? x + w / 2 : align == 2 ? x - w / 2 : x;
  Agnode_t *n = cg_tl_put(t, "d", t->nid++, cx, y, w, pt + 4);
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

void cg_tl_build_segments(tl *t, double plot_x0, double plot_x1) {
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
void cg_tl_draw_axis(tl *t, const seg *s, double y_axis, double y_top) {
  const cg_r_theme *th = t->th;
  cg_tl_put_box(t, s->x0, y_axis, s->x1, y_axis + 1.2, th->muted, "axis");
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
    double x = cg_tl_x(t, (double)tick);
    cg_tl_put_box(t, x - 0.4, y_top, x + 0.4, y_axis, th->grid, "grid");
    cg_tl_put_box(t, x - 0.6, y_axis, x + 0.6, y_axis + 5, th->muted, "tick");
    cg_tl_put_text(t, lab.data, x, y_axis + 14, 9.5, 1, th->muted, "tick-label");
    cg_buf_free(&lab);
  }
  /* context label: the month/year the finer ticks belong to */
  unsigned fm = 0, fd = 0;
  if (first_tick != CG_NO_DAY) cg_civil_from_days(first_tick, &yy, &fm, &fd);
  if (u->k == U_DAY || (u->k == U_MONTH && fm != 1)) {
    cg_buf ctx = {0};
    cg_r_day_label(&ctx, first_tick != CG_NO_DAY ? first_tick : (int64_t)ceil(s->d0),
                   u->k == U_DAY ? CG_GRAN_MONTH : CG_GRAN_YEAR);
    cg_tl_put_text(t, ctx.data, s->x0, y_axis + 29, 9.5, 0, th->fg, "axis-context");
    cg_buf_free(&ctx);
  }
}

