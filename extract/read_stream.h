/*
 * A byte source for the readers: a file, stdin or a memory buffer, with a peek window
 * at the head (format sniffing, binary detection) that later reads still return.
 * Feeds and JSON Lines read it in chunks, so a large file is never held whole.
 */
#ifndef CG_READ_STREAM_H
#define CG_READ_STREAM_H

#include "util.h"

#include <stdio.h>

typedef struct cg_stream {
  FILE *fp;              /* NULL for memory sources */
  bool own_fp;           /* fclose at close (not for stdin) */
  const char *mem;       /* memory source (borrowed), or NULL */
  size_t memlen, mempos;
  char *peek;            /* bytes read ahead from fp (owned) */
  size_t peeklen, peekpos;
  bool ioerr;            /* a read error happened */
  int err_no;
} cg_stream;

/* Opens path ("-" = stdin) for reading. Returns CG_EIO (err filled, naming path) when
 * it cannot be opened; the stream is then closed already. */
cg_status cg_stream_open_file(cg_stream *s, const char *path, cg_error *err);

/* A stream over buf[0..len) (borrowed: must outlive the stream). */
void cg_stream_open_mem(cg_stream *s, const char *buf, size_t len);

/* Makes up to n bytes from the current position available without consuming them;
 * *p points at them (borrowed until the next call). Returns how many are available. */
size_t cg_stream_peek(cg_stream *s, size_t n, const char **p);

/* Reads up to n bytes into buf; returns the count, 0 at the end (or on error: see
 * s->ioerr). */
size_t cg_stream_read(cg_stream *s, char *buf, size_t n);

/* Reads the rest of the stream into *out (NUL-terminated, caller frees with free()).
 * More than max bytes gives CG_ELIMIT (nothing returned, the stream drained no further);
 * a read error gives CG_EIO. name is used in the error. */
cg_status cg_stream_slurp(cg_stream *s, size_t max, const char *name, char **out,
                          size_t *len, cg_error *err);

/* Releases the stream (closes the file unless it is stdin). NULL-safe. */
void cg_stream_close(cg_stream *s);

#endif
