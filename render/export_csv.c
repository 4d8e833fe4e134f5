/*
 * CSV exports (render.h: cg_export_csv_events, cg_export_csv_actors): RFC 4180
 * with CRLF line ends, a header row, and every cell through cg_esc_csv (quoting,
 * formula neutralisation). Multi-valued cells are joined with "; ".
 */
#include "rcommon.h"

#include "escape.h"

#include <math.h>
#include <string.h>

static void cell(cg_buf *b, const char *s, bool last) {
  cg_esc_csv(b, s ? s : "");
  cg_buf_puts(b, last ? "\r\n" : ",");
}

static void cellf(cg_buf *b, const char *fmt, double v, bool last) {
  char num[64];
  snprintf(num, sizeof num, fmt, isfinite(v) ? v : 0.0);
  cell(b, num, last);
}

/* Appends one row per event: id, date (earliest/latest), value, mod, granularity,
 * class, lemma, trigger, participants (name:role; ...), confidence, mentions,
 * document, source, sentence. */
cg_status cg_export_csv_events(const cg_corpus *c, cg_buf *out, cg_error *err) {
  if (!c || !out) return cg_error_set(err, CG_EUSAGE, NULL, 0, 0, -1, "no corpus");
  cg_buf_puts(out, "id,earliest,latest,value,mod,granularity,class,lemma,trigger,participants,"
                   "confidence,mentions,document,source,sentence\r\n");
  for (size_t i = 0; i < c->events.len; i++) {
    const cg_cevent *e = &c->events.items[i];
    char d0[32] = "", d1[32] = "";
    if (e->dated && e->date.valid) {
      cg_format_day(e->date.earliest, d0, sizeof d0);
      cg_format_day(e->date.latest, d1, sizeof d1);
    }
    cell(out, e->id, false);
    cell(out, d0, false);
    cell(out, d1, false);
    cell(out, e->dated ? e->value : "", false);
    cell(out, e->mod, false);
    cell(out, e->dated ? cg_gran_name(e->date.gran) : "", false);
    cell(out, e->cls, false);
    cell(out, e->lemma, false);
    const cg_emention *m = e->mentions.len ? &e->mentions.items[0] : NULL;
    cell(out, m ? m->trigger : "", false);
    cg_buf parts = {0};
    cg_buf_append(&parts, "", 0);
    for (size_t k = 0; k < e->parts.len; k++) {
      if (e->parts.items[k].actor >= c->actors.len) continue;
      cg_buf_printf(&parts, "%s%s:%s", parts.len ? "; " : "",
                    c->actors.items[e->parts.items[k].actor].name, cg_role_name(e->parts.items[k].role));
    }
    cell(out, parts.data, false);
    cg_buf_free(&parts);
    cellf(out, "%.3f", e->confidence, false);
    cellf(out, "%.0f", (double)e->mentions.len, false);
    const cg_cdoc *d = m && m->doc < c->docs.len ? &c->docs.items[m->doc] : NULL;
    cell(out, d ? d->id : "", false);
    cell(out, d ? d->source : "", false);
    const cg_csent *st = m ? cg_emention_sentence(c, m) : NULL;
    cell(out, st ? st->text : "", true);
  }
  return CG_OK;
}

/* Appends one row per actor: id, name, kind, aliases, mentions and the metrics. */
cg_status cg_export_csv_actors(const cg_corpus *c, cg_buf *out, cg_error *err) {
  if (!c || !out) return cg_error_set(err, CG_EUSAGE, NULL, 0, 0, -1, "no corpus");
  cg_buf_puts(out, "id,name,kind,aliases,affiliation,mentions,degree,strength,pagerank,"
                   "betweenness,community,component\r\n");
  for (size_t i = 0; i < c->actors.len; i++) {
    const cg_cactor *a = &c->actors.items[i];
    cell(out, a->id, false);
    cell(out, a->name, false);
    cell(out, cg_actor_kind_name(a->kind), false);
    cg_buf al = {0};
    cg_buf_append(&al, "", 0);
    for (size_t k = 0; k < a->aliases.len; k++)
      cg_buf_printf(&al, "%s%s", k ? "; " : "", a->aliases.items[k]);
    cell(out, al.data, false);
    cg_buf_free(&al);
    cell(out,
         a->affiliation >= 0 && (size_t)a->affiliation < c->actors.len
             ? c->actors.items[a->affiliation].name
             : "",
         false);
    cellf(out, "%.0f", (double)a->mentions.len, false);
    cellf(out, "%.0f", a->degree, false);
    cellf(out, "%.6g", a->strength, false);
    cellf(out, "%.6f", a->pagerank, false);
    cellf(out, "%.6g", a->betweenness, false);
    cellf(out, "%.0f", (double)a->community, false);
    cellf(out, "%.0f", (double)a->component, true);
  }
  return CG_OK;
}
