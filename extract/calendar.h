/*
 * Proleptic Gregorian calendar arithmetic on day numbers, and date intervals.
 *
 * A day number counts days from 1970-01-01 (day 0), negative before; years are
 * astronomical (year 0 = 1 BC), so "44 BC" is year -43. Pure functions, no state.
 */
#ifndef CG_CALENDAR_H
#define CG_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CG_NO_DAY INT64_MIN

/* How precise a date is, coarse to fine. */
typedef enum cg_gran {
  CG_GRAN_NONE = 0,
  CG_GRAN_MILLENNIUM,
  CG_GRAN_CENTURY,
  CG_GRAN_DECADE,
  CG_GRAN_YEAR,
  CG_GRAN_HALF,
  CG_GRAN_QUARTER,
  CG_GRAN_SEASON,
  CG_GRAN_MONTH,
  CG_GRAN_WEEK,
  CG_GRAN_DAY,
  CG_GRAN_HOUR,
  CG_GRAN_MINUTE,
  CG_GRAN_SECOND
} cg_gran;

const char *cg_gran_name(cg_gran g); /* "year", "month", "day", ... ; "none" */

/* A closed interval of days [earliest, latest] with the granularity it was stated in. */
typedef struct cg_span {
  bool valid;
  int64_t earliest, latest;
  cg_gran gran;
} cg_span;

int64_t cg_days_from_civil(int64_t y, unsigned m, unsigned d);
void cg_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);
unsigned cg_weekday(int64_t z);            /* 1 = Monday .. 7 = Sunday (ISO) */
unsigned cg_days_in_month(int64_t y, unsigned m);
bool cg_is_leap(int64_t y);

/* Adds months, clamping the day to the target month's length. */
int64_t cg_add_months(int64_t z, int64_t months);

/* Parses "YYYY-MM-DD" (optionally followed by 'T' or anything non-digit), returns
 * the day number or CG_NO_DAY. */
int64_t cg_parse_iso_day(const char *s);

/* Writes "YYYY-MM-DD" (years outside 0..9999 as signed expanded years "-0043-03-15",
 * "+12345-01-01") into buf (at least 16 bytes; truncated to size - 1 bytes as snprintf
 * would, always NUL-terminated); returns the length written (strlen(buf)). */
size_t cg_format_day(int64_t z, char *buf, size_t size);

/* Span helpers: the whole year/month/day containing the date. */
cg_span cg_span_year(int64_t y);
cg_span cg_span_month(int64_t y, unsigned m);
cg_span cg_span_day(int64_t z);
cg_span cg_span_range(int64_t earliest, int64_t latest, cg_gran g);

/* Parses a TIMEX3 DATE value ("2014", "2014-03", "2014-03-18", "2014-Q1", "2014-SP",
 * "2014-W05", "201" decade, "19" century, "BC0044", "2014-03-18T10:00") into an
 * interval. Returns a span with valid=false for values it cannot place on the axis
 * (PRESENT_REF and friends, durations, X placeholders). */
cg_span cg_span_from_value(const char *value);

#endif
