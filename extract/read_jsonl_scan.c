/*
 * The fast path of the JSON Lines reader: one pass over a line that is a flat JSON
 * object, finding the fields the reader knows and decoding their strings.
 *
 * Why: jansson reads a line one character at a time through its stream layer, builds a
 * json_t for every value and a hash table for every object, and copies each string
 * twice; on the one-kilobyte articles of news-10000000.jsonl that was three quarters of
 * the reader's time. Here plain runs of a string are found sixteen bytes at a time
 * (eight without SSE2) and copied in the same pass, straight into the buffer that
 * becomes the document's text.
 *
 * Contract (what makes the two paths interchangeable): cg_jsonl_scan_flat accepts a
 * strict subset of the lines json_loadb(line, n, 0, ...) accepts, and for those gives
 * the values jansson gives. Everything else returns false and the caller parses the
 * line with jansson exactly as before, so every error, warning and lenient repair is
 * still jansson's and the UTF-8 checker's own. Left to jansson:
 *   - nested objects and arrays, reals, integers of more than 18 digits;
 *   - a key written with an escape, or a known key given twice (jansson keeps the last);
 *   - \u0000, unpaired surrogates, invalid escapes, raw control characters, invalid
 *     UTF-8 anywhere, truncated lines, anything after the closing brace but whitespace.
 * tests/test_jsonl_fast.c and fuzz/fuzz_read_jsonl.c run both paths on the same input
 * and compare documents, errors and warnings (fuzz_jsonl_differential in fuzz_body.h).
 */
#include "read_jsonl.h"

#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef const unsigned char *cursor;

/* JSON's whitespace (RFC 8259), which is also jansson's; \f and \v are not in it. */
static cursor skip_ws(cursor p, cursor e) {
  while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
  return p;
}

/* Length of the prefix of p[0..n) that a JSON string copies as it is: no '"', no '\\',
 * no control character, no byte >= 0x80. When out is set, that prefix (k bytes) is
 * also copied to out in the same pass, whole blocks at a time, so out[k..) may be
 * written too, with whatever follows in p: out needs room for min(n, k + 16) bytes,
 * which the raw length of the string always gives (see scan_string).
 *
 * Checking and copying 16 bytes per step with SSE2 (every x86-64: three compares and a
 * move mask), where the scan tested 8 bytes with a dozen word operations and memcpy
 * then read the run again, took the JSON Lines reader from 3.16M to 2.03M instructions
 * on tbaq-x1.jsonl (callgrind) and its CPU time on tbaq-x24 down by a fifth
 * (bench/bench_read). Elsewhere the same over 8-byte words, the lowest flagged byte
 * found with one count of trailing zeros where the byte order allows. */
static size_t plain_run(cursor p, size_t n, unsigned char *out) {
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'),
                space = _mm_set1_epi8(0x20);
  for (; i + 16 <= n; i += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
    if (out) _mm_storeu_si128((__m128i *)(void *)(out + i), x);
    /* a signed "less than 0x20" also catches the bytes 0x80 and above (negative) */
    __m128i m = _mm_or_si128(_mm_cmplt_epi8(x, space),
                             _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)));
    unsigned bits = (unsigned)_mm_movemask_epi8(m);
    if (bits) return i + (size_t)__builtin_ctz(bits);
  }
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, p + i, 8);
    if (out) memcpy(out + i, &x, 8);
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
    /* zero bytes of q and b, bytes of x below 0x20, bytes of x >= 0x80; a borrow only
     * runs upwards from a flagged byte, so the lowest flag is exact */
    uint64_t m = (((q - ones) & ~q) | ((b - ones) & ~b) | ((x - ones * 0x20) & ~x) | x) & high;
    if (m) return i + ((size_t)__builtin_ctzll(m) >> 3);
  }
#endif
  for (; i < n && p[i] >= 0x20 && p[i] < 0x80 && p[i] != '"' && p[i] != '\\'; i++)
    if (out) out[i] = p[i];
  return i;
}

/* Value of four hex digits at p (p + 4 <= e checked by the caller), or -1. */
static long hex4(cursor p) {
  long v = 0;
  for (int k = 0; k < 4; k++) {
    unsigned c = p[k];
    int d = c >= '0' && c <= '9' ? (int)(c - '0')
            : (c | 32) >= 'a' && (c | 32) <= 'f' ? (int)((c | 32) - 'a' + 10) : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/* Writes code point cp (valid, not a surrogate) as UTF-8 at out; returns its length. */
static size_t put_utf8(unsigned char *out, unsigned long cp) {
  if (cp < 0x80) {
    out[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (unsigned char)(0xC0 | (cp >> 6));
    out[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (unsigned char)(0xE0 | (cp >> 12));
    out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (unsigned char)(0xF0 | (cp >> 18));
  out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

/* What one string gave. */
typedef struct str_out {
  unsigned char *buf; /* decoded bytes go here (room for the raw length); NULL: check only */
  size_t len;         /* decoded length */
  bool escaped;       /* it held a backslash */
  bool ctl;           /* it decoded a control character other than LF and TAB */
} str_out;

/* Decodes the escape at *pp (a backslash) into o; false for what jansson refuses or
 * the fast path leaves to it (see the header comment). */
static bool escape(cursor *pp, cursor e, str_out *o) {
  cursor p = *pp;
  if (e - p < 2) return false;
  unsigned char c;
  switch (p[1]) {
  case '"': c = '"'; break;
  case '\\': c = '\\'; break;
  case '/': c = '/'; break;
  case 'b': c = '\b'; break;
  case 'f': c = '\f'; break;
  case 'n': c = '\n'; break;
  case 'r': c = '\r'; break;
  case 't': c = '\t'; break;
  case 'u': {
    if (e - p < 6) return false;
    long cp = hex4(p + 2);
    if (cp <= 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) return false; /* \u0000, lone low */
    p += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) { /* a high surrogate needs its low half next */
      long lo = e - p >= 6 && p[0] == '\\' && p[1] == 'u' ? hex4(p + 2) : -1;
      if (lo < 0xDC00 || lo > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      p += 6;
    }
    if (cp < 0x20 && cp != '\n' && cp != '\t') o->ctl = true;
    if (o->buf) o->len += put_utf8(o->buf + o->len, (unsigned long)cp);
    else o->len += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    *pp = p;
    return true;
  }
  default: return false;
  }
  if (c < 0x20 && c != '\n' && c != '\t') o->ctl = true;
  if (o->buf) o->buf[o->len] = c;
  o->len++;
  *pp = p + 2;
  return true;
}

/* Scans the string whose opening quote is at *pp; on true *pp is past its closing
 * quote and o holds what it decoded. o->buf, if set, has room for the raw length of
 * the rest of the line, e - *pp (no escape decodes to more bytes than it is written
 * with, so plain_run's overshoot stays inside), or for the decoded length plus 16. */
static bool scan_string(cursor *pp, cursor e, str_out *o) {
  cursor p = *pp + 1;
  o->len = 0;
  o->escaped = o->ctl = false;
  for (;;) {
    size_t k = plain_run(p, (size_t)(e - p), o->buf ? o->buf + o->len : NULL);
    o->len += k;
    p += k;
    if (p >= e) return false; /* no closing quote */
    unsigned c = *p;
    if (c == '"') {
      *pp = p + 1;
      return true;
    }
    if (c >= 0x80) {
      size_t l = cg_utf8_valid_seq(p, (size_t)(e - p));
      if (!l) return false;
      if (o->buf) memcpy(o->buf + o->len, p, l);
      o->len += l;
      p += l;
      continue;
    }
    if (c != '\\') return false; /* a raw control character */
    o->escaped = true;
    if (!escape(&p, e, o)) return false;
  }
}

/* An integer as jansson lexes one: -?(0|[1-9][0-9]*), not followed by '.', 'e' or 'E'
 * (a real) nor, after a leading 0, by a digit. At most 18 digits, so it fits in a
 * long long without the overflow check jansson makes. */
static bool scan_int(cursor *pp, cursor e, long long *out) {
  cursor p = *pp;
  bool neg = p < e && *p == '-';
  if (neg) p++;
  cursor d = p;
  long long v = 0;
  while (p < e && *p >= '0' && *p <= '9' && p - d < 18) v = v * 10 + (*p++ - '0');
  size_t nd = (size_t)(p - d); /* a 19th digit is caught below, as a digit that follows */
  if (!nd || (nd > 1 && *d == '0')) return false;
  if (p < e && (*p == '.' || *p == 'e' || *p == 'E' || (*p >= '0' && *p <= '9'))) return false;
  *out = neg ? -v : v;
  *pp = p;
  return true;
}

/* true, false or null, followed by something that is not a letter (jansson reads a
 * whole identifier: "truex" is an invalid token). */
static bool scan_literal(cursor *pp, cursor e) {
  static const char *const LIT[] = {"true", "false", "null"};
  for (size_t k = 0; k < 3; k++) {
    size_t l = strlen(LIT[k]);
    if ((size_t)(e - *pp) >= l && !memcmp(*pp, LIT[k], l)) {
      cursor p = *pp + l;
      if (p < e && cg_isalpha(*p)) return false;
      *pp = p;
      return true;
    }
  }
  return false;
}

/* Which known field a key names (raw bytes, no escapes), or -1. By length first, so
 * each key costs one inlined compare, not a strlen and a memcmp call per known name:
 * 260 instructions fewer per line, 4.5% of the scanner's on tbaq-x1 (callgrind). */
static int field_of(cursor k, size_t n) {
  switch (n) {
  case 2: return !memcmp(k, "id", 2) ? CG_JF_ID : -1;
  case 3: return !memcmp(k, "url", 3) ? CG_JF_URL : -1;
  case 4: return !memcmp(k, "date", 4) ? CG_JF_DATE : !memcmp(k, "text", 4) ? CG_JF_TEXT : -1;
  case 5: return !memcmp(k, "title", 5) ? CG_JF_TITLE : -1;
  default: return -1;
  }
}

/* The value at *pp of field f (-1: a field the reader ignores, still validated). */
static bool scan_value(cursor *pp, cursor e, int f, cg_jsonl_fields *out, cg_buf *scratch,
                       size_t *soff) {
  cg_jsonl_val *v = f >= 0 ? &out->v[f] : NULL;
  if (v && v->kind != CG_JV_ABSENT) return false; /* a known key twice */
  cursor p = *pp;
  if (*p == '"') {
    str_out o = {NULL, 0, false, false};
    if (!v) {
      if (!scan_string(&p, e, &o)) return false;
    } else if (f == CG_JF_TEXT) {
      /* the text, the bulk of the line, is decoded once into its own buffer */
      o.buf = cg_xmalloc((size_t)(e - p) + 1);
      if (!scan_string(&p, e, &o)) {
        free(o.buf);
        return false;
      }
      o.buf[o.len] = '\0';
      out->text_buf = (char *)o.buf;
      out->text_ctl = o.ctl;
    } else {
      /* short fields: checked first (raw extent), then decoded into the scratch */
      cursor q = p;
      if (!scan_string(&q, e, &o)) return false;
      cg_buf_reserve(scratch, o.len + 16); /* plain_run may write 15 bytes past */
      o.buf = (unsigned char *)scratch->data + scratch->len;
      scan_string(&p, e, &o);
      soff[f] = scratch->len;
      scratch->len += o.len;
      cg_buf_putc(scratch, '\0');
    }
    if (v) {
      v->kind = CG_JV_STRING;
      v->len = o.len;
    }
  } else if (*p == '-' || (*p >= '0' && *p <= '9')) {
    long long i;
    if (!scan_int(&p, e, &i)) return false;
    if (v) {
      v->kind = CG_JV_INTEGER;
      v->i = i;
    }
  } else if (scan_literal(&p, e)) {
    if (v) v->kind = CG_JV_OTHER;
  } else {
    return false; /* an object, an array, a real or no value: jansson's */
  }
  *pp = p;
  return true;
}

/* The members of the object after its '{' up to and including the '}'. */
static bool scan_members(cursor *pp, cursor e, cg_jsonl_fields *f, cg_buf *scratch,
                         size_t *soff) {
  cursor p = skip_ws(*pp, e);
  if (p < e && *p == '}') {
    *pp = p + 1;
    return true;
  }
  for (;;) {
    if (p >= e || *p != '"') return false;
    cursor k = p + 1;
    str_out o = {NULL, 0, false, false};
    if (!scan_string(&p, e, &o) || o.escaped) return false;
    int fi = field_of(k, (size_t)(p - 1 - k));
    p = skip_ws(p, e);
    if (p >= e || *p != ':') return false;
    p = skip_ws(p + 1, e);
    if (p >= e || !scan_value(&p, e, fi, f, scratch, soff)) return false;
    p = skip_ws(p, e);
    if (p < e && *p == ',') {
      p = skip_ws(p + 1, e);
      continue;
    }
    if (p < e && *p == '}') {
      *pp = p + 1;
      return true;
    }
    return false;
  }
}

bool cg_jsonl_scan_flat(const char *line, size_t n, cg_jsonl_fields *f, cg_buf *scratch) {
  memset(f, 0, sizeof *f);
  cg_buf_clear(scratch);
  size_t soff[CG_JF_NFIELDS] = {0};
  cursor p = (cursor)line, e = p + n;
  p = skip_ws(p, e);
  bool ok = p < e && *p == '{';
  if (ok) {
    p++;
    ok = scan_members(&p, e, f, scratch, soff) && skip_ws(p, e) == e;
  }
  if (!ok) {
    free(f->text_buf);
    f->text_buf = NULL;
    return false;
  }
  /* the scratch may have moved while it grew: strings are located only now */
  for (int k = 0; k < CG_JF_NFIELDS; k++) {
    if (f->v[k].kind != CG_JV_STRING) continue;
    f->v[k].s = k == CG_JF_TEXT ? f->text_buf : scratch->data + soff[k];
  }
  return true;
}
