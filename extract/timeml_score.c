/* TempEval-3 scoring of TIMEX3 extents, types and values, and the MEANTIME reader. */
#include "timeml_score.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void quote(cg_buf *b, const char *text, const cg_timex *x) {
  cg_buf_putc(b, '"');
  for (size_t i = x->start; i < x->end; i++) cg_buf_putc(b, text[i] == '\n' ? ' ' : text[i]);
  cg_buf_putc(b, '"');
}

static void line(cg_buf *b, const char *what, const char *name, const char *text,
                 const cg_timex *x) {
  cg_buf_printf(b, "%-6s %s: ", what, name);
  quote(b, text, x);
  cg_buf_printf(b, " %s %s%s%s\n", cg_timex_type_name(x->type), x->value, x->mod[0] ? " " : "",
                x->mod);
}

static bool overlap(const cg_timex *a, const cg_timex *b) {
  return a->start < b->end && b->start < a->end;
}

/* See timeml_score.h. */
void cg_tscore_add(cg_tscore *s, const char *name, const char *text, const cg_timex *gold,
                   size_t ng, const cg_timex *sys, size_t ns, cg_buf *verbose) {
  s->ndocs++;
  s->ngold += ng;
  s->nsys += ns;
  for (size_t i = 0; i < ng; i++) s->ty_gold[gold[i].type & 3]++;
  for (size_t i = 0; i < ns; i++) s->ty_sys[sys[i].type & 3]++;
  /* any-overlap counts for precision and recall (both lists sorted, linear merge) */
  for (size_t i = 0, j = 0; i < ng; i++) {
    while (j < ns && sys[j].end <= gold[i].start) j++;
    bool hit = false;
    for (size_t k = j; k < ns && sys[k].start < gold[i].end; k++) hit |= overlap(&gold[i], &sys[k]);
    if (hit) s->rel_gold++;
    else if (verbose) line(verbose, "MISS", name, text, &gold[i]);
  }
  for (size_t i = 0, j = 0; i < ns; i++) {
    while (j < ng && gold[j].end <= sys[i].start) j++;
    bool hit = false;
    for (size_t k = j; k < ng && gold[k].start < sys[i].end; k++) hit |= overlap(&sys[i], &gold[k]);
    if (hit) s->rel_sys++;
    else if (verbose) line(verbose, "EXTRA", name, text, &sys[i]);
  }
  /* one-to-one pairs in text order for attributes */
  size_t j = 0;
  for (size_t i = 0; i < ng; i++) {
    while (j < ns && sys[j].end <= gold[i].start) j++;
    if (j >= ns || !overlap(&gold[i], &sys[j])) continue;
    const cg_timex *g = &gold[i], *y = &sys[j];
    int t = g->type & 3;
    s->pairs++;
    s->ty_pairs[t]++;
    bool strict = g->start == y->start && g->end == y->end;
    if (strict) { s->strict++; s->ty_strict[t]++; }
    if (g->type == y->type) s->type_ok++;
    if (!strcmp(g->value, y->value)) { s->value_ok++; s->ty_value_ok[t]++; }
    if (!strcmp(g->mod, y->mod)) s->mod_ok++;
    if (verbose) {
      if (!strict) {
        cg_buf_printf(verbose, "EXTENT %s: gold ", name);
        quote(verbose, text, g);
        cg_buf_puts(verbose, " sys ");
        quote(verbose, text, y);
        cg_buf_putc(verbose, '\n');
      }
      if (g->type != y->type || strcmp(g->value, y->value)) {
        cg_buf_printf(verbose, "%-6s %s: ", g->type != y->type ? "TYPE" : "VALUE", name);
        quote(verbose, text, g);
        cg_buf_printf(verbose, " gold %s %s sys %s %s\n", cg_timex_type_name(g->type), g->value,
                      cg_timex_type_name(y->type), y->value);
      }
    }
    j++;
  }
}

static double pct(size_t a, size_t b) { return b ? 100.0 * (double)a / (double)b : 0.0; }
static double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

/* See timeml_score.h. */
cg_tscore_f1 cg_tscore_figures(const cg_tscore *s) {
  cg_tscore_f1 f;
  f.relaxed_p = pct(s->rel_sys, s->nsys);
  f.relaxed_r = pct(s->rel_gold, s->ngold);
  f.relaxed_f1 = f1(f.relaxed_p, f.relaxed_r);
  f.strict_p = pct(s->strict, s->nsys);
  f.strict_r = pct(s->strict, s->ngold);
  f.strict_f1 = f1(f.strict_p, f.strict_r);
  f.type_acc = pct(s->type_ok, s->pairs);
  f.value_acc = pct(s->value_ok, s->pairs);
  f.type_f1 = f.type_acc * f.relaxed_f1 / 100.0;
  f.value_f1 = f.value_acc * f.relaxed_f1 / 100.0;
  return f;
}

/* See timeml_score.h. */
void cg_tscore_report(const cg_tscore *s, bool per_type, cg_buf *out) {
  cg_tscore_f1 f = cg_tscore_figures(s);
  cg_buf_printf(out, "documents %zu, gold timexes %zu, system timexes %zu\n", s->ndocs,
                s->ngold, s->nsys);
  cg_buf_printf(out, "%-10s %7s %7s %7s\n", "", "P", "R", "F1");
  cg_buf_printf(out, "%-10s %7.2f %7.2f %7.2f\n", "strict", f.strict_p, f.strict_r, f.strict_f1);
  cg_buf_printf(out, "%-10s %7.2f %7.2f %7.2f\n", "relaxed", f.relaxed_p, f.relaxed_r, f.relaxed_f1);
  cg_buf_printf(out, "%-10s %7s %7s %7s\n", "attribute", "acc", "F1", "");
  cg_buf_printf(out, "%-10s %7.2f %7.2f\n", "type", f.type_acc, f.type_f1);
  cg_buf_printf(out, "%-10s %7.2f %7.2f\n", "value", f.value_acc, f.value_f1);
  cg_buf_printf(out, "%-10s %7.2f\n", "mod", pct(s->mod_ok, s->pairs));
  if (!per_type) return;
  cg_buf_printf(out, "\nper gold type  %6s %6s %8s %8s %9s\n", "gold", "sys", "recall", "strict", "value-acc");
  for (int t = 0; t < 4; t++)
    cg_buf_printf(out, "%-14s %6zu %6zu %8.2f %8.2f %9.2f\n", cg_timex_type_name((cg_timex_type)t),
                  s->ty_gold[t], s->ty_sys[t], pct(s->ty_pairs[t], s->ty_gold[t]),
                  pct(s->ty_strict[t], s->ty_gold[t]), pct(s->ty_value_ok[t], s->ty_pairs[t]));
}

/* ---------------------------------------------------------------- MEANTIME */

static char *prop(xmlNode *n, const char *name) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
  char *s = v ? cg_xstrdup((const char *)v) : NULL;
  xmlFree(v);
  return s;
}

static int cmp_start(const void *a, const void *b) {
  const cg_timex *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* See timeml_score.h. */
cg_status cg_meantime_parse(const char *path, cg_doc **out, cg_timex_vec *gold,
                            size_t *annotated_end, cg_error *err) {
  *out = NULL;
  size_t region_end = 0;
  xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) return cg_error_set(err, CG_EINPUT, path, 0, 0, -1, "not well-formed XML");
  xmlNode *root = xmlDocGetRootElement(doc);
  /* tokens: t_id -> [start, end) */
  CG_VEC(size_t) tstart = {0}, tend = {0};
  cg_buf text = {0};
  long last_sent = -1;
  for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "token")) continue;
    char *tid = prop(n, "t_id"), *sent = prop(n, "sentence");
    long id = tid ? strtol(tid, NULL, 10) : -1, sn = sent ? strtol(sent, NULL, 10) : 0;
    free(tid);
    free(sent);
    if (id < 0 || id > 1000000) continue;
    if (text.len) cg_buf_putc(&text, sn != last_sent ? '\n' : ' ');
    last_sent = sn;
    xmlChar *c = xmlNodeGetContent(n);
    while (tstart.len <= (size_t)id) { CG_VEC_PUSH(&tstart, 0); CG_VEC_PUSH(&tend, 0); }
    tstart.items[id] = text.len;
    cg_buf_puts(&text, c ? (const char *)c : "");
    tend.items[id] = text.len;
    if (sn <= CG_MEANTIME_LAST_SENT) region_end = text.len;
    xmlFree(c);
  }
  cg_doc *d = cg_doc_new();
  d->source = cg_xstrdup(path);
  char *docid = root ? prop(root, "doc_id") : NULL;
  d->id = docid ? docid : cg_xstrdup(path);
  for (xmlNode *m = root ? root->children : NULL; m; m = m->next) {
    if (m->type != XML_ELEMENT_NODE || strcmp((const char *)m->name, "Markables")) continue;
    for (xmlNode *x = m->children; x; x = x->next) {
      if (x->type != XML_ELEMENT_NODE || strcmp((const char *)x->name, "TIMEX3")) continue;
      char *type = prop(x, "type"), *value = prop(x, "value"), *fn = prop(x, "functionInDocument"),
           *mod = prop(x, "mod");
      size_t s = SIZE_MAX, e = 0;
      for (xmlNode *a = x->children; a; a = a->next) {
        if (a->type != XML_ELEMENT_NODE || strcmp((const char *)a->name, "token_anchor")) continue;
        char *tid = prop(a, "t_id");
        long id = tid ? strtol(tid, NULL, 10) : -1;
        free(tid);
        if (id < 0 || (size_t)id >= tstart.len) continue;
        if (tstart.items[id] < s) s = tstart.items[id];
        if (tend.items[id] > e) e = tend.items[id];
      }
      if (fn && !strcmp(fn, "CREATION_TIME") && value && !d->dct && cg_parse_iso_day(value) != CG_NO_DAY) {
        char iso[16];
        cg_format_day(cg_parse_iso_day(value), iso, sizeof iso);
        d->dct = cg_xstrdup(iso);
        d->dct_source = CG_DCT_META;
      }
      if (s < e && gold) {
        cg_timex g;
        memset(&g, 0, sizeof g);
        g.start = s;
        g.end = e;
        g.type = type && !strcmp(type, "TIME") ? CG_TX_TIME : type && !strcmp(type, "DURATION") ? CG_TX_DURATION
                 : type && !strcmp(type, "SET") ? CG_TX_SET : CG_TX_DATE;
        snprintf(g.value, sizeof g.value, "%s", value ? value : "");
        snprintf(g.mod, sizeof g.mod, "%s", mod ? mod : "");
        CG_VEC_PUSH(gold, g);
      }
      free(type); free(value); free(fn); free(mod);
    }
  }
  xmlFreeDoc(doc);
  free(tstart.items);
  free(tend.items);
  if (gold && gold->len) qsort(gold->items, gold->len, sizeof *gold->items, cmp_start);
  if (!text.data) cg_buf_puts(&text, "");
  d->len = text.len;
  d->text = cg_buf_detach(&text);
  if (annotated_end) *annotated_end = region_end;
  *out = d;
  return CG_OK;
}
