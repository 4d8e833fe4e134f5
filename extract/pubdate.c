/* Publication-date parsing for metadata fields (see pubdate.h for the forms). */
#include "pubdate.h"

#include "calendar.h"
#include "util.h"

#include <string.h>

/* Month and weekday names of the RFC 822 / prose wire formats. */
static const char *const MONTHS[12] = {"january", "february", "march",     "april",
                                       "may",     "june",     "july",      "august",
                                       "september", "october", "november", "december"};
static const char *const WEEKDAYS[7] = {"monday", "tuesday", "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};

typedef struct cur {
  const char *s;
  size_t n, i;
} cur;

static int peek(const cur *c) { return c->i < c->n ? (unsigned char)c->s[c->i] : -1; }

static void skip_spaces(cur *c) {
  while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t')) c->i++;
}

/* Reads 1..maxd digits; returns the count (0 if none) and the value in *v. */
static size_t digits(cur *c, size_t maxd, long *v) {
  size_t k = 0;
  long x = 0;
  while (k < maxd && cg_isdigit(peek(c))) {
    x = x * 10 + (c->s[c->i] - '0');
    c->i++;
    k++;
  }
  if (k == maxd && cg_isdigit(peek(c))) return 0; /* too many digits */
  *v = x;
  return k;
}

/* Reads an alphabetic word (lowercased into w, at most wsz-1 letters kept). */
static size_t word(cur *c, char *w, size_t wsz) {
  size_t k = 0;
  while (cg_isalpha(peek(c))) {
    if (k + 1 < wsz) w[k] = (char)cg_lower(c->s[c->i]);
    k++;
    c->i++;
  }
  w[k < wsz ? k : wsz - 1] = '\0';
  return k;
}

/* Month number for a full name, a 3-letter abbreviation or "sept"; 0 if none. */
static int month_of(const char *w) {
  size_t l = strlen(w);
  for (int m = 0; m < 12; m++) {
    if (!strcmp(w, MONTHS[m])) return m + 1;
    if (l == 3 && !strncmp(w, MONTHS[m], 3)) return m + 1;
  }
  if (!strcmp(w, "sept")) return 9;
  return 0;
}

static bool is_weekday(const char *w) {
  size_t l = strlen(w);
  for (int d = 0; d < 7; d++)
    if (!strcmp(w, WEEKDAYS[d]) || (l == 3 && !strncmp(w, WEEKDAYS[d], 3))) return true;
  return false;
}

/* Optional time of day and zone after a date: [T| ]hh:mm[:ss[.frac]] [Z|+hh[:]mm|GMT..].
 * Consumes nothing when what follows is not a time. */
static void opt_time(cur *c) {
  size_t save = c->i;
  if (peek(c) == 'T' || peek(c) == 't') c->i++;
  else skip_spaces(c);
  long h, m, sec;
  if (!digits(c, 2, &h) || peek(c) != ':') {
    c->i = save;
    return;
  }
  c->i++;
  if (digits(c, 2, &m) != 2 || h > 24 || m > 59) {
    c->i = save;
    return;
  }
  if (peek(c) == ':') {
    c->i++;
    if (digits(c, 2, &sec) != 2) {
      c->i = save;
      return;
    }
    if (peek(c) == '.' || peek(c) == ',') {
      c->i++;
      while (cg_isdigit(peek(c))) c->i++;
    }
  }
  size_t after_time = c->i;
  skip_spaces(c);
  int z = peek(c);
  if (z == 'Z' || z == 'z') {
    c->i++;
  } else if (z == '+' || z == '-') {
    c->i++;
    long zz;
    size_t k = digits(c, 4, &zz);
    if (k == 2 && peek(c) == ':') {
      c->i++;
      if (digits(c, 2, &zz) != 2) c->i = after_time;
    } else if (k != 2 && k != 4) {
      c->i = after_time;
    }
  } else if (cg_isalpha(z)) {
    char w[8];
    size_t k = word(c, w, sizeof w);
    if (k < 1 || k > 5 || !(cg_isupper(c->s[c->i - k]))) c->i = after_time; /* GMT, EST, UT */
  } else {
    c->i = after_time;
  }
}

static bool valid_ymd(long y, long m, long d) {
  return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
         d <= (long)cg_days_in_month(y, (unsigned)m);
}

/* After a day number: an optional ordinal suffix ("5th"). */
static void opt_ordinal(cur *c) {
  if (c->i + 2 <= c->n) {
    char a = (char)cg_lower(c->s[c->i]), b = (char)cg_lower(c->s[c->i + 1]);
    if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
        (a == 't' && b == 'h')) {
      if (c->i + 2 == c->n || !cg_isalpha(c->s[c->i + 2])) c->i += 2;
    }
  }
}

size_t cg_pubdate_prefix(const char *s, size_t n, char *out) {
  cur c = {s, n, 0};
  long y = 0, m = 0, d = 0;
  skip_spaces(&c);
  char w[16];
  if (cg_isalpha(peek(&c))) {
    size_t save = c.i;
    word(&c, w, sizeof w);
    if (is_weekday(w)) { /* "Fri, 05 Dec 2025" / "Friday, December 5, 2025" */
      if (peek(&c) == '.') c.i++;
      if (peek(&c) == ',') c.i++;
      skip_spaces(&c);
    } else {
      c.i = save;
    }
  }
  if (cg_isalpha(peek(&c))) { /* December 5, 2025 */
    word(&c, w, sizeof w);
    m = month_of(w);
    if (!m) return 0;
    if (peek(&c) == '.') c.i++;
    skip_spaces(&c);
    if (!digits(&c, 2, &d)) return 0;
    opt_ordinal(&c);
    if (peek(&c) == ',') c.i++;
    skip_spaces(&c);
    if (digits(&c, 4, &y) != 4) return 0;
  } else if (cg_isdigit(peek(&c))) {
    size_t start = c.i;
    long v;
    size_t k = digits(&c, 8, &v);
    if (k == 8) { /* 20251205 */
      y = v / 10000;
      m = v / 100 % 100;
      d = v % 100;
    } else if (k == 4 && (peek(&c) == '-' || peek(&c) == '/')) { /* 2025-12-05 */
      char sep = s[c.i++];
      y = v;
      if (!digits(&c, 2, &m) || peek(&c) != sep) return 0;
      c.i++;
      if (!digits(&c, 2, &d)) return 0;
    } else if (k >= 1 && k <= 2) { /* 05 Dec 2025 / 5 December 2025 */
      d = v;
      opt_ordinal(&c);
      skip_spaces(&c);
      if (peek(&c) == '-') c.i++; /* 05-Dec-2025 */
      if (!word(&c, w, sizeof w)) return 0;
      m = month_of(w);
      if (!m) return 0;
      if (peek(&c) == '.') c.i++;
      if (peek(&c) == ',') c.i++;
      if (peek(&c) == '-') c.i++;
      skip_spaces(&c);
      size_t yk = digits(&c, 4, &y);
      if (yk == 2) y += y < 50 ? 2000 : 1900; /* RFC 822 two-digit years */
      else if (yk != 4) return 0;
    } else {
      (void)start;
      return 0;
    }
  } else {
    return 0;
  }
  if (cg_isdigit(peek(&c))) return 0; /* "2025-12-051" */
  if (!valid_ymd(y, m, d)) return 0;
  opt_time(&c);
  /* what cg_format_day(cg_days_from_civil(y, m, d)) prints for a valid date of years
   * 1000-9999, without the round trip and snprintf (one per JSONL document) */
  long f[3] = {y, m, d};
  int width[3] = {4, 2, 2};
  char *o = out;
  for (int k = 0; k < 3; k++) {
    if (k) *o++ = '-';
    for (int p = width[k] - 1; p >= 0; p--, f[k] /= 10) o[p] = (char)('0' + f[k] % 10);
    o += width[k];
  }
  *o = '\0';
  return c.i;
}

bool cg_pubdate_parse(const char *s, char *out) {
  if (!s) return false;
  size_t n = strlen(s);
  char tmp[16];
  size_t k = cg_pubdate_prefix(s, n, tmp);
  if (!k) return false;
  while (k < n && cg_isspace(s[k])) k++;
  if (k != n) return false;
  memcpy(out, tmp, sizeof tmp);
  return true;
}
