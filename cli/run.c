/* Parallel extraction with ordered output, as a three-stage stream:
 *
 *   reader thread --> ring of slots --> --jobs workers --> main thread (sink, in order)
 *
 * The reader fills slots in input order, workers claim them in that order and run the
 * pipeline (and the sink's optional per-document `prepare`, e.g. serialising a JSON line,
 * so that formatting is parallel too), and the main thread hands finished slots to the
 * sink strictly in input order. Reading, extraction and writing overlap, the output is
 * the same whatever the thread count, and memory is bounded by the ring (slot count and
 * bytes in flight), not by the corpus. One document's output can be many times its
 * text (a JSON line: ~19 bytes per byte of news): the document at the head of the
 * output order may stream it out in pieces from its worker (cg_run_pass), so that a
 * book-length document does not hold its whole line in memory. */
#include "run.h"

#include "chronograph.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SLOTS_PER_JOB 32
#define MAX_BYTES_IN_FLIGHT (32u << 20)

typedef struct slot {
  cg_doc *doc;   /* read, not yet extracted */
  cg_docx *dx;   /* extracted */
  cg_buf out;    /* what prepare() made of it (and did not pass on early) */
  size_t held;   /* out.len when it was done: counted in stream.held until written */
  bool done;
  bool part_failed; /* the sink's part hook failed on this document's output */
} slot;

typedef struct stream {
  const cg_pipeline *p;
  const cg_cli *cli;
  const cg_run_sink *hooks;
  cg_reader *r;
  slot *ring;
  size_t cap;
  /* sequence numbers, under mu: out <= claimed <= read, read - out <= cap */
  size_t read, claimed, out;
  size_t bytes_in_flight;
  size_t held; /* bytes of output in done slots not yet written (see MAX_HELD) */
  size_t bad; /* documents the reader skipped */
  bool eof, stop;
  pthread_mutex_t mu;
  pthread_cond_t can_read, can_work, can_emit;
  /* who sleeps on each condition: a thread signals only when somebody waits, so a
   * document costs no futex call while every stage keeps up (measured: 4 per document
   * otherwise, most of the runner's system time). The signal is sent after unlocking
   * mu: a sleeper woken while the signaller still holds mu would block on mu at once
   * and need a second wake-up (measured with --jobs 1 on 22.5k documents: 3.7k such
   * blocks on mu, 40% of the futex calls, and half of the context switches) */
  int workers_waiting;
  bool reader_waiting, emitter_waiting;
  size_t emit_target; /* the emitter sleeps until this slot is done (see wait_target) */
} stream;

/* Reads the next document into the ring (the caller made room). A bad document is
 * reported and counted; at the end of the inputs sets eof. Returns false at eof. */
static bool read_one(stream *s) {
  cg_doc *d = NULL;
  cg_error err;
  cg_error_clear(&err);
  cg_status st = cg_reader_next(s->r, &d, &err);
  if (st != CG_OK) cg_cli_report(s->cli, &err); /* stderr only: safe beside the sink */
  bool wake = false;
  pthread_mutex_lock(&s->mu);
  if (st != CG_OK) {
    s->bad++;
  } else if (!d) {
    s->eof = true;
    pthread_cond_broadcast(&s->can_work);
    pthread_cond_signal(&s->can_emit);
  } else {
    slot *sl = &s->ring[s->read % s->cap];
    sl->doc = d;
    sl->done = false;
    sl->part_failed = false;
    sl->held = 0;
    s->bytes_in_flight += d->len;
    s->read++;
    wake = s->workers_waiting > 0;
  }
  pthread_mutex_unlock(&s->mu);
  if (wake) pthread_cond_signal(&s->can_work);
  return st != CG_OK || d != NULL;
}

static void *reader_main(void *arg) {
  stream *s = arg;
  for (;;) {
    pthread_mutex_lock(&s->mu);
    /* one document may exceed the byte budget alone: admit it when nothing is in flight */
    while (!s->stop && (s->read - s->out == s->cap ||
                        (s->bytes_in_flight >= MAX_BYTES_IN_FLIGHT && s->read != s->out))) {
      s->reader_waiting = true;
      pthread_cond_wait(&s->can_read, &s->mu);
      s->reader_waiting = false;
    }
    bool stop = s->stop;
    pthread_mutex_unlock(&s->mu);
    if (stop || !read_one(s)) break;
  }
  return NULL;
}

/* The slot the emitter waits for, under mu: the last one not yet done among the next
 * EMIT_BATCH read slots (or the next slot to be read when none is pending). Waking on
 * it rather than on every slot costs one wake-up per batch; slots finishing out of
 * order only make the emitter pick the next target. */
#define EMIT_BATCH 8
static size_t wait_target(const stream *s) {
  size_t end = s->read - s->out > EMIT_BATCH ? s->out + EMIT_BATCH : s->read;
  for (size_t q = end; q > s->out; q--)
    if (!s->ring[(q - 1) % s->cap].done) return q - 1;
  return s->read;
}

/* A document of this much text or more is written as soon as it and the ones before it
 * are done, not with its batch: its model is the largest thing held, and waiting for
 * the batch kept it while a worker made the next large one (measured, 4 MB documents
 * each after a few small ones, --jobs 1: peaks of 95 MB for one, 198 MB for eight). */
#define EMIT_NOW_BYTES ((size_t)1 << 20)
/* Workers take no document but the head's while more output than this waits, done,
 * to be written. Only the head's line goes out in pieces: the others wait whole, and
 * workers running ahead of a large head document piled them up (measured, 600 KB
 * documents each after a few small ones, --jobs 3: 70 MB peak for three of them,
 * 140 MB for twelve). Articles never come near it. */
#define MAX_HELD ((size_t)16 << 20)

/* Whether a worker must leave the next document (under mu): too much output waits,
 * and it is not the head's, which is what lets the waiting output go. */
static bool held_back(const stream *s) { return s->held > MAX_HELD && s->claimed != s->out; }

/* Wakes the emitter, when it sleeps, if the head's document is done (under mu): the
 * emitter then writes what is done from the head on, whatever its batch waits for. */
static void wake_emitter_at_head(stream *s) {
  if (s->emitter_waiting && s->out != s->read && s->ring[s->out % s->cap].done)
    pthread_cond_signal(&s->can_emit);
}

struct cg_run_part {
  stream *s;
  size_t seq;  /* the document's slot */
  bool head;   /* seen at the head of the output order: stays so until it is done */
  cg_docx_json_cache *json; /* the preparing thread's (see cg_run_json_cache) */
};

cg_docx_json_cache *cg_run_json_cache(const cg_run_part *part) {
  return part->json;
}

/* Whether every slot from the head of the output order up to seq is done (under mu). */
static bool done_before(const stream *s, size_t seq) {
  for (size_t q = s->out; q < seq; q++)
    if (!s->ring[q % s->cap].done) return false;
  return true;
}

/* Head of the output order means s->out == seq: the main thread moves s->out past a
 * batch only after its sink and flush calls returned, and then waits for this slot,
 * which is not done, so it writes nothing until the document's own sink call. The
 * check takes mu once per call, i.e. once per piece (a megabyte of JSON). */
void cg_run_pass(cg_buf *out, void *arg) {
  cg_run_part *pt = arg;
  stream *s = pt->s;
  if (!s->hooks->part) return;
  if (!pt->head) {
    pthread_mutex_lock(&s->mu);
    pt->head = s->out == pt->seq && !s->stop;
    /* The documents before this one may all be done while the emitter sleeps until a
     * later slot of its batch is (wait_target): woken, it writes them, and this line
     * goes out in pieces from the next call on instead of waiting whole (measured,
     * 4 MB documents each after a few small ones, --jobs 1: 183 MB peak for two of
     * them, where one alone peaks at 95 MB). */
    bool wake = !pt->head && s->emitter_waiting && done_before(s, pt->seq);
    pthread_mutex_unlock(&s->mu);
    if (wake) pthread_cond_signal(&s->can_emit);
    if (!pt->head) return;
  }
  slot *sl = &s->ring[pt->seq % s->cap];
  if (!sl->part_failed && out->len)
    sl->part_failed = s->hooks->part(out->data, out->len, s->hooks->ud) != 0;
  cg_buf_clear(out);
}

/* Extracts and prepares the document of slot seq (on a worker, with its ctx and json
 * cache, or on the main thread when no worker could start, without a ctx). */
static void run_slot(stream *s, cg_pipeline_ctx *ctx, cg_docx_json_cache *json, size_t seq) {
  slot *sl = &s->ring[seq % s->cap];
  sl->dx = ctx ? cg_pipeline_run_ctx(s->p, ctx, sl->doc) : cg_pipeline_run(s->p, sl->doc);
  sl->doc = NULL;
  cg_run_part part = {s, seq, false, json};
  if (s->hooks->prepare) s->hooks->prepare(sl->dx, &sl->out, &part, s->hooks->ud);
}

static void *worker_main(void *arg) {
  stream *s = arg;
  cg_pipeline_ctx *ctx = cg_pipeline_ctx_new(); /* this thread's working memory */
  cg_docx_json_cache *json = cg_docx_json_cache_new();
  pthread_mutex_lock(&s->mu);
  for (;;) {
    while (!s->stop && (s->claimed == s->read ? !s->eof : held_back(s))) {
      wake_emitter_at_head(s); /* it may be all that can free the held output */
      s->workers_waiting++;
      pthread_cond_wait(&s->can_work, &s->mu);
      s->workers_waiting--;
    }
    if (s->stop || s->claimed == s->read) break; /* stopped, or eof and nothing left */
    size_t seq = s->claimed++;
    pthread_mutex_unlock(&s->mu);
    run_slot(s, ctx, json, seq);
    slot *sl = &s->ring[seq % s->cap];
    bool large = sl->dx->doc->len >= EMIT_NOW_BYTES;
    pthread_mutex_lock(&s->mu);
    sl->done = true;
    sl->held = sl->out.len;
    s->held += sl->held;
    if (s->emitter_waiting && (seq == s->emit_target || ((large || s->held > MAX_HELD) &&
                                                         s->ring[s->out % s->cap].done))) {
      pthread_mutex_unlock(&s->mu);
      pthread_cond_signal(&s->can_emit);
      pthread_mutex_lock(&s->mu);
    }
  }
  pthread_mutex_unlock(&s->mu);
  cg_docx_json_cache_free(json);
  cg_pipeline_ctx_free(ctx);
  return NULL;
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
    if (left > 0) fprintf(stderr, left < 10 ? ", ETA %.1f s" : ", ETA %.0f s", left);
  }
  fprintf(stderr, "%s", final ? "\n" : "   ");
}

int cg_run_extract(const cg_cli *cli, const cg_pipeline *p, const cg_run_sink *out,
                   cg_run_stats *stats) {
  memset(stats, 0, sizeof *stats);
  progress pg = {.on = !cli->quiet && isatty(2)};
  if (pg.on) {
    clock_gettime(CLOCK_MONOTONIC, &pg.t0);
    pg.last = pg.t0;
    for (int i = 0; i < cli->ninputs; i++) {
      struct stat sb;
      if (stat(cli->inputs[i], &sb) == 0 && S_ISREG(sb.st_mode)) pg.total_bytes += (size_t)sb.st_size;
    }
  }
  stream s = {.p = p, .cli = cli, .hooks = out,
              .r = cg_reader_new((const char *const *)cli->inputs, (size_t)cli->ninputs, &cli->read),
              .cap = (size_t)cli->jobs * SLOTS_PER_JOB};
  s.ring = cg_xcalloc(s.cap, sizeof *s.ring);
  pthread_mutex_init(&s.mu, NULL);
  pthread_cond_init(&s.can_read, NULL);
  pthread_cond_init(&s.can_work, NULL);
  pthread_cond_init(&s.can_emit, NULL);

  pthread_t reader, th[256];
  int workers = 0;
  bool threaded = pthread_create(&reader, NULL, reader_main, &s) == 0;
  if (threaded)
    for (int t = 0; t < cli->jobs && t < 256; t++)
      if (pthread_create(&th[workers], NULL, worker_main, &s) == 0) workers++;
  if (threaded && workers == 0) { /* no worker could start: stop the reader, go serial */
    pthread_mutex_lock(&s.mu);
    s.stop = true;
    pthread_cond_broadcast(&s.can_read);
    pthread_mutex_unlock(&s.mu);
    pthread_join(reader, NULL);
    s.stop = false;
    threaded = false;
  }
  cg_docx_json_cache *serial_json = threaded ? NULL : cg_docx_json_cache_new(); /* as a worker's */

  int rc = 0;
  while (rc == 0) {
    size_t n = 0; /* finished slots from s.out on, emitted without holding mu */
    if (threaded) {
      pthread_mutex_lock(&s.mu);
      while (s.out == s.read ? !s.eof : !s.ring[s.out % s.cap].done) {
        s.emit_target = wait_target(&s);
        s.emitter_waiting = true;
        pthread_cond_wait(&s.can_emit, &s.mu);
        s.emitter_waiting = false;
      }
      while (s.out + n != s.read && s.ring[(s.out + n) % s.cap].done) n++;
      pthread_mutex_unlock(&s.mu);
      if (n == 0) break; /* eof and everything emitted */
    } else { /* no threads: read, extract and emit one document at a time */
      if (s.out == s.read) {
        if (s.eof) break;
        read_one(&s);
        continue;
      }
      if (!s.ring[s.out % s.cap].dx) run_slot(&s, NULL, serial_json, s.out);
      n = 1;
    }
    /* only this thread moves s.out, so the slots [s.out, s.out + n) are ours to read */
    size_t bytes = 0, held = 0;
    for (size_t k = 0; k < n; k++) {
      slot *sl = &s.ring[(s.out + k) % s.cap];
      size_t len = sl->dx->doc->len;
      stats->docs++;
      stats->bytes += len;
      bytes += len;
      held += sl->held;
      if (rc == 0 && sl->part_failed) rc = -1; /* reported by the part hook */
      if (rc == 0) rc = out->sink(sl->dx, &sl->out, out->ud) ? -1 : 0;
      else cg_docx_free(sl->dx);
      sl->dx = NULL;
    }
    if (rc == 0 && out->flush) rc = out->flush(out->ud) ? -1 : 0;
    for (size_t k = 0; k < n; k++) {
      /* A large document's line, buffered whole when it was not at the head (see
       * cg_run_pass), is given back: kept, each slot that once held one would hold
       * its size for the rest of the run, so memory grew with the number of large
       * documents (measured, eight 4 MB documents among small ones: 386 MB peak with
       * --jobs 1, where one such document peaks at 95 MB). */
      cg_buf *b = &s.ring[(s.out + k) % s.cap].out;
      if (b->cap > CG_SCRATCH_KEEP) cg_buf_free(b);
      else cg_buf_clear(b);
    }
    pthread_mutex_lock(&s.mu);
    s.out += n;
    s.bytes_in_flight -= bytes;
    bool was_held = s.held > MAX_HELD; /* workers may wait for this (held_back) */
    s.held -= held;
    if (rc != 0) s.stop = true; /* an output error: stop reading and extracting */
    /* wake the reader once half the ring is free, not for every slot */
    bool wake_reader = s.reader_waiting && (rc != 0 || s.read - s.out <= s.cap / 2);
    if (rc != 0 || (was_held && s.workers_waiting > 0)) pthread_cond_broadcast(&s.can_work);
    pthread_mutex_unlock(&s.mu);
    if (wake_reader) pthread_cond_signal(&s.can_read);
    progress_show(&pg, stats, false);
  }
  if (threaded) {
    pthread_mutex_lock(&s.mu);
    s.stop = true;
    pthread_cond_broadcast(&s.can_read);
    pthread_cond_broadcast(&s.can_work);
    pthread_mutex_unlock(&s.mu);
    pthread_join(reader, NULL);
    for (int t = 0; t < workers; t++) pthread_join(th[t], NULL);
  }
  /* after an output error, documents read or extracted but never emitted */
  for (; s.out != s.read; s.out++) {
    slot *sl = &s.ring[s.out % s.cap];
    if (sl->dx) cg_docx_free(sl->dx);
    else if (sl->doc) cg_doc_free(sl->doc);
  }
  for (size_t i = 0; i < s.cap; i++) cg_buf_free(&s.ring[i].out);
  cg_docx_json_cache_free(serial_json);
  stats->bad += s.bad;
  progress_show(&pg, stats, true);
  free(s.ring);
  cg_reader_free(s.r);
  pthread_mutex_destroy(&s.mu);
  pthread_cond_destroy(&s.can_read);
  pthread_cond_destroy(&s.can_work);
  pthread_cond_destroy(&s.can_emit);
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
static int add_to_corpus(cg_docx *dx, const cg_buf *out, void *ud) {
  (void)out;
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
    cg_run_sink hooks = {.sink = add_to_corpus, .ud = &sink};
    cg_run_extract(&docs_cli, p, &hooks, &st);
    stats->docs += st.docs;
    stats->bad += st.bad;
    stats->bytes += st.bytes;
    cg_pipeline_free(p);
  }
  free(docs);
  cg_corpus_finish(c);
  return c;
}
