/* The public one-call API, used as an outside program would: chronograph.h only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_paths_equal_cli),
      cmocka_unit_test(test_paths_count_bad_documents),
      cmocka_unit_test(test_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
