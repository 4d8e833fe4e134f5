/* SipHash-1-3 and the random keys of the tables (see siphash.h). Written from the
 * paper's description; tests/test_hashflood.c checks it against the published
 * SipHash-2-4 vectors. */
#include "siphash.h"

#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__linux__)
#include <sys/random.h>
#endif

static inline uint64_t rotl(uint64_t x, unsigned b) { return (x << b) | (x >> (64 - b)); }

/* Little-endian whatever the host: the results match the reference vectors. (The
 * compiler turns this into one load on x86-64 and arm64.) */
static inline uint64_t load64le(const unsigned char *p) {
  return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
         (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static inline uint64_t load32le(const unsigned char *p) {
  return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24;
}

typedef struct sipstate {
  uint64_t v0, v1, v2, v3;
} sipstate;

static inline void sipround(sipstate *s) {
  s->v0 += s->v1;
  s->v1 = rotl(s->v1, 13);
  s->v1 ^= s->v0;
  s->v0 = rotl(s->v0, 32);
  s->v2 += s->v3;
  s->v3 = rotl(s->v3, 16);
  s->v3 ^= s->v2;
  s->v0 += s->v3;
  s->v3 = rotl(s->v3, 21);
  s->v3 ^= s->v0;
  s->v2 += s->v1;
  s->v1 = rotl(s->v1, 17);
  s->v1 ^= s->v2;
  s->v2 = rotl(s->v2, 32);
}

static inline void compress(sipstate *s, uint64_t m, int crounds) {
  s->v3 ^= m;
  for (int r = 0; r < crounds; r++) sipround(s);
  s->v0 ^= m;
}

/* SipHash-c-d of p[0..n), the bytes lower-cased first when lower. The round counts
 * and lower are constants at every call, so each caller gets its own straight code. */
static inline uint64_t siphash(const uint8_t key[CG_HASHKEY_LEN], const unsigned char *p,
                               size_t n, int crounds, int drounds, bool lower) {
  uint64_t k0 = load64le(key), k1 = load64le(key + 8);
  sipstate s = {k0 ^ 0x736f6d6570736575ull, k1 ^ 0x646f72616e646f6dull,
                k0 ^ 0x6c7967656e657261ull, k1 ^ 0x7465646279746573ull};
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t m = load64le(p + i);
    compress(&s, lower ? cg_lower8(m) : m, crounds);
  }
  /* the last 0..7 bytes, little-endian: two loads of 4 bytes (or three of one
   * byte below 4) that may overlap, and overlapping bytes land on the same bits;
   * not a memcpy into a zeroed word (the call was a tenth of the hash), nor a
   * switch on the length, whose jump was mispredicted on most keys (measured,
   * callgrind on the actor stage: 8,800 mispredicted jumps, nearly all of them) */
  const unsigned char *t = p + i;
  size_t rest = n & 7;
  uint64_t m = 0;
  if (rest >= 4)
    m = load32le(t) | load32le(t + rest - 4) << (8 * (rest - 4));
  else if (rest)
    m = (uint64_t)t[0] | (uint64_t)t[rest / 2] << (8 * (rest / 2)) |
        (uint64_t)t[rest - 1] << (8 * (rest - 1));
  if (lower) m = cg_lower8(m); /* the zero padding stays zero */
  compress(&s, m | (uint64_t)(n & 0xff) << 56, crounds);
  s.v2 ^= 0xff;
  for (int r = 0; r < drounds; r++) sipround(&s);
  return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

uint64_t cg_siphash(const uint8_t key[CG_HASHKEY_LEN], const void *data, size_t n) {
  return siphash(key, data, n, 1, 3, false);
}

uint64_t cg_siphash_lower(const uint8_t key[CG_HASHKEY_LEN], const void *data, size_t n) {
  return siphash(key, data, n, 1, 3, true);
}

uint64_t cg_siphash24(const uint8_t key[CG_HASHKEY_LEN], const void *data, size_t n) {
  return siphash(key, data, n, 2, 4, false);
}

/* splitmix64's finaliser: spreads the few changing bits of a clock over the word. */
static uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

void cg_hashkey_random(uint8_t key[CG_HASHKEY_LEN]) {
#if defined(__linux__)
  /* GRND_NONBLOCK: early at boot, before the pool is ready, take the fallback rather
   * than hang the command. */
  for (;;) {
    ssize_t got = getrandom(key, CG_HASHKEY_LEN, GRND_NONBLOCK);
    if (got == CG_HASHKEY_LEN) return;
    if (got < 0 && errno != EINTR) break;
  }
#endif
  /* Fallback (no getrandom, or it failed): wall and CPU clocks in nanoseconds and the
   * addresses of a stack and a heap object (ASLR). Guessable by a local user, hard to
   * guess from a document sent over the network, and never worse than the unkeyed
   * hash it replaces. */
  struct timespec rt = {0, 0}, cpu = {0, 0};
  clock_gettime(CLOCK_REALTIME, &rt);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
  void *heap = cg_xmalloc(1);
  uint64_t a = mix64(((uint64_t)rt.tv_sec * 1000000000u + (uint64_t)rt.tv_nsec) ^ (uintptr_t)key);
  uint64_t b = mix64(a ^ ((uint64_t)cpu.tv_sec * 1000000000u + (uint64_t)cpu.tv_nsec) ^
                     ((uint64_t)(uintptr_t)heap << 17));
  free(heap);
  memcpy(key, &a, 8);
  memcpy(key + 8, &b, 8);
}
