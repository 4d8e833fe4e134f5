/* Calendar arithmetic and TIMEX3 value intervals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "calendar.h"

static void test_roundtrip(void **state) {
  (void)state;
  assert_int_equal(cg_days_from_civil(1970, 1, 1), 0);
  for (int64_t z = -800000; z < 800000; z += 997) {
    int64_t y;
    unsigned m, d;
    cg_civil_from_days(z, &y, &m, &d);
    assert_int_equal(cg_days_from_civil(y, m, d), z);
  }
}

static void test_weekday(void **state) {
  (void)state;
  /* 2025-12-05 was a Friday, 2022-02-24 a Thursday. */
  assert_int_equal(cg_weekday(cg_days_from_civil(2025, 12, 5)), 5);
  assert_int_equal(cg_weekday(cg_days_from_civil(2022, 2, 24)), 4);
}

static void test_add_months_clamps(void **state) {
  (void)state;
  char buf[32];
  cg_format_day(cg_add_months(cg_days_from_civil(2024, 1, 31), 1), buf, sizeof buf);
  assert_string_equal(buf, "2024-02-29");
  cg_format_day(cg_add_months(cg_days_from_civil(2024, 3, 15), -15), buf, sizeof buf);
  assert_string_equal(buf, "2022-12-15");
}

static void test_value_spans(void **state) {
  (void)state;
  char a[32], b[32];
  struct { const char *v, *e, *l; cg_gran g; } cases[] = {
      {"2014", "2014-01-01", "2014-12-31", CG_GRAN_YEAR},
      {"2022-02", "2022-02-01", "2022-02-28", CG_GRAN_MONTH},
      {"2022-02-24", "2022-02-24", "2022-02-24", CG_GRAN_DAY},
      {"2024-Q2", "2024-04-01", "2024-06-30", CG_GRAN_QUARTER},
      {"199", "1990-01-01", "1999-12-31", CG_GRAN_DECADE},
      {"18", "1800-01-01", "1899-12-31", CG_GRAN_CENTURY},
      {"2019-SP", "2019-03-01", "2019-05-31", CG_GRAN_SEASON},
      {"2020-W01", "2019-12-30", "2020-01-05", CG_GRAN_WEEK},
      {"BC0044", "-0043-01-01", "-0043-12-31", CG_GRAN_YEAR},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    cg_span s = cg_span_from_value(cases[i].v);
    assert_true(s.valid);
    cg_format_day(s.earliest, a, sizeof a);
    cg_format_day(s.latest, b, sizeof b);
    assert_string_equal(a, cases[i].e);
    assert_string_equal(b, cases[i].l);
    assert_int_equal(s.gran, cases[i].g);
  }
  assert_false(cg_span_from_value("PRESENT_REF").valid);
  assert_false(cg_span_from_value("P4Y").valid);
  assert_false(cg_span_from_value("2022-13").valid);
}

static void test_parse_iso_day(void **state) {
  (void)state;
  assert_int_equal(cg_parse_iso_day("2025-12-07"), cg_days_from_civil(2025, 12, 7));
  assert_int_equal(cg_parse_iso_day("2025-12-07T10:00:00Z"), cg_days_from_civil(2025, 12, 7));
  assert_true(cg_parse_iso_day("2025-02-30") == CG_NO_DAY);
  assert_true(cg_parse_iso_day("20251207") == CG_NO_DAY);
  assert_true(cg_parse_iso_day(NULL) == CG_NO_DAY);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_roundtrip),         cmocka_unit_test(test_weekday),
      cmocka_unit_test(test_add_months_clamps), cmocka_unit_test(test_value_spans),
      cmocka_unit_test(test_parse_iso_day),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
