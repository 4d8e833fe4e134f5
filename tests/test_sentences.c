/* Sentence splitter and tokenizer: one test per rule kind. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "sentences.h"
#include "tokens.h"

#include <stdlib.h>
#include <string.h>

static cg_docx *split(const char *text) {
  cg_doc *d = cg_doc_new();
  d->text = cg_xstrdup(text);
  d->len = strlen(text);
  cg_docx *dx = cg_docx_new(d);
  cg_sentences_split(dx);
  return dx;
}

static void assert_sent(const cg_docx *dx, size_t i, const char *expect) {
  assert_true(i < dx->sents.len);
  const cg_sentence *s = &dx->sents.items[i];
  size_t n = s->end - s->start;
  if (n != strlen(expect) || memcmp(dx->doc->text + s->start, expect, n) != 0)
    fail_msg("sentence %zu is [%.*s], expected [%s]", i, (int)n, dx->doc->text + s->start, expect);
}

static void test_basic_and_abbreviations(void **state) {
  (void)state;
  cg_docx *dx = split("Dr. Jane Roe met Gen. Lee at 3 p.m. on Monday. They talked. Did it work? Yes!");
  assert_int_equal(dx->sents.len, 4);
  assert_sent(dx, 0, "Dr. Jane Roe met Gen. Lee at 3 p.m. on Monday.");
  assert_sent(dx, 3, "Yes!");
  cg_docx_free(dx);
}

static void test_initials_and_decimals(void **state) {
  (void)state;
  cg_docx *dx = split("Shares of Acme rose 2.5 percent, J. R. Smith noted. Output fell.");
  assert_int_equal(dx->sents.len, 2);
  assert_sent(dx, 0, "Shares of Acme rose 2.5 percent, J. R. Smith noted.");
  cg_docx_free(dx);
}

static void test_dotted_abbreviation_at_end(void **state) {
  (void)state;
  /* "U.S." ends a sentence only when a sentence starter follows */
  cg_docx *dx = split("Talks moved to the U.S. The delegation left. The U.S. Army agreed.");
  assert_int_equal(dx->sents.len, 3);
  assert_sent(dx, 0, "Talks moved to the U.S.");
  assert_sent(dx, 2, "The U.S. Army agreed.");
  cg_docx_free(dx);
}

static void test_quotes(void **state) {
  (void)state;
  cg_docx *dx = split("\xE2\x80\x9CWe will wait.\xE2\x80\x9D The envoy left. \"Why now?\" she asked.");
  assert_int_equal(dx->sents.len, 3);
  assert_sent(dx, 0, "\xE2\x80\x9CWe will wait.\xE2\x80\x9D");
  assert_sent(dx, 2, "\"Why now?\" she asked.");
  cg_docx_free(dx);
}

static void test_paragraphs_and_headlines(void **state) {
  (void)state;
  cg_docx *dx = split("Ministers meet in Oslo\nThe talks opened on a long and tiring day of hard meetings about\n"
                      "fishing rights and quotas.\n\nA second paragraph without a final stop\n\nEnd.");
  assert_int_equal(dx->sents.len, 4);
  assert_sent(dx, 0, "Ministers meet in Oslo");
  assert_sent(dx, 1, "The talks opened on a long and tiring day of hard meetings about\nfishing rights and quotas.");
  assert_sent(dx, 2, "A second paragraph without a final stop");
  cg_docx_free(dx);
}

static void test_tokens_possessive_and_shapes(void **state) {
  (void)state;
  const char *t = "Moscow\xE2\x80\x99s NATO plan, Russia's U.S. 3.5 countries' year-old";
  cg_tokens tk = {0};
  cg_tokenize(t, 0, strlen(t), &tk);
  assert_int_equal(tk.len, 12);
  assert_int_equal(tk.items[0].end - tk.items[0].start, 6); /* Moscow */
  assert_true(tk.items[1].shape & CG_TOK_POSS);             /* ’s */
  assert_true(tk.items[0].shape & CG_TOK_CAP);
  assert_true(tk.items[2].shape & CG_TOK_ALLCAPS);
  assert_true(tk.items[4].shape & CG_TOK_PUNCT);
  assert_true(tk.items[6].shape & CG_TOK_POSS);             /* 's */
  assert_int_equal(tk.items[7].end - tk.items[7].start, 4); /* U.S. */
  assert_true(tk.items[8].shape & CG_TOK_DIGIT);            /* 3.5 */
  assert_int_equal(tk.items[8].end - tk.items[8].start, 3);
  assert_true(tk.items[10].shape & CG_TOK_POSS);            /* plural ' */
  assert_int_equal(tk.items[11].end - tk.items[11].start, 8);
  free(tk.items);
}

static void test_covers_all_text_linear(void **state) {
  (void)state;
  /* a long text of short sentences: every sentence found, in order */
  cg_buf b = {0};
  for (int i = 0; i < 20000; i++) cg_buf_puts(&b, "The index rose. ");
  cg_docx *dx = split(b.data);
  assert_int_equal(dx->sents.len, 20000);
  for (size_t i = 1; i < dx->sents.len; i++)
    assert_true(dx->sents.items[i].start >= dx->sents.items[i - 1].end);
  cg_docx_free(dx);
  cg_buf_free(&b);
}

/* Month and weekday abbreviations that are also words end a sentence unless a number
 * or another date abbreviation follows. */
static void test_date_abbreviations(void **state) {
  (void)state;
  cg_docx *dx = split("The probe flew away from the Sun. NASA said so. It launched on Sun. Dec. 7 "
                      "and reached orbit by Mar. 5 as planned.");
  assert_int_equal(dx->sents.len, 3);
  assert_sent(dx, 0, "The probe flew away from the Sun.");
  assert_sent(dx, 1, "NASA said so.");
  cg_docx_free(dx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_basic_and_abbreviations),
      cmocka_unit_test(test_initials_and_decimals),
      cmocka_unit_test(test_dotted_abbreviation_at_end),
      cmocka_unit_test(test_quotes),
      cmocka_unit_test(test_paragraphs_and_headlines),
      cmocka_unit_test(test_tokens_possessive_and_shapes),
      cmocka_unit_test(test_covers_all_text_linear),
      cmocka_unit_test(test_date_abbreviations),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
