/*
 * The HTML report (render.h: cg_render_report_html): one self-contained file, with
 * no script, no web font and no external URL. It embeds the timeline and actor SVGs
 * inline and carries an event table (date, class, trigger, participants with roles,
 * provenance: the sentence with its trigger marked, document and source), an actor
 * table (aliases, kind, metrics) and the list of documents. A Content-Security-Policy
 * meta tag forbids scripts and remote loads as a second line of defence; all news
 * text goes through cg_esc_html.
 */
#include "rcommon.h"

#include "escape.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void css(cg_buf *b, const cg_r_theme *th) {
  cg_buf_printf(b,
      "body{margin:0;padding:24px 32px;background:%s;color:%s;"
      "font:14px/1.45 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif}"
      "h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;"
      "border-bottom:1px solid %s;padding-bottom:4px}"
      ".meta{color:%s;margin:0 0 16px}"
      ".figure{overflow-x:auto;border:1px solid %s;border-radius:6px;padding:8px;background:%s}"
      ".figure svg{max-width:100%%;height:auto;display:block;margin:0 auto}"
      /* The timeline keeps a readable size and scrolls sideways; the rtl container
       * opens it at its right end, the most recent events (no script needed). */
      "#timeline .figure{direction:rtl}"
      "#timeline .figure svg{max-width:none;margin:0 auto 0 0;direction:ltr}"
      /* ...and its lane labels stay in view: a copy of the label column is frozen over
       * its left edge (where it covers the chart's own labels exactly when scrolled to
       * the start). Transparent outside the lanes, and only the labels take the mouse. */
      "#timeline .tl-wrap{position:relative}"
      /* left:1px and an 8px border of the page colour: the chart also scrolls under
       * its box's padding */
      ".tl-lanes{position:absolute;left:1px;top:9px;border-left:8px solid %s;"
      "pointer-events:none}"
      ".tl-lanes svg{display:block}.tl-lanes .lane-label{pointer-events:auto}"
      "table{border-collapse:collapse;width:100%%;font-size:13px}"
      "th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid %s}"
      "th{position:sticky;top:0;background:%s;font-weight:600}"
      "td.num{text-align:right;font-variant-numeric:tabular-nums}"
      "td.date{white-space:nowrap}.role{color:%s;font-size:12px}"
      "blockquote{margin:0;font-style:italic}mark{background:%s;color:inherit;padding:0 2px}"
      ".src{color:%s;font-size:12px}.cap-note{color:%s;font-style:italic;margin:4px 0 8px}.cls{display:inline-block;width:9px;height:9px;"
      "border-radius:50%%;margin-right:6px}",
      th->bg, th->fg, th->grid, th->muted, th->grid, th->bg, th->bg, th->grid, th->lane_b, th->muted,
      th->era, th->muted, th->muted);
}

static void esc_n(cg_buf *b, const char *s, size_t n) {
  char *t = cg_xstrndup(s, n);
  cg_esc_html(b, t);
  free(t);
}

/* The sentence with the trigger in <mark>, when its offsets fall inside. */
static void provenance(cg_buf *b, const cg_corpus *c, const cg_emention *m) {
  const cg_csent *st = cg_emention_sentence(c, m);
  const char *s = st && st->text ? st->text : "";
  size_t len = strlen(s);
  cg_buf_puts(b, "<blockquote>");
  if (st && m->trig_start >= st->start && m->trig_end > m->trig_start &&
      m->trig_end - st->start <= len) {
    size_t a = m->trig_start - st->start, z = m->trig_end - st->start;
    esc_n(b, s, a);
    cg_buf_puts(b, "<mark>");
    esc_n(b, s + a, z - a);
    cg_buf_puts(b, "</mark>");
    cg_esc_html(b, s + z);
  } else {
    cg_esc_html(b, s);
  }
  cg_buf_puts(b, "</blockquote><div class=\"src\">");
  if (m->doc < c->docs.len) {
    const cg_cdoc *d = &c->docs.items[m->doc];
    cg_esc_html(b, d->title ? d->title : d->id);
    if (d->dct) {
      cg_buf_puts(b, " \xC2\xB7 ");
      cg_esc_html(b, d->dct);
    }
    if (d->source) {
      cg_buf_puts(b, " \xC2\xB7 ");
      cg_esc_html(b, d->source);
    }
  }
  cg_buf_puts(b, "</div>");
}

static int cmp_cstr(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "<p class="note cap-note">Showing N of M WHAT (WHY).</p>" when a table is bounded. */
static void cap_note(cg_buf *b, size_t shown, size_t total, const char *what, const char *why) {
  if (shown >= total) return;
  cg_buf_puts(b, "<p class=\"note cap-note\">Showing ");
  cg_r_count(b, shown);
  cg_buf_puts(b, " of ");
  cg_r_count(b, total);
  cg_buf_printf(b, " %s (%s).</p>\n", what, why);
}

/* The event table: the selected events (sel, corpus = date order). */
static void event_table(cg_buf *b, const cg_corpus *c, const cg_r_theme *th, const uint32_t *sel,
                        size_t nsel, size_t max_events) {
  /* class colours follow the timeline legend: the classes of the events it draws */
  uint32_t *drawn = NULL;
  size_t ndrawn = cg_r_select_events(c, max_events, true, &drawn, NULL);
  const char **clsv = NULL;
  size_t ncls = cg_r_event_classes(c, drawn, ndrawn, &clsv);
  free(drawn);
  struct { const char **items; size_t len; } cls = {clsv, ncls};

  cap_note(b, nsel, c->events.len, "events",
           "the most significant: most mentions, then participants, then confidence; in date order");
  cg_buf_puts(b, "<table class=\"events\"><thead><tr><th>Date</th><th>Class</th><th>Trigger</th>"
                 "<th>Participants</th><th>Provenance</th><th>Conf.</th></tr></thead><tbody>\n");
  for (size_t si = 0; si < nsel; si++) {
    const cg_cevent *e = &c->events.items[sel[si]];
    cg_buf_puts(b, "<tr id=\"");
    cg_r_css_ident(b, e->id);
    cg_buf_puts(b, "\"><td class=\"date\">");
    cg_buf db = {0};
    cg_r_event_date(&db, e);
    cg_esc_html(b, db.data);
    cg_buf_free(&db);
    if (e->dated && e->value[0]) {
      cg_buf_puts(b, "<div class=\"src\">");
      cg_esc_html(b, e->value);
      if (e->mod[0]) {
        cg_buf_puts(b, " ");
        cg_esc_html(b, e->mod);
      }
      cg_buf_puts(b, "</div>");
    }
    cg_buf_puts(b, "</td><td>");
    const char *k = e->cls ? e->cls : "";
    const char **hit = cls.len ? bsearch(&k, cls.items, cls.len, sizeof(char *), cmp_cstr) : NULL;
    if (hit)
      cg_buf_printf(b, "<span class=\"cls\" style=\"background:%s\"></span>",
                    cg_r_color(th, (size_t)(hit - cls.items)));
    cg_esc_html(b, k);
    cg_buf_puts(b, "</td><td>");
    cg_esc_html(b, e->mentions.len && e->mentions.items[0].trigger ? e->mentions.items[0].trigger
                                                                    : e->lemma);
    cg_buf_puts(b, "<div class=\"src\">");
    cg_esc_html(b, e->lemma);
    cg_buf_puts(b, "</div></td><td>");
    for (size_t p = 0; p < e->parts.len; p++) {
      if (e->parts.items[p].actor >= c->actors.len) continue;
      cg_esc_html(b, c->actors.items[e->parts.items[p].actor].name);
      cg_buf_printf(b, " <span class=\"role\">%s</span><br>", cg_role_name(e->parts.items[p].role));
    }
    cg_buf_puts(b, "</td><td>");
    if (e->mentions.len) provenance(b, c, &e->mentions.items[0]);
    if (e->mentions.len > 1)
      cg_buf_printf(b, "<div class=\"src\">+%zu more mention%s</div>", e->mentions.len - 1,
                    e->mentions.len == 2 ? "" : "s");
    cg_buf_printf(b, "</td><td class=\"num\">%.2f</td></tr>\n",
                  isfinite(e->confidence) ? e->confidence : 0.0);
  }
  cg_buf_puts(b, "</tbody></table>\n");
  free(clsv);
}

typedef struct arank {
  size_t idx;
  double pr;
} arank;

static int cmp_arank(const void *x, const void *y) {
  const arank *a = x, *b = y;
  if (a->pr != b->pr) return a->pr > b->pr ? -1 : 1;
  return (a->idx > b->idx) - (a->idx < b->idx);
}

static void actor_table(cg_buf *b, const cg_corpus *c, const cg_r_theme *th, size_t keep) {
  arank *r = cg_xcalloc(c->actors.len ? c->actors.len : 1, sizeof(arank));
  for (size_t i = 0; i < c->actors.len; i++) r[i] = (arank){i, c->actors.items[i].pagerank};
  if (c->actors.len) qsort(r, c->actors.len, sizeof(arank), cmp_arank);
  cap_note(b, keep, c->actors.len, "actors", "highest PageRank first");
  cg_buf_puts(b, "<table class=\"actors\"><thead><tr><th>Actor</th><th>Kind</th><th>Aliases</th>"
                 "<th>Mentions</th><th>Degree</th><th>Strength</th><th>PageRank</th>"
                 "<th>Betweenness</th><th>Community</th><th>Component</th></tr></thead><tbody>\n");
  for (size_t k = 0; k < keep && k < c->actors.len; k++) {
    const cg_cactor *a = &c->actors.items[r[k].idx];
    cg_buf_puts(b, "<tr id=\"");
    cg_r_css_ident(b, a->id);
    cg_buf_printf(b, "\"><td><span class=\"cls\" style=\"background:%s\"></span>",
                  cg_r_color(th, a->community >= 0 && a->community < 9 ? (size_t)a->community : 9));
    cg_esc_html(b, a->name);
    if (a->affiliation >= 0 && (size_t)a->affiliation < c->actors.len) {
      cg_buf_puts(b, "<div class=\"src\">of ");
      cg_esc_html(b, c->actors.items[a->affiliation].name);
      cg_buf_puts(b, "</div>");
    }
    cg_buf_printf(b, "</td><td>%s</td><td>", cg_actor_kind_name(a->kind));
    for (size_t j = 0; j < a->aliases.len; j++) {
      if (j) cg_buf_puts(b, ", ");
      cg_esc_html(b, a->aliases.items[j]);
    }
    cg_buf_printf(b,
                  "</td><td class=\"num\">%zu</td><td class=\"num\">%.0f</td>"
                  "<td class=\"num\">%.0f</td><td class=\"num\">%.4f</td>"
                  "<td class=\"num\">%.1f</td><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>\n",
                  a->mentions.len, a->degree, a->strength, a->pagerank, a->betweenness, a->community,
                  a->component);
  }
  cg_buf_puts(b, "</tbody></table>\n");
  free(r);
}

/* The documents: all of them, or when there are more than max (0 = no bound) those
 * the shown events cite (their first telling), in corpus order. */
static void doc_table(cg_buf *b, const cg_corpus *c, const uint32_t *sel, size_t nsel, size_t max) {
  bool *cited = NULL;
  size_t shown = c->docs.len;
  if (max && c->docs.len > max) {
    cited = cg_xcalloc(c->docs.len, sizeof(bool));
    shown = 0;
    for (size_t k = 0; k < nsel; k++) {
      const cg_cevent *e = &c->events.items[sel[k]];
      uint32_t d = e->mentions.len ? e->mentions.items[0].doc : UINT32_MAX;
      if (d < c->docs.len && !cited[d]) cited[d] = true, shown++;
    }
  }
  cap_note(b, shown, c->docs.len, "documents", "those the events above cite");
  cg_buf_puts(b, "<table class=\"docs\"><thead><tr><th>Document</th><th>Published</th>"
                 "<th>Source</th></tr></thead><tbody>\n");
  for (size_t i = 0; i < c->docs.len; i++) {
    if (cited && !cited[i]) continue;
    const cg_cdoc *d = &c->docs.items[i];
    cg_buf_puts(b, "<tr><td>");
    cg_esc_html(b, d->title ? d->title : d->id);
    cg_buf_puts(b, "<div class=\"src\">");
    cg_esc_html(b, d->id);
    cg_buf_puts(b, "</div></td><td class=\"date\">");
    cg_esc_html(b, d->dct ? d->dct : "unknown");
    if (d->dct_source) {
      cg_buf_puts(b, " <span class=\"role\">");
      cg_esc_html(b, d->dct_source);
      cg_buf_puts(b, "</span>");
    }
    /* URLs are shown as text, never as links: the report makes no outside reference */
    cg_buf_puts(b, "</td><td>");
    cg_esc_html(b, d->source);
    if (d->url) {
      cg_buf_puts(b, "<div class=\"src\">");
      cg_esc_html(b, d->url);
      cg_buf_puts(b, "</div>");
    }
    cg_buf_puts(b, "</td></tr>\n");
  }
  cg_buf_puts(b, "</tbody></table>\n");
  free(cited);
}

/* Appends the whole HTML document to out. n may be NULL (no actor graph edges). */
cg_status cg_render_report_html(const cg_corpus *c, const cg_network *n, const cg_render_opts *opts,
                                cg_buf *out, cg_error *err) {
  if (!c || !out) return cg_error_set(err, CG_EUSAGE, NULL, 0, 0, -1, "no corpus");
  cg_render_opts def = cg_render_opts_default();
  const cg_render_opts *o = opts ? opts : &def;
  const cg_r_theme *th = cg_r_theme_get(o->theme);
  const char *title = o->title && *o->title ? o->title : "chronograph report";
  cg_render_opts sub = *o;
  sub.title = NULL; /* the page carries the title */
  cg_render_ctx *own = NULL; /* two charts: they must share one Graphviz context */
  if (!sub.ctx) {
    own = sub.ctx = cg_render_ctx_new();
    if (!own) return cg_error_set(err, CG_ELIB, NULL, 0, 0, -1, "graphviz: no context");
  }
  cg_buf tl = {0}, ac = {0}, lanes = {0};
  cg_status st = cg_r_timeline_svg(c, &sub, &tl, &lanes, err);
  if (st == CG_OK) st = cg_render_actors_svg(c, n, &sub, &ac, err);
  cg_render_ctx_free(own);
  if (st != CG_OK) {
    cg_buf_free(&tl);
    cg_buf_free(&ac);
    cg_buf_free(&lanes);
    return st;
  }
  size_t dated = 0;
  for (size_t i = 0; i < c->events.len; i++) dated += c->events.items[i].dated;

  cg_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src 'unsafe-inline'; img-src data:\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"generator\" content=\"chronograph\">\n<title>");
  cg_esc_html(out, title);
  cg_buf_puts(out, "</title>\n<style>");
  css(out, th);
  cg_buf_printf(out, "</style></head>\n<body class=\"theme-%s\">\n<header><h1>", th->name);
  cg_esc_html(out, title);
  cg_buf_printf(out,
                "</h1><p class=\"meta\">%zu document%s \xC2\xB7 %zu event%s (%zu dated) \xC2\xB7 "
                "%zu actor%s</p></header>\n",
                c->docs.len, c->docs.len == 1 ? "" : "s", c->events.len,
                c->events.len == 1 ? "" : "s", dated, c->actors.len, c->actors.len == 1 ? "" : "s");
  cg_buf_puts(out, "<section id=\"timeline\"><h2>Timeline</h2><div class=\"tl-wrap\">"
                   "<div class=\"figure\">\n");
  cg_buf_append(out, tl.data ? tl.data : "", tl.len);
  cg_buf_puts(out, "</div>");
  if (lanes.len) {
    cg_buf_puts(out, "<div class=\"tl-lanes\">");
    cg_buf_append(out, lanes.data, lanes.len);
    cg_buf_puts(out, "</div>");
  }
  cg_buf_free(&lanes);
  cg_buf_puts(out, "</div></section>\n<section id=\"actor-graph\"><h2>Actor network</h2>");
  cap_note(out, cg_r_actor_cap(c, o), c->actors.len, "actors",
           "the most central by PageRank; actors without a link among them are left out");
  cg_buf_puts(out, "<div class=\"figure\">\n");
  cg_buf_append(out, ac.data ? ac.data : "", ac.len);
  cg_buf_puts(out, "</div></section>\n<section id=\"events\"><h2>Events</h2>\n");
  size_t max_ev = o->max_events > 0 ? (size_t)o->max_events : 0;
  uint32_t *sel = NULL;
  size_t nsel = cg_r_select_events(c, max_ev, false, &sel, NULL);
  event_table(out, c, th, sel, nsel, max_ev);
  cg_buf_puts(out, "</section>\n<section id=\"actors\"><h2>Actors</h2>\n");
  actor_table(out, c, th, cg_r_actor_cap(c, o));
  cg_buf_puts(out, "</section>\n<section id=\"documents\"><h2>Documents</h2>\n");
  doc_table(out, c, sel, nsel, max_ev);
  free(sel);
  cg_buf_puts(out, "</section>\n</body></html>\n");
  cg_buf_free(&tl);
  cg_buf_free(&ac);
  return CG_OK;
}
