/*
 * Render benchmark: a synthetic corpus of 5,000 events, 2,000 actors and 500
 * documents (fixed-seed generator, skewed actor popularity so there are hubs; dates
 * 2010-2025 with day, month, year and approximate granularity), then times the
 * network metrics, the timeline SVG, the actor graph SVG (all 2,000 actors) and the
 * HTML report.
 *
 * Usage: bench_render [events] [actors] [outdir]   (defaults 5000 2000, no files)
 * Prints one line per stage: "<stage> <seconds> s <bytes> bytes".
 */
#include "network.h"
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void) {
  struct timespec ts;
  timespec_get(&ts, TIME_UTC);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct rng {
  uint64_t s;
} rng;

static uint32_t next(rng *r) {
  r->s = r->s * 6364136223846793005ULL + 1442695040888963407ULL;
  return (uint32_t)(r->s >> 33);
}

static double unif(rng *r) { return (double)next(r) / 2147483648.0; }

static const char *const classes[] = {"statement", "military_force", "consult", "cooperate",
                                      "protest", "coerce", "aid", "investigate"};
static const char *const lemmas[] = {"say", "attack", "meet", "sign", "protest",
                                     "sanction", "aid", "investigate"};

static cg_corpus *synth(size_t nev, size_t nact) {
  rng r = {42};
  cg_corpus *c = cg_xcalloc(1, sizeof *c);
  c->finished = true;
  for (size_t i = 0; i < 500; i++) {
    cg_cdoc d = {0};
    char buf[64];
    snprintf(buf, sizeof buf, "doc-%zu", i);
    d.id = cg_xstrdup(buf);
    snprintf(buf, sizeof buf, "bench/doc-%zu.html", i);
    d.source = cg_xstrdup(buf);
    snprintf(buf, sizeof buf, "Synthetic story %zu", i);
    d.title = cg_xstrdup(buf);
    char day[16];
    cg_format_day(cg_days_from_civil(2025, 1, 1) + (int64_t)(i % 330), day, sizeof day);
    d.dct = cg_xstrdup(day);
    CG_VEC_PUSH(&c->docs, d);
  }
  for (size_t i = 0; i < nact; i++) {
    cg_cactor a = {0};
    char buf[64];
    snprintf(buf, sizeof buf, "a%zu", i + 1);
    a.id = cg_xstrdup(buf);
    snprintf(buf, sizeof buf, "Actor %zu %s", i, i % 3 ? "Ministry" : "Person");
    a.name = cg_xstrdup(buf);
    a.key = cg_xstrdup(buf);
    a.kind = (cg_actor_kind)(i % 4);
    a.affiliation = -1;
    CG_VEC_PUSH(&a.aliases, cg_xstrdup(buf));
    CG_VEC_PUSH(&c->actors, a);
  }
  int64_t d0 = cg_days_from_civil(2010, 1, 1), d1 = cg_days_from_civil(2025, 11, 30);
  for (size_t i = 0; i < nev; i++) {
    cg_cevent e = {0};
    char buf[64];
    snprintf(buf, sizeof buf, "e%zu", i + 1);
    e.id = cg_xstrdup(buf);
    size_t k = next(&r) % 8;
    e.lemma = cg_xstrdup(lemmas[k]);
    e.cls = cg_xstrdup(classes[k]);
    e.timex = -1;
    /* recent news is denser: square the uniform draw towards the end */
    double u = 1.0 - pow(unif(&r), 2.0);
    int64_t day = d0 + (int64_t)(u * (double)(d1 - d0));
    double g = unif(&r);
    int64_t y;
    unsigned m, dd;
    cg_civil_from_days(day, &y, &m, &dd);
    if (g < 0.7) {
      e.date = cg_span_day(day);
      cg_format_day(day, e.value, sizeof e.value);
    } else if (g < 0.85) {
      e.date = cg_span_month(y, m);
      snprintf(e.value, sizeof e.value, "%04lld-%02u", (long long)y, m);
    } else {
      e.date = cg_span_year(y);
      snprintf(e.value, sizeof e.value, "%04lld", (long long)y);
      if (g > 0.95) snprintf(e.mod, sizeof e.mod, "APPROX");
    }
    e.dated = true;
    e.date_rule = cg_xstrdup("timex-attached");
    size_t np = 1 + next(&r) % 3;
    for (size_t p = 0; p < np; p++) {
      /* skewed popularity: a few hubs, a long tail */
      uint32_t a = (uint32_t)(pow(unif(&r), 3.0) * (double)nact);
      if (a >= nact) a = (uint32_t)nact - 1;
      CG_VEC_PUSH(&e.parts, ((cg_cpart){a, p == 0 ? CG_ROLE_AGENT : CG_ROLE_PATIENT}));
    }
    e.confidence = 0.7;
    cg_emention m0 = {0};
    m0.doc = (uint32_t)(next(&r) % 500);
    m0.trigger = cg_xstrdup(lemmas[k]);
    snprintf(buf, sizeof buf, "Synthetic sentence number %zu about %s.", i, lemmas[k]);
    cg_csent st = {0, strlen(buf), cg_xstrdup(buf)}; /* the sentence, in its document */
    CG_VEC_PUSH(&c->docs.items[m0.doc].sents, st);
    m0.sentence = (uint32_t)(c->docs.items[m0.doc].sents.len - 1);
    CG_VEC_PUSH(&e.mentions, m0);
    CG_VEC_PUSH(&c->events, e);
  }
  return c;
}

static void write_out(const char *dir, const char *name, const cg_buf *b) {
  if (!dir) return;
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f) return;
  fwrite(b->data, 1, b->len, f);
  fclose(f);
}

int main(int argc, char **argv) {
  size_t nev = argc > 1 ? (size_t)atol(argv[1]) : 5000;
  size_t nact = argc > 2 ? (size_t)atol(argv[2]) : 2000;
  const char *dir = argc > 3 ? argv[3] : NULL;
  cg_corpus *c = synth(nev, nact);
  cg_error err = {0};
  printf("corpus: %zu events, %zu actors, %zu documents\n", c->events.len, c->actors.len,
         c->docs.len);
  double t = now_s();
  cg_network *n = NULL;
  if (cg_network_new(&n, c, &err) != CG_OK) {
    fprintf(stderr, "network: %s\n", err.msg);
    return 1;
  }
  size_t ne = 0;
  cg_network_actor_edges(n, &ne);
  printf("network+metrics %.3f s (%zu actor-actor edges)\n", now_s() - t, ne);
  cg_render_opts o = cg_render_opts_default();
  o.title = "Synthetic benchmark";
  o.ctx = cg_render_ctx_new(); /* one Graphviz context for the process */
  struct {
    const char *name, *file;
    int which;
  } stages[] = {{"timeline_svg", "timeline.svg", 0},
                {"actors_svg", "actors.svg", 1},
                {"report_html", "report.html", 2}};
  int rc = 0;
  for (size_t s = 0; s < 3; s++) {
    cg_buf b = {0};
    t = now_s();
    cg_status st = stages[s].which == 0   ? cg_render_timeline_svg(c, &o, &b, &err)
                   : stages[s].which == 1 ? cg_render_actors_svg(c, n, &o, &b, &err)
                                          : cg_render_report_html(c, n, &o, &b, &err);
    double dt = now_s() - t;
    if (st != CG_OK) {
      fprintf(stderr, "%s: %s\n", stages[s].name, err.msg);
      rc = 1;
    }
    printf("%s %.3f s %zu bytes\n", stages[s].name, dt, b.len);
    write_out(dir, stages[s].file, &b);
    cg_buf_free(&b);
  }
  cg_network_free(n);
  cg_render_ctx_free(o.ctx);
  /* the corpus is freed with the process: the bench measures rendering, not teardown */
  return rc;
}
