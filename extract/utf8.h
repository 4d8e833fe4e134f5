/*
 * UTF-8 validation and normalisation at ingestion.
 *
 * Every document text passes through cg_utf8_normalize exactly once, so that all later
 * offsets are byte offsets into valid, normalised UTF-8:
 *   - invalid sequences (overlongs, surrogates, code points above U+10FFFF, truncated or
 *     stray continuation bytes) are an error (CG_EUTF8 with the byte offset), or, when
 *     lenient, are replaced by U+FFFD (one per maximal bad subpart, as Unicode advises);
 *   - C0 control characters other than TAB, LF, CR become a space (same length, so
 *     offsets stay simple);
 *   - CRLF and lone CR become LF;
 *   - a leading byte-order mark is dropped.
 */
#ifndef CG_UTF8_H
#define CG_UTF8_H

#include "util.h"

/* Length in bytes of the valid UTF-8 sequence at s[0..n), or 0 if s does not start
 * with one (overlong, surrogate, > U+10FFFF, truncated, stray continuation byte). */
size_t cg_utf8_valid_seq(const unsigned char *s, size_t n);

/* Returns true when s[0..n) is valid UTF-8; otherwise false with *bad set to the byte
 * offset of the first invalid sequence (bad may be NULL). */
bool cg_utf8_check(const char *s, size_t n, size_t *bad);

/* Length of the prefix of s[0..n) made of printable ASCII (0x20..0x7F), tested sixteen
 * bytes at a time (SSE2) or eight. */
size_t cg_utf8_printable_run(const char *s, size_t n);

/* Validates s[0..n) like cg_utf8_check and, when it is valid, sets *changes (may be
 * NULL) to whether cg_utf8_normalize would rewrite anything (a leading BOM, CR, a C0
 * control other than TAB and LF). One pass: ingestion of a whole file calls it, then
 * normalises in place only when needed (cg_utf8_normalize_valid). */
bool cg_utf8_scan(const char *s, size_t n, size_t *bad, bool *changes);

/* Normalises s[0..n), which must be valid UTF-8, in place, exactly as cg_utf8_normalize
 * would (the result is never longer); returns the new length and writes a NUL there
 * when it is below n. */
size_t cg_utf8_normalize_valid(char *s, size_t n);

/* Normalises in[0..n) (see the header comment) and appends the result to out.
 * Strict (lenient false): returns CG_EUTF8 with *bad = offset of the first invalid
 * byte in `in` and out unspecified. Lenient: returns CG_OK; *nrepairs (may be NULL)
 * counts replaced sequences and *bad is the offset of the first one (or SIZE_MAX). */
cg_status cg_utf8_normalize(const char *in, size_t n, bool lenient, cg_buf *out,
                            size_t *nrepairs, size_t *bad);

/* Fills err with an invalid-UTF-8 error at byte `off` of buf (line and column computed
 * by counting from the start of buf; base_off / base_line shift them when buf is a
 * slice of a larger file, base_line being the 1-based line of buf[0]). Returns CG_EUTF8. */
cg_status cg_utf8_error(cg_error *err, const char *name, const char *buf, size_t off,
                        long long base_off, long base_line);

/* Returns true when the first 8 KiB of buf hold a NUL byte (binary file). */
bool cg_looks_binary(const char *buf, size_t n);

/* Streaming UTF-8 filter for inputs read in chunks (feeds): validates (or, lenient,
 * repairs) and turns C0 controls other than TAB/LF/CR into spaces (CR is kept: the
 * XML parser normalises line ends itself). Zero-initialise, then set lenient. */
typedef struct cg_utf8_stream {
  bool lenient;
  unsigned long long off;  /* raw bytes consumed so far */
  long line;               /* 1-based line at the current position (0 = not started) */
  bool failed;             /* strict mode: an invalid sequence was met */
  unsigned long long bad_off;
  long bad_line, bad_col;
  size_t nrepairs;
  unsigned long long first_repair;
  long first_repair_line;
  long col;                /* bytes since the last LF */
} cg_utf8_stream;

/* Filters in[0..n) (eof: no more input follows) into out, which must hold at least
 * 3 * n bytes. Returns the number of bytes written and sets *consumed to the input
 * bytes used: an incomplete sequence at the end (at most 3 bytes) is left unconsumed
 * unless eof, and the caller passes it again at the head of the next chunk. In strict
 * mode it stops before the first invalid sequence and sets st->failed, bad_off,
 * bad_line, bad_col (the valid prefix is still written). */
size_t cg_utf8_stream_filter(cg_utf8_stream *st, const char *in, size_t n, bool eof,
                             char *out, size_t *consumed);

#endif
