/* Buffers, the string map and error formatting: the small pieces everything uses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexmap.h"
#include "model.h"
#include "strmap.h"
#include "tokens.h"
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

/* The lexicon map: lookups with a hash made beforehand (as the tokenizer makes it)
 * agree with plain ones, lower-cased lookups ignore ASCII case only, and a cleared
 * map (also one that grew large) holds nothing and takes keys again. */
/* Keys longer than a word compare 8 bytes at a time: a difference in any byte, and
 * case folding of exactly 'A'..'Z' (not '@', '[', '`', '{' nor UTF-8 bytes), must
 * still be seen wherever it falls. */
static void test_lexmap_long_keys_compare_every_byte(void **state) {
  (void)state;
  cg_lexmap *m = cg_lexmap_new();
  const char *key = "international@[`{}\\\xc3\xa9" "conomie-z"; /* 30 bytes */
  size_t n = strlen(key);
  assert_true(cg_lexmap_put(m, key, n, 7));
  char probe[64];
  for (size_t i = 0; i < n; i++) {
    memcpy(probe, key, n);
    probe[i] ^= 1; /* one byte differs */
    assert_false(cg_lexmap_get(m, probe, n, NULL));
    assert_false(cg_lexmap_get_lower(m, probe, n, NULL));
    memcpy(probe, key, n);
    probe[i] = (char)cg_upper((unsigned char)probe[i]); /* one letter upper-cased */
    int32_t v = -1;
    assert_true(cg_lexmap_get_lower(m, probe, n, &v));
    assert_int_equal(v, 7);
    assert_int_equal(cg_lexmap_get(m, probe, n, NULL), probe[i] == key[i]);
  }
  /* bytes next to the letters do not fold: '@' is not '`', '[' is not '{' */
  assert_true(cg_lexmap_put(m, "abcdefgh`{", 10, 1));
  assert_false(cg_lexmap_get_lower(m, "ABCDEFGH@[", 10, NULL));
  assert_true(cg_lexmap_get_lower(m, "ABCDEFGH`{", 10, NULL));
  cg_lexmap_free(m);
}

static void test_lexmap_hashed_lookups_and_clear(void **state) {
  (void)state;
  cg_lexmap *m = cg_lexmap_new();
  char key[32];
  for (int round = 0; round < 3; round++) {
    int count = round == 1 ? 5000 : 40; /* round 1 grows the map past what clear keeps */
    for (int i = 0; i < count; i++) {
      int n = snprintf(key, sizeof key, "word%d", i);
      assert_true(cg_lexmap_put(m, key, (size_t)n, i));
      assert_false(cg_lexmap_put(m, key, (size_t)n, -1)); /* first definition wins */
    }
    assert_int_equal(cg_lexmap_count(m), (size_t)count);
    for (int i = 0; i < count; i++) {
      int n = snprintf(key, sizeof key, "word%d", i);
      int32_t v = -1;
      assert_true(cg_lexmap_get_h(m, key, (size_t)n, cg_lexhash(key, (size_t)n), &v));
      assert_int_equal(v, i);
      key[0] = 'W'; /* "Word12": found lower-cased, not as it is */
      assert_false(cg_lexmap_get(m, key, (size_t)n, NULL));
      v = -1;
      assert_true(cg_lexmap_get_lower_h(m, key, (size_t)n, cg_lexhash_lower(key, (size_t)n), &v));
      assert_int_equal(v, i);
    }
    assert_false(cg_lexmap_get(m, "word", 4, NULL));
    cg_lexmap_clear(m);
    assert_int_equal(cg_lexmap_count(m), 0);
    assert_false(cg_lexmap_get(m, "word1", 5, NULL));
  }
  cg_lexmap_free(m);
}

/* key[0..len) is the key put with value (keys are not NUL-terminated). */
static void count_each(void *ctx, const char *key, size_t len, int32_t value) {
  int *sum = ctx;
  const char *want = value == 1 ? "a" : value == 10 ? "bb" : "";
  assert_int_equal(len, strlen(want));
  if (len) assert_memory_equal(key, want, len);
  *sum += value;
}

static void test_lexmap_each_visits_every_key(void **state) {
  (void)state;
  cg_lexmap *m = cg_lexmap_new();
  cg_lexmap_put(m, "a", 1, 1);
  cg_lexmap_put(m, "bb", 2, 10);
  cg_lexmap_put(m, "", 0, 100);
  int sum = 0;
  cg_lexmap_each(m, count_each, &sum);
  assert_int_equal(sum, 111);
  cg_lexmap_free(m);
}

/* Tokens carry the hashes the lexicon maps use, for every kind of token. */
static void test_token_hashes(void **state) {
  (void)state;
  const char *t = "The U.S.-led Moscow's 3.5% \xC3\x89lys\xC3\xA9" "e O'Brien, countries' \"AT&T\"";
  cg_tokens tk = {0};
  cg_tokenize(t, 0, strlen(t), &tk);
  assert_true(tk.len >= 12);
  for (size_t i = 0; i < tk.len; i++) {
    const cg_token *k = &tk.items[i];
    assert_int_equal(k->hash, cg_lexhash(t + k->start, k->end - k->start));
    assert_int_equal(k->lhash, cg_lexhash_lower(t + k->start, k->end - k->start));
  }
  free(tk.items);
}

/* cg_tokens_upto against a plain walk: for every start token and every byte limit of
 * a text (sentence ends fall anywhere), the first token from `from` that ends after the
 * limit. */
static void test_tokens_upto_matches_a_walk(void **state) {
  (void)state;
  const char *t = "On Monday, the U.S. and the E.U. met in Geneva. Talks went on; nothing "
                  "was signed (officials said) \xE2\x80\x94 again.  End";
  cg_tokens tk = {0};
  cg_tokenize(t, 0, strlen(t), &tk);
  assert_true(tk.len > 20);
  for (size_t from = 0; from <= tk.len; from++)
    for (size_t limit = 0; limit <= strlen(t) + 1; limit++) {
      size_t want = from;
      while (want < tk.len && tk.items[want].end <= limit) want++;
      assert_int_equal(cg_tokens_upto(&tk, from, limit), want);
    }
  free(tk.items);
}

/* Memory of cg_docx_alloc is owned by the document, the only owner of its actor and
 * event strings and arrays: aligned, distinct for every call (even of 0 bytes), large
 * requests included, and freed with the document, never one by one (ASan checks that
 * cg_docx_free frees it all, shared strings once). */
static void test_docx_alloc_ownership(void **state) {
  (void)state;
  cg_doc *d = cg_doc_new();
  d->text = cg_xstrdup("x");
  d->len = 1;
  cg_docx *dx = cg_docx_new(d);
  char *small = cg_docx_strdup(dx, "lemma");
  assert_string_equal(small, "lemma");
  assert_string_equal(cg_docx_strndup(dx, "key:xyz", 6), "key:xy");
  assert_true(((uintptr_t)cg_docx_alloc(dx, 3) % sizeof(void *)) == 0);
  void *large = cg_docx_alloc(dx, 100000); /* a block of its own */
  memset(large, 1, 100000);
  void *z1 = cg_docx_alloc(dx, 0), *z2 = cg_docx_alloc(dx, 0);
  assert_ptr_not_equal(z1, z2);
  assert_true(((uintptr_t)z2 % sizeof(void *)) == 0);
  /* an actor whose name is also its first alias, and aliases grown past several
   * powers of two: the earlier ones survive every growth */
  cg_actor a = {cg_docx_strdup(dx, "org:x"), small, CG_ACTOR_ORG, NULL, 0, -1};
  for (size_t i = 0; i < 37; i++) {
    cg_docx_alias_room(dx, &a);
    char buf[16];
    snprintf(buf, sizeof buf, "alias%zu", i);
    a.aliases[a.naliases++] = i == 0 ? small : cg_docx_strdup(dx, buf);
  }
  assert_ptr_equal(a.aliases[0], a.name);
  for (size_t i = 1; i < 37; i++) {
    char buf[16];
    snprintf(buf, sizeof buf, "alias%zu", i);
    assert_string_equal(a.aliases[i], buf);
  }
  CG_VEC_PUSH(&dx->actors, a);
  cg_event e = {.lemma = small, .cls = "statement", .nparts = 1};
  e.parts = cg_docx_alloc(dx, sizeof *e.parts);
  e.parts[0] = (cg_participant){0, CG_ROLE_AGENT, -1};
  CG_VEC_PUSH(&dx->events, e);
  CG_VEC_PUSH(&dx->events, e); /* the same lemma and parts twice */
  cg_docx_free(dx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_buf_is_a_string_as_soon_as_it_holds_memory),
      cmocka_unit_test(test_strmap),
      cmocka_unit_test(test_lexmap_hashed_lookups_and_clear),
      cmocka_unit_test(test_lexmap_long_keys_compare_every_byte),
      cmocka_unit_test(test_lexmap_each_visits_every_key),
      cmocka_unit_test(test_token_hashes),
      cmocka_unit_test(test_tokens_upto_matches_a_walk),
      cmocka_unit_test(test_docx_alloc_ownership),
      cmocka_unit_test(test_error_format_names_the_place),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
