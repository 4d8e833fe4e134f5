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

struct cg_network {
  igraph_t g;
  bool have_g;
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
  if ((rc = igraph_betweenness(&ag, &btw, igraph_vss_all(), IGRAPH_UNDIRECTED, &len))) {
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

static cg_status build_graph(cg_network *n, cg_error *err) {
  const cg_corpus *c = n->c;
  igraph_error_t rc = IGRAPH_SUCCESS;
  igraph_integer_t nv = (igraph_integer_t)(n->nev + n->nact + n->ndoc);
  if ((rc = igraph_empty(&n->g, nv, IGRAPH_DIRECTED))) return ig_fail(err, rc, "graph");
  n->have_g = true;
  char id[32];
  for (size_t i = 0; i < n->nev && !rc; i++) {
    const cg_cevent *e = &c->events.items[i];
    igraph_integer_t v = (igraph_integer_t)i;
    snprintf(id, sizeof id, "e%zu", i + 1);
    if ((rc = set_vas(&n->g, "name", v, e->id ? e->id : id)) ||
        (rc = SETVAS(&n->g, "type", v, "event")) || (rc = set_vas(&n->g, "label", v, e->lemma)) ||
        (rc = set_vas(&n->g, "class", v, e->cls)) ||
        (rc = set_vas(&n->g, "date", v, e->dated ? e->value : "")) ||
        (rc = set_vas(&n->g, "mod", v, e->mod)))
      break;
  }
  for (size_t i = 0; i < n->nact && !rc; i++) {
    const cg_cactor *a = &c->actors.items[i];
    igraph_integer_t v = (igraph_integer_t)(n->nev + i);
    snprintf(id, sizeof id, "a%zu", i + 1);
    if ((rc = set_vas(&n->g, "name", v, a->id ? a->id : id)) ||
        (rc = SETVAS(&n->g, "type", v, "actor")) || (rc = set_vas(&n->g, "label", v, a->name)) ||
        (rc = SETVAS(&n->g, "kind", v, cg_actor_kind_name(a->kind))) ||
        (rc = SETVAN(&n->g, "degree", v, a->degree)) ||
        (rc = SETVAN(&n->g, "strength", v, a->strength)) ||
        (rc = SETVAN(&n->g, "pagerank", v, a->pagerank)) ||
        (rc = SETVAN(&n->g, "betweenness", v, a->betweenness)) ||
        (rc = SETVAN(&n->g, "community", v, a->community)) ||
        (rc = SETVAN(&n->g, "component", v, a->component)))
      break;
  }
  for (size_t i = 0; i < n->ndoc && !rc; i++) {
    const cg_cdoc *d = &c->docs.items[i];
    igraph_integer_t v = (igraph_integer_t)(n->nev + n->nact + i);
    snprintf(id, sizeof id, "d%zu", i + 1);
    if ((rc = SETVAS(&n->g, "name", v, id)) || (rc = SETVAS(&n->g, "type", v, "document")) ||
        (rc = set_vas(&n->g, "label", v, d->title ? d->title : d->id)) ||
        (rc = set_vas(&n->g, "doc_id", v, d->id)) ||
        (rc = set_vas(&n->g, "source", v, d->source)) ||
        (rc = set_vas(&n->g, "date", v, d->dct)))
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
  rc = igraph_add_edges(&n->g, &ev, NULL); /* one batch: each call is O(V+E) */
  igraph_vector_int_destroy(&ev);
  for (size_t i = 0; i < es.len && !rc; i++) {
    igraph_integer_t e = (igraph_integer_t)i;
    if ((rc = SETEAS(&n->g, "type", e, es.items[i].type)) ||
        (rc = SETEAS(&n->g, "role", e, es.items[i].role)) ||
        (rc = SETEAN(&n->g, "weight", e, es.items[i].weight)))
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
  if (st == CG_OK) st = build_graph(n, err);
  if (st != CG_OK) {
    cg_network_free(n);
    return st;
  }
  *out = n;
  return CG_OK;
}

void cg_network_free(cg_network *n) {
  if (!n) return;
  if (n->have_g) igraph_destroy(&n->g);
  free(n->aedges);
  free(n);
}

/* Writes GraphML through igraph (attribute ids prefixed v_/e_). Strings were cleaned
 * when set, so igraph's refusal of control characters cannot trigger. */
cg_status cg_network_write_graphml(const cg_network *n, FILE *f, cg_error *err) {
  if (!n || !f) return cg_error_set(err, CG_EUSAGE, NULL, 0, 0, -1, "no network or file");
  igraph_setup();
  igraph_error_t rc = igraph_write_graph_graphml(&n->g, f, 1);
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

/* Returns {"nodes":[...],"links":[...]} with corpus ids ("e1", "a1") and "d1".. for
 * documents. New reference; caller json_decref()s. */
json_t *cg_network_to_json(const cg_network *n) {
  if (!n) return NULL;
  json_t *root = json_object(), *nodes = json_array(), *links = json_array();
  igraph_integer_t nv = igraph_vcount(&n->g), ne = igraph_ecount(&n->g);
  for (igraph_integer_t v = 0; v < nv; v++) {
    json_t *o = json_object();
    json_object_set_new(o, "id", jstr(VAS(&n->g, "name", v)));
    const char *type = VAS(&n->g, "type", v);
    json_object_set_new(o, "type", jstr(type));
    json_object_set_new(o, "label", jstr(VAS(&n->g, "label", v)));
    if ((size_t)v < n->nev) {
      json_object_set_new(o, "class", jstr(VAS(&n->g, "class", v)));
      const char *d = VAS(&n->g, "date", v);
      json_object_set_new(o, "date", d && *d ? jstr(d) : json_null());
    } else if ((size_t)v < n->nev + n->nact) {
      const cg_cactor *a = &n->c->actors.items[v - (igraph_integer_t)n->nev];
      json_object_set_new(o, "kind", json_string(cg_actor_kind_name(a->kind)));
      json_object_set_new(o, "degree", json_real(a->degree));
      json_object_set_new(o, "strength", json_real(a->strength));
      json_object_set_new(o, "pagerank", json_real(a->pagerank));
      json_object_set_new(o, "betweenness", json_real(a->betweenness));
      json_object_set_new(o, "community", json_integer(a->community));
      json_object_set_new(o, "component", json_integer(a->component));
    } else {
      json_object_set_new(o, "doc_id", jstr(VAS(&n->g, "doc_id", v)));
    }
    json_array_append_new(nodes, o);
  }
  for (igraph_integer_t e = 0; e < ne; e++) {
    json_t *o = json_object();
    json_object_set_new(o, "source", jstr(VAS(&n->g, "name", IGRAPH_FROM(&n->g, e))));
    json_object_set_new(o, "target", jstr(VAS(&n->g, "name", IGRAPH_TO(&n->g, e))));
    json_object_set_new(o, "type", jstr(EAS(&n->g, "type", e)));
    const char *role = EAS(&n->g, "role", e);
    if (role && *role) json_object_set_new(o, "role", jstr(role));
    json_object_set_new(o, "weight", json_real(EAN(&n->g, "weight", e)));
    json_array_append_new(links, o);
  }
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
