/* Allocation, buffers, errors and file helpers shared by all modules. */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef __GLIBC__
#include <malloc.h> /* malloc_trim */
#endif

static void cg_oom(size_t n) {
  fprintf(stderr, "chronograph: out of memory (%zu bytes)\n", n);
  abort();
}

void *cg_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) cg_oom(n);
  return p;
}

void *cg_xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) cg_oom(n * size);
  return p;
}

void *cg_xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) cg_oom(n);
  return q;
}

char *cg_xstrdup(const char *s) { return s ? cg_xstrndup(s, strlen(s)) : NULL; }

char *cg_xstrndup(const char *s, size_t n) {
  char *p = cg_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

void cg_buf_reserve(cg_buf *b, size_t extra) {
  size_t need = b->len + extra + 1;
  if (need <= b->cap) return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need) cap *= 2;
  b->data = cg_xrealloc(b->data, cap);
  b->cap = cap;
  b->data[b->len] = '\0'; /* a reserved, still empty buffer is "" too */
}

void cg_buf_puts(cg_buf *b, const char *s) { cg_buf_append(b, s, strlen(s)); }

void cg_buf_printf(cg_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n > 0) {
    cg_buf_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
    b->len += (size_t)n;
  }
  va_end(ap2);
}

void cg_buf_clear(cg_buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = '\0';
}

char *cg_buf_detach(cg_buf *b) {
  char *d = b->data;
  if (!d) d = cg_xstrdup("");
  b->data = NULL;
  b->len = b->cap = 0;
  return d;
}

void cg_buf_free(cg_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

cg_status cg_error_set(cg_error *err, cg_status code, const char *file, long line,
                       long column, long long offset, const char *fmt, ...) {
  if (!err) return code;
  err->code = code;
  snprintf(err->file, sizeof err->file, "%s", file ? file : "");
  err->line = line;
  err->column = column;
  err->offset = offset;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  return code;
}

void cg_error_clear(cg_error *err) {
  if (!err) return;
  memset(err, 0, sizeof *err);
  err->offset = -1;
}

const char *cg_status_str(cg_status s) {
  switch (s) {
  case CG_OK: return "ok";
  case CG_EINPUT: return "malformed input";
  case CG_EUTF8: return "invalid UTF-8";
  case CG_EBINARY: return "binary data";
  case CG_EEMPTY: return "empty document";
  case CG_ENODCT: return "no publication date";
  case CG_ELIMIT: return "size limit exceeded";
  case CG_EIO: return "I/O error";
  case CG_EDATA: return "lexicon error";
  case CG_EUSAGE: return "usage error";
  case CG_ELIB: return "library error";
  case CG_ENOMEM: return "out of memory";
  }
  return "unknown status";
}

void cg_error_format(const cg_error *err, char *buf, size_t size) {
  if (!size) return;
  cg_buf b = {0};
  if (err->file[0]) cg_buf_puts(&b, err->file);
  else cg_buf_puts(&b, "<input>");
  if (err->line > 0) {
    cg_buf_printf(&b, ":%ld", err->line);
    if (err->column > 0) cg_buf_printf(&b, ":%ld", err->column);
  }
  if (err->offset >= 0) cg_buf_printf(&b, ": byte %lld", err->offset);
  cg_buf_printf(&b, ": %s: %s", cg_status_str(err->code), err->msg);
  snprintf(buf, size, "%s", b.data);
  cg_buf_free(&b);
}

const char *cg_version(void) { return CG_VERSION_STRING; }

static bool cg_is_dir(const char *p) {
  struct stat st;
  return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *cg_datadir(const char *explicit_dir) {
  if (explicit_dir && *explicit_dir) return explicit_dir;
  const char *env = getenv("CG_DATADIR");
  if (env && *env) return env;
  if (cg_is_dir(CG_INSTALL_DATADIR "/en")) return CG_INSTALL_DATADIR;
  return CG_SOURCE_DATADIR;
}

cg_status cg_read_file(const char *path, size_t max_bytes, char **out, size_t *len,
                       cg_error *err) {
  *out = NULL;
  *len = 0;
  FILE *f = fopen(path, "rb");
  if (!f) return cg_error_set(err, CG_EIO, path, 0, 0, -1, "cannot open: %s", strerror(errno));
  cg_buf b = {0};
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (b.len + n > max_bytes) {
      fclose(f);
      cg_buf_free(&b);
      return cg_error_set(err, CG_ELIMIT, path, 0, 0, (long long)max_bytes,
                          "file larger than the limit of %zu bytes", max_bytes);
    }
    cg_buf_append(&b, chunk, n);
  }
  bool bad = ferror(f);
  fclose(f);
  if (bad) {
    cg_buf_free(&b);
    return cg_error_set(err, CG_EIO, path, 0, 0, -1, "read error");
  }
  *len = b.len;
  *out = cg_buf_detach(&b);
  return CG_OK;
}

void cg_scratch_give_back(void) {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}
