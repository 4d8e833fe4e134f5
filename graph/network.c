/*
 * The event network in igraph (graph/network.h).
 *
 * Vertices, in this order: events (0..E-1), actors (E..E+A-1), documents (after).
 * Edges of a directed graph, typed by the "type" attribute:
 *   participant  actor -> event, with "role" (agent, patient, ...)
 *   mention      event -> document, one per document telling the event
 *   interaction  actor a -> actor b (a < b), "weight" = number of shared events
 *   before       event -> event, from each dated event to the first events that
 *                begin after it ends (a chain, not the O(n^2) closure)
 *
 * Metrics are computed on the undirected, weighted actor interaction graph (the one
 * the actor chart draws): degree (distinct co-actors), strength (shared events),
 * PageRank, betweenness (weights turned into lengths 1/w), weak components and
 * multilevel (Louvain) communities. Components and communities are renumbered by
 * size, largest first, ties by the smallest actor index, so ids are stable.
 *
 * Scale (100,000 articles: millions of events, up to ~100,000 actors):
 * - Only the actor graph lives in igraph during a run. The full typed network, with
 *   its string attributes for every event, actor and document vertex, is built only
 *   when GraphML is written (and freed right after); the node-link JSON is written
 *   from the corpus and the edge list without igraph attributes at all.
 * - Betweenness is O(V E) (Brandes), the one super-linear metric. Above
 *   CG_BETWEENNESS_CORE actors it is computed on the subgraph induced by the
 *   CG_BETWEENNESS_CORE actors of highest strength (ties: lower index) and is 0 for
 *   the others: the brokers between the main actors are what the charts and tables
 *   show, and the core bounds the cost whatever the corpus. (igraph's cutoff
 *   variant was not used: with lengths 1/w a path-length cutoff has no clear meaning
 *   and does not bound the cost on a dense core.)
 * - Every edge set is built in one igraph_add_edges batch; the temporal "before"
 *   edges come from one sort of the dated events (O(n log n)) with a bounded fan-out.
 *
 * Process-global igraph state: igraph 0.10 keeps its error handler, warning handler,
 * attribute table and RNG in globals (the Debian build is not thread-safe). We hold
 * no state of our own: cg_network_new sets all of them on every call (idempotent),
 * installing a handler that returns instead of aborting, the C attribute table, and
 * reseeds the default RNG with 42 so communities are deterministic.
 */
#include "network.h"

#include "escape.h"

#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Actors beyond which betweenness is restricted to a core (see the file comment). */
#define CG_BETWEENNESS_CORE 1000

struct cg_network {
  cg_corpus *c;
  size_t nev, nact, ndoc;
  cg_actor_edge *aedges;
  size_t naedges;
};

/* igraph calls this instead of aborting; the caller sees the error code. */
static void silent_error_handler(const char *reason, const char *file, int line,
                                 igraph_error_t code) {
  (void)reason, (void)file, (void)line, (void)code;
  IGRAPH_FINALLY_FREE();
}

static void silent_warning_handler(const char *reason, const char *file, int line) {
  (void)reason, (void)file, (void)line;
}

static void igraph_setup(void) {
  igraph_set_error_handler(silent_error_handler);
  igraph_set_warning_handler(silent_warning_handler);
  igraph_set_attribute_table(&igraph_cattribute_table);
  igraph_rng_seed(igraph_rng_default(), 42);
}

static cg_status ig_fail(cg_error *err, igraph_error_t rc, const char *what) {
  return cg_error_set(err, rc == IGRAPH_ENOMEM ? CG_ENOMEM : CG_ELIB, NULL, 0, 0, -1,
                      "igraph: %s: %s", what, igraph_strerror(rc));
}

/* ------------------------------------------------------------ actor pairs */

typedef struct pair {
  uint32_t a, b;
} pair;

static int pair_cmp(const void *x, const void *y) {
  const pair *p = x, *q = y;
  if (p->a != q->a) return p->a < q->a ? -1 : 1;
  if (p->b != q->b) return p->b < q->b ? -1 : 1;
  return 0;
}

static int u32_cmp(const void *x, const void *y) {
  uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
  return a < b ? -1 : a > b;
}

/* Counts, for every actor pair, the events both take part in. Each event's
 * participants are deduplicated first so one event counts once per pair. */
static void build_actor_edges(cg_network *n) {
  const cg_corpus *c = n->c;
  CG_VEC(pair) pairs = {0};
  CG_VEC(uint32_t) ids = {0};
  for (size_t i = 0; i < c->events.len; i++) {
    const cg_cevent *e = &c->events.items[i];
    ids.len = 0;
    for (size_t k = 0; k < e->parts.len; k++)
      if (e->parts.items[k].actor < c->actors.len) CG_VEC_PUSH(&ids, e->parts.items[k].actor);
    if (ids.len < 2) continue;
    qsort(ids.items, ids.len, sizeof(uint32_t), u32_cmp);
    size_t m = 0;
    for (size_t k = 0; k < ids.len; k++)
      if (m == 0 || ids.items[m - 1] != ids.items[k]) ids.items[m++] = ids.items[k];
    for (size_t x = 0; x < m; x++)
      for (size_t y = x + 1; y < m; y++) CG_VEC_PUSH(&pairs, ((pair){ids.items[x], ids.items[y]}));
  }
  free(ids.items);
  if (pairs.len) qsort(pairs.items, pairs.len, sizeof(pair), pair_cmp);
  n->aedges = cg_xcalloc(pairs.len ? pairs.len : 1, sizeof(cg_actor_edge));
  for (size_t i = 0; i < pairs.len; i++) {
    if (n->naedges && n->aedges[n->naedges - 1].a == pairs.items[i].a &&
        n->aedges[n->naedges - 1].b == pairs.items[i].b) {
      n->aedges[n->naedges - 1].weight += 1.0;
    } else {
      n->aedges[n->naedges++] = (cg_actor_edge){pairs.items[i].a, pairs.items[i].b, 1.0};
    }
  }
  free(pairs.items);
}

/* ------------------------------------------------------------ metrics */

typedef struct group {
  size_t size, first, id;
} group;

static int group_cmp(const void *x, const void *y) {
  const group *a = x, *b = y;
  if (a->size != b->size) return a->size > b->size ? -1 : 1;
  return (a->first > b->first) - (a->first < b->first);
}

/* Renumbers membership ids: largest group first, ties by smallest member index. */
static void renumber(const igraph_vector_int_t *memb, size_t n, int *out) {
  igraph_integer_t maxid = -1;
  for (size_t i = 0; i < n; i++)
    if (VECTOR(*memb)[i] > maxid) maxid = VECTOR(*memb)[i];
  size_t k = (size_t)(maxid + 1);
  group *gs = cg_xcalloc(k ? k : 1, sizeof(group));
  int *newid = cg_xcalloc(k ? k : 1, sizeof(int));
  for (size_t i = 0; i < k; i++) gs[i] = (group){0, SIZE_MAX, i};
  for (size_t i = 0; i < n; i++) {
    group *g = &gs[VECTOR(*memb)[i]];
    g->size++;
    if (g->first == SIZE_MAX) g->first = i;
  }
  if (k) qsort(gs, k, sizeof(group), group_cmp);
  for (size_t i = 0; i < k; i++) newid[gs[i].id] = (int)i;
  for (size_t i = 0; i < n; i++) out[i] = newid[VECTOR(*memb)[i]];
  free(gs);
  free(newid);
}

typedef struct strength_rank {
  double s;
  uint32_t i;
} strength_rank;

static int strength_cmp(const void *x, const void *y) {
  const strength_rank *a = x, *b = y;
  if (a->s != b->s) return a->s > b->s ? -1 : 1;
  return (a->i > b->i) - (a->i < b->i);
}

/* Betweenness of every actor into btw (resized to the actor count): exact when the
 * graph has at most CG_BETWEENNESS_CORE vertices, else on the subgraph induced by
 * the CG_BETWEENNESS_CORE strongest actors, 0 outside it. len holds edge lengths. */
static igraph_error_t core_betweenness(const cg_network *n, const igraph_t *ag,
                                       const igraph_vector_t *len, const igraph_vector_t *str,
                                       igraph_vector_t *btw) {
  size_t na = n->nact;
  if (na <= CG_BETWEENNESS_CORE)
    return igraph_betweenness(ag, btw, igraph_vss_all(), IGRAPH_UNDIRECTED, len);
  strength_rank *r = cg_xcalloc(na, sizeof *r);
  for (size_t i = 0; i < na; i++) r[i] = (strength_rank){VECTOR(*str)[i], (uint32_t)i};
  qsort(r, na, sizeof *r, strength_cmp);
  int32_t *core = cg_xmalloc(na * sizeof(int32_t)); /* actor -> core vertex or -1 */
  for (size_t i = 0; i < na; i++) core[i] = -1;
  for (size_t k = 0; k < CG_BETWEENNESS_CORE; k++) core[r[k].i] = (int32_t)k;
  igraph_vector_int_t ev;
  igraph_vector_t clen, cb;
  igraph_t cg;
  igraph_vector_int_init(&ev, 0); /* empty vectors: no allocation to fail */
  igraph_vector_init(&clen, 0);
  igraph_vector_init(&cb, 0);
  igraph_error_t rc = IGRAPH_SUCCESS;
  for (size_t i = 0; i < n->naedges && !rc; i++) {
    int32_t a = core[n->aedges[i].a], b = core[n->aedges[i].b];
    if (a < 0 || b < 0) continue;
    if ((rc = igraph_vector_int_push_back(&ev, a)) || (rc = igraph_vector_int_push_back(&ev, b)))
      break;
    rc = igraph_vector_push_back(&clen, VECTOR(*len)[i]);
  }
  if (!rc) rc = igraph_create(&cg, &ev, CG_BETWEENNESS_CORE, IGRAPH_UNDIRECTED);
  if (!rc) {
    rc = igraph_betweenness(&cg, &cb, igraph_vss_all(), IGRAPH_UNDIRECTED, &clen);
    igraph_destroy(&cg);
  }
  if (!rc) rc = igraph_vector_resize(btw, (igraph_integer_t)na);
  if (!rc)
    for (size_t i = 0; i < na; i++) VECTOR(*btw)[i] = core[i] >= 0 ? VECTOR(cb)[core[i]] : 0.0;
  igraph_vector_int_destroy(&ev);
  igraph_vector_destroy(&clen);
  igraph_vector_destroy(&cb);
  free(core);
  free(r);
  return rc;
}

static cg_status compute_metrics(cg_network *n, cg_error *err) {
  cg_corpus *c = n->c;
  size_t na = n->nact;
  if (na == 0) return CG_OK;
  cg_status st = CG_OK;
  igraph_error_t rc;
  igraph_t ag;
  igraph_vector_int_t ev, memb, csize, deg;
  igraph_vector_t w, len, pr, btw, str;
  bool g_ok = false;
  igraph_vector_int_init(&ev, 0);
  igraph_vector_int_init(&memb, 0);
  igraph_vector_int_init(&csize, 0);
  igraph_vector_int_init(&deg, 0);
  igraph_vector_init(&w, 0);
  igraph_vector_init(&len, 0);
  igraph_vector_init(&pr, 0);
  igraph_vector_init(&btw, 0);
  igraph_vector_init(&str, 0);

  if ((rc = igraph_vector_int_resize(&ev, (igraph_integer_t)(2 * n->naedges))) ||
      (rc = igraph_vector_resize(&w, (igraph_integer_t)n->naedges)) ||
      (rc = igraph_vector_resize(&len, (igraph_integer_t)n->naedges))) {
    st = ig_fail(err, rc, "vectors");
    goto cleanup;
  }
  for (size_t i = 0; i < n->naedges; i++) {
    VECTOR(ev)[2 * i] = n->aedges[i].a;
    VECTOR(ev)[2 * i + 1] = n->aedges[i].b;
    VECTOR(w)[i] = n->aedges[i].weight;
    VECTOR(len)[i] = 1.0 / n->aedges[i].weight; /* betweenness wants lengths */
  }
  if ((rc = igraph_empty(&ag, (igraph_integer_t)na, IGRAPH_UNDIRECTED))) {
    st = ig_fail(err, rc, "actor graph");
    goto cleanup;
  }
  g_ok = true;
  if ((rc = igraph_add_edges(&ag, &ev, NULL))) {
    st = ig_fail(err, rc, "actor edges");
    goto cleanup;
  }
  if ((rc = igraph_degree(&ag, &deg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS)) ||
      (rc = igraph_strength(&ag, &str, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &w))) {
    st = ig_fail(err, rc, "degree");
    goto cleanup;
  }
  if ((rc = igraph_pagerank(&ag, IGRAPH_PAGERANK_ALGO_PRPACK, &pr, NULL, igraph_vss_all(),
                            IGRAPH_UNDIRECTED, 0.85, &w, NULL))) {
    st = ig_fail(err, rc, "pagerank");
    goto cleanup;
  }
  if ((rc = core_betweenness(n, &ag, &len, &str, &btw))) {
    st = ig_fail(err, rc, "betweenness");
    goto cleanup;
  }
  int *ids = cg_xcalloc(na, sizeof(int));
  igraph_integer_t ncomp = 0;
  if ((rc = igraph_connected_components(&ag, &memb, &csize, &ncomp, IGRAPH_WEAK))) {
    free(ids);
    st = ig_fail(err, rc, "components");
    goto cleanup;
  }
  renumber(&memb, na, ids);
  for (size_t i = 0; i < na; i++) c->actors.items[i].component = ids[i];
  igraph_rng_seed(igraph_rng_default(), 42);
  if ((rc = igraph_community_multilevel(&ag, &w, 1.0, &memb, NULL, NULL))) {
    free(ids);
    st = ig_fail(err, rc, "communities");
    goto cleanup;
  }
  renumber(&memb, na, ids);
  for (size_t i = 0; i < na; i++) {
    cg_cactor *a = &c->actors.items[i];
    a->community = ids[i];
    a->degree = (double)VECTOR(deg)[i];
    a->strength = VECTOR(str)[i];
    a->pagerank = isfinite(VECTOR(pr)[i]) ? VECTOR(pr)[i] : 0.0;
    a->betweenness = isfinite(VECTOR(btw)[i]) ? VECTOR(btw)[i] : 0.0;
  }
  free(ids);

cleanup:
  if (g_ok) igraph_destroy(&ag);
  igraph_vector_int_destroy(&ev);
  igraph_vector_int_destroy(&memb);
  igraph_vector_int_destroy(&csize);
  igraph_vector_int_destroy(&deg);
  igraph_vector_destroy(&w);
  igraph_vector_destroy(&len);
  igraph_vector_destroy(&pr);
  igraph_vector_destroy(&btw);
  igraph_vector_destroy(&str);
  return st;
}

/* ------------------------------------------------------------ the full network */

typedef struct edge_rec {
  uint32_t from, to;
  const char *type, *role;
  double weight;
} edge_rec;

typedef CG_VEC(edge_rec) edge_vec;

typedef struct dated {
  int64_t earliest, latest;
  uint32_t idx;
} dated;

static int dated_cmp(const void *x, const void *y) {
  const dated *a = x, *b = y;
  if (a->earliest != b->earliest) return a->earliest < b->earliest ? -1 : 1;
  if (a->latest != b->latest) return a->latest < b->latest ? -1 : 1;
  return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Collects every edge of the full network in a deterministic order. */
static void collect_edges(const cg_network *n, edge_vec *out) {
  const cg_corpus *c = n->c;
  uint32_t A = (uint32_t)n->nev, D = (uint32_t)(n->nev + n->nact);
  for (size_t i = 0; i < c->events.len; i++) {
    const cg_cevent *e = &c->events.items[i];
    for (size_t k = 0; k < e->parts.len; k++) {
      const cg_cpart *p = &e->parts.items[k];
      if (p->actor >= c->actors.len) continue;
      CG_VEC_PUSH(out, ((edge_rec){A + p->actor, (uint32_t)i, "participant",
                                   cg_role_name(p->role), 1.0}));
    }
    for (size_t k = 0; k < e->mentions.len; k++) {
      uint32_t d = e->mentions.items[k].doc;
      if (d >= c->docs.len) continue;
      bool seen = false;
      for (size_t j = 0; j < k && !seen; j++) seen = e->mentions.items[j].doc == d;
      if (!seen) CG_VEC_PUSH(out, ((edge_rec){(uint32_t)i, D + d, "mention", "", 1.0}));
    }
  }
  for (size_t i = 0; i < n->naedges; i++)
    CG_VEC_PUSH(out, ((edge_rec){A + n->aedges[i].a, A + n->aedges[i].b, "interaction", "",
                                 n->aedges[i].weight}));
  /* temporal order: each dated event -> the first events starting after it ends */
  CG_VEC(dated) ds = {0};
  for (size_t i = 0; i < c->events.len; i++) {
    const cg_cevent *e = &c->events.items[i];
    if (e->dated && e->date.valid)
      CG_VEC_PUSH(&ds, ((dated){e->date.earliest, e->date.latest, (uint32_t)i}));
  }
  if (ds.len) qsort(ds.items, ds.len, sizeof(dated), dated_cmp);
  for (size_t i = 0; i < ds.len; i++) {
    size_t lo = i + 1, hi = ds.len; /* first j with earliest > latest_i */
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (ds.items[mid].earliest > ds.items[i].latest)
        hi = mid;
      else
        lo = mid + 1;
    }
    for (size_t j = lo; j < ds.len && ds.items[j].earliest == ds.items[lo].earliest; j++) {
      CG_VEC_PUSH(out, ((edge_rec){ds.items[i].idx, ds.items[j].idx, "before", "", 1.0}));
      if (j - lo >= 7) break; /* bound the fan-out on crowded days */
    }
  }
  free(ds.items);
}

/* Sets a string attribute after cleaning it (GraphML refuses control characters). */
static igraph_error_t set_vas(igraph_t *g, const char *name, igraph_integer_t v, const char *s) {
  char *clean = cg_esc_clean_dup(s);
  igraph_error_t rc = SETVAS(g, name, v, clean);
  free(clean);
  return rc;
}

/* Builds the full typed network with its attributes into *g (which the caller
 * destroys with igraph_destroy when *have_g is set, also after a failure). */
static cg_status build_graph(const cg_network *n, igraph_t *g, bool *have_g, cg_error *err) {
  const cg_corpus *c = n->c;
  igraph_error_t rc = IGRAPH_SUCCESS;
  igraph_integer_t nv = (igraph_integer_t)(n->nev + n->nact + n->ndoc);
  *have_g = false;
  if ((rc = igraph_empty(g, nv, IGRAPH_DIRECTED))) return ig_fail(err, rc, "graph");
  *have_g = true;
  char id[32];
  for (size_t i = 0; i < n->nev && !rc; i++) {
    const cg_cevent *e = &c->events.items[i];
    igraph_integer_t v = (igraph_integer_t)i;
    snprintf(id, sizeof id, "e%zu", i + 1);
    if ((rc = set_vas(g, "name", v, e->id ? e->id : id)) ||
        (rc = SETVAS(g, "type", v, "event")) || (rc = set_vas(g, "label", v, e->lemma)) ||
        (rc = set_vas(g, "class", v, e->cls)) ||
        (rc = set_vas(g, "date", v, e->dated ? e->value : "")) ||
        (rc = set_vas(g, "mod", v, e->mod)))
      break;
  }
  for (size_t i = 0; i < n->nact && !rc; i++) {
    const cg_cactor *a = &c->actors.items[i];
    igraph_integer_t v = (igraph_integer_t)(n->nev + i);
    snprintf(id, sizeof id, "a%zu", i + 1);
    if ((rc = set_vas(g, "name", v, a->id ? a->id : id)) ||
        (rc = SETVAS(g, "type", v, "actor")) || (rc = set_vas(g, "label", v, a->name)) ||
        (rc = SETVAS(g, "kind", v, cg_actor_kind_name(a->kind))) ||
        (rc = SETVAN(g, "degree", v, a->degree)) ||
        (rc = SETVAN(g, "strength", v, a->strength)) ||
        (rc = SETVAN(g, "pagerank", v, a->pagerank)) ||
        (rc = SETVAN(g, "betweenness", v, a->betweenness)) ||
        (rc = SETVAN(g, "community", v, a->community)) ||
        (rc = SETVAN(g, "component", v, a->component)))
      break;
  }
  for (size_t i = 0; i < n->ndoc && !rc; i++) {
    const cg_cdoc *d = &c->docs.items[i];
    igraph_integer_t v = (igraph_integer_t)(n->nev + n->nact + i);
    snprintf(id, sizeof id, "d%zu", i + 1);
    if ((rc = SETVAS(g, "name", v, id)) || (rc = SETVAS(g, "type", v, "document")) ||
        (rc = set_vas(g, "label", v, d->title ? d->title : d->id)) ||
        (rc = set_vas(g, "doc_id", v, d->id)) ||
        (rc = set_vas(g, "source", v, d->source)) ||
        (rc = set_vas(g, "date", v, d->dct)))
      break;
  }
  if (rc) return ig_fail(err, rc, "vertex attributes");

  edge_vec es = {0};
  collect_edges(n, &es);
  igraph_vector_int_t ev;
  if ((rc = igraph_vector_int_init(&ev, (igraph_integer_t)(2 * es.len)))) {
    free(es.items);
    return ig_fail(err, rc, "edges");
  }
  for (size_t i = 0; i < es.len; i++) {
    VECTOR(ev)[2 * i] = es.items[i].from;
    VECTOR(ev)[2 * i + 1] = es.items[i].to;
  }
  rc = igraph_add_edges(g, &ev, NULL); /* one batch: each call is O(V+E) */
  igraph_vector_int_destroy(&ev);
  for (size_t i = 0; i < es.len && !rc; i++) {
    igraph_integer_t e = (igraph_integer_t)i;
    if ((rc = SETEAS(g, "type", e, es.items[i].type)) ||
        (rc = SETEAS(g, "role", e, es.items[i].role)) ||
        (rc = SETEAN(g, "weight", e, es.items[i].weight)))
      break;
  }
  free(es.items);
  if (rc) return ig_fail(err, rc, "edge attributes");
  return CG_OK;
}

/* Builds the network and fills the actor metrics; *out is freed with
 * cg_network_free (also after a failure, *out is NULL then). */
cg_status cg_network_new(cg_network **out, cg_corpus *c, cg_error *err) {
  *out = NULL;
  if (!c) return cg_error_set(err, CG_EUSAGE, NULL, 0, 0, -1, "no corpus");
  igraph_setup();
  cg_network *n = cg_xcalloc(1, sizeof *n);
  n->c = c;
  n->nev = c->events.len;
  n->nact = c->actors.len;
  n->ndoc = c->docs.len;
  build_actor_edges(n);
  cg_status st = compute_metrics(n, err);
  if (st != CG_OK) {
    cg_network_free(n);
    return st;
  }
  c->has_metrics = true; /* `graph --format corpus` then carries them (docs/schema.md) */
  *out = n;
  return CG_OK;
}

void cg_network_free(cg_network *n) {
  if (!n) return;
  free(n->aedges);
  free(n);
}

/* Writes GraphML through igraph (attribute ids prefixed v_/e_). Strings were cleaned
 * when set, so igraph's refusal of control characters cannot trigger. */
cg_status cg_network_write_graphml(const cg_network *n, FILE *f, cg_error *err) {
  if (!n || !f) return cg_error_set(err, CG_EUSAGE, NULL, 0, 0, -1, "no network or file");
  igraph_setup();
  igraph_t g;
  bool have_g = false;
  cg_status st = build_graph(n, &g, &have_g, err); /* attributes exist only for this */
  igraph_error_t rc = st == CG_OK ? igraph_write_graph_graphml(&g, f, 1) : IGRAPH_SUCCESS;
  if (have_g) igraph_destroy(&g);
  if (st != CG_OK) return st;
  if (rc) return ig_fail(err, rc, "GraphML");
  if (ferror(f)) return cg_error_set(err, CG_EIO, NULL, 0, 0, -1, "write error");
  return CG_OK;
}

/* A JSON string of cleaned s (valid UTF-8 guaranteed). New reference. */
static json_t *jstr(const char *s) {
  char *clean = cg_esc_clean_dup(s);
  json_t *j = json_string(clean);
  free(clean);
  return j ? j : json_string("");
}

static char vertex_prefix(const cg_network *n, uint32_t v) {
  return v < n->nev ? 'e' : v < n->nev + n->nact ? 'a' : 'd';
}

/* The "name" a vertex has in the GraphML export: the corpus id, or a synthetic one. */
static json_t *vertex_name(const cg_network *n, uint32_t v) {
  const cg_corpus *c = n->c;
  const char *id = NULL;
  size_t k = v;
  if (v < n->nev) id = c->events.items[v].id;
  else if (v < n->nev + n->nact) k -= n->nev, id = c->actors.items[k].id;
  else k -= n->nev + n->nact; /* documents are always "d<N>" */
  if (id) return jstr(id);
  char buf[32];
  snprintf(buf, sizeof buf, "%c%zu", vertex_prefix(n, v), k + 1);
  return json_string(buf);
}

/* Returns {"nodes":[...],"links":[...]} with corpus ids ("e1", "a1") and "d1".. for
 * documents, from the corpus and the edge list (no igraph attributes are built).
 * New reference; caller json_decref()s. */
json_t *cg_network_to_json(const cg_network *n) {
  if (!n) return NULL;
  const cg_corpus *c = n->c;
  json_t *root = json_object(), *nodes = json_array(), *links = json_array();
  size_t nv = n->nev + n->nact + n->ndoc;
  for (size_t v = 0; v < nv; v++) {
    json_t *o = json_object();
    json_object_set_new(o, "id", vertex_name(n, (uint32_t)v));
    if (v < n->nev) {
      const cg_cevent *e = &c->events.items[v];
      json_object_set_new(o, "type", json_string("event"));
      json_object_set_new(o, "label", jstr(e->lemma));
      json_object_set_new(o, "class", jstr(e->cls));
      json_object_set_new(o, "date", e->dated && e->value[0] ? jstr(e->value) : json_null());
    } else if (v < n->nev + n->nact) {
      const cg_cactor *a = &c->actors.items[v - n->nev];
      json_object_set_new(o, "type", json_string("actor"));
      json_object_set_new(o, "label", jstr(a->name));
      json_object_set_new(o, "kind", json_string(cg_actor_kind_name(a->kind)));
      json_object_set_new(o, "degree", json_real(a->degree));
      json_object_set_new(o, "strength", json_real(a->strength));
      json_object_set_new(o, "pagerank", json_real(a->pagerank));
      json_object_set_new(o, "betweenness", json_real(a->betweenness));
      json_object_set_new(o, "community", json_integer(a->community));
      json_object_set_new(o, "component", json_integer(a->component));
    } else {
      const cg_cdoc *d = &c->docs.items[v - n->nev - n->nact];
      json_object_set_new(o, "type", json_string("document"));
      json_object_set_new(o, "label", jstr(d->title ? d->title : d->id));
      json_object_set_new(o, "doc_id", jstr(d->id));
    }
    json_array_append_new(nodes, o);
  }
  edge_vec es = {0};
  collect_edges(n, &es);
  for (size_t i = 0; i < es.len; i++) {
    const edge_rec *r = &es.items[i];
    json_t *o = json_object();
    json_object_set_new(o, "source", vertex_name(n, r->from));
    json_object_set_new(o, "target", vertex_name(n, r->to));
    json_object_set_new(o, "type", json_string(r->type));
    if (r->role && *r->role) json_object_set_new(o, "role", json_string(r->role));
    json_object_set_new(o, "weight", json_real(r->weight));
    json_array_append_new(links, o);
  }
  free(es.items);
  json_object_set_new(root, "directed", json_true());
  json_object_set_new(root, "nodes", nodes);
  json_object_set_new(root, "links", links);
  return root;
}

/* Borrowed array of actor-actor edges (a < b), valid while n lives. */
const cg_actor_edge *cg_network_actor_edges(const cg_network *n, size_t *count) {
  if (!n) {
    if (count) *count = 0;
    return NULL;
  }
  if (count) *count = n->naedges;
  return n->aedges;
}
