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

/* Appends the n bytes at s as a JSON string: '"' and '\\' escaped, control
 * characters as \b \f \n \r \t or \u00XX, everything else (UTF-8 included) raw.
 * Bytes that are not valid UTF-8 make the whole string "\uFFFD" as one character,
 * as jansson's refusal of such a string does in graph/docx_json.c. */
void cg_json_put_str(cg_buf *b, const char *s, size_t n);

/* Appends the n bytes at s as a JSON string, escaped as cg_json_put_str does, and
 * returns true; when they are not valid UTF-8, appends nothing and returns false
 * (where jansson's json_stringn returns NULL: the caller writes what the tree
 * would then hold). */
bool cg_json_put_str_valid(cg_buf *b, const char *s, size_t n);

/* Appends a real as jansson does with precision 6 ("%.6g", ".0" added to what would
 * read as an integer, exponent without '+' or leading zeros). */
void cg_json_put_real6(cg_buf *b, double v);

/* Appends an unsigned integer in decimal. */
static inline void cg_json_put_uint(cg_buf *b, size_t v) {
  char tmp[24];
  size_t i = sizeof tmp;
  do tmp[--i] = (char)('0' + v % 10);
  while ((v /= 10) > 0);
  cg_buf_append(b, tmp + i, sizeof tmp - i);
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
