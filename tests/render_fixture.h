/*
 * Test fixture for graph/ and render/ tests: builds a finished cg_corpus by filling
 * the plain struct directly (independent of corpus.c), and frees it.
 * Header-only (static inline) so each test includes it without a library change.
 */
#ifndef CG_RENDER_FIXTURE_H
#define CG_RENDER_FIXTURE_H

#include "corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline cg_corpus *fx_new(void) {
  cg_corpus *c = cg_xcalloc(1, sizeof *c);
  c->finished = true;
  c->merge_events = true;
  return c;
}

/* Adds a document; returns its index. */
static inline uint32_t fx_doc(cg_corpus *c, const char *id, const char *title, const char *dct) {
  cg_cdoc d = {0};
  char src[64];
  snprintf(src, sizeof src, "samples/%s.txt", id);
  d.id = cg_xstrdup(id);
  d.source = cg_xstrdup(src);
  d.title = cg_xstrdup(title);
  d.dct = cg_xstrdup(dct);
  d.dct_source = cg_xstrdup(dct ? "meta" : "none");
  CG_VEC_PUSH(&c->docs, d);
  return (uint32_t)(c->docs.len - 1);
}

/* Adds an actor (id "a<N>"); returns its index. alias may be NULL. */
static inline uint32_t fx_actor(cg_corpus *c, const char *name, cg_actor_kind kind,
                                const char *alias) {
  cg_cactor a = {0};
  char buf[32];
  snprintf(buf, sizeof buf, "a%zu", c->actors.len + 1);
  a.id = cg_xstrdup(buf);
  a.name = cg_xstrdup(name);
  a.key = cg_xstrdup(name);
  a.kind = kind;
  a.affiliation = -1;
  CG_VEC_PUSH(&a.aliases, cg_xstrdup(name));
  if (alias) CG_VEC_PUSH(&a.aliases, cg_xstrdup(alias));
  cg_cmention m = {0, 0, strlen(name), cg_xstrdup(name)};
  CG_VEC_PUSH(&a.mentions, m);
  CG_VEC_PUSH(&c->actors, a);
  return (uint32_t)(c->actors.len - 1);
}

/* Appends a sentence (a copy of text, offsets 0..strlen) to document doc's table;
 * returns its index there. */
static inline uint32_t fx_sentence(cg_corpus *c, uint32_t doc, const char *text) {
  cg_cdoc *d = &c->docs.items[doc];
  cg_csent s = {0, strlen(text), cg_xstrdup(text)};
  CG_VEC_PUSH(&d->sents, s);
  return (uint32_t)(d->sents.len - 1);
}

/* Adds an event dated by a TIMEX3 value (NULL = undated) with an agent and an optional
 * patient (-1 = none), told in document doc by sentence; returns its index. */
static inline uint32_t fx_event(cg_corpus *c, const char *lemma, const char *cls,
                                const char *value, const char *mod, int agent, int patient,
                                uint32_t doc, const char *sentence) {
  cg_cevent e = {0};
  char buf[32];
  snprintf(buf, sizeof buf, "e%zu", c->events.len + 1);
  e.id = cg_xstrdup(buf);
  e.lemma = cg_xstrdup(lemma);
  e.cls = cg_xstrdup(cls);
  if (value) {
    e.date = cg_span_from_value(value);
    e.dated = e.date.valid;
    snprintf(e.value, sizeof e.value, "%s", value);
    e.date_rule = cg_xstrdup("timex-attached");
  }
  snprintf(e.mod, sizeof e.mod, "%s", mod ? mod : "");
  if (agent >= 0) CG_VEC_PUSH(&e.parts, ((cg_cpart){(uint32_t)agent, CG_ROLE_AGENT}));
  if (patient >= 0) CG_VEC_PUSH(&e.parts, ((cg_cpart){(uint32_t)patient, CG_ROLE_PATIENT}));
  e.confidence = 0.8;
  e.timex = -1;
  cg_emention m = {0};
  m.doc = doc;
  m.trigger = cg_xstrdup(lemma);
  m.sentence = fx_sentence(c, doc, sentence);
  CG_VEC_PUSH(&e.mentions, m);
  CG_VEC_PUSH(&c->events, e);
  return (uint32_t)(c->events.len - 1);
}

static inline void fx_free(cg_corpus *c) {
  if (!c) return;
  for (size_t i = 0; i < c->docs.len; i++) {
    cg_cdoc *d = &c->docs.items[i];
    free(d->id), free(d->source), free(d->title), free(d->url), free(d->dct), free(d->dct_source);
    for (size_t k = 0; k < d->sents.len; k++) free(d->sents.items[k].text);
    free(d->sents.items);
  }
  for (size_t i = 0; i < c->timexes.len; i++) {
    cg_ctimex *t = &c->timexes.items[i];
    free(t->id), free(t->text), free(t->type), free(t->value), free(t->mod);
  }
  for (size_t i = 0; i < c->actors.len; i++) {
    cg_cactor *a = &c->actors.items[i];
    free(a->id), free(a->key), free(a->name);
    for (size_t k = 0; k < a->aliases.len; k++) free(a->aliases.items[k]);
    free(a->aliases.items);
    for (size_t k = 0; k < a->mentions.len; k++) free(a->mentions.items[k].text);
    free(a->mentions.items);
  }
  for (size_t i = 0; i < c->events.len; i++) {
    cg_cevent *e = &c->events.items[i];
    free(e->id), free(e->lemma), free(e->cls), free(e->date_rule);
    free(e->parts.items);
    for (size_t k = 0; k < e->mentions.len; k++) free(e->mentions.items[k].trigger);
    free(e->mentions.items);
  }
  free(c->docs.items), free(c->timexes.items), free(c->actors.items), free(c->events.items);
  free(c);
}

/* The Ukraine sample: 2014 annexation, 2022 invasion (an era), a "last Friday" 2025
 * statement, an approximate date, an undated event. */
static inline cg_corpus *fx_ukraine(void) {
  cg_corpus *c = fx_new();
  uint32_t d1 = fx_doc(c, "kyiv-2025", "Talks resume in Geneva", "2025-12-01");
  uint32_t d2 = fx_doc(c, "archive-2014", "Crimea vote", "2014-03-19");
  int ru = (int)fx_actor(c, "Russia", CG_ACTOR_GPE, "the Kremlin");
  int ua = (int)fx_actor(c, "Ukraine", CG_ACTOR_GPE, "Kyiv");
  int cr = (int)fx_actor(c, "Crimea", CG_ACTOR_LOC, NULL);
  int pe = (int)fx_actor(c, "Dmitry Peskov", CG_ACTOR_PERSON, "Peskov");
  int us = (int)fx_actor(c, "United States", CG_ACTOR_GPE, "Washington");
  int eu = (int)fx_actor(c, "European Union", CG_ACTOR_ORG, "EU");
  c->actors.items[pe].affiliation = ru;
  fx_event(c, "annex", "military_force", "2014-03-18", "", ru, cr, d2,
           "Russia annexed Crimea on 18 March 2014.");
  fx_event(c, "sanction", "coerce", "2014", "", eu, ru, d2, "The EU imposed sanctions in 2014.");
  fx_event(c, "protest", "protest", "2014-02", "APPROX", ua, -1, d2,
           "Protesters filled Kyiv around February 2014.");
  uint32_t inv = fx_event(c, "invade", "military_force", "2022-02-24", "", ru, ua, d1,
                          "Russia launched a full-scale invasion of Ukraine in February 2022.");
  free(c->events.items[inv].date_rule);
  c->events.items[inv].date_rule = cg_xstrdup("since");
  fx_event(c, "say", "statement", "2025-11-28", "", pe, ua, d1,
           "Peskov said last Friday that talks with Ukraine could resume.");
  fx_event(c, "meet", "consult", "2025-11-30", "", us, ua, d1,
           "US envoys met Ukrainian officials on Sunday.");
  fx_event(c, "aid", "cooperate", "2025-11", "", us, ua, d1,
           "Washington approved new aid for Ukraine in November.");
  fx_event(c, "warn", "statement", "2025-11-29", "", ru, us, d1,
           "Russia warned the United States against new deliveries.");
  fx_event(c, "talk", "consult", NULL, "", eu, ru, d1, "The EU wants talks with Russia.");
  return c;
}

/* A corpus whose every string is hostile: markup, event handlers, quotes, Graphviz
 * escapes, formula prefixes, control characters, invalid UTF-8, entity look-alikes. */
static inline cg_corpus *fx_hostile(void) {
  cg_corpus *c = fx_new();
  uint32_t d = fx_doc(c, "<script>alert('doc')</script>", "\"Quoted\" 'title' \\N \\G \\\\ R&D; <b>",
                      "2025-12-01");
  c->docs.items[d].url = cg_xstrdup("javascript:alert(1)");
  uint32_t d2 = fx_doc(c, "=cmd|' /C calc'!A0", "+SUM(1+1)\x01\x02\x1b[31m", "2014-05-01");
  free(c->docs.items[d2].source);
  c->docs.items[d2].source = cg_xstrdup("http://evil.example/x.png");
  int a = (int)fx_actor(c, "<script>alert(1)</script>", CG_ACTOR_PERSON, "@evil");
  int b = (int)fx_actor(c, "<img src=x onerror=alert(2)>", CG_ACTOR_ORG, "-2+3");
  int k = (int)fx_actor(c, "R&D; \\N\\L \"q\" 'a' \xff\xfe bad\x7f", CG_ACTOR_GPE, "\tTAB");
  int j = (int)fx_actor(c, "<a href=\"javascript:alert(3)\">x</a>", CG_ACTOR_LOC,
                        "<svg onload=alert(4)>");
  fx_event(c, "<script>alert(5)</script>", "x\"><script>", "2014-03-18", "", a, b, d2,
           "=cmd|' /C calc'!A0 <script>alert(6)</script> \x01\x02\x03");
  fx_event(c, "R&D;", "military_force", "2014", "APPROX", b, k, d2,
           "<img src=x onerror=alert(7)> \"quoted\" \\N \\\\ back\\slash");
  fx_event(c, "@say", "statement", "2025-11-28", "", k, a, d,
           "+1 said <iframe src=\"http://evil.example\"></iframe> javascript:alert(8)");
  fx_event(c, "-go", "statement", "2025-11-29", "", j, a, d, "\xc3\x28 invalid \xe2\x82 utf8 ]]> --> <!--");
  fx_event(c, "\\G", "coerce", NULL, "", a, j, d, "undated \\E \\T \\H");
  return c;
}

#endif
