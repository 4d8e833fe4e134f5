/* TimeML reader/writer: DCT and text extraction, entity decoding, gold TIMEX3 offsets,
 * and re-emission that changes nothing but the TIMEX3 tags inside <TEXT>. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "read_timeml.h"
#include "timeml_score.h"

#include <stdlib.h>
#include <string.h>

static const char *sample =
    "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>X1</DOCID>\n"
    "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\" functionInDocument=\"CREATION_TIME\">"
    "19980108</TIMEX3></DCT>\n<TITLE>A &amp; B</TITLE>\n<TEXT>\nAT&amp;T <EVENT eid=\"e1\">said</EVENT> "
    "<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-01-07\">yesterday</TIMEX3> it &lt;will&gt; "
    "grow for <TIMEX3 tid=\"t2\" type=\"DURATION\" value=\"P2Y\" mod=\"MORE_THAN\">more than two "
    "years</TIMEX3>.\n</TEXT>\n<TLINK lid=\"l1\"/>\n</TimeML>\n";

static void test_read(void **state) {
  (void)state;
  cg_doc *d = NULL;
  cg_timex_vec gold = {0};
  cg_error err = {0};
  assert_int_equal(cg_timeml_parse(sample, strlen(sample), "x.tml", &d, &gold, &err), CG_OK);
  assert_string_equal(d->dct, "1998-01-08");
  assert_string_equal(d->id, "X1");
  assert_string_equal(d->text, "\nAT&T said yesterday it <will> grow for more than two years.\n");
  assert_int_equal(gold.len, 2);
  assert_int_equal(strncmp(d->text + gold.items[0].start, "yesterday", 9), 0);
  assert_int_equal(gold.items[0].end - gold.items[0].start, 9);
  assert_string_equal(gold.items[1].value, "P2Y");
  assert_string_equal(gold.items[1].mod, "MORE_THAN");
  assert_int_equal(gold.items[1].type, CG_TX_DURATION);
  free(gold.items);
  cg_doc_free(d);
  /* the public reader gives the same document */
  assert_int_equal(cg_read_timeml(sample, strlen(sample), "x.tml", &d, &err), CG_OK);
  assert_non_null(d->raw);
  cg_doc_free(d);
  /* no <TEXT>: an input error, not a crash */
  assert_int_equal(cg_read_timeml("<TimeML></TimeML>", 17, "bad.tml", &d, &err), CG_EINPUT);
  assert_null(d);
}

/* Re-emitting with our timexes: outside <TEXT> byte-identical, inside only TIMEX3 tags
 * differ, and reading our output back gives the same text and our timexes. */
static void test_round_trip(void **state) {
  (void)state;
  cg_doc *d = NULL;
  cg_error err = {0};
  assert_int_equal(cg_read_timeml(sample, strlen(sample), "x.tml", &d, &err), CG_OK);
  size_t ts = d->raw_text_start, te = d->raw_text_end, rl = d->raw_len;
  cg_docx *dx = cg_docx_new(d);
  const char *t = d->text;
  cg_timex x = {0};
  x.start = (size_t)(strstr(t, "AT&T") - t);
  x.end = x.start + 4; /* crosses an entity on purpose */
  x.type = CG_TX_DATE;
  strcpy(x.value, "A\"<&");
  CG_VEC_PUSH(&dx->timexes, x);
  x.start = (size_t)(strstr(t, "two years") - t);
  x.end = x.start + 9;
  x.type = CG_TX_DURATION;
  strcpy(x.value, "P2Y");
  strcpy(x.mod, "APPROX");
  CG_VEC_PUSH(&dx->timexes, x);
  cg_buf out = {0};
  cg_write_timeml(dx, &out);
  assert_memory_equal(out.data, sample, ts);
  size_t tail = rl - te;
  assert_memory_equal(out.data + out.len - tail, sample + te, tail);
  assert_non_null(strstr(out.data, "<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"A&quot;&lt;&amp;\">AT&amp;T</TIMEX3>"));
  assert_non_null(strstr(out.data, "<TIMEX3 tid=\"t2\" type=\"DURATION\" value=\"P2Y\" mod=\"APPROX\">two years</TIMEX3>"));
  assert_null(strstr(out.data, "\"t2\" type=\"DATE\" value=\"1998-01-07\""));
  assert_non_null(strstr(out.data, "<EVENT eid=\"e1\">said</EVENT>"));
  cg_doc *d2 = NULL;
  cg_timex_vec g2 = {0};
  assert_int_equal(cg_timeml_parse(out.data, out.len, "y.tml", &d2, &g2, &err), CG_OK);
  assert_string_equal(d2->text, t);
  assert_int_equal(g2.len, 2);
  assert_string_equal(g2.items[0].value, "A\"<&");
  assert_int_equal(g2.items[1].start, dx->timexes.items[1].start);
  free(g2.items);
  cg_doc_free(d2);
  cg_buf_free(&out);
  cg_docx_free(dx);
}

/* A document that did not come from TimeML is written as minimal TimeML. */
static void test_minimal(void **state) {
  (void)state;
  cg_doc *d = cg_doc_new();
  d->text = cg_xstrdup("Q&A on Monday");
  d->len = strlen(d->text);
  d->dct = cg_xstrdup("2024-01-03");
  d->id = cg_xstrdup("n1");
  cg_docx *dx = cg_docx_new(d);
  cg_timex x = {0};
  x.start = 7;
  x.end = 13;
  strcpy(x.value, "2024-01-01");
  CG_VEC_PUSH(&dx->timexes, x);
  cg_buf out = {0};
  cg_write_timeml(dx, &out);
  cg_doc *d2 = NULL;
  cg_timex_vec g = {0};
  cg_error err = {0};
  assert_int_equal(cg_timeml_parse(out.data, out.len, "m.tml", &d2, &g, &err), CG_OK);
  assert_string_equal(d2->text, "Q&A on Monday");
  assert_string_equal(d2->dct, "2024-01-03");
  assert_int_equal(g.len, 1);
  assert_int_equal(g.items[0].start, 7);
  free(g.items);
  cg_doc_free(d2);
  cg_buf_free(&out);
  cg_docx_free(dx);
}

/* The scorer on a hand-made case: one strict match, one relaxed with a wrong value,
 * one miss, one extra. */
static void test_score(void **state) {
  (void)state;
  cg_timex g[3] = {{.start = 0, .end = 5, .value = "2014"}, {.start = 10, .end = 20, .value = "P1Y"},
                   {.start = 30, .end = 35, .value = "X"}};
  cg_timex s[3] = {{.start = 0, .end = 5, .value = "2014"}, {.start = 12, .end = 20, .value = "P2Y"},
                   {.start = 40, .end = 45, .value = "Y"}};
  cg_tscore sc = {0};
  cg_tscore_add(&sc, "t", "0123456789012345678901234567890123456789012345", g, 3, s, 3, NULL);
  cg_tscore_f1 f = cg_tscore_figures(&sc);
  assert_true(f.relaxed_p > 66.6 && f.relaxed_p < 66.7);
  assert_true(f.strict_f1 > 33.3 && f.strict_f1 < 33.4);
  assert_true(f.value_acc > 49.9 && f.value_acc < 50.1);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_read), cmocka_unit_test(test_round_trip),
                                     cmocka_unit_test(test_minimal), cmocka_unit_test(test_score)};
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
