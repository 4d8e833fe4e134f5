/* The direct JSONL writer (graph/docx_write.c) writes the same bytes as jansson
 * would for the same document, on every bundled sample and on hostile strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "pipeline.h"
#include "reader.h"

static void assert_same(const cg_docx *dx, bool with_text) {
  json_t *o = cg_docx_to_json(dx, with_text);
  char *want = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6));
  json_decref(o);
  cg_buf got = {0};
  cg_docx_write_json(dx, with_text, &got);
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
  size_t n = 0;
  for (;;) {
    cg_doc *d = NULL;
    if (cg_reader_next(r, &d, &err) != CG_OK) continue;
    if (!d) break;
    cg_docx *dx = cg_pipeline_run(p, d);
    assert_same(dx, false);
    assert_same(dx, true);
    cg_docx_free(dx);
    n++;
  }
  assert_true(n >= 9);
  cg_reader_free(r);
  globfree(&g);
  cg_pipeline_free(p);
}

/* Control characters, quotes, backslashes, markup and non-ASCII in every string slot;
 * a span that is not valid UTF-8 (it cannot come from a reader, but a stage bug must
 * not produce invalid JSON); odd confidences. */
static void test_hostile_strings(void **state) {
  (void)state;
  static const char text[] = "\"q\" \\ <b>\x01\x1f\t\n\r\x7f caf\xc3\xa9 \xe2\x80\xa8 end";
  cg_doc *d = cg_doc_new();
  d->id = cg_xstrdup("id \"x\"\\");
  d->source = cg_xstrdup("src\x02");
  d->title = cg_xstrdup("T\xc3\xa9");
  d->url = cg_xstrdup("http://e.x/?a=1&b=</script>");
  d->dct = cg_xstrdup("2025-12-07");
  d->text = cg_xstrndup(text, sizeof text - 1);
  d->len = sizeof text - 1;
  cg_docx *dx = cg_docx_new(d);
  cg_sentence s = {0, d->len};
  CG_VEC_PUSH(&dx->sents, s);
  cg_timex t = {.start = 0, .end = 3, .type = CG_TX_DATE, .value = "2025", .mod = ""};
  CG_VEC_PUSH(&dx->timexes, t);
  cg_actor a = {.key = cg_xstrdup("org:\"x\""), .name = cg_xstrdup("A\\B"), .kind = CG_ACTOR_ORG,
                .affiliation = -1};
  a.aliases = cg_xcalloc(1, sizeof(char *));
  a.aliases[0] = cg_xstrdup("\x1b[31m");
  a.naliases = 1;
  CG_VEC_PUSH(&dx->actors, a);
  cg_mention m = {4, 5, 0};
  CG_VEC_PUSH(&dx->mentions, m);
  double confs[] = {0.0, 1.0, 0.5, 1e-7, 0.123456789, 0.000001};
  for (size_t i = 0; i < sizeof confs / sizeof confs[0]; i++) {
    cg_event e = {.trig_start = 8, .trig_end = 11, .lemma = cg_xstrdup("b"), .cls = "other",
                  .timex = 0, .dated = i % 2 == 0, .confidence = confs[i]};
    e.date = cg_span_from_value("2025");
    snprintf(e.value, sizeof e.value, "2025");
    e.date_rule = "timex-clause";
    e.parts = cg_xcalloc(1, sizeof *e.parts);
    e.parts[0] = (cg_participant){0, CG_ROLE_AGENT, -1};
    e.nparts = 1;
    CG_VEC_PUSH(&dx->events, e);
  }
  assert_same(dx, true);
  /* A span that cuts a character in two is written as U+FFFD by both. */
  dx->mentions.items[0].start = 20; /* the second byte of the "\xc3\xa9" in "café" */
  dx->mentions.items[0].end = 21;
  assert_same(dx, false);
  cg_docx_free(dx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_samples_write_identically),
      cmocka_unit_test(test_hostile_strings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
