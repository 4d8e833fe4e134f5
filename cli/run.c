/* Parallel extraction with ordered output: documents are read in batches on the main
 * thread, extracted by --jobs workers, and handed to the sink in input order, so the
 * output is the same whatever the thread count and memory is bounded by the batch. */
#include "run.h"

#include "chronograph.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BATCH_DOCS_PER_JOB 32
#define BATCH_BYTES (32u << 20)

typedef struct batch {
  const cg_pipeline *p;
  cg_doc **docs;
  cg_docx **out;
  size_t n;
  atomic_size_t next;
} batch;

static void *worker(void *arg) {
  batch *b = arg;
  for (;;) {
    size_t i = atomic_fetch_add(&b->next, 1);
    if (i >= b->n) return NULL;
    b->out[i] = cg_pipeline_run(b->p, b->docs[i]);
  }
}

static void run_batch(batch *b, int jobs) {
  atomic_store(&b->next, 0);
  if (jobs <= 1 || b->n < 2) {
    worker(b);
    return;
  }
  pthread_t th[256];
  int started = 0;
  for (int t = 0; t < jobs - 1 && t < 255; t++)
    if (pthread_create(&th[started], NULL, worker, b) == 0) started++;
  worker(b); /* the main thread works too; if no thread started it does everything */
  for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
}

typedef struct progress {
  bool on;
  struct timespec t0, last;
  size_t total_bytes;
} progress;

static double since(const struct timespec *a, const struct timespec *b) {
  return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void progress_show(progress *pg, const cg_run_stats *st, bool final) {
  if (!pg->on) return;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (!final && since(&pg->last, &now) < 0.5) return;
  pg->last = now;
  double secs = since(&pg->t0, &now), mb = (double)st->bytes / 1e6;
  double rate = secs > 0 ? mb / secs : 0;
  fprintf(stderr, "\r%zu documents, %.1f MB, %.1f MB/s", st->docs, mb, rate);
  if (pg->total_bytes && rate > 0 && !final) {
    double left = ((double)pg->total_bytes / 1e6 - mb) / rate;
    if (left > 0) fprintf(stderr, ", ETA %.0f s", left);
  }
  fprintf(stderr, "%s", final ? "\n" : "   ");
}

int cg_run_extract(const cg_cli *cli, const cg_pipeline *p, cg_sink sink, void *ud,
                   cg_run_stats *stats) {
  memset(stats, 0, sizeof *stats);
  cg_reader *r = cg_reader_new((const char *const *)cli->inputs, (size_t)cli->ninputs, &cli->read);
  progress pg = {.on = !cli->quiet && isatty(2)};
  if (pg.on) {
    clock_gettime(CLOCK_MONOTONIC, &pg.t0);
    pg.last = pg.t0;
    for (int i = 0; i < cli->ninputs; i++) {
      struct stat sb;
      if (stat(cli->inputs[i], &sb) == 0 && S_ISREG(sb.st_mode)) pg.total_bytes += (size_t)sb.st_size;
    }
  }
  size_t cap = (size_t)cli->jobs * BATCH_DOCS_PER_JOB;
  batch b = {.p = p, .docs = cg_xcalloc(cap, sizeof(cg_doc *)),
             .out = cg_xcalloc(cap, sizeof(cg_docx *))};
  int rc = 0;
  bool done = false;
  while (!done && rc == 0) {
    b.n = 0;
    size_t bytes = 0;
    while (b.n < cap && bytes < BATCH_BYTES) {
      cg_doc *d = NULL;
      cg_error err;
      cg_error_clear(&err);
      cg_status st = cg_reader_next(r, &d, &err);
      if (st != CG_OK) {
        cg_cli_report(cli, &err);
        stats->bad++;
        continue;
      }
      if (!d) {
        done = true;
        break;
      }
      bytes += d->len;
      b.docs[b.n++] = d;
    }
    run_batch(&b, cli->jobs);
    for (size_t i = 0; i < b.n; i++) {
      stats->docs++;
      stats->bytes += b.out[i]->doc->len;
      if (rc == 0) rc = sink(b.out[i], ud) ? -1 : 0;
      else cg_docx_free(b.out[i]);
    }
    progress_show(&pg, stats, false);
  }
  progress_show(&pg, stats, true);
  free(b.docs);
  free(b.out);
  cg_reader_free(r);
  return rc;
}

/* ------------------------------------------------------------ corpus building */

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && !strcmp(s + n - m, suffix);
}

/* Adds a chronograph result file (.json: one object; .jsonl: one object a line).
 * Returns the number of bad objects. */
static size_t add_result_file(const cg_cli *cli, cg_corpus *c, const char *path) {
  cg_error err;
  cg_error_clear(&err);
  FILE *f = fopen(path, "rb");
  if (!f) {
    cg_error_set(&err, CG_EIO, path, 0, 0, -1, "cannot open");
    cg_cli_report(cli, &err);
    return 1;
  }
  size_t bad = 0;
  if (ends_with(path, ".json")) {
    json_error_t je;
    json_t *o = json_loadf(f, 0, &je);
    if (!o) {
      cg_error_set(&err, CG_EINPUT, path, je.line, je.column, je.position, "not JSON: %s", je.text);
      cg_cli_report(cli, &err);
      bad++;
    } else if (cg_corpus_add_json(c, o, path, &err) != CG_OK) {
      cg_cli_report(cli, &err);
      bad++;
    }
    json_decref(o);
  } else {
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    long long off = 0;
    size_t other_schema = 0; /* lines of another schema version: said once per file */
    while ((n = getline(&line, &cap, f)) > 0) {
      lineno++;
      json_error_t je;
      json_t *o = n > 1 ? json_loadb(line, (size_t)n, 0, &je) : NULL;
      if (n > 1 && !o) {
        cg_error_set(&err, CG_EINPUT, path, lineno, je.column, off + je.position, "not JSON: %s", je.text);
        cg_cli_report(cli, &err);
        bad++;
      } else if (o && cg_corpus_add_json(c, o, path, &err) != CG_OK) {
        err.line = lineno;
        if (!cg_corpus_other_schema(o) || !other_schema++) cg_cli_report(cli, &err);
        bad++;
      }
      json_decref(o);
      off += n;
    }
    if (other_schema > 1)
      fprintf(stderr, "chronograph %s: %s: %zu more line(s) of that schema refused\n", cli->cmd, path,
              other_schema - 1);
    free(line);
  }
  fclose(f);
  return bad;
}

/* A .json input, or a .jsonl input whose first line is a chronograph result. */
static bool is_result_file(const char *path) {
  if (ends_with(path, ".json")) return true;
  if (!ends_with(path, ".jsonl")) return false;
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  char head[256];
  size_t n = fread(head, 1, sizeof head - 1, f);
  fclose(f);
  head[n] = '\0';
  return strstr(head, "\"chronograph\"") != NULL;
}

typedef struct corpus_sink {
  cg_corpus *c;
  bool with_text;
} corpus_sink;

/* Documents enter the corpus directly; cg_corpus_add_docx gives the same result as
 * the schema-2 round trip that shards take in `merge` (tests/test_corpus.c). */
static int add_to_corpus(cg_docx *dx, void *ud) {
  corpus_sink *s = ud;
  cg_corpus_add_docx(s->c, dx, s->with_text);
  cg_docx_free(dx);
  return 0;
}

cg_corpus *cg_run_corpus(const cg_cli *cli, cg_run_stats *stats) {
  memset(stats, 0, sizeof *stats);
  cg_corpus *c = cg_corpus_new();
  c->merge_events = !cli->no_merge;
  cg_cli docs_cli = *cli;
  char **docs = cg_xcalloc((size_t)cli->ninputs + 1, sizeof(char *));
  int ndocs = 0;
  for (int i = 0; i < cli->ninputs; i++) {
    if (is_result_file(cli->inputs[i])) stats->bad += add_result_file(cli, c, cli->inputs[i]);
    else docs[ndocs++] = cli->inputs[i];
  }
  if (ndocs > 0) {
    cg_pipeline *p = NULL;
    cg_error err;
    cg_error_clear(&err);
    if (cg_pipeline_new(&p, &cli->pipe, &err) != CG_OK) {
      cg_cli_report(cli, &err);
      free(docs);
      cg_corpus_free(c);
      return NULL;
    }
    docs_cli.inputs = docs;
    docs_cli.ninputs = ndocs;
    cg_run_stats st;
    corpus_sink sink = {c, cli->with_text};
    cg_run_extract(&docs_cli, p, add_to_corpus, &sink, &st);
    stats->docs += st.docs;
    stats->bad += st.bad;
    stats->bytes += st.bytes;
    cg_pipeline_free(p);
  }
  free(docs);
  cg_corpus_finish(c);
  return c;
}
