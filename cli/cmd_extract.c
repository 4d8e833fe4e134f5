/* chronograph extract: documents in, dated events/actors/timexes out.
 *   json   (default) the merged corpus, schema 2
 *   jsonl  one schema-2 object per document, written as each is done (streaming)
 *   timeml each document as TimeML with TIMEX3 tags (-o DIR for several documents)
 *   csv    the event table */
#include "commands.h"
#include "options.h"
#include "read_timeml.h"
#include "run.h"
#include "strmap.h"

#include <errno.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>

static const char help[] =
    "usage: chronograph extract [OPTIONS] INPUT...\n"
    "\n"
    "Finds dated events, actors and temporal expressions in news articles.\n"
    "INPUT is a file (.txt .html .xml/.rss/.atom .tml .jsonl), a directory (read\n"
    "recursively, in sorted order) or - for standard input.\n"
    "\n"
    "  -f, --format FMT       json (default), jsonl, timeml or csv\n"
    "  -o, --output PATH      output file, - for stdout; for timeml a directory (existing, or\n"
    "                         ending in /) gets one .tml file per document\n"
    "      --date YYYY-MM-DD  publication date for documents that have none\n"
    "      --input-format F   auto (default), text, html, feed, timeml, jsonl\n"
    "      --mode M           temporal anchoring: auto (default), news, narrative\n"
    "      --with-text        include each document's text (json, jsonl)\n"
    "      --no-merge         keep each telling of an event as its own event (json)\n"
    "      --lenient          replace invalid UTF-8 with U+FFFD instead of skipping\n"
    "  -j, --jobs N           extraction threads (output order does not change)\n"
    "      --data DIR         lexicon directory (default: installed data)\n"
    "      --quiet            no progress line\n"
    "\n"
    "Exit status: 0 ok, 1 some input was bad (reported, the rest is written), 2 usage.\n";

/* The lines are written straight from the ring's slot buffers with writev, about one
 * call per batch of finished documents (cg_sink_flush), instead of being copied into a
 * 1 MiB buffer and fwrite()n. Measured on a quiet machine, 20 MB of generated news
 * (332 MB out), --jobs 1, with the runner's signals after unlocking (run.c): to
 * /dev/null, CPU time -6% and wall -5%; to a new file, wall -8% for +5% CPU (the
 * kernel's share); real prose and --jobs 2 within +-4%. (A helper's -22 to -28% on a
 * loaded machine did not hold.) */
enum { JSONL_IOV = 64 };

/* A document's line is handed to the output in pieces of about this size while it is
 * written, when the document is next in the output order (cg_run_pass). A 10 MB text
 * makes a line of 186 MB, which was held whole: peak RSS 468 MB, 289 MB with the pieces
 * (207 MB once the stages also gave back their scratch), what the extraction itself
 * holds (and 20 MB where the line is 200 MB for a 110 KB text). Small documents never
 * reach it. */
enum { JSONL_PIECE = 1 << 20 };

typedef struct jsonl_sink {
  const cg_cli *cli;
  int fd;              /* of the output stream, flushed once before the first write */
  bool with_text;
  struct iovec iov[JSONL_IOV]; /* lines of this batch, pointing into the slots */
  int niov;
} jsonl_sink;

/* Writes the n buffers at v (changed: what went out is skipped); on a write error
 * reports it and returns 1. */
static int write_all(const jsonl_sink *s, struct iovec *v, int n) {
  int fd = s->fd;
  while (n > 0) {
    ssize_t w = writev(fd, v, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      fprintf(stderr, "chronograph extract: error writing %s: %s\n",
              s->cli->out ? s->cli->out : "stdout", w < 0 ? strerror(errno) : "nothing written");
      return 1;
    }
    size_t done = (size_t)w; /* skip what went out: whole lines, then part of one */
    for (; n > 0 && done >= v->iov_len; v++, n--) done -= v->iov_len;
    if (n > 0) {
      v->iov_base = (char *)v->iov_base + done;
      v->iov_len -= done;
    }
  }
  return 0;
}

/* Writes the pending lines; on a write error reports it and returns 1. */
static int flush_jsonl(void *ud) {
  jsonl_sink *s = ud;
  int n = s->niov;
  s->niov = 0;
  return write_all(s, s->iov, n);
}

/* On the worker thread: a piece of the line of the document at the head of the
 * output (cg_sink_part); the main thread writes nothing meanwhile. */
static int write_jsonl_part(const char *data, size_t len, void *ud) {
  struct iovec v = {(void *)(uintptr_t)data, len}; /* writev does not write to it */
  return write_all(ud, &v, 1);
}

/* On the worker thread: the document's JSON line, passed on in pieces while it is
 * written when the output order allows (a large document). */
static void format_jsonl(const cg_docx *dx, cg_buf *out, cg_run_part *part, void *ud) {
  const jsonl_sink *s = ud;
  cg_docx_write_json_cached(cg_run_json_cache(part), dx, s->with_text, out, JSONL_PIECE,
                            cg_run_pass, part);
  cg_buf_putc(out, '\n');
}

/* Keeps a pointer to the line (valid until the batch's flush, see cg_sink). */
static int write_jsonl(cg_docx *dx, const cg_buf *line, void *ud) {
  jsonl_sink *s = ud;
  cg_docx_free(dx);
  s->iov[s->niov++] = (struct iovec){line->data, line->len};
  return s->niov == JSONL_IOV ? flush_jsonl(s) : 0;
}

/* TimeML goes to one stream, or to one file per document when -o names a
 * directory or ends with '/' (file name: the input's base name with .tml; a second
 * document with the same name gets "-2", "-3", ... so nothing is overwritten). */
typedef struct timeml_sink {
  const cg_cli *cli;
  FILE *f;
  const char *dir;
  cg_strmap *used;
} timeml_sink;

/* On the worker thread: the document as TimeML. */
static void format_timeml(const cg_docx *dx, cg_buf *out, cg_run_part *part, void *ud) {
  (void)part;
  (void)ud;
  cg_write_timeml(dx, out);
}

static int write_timeml(cg_docx *dx, const cg_buf *tml, void *ud) {
  timeml_sink *s = ud;
  int rc = 0;
  if (s->dir) {
    const char *src = dx->doc->source ? dx->doc->source : dx->doc->id;
    const char *base = strrchr(src, '/');
    base = base ? base + 1 : src;
    cg_buf path = {0};
    cg_buf_printf(&path, "%s/", s->dir);
    for (const char *q = base; *q; q++) cg_buf_putc(&path, (*q == '#' || *q == ':') ? '_' : *q);
    size_t n = path.len;
    if (n >= 4 && strcmp(path.data + n - 4, ".tml") == 0) path.len = n - 4;
    path.data[path.len] = '\0';
    size_t seen = 0;
    cg_strmap_get(s->used, path.data, path.len, &seen);
    cg_strmap_put(s->used, path.data, path.len, seen + 1);
    if (seen) cg_buf_printf(&path, "-%zu", seen + 1);
    cg_buf_puts(&path, ".tml");
    FILE *f = fopen(path.data, "wb");
    if (!f) {
      fprintf(stderr, "chronograph extract: cannot write %s: %s\n", path.data, strerror(errno));
      rc = 1;
    } else {
      fwrite(tml->data, 1, tml->len, f);
      rc = fclose(f) != 0;
    }
    cg_buf_free(&path);
  } else {
    fwrite(tml->data, 1, tml->len, s->f);
    rc = ferror(s->f) != 0;
  }
  cg_docx_free(dx);
  return rc;
}

static bool is_dir(const char *p) {
  struct stat sb;
  return p && stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int finish(const cg_run_stats *st, int rc) {
  if (rc != 0) return CG_EXIT_INPUT;
  return st->bad ? CG_EXIT_INPUT : CG_EXIT_OK;
}

/* json and csv need every document before writing (events merge across them). */
static int extract_corpus(const cg_cli *cli, bool csv) {
  cg_run_stats st;
  cg_corpus *c = cg_run_corpus(cli, &st);
  if (!c) return CG_EXIT_INPUT;
  int rc = 0;
  if (csv) {
    cg_buf b = {0};
    cg_error err;
    cg_error_clear(&err);
    if (cg_export_csv_events(c, &b, &err) != CG_OK) {
      cg_cli_report(cli, &err);
      rc = -1;
    } else {
      rc = cg_cli_write(cli, b.data ? b.data : "", b.len);
    }
    cg_buf_free(&b);
  } else {
    FILE *f = cg_cli_open_out(cli);
    if (!f) rc = -1;
    else {
      cg_corpus_dump_json(c, f); /* errors surface in cg_cli_close (ferror) */
      fputc('\n', f);
      rc = cg_cli_close(cli, f);
    }
  }
  cg_corpus_free(c);
  return finish(&st, rc);
}

int cg_cmd_extract(int argc, char **argv) {
  cg_cli cli;
  int rc = cg_cli_parse(&cli, argc, argv,
                        "format output jobs date input-format mode with-text no-merge lenient data quiet",
                        help);
  if (rc >= 0) return rc;
  if (cli.ninputs == 0) {
    fprintf(stderr, "chronograph extract: no input (give files, directories or -)\n%s", help);
    return CG_EXIT_USAGE;
  }
  const char *fmt = cli.format ? cli.format : "json";
  if (!strcmp(fmt, "json")) return extract_corpus(&cli, false);
  if (!strcmp(fmt, "csv")) return extract_corpus(&cli, true);
  bool jsonl = !strcmp(fmt, "jsonl");
  if (!jsonl && strcmp(fmt, "timeml") != 0) {
    fprintf(stderr, "chronograph extract: unknown format '%s' (json, jsonl, timeml, csv)\n", fmt);
    return CG_EXIT_USAGE;
  }
  cg_pipeline *p = NULL;
  cg_error err;
  cg_error_clear(&err);
  if (!jsonl) cli.pipe.timex_only = true; /* TimeML carries timexes only */
  if (cg_pipeline_new(&p, &cli.pipe, &err) != CG_OK) {
    cg_cli_report(&cli, &err);
    return CG_EXIT_INPUT;
  }
  cg_run_stats st;
  size_t olen = cli.out ? strlen(cli.out) : 0;
  if (!jsonl && olen > 1 && cli.out[olen - 1] == '/' && !is_dir(cli.out) &&
      mkdir(cli.out, 0777) != 0) {
    fprintf(stderr, "chronograph extract: cannot create %s: %s\n", cli.out, strerror(errno));
    cg_pipeline_free(p);
    return CG_EXIT_INPUT;
  }
  timeml_sink ts = {&cli, NULL, !jsonl && is_dir(cli.out) ? cli.out : NULL, cg_strmap_new()};
  FILE *f = ts.dir ? NULL : cg_cli_open_out(&cli);
  if (!ts.dir && !f) {
    cg_strmap_free(ts.used);
    cg_pipeline_free(p);
    return CG_EXIT_INPUT;
  }
  if (jsonl) {
    jsonl_sink js = {.cli = &cli, .fd = fileno(f), .with_text = cli.with_text};
    cg_run_sink hooks = {format_jsonl, write_jsonl, flush_jsonl, write_jsonl_part, &js};
    rc = fflush(f) != 0 ? -1 : cg_run_extract(&cli, p, &hooks, &st);
  } else {
    ts.f = f;
    cg_run_sink hooks = {.prepare = format_timeml, .sink = write_timeml, .ud = &ts};
    rc = cg_run_extract(&cli, p, &hooks, &st);
  }
  if (f && cg_cli_close(&cli, f) != 0) rc = -1;
  cg_strmap_free(ts.used);
  cg_pipeline_free(p);
  return finish(&st, rc);
}
