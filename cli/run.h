/* The extraction driver shared by the subcommands: reads every input, runs the
 * pipeline on --jobs threads, hands results to a sink in input order, reports bad
 * documents on stderr and keeps going. */
#ifndef CG_RUN_H
#define CG_RUN_H

#include "corpus.h"
#include "options.h"

/* A document being prepared (opaque): what cg_run_pass needs to know whether its
 * output may go out ahead of the document. */
typedef struct cg_run_part cg_run_part;

/* Optional: runs on the worker thread right after extraction, so that per-document
 * formatting (a JSON line, a TimeML file) is done in parallel. Appends to out, which
 * the sink then receives; must not touch shared state other than reading ud. part
 * (borrowed, valid during the call) may be handed to cg_run_pass to let a large output
 * go out in pieces. */
typedef void (*cg_prepare)(const cg_docx *dx, cg_buf *out, cg_run_part *part, void *ud);

/* Receives each document's extraction in input order, with what prepare() appended to
 * out and did not pass on early through cg_run_pass (empty without prepare), and takes
 * ownership of dx (not of out). out->data stays valid until the next call of the
 * batch's cg_sink_flush returns, so a sink may keep pointers to it instead of copying.
 * Returns 0 to go on, non-zero to stop (an output error). */
typedef int (*cg_sink)(cg_docx *dx, const cg_buf *out, void *ud);

/* Optional: called after each batch of sink calls, before their out buffers are reused.
 * Returns 0 to go on, non-zero to stop (an output error). */
typedef int (*cg_sink_flush)(void *ud);

/* Optional: writes the len bytes at data (borrowed), the next part of the output of a
 * document not yet done, on the worker thread preparing it (see cg_run_pass): the
 * bytes of every earlier document have gone through sink and flush, and no other
 * thread calls sink, flush or part until this document's sink call. Returns 0 to go
 * on, non-zero on an output error (reported by part itself: the run then stops at
 * this document, which is not given to sink). */
typedef int (*cg_sink_part)(const char *data, size_t len, void *ud);

/* What cg_run_extract does with each document; ud (borrowed) is passed to each hook. */
typedef struct cg_run_sink {
  cg_prepare prepare;  /* may be NULL */
  cg_sink sink;
  cg_sink_flush flush; /* may be NULL */
  cg_sink_part part;   /* may be NULL: every output then goes whole through sink */
  void *ud;
} cg_run_sink;

/* From prepare, with its part as ud (the signature of cg_docx_spill, so that a writer
 * of graph/ calls it as it goes): when the document is next in the output order and
 * every earlier one is written, hands out's bytes to the sink's part hook and empties
 * out (keeping its memory), so that one huge output streams out in pieces instead of
 * waiting whole in memory; from then on the document stays the head until it is
 * done. Otherwise (another document is still ahead, or no part hook) leaves out as it
 * is, to go whole through sink: the output order never changes. After the part hook
 * failed, empties out without writing. */
void cg_run_pass(cg_buf *out, void *part);

/* From prepare: the JSON cache of the thread preparing part (borrowed, for
 * cg_docx_write_json_cached during the call): each thread that prepares documents
 * keeps one for all of them, and frees it at the end of the run. */
cg_docx_json_cache *cg_run_json_cache(const cg_run_part *part);

typedef struct cg_run_stats {
  size_t docs;       /* documents extracted */
  size_t bad;        /* documents or files skipped with an error */
  size_t bytes;      /* text bytes extracted */
} cg_run_stats;

/* Extracts every input of cli through p on cli->jobs threads (plus a reader thread),
 * calling out->prepare on the workers (and out->part from there, see cg_run_pass), and
 * out->sink and out->flush on the calling thread in input order. out (borrowed) is
 * read during the call only. Returns 0, or -1 when a hook stopped the run. Bad inputs
 * are reported and counted in stats->bad. */
int cg_run_extract(const cg_cli *cli, const cg_pipeline *p, const cg_run_sink *out,
                   cg_run_stats *stats);

/* Builds a finished corpus from the inputs: chronograph results (.json, or .jsonl whose
 * first line is a result) are merged as they are, anything else is extracted.
 * Returns NULL after reporting a fatal error (lexicons missing); bad inputs are
 * counted in stats->bad. Caller frees with cg_corpus_free. */
cg_corpus *cg_run_corpus(const cg_cli *cli, cg_run_stats *stats);

#endif
