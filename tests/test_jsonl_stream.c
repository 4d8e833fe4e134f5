/* One large document through `extract --format jsonl` (issue 6): its JSON line goes
 * out in pieces while it is written (graph/docx_write.c cg_docx_write_json_parts,
 * cli/run.c cg_run_pass) instead of waiting whole in memory, and the bytes are exactly
 * those of the whole line, whatever --jobs, whether the document is at the head of the
 * output order or behind another large one. */
#define _DEFAULT_SOURCE /* wait4: the peak RSS of one child */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_fixture.h"
#include "corpus.h"
#include "json_out.h"
#include "pipeline.h"
#include "reader.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* ------------------------------------------------------------------ inputs */

/* About `bytes` of news-like prose: dated events between named actors, with quotes,
 * a backslash and non-ASCII letters to escape, varied by a fixed LCG. */
static void news_text(cg_buf *b, size_t bytes, uint32_t seed) {
  static const char *const who[] = {"Minister Sergei Lavrov", "Antony Blinken", "the army",
                                    "President Emmanuel Macron", "NATO", "Olaf Scholz"};
  static const char *const where[] = {"Geneva", "Kyiv", "Moscow", "Paris", "Kharkiv", "Zürich"};
  static const char *const when[] = {"on Friday", "on 3 March 2022", "last week", "in May 2021",
                                     "yesterday", "on Monday"};
  static const char *const what[] = {"met %s in %s %s.", "said %s attacked %s %s.",
                                     "told \"%s\" in %s \\ %s it would sign a deal.",
                                     "accused %s of shelling %s %s."};
  uint32_t x = seed;
  while (b->len < bytes) {
    x = x * 1664525u + 1013904223u;
    const char *subj = who[(x >> 8) % 6], *obj = who[(x >> 12) % 6];
    cg_buf_printf(b, "%s ", subj);
    cg_buf_printf(b, what[(x >> 16) % 4], obj, where[(x >> 20) % 6], when[(x >> 24) % 6]);
    cg_buf_puts(b, (x >> 28) % 5 ? " " : "\n\n");
  }
}

/* One JSONL input line: {"id":ID,"date":"2025-12-06","text":TEXT}. */
static void jsonl_doc(cg_buf *out, const char *id, const cg_buf *text) {
  cg_buf_puts(out, "{\"id\":");
  cg_json_put_str(out, id, strlen(id));
  cg_buf_puts(out, ",\"date\":\"2025-12-06\",\"text\":");
  cg_json_put_str(out, text->data, text->len);
  cg_buf_puts(out, "}\n");
}

static char tmpdir[64];

static void write_file(const char *path, const cg_buf *b) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
  assert_int_equal(fclose(f), 0);
}

/* The old path, in process: every document of path through cg_pipeline_run and the
 * whole-line writer, one line each, appended to out. */
static void lines_in_process(const char *path, cg_buf *out) {
  cg_pipeline *p = NULL;
  cg_error err;
  assert_int_equal(cg_pipeline_new(&p, NULL, &err), CG_OK);
  cg_read_opts o = cg_read_opts_default();
  const char *paths[] = {path};
  cg_reader *r = cg_reader_new(paths, 1, &o);
  for (;;) {
    cg_doc *d = NULL;
    assert_int_equal(cg_reader_next(r, &d, &err), CG_OK);
    if (!d) break;
    cg_docx *dx = cg_pipeline_run(p, d);
    cg_docx_write_json(dx, false, out);
    cg_buf_putc(out, '\n');
    cg_docx_free(dx);
  }
  cg_reader_free(r);
  cg_pipeline_free(p);
}

/* ------------------------------------------------------------------ running the CLI */

typedef struct run_result {
  cg_buf out;    /* stdout, when kept */
  size_t nout;   /* bytes on stdout */
  size_t nlines; /* '\n' on stdout */
  char last;     /* last byte on stdout */
  cg_buf err;    /* stderr */
  int status;    /* exit status, -1 when killed */
  long maxrss_kb;
} run_result;

/* The peak RSS of a child, as wait4 reports it, counts the RSS its parent had when it
 * forked (Linux carries it over exec): this test process, after the large documents
 * (or under ASan or valgrind), would dwarf the CLI's. So the CLI is started by a fresh
 * copy of this program (main: MEASURE), small when it forks, which reports the CLI's
 * peak on stderr after the CLI's own output. */
#define MEASURE "--measure-peak-rss"
#define PEAK_TAG "\ncg-peak-rss-kb "

static int measure_main(char **argv) {
  pid_t pid = fork();
  if (pid < 0) return 126;
  if (pid == 0) {
    execv(argv[0], argv);
    _exit(127);
  }
  int st = 0;
  struct rusage ru;
  if (wait4(pid, &st, 0, &ru) != pid) return 126;
  fprintf(stderr, PEAK_TAG "%ld\n", ru.ru_maxrss);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 125;
}

/* Runs CG_CLI with argv (NULL-terminated, argv[0] ignored), reading its stdout as it
 * comes (kept in rr.out when keep), with the peak RSS of that child alone. */
static run_result run_cli(char *const *argv, bool keep) {
  run_result rr = {.status = -1};
  size_t argc = 0;
  while (argv[argc]) argc++;
  char **mv = calloc(argc + 3, sizeof *mv); /* self, MEASURE, CG_CLI, argv[1..], NULL */
  char self[4096];
  ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
  assert_true(mv && len > 0);
  self[len] = '\0';
  mv[0] = self;
  mv[1] = (char *)MEASURE;
  mv[2] = (char *)CG_CLI;
  for (size_t i = 1; i < argc; i++) mv[i + 2] = argv[i];
  fx_child ch = fx_spawn(NULL, self, mv);
  free(mv); /* the child has its copy */
  static char chunk[1 << 16];
  for (;;) {
    ssize_t n = read(ch.out, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (keep) cg_buf_append(&rr.out, chunk, (size_t)n);
    for (ssize_t i = 0; i < n; i++) rr.nlines += chunk[i] == '\n';
    rr.nout += (size_t)n;
    rr.last = chunk[n - 1];
  }
  close(ch.out);
  rr.status = fx_wait(&ch);
  rewind(ch.err);
  int c;
  while ((c = fgetc(ch.err)) != EOF) cg_buf_putc(&rr.err, (char)c);
  fclose(ch.err);
  char *tag = rr.err.data ? strstr(rr.err.data, PEAK_TAG) : NULL;
  assert_non_null(tag);
  rr.maxrss_kb = strtol(tag + strlen(PEAK_TAG), NULL, 10);
  rr.err.len = (size_t)(tag - rr.err.data); /* the CLI's own messages */
  *tag = '\0';
  return rr;
}

static void run_result_free(run_result *rr) {
  cg_buf_free(&rr->out);
  cg_buf_free(&rr->err);
}

static void assert_same_bytes(const cg_buf *want, const cg_buf *got, const char *what) {
  size_t n = want->len < got->len ? want->len : got->len, i = 0;
  while (i < n && want->data[i] == got->data[i]) i++;
  if (i == n && want->len == got->len) return;
  size_t from = i > 60 ? i - 60 : 0;
  fail_msg("%s: %zu bytes against %zu, first difference at byte %zu\n  Expected: %.120s\n"
           "  Got:      %.120s",
           what, want->len, got->len, i, want->data + from, got->data + from);
}

/* ------------------------------------------------------------------ the writer's pieces */

typedef enum { TAKE_ALL, TAKE_HALF, TAKE_NONE } take;

typedef struct collector {
  take how;
  size_t every, calls, taken_at_mark;
  cg_buf got;
  size_t last_len; /* out->len when the last call returned */
} collector;

/* A cg_docx_spill: checks where it is called, then takes all of out, half of it or
 * nothing. */
static void collect(cg_buf *out, void *ud) {
  collector *c = ud;
  c->calls++;
  /* called only once `every` bytes were added since the last call... */
  assert_true(out->len >= c->last_len + c->every);
  /* ...between two array elements: after an element or an opening bracket */
  char prev = out->data[out->len - 1];
  assert_true(prev == '}' || prev == '[');
  size_t n = c->how == TAKE_ALL ? out->len : c->how == TAKE_HALF ? out->len / 2 : 0;
  cg_buf_append(&c->got, out->data, n);
  memmove(out->data, out->data + n, out->len - n);
  out->len -= n;
  out->data[out->len] = '\0';
  c->last_len = out->len;
}

/* Every way of taking pieces joins to the whole line, with and without the text. */
static void test_pieces_join_to_the_line(void **state) {
  (void)state;
  cg_pipeline *p = NULL;
  cg_error err;
  assert_int_equal(cg_pipeline_new(&p, NULL, &err), CG_OK);
  cg_buf text = {0};
  news_text(&text, 120000, 7);
  cg_doc *d = cg_doc_new();
  d->id = cg_xstrdup("big");
  d->dct = cg_xstrdup("2025-12-06");
  d->text = cg_buf_detach(&text);
  d->len = strlen(d->text);
  cg_docx *dx = cg_pipeline_run(p, d);
  assert_true(dx->events.len > 1000 && dx->mentions.len > 1000 && dx->timexes.len > 1000);
  for (int with_text = 0; with_text < 2; with_text++) {
    cg_buf whole = {0};
    cg_docx_write_json(dx, with_text, &whole);
    const size_t everies[] = {1, 4096, 1 << 16, SIZE_MAX};
    cg_docx_json_cache *jc = cg_docx_json_cache_new(); /* warm after the first case */
    for (size_t e = 0; e < 2 * sizeof everies / sizeof *everies; e++) {
      for (take how = TAKE_ALL; how <= TAKE_NONE; how++) {
        collector c = {.how = how, .every = everies[e / 2]};
        cg_buf out = {0};
        if (e % 2) cg_docx_write_json_cached(jc, dx, with_text, &out, c.every, collect, &c);
        else cg_docx_write_json_parts(dx, with_text, &out, c.every, collect, &c);
        cg_buf_append(&c.got, out.data, out.len);
        assert_same_bytes(&whole, &c.got, "pieces joined");
        if (c.every == SIZE_MAX) assert_int_equal(c.calls, 0);
        else assert_true(c.calls >= whole.len / (c.every * 2 + 20000)); /* elements are short */
        if (how == TAKE_NONE) assert_true(c.calls <= whole.len / c.every + 1);
        if (how == TAKE_ALL && c.every == 4096 && !with_text) assert_true(out.cap < (1 << 20));
        cg_buf_free(&out);
        cg_buf_free(&c.got);
      }
    }
    cg_docx_json_cache_free(jc);
    cg_buf_free(&whole);
  }
  cg_docx_free(dx);
  cg_pipeline_free(p);
}

/* ------------------------------------------------------------------ the CLI */

/* Large documents among small ones: with --jobs 3 the second large one is prepared
 * while the first is still at the head and must wait whole; the output is the old
 * whole-line path's, byte for byte, with --jobs 1 and 3. */
static void test_cli_large_documents_same_bytes(void **state) {
  (void)state;
  cg_buf in = {0}, text = {0};
  const size_t sizes[] = {300, 1000000, 500, 800000, 200, 2000};
  for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
    char id[16];
    snprintf(id, sizeof id, "d%zu", i);
    cg_buf_clear(&text);
    news_text(&text, sizes[i], (uint32_t)i + 1);
    jsonl_doc(&in, id, &text);
  }
  char path[128];
  snprintf(path, sizeof path, "%s/large.jsonl", tmpdir);
  write_file(path, &in);
  cg_buf want = {0};
  lines_in_process(path, &want);
  assert_true(want.len > 25u << 20); /* pieces of 1 MiB: a dozen or more per large document */
  for (int j = 0; j < 2; j++) {
    char *argv[] = {(char *)CG_CLI, (char *)"extract", (char *)"--format", (char *)"jsonl",
                    (char *)"--quiet", (char *)"--jobs", (char *)(j ? "3" : "1"), path, NULL};
    run_result rr = run_cli(argv, true);
    if (rr.status != 0) fail_msg("exit %d: %s", rr.status, rr.err.data ? rr.err.data : "");
    assert_same_bytes(&want, &rr.out, j ? "--jobs 3" : "--jobs 1");
    run_result_free(&rr);
  }
  cg_buf_free(&want);
  cg_buf_free(&in);
  cg_buf_free(&text);
  unlink(path);
}

/* A document whose line is hundreds of times its text (a 16 KB id, repeated in every
 * event, timex and mention): the process holds a piece of the line, not the line.
 * Before the pieces, the peak RSS exceeded the line (200 MB). */
static void test_cli_large_line_bounded_memory(void **state) {
  (void)state;
  cg_buf in = {0}, text = {0}, id = {0};
  for (int i = 0; i < 16384; i++) cg_buf_putc(&id, (char)('a' + i % 26));
  news_text(&text, 110000, 3);
  jsonl_doc(&in, id.data, &text);
  char path[128];
  snprintf(path, sizeof path, "%s/longid.jsonl", tmpdir);
  write_file(path, &in);
  for (int j = 0; j < 2; j++) {
    char *argv[] = {(char *)CG_CLI, (char *)"extract", (char *)"--format", (char *)"jsonl",
                    (char *)"--quiet", (char *)"--jobs", (char *)(j ? "3" : "1"), path, NULL};
    run_result rr = run_cli(argv, false);
    if (rr.status != 0) fail_msg("exit %d: %s", rr.status, rr.err.data ? rr.err.data : "");
    long line_kb = (long)(rr.nout >> 10);
    print_message("--jobs %s: line %ld KB, peak RSS %ld KB\n", j ? "3" : "1", line_kb, rr.maxrss_kb);
    assert_true(rr.nout > 160u << 20);
    assert_int_equal(rr.nlines, 1);
    assert_int_equal(rr.last, '\n');
    assert_true(rr.maxrss_kb < line_kb / 2);
#if !defined(UNDER_ASAN)
    assert_true(rr.maxrss_kb < 64 * 1024); /* issue 6's bound */
#endif
    run_result_free(&rr);
  }
  cg_buf_free(&in);
  cg_buf_free(&text);
  cg_buf_free(&id);
  unlink(path);
}

/* Large documents, each after a few small ones, with --jobs 1 and 3: the line of a
 * large one goes out in pieces once the documents before it are written (the emitter
 * is woken for them), and a line that did wait whole is given back once written, so
 * the peak does not grow with the number of large documents. Before, each large
 * document's line stayed in its slot of the ring: 4 MB documents, --jobs 1, peaked at
 * 95 MB for one and 386 MB for eight. */
static void test_cli_many_large_documents_flat_memory(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof path, "%s/many.jsonl", tmpdir);
  for (int j = 0; j < 2; j++) {
    /* with --jobs 3, up to three large documents are in work at once, and only the
     * one at the head goes out in pieces; the others' lines wait whole, up to a bound
     * (MAX_HELD in cli/run.c): memory reaches a plateau, then stays there */
    const int counts[2] = {j ? 6 : 2, j ? 18 : 10};
    long peak[2] = {0, 0}, line_kb = 0;
    for (int c = 0; c < 2; c++) {
      cg_buf in = {0}, text = {0};
      for (int i = 0; i < counts[c]; i++) {
        for (int k = 0; k < 3; k++) {
          char id[32];
          snprintf(id, sizeof id, "s%d.%d", i, k);
          cg_buf_clear(&text);
          news_text(&text, 600, (uint32_t)(10 * i + k + 1));
          jsonl_doc(&in, id, &text);
        }
        char id[32];
        snprintf(id, sizeof id, "large%d", i);
        cg_buf_clear(&text);
        news_text(&text, 600000, (uint32_t)i + 100);
        jsonl_doc(&in, id, &text);
      }
      write_file(path, &in);
      char *argv[] = {(char *)CG_CLI, (char *)"extract", (char *)"--format", (char *)"jsonl",
                      (char *)"--quiet", (char *)"--jobs", (char *)(j ? "3" : "1"), path, NULL};
      run_result rr = run_cli(argv, false);
      if (rr.status != 0) fail_msg("exit %d: %s", rr.status, rr.err.data ? rr.err.data : "");
      assert_int_equal(rr.nlines, (size_t)counts[c] * 4);
      peak[c] = rr.maxrss_kb;
      if (c == 0) line_kb = (long)(rr.nout >> 10) / counts[0]; /* about one large line */
      run_result_free(&rr);
      cg_buf_free(&in);
      cg_buf_free(&text);
    }
    print_message("--jobs %s: line %ld KB, peak RSS %ld KB for %d large documents, %ld KB for %d\n",
                  j ? "3" : "1", line_kb, peak[0], counts[0], peak[1], counts[1]);
    assert_true(line_kb > 5 * 1024);
#if !defined(UNDER_ASAN) /* ASan keeps freed memory in quarantine */
    /* what may grow: the reader's read-ahead (a few megabytes of text here) and, with
     * more documents, the chance of the worst moment: lines waiting up to MAX_HELD
     * (16 MB), one more per other worker, and their documents' models (measured over
     * twelve runs: at most 1.4 lines with --jobs 1, 3.4 with --jobs 3). Without the
     * bound, each of the 8 or 12 more large documents added about its line. */
    assert_true(peak[1] < peak[0] + (j ? 5 : 3) * line_kb);
#endif
  }
  unlink(path);
}

/* A write error while the first document's line goes out in pieces (on the worker)
 * stops the run with exit 1 and one message, as between documents. */
static void test_cli_large_line_write_error(void **state) {
  (void)state;
  cg_buf in = {0}, text = {0};
  news_text(&text, 400000, 2);
  jsonl_doc(&in, "large", &text);
  jsonl_doc(&in, "large too", &text);
  cg_buf_clear(&text);
  news_text(&text, 1000, 1);
  jsonl_doc(&in, "small", &text);
  char path[128];
  snprintf(path, sizeof path, "%s/full.jsonl", tmpdir);
  write_file(path, &in);
  for (int j = 0; j < 2; j++) {
    char *argv[] = {(char *)CG_CLI, (char *)"extract", (char *)"--format", (char *)"jsonl",
                    (char *)"--quiet", (char *)"-o",   (char *)"/dev/full", (char *)"--jobs",
                    (char *)(j ? "3" : "1"), path, NULL};
    run_result rr = run_cli(argv, false);
    assert_int_equal(rr.status, 1);
    assert_non_null(rr.err.data);
    const char *e = strstr(rr.err.data, "error writing /dev/full");
    assert_non_null(e);
    assert_null(strstr(e + 1, "error writing")); /* once */
    run_result_free(&rr);
  }
  cg_buf_free(&in);
  cg_buf_free(&text);
  unlink(path);
}

static int setup(void **state) {
  (void)state;
  snprintf(tmpdir, sizeof tmpdir, "/tmp/cg-jsonl-stream-XXXXXX");
  return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  const char *const names[] = {"large.jsonl", "longid.jsonl", "full.jsonl", "many.jsonl"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) { /* left by a failed test */
    char path[128];
    snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
    unlink(path);
  }
  return rmdir(tmpdir);
}

int main(int argc, char **argv) {
  if (argc > 2 && !strcmp(argv[1], MEASURE)) return measure_main(argv + 2);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pieces_join_to_the_line),
      cmocka_unit_test(test_cli_large_documents_same_bytes),
      cmocka_unit_test(test_cli_large_line_bounded_memory),
      cmocka_unit_test(test_cli_many_large_documents_flat_memory),
      cmocka_unit_test(test_cli_large_line_write_error),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
