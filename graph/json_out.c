/* JSON strings and reals written as jansson writes them (graph/json_out.h), without
 * printf on the common paths: `extract --format jsonl` writes tens of bytes of JSON
 * per byte of news, so these loops are the writer's cost. */
#include "json_out.h"

#include "utf8.h"

#include <math.h>
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

/* The escape of an ESC byte: jansson's short forms, else \u00XX in upper case. */
static void put_escape(cg_buf *b, unsigned char c) {
  static const char hex[] = "0123456789ABCDEF";
  switch (c) {
  case '"': CG_JSON_LIT(b, "\\\""); break;
  case '\\': CG_JSON_LIT(b, "\\\\"); break;
  case '\b': CG_JSON_LIT(b, "\\b"); break;
  case '\f': CG_JSON_LIT(b, "\\f"); break;
  case '\n': CG_JSON_LIT(b, "\\n"); break;
  case '\r': CG_JSON_LIT(b, "\\r"); break;
  case '\t': CG_JSON_LIT(b, "\\t"); break;
  default: {
    char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
    cg_buf_append(b, u, sizeof u);
  }
  }
}

/* One pass: runs of bytes that need nothing are copied with one memcpy each,
 * multi-byte sequences are checked in place and stay in the run. */
bool cg_json_put_str_valid(cg_buf *b, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t mark = b->len;
  cg_buf_putc(b, '"');
  size_t run = 0, i = 0;
  while (i < n) {
    unsigned k = byte_class[u[i]];
    if (k == COPY) {
      i++;
    } else if (k == LEAD) {
      /* the readers' validator accepts exactly what jansson accepts (no overlong
       * forms, no surrogates, nothing above U+10FFFF) */
      size_t len = cg_utf8_valid_seq(u + i, n - i);
      if (!len) {
        b->len = mark;
        return false;
      }
      i += len;
    } else {
      cg_buf_append(b, s + run, i - run);
      put_escape(b, u[i]);
      run = ++i;
    }
  }
  cg_buf_append(b, s + run, n - run);
  cg_buf_putc(b, '"');
  return true;
}

void cg_json_put_str(cg_buf *b, const char *s, size_t n) {
  if (!cg_json_put_str_valid(b, s, n)) CG_JSON_LIT(b, "\"\xEF\xBF\xBD\"");
}

/* jansson's own formatting: "%.6g", then ".0" when the result would read as an
 * integer, and the exponent without '+' or leading zeros. */
static void put_real_printf(cg_buf *b, double v) {
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
  cg_buf_puts(b, tmp);
}

/* Confidences are k / 10^6 for an integer k (rounded so, graph/docx_json.c) and lie
 * in [0, 1]. For such a value in [0.0001, 1), "%.6g" prints fixed notation with at
 * most 9 decimals, and the double nearest k / 10^6 is within 1e-19 of it, so the
 * digits are exactly those of k: "0." + k on 6 digits, trailing zeros dropped. That
 * skips printf's float formatting (a few % of `extract --format jsonl` in perf);
 * every other value takes the printf path. tests/test_docx_write.c checks every k
 * in 0..10^6 against jansson. */
void cg_json_put_real6(cg_buf *b, double v) {
  if (v == 1.0) {
    CG_JSON_LIT(b, "1.0");
    return;
  }
  if (v == 0.0 && !signbit(v)) {
    CG_JSON_LIT(b, "0.0");
    return;
  }
  if (v >= 1e-4 && v < 1.0) {
    double kd = round(v * 1e6);
    if (kd / 1e6 == v) {
      unsigned k = (unsigned)kd;
      char t[8] = {'0', '.'};
      size_t len = 8;
      for (size_t i = 7; i >= 2; i--, k /= 10) t[i] = (char)('0' + k % 10);
      while (t[len - 1] == '0') len--;
      cg_buf_append(b, t, len);
      return;
    }
  }
  put_real_printf(b, v);
}
