/*
 * JSON values written straight into a cg_buf, byte for byte as jansson 2.14 dumps
 * them with JSON_COMPACT | JSON_REAL_PRECISION(6) (internal to graph/: the direct
 * writers of `extract --format jsonl`, graph/docx_write.c, and of the merged corpus,
 * graph/corpus_write.c, are built on these; tests/test_docx_write.c holds them equal
 * to jansson). Strings and numbers come out the same with JSON_INDENT, which only
 * changes the layout between values.
 */
#ifndef CG_JSON_OUT_H
#define CG_JSON_OUT_H

#include "util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Cursor writing, for the writers of whole documents (graph/docx_write.c): they keep
 * a cursor p into b->data, make room once per string or element (cg_json_room) and
 * write without any further check; cg_json_done then sets b->len from the cursor.
 * Appending through cg_buf checked the capacity and stored b->len and a NUL after
 * every token, which the compiler must reload after each byte store: that was most
 * of the writer's cost outside the escape loop (measured with callgrind). */

/* Bytes a string of n bytes takes at most as JSON: the quotes and 6 bytes (\u00XX)
 * per byte (the "\uFFFD" of an invalid string is shorter). */
#define CG_JSON_STR_MAX(n) (2 + 6 * (size_t)(n))
/* Bytes an integer (cg_json_uint_at, cg_json_int_at) or a real (cg_json_real6_at)
 * takes at most. */
#define CG_JSON_NUM_MAX 64

/* Makes room for n bytes (and a NUL) at cursor p, a position in b->data (b->data
 * must be non-NULL: start with cg_json_begin); returns the cursor at the same offset
 * of the possibly moved buffer. */
char *cg_json_grow(cg_buf *b, char *p, size_t n);
static inline char *cg_json_room(cg_buf *b, char *p, size_t n) {
  return (size_t)(b->data + b->cap - p) > n ? p : cg_json_grow(b, p, n);
}

/* The cursor at the end of b, with room for n bytes. */
static inline char *cg_json_begin(cg_buf *b, size_t n) {
  cg_buf_reserve(b, n);
  return b->data + b->len;
}

/* Ends writing at cursor p: b->len up to p, NUL-terminated. */
static inline void cg_json_done(cg_buf *b, char *p) {
  b->len = (size_t)(p - b->data);
  *p = '\0';
}

/* The general paths of cg_json_str_valid_at and cg_json_str_at below (out of line),
 * for a string that cg_json_short_at does not take. */
char *cg_json_str_valid_slow_at(char *p, const char *s, size_t n);
char *cg_json_str_slow_at(char *p, const char *s, size_t n);

/* The high bit of a byte of the result is set where a byte of the 8-byte word x needs
 * care in a JSON string (below 0x20, '"', '\\', or 0x80 and above: UTF-8 to
 * validate), and possibly in bytes after such a byte (borrows run towards the more
 * significant bytes); the word is plain, to be copied as it is, iff
 * (cg_json_word_hits(x) & CG_JSON_HIGHS) == 0, on any byte order. These are the
 * classic exact "has a byte less than n" and "has a zero byte" word tricks. */
#define CG_JSON_ONES UINT64_C(0x0101010101010101)
#define CG_JSON_HIGHS UINT64_C(0x8080808080808080)
static inline uint64_t cg_json_word_hits(uint64_t x) {
  uint64_t q = x ^ (CG_JSON_ONES * '"'), bs = x ^ (CG_JSON_ONES * '\\');
  return ((x - CG_JSON_ONES * 0x20) & ~x) | ((q - CG_JSON_ONES) & ~q) | ((bs - CG_JSON_ONES) & ~bs) | x;
}

/* The index of the lowest set bit of m (m != 0). */
static inline unsigned cg_json_lowest_bit(unsigned m) {
#if defined(__GNUC__)
  return (unsigned)__builtin_ctz(m);
#else
  unsigned k = 0;
  for (; !(m & 1); m >>= 1) k++;
  return k;
#endif
}

/* Bit i set where byte i of the 16 bytes at s needs care in a JSON string (as in
 * cg_json_word_hits). With SSE2 (every x86-64), three byte compares and a move mask:
 * a signed "less than 0x20" also catches the bytes 0x80 and above, which are negative.
 * Elsewhere two word tests, and a byte loop only when one fails. */
static inline unsigned cg_json_care16(const char *s) {
#if defined(__SSE2__)
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
  __m128i c = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
                           _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                        _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
  return (unsigned)_mm_movemask_epi8(c);
#else
  uint64_t lo, hi;
  memcpy(&lo, s, 8);
  memcpy(&hi, s + 8, 8);
  if (((cg_json_word_hits(lo) | cg_json_word_hits(hi)) & CG_JSON_HIGHS) == 0) return 0;
  unsigned m = 0;
  for (unsigned i = 0; i < 16; i++) {
    unsigned char c = (unsigned char)s[i];
    m |= (unsigned)(c < 0x20 || c >= 0x80 || c == '"' || c == '\\') << i;
  }
  return m;
#endif
}

/* Whether the four 4-byte words need no care (cg_json_care16 on them as one block). */
static inline bool cg_json_words4_plain(uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
#if defined(__SSE2__)
  __m128i x = _mm_setr_epi32((int)a, (int)b, (int)c, (int)d);
  __m128i m = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
                           _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                        _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
  return _mm_movemask_epi8(m) == 0;
#else
  uint64_t lo = a | (uint64_t)b << 32, hi = c | (uint64_t)d << 32;
  return ((cg_json_word_hits(lo) | cg_json_word_hits(hi)) & CG_JSON_HIGHS) == 0;
#endif
}

/* Most strings the writer escapes are short (lemmas, keys, names, classes, values):
 * one of 4 to 16 bytes is checked and copied as four 4-byte words at offsets 0,
 * min(4, n - 4), max(n - 8, 0) and n - 4, which cover it for every such length
 * without reading past it. One branch on the length, where words of 8 bytes for 8 to
 * 16 and of 4 for 4 to 7 took two that lemmas and names of 4 to 10 bytes mispredicted
 * (a sixth of the writer's mispredicted branches): 9% fewer of those in the writer on
 * the generated news, 8% on TimeBank, and 2% fewer instructions (callgrind). Writes
 * the string at p and returns the cursor after it, or returns NULL (nothing written)
 * when it is not such a string. Inline, with the rest out of line: as one function,
 * the escape loop's registers were saved and restored on every call, and the wrapper
 * cg_json_str_at added a call; this took 5% of the writer's instructions on TimeBank
 * (callgrind). */
static inline char *cg_json_short_at(char *p, const char *s, size_t n) {
  if (n - 4 > 12) return NULL;
  size_t m = n - 4, o1 = m < 4 ? m : 4, o2 = m > 4 ? m - 4 : 0;
  uint32_t w0, w1, w2, w3;
  memcpy(&w0, s, 4);
  memcpy(&w1, s + o1, 4);
  memcpy(&w2, s + o2, 4);
  memcpy(&w3, s + m, 4);
  if (!cg_json_words4_plain(w0, w1, w2, w3)) return NULL;
  *p = '"';
  memcpy(p + 1, &w0, 4);
  memcpy(p + 1 + o1, &w1, 4);
  memcpy(p + 1 + o2, &w2, 4);
  memcpy(p + 1 + m, &w3, 4);
  p[n + 1] = '"';
  return p + n + 2;
}

/* Writes the n bytes at s as a JSON string at p (room: CG_JSON_STR_MAX(n)): '"' and
 * '\\' escaped, control characters as \b \f \n \r \t or \u00XX, everything else
 * (UTF-8 included) raw. Returns the cursor after it, or NULL when the bytes are not
 * valid UTF-8 (where jansson's json_stringn returns NULL; what was written after p
 * is then garbage). */
static inline char *cg_json_str_valid_at(char *p, const char *s, size_t n) {
  char *e = cg_json_short_at(p, s, n);
  return e ? e : cg_json_str_valid_slow_at(p, s, n);
}

/* As cg_json_str_valid_at, but bytes that are not valid UTF-8 make the whole string
 * "\uFFFD" as one character, as jansson's refusal of such a string does in
 * graph/docx_json.c. */
static inline char *cg_json_str_at(char *p, const char *s, size_t n) {
  char *e = cg_json_short_at(p, s, n);
  return e ? e : cg_json_str_slow_at(p, s, n);
}

/* As cg_json_str_at, for a string whose first 16 bytes may be read whatever n is (a
 * span of a document's text that does not end near the text's end, a char array of
 * 16 bytes or more; room at p: CG_JSON_STR_MAX(n) + 16). One of at most 16 bytes
 * with nothing to escape (the triggers, mentions and timexes of ASCII prose) is
 * checked and copied as one 16-byte block, without a branch on its length, where the
 * general path branched on the length class and ran a loop per byte on the shortest
 * (on TimeBank prose, these spans and fields made a fifth of the writer's mispredicted
 * branches; callgrind). */
static inline char *cg_json_str16_at(char *p, const char *s, size_t n) {
  if (n <= 16 && (cg_json_care16(s) & ((1u << n) - 1)) == 0) {
    *p = '"';
    memcpy(p + 1, s, 16);
    p[n + 1] = '"';
    return p + n + 2;
  }
  return cg_json_str_slow_at(p, s, n); /* cg_json_short_at would refuse it too */
}

/* A NUL-terminated string in a char array of 16 bytes or more (the value and mod of a
 * timex or an event), written as cg_json_str_at writes it, at p (room: 18 bytes) when
 * its NUL is among its first 16 bytes and no byte before needs care: the NUL is a byte
 * that needs care (below 0x20), so the first such byte of the block is the end of the
 * string when it is a NUL. Returns the cursor after it, or NULL (nothing written) for
 * any other string. One look at the block where strlen and then cg_json_str16_at took
 * two, and a call: 0.49M fewer instructions in the writer on TimeBank, of the 0.87M
 * these fields took (callgrind). */
static inline char *cg_json_array16_at(char *p, const char *s) {
  unsigned care = cg_json_care16(s);
  unsigned n = care ? cg_json_lowest_bit(care) : 16;
  if (n == 16 || s[n] != '\0') return NULL;
  *p = '"';
  memcpy(p + 1, s, 16);
  p[n + 1] = '"';
  return p + n + 2;
}

/* Writes a real as jansson does with precision 6 at p (room: CG_JSON_NUM_MAX):
 * "%.6g", ".0" added to what would read as an integer, exponent without '+' or
 * leading zeros. Returns the cursor after it. */
char *cg_json_real6_at(char *p, double v);

/* "00" "01" .. "99": two digits per division by 100. */
extern const char cg_json_digit_pairs[200];

/* The digits of v < 10^4 as 4 bytes 0..9, most significant first in memory (little
 * endian), leading zeros included: v split in two halves of 2 digits, each half in
 * two of 1, the lanes of one word divided at once by multiplying with a reciprocal
 * (v * 5243 >> 19 is v / 100 for v < 10^4, and x * 103 >> 10 is x / 10 for x < 100;
 * no product carries into the next lane). */
static inline uint32_t cg_json_bcd4(uint32_t v) {
  uint32_t h100 = (v * 5243) >> 19;
  uint32_t x = h100 | (v - h100 * 100) << 16;
  uint32_t h10 = ((x * 103) >> 10) & 0x000F000Fu;
  return h10 | (x - h10 * 10) << 8;
}

/* Writes an unsigned integer in decimal at p (room: CG_JSON_NUM_MAX); returns the
 * cursor after it. The numbers of a document are offsets and small ids. One below 100
 * (the ids and sentence indices, of one or two digits in no order the branch
 * predictor learns) is its digit pair, or the second digit of "0d", copied as two
 * bytes without a branch on its length. On a little-endian machine, one below 10^4
 * (the offsets of most news articles) has its 4 digits computed at once (cg_json_bcd4)
 * and stored as one word, shifted past the leading zero of one of 3 digits. Against
 * digit pairs after a length found by comparisons, the writer's numbers took 8% fewer
 * instructions and half the mispredicted branches on TimeBank (callgrind). Measured
 * and dropped: every number below 10^4 at once (27 instructions against 7 for the
 * ids: 4% more in the writer), and 8 digits at once for every number below 10^8
 * (43 instructions: 12% more). Larger numbers, and other byte orders, take the pairs. */
static inline char *cg_json_uint_at(char *p, size_t v) {
  if (v < 100) {
    size_t one = v < 10;
    memcpy(p, cg_json_digit_pairs + 2 * v + one, 2);
    return p + 2 - one;
  }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (v < 10000) {
    size_t zero = v < 1000; /* the leading zero of a number of 3 digits */
    uint32_t d = (cg_json_bcd4((uint32_t)v) + UINT32_C(0x30303030)) >> (8 * zero);
    memcpy(p, &d, 4);
    return p + 4 - zero;
  }
#endif
  size_t n = v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : 6; /* v >= 100 here */
  for (size_t t = v / 1000000; t > 0; t /= 10) n++;
  char *e = p + n;
  while (v >= 100) {
    e -= 2;
    memcpy(e, cg_json_digit_pairs + 2 * (v % 100), 2);
    v /= 100;
  }
  if (v >= 10) memcpy(e - 2, cg_json_digit_pairs + 2 * v, 2);
  else e[-1] = (char)('0' + v);
  return p + n;
}

/* Writes a string literal at p (its length known at compile time: one fixed-size
 * memcpy); evaluates to the cursor after it. */
#define CG_JSON_LIT_AT(p, lit) ((char *)memcpy((p), "" lit, sizeof(lit) - 1) + sizeof(lit) - 1)

/* Appending to a cg_buf, for the writers that build their output piece by piece
 * (graph/corpus_write.c). */

/* Appends the n bytes at s as a JSON string, escaped as cg_json_str_valid_at does.
 * Bytes that are not valid UTF-8 make the whole string "\uFFFD" (cg_json_str_at). */
void cg_json_put_str(cg_buf *b, const char *s, size_t n);

/* Appends the n bytes at s as a JSON string, escaped as cg_json_put_str does, and
 * returns true; when they are not valid UTF-8, appends nothing and returns false
 * (where jansson's json_stringn returns NULL: the caller writes what the tree
 * would then hold). */
bool cg_json_put_str_valid(cg_buf *b, const char *s, size_t n);

/* Appends a real as cg_json_real6_at writes it. */
void cg_json_put_real6(cg_buf *b, double v);

/* Appends an unsigned integer in decimal. */
static inline void cg_json_put_uint(cg_buf *b, size_t v) {
  cg_json_done(b, cg_json_uint_at(cg_json_begin(b, CG_JSON_NUM_MAX), v));
}

/* Appends a signed integer in decimal (jansson's "%lld"). */
static inline void cg_json_put_int(cg_buf *b, long long v) {
  if (v < 0) {
    cg_buf_putc(b, '-');
    cg_json_put_uint(b, (size_t)0 - (size_t)v); /* also right for LLONG_MIN */
    return;
  }
  cg_json_put_uint(b, (size_t)v);
}

/* Appends a string literal: its length is known at compile time, so this is one
 * memcpy (keys and punctuation: `CG_JSON_LIT(b, ",\"end\":")`). */
#define CG_JSON_LIT(b, lit) cg_buf_append((b), "" lit, sizeof(lit) - 1)

#endif
