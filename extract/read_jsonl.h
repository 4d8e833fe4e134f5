/*
 * JSON Lines: one article per line, {"id","date","title","text","url"}; only "text"
 * is required. The file is read in chunks, line by line, so its size does not matter;
 * only one line is in memory at a time, and a line longer than max_doc_bytes is
 * skipped without being held.
 *
 * Two parsers: a line that is a flat object (the common case) is scanned in one pass
 * (read_jsonl_scan.c); any other line, and every line the scanner is unsure of, goes
 * to jansson as it always did, so errors and warnings are the same either way.
 */
#ifndef CG_READ_JSONL_H
#define CG_READ_JSONL_H

#include "read_stream.h"
#include "reader.h"

typedef struct cg_jsonl cg_jsonl;

/* Starts reading JSON Lines from s (borrowed, must outlive the reader; so must ctx).
 * name is the file name used for ids ("name#LINE"), sources ("name:LINE") and errors.
 * Caller frees with cg_jsonl_free. */
cg_jsonl *cg_jsonl_open(cg_stream *s, const char *name, const cg_read_ctx *ctx);

/* Next document: CG_OK with *doc (caller frees with cg_doc_free), CG_OK with *doc NULL
 * at the end, or an error for one line (CG_EINPUT not JSON / no text, CG_EUTF8,
 * CG_ELIMIT, CG_EEMPTY) naming the file and line; the next call goes on with the
 * following line. Blank lines are skipped. */
cg_status cg_jsonl_next(cg_jsonl *j, cg_doc **doc, cg_error *err);

void cg_jsonl_free(cg_jsonl *j); /* NULL ok; does not close the stream */

/* ------------------------------------------------------------------------------
 * Internal: the fields of one line that make a document, as either parser gives them
 * (the flat-object scanner in read_jsonl_scan.c, or jansson). One builder in
 * read_jsonl.c turns them into the document, so the two paths differ only in parsing.
 */
enum { CG_JF_ID, CG_JF_TITLE, CG_JF_DATE, CG_JF_TEXT, CG_JF_URL, CG_JF_NFIELDS };

typedef enum cg_jsonl_kind {
  CG_JV_ABSENT = 0, /* the key is not in the object */
  CG_JV_STRING,
  CG_JV_INTEGER,
  CG_JV_OTHER       /* null, true, false (or, from jansson, a real, array or object) */
} cg_jsonl_kind;

typedef struct cg_jsonl_val {
  cg_jsonl_kind kind;
  const char *s;    /* CG_JV_STRING: decoded, valid UTF-8, no NUL inside, NUL-terminated
                       (borrowed from the parser's storage) */
  size_t len;
  long long i;      /* CG_JV_INTEGER */
} cg_jsonl_val;

typedef struct cg_jsonl_fields {
  cg_jsonl_val v[CG_JF_NFIELDS];
  char *text_buf;   /* scanner only: the decoded text (v[CG_JF_TEXT].s), malloc'ed, not
                       yet normalised; the builder takes it */
  bool text_ctl;    /* scanner only: the text decoded a control other than LF and TAB */
} cg_jsonl_fields;

/* The fast path. When line[0..n) is a flat JSON object that jansson would parse to the
 * same values (see read_jsonl_scan.c for what is left to jansson), fills f and returns
 * true: short strings live in scratch (cleared first, reused from line to line), the
 * text in f->text_buf (caller frees or keeps). Otherwise returns false and f holds
 * nothing to free. Never reports: errors are jansson's to describe. */
bool cg_jsonl_scan_flat(const char *line, size_t n, cg_jsonl_fields *f, cg_buf *scratch);

#endif
