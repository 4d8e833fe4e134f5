/* Render helpers (render/rcommon.h): themes, dates, tooltips and the Graphviz ->
 * SVG path with libxml2 post-processing. */
#include "rcommon.h"

#include "escape.h"

#include <gvc.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ themes */

/* Colour-blind-safe qualitative palettes (Okabe-Ito / Tol "bright"-like). */
static const char *const palette_light[10] = {"#4477aa", "#ee6677", "#228833", "#ccbb44",
                                               "#66ccee", "#aa3377", "#e07b00", "#6b5b95",
                                               "#009988", "#888888"};
static const char *const palette_dark[10] = {"#77aadd", "#ff8899", "#55cc66", "#eedd66",
                                              "#88ddff", "#dd66aa", "#ffaa44", "#aa99dd",
                                              "#44ccbb", "#bbbbbb"};
static const char *const palette_print[10] = {"#1f3b73", "#b2182b", "#1b7837", "#8c6d00",
                                               "#2166ac", "#762a83", "#b35806", "#4d4d4d",
                                               "#01665e", "#000000"};

static const cg_r_theme themes[3] = {
    {"light", "#ffffff", "#1f2328", "#6a737d", "#e3e6ea", "#f7f8fa", "#eef1f5", "#f2b13c30",
     "#c9ced6", "#9aa4b188", palette_light},
    {"dark", "#16181d", "#e6e8eb", "#9aa3ad", "#30343c", "#1c1f25", "#21252c", "#f2b13c28",
     "#4a505a", "#8a94a188", palette_dark},
    {"print", "#ffffff", "#000000", "#444444", "#bbbbbb", "#ffffff", "#f2f2f2", "#00000014",
     "#888888", "#55555599", palette_print},
};

/* Returns the static theme entry (light for unknown values). */
const cg_r_theme *cg_r_theme_get(cg_theme t) {
  if (t == CG_THEME_DARK) return &themes[1];
  if (t == CG_THEME_PRINT) return &themes[2];
  return &themes[0];
}

/* Returns palette colour i modulo 10 (static). */
const char *cg_r_color(const cg_r_theme *th, size_t i) { return th->palette[i % 10]; }

/* ------------------------------------------------------------ corpus helpers */

/* Returns the main actor index (corpus rule, cg_cevent_main_actor), or -1 when the
 * event has none or the index is out of range. */
int cg_r_main_actor(const cg_corpus *c, const cg_cevent *e) {
  int a = cg_cevent_main_actor(c, e);
  return (a >= 0 && (size_t)a < c->actors.len) ? a : -1;
}

void cg_r_css_ident(cg_buf *out, const char *s) {
  cg_buf_append(out, "", 0);
  for (const char *p = s ? s : ""; *p; p++) {
    char ch = (char)cg_lower((unsigned char)*p);
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
    cg_buf_putc(out, ok ? ch : '-');
  }
}

static const char *const month_abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static void put_year(cg_buf *out, int64_t y) {
  if (y <= 0)
    cg_buf_printf(out, "%lld BC", (long long)(1 - y));
  else
    cg_buf_printf(out, "%lld", (long long)y);
}

void cg_r_day_label(cg_buf *out, int64_t z, cg_gran g) {
  int64_t y;
  unsigned m, d;
  cg_civil_from_days(z, &y, &m, &d);
  if (g >= CG_GRAN_DAY)
    cg_buf_printf(out, "%u %s ", d, month_abbr[m - 1]);
  else if (g >= CG_GRAN_MONTH)
    cg_buf_printf(out, "%s ", month_abbr[m - 1]);
  put_year(out, y);
}

void cg_r_event_date(cg_buf *out, const cg_cevent *e) {
  cg_buf_append(out, "", 0);
  if (!e->dated || !e->date.valid) {
    cg_buf_puts(out, "undated");
    return;
  }
  const char *m = e->mod;
  if (!strcmp(m, "APPROX")) cg_buf_puts(out, "c. ");
  else if (!strcmp(m, "BEFORE") || !strcmp(m, "ON_OR_BEFORE")) cg_buf_puts(out, "before ");
  else if (!strcmp(m, "AFTER") || !strcmp(m, "ON_OR_AFTER")) cg_buf_puts(out, "after ");
  else if (!strcmp(m, "START")) cg_buf_puts(out, "early ");
  else if (!strcmp(m, "MID")) cg_buf_puts(out, "mid-");
  else if (!strcmp(m, "END")) cg_buf_puts(out, "late ");
  int64_t y0, y1;
  unsigned m0, d0, m1, d1;
  cg_civil_from_days(e->date.earliest, &y0, &m0, &d0);
  cg_civil_from_days(e->date.latest, &y1, &m1, &d1);
  switch (e->date.gran) {
  case CG_GRAN_MILLENNIUM:
  case CG_GRAN_CENTURY:
  case CG_GRAN_DECADE:
    put_year(out, y0);
    cg_buf_puts(out, "\xE2\x80\x93"); /* en dash */
    put_year(out, y1);
    break;
  case CG_GRAN_HALF:
  case CG_GRAN_QUARTER:
  case CG_GRAN_SEASON:
  case CG_GRAN_WEEK:
    cg_r_day_label(out, e->date.earliest, e->date.gran == CG_GRAN_WEEK ? CG_GRAN_DAY : CG_GRAN_MONTH);
    cg_buf_puts(out, " \xE2\x80\x93 ");
    cg_r_day_label(out, e->date.latest, e->date.gran == CG_GRAN_WEEK ? CG_GRAN_DAY : CG_GRAN_MONTH);
    break;
  case CG_GRAN_YEAR:
  case CG_GRAN_MONTH:
    cg_r_day_label(out, e->date.earliest, e->date.gran);
    break;
  default:
    cg_r_day_label(out, e->date.earliest, CG_GRAN_DAY);
  }
}

void cg_r_event_tooltip(cg_buf *out, const cg_corpus *c, const cg_cevent *e) {
  cg_r_event_date(out, e);
  cg_buf_printf(out, " \xE2\x80\x94 %s (%s)", e->lemma ? e->lemma : "?", e->cls ? e->cls : "event");
  for (size_t k = 0; k < e->parts.len; k++) {
    const cg_cpart *p = &e->parts.items[k];
    if (p->actor >= c->actors.len) continue;
    cg_buf_puts(out, k ? "; " : "\n");
    cg_buf_printf(out, "%s: %s", cg_role_name(p->role), c->actors.items[p->actor].name);
  }
  if (e->mentions.len) {
    const cg_emention *m = &e->mentions.items[0];
    const cg_csent *st = cg_emention_sentence(c, m);
    char *s = cg_esc_truncate(st ? st->text : "", 300);
    cg_buf_printf(out, "\n\xE2\x80\x9C%s\xE2\x80\x9D", s);
    free(s);
    if (m->doc < c->docs.len) {
      const cg_cdoc *d = &c->docs.items[m->doc];
      cg_buf_printf(out, "\nSource: %s", d->title ? d->title : (d->id ? d->id : ""));
      if (d->source) cg_buf_printf(out, " (%s)", d->source);
      if (d->dct) cg_buf_printf(out, ", %s", d->dct);
    }
    if (e->mentions.len > 1) cg_buf_printf(out, "\n+%zu more mention(s)", e->mentions.len - 1);
  }
}

/* ------------------------------------------------------------ cgraph helpers */

void cg_r_set(void *obj, const char *name, const char *value) {
  /* the 2.42 API takes char *; it copies both strings */
  agsafeset(obj, (char *)name, (char *)value, "");
}

void cg_r_setf(void *obj, const char *name, const char *fmt, ...) {
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  cg_r_set(obj, name, buf);
}

double cg_r_text_width(const char *s, double pt) {
  double w = 0;
  for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
    if ((*p & 0xC0) == 0x80) continue;
    if (*p == ' ' || *p == 'i' || *p == 'l' || *p == 'j' || *p == 't' || *p == 'f' || *p == '.' ||
        *p == ',' || *p == '\'' || *p == 'I' || *p == 'r')
      w += 0.32;
    else if (*p == 'm' || *p == 'w' || *p == 'M' || *p == 'W')
      w += 0.85;
    else if (*p >= 'A' && *p <= 'Z')
      w += 0.68;
    else if (*p >= 0xE0)
      w += 0.9; /* CJK and friends are wide */
    else
      w += 0.56;
  }
  return w * pt;
}

/* ------------------------------------------------------------ SVG post-processing */

static bool has_class(xmlNode *n, const char *cls) {
  xmlChar *v = xmlGetProp(n, BAD_CAST "class");
  bool r = false;
  if (v) {
    size_t l = strlen(cls);
    for (const char *p = (const char *)v; (p = strstr(p, cls)) != NULL; p += l) {
      bool start = p == (const char *)v || p[-1] == ' ';
      bool end = p[l] == '\0' || p[l] == ' ';
      if (start && end) {
        r = true;
        break;
      }
    }
    xmlFree(v);
  }
  return r;
}

static void set_text(xmlNode *n, const char *text) {
  xmlNode *ch = n->children;
  while (ch) {
    xmlNode *next = ch->next;
    xmlUnlinkNode(ch);
    xmlFreeNode(ch);
    ch = next;
  }
  if (text && *text) {
    cg_buf clean = {0};
    cg_esc_clean_lines(&clean, text);
    xmlAddChild(n, xmlNewText(BAD_CAST clean.data));
    cg_buf_free(&clean);
  }
}

typedef struct post_ctx {
  cg_r_title_fn title;
  void *ud;
  cg_buf scratch;
} post_ctx;

static void post_walk(xmlNode *n, post_ctx *pc) {
  xmlNode *ch = n->children;
  while (ch) {
    xmlNode *next = ch->next;
    if (ch->type == XML_COMMENT_NODE) {
      xmlUnlinkNode(ch);
      xmlFreeNode(ch);
    } else if (ch->type == XML_ELEMENT_NODE) {
      if (!strcmp((const char *)ch->name, "g") && (has_class(ch, "node") || has_class(ch, "edge") ||
                                                    has_class(ch, "graph"))) {
        for (xmlNode *t = ch->children; t; t = t->next) {
          if (t->type != XML_ELEMENT_NODE || strcmp((const char *)t->name, "title")) continue;
          xmlChar *name = xmlNodeGetContent(t);
          cg_buf_clear(&pc->scratch);
          const char *txt = pc->title ? pc->title(pc->ud, (const char *)name, &pc->scratch) : NULL;
          set_text(t, txt);
          xmlFree(name);
          break;
        }
      }
      post_walk(ch, pc);
    }
    ch = next;
  }
}

/* ------------------------------------------------------------ Graphviz context */

struct cg_render_ctx {
  GVC_t *gvc;
};

/* Returns a new context owning one gvContext, or NULL; free with cg_render_ctx_free. */
cg_render_ctx *cg_render_ctx_new(void) {
  GVC_t *gvc = gvContext();
  if (!gvc) return NULL;
  cg_render_ctx *x = cg_xmalloc(sizeof *x);
  x->gvc = gvc;
  return x;
}

void cg_render_ctx_free(cg_render_ctx *x) {
  if (!x) return;
  gvFreeContext(x->gvc);
  free(x);
}

/* Returns the default options (6 lanes, light theme, min weight 1, all actors, no
 * shared context). */
cg_render_opts cg_render_opts_default(void) {
  cg_render_opts o = {NULL, 6, CG_THEME_LIGHT, 1.0, 0, NULL, CG_RENDER_MAX_EVENTS};
  return o;
}

cg_status cg_r_gv_svg(cg_render_ctx *ctx, void *graph, const char *engine, cg_r_title_fn title,
                      void *ud, const char *css, const char *root_class, cg_buf *out,
                      cg_error *err) {
  Agraph_t *g = graph;
  cg_status st = CG_OK;
  char *data = NULL;
  unsigned int len = 0; /* 2.42: unsigned int *; newer Graphviz: size_t * (kept here only) */
  agseterr(AGERR);      /* Graphviz's own global level: keep warnings off stderr */
  cg_render_ctx *own = NULL;
  if (!ctx) {
    own = ctx = cg_render_ctx_new();
    if (!ctx) return cg_error_set(err, CG_ELIB, NULL, 0, 0, -1, "graphviz: no context");
  }
  GVC_t *gvc = ctx->gvc;
  if (gvLayout(gvc, g, engine) != 0) {
    const char *m = aglasterr();
    st = cg_error_set(err, CG_ELIB, NULL, 0, 0, -1, "graphviz layout (%s): %s", engine,
                      m ? m : "failed");
    cg_render_ctx_free(own);
    return st;
  }
  int rc = gvRenderData(gvc, g, "svg", &data, &len);
  gvFreeLayout(gvc, g);
  cg_render_ctx_free(own);
  if (rc != 0 || !data) {
    if (data) gvFreeRenderData(data);
    return cg_error_set(err, CG_ELIB, NULL, 0, 0, -1, "graphviz: SVG rendering failed");
  }
  /* Parse what Graphviz wrote (never NOENT/DTDLOAD: the DOCTYPE is not fetched). */
  xmlDoc *doc = xmlReadMemory(data, (int)len, "graphviz.svg", "UTF-8", XML_PARSE_NONET);
  gvFreeRenderData(data);
  if (!doc || !xmlDocGetRootElement(doc)) {
    xmlFreeDoc(doc);
    return cg_error_set(err, CG_ELIB, NULL, 0, 0, -1, "graphviz produced malformed SVG");
  }
  xmlNode *root = xmlDocGetRootElement(doc);
  post_ctx pc = {title, ud, {0}};
  post_walk(root, &pc);
  cg_buf_free(&pc.scratch);
  if (root_class) xmlSetProp(root, BAD_CAST "class", BAD_CAST root_class);
  if (css) {
    xmlNode *style = xmlNewDocNode(doc, root->ns, BAD_CAST "style", NULL);
    xmlAddChild(style, xmlNewText(BAD_CAST css));
    if (root->children)
      xmlAddPrevSibling(root->children, style);
    else
      xmlAddChild(root, style);
  }
  xmlBuffer *xb = xmlBufferCreate();
  if (xmlNodeDump(xb, doc, root, 0, 0) < 0) {
    st = cg_error_set(err, CG_ELIB, NULL, 0, 0, -1, "libxml2: cannot serialise SVG");
  } else {
    cg_buf_append(out, (const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
    cg_buf_putc(out, '\n');
  }
  xmlBufferFree(xb);
  xmlFreeDoc(doc);
  return st;
}

/* ------------------------------------------------------------ bounding */

typedef struct sig {
  size_t mentions, parts;
  double conf;
  uint32_t idx;
} sig;

/* > 0 when a is more significant than b; index breaks ties (earlier = more), so the
 * order is total and the selection deterministic. */
static int sig_cmp(const sig *a, const sig *b) {
  if (a->mentions != b->mentions) return a->mentions > b->mentions ? 1 : -1;
  if (a->parts != b->parts) return a->parts > b->parts ? 1 : -1;
  double ca = isfinite(a->conf) ? a->conf : 0, cb = isfinite(b->conf) ? b->conf : 0;
  if (ca != cb) return ca > cb ? 1 : -1;
  return a->idx < b->idx ? 1 : a->idx > b->idx ? -1 : 0;
}

/* Min-heap on significance: the root is the weakest of the kept events. */
static void sift_down(sig *h, size_t n, size_t i) {
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && sig_cmp(&h[l], &h[m]) < 0) m = l;
    if (r < n && sig_cmp(&h[r], &h[m]) < 0) m = r;
    if (m == i) return;
    sig t = h[i];
    h[i] = h[m];
    h[m] = t;
    i = m;
  }
}

static int cmp_u32(const void *x, const void *y) {
  uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
  return (a > b) - (a < b);
}

bool cg_r_event_drawable(const cg_cevent *e) {
  return e->dated && e->date.valid && e->date.latest >= e->date.earliest;
}

size_t cg_r_select_events(const cg_corpus *c, size_t max, bool dated_only, uint32_t **out,
                          size_t *total) {
  size_t n = 0;
  for (size_t i = 0; i < c->events.len; i++) n += !dated_only || cg_r_event_drawable(&c->events.items[i]);
  if (total) *total = n;
  size_t keep = max && max < n ? max : n;
  uint32_t *sel = cg_xmalloc((keep ? keep : 1) * sizeof(uint32_t));
  if (keep == n) { /* everything fits: no ranking */
    size_t k = 0;
    for (size_t i = 0; i < c->events.len; i++)
      if (!dated_only || cg_r_event_drawable(&c->events.items[i])) sel[k++] = (uint32_t)i;
  } else { /* a bounded heap: O(n log keep), keep entries of memory */
    sig *h = cg_xmalloc(keep * sizeof(sig));
    size_t hn = 0;
    for (size_t i = 0; i < c->events.len; i++) {
      const cg_cevent *e = &c->events.items[i];
      if (dated_only && !cg_r_event_drawable(e)) continue;
      sig s = {e->mentions.len, e->parts.len, e->confidence, (uint32_t)i};
      if (hn < keep) {
        h[hn++] = s;
        if (hn == keep)
          for (size_t j = keep / 2 + 1; j-- > 0;) sift_down(h, hn, j);
      } else if (sig_cmp(&s, &h[0]) > 0) {
        h[0] = s;
        sift_down(h, hn, 0);
      }
    }
    for (size_t k = 0; k < keep; k++) sel[k] = h[k].idx;
    free(h);
    qsort(sel, keep, sizeof(uint32_t), cmp_u32); /* corpus order: by date */
  }
  *out = sel;
  return keep;
}

static int cmp_cstr(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t cg_r_event_classes(const cg_corpus *c, const uint32_t *sel, size_t n, const char ***out) {
  const char **cls = cg_xmalloc((n ? n : 1) * sizeof(char *));
  for (size_t i = 0; i < n; i++) {
    const char *k = c->events.items[sel[i]].cls;
    cls[i] = k ? k : "";
  }
  if (n) qsort(cls, n, sizeof(char *), cmp_cstr);
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (!m || strcmp(cls[m - 1], cls[i])) cls[m++] = cls[i];
  *out = cls;
  return m;
}

size_t cg_r_actor_cap(const cg_corpus *c, const cg_render_opts *o) {
  size_t na = c->actors.len;
  if (o->top > 0) return (size_t)o->top < na ? (size_t)o->top : na;
  return na < CG_RENDER_MAX_ACTORS ? na : CG_RENDER_MAX_ACTORS;
}

void cg_r_count(cg_buf *out, size_t n) {
  char digits[32];
  int len = snprintf(digits, sizeof digits, "%zu", n);
  for (int i = 0; i < len; i++) {
    if (i && (len - i) % 3 == 0) cg_buf_putc(out, ',');
    cg_buf_putc(out, digits[i]);
  }
}
