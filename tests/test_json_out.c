/* The cursor primitives of graph/json_out.c (word-at-a-time escaping, digit pairs) and
 * the caches and room checks of graph/docx_write.c, against jansson: strings of every
 * length around the 4- and 8-byte words with a byte that needs care at each position,
 * integers around every power of ten, and documents whose names, dates and sizes
 * exercise the per-document caches and the buffer growth. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "json_out.h"

/* What jansson writes for the n bytes at s ("\uFFFD" where it refuses them). */
static char *jansson_str(const char *s, size_t n) {
  json_t *j = json_stringn(s, n);
  char *want = j ? json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT) : cg_xstrdup("\"\xEF\xBF\xBD\"");
  json_decref(j);
  return want;
}

/* cg_json_str_valid_at on the n bytes at s (an exact copy on the heap, so that the
 * sanitizers see a read past them): NULL where jansson refuses them, else its bytes.
 * Its short path (cg_json_short_at, inline) and its general path are separate code. */
static void assert_valid_as_jansson(const char *s, size_t n) {
  char *copy = cg_xmalloc(n ? n : 1);
  memcpy(copy, s, n);
  json_t *j = json_stringn(copy, n);
  char *want = j ? json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
  json_decref(j);
  char *out = cg_xmalloc(CG_JSON_STR_MAX(n));
  char *e = cg_json_str_valid_at(out, copy, n);
  if (!want) {
    if (e) fail_msg("length %zu: jansson refuses it, Got %.*s", n, (int)(e - out), out);
  } else if (!e || (size_t)(e - out) != strlen(want) || memcmp(out, want, strlen(want)) != 0) {
    fail_msg("length %zu: Expected %s Got %.*s", n, want, e ? (int)(e - out) : 4, e ? out : "NULL");
  }
  free(out);
  free(want);
  free(copy);
}

static void assert_str_as_jansson(const char *s, size_t n) {
  assert_valid_as_jansson(s, n);
  char *want = jansson_str(s, n);
  cg_buf got = {0};
  cg_json_put_str(&got, s, n);
  if (strcmp(want, got.data) != 0 || got.len != strlen(want))
    fail_msg("length %zu: Expected %s Got %s", n, want, got.data);
  /* the cursor form writes the same bytes and returns their end, reading none past
   * them (an exact copy on the heap) */
  char *copy = cg_xmalloc(n ? n : 1);
  memcpy(copy, s, n);
  char *out = cg_xmalloc(CG_JSON_STR_MAX(n) + 1);
  char *e = cg_json_str_at(out, copy, n);
  free(copy);
  assert_int_equal((size_t)(e - out), strlen(want));
  assert_memory_equal(out, want, strlen(want));
  free(out);
  free(want);
  cg_buf_free(&got);
}

/* Each byte that needs care (or a multi-byte sequence, valid or not) at every position
 * of plain strings of 0..56 bytes: the word and 16-byte block paths must hand over to
 * the byte path at the right place, including in the overlapping tail block. */
static void test_strings_at_every_position(void **state) {
  (void)state;
  static const char *const inserts[] = {
      "\"", "\\", "\x01", "\x1f", "\n", "\t", "\x7f", " ", "~",
      "\xc3\xa9",         /* é */
      "\xe2\x80\xa8",     /* U+2028 */
      "\xf0\x9f\x98\x80", /* U+1F600 */
      "\xc3",             /* truncated */
      "\x80",             /* stray continuation */
      "\xed\xa0\x80",     /* surrogate */
      "\xc0\xaf",         /* overlong */
  };
  char s[64];
  for (size_t n = 0; n <= 56; n++) {
    /* plain: letters, digits and punctuation that needs no escape */
    for (size_t i = 0; i < n; i++) s[i] = (char)('!' + (i * 7) % 90 + (i * 7 % 90 >= 1 ? 1 : 0));
    for (size_t i = 0; i < n; i++)
      if (s[i] == '"' || s[i] == '\\') s[i] = 'x';
    assert_str_as_jansson(s, n);
    for (size_t k = 0; k < sizeof inserts / sizeof inserts[0]; k++) {
      size_t m = strlen(inserts[k]);
      for (size_t at = 0; at + m <= n; at++) {
        char t[64];
        memcpy(t, s, n);
        memcpy(t + at, inserts[k], m);
        assert_str_as_jansson(t, n);
      }
    }
  }
}

/* cg_json_str16_at on the n bytes at s, which has 16 readable bytes. */
static void assert_str16_as_jansson(const char *s, size_t n) {
  char *want = jansson_str(s, n);
  char *out = cg_xmalloc(CG_JSON_STR_MAX(n) + 16);
  char *e = cg_json_str16_at(out, s, n);
  if ((size_t)(e - out) != strlen(want) || memcmp(out, want, strlen(want)) != 0)
    fail_msg("str16, length %zu: Expected %s Got %.*s", n, want, (int)(e - out), out);
  free(out);
  free(want);
}

/* The 16-byte block path for spans and short fields: strings of 0..20 bytes with a
 * byte that needs care at every position, and bytes past the string's end (read with
 * the block, never written) that would need care: they must not count. */
static void test_str16_at_every_position(void **state) {
  (void)state;
  static const char *const inserts[] = {"\"", "\\", "\x01", "\x1f", "\n", "\xc3\xa9",
                                        "\xe2\x80\xa8", "\xc3", "\x80", "\xed\xa0\x80"};
  static const char after[] = {'a', '"', '\\', '\x01', '\xff', '\xc3'};
  for (size_t n = 0; n <= 20; n++) {
    for (size_t f = 0; f < sizeof after; f++) {
      char s[40];
      memset(s, after[f], sizeof s);
      for (size_t i = 0; i < n; i++) s[i] = (char)('A' + (i * 5) % 26);
      assert_str16_as_jansson(s, n);
      for (size_t k = 0; k < sizeof inserts / sizeof inserts[0]; k++) {
        size_t m = strlen(inserts[k]);
        for (size_t at = 0; at + m <= n; at++) {
          char t[40];
          memcpy(t, s, sizeof t);
          memcpy(t + at, inserts[k], m);
          assert_str16_as_jansson(t, n);
        }
      }
    }
  }
}

/* cg_json_array16_at on the NUL-terminated string in the 48-byte array a: the bytes
 * of jansson's string when it takes it, and when it refuses it, cg_json_str_at does
 * the rest as put_array16 in graph/docx_write.c does. */
static void assert_array16_as_jansson(const char *a) {
  size_t n = strlen(a);
  char *want = jansson_str(a, n);
  char out[CG_JSON_STR_MAX(48) + 16];
  char *e = cg_json_array16_at(out, a);
  bool plain = n < 16 && strcspn(a, "\"\\") == n;
  for (size_t i = 0; i < n; i++)
    plain = plain && (unsigned char)a[i] >= 0x20 && (unsigned char)a[i] < 0x80;
  if (plain != (e != NULL)) fail_msg("length %zu: %s by the block", n, e ? "taken" : "not taken");
  if (!e) e = cg_json_str16_at(out, a, n);
  if ((size_t)(e - out) != strlen(want) || memcmp(out, want, strlen(want)) != 0)
    fail_msg("array16, length %zu: Expected %s Got %.*s", n, want, (int)(e - out), out);
  free(want);
}

/* The 16-byte block of a value or mod: its NUL at every position of the block (and
 * none in it, for strings of 16 to 47 bytes), each byte that needs care at every
 * position before it, and bytes after the NUL that would need care or look like more
 * string: only the bytes before the first byte that needs care may be taken, and only
 * when that byte is the NUL. */
static void test_array16_at_every_position(void **state) {
  (void)state;
  static const char *const inserts[] = {"\"", "\\", "\x01", "\x1f", "\n", "\x7f", "~",
                                        "\xc3\xa9", "\xe2\x80\xa8", "\xc3", "\x80"};
  static const char after[] = {'a', '"', '\\', '\x01', '\xff', '\xc3', '\0'};
  for (size_t n = 0; n < 48; n++) {
    for (size_t f = 0; f < sizeof after; f++) {
      char a[48];
      memset(a, after[f], sizeof a);
      for (size_t i = 0; i < n; i++) a[i] = (char)('A' + (i * 5) % 26);
      a[n] = '\0';
      assert_array16_as_jansson(a);
      for (size_t k = 0; k < sizeof inserts / sizeof inserts[0]; k++) {
        size_t m = strlen(inserts[k]);
        for (size_t at = 0; at + m <= n; at++) {
          char t[48];
          memcpy(t, a, sizeof t);
          memcpy(t + at, inserts[k], m);
          assert_array16_as_jansson(t);
        }
      }
    }
  }
}

/* On bytes that are not UTF-8, cg_json_put_str_valid leaves the buffer as it was. */
static void test_invalid_leaves_buffer(void **state) {
  (void)state;
  cg_buf b = {0};
  cg_buf_puts(&b, "[1,");
  assert_false(cg_json_put_str_valid(&b, "abcdefghij\xff", 11));
  assert_int_equal(b.len, 3);
  assert_string_equal(b.data, "[1,");
  assert_true(cg_json_put_str_valid(&b, "abcdefghij", 10));
  assert_string_equal(b.data, "[1,\"abcdefghij\"");
  cg_buf_free(&b);
}

static void assert_uint(size_t v) {
  char want[32], got[CG_JSON_NUM_MAX];
  snprintf(want, sizeof want, "%zu", v);
  char *e = cg_json_uint_at(got, v);
  if ((size_t)(e - got) != strlen(want) || memcmp(got, want, strlen(want)) != 0)
    fail_msg("Expected %s Got %.*s", want, (int)(e - got), got);
  cg_buf b = {0};
  cg_json_put_int(&b, -(long long)(v % ((size_t)1 << 62)));
  snprintf(want, sizeof want, "%lld", -(long long)(v % ((size_t)1 << 62)));
  assert_string_equal(b.data, want);
  cg_buf_free(&b);
}

/* Every integer below 10^6 (the digit pair below 100, the 4 digits at once below
 * 10^4, digit pairs above), each side of every power of ten and of two, to SIZE_MAX. */
static void test_integers(void **state) {
  (void)state;
  for (size_t v = 0; v < 1000000; v++) assert_uint(v);
  for (size_t p = 10; p <= SIZE_MAX / 10; p *= 10) {
    assert_uint(p - 1);
    assert_uint(p);
    assert_uint(p + 1);
  }
  for (unsigned k = 1; k < 64; k++) {
    assert_uint(((size_t)1 << k) - 1);
    assert_uint((size_t)1 << k);
    assert_uint(((size_t)1 << k) + 1);
  }
  assert_uint(SIZE_MAX);
  cg_buf b = {0};
  cg_json_put_int(&b, INT64_MIN);
  assert_string_equal(b.data, "-9223372036854775808");
  cg_buf_free(&b);
}

/* cg_format_day (digits without snprintf for years 0..9999) as the snprintf formats it
 * always had, over 14 000 years each side of the epoch, with its truncation and its
 * returned length. */
static void test_format_day(void **state) {
  (void)state;
  for (int64_t z = -6000000; z <= 6000000; z += 13) {
    int64_t y;
    unsigned m, d;
    cg_civil_from_days(z, &y, &m, &d);
    char want[40], got[40];
    if (y >= 0 && y <= 9999) snprintf(want, sizeof want, "%04lld-%02u-%02u", (long long)y, m, d);
    else snprintf(want, sizeof want, "%+05lld-%02u-%02u", (long long)y, m, d);
    size_t n = cg_format_day(z, got, sizeof got);
    if (strcmp(want, got) != 0 || n != strlen(want)) fail_msg("%" PRId64 ": Expected %s Got %s", z, want, got);
  }
  char buf[16];
  for (size_t size = 1; size <= 12; size++) {
    memset(buf, 'x', sizeof buf);
    size_t n = cg_format_day(cg_days_from_civil(2025, 12, 6), buf, size);
    assert_int_equal(n, size - 1 < 10 ? size - 1 : 10);
    assert_int_equal(strlen(buf), n);
    assert_memory_equal(buf, "2025-12-06", n);
  }
  assert_int_equal(cg_format_day(0, buf, 0), 0);
  assert_int_equal(cg_format_day(cg_days_from_civil(-43, 3, 15), buf, sizeof buf), 11);
  assert_string_equal(buf, "-0043-03-15");
}

static void assert_same(const cg_docx *dx, bool with_text) {
  json_t *o = cg_docx_to_json(dx, with_text);
  char *want = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6));
  json_decref(o);
  cg_buf got = {0};
  cg_buf_puts(&got, "prefix "); /* the writer appends */
  cg_docx_write_json(dx, with_text, &got);
  assert_int_equal(got.len, strlen(got.data));
  if (strcmp(want, got.data + 7) != 0) {
    size_t i = 0;
    while (want[i] && want[i] == got.data[7 + i]) i++;
    size_t from = i > 60 ? i - 60 : 0;
    fail_msg("differs at byte %zu\n  Expected: %.120s\n  Got:      %.120s", i, want + from,
             got.data + 7 + from);
  }
  free(want);
  cg_buf_free(&got);
}

/* Names shared by many events (the name cache), one of them needing escapes and one
 * too long to keep; dates that repeat, collide in the day cache or fall outside
 * 0..9999; events with many participants and a text and id long enough to make the
 * buffer grow in the middle of an element. */
static void test_caches_and_growth(void **state) {
  (void)state;
  size_t tlen = 70000;
  char *text = cg_xmalloc(tlen + 1);
  for (size_t i = 0; i < tlen; i++) text[i] = i % 97 == 5 ? '"' : (char)('a' + i % 26);
  text[tlen] = '\0';
  cg_doc *d = cg_doc_new();
  char id[1200];
  memset(id, 'i', sizeof id - 1);
  id[sizeof id - 1] = '\0';
  id[3] = '\\';
  d->id = cg_xstrdup(id);
  d->source = cg_xstrdup("src");
  d->dct = cg_xstrdup("2025-12-07");
  d->text = text;
  d->len = tlen;
  cg_docx *dx = cg_docx_new(d);
  cg_sentence s0 = {0, 100}, s1 = {100, tlen};
  CG_VEC_PUSH(&dx->sents, s0);
  CG_VEC_PUSH(&dx->sents, s1);
  cg_timex t = {.start = 0, .end = 4, .type = CG_TX_DATE, .value = "2025", .mod = ""};
  CG_VEC_PUSH(&dx->timexes, t);
  cg_actor a = {.key = cg_docx_strdup(dx, "org:x"), .name = cg_docx_strdup(dx, "X"),
                .kind = CG_ACTOR_ORG, .affiliation = -1};
  CG_VEC_PUSH(&dx->actors, a);
  static const char *const classes[] = {"statement", "cl\"ass\\\n",
                                        "a_class_name_far_too_long_to_be_kept_in_the_cache",
                                        "military_force"};
  static const char *const rules[] = {"timex-clause", "dct-reporting", "narrative"};
  /* day numbers: repeated, 8 apart (same slot), before year 0 and after 9999 */
  static const int64_t days[] = {20429, 20437, 20429, 20445, -800000, 3000000, 20437, 0, 7};
  for (size_t i = 0; i < 60; i++) {
    cg_event e = {.trig_start = 10 * i, .trig_end = 10 * i + 3 + i % 9,
                  .lemma = cg_docx_strdup(dx, i % 5 ? "win" : "a lemma \"quoted\""),
                  .cls = i % 7 == 6 ? NULL : classes[i % 4], .sentence = (uint32_t)(i % 3),
                  .timex = i % 4 == 3 ? -1 : 0, .dated = i % 5 != 4, .confidence = (double)i / 60};
    int64_t day = days[i % (sizeof days / sizeof days[0])];
    e.date = cg_span_range(day, day + (int64_t)(i % 3) * 8, (cg_gran)(i % 14));
    snprintf(e.value, sizeof e.value, "V%zu", i % 4);
    snprintf(e.mod, sizeof e.mod, "%s", i % 2 ? "APPROX" : "");
    e.date_rule = rules[i % 3];
    e.nparts = i % 11 == 0 ? 40 : i % 3;
    e.parts = cg_docx_alloc(dx, (e.nparts + 1) * sizeof *e.parts);
    for (size_t k = 0; k < e.nparts; k++)
      e.parts[k] = (cg_participant){0, (cg_role)(k % 5), -1};
    CG_VEC_PUSH(&dx->events, e);
  }
  assert_same(dx, false);
  assert_same(dx, true);
  cg_docx_free(dx);
}

/* A document of na actors and nm mentions spread over them in no order (every 7th
 * actor, one mention of an actor index out of range): put_actors chains them in a
 * block on the stack up to 256 entries (2 per actor, 1 per mention), on the heap
 * beyond. */
static void assert_actors_same(size_t na, size_t nm) {
  size_t tlen = 4 * nm + 16;
  char *text = cg_xmalloc(tlen + 1);
  for (size_t i = 0; i < tlen; i++) text[i] = (char)('a' + i % 26);
  text[tlen] = '\0';
  cg_doc *d = cg_doc_new();
  d->id = cg_xstrdup("many-actors");
  d->text = text;
  d->len = tlen;
  cg_docx *dx = cg_docx_new(d);
  for (size_t i = 0; i < na; i++) {
    char key[32];
    snprintf(key, sizeof key, "org:actor%zu", i);
    cg_actor a = {.key = cg_docx_strdup(dx, key), .name = cg_docx_strdup(dx, key + 4),
                  .kind = CG_ACTOR_ORG, .affiliation = -1};
    CG_VEC_PUSH(&dx->actors, a);
  }
  for (size_t k = 0; k < nm; k++) {
    cg_mention m = {.start = 4 * k, .end = 4 * k + 3,
                    .actor = k == nm / 2 ? (uint32_t)na : (uint32_t)(k * 7 % na)};
    CG_VEC_PUSH(&dx->mentions, m);
  }
  assert_same(dx, false);
  cg_docx_free(dx);
}

static void test_many_actors(void **state) {
  (void)state;
  assert_actors_same(1, 1);
  assert_actors_same(50, 156); /* 256 entries: the last size on the stack */
  assert_actors_same(50, 157);
  assert_actors_same(120, 400);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_strings_at_every_position),
      cmocka_unit_test(test_str16_at_every_position),
      cmocka_unit_test(test_array16_at_every_position),
      cmocka_unit_test(test_invalid_leaves_buffer),
      cmocka_unit_test(test_integers),
      cmocka_unit_test(test_format_day),
      cmocka_unit_test(test_caches_and_growth),
      cmocka_unit_test(test_many_actors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
