/*
 * Replays every input that once crashed a fuzz target (or broke its invariants):
 * tests/data/fuzz-regressions/<target>/<file> goes through the same body as the
 * libFuzzer target of that name (fuzz/fuzz_body.h, fuzz/fuzz_writers.h), with the same
 * contract checks, so a fixed crash stays fixed. An empty or missing folder passes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The file being replayed, named in every failure message. */
static char current[2048];
#define CG_FUZZ_FAIL(msg) fail_msg("%s: %s", current, (msg))
#include "../fuzz/fuzz_body.h"

/* Set to 1 once graph/corpus.c, graph/network.c and the render/ writers define every
 * function fuzz/fuzz_writers.h calls (until then the test would not link). */
#define CG_FUZZ_REPLAY_WRITERS 1
#if CG_FUZZ_REPLAY_WRITERS
#include "../fuzz/fuzz_writers.h"
#endif

typedef void (*replay_fn)(const uint8_t *data, size_t size);

static fuzz_stages stages;
static bool stages_loaded;

static const fuzz_stages *need_stages(void) {
  if (!stages_loaded) {
    assert_true(fuzz_stages_load(&stages));
    stages_loaded = true;
  }
  return &stages;
}

static void r_text(const uint8_t *d, size_t n) { fuzz_read(d, n, CG_FMT_TEXT, NULL, NULL); }
static void r_html(const uint8_t *d, size_t n) { fuzz_read(d, n, CG_FMT_HTML, NULL, NULL); }
static void r_feed(const uint8_t *d, size_t n) { fuzz_read(d, n, CG_FMT_FEED, NULL, NULL); }
static void r_timeml(const uint8_t *d, size_t n) { fuzz_read(d, n, CG_FMT_TIMEML, NULL, NULL); }
static void r_jsonl(const uint8_t *d, size_t n) {
  fuzz_read(d, n, CG_FMT_JSONL, NULL, NULL);
  fuzz_jsonl_differential(d, n);
}
static void r_tagger(const uint8_t *d, size_t n) { fuzz_tag(need_stages(), d, n, false); }
static void r_extract(const uint8_t *d, size_t n) { fuzz_tag(need_stages(), d, n, true); }

/* Replays every file of tests/data/fuzz-regressions/<target>/ (sorted, so failures
 * are reported in a stable order). Returns the number of files replayed. */
static size_t replay_dir(const char *target, replay_fn fn) {
  char dir[1024];
  snprintf(dir, sizeof dir, "%s/tests/data/fuzz-regressions/%s", CG_SOURCE_DIR, target);
  struct dirent **list = NULL;
  int n = scandir(dir, &list, NULL, alphasort);
  if (n < 0) return 0;
  size_t done = 0;
  for (int i = 0; i < n; i++) {
    if (list[i]->d_name[0] != '.') {
      int w = snprintf(current, sizeof current, "%s/%s", dir, list[i]->d_name);
      assert_true(w > 0 && (size_t)w < sizeof current);
      char *buf = NULL;
      size_t len = 0;
      cg_error err;
      assert_int_equal(cg_read_file(current, 1u << 26, &buf, &len, &err), CG_OK);
      fn((const uint8_t *)buf, len);
      free(buf);
      done++;
    }
    free(list[i]);
  }
  free(list);
  print_message("%s: %zu regression input(s) replayed\n", target, done);
  return done;
}

static void test_read_text(void **state) { replay_dir("fuzz_read_text", r_text); }
static void test_read_html(void **state) { replay_dir("fuzz_read_html", r_html); }
static void test_read_feed(void **state) { replay_dir("fuzz_read_feed", r_feed); }
static void test_read_timeml(void **state) { replay_dir("fuzz_read_timeml", r_timeml); }
static void test_read_jsonl(void **state) { replay_dir("fuzz_read_jsonl", r_jsonl); }
static void test_tagger(void **state) { replay_dir("fuzz_tagger", r_tagger); }
static void test_extract(void **state) { replay_dir("fuzz_extract", r_extract); }

#if CG_FUZZ_REPLAY_WRITERS
static void r_writers(const uint8_t *d, size_t n) { fuzz_writers(need_stages(), d, n); }
static void test_writers(void **state) { replay_dir("fuzz_writers", r_writers); }
#else
static void test_writers(void **state) {
  skip(); /* the writers do not exist yet: see CG_FUZZ_REPLAY_WRITERS */
}
#endif

/* The oracle itself must reject what it claims to reject, or every replay is vacuous. */
static void test_oracle(void **state) {
  assert_true(fuzz_utf8_valid("caf\xc3\xa9 \xf0\x9f\x98\x80", 10));
  assert_false(fuzz_utf8_valid("\xc3(", 2));
  assert_false(fuzz_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
  assert_false(fuzz_utf8_valid("\xc0\x80", 2));         /* overlong NUL */
  assert_false(fuzz_utf8_valid("\xf4\x90\x80\x80", 4)); /* above U+10FFFF */
  assert_false(fuzz_utf8_valid("\xe2\x82", 2));         /* truncated */
  assert_true(fuzz_span_ok("a\xc3\xa9z", 4, 1, 3));
  assert_false(fuzz_span_ok("a\xc3\xa9z", 4, 2, 3)); /* inside a character */
  assert_false(fuzz_span_ok("abc", 3, 2, 4));
  assert_true(fuzz_iso_day_ok("2025-12-06"));
  assert_false(fuzz_iso_day_ok("2025-12-6"));
}

static int teardown(void **state) {
  if (stages_loaded) fuzz_stages_free(&stages);
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_oracle),      cmocka_unit_test(test_read_text),
      cmocka_unit_test(test_read_html),   cmocka_unit_test(test_read_feed),
      cmocka_unit_test(test_read_timeml), cmocka_unit_test(test_read_jsonl),
      cmocka_unit_test(test_tagger),      cmocka_unit_test(test_extract),
      cmocka_unit_test(test_writers),
  };
  return cmocka_run_group_tests(tests, NULL, teardown) != 0;
}
