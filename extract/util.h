/*
 * Internal helpers shared by every module: allocation that aborts on OOM, a growable
 * byte buffer, a typed growable array, and error filling.
 *
 * OOM policy (chosen once, see include/chronograph.h): cg_xmalloc and friends abort
 * with a message, so no caller checks for NULL.
 */
#ifndef CG_UTIL_H
#define CG_UTIL_H

#include "chronograph.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Never return NULL; abort on OOM. cg_xstrdup(NULL) returns NULL. Caller frees with free(). */
void *cg_xmalloc(size_t n);
void *cg_xcalloc(size_t n, size_t size);
void *cg_xrealloc(void *p, size_t n);
char *cg_xstrdup(const char *s);
char *cg_xstrndup(const char *s, size_t n);

/* A growable byte buffer, always NUL-terminated once it holds memory (reserved or
 * appended).
 * Zero-initialise (`cg_buf b = {0};`), release with cg_buf_free. */
typedef struct cg_buf {
  char *data;
  size_t len;
  size_t cap;
} cg_buf;

void cg_buf_reserve(cg_buf *b, size_t extra);
void cg_buf_puts(cg_buf *b, const char *s);

/* Appends n bytes. Inline: writers call it for every token they emit. */
static inline void cg_buf_append(cg_buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) cg_buf_reserve(b, n);
  if (n) memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

static inline void cg_buf_putc(cg_buf *b, char c) {
  if (b->len + 2 > b->cap) cg_buf_reserve(b, 1);
  b->data[b->len++] = c;
  b->data[b->len] = '\0';
}
void cg_buf_printf(cg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cg_buf_clear(cg_buf *b);                 /* len = 0, keeps memory */
char *cg_buf_detach(cg_buf *b);               /* returns data (caller frees), resets b */
void cg_buf_free(cg_buf *b);

/* A typed growable array: `CG_VEC(cg_timex) v = {0}; CG_VEC_PUSH(&v, x); free(v.items);` */
#define CG_VEC(T) struct { T *items; size_t len, cap; }
#define CG_VEC_GROW(v)                                                                 \
  do {                                                                                 \
    if ((v)->len == (v)->cap) {                                                        \
      (v)->cap = (v)->cap ? (v)->cap * 2 : 8;                                          \
      (v)->items = cg_xrealloc((v)->items, (v)->cap * sizeof(*(v)->items));            \
    }                                                                                  \
  } while (0)
#define CG_VEC_PUSH(v, x)                                                              \
  do {                                                                                 \
    CG_VEC_GROW(v);                                                                    \
    (v)->items[(v)->len++] = (x);                                                      \
  } while (0)

/* The per-thread scratch (cg_pipeline_ctx: the tokens, the stages' scratch) keeps its
 * arrays from document to document: making them for each document cost instructions
 * and I1 misses in malloc and free. An array that one large document (a book; a news
 * article needs a few KiB) grew past CG_SCRATCH_KEEP bytes is freed when its stage is
 * done with the document (CG_SCRATCH_TRIM): the next stage has that memory for its
 * own arrays, and a run of small documents after the book does not keep it. */
#define CG_SCRATCH_KEEP ((size_t)2 << 20)

/* Frees the scratch array items of cap elements when it holds more than
 * CG_SCRATCH_KEEP bytes; it is then NULL with cap 0. */
#define CG_SCRATCH_TRIM(items, cap)                                                    \
  do {                                                                                 \
    if ((cap) * sizeof *(items) > CG_SCRATCH_KEEP) {                                   \
      free(items);                                                                     \
      (items) = NULL;                                                                  \
      (cap) = 0;                                                                       \
    }                                                                                  \
  } while (0)
/* CG_SCRATCH_TRIM of the CG_VEC v (emptied too). */
#define CG_SCRATCH_TRIM_VEC(v)                                                         \
  do {                                                                                 \
    CG_SCRATCH_TRIM((v)->items, (v)->cap);                                             \
    if (!(v)->cap) (v)->len = 0;                                                       \
  } while (0)

/* Gives the memory of the large arrays CG_SCRATCH_TRIM freed back to the system.
 * glibc keeps a freed block in its heap, not unmapped, when its dynamic threshold
 * put it there (an earlier free of a large mapping raises the threshold up to 32
 * MiB): malloc_trim returns the heap's free pages. Costly (it walks every arena):
 * only after a large document. A no-op without glibc. */
void cg_scratch_give_back(void);

/* Fill err (may be NULL) and return code. file may be NULL. */
cg_status cg_error_set(cg_error *err, cg_status code, const char *file, long line,
                       long column, long long offset, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
void cg_error_clear(cg_error *err);

/* Locate the lexicon directory: explicit dir if non-NULL, else $CG_DATADIR, else the
 * installed data dir, else the source tree's data/. Returns a borrowed or static
 * string; never NULL. Reads the environment, holds no state. */
const char *cg_datadir(const char *explicit_dir);

/* Read a whole file into memory (NUL-terminated). Caller frees *out. Files larger
 * than max_bytes give CG_ELIMIT. */
cg_status cg_read_file(const char *path, size_t max_bytes, char **out, size_t *len,
                       cg_error *err);

/* ASCII helpers that ignore the locale. */
static inline int cg_lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
static inline int cg_upper(int c) { return (c >= 'a' && c <= 'z') ? c - 32 : c; }
static inline bool cg_isdigit(int c) { return c >= '0' && c <= '9'; }
static inline bool cg_isalpha(int c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static inline bool cg_isupper(int c) { return c >= 'A' && c <= 'Z'; }
static inline bool cg_isspace(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

#endif
