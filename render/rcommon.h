/*
 * Helpers shared by the renderers (internal to render/): themes and palettes, the
 * main actor of an event, human-readable dates, CSS identifiers, and the one path
 * from a cgraph graph to an embeddable SVG (cg_r_gv_svg).
 *
 * Graphviz headers stay out of this header (their macros pollute): graphs are passed
 * as void * (an Agraph_t *).
 */
#ifndef CG_RCOMMON_H
#define CG_RCOMMON_H

#include "render.h"

typedef struct cg_r_theme {
  const char *name;                    /* "light", "dark", "print" */
  const char *bg, *fg, *muted, *grid;  /* background, text, secondary text, grid lines */
  const char *lane_a, *lane_b;         /* alternating lane backgrounds */
  const char *era, *brk, *edge;        /* era band fill (with alpha), axis break, edges */
  const char *const *palette;          /* 10 colours, "#rrggbb" */
} cg_r_theme;

/* The theme table entry for t (static, borrowed). */
const cg_r_theme *cg_r_theme_get(cg_theme t);

/* Colour i of the theme palette (wraps around). Borrowed, static. */
const char *cg_r_color(const cg_r_theme *th, size_t i);

/* Main participant of an event (cg_cevent_main_actor), checked against the actor
 * array; -1 when none. */
int cg_r_main_actor(const cg_corpus *c, const cg_cevent *e);

/* Appends a CSS-safe identifier made of s: [a-z0-9_-], other bytes become '-'. */
void cg_r_css_ident(cg_buf *out, const char *s);

/* Appends a human-readable date of the event ("18 Mar 2014", "Mar 2014", "2014",
 * "2010s", "c. 2014" for APPROX, "before 2014" ...), or "undated". */
void cg_r_event_date(cg_buf *out, const cg_cevent *e);

/* Appends "18 Mar 2014"-style text for day z at granularity g (year, month or day). */
void cg_r_day_label(cg_buf *out, int64_t z, cg_gran g);

/* Appends the tooltip text of an event: date, lemma and class, participants with
 * roles, the first sentence and its source. Raw text; escape it for the output. */
void cg_r_event_tooltip(cg_buf *out, const cg_corpus *c, const cg_cevent *e);

/* Sets attribute name of a cgraph object (graph, node, edge) to value (copied),
 * declaring it with default "" when new. value is used verbatim: escape news text
 * first (cg_esc_dot_label). */
void cg_r_set(void *obj, const char *name, const char *value);
void cg_r_setf(void *obj, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Title callback of cg_r_gv_svg: returns the tooltip text (raw, UTF-8; cleaned and
 * escaped by the caller) for the node or edge named name, or NULL to leave it empty.
 * scratch is an empty buffer the callback may fill and return data of. */
typedef const char *(*cg_r_title_fn)(void *ud, const char *name, cg_buf *scratch);

/* Lays out graph (an Agraph_t *) with engine ("nop", "neato", "sfdp", ...), renders
 * SVG and appends to out the <svg> element only (no XML prolog, DOCTYPE or comments),
 * with every node/edge <title> replaced by title(ud, name) through libxml2 (so news
 * text is escaped by one serializer), css injected as a <style> element, and
 * root_class added to the root's class attribute.
 *
 * ctx is the caller's Graphviz context (see cg_render_ctx in render.h); when NULL a
 * context is created for this call and freed before returning. The layout is freed
 * before returning, so the caller only agclose()s the graph. Not thread-safe
 * (Graphviz is not). */
cg_status cg_r_gv_svg(cg_render_ctx *ctx, void *graph, const char *engine, cg_r_title_fn title,
                      void *ud, const char *css, const char *root_class, cg_buf *out,
                      cg_error *err);

/* cg_render_timeline_svg, and when lanes is not NULL also appends to it the lane label
 * column as a small SVG of its own (the chart's left LEFT_W points over the lanes' band,
 * at the chart's scale), which the report freezes over the scrolling chart. */
cg_status cg_r_timeline_svg(const cg_corpus *c, const cg_render_opts *o, cg_buf *out,
                            cg_buf *lanes, cg_error *err);

/* True when the event has a usable date interval (the timeline can place it). */
bool cg_r_event_drawable(const cg_cevent *e);

/* Chooses the events a bounded rendering shows: all of them (dated ones only when
 * dated_only) when they are at most max (0 = no bound), else the max most significant:
 * most mentions (documents telling it), then most participants, then highest
 * confidence, then earliest in corpus order. *out receives the indices in corpus
 * (date) order; caller frees it with free(). *total (may be NULL) receives the count
 * of candidates. Returns the number selected. O(n log max) time, O(max) memory. */
size_t cg_r_select_events(const cg_corpus *c, size_t max, bool dated_only, uint32_t **out,
                          size_t *total);

/* Sorted distinct class names of the events sel[0..n) (the timeline legend, whose
 * colours the report's table reuses). *out is borrowed strings in an array the
 * caller frees with free(). Returns the count. */
size_t cg_r_event_classes(const cg_corpus *c, const uint32_t *sel, size_t n, const char ***out);

/* How many actors the actor chart and table keep: o->top when set, else all up to
 * CG_RENDER_MAX_ACTORS. */
size_t cg_r_actor_cap(const cg_corpus *c, const cg_render_opts *o);

/* Appends n with thousands separators ("200,169"). */
void cg_r_count(cg_buf *out, size_t n);

/* Estimated width in points of text at font size pt (Helvetica-like metrics). */
double cg_r_text_width(const char *s, double pt);

#endif
