/*
 * Hash flooding: inputs whose words (or actor keys, or document ids) all share one
 * hash, so that a hash table with a public hash function turns into one long probe
 * chain and recognition or merging becomes quadratic.
 *
 * The colliding words are made here, deterministically, the way an attacker would:
 * FNV-1a is a chain of small steps, so two different blocks of equal length that take
 * the hash state s to the same state t (a birthday search: about 2^16 tries for a
 * 32-bit state) collide after any common prefix that ends in s and before any common
 * suffix. Chaining k such pairs (Joux's multicollisions) gives 2^k distinct words of
 * one hash. The same works on the low 32 bits of the 64-bit FNV-1a that strmap.c used
 * (the low bits of a product depend only on the low bits of its factors), which is
 * all a table's slot index uses.
 *
 * With the unkeyed tables, the flood cases took 16 times longer at 4N than at N
 * (actors: 2.05 s at 4N) and 12.5 times (merge: 1.84 s); with the keyed tables
 * (lexmap.h, strmap.h) they are linear. Each flood case also checks a real property
 * of the result; the other cases check the keyed hash against published vectors and
 * that the keyed tables give the same answers, and actors.c the same actors, whatever
 * the key.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "linear_check.h"

#include "actors.h"
#include "corpus.h"
#include "lexmap.h"
#include "reader.h"
#include "sentences.h"
#include "strmap.h"
#include "timex.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ colliding words */

/* One step of a hash over a 32-bit state. */
typedef uint32_t (*step_fn)(uint32_t h, unsigned char c);

static uint32_t fnv32_step(uint32_t h, unsigned char c) { return cg_lexhash_add(h, c); }

/* The low 32 bits of the FNV-1a 64 that strmap.c used: prime 0x100000001b3 and
 * offset basis 1469598103934665603 (the standard 14695981039346656037 without its
 * last digit; an attacker follows the code, not the standard). */
#define FNV64_INIT 1469598103934665603ull
#define FNV64_PRIME 0x100000001b3ull
static uint32_t fnv64lo_step(uint32_t h, unsigned char c) {
  return (h ^ c) * (uint32_t)FNV64_PRIME;
}

static uint64_t fnv64(const char *s, size_t n) {
  uint64_t h = FNV64_INIT;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * FNV64_PRIME;
  return h;
}

/* Blocks are 6 lower-case letters, of which the search tries at most SEARCH, in a
 * scrambled order: a collision of 32-bit states is due after about 82,000. (Blocks
 * of 4 bytes never collide: FNV-1a is one-to-one on them; and blocks that differ
 * only in their first letters did not collide within 2^19 tries.) */
enum { BLOCK = 6, MAXPAIRS = 20, SEARCH = 1 << 21 };
#define BLOCKS 308915776u /* 26^6 */

typedef struct multicoll {
  char prefix[32];
  size_t k;                  /* pairs */
  char blk[MAXPAIRS][2][BLOCK];
} multicoll;

/* The j-th block of the search: j times a number prime to 26, modulo 26^6, is a
 * permutation of the blocks. */
static void block_of(uint64_t j, char out[BLOCK]) {
  uint64_t x = j * 2654435761u % BLOCKS;
  for (size_t i = 0; i < BLOCK; i++, x /= 26) out[i] = (char)('a' + x % 26);
}

static uint32_t run_block(step_fn step, uint32_t h, const char *b) {
  for (size_t i = 0; i < BLOCK; i++) h = step(h, (unsigned char)b[i]);
  return h;
}

/* Finds two blocks taking state h to one state (stored in out[0], out[1]) and
 * returns that state: a birthday search, with a table of (state, block) pairs. */
static uint32_t collide(step_fn step, uint32_t h, char out[2][BLOCK]) {
  enum { TAB = 1 << 22 };
  uint32_t *state = calloc(TAB, sizeof *state);
  uint32_t *blk1 = calloc(TAB, sizeof *blk1); /* block index + 1; 0 = empty */
  assert_non_null(state);
  assert_non_null(blk1);
  for (uint32_t j = 0; j < SEARCH; j++) {
    char b[BLOCK];
    block_of(j, b);
    uint32_t t = run_block(step, h, b);
    size_t i = (t * 0x9E3779B1u) >> (32 - 22);
    for (; blk1[i]; i = (i + 1) & (TAB - 1)) {
      if (state[i] != t) continue;
      block_of(blk1[i] - 1, out[0]);
      memcpy(out[1], b, BLOCK);
      free(state);
      free(blk1);
      return t;
    }
    state[i] = t;
    blk1[i] = j + 1;
  }
  fail_msg("no collision among %d blocks", SEARCH);
  return 0;
}

/* k chained pairs after prefix, for the hash that starts at init and takes step. */
static void multicoll_make(multicoll *m, step_fn step, uint32_t init, const char *prefix,
                           size_t k) {
  assert_true(k <= MAXPAIRS && strlen(prefix) < sizeof m->prefix);
  strcpy(m->prefix, prefix);
  m->k = k;
  uint32_t h = init;
  for (const char *p = prefix; *p; p++) h = step(h, (unsigned char)*p);
  for (size_t i = 0; i < k; i++) h = collide(step, h, m->blk[i]);
}

/* Writes word i (0 <= i < 2^k: its bits choose the blocks) into out; returns its
 * length. */
static size_t multicoll_word(const multicoll *m, size_t i, char *out) {
  size_t n = strlen(m->prefix);
  memcpy(out, m->prefix, n);
  for (size_t b = 0; b < m->k; b++, n += BLOCK) memcpy(out + n, m->blk[b][(i >> b) & 1], BLOCK);
  out[n] = '\0';
  return n;
}

/* Made once in setup (a second or so of searching): capitalised words of one FNV-1a
 * 32-bit hash (cg_lexhash), and strings of one low 32 bits of FNV-1a 64. */
static multicoll W32, W64;
enum { WORDBITS = 15 }; /* 32,768 words of 1 + 90 letters */

static void test_words_collide(void **state) {
  char a[128], b[128];
  size_t na = multicoll_word(&W32, 0, a);
  uint32_t h = cg_lexhash(a, na);
  size_t n64 = multicoll_word(&W64, 0, b);
  uint32_t h64 = (uint32_t)fnv64(b, n64);
  for (size_t i = 1; i < 4096; i += 7) {
    size_t nb = multicoll_word(&W32, i * 13, b);
    assert_int_equal(nb, na);
    assert_true(strcmp(a, b) != 0);
    assert_int_equal(cg_lexhash(b, nb), h);
    nb = multicoll_word(&W64, i * 13, b);
    assert_int_equal(nb, n64);
    assert_int_equal((uint32_t)fnv64(b, nb), h64);
  }
}

/* ------------------------------------------------------------ documents */

typedef struct stages {
  cg_tagger *tagger;
  cg_actor_lexicon *alx;
} stages;

static stages S;

static cg_doc *text_doc(const char *buf, size_t len) {
  cg_read_opts o = cg_read_opts_default();
  o.default_dct = "2025-12-06";
  cg_doc **docs = NULL;
  size_t n = 0;
  cg_error err;
  assert_int_equal(cg_read_buffer(buf, len, CG_FMT_TEXT, "flood", &o, &docs, &n, &err), CG_OK);
  assert_int_equal(n, 1);
  cg_doc *d = docs[0];
  free(docs);
  return d;
}

/* Sentences, tagger and actors on buf with scratch s (NULL: a fresh one). Caller
 * frees the result with cg_docx_free (it owns the document). */
static cg_docx *actors_of(const char *buf, size_t len, cg_actor_scratch *s) {
  cg_docx *dx = cg_docx_new(text_doc(buf, len));
  cg_sentences_split(dx);
  assert_int_equal(cg_tagger_run(S.tagger, dx, CG_MODE_AUTO), CG_OK);
  if (s) assert_int_equal(cg_actors_run_scratch(S.alx, dx, NULL, s), CG_OK);
  else assert_int_equal(cg_actors_run(S.alx, dx), CG_OK);
  return dx;
}

/* n people "John <word>" whose surnames all share one cg_lexhash: the per-document
 * maps of actors.c (surnames, person parts, actor keys, ...) hold n keys of one hash.
 * With plain, the same words with their last block replaced by the digits of i, base
 * 26: as long, as many, of different hashes. */
static char *people(size_t n, size_t *len, bool plain) {
  cg_buf b = {0};
  char w[128];
  for (size_t i = 0; i < n; i++) {
    size_t l = multicoll_word(&W32, i, w);
    for (size_t k = 0, x = i; plain && k < BLOCK; k++, x /= 26)
      w[l - 1 - k] = (char)('a' + x % 26);
    cg_buf_printf(&b, "John %s said on Monday. ", w);
  }
  *len = b.len;
  return cg_buf_detach(&b);
}

static char *build_flood_people(size_t n, size_t *len) { return people(n, len, false); }
static char *build_plain_people(size_t n, size_t *len) { return people(n, len, true); }

static void run_people(const char *buf, size_t len, size_t n) {
  cg_docx *dx = actors_of(buf, len, NULL);
  assert_true(dx->actors.len >= n); /* every John is a different person */
  cg_docx_free(dx);
}

static void test_flood_actors(void **state) {
  enum { N = 8000 };
  check_linear("actors, one hash for every surname", build_flood_people, run_people, N);
  /* and colliding words cost what other words cost (with the unkeyed maps: about 20
   * times more) */
  double flood = time_case(build_flood_people, run_people, 4 * N, 2);
  double plain = time_case(build_plain_people, run_people, 4 * N, 2);
  print_message("4N colliding %.3fs, 4N plain %.3fs\n", flood, plain);
  assert_true(flood < 2 * plain);
}

/* ------------------------------------------------------------ merging */

/* One schema-2 object of n documents and n actors whose ids and keys share the low
 * 32 bits of their FNV-1a 64 hash. */
static char *build_flood_corpus(size_t n, size_t *len) {
  json_t *docs = json_array(), *actors = json_array();
  char w[128];
  for (size_t i = 0; i < n; i++) {
    multicoll_word(&W64, i, w);
    json_array_append_new(docs, json_pack("{s:s,s:[]}", "id", w, "sentences"));
    json_array_append_new(actors, json_pack("{s:s+,s:s,s:s,s:s}", "id", "a", w, "name", w,
                                            "kind", "PERSON", "key", w));
  }
  json_t *obj = json_pack("{s:s,s:o,s:[],s:o,s:[]}", "chronograph", CG_SCHEMA_VERSION,
                          "documents", docs, "timexes", "actors", actors, "events");
  char *s = json_dumps(obj, JSON_COMPACT);
  json_decref(obj);
  *len = strlen(s);
  return s;
}

static void run_flood_corpus(const char *buf, size_t len, size_t n) {
  json_error_t jerr;
  json_t *obj = json_loadb(buf, len, 0, &jerr);
  assert_non_null(obj);
  cg_corpus *c = cg_corpus_new();
  cg_error err;
  cg_status st = cg_corpus_add_json(c, obj, "flood", &err);
  if (st != CG_OK) fail_msg("%s", err.msg);
  cg_corpus_finish(c);
  assert_int_equal(c->docs.len, n);
  assert_int_equal(c->actors.len, n);
  cg_corpus_free(c);
  json_decref(obj);
}

static void test_flood_corpus(void **state) {
  check_linear("merge, one slot for ids and keys", build_flood_corpus, run_flood_corpus, 5000);
}

/* ------------------------------------------------------------ the keyed hash */

static void test_siphash_vectors(void **state) {
  uint8_t k[CG_HASHKEY_LEN], zero[CG_HASHKEY_LEN] = {0}, m[64];
  for (int i = 0; i < 16; i++) k[i] = (uint8_t)i;
  for (int i = 0; i < 64; i++) m[i] = (uint8_t)i;
  /* SipHash-2-4, key 00..0f, message 00..n-1: the paper's appendix and vectors.h */
  assert_true(cg_siphash24(k, m, 0) == 0x726fdb47dd0e0e31ull);
  assert_true(cg_siphash24(k, m, 1) == 0x74f839c593dc67fdull);
  assert_true(cg_siphash24(k, m, 15) == 0xa129ca6149be45e5ull);
  assert_true(cg_siphash24(k, m, 63) == 0x958a324ceb064572ull);
  /* SipHash-1-3, zero key: CPython 3.11's hash() of these bytes with PYTHONHASHSEED=0 */
  assert_true(cg_siphash(zero, "abc", 3) == 0xc03bc3a0042630f2ull);
  assert_true(cg_siphash(zero, m, 15) == 0xf30eb725bb91c9eaull);
  assert_true(cg_siphash(zero, "Hello, hash flooding!", 21) == 0x02a45490e4536354ull);
  /* the case-blind form hashes what cg_lex_lower writes, at every length and tail */
  const char *mixed = "Vladimir PUTIN met \xc3\x89MMANUEL Macron @[`{ in KYIV, 2024";
  char low[128];
  for (size_t n = 0; n <= strlen(mixed); n++) {
    size_t l = cg_lex_lower(mixed, n, low, sizeof low);
    assert_true(cg_siphash_lower(k, mixed, n) == cg_siphash(k, low, l));
  }
  /* two random keys differ (16 random bytes: equal with probability 2^-128) */
  uint8_t a[CG_HASHKEY_LEN], b[CG_HASHKEY_LEN];
  cg_hashkey_random(a);
  cg_hashkey_random(b);
  assert_true(memcmp(a, b, sizeof a) != 0);
}

/* ------------------------------------------------------------ same answers */

/* Sum of key lengths times values, whatever the order of the walk. */
static void sum_each(void *ctx, const char *key, size_t len, int32_t value) {
  *(long *)ctx += (long)len * value;
}

/* The same words in an unkeyed map and in keyed maps of two keys: every answer
 * (put, get, get_h, get_lower_h, set, count, each, clear) is the same. Half the
 * words share one FNV hash. */
static void test_keyed_lexmap_same_answers(void **state) {
  uint8_t k1[CG_HASHKEY_LEN] = {1}, k2[CG_HASHKEY_LEN];
  cg_hashkey_random(k2);
  cg_lexmap *maps[] = {cg_lexmap_new(), cg_lexmap_new_keyed(k1), cg_lexmap_new_keyed(k2)};
  char w[128], low[128];
  for (int round = 0; round < 2; round++) {
    for (size_t m = 0; m < 3; m++) {
      for (size_t i = 0; i < 3000; i++) {
        size_t n = i % 2 ? multicoll_word(&W32, i, w) : (size_t)sprintf(w, "Word%zu", i);
        assert_true(cg_lexmap_put_h(maps[m], w, n, cg_lexhash(w, n), (int32_t)i));
        assert_false(cg_lexmap_put(maps[m], w, n, -1)); /* first definition wins */
        size_t l = cg_lex_lower(w, n, low, sizeof low);
        cg_lexmap_put(maps[m], low, l, (int32_t)(i + 100000));
      }
      cg_lexmap_set(maps[m], "Word2", 5, 7);
    }
    for (size_t i = 0; i < 6000; i++) {
      size_t n = i % 2 ? multicoll_word(&W32, i, w) : (size_t)sprintf(w, "Word%zu", i);
      int32_t v[3][4];
      bool got[3][4];
      for (size_t m = 0; m < 3; m++) {
        got[m][0] = cg_lexmap_get(maps[m], w, n, &v[m][0]);
        got[m][1] = cg_lexmap_get_h(maps[m], w, n, cg_lexhash(w, n), &v[m][1]);
        got[m][2] = cg_lexmap_get_lower(maps[m], w, n, &v[m][2]);
        got[m][3] = cg_lexmap_get_lower_h(maps[m], w, n, cg_lexhash_lower(w, n), &v[m][3]);
        assert_int_equal(got[m][0], i < 3000);
        assert_int_equal(got[m][2], i < 3000);
      }
      for (size_t m = 1; m < 3; m++)
        for (size_t q = 0; q < 4; q++) {
          assert_int_equal(got[m][q], got[0][q]);
          if (got[0][q]) assert_int_equal(v[m][q], v[0][q]);
        }
    }
    long sum[3] = {0};
    for (size_t m = 0; m < 3; m++) {
      assert_int_equal(cg_lexmap_count(maps[m]), cg_lexmap_count(maps[0]));
      cg_lexmap_each(maps[m], sum_each, &sum[m]);
      assert_true(sum[m] == sum[0]);
    }
    for (size_t m = 0; m < 3; m++) {
      cg_lexmap_clear(maps[m]); /* round 2: the same on cleared maps */
      assert_false(cg_lexmap_get(maps[m], "Word2", 5, NULL));
    }
  }
  for (size_t m = 0; m < 3; m++) cg_lexmap_free(maps[m]);
}

static void test_keyed_strmap_same_answers(void **state) {
  uint8_t k1[CG_HASHKEY_LEN] = {1};
  cg_strmap *a = cg_strmap_new_keyed(k1), *b = cg_strmap_new();
  char w[128];
  for (size_t i = 0; i < 5000; i++) {
    size_t n = multicoll_word(&W64, i, w);
    cg_strmap_put(a, w, n, i);
    cg_strmap_put(b, w, n, i);
  }
  cg_strmap_put(a, "", 0, 1);
  cg_strmap_put(b, "", 0, 1);
  assert_int_equal(cg_strmap_count(a), cg_strmap_count(b));
  for (size_t i = 0; i < 6000; i++) {
    size_t n = multicoll_word(&W64, i, w), va = 0, vb = 0;
    assert_int_equal(cg_strmap_get(a, w, n, &va), i < 5000);
    assert_int_equal(cg_strmap_get(b, w, n, &vb), i < 5000);
    assert_int_equal(va, vb);
  }
  cg_strmap_free(a);
  cg_strmap_free(b);
}

/* Writes what actors.c found in dx (actors with aliases and affiliations, mentions)
 * into out, one line each. */
static void dump_actors(const cg_docx *dx, cg_buf *out) {
  for (size_t i = 0; i < dx->actors.len; i++) {
    const cg_actor *a = &dx->actors.items[i];
    cg_buf_printf(out, "%s|%s|%d|%d", a->key, a->name, (int)a->kind, a->affiliation);
    for (size_t k = 0; k < a->naliases; k++) cg_buf_printf(out, "|%s", a->aliases[k]);
    cg_buf_putc(out, '\n');
  }
  for (size_t i = 0; i < dx->mentions.len; i++)
    cg_buf_printf(out, "%zu-%zu:%u\n", dx->mentions.items[i].start, dx->mentions.items[i].end,
                  (unsigned)dx->mentions.items[i].actor);
}

/* Recognition with scratches of different keys (each draws its own), and with one
 * scratch reused, gives the same actors and mentions: on a news text and on the
 * flooded one. */
static void check_same_actors(const char *text, size_t len) {
  cg_actor_scratch *s1 = cg_actor_scratch_new(), *s2 = cg_actor_scratch_new();
  cg_buf first = {0};
  for (int run = 0; run < 4; run++) {
    cg_docx *dx = actors_of(text, len, run == 3 ? NULL : run % 2 ? s2 : s1);
    cg_buf b = {0};
    dump_actors(dx, &b);
    assert_true(dx->actors.len > 5);
    if (run == 0) first = b;
    else {
      assert_int_equal(b.len, first.len);
      assert_memory_equal(b.data, first.data, b.len);
      cg_buf_free(&b);
    }
    cg_docx_free(dx);
  }
  cg_buf_free(&first);
  cg_actor_scratch_free(s1);
  cg_actor_scratch_free(s2);
}

static void test_actors_do_not_depend_on_the_key(void **state) {
  char *text = NULL;
  size_t len = 0;
  cg_error err;
  assert_int_equal(cg_read_file(CG_SOURCE_DIR "/samples/nss-kremlin/input.txt", 1u << 24, &text,
                                &len, &err),
                   CG_OK);
  check_same_actors(text, len);
  free(text);
  text = build_flood_people(500, &len);
  check_same_actors(text, len);
  free(text);
}

/* ------------------------------------------------------------ setup */

static int setup(void **state) {
  cg_error err;
  if (cg_tagger_new(&S.tagger, NULL, &err) != CG_OK ||
      cg_actor_lexicon_new(&S.alx, NULL, &err) != CG_OK) {
    fprintf(stderr, "cannot load lexicons: %s\n", err.msg);
    return -1;
  }
  multicoll_make(&W32, fnv32_step, CG_LEXHASH_INIT, "K", WORDBITS);
  multicoll_make(&W64, fnv64lo_step, (uint32_t)FNV64_INIT, "doc-", WORDBITS);
  return 0;
}

static int teardown(void **state) {
  cg_tagger_free(S.tagger);
  cg_actor_lexicon_free(S.alx);
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_words_collide),
      cmocka_unit_test(test_siphash_vectors),
      cmocka_unit_test(test_keyed_lexmap_same_answers),
      cmocka_unit_test(test_keyed_strmap_same_answers),
      cmocka_unit_test(test_actors_do_not_depend_on_the_key),
      cmocka_unit_test(test_flood_actors),
      cmocka_unit_test(test_flood_corpus),
  };
  return cmocka_run_group_tests(tests, setup, teardown) != 0;
}
