/* The extraction driver shared by the subcommands: reads every input, runs the
 * pipeline on --jobs threads, hands results to a sink in input order, reports bad
 * documents on stderr and keeps going. */
#ifndef CG_RUN_H
#define CG_RUN_H

#include "corpus.h"
#include "options.h"

/* Optional: runs on the worker thread right after extraction, so that per-document
 * formatting (a JSON line, a TimeML file) is done in parallel. Appends to out, which
 * the sink then receives; must not touch shared state other than reading ud. */
typedef void (*cg_prepare)(const cg_docx *dx, cg_buf *out, void *ud);

/* Receives each document's extraction in input order, with what prepare() appended to
 * out (empty without prepare), and takes ownership of dx (not of out). out->data stays
 * valid until the next call of the batch's cg_sink_flush returns, so a sink may keep
 * pointers to it instead of copying. Returns 0 to go on, non-zero to stop (an output
 * error). */
typedef int (*cg_sink)(cg_docx *dx, const cg_buf *out, void *ud);

/* Optional: called after each batch of sink calls, before their out buffers are reused.
 * Returns 0 to go on, non-zero to stop (an output error). */
typedef int (*cg_sink_flush)(void *ud);

typedef struct cg_run_stats {
  size_t docs;       /* documents extracted */
  size_t bad;        /* documents or files skipped with an error */
  size_t bytes;      /* text bytes extracted */
} cg_run_stats;

/* Extracts every input of cli through p on cli->jobs threads (plus a reader thread),
 * calling prepare (may be NULL) on the workers, and sink and flush (may be NULL) on the
 * calling thread in input order. Returns 0, or -1 when the sink stopped the run. Bad
 * inputs are reported and counted in stats->bad. */
int cg_run_extract(const cg_cli *cli, const cg_pipeline *p, cg_prepare prepare, cg_sink sink,
                   cg_sink_flush flush, void *ud, cg_run_stats *stats);

/* Builds a finished corpus from the inputs: chronograph results (.json, or .jsonl whose
 * first line is a result) are merged as they are, anything else is extracted.
 * Returns NULL after reporting a fatal error (lexicons missing); bad inputs are
 * counted in stats->bad. Caller frees with cg_corpus_free. */
cg_corpus *cg_run_corpus(const cg_cli *cli, cg_run_stats *stats);

#endif
