/* UTF-8 validation, repair and control-character normalisation at ingestion. */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The bounds a UTF-8 lead byte imposes: sequence length and the range of the second
 * byte (narrowed for E0/ED/F0/F4 so that overlongs, surrogates and > U+10FFFF fail). */
static size_t lead_info(unsigned c, unsigned *lo, unsigned *hi) {
  *lo = 0x80;
  *hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) {
    if (c == 0xE0) *lo = 0xA0;
    else if (c == 0xED) *hi = 0x9F;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (c == 0xF0) *lo = 0x90;
    else if (c == 0xF4) *hi = 0x8F;
    return 4;
  }
  return 0;
}

size_t cg_utf8_valid_seq(const unsigned char *s, size_t n) {
  if (!n) return 0;
  if (s[0] < 0x80) return 1;
  unsigned lo, hi;
  size_t len = lead_info(s[0], &lo, &hi);
  if (!len || n < len || s[1] < lo || s[1] > hi) return 0;
  for (size_t i = 2; i < len; i++)
    if ((s[i] & 0xC0) != 0x80) return 0;
  return len;
}

/* Length of the maximal subpart of an ill-formed sequence at s (at least 1): the bytes
 * that could still have begun a valid sequence. One U+FFFD replaces each subpart.
 * *incomplete is set when all n bytes are such a prefix (more input could finish it). */
static size_t bad_len(const unsigned char *s, size_t n, bool *incomplete) {
  *incomplete = false;
  unsigned lo, hi;
  size_t len = lead_info(s[0], &lo, &hi);
  if (!len) return 1;
  if (n < 2) {
    *incomplete = true;
    return 1;
  }
  if (s[1] < lo || s[1] > hi) return 1;
  size_t k = 2;
  while (k < len && k < n && (s[k] & 0xC0) == 0x80) k++;
  if (k == n && k < len) *incomplete = true;
  return k;
}

/* Runs of plain bytes, eight at a time: news text is mostly ASCII, and testing a word
 * per step instead of a byte made validation and normalisation 3-5x faster (readbench
 * on news-10000000.txt). Little-endian only (the first flagged byte is the lowest);
 * elsewhere the byte loops below do the same work. With SSE2, printable runs go
 * sixteen bytes at a time (cg_utf8_printable_run). */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define CG_UTF8_SWAR 1
#define ONES UINT64_C(0x0101010101010101)
#define HIGH UINT64_C(0x8080808080808080)
#endif

/* Length of the prefix of p[0..n) below 0x80 (ASCII). */
static size_t ascii_run(const unsigned char *p, size_t n) {
  size_t i = 0;
#ifdef CG_UTF8_SWAR
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, p + i, 8);
    uint64_t m = x & HIGH;
    if (m) return i + ((size_t)__builtin_ctzll(m) >> 3);
  }
#endif
  while (i < n && p[i] < 0x80) i++;
  return i;
}

size_t cg_utf8_printable_run(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
#if defined(__SSE2__)
  /* 16 bytes per step, one compare: a signed "less than 0x20" also catches the bytes
   * 0x80 and above (negative). The ingestion scan of news-2000000.txt (cg_utf8_scan)
   * went from 2.77M to 1.71M instructions (callgrind) against the word loop below. */
  const __m128i space = _mm_set1_epi8(0x20);
  for (; i + 16 <= n; i += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
    unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, space));
    if (m) return i + (size_t)__builtin_ctz(m);
  }
#elif defined(CG_UTF8_SWAR)
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, p + i, 8);
    /* high bit of a byte: below 0x20 (it borrowed and was not >= 0x80) or >= 0x80; a
     * borrow only reaches bytes above a flagged one, so the lowest flag is exact */
    uint64_t m = (((x - 0x20 * ONES) & ~x) | x) & HIGH;
    if (m) return i + ((size_t)__builtin_ctzll(m) >> 3);
  }
#endif
  while (i < n && p[i] >= 0x20 && p[i] < 0x80) i++;
  return i;
}

bool cg_utf8_check(const char *s, size_t n, size_t *bad) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    i += ascii_run(p + i, n - i);
    if (i >= n) break;
    size_t l = cg_utf8_valid_seq(p + i, n - i);
    if (!l) {
      if (bad) *bad = i;
      return false;
    }
    i += l;
  }
  return true;
}

static const char REPL[3] = {(char)0xEF, (char)0xBF, (char)0xBD};

cg_status cg_utf8_normalize(const char *in, size_t n, bool lenient, cg_buf *out,
                            size_t *nrepairs, size_t *bad) {
  const unsigned char *p = (const unsigned char *)in;
  size_t i = 0, reps = 0;
  if (bad) *bad = SIZE_MAX;
  if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) i = 3; /* BOM */
  cg_buf_reserve(out, n - i);
  while (i < n) {
    /* Copy the longest run of printable ASCII in one go: the common case. */
    size_t j = i + cg_utf8_printable_run(in + i, n - i);
    if (j > i) cg_buf_append(out, in + i, j - i);
    i = j;
    if (i >= n) break;
    unsigned c = p[i];
    if (c < 0x20) {
      if (c == '\r') {
        cg_buf_putc(out, '\n');
        i += (i + 1 < n && p[i + 1] == '\n') ? 2 : 1;
      } else {
        cg_buf_putc(out, (c == '\n' || c == '\t') ? (char)c : ' ');
        i++;
      }
      continue;
    }
    size_t l = cg_utf8_valid_seq(p + i, n - i);
    if (l) {
      cg_buf_append(out, in + i, l);
      i += l;
      continue;
    }
    if (bad && *bad == SIZE_MAX) *bad = i;
    if (!lenient) return CG_EUTF8;
    bool inc;
    i += bad_len(p + i, n - i, &inc);
    cg_buf_append(out, REPL, 3);
    reps++;
  }
  if (nrepairs) *nrepairs = reps;
  return CG_OK;
}

bool cg_utf8_scan(const char *s, size_t n, size_t *bad, bool *changes) {
  const unsigned char *p = (const unsigned char *)s;
  bool ch = n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF; /* BOM */
  size_t i = 0;
  while (i < n) {
    i += cg_utf8_printable_run(s + i, n - i);
    if (i >= n) break;
    unsigned c = p[i];
    if (c < 0x20) { /* LF and TAB stay; CR and other controls are rewritten */
      if (c != '\n' && c != '\t') ch = true;
      i++;
      continue;
    }
    size_t l = cg_utf8_valid_seq(p + i, n - i);
    if (!l) {
      if (bad) *bad = i;
      return false;
    }
    i += l;
  }
  if (changes) *changes = ch;
  return true;
}

size_t cg_utf8_normalize_valid(char *s, size_t n) {
  unsigned char *p = (unsigned char *)s;
  size_t i = 0, w = 0;
  if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) i = 3; /* BOM */
  while (i < n) {
    size_t j = i + cg_utf8_printable_run(s + i, n - i);
    while (j < n && p[j] >= 0x80) j++; /* valid UTF-8: multibyte characters stay */
    if (j > i) {
      if (w != i) memmove(p + w, p + i, j - i);
      w += j - i;
      i = j;
      continue;
    }
    unsigned c = p[i];
    if (c == '\r') {
      p[w++] = '\n';
      i += (i + 1 < n && p[i + 1] == '\n') ? 2 : 1;
    } else {
      p[w++] = (c == '\n' || c == '\t') ? (unsigned char)c : ' ';
      i++;
    }
  }
  if (w < n) p[w] = '\0';
  return w;
}

cg_status cg_utf8_error(cg_error *err, const char *name, const char *buf, size_t off,
                        long long base_off, long base_line) {
  long line = base_line > 0 ? base_line : 1;
  size_t bol = 0;
  for (size_t i = 0; i < off; i++)
    if (buf[i] == '\n') {
      line++;
      bol = i + 1;
    }
  unsigned b = (unsigned char)buf[off];
  return cg_error_set(err, CG_EUTF8, name, line, (long)(off - bol) + 1,
                      base_off + (long long)off, "bad byte 0x%02X", b);
}

bool cg_looks_binary(const char *buf, size_t n) {
  return memchr(buf, 0, n < 8192 ? n : 8192) != NULL;
}

/* Advances the line/column counters of st over the raw bytes in[0..n). */
static void count_lines(cg_utf8_stream *st, const unsigned char *in, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (in[i] == '\n') {
      st->line++;
      st->col = 0;
    } else {
      st->col++;
    }
  }
}

size_t cg_utf8_stream_filter(cg_utf8_stream *st, const char *in, size_t n, bool eof,
                             char *out, size_t *consumed) {
  if (st->line == 0) st->line = 1;
  const unsigned char *p = (const unsigned char *)in;
  size_t i = 0, w = 0;
  while (i < n && !st->failed) {
    size_t j = i + cg_utf8_printable_run(in + i, n - i);
    if (j > i) {
      memcpy(out + w, p + i, j - i);
      w += j - i;
      st->col += (long)(j - i);
      st->off += j - i;
      i = j;
      if (i >= n) break;
    }
    unsigned c = p[i];
    if (c < 0x20) {
      out[w++] = (c == '\n' || c == '\t' || c == '\r') ? (char)c : ' ';
      count_lines(st, p + i, 1);
      st->off++;
      i++;
      continue;
    }
    size_t l = cg_utf8_valid_seq(p + i, n - i);
    if (l) {
      memcpy(out + w, p + i, l);
      w += l;
      st->col += (long)l;
      st->off += l;
      i += l;
      continue;
    }
    bool inc;
    size_t b = bad_len(p + i, n - i, &inc);
    if (inc && !eof) break; /* an incomplete sequence at the end: wait for more */
    if (!st->lenient) {
      st->failed = true;
      st->bad_off = st->off;
      st->bad_line = st->line;
      st->bad_col = st->col + 1;
      break;
    }
    if (!st->nrepairs++) {
      st->first_repair = st->off;
      st->first_repair_line = st->line;
    }
    memcpy(out + w, REPL, 3);
    w += 3;
    st->col += (long)b;
    st->off += b;
    i += b;
  }
  *consumed = i;
  return w;
}
