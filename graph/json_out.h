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

/* Writes the n bytes at s as a JSON string at p (room: CG_JSON_STR_MAX(n)): '"' and
 * '\\' escaped, control characters as \b \f \n \r \t or \u00XX, everything else
 * (UTF-8 included) raw. Returns the cursor after it, or NULL when the bytes are not
 * valid UTF-8 (where jansson's json_stringn returns NULL; what was written after p
 * is then garbage). */
char *cg_json_str_valid_at(char *p, const char *s, size_t n);

/* As cg_json_str_valid_at, but bytes that are not valid UTF-8 make the whole string
 * "\uFFFD" as one character, as jansson's refusal of such a string does in
 * graph/docx_json.c. */
char *cg_json_str_at(char *p, const char *s, size_t n);

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
  return cg_json_str_at(p, s, n);
}

/* Writes a real as jansson does with precision 6 at p (room: CG_JSON_NUM_MAX):
 * "%.6g", ".0" added to what would read as an integer, exponent without '+' or
 * leading zeros. Returns the cursor after it. */
char *cg_json_real6_at(char *p, double v);

/* "00" "01" .. "99": two digits per division by 100. */
extern const char cg_json_digit_pairs[200];

/* Writes an unsigned integer in decimal at p (room: CG_JSON_NUM_MAX); returns the
 * cursor after it. The numbers of a document are offsets and small ids: their length
 * is found by comparison, and the digits come in pairs (this was 3% of the writer as
 * two loops dividing by 10, callgrind). One below 100 (the ids and sentence indices,
 * of one or two digits in no order the branch predictor learns) is its digit pair,
 * or the second digit of "0d", copied as two bytes without a branch on its length:
 * this removed a tenth of the writer's mispredicted branches on TimeBank prose. */
static inline char *cg_json_uint_at(char *p, size_t v) {
  if (v < 100) {
    size_t one = v < 10;
    memcpy(p, cg_json_digit_pairs + 2 * v + one, 2);
    return p + 2 - one;
  }
  size_t n = v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : 6;
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
