/* The igraph network: structure, metrics, determinism, GraphML and JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "network.h"
#include "render_fixture.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <string.h>

static int find_actor(const cg_corpus *c, const char *name) {
  for (size_t i = 0; i < c->actors.len; i++)
    if (!strcmp(c->actors.items[i].name, name)) return (int)i;
  return -1;
}

static double edge_weight(const cg_network *n, int a, int b) {
  size_t count = 0;
  const cg_actor_edge *e = cg_network_actor_edges(n, &count);
  for (size_t i = 0; i < count; i++) {
    assert_true(e[i].a < e[i].b);
    if ((int)e[i].a == (a < b ? a : b) && (int)e[i].b == (a < b ? b : a)) return e[i].weight;
  }
  return 0;
}

static void metrics_of_the_sample(void **state) {
  (void)state;
  cg_corpus *c = fx_ukraine();
  cg_network *n = NULL;
  cg_error err = {0};
  assert_int_equal(cg_network_new(&n, c, &err), CG_OK);
  int ru = find_actor(c, "Russia"), ua = find_actor(c, "Ukraine"), us = find_actor(c, "United States");
  int cr = find_actor(c, "Crimea");
  /* shared events: US and Ukraine meet and aid (2), Russia and Ukraine only the invasion
   * (the undated EU-Russia talk counts too: interaction does not need a date) */
  assert_true(edge_weight(n, us, ua) == 2.0);
  assert_true(edge_weight(n, ru, ua) == 1.0);
  assert_true(edge_weight(n, cr, ua) == 0.0);
  const cg_cactor *R = &c->actors.items[ru];
  assert_true(R->degree == 4.0);   /* Crimea, Ukraine, EU, US */
  assert_true(R->strength == 5.0); /* annex, sanction, invade, warn, talk */
  for (size_t i = 0; i < c->actors.len; i++) {
    const cg_cactor *a = &c->actors.items[i];
    assert_true(isfinite(a->pagerank) && a->pagerank > 0);
    if ((int)i != ru) assert_true(a->pagerank < R->pagerank);
    assert_int_equal(a->component, 0); /* the sample is connected */
    assert_true(a->community >= 0);
  }
  assert_true(R->betweenness > 0);
  assert_true(c->actors.items[cr].betweenness == 0); /* a leaf */
  cg_network_free(n);
  fx_free(c);
}

static void deterministic(void **state) {
  (void)state;
  char *dump[2];
  int comm[2][16];
  for (int run = 0; run < 2; run++) {
    cg_corpus *c = fx_ukraine();
    cg_network *n = NULL;
    assert_int_equal(cg_network_new(&n, c, NULL), CG_OK);
    json_t *j = cg_network_to_json(n);
    dump[run] = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(j);
    for (size_t i = 0; i < c->actors.len; i++) comm[run][i] = c->actors.items[i].community;
    cg_network_free(n);
    fx_free(c);
  }
  assert_string_equal(dump[0], dump[1]);
  assert_memory_equal(comm[0], comm[1], 6 * sizeof(int));
  free(dump[0]);
  free(dump[1]);
}

static void components_and_communities(void **state) {
  (void)state;
  /* two cliques of four joined by nothing: two components, two communities; the
   * bigger clique (five) gets id 0 */
  cg_corpus *c = fx_new();
  uint32_t d = fx_doc(c, "d", "t", "2020-01-01");
  int a[9];
  for (int i = 0; i < 9; i++) {
    char nm[32];
    snprintf(nm, sizeof nm, "Actor %d", i);
    a[i] = (int)fx_actor(c, nm, CG_ACTOR_PERSON, NULL);
  }
  for (int i = 0; i < 4; i++)
    for (int j = i + 1; j < 4; j++) fx_event(c, "meet", "consult", "2020", "", a[i], a[j], d, "s");
  for (int i = 4; i < 9; i++)
    for (int j = i + 1; j < 9; j++) fx_event(c, "meet", "consult", "2021", "", a[i], a[j], d, "s");
  cg_network *n = NULL;
  assert_int_equal(cg_network_new(&n, c, NULL), CG_OK);
  for (int i = 0; i < 9; i++) {
    assert_int_equal(c->actors.items[a[i]].component, i < 4 ? 1 : 0);
    assert_int_equal(c->actors.items[a[i]].community, i < 4 ? 1 : 0);
    assert_true(c->actors.items[a[i]].degree == (i < 4 ? 3.0 : 4.0));
  }
  cg_network_free(n);
  fx_free(c);
}

static size_t count_elements(xmlNode *n, const char *name) {
  size_t k = 0;
  for (; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name)) k++;
    k += count_elements(n->children, name);
  }
  return k;
}

static void graphml_and_json(void **state) {
  (void)state;
  cg_corpus *c = fx_hostile(); /* control characters must not break GraphML */
  cg_network *n = NULL;
  assert_int_equal(cg_network_new(&n, c, NULL), CG_OK);
  FILE *f = tmpfile();
  assert_non_null(f);
  cg_error err = {0};
  assert_int_equal(cg_network_write_graphml(n, f, &err), CG_OK);
  long len = ftell(f);
  rewind(f);
  char *buf = malloc((size_t)len + 1);
  assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
  fclose(f);
  xmlDoc *doc = xmlReadMemory(buf, (int)len, "g.graphml", "UTF-8", XML_PARSE_NONET);
  assert_non_null(doc); /* well-formed despite the hostile strings */
  size_t nv = c->events.len + c->actors.len + c->docs.len;
  assert_int_equal(count_elements(xmlDocGetRootElement(doc), "node"), nv);
  xmlFreeDoc(doc);
  free(buf);

  json_t *j = cg_network_to_json(n);
  assert_int_equal(json_array_size(json_object_get(j, "nodes")), nv);
  json_t *links = json_object_get(j, "links");
  size_t types[4] = {0};
  const char *names[4] = {"participant", "mention", "interaction", "before"};
  for (size_t i = 0; i < json_array_size(links); i++) {
    const char *t = json_string_value(json_object_get(json_array_get(links, i), "type"));
    for (int k = 0; k < 4; k++)
      if (t && !strcmp(t, names[k])) types[k]++;
  }
  for (int k = 0; k < 4; k++) assert_true(types[k] > 0);
  char *s = json_dumps(j, 0);
  assert_non_null(s); /* every string valid UTF-8, or jansson would have refused it */
  free(s);
  json_decref(j);
  cg_network_free(n);
  fx_free(c);
}

static void temporal_order(void **state) {
  (void)state;
  cg_corpus *c = fx_ukraine();
  cg_network *n = NULL;
  assert_int_equal(cg_network_new(&n, c, NULL), CG_OK);
  json_t *j = cg_network_to_json(n);
  json_t *links = json_object_get(j, "links");
  size_t before = 0;
  for (size_t i = 0; i < json_array_size(links); i++) {
    json_t *l = json_array_get(links, i);
    if (strcmp(json_string_value(json_object_get(l, "type")), "before")) continue;
    before++;
    /* source ends before target starts */
    const char *s = json_string_value(json_object_get(l, "source"));
    const char *t = json_string_value(json_object_get(l, "target"));
    const cg_cevent *es = NULL, *et = NULL;
    for (size_t k = 0; k < c->events.len; k++) {
      if (!strcmp(c->events.items[k].id, s)) es = &c->events.items[k];
      if (!strcmp(c->events.items[k].id, t)) et = &c->events.items[k];
    }
    assert_non_null(es);
    assert_non_null(et);
    assert_true(es->date.latest < et->date.earliest);
  }
  assert_true(before >= 4);
  json_decref(j);
  cg_network_free(n);
  fx_free(c);
}

static void empty_corpus(void **state) {
  (void)state;
  cg_corpus *c = fx_new();
  cg_network *n = NULL;
  assert_int_equal(cg_network_new(&n, c, NULL), CG_OK);
  size_t count = 99;
  cg_network_actor_edges(n, &count);
  assert_int_equal(count, 0);
  json_t *j = cg_network_to_json(n);
  assert_int_equal(json_array_size(json_object_get(j, "nodes")), 0);
  json_decref(j);
  cg_network_free(n);
  cg_network_free(NULL);
  fx_free(c);
}

/* Above 1,000 actors betweenness is computed on the 1,000 strongest (graph/network.c):
 * two stars joined through a broker B; the broker's betweenness counts the pairs of
 * core actors it separates, and an actor outside the core has 0. */
static void betweenness_core_bound(void **state) {
  (void)state;
  cg_corpus *c = fx_new();
  uint32_t d = fx_doc(c, "d", "t", "2020-01-01");
  for (int i = 0; i < 1201; i++) {
    char nm[32];
    snprintf(nm, sizeof nm, "Actor %d", i);
    fx_actor(c, nm, CG_ACTOR_PERSON, NULL);
  }
  fx_event(c, "meet", "consult", "2020", "", 0, 2, d, "s"); /* hub 1 - broker */
  fx_event(c, "meet", "consult", "2020", "", 1, 2, d, "s"); /* hub 2 - broker */
  for (int i = 3; i < 603; i++) fx_event(c, "meet", "consult", "2020", "", 0, i, d, "s");
  for (int i = 603; i < 1201; i++) fx_event(c, "meet", "consult", "2020", "", 1, i, d, "s");
  cg_network *n = NULL;
  assert_int_equal(cg_network_new(&n, c, NULL), CG_OK);
  /* core: hubs, broker and the 997 lowest-index leaves (3..999): hub 1's side has
   * 601 actors, hub 2's side 1 + 397 */
  assert_true(fabs(c->actors.items[2].betweenness - 601.0 * 398.0) < 1e-6);
  assert_true(c->actors.items[1].betweenness > 0);
  assert_true(c->actors.items[1200].betweenness == 0);
  assert_true(c->actors.items[1200].degree == 1.0); /* other metrics stay exact */
  assert_true(c->actors.items[1].degree == 599.0);
  cg_network_free(n);
  fx_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(metrics_of_the_sample), cmocka_unit_test(deterministic),
      cmocka_unit_test(components_and_communities), cmocka_unit_test(graphml_and_json),
      cmocka_unit_test(temporal_order), cmocka_unit_test(empty_corpus),
      cmocka_unit_test(betweenness_core_bound),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
