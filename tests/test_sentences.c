/* Sentence splitter and tokenizer: one test per rule kind. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "lexmap.h"
#include "docx_fixture.h"
#include "sentences.h"
#include "tokens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cg_docx *split(const char *text) { return fx_split_docx(text, NULL); }

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

/* Newlines are seen through the tokens' CG_TOK_SPACE_NL flag: gaps that mix them with
 * CR, tabs, spaces or a no-break space count like a bare newline. */
static void test_newline_gaps(void **state) {
  (void)state;
  /* a blank line of CR, space and tab ends a long line's sentence; a single CRLF
   * inside a long line does not */
  cg_docx *dx = split("The talks opened on a long and tiring day of hard meetings about fishing\r\n"
                      "rights and quotas for the coming year\r\n \t\r\nA second paragraph");
  assert_int_equal(dx->sents.len, 2);
  assert_sent(dx, 0, "The talks opened on a long and tiring day of hard meetings about fishing\r\n"
                     "rights and quotas for the coming year");
  assert_sent(dx, 1, "A second paragraph");
  cg_docx_free(dx);
  /* a short line ended by a no-break space and a newline is a headline */
  dx = split("Ministers meet in Oslo\xC2\xA0\nThe talks opened.");
  assert_int_equal(dx->sents.len, 2);
  assert_sent(dx, 0, "Ministers meet in Oslo");
  cg_docx_free(dx);
  /* after an inner abbreviation a newline ends the sentence; a space alone does not
   * ("Shares" is no sentence starter) */
  dx = split("They sued Acme Corp.\nShares fell.");
  assert_int_equal(dx->sents.len, 2);
  assert_sent(dx, 0, "They sued Acme Corp.");
  cg_docx_free(dx);
  dx = split("They sued Acme Corp. Shares fell.");
  assert_int_equal(dx->sents.len, 1);
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

/* The tokenizer's ASCII fast paths agree with its general rules on mixed text: shapes
 * of ASCII and non-ASCII words, connectors and the tokens kept for the later stages. */
static void test_tokens_ascii_and_utf8_shapes(void **state) {
  (void)state;
  const char *t = "\xC3\x89lys\xC3\xA9" "e NATO U.S.-led 3.5% co-op O'Brien \xE2\x80\x9CQuoted\xE2\x80\x9D "
                  "\xC3\x9C\xC3\x9C" "X x2";
  cg_tokens tk = {0};
  cg_tokenize(t, 0, strlen(t), &tk);
  const char *want[] = {"\xC3\x89lys\xC3\xA9" "e", "NATO", "U.S.", "-", "led", "3.5", "%", "co-op",
                        "O'Brien", "\xE2\x80\x9C", "Quoted", "\xE2\x80\x9D", "\xC3\x9C\xC3\x9C" "X", "x2"};
  assert_int_equal(tk.len, sizeof want / sizeof want[0]);
  for (size_t i = 0; i < tk.len; i++) {
    size_t n = tk.items[i].end - tk.items[i].start;
    assert_int_equal(n, strlen(want[i]));
    assert_memory_equal(t + tk.items[i].start, want[i], n);
  }
  assert_true(tk.items[0].shape & CG_TOK_CAP);
  assert_false(tk.items[0].shape & CG_TOK_ALLCAPS);
  assert_true(tk.items[1].shape & CG_TOK_ALLCAPS);
  assert_true(tk.items[2].shape & CG_TOK_DOTTED);
  assert_true(tk.items[5].shape & CG_TOK_DIGIT);
  assert_true(tk.items[9].shape & CG_TOK_QUOTE);
  assert_true(tk.items[12].shape & CG_TOK_ALLCAPS);
  assert_true((tk.items[13].shape & CG_TOK_DIGIT) && !(tk.items[13].shape & CG_TOK_CAP));
  free(tk.items);
}

/* Lexicon maps: exact and case-folded lookups, keys that share a first byte and a
 * length with a miss, long keys and the empty key (the pre-filter must not hide any). */
static void test_lexmap_lookups(void **state) {
  (void)state;
  cg_lexmap *m = cg_lexmap_new();
  const char *longkey = "a key longer than thirty-one bytes in all";
  assert_true(cg_lexmap_put(m, "president", 9, 1));
  assert_true(cg_lexmap_put(m, "Paris", 5, 2));
  assert_true(cg_lexmap_put(m, longkey, strlen(longkey), 3));
  assert_false(cg_lexmap_put(m, "Paris", 5, 9)); /* first definition wins */
  int32_t v = 0;
  assert_true(cg_lexmap_get(m, "Paris", 5, &v));
  assert_int_equal(v, 2);
  assert_false(cg_lexmap_get(m, "Parks", 5, NULL));
  assert_false(cg_lexmap_get(m, "paris", 5, NULL));
  assert_false(cg_lexmap_get(m, "", 0, NULL));
  assert_true(cg_lexmap_get_lower(m, "PRESIDENT", 9, &v));
  assert_int_equal(v, 1);
  assert_true(cg_lexmap_get_lower(m, "President", 9, NULL));
  assert_false(cg_lexmap_get_lower(m, "Presidents", 10, NULL));
  assert_false(cg_lexmap_get_lower(m, "Paris", 5, NULL)); /* the key is not lower case */
  assert_true(cg_lexmap_get(m, longkey, strlen(longkey), &v));
  assert_int_equal(v, 3);
  assert_false(cg_lexmap_get(m, longkey, strlen(longkey) - 1, NULL));
  cg_lexmap_set(m, "", 0, 7);
  assert_true(cg_lexmap_get(m, "", 0, &v));
  assert_int_equal(v, 7);
  for (int i = 0; i < 1000; i++) { /* growth keeps every key */
    char k[16];
    int n = snprintf(k, sizeof k, "k%d", i);
    cg_lexmap_put(m, k, (size_t)n, i);
  }
  assert_int_equal(cg_lexmap_count(m), 1004);
  assert_true(cg_lexmap_get(m, "k999", 4, &v));
  assert_int_equal(v, 999);
  assert_true(cg_lexmap_get(m, "president", 9, NULL));
  cg_lexmap_free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_basic_and_abbreviations),
      cmocka_unit_test(test_initials_and_decimals),
      cmocka_unit_test(test_dotted_abbreviation_at_end),
      cmocka_unit_test(test_quotes),
      cmocka_unit_test(test_paragraphs_and_headlines),
      cmocka_unit_test(test_newline_gaps),
      cmocka_unit_test(test_tokens_possessive_and_shapes),
      cmocka_unit_test(test_covers_all_text_linear),
      cmocka_unit_test(test_date_abbreviations),
      cmocka_unit_test(test_tokens_ascii_and_utf8_shapes),
      cmocka_unit_test(test_lexmap_lookups),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
