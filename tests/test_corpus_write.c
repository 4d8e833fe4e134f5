/* The direct corpus writer (graph/corpus_write.c) writes the bytes jansson dumps
 * for cg_corpus_to_json with JSON_INDENT(2) | JSON_REAL_PRECISION(6): on every
 * bundled sample (alone and together, with and without texts and actor metrics),
 * on corpora merged from JSONL-style shards, and on hand-built corpora with hostile
 * strings and odd numbers; the stream variant writes the same bytes in blocks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "network.h"
#include "pipeline.h"
#include "reader.h"
#include "render_fixture.h"

/* What the writer must match: the tree, dumped as the CLI used to dump it. */
static char *tree_text(const cg_corpus *c) {
  json_t *o = cg_corpus_to_json(c);
  assert_non_null(o);
  char *s = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
  json_decref(o);
  assert_non_null(s);
  return s;
}

static void assert_same_text(const char *want, const char *got, size_t got_len, const char *what) {
  if (strlen(want) == got_len && memcmp(want, got, got_len) == 0) return;
  size_t i = 0;
  while (want[i] && i < got_len && want[i] == got[i]) i++;
  size_t from = i > 60 ? i - 60 : 0;
  fail_msg("%s: differs at byte %zu (lengths %zu, %zu)\n  Expected: %.160s\n  Got:      %.160s",
           what, i, strlen(want), got_len, want + from, got + from);
}

/* The stream variant's bytes, through a temporary file. */
static char *dumped_text(const cg_corpus *c, size_t *len) {
  FILE *f = tmpfile();
  assert_non_null(f);
  assert_int_equal(cg_corpus_dump_json(c, f), 0);
  long n = ftell(f);
  assert_true(n >= 0);
  rewind(f);
  char *s = cg_xmalloc((size_t)n + 1);
  assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
  s[n] = '\0';
  fclose(f);
  *len = (size_t)n;
  return s;
}

/* Both writer variants against the tree; returns the length of the text. */
static size_t assert_writes_like_tree(const cg_corpus *c, const char *what) {
  char *want = tree_text(c);
  cg_buf got = {0};
  cg_corpus_write_json(c, &got);
  assert_same_text(want, got.data, got.len, what);
  size_t n;
  char *dumped = dumped_text(c, &n);
  assert_same_text(want, dumped, n, what);
  size_t len = got.len;
  free(dumped);
  cg_buf_free(&got);
  free(want);
  return len;
}

/* The same corpus with the actor metrics of its network. cg_network_new fills the
 * metrics but does not set has_metrics (so `graph --format corpus` writes none
 * today): the flag is set here, to write real metrics both ways. */
static void assert_with_metrics_like_tree(cg_corpus *c, const char *what) {
  cg_network *n = NULL;
  assert_int_equal(cg_network_new(&n, c, NULL), CG_OK);
  c->has_metrics = true;
  assert_writes_like_tree(c, what);
  c->has_metrics = false;
  cg_network_free(n);
}

typedef struct samples {
  glob_t g;
  cg_pipeline *p;
} samples;

static void samples_open(samples *s) {
  cg_error err;
  assert_int_equal(cg_pipeline_new(&s->p, NULL, &err), CG_OK);
  assert_int_equal(glob(CG_SOURCE_DIR "/samples/*/input*", 0, NULL, &s->g), 0);
  assert_true(s->g.gl_pathc >= 9);
}

static void samples_close(samples *s) {
  globfree(&s->g);
  cg_pipeline_free(s->p);
}

/* Runs every document of the given inputs, handing each to add(). */
static size_t run_inputs(const samples *s, const char *const *paths, size_t npaths,
                         void (*add)(const cg_docx *, void *), void *ud) {
  cg_read_opts o = cg_read_opts_default();
  o.default_dct = "2025-12-07";
  cg_reader *r = cg_reader_new(paths, npaths, &o);
  size_t n = 0;
  for (;;) {
    cg_doc *d = NULL;
    cg_error err;
    if (cg_reader_next(r, &d, &err) != CG_OK) continue;
    if (!d) break;
    cg_docx *dx = cg_pipeline_run(s->p, d);
    add(dx, ud);
    cg_docx_free(dx);
    n++;
  }
  cg_reader_free(r);
  return n;
}

typedef struct direct_add {
  cg_corpus *c;
  bool with_text;
} direct_add;

static void add_direct(const cg_docx *dx, void *ud) {
  direct_add *a = ud;
  assert_int_equal(cg_corpus_add_docx(a->c, dx, a->with_text), CG_OK);
}

/* Each sample alone and all of them together, with and without texts, then with
 * the actor metrics of the network. */
static void test_samples_write_like_tree(void **state) {
  (void)state;
  samples s;
  samples_open(&s);
  for (int with_text = 0; with_text < 2; with_text++) {
    for (size_t i = 0; i <= s.g.gl_pathc; i++) {
      bool all = i == s.g.gl_pathc;
      direct_add a = {cg_corpus_new(), with_text};
      const char *const *paths = (const char *const *)s.g.gl_pathv + (all ? 0 : i);
      assert_true(run_inputs(&s, paths, all ? s.g.gl_pathc : 1, add_direct, &a) >= 1);
      cg_corpus_finish(a.c);
      const char *what = all ? "all samples" : s.g.gl_pathv[i];
      size_t len = assert_writes_like_tree(a.c, what);
      if (all) assert_true(len > 10000);
      assert_with_metrics_like_tree(a.c, what);
      cg_corpus_free(a.c);
    }
  }
  samples_close(&s);
}

/* Shards: the documents' JSONL objects, half of them per shard. */
typedef struct shards {
  json_t *objs[2];
  size_t n;
} shards;

static void add_to_shard(const cg_docx *dx, void *ud) {
  shards *sh = ud;
  json_t *o = cg_docx_to_json(dx, false);
  json_t *arr = sh->objs[sh->n++ % 2];
  json_array_append_new(arr, o);
}

static cg_corpus *merge_shards(const shards *sh, bool merge_events) {
  cg_corpus *c = cg_corpus_new();
  c->merge_events = merge_events;
  for (int k = 0; k < 2; k++) {
    size_t i;
    json_t *o;
    json_array_foreach(sh->objs[k], i, o)
        assert_int_equal(cg_corpus_add_json(c, o, "shard", NULL), CG_OK);
  }
  cg_corpus_finish(c);
  return c;
}

/* `merge` of two shards (events merged or not), and of the merged result read back
 * as a .json result: the JSON input path fills the corpus differently (pooled
 * strings from jansson, dates from text) from the direct one. */
static void test_merged_shards_write_like_tree(void **state) {
  (void)state;
  samples s;
  samples_open(&s);
  shards sh = {{json_array(), json_array()}, 0};
  run_inputs(&s, (const char *const *)s.g.gl_pathv, s.g.gl_pathc, add_to_shard, &sh);
  assert_true(sh.n >= 9);
  for (int merge = 0; merge < 2; merge++) {
    cg_corpus *c = merge_shards(&sh, merge);
    assert_writes_like_tree(c, merge ? "merged shards" : "shards, --no-merge");
    json_t *o = cg_corpus_to_json(c);
    cg_corpus *again = cg_corpus_new();
    assert_int_equal(cg_corpus_add_json(again, o, "merged.json", NULL), CG_OK);
    cg_corpus_finish(again);
    assert_writes_like_tree(again, "merged result read back");
    assert_with_metrics_like_tree(again, "merged result with metrics");
    json_decref(o);
    cg_corpus_free(again);
    cg_corpus_free(c);
  }
  json_decref(sh.objs[0]);
  json_decref(sh.objs[1]);
  samples_close(&s);
}

static void replace(char **field, const char *s) {
  free(*field);
  *field = s ? cg_xstrdup(s) : NULL;
}

/* Strings jansson escapes or refuses, and numbers off the confidence fast path. */
static void test_hostile_strings_and_numbers(void **state) {
  (void)state;
  cg_corpus *c = fx_ukraine();
  const char *bad = "caf\xC3"; /* a character cut short: not UTF-8 */
  cg_cdoc *d = &c->docs.items[0];
  replace(&d->title,
          "\"Quotes\", back\\slash, a/b, tab\there, \x01\x1F\x7F, caf\xC3\xA9 \xF0\x9F\x98\x80");
  replace(&d->source, bad); /* null, as jstr_or_null makes it */
  replace(&d->url, "https://example.org/a?b=c&d=\"e\"");
  replace(&d->dct, NULL);
  replace(&d->dct_source, NULL); /* "none" */
  replace(&c->docs.items[1].title, "line\nbreak\r\n\b\f");
  replace(&c->docs.items[0].sents.items[0].text, bad);
  cg_cactor *a = &c->actors.items[0];
  replace(&a->name, bad);
  replace(&a->aliases.items[0], bad);
  replace(&a->mentions.items[0].text, "\xE2\x80\x9Cquoted\xE2\x80\x9D");
  cg_ctimex t = {cg_xstrdup("t1"), 0, 3, 9, cg_xstrdup(bad), cg_xstrdup("DATE"),
                 cg_xstrdup("2025-12-01"), cg_xstrdup("")};
  CG_VEC_PUSH(&c->timexes, t);
  cg_cevent *e = &c->events.items[0];
  replace(&e->lemma, bad);
  replace(&e->mentions.items[0].trigger, "\\u0041");
  replace(&e->date_rule, NULL);
  e->timex = 0;
  snprintf(e->value, sizeof e->value, "%s", bad); /* "value" left out, as jansson refuses it */
  snprintf(e->mod, sizeof e->mod, "%s", bad);
  e->mentions.items[0].sentence = CG_NO_SENTENCE;
  c->events.items[1].confidence = 1e-7;
  c->events.items[2].confidence = -0.0;
  c->events.items[3].confidence = 1234567.891;
  c->events.items[4].confidence = NAN; /* written 0.0, as the tree rounds it */
  c->events.items[5].dated = false;
  assert_writes_like_tree(c, "hostile strings");
  cg_buf b = {0};
  cg_corpus_write_json(c, &b);
  assert_non_null(strstr(b.data, "\"source\": null"));
  assert_non_null(
      strstr(b.data, "\\\"Quotes\\\", back\\\\slash, a/b, tab\\there, \\u0001\\u001F\x7F"));
  assert_non_null(strstr(b.data, "\"granularity\": \"day\",\n        \"rule\": null"));
  cg_buf_clear(&b);

  c->has_metrics = true;
  double vals[] = {0.0, 1.0, 3.0, 0.1234567, 1e-9, 2.5e7, -4.25, INFINITY};
  for (size_t i = 0; i < c->actors.len; i++) {
    cg_cactor *x = &c->actors.items[i];
    x->degree = vals[i % 8];
    x->strength = vals[(i + 1) % 8];
    x->pagerank = vals[(i + 2) % 8];
    x->betweenness = vals[(i + 3) % 8];
    x->community = (int)i - 2;
    x->component = i == 0 ? -2147483647 - 1 : (int)i;
  }
  assert_writes_like_tree(c, "metrics");
  cg_corpus_write_json(c, &b);
  assert_non_null(
      strstr(b.data, "\"metrics\": {\n        \"degree\": 0.0,\n        \"strength\": 1.0,\n"
                     "        \"pagerank\": 3.0,\n        \"betweenness\": 0.123457,\n"
                     "        \"community\": -2,\n        \"component\": -2147483648\n      }"));
  cg_buf_free(&b);
  fx_free(c);
}

/* Empty arrays are "[]" at every level, and the empty corpus is the tree's. */
static void test_empty_parts(void **state) {
  (void)state;
  cg_corpus *c = fx_new();
  assert_writes_like_tree(c, "empty corpus");
  fx_doc(c, "d1", "No sentences", "2025-01-01");
  cg_cactor a = {0};
  a.id = cg_xstrdup("a1");
  a.key = cg_xstrdup("k");
  a.name = cg_xstrdup("Nobody");
  a.affiliation = -1;
  CG_VEC_PUSH(&c->actors, a);
  fx_event(c, "wait", "other", NULL, NULL, -1, -1, 0, "Nothing happened.");
  assert_writes_like_tree(c, "empty arrays");
  fx_free(c);
}

/* A corpus of several MiB goes to the stream in blocks and comes out whole. */
static void test_large_corpus_streams_whole(void **state) {
  (void)state;
  cg_corpus *c = fx_new();
  char text[2048];
  memset(text, 'x', sizeof text - 1);
  text[sizeof text - 1] = '\0';
  for (size_t i = 0; i < 3000; i++) {
    char id[32];
    snprintf(id, sizeof id, "doc-%zu", i);
    uint32_t d = fx_doc(c, id, "A long one", "2025-01-01");
    fx_sentence(c, d, text);
  }
  size_t len = assert_writes_like_tree(c, "large corpus");
  assert_true(len > 3u << 20);
  fx_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_samples_write_like_tree),
      cmocka_unit_test(test_merged_shards_write_like_tree),
      cmocka_unit_test(test_hostile_strings_and_numbers),
      cmocka_unit_test(test_empty_parts),
      cmocka_unit_test(test_large_corpus_streams_whole),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
