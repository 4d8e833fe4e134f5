/*
 * Renderings and exports of a finished corpus (with network metrics when a
 * cg_network was built). Every string from the news goes through the escaping
 * path of its output format (render/escape.h); no output contains scripts, event
 * handlers or external references.
 */
#ifndef CG_RENDER_H
#define CG_RENDER_H

#include "corpus.h"
#include "network.h"

typedef enum cg_theme { CG_THEME_LIGHT = 0, CG_THEME_DARK, CG_THEME_PRINT } cg_theme;

/* A Graphviz context for the renderers. Graphviz 2.42 wants ONE per process: its
 * Pango text-layout plugin keeps (in a static) a pointer into the context's font
 * table, so any context created after another was freed reads freed memory. Create
 * one with cg_render_ctx_new, pass it in cg_render_opts.ctx to every rendering, free
 * it at exit. With ctx == NULL each call makes and frees its own context, which is
 * only safe for ONE Graphviz rendering per process (the CLI commands; report shares
 * one context between its two charts). Single-threaded, like Graphviz itself. */
typedef struct cg_render_ctx cg_render_ctx;
cg_render_ctx *cg_render_ctx_new(void);    /* NULL if Graphviz fails; free with _free */
void cg_render_ctx_free(cg_render_ctx *x); /* NULL ok */

typedef struct cg_render_opts {
  const char *title;   /* chart/report title, or NULL */
  int lanes;           /* timeline: top-N actor lanes (default 6; 0 = one shared lane) */
  cg_theme theme;
  double min_weight;   /* actor graph: drop edges lighter than this (default 1) */
  int top;             /* actor graph: keep the top-N actors by PageRank (0 = all) */
  cg_render_ctx *ctx;  /* Graphviz context to reuse (borrowed), or NULL: see above */
  /* Timeline marks and report event table: at most this many events, the most
   * significant (most mentions, then most participants, then confidence), with a
   * visible "showing N of M" note (default CG_RENDER_MAX_EVENTS; 0 = all). The actor
   * chart and table are bounded the same way by `top` (0 = all up to
   * CG_RENDER_MAX_ACTORS, isolates dropped) and the report's document list lists
   * the documents cited by the events shown when there are more than max_events.
   * Exports (GraphML, GEXF, JSON, CSV, TimelineJS) are data and stay complete. */
  int max_events;
} cg_render_opts;

#define CG_RENDER_MAX_EVENTS 300
#define CG_RENDER_MAX_ACTORS 150

cg_render_opts cg_render_opts_default(void);

/* Each appends its output to out; on error out may hold a partial result. */
cg_status cg_render_timeline_svg(const cg_corpus *c, const cg_render_opts *o, cg_buf *out,
                                 cg_error *err);
cg_status cg_render_actors_svg(const cg_corpus *c, const cg_network *n,
                               const cg_render_opts *o, cg_buf *out, cg_error *err);
cg_status cg_render_report_html(const cg_corpus *c, const cg_network *n,
                                const cg_render_opts *o, cg_buf *out, cg_error *err);

cg_status cg_export_gexf(const cg_corpus *c, const cg_network *n, cg_buf *out, cg_error *err);
cg_status cg_export_dot(const cg_corpus *c, const cg_network *n, cg_buf *out, cg_error *err);
cg_status cg_export_csv_events(const cg_corpus *c, cg_buf *out, cg_error *err);
cg_status cg_export_csv_actors(const cg_corpus *c, cg_buf *out, cg_error *err);
json_t *cg_export_timelinejs(const cg_corpus *c); /* new reference */

#endif
