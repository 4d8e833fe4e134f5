/* The public one-call API, used as an outside program would: chronograph.h only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chronograph.h"

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = malloc((size_t)n + 1);
  assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
  s[n] = '\0';
  fclose(f);
  return s;
}

/* The API gives, byte for byte, what `chronograph extract` gave for the sample. */
static void test_paths_equal_cli(void **state) {
  (void)state;
  assert_int_equal(chdir(CG_SOURCE_DIR), 0);
  const char *paths[] = {"samples/nss-kremlin/input.txt"};
  char *json = NULL;
  size_t nbad = 99;
  cg_error err;
  assert_int_equal(cg_extract_paths(paths, 1, "2025-12-07", &json, &nbad, &err), CG_OK);
  assert_int_equal(nbad, 0);
  char *want = slurp("samples/nss-kremlin/expected.json");
  assert_string_equal(json, want);
  free(want);
  free(json);
}

static void test_paths_count_bad_documents(void **state) {
  (void)state;
  const char *paths[] = {"/nonexistent/a.txt", CG_SOURCE_DIR "/samples/hostile/input.txt"};
  char *json = NULL;
  size_t nbad = 0;
  cg_error err;
  assert_int_equal(cg_extract_paths(paths, 2, NULL, &json, &nbad, &err), CG_OK);
  assert_int_equal(nbad, 1);
  assert_int_equal(err.code, CG_EIO);
  assert_non_null(strstr(err.file, "a.txt"));
  assert_non_null(strstr(json, "\"chronograph\": \"2\""));
  assert_non_null(strstr(json, "Lehman"));
  free(json);
}

static void test_text(void **state) {
  (void)state;
  static const char text[] = "Treaty signed\n\nRussia annexed Crimea on 18 March 2014, "
                             "the Kremlin said on Friday.";
  char *json = NULL;
  cg_error err;
  assert_int_equal(cg_extract_text(text, sizeof text - 1, "2014-03-21", &json, &err), CG_OK);
  assert_non_null(strstr(json, "\"title\": \"Treaty signed\""));
  assert_non_null(strstr(json, "\"value\": \"2014-03-18\""));
  assert_non_null(strstr(json, "\"name\": \"Russia\""));
  free(json);
  /* invalid UTF-8: an error with the offset, no output */
  json = (char *)1;
  assert_int_equal(cg_extract_text("ok \xff no", 7, NULL, &json, &err), CG_EUTF8);
  assert_null(json);
  assert_int_equal(err.offset, 3);
}

/* One extractor, many articles: each result equals the one-call form's. */
static const char *const articles[] = {
    "Talks\n\nThe Kremlin said on Friday that Moscow welcomed the plan.",
    "Quake\n\nAn earthquake struck Japan on 11 March 2011, officials said.",
    "Vote\n\nBritain voted to leave the European Union in June 2016.",
};
enum { NART = sizeof articles / sizeof *articles, ROUNDS = 20 };

static void test_extractor_reuse(void **state) {
  (void)state;
  cg_extractor *ex = NULL;
  cg_error err;
  assert_int_equal(cg_extractor_new(&ex, NULL, &err), CG_OK);
  for (int k = 0; k < 2; k++)
    for (size_t i = 0; i < NART; i++) {
      char *a = NULL, *b = NULL;
      assert_int_equal(cg_extractor_text(ex, articles[i], strlen(articles[i]), "2016-06-25", &a, &err), CG_OK);
      assert_int_equal(cg_extract_text(articles[i], strlen(articles[i]), "2016-06-25", &b, &err), CG_OK);
      assert_string_equal(a, b);
      free(a);
      free(b);
    }
  cg_extractor_free(ex);
  cg_extractor_free(NULL);
}

static void test_extractor_bad_datadir(void **state) {
  (void)state;
  cg_extractor *ex = (cg_extractor *)1;
  cg_error err;
  assert_int_equal(cg_extractor_new(&ex, "/nonexistent/chronograph-data", &err), CG_EDATA);
  assert_null(ex);
  assert_non_null(strstr(err.file, "/nonexistent/chronograph-data"));
}

/* Threads sharing one extractor get exactly what one thread gets. */
typedef struct job {
  const cg_extractor *ex;
  char *want[NART];
  int mismatches;
} job;

static void *hammer(void *arg) {
  job *j = arg;
  for (int r = 0; r < ROUNDS; r++)
    for (size_t i = 0; i < NART; i++) {
      size_t k = (i + (size_t)r) % NART;
      char *got = NULL;
      cg_error err;
      if (cg_extractor_text(j->ex, articles[k], strlen(articles[k]), "2016-06-25", &got, &err) != CG_OK ||
          strcmp(got, j->want[k]) != 0)
        j->mismatches++;
      free(got);
    }
  return NULL;
}

static void test_extractor_threads(void **state) {
  (void)state;
  cg_extractor *ex = NULL;
  cg_error err;
  assert_int_equal(cg_extractor_new(&ex, NULL, &err), CG_OK);
  job jobs[3] = {{0}};
  for (size_t i = 0; i < NART; i++) {
    char *w = NULL;
    assert_int_equal(cg_extractor_text(ex, articles[i], strlen(articles[i]), "2016-06-25", &w, &err), CG_OK);
    for (int t = 0; t < 3; t++) jobs[t].want[i] = w;
  }
  pthread_t th[3];
  for (int t = 0; t < 3; t++) {
    jobs[t].ex = ex;
    assert_int_equal(pthread_create(&th[t], NULL, hammer, &jobs[t]), 0);
  }
  for (int t = 0; t < 3; t++) {
    pthread_join(th[t], NULL);
    assert_int_equal(jobs[t].mismatches, 0);
  }
  for (size_t i = 0; i < NART; i++) free(jobs[0].want[i]);
  cg_extractor_free(ex);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_paths_equal_cli),
      cmocka_unit_test(test_paths_count_bad_documents),
      cmocka_unit_test(test_text),
      cmocka_unit_test(test_extractor_reuse),
      cmocka_unit_test(test_extractor_bad_datadir),
      cmocka_unit_test(test_extractor_threads),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
