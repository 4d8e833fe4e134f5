/*
 * bench_pipeline: the in-process extract benchmark of issue 6.
 *
 *   bench_pipeline [-j JOBS] [-d YYYY-MM-DD] [-f FORMAT] [-o OUT] INPUT...
 *
 * Runs read -> sentences -> timex -> actors -> events -> JSON Lines on every document
 * of the inputs through the stage APIs (so it measures the library, not the CLI), and
 * prints one line of key=value figures on stdout:
 *
 *   jobs=1 docs=N bytes=B seconds=S mb_s=X docs_s=Y cpu_s=C mb_s_cpu=Z rss_mb=R
 *   timexes=T actors=A events=E out_bytes=O read_s= sent_s= timex_s= actors_s= events_s= out_s=
 *
 * mb_s is wall-clock throughput; mb_s_cpu is bytes per CPU second (user + system of every
 * thread, the reader's included), i.e. the throughput of one core doing all the work.
 * Stage times are summed over the workers (they are CPU-bound, so close to CPU time).
 *
 * Documents stream through a bounded queue (the reader on the main thread, JOBS
 * workers), so memory stays flat whatever the corpus size, like `extract --jobs N`.
 * The JSON line of each document comes from the CLI's writer (cg_docx_write_json_cached,
 * with a cache per worker as the CLI's workers keep), so
 * out_s measures the real output. Without -o the lines are produced and counted but
 * not written.
 * Output order is not kept: the figures do not depend on it.
 */
#include "actors.h"
#include "corpus.h"
#include "events.h"
#include "reader.h"
#include "sentences.h"
#include "timex.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

enum { QUEUE_CAP = 64, STAGES = 6 };
static const char *const stage_names[STAGES] = {"read", "sent", "timex", "actors", "events",
                                                "out"};

typedef struct shared {
  const cg_splitter *splitter;
  const cg_tagger *tagger;
  const cg_actor_lexicon *alx;
  const cg_event_lexicon *elx;
  FILE *out; /* NULL: output produced and discarded */
  pthread_mutex_t mu;
  pthread_cond_t not_empty, not_full;
  cg_doc *queue[QUEUE_CAP];
  size_t head, count;
  bool done;
  /* totals, under mu */
  size_t timexes, actors, events, out_bytes;
  double stage_s[STAGES];
} shared;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Runs every stage on one document (takes ownership of doc); adds the stage times to
 * st[] and the counts to the totals. */
/* What a worker thread reuses from document to document, as cg_pipeline_ctx does. */
typedef struct scratch {
  cg_tokens tk;
  cg_actor_scratch *actors;
  cg_event_scratch *events;
  cg_tagger_scratch *tagger;
  cg_docx_json_cache *json; /* as the CLI's workers keep one (cli/run.c) */
} scratch;

static void process(shared *sh, cg_doc *doc, double st[STAGES], cg_buf *line, scratch *sc) {
  double t0 = now_s();
  cg_docx *dx = cg_docx_new(doc);
  /* lists loaded once and the text tokenised once for all stages, as the pipeline does */
  cg_sentences_split_tokens(sh->splitter, dx, &sc->tk);
  double t1 = now_s();
  cg_tagger_run_scratch(sh->tagger, dx, CG_MODE_AUTO, sc->tagger);
  double t2 = now_s();
  cg_actors_run_scratch(sh->alx, dx, &sc->tk, sc->actors);
  double t3 = now_s();
  cg_events_run_scratch(sh->elx, dx, &sc->tk, sc->events);
  double t4 = now_s();
  cg_buf_clear(line);
  cg_docx_write_json_cached(sc->json, dx, false, line, SIZE_MAX, NULL, NULL); /* the CLI's writer */
  double t5 = now_s();
  st[1] += t1 - t0;
  st[2] += t2 - t1;
  st[3] += t3 - t2;
  st[4] += t4 - t3;
  st[5] += t5 - t4;
  pthread_mutex_lock(&sh->mu);
  sh->timexes += dx->timexes.len;
  sh->actors += dx->actors.len;
  sh->events += dx->events.len;
  sh->out_bytes += line->len;
  if (sh->out) fwrite(line->data, 1, line->len, sh->out);
  pthread_mutex_unlock(&sh->mu);
  cg_docx_free(dx);
}

/* Worker: pops documents until the queue is drained and closed. */
static void *worker(void *arg) {
  shared *sh = arg;
  double st[STAGES] = {0};
  cg_buf line = {0};
  scratch sc = {{0},
                cg_actor_scratch_new(),
                cg_event_scratch_new(),
                cg_tagger_scratch_new(),
                cg_docx_json_cache_new()};
  for (;;) {
    pthread_mutex_lock(&sh->mu);
    while (sh->count == 0 && !sh->done) pthread_cond_wait(&sh->not_empty, &sh->mu);
    if (sh->count == 0) {
      pthread_mutex_unlock(&sh->mu);
      break;
    }
    cg_doc *d = sh->queue[sh->head];
    sh->head = (sh->head + 1) % QUEUE_CAP;
    sh->count--;
    /* wake the reader only when half the queue is free: one wake-up per
     * QUEUE_CAP/2 documents instead of one per document */
    if (sh->count == QUEUE_CAP / 2) pthread_cond_signal(&sh->not_full);
    pthread_mutex_unlock(&sh->mu);
    process(sh, d, st, &line, &sc);
  }
  cg_buf_free(&line);
  free(sc.tk.items);
  cg_actor_scratch_free(sc.actors);
  cg_event_scratch_free(sc.events);
  cg_tagger_scratch_free(sc.tagger);
  cg_docx_json_cache_free(sc.json);
  pthread_mutex_lock(&sh->mu);
  for (int i = 0; i < STAGES; i++) sh->stage_s[i] += st[i];
  pthread_mutex_unlock(&sh->mu);
  return NULL;
}

static void push(shared *sh, cg_doc *d) {
  pthread_mutex_lock(&sh->mu);
  while (sh->count == QUEUE_CAP) pthread_cond_wait(&sh->not_full, &sh->mu);
  sh->queue[(sh->head + sh->count) % QUEUE_CAP] = d;
  sh->count++;
  pthread_cond_signal(&sh->not_empty);
  pthread_mutex_unlock(&sh->mu);
}

static int usage(void) {
  fprintf(stderr, "usage: bench_pipeline [-j JOBS] [-d YYYY-MM-DD] [-f FORMAT] [-o OUT] "
                  "INPUT...\n");
  return 2;
}

int main(int argc, char **argv) {
  int jobs = 1, i = 1;
  cg_read_opts ro = cg_read_opts_default();
  const char *out_path = NULL;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    if (i + 1 >= argc) return usage();
    if (!strcmp(argv[i], "-j")) jobs = atoi(argv[++i]);
    else if (!strcmp(argv[i], "-d")) ro.default_dct = argv[++i];
    else if (!strcmp(argv[i], "-o")) out_path = argv[++i];
    else if (!strcmp(argv[i], "-f")) {
      if (cg_input_format_parse(argv[++i], &ro.format) != 0) return usage();
    } else return usage();
  }
  if (i >= argc || jobs < 1 || jobs > 64) return usage();

  shared sh = {0};
  cg_error err = {0};
  cg_splitter *splitter = NULL;
  cg_tagger *tagger = NULL;
  cg_actor_lexicon *alx = NULL;
  cg_event_lexicon *elx = NULL;
  if (cg_splitter_new(&splitter, NULL, &err) != CG_OK ||
      cg_tagger_new(&tagger, NULL, &err) != CG_OK ||
      cg_actor_lexicon_new(&alx, NULL, &err) != CG_OK ||
      cg_event_lexicon_new(&elx, NULL, &err) != CG_OK) {
    fprintf(stderr, "bench_pipeline: cannot load lexicons: %s\n", err.msg);
    return 1;
  }
  sh.splitter = splitter;
  sh.tagger = tagger;
  sh.alx = alx;
  sh.elx = elx;
  if (out_path && !(sh.out = fopen(out_path, "w"))) {
    perror(out_path);
    return 1;
  }
  pthread_mutex_init(&sh.mu, NULL);
  pthread_cond_init(&sh.not_empty, NULL);
  pthread_cond_init(&sh.not_full, NULL);

  /* CPU time from here on: lexicon loading is a one-off cost, not throughput */
  struct rusage ru0;
  getrusage(RUSAGE_SELF, &ru0);
  double cpu0 = (double)(ru0.ru_utime.tv_sec + ru0.ru_stime.tv_sec) +
                (double)(ru0.ru_utime.tv_usec + ru0.ru_stime.tv_usec) * 1e-6;
  double t0 = now_s();
  pthread_t th[64];
  for (int k = 0; k < jobs; k++) pthread_create(&th[k], NULL, worker, &sh);
  cg_reader *r = cg_reader_new((const char *const *)(argv + i), (size_t)(argc - i), &ro);
  size_t docs = 0, bytes = 0, bad = 0;
  double read_s = 0;
  for (;;) {
    cg_doc *d = NULL;
    double r0 = now_s();
    cg_status s = cg_reader_next(r, &d, &err);
    read_s += now_s() - r0;
    if (s != CG_OK) {
      if (bad++ < 5) fprintf(stderr, "bench_pipeline: %s: %s\n", err.file, err.msg);
      continue;
    }
    if (!d) break;
    docs++;
    bytes += d->len;
    push(&sh, d);
  }
  pthread_mutex_lock(&sh.mu);
  sh.done = true;
  pthread_cond_broadcast(&sh.not_empty);
  pthread_mutex_unlock(&sh.mu);
  for (int k = 0; k < jobs; k++) pthread_join(th[k], NULL);
  double secs = now_s() - t0;
  sh.stage_s[0] = read_s;

  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) - cpu0 +
               (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
  double mb = (double)bytes / 1e6;
  printf("jobs=%d docs=%zu bad=%zu bytes=%zu seconds=%.3f mb_s=%.2f docs_s=%.0f cpu_s=%.3f "
         "mb_s_cpu=%.2f rss_mb=%.1f timexes=%zu actors=%zu events=%zu out_bytes=%zu",
         jobs, docs, bad, bytes, secs, secs > 0 ? mb / secs : 0,
         secs > 0 ? (double)docs / secs : 0, cpu, cpu > 0 ? mb / cpu : 0,
         (double)ru.ru_maxrss / 1024.0, sh.timexes, sh.actors, sh.events, sh.out_bytes);
  for (int k = 0; k < STAGES; k++) printf(" %s_s=%.3f", stage_names[k], sh.stage_s[k]);
  printf("\n");

  cg_reader_free(r);
  if (sh.out) fclose(sh.out);
  cg_splitter_free(splitter);
  cg_tagger_free(tagger);
  cg_actor_lexicon_free(alx);
  cg_event_lexicon_free(elx);
  pthread_mutex_destroy(&sh.mu);
  pthread_cond_destroy(&sh.not_empty);
  pthread_cond_destroy(&sh.not_full);
  return bad ? 1 : 0;
}
