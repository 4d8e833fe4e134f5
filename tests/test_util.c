/* Buffers, the string map and error formatting: the small pieces everything uses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "util.h"

static void test_buf_is_a_string_as_soon_as_it_holds_memory(void **state) {
  (void)state;
  cg_buf b = {0};
  cg_buf_reserve(&b, 100); /* reserved but empty: still "" (fuzz regression) */
  assert_non_null(b.data);
  assert_string_equal(b.data, "");
  cg_buf_append(&b, "ab", 2);
  cg_buf_putc(&b, 'c');
  cg_buf_printf(&b, "%d-%s", 42, "x");
  assert_string_equal(b.data, "abc42-x");
  assert_int_equal(b.len, 7);
  cg_buf_clear(&b);
  assert_string_equal(b.data, "");
  for (int i = 0; i < 10000; i++) cg_buf_putc(&b, (char)('a' + i % 26));
  assert_int_equal(b.len, 10000);
  assert_int_equal(strlen(b.data), 10000);
  char *d = cg_buf_detach(&b);
  assert_null(b.data);
  free(d);
  cg_buf_free(&b);
}

static void test_strmap(void **state) {
  (void)state;
  cg_strmap *m = cg_strmap_new();
  char key[32];
  for (size_t i = 0; i < 5000; i++) {
    snprintf(key, sizeof key, "k%zu", i);
    cg_strmap_put(m, key, strlen(key), i * 3);
  }
  assert_int_equal(cg_strmap_count(m), 5000);
  size_t v;
  assert_true(cg_strmap_get(m, "k4999", 5, &v));
  assert_int_equal(v, 4999 * 3);
  cg_strmap_put(m, "k7", 2, 1);
  assert_true(cg_strmap_get(m, "k7", 2, &v));
  assert_int_equal(v, 1);
  assert_int_equal(cg_strmap_count(m), 5000);
  assert_false(cg_strmap_get(m, "k5000", 5, &v));
  /* keys are byte strings: an embedded NUL is part of the key */
  cg_strmap_put(m, "a\0b", 3, 9);
  assert_false(cg_strmap_get(m, "a", 1, &v));
  assert_true(cg_strmap_get(m, "a\0b", 3, &v));
  cg_strmap_free(m);
  cg_strmap_free(NULL);
}

static void test_error_format_names_the_place(void **state) {
  (void)state;
  cg_error e;
  cg_error_clear(&e);
  assert_int_equal(cg_error_set(&e, CG_EUTF8, "feed.rss", 12, 7, 1234, "bad byte 0x%02X", 0xFF),
                   CG_EUTF8);
  char buf[256];
  cg_error_format(&e, buf, sizeof buf);
  assert_string_equal(buf, "feed.rss:12:7: byte 1234: invalid UTF-8: bad byte 0xFF");
  assert_int_equal(cg_error_set(NULL, CG_EIO, NULL, 0, 0, -1, "x"), CG_EIO);
  cg_error_clear(&e);
  cg_error_set(&e, CG_EINPUT, NULL, 0, 0, -1, "no place");
  cg_error_format(&e, buf, sizeof buf);
  assert_string_equal(buf, "<input>: malformed input: no place");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_buf_is_a_string_as_soon_as_it_holds_memory),
      cmocka_unit_test(test_strmap),
      cmocka_unit_test(test_error_format_names_the_place),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
