/* JSON strings and reals written as jansson writes them (graph/json_out.h), without
 * printf on the common paths: `extract --format jsonl` writes tens of bytes of JSON
 * per byte of news, so these loops are the writer's cost. */
#include "json_out.h"

#include "utf8.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* What a byte needs inside a JSON string: COPY (part of a run copied as is), ESC
 * (a control character, '"' or '\\'), LEAD (starts a multi-byte UTF-8 sequence, to
 * validate; its bytes are then copied with the run). One table look-up per byte
 * replaces three comparisons in the scanning loop. */
enum { COPY = 0, ESC = 1, LEAD = 2 };
#define ROW(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
static const unsigned char byte_class[256] = {
    ROW(ESC), ROW(ESC),                                                 /* 0x00-0x1F */
    COPY, COPY, ESC, COPY, COPY, COPY, COPY, COPY,                      /* 0x20-0x27: '"' */
    COPY, COPY, COPY, COPY, COPY, COPY, COPY, COPY,                     /* 0x28-0x2F */
    ROW(COPY), ROW(COPY),                                               /* 0x30-0x4F */
    COPY, COPY, COPY, COPY, COPY, COPY, COPY, COPY,                     /* 0x50-0x57 */
    COPY, COPY, COPY, COPY, ESC, COPY, COPY, COPY,                      /* 0x58-0x5F: '\\' */
    ROW(COPY), ROW(COPY),                                               /* 0x60-0x7F */
    ROW(LEAD), ROW(LEAD), ROW(LEAD), ROW(LEAD),                         /* 0x80-0xBF */
    ROW(LEAD), ROW(LEAD), ROW(LEAD), ROW(LEAD)};                        /* 0xC0-0xFF */
#undef ROW

const char cg_json_digit_pairs[200] = "00010203040506070809101112131415161718192021222324"
                                      "25262728293031323334353637383940414243444546474849"
                                      "50515253545556575859606162636465666768697071727374"
                                      "75767778798081828384858687888990919293949596979899";

/* The escape of an ESC byte at p: jansson's short forms, else \u00XX in upper case. */
static char *escape_at(char *p, unsigned char c) {
  static const char hex[] = "0123456789ABCDEF";
  char sh = 0;
  switch (c) {
  case '"': sh = '"'; break;
  case '\\': sh = '\\'; break;
  case '\b': sh = 'b'; break;
  case '\f': sh = 'f'; break;
  case '\n': sh = 'n'; break;
  case '\r': sh = 'r'; break;
  case '\t': sh = 't'; break;
  default: break;
  }
  *p++ = '\\';
  if (sh) {
    *p++ = sh;
    return p;
  }
  char u[5] = {'u', '0', '0', hex[c >> 4], hex[c & 15]};
  memcpy(p, u, sizeof u);
  return p + sizeof u;
}

/* From byte i on, 16 bytes at a time (cg_json_care16): a block is copied whole, and
 * the cursor advances to its first byte that needs care, if any; that byte is escaped,
 * or starts a multi-byte sequence that is validated and copied whole. The tail is the
 * last 16 bytes, read overlapping what was already written: when its bytes before i
 * are plain, they were copied as they are, so it lines up with the output. A string
 * shorter than 16 bytes goes byte by byte. Against 8-byte words and a byte loop up to
 * each byte that needs care, this halved the instructions of escaping TimeBank's
 * sentences (callgrind). */
static char *escape_from(char *p, const unsigned char *u, size_t i, size_t n) {
  while (i < n) {
    unsigned care;
    if (n - i >= 16) {
      care = cg_json_care16((const char *)u + i);
      memcpy(p, u + i, 16);
      if (!care) {
        p += 16;
        i += 16;
        continue;
      }
    } else {
      size_t back = n >= 16 ? i - (n - 16) : 16;
      care = back < 16 ? cg_json_care16((const char *)u + n - 16) : 0;
      if (back < 16 && (care & ((1u << back) - 1)) == 0) {
        memcpy(p - back, u + n - 16, 16);
        care >>= back;
        if (!care) return p + (n - i);
      } else {
        /* short, or a byte that needs care before i in the tail block */
        while (i < n && byte_class[u[i]] == COPY) *p++ = (char)u[i++];
        if (i == n) break;
        care = 1;
      }
    }
    unsigned k = cg_json_lowest_bit(care);
    p += k;
    i += k;
    unsigned char c = u[i];
    if (byte_class[c] == LEAD) {
      /* the readers' validator accepts exactly what jansson accepts (no overlong
       * forms, no surrogates, nothing above U+10FFFF) */
      size_t len = cg_utf8_valid_seq(u + i, n - i);
      if (!len) return NULL;
      memcpy(p, u + i, len);
      p += len;
      i += len;
    } else {
      p = escape_at(p, c);
      i++;
    }
  }
  return p;
}

char *cg_json_str_valid_slow_at(char *p, const char *s, size_t n) {
  *p++ = '"';
  p = escape_from(p, (const unsigned char *)s, 0, n);
  if (!p) return NULL;
  *p++ = '"';
  return p;
}

char *cg_json_str_slow_at(char *p, const char *s, size_t n) {
  char *e = cg_json_str_valid_slow_at(p, s, n);
  return e ? e : CG_JSON_LIT_AT(p, "\"\xEF\xBF\xBD\"");
}

char *cg_json_grow(cg_buf *b, char *p, size_t n) {
  b->len = (size_t)(p - b->data);
  cg_buf_reserve(b, n);
  return b->data + b->len;
}

bool cg_json_put_str_valid(cg_buf *b, const char *s, size_t n) {
  char *p = cg_json_begin(b, CG_JSON_STR_MAX(n));
  char *e = cg_json_str_valid_at(p, s, n);
  if (!e) {
    *p = '\0'; /* b as it was */
    return false;
  }
  cg_json_done(b, e);
  return true;
}

void cg_json_put_str(cg_buf *b, const char *s, size_t n) {
  char *p = cg_json_begin(b, CG_JSON_STR_MAX(n));
  cg_json_done(b, cg_json_str_at(p, s, n));
}

/* jansson's own formatting: "%.6g", then ".0" when the result would read as an
 * integer, and the exponent without '+' or leading zeros. */
static char *real_printf_at(char *out, double v) {
  char tmp[64];
  snprintf(tmp, sizeof tmp, "%.6g", v);
  if (!strchr(tmp, '.') && !strchr(tmp, 'e')) strcat(tmp, ".0");
  char *e = strchr(tmp, 'e');
  if (e) {
    char *p = e + 1, *q = p;
    if (*q == '+') q++;
    else if (*q == '-') p++, q++;
    while (*q == '0' && q[1]) q++;
    memmove(p, q, strlen(q) + 1);
  }
  size_t n = strlen(tmp); /* at most 13 bytes for a finite double: fits CG_JSON_NUM_MAX */
  memcpy(out, tmp, n);
  return out + n;
}

/* Confidences are k / 10^6 for an integer k (rounded so, graph/docx_json.c) and lie
 * in [0, 1]. For such a value in [0.0001, 1), "%.6g" prints fixed notation with at
 * most 9 decimals, and the double nearest k / 10^6 is within 1e-19 of it, so the
 * digits are exactly those of k: "0." + k on 6 digits, trailing zeros dropped. That
 * skips printf's float formatting (a few % of `extract --format jsonl` in perf);
 * every other value takes the printf path. tests/test_docx_write.c checks every k
 * in 0..10^6 against jansson. */
char *cg_json_real6_at(char *p, double v) {
  if (v == 1.0) return CG_JSON_LIT_AT(p, "1.0");
  if (v == 0.0 && !signbit(v)) return CG_JSON_LIT_AT(p, "0.0");
  if (v >= 1e-4 && v < 1.0) {
    double kd = round(v * 1e6);
    if (kd / 1e6 == v) {
      unsigned k = (unsigned)kd;
      char t[8] = {'0', '.'};
      size_t len = 8;
      memcpy(t + 2, cg_json_digit_pairs + 2 * (k / 10000), 2);
      memcpy(t + 4, cg_json_digit_pairs + 2 * (k / 100 % 100), 2);
      memcpy(t + 6, cg_json_digit_pairs + 2 * (k % 100), 2);
      while (t[len - 1] == '0') len--;
      memcpy(p, t, 8); /* room for 8: CG_JSON_NUM_MAX */
      return p + len;
    }
  }
  return real_printf_at(p, v);
}

void cg_json_put_real6(cg_buf *b, double v) {
  cg_json_done(b, cg_json_real6_at(cg_json_begin(b, CG_JSON_NUM_MAX), v));
}
