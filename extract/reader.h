/*
 * Readers: turn files (plain text, HTML, RSS/Atom, TimeML, JSON Lines, directories,
 * stdin) into a stream of cg_doc, one document at a time, so memory does not grow
 * with the number of documents.
 */
#ifndef CG_READER_H
#define CG_READER_H

#include "model.h"

typedef enum cg_input_format {
  CG_FMT_AUTO = 0, /* by extension, then by sniffing the first bytes */
  CG_FMT_TEXT,
  CG_FMT_HTML,
  CG_FMT_FEED,     /* RSS 2.0 or Atom */
  CG_FMT_TIMEML,
  CG_FMT_JSONL
} cg_input_format;

/* Parses "auto", "text", "html", "feed" (also "rss", "atom"), "timeml", "jsonl".
 * Returns 0 on success, -1 on an unknown name. */
int cg_input_format_parse(const char *name, cg_input_format *out);

typedef struct cg_read_opts {
  cg_input_format format;   /* CG_FMT_AUTO by default */
  const char *default_dct;  /* "YYYY-MM-DD" for documents without one, or NULL */
  bool lenient;             /* invalid UTF-8 replaced by U+FFFD with a warning */
  size_t max_doc_bytes;     /* per document / per file cap; default 64 MiB */
} cg_read_opts;

cg_read_opts cg_read_opts_default(void);

typedef struct cg_reader cg_reader;

/* Opens a reader over paths (files, directories walked recursively in sorted order,
 * or "-" for stdin). opts may be NULL for the defaults; it is copied. Never fails
 * on a missing file: that is reported by cg_reader_next when reached.
 * Caller frees with cg_reader_free. */
cg_reader *cg_reader_new(const char *const *paths, size_t npaths, const cg_read_opts *opts);
void cg_reader_free(cg_reader *r);

/* Produces the next document.
 * - CG_OK with *doc set: a document the caller frees with cg_doc_free.
 * - CG_OK with *doc == NULL: the end.
 * - any other status: one document (or one whole file) was bad; err says what and
 *   where (file, line, byte offset); the reader has moved past it, so the caller
 *   reports it and calls again. Warnings that do not skip anything (lenient UTF-8
 *   repair) go to the warn callback, if set. */
cg_status cg_reader_next(cg_reader *r, cg_doc **doc, cg_error *err);

/* Optional: receives non-fatal warnings (borrowed error, valid during the call). */
void cg_reader_set_warn(cg_reader *r, void (*warn)(const cg_error *w, void *ud), void *ud);

/* Reads every document in one buffer of a known format (fuzzers, tests).
 * On return *docs is an array of *ndocs documents (caller frees each with
 * cg_doc_free and the array with free), even when the status is an error (the
 * documents before the error are kept). */
cg_status cg_read_buffer(const char *buf, size_t len, cg_input_format fmt, const char *name,
                         const cg_read_opts *opts, cg_doc ***docs, size_t *ndocs,
                         cg_error *err);

/* ------------------------------------------------------------------------------
 * Internal to the readers (read_*.c): shared context and helpers. Not public API.
 */

/* What every format reader needs: the options and the warning sink. */
typedef struct cg_read_ctx {
  cg_read_opts opts;
  void (*warn)(const cg_error *w, void *ud); /* may be NULL */
  void *warn_ud;
  bool jsonl_jansson_only; /* tests and fuzzers: parse every JSON line with jansson,
                              skipping the flat-object scanner (read_jsonl_scan.c) */
} cg_read_ctx;

/* Sends a warning (code, file, line, byte offset, message) to ctx->warn, if set. */
void cg_read_warn(const cg_read_ctx *ctx, cg_status code, const char *file, long line,
                  long long off, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Validates and normalises buf[0..len) once (utf8.h): strict gives CG_EUTF8 naming
 * file, line and byte offset (base_off/base_line: where buf starts in the file);
 * lenient repairs and warns. On CG_OK *out (caller frees) holds len' bytes. */
cg_status cg_read_ingest(const cg_read_ctx *ctx, const char *buf, size_t len,
                         const char *name, long long base_off, long base_line, char **out,
                         size_t *outlen, cg_error *err);

/* As cg_read_ingest, but takes buf (malloc'ed, with room for a NUL at buf[len]): valid
 * UTF-8 is normalised in place and returned as *out without a copy; anything else goes
 * through cg_read_ingest (same errors and warnings) and buf is freed. */
cg_status cg_read_ingest_owned(const cg_read_ctx *ctx, char *buf, size_t len,
                               const char *name, long long base_off, long base_line,
                               char **out, size_t *outlen, cg_error *err);

/* True when s[0..n) holds only whitespace (ASCII or U+00A0). */
bool cg_read_blank(const char *s, size_t n);

#endif
