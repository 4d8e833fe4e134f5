/*
 * Reader dispatch: paths -> files (directories walked recursively in sorted order,
 * hidden entries skipped, "-" = stdin) -> one format reader per file -> documents,
 * one at a time.
 *
 * Format: --input-format if given, else the extension (.txt .text, .html .htm .xhtml,
 * .rss .atom .feed, .tml .timeml, .jsonl .ndjson), else sniffing the first bytes
 * ('{' -> JSON Lines; root element rss/feed/rdf:RDF -> feed, TimeML -> TimeML, other
 * markup -> HTML; anything else -> text). In a directory walk only files with one of
 * those extensions, .xml, or no extension at all are read, so expected-output .json
 * files or images next to the articles are left alone; a file named explicitly is
 * always read. Symbolic links to directories are not followed (no cycles).
 */
#define _POSIX_C_SOURCE 200809L
#include "reader.h"

#include "read_feed.h"
#include "read_html.h"
#include "read_jsonl.h"
#include "read_stream.h"
#include "read_text.h"
#include "read_timeml.h"
#include "utf8.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DIR_DEPTH 64
#define STDIN_NAME "<stdin>"

typedef struct dir_frame {
  char *path;
  char **keys; /* entry names, directories with a trailing '/', sorted by strcmp */
  size_t n, i;
} dir_frame;

struct cg_reader {
  char **paths;
  size_t n, next;
  cg_read_ctx ctx;
  CG_VEC(dir_frame) dirs;
  /* memory source (cg_read_buffer) instead of paths */
  const char *mem;
  size_t memlen;
  cg_input_format memfmt;
  /* the multi-document file being read */
  cg_stream stream;
  bool stream_open;
  cg_feed *feed;
  cg_jsonl *jsonl;
};

/* ------------------------------------------------------------------ small API */

int cg_input_format_parse(const char *name, cg_input_format *out) {
  static const struct {
    const char *name;
    cg_input_format fmt;
  } T[] = {{"auto", CG_FMT_AUTO},    {"text", CG_FMT_TEXT},     {"txt", CG_FMT_TEXT},
           {"html", CG_FMT_HTML},    {"feed", CG_FMT_FEED},     {"rss", CG_FMT_FEED},
           {"atom", CG_FMT_FEED},    {"timeml", CG_FMT_TIMEML}, {"tml", CG_FMT_TIMEML},
           {"jsonl", CG_FMT_JSONL},  {"ndjson", CG_FMT_JSONL}};
  for (size_t i = 0; i < sizeof T / sizeof *T; i++)
    if (name && !strcmp(name, T[i].name)) {
      *out = T[i].fmt;
      return 0;
    }
  return -1;
}

cg_read_opts cg_read_opts_default(void) {
  cg_read_opts o = {CG_FMT_AUTO, NULL, false, 64u << 20};
  return o;
}

void cg_read_warn(const cg_read_ctx *ctx, cg_status code, const char *file, long line,
                  long long off, const char *fmt, ...) {
  if (!ctx || !ctx->warn) return;
  cg_error w;
  cg_error_clear(&w);
  w.code = code;
  snprintf(w.file, sizeof w.file, "%s", file ? file : "");
  w.line = line;
  w.offset = off;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(w.msg, sizeof w.msg, fmt, ap);
  va_end(ap);
  ctx->warn(&w, ctx->warn_ud);
}

cg_status cg_read_ingest(const cg_read_ctx *ctx, const char *buf, size_t len,
                         const char *name, long long base_off, long base_line, char **out,
                         size_t *outlen, cg_error *err) {
  *out = NULL;
  *outlen = 0;
  cg_buf b = {0};
  size_t nrep = 0, bad = 0;
  if (cg_utf8_normalize(buf, len, ctx->opts.lenient, &b, &nrep, &bad) != CG_OK) {
    cg_buf_free(&b);
    if (base_off < 0) /* text extracted by a parser: no file position to give */
      return cg_error_set(err, CG_EUTF8, name, 0, 0, -1,
                          "invalid UTF-8 at byte %zu of the extracted text", bad);
    return cg_utf8_error(err, name, buf, bad, base_off, base_line);
  }
  if (nrep)
    cg_read_warn(ctx, CG_EUTF8, name, base_line, base_off < 0 ? -1 : base_off + (long long)bad,
                 "%zu invalid UTF-8 sequence(s) replaced by U+FFFD", nrep);
  *outlen = b.len;
  *out = cg_buf_detach(&b);
  return CG_OK;
}

cg_status cg_read_ingest_owned(const cg_read_ctx *ctx, char *buf, size_t len,
                               const char *name, long long base_off, long base_line,
                               char **out, size_t *outlen, cg_error *err) {
  bool changes;
  if (cg_utf8_scan(buf, len, NULL, &changes)) {
    /* the common case: one read-only pass, and a rewrite only for CR or controls */
    *outlen = changes ? cg_utf8_normalize_valid(buf, len) : len;
    buf[*outlen] = '\0';
    *out = buf;
    return CG_OK;
  }
  cg_status st = cg_read_ingest(ctx, buf, len, name, base_off, base_line, out, outlen, err);
  free(buf);
  return st;
}

/* ------------------------------------------------------------------ formats */

/* Format from the file extension; *listed says whether a directory walk reads it. */
static cg_input_format fmt_from_ext(const char *path, bool *listed) {
  static const struct {
    const char *ext;
    cg_input_format fmt;
  } T[] = {{"txt", CG_FMT_TEXT},   {"text", CG_FMT_TEXT},     {"html", CG_FMT_HTML},
           {"htm", CG_FMT_HTML},   {"xhtml", CG_FMT_HTML},    {"rss", CG_FMT_FEED},
           {"atom", CG_FMT_FEED},  {"feed", CG_FMT_FEED},     {"tml", CG_FMT_TIMEML},
           {"timeml", CG_FMT_TIMEML}, {"jsonl", CG_FMT_JSONL}, {"ndjson", CG_FMT_JSONL},
           {"xml", CG_FMT_AUTO}};
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  const char *dot = strrchr(base, '.');
  *listed = !dot || dot == base;
  if (!dot || dot == base) return CG_FMT_AUTO;
  for (size_t i = 0; i < sizeof T / sizeof *T; i++) {
    const char *e = T[i].ext, *x = dot + 1;
    while (*e && *x && cg_lower(*x) == *e) e++, x++;
    if (!*e && !*x) {
      *listed = true;
      return T[i].fmt;
    }
  }
  return CG_FMT_AUTO;
}

static bool prefix_ci(const char *p, size_t n, const char *lit) {
  size_t l = strlen(lit);
  if (n < l) return false;
  for (size_t i = 0; i < l; i++)
    if (cg_lower(p[i]) != lit[i]) return false;
  return true;
}

/* Format from the first bytes (see the header comment). */
static cg_input_format sniff(const char *p, size_t n) {
  size_t i = 0;
  if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) i = 3;
  for (;;) {
    while (i < n && cg_isspace(p[i])) i++;
    if (i >= n) return CG_FMT_TEXT;
    if (p[i] == '{') return CG_FMT_JSONL;
    if (p[i] != '<') return CG_FMT_TEXT;
    const char *q = p + i;
    size_t m = n - i;
    if (prefix_ci(q, m, "<!doctype html")) return CG_FMT_HTML;
    const char *close = NULL;
    if (prefix_ci(q, m, "<?")) close = "?>";
    else if (prefix_ci(q, m, "<!--")) close = "-->";
    else if (prefix_ci(q, m, "<!")) close = ">";
    if (close) {
      size_t cl = strlen(close), j = i + 2;
      while (j + cl <= n && memcmp(p + j, close, cl)) j++;
      if (j + cl > n) return CG_FMT_TEXT;
      i = j + cl;
      continue;
    }
    if (prefix_ci(q, m, "<rss") || prefix_ci(q, m, "<feed") || prefix_ci(q, m, "<rdf:rdf"))
      return CG_FMT_FEED;
    if (prefix_ci(q, m, "<timeml")) return CG_FMT_TIMEML;
    return CG_FMT_HTML;
  }
}

/* ------------------------------------------------------------------ directories */

static int key_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name) {
  size_t l = strlen(dir);
  cg_buf b = {0};
  cg_buf_puts(&b, dir);
  if (l && dir[l - 1] != '/') cg_buf_putc(&b, '/');
  cg_buf_puts(&b, name);
  return cg_buf_detach(&b);
}

/* Lists dir into a new frame: visible entries that are directories (key "name/",
 * which sorts their files exactly where strcmp on full paths puts them) or readable
 * files. */
static cg_status push_dir(cg_reader *r, const char *path, cg_error *err) {
  if (r->dirs.len >= MAX_DIR_DEPTH)
    return cg_error_set(err, CG_ELIMIT, path, 0, 0, -1, "directories nested too deeply");
  DIR *d = opendir(path);
  if (!d) return cg_error_set(err, CG_EIO, path, 0, 0, -1, "cannot open directory: %s", strerror(errno));
  dir_frame f = {cg_xstrdup(path), NULL, 0, 0};
  size_t cap = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue; /* hidden, . and .. */
    char *full = join(path, e->d_name);
    struct stat st, lst;
    bool dir = false, keep = false;
    if (stat(full, &st) == 0) {
      if (S_ISDIR(st.st_mode)) {
        dir = keep = lstat(full, &lst) == 0 && !S_ISLNK(lst.st_mode);
      } else if (S_ISREG(st.st_mode)) {
        fmt_from_ext(e->d_name, &keep);
      }
    }
    free(full);
    if (!keep) continue;
    if (f.n == cap) {
      cap = cap ? cap * 2 : 16;
      f.keys = cg_xrealloc(f.keys, cap * sizeof *f.keys);
    }
    f.keys[f.n++] = dir ? join(e->d_name, "") : cg_xstrdup(e->d_name);
  }
  closedir(d);
  qsort(f.keys, f.n, sizeof *f.keys, key_cmp);
  CG_VEC_PUSH(&r->dirs, f);
  return CG_OK;
}

static void pop_dir(cg_reader *r) {
  dir_frame *f = &r->dirs.items[--r->dirs.len];
  for (size_t i = 0; i < f->n; i++) free(f->keys[i]);
  free(f->keys);
  free(f->path);
}

/* ------------------------------------------------------------------ reader */

cg_reader *cg_reader_new(const char *const *paths, size_t npaths, const cg_read_opts *opts) {
  cg_reader *r = cg_xcalloc(1, sizeof *r);
  r->paths = cg_xcalloc(npaths, sizeof(char *));
  for (size_t i = 0; i < npaths; i++) r->paths[i] = cg_xstrdup(paths[i]);
  r->n = npaths;
  r->ctx.opts = opts ? *opts : cg_read_opts_default();
  if (!r->ctx.opts.max_doc_bytes) r->ctx.opts.max_doc_bytes = 64u << 20;
  return r;
}

static void close_source(cg_reader *r) {
  cg_feed_free(r->feed);
  cg_jsonl_free(r->jsonl);
  r->feed = NULL;
  r->jsonl = NULL;
  if (r->stream_open) cg_stream_close(&r->stream);
  r->stream_open = false;
}

void cg_reader_free(cg_reader *r) {
  if (!r) return;
  close_source(r);
  while (r->dirs.len) pop_dir(r);
  free(r->dirs.items);
  for (size_t i = 0; i < r->n; i++) free(r->paths[i]);
  free(r->paths);
  free(r);
}

void cg_reader_set_warn(cg_reader *r, void (*warn)(const cg_error *w, void *ud), void *ud) {
  r->ctx.warn = warn;
  r->ctx.warn_ud = ud;
}

/* TimeML through the tagger engineer's reader, after UTF-8 ingestion. A TimeML file
 * without <DCT> is an error unless a default date was given. */
static cg_status read_timeml_doc(const cg_read_ctx *ctx, const char *buf, size_t len,
                                 const char *name, cg_doc **out, cg_error *err) {
  char *t;
  size_t tl;
  cg_status st = cg_read_ingest(ctx, buf, len, name, 0, 1, &t, &tl, err);
  if (st != CG_OK) return st;
  st = cg_read_timeml(t, tl, name, out, err);
  free(t);
  if (st != CG_OK) {
    /* Offsets are into the repaired copy, which lenient repair may have lengthened. */
    if (err && err->offset > (long long)len) err->offset = (long long)len;
    cg_doc_free(*out);
    *out = NULL;
    return st;
  }
  cg_doc *d = *out;
  if (!d->id) d->id = cg_xstrdup(name);
  if (!d->source) d->source = cg_xstrdup(name);
  if (!d->dct && !ctx->opts.default_dct) {
    cg_doc_free(d);
    *out = NULL;
    return cg_error_set(err, CG_ENODCT, name, 0, 0, -1,
                        "TimeML file without <DCT> (give --date to supply one)");
  }
  return CG_OK;
}

/* The name a file's documents and messages give it: its path, with each byte that is
 * not part of valid UTF-8 written as \xHH, as `ls -b` shows it. A path is bytes, and
 * one from an old archive may be Latin-1 ("caf\xe9.txt"); the JSON writers replaced
 * such a name by U+FFFD (or null) whole, so two such files got the same id. New
 * string, or NULL when the path is valid UTF-8 as it is. */
static char *utf8_name(const char *path) {
  size_t n = strlen(path);
  if (cg_utf8_check(path, n, NULL)) return NULL;
  const unsigned char *u = (const unsigned char *)path;
  cg_buf b = {0};
  for (size_t i = 0; i < n;) {
    size_t k = cg_utf8_valid_seq(u + i, n - i);
    if (k) {
      cg_buf_append(&b, path + i, k);
      i += k;
    } else {
      cg_buf_printf(&b, "\\x%02X", u[i++]);
    }
  }
  return cg_buf_detach(&b);
}

static cg_status open_named(cg_reader *r, const char *path, const char *name, cg_doc **doc,
                            cg_error *err);

/* Opens one file (or the memory source) and either returns its single document or
 * sets up the feed / JSON Lines reader that yields its documents. */
static cg_status open_file(cg_reader *r, const char *path, cg_doc **doc, cg_error *err) {
  char *safe = r->mem ? NULL : utf8_name(path);
  const char *name = r->mem ? path : safe ? safe : strcmp(path, "-") ? path : STDIN_NAME;
  cg_status st = open_named(r, path, name, doc, err); /* the readers copy name */
  free(safe);
  return st;
}

/* open_file for the file at path, called name in documents and messages. */
static cg_status open_named(cg_reader *r, const char *path, const char *name, cg_doc **doc,
                            cg_error *err) {
  cg_input_format fmt = r->ctx.opts.format;
  if (r->mem) {
    fmt = r->memfmt;
    cg_stream_open_mem(&r->stream, r->mem, r->memlen);
  } else {
    bool listed;
    if (fmt == CG_FMT_AUTO && strcmp(path, "-")) fmt = fmt_from_ext(path, &listed);
    cg_status st = cg_stream_open_file(&r->stream, path, err);
    if (st != CG_OK) return st;
  }
  r->stream_open = true;
  const char *head;
  size_t nh = cg_stream_peek(&r->stream, 8192, &head);
  cg_status st = CG_OK;
  if (r->stream.ioerr) {
    st = cg_error_set(err, CG_EIO, name, 0, 0, -1, "read error: %s", strerror(r->stream.err_no));
  } else if (!nh) {
    st = cg_error_set(err, CG_EEMPTY, name, 0, 0, -1, "empty file");
  } else if (cg_looks_binary(head, nh)) {
    size_t at = (size_t)((const char *)memchr(head, 0, nh) - head);
    st = cg_error_set(err, CG_EBINARY, name, 0, 0, (long long)at,
                      "binary file (NUL byte), not text");
  }
  if (st != CG_OK) {
    close_source(r);
    return st;
  }
  if (fmt == CG_FMT_AUTO) fmt = sniff(head, nh);
  if (fmt == CG_FMT_FEED) {
    r->feed = cg_feed_open(&r->stream, name, &r->ctx);
    return CG_OK;
  }
  if (fmt == CG_FMT_JSONL) {
    r->jsonl = cg_jsonl_open(&r->stream, name, &r->ctx);
    return CG_OK;
  }
  char *buf;
  size_t len;
  st = cg_stream_slurp(&r->stream, r->ctx.opts.max_doc_bytes, name, &buf, &len, err);
  close_source(r);
  if (st != CG_OK) return st;
  if (fmt != CG_FMT_HTML && fmt != CG_FMT_TIMEML)
    return cg_read_text(buf, len, name, &r->ctx, doc, err); /* takes buf */
  if (fmt == CG_FMT_HTML) st = cg_read_html(buf, len, name, &r->ctx, doc, err);
  else st = read_timeml_doc(&r->ctx, buf, len, name, doc, err);
  free(buf);
  return st;
}

/* Gives a document the --date default when it has no DCT. */
static void finish(const cg_reader *r, cg_doc *d) {
  if (d && !d->dct && r->ctx.opts.default_dct) {
    d->dct = cg_xstrdup(r->ctx.opts.default_dct);
    d->dct_source = CG_DCT_OPTION;
  }
}

cg_status cg_reader_next(cg_reader *r, cg_doc **doc, cg_error *err) {
  *doc = NULL;
  cg_error_clear(err);
  for (;;) {
    if (r->feed || r->jsonl) {
      cg_status st = r->feed ? cg_feed_next(r->feed, doc, err) : cg_jsonl_next(r->jsonl, doc, err);
      if (st != CG_OK || *doc) {
        finish(r, *doc);
        return st;
      }
      close_source(r);
      continue;
    }
    char *path = NULL;
    if (r->dirs.len) {
      dir_frame *f = &r->dirs.items[r->dirs.len - 1];
      if (f->i == f->n) {
        pop_dir(r);
        continue;
      }
      const char *key = f->keys[f->i++];
      size_t kl = strlen(key);
      path = join(f->path, key);
      if (kl && key[kl - 1] == '/') {
        path[strlen(path) - 1] = '\0';
        cg_status st = push_dir(r, path, err);
        free(path);
        if (st != CG_OK) return st;
        continue;
      }
    } else if (r->next < r->n) {
      const char *p = r->paths[r->next++];
      struct stat st;
      if (!r->mem && strcmp(p, "-") && stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
        cg_status s2 = push_dir(r, p, err);
        if (s2 != CG_OK) return s2;
        continue;
      }
      path = cg_xstrdup(p);
    } else {
      return CG_OK;
    }
    cg_status st = open_file(r, path, doc, err);
    free(path);
    if (st != CG_OK) return st;
    if (*doc) {
      finish(r, *doc);
      return CG_OK;
    }
  }
}

cg_status cg_read_buffer(const char *buf, size_t len, cg_input_format fmt, const char *name,
                         const cg_read_opts *opts, cg_doc ***docs, size_t *ndocs,
                         cg_error *err) {
  const char *nm = name ? name : "<buffer>";
  cg_reader *r = cg_reader_new(&nm, 1, opts);
  r->mem = buf ? buf : "";
  r->memlen = buf ? len : 0;
  r->memfmt = fmt;
  CG_VEC(cg_doc *) v = {0};
  cg_status first = CG_OK;
  cg_error e;
  cg_error_clear(err);
  for (;;) {
    cg_doc *d;
    cg_status st = cg_reader_next(r, &d, &e);
    if (st != CG_OK) {
      if (first == CG_OK) {
        first = st;
        if (err) *err = e;
      }
      continue;
    }
    if (!d) break;
    CG_VEC_PUSH(&v, d);
  }
  cg_reader_free(r);
  *docs = v.items;
  *ndocs = v.len;
  return first;
}
