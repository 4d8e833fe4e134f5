/*
 * Dating of events (see events.h). For each event, in order:
 *   timex-attached  a timex right before the trigger ("Moscow's 2014 annexation") or
 *                   after it within the same phrase ("invasion of Ukraine in 2022",
 *                   "released on Friday"); an age ("the four-year-old war") gives
 *                   age-start (the implied start as a year value, APPROX: the event's
 *                   date is when it began, the timex keeps its duration P4Y) and
 *                   "since 2014" gives since. A relational duration ("two days after
 *                   a referendum", a DURATION for the tagger) dates nothing itself;
 *   timex-clause    otherwise the nearest timex of the same clause (no ";", ":" or
 *                   subordinating conjunction such as "before", "because", "but"
 *                   between, except "after"/"before" right after a duration: "less
 *                   than a year after it fell, on 3 October 1990"); one attached to another event counts too: "annexed
 *                   Crimea on Tuesday, when Putin signed"), a free one winning a tie;
 *                   for reporting verbs only a timex before the verb ("On Monday,
 *                   NASA said"): one after it dates what was reported, not the saying;
 *   dct-reporting   reporting verbs ("said") without a timex: the publication date;
 *   none            otherwise: dated = false (never invented).
 */
#include "events_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool teq(const cg_evdoc *ed, size_t k, const char *s) {
  size_t n = strlen(s);
  return ed->tk.items[k].end - ed->tk.items[k].start == n &&
         memcmp(ed->t + ed->tk.items[k].start, s, n) == 0;
}

static bool usable(const cg_timex *tx) {
  return tx->span.valid && !(tx->flags & CG_TXF_UNRESOLVED);
}

static bool is_prep(const cg_evdoc *ed, size_t k) { return (cg_ew(ed, k) & CG_EW_DPREP) != 0; }

/* First token of the timex covering token k. */
static size_t timex_first_tok(const cg_evdoc *ed, size_t k) {
  while (k > 0 && ed->tok_timex[k - 1] == ed->tok_timex[k]) k--;
  return k;
}

/* The timex attached to the trigger of w, or -1. is_trig flags the trigger tokens of
 * the document: another verb event between the two ends the phrase ("NASA said
 * the burn ended on 8 January": the date is the ending's, not the saying's). */
static int attached(const cg_evdoc *ed, const cg_evwork *w, const unsigned char *is_trig) {
  size_t k = w->tok;
  /* before: at most two modifiers between the timex and the trigger */
  for (size_t p = k, steps = 0; p > w->s0 && steps < 3; steps++) {
    p--;
    int tx = ed->tok_timex[p];
    if (tx >= 0) {
      const cg_timex *t = &ed->dx->timexes.items[tx];
      if (teq(ed, p, "after") || teq(ed, p, "before")) break;
      if (usable(t) || (t->flags & CG_TXF_AGE)) return tx;
      break;
    }
    unsigned sh = ed->tk.items[p].shape;
    if (!(sh & CG_TOK_WORD) && !teq(ed, p, "-")) break;
    if (sh & CG_TOK_CAP) break;
    if (is_prep(ed, p) && !teq(ed, p, "early") && !teq(ed, p, "late")) break;
  }
  /* after: within the phrase, through prepositions and actor mentions */
  size_t limit = k + 9 < w->s1 ? k + 9 : w->s1;
  for (size_t q = k + 1; q < limit; q++) {
    int tx = ed->tok_timex[q];
    if (tx >= 0) {
      const cg_timex *t = &ed->dx->timexes.items[tx];
      size_t f = timex_first_tok(ed, q);
      bool direct = f == k + 1 || (f > k + 1 && is_prep(ed, f - 1));
      if (direct && (usable(t) || (t->flags & CG_TXF_SINCE))) return tx;
      return -1;
    }
    if (ed->tok_mention[q] >= 0) continue;
    unsigned sh = ed->tk.items[q].shape;
    if (!(sh & CG_TOK_WORD)) return -1; /* punctuation closes the phrase */
    if (is_trig[q]) return -1;
    if (is_prep(ed, q) || teq(ed, q, "the") || teq(ed, q, "of")) continue;
    if (q > k + 3) return -1;
    /* one or two object words ("released the strategy on Friday") */
    if (q + 1 < limit && (ed->tok_timex[q + 1] >= 0 || is_prep(ed, q + 1))) continue;
    if (q <= k + 2) continue;
    return -1;
  }
  return -1;
}

/* Scan limit on each side of a trigger, in tokens: keeps dating linear on run-on
 * "sentences" (tables, lists) while covering any real clause. */
#define CLAUSE_REACH 60

/* A subordinating conjunction that starts another clause with its own time ("climbed
 * earlier this year before the company joined"); "when" is not one: it shares the
 * time ("annexed on Tuesday, when Putin signed"). */
static bool is_clause_conj(const cg_evdoc *ed, size_t k) {
  return (cg_ew(ed, k) & CG_EW_CONJ) != 0;
}

/* "less than a year after it fell, on 3 October 1990": a conjunction right after a
 * duration belongs to that relational phrase ("N units after/before X") and does not
 * open a clause with a time of its own, so the scan goes on to the date. */
static bool after_duration(const cg_evdoc *ed, size_t k, int dir) {
  if (dir < 0 || k == 0 || ed->tok_timex[k - 1] < 0) return false;
  return ed->dx->timexes.items[ed->tok_timex[k - 1]].type == CG_TX_DURATION;
}

/* The nearest usable timex of the trigger's clause (see the header), or -1. */
static int clause_timex(const cg_evdoc *ed, const cg_evwork *w, const unsigned char *taken) {
  const cg_docx *dx = ed->dx;
  int best = -1;
  size_t bestd = (size_t)-1;
  for (int dir = -1; dir <= 1; dir += 2) {
    if (dir > 0 && w->report) break; /* "said ... on Monday" in the complement */
    size_t q = w->tok;
    for (size_t d = 1; d <= CLAUSE_REACH; d++) {
      if (dir < 0) {
        if (q <= w->s0) break;
        q--;
      } else {
        if (q + 1 >= w->s1) break;
        q++;
      }
      if (teq(ed, q, ";") || teq(ed, q, ":")) break;
      int tx = ed->tok_timex[q];
      if (tx < 0) {
        if (is_clause_conj(ed, q) && !after_duration(ed, q, dir)) break;
        continue;
      }
      const cg_timex *t = &dx->timexes.items[tx];
      if (!usable(t) || (t->flags & (CG_TXF_AGE | CG_TXF_SINCE))) continue;
      size_t score = 2 * d + (taken[tx] ? 1 : 0); /* a free timex wins a tie */
      if (score < bestd) {
        bestd = score;
        best = tx;
      }
      break; /* the first timex on this side is the nearest */
    }
  }
  return best;
}

/* Copies the string src into dst[cap] as snprintf("%s") would (truncated, always
 * terminated), without the formatting machinery: this runs once per event. */
static void copy_str(char *dst, size_t cap, const char *src) {
  size_t n = strnlen(src, cap - 1);
  memcpy(dst, src, n);
  dst[n] = '\0';
}

static void set_date_from_timex(cg_event *ev, const cg_timex *t, int idx, const char *rule) {
  ev->timex = idx;
  ev->dated = true;
  ev->date = t->span;
  copy_str(ev->value, sizeof ev->value, t->value);
  copy_str(ev->mod, sizeof ev->mod, t->mod);
  ev->date_rule = rule;
}

void cg_events_date(cg_evdoc *ed) {
  cg_docx *dx = ed->dx;
  size_t nev = ed->work.len;
  int *att = cg_xmalloc((nev + 1) * sizeof(int));
  /* timexes taken as attached by some event are not shared with the clause */
  unsigned char *taken = cg_xcalloc(dx->timexes.len + 1, 1);
  unsigned char *is_trig = cg_xcalloc(ed->tk.len + 1, 1);
  for (size_t i = 0; i < nev; i++)
    if (!ed->work.items[i].noun) is_trig[ed->work.items[i].tok] = 1; /* verbs only */
  for (size_t i = 0; i < nev; i++) {
    att[i] = attached(ed, &ed->work.items[i], is_trig);
    if (att[i] >= 0) taken[att[i]] = 1;
  }
  for (size_t i = 0; i < nev; i++) {
    cg_event *ev = &dx->events.items[ed->first + i];
    const cg_evwork *w = &ed->work.items[i];
    double dconf = 0.3;
    if (att[i] >= 0) {
      const cg_timex *t = &dx->timexes.items[att[i]];
      if (t->flags & CG_TXF_AGE) {
        set_date_from_timex(ev, t, att[i], "age-start");
        /* the event's date is its start, not the age: a year value */
        int64_t y;
        unsigned mo, d;
        cg_civil_from_days(t->span.earliest + (t->span.latest - t->span.earliest) / 2, &y, &mo, &d);
        snprintf(ev->value, sizeof ev->value, "%04lld", (long long)y);
        copy_str(ev->mod, sizeof ev->mod, "APPROX");
        dconf = 0.6;
      } else if (t->flags & CG_TXF_SINCE) {
        set_date_from_timex(ev, t, att[i], "since");
        dconf = 0.8;
      } else {
        set_date_from_timex(ev, t, att[i], "timex-attached");
        dconf = 0.9;
      }
    } else {
      int best = clause_timex(ed, w, taken);
      if (best >= 0) {
        set_date_from_timex(ev, &dx->timexes.items[best], best, "timex-clause");
        dconf = 0.7;
      } else if (w->report && dx->dct_day != CG_NO_DAY) {
        ev->dated = true;
        ev->date = cg_span_day(dx->dct_day);
        cg_format_day(dx->dct_day, ev->value, sizeof ev->value);
        ev->mod[0] = '\0';
        ev->date_rule = "dct-reporting";
        dconf = 0.75;
      } else {
        ev->dated = false;
        ev->date_rule = "none";
      }
    }
    double c = 0.6 * dconf + 0.4 * w->actor_conf;
    ev->confidence = c < 0 ? 0 : c > 1 ? 1 : c;
  }
  free(att);
  free(taken);
  free(is_trig);
}
