/* The corpus: actor identity by key, cross-document event merge rules, stable ids,
 * per-document sentence tables that event mentions refer to by index, and rejection
 * of malformed or schema-1 results without side effects. */
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

/* One document (its one sentence in its table) with one event "invade" by actor key
 * K1 (agent) on patient K2, dated [lo, hi]; date NULL = undated. The event and its
 * mention refer to sentence 0. */
static json_t *doc_obj(const char *docid, const char *lemma, const char *agent_key,
                       const char *lo, const char *hi) {
  json_t *date = lo ? json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:n}", "earliest", lo, "latest", hi,
                                "granularity", strcmp(lo, hi) ? "year" : "day", "value", lo,
                                "mod", "", "rule", "timex-clause", "timex")
                    : json_null();
  json_error_t je;
  json_t *o = json_pack_ex(
      &je, 0,
      "{s:s,s:[{s:s,s:s,s:[{s:i,s:i,s:s}]}],s:[],"
      "s:[{s:s,s:s,s:s,s:s,s:[s],s:[{s:s,s:i,s:i,s:s}]},{s:s,s:s,s:s,s:s,s:[],s:[]}],"
      "s:[{s:s,s:s,s:{s:i,s:i,s:s,s:s},s:s,s:o,s:[{s:s,s:s},{s:s,s:s}],"
      "s:i,s:f,s:[{s:s,s:{s:i,s:i,s:s},s:i}]}]}",
      "chronograph", "2", "documents", "id", docid, "dct", "2025-12-07", "sentences", "start", 0,
      "end", 29, "text", "Moscow's invasion of Ukraine.", "timexes", "actors",
      "id", "a1", "key", agent_key, "name", "Russia", "kind", "GPE", "aliases", "Moscow",
      "mentions", "doc", docid, "start", 0, "end", 6, "text", "Moscow", "id", "a2", "key",
      "gpe:UA", "name", "Ukraine", "kind", "GPE", "aliases", "mentions", "events", "id", "e1",
      "doc", docid, "trigger", "start", 9, "end", 17, "text", "invasion", "lemma", lemma,
      "class", "military_force", "date", date, "participants", "actor", "a1", "role", "agent",
      "actor", "a2", "role", "patient", "sentence", 0, "confidence", 0.8, "mentions", "doc",
      docid, "trigger", "start", 9, "end", 17, "text", "invasion", "sentence", 0);
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
  json_t *bad = json_pack("{s:s,s:[{s:s,s:[]}],s:[{s:s}]}", "chronograph", "2", "documents",
                          "id", "d1", "sentences", "actors", "id",
                          "a1"); /* actor without name or kind */
  assert_int_equal(cg_corpus_add_json(c, bad, "bad.json", &err), CG_EINPUT);
  assert_string_equal(err.file, "bad.json");
  assert_int_equal(c->docs.len, 0);
  json_decref(bad);
  json_t *wrong = json_pack("{s:s}", "chronograph", "3");
  assert_int_equal(cg_corpus_add_json(c, wrong, "v3.json", &err), CG_EINPUT);
  json_decref(wrong);
  cg_corpus_free(c);
}

/* Sentence references that do not resolve are refused as a whole: an index past the
 * table, a sentence still given as an object, a document without its table, a
 * document listed twice (its indices would be ambiguous), an index into a document
 * the object does not list. */
static void test_bad_sentence_refs_change_nothing(void **state) {
  (void)state;
  static const char *const bad[] = {
      "{\"chronograph\":\"2\",\"documents\":[{\"id\":\"d\",\"sentences\":[{\"start\":0,"
      "\"end\":2,\"text\":\"Hi\"}]}],\"events\":[{\"id\":\"e1\",\"doc\":\"d\",\"trigger\":{},"
      "\"sentence\":1}]}",
      "{\"chronograph\":\"2\",\"documents\":[{\"id\":\"d\",\"sentences\":[{\"start\":0,"
      "\"end\":2,\"text\":\"Hi\"}]}],\"events\":[{\"id\":\"e1\",\"doc\":\"d\",\"trigger\":{},"
      "\"sentence\":0,\"mentions\":[{\"doc\":\"d\",\"trigger\":{},\"sentence\":-1}]}]}",
      "{\"chronograph\":\"2\",\"documents\":[{\"id\":\"d\",\"sentences\":[]}],\"events\":[{"
      "\"id\":\"e1\",\"doc\":\"d\",\"trigger\":{},\"sentence\":{\"start\":0,\"end\":2,"
      "\"text\":\"Hi\"}}]}",
      "{\"chronograph\":\"2\",\"documents\":[{\"id\":\"d\"}]}",
      "{\"chronograph\":\"2\",\"documents\":[{\"id\":\"d\",\"sentences\":[{\"start\":0}]}]}",
      "{\"chronograph\":\"2\",\"documents\":[{\"id\":\"d\",\"sentences\":[]},{\"id\":\"d\","
      "\"sentences\":[]}]}",
      "{\"chronograph\":\"2\",\"documents\":[],\"events\":[{\"id\":\"e1\",\"doc\":\"x\","
      "\"trigger\":{},\"sentence\":0}]}",
  };
  cg_corpus *c = cg_corpus_new();
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    json_error_t je;
    json_t *o = json_loads(bad[i], 0, &je);
    if (!o) fail_msg("case %zu: %s", i, je.text);
    cg_error err;
    cg_error_clear(&err);
    if (cg_corpus_add_json(c, o, "bad.jsonl", &err) != CG_EINPUT)
      fail_msg("case %zu was accepted: %s", i, bad[i]);
    assert_non_null(strstr(err.msg, "not a chronograph result"));
    json_decref(o);
  }
  assert_int_equal(c->docs.len, 0);
  assert_int_equal(c->events.len, 0);
  /* the control: the first case with an index that resolves is read */
  json_t *good = json_loads(
      "{\"chronograph\":\"2\",\"documents\":[{\"id\":\"d\",\"sentences\":[{\"start\":0,"
      "\"end\":2,\"text\":\"Hi\"}]}],\"events\":[{\"id\":\"e1\",\"doc\":\"d\",\"trigger\":{},"
      "\"sentence\":0}]}",
      0, NULL);
  assert_int_equal(cg_corpus_add_json(c, good, "good.jsonl", NULL), CG_OK);
  cg_corpus_finish(c);
  assert_int_equal(c->events.len, 1);
  assert_string_equal(cg_emention_sentence(c, &c->events.items[0].mentions.items[0])->text, "Hi");
  json_decref(good);
  cg_corpus_free(c);
}

/* A schema-1 result (the sentence text inside every event) is refused with a message
 * that names the file and says to re-run extract: never read as if it were schema 2. */
static void test_schema1_refused(void **state) {
  (void)state;
  json_t *old = json_loads(
      "{\"chronograph\":\"1\",\"documents\":[{\"id\":\"d\"}],\"timexes\":[],\"actors\":[],"
      "\"events\":[{\"id\":\"e1\",\"doc\":\"d\",\"trigger\":{\"start\":0,\"end\":2,\"text\":"
      "\"Hi\",\"lemma\":\"hi\"},\"sentence\":{\"start\":0,\"end\":3,\"text\":\"Hi.\"}}]}",
      0, NULL);
  assert_non_null(old);
  assert_true(cg_corpus_other_schema(old));
  cg_corpus *c = cg_corpus_new();
  cg_error err;
  assert_int_equal(cg_corpus_add_json(c, old, "shards/old.jsonl", &err), CG_EINPUT);
  char msg[1600];
  cg_error_format(&err, msg, sizeof msg);
  assert_non_null(strstr(msg, "shards/old.jsonl"));
  assert_non_null(strstr(msg, "schema-1"));
  assert_non_null(strstr(msg, "re-run 'chronograph extract'"));
  assert_int_equal(c->docs.len, 0);
  assert_int_equal(c->events.len, 0);
  json_decref(old);
  cg_corpus_free(c);
}

/* Every event mention of c names a sentence of its document that contains its
 * trigger at the trigger's offsets, and (with texts) the sentence is the document's
 * text at the sentence's offsets. Returns the number of mentions checked. */
static size_t check_mention_sentences(const cg_corpus *c) {
  size_t n = 0;
  for (size_t i = 0; i < c->events.len; i++) {
    const cg_cevent *e = &c->events.items[i];
    for (size_t k = 0; k < e->mentions.len; k++, n++) {
      const cg_emention *m = &e->mentions.items[k];
      const cg_csent *s = cg_emention_sentence(c, m);
      if (!s) fail_msg("event %s mention %zu: no sentence", e->id, k);
      assert_true(s->start <= m->trig_start && m->trig_end <= s->end);
      assert_int_equal(strlen(s->text), s->end - s->start);
      assert_memory_equal(s->text + (m->trig_start - s->start), m->trigger, m->trig_end - m->trig_start);
      const char *text = c->docs.items[m->doc].text;
      assert_non_null(text);
      assert_memory_equal(text + s->start, s->text, s->end - s->start);
    }
  }
  return n;
}

/* Two shards written by the direct JSONL writer (one sample each), parsed back and
 * merged: every event's sentence index resolves, through its document's table, to
 * the sentence that holds its trigger in the document's text; and the merged
 * result read again resolves the same way. */
static void test_sentence_index_after_merge(void **state) {
  (void)state;
  cg_pipeline *p = NULL;
  cg_error err;
  assert_int_equal(cg_pipeline_new(&p, NULL, &err), CG_OK);
  const char *paths[] = {CG_SOURCE_DIR "/samples/nss-kremlin/input.txt",
                         CG_SOURCE_DIR "/samples/crimea-annexation/input.html"};
  cg_read_opts o = cg_read_opts_default();
  o.default_dct = "2025-12-07";
  cg_corpus *c = cg_corpus_new();
  for (size_t i = 0; i < 2; i++) {
    cg_reader *r = cg_reader_new(&paths[i], 1, &o);
    cg_doc *d = NULL;
    assert_int_equal(cg_reader_next(r, &d, &err), CG_OK);
    assert_non_null(d);
    cg_docx *dx = cg_pipeline_run(p, d);
    cg_buf line = {0};
    cg_docx_write_json(dx, true, &line); /* one shard line, as extract --format jsonl */
    json_t *j = json_loads(line.data, 0, NULL);
    assert_non_null(j);
    assert_int_equal(cg_corpus_add_json(c, j, paths[i], &err), CG_OK);
    json_decref(j);
    cg_buf_free(&line);
    cg_docx_free(dx);
    cg_reader_free(r);
  }
  cg_corpus_finish(c);
  assert_int_equal(c->docs.len, 2);
  assert_true(c->docs.items[0].sents.len > 5 && c->docs.items[1].sents.len > 5);
  assert_true(check_mention_sentences(c) > 20);
  /* a known event: the 2014 annexation is told in the sentence about Crimea */
  bool seen = false;
  for (size_t i = 0; i < c->events.len; i++) {
    const cg_cevent *e = &c->events.items[i];
    if (strcmp(e->lemma, "annexation") || !e->dated || strcmp(e->value, "2014")) continue;
    const cg_csent *s = cg_emention_sentence(c, &e->mentions.items[0]);
    seen = seen || (s && strstr(s->text, "annexation of Crimea"));
  }
  assert_true(seen);
  /* the merged result, read again, numbers sentences the same way */
  json_t *merged = cg_corpus_to_json(c);
  cg_corpus *c2 = cg_corpus_new();
  assert_int_equal(cg_corpus_add_json(c2, merged, "merged.json", &err), CG_OK);
  cg_corpus_finish(c2);
  assert_int_equal(check_mention_sentences(c2), check_mention_sentences(c));
  json_decref(merged);
  cg_corpus_free(c2);
  cg_corpus_free(c);
  cg_pipeline_free(p);
}

/* A document id met again: with the same sentences the table stays as it was; with
 * other sentences (another input reusing the id) they are appended and the second
 * input's indices are shifted to them, so each mention keeps its own sentence. */
static void test_reused_document_id(void **state) {
  (void)state;
  cg_corpus *c = cg_corpus_new();
  json_t *a = doc_obj("d1", "invasion", "gpe:RU", NULL, NULL);
  json_t *b = doc_obj("d1", "invasion", "gpe:RU", NULL, NULL);
  assert_int_equal(cg_corpus_add_json(c, a, "a", NULL), CG_OK);
  assert_int_equal(cg_corpus_add_json(c, b, "b", NULL), CG_OK);
  assert_int_equal(c->docs.len, 1);
  assert_int_equal(c->docs.items[0].sents.len, 1);
  json_t *other = json_loads(
      "{\"chronograph\":\"2\",\"documents\":[{\"id\":\"d1\",\"sentences\":[{\"start\":0,"
      "\"end\":5,\"text\":\"Other\"},{\"start\":6,\"end\":21,\"text\":\"Kyiv was shelled.\"}]}],"
      "\"events\":[{\"id\":\"e1\",\"doc\":\"d1\",\"trigger\":{\"start\":11,\"end\":14,"
      "\"text\":\"was\",\"lemma\":\"shell\"},\"sentence\":1}]}",
      0, NULL);
  assert_non_null(other);
  assert_int_equal(cg_corpus_add_json(c, other, "c", NULL), CG_OK);
  cg_corpus_finish(c);
  assert_int_equal(c->docs.items[0].sents.len, 3);
  assert_string_equal(c->docs.items[0].sents.items[0].text, "Moscow's invasion of Ukraine.");
  for (size_t i = 0; i < c->events.len; i++) {
    const cg_cevent *e = &c->events.items[i];
    const cg_csent *s = cg_emention_sentence(c, &e->mentions.items[0]);
    assert_non_null(s);
    assert_string_equal(s->text, strcmp(e->lemma, "shell") ? "Moscow's invasion of Ukraine."
                                                            : "Kyiv was shelled.");
  }
  json_decref(a);
  json_decref(b);
  json_decref(other);
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
      cmocka_unit_test(test_bad_sentence_refs_change_nothing),
      cmocka_unit_test(test_schema1_refused),
      cmocka_unit_test(test_sentence_index_after_merge),
      cmocka_unit_test(test_reused_document_id),
      cmocka_unit_test(test_json_roundtrip_is_stable),
      cmocka_unit_test(test_add_docx_equals_json_path),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
