/*
 * Dating of events (see events.h). For each event, in order:
 *   timex-attached  a timex right before the trigger ("Moscow's 2014 annexation") or
 *                   after it within the same phrase ("invasion of Ukraine in 2022",
 *                   "released on Friday"); an age ("the four-year-old war") gives
 *                   age-start (the implied start, APPROX) and "since 2014" gives since;
 *   timex-clause    otherwise a timex of the same sentence that no event took as
 *                   attached ("On Friday, the policy took ..."), the nearest one;
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

static const char *const PREP[] = {"in", "on", "at", "during", "since", "from", "until",
                                   "by", "before", "after", "last", "this", "next", "early",
                                   "late", "mid", "as", "of", NULL};

static bool is_prep(const cg_evdoc *ed, size_t k) {
  for (const char *const *p = PREP; *p; p++)
    if (teq(ed, k, *p)) return true;
  return false;
}

/* First token of the timex covering token k. */
static size_t timex_first_tok(const cg_evdoc *ed, size_t k) {
  while (k > 0 && ed->tok_timex[k - 1] == ed->tok_timex[k]) k--;
  return k;
}

/* The timex attached to the trigger of w, or -1. */
static int attached(const cg_evdoc *ed, const cg_evwork *w) {
  size_t k = w->tok;
  /* before: at most two modifiers between the timex and the trigger */
  for (size_t p = k, steps = 0; p > w->s0 && steps < 3; steps++) {
    p--;
    int tx = ed->tok_timex[p];
    if (tx >= 0) {
      const cg_timex *t = &ed->dx->timexes.items[tx];
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
    if (is_prep(ed, q) || teq(ed, q, "the") || teq(ed, q, "of")) continue;
    if (q > k + 3) return -1;
    /* one or two object words ("released the strategy on Friday") */
    if (q + 1 < limit && (ed->tok_timex[q + 1] >= 0 || is_prep(ed, q + 1))) continue;
    if (q <= k + 2) continue;
    return -1;
  }
  return -1;
}

static void set_date_from_timex(cg_event *ev, const cg_timex *t, int idx, const char *rule) {
  ev->timex = idx;
  ev->dated = true;
  ev->date = t->span;
  snprintf(ev->value, sizeof ev->value, "%s", t->value);
  snprintf(ev->mod, sizeof ev->mod, "%s", t->mod);
  ev->date_rule = rule;
}

void cg_events_date(cg_evdoc *ed) {
  cg_docx *dx = ed->dx;
  size_t nev = ed->work.len;
  int *att = cg_xmalloc((nev + 1) * sizeof(int));
  /* timexes taken as attached by some event are not shared with the clause */
  unsigned char *taken = cg_xcalloc(dx->timexes.len + 1, 1);
  for (size_t i = 0; i < nev; i++) {
    att[i] = attached(ed, &ed->work.items[i]);
    if (att[i] >= 0) taken[att[i]] = 1;
  }
  for (size_t i = 0; i < nev; i++) {
    cg_event *ev = &dx->events.items[ed->first + i];
    const cg_evwork *w = &ed->work.items[i];
    double dconf = 0.3;
    if (att[i] >= 0) {
      const cg_timex *t = &dx->timexes.items[att[i]];
      size_t f = timex_first_tok(ed, (size_t)(w->tok + 1 < ed->tk.len ? w->tok : w->tok));
      (void)f;
      if (t->flags & CG_TXF_AGE) {
        set_date_from_timex(ev, t, att[i], "age-start");
        snprintf(ev->mod, sizeof ev->mod, "APPROX");
        dconf = 0.6;
      } else if (t->flags & CG_TXF_SINCE) {
        set_date_from_timex(ev, t, att[i], "since");
        dconf = 0.8;
      } else {
        set_date_from_timex(ev, t, att[i], "timex-attached");
        dconf = 0.9;
      }
    } else {
      /* nearest free timex of the sentence */
      int best = -1;
      size_t bestd = (size_t)-1;
      for (size_t q = w->s0; q < w->s1; q++) {
        int tx = ed->tok_timex[q];
        if (tx < 0 || taken[tx] || !usable(&dx->timexes.items[tx])) continue;
        if (dx->timexes.items[tx].flags & (CG_TXF_AGE | CG_TXF_SINCE)) continue;
        size_t d = q > w->tok ? q - w->tok : w->tok - q;
        /* a semicolon between them separates the clauses */
        bool sep = false;
        for (size_t r = (q < w->tok ? q : w->tok); r < (q < w->tok ? w->tok : q); r++)
          if (teq(ed, r, ";")) sep = true;
        if (!sep && d < bestd) {
          bestd = d;
          best = tx;
        }
      }
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
}
