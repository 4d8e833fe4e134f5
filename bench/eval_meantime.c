/*
 * Evaluation on MEANTIME (English, intra/cross-doc annotation, NAF-like token XML).
 *
 * usage: eval_meantime [--gold-timex] [--errors N] [--dump OUTDIR] [--peer PEERDIR] [DIR]
 *   --dump writes each rebuilt text to OUTDIR/<doc>.txt (and its DCT to <doc>.dct);
 *   --peer scores PEERDIR/<doc>.jsonl (a peer's JSON Lines: "type":"entity","kind"
 *   PERSON|ORG|PLACE, "bstart","bend" byte offsets) instead of our entities.
 *   DIR defaults to CG_SOURCE_DIR/../shared/corpora/meantime-en/intra_cross-doc_annotation
 *   (the corpus_* subfolders are read). --gold-timex feeds the gold TIMEX3 spans and
 *   values to the event dating instead of our tagger (isolates the dating rules).
 *
 * For each document: the text is rebuilt from the tokens (detokenised: no space before
 * , . ; : ) 's n't, `` '' become "), with byte offsets per token; the DCT is the
 * CREATION_TIME TIMEX3. Our stages run on it: sentences -> tagger -> actors -> events.
 * Reported:
 *   - entities: gold ENTITY_MENTIONs of syntactic_type NAM whose ENTITY (via
 *     REFERS_TO) is PER/ORG/LOC, against our mentions (PERSON->PER, ORG->ORG,
 *     GPE/LOC->LOC; demonyms skipped); exact-span and overlap P/R/F1 per type;
 *   - event triggers: gold EVENT_MENTION spans vs our triggers (exact and overlap);
 *   - participants: gold HAS_PARTICIPANT pairs whose target is a NAM entity mention,
 *     vs our (event, actor) pairs (actor mention overlapping the gold target in the
 *     event's sentence);
 *   - dating: share of gold events TLINKed to a DATE timex whose value our date
 *     overlaps (our event overlapping the gold event, dated).
 * Only the title and sentences 1-5 are scored: MEANTIME annotates those fully and
 * later sentences sparsely. Error kinds are counted and the most common listed, with
 * the right/wrong count of each dating rule on the gold-dated events; --errors 1 also
 * prints each error in context (FNTRIG/FPTRIG, FNPART/FPPART, NODATE/WRONGDATE with
 * the gold value and our value and rule).
 */
#include "actors.h"
#include "events.h"
#include "lexmap.h"
#include "sentences.h"
#include "timex.h"
#include "tokens.h"

#include <dirent.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CG_SOURCE_DIR
#define CG_SOURCE_DIR "."
#endif

typedef struct gm {
  int mid;
  size_t start, end;
  size_t nstart, nend; /* the span under CoNLL-like conventions (see norm_span) */
  int kind;      /* 0 PER 1 ORG 2 LOC, 3 other entity, -1 event */
  bool nam;
  char value[48];
  int tmx;       /* 1 timex */
  bool dct;
} gm;

typedef struct prf { long tp, fp, fn; } prf;

static void prf_print(const char *name, prf p) {
  double P = p.tp + p.fp ? (double)p.tp / (double)(p.tp + p.fp) : 0;
  double R = p.tp + p.fn ? (double)p.tp / (double)(p.tp + p.fn) : 0;
  double F = P + R > 0 ? 2 * P * R / (P + R) : 0;
  printf("  %-22s P %5.1f  R %5.1f  F1 %5.1f   (tp %ld fp %ld fn %ld)\n", name, 100 * P, 100 * R,
         100 * F, p.tp, p.fp, p.fn);
}

#define NERR 32
typedef struct errs { const char *name[NERR]; long n[NERR]; size_t len; } errs;
static void err_add(errs *e, const char *name) {
  for (size_t i = 0; i < e->len; i++)
    if (strcmp(e->name[i], name) == 0) {
      e->n[i]++;
      return;
    }
  if (e->len < NERR) {
    e->name[e->len] = name;
    e->n[e->len++] = 1;
  }
}

static int attr_int(xmlNode *n, const char *a) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)a);
  int r = v ? atoi((char *)v) : -1;
  xmlFree(v);
  return r;
}

static bool attr_eq(xmlNode *n, const char *a, const char *s) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)a);
  bool r = v && strcmp((char *)v, s) == 0;
  xmlFree(v);
  return r;
}

static bool name_is(xmlNode *n, const char *s) {
  return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, s) == 0;
}

typedef struct stats {
  prf ent_exact[3], ent_over[3], ent_norm[3], trig_exact, trig_over, part;
  long dated_gold, dated_right, dated_any;
  errs ner, ev, rules;
  long docs;
} stats;

static const char *KN[3] = {"PER", "ORG", "LOC"};

static int our_kind(cg_actor_kind k) {
  return k == CG_ACTOR_PERSON ? 0 : k == CG_ACTOR_ORG ? 1 : 2;
}

static bool overlap(size_t a0, size_t a1, size_t b0, size_t b1) { return a0 < b1 && b0 < a1; }

static const char *DUMP, *PEER;
static cg_lexmap *TITLE_WORDS; /* lower-cased words of data/en/actors/titles.txt */

static cg_status load_title_words(void *m, cg_lexline *ln) {
  char low[256];
  size_t n = cg_lex_lower(ln->f[0], strlen(ln->f[0]), low, sizeof low);
  for (size_t a = 0; a < n;) {
    size_t b = a;
    while (b < n && low[b] != ' ') b++;
    if (b > a) cg_lexmap_put(m, low + a, b - a, 1);
    a = b + 1;
  }
  return CG_OK;
}

static bool is_connector(const char *w, size_t n) {
  static const char *const c[] = {"of", "and", "&", "for", "de", "du", "da", "von", "van",
                                  "der", "den", "la", "le", "al", "bin", "el", "del", "-"};
  for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
    if (strlen(c[i]) == n && memcmp(c[i], w, n) == 0) return true;
  return false;
}

/* The gold span t[*s, *e) rewritten to CoNLL-2003-like conventions (names only): the
 * first comma/parenthesis-separated part that starts with a capitalised word (for PER
 * one that does not start with a title), without a leading article, descriptor or
 * possessive phrase ("the US automaker General Motors" -> "General Motors",
 * "today's GM" -> "GM"), without titles before a person's name ("Chief executive
 * Thomas Enders" -> "Thomas Enders") and without trailing common nouns ("the United
 * Auto Workers (UAW) union" -> "United Auto Workers"). Unchanged when nothing is left. */
static void norm_span(const char *t, size_t *s, size_t *e, int kind) {
  cg_tokens tk = {0};
  cg_tokenize(t, *s, *e, &tk);
#define TW(k) (t + tk.items[k].start)
#define TL(k) (tk.items[k].end - tk.items[k].start)
#define LOWERW(k) ((tk.items[k].shape & CG_TOK_WORD) && !(tk.items[k].shape & (CG_TOK_CAP | CG_TOK_ALLCAPS | CG_TOK_DIGIT)))
#define TITLEW(k) (kind == 0 && (tk.items[k].shape & CG_TOK_WORD) && cg_lexmap_get_lower(TITLE_WORDS, TW(k), TL(k), NULL))
  size_t a = 0, b = 0;
  bool found = false;
  for (size_t p = 0; p < tk.len && !found;) {
    size_t q = p;
    while (q < tk.len && !(TL(q) == 1 && (*TW(q) == ',' || *TW(q) == '(' || *TW(q) == ')'))) q++;
    a = p;
    b = q;
    while (b > a && (LOWERW(b - 1) || (tk.items[b - 1].shape & (CG_TOK_POSS | CG_TOK_PUNCT)))) b--;
    for (size_t k = a; k < b; k++) {
      bool conn = LOWERW(k) && is_connector(TW(k), TL(k));
      bool of_the = LOWERW(k) && TL(k) == 3 && memcmp(TW(k), "the", 3) == 0 && k > a &&
                    TL(k - 1) == 2 && memcmp(TW(k - 1), "of", 2) == 0;
      bool article = k == a && TL(k) == 3 && memcmp(TW(k), "The", 3) == 0;
      if ((LOWERW(k) && !conn && !of_the) || article || (tk.items[k].shape & CG_TOK_POSS) ||
          TITLEW(k))
        a = k + 1;
    }
    /* "Minister of Singapore": what follows a title and "of" is not the person */
    bool after_of = kind == 0 && a > p && a < b && LOWERW(a) && is_connector(TW(a), TL(a));
    while (a < b && (LOWERW(a) || (tk.items[a].shape & CG_TOK_PUNCT))) a++;
    found = a < b && !after_of;
    p = q + 1;
  }
  if (found) {
    *s = tk.items[a].start;
    *e = tk.items[b - 1].end;
  }
#undef TW
#undef TL
#undef LOWERW
#undef TITLEW
  free(tk.items);
}

/* Prints [s, e) of t with up to 40 bytes of context on each side, on one line. */
static void print_ctx(const char *t, size_t len, size_t s, size_t e) {
  size_t a = s > 40 ? s - 40 : 0, b = e + 40 < len ? e + 40 : len;
  printf("      ...");
  for (size_t i = a; i < b; i++) {
    if (i == s) putchar('[');
    putchar(t[i] == '\n' ? ' ' : t[i]);
    if (i + 1 == e) putchar(']');
  }
  printf("...\n");
}

static const char *base_name(const char *path) {
  const char *b = strrchr(path, '/');
  return b ? b + 1 : path;
}

/* Replaces our mentions with a peer's entities read from PEER/<doc>.jsonl. */
static void load_peer(const char *path, cg_docx *dx) {
  char p[8192];
  snprintf(p, sizeof p, "%s/%s.jsonl", PEER, base_name(path));
  FILE *f = fopen(p, "r");
  dx->mentions.len = 0;
  if (!f) return;
  int kinds[3] = {-1, -1, -1};
  static const char *names[3] = {"PERSON", "ORG", "PLACE"};
  static const cg_actor_kind ak[3] = {CG_ACTOR_PERSON, CG_ACTOR_ORG, CG_ACTOR_LOC};
  char line[65536];
  while (fgets(line, sizeof line, f)) {
    if (!strstr(line, "\"type\":\"entity\"")) continue;
    const char *bs = strstr(line, "\"bstart\":"), *be = strstr(line, "\"bend\":");
    if (!bs || !be) continue;
    for (int k = 0; k < 3; k++) {
      char pat[64];
      snprintf(pat, sizeof pat, "\"kind\":\"%s\"", names[k]);
      if (!strstr(line, pat)) continue;
      if (kinds[k] < 0) {
        char *nm = cg_docx_strdup(dx, names[k]); /* the docx owns its actor strings */
        cg_actor a = {nm, nm, ak[k], NULL, 0, -1};
        kinds[k] = (int)dx->actors.len;
        CG_VEC_PUSH(&dx->actors, a);
      }
      cg_mention m = {(size_t)atol(bs + 9), (size_t)atol(be + 7), (uint32_t)kinds[k]};
      CG_VEC_PUSH(&dx->mentions, m);
    }
  }
  fclose(f);
}

static void eval_doc(const char *path, const cg_actor_lexicon *alx, const cg_event_lexicon *elx,
                     const cg_tagger *tg, const cg_splitter *sp, bool gold_tx, int show, stats *st) {
  xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
  if (!doc) return;
  xmlNode *root = xmlDocGetRootElement(doc);
  /* tokens -> text */
  CG_VEC(size_t) ts = {0}, te = {0};
  cg_buf text = {0};
  int prev_sent = -1;
  bool no_space_next = true;
  /* MEANTIME annotates the title and the first five sentences fully (sentences 0-5);
   * later ones only sparsely, so scoring stops at the end of sentence 5. */
  size_t annotated_end = 0;
  xmlNode *markables = NULL, *relations = NULL;
  for (xmlNode *n = root->children; n; n = n->next) {
    if (name_is(n, "Markables")) markables = n;
    if (name_is(n, "Relations")) relations = n;
    if (!name_is(n, "token")) continue;
    int tid = attr_int(n, "t_id"), sent = attr_int(n, "sentence");
    xmlChar *w = xmlNodeGetContent(n);
    const char *s = (const char *)w;
    if (strcmp(s, "``") == 0 || strcmp(s, "''") == 0) s = "\"";
    bool attach = strcmp(s, ",") == 0 || strcmp(s, ".") == 0 || strcmp(s, ";") == 0 ||
                  strcmp(s, ":") == 0 || strcmp(s, ")") == 0 || strcmp(s, "'s") == 0 ||
                  strcmp(s, "n't") == 0 || strcmp(s, "%") == 0 || strcmp(s, "?") == 0 ||
                  strcmp(s, "!") == 0 || strcmp(s, "'") == 0;
    if (text.len) {
      if (sent != prev_sent) {
        const char *e = text.data + text.len - 1;
        cg_buf_puts(&text, (*e == '.' || *e == '?' || *e == '!' || *e == '"') ? " " : "\n");
      } else if (!attach && !no_space_next) {
        cg_buf_putc(&text, ' ');
      }
    }
    no_space_next = strcmp(s, "(") == 0 || strcmp(s, "$") == 0;
    prev_sent = sent;
    while ((size_t)tid >= ts.len) {
      CG_VEC_PUSH(&ts, (size_t)0);
      CG_VEC_PUSH(&te, (size_t)0);
    }
    if (sent <= 5) annotated_end = text.len + strlen(s);
    ts.items[tid] = text.len;
    cg_buf_puts(&text, s);
    te.items[tid] = text.len;
    xmlFree(w);
  }
  /* gold markables */
  CG_VEC(gm) g = {0};
  char dct[48] = "";
  for (xmlNode *n = markables ? markables->children : NULL; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    bool em = name_is(n, "ENTITY_MENTION"), ev = name_is(n, "EVENT_MENTION"),
         tx = name_is(n, "TIMEX3");
    if (tx && attr_eq(n, "functionInDocument", "CREATION_TIME")) {
      xmlChar *v = xmlGetProp(n, (const xmlChar *)"value");
      if (v) snprintf(dct, sizeof dct, "%.10s", (char *)v);
      xmlFree(v);
    }
    if (!em && !ev && !tx) continue;
    gm m = {attr_int(n, "m_id"), (size_t)-1, 0, 0, 0, em ? 3 : -1, attr_eq(n, "syntactic_type", "NAM"), "", tx, false};
    if (tx) {
      xmlChar *v = xmlGetProp(n, (const xmlChar *)"value");
      if (v) snprintf(m.value, sizeof m.value, "%s", (char *)v);
      xmlFree(v);
      m.dct = attr_eq(n, "functionInDocument", "CREATION_TIME");
      if (!attr_eq(n, "type", "DATE") && !m.dct) m.value[0] = '\0';
    }
    for (xmlNode *a = n->children; a; a = a->next) {
      if (!name_is(a, "token_anchor")) continue;
      int tid = attr_int(a, "t_id");
      if (tid < 0 || (size_t)tid >= ts.len) continue;
      if (ts.items[tid] < m.start) m.start = ts.items[tid];
      if (te.items[tid] > m.end) m.end = te.items[tid];
    }
    CG_VEC_PUSH(&g, m);
  }
  /* entity types via REFERS_TO -> ENTITY */
  for (xmlNode *r = relations ? relations->children : NULL; r; r = r->next) {
    if (!name_is(r, "REFERS_TO")) continue;
    int target = -1;
    for (xmlNode *a = r->children; a; a = a->next)
      if (name_is(a, "target")) target = attr_int(a, "m_id");
    int kind = 3;
    for (xmlNode *n = markables->children; n; n = n->next)
      if (name_is(n, "ENTITY") && attr_int(n, "m_id") == target) {
        kind = attr_eq(n, "ent_type", "PER") ? 0 : attr_eq(n, "ent_type", "ORG") ? 1
               : attr_eq(n, "ent_type", "LOC") ? 2 : 3;
      }
    for (xmlNode *a = r->children; a; a = a->next)
      if (name_is(a, "source")) {
        int sid = attr_int(a, "m_id");
        for (size_t i = 0; i < g.len; i++)
          if (g.items[i].mid == sid && g.items[i].kind >= 0 && !g.items[i].tmx) g.items[i].kind = kind;
      }
  }
  for (size_t i = 0; i < g.len; i++) {
    gm *m = &g.items[i];
    m->nstart = m->start;
    m->nend = m->end;
    if (m->kind >= 0 && m->kind <= 2 && m->nam && m->start != (size_t)-1)
      norm_span(text.data, &m->nstart, &m->nend, m->kind);
  }
  /* run the pipeline */
  cg_doc *d = cg_doc_new();
  d->len = text.len;
  d->text = cg_buf_detach(&text);
  d->dct = dct[0] ? cg_xstrdup(dct) : NULL;
  d->id = cg_xstrdup(path);
  cg_docx *dx = cg_docx_new(d);
  cg_sentences_split_with(sp, dx);
  if (gold_tx) {
    for (size_t i = 0; i < g.len; i++) {
      if (!g.items[i].tmx || g.items[i].dct || g.items[i].start == (size_t)-1) continue;
      cg_timex t = {g.items[i].start, g.items[i].end, CG_TX_DATE, "", "", {0}, 0};
      snprintf(t.value, sizeof t.value, "%s", g.items[i].value);
      t.span = cg_span_from_value(t.value);
      CG_VEC_PUSH(&dx->timexes, t);
    }
    /* sort by start (insertion sort: few timexes per document) */
    for (size_t i = 1; i < dx->timexes.len; i++)
      for (size_t j = i; j > 0 && dx->timexes.items[j - 1].start > dx->timexes.items[j].start; j--) {
        cg_timex tmp = dx->timexes.items[j];
        dx->timexes.items[j] = dx->timexes.items[j - 1];
        dx->timexes.items[j - 1] = tmp;
      }
  } else if (tg) {
    cg_tagger_run(tg, dx, CG_MODE_NEWS);
  }
  cg_actors_run(alx, dx);
  cg_events_run(elx, dx);
  if (DUMP) {
    char p[8192];
    snprintf(p, sizeof p, "%s/%s.txt", DUMP, base_name(path));
    FILE *f = fopen(p, "w");
    if (f) {
      fwrite(dx->doc->text, 1, dx->doc->len, f);
      fclose(f);
    }
    snprintf(p, sizeof p, "%s/%s.dct", DUMP, base_name(path));
    f = fopen(p, "w");
    if (f) {
      fprintf(f, "%s\n", dct);
      fclose(f);
    }
  }
  if (PEER) load_peer(path, dx);
  const char *t = dx->doc->text;
  /* entities */
  for (int k = 0; k < 3; k++) {
    for (size_t i = 0; i < g.len; i++) {
      gm *m = &g.items[i];
      if (m->kind != k || !m->nam || m->tmx || m->start == (size_t)-1) continue;
      if (m->start >= annotated_end) continue;
      bool ex = false, ov = false, nx = false;
      int okind = -1;
      for (size_t j = 0; j < dx->mentions.len; j++) {
        cg_mention *o = &dx->mentions.items[j];
        if (!overlap(o->start, o->end, m->start, m->end)) continue;
        int ok = our_kind(dx->actors.items[o->actor].kind);
        okind = ok;
        if (ok != k) continue;
        ov = true;
        if (o->start == m->start && o->end == m->end) ex = true;
        if (o->start == m->nstart && o->end == m->nend) nx = true;
      }
      st->ent_norm[k].fn += !nx;
      st->ent_exact[k].fn += !ex;
      st->ent_over[k].fn += !ov;
      if (!ov) {
        static const char *miss[3] = {"missed PER", "missed ORG", "missed LOC"};
        static const char *wrong[3][3] = {{"", "PER typed ORG", "PER typed LOC"},
                                          {"ORG typed PER", "", "ORG typed LOC"},
                                          {"LOC typed PER", "LOC typed ORG", ""}};
        err_add(&st->ner, okind >= 0 ? wrong[k][okind] : miss[k]);
        if (show > 0) {
          printf("  FN %s [%.*s]%s\n", KN[k], (int)(m->end - m->start), t + m->start,
                 okind >= 0 ? " (wrong type)" : "");
          print_ctx(t, dx->doc->len, m->start, m->end);
        }
      } else if (!ex) {
        err_add(&st->ner, "boundary");
        if (show > 0)
          printf("  BOUND %s [%.*s] norm [%.*s]\n", KN[k], (int)(m->end - m->start), t + m->start,
                 (int)(m->nend - m->nstart), t + m->nstart);
      }
    }
    for (size_t j = 0; j < dx->mentions.len; j++) {
      cg_mention *o = &dx->mentions.items[j];
      if (our_kind(dx->actors.items[o->actor].kind) != k || o->start >= annotated_end) continue;
      if (!PEER && cg_actor_lexicon_is_demonym(alx, t + o->start, o->end - o->start)) continue;
      bool ex = false, ov = false, nx = false, other = false, nonam = false;
      for (size_t i = 0; i < g.len; i++) {
        gm *m = &g.items[i];
        if (m->tmx || m->kind < 0 || m->start == (size_t)-1) continue;
        if (!overlap(o->start, o->end, m->start, m->end)) continue;
        if (m->kind != k || !m->nam) {
          other |= m->kind == 3;
          nonam |= m->kind == k;
          continue;
        }
        ov = true;
        if (o->start == m->start && o->end == m->end) ex = true;
        if (o->start == m->nstart && o->end == m->nend) nx = true;
      }
      if (nx) st->ent_norm[k].tp++; else st->ent_norm[k].fp++;
      if (ex) st->ent_exact[k].tp++; else st->ent_exact[k].fp++;
      if (ov) st->ent_over[k].tp++; else st->ent_over[k].fp++;
      if (!ov) {
        err_add(&st->ner, other ? "spurious: gold PRO/FIN/MIX" : nonam ? "spurious: gold nominal" : "spurious: no gold");
        if (show > 0) {
          printf("  FP %s [%.*s]%s\n", KN[k], (int)(o->end - o->start), t + o->start,
                 other ? " (gold other type)" : "");
          print_ctx(t, dx->doc->len, o->start, o->end);
        }
      }
    }
  }
  /* triggers */
  unsigned char *gmatched = cg_xcalloc(g.len + 1, 1);
  for (size_t j = 0; j < dx->events.len; j++) {
    cg_event *e = &dx->events.items[j];
    bool ex = false, ov = false;
    if (e->trig_start >= annotated_end) continue;
    for (size_t i = 0; i < g.len; i++) {
      gm *m = &g.items[i];
      if (m->kind != -1 || m->tmx || m->start == (size_t)-1) continue;
      if (!overlap(e->trig_start, e->trig_end, m->start, m->end)) continue;
      ov = true;
      if (e->trig_start == m->start && e->trig_end == m->end) ex = true;
    }
    if (ex) st->trig_exact.tp++; else st->trig_exact.fp++;
    if (ov) st->trig_over.tp++; else {
      st->trig_over.fp++;
      err_add(&st->ev, "trigger not gold");
      if (show > 0) {
        printf("  FPTRIG [%.*s]\n", (int)(e->trig_end - e->trig_start), t + e->trig_start);
        print_ctx(t, dx->doc->len, e->trig_start, e->trig_end);
      }
    }
  }
  for (size_t i = 0; i < g.len; i++) {
    gm *m = &g.items[i];
    if (m->kind != -1 || m->tmx || m->start == (size_t)-1 || m->start >= annotated_end) continue;
    bool ex = false, ov = false;
    for (size_t j = 0; j < dx->events.len; j++) {
      cg_event *e = &dx->events.items[j];
      if (!overlap(e->trig_start, e->trig_end, m->start, m->end)) continue;
      ov = true;
      gmatched[i] = 1;
      if (e->trig_start == m->start && e->trig_end == m->end) ex = true;
    }
    st->trig_exact.fn += !ex;
    st->trig_over.fn += !ov;
    if (!ov) {
      err_add(&st->ev, "gold trigger missed");
      if (show > 0) {
        printf("  FNTRIG [%.*s]\n", (int)(m->end - m->start), t + m->start);
        print_ctx(t, dx->doc->len, m->start, m->end);
      }
    }
  }
  /* participants and dating through relations */
  for (xmlNode *r = relations ? relations->children : NULL; r; r = r->next) {
    bool hp = name_is(r, "HAS_PARTICIPANT"), tl = name_is(r, "TLINK");
    if (!hp && !tl) continue;
    int s = -1, tg2 = -1;
    for (xmlNode *a = r->children; a; a = a->next) {
      if (name_is(a, "source")) s = attr_int(a, "m_id");
      if (name_is(a, "target")) tg2 = attr_int(a, "m_id");
    }
    gm *ge = NULL, *gt = NULL;
    for (size_t i = 0; i < g.len; i++) {
      if (g.items[i].mid == s) ge = &g.items[i];
      if (g.items[i].mid == tg2) gt = &g.items[i];
    }
    if (!ge || !gt) continue;
    if (tl) {
      if (ge->tmx && !gt->tmx) { gm *x = ge; ge = gt; gt = x; }
      if (ge->tmx || !gt->tmx || ge->kind != -1 || !gt->value[0]) continue;
      if (!attr_eq(r, "reltype", "INCLUDES") && !attr_eq(r, "reltype", "IS_INCLUDED") &&
          !attr_eq(r, "reltype", "SIMULTANEOUS") && !attr_eq(r, "reltype", "DURING") &&
          !attr_eq(r, "reltype", "BEGINS") && !attr_eq(r, "reltype", "BEGUN_BY"))
        continue;
      cg_span gs = cg_span_from_value(gt->value);
      if (!gs.valid || ge->start == (size_t)-1 || ge->start >= annotated_end) continue;
      st->dated_gold++;
      bool right = false, any = false, trig = false;
      const char *rule = "";
      char ours[48] = "";
      for (size_t j = 0; j < dx->events.len; j++) {
        cg_event *e = &dx->events.items[j];
        if (!overlap(e->trig_start, e->trig_end, ge->start, ge->end)) continue;
        trig = true;
        if (!e->dated) continue;
        any = true;
        rule = e->date_rule;
        snprintf(ours, sizeof ours, "%s", e->value);
        if (e->date.earliest <= gs.latest && gs.earliest <= e->date.latest) right = true;
      }
      st->dated_right += right;
      st->dated_any += any;
      if (any) {
        /* per-rule precision on the gold-dated events (rule strings are static) */
        static char names[NERR][64];
        static size_t nnames;
        char nm[64];
        snprintf(nm, sizeof nm, "%s %s", rule, right ? "right" : "wrong");
        const char *key = NULL;
        for (size_t i = 0; i < nnames && !key; i++)
          if (strcmp(names[i], nm) == 0) key = names[i];
        if (!key && nnames < NERR) {
          snprintf(names[nnames], sizeof names[nnames], "%s", nm);
          key = names[nnames++];
        }
        if (key) err_add(&st->rules, key);
      }
      if (!any)
        err_add(&st->ev, trig ? "gold-dated event: no date" : "gold-dated event: no trigger");
      else if (!right) err_add(&st->ev, "gold-dated event: wrong date");
      if (show > 0 && !right) {
        printf("  %s [%.*s] gold %s [%.*s]", !any ? (trig ? "NODATE" : "NODATE-NOTRIG") : "WRONGDATE",
               (int)(ge->end - ge->start), t + ge->start, gt->value,
               gt->dct ? 3 : (int)(gt->end - gt->start), gt->dct ? "DCT" : t + gt->start);
        if (any) printf(" ours %s (%s)", ours, rule);
        printf("\n");
        print_ctx(t, dx->doc->len, ge->start, ge->end);
      }
      continue;
    }
    if (ge->kind != -1 || gt->kind < 0 || gt->kind > 2 || !gt->nam || gt->start == (size_t)-1 ||
        ge->start >= annotated_end)
      continue;
    bool found = false;
    for (size_t j = 0; j < dx->events.len && !found; j++) {
      cg_event *e = &dx->events.items[j];
      if (!overlap(e->trig_start, e->trig_end, ge->start, ge->end)) continue;
      for (size_t p = 0; p < e->nparts && !found; p++)
        for (size_t q = 0; q < dx->mentions.len; q++) {
          cg_mention *o = &dx->mentions.items[q];
          if (o->actor == e->parts[p].actor && overlap(o->start, o->end, gt->start, gt->end)) {
            found = true;
            break;
          }
        }
    }
    if (found) st->part.tp++; else {
      st->part.fn++;
      err_add(&st->ev, "gold participant missed");
      if (show > 0) {
        bool trig = false;
        for (size_t j = 0; j < dx->events.len; j++)
          trig |= overlap(dx->events.items[j].trig_start, dx->events.items[j].trig_end, ge->start, ge->end);
        printf("  FNPART%s [%.*s] <- [%.*s]\n", trig ? "" : "-NOTRIG", (int)(ge->end - ge->start),
               t + ge->start, (int)(gt->end - gt->start), t + gt->start);
        print_ctx(t, dx->doc->len, ge->start, ge->end);
      }
    }
  }
  /* participant precision: our pairs on gold events that have no gold support */
  for (size_t j = 0; j < dx->events.len; j++) {
    cg_event *e = &dx->events.items[j];
    if (e->trig_start >= annotated_end) continue;
    for (size_t p = 0; p < e->nparts; p++) {
      bool supported = false, on_gold = false;
      for (xmlNode *r = relations ? relations->children : NULL; r && !supported; r = r->next) {
        if (!name_is(r, "HAS_PARTICIPANT")) continue;
        int s = -1, tg2 = -1;
        for (xmlNode *a = r->children; a; a = a->next) {
          if (name_is(a, "source")) s = attr_int(a, "m_id");
          if (name_is(a, "target")) tg2 = attr_int(a, "m_id");
        }
        gm *ge = NULL, *gt = NULL;
        for (size_t i = 0; i < g.len; i++) {
          if (g.items[i].mid == s) ge = &g.items[i];
          if (g.items[i].mid == tg2) gt = &g.items[i];
        }
        if (!ge || !gt || ge->start == (size_t)-1 || gt->start == (size_t)-1) continue;
        if (!overlap(e->trig_start, e->trig_end, ge->start, ge->end)) continue;
        on_gold = true;
        for (size_t q = 0; q < dx->mentions.len; q++) {
          cg_mention *o = &dx->mentions.items[q];
          if (o->actor == e->parts[p].actor && overlap(o->start, o->end, gt->start, gt->end))
            supported = true;
        }
      }
      if (on_gold && !supported) {
        st->part.fp++;
        err_add(&st->ev, "participant not gold");
        if (show > 0) {
          const cg_actor *a = &dx->actors.items[e->parts[p].actor];
          printf("  FPPART [%.*s] %s %s\n", (int)(e->trig_end - e->trig_start), t + e->trig_start,
                 cg_role_name(e->parts[p].role), a->name);
          print_ctx(t, dx->doc->len, e->trig_start, e->trig_end);
        }
      }
    }
  }
  free(gmatched);
  free(g.items);
  free(ts.items);
  free(te.items);
  cg_docx_free(dx);
  xmlFreeDoc(doc);
  st->docs++;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void print_errs(const char *title, errs *e) {
  printf("%s\n", title);
  for (size_t i = 0; i < e->len; i++)
    for (size_t j = i + 1; j < e->len; j++)
      if (e->n[j] > e->n[i]) {
        long tn = e->n[i]; const char *ts = e->name[i];
        e->n[i] = e->n[j]; e->name[i] = e->name[j];
        e->n[j] = tn; e->name[j] = ts;
      }
  for (size_t i = 0; i < e->len && i < 10; i++) printf("  %6ld  %s\n", e->n[i], e->name[i]);
}

int main(int argc, char **argv) {
  const char *dir = CG_SOURCE_DIR "/../shared/corpora/meantime-en/intra_cross-doc_annotation";
  bool gold_tx = false;
  int show = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--gold-timex") == 0) gold_tx = true;
    else if (strcmp(argv[i], "--errors") == 0 && i + 1 < argc) show = atoi(argv[++i]);
    else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc) DUMP = argv[++i];
    else if (strcmp(argv[i], "--peer") == 0 && i + 1 < argc) PEER = argv[++i];
    else dir = argv[i];
  }
  xmlInitParser();
  cg_error err;
  cg_actor_lexicon *alx = NULL;
  cg_event_lexicon *elx = NULL;
  cg_tagger *tg = NULL;
  cg_splitter *sp = NULL;
  if (cg_actor_lexicon_new(&alx, NULL, &err) || cg_event_lexicon_new(&elx, NULL, &err) ||
      cg_splitter_new(&sp, NULL, &err)) {
    fprintf(stderr, "eval_meantime: %s: %s\n", err.file, err.msg);
    return 1;
  }
  if (!gold_tx && cg_tagger_new(&tg, NULL, &err) != CG_OK) tg = NULL;
  TITLE_WORDS = cg_lexmap_new();
  {
    char tp[4096];
    snprintf(tp, sizeof tp, "%s/en/actors/titles.txt", cg_datadir(NULL));
    if (cg_lexfile_each(tp, load_title_words, TITLE_WORDS, &err) != CG_OK)
      fprintf(stderr, "eval_meantime: %s: %s (titles not stripped)\n", err.file, err.msg);
  }
  stats st = {0};
  CG_VEC(char *) files = {0};
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "eval_meantime: cannot open %s\n", dir);
    return 77;
  }
  struct dirent *de;
  while ((de = readdir(d))) {
    if (strncmp(de->d_name, "corpus_", 7) != 0) continue;
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/%s", dir, de->d_name);
    DIR *d2 = opendir(sub);
    struct dirent *f;
    while (d2 && (f = readdir(d2))) {
      size_t l = strlen(f->d_name);
      if (l < 5 || strcmp(f->d_name + l - 4, ".xml")) continue;
      char p[8192];
      snprintf(p, sizeof p, "%s/%s", sub, f->d_name);
      CG_VEC_PUSH(&files, cg_xstrdup(p));
    }
    if (d2) closedir(d2);
  }
  closedir(d);
  qsort(files.items, files.len, sizeof(char *), cmp_str);
  for (size_t i = 0; i < files.len; i++) {
    if (show > 0) printf("== %s\n", files.items[i]);
    eval_doc(files.items[i], alx, elx, tg, sp, gold_tx, show, &st);
    free(files.items[i]);
  }
  free(files.items);
  if (PEER) printf("ENTITIES OF THE PEER in %s (event figures below are ours)\n", PEER);
  printf("MEANTIME-en: %ld documents (timexes: %s)\n", st.docs,
         gold_tx ? "gold TIMEX3" : "chronograph tagger");
  printf("Entities (gold NAM mentions; ours: PERSON->PER, ORG->ORG, GPE/LOC->LOC)\n");
  prf all_e = {0}, all_o = {0};
  for (int k = 0; k < 3; k++) {
    char nm[64];
    snprintf(nm, sizeof nm, "%s exact", KN[k]);
    prf_print(nm, st.ent_exact[k]);
    snprintf(nm, sizeof nm, "%s overlap", KN[k]);
    prf_print(nm, st.ent_over[k]);
    all_e.tp += st.ent_exact[k].tp; all_e.fp += st.ent_exact[k].fp; all_e.fn += st.ent_exact[k].fn;
    all_o.tp += st.ent_over[k].tp; all_o.fp += st.ent_over[k].fp; all_o.fn += st.ent_over[k].fn;
  }
  prf_print("ALL exact", all_e);
  prf_print("ALL overlap", all_o);
  printf("Entities, conventions-normalised (CoNLL-like: gold spans without leading \"the\",\n"
         "  descriptors, possessors and person titles, first comma/parenthesis part; exact match)\n");
  prf all_n = {0};
  for (int k = 0; k < 3; k++) {
    char nm[64];
    snprintf(nm, sizeof nm, "%s norm-exact", KN[k]);
    prf_print(nm, st.ent_norm[k]);
    all_n.tp += st.ent_norm[k].tp; all_n.fp += st.ent_norm[k].fp; all_n.fn += st.ent_norm[k].fn;
  }
  prf_print("ALL norm-exact", all_n);
  printf("Events\n");
  prf_print("trigger exact", st.trig_exact);
  prf_print("trigger overlap", st.trig_over);
  prf_print("participants (NAM)", st.part);
  printf("  dating: %ld gold events TLINKed to a DATE timex; we date %ld (%.1f%%), right %ld (%.1f%%)\n",
         st.dated_gold, st.dated_any, st.dated_gold ? 100.0 * st.dated_any / st.dated_gold : 0,
         st.dated_right, st.dated_gold ? 100.0 * st.dated_right / st.dated_gold : 0);
  print_errs("Most common entity errors:", &st.ner);
  print_errs("Most common event errors:", &st.ev);
  print_errs("Dating rules on gold-dated events (right/wrong):", &st.rules);
  cg_lexmap_free(TITLE_WORDS);
  cg_actor_lexicon_free(alx);
  cg_event_lexicon_free(elx);
  cg_tagger_free(tg);
  cg_splitter_free(sp);
  xmlCleanupParser();
  return 0;
}
