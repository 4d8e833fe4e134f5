/* Normalisation: turns the lexicon classes a pattern matched into a TIMEX3 value and
 * mod, anchored on the DCT (news) or the last explicit date (narrative). The pattern
 * decides the type; the classes carry the meaning (MONTH=3, UNIT=Y, REL=-1, ...). */
#include "timex_int.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct fields {
  int64_t year;
  bool has_year, bc, has_qty, qty_x, has_rel, has_ago, has_dayrel, every, old, fiscal;
  int month, day, wd, ord, decade, century, qty, rel, ago, dayrel, clock, numdate;
  const char *season, *unit, *fmt_unit, *mod, *ref, *pod, *ampm, *setadv, *holiday, *tz;
  bool unit_plural, the, ad;
  bool mod_below;         /* the quantity modifier means "just under" ("nearly", "almost") */
  bool ana;               /* anaphoric: "the following", "that" (counted from a reference) */
  bool ended;             /* followed by "ended"/"ending": a period up to a date */
  bool period;            /* "period": the reporting period the text is about */
} fields;

static void gather(const tx_cls_ids *c, const tx_ent *pick, int n, fields *f) {
  memset(f, 0, sizeof *f);
  f->clock = -1;
  for (int i = 0; i < n; i++) {
    const tx_ent *e = &pick[i];
    int k = e->cls;
    if (k == c->year) { f->year = e->ival; f->has_year = true; }
    else if (k == c->year2) { f->year = e->ival; f->has_year = true; }
    else if (k == c->month) f->month = e->ival;
    else if (k == c->daynum) f->day = e->ival;
    else if (k == c->ordnum || k == c->ord) {
      if (f->month && !f->day) f->day = e->ival; else f->ord = e->ival;
    }
    else if (k == c->weekday) f->wd = e->ival;
    else if (k == c->season) f->season = e->sval;
    else if (k == c->partday) f->pod = e->sval;
    else if (k == c->numc || k == c->num) {
      if (f->has_qty && f->qty >= 20 && e->ival < 10) f->qty += e->ival; /* twenty four */
      else { f->qty = e->ival; f->has_qty = true; }
    }
    else if (k == c->a) { if (!f->has_qty) { f->qty = 1; f->has_qty = true; } }
    else if (k == c->few) { f->has_qty = true; f->qty = e->ival; f->qty_x = e->ival == 0; }
    else if (k == c->unit) {
      /* "the year-ago quarter": the unit after AGO only sets the granularity */
      if (f->has_ago && f->unit) f->fmt_unit = e->sval;
      else { f->unit = e->sval; f->unit_plural = e->ival == 1; }
    }
    else if (k == c->last) { f->rel = e->ival; f->has_rel = true; f->ana = f->ana || !strcmp(e->sval, "ANA"); }
    else if (k == c->ago) { f->ago = e->ival; f->has_ago = true; }
    else if (k == c->posmod || k == c->qmod || k == c->xmod) {
      if (!f->mod || !*f->mod) {
        f->mod = e->sval;
        f->mod_below = k == c->qmod && e->ival < 0;
      }
    }
    else if (k == c->ref || k == c->refadj) f->ref = e->sval;
    else if (k == c->yearend) { f->unit = "Y"; f->has_rel = true; f->mod = e->sval; }
    else if (k == c->the) f->the = true;
    else if (k == c->quarter) { f->unit = e->sval; f->unit_plural = false; }
    else if (k == c->dayrel) { f->dayrel = e->ival; f->has_dayrel = true; if (*e->sval) f->pod = e->sval; }
    else if (k == c->clock_ampm) f->ampm = e->sval;
    else if (k == c->tz) f->tz = e->sval;
    else if (k == c->clock) f->clock = e->ival;
    else if (k == c->holiday) f->holiday = e->sval;
    else if (k == c->every) f->every = true;
    else if (k == c->setadv) f->setadv = e->sval;
    else if (k == c->old || k == c->long_) f->old = f->old || k == c->old;
    else if (k == c->bc) f->bc = true;
    else if (k == c->ad) f->ad = true;
    else if (k == c->fiscal) f->fiscal = true;
    else if (k == c->decade || k == c->decadew) f->decade = e->ival;
    else if (k == c->numdate) f->numdate = e->ival;
    else if (k == c->endcue) f->ended = true;
    else if (k == c->period) f->period = true;
  }
  if (f->has_qty && f->qty == 100000000) f->has_qty = false;
  if ((f->bc || f->ad) && !f->has_year && f->has_qty) { /* "44 BC", "AD 79" */
    f->year = f->qty;
    f->has_year = true;
    f->has_qty = false;
  }
}

/* ISO week of day z: *wy the week-numbering year. */
static unsigned iso_week(int64_t z, int64_t *wy) {
  unsigned wd = cg_weekday(z);
  int64_t thu = z + 4 - (int64_t)wd;
  int64_t y;
  unsigned m, d;
  cg_civil_from_days(thu, &y, &m, &d);
  *wy = y;
  return (unsigned)((thu - cg_days_from_civil(y, 1, 1)) / 7 + 1);
}

/* Writes the zero-padded decimal x (0 <= x) in w digits at p; returns the end. The
 * common values are formatted by hand: snprintf was a tenth of the tagger's time. */
static char *put_digits(char *p, unsigned x, int w) {
  for (int k = w - 1; k >= 0; k--, x /= 10) p[k] = (char)('0' + x % 10);
  return p + w;
}

/* snprintf(v, n, "%s", s) without the call: a bare year and "PAST_REF" are among the
 * commonest values, and snprintf's code, evicted between documents by the other
 * stages, cost more in instruction-cache misses than the copy itself (2.6 M
 * instructions and 110,000 I1 misses on news-2000000.jsonl, callgrind --cache-sim). */
static void put_str(char *v, size_t n, const char *s) {
  if (!n) return;
  size_t k = 0;
  for (; k + 1 < n && s[k]; k++) v[k] = s[k];
  v[k] = 0;
}

static void fmt_year(char *v, size_t n, int64_t y) {
  if (y > 0 && y <= 9999 && n > 4) *put_digits(v, (unsigned)y, 4) = 0;
  else if (y <= 0) snprintf(v, n, "BC%04lld", (long long)(1 - y));
  else snprintf(v, n, "%04lld", (long long)y);
}

/* "YYYY-MM-DD" (or "YYYY-MM" when d is 0) after the year string ys, into v[0..n). */
static void fmt_ymd(char *v, size_t n, const char *ys, int m, int d) {
  size_t yl = strlen(ys);
  if (yl + 7 > n || m < 0 || m > 99 || d < 0 || d > 99) {
    snprintf(v, n, "%s-%02d-%02d", ys, m, d);
    return;
  }
  memcpy(v, ys, yl);
  char *p = v + yl;
  *p++ = '-';
  p = put_digits(p, (unsigned)m, 2);
  if (d) {
    *p++ = '-';
    p = put_digits(p, (unsigned)d, 2);
  }
  *p = 0;
}

/* Formats day z at the granularity of unit ("Y", "M", "W", "D", "Q", "H", "DE", "CE"). */
static void fmt_at(char *v, size_t n, int64_t z, const char *unit) {
  int64_t y;
  unsigned m, d;
  cg_civil_from_days(z, &y, &m, &d);
  if (!strcmp(unit, "Y")) fmt_year(v, n, y);
  else if (!strcmp(unit, "M")) snprintf(v, n, "%04lld-%02u", (long long)y, m);
  else if (!strcmp(unit, "Q")) snprintf(v, n, "%04lld-Q%u", (long long)y, (m - 1) / 3 + 1);
  else if (!strcmp(unit, "HALF")) snprintf(v, n, "%04lld-H%u", (long long)y, (m - 1) / 6 + 1);
  else if (!strcmp(unit, "DE")) snprintf(v, n, "%03lld", (long long)(y / 10));
  else if (!strcmp(unit, "CE")) snprintf(v, n, "%02lld", (long long)(y / 100));
  else if (!strcmp(unit, "W") || !strcmp(unit, "WE")) {
    int64_t wy;
    unsigned w = iso_week(z, &wy);
    snprintf(v, n, "%04lld-W%02u%s", (long long)wy, w, unit[1] ? "-WE" : "");
  } else cg_format_day(z, v, n);
}

/* Shifts day z by q units (q may be negative). Returns false for units without a
 * calendar meaning here (hours...). */
static bool shift(int64_t *z, const char *unit, int q) {
  if (!strcmp(unit, "Y")) *z = cg_add_months(*z, 12LL * q);
  else if (!strcmp(unit, "M")) *z = cg_add_months(*z, q);
  else if (!strcmp(unit, "Q")) *z = cg_add_months(*z, 3LL * q);
  else if (!strcmp(unit, "HALF")) *z = cg_add_months(*z, 6LL * q);
  else if (!strcmp(unit, "DE")) *z = cg_add_months(*z, 120LL * q);
  else if (!strcmp(unit, "CE")) *z = cg_add_months(*z, 1200LL * q);
  else if (!strcmp(unit, "W") || !strcmp(unit, "WE")) *z += 7LL * q;
  else if (!strcmp(unit, "D")) *z += q;
  else return false;
  return true;
}

/* Granularity a calendar unit code names (NONE for clock units). */
static cg_gran unit_gran(const char *u) {
  if (!strcmp(u, "Y")) return CG_GRAN_YEAR;
  if (!strcmp(u, "M")) return CG_GRAN_MONTH;
  if (!strcmp(u, "W") || !strcmp(u, "WE")) return CG_GRAN_WEEK;
  if (!strcmp(u, "D")) return CG_GRAN_DAY;
  if (!strcmp(u, "Q")) return CG_GRAN_QUARTER;
  if (!strcmp(u, "HALF")) return CG_GRAN_HALF;
  if (!strcmp(u, "DE")) return CG_GRAN_DECADE;
  if (!strcmp(u, "CE")) return CG_GRAN_CENTURY;
  return CG_GRAN_SECOND;
}

/* Duration value for qty units: "P4Y", "PT3H", "P10Y" for a decade, "PXY". */
static void fmt_duration(char *v, size_t n, const fields *f) {
  const char *u = f->unit;
  bool x = f->qty_x || (!f->has_qty && f->unit_plural);
  /* 64 bits: a quantity may be as large as the tagger reads numbers (99999999), and
   * a decade or century multiplies it (fuzz_tagger: "99999999 centuries" overflowed
   * an int) */
  long long q = f->has_qty ? f->qty : 1;
  const char *t = "";
  const char *uu = u;
  if (!strcmp(u, "H") || !strcmp(u, "MIN") || !strcmp(u, "S")) {
    t = "T";
    if (!strcmp(u, "MIN")) uu = "M";
  } else if (!strcmp(u, "DE") && !x) { q *= 10; uu = "Y"; }
  else if (!strcmp(u, "CE") && !x) { q *= 100; uu = "Y"; }
  else if (!strcmp(u, "HALF")) { q *= 6; uu = "M"; }
  else if (!strcmp(u, "WE")) { q *= 2; uu = "D"; }
  if (x) snprintf(v, n, "P%sX%s", t, uu);
  else if (q >= 0 && q < 100000 && n >= 16) { /* "P4Y", "PT3H" by hand (hot path) */
    char *p = v;
    *p++ = 'P';
    if (*t) *p++ = 'T';
    int w = q < 10 ? 1 : q < 100 ? 2 : q < 1000 ? 3 : q < 10000 ? 4 : 5;
    p = put_digits(p, (unsigned)q, w);
    size_t ul = strlen(uu);
    if (ul > 4) ul = 4;
    memcpy(p, uu, ul);
    p[ul] = 0;
  } else snprintf(v, n, "P%s%lld%s", t, q, uu);
}

/* Resolves a month (and day) without a year against the anchor, the tense and
 * last/this/next (rel, has_rel): the nearest such date, where one on the other side
 * of the anchor than the tense (unknown tense counts as past: news months mostly are)
 * must be about three months nearer to win. */
static int64_t infer_year(tx_ctx *ctx, int month, int day, int rel, bool has_rel) {
  int64_t ay;
  unsigned am, ad;
  cg_civil_from_days(ctx->anchor, &ay, &am, &ad);
  if (has_rel && rel == 0) return ay; /* "this September" */
  int cmp = month != (int)am ? (month < (int)am ? -1 : 1)
                             : (day ? (day < (int)ad ? -1 : (day > (int)ad ? 1 : 0)) : 0);
  if (!rel) {
    int64_t best = ay, bestd = INT64_MAX;
    int tense = tx_ctx_tense(ctx);
    for (int64_t y = ay - 1; y <= ay + 1; y++) {
      int64_t z = cg_days_from_civil(y, (unsigned)month, day ? (unsigned)day : 15);
      int64_t dist = z - ctx->anchor;
      /* against the tense costs ~3 months; unknown tense counts as past. After a
       * strong past cue ("Trump returned ... in January", December DCT) it costs ~10
       * months: only a date within a month on the other side still wins */
      int64_t pen = tense == -2 ? 300 : 100;
      if (dist < 0) dist = tense > 0 ? pen - dist : -dist;
      else if (tense <= 0) dist += pen;
      if (dist < bestd) { bestd = dist; best = y; }
    }
    return best;
  }
  if (rel < 0 && cmp > 0) return ay - 1;
  if (rel > 0 && cmp < 0) return ay + 1;
  if (rel < 0 && cmp == 0 && !day) return ay - 1;
  if (rel > 0 && cmp == 0 && !day) return ay + 1;
  return ay;
}

static bool date_value(const fields *f, tx_ctx *ctx, cg_timex *out) {
  char *v = out->value;
  size_t vn = sizeof out->value;
  bool anchor = ctx->anchor != CG_NO_DAY;
  if (f->ref) {
    put_str(v, vn, f->ref);
    return true;
  }
  if (f->numdate) {
    snprintf(v, vn, "%04d-%02d-%02d", f->numdate / 10000, f->numdate / 100 % 100, f->numdate % 100);
    return true;
  }
  if (f->decade) {
    snprintf(v, vn, "%03d", f->decade);
    return true;
  }
  if (f->unit && !strcmp(f->unit, "CE") && f->ord) {
    snprintf(v, vn, "%02d", f->ord - 1);
    return true;
  }
  if (f->holiday) {
    int hm = 0, hd = 0, nth = 0, hwd = 0;
    if (sscanf(f->holiday, "%d-%d-%d", &hm, &nth, &hwd) == 3) hd = 0;
    else if (sscanf(f->holiday, "%d-%d", &hm, &hd) != 2) return false;
    int64_t y = f->has_year ? f->year : anchor ? infer_year(ctx, hm, hd ? hd : 15, f->rel, f->has_rel) : 0;
    if (!f->has_year && !anchor) {
      if (hd) snprintf(v, vn, "XXXX-%02d-%02d", hm, hd);
      else snprintf(v, vn, "XXXX-%02d", hm);
      out->flags |= CG_TXF_UNRESOLVED;
      return true;
    }
    if (!hd) { /* nth weekday of the month (nth 5 = last) */
      int64_t first = cg_days_from_civil(y, (unsigned)hm, 1);
      int64_t z = first + ((hwd - (int)cg_weekday(first)) + 7) % 7 + 7LL * (nth - 1);
      if (nth == 5) {
        int64_t last = cg_days_from_civil(y, (unsigned)hm, cg_days_in_month(y, (unsigned)hm));
        z = last - (((int)cg_weekday(last) - hwd) + 7) % 7;
      }
      cg_format_day(z, v, vn);
    } else snprintf(v, vn, "%04lld-%02d-%02d", (long long)y, hm, hd);
    return true;
  }
  bool has_cal = f->has_year || f->month || f->season || (f->ord && f->unit &&
                 (!strcmp(f->unit, "Q") || !strcmp(f->unit, "HALF")));
  if (has_cal) {
    int64_t y = f->year;
    if (f->bc) y = 1 - y;
    bool known = f->has_year;
    int64_t ref = ctx->ref_fine;
    if (!known && !f->has_rel && !f->has_ago && (f->month || f->season) && ref != CG_NO_DAY) {
      /* history text: "On 4 November" after "9 November 1989" is in 1989 */
      unsigned rm, rd;
      cg_civil_from_days(ref, &y, &rm, &rd);
      known = true;
      ctx->used_ref = true;
      out->flags |= CG_TXF_RELATIVE | CG_TXF_NARRATIVE;
    }
    if (!known && anchor) {
      if (f->month) y = infer_year(ctx, f->month, f->day, f->rel, f->has_rel);
      else {
        int64_t ay; unsigned am, ad;
        cg_civil_from_days(ctx->anchor, &ay, &am, &ad);
        y = ay + (f->rel < 0 ? -1 : f->rel > 0 ? 1 : 0);
        /* "the fourth quarter" named in a February story: last year's, unless future */
        if (!f->rel && f->ord && f->unit && !strcmp(f->unit, "Q") && f->ord > (int)(am - 1) / 3 + 1 &&
            tx_ctx_tense(ctx) <= 0)
          y--;
      }
      known = true;
      out->flags |= CG_TXF_RELATIVE;
    }
    char ys[24];
    if (known) fmt_year(ys, sizeof ys, y);
    else {
      snprintf(ys, sizeof ys, "XXXX");
      out->flags |= CG_TXF_UNRESOLVED;
    }
    if (f->month && f->day) fmt_ymd(v, vn, ys, f->month, f->day);
    else if (f->month) fmt_ymd(v, vn, ys, f->month, 0);
    else if (f->season) snprintf(v, vn, "%s-%s", ys, f->season);
    else if (f->ord && f->unit && !strcmp(f->unit, "Q")) snprintf(v, vn, "%s-Q%d", ys, f->ord);
    else if (f->ord && f->unit && !strcmp(f->unit, "HALF")) snprintf(v, vn, "%s-H%d", ys, f->ord);
    else if (f->has_year && (f->period || (f->unit && !strcmp(f->unit, "Q"))) && ctx->quarter >= 0) {
      /* results text: "the 1988 quarter", "the 1989 period" = the quarter being
       * reported on, in that year */
      snprintf(v, vn, "%s-Q%d", ys, (int)(ctx->quarter % 4) + 1);
      ctx->used_quarter = true;
    } else put_str(v, vn, ys);
    return true;
  }
  if (!anchor) {
    out->flags |= CG_TXF_UNRESOLVED;
    if (f->wd) snprintf(v, vn, "XXXX-WXX-%d", f->wd);
    else if (f->has_ago) put_str(v, vn, f->ago < 0 ? "PAST_REF" : "FUTURE_REF");
    else if (f->unit) put_str(v, vn, "XXXX");
    else put_str(v, vn, "XXXX-XX-XX");
    return true;
  }
  out->flags |= CG_TXF_RELATIVE;
  int64_t z = ctx->anchor;
  if (f->has_dayrel) {
    cg_format_day(z + f->dayrel, v, vn);
    return true;
  }
  if (f->wd) {
    int awd = (int)cg_weekday(z);
    int dir = f->rel ? f->rel : tx_ctx_tense(ctx) > 0 ? 1 : -1;
    int back = (awd - f->wd + 7) % 7, fwd = (f->wd - awd + 7) % 7;
    if (f->rel < 0 && !back) back = 7;
    if (f->rel > 0 && !fwd) fwd = 7;
    z += dir < 0 ? -back : fwd;
    cg_format_day(z, v, vn);
    return true;
  }
  if (f->unit && f->has_ago) {
    if (f->qty_x || (!f->has_qty && f->unit_plural)) {
      put_str(v, vn, f->ago < 0 ? "PAST_REF" : "FUTURE_REF");
      return true;
    }
    int q = f->has_qty ? f->qty : 1;
    if (ctx->quarter >= 0 && !strcmp(f->unit, "Y") && q == 1 && f->ago < 0 && !f->mod &&
        (!f->fmt_unit || !strcmp(f->fmt_unit, "Q"))) {
      /* results text: "a year earlier", "the year-ago quarter" = the quarter a year back */
      snprintf(v, vn, "%04lld-Q%d", (long long)(ctx->quarter / 4 - 1), (int)(ctx->quarter % 4) + 1);
      ctx->used_quarter = true;
      return true;
    }
    if (!shift(&z, f->unit, f->ago * q)) {
      cg_format_day(z, v, vn);
      return true;
    }
    if (f->fmt_unit && f->ord && !strcmp(f->fmt_unit, "Q")) {
      int64_t y; unsigned m, d;
      cg_civil_from_days(z, &y, &m, &d);
      snprintf(v, vn, "%04lld-Q%d", (long long)y, f->ord);
      return true;
    }
    /* "a decade ago" is a year, not a decade */
    const char *fu = f->fmt_unit ? f->fmt_unit : f->unit;
    fmt_at(v, vn, z, !strcmp(fu, "DE") || !strcmp(fu, "CE") ? "Y" : fu);
    return true;
  }
  if (f->unit && f->has_rel) {
    if (f->ana && ctx->ref_ana != CG_NO_DAY && ctx->ref_ana_gran >= unit_gran(f->unit)) {
      /* "the following year", "that day": counted from the date the text is at */
      z = ctx->ref_ana;
      ctx->used_ref = true;
      out->flags |= CG_TXF_NARRATIVE;
    }
    if (f->unit_plural || f->has_qty) {
      put_str(v, vn, f->rel < 0 ? "PAST_REF" : f->rel > 0 ? "FUTURE_REF" : "PRESENT_REF");
      return true;
    }
    if (!shift(&z, f->unit, f->rel)) return false;
    fmt_at(v, vn, z, f->unit);
    return true;
  }
  if (f->unit && !strcmp(f->unit, "Q") && !f->unit_plural && ctx->quarter >= 0) {
    /* "the quarter" in results text: the one just named */
    snprintf(v, vn, "%04lld-Q%d", (long long)(ctx->quarter / 4), (int)(ctx->quarter % 4) + 1);
    ctx->used_quarter = true;
    return true;
  }
  if (f->unit) { /* "the quarter": the one being reported on */
    int64_t ay; unsigned am, ad;
    cg_civil_from_days(z, &ay, &am, &ad);
    /* early in a quarter, news about "the quarter" is about the one just ended */
    int back = !strcmp(f->unit, "Q") && am % 3 == 1 && tx_ctx_tense(ctx) <= 0 ? -1 : 0;
    /* "over the weekend" in a weekday story is the one just past, unless future */
    if (!strcmp(f->unit, "WE") && cg_weekday(z) <= 5 && tx_ctx_tense(ctx) <= 0) back = -1;
    if (!strcmp(f->unit, "D") || !strcmp(f->unit, "H") || !strcmp(f->unit, "MIN") ||
        !strcmp(f->unit, "S") || f->unit_plural)
      return false;
    if (!shift(&z, f->unit, back)) return false;
    fmt_at(v, vn, z, f->unit);
    return true;
  }
  if (f->pod) {
    cg_format_day(z, v, vn);
    return true;
  }
  return false;
}

/* The interval in which the start of something f->qty units old lies, seen from the
 * DCT dct; invalid for clock units. With A(k) = DCT - k units:
 *   "four-year-old"            age 4 to 5:          [A(5) + 1 day, A(4)]
 *   "nearly/almost four-year"  age just under 4:    [A(4), A(3)]
 *   "about four-year-old"      age around 4:        [A(5), A(3)]
 *   "more than / at least"     age 4 or more:       [A(6), A(4)] (open to the past:
 *                              two units back stand for "some time before A(4)")
 *   "less than / up to"        age under 4:         [A(4), DCT]
 * The granularity is the unit's (a year): the span is about a unit wide, and the
 * event stage takes the year of its midpoint as the start's value. */
static cg_span age_span(int64_t dct, const fields *f) {
  cg_span bad = {0};
  int q = f->qty;
  const char *m = f->mod ? f->mod : "";
  int lo, hi; /* the span is [A(lo), A(hi)] */
  bool exact = false;
  if (f->mod_below) { /* "nearly", "almost": whatever mod TimeBank gives them */
    lo = q;
    hi = q - 1;
  } else if (!strcmp(m, "APPROX")) {
    lo = q + 1;
    hi = q - 1;
  } else if (!strcmp(m, "MORE_THAN") || !strcmp(m, "EQUAL_OR_MORE")) {
    lo = q + 2;
    hi = q;
  } else if (!strcmp(m, "LESS_THAN") || !strcmp(m, "EQUAL_OR_LESS")) {
    lo = q;
    hi = 0;
  } else {
    lo = q + 1;
    hi = q;
    exact = true;
  }
  if (hi < 0) hi = 0;
  int64_t a = dct, b = dct;
  if (!shift(&a, f->unit, -lo) || !shift(&b, f->unit, -hi)) return bad;
  if (exact) a++; /* one day after A(q+1): the age would be q+1 on A(q+1) itself */
  if (a > b) a = b;
  cg_gran g = unit_gran(f->unit);
  return cg_span_range(a, b, g);
}

/* DATE value, mod and span of the fields f; false to drop the match. */
static bool date_compose(const fields *f, tx_ctx *ctx, cg_timex *out) {
  size_t vn = sizeof out->value;
  if (!date_value(f, ctx, out)) return false;
  /* "this morning", "last night": a part of a day named by its relation to today is
   * a TIME in TimeBank ("Friday night" stays a DATE: the corpus is split there) */
  if (f->has_dayrel && f->pod && !f->wd) out->type = CG_TX_TIME;
  if (f->pod && out->value[0] != 'P' && out->value[0] != 'F') {
    size_t l = strlen(out->value);
    snprintf(out->value + l, vn - l, "T%s", f->pod);
  }
  out->span = cg_span_from_value(out->value);
  return true;
}

/* Composes type/value/mod/span for a match of n tokens. Returns false to drop it. */
bool tx_compose(const tx_cls_ids *ids, const tx_ent *pick, int n, int type,
                tx_ctx *ctx, cg_timex *out) {
  ctx->used_quarter = false;
  ctx->used_ref = false;
  ctx->day_default = false;
  fields f;
  gather(ids, pick, n, &f);
  out->type = (cg_timex_type)type;
  out->value[0] = out->mod[0] = 0;
  out->span.valid = false;
  if (f.mod) {
    size_t ml = strlen(f.mod);
    if (ml >= sizeof out->mod) ml = sizeof out->mod - 1;
    memcpy(out->mod, f.mod, ml);
    out->mod[ml] = 0;
  }
  size_t vn = sizeof out->value;
  switch (type) {
  case CG_TX_DURATION:
    if (!f.unit) return false;
    if (f.ended && strcmp(f.unit, "Y")) { /* "the quarter ended Sept. 30" is that quarter */
      out->type = CG_TX_DATE;
      return date_compose(&f, ctx, out);
    }
    if (f.ended) { /* "the (fiscal) year ended Sept. 30": a year up to that date */
      f.has_qty = true;
      f.qty = 1;
    }
    /* a bare singular unit ("day", "second") is almost never a duration mention */
    if (!f.has_qty && !f.unit_plural && !f.has_rel) return false;
    fmt_duration(out->value, vn, &f);
    if (f.old && ctx->anchor != CG_NO_DAY && f.has_qty) {
      out->flags |= CG_TXF_AGE;
      out->span = age_span(ctx->anchor, &f);
    } else if (f.old) out->flags |= CG_TXF_AGE;
    return true;
  case CG_TX_SET:
    if (f.setadv) snprintf(out->value, vn, "%s", f.setadv);
    else if (f.wd) snprintf(out->value, vn, "XXXX-WXX-%d", f.wd);
    else if (f.unit) {
      fields g = f;
      g.unit_plural = false;
      if (!g.has_qty) { g.qty = 1; g.has_qty = true; }
      g.qty_x = false;
      fmt_duration(out->value, vn, &g);
    } else if (f.pod) snprintf(out->value, vn, "XXXX-XX-XXT%s", f.pod);
    else return false;
    return true;
  case CG_TX_TIME: {
    char day[48];
    fields g = f;
    g.pod = NULL;
    g.clock = -1;
    cg_timex tmp = *out;
    bool have = (g.month || g.wd || g.has_dayrel || g.numdate) && date_value(&g, ctx, &tmp);
    if (!have) {
      if (ctx->anchor != CG_NO_DAY) cg_format_day(ctx->anchor, day, sizeof day);
      else snprintf(day, sizeof day, "XXXX-XX-XX");
    } else snprintf(day, sizeof day, "%s", tmp.value);
    out->flags |= tmp.flags;
    ctx->day_default = !have;
    if (f.clock >= 0) {
      int h = f.clock / 100, mi = f.clock % 100;
      if (f.ampm && !strcmp(f.ampm, "PM") && h < 12) h += 12;
      if (f.ampm && !strcmp(f.ampm, "AM") && h == 12) h = 0;
      snprintf(out->value, vn, "%.32sT%02d:%02d", day, h, mi);
    } else if (f.has_qty && f.ampm && f.qty >= 1 && f.qty <= 12) {
      int h = f.qty;
      if (!strcmp(f.ampm, "PM") && h < 12) h += 12;
      if (!strcmp(f.ampm, "AM") && h == 12) h = 0;
      snprintf(out->value, vn, "%.32sT%02d:00", day, h);
    } else if (f.pod) snprintf(out->value, vn, "%.32sT%.8s", day, f.pod);
    else return false;
    if (f.tz && *f.tz && (f.clock >= 0 || f.ampm)) { /* "18:00 UTC" = 18:00Z */
      size_t l = strlen(out->value);
      snprintf(out->value + l, vn - l, "%s", f.tz);
    }
    out->span = cg_span_from_value(out->value);
    return true;
  }
  default:
    return date_compose(&f, ctx, out);
  }
}
