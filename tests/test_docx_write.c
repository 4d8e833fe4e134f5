/* The direct JSONL writer (graph/docx_write.c) writes the same bytes as jansson
 * would for the same document, on every bundled sample and on hostile strings, and
 * its number and string primitives (graph/json_out.c) format as jansson does. */
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
#include "json_out.h"
#include "pipeline.h"
#include "reader.h"

/* The direct writer, with the cache c (NULL: none), against jansson. */
static void assert_same_cached(cg_docx_json_cache *c, const cg_docx *dx, bool with_text) {
  json_t *o = cg_docx_to_json(dx, with_text);
  char *want = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6));
  json_decref(o);
  cg_buf got = {0};
  if (c) cg_docx_write_json_cached(c, dx, with_text, &got, SIZE_MAX, NULL, NULL);
  else cg_docx_write_json(dx, with_text, &got);
  if (strcmp(want, got.data) != 0) {
    size_t i = 0;
    while (want[i] && want[i] == got.data[i]) i++;
    size_t from = i > 60 ? i - 60 : 0;
    fail_msg("%s: differs at byte %zu\n  Expected: %.120s\n  Got:      %.120s", dx->doc->source,
             i, want + from, got.data + from);
  }
  free(want);
  cg_buf_free(&got);
}

static void assert_same(const cg_docx *dx, bool with_text) {
  assert_same_cached(NULL, dx, with_text);
}

static void test_samples_write_identically(void **state) {
  (void)state;
  cg_pipeline *p = NULL;
  cg_error err;
  assert_int_equal(cg_pipeline_new(&p, NULL, &err), CG_OK);
  glob_t g;
  assert_int_equal(glob(CG_SOURCE_DIR "/samples/*/input*", 0, NULL, &g), 0);
  const char *const *paths = (const char *const *)g.gl_pathv;
  cg_read_opts o = cg_read_opts_default();
  o.default_dct = "2025-12-07";
  cg_reader *r = cg_reader_new(paths, g.gl_pathc, &o);
  /* a cache kept over all the samples, as a worker keeps one */
  cg_docx_json_cache *c = cg_docx_json_cache_new();
  size_t n = 0;
  for (;;) {
    cg_doc *d = NULL;
    if (cg_reader_next(r, &d, &err) != CG_OK) continue;
    if (!d) break;
    cg_docx *dx = cg_pipeline_run(p, d);
    assert_same(dx, false);
    assert_same(dx, true);
    assert_same_cached(c, dx, false);
    assert_same_cached(c, dx, true);
    cg_docx_free(dx);
    n++;
  }
  assert_true(n >= 9);
  cg_docx_json_cache_free(c);
  cg_reader_free(r);
  globfree(&g);
  cg_pipeline_free(p);
}

/* A document with these strings (copied) and the text t[0, n), in a new model. */
static cg_docx *docx_of(const char *id, const char *source, const char *title, const char *url,
                        const char *t, size_t n) {
  cg_doc *d = cg_doc_new();
  d->id = cg_xstrdup(id);
  d->source = cg_xstrdup(source);
  d->title = cg_xstrdup(title);
  d->url = cg_xstrdup(url);
  d->dct = cg_xstrdup("2025-12-07");
  d->text = cg_xstrndup(t, n);
  d->len = n;
  return cg_docx_new(d);
}

/* Appends to dx an event on text[8, 11) dated by timex 0 (when dated), with one agent,
 * the given actor; the strings are copied. */
static void push_event(cg_docx *dx, const char *lemma, const char *cls, uint32_t sentence,
                       bool dated, double conf, const char *value, const char *mod,
                       const char *rule, uint32_t actor) {
  cg_event e = {.trig_start = 8, .trig_end = 11, .lemma = lemma ? cg_docx_strdup(dx, lemma) : NULL,
                .cls = cls, .sentence = sentence, .timex = 0, .dated = dated, .confidence = conf};
  e.date = cg_span_from_value("2025");
  snprintf(e.value, sizeof e.value, "%s", value);
  snprintf(e.mod, sizeof e.mod, "%s", mod);
  e.date_rule = rule;
  e.parts = cg_docx_alloc(dx, sizeof *e.parts);
  e.parts[0] = (cg_participant){actor, CG_ROLE_AGENT, -1};
  e.nparts = 1;
  CG_VEC_PUSH(&dx->events, e);
}

/* Control characters, quotes, backslashes, markup and non-ASCII in every string slot;
 * a span that is not valid UTF-8 (it cannot come from a reader, but a stage bug must
 * not produce invalid JSON); odd confidences. */
static void test_hostile_strings(void **state) {
  (void)state;
  static const char text[] = "\"q\" \\ <b>\x01\x1f\t\n\r\x7f caf\xc3\xa9 \xe2\x80\xa8 end";
  cg_docx *dx = docx_of("id \"x\"\\", "src\x02", "T\xc3\xa9", "http://e.x/?a=1&b=</script>",
                        text, sizeof text - 1);
  const cg_doc *d = dx->doc;
  /* the whole text, then a sentence that cuts "é" in two (a stage bug: U+FFFD) */
  cg_sentence s = {0, d->len}, cut = {20, 21};
  CG_VEC_PUSH(&dx->sents, s);
  CG_VEC_PUSH(&dx->sents, cut);
  cg_timex t = {.start = 0, .end = 3, .type = CG_TX_DATE, .value = "2025", .mod = ""};
  CG_VEC_PUSH(&dx->timexes, t);
  /* within 16 bytes of the text's end (not read as a 16-byte block), with a value and
   * a mod that need escapes, one longer than 16 bytes */
  cg_timex t_end = {.start = d->len - 3, .end = d->len, .type = CG_TX_DATE,
                    .value = "v\"al\\ue\x01 longer than sixteen", .mod = "M\tOD"};
  CG_VEC_PUSH(&dx->timexes, t_end);
  cg_actor a = {.key = cg_docx_strdup(dx, "org:\"x\""), .name = cg_docx_strdup(dx, "A\\B"),
                .kind = CG_ACTOR_ORG, .affiliation = -1};
  a.aliases = cg_docx_alloc(dx, sizeof(char *));
  a.aliases[0] = cg_docx_strdup(dx, "\x1b[31m");
  a.naliases = 1;
  CG_VEC_PUSH(&dx->actors, a);
  cg_mention m = {4, 5, 0};
  CG_VEC_PUSH(&dx->mentions, m);
  double confs[] = {0.0, 1.0, 0.5, 1e-7, 0.123456789, 0.000001};
  /* lemmas for each path of put_cstr_inline: short, 4 to 16 plain bytes, with a byte
   * that needs care, longer, none */
  static const char *const lemmas[] = {"b", "said", "caf\xc3\xa9", "a \"quoted\" lemma",
                                       "internationalisation", NULL};
  for (size_t i = 0; i < sizeof confs / sizeof confs[0]; i++) {
    /* sentence 0, 1 or an index past the table (written as null) */
    const char *lemma = lemmas[i % (sizeof lemmas / sizeof lemmas[0])];
    push_event(dx, lemma, "other", (uint32_t)(i % 3 == 2 ? 7 : i % 2), i % 2 == 0, confs[i],
               i % 3 ? "2025" : "2025\"\x1f-\xc3\xa9 and more bytes",
               i % 2 ? "" : "\xe2\x80\xa8\\", "timex-clause", 0);
  }
  assert_same(dx, true);
  /* A span that cuts a character in two is written as U+FFFD by both. */
  dx->mentions.items[0].start = 20; /* the second byte of the "\xc3\xa9" in "café" */
  dx->mentions.items[0].end = 21;
  assert_same(dx, false);
  cg_docx_free(dx);
}

/* Strings of the model that are not valid UTF-8, in every slot that holds one (a
 * cg_docx filled by hand: readers never make them), and NULL where a string may be
 * missing. Both writers write each such string as "\uFFFD" whole and keep the object
 * around it: jansson's json_string refuses such a string, and the jansson writer once
 * wrote null for a lemma and dropped an actor whose key was invalid. */
static void test_invalid_utf8_strings(void **state) {
  (void)state;
  static const char text[] = "Alice met Bob in Paris on Monday.";
  /* the title is a sequence cut short, the URL has an overlong '/' */
  cg_docx *dx = docx_of("doc\xff", "caf\xe9.txt", "T\xc3", "http://e.x/\xc0\xaf", text,
                        sizeof text - 1);
  const cg_doc *d = dx->doc;
  cg_sentence s = {0, d->len};
  CG_VEC_PUSH(&dx->sents, s);
  cg_timex t = {.start = 26, .end = 32, .type = CG_TX_DATE, .value = "2025-12-\xff", .mod = "\xfe"};
  CG_VEC_PUSH(&dx->timexes, t);
  cg_actor a = {.key = cg_docx_strdup(dx, "per:\xff"), .name = cg_docx_strdup(dx, "Al\xe9"),
                .kind = CG_ACTOR_PERSON, .affiliation = -1};
  a.aliases = cg_docx_alloc(dx, 2 * sizeof(char *));
  a.aliases[0] = cg_docx_strdup(dx, "A\x80");
  a.aliases[1] = cg_docx_strdup(dx, "Alice");
  a.naliases = 2;
  CG_VEC_PUSH(&dx->actors, a);
  cg_actor b = {.key = NULL, .name = NULL, .kind = CG_ACTOR_PERSON, .affiliation = 0};
  CG_VEC_PUSH(&dx->actors, b);
  cg_mention m = {0, 5, 0};
  CG_VEC_PUSH(&dx->mentions, m);
  push_event(dx, "me\xfft", "oth\xffr", 0, true, 0.5, "2025\xff", "\xfe", "rule\xff", 1);
  assert_same(dx, false);
  assert_same(dx, true);
  cg_buf got = {0};
  cg_docx_write_json(dx, false, &got);
  /* every object is there, and each invalid string is one U+FFFD */
  assert_non_null(strstr(got.data, "\"key\":\"\xEF\xBF\xBD\",\"name\":\"\xEF\xBF\xBD\""));
  assert_non_null(strstr(got.data, "\"aliases\":[\"\xEF\xBF\xBD\",\"Alice\"]"));
  assert_non_null(strstr(got.data, "\"key\":null,\"name\":null"));
  assert_non_null(strstr(got.data, "\"lemma\":\"\xEF\xBF\xBD\""));
  assert_non_null(strstr(got.data, "\"title\":\"\xEF\xBF\xBD\""));
  assert_non_null(strstr(got.data, "\"rule\":\"\xEF\xBF\xBD\""));
  assert_null(strstr(got.data, "\xff"));
  cg_buf_free(&got);
  cg_docx_free(dx);
}

/* The values a cache keeps across documents: days at the edges of what its slots hold
 * (years 0..9999 and 32-bit day numbers; the day numbers that empty slots hold as
 * keys), enumeration values outside the names' tables, and confidences, written with
 * one cache into two documents in turn, each against jansson. */
static void test_cache_across_documents(void **state) {
  (void)state;
  static const char text[] = "Alice met Bob in Paris on Monday.";
  /* day numbers: those that empty slots hold as keys, and of their slots (0..2, 1023,
   * 1024, -1), two of one slot (20428, 21452), the first and last of the years 0..9999
   * (-719528, 2932896) and the days beyond, INT32_MAX and INT32_MIN and their
   * neighbours, and two far out */
  assert_int_equal(cg_days_from_civil(0, 1, 1), -719528);
  assert_int_equal(cg_days_from_civil(9999, 12, 31), 2932896);
  static const int64_t days[] = {
      0,           1,           2,           1023,          1024,          -1,         20428,
      21452,       -719528,     -719529,     2932896,       2932897,       2147483647, 2147483648,
      -2147483648, -2147483647, -2147483649, 4000000000000, -4000000000000};
  const size_t ndays = sizeof days / sizeof *days;
  cg_docx_json_cache *c = cg_docx_json_cache_new();
  for (int round = 0; round < 3; round++) {
    for (int doc = 0; doc < 2; doc++) {
      cg_docx *dx = docx_of(doc ? "b" : "a", "s", "t", NULL, text, sizeof text - 1);
      cg_sentence s = {0, dx->doc->len};
      CG_VEC_PUSH(&dx->sents, s);
      /* out-of-range values of the enumerations (the name functions map them) */
      dx->doc->dct_source = (cg_dct_source)(doc ? 40 : -3);
      cg_timex t = {
          .start = 26, .end = 32, .type = (cg_timex_type)(17 + doc), .value = "X", .mod = ""};
      CG_VEC_PUSH(&dx->timexes, t);
      cg_actor a = {.key = cg_docx_strdup(dx, "per:alice"),
                    .name = cg_docx_strdup(dx, "Alice"),
                    .kind = (cg_actor_kind)(doc ? 16 : 3),
                    .affiliation = -1};
      CG_VEC_PUSH(&dx->actors, a);
      for (size_t i = 0; i < ndays; i++) {
        /* each document its own days, in another order each round */
        size_t k = (i * (size_t)(round + 1) + (size_t)doc) % ndays;
        push_event(dx, "meet", doc ? "contact" : "meeting", 0, true, (double)(k + 1) / 7.0, "V", "",
                   doc ? "r1" : "r2", 0);
        cg_event *e = &dx->events.items[dx->events.len - 1];
        e->date = cg_span_range(days[k], days[(k + 1) % ndays], (cg_gran)(k % 16));
        e->parts[0].role = (cg_role)(k % 7);
      }
      assert_same_cached(c, dx, doc == 1);
      cg_docx_free(dx);
    }
  }
  cg_docx_json_cache_free(c);
}

/* One real as jansson dumps it with the writer's flags. */
static void assert_real_as_jansson(double v) {
  json_t *j = json_real(v);
  char *want = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(6));
  json_decref(j);
  cg_buf got = {0};
  cg_json_put_real6(&got, v);
  if (strcmp(want, got.data)) fail_msg("%.17g: Expected %s Got %s", v, want, got.data);
  free(want);
  cg_buf_free(&got);
}

/* The confidence fast path (k / 10^6 without printf) against jansson for every k in
 * 0..10^6, computed as the writer computes it; and values off that path. */
static void test_reals_as_jansson(void **state) {
  (void)state;
  for (long k = 0; k <= 1000000; k++) assert_real_as_jansson(round((double)k / 1e6 * 1e6) / 1e6);
  static const double odd[] = {-0.0, 1e-7, 5e-5, 9.99999e-5, 0.1234567, 0.3333333333, 1.0000001,
                               1.5, 2.0, 123456.7, 1e21, -0.5, 1e300, 4.9e-324};
  for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) assert_real_as_jansson(odd[i]);
}

/* Every byte value alone, and runs around the escapes, against jansson. */
static void test_strings_as_jansson(void **state) {
  (void)state;
  char s[8];
  for (int c = 0; c < 256; c++) {
    for (size_t len = 1; len <= 3; len++) {
      memset(s, 'a', sizeof s);
      s[len - 1] = (char)c;
      json_t *j = json_stringn(s, len);
      char *want = j ? json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT) : cg_xstrdup("\"\xEF\xBF\xBD\"");
      json_decref(j);
      cg_buf got = {0};
      cg_json_put_str(&got, s, len);
      if (strcmp(want, got.data)) fail_msg("byte 0x%02X at %zu: Expected %s Got %s", c, len - 1, want, got.data);
      free(want);
      cg_buf_free(&got);
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_samples_write_identically),
      cmocka_unit_test(test_hostile_strings),
      cmocka_unit_test(test_invalid_utf8_strings),
      cmocka_unit_test(test_cache_across_documents),
      cmocka_unit_test(test_reals_as_jansson),
      cmocka_unit_test(test_strings_as_jansson),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
