/*
 * The bodies of the fuzz targets, shared by the libFuzzer entry points (fuzz/<target>.c)
 * and by the replay of every crash found (tests/test_fuzz_regressions.c), so that a
 * regression is replayed through exactly the code path that crashed.
 *
 * Each body feeds the bytes to a library entry point and then checks the contract the
 * rest of the pipeline relies on (the oracle): a crash or sanitizer report is a bug, and
 * so is a broken invariant, reported through CG_FUZZ_FAIL (abort() in the fuzzers,
 * a cmocka failure in the test).
 *
 * Static functions only: include this file in exactly one .c file per executable.
 * The includer may define CG_FUZZ_FAIL(msg) before including; it must not return.
 */
#ifndef CG_FUZZ_BODY_H
#define CG_FUZZ_BODY_H

#include "actors.h"
#include "events.h"
#include "read_jsonl.h"
#include "read_stream.h"
#include "reader.h"
#include "sentences.h"
#include "timex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CG_FUZZ_FAIL
#define CG_FUZZ_FAIL(msg) (fprintf(stderr, "fuzz invariant broken: %s\n", (msg)), abort())
#endif
#define CG_FUZZ_CHECK(cond, msg)                                                          \
  do {                                                                                    \
    if (!(cond)) CG_FUZZ_FAIL(msg " [" #cond "]");                                        \
  } while (0)

/* Inputs larger than this are not interesting for the fuzzer (libFuzzer's -max_len is
 * smaller anyway) and the size cap path is tested by the pathological tests. */
enum { CG_FUZZ_MAX_DOC = 1 << 20 };

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when it is invalid (overlongs,
 * surrogates and code points above U+10FFFF are invalid). */
static size_t fuzz_utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  unsigned min, cp;
  if (c >= 0xC2 && c <= 0xDF) len = 2, min = 0x80, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF) len = 3, min = 0x800, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4) len = 4, min = 0x10000, cp = c & 0x07;
  else return 0;
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

static bool fuzz_utf8_valid(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    size_t k = fuzz_utf8_seq(u + i, n - i);
    if (!k) return false;
    i += k;
  }
  return true;
}

/* A span [start, end) of text must lie inside it and cut on character boundaries. */
static bool fuzz_span_ok(const char *text, size_t len, size_t start, size_t end) {
  if (start > end || end > len) return false;
  const unsigned char *u = (const unsigned char *)text;
  return (start == len || (u[start] & 0xC0) != 0x80) && (end == len || (u[end] & 0xC0) != 0x80);
}

static bool fuzz_iso_day_ok(const char *s) {
  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !cg_isdigit((unsigned char)s[i])) return false;
  return true;
}

/* The reader contract (reader.h, model.h) for one document. */
static void fuzz_check_doc(const cg_doc *d) {
  CG_FUZZ_CHECK(d != NULL, "reader returned a NULL document in the array");
  CG_FUZZ_CHECK(d->text != NULL, "document without text");
  CG_FUZZ_CHECK(d->text[d->len] == '\0', "text not NUL-terminated at len");
  CG_FUZZ_CHECK(fuzz_utf8_valid(d->text, d->len), "document text is not valid UTF-8");
  CG_FUZZ_CHECK(d->id != NULL && d->source != NULL, "document without id or source");
  CG_FUZZ_CHECK(fuzz_utf8_valid(d->id, strlen(d->id)), "document id is not valid UTF-8");
  if (d->title) CG_FUZZ_CHECK(fuzz_utf8_valid(d->title, strlen(d->title)), "title not UTF-8");
  if (d->url) CG_FUZZ_CHECK(fuzz_utf8_valid(d->url, strlen(d->url)), "url not UTF-8");
  if (d->dct) CG_FUZZ_CHECK(fuzz_iso_day_ok(d->dct), "dct is not YYYY-MM-DD");
  if (d->raw)
    CG_FUZZ_CHECK(d->raw_text_start <= d->raw_text_end && d->raw_text_end <= d->raw_len,
                  "TimeML raw <TEXT> range outside the raw file");
}

static void fuzz_free_docs(cg_doc **docs, size_t n) {
  for (size_t i = 0; i < n; i++) cg_doc_free(docs[i]);
  free(docs);
}

/* Reads data as format fmt, strict then lenient, and checks every document produced.
 * Returns the documents of the lenient pass when keep is non-NULL (caller frees them
 * with fuzz_free_docs), else frees them. check = false drops documents that break the
 * reader contract instead of failing. */
static size_t fuzz_read_opt(const uint8_t *data, size_t size, cg_input_format fmt,
                            const char *dct, cg_doc ***keep, bool check) {
  size_t kept = 0;
  for (int lenient = 0; lenient < 2; lenient++) {
    cg_read_opts o = cg_read_opts_default();
    o.format = fmt;
    o.lenient = lenient;
    o.default_dct = dct;
    o.max_doc_bytes = CG_FUZZ_MAX_DOC;
    cg_doc **docs = NULL;
    size_t n = 0;
    cg_error err;
    memset(&err, 0, sizeof err);
    cg_status st = cg_read_buffer((const char *)data, size, fmt, "fuzz-input", &o, &docs, &n,
                                  &err);
    if (st != CG_OK) {
      CG_FUZZ_CHECK(err.code == st, "error status and err.code differ");
      CG_FUZZ_CHECK(err.offset >= -1 && err.offset <= (long long)size,
                    "error offset outside the input");
      CG_FUZZ_CHECK(memchr(err.msg, '\0', sizeof err.msg) != NULL, "error message unterminated");
      if (lenient) CG_FUZZ_CHECK(st != CG_EUTF8, "lenient read still fails on UTF-8");
    }
    CG_FUZZ_CHECK(n == 0 || docs != NULL, "documents counted but no array");
    if (check) {
      for (size_t i = 0; i < n; i++) fuzz_check_doc(docs[i]);
    } else { /* keep only documents that honour the reader contract */
      size_t k = 0;
      for (size_t i = 0; i < n; i++) {
        if (docs[i] && docs[i]->text && fuzz_utf8_valid(docs[i]->text, docs[i]->len)) docs[k++] = docs[i];
        else cg_doc_free(docs[i]);
      }
      n = k;
    }
    if (lenient && keep) {
      *keep = docs;
      kept = n;
    } else {
      fuzz_free_docs(docs, n);
    }
  }
  return kept;
}

/* fuzz_read with the reader contract checked (the reader targets). */
static size_t fuzz_read(const uint8_t *data, size_t size, cg_input_format fmt, const char *dct,
                        cg_doc ***keep) {
  return fuzz_read_opt(data, size, fmt, dct, keep, true);
}

/* ---------------------------------------------------------------- JSON Lines oracle */

/* Appends "tag(len)=bytes " for a string that may be NULL (a length prefix, so that no
 * two transcripts can read alike by accident). */
static void fuzz_put_str(cg_buf *b, const char *tag, const char *s, size_t n) {
  if (!s) {
    cg_buf_printf(b, "%s=NULL ", tag);
    return;
  }
  cg_buf_printf(b, "%s(%zu)=", tag, n);
  cg_buf_append(b, s, n);
  cg_buf_putc(b, ' ');
}

static void fuzz_put_error(cg_buf *b, char kind, const cg_error *e) {
  cg_buf_printf(b, "%c code=%d line=%ld col=%ld off=%lld ", kind, (int)e->code, e->line,
                e->column, e->offset);
  fuzz_put_str(b, "file", e->file, strlen(e->file));
  fuzz_put_str(b, "msg", e->msg, strlen(e->msg));
  cg_buf_putc(b, '\n');
}

static void fuzz_transcript_warn(const cg_error *w, void *ud) { fuzz_put_error(ud, 'W', w); }

/* Reads data as JSON Lines and writes to out, in order, every document (all its fields),
 * error and warning. jansson_only: every line through jansson, not the flat-object
 * scanner. */
static void fuzz_jsonl_transcript(const uint8_t *data, size_t size, bool lenient,
                                  bool jansson_only, size_t max_doc, cg_buf *out) {
  cg_stream s;
  cg_stream_open_mem(&s, (const char *)data, size);
  cg_read_ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.opts = cg_read_opts_default();
  ctx.opts.format = CG_FMT_JSONL;
  ctx.opts.lenient = lenient;
  ctx.opts.max_doc_bytes = max_doc;
  ctx.warn = fuzz_transcript_warn;
  ctx.warn_ud = out;
  ctx.jsonl_jansson_only = jansson_only;
  cg_jsonl *j = cg_jsonl_open(&s, "fuzz-input", &ctx);
  for (;;) {
    cg_doc *d = NULL;
    cg_error e;
    cg_error_clear(&e);
    cg_status st = cg_jsonl_next(j, &d, &e);
    if (st != CG_OK) {
      CG_FUZZ_CHECK(e.code == st, "JSONL error status and err.code differ");
      fuzz_put_error(out, 'E', &e);
      continue;
    }
    if (!d) break;
    cg_buf_puts(out, "D ");
    fuzz_put_str(out, "id", d->id, d->id ? strlen(d->id) : 0);
    fuzz_put_str(out, "source", d->source, d->source ? strlen(d->source) : 0);
    fuzz_put_str(out, "title", d->title, d->title ? strlen(d->title) : 0);
    fuzz_put_str(out, "url", d->url, d->url ? strlen(d->url) : 0);
    fuzz_put_str(out, "dct", d->dct, d->dct ? strlen(d->dct) : 0);
    cg_buf_printf(out, "dct_source=%d ", (int)d->dct_source);
    fuzz_put_str(out, "text", d->text, d->len);
    cg_buf_putc(out, '\n');
    fuzz_check_doc(d);
    cg_doc_free(d);
  }
  cg_jsonl_free(j);
  cg_stream_close(&s);
}

/* Differential oracle of the JSON Lines reader: the flat-object scanner must give the
 * documents, errors and warnings jansson gives, strict and lenient. Returns true when
 * they agree; on a difference *fast and *slow (caller frees with cg_buf_free) hold the
 * two transcripts, and the fuzzers fail. */
static bool fuzz_jsonl_agree(const uint8_t *data, size_t size, size_t max_doc, cg_buf *fast,
                             cg_buf *slow) {
  for (int lenient = 0; lenient < 2; lenient++) {
    cg_buf_clear(fast);
    cg_buf_clear(slow);
    fuzz_jsonl_transcript(data, size, lenient, false, max_doc, fast);
    fuzz_jsonl_transcript(data, size, lenient, true, max_doc, slow);
    if (fast->len != slow->len || (fast->len && memcmp(fast->data, slow->data, fast->len)))
      return false;
  }
  return true;
}

static void fuzz_jsonl_differential(const uint8_t *data, size_t size) {
  cg_buf a = {0}, b = {0};
  bool same = fuzz_jsonl_agree(data, size, CG_FUZZ_MAX_DOC, &a, &b);
  if (!same) fprintf(stderr, "fast path:\n%s\njansson:\n%s\n", a.data ? a.data : "",
                     b.data ? b.data : "");
  cg_buf_free(&a);
  cg_buf_free(&b);
  CG_FUZZ_CHECK(same, "JSONL fast path and jansson read the input differently");
}

/* The tagger contract (timex.h): timexes sorted, not overlapping, inside the text, on
 * character boundaries, with NUL-terminated value and mod. */
static void fuzz_check_timexes(const cg_docx *dx) {
  const cg_doc *d = dx->doc;
  size_t prev_end = 0;
  for (size_t i = 0; i < dx->timexes.len; i++) {
    const cg_timex *t = &dx->timexes.items[i];
    CG_FUZZ_CHECK(t->start < t->end, "empty or reversed timex");
    CG_FUZZ_CHECK(fuzz_span_ok(d->text, d->len, t->start, t->end), "timex span outside text");
    CG_FUZZ_CHECK(t->start >= prev_end, "timexes overlap or are unsorted");
    CG_FUZZ_CHECK(memchr(t->value, '\0', sizeof t->value) && memchr(t->mod, '\0', sizeof t->mod),
                  "timex value/mod unterminated");
    CG_FUZZ_CHECK(t->type <= CG_TX_SET, "timex type out of range");
    prev_end = t->end;
  }
  for (size_t i = 0; i < dx->sents.len; i++)
    CG_FUZZ_CHECK(dx->sents.items[i].start <= dx->sents.items[i].end &&
                      dx->sents.items[i].end <= d->len,
                  "sentence outside text");
}

/* Actor and event contracts (actors.h, events.h, model.h). */
static void fuzz_check_actors_events(const cg_docx *dx) {
  const cg_doc *d = dx->doc;
  for (size_t i = 0; i < dx->actors.len; i++) {
    const cg_actor *a = &dx->actors.items[i];
    CG_FUZZ_CHECK(a->key && a->name, "actor without key or name");
    CG_FUZZ_CHECK(fuzz_utf8_valid(a->name, strlen(a->name)), "actor name not UTF-8");
    CG_FUZZ_CHECK(a->affiliation >= -1 && a->affiliation < (int)dx->actors.len,
                  "actor affiliation out of range");
  }
  size_t prev = 0;
  for (size_t i = 0; i < dx->mentions.len; i++) {
    const cg_mention *m = &dx->mentions.items[i];
    CG_FUZZ_CHECK(fuzz_span_ok(d->text, d->len, m->start, m->end), "mention span outside text");
    CG_FUZZ_CHECK(m->start >= prev, "mentions unsorted");
    CG_FUZZ_CHECK(m->actor < dx->actors.len, "mention actor out of range");
    prev = m->start;
  }
  for (size_t i = 0; i < dx->events.len; i++) {
    const cg_event *e = &dx->events.items[i];
    CG_FUZZ_CHECK(fuzz_span_ok(d->text, d->len, e->trig_start, e->trig_end),
                  "event trigger outside text");
    CG_FUZZ_CHECK(e->lemma != NULL, "event without lemma");
    CG_FUZZ_CHECK(e->timex >= -1 && e->timex < (int)dx->timexes.len, "event timex out of range");
    CG_FUZZ_CHECK(e->sentence < dx->sents.len || dx->sents.len == 0, "event sentence out of range");
    for (size_t k = 0; k < e->nparts; k++)
      CG_FUZZ_CHECK(e->parts[k].actor < dx->actors.len, "participant out of range");
  }
}

/* Stage handles for the tagger and extract targets, loaded once per process. */
typedef struct fuzz_stages {
  cg_tagger *tagger;
  cg_actor_lexicon *alx;
  cg_event_lexicon *elx;
} fuzz_stages;

static bool fuzz_stages_load(fuzz_stages *s) {
  cg_error err;
  memset(s, 0, sizeof *s);
  if (cg_tagger_new(&s->tagger, NULL, &err) != CG_OK ||
      cg_actor_lexicon_new(&s->alx, NULL, &err) != CG_OK ||
      cg_event_lexicon_new(&s->elx, NULL, &err) != CG_OK) {
    fprintf(stderr, "fuzz: cannot load lexicons (set CG_DATADIR): %s\n", err.msg);
    return false;
  }
  return true;
}

static void fuzz_stages_free(fuzz_stages *s) {
  cg_tagger_free(s->tagger);
  cg_actor_lexicon_free(s->alx);
  cg_event_lexicon_free(s->elx);
}

/* Tagger target: the bytes become a document through the text reader in lenient mode
 * (UTF-8 repaired as at ingestion), then sentences and the tagger run in the mode
 * chosen by the first byte; with_rest also runs actors and events. The DCT is set for
 * modes news/auto and left out for narrative, so both anchoring paths are reached. */
static void fuzz_tag(const fuzz_stages *s, const uint8_t *data, size_t size, bool with_rest) {
  if (size < 1) return;
  cg_tag_mode mode = (cg_tag_mode)(data[0] % 3);
  cg_doc **docs = NULL;
  /* Reader bugs are the reader targets' findings: here documents that break the reader
   * contract are dropped, so the stages are fuzzed on what they are promised. */
  size_t n = fuzz_read_opt(data + 1, size - 1, CG_FMT_TEXT,
                           mode == CG_MODE_NARRATIVE ? NULL : "2025-12-06", &docs, false);
  for (size_t i = 0; i < n; i++) {
    cg_docx *dx = cg_docx_new(docs[i]);
    docs[i] = NULL;
    cg_sentences_split(dx);
    cg_tagger_run(s->tagger, dx, mode);
    fuzz_check_timexes(dx);
    if (with_rest) {
      cg_actors_run(s->alx, dx);
      cg_events_run(s->elx, dx);
      fuzz_check_actors_events(dx);
    }
    cg_docx_free(dx);
  }
  free(docs);
}

/* Defines a libFuzzer target that runs the extract stages on each input: the tagger
 * alone (entities = false) or every stage (true). libFuzzer gives no per-run context,
 * so the immutable lexicons are loaded once, in LLVMFuzzerInitialize. */
#define CG_FUZZ_STAGES_TARGET(entities)                                                    \
  int LLVMFuzzerInitialize(int *argc, char ***argv);                                       \
  int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);                            \
  static fuzz_stages stages;                                                               \
  int LLVMFuzzerInitialize(int *argc, char ***argv) {                                      \
    (void)argc;                                                                            \
    (void)argv;                                                                            \
    if (!fuzz_stages_load(&stages)) abort();                                               \
    return 0;                                                                              \
  }                                                                                        \
  int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {                           \
    fuzz_tag(&stages, data, size, (entities));                                             \
    return 0;                                                                              \
  }

#endif
