/*
 * Publication dates found in metadata (HTML meta, JSON-LD, feeds, JSON Lines, text
 * headers) turned into "YYYY-MM-DD".
 *
 * Accepted forms (English month names; these are fixed wire formats, not a lexicon):
 *   ISO 8601 / RFC 3339   2025-12-05, 2025-12-05T14:00:00Z, 2025-12-05 14:00+01:00,
 *                         20251205, 2025/12/05
 *   RFC 822 / 1123        Fri, 05 Dec 2025 14:00:00 GMT, 5 Dec 25 14:00 +0000
 *   prose                 December 5, 2025; Dec. 5 2025; Friday, December 5th, 2025;
 *                         5 December 2025
 * The date is the calendar day as written: a time zone offset does not move it to UTC
 * (a newsroom's "Dec 5, 23:30 -05:00" article is a Dec 5 article).
 */
#ifndef CG_PUBDATE_H
#define CG_PUBDATE_H

#include <stdbool.h>
#include <stddef.h>

/* Parses a date at the start of s[0..n) (leading spaces skipped). On success writes
 * "YYYY-MM-DD" into out (at least 16 bytes) and returns the number of bytes of s
 * used by the date and an optional following time of day and zone; returns 0 when
 * s does not start with a valid date (also for impossible days such as Feb 30). */
size_t cg_pubdate_prefix(const char *s, size_t n, char *out);

/* Like cg_pubdate_prefix but the whole of s (NUL-terminated) must be the date, with
 * an optional time and zone and surrounding spaces. Returns true and fills out. */
bool cg_pubdate_parse(const char *s, char *out);

#endif
