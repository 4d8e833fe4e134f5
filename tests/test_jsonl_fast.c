/*
 * The JSON Lines fast path (extract/read_jsonl_scan.c): which lines the flat-object
 * scanner takes and which it leaves to jansson, what it decodes, and the differential
 * oracle shared with fuzz/fuzz_read_jsonl.c: for every input here, reading with the
 * scanner and reading with jansson alone give the same documents, errors (code, line,
 * column, byte offset, message) and warnings, strict and lenient.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define CG_FUZZ_FAIL(msg) fail_msg("%s", (msg))
/* fuzz_body.h is the fuzzers' header of static functions; only the JSONL ones are used */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#include "../fuzz/fuzz_body.h"
#pragma GCC diagnostic pop

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ helpers */

/* Fails with both transcripts when the two paths read s[0..n) differently. */
static void agree_n(const char *s, size_t n) {
  cg_buf fast = {0}, slow = {0};
  bool same = fuzz_jsonl_agree((const uint8_t *)s, n, CG_FUZZ_MAX_DOC, &fast, &slow);
  if (!same)
    print_error("fast path:\n%s\njansson:\n%s\n", fast.data ? fast.data : "",
                slow.data ? slow.data : "");
  cg_buf_free(&fast);
  cg_buf_free(&slow);
  assert_true(same);
}

static void agree(const char *s) { agree_n(s, strlen(s)); }

/* Whether the scanner takes the line itself. */
static bool scanned(const char *line) {
  cg_jsonl_fields f;
  cg_buf scratch = {0};
  bool ok = cg_jsonl_scan_flat(line, strlen(line), &f, &scratch);
  if (ok) free(f.text_buf);
  else assert_null(f.text_buf);
  cg_buf_free(&scratch);
  return ok;
}

typedef struct run {
  cg_doc *docs[16];
  size_t ndocs;
  cg_error errs[16];
  size_t nerrs;
  cg_error warns[16];
  size_t nwarns;
} run;

static void on_warn(const cg_error *w, void *ud) {
  run *r = ud;
  if (r->nwarns < 16) r->warns[r->nwarns++] = *w;
}

/* Reads s through the reader as it runs in production (fast path on). */
static void read_jsonl(run *r, const char *s, bool lenient) {
  memset(r, 0, sizeof *r);
  cg_stream st;
  cg_stream_open_mem(&st, s, strlen(s));
  cg_read_ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.opts = cg_read_opts_default();
  ctx.opts.lenient = lenient;
  ctx.warn = on_warn;
  ctx.warn_ud = r;
  cg_jsonl *j = cg_jsonl_open(&st, "t.jsonl", &ctx);
  for (;;) {
    cg_doc *d = NULL;
    cg_error e;
    cg_status code = cg_jsonl_next(j, &d, &e);
    if (code != CG_OK) {
      assert_int_equal(e.code, code);
      if (r->nerrs < 16) r->errs[r->nerrs++] = e;
      continue;
    }
    if (!d) break;
    assert_true(r->ndocs < 16);
    r->docs[r->ndocs++] = d;
  }
  cg_jsonl_free(j);
  cg_stream_close(&st);
}

static void run_free(run *r) {
  for (size_t i = 0; i < r->ndocs; i++) cg_doc_free(r->docs[i]);
}

/* The text of the only document of a one-line input (read with the fast path), checked
 * against jansson on the way. Caller frees. */
static char *text_of(const char *line) {
  agree(line);
  run r;
  read_jsonl(&r, line, false);
  assert_int_equal(r.nerrs, 0);
  assert_int_equal(r.ndocs, 1);
  char *t = cg_xstrndup(r.docs[0]->text, r.docs[0]->len);
  assert_int_equal(strlen(t), r.docs[0]->len);
  run_free(&r);
  return t;
}

static void assert_text(const char *line, const char *want) {
  char *t = text_of(line);
  assert_string_equal(t, want);
  free(t);
}

/* The message of the only error of a one-line input (fast path on), checked against
 * jansson. */
static cg_error error_of(const char *line, bool lenient) {
  agree(line);
  run r;
  read_jsonl(&r, line, lenient);
  assert_int_equal(r.ndocs, 0);
  assert_int_equal(r.nerrs, 1);
  return r.errs[0];
}

/* ------------------------------------------------------------------ escapes */

static void test_escapes(void **state) {
  (void)state;
  const char *line = "{\"text\":\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\"}";
  assert_true(scanned(line));
  /* \b and \f become spaces, \r a line feed: the normalisation every text gets */
  assert_text(line, "a\"b\\c/d e f\ng\nh\ti");
  assert_text("{\"text\":\"x\\r\\ny\"}", "x\ny");   /* CRLF written as escapes */
  assert_text("{\"text\":\"x\\u0001y\\u007f\"}", "x y\x7f");
  assert_text("{\"text\":\"plain, no escapes at all\"}", "plain, no escapes at all");
}

static void test_unicode_escapes(void **state) {
  (void)state;
  const char *line = "{\"text\":\"caf\\u00e9 \\u20AC \\uD83D\\uDE00 \\ud83d\\ude00\"}";
  assert_true(scanned(line));
  assert_text(line, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf0\x9f\x98\x80");
  /* raw UTF-8 next to escapes, and a byte-order mark at the start of the text dropped */
  assert_text("{\"text\":\"\xe2\x80\x9cq\xe2\x80\x9d \\u00e9\"}",
              "\xe2\x80\x9cq\xe2\x80\x9d \xc3\xa9");
  assert_text("{\"text\":\"\\ufeffHello\"}", "Hello");
  assert_text("{\"text\":\"\xef\xbb\xbfHello\"}", "Hello");
}

static void test_lone_surrogates(void **state) {
  (void)state;
  const char *bad[] = {
      "{\"text\":\"a\\ud800b\"}",        /* high surrogate, then a letter */
      "{\"text\":\"a\\ud800\"}",         /* high surrogate at the end */
      "{\"text\":\"a\\udc00b\"}",        /* low surrogate alone */
      "{\"text\":\"a\\ud800\\u0041\"}",  /* high, then not a low one */
      "{\"text\":\"a\\ud800\\ud800\"}",  /* two highs */
      "{\"text\":\"a\\ud800\\n\"}",      /* high, then another escape */
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    assert_false(scanned(bad[i]));
    cg_error e = error_of(bad[i], false);
    assert_int_equal(e.code, CG_EINPUT);
    assert_non_null(strstr(e.msg, "invalid Unicode"));
    assert_int_equal(e.line, 1);
    error_of(bad[i], true); /* lenient changes nothing: the UTF-8 is valid */
  }
}

static void test_nul_and_invalid_escapes(void **state) {
  (void)state;
  assert_false(scanned("{\"text\":\"a\\u0000b\"}"));
  cg_error e = error_of("{\"text\":\"a\\u0000b\"}", false);
  assert_non_null(strstr(e.msg, "\\u0000 is not allowed"));
  const char *bad[] = {"{\"text\":\"a\\xb\"}", "{\"text\":\"a\\u12G4\"}", "{\"text\":\"a\\u12\"}",
                       "{\"text\":\"a\\\"}", "{\"text\":\"tab\there\"}", "{\"text\":\"a\\'b\"}"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    assert_false(scanned(bad[i]));
    e = error_of(bad[i], false);
    assert_int_equal(e.code, CG_EINPUT);
    assert_non_null(strstr(e.msg, "not JSON"));
  }
}

/* ------------------------------------------------------------------ UTF-8 */

static void test_invalid_utf8(void **state) {
  (void)state;
  /* the bad byte is on line 2, 10 bytes into it; line 1 is 15 bytes + LF */
  const char *in = "{\"text\":\"one\"}\n{\"text\":\"t\xffwo\"}\n{\"text\":\"three\"}\n";
  assert_false(scanned("{\"text\":\"t\xffwo\"}"));
  agree(in);
  run r;
  read_jsonl(&r, in, false);
  assert_int_equal(r.ndocs, 2);
  assert_int_equal(r.nerrs, 1);
  assert_int_equal(r.errs[0].code, CG_EUTF8);
  assert_int_equal(r.errs[0].line, 2);
  assert_int_equal(r.errs[0].column, 11);
  assert_int_equal(r.errs[0].offset, 15 + 10);
  assert_string_equal(r.errs[0].msg, "bad byte 0xFF");
  run_free(&r);

  read_jsonl(&r, in, true); /* lenient: repaired, with a warning at the same offset */
  assert_int_equal(r.nerrs, 0);
  assert_int_equal(r.ndocs, 3);
  assert_string_equal(r.docs[1]->text, "t\xef\xbf\xbdwo");
  assert_int_equal(r.nwarns, 1);
  assert_int_equal(r.warns[0].code, CG_EUTF8);
  assert_int_equal(r.warns[0].offset, 15 + 10);
  assert_int_equal(r.warns[0].line, 2);
  run_free(&r);

  /* in a key, in an ignored value, outside any string, a truncated sequence at the end */
  agree("{\"k\xc3\":1,\"text\":\"x\"}\n{\"a\":\"\xed\xa0\x80\",\"text\":\"x\"}\n");
  agree("{\"text\":\"x\"}\xe2\x82\n{\"text\":\"y\xf0\x9f\x98\"}\n{\"text\":\"\xc0\xaf\"}");
}

/* ------------------------------------------------------------------ fields */

static void test_fields_any_order_and_extra(void **state) {
  (void)state;
  const char *a = "{\"text\":\"Body.\",\"url\":\"https://x.test/a\",\"date\":\"2025-01-02\","
                  "\"title\":\"  A \\n title  \",\"id\":\"a1\"}";
  const char *b = " {\"id\" : \"a1\" , \"title\":\"  A \\n title  \",\"date\":\"2025-01-02\","
                  "\t\"url\":\"https://x.test/a\",\"text\":\"Body.\"}  ";
  const char *c = "{\"x\":\"y\",\"n\":-12,\"z\":null,\"t\":true,\"f\":false,\"\xd0\xba\":0,"
                  "\"\":\"\",\"id\":\"a1\",\"text\":\"Body.\",\"title\":\"  A \\n title  \","
                  "\"url\":\"https://x.test/a\",\"date\":\"2025-01-02\",\"more\":\"\\u00e9\"}";
  const char *lines[] = {a, b, c};
  for (size_t i = 0; i < 3; i++) {
    assert_true(scanned(lines[i]));
    agree(lines[i]);
    run r;
    read_jsonl(&r, lines[i], false);
    assert_int_equal(r.ndocs, 1);
    cg_doc *d = r.docs[0];
    assert_string_equal(d->id, "a1");
    assert_string_equal(d->source, "t.jsonl:1");
    assert_string_equal(d->title, "A title");
    assert_string_equal(d->url, "https://x.test/a");
    assert_string_equal(d->dct, "2025-01-02");
    assert_int_equal(d->dct_source, CG_DCT_META);
    assert_string_equal(d->text, "Body.");
    run_free(&r);
  }
  /* a date that is no date: a warning, the document kept */
  const char *w = "{\"text\":\"x\",\"date\":\"sometime in the next fortnight or so, maybe later\"}";
  assert_true(scanned(w));
  agree(w);
  run r;
  read_jsonl(&r, w, false);
  assert_int_equal(r.ndocs, 1);
  assert_null(r.docs[0]->dct);
  assert_int_equal(r.nwarns, 1);
  assert_non_null(strstr(r.warns[0].msg, "\"date\" is not a date"));
  run_free(&r);
}

static void test_ids(void **state) {
  (void)state;
  const struct {
    const char *line, *id;
    bool fast;
  } T[] = {
      {"{\"id\":42,\"text\":\"x\"}", "42", true},
      {"{\"id\":-7,\"text\":\"x\"}", "-7", true},
      {"{\"id\":-0,\"text\":\"x\"}", "0", true},
      {"{\"id\":123456789012345678,\"text\":\"x\"}", "123456789012345678", true},
      {"{\"id\":9223372036854775807,\"text\":\"x\"}", "9223372036854775807", false},
      {"{\"id\":1.5,\"text\":\"x\"}", "t.jsonl#1", false},
      {"{\"id\":1e3,\"text\":\"x\"}", "t.jsonl#1", false},
      {"{\"id\":\"\",\"text\":\"x\"}", "t.jsonl#1", true},
      {"{\"id\":true,\"text\":\"x\"}", "t.jsonl#1", true},
      {"{\"id\":null,\"text\":\"x\"}", "t.jsonl#1", true},
      {"{\"id\":[1],\"text\":\"x\"}", "t.jsonl#1", false},
      {"{\"id\":\"a\\u00e9\",\"text\":\"x\"}", "a\xc3\xa9", true},
  };
  for (size_t i = 0; i < sizeof T / sizeof *T; i++) {
    assert_int_equal(scanned(T[i].line), T[i].fast);
    agree(T[i].line);
    run r;
    read_jsonl(&r, T[i].line, false);
    assert_int_equal(r.ndocs, 1);
    assert_string_equal(r.docs[0]->id, T[i].id);
    run_free(&r);
  }
  /* integers jansson refuses: too big, leading zero */
  const char *bad[] = {"{\"id\":99999999999999999999,\"text\":\"x\"}",
                       "{\"id\":-99999999999999999999,\"text\":\"x\"}",
                       "{\"id\":007,\"text\":\"x\"}", "{\"id\":-,\"text\":\"x\"}",
                       "{\"id\":1.,\"text\":\"x\"}", "{\"id\":truex,\"text\":\"x\"}"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    assert_false(scanned(bad[i]));
    assert_int_equal(error_of(bad[i], false).code, CG_EINPUT);
  }
}

static void test_text_edge_cases(void **state) {
  (void)state;
  cg_error e = error_of("{\"text\":5}", false);
  assert_string_equal(e.msg, "\"text\" is not a string");
  e = error_of("{\"text\":null}", false);
  assert_string_equal(e.msg, "\"text\" is not a string");
  e = error_of("{\"text\":{\"a\":1}}", false);
  assert_string_equal(e.msg, "\"text\" is not a string");
  e = error_of("{\"id\":\"a\"}", false);
  assert_string_equal(e.msg, "no \"text\" field");
  e = error_of("{}", false);
  assert_string_equal(e.msg, "no \"text\" field");
  e = error_of("{\"text\":\" \\n\\t \\u00a0 \"}", false);
  assert_int_equal(e.code, CG_EEMPTY);
  assert_int_equal(e.offset, 0);
  /* not blank before normalisation, so kept: a control becomes a space, a BOM nothing */
  assert_text("{\"text\":\"\\u0001\"}", " ");
  assert_text("{\"text\":\"\\ufeff\"}", "");
  assert_true(scanned("{\"text\":5}") && scanned("{}"));
}

/* ------------------------------------------------------------------ fallbacks */

static void test_nested_values_fall_back(void **state) {
  (void)state;
  const char *lines[] = {
      "{\"meta\":{\"a\":[1,{\"b\":2}]},\"id\":\"n1\",\"text\":\"Nested.\"}",
      "{\"id\":\"n1\",\"tags\":[\"a\",\"b\"],\"text\":\"Nested.\"}",
      "{\"id\":\"n1\",\"score\":0.25,\"text\":\"Nested.\"}",
      "{\"id\":\"n1\",\"text\":\"Nested.\",\"e\":{}}",
  };
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    assert_false(scanned(lines[i]));
    agree(lines[i]);
    run r;
    read_jsonl(&r, lines[i], false);
    assert_int_equal(r.ndocs, 1);
    assert_string_equal(r.docs[0]->id, "n1");
    assert_string_equal(r.docs[0]->text, "Nested.");
    run_free(&r);
  }
}

static void test_duplicate_keys(void **state) {
  (void)state;
  /* a known key twice: left to jansson, which keeps the last value */
  const char *dup = "{\"text\":\"first\",\"id\":\"a\",\"text\":\"second\",\"id\":7}";
  assert_false(scanned(dup));
  agree(dup);
  run r;
  read_jsonl(&r, dup, false);
  assert_int_equal(r.ndocs, 1);
  assert_string_equal(r.docs[0]->text, "second");
  assert_string_equal(r.docs[0]->id, "7");
  run_free(&r);
  assert_false(scanned("{\"text\":\"x\",\"date\":null,\"date\":\"2025-01-02\"}"));
  agree("{\"text\":\"x\",\"date\":null,\"date\":\"2025-01-02\"}");
  /* an ignored key twice changes nothing: the scanner keeps it */
  assert_true(scanned("{\"a\":1,\"a\":\"2\",\"text\":\"x\"}"));
  agree("{\"a\":1,\"a\":\"2\",\"text\":\"x\"}");
  /* a key written with an escape may be a known key: jansson decides */
  const char *esc = "{\"t\\u0065xt\":\"escaped key\"}";
  assert_false(scanned(esc));
  assert_text(esc, "escaped key");
}

static void test_not_json(void **state) {
  (void)state;
  const char *lines[] = {"nope", "[1,2]", "\"text\"", "{\"text\":\"x\"} trailing",
                         "{\"text\":\"x\",}", "{\"text\":\"x\"", "{\"text\" \"x\"}",
                         "{text:\"x\"}", "{\"text\":\"x\"}}", "\xef\xbb\xbf{\"text\":\"x\"}",
                         "{\"text\":\"x\"}\x0c", "{,\"text\":\"x\"}", "{\"text\":'x'}"};
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    assert_false(scanned(lines[i]));
    cg_error e = error_of(lines[i], false);
    assert_int_equal(e.code, CG_EINPUT);
    assert_int_equal(e.line, 1);
  }
  cg_error e = error_of("[1,2]", false);
  assert_string_equal(e.msg, "not a JSON object");
  /* the reader goes on after a bad line, on both paths */
  agree("{\"text\":\"a\"}\nnope\n{\"text\":\"b\"}\n{\"text\":\n{\"text\":\"c\"}");
}

static void test_crlf_and_blank_lines(void **state) {
  (void)state;
  const char *in = "{\"id\":\"a\",\"text\":\"one\"}\r\n\r\n  \r\n{\"id\":\"b\",\r\"text\":\"two\"\r}\r\n"
                   "{\"text\":\"three\"}";
  agree(in);
  run r;
  read_jsonl(&r, in, false);
  assert_int_equal(r.nerrs, 0);
  assert_int_equal(r.ndocs, 3);
  assert_string_equal(r.docs[0]->text, "one");
  assert_string_equal(r.docs[1]->text, "two");
  assert_string_equal(r.docs[1]->source, "t.jsonl:4");
  assert_string_equal(r.docs[2]->id, "t.jsonl#5");
  run_free(&r);
  /* only the last CR of a line is a line end; one inside a string is an error */
  agree("{\"text\":\"x\"}\r\r\n{\"text\":\"a\rb\"}\n");
}

/* ------------------------------------------------------------------ long lines */

static void test_long_and_straddling_lines(void **state) {
  (void)state;
  /* lines of every length around the reader's 256 KiB chunks, so that some straddle
   * two chunks and one is longer than a chunk */
  cg_buf in = {0};
  for (int i = 0; i < 700; i++) {
    cg_buf_printf(&in, "{\"id\":%d,\"text\":\"", i);
    size_t words = (size_t)(i * 37 % 211) + 1;
    for (size_t w = 0; w < words; w++) cg_buf_puts(&in, w % 17 ? "word " : "\\u00e9\\n\\\"q\\\" ");
    cg_buf_puts(&in, "end\"}\n");
  }
  cg_buf_puts(&in, "{\"text\":\"");
  for (int i = 0; i < 60000; i++) cg_buf_puts(&in, "long ");
  cg_buf_puts(&in, "\"}\n{\"text\":\"after\"}\n");
  agree_n(in.data, in.len);
  cg_buf fast = {0}, slow = {0};
  /* a limit below some lines: CG_ELIMIT on both paths, for the same lines */
  assert_true(fuzz_jsonl_agree((const uint8_t *)in.data, in.len, 700, &fast, &slow));
  assert_non_null(strstr(fast.data, "line longer than the limit"));
  cg_buf_free(&fast);
  cg_buf_free(&slow);
  cg_buf_free(&in);
}

/* Keys of a known key's length, or one byte longer or shorter, are other fields. */
static void test_near_miss_keys(void **state) {
  (void)state;
  const char *line = "{\"tex\":\"a\",\"texts\":\"b\",\"Text\":\"c\",\"txet\":\"d\",\"text\":\"real\","
                     "\"i\":\"1\",\"ids\":\"2\",\"Id\":\"3\",\"ur\":\"4\",\"urls\":\"5\",\"titl\":\"6\","
                     "\"titles\":\"7\",\"Title\":\"8\",\"data\":\"2025-01-02\",\"dates\":\"2025-01-03\"}";
  assert_true(scanned(line));
  agree(line);
  run r;
  read_jsonl(&r, line, false);
  assert_int_equal(r.ndocs, 1);
  assert_string_equal(r.docs[0]->text, "real");
  assert_string_equal(r.docs[0]->id, "t.jsonl#1");
  assert_null(r.docs[0]->title);
  assert_null(r.docs[0]->url);
  assert_null(r.docs[0]->dct);
  run_free(&r);
  line = "{\"url\":\"u\",\"title\":\"T\",\"date\":\"2025-01-02\",\"id\":\"i\",\"text\":\"x\"}";
  agree(line);
  read_jsonl(&r, line, false);
  assert_int_equal(r.ndocs, 1);
  assert_string_equal(r.docs[0]->url, "u");
  assert_string_equal(r.docs[0]->title, "T");
  assert_string_equal(r.docs[0]->dct, "2025-01-02");
  assert_string_equal(r.docs[0]->id, "i");
  run_free(&r);
}

/* ------------------------------------------------------------------ block edges */

/* line[0..n) copied into a buffer of exactly n bytes, so that ASan sees any read (or,
 * for the text buffer sized from it, any write) past the line. Caller frees. */
static char *exact_copy(const char *line, size_t n) {
  char *b = cg_xmalloc(n ? n : 1);
  memcpy(b, line, n);
  return b;
}

/* The scanner decodes plain runs 16 (or 8) bytes at a time and copies each block whole
 * into the text buffer, even past the end of the run: every special byte (escape, raw
 * UTF-8, invalid UTF-8, control, quote) at every position of the first three blocks,
 * followed by tails that end the string inside, at and after a block, read the same
 * on both paths, from exactly-sized buffers; the valid ones decode to the expected
 * text, the invalid UTF-8 is reported at its own byte. */
static void test_block_edges(void **state) {
  (void)state;
  static const struct {
    const char *raw;   /* as written in the JSON string */
    const char *text;  /* what it decodes to (NULL: the line is refused) */
  } SPECIAL[] = {
      {"\\n", "\n"},           {"\\\"", "\""},          {"\\\\", "\\"},
      {"\\u00e9", "\xc3\xa9"}, {"\\ud83d\\ude00", "\xf0\x9f\x98\x80"},
      {"\xc3\xa9", "\xc3\xa9"}, {"\xe2\x80\x9c", "\xe2\x80\x9c"}, {"\x7f", "\x7f"},
      {"\xff", NULL},          {"\xc3", NULL},          {"\xed\xa0\x80", NULL},
      {"\x01", NULL},          {"\t", NULL},            {"\\x", NULL},
  };
  static const size_t TAILS[] = {0, 1, 7, 8, 9, 15, 16, 17, 31};
  cg_buf line = {0}, want = {0};
  for (size_t si = 0; si < sizeof SPECIAL / sizeof *SPECIAL; si++)
    for (size_t k = 0; k < 48; k++)
      for (size_t ti = 0; ti < sizeof TAILS / sizeof *TAILS; ti++) {
        cg_buf_clear(&line);
        cg_buf_clear(&want);
        cg_buf_puts(&line, "{\"text\":\"");
        for (size_t i = 0; i < k; i++) cg_buf_putc(&want, (char)('a' + i % 26));
        if (SPECIAL[si].text) cg_buf_puts(&want, SPECIAL[si].text);
        for (size_t i = 0; i < TAILS[ti]; i++) cg_buf_putc(&want, 'z');
        for (size_t i = 0; i < k; i++) cg_buf_putc(&line, (char)('a' + i % 26));
        cg_buf_puts(&line, SPECIAL[si].raw);
        for (size_t i = 0; i < TAILS[ti]; i++) cg_buf_putc(&line, 'z');
        cg_buf_puts(&line, "\"}");
        char *b = exact_copy(line.data, line.len);
        agree_n(b, line.len);
        cg_jsonl_fields f;
        cg_buf scratch = {0};
        bool ok = cg_jsonl_scan_flat(b, line.len, &f, &scratch);
        assert_int_equal(ok, SPECIAL[si].text != NULL);
        if (ok) {
          assert_int_equal(f.v[CG_JF_TEXT].len, want.len);
          assert_memory_equal(f.text_buf, want.data, want.len);
          assert_int_equal(f.text_buf[want.len], '\0');
          free(f.text_buf);
        }
        cg_buf_free(&scratch);
        if ((unsigned char)SPECIAL[si].raw[0] >= 0x80 && !ok) {
          /* strict: the error names the bad byte, 9 bytes of {"text":" before it */
          cg_error e = error_of(line.data, false);
          assert_int_equal(e.code, CG_EUTF8);
          assert_int_equal(e.offset, (long long)(9 + k));
          assert_int_equal(e.column, (long)(10 + k));
        }
        free(b);
      }
  /* the short fields, decoded into the reader's scratch, at the same edges and at
   * lengths up to 160, so that some end just below the end of the scratch's allocation
   * (ASan caught a scratch reserved without room for the block overshoot) */
  for (size_t k = 0; k < 160; k++)
    for (size_t si = 0; si < 3; si++) {
      cg_buf_clear(&line);
      cg_buf_clear(&want);
      for (size_t i = 0; i < k; i++) cg_buf_putc(&want, (char)('A' + i % 26));
      cg_buf_puts(&want, SPECIAL[si].text);
      cg_buf_puts(&line, "{\"id\":\"");
      for (size_t i = 0; i < k; i++) cg_buf_putc(&line, (char)('A' + i % 26));
      cg_buf_puts(&line, SPECIAL[si].raw);
      cg_buf_puts(&line, "\",\"title\":\"");
      for (size_t i = 0; i < k; i++) cg_buf_putc(&line, (char)('A' + i % 26));
      cg_buf_puts(&line, "\",\"text\":\"x\"}");
      char *b = exact_copy(line.data, line.len);
      agree_n(b, line.len);
      cg_jsonl_fields f;
      cg_buf scratch = {0};
      assert_true(cg_jsonl_scan_flat(b, line.len, &f, &scratch));
      assert_int_equal(f.v[CG_JF_ID].len, want.len);
      assert_memory_equal(f.v[CG_JF_ID].s, want.data, want.len);
      assert_int_equal(f.v[CG_JF_ID].s[want.len], '\0');
      assert_int_equal(f.v[CG_JF_TITLE].len, k);
      assert_memory_equal(f.v[CG_JF_TITLE].s, want.data, k);
      free(f.text_buf);
      cg_buf_free(&scratch);
      free(b);
    }
  cg_buf_free(&line);
  cg_buf_free(&want);
}

/* Every prefix of lines whose strings span several blocks: each cut (inside a block,
 * at its end, inside an escape or a multibyte character) is refused by the scanner
 * without reading past the cut, and both paths report it alike. */
static void test_truncated_at_every_byte(void **state) {
  (void)state;
  const char *lines[] = {
      "{\"id\":\"abcdefghijklmnopq\",\"text\":\"0123456789abcdef\\n0123456789\\u00e9 \xe2\x80\x9c"
      "0123456789abcdefghij\\\"end\"}",
      "{\"text\":\"0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz\"}",
  };
  for (size_t li = 0; li < sizeof lines / sizeof *lines; li++) {
    size_t n = strlen(lines[li]);
    for (size_t cut = 0; cut <= n; cut++) {
      char *b = exact_copy(lines[li], cut);
      cg_jsonl_fields f;
      cg_buf scratch = {0};
      bool ok = cg_jsonl_scan_flat(b, cut, &f, &scratch);
      assert_int_equal(ok, cut == n);
      if (ok) free(f.text_buf);
      cg_buf_free(&scratch);
      agree_n(b, cut);
      free(b);
    }
  }
}

/* ------------------------------------------------------------------ generated lines */

/* A deterministic generator (xorshift) of JSON-like lines: fragments that are valid,
 * nearly valid or broken, so that both outcomes of every decision in the scanner are
 * taken thousands of times. */
static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned)(rng % n);
}

static void gen_string(cg_buf *b) {
  static const char *const PIECES[] = {
      "a", "Kyiv ", "\\n", "\\r\\n", "\\\"", "\\\\", "\\/", "\\t", "\\b", "\\f", "\\u00e9",
      "\\u00E9", "\\ud83d\\ude00", "\\ud800", "\\udc00", "\\u0000", "\\u0001", "\\x", "\\u12",
      "\xc3\xa9", "\xe2\x80\x9c", "\xf0\x9f\x98\x80", "\xff", "\xc3", "\xed\xa0\x80", "\t",
      "\x7f", "  ", "\xef\xbb\xbf", "\\ufeff", "2025-01-02", "\xc2\xa0"};
  cg_buf_putc(b, '"');
  unsigned n = rnd(6);
  for (unsigned i = 0; i < n; i++) cg_buf_puts(b, PIECES[rnd(sizeof PIECES / sizeof *PIECES)]);
  if (rnd(40)) cg_buf_putc(b, '"');
}

static void gen_value(cg_buf *b) {
  static const char *const OTHER[] = {"0", "-0", "17", "-3", "007", "1.5", "2e9", "-",
                                      "123456789012345678", "1234567890123456789",
                                      "99999999999999999999", "true", "false", "null",
                                      "nul", "truex", "[]", "[1,\"a\"]", "{}", "{\"a\":{}}"};
  if (rnd(3)) gen_string(b);
  else cg_buf_puts(b, OTHER[rnd(sizeof OTHER / sizeof *OTHER)]);
}

static void gen_line(cg_buf *b) {
  static const char *const KEYS[] = {"\"text\"", "\"id\"", "\"title\"", "\"date\"", "\"url\"",
                                     "\"x\"", "\"\"", "\"t\\u0065xt\"", "\"te\xffxt\""};
  static const char *const WS[] = {"", "", "", " ", "\t", "\r", " \n "};
  if (!rnd(30)) {
    cg_buf_puts(b, rnd(2) ? "[1]" : "nope");
    return;
  }
  cg_buf_puts(b, WS[rnd(7)]);
  cg_buf_putc(b, '{');
  unsigned n = rnd(6);
  for (unsigned i = 0; i < n; i++) {
    if (i) cg_buf_puts(b, rnd(50) ? "," : "");
    cg_buf_puts(b, WS[rnd(7)]);
    cg_buf_puts(b, i == 0 && rnd(3) ? "\"text\"" : KEYS[rnd(sizeof KEYS / sizeof *KEYS)]);
    cg_buf_puts(b, WS[rnd(7)]);
    if (rnd(60)) cg_buf_putc(b, ':');
    cg_buf_puts(b, WS[rnd(7)]);
    gen_value(b);
  }
  if (!rnd(60)) cg_buf_putc(b, ',');
  if (rnd(40)) cg_buf_putc(b, '}');
  cg_buf_puts(b, WS[rnd(7)]);
  if (!rnd(40)) cg_buf_puts(b, "x");
}

static void test_generated_lines_agree(void **state) {
  (void)state;
  cg_buf in = {0}, line = {0};
  size_t fast = 0, slow = 0;
  for (int k = 0; k < 3000; k++) {
    cg_buf_clear(&in);
    unsigned lines = 1 + rnd(4);
    for (unsigned i = 0; i < lines; i++) {
      cg_buf_clear(&line);
      gen_line(&line);
      if (scanned(line.data)) fast++;
      else slow++;
      cg_buf_append(&in, line.data, line.len);
      cg_buf_puts(&in, rnd(5) ? "\n" : "\r\n");
    }
    agree_n(in.data, in.len);
  }
  print_message("generated lines: %zu scanned, %zu left to jansson\n", fast, slow);
  /* both paths are compared on thousands of lines, not just one of them */
  assert_true(fast > 1000 && slow > 1000);
  cg_buf_free(&in);
  cg_buf_free(&line);
}

/* Every JSON Lines file of the tree (samples, reader fixtures, fuzz regressions). */
static void agree_file(const char *path) {
  char *buf;
  size_t len;
  cg_error e;
  assert_int_equal(cg_read_file(path, 64u << 20, &buf, &len, &e), CG_OK);
  agree_n(buf, len);
  free(buf);
}

static void agree_dir(const char *dir, const char *suffix) {
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t l = strlen(e->d_name), sl = strlen(suffix);
    if (e->d_name[0] == '.' || l < sl || strcmp(e->d_name + l - sl, suffix)) continue;
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    agree_file(path);
  }
  closedir(d);
}

static void test_tree_files_agree(void **state) {
  (void)state;
  agree_file(CG_SOURCE_DIR "/tests/data/readers/articles.jsonl");
  agree_dir(CG_SOURCE_DIR "/samples", ".jsonl");
  agree_dir(CG_SOURCE_DIR "/tests/data/fuzz-regressions/fuzz_read_jsonl", "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_escapes),
      cmocka_unit_test(test_unicode_escapes),
      cmocka_unit_test(test_lone_surrogates),
      cmocka_unit_test(test_nul_and_invalid_escapes),
      cmocka_unit_test(test_invalid_utf8),
      cmocka_unit_test(test_fields_any_order_and_extra),
      cmocka_unit_test(test_ids),
      cmocka_unit_test(test_text_edge_cases),
      cmocka_unit_test(test_nested_values_fall_back),
      cmocka_unit_test(test_duplicate_keys),
      cmocka_unit_test(test_not_json),
      cmocka_unit_test(test_crlf_and_blank_lines),
      cmocka_unit_test(test_long_and_straddling_lines),
      cmocka_unit_test(test_near_miss_keys),
      cmocka_unit_test(test_block_edges),
      cmocka_unit_test(test_truncated_at_every_byte),
      cmocka_unit_test(test_generated_lines_agree),
      cmocka_unit_test(test_tree_files_agree),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
