/*
 * JSON Lines: one article per line, {"id","date","title","text","url"}; only "text"
 * is required. The file is read in chunks, line by line, so its size does not matter;
 * only one line is in memory at a time, and a line longer than max_doc_bytes is
 * skipped without being held.
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

#endif
