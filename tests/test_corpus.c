/* The corpus: actor identity by key, cross-document event merge rules, stable ids,
 * and rejection of malformed results without side effects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "pipeline.h"
#include "reader.h"

#include <glob.h>

/* One document with one event "invade" by actor key K1 (agent) on patient K2, dated
 * [lo, hi]; date NULL = undated. */
static json_t *doc_obj(const char *docid, const char *lemma, const char *agent_key,
                       const char *lo, const char *hi) {
  json_t *date = lo ? json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:n}", "earliest", lo, "latest", hi,
                                "granularity", strcmp(lo, hi) ? "year" : "day", "value", lo,
                                "mod", "", "rule", "timex-clause", "timex")
                    : json_null();
  json_error_t je;
  json_t *o = json_pack_ex(
      &je, 0,
      "{s:s,s:[{s:s,s:s}],s:[],"
      "s:[{s:s,s:s,s:s,s:s,s:[s],s:[{s:s,s:i,s:i,s:s}]},{s:s,s:s,s:s,s:s,s:[],s:[]}],"
      "s:[{s:s,s:s,s:{s:i,s:i,s:s,s:s},s:s,s:o,s:[{s:s,s:s},{s:s,s:s}],"
      "s:{s:i,s:i,s:s},s:f}]}",
      "chronograph", "1", "documents", "id", docid, "dct", "2025-12-07", "timexes", "actors",
      "id", "a1", "key", agent_key, "name", "Russia", "kind", "GPE", "aliases", "Moscow",
      "mentions", "doc", docid, "start", 0, "end", 6, "text", "Moscow", "id", "a2", "key",
      "gpe:UA", "name", "Ukraine", "kind", "GPE", "aliases", "mentions", "events", "id", "e1",
      "doc", docid, "trigger", "start", 10, "end", 18, "text", "invasion", "lemma", lemma,
      "class", "military_force", "date", date, "participants", "actor", "a1", "role", "agent",
      "actor", "a2", "role", "patient", "sentence", "start", 0, "end", 30, "text",
      "Moscow's invasion of Ukraine.", "confidence", 0.8);
  if (!o) fail_msg("json_pack: %s", je.text);
  return o;
}

static cg_corpus *corpus_of(json_t *a, json_t *b) {
  cg_corpus *c = cg_corpus_new();
  cg_error err;
  assert_int_equal(cg_corpus_add_json(c, a, "a", &err), CG_OK);
  assert_int_equal(cg_corpus_add_json(c, b, "b", &err), CG_OK);
  json_decref(a);
  json_decref(b);
  cg_corpus_finish(c);
  return c;
}

static void test_same_event_two_documents_merges(void **state) {
  (void)state;
  cg_corpus *c = corpus_of(doc_obj("d1", "invasion", "gpe:RU", "2022-01-01", "2022-12-31"),
                           doc_obj("d2", "invasion", "gpe:RU", "2022-02-24", "2022-02-24"));
  assert_int_equal(c->docs.len, 2);
  assert_int_equal(c->actors.len, 2); /* Russia and Ukraine, once each */
  assert_int_equal(c->events.len, 1);
  const cg_cevent *e = &c->events.items[0];
  assert_int_equal(e->mentions.len, 2);
  /* The day is more precise than the year it lies in, so it is kept. */
  assert_int_equal(e->date.gran, CG_GRAN_DAY);
  assert_int_equal(e->date.earliest, cg_days_from_civil(2022, 2, 24));
  const cg_cactor *ru = &c->actors.items[0];
  assert_string_equal(ru->name, "Russia");
  assert_int_equal(ru->mentions.len, 2);
  assert_int_equal(ru->aliases.len, 1);
  cg_corpus_free(c);
}

static void test_incompatible_dates_never_merge(void **state) {
  (void)state;
  cg_corpus *c = corpus_of(doc_obj("d1", "invasion", "gpe:RU", "2014-01-01", "2014-12-31"),
                           doc_obj("d2", "invasion", "gpe:RU", "2022-01-01", "2022-12-31"));
  assert_int_equal(c->events.len, 2);
  /* Sorted by date: 2014 first, ids follow. */
  assert_string_equal(c->events.items[0].id, "e1");
  assert_int_equal(c->events.items[0].date.earliest, cg_days_from_civil(2014, 1, 1));
  cg_corpus_free(c);
}

static void test_undated_never_merge(void **state) {
  (void)state;
  cg_corpus *c = corpus_of(doc_obj("d1", "invasion", "gpe:RU", NULL, NULL),
                           doc_obj("d2", "invasion", "gpe:RU", NULL, NULL));
  assert_int_equal(c->events.len, 2);
  cg_corpus_free(c);
}

static void test_different_lemma_or_actor_stay_apart(void **state) {
  (void)state;
  cg_corpus *c = corpus_of(doc_obj("d1", "invasion", "gpe:RU", "2022-01-01", "2022-12-31"),
                           doc_obj("d2", "annexation", "gpe:RU", "2022-01-01", "2022-12-31"));
  assert_int_equal(c->events.len, 2);
  cg_corpus_free(c);
  c = corpus_of(doc_obj("d1", "invasion", "gpe:RU", "2022-01-01", "2022-12-31"),
                doc_obj("d2", "invasion", "gpe:BY", "2022-01-01", "2022-12-31"));
  /* They still share the patient Ukraine in the same role: one event, two agents. */
  assert_int_equal(c->events.len, 1);
  assert_int_equal(c->events.items[0].parts.len, 3);
  cg_corpus_free(c);
}

static void test_no_merge_option(void **state) {
  (void)state;
  cg_corpus *c = cg_corpus_new();
  c->merge_events = false;
  json_t *a = doc_obj("d1", "invasion", "gpe:RU", "2022-01-01", "2022-12-31");
  json_t *b = doc_obj("d2", "invasion", "gpe:RU", "2022-01-01", "2022-12-31");
  assert_int_equal(cg_corpus_add_json(c, a, "a", NULL), CG_OK);
  assert_int_equal(cg_corpus_add_json(c, b, "b", NULL), CG_OK);
  cg_corpus_finish(c);
  assert_int_equal(c->events.len, 2);
  json_decref(a);
  json_decref(b);
  cg_corpus_free(c);
}

static void test_malformed_changes_nothing(void **state) {
  (void)state;
  cg_corpus *c = cg_corpus_new();
  cg_error err;
  json_t *bad = json_pack("{s:s,s:[{s:s}],s:[{s:s}]}", "chronograph", "1", "documents", "id",
                          "d1", "actors", "id", "a1"); /* actor without name or kind */
  assert_int_equal(cg_corpus_add_json(c, bad, "bad.json", &err), CG_EINPUT);
  assert_string_equal(err.file, "bad.json");
  assert_int_equal(c->docs.len, 0);
  json_decref(bad);
  json_t *wrong = json_pack("{s:s}", "chronograph", "2");
  assert_int_equal(cg_corpus_add_json(c, wrong, "v2.json", &err), CG_EINPUT);
  json_decref(wrong);
  cg_corpus_free(c);
}

static void test_json_roundtrip_is_stable(void **state) {
  (void)state;
  cg_corpus *c = corpus_of(doc_obj("d1", "invasion", "gpe:RU", "2022-01-01", "2022-12-31"),
                           doc_obj("d2", "invasion", "gpe:RU", "2022-02-24", "2022-02-24"));
  json_t *o1 = cg_corpus_to_json(c);
  /* Feeding the merged result back in gives the same result. */
  cg_corpus *c2 = cg_corpus_new();
  assert_int_equal(cg_corpus_add_json(c2, o1, "merged.json", NULL), CG_OK);
  cg_corpus_finish(c2);
  json_t *o2 = cg_corpus_to_json(c2);
  char *s1 = json_dumps(o1, JSON_COMPACT), *s2 = json_dumps(o2, JSON_COMPACT);
  assert_string_equal(s1, s2);
  free(s1);
  free(s2);
  json_decref(o1);
  json_decref(o2);
  cg_corpus_free(c);
  cg_corpus_free(c2);
}

static char *corpus_dump(cg_corpus *c) {
  cg_corpus_finish(c);
  json_t *o = cg_corpus_to_json(c);
  char *s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6));
  json_decref(o);
  return s;
}

/* The direct path (cg_corpus_add_docx) and the JSON round trip that shards take give
 * the same corpus, on every sample, with and without texts. */
static void test_add_docx_equals_json_path(void **state) {
  (void)state;
  cg_pipeline *p = NULL;
  cg_error err;
  assert_int_equal(cg_pipeline_new(&p, NULL, &err), CG_OK);
  glob_t g;
  assert_int_equal(glob(CG_SOURCE_DIR "/samples/*/input*", 0, NULL, &g), 0);
  cg_read_opts o = cg_read_opts_default();
  o.default_dct = "2025-12-07";
  for (int with_text = 0; with_text < 2; with_text++) {
    cg_corpus *direct = cg_corpus_new(), *viajson = cg_corpus_new();
    cg_reader *r = cg_reader_new((const char *const *)g.gl_pathv, g.gl_pathc, &o);
    size_t n = 0;
    for (;;) {
      cg_doc *d = NULL;
      if (cg_reader_next(r, &d, &err) != CG_OK) continue;
      if (!d) break;
      cg_docx *dx = cg_pipeline_run(p, d);
      assert_int_equal(cg_corpus_add_docx(direct, dx, with_text), CG_OK);
      json_t *j = cg_docx_to_json(dx, with_text);
      assert_int_equal(cg_corpus_add_json(viajson, j, "x", &err), CG_OK);
      json_decref(j);
      cg_docx_free(dx);
      n++;
    }
    cg_reader_free(r);
    assert_true(n >= 9);
    char *a = corpus_dump(direct), *b = corpus_dump(viajson);
    assert_true(strlen(a) > 1000);
    assert_string_equal(a, b);
    free(a);
    free(b);
    cg_corpus_free(direct);
    cg_corpus_free(viajson);
  }
  globfree(&g);
  cg_pipeline_free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_same_event_two_documents_merges),
      cmocka_unit_test(test_incompatible_dates_never_merge),
      cmocka_unit_test(test_undated_never_merge),
      cmocka_unit_test(test_different_lemma_or_actor_stay_apart),
      cmocka_unit_test(test_no_merge_option),
      cmocka_unit_test(test_malformed_changes_nothing),
      cmocka_unit_test(test_json_roundtrip_is_stable),
      cmocka_unit_test(test_add_docx_equals_json_path),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
