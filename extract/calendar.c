/* Calendar arithmetic (Howard Hinnant's days_from_civil algorithms) and TIMEX3 values
 * turned into day intervals. */
#include "calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cg_gran_name(cg_gran g) {
  static const char *const names[] = {"none", "millennium", "century", "decade", "year",
                                      "half", "quarter", "season", "month", "week",
                                      "day", "hour", "minute", "second"};
  return (g >= CG_GRAN_NONE && g <= CG_GRAN_SECOND) ? names[g] : "none";
}

int64_t cg_days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* The era is signed (days before 0000-03-01); within it everything is unsigned, which
 * makes the divisions by constants plain multiply-and-shift (no sign fix-ups). */
void cg_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const uint64_t doe = (uint64_t)(z - era * 146097);                             /* [0, 146096] */
  const uint64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;   /* [0, 399] */
  const uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                  /* [0, 365] */
  const uint64_t mp = (5 * doy + 2) / 153;                                       /* [0, 11] */
  const unsigned dd = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
  const unsigned mm = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int64_t)yoe + era * 400 + (mm <= 2);
  *m = mm;
  *d = dd;
}

unsigned cg_weekday(int64_t z) {
  /* 1970-01-01 was a Thursday (4). */
  int64_t w = (z + 3) % 7;
  if (w < 0) w += 7;
  return (unsigned)w + 1;
}

bool cg_is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned cg_days_in_month(int64_t y, unsigned m) {
  static const unsigned dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && cg_is_leap(y) ? 29 : dim[m - 1];
}

int64_t cg_add_months(int64_t z, int64_t months) {
  int64_t y;
  unsigned m, d;
  cg_civil_from_days(z, &y, &m, &d);
  int64_t total = y * 12 + (m - 1) + months;
  int64_t ny = total >= 0 ? total / 12 : -((-total + 11) / 12);
  unsigned nm = (unsigned)(total - ny * 12) + 1;
  unsigned dim = cg_days_in_month(ny, nm);
  return cg_days_from_civil(ny, nm, d > dim ? dim : d);
}

static bool digits(const char *s, int n) {
  for (int i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

static int num(const char *s, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
  return v;
}

int64_t cg_parse_iso_day(const char *s) {
  if (!s || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
      !digits(s + 8, 2) || (s[10] >= '0' && s[10] <= '9'))
    return CG_NO_DAY;
  int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
  if (m < 1 || m > 12 || d < 1 || (unsigned)d > cg_days_in_month(y, (unsigned)m))
    return CG_NO_DAY;
  return cg_days_from_civil(y, (unsigned)m, (unsigned)d);
}

/* Without snprintf for the years 0..9999 of nearly every date: the writers format two
 * days per dated event and the event stage one per DCT (snprintf was most of it). */
size_t cg_format_day(int64_t z, char *buf, size_t size) {
  int64_t y;
  unsigned m, d;
  cg_civil_from_days(z, &y, &m, &d);
  if (y >= 0 && y <= 9999 && size >= 11) {
    unsigned yy = (unsigned)y;
    char t[11] = {(char)('0' + yy / 1000), (char)('0' + yy / 100 % 10), (char)('0' + yy / 10 % 10),
                  (char)('0' + yy % 10), '-', (char)('0' + m / 10), (char)('0' + m % 10), '-',
                  (char)('0' + d / 10), (char)('0' + d % 10), '\0'};
    memcpy(buf, t, sizeof t);
    return 10;
  }
  char t[32]; /* "%+05lld-%02u-%02u" takes at most 26 bytes */
  int n = y >= 0 && y <= 9999
              ? snprintf(t, sizeof t, "%04lld-%02u-%02u", (long long)y, m, d)
              : snprintf(t, sizeof t, "%+05lld-%02u-%02u", (long long)y, m, d);
  if (size == 0) return 0;
  size_t len = (size_t)n < size ? (size_t)n : size - 1; /* truncated as snprintf would */
  memcpy(buf, t, len);
  buf[len] = '\0';
  return len;
}

cg_span cg_span_range(int64_t earliest, int64_t latest, cg_gran g) {
  cg_span s = {true, earliest, latest, g};
  return s;
}

cg_span cg_span_year(int64_t y) {
  return cg_span_range(cg_days_from_civil(y, 1, 1), cg_days_from_civil(y, 12, 31), CG_GRAN_YEAR);
}

cg_span cg_span_month(int64_t y, unsigned m) {
  return cg_span_range(cg_days_from_civil(y, m, 1),
                       cg_days_from_civil(y, m, cg_days_in_month(y, m)), CG_GRAN_MONTH);
}

cg_span cg_span_day(int64_t z) { return cg_span_range(z, z, CG_GRAN_DAY); }

/* Monday of ISO week 1 of year y. */
static int64_t iso_week1(int64_t y) {
  int64_t jan4 = cg_days_from_civil(y, 1, 4);
  return jan4 - (cg_weekday(jan4) - 1);
}

cg_span cg_span_from_value(const char *v) {
  cg_span none = {false, 0, 0, CG_GRAN_NONE};
  if (!v) return none;
  int64_t sign = 1;
  if (strncmp(v, "BC", 2) == 0) {
    sign = -1;
    v += 2;
  }
  size_t n = strlen(v);
  size_t nd = 0;
  while (nd < n && v[nd] >= '0' && v[nd] <= '9') nd++;
  if (nd == 1 || nd == 0) return none;
  if (nd == 2 && (n == 2)) { /* century "19" = 1900-1999 */
    int64_t c = num(v, 2) * 100;
    if (sign < 0) return none;
    return cg_span_range(cg_days_from_civil(c, 1, 1), cg_days_from_civil(c + 99, 12, 31),
                         CG_GRAN_CENTURY);
  }
  if (nd == 3 && n == 3) { /* decade "199" */
    int64_t dy = num(v, 3) * 10;
    if (sign < 0) return none;
    return cg_span_range(cg_days_from_civil(dy, 1, 1), cg_days_from_civil(dy + 9, 12, 31),
                         CG_GRAN_DECADE);
  }
  if (nd != 4) return none;
  int64_t y = num(v, 4);
  if (sign < 0) y = 1 - y; /* 1 BC = year 0 */
  if (n == 4) return cg_span_year(y);
  if (v[4] != '-') return none;
  const char *r = v + 5;
  if (digits(r, 2) && (r[2] == '\0' || r[2] == '-' || r[2] == 'T')) {
    unsigned m = (unsigned)num(r, 2);
    if (m < 1 || m > 12) return none;
    if (r[2] == '\0') return cg_span_month(y, m);
    if (r[2] == '-' && digits(r + 3, 2)) {
      unsigned d = (unsigned)num(r + 3, 2);
      if (d < 1 || d > cg_days_in_month(y, m)) return none;
      int64_t z = cg_days_from_civil(y, m, d);
      cg_span s = cg_span_day(z);
      if (r[5] == 'T') s.gran = CG_GRAN_HOUR;
      return s;
    }
    return none;
  }
  if (r[0] == 'Q' && r[1] >= '1' && r[1] <= '4' && r[2] == '\0') {
    unsigned q = (unsigned)(r[1] - '0');
    cg_span s = cg_span_range(cg_days_from_civil(y, 3 * q - 2, 1),
                              cg_days_from_civil(y, 3 * q, cg_days_in_month(y, 3 * q)),
                              CG_GRAN_QUARTER);
    return s;
  }
  if (r[0] == 'H' && (r[1] == '1' || r[1] == '2') && r[2] == '\0') {
    unsigned h = (unsigned)(r[1] - '0');
    return cg_span_range(cg_days_from_civil(y, h == 1 ? 1 : 7, 1),
                         cg_days_from_civil(y, h == 1 ? 6 : 12, h == 1 ? 30 : 31), CG_GRAN_HALF);
  }
  if (r[0] == 'W' && digits(r + 1, 2) && (r[3] == '\0' || r[3] == '-')) {
    int64_t w1 = iso_week1(y) + (num(r + 1, 2) - 1) * 7;
    if (r[3] == '-' && r[4] >= '1' && r[4] <= '7' && r[5] == '\0')
      return cg_span_day(w1 + (r[4] - '1'));
    if (strcmp(r + 3, "-WE") == 0) return cg_span_range(w1 + 5, w1 + 6, CG_GRAN_DAY);
    return cg_span_range(w1, w1 + 6, CG_GRAN_WEEK);
  }
  /* Seasons: northern-hemisphere meteorological seasons; winter spans the new year. */
  struct { const char *code; unsigned m0, m1; int yoff; } seasons[] = {
      {"SP", 3, 5, 0}, {"SU", 6, 8, 0}, {"FA", 9, 11, 0}, {"WI", 12, 2, 1}};
  for (size_t i = 0; i < 4; i++) {
    if (strcmp(r, seasons[i].code) == 0) {
      int64_t y1 = y + seasons[i].yoff;
      return cg_span_range(cg_days_from_civil(y, seasons[i].m0, 1),
                           cg_days_from_civil(y1, seasons[i].m1,
                                              cg_days_in_month(y1, seasons[i].m1)),
                           CG_GRAN_SEASON);
    }
  }
  return none;
}
