/*
 * Internals of the timeline renderer, shared by timeline_svg.c (lanes, rows, events,
 * the chart) and timeline_axis.c (time -> x mapping with axis breaks, ticks, and the
 * pinned-node placement helpers). Included by those two files only: it pulls in
 * Graphviz's cgraph.
 */
#ifndef CG_TIMELINE_INT_H
#define CG_TIMELINE_INT_H

#include "rcommon.h"

#include <cgraph.h>

#define LEFT_W 150.0   /* lane label column */
#define RIGHT_W 24.0
#define BREAK_W 34.0   /* width of an axis break */
#define MIN_SEG_W 150.0
#define ROW_H 20.0
#define LABEL_PT 10.0
#define LABEL_MAX_W 190.0
#define TICK_MIN_PX 58.0

/* A stretch of time drawn at its own scale; axis breaks separate segments. */
typedef struct seg {
  double d0, d1; /* days, [d0, d1) */
  double x0, x1; /* points */
} seg;

/* One dated event as laid out. */
typedef struct tev {
  uint32_t idx;
  double d0, d1; /* [earliest, latest + 1) */
  int lane;
  double x0, x1, lx, lw; /* mark extent, label left and width */
  int row;
  bool labelled, era, bar; /* bar: coarser than a day and wide enough to show it */
  bool era_kept;            /* scratch flag of limit_eras */
  char *label;
} tev;

/* The whole layout state of one chart (lives for one cg_render_timeline_svg call). */
typedef struct tl {
  const cg_corpus *c;
  const cg_r_theme *th;
  CG_VEC(tev) ev;
  CG_VEC(seg) segs;
  int *lane_of_actor;  /* per actor: lane index or -1 */
  CG_VEC(int) lane_actor; /* per lane: actor index, -1 for the shared lane */
  double *lane_y, *lane_h;
  CG_VEC(const char *) classes; /* sorted distinct class names */
  size_t ndated;  /* dated events in the corpus (t->ev holds at most max_events) */
  double now_day;
  double W, H;
  Agraph_t *g;
  size_t nid; /* synthetic id counter for decoration nodes */
} tl;

/* Cuts the time span of t->ev into segments (long empty gaps become axis breaks) and
 * gives each a width inside [plot_x0, plot_x1]. Fills t->segs. */
void cg_tl_build_segments(tl *t, double plot_x0, double plot_x1);

/* x (points) of day d; a day inside a cut gap maps to the middle of its break. */
double cg_tl_x(const tl *t, double d);

/* Draws the axis line, ticks (days .. millennia, chosen by the segment's scale),
 * grid lines from y_top and tick labels of one segment. */
void cg_tl_draw_axis(tl *t, const seg *s, double y_axis, double y_top);

/* Pinned Graphviz nodes at screen position (x, y) (y downwards), w x h points.
 * cg_tl_put names the node prefix+id; boxes and texts get synthetic "d<N>" names.
 * Text is escaped here (cg_esc_dot_label); align 0 = left at x, 1 = centred, 2 = right. */
Agnode_t *cg_tl_put_named(tl *t, const char *name, double x, double y, double w, double h);
Agnode_t *cg_tl_put(tl *t, const char *prefix, size_t id, double x, double y, double w, double h);
Agnode_t *cg_tl_put_box(tl *t, double x0, double y0, double x1, double y1, const char *fill,
                        const char *cls);
Agnode_t *cg_tl_put_text(tl *t, const char *text, double x, double y, double pt, int align,
                         const char *color, const char *cls);

#endif
