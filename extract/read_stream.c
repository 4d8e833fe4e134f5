/* Byte sources (file, stdin, memory) with a peek window. */
#include "read_stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

cg_status cg_stream_open_file(cg_stream *s, const char *path, cg_error *err) {
  memset(s, 0, sizeof *s);
  if (!strcmp(path, "-")) {
    s->fp = stdin;
    return CG_OK;
  }
  s->fp = fopen(path, "rb");
  if (!s->fp) return cg_error_set(err, CG_EIO, path, 0, 0, -1, "cannot open: %s", strerror(errno));
  s->own_fp = true;
  return CG_OK;
}

void cg_stream_open_mem(cg_stream *s, const char *buf, size_t len) {
  memset(s, 0, sizeof *s);
  s->mem = buf ? buf : "";
  s->memlen = len;
}

/* Reads from the file itself (below the peek window). */
static size_t raw_read(cg_stream *s, char *buf, size_t n) {
  if (!s->fp || s->ioerr) return 0;
  size_t k = fread(buf, 1, n, s->fp);
  if (k < n && ferror(s->fp)) {
    s->ioerr = true;
    s->err_no = errno;
  }
  return k;
}

size_t cg_stream_peek(cg_stream *s, size_t n, const char **p) {
  if (s->mem) {
    size_t avail = s->memlen - s->mempos;
    *p = s->mem + s->mempos;
    return avail < n ? avail : n;
  }
  size_t have = s->peeklen - s->peekpos;
  if (have < n) {
    /* Compact, then top up the window to n bytes. */
    if (s->peekpos) {
      memmove(s->peek, s->peek + s->peekpos, have);
      s->peeklen = have;
      s->peekpos = 0;
    }
    s->peek = cg_xrealloc(s->peek, n);
    while (s->peeklen < n) {
      size_t k = raw_read(s, s->peek + s->peeklen, n - s->peeklen);
      if (!k) break;
      s->peeklen += k;
    }
    have = s->peeklen;
  }
  *p = s->peek + s->peekpos;
  return have < n ? have : n;
}

size_t cg_stream_read(cg_stream *s, char *buf, size_t n) {
  if (s->mem) {
    size_t avail = s->memlen - s->mempos;
    size_t k = avail < n ? avail : n;
    memcpy(buf, s->mem + s->mempos, k);
    s->mempos += k;
    return k;
  }
  size_t done = 0;
  if (s->peekpos < s->peeklen) {
    size_t have = s->peeklen - s->peekpos;
    done = have < n ? have : n;
    memcpy(buf, s->peek + s->peekpos, done);
    s->peekpos += done;
    if (s->peekpos == s->peeklen) {
      free(s->peek);
      s->peek = NULL;
      s->peeklen = s->peekpos = 0;
    }
  }
  while (done < n) {
    size_t k = raw_read(s, buf + done, n - done);
    if (!k) break;
    done += k;
  }
  return done;
}

/* Bytes left in the stream as far as can be known without reading (a regular file's
 * size, the memory source), or 0. */
static size_t size_hint(cg_stream *s) {
  if (s->mem) return s->memlen - s->mempos;
  size_t peeked = s->peeklen - s->peekpos;
  struct stat st;
  off_t at;
  if (!s->fp || fstat(fileno(s->fp), &st) != 0 || !S_ISREG(st.st_mode) ||
      (at = ftello(s->fp)) < 0 || st.st_size < at)
    return peeked;
  return peeked + (size_t)(st.st_size - at);
}

cg_status cg_stream_slurp(cg_stream *s, size_t max, const char *name, char **out,
                          size_t *len, cg_error *err) {
  *out = NULL;
  *len = 0;
  /* Read straight into one buffer sized from the file (plus a byte to see the end and
   * one for the NUL), not through a bounce buffer: a 10 MB text file was copied twice
   * and its growing buffer reallocated and faulted in page by page. */
  size_t hint = size_hint(s);
  size_t cap = (hint < max ? hint : max) + 2, n = 0;
  if (cap < 4096) cap = 4096;
  char *b = cg_xmalloc(cap);
  for (;;) {
    if (cap - n < 2) {
      cap *= 2;
      b = cg_xrealloc(b, cap);
    }
    /* never more than one byte past max: that byte is enough to refuse the file */
    size_t want = cap - n - 1, left = max - n;
    if (left < want) want = left + 1;
    size_t k = cg_stream_read(s, b + n, want);
    if (!k) break;
    n += k;
    if (n > max) {
      free(b);
      return cg_error_set(err, CG_ELIMIT, name, 0, 0, (long long)max,
                          "larger than the limit of %zu bytes", max);
    }
  }
  if (s->ioerr) {
    free(b);
    return cg_error_set(err, CG_EIO, name, 0, 0, -1, "read error: %s", strerror(s->err_no));
  }
  b[n] = '\0';
  *len = n;
  *out = b;
  return CG_OK;
}

void cg_stream_close(cg_stream *s) {
  if (!s) return;
  if (s->fp && s->own_fp) fclose(s->fp);
  free(s->peek);
  memset(s, 0, sizeof *s);
}
