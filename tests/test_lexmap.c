/*
 * The lexicon map's slots (lexmap.h): keys of at most CG_LEXSLOT_INLINE bytes sit in
 * the slot, longer ones in the arena. Every length on both sides of that threshold,
 * keys that differ in one byte or only in length (zero bytes included), keys that
 * share one hash, lower-cased probes, growth, and the order cg_lexmap_each visits
 * the keys in (the lexicon builders number some words in that order, so it must stay
 * the slot order of linear probing on the FNV hash, whatever the slot layout).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "lexmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAXLEN = 24 };

/* A key of n bytes for case i: letters mixed with bytes that cg_lower must leave
 * alone ('@', '[', '`', '{', a UTF-8 byte), different for each i. */
static size_t make_key(char *out, size_t n, unsigned i) {
  static const char alpha[] = "abcdefghijklmnopqrstuvwxyz@[`{\xc3";
  uint32_t x = i * 2654435761u + 12345u;
  for (size_t k = 0; k < n; k++) {
    x = x * 1664525u + 1013904223u;
    out[k] = alpha[(x >> 16) % (sizeof alpha - 1)];
  }
  return n;
}

/* Puts key[0..n) with value v, checks it went in, and that get/get_h agree. */
static void put_check(cg_lexmap *m, const char *key, size_t n, int32_t v) {
  assert_true(cg_lexmap_put(m, key, n, v));
  assert_false(cg_lexmap_put(m, key, n, v + 1)); /* first definition wins */
  int32_t got = -1;
  assert_true(cg_lexmap_get_h(m, key, n, cg_lexhash(key, n), &got));
  assert_int_equal(got, v);
}

/* Every length 0..MAXLEN: the key, and the keys one byte off (first, middle, last
 * byte) or one byte shorter or longer (a zero byte added: a short key is padded
 * with zeros in its slot) are told apart; upper-case probes find the key only
 * lower-cased. Run on an unkeyed map and on a keyed one past its FNV keys. */
static void check_lengths(cg_lexmap *m) {
  char key[MAXLEN + 2] = {0}, probe[MAXLEN + 2] = {0};
  int32_t v;
  for (size_t n = 0; n <= MAXLEN; n++) {
    make_key(key, n, (unsigned)n);
    put_check(m, key, n, (int32_t)(1000 + n));
  }
  for (size_t n = 0; n <= MAXLEN; n++) {
    make_key(key, n, (unsigned)n);
    key[n] = '\0';
    /* one byte longer, with a zero byte: not the key */
    assert_false(cg_lexmap_get(m, key, n + 1, NULL));
    assert_false(cg_lexmap_get_lower(m, key, n + 1, NULL));
    size_t at[3] = {0, n / 2, n ? n - 1 : 0};
    for (size_t a = 0; a < 3 && n; a++) {
      memcpy(probe, key, n);
      probe[at[a]] ^= 0x10; /* 'a' <-> 'q', '@' <-> 'P', ... */
      int32_t w = -1;
      bool in = cg_lexmap_get(m, probe, n, &w);
      /* the changed key may be another case's key of the same length: never this one */
      if (in) assert_int_not_equal(w, (int32_t)(1000 + n));
      memcpy(probe, key, n);
      probe[at[a]] = (char)cg_upper((unsigned char)probe[at[a]]);
      v = -1;
      assert_true(cg_lexmap_get_lower(m, probe, n, &v));
      assert_int_equal(v, (int32_t)(1000 + n));
      v = -1;
      assert_true(cg_lexmap_get_lower_h(m, probe, n, cg_lexhash_lower(probe, n), &v));
      assert_int_equal(v, (int32_t)(1000 + n));
      assert_int_equal(cg_lexmap_get(m, probe, n, NULL), probe[at[a]] == key[at[a]]);
      /* '@' and '[' are not 'A'-'Z': a probe with '`' or '{' made '@' or '[' misses */
      if (key[at[a]] == '`' || key[at[a]] == '{') {
        probe[at[a]] = (char)(key[at[a]] - 32);
        assert_false(cg_lexmap_get_lower(m, probe, n, NULL));
      }
    }
    /* a prefix one byte shorter was put only when it is another case's key */
    if (n) {
      v = -1;
      if (cg_lexmap_get(m, key, n - 1, &v)) assert_int_equal(v, (int32_t)(1000 + n - 1));
    }
  }
}

static void test_every_length_around_the_inline_keys(void **state) {
  (void)state;
  cg_lexmap *m = cg_lexmap_new();
  check_lengths(m);
  assert_int_equal(cg_lexmap_count(m), MAXLEN + 1);
  cg_lexmap_free(m);
  uint8_t hk[CG_HASHKEY_LEN] = {9};
  m = cg_lexmap_new_keyed(hk);
  char w[16];
  for (int i = 0; i < 2 * CG_LEXMAP_FNV_KEYS; i++) {
    int n = snprintf(w, sizeof w, "k%d", i);
    put_check(m, w, (size_t)n, i);
  }
  check_lengths(m); /* now SipHash slots */
  assert_int_equal(cg_lexmap_count(m), 2 * CG_LEXMAP_FNV_KEYS + MAXLEN + 1);
  cg_lexmap_free(m);
}

/* Keys made only of zero bytes, "" to 10 of them, are 11 keys: a short key's
 * length is part of what its slot compares, not taken from its bytes. */
static void test_zero_bytes_and_lengths(void **state) {
  (void)state;
  cg_lexmap *m = cg_lexmap_new();
  char zeros[16] = {0};
  for (size_t n = 0; n <= 10; n++) put_check(m, zeros, n, (int32_t)n);
  assert_int_equal(cg_lexmap_count(m), 11);
  for (size_t n = 0; n <= 10; n++) {
    int32_t v = -1;
    assert_true(cg_lexmap_get_lower(m, zeros, n, &v));
    assert_int_equal(v, (int32_t)n);
  }
  cg_lexmap_free(m);
}

/* Keys that all share one slot hash (here forced: the caller passes the hash) form
 * one chain; each is still found by its bytes, and a key of the same length and
 * hash that is not in is not. */
static void test_one_hash_for_every_key(void **state) {
  (void)state;
  cg_lexmap *m = cg_lexmap_new();
  const uint32_t h = 0x12345678u;
  char key[MAXLEN + 1] = {0};
  for (unsigned i = 0; i < 200; i++) {
    size_t n = i % (MAXLEN + 1);
    make_key(key, n, i);
    if (cg_lexmap_get_h(m, key, n, h, NULL)) continue; /* a repeat of an earlier case */
    assert_true(cg_lexmap_put_h(m, key, n, h, (int32_t)i));
  }
  size_t count = cg_lexmap_count(m);
  assert_true(count > 150);
  for (unsigned i = 0; i < 200; i++) {
    size_t n = i % (MAXLEN + 1);
    make_key(key, n, i);
    int32_t v = -1;
    assert_true(cg_lexmap_get_h(m, key, n, h, &v));
    char again[MAXLEN + 1];
    make_key(again, n, (unsigned)v); /* the first case with these bytes */
    assert_memory_equal(again, key, n);
    assert_true(cg_lexmap_probe_lower_h(m, key, n, h, &v));
    if (n) {
      key[n - 1] = '#'; /* no key has '#' */
      assert_false(cg_lexmap_get_h(m, key, n, h, NULL));
      assert_false(cg_lexmap_probe_lower_h(m, key, n, h, NULL));
    }
  }
  assert_int_equal(cg_lexmap_count(m), count);
  cg_lexmap_free(m);
}

typedef struct seen {
  char keys[4096][MAXLEN + 1];
  size_t lens[4096];
  int32_t values[4096];
  size_t n;
} seen;

static void record(void *ctx, const char *key, size_t len, int32_t value) {
  seen *s = ctx;
  assert_true(s->n < 4096 && len <= MAXLEN);
  memcpy(s->keys[s->n], key, len);
  s->lens[s->n] = len;
  s->values[s->n++] = value;
}

/* The slot order the map has always had: cap 64, doubled before a new key would
 * fill more than half, keys moved in old slot order, linear probing from the FNV
 * hash. Fills order[] with the case of each full slot. */
static size_t model_order(const uint32_t *hash, size_t nkeys, int *order) {
  size_t cap = 64;
  int *slots = malloc(cap * sizeof *slots);
  for (size_t j = 0; j < cap; j++) slots[j] = -1;
  for (size_t k = 0; k < nkeys; k++) {
    if ((k + 1) * 2 > cap) {
      size_t ncap = cap * 2;
      int *ns = malloc(ncap * sizeof *ns);
      for (size_t j = 0; j < ncap; j++) ns[j] = -1;
      for (size_t j = 0; j < cap; j++) {
        if (slots[j] < 0) continue;
        size_t p = hash[slots[j]] & (ncap - 1);
        while (ns[p] >= 0) p = (p + 1) & (ncap - 1);
        ns[p] = slots[j];
      }
      free(slots);
      slots = ns;
      cap = ncap;
    }
    size_t p = hash[k] & (cap - 1);
    while (slots[p] >= 0) p = (p + 1) & (cap - 1);
    slots[p] = (int)k;
  }
  size_t n = 0;
  for (size_t j = 0; j < cap; j++)
    if (slots[j] >= 0) order[n++] = slots[j];
  free(slots);
  return n;
}

/* 3000 keys of 1..MAXLEN bytes: all found after every growth, each visits each key
 * once with its value, in the model's slot order. */
static void test_growth_and_each_order(void **state) {
  (void)state;
  enum { N = 3000 };
  cg_lexmap *m = cg_lexmap_new();
  static char keys[N][MAXLEN + 8];
  static size_t lens[N];
  static uint32_t hash[N];
  size_t nkeys = 0;
  for (unsigned i = 0; nkeys < N; i++) {
    size_t n = 1 + i % MAXLEN;
    make_key(keys[nkeys], n, i);
    int extra = snprintf(keys[nkeys] + n, 8, "%u", i % 97); /* fewer repeats */
    n = n + (size_t)extra > MAXLEN ? MAXLEN : n + (size_t)extra;
    if (!cg_lexmap_put(m, keys[nkeys], n, (int32_t)nkeys)) continue;
    lens[nkeys] = n;
    hash[nkeys] = cg_lexhash(keys[nkeys], n);
    nkeys++;
    if ((nkeys & (nkeys - 1)) == 0) /* after each power of two: every key so far */
      for (size_t k = 0; k < nkeys; k++) {
        int32_t v = -1;
        assert_true(cg_lexmap_get(m, keys[k], lens[k], &v));
        assert_int_equal(v, (int32_t)k);
      }
  }
  assert_int_equal(cg_lexmap_count(m), N);
  static seen s;
  s.n = 0;
  cg_lexmap_each(m, record, &s);
  assert_int_equal(s.n, N);
  static int order[N];
  assert_int_equal(model_order(hash, N, order), N);
  for (size_t j = 0; j < N; j++) {
    int k = order[j];
    assert_int_equal(s.values[j], k);
    assert_int_equal(s.lens[j], lens[k]);
    assert_memory_equal(s.keys[j], keys[k], lens[k]);
  }
  cg_lexmap_free(m);
}

typedef struct setter {
  cg_lexmap *m;
  size_t visits;
} setter;

/* Sets the key it is given (which may point into the map's own slot). */
static void double_value(void *ctx, const char *key, size_t len, int32_t value) {
  setter *st = ctx;
  cg_lexmap_set(st->m, key, len, value * 2);
  st->visits++;
}

static void sum_values(void *ctx, const char *key, size_t len, int32_t value) {
  (void)key;
  (void)len;
  *(long *)ctx += value;
}

/* A callback of cg_lexmap_each may set the key it is given: also when the map is
 * exactly half full (a new key would grow it) and, keyed, exactly at
 * CG_LEXMAP_FNV_KEYS (a new key would move it to SipHash slots). Every key is
 * visited once and doubled. (Had a set moved the slots, the walk would go on in the
 * new ones: some of the 16 key sets would see a key twice or miss one.) */
static void test_each_may_set_its_key(void **state) {
  (void)state;
  uint8_t hk[CG_HASHKEY_LEN] = {3};
  for (int set = 0; set < 16; set++)
    for (size_t keyed = 0; keyed < 2; keyed++) {
      cg_lexmap *m = keyed ? cg_lexmap_new_keyed(hk) : cg_lexmap_new();
      char w[32];
      for (int i = 0; i < 32; i++) { /* 32 = 64 / 2 = CG_LEXMAP_FNV_KEYS */
        int n = snprintf(w, sizeof w, i % 2 ? "w%d.%d" : "a-longer-word-%d.%d", set, i);
        assert_true(cg_lexmap_put(m, w, (size_t)n, i + 1)); /* nothing more: a map of 32 */
      }
      setter st = {m, 0};
      cg_lexmap_each(m, double_value, &st);
      assert_int_equal(st.visits, 32);
      assert_int_equal(cg_lexmap_count(m), 32);
      long sum = 0;
      cg_lexmap_each(m, sum_values, &sum);
      assert_int_equal(sum, 2 * (32 * 33 / 2));
      cg_lexmap_free(m);
    }
}

/* cg_lexmap_reserve: a map made room for answers as one that grew; keys already in
 * stay; a smaller reserve changes nothing; and then the keys go in without a step. */
static void test_reserve(void **state) {
  (void)state;
  cg_lexmap *a = cg_lexmap_new(), *b = cg_lexmap_new();
  char w[32];
  assert_true(cg_lexmap_put(b, "early", 5, -5));
  cg_lexmap_reserve(b, 5000);
  cg_lexmap_reserve(b, 10); /* no-op */
  int32_t v = 0;
  assert_true(cg_lexmap_get(b, "early", 5, &v));
  assert_int_equal(v, -5);
  assert_true(cg_lexmap_put(a, "early", 5, -5));
  for (int i = 0; i < 4999; i++) {
    int n = snprintf(w, sizeof w, i % 3 ? "w%d" : "a-longer-word-%d", i);
    assert_true(cg_lexmap_put(a, w, (size_t)n, i));
    assert_true(cg_lexmap_put(b, w, (size_t)n, i));
  }
  assert_int_equal(cg_lexmap_count(b), 5000);
  for (int i = 0; i < 6000; i++) {
    int n = snprintf(w, sizeof w, i % 3 ? "W%d" : "A-LONGER-WORD-%d", i);
    int32_t va = -1, vb = -1;
    bool in = cg_lexmap_get_lower(a, w, (size_t)n, &va);
    assert_int_equal(cg_lexmap_get_lower(b, w, (size_t)n, &vb), in);
    assert_int_equal(in, i < 4999);
    if (in) assert_int_equal(vb, va);
  }
  long sa = 0, sb = 0;
  cg_lexmap_each(a, sum_values, &sa);
  cg_lexmap_each(b, sum_values, &sb);
  assert_int_equal(sa, sb);
  cg_lexmap_free(a);
  cg_lexmap_free(b);
}

typedef struct lines_seen {
  long nlines, records;
} lines_seen;

static cg_status note_line(void *ctx, cg_lexline *ln) {
  lines_seen *s = ctx;
  s->nlines = ln->nlines;
  s->records++;
  return CG_OK;
}

/* cg_lexline.nlines counts the file's lines, with or without a last newline, comments
 * and blank lines included: a bound on the records for cg_lexmap_reserve. */
static void test_lexfile_counts_lines(void **state) {
  (void)state;
  static const struct {
    const char *text;
    long nlines, records;
  } cases[] = {{"a\nb\nc\n", 3, 3}, {"a\nb\nc", 3, 3}, {"# x\n\na\n", 3, 1}, {"a", 1, 1},
               {"a\n\n", 2, 1}};
  char path[] = "/tmp/test_lexmap_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(cases[i].text, f);
    fclose(f);
    lines_seen s = {0, 0};
    cg_error err = {0};
    assert_int_equal(cg_lexfile_each(path, note_line, &s, &err), CG_OK);
    assert_int_equal(s.records, cases[i].records);
    assert_int_equal(s.nlines, cases[i].nlines);
  }
  remove(path);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_length_around_the_inline_keys),
      cmocka_unit_test(test_zero_bytes_and_lengths),
      cmocka_unit_test(test_one_hash_for_every_key),
      cmocka_unit_test(test_growth_and_each_order),
      cmocka_unit_test(test_each_may_set_its_key),
      cmocka_unit_test(test_reserve),
      cmocka_unit_test(test_lexfile_counts_lines),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
