/*
 * Dating of events (see events.h). For each event, in order:
 *   timex-attached  a timex right before the trigger ("Moscow's 2014 annexation") or
 *                   after it within the same phrase ("invasion of Ukraine in 2022",
 *                   "released on Friday"); an age ("the four-year-old war") gives
 *                   age-start (the implied start as a year value, APPROX: the event's
 *                   date is when it began, the timex keeps its duration P4Y) and
 *                   "since 2014" gives since (not after a superlative: "the largest
 *                   war since 1945" compares, it does not start). A relational duration ("two days after
 *                   a referendum", a DURATION for the tagger) dates nothing itself;
 *   timex-clause    otherwise the nearest timex of the same clause (no ";", ":" or
 *                   subordinating conjunction such as "before", "because", "but"
 *                   between, except "after"/"before" right after a duration: "less
 *                   than a year after it fell, on 3 October 1990"); one attached to another event counts too: "annexed
 *                   Crimea on Tuesday, when Putin signed"), a free one winning a tie;
 *                   for reporting verbs only a timex before the verb ("On Monday,
 *                   NASA said"): one after it dates what was reported, not the saying;
 *   dct-reporting   reporting verbs ("said") without a timex: the publication date;
 *   dct-present     a verb in the simple present or present progressive ("Apple sells",
 *                   "GM is planning", "we intend"): news present tense holds at the
 *                   publication date. A clause timex wholly before the DCT does not
 *                   date such a verb ("For 2009, Ford expects ..."), nor one after
 *                   "V to" ("plans to cut jobs by 2008"): it dates something else in
 *                   the clause;
 *   dct-perfect     a present perfect in the lead ("Airbus has won an order"): news
 *                   convention for the latest development; span DCT-1 .. DCT, mod
 *                   ON_OR_BEFORE, low confidence. Not in the body, where a perfect
 *                   often refers back to an older event;
 *   narrative       a simple past verb with no timex of its own inherits the date of
 *                   the nearest earlier verb event of the same or the previous sentence
 *                   dated by a timex ("Markets fell on Monday. The FTSE lost 2%"):
 *                   the narrative keeps its reference time until a new timex. Only
 *                   for a reference within the week before the DCT (a report of the
 *                   last days); participles used as adjectives ("the most advanced")
 *                   or reduced relatives ("planes built by") are no past tense;
 *   none            otherwise: dated = false (never invented).
 * Tense is read from the surface: the trigger's form against its lemma and the
 * auxiliaries before it (verb_tense). Modal, infinitive, past perfect and -ing
 * forms without "is/are" get no tense rule.
 */
#include "events_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool usable(const cg_timex *tx) {
  return tx->span.valid && !(tx->flags & CG_TXF_UNRESOLVED);
}

static bool is_prep(const cg_evdoc *ed, size_t k) { return (cg_ew(ed, k) & CG_EW_DPREP) != 0; }

/* First token of the timex covering token k. */
static size_t timex_first_tok(const cg_evdoc *ed, size_t k) {
  while (k > 0 && ed->tok_timex[k - 1] == ed->tok_timex[k]) k--;
  return k;
}

/* "the largest war in Europe since 1945", "the first summit since 2018": a
 * superlative in the trigger's noun phrase makes "since X" the span of a comparison,
 * not the event's start. Looks back at most four words, stopping at punctuation. */
static bool superlative_before(const cg_evdoc *ed, size_t k, size_t s0) {
  for (size_t p = k, steps = 0; p > s0 && steps < 4; steps++) {
    p--;
    if (!(ed->tk.items[p].shape & CG_TOK_WORD)) return false;
    if (cg_ew(ed, p) & CG_EW_SUP) return true;
  }
  return false;
}

/* Whether a timex covers a token of [k - 3, k + 9) (bits: cg_event_scratch.tx_bits). */
static inline bool timex_near(const uint64_t *bits, size_t k) {
  size_t lo = k >= 3 ? k - 3 : 0, i = lo / 64, o = lo % 64;
  /* the next word's bits by two shifts, none when o is 0: no branch */
  uint64_t win = bits[i] >> o | (bits[i + 1] << 1) << (63 - o);
  return (win & 0xFFFu) != 0; /* k + 9 - lo <= 12 tokens */
}

/* Fills s->tx_bits for the n tokens of the document from s->timex_toks. */
static void timex_bits(cg_event_scratch *s, size_t n) {
  uint64_t *bits = s->tx_bits;
  memset(bits, 0, (n / 64 + 2) * sizeof *bits);
  for (size_t i = 0; i < s->timex_toks.len; i++) {
    size_t q = s->timex_toks.items[i];
    bits[q / 64] |= 1ull << (q % 64);
  }
}

/* The timex attached to the trigger of w, or -1. is_trig flags the trigger tokens of
 * the document: another verb event between the two ends the phrase ("NASA said
 * the burn ended on 8 January": the date is the ending's, not the saying's). */
static int attached(const cg_evdoc *ed, const cg_evwork *w, const unsigned char *is_trig) {
  size_t k = w->tok;
  /* the scans below find a timex only on a token that one covers, within 3 tokens
   * before the trigger or 8 after it: with none there (most events) the answer is
   * -1, and the bit map of those tokens says so with one branch (callgrind, real
   * prose: the scans cost 1.0M instructions and 16k mispredicted branches more per
   * 0.5 MB) */
  if (!timex_near(ed->s->tx_bits, k)) return -1;
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
    /* a lower-case word or "-", no preposition but "early"/"late": the tests joined
     * into one branch (each was a coin toss on real prose) */
    unsigned sh = ed->tk.items[p].shape;
    bool go = ((sh & CG_TOK_WORD) != 0) | teq(ed, p, "-");
    go &= !(sh & CG_TOK_CAP);
    go &= (!is_prep(ed, p)) | teq(ed, p, "early") | teq(ed, p, "late");
    if (!go) break;
  }
  /* after: within the phrase, through prepositions and actor mentions */
  size_t limit = k + 9 < w->s1 ? k + 9 : w->s1;
  for (size_t q = k + 1; q < limit; q++) {
    int tx = ed->tok_timex[q];
    if (tx >= 0) {
      const cg_timex *t = &ed->dx->timexes.items[tx];
      size_t f = timex_first_tok(ed, q);
      bool direct = f == k + 1 || (f > k + 1 && is_prep(ed, f - 1));
      if (direct && (t->flags & CG_TXF_SINCE) && superlative_before(ed, k, w->s0)) return -1;
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

/* "less than a year after it fell, on 3 October 1990": a conjunction right after a
 * duration belongs to that relational phrase ("N units after/before X") and does not
 * open a clause with a time of its own, so the scan goes on to the date. */
static bool after_duration(const cg_evdoc *ed, size_t k, int dir) {
  if (dir < 0 || k == 0 || ed->tok_timex[k - 1] < 0) return false;
  return ed->dx->timexes.items[ed->tok_timex[k - 1]].type == CG_TX_DURATION;
}

/* A timex the clause scan may date an event with. */
static bool clause_usable(const cg_timex *t) {
  return usable(t) && !(t->flags & (CG_TXF_AGE | CG_TXF_SINCE));
}

#define NO_STOP SIZE_MAX

/* Adds token k to s->stops_back / stops_fwd when the clause scan (clause_timex) stops
 * there: a clause end (";", ":"), a subordinating conjunction, which starts another
 * clause with its own time ("climbed earlier this year before the company joined";
 * "when" is not one: it shares the time, "annexed on Tuesday, when Putin signed"), or
 * a timex the scan may use. */
static void clause_stop(cg_evdoc *ed, size_t k) {
  cg_event_scratch *s = ed->s;
  unsigned cls = ed->tok_cls[k];
  int tx = ed->tok_timex[k];
  if (tx < 0 && !(cls & (CG_EW_CLAUSE_END | CG_EW_CONJ))) return;
  bool end = (cls & CG_EW_CLAUSE_END) != 0, back, fwd;
  if (tx >= 0) {
    back = fwd = end || clause_usable(&ed->dx->timexes.items[tx]);
  } else {
    back = end || (cls & CG_EW_CONJ);
    fwd = end || ((cls & CG_EW_CONJ) && !after_duration(ed, k, 1));
  }
  if (back) CG_VEC_PUSH(&s->stops_back, k);
  if (fwd) CG_VEC_PUSH(&s->stops_fwd, k);
}

/* Collects the tokens where the clause scan stops (clause_stop), in text order. Such
 * tokens are few: one pass, and the scan of each event moves two cursors over them
 * instead of walking its clause token by token (measured: the walks were a third of
 * dating). The pass reads only the candidates listed while the tokens were classed
 * and the timexes placed (s->clause_toks, s->timex_toks), merged in text order:
 * reading every token was 3% of the stage. */
static void clause_stops(cg_evdoc *ed) {
  cg_event_scratch *s = ed->s;
  s->stops_back.len = s->stops_fwd.len = 0;
  const size_t *ct = s->clause_toks.items, *tt = s->timex_toks.items;
  size_t ci = s->clause_toks.len, ti = 0, tn = s->timex_toks.len; /* ct: last first */
  while (ci > 0 || ti < tn) {
    size_t k;
    if (ti == tn || (ci > 0 && ct[ci - 1] < tt[ti])) {
      k = ct[--ci];
    } else {
      k = tt[ti++];
      if (ci > 0 && ct[ci - 1] == k) ci--; /* in both lists */
    }
    clause_stop(ed, k);
  }
  /* sentinels: the cursors of clause_timex stop at them without a bound test */
  CG_VEC_PUSH(&s->stops_back, NO_STOP);
  CG_VEC_PUSH(&s->stops_fwd, NO_STOP);
}

/* Positions in s->stops_back / stops_fwd of the clause scans: the events are dated in
 * text order, so each cursor only moves forward. */
typedef struct clause_cursor {
  size_t back; /* stops_back before it are before the trigger */
  size_t fwd;  /* stops_fwd from it on are after the trigger */
} clause_cursor;

/* The first of stops[i..] that is not below k (strict) or above k, given the
 * NO_STOP sentinel. Between two events a cursor passes no stop or one or two: two
 * steps with no branch, then a loop for the rest, where a plain loop's exit
 * mispredicted about one branch per event and cursor (callgrind, real prose). */
static inline size_t stop_cursor(const size_t *stops, size_t i, size_t k, bool strict) {
  size_t lim = k + !strict; /* stops below lim are passed */
  i += stops[i] < lim;
  i += stops[i] < lim;
  while (stops[i] < lim) i++;
  return i;
}

/* The nearest usable timex of the trigger's clause (see the header), or -1. */
static int clause_timex(const cg_evdoc *ed, const cg_evwork *w, const unsigned char *taken,
                        clause_cursor *cur) {
  const cg_event_scratch *s = ed->s;
  size_t k = w->tok;
  cur->back = stop_cursor(s->stops_back.items, cur->back, k, true);
  cur->fwd = stop_cursor(s->stops_fwd.items, cur->fwd, k, false);
  int best = -1;
  size_t bestd = (size_t)-1;
  for (int dir = -1; dir <= 1; dir += 2) {
    if (dir > 0 && w->report) break; /* "said ... on Monday" in the complement */
    /* the first stop on this side within the sentence and CLAUSE_REACH tokens */
    size_t q = NO_STOP, d;
    if (dir < 0 && cur->back > 0) q = s->stops_back.items[cur->back - 1];
    if (dir > 0) q = s->stops_fwd.items[cur->fwd]; /* NO_STOP at the sentinel */
    /* q in [s0, s1) (NO_STOP is not), in one unsigned compare: one branch where
     * the three mispredicted 5k times per 0.5 MB of real prose (callgrind) */
    if (q - w->s0 >= w->s1 - w->s0) continue;
    d = dir < 0 ? k - q : q - k;
    if (d > CLAUSE_REACH) continue;
    int tx = ed->tok_timex[q];
    if ((cg_ew(ed, q) & CG_EW_CLAUSE_END) || tx < 0) continue; /* the clause ends */
    size_t score = 2 * d + (taken[tx] ? 1 : 0); /* a free timex wins a tie */
    if (score < bestd) { /* the first timex on this side is the nearest */
      bestd = score;
      best = tx;
    }
  }
  return best;
}

/* Tense of a verb trigger, as far as the dating rules need it. */
typedef enum tense { T_NONE, T_PAST, T_PRESENT, T_PERFECT } tense;

/* The last 4 bytes up to the end of token k as a little-endian number (the last byte
 * highest; bytes before the token when it is shorter: ends_with masks them off), for
 * the suffix tests. */
static inline uint32_t wtail(const cg_evdoc *ed, size_t k) {
  size_t e = ed->tk.items[k].end;
  uint64_t x = 0;
  if (e >= 4) {
    const char *p = ed->t + e - 4;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint32_t y;
    memcpy(&y, p, 4); /* one load */
    x = y;
#else
    for (size_t i = 0; i < 4; i++) x |= (uint64_t)(unsigned char)p[i] << (8 * i);
#endif
  } else { /* a token at the very start of the text */
    for (size_t i = 0; i < e; i++) x |= (uint64_t)(unsigned char)ed->t[i] << (8 * (4 - e + i));
  }
  return (uint32_t)x;
}

/* A suffix of 1 to 3 bytes as wtail has it, and the mask of its bytes: constants. */
#define TAILC(s, i) ((uint32_t)(unsigned char)(s)[i] << (8 * (4 - (sizeof(s) - 1) + (i))))
#define TAIL(s)                                                                         \
  (TAILC(s, 0) | (sizeof(s) > 2 ? TAILC(s, sizeof(s) > 2 ? 1 : 0) : 0) |                \
   (sizeof(s) > 3 ? TAILC(s, sizeof(s) > 3 ? 2 : 0) : 0))
#define TAIL_MASK(s) (~(uint32_t)0 << (8 * (4 - (sizeof(s) - 1))))

/* Whether the lower-cased token k, longer than the suffix s (a literal of
 * lower-case letters), ends with it: one load and a masked compare, no loop. Setting
 * the 0x20 bit of a byte is ASCII lower-casing for this compare: the only bytes it
 * maps onto a lower-case letter are that letter and its capital. */
#define ends_with(ed, k, s)                                                             \
  (((ed)->tk.items[k].end - (ed)->tk.items[k].start > sizeof(s) - 1) &                  \
   (((wtail((ed), (k)) | 0x20202020u) & TAIL_MASK(s)) == TAIL(s)))

/* An adverb between an auxiliary and its verb ("has also won", "is currently
 * planning"): a CG_EW_ADV word or a lower-case -ly word. */
static inline bool is_adverb(const cg_evdoc *ed, size_t k) {
  /* both tests always, joined without a branch: whether a word is an adverb is a
   * coin toss on real prose */
  unsigned sh = ed->tk.items[k].shape;
  bool ly = ((sh & (CG_TOK_WORD | CG_TOK_CAP)) == CG_TOK_WORD) & ends_with(ed, k, "ly");
  return ((cg_ew(ed, k) & CG_EW_ADV) != 0) | ly;
}

/* A subject word before a present-tense verb: "it", "which", "he". */
static bool subject_pronoun(const cg_evdoc *ed, size_t k) { return (cg_ew(ed, k) & CG_EW_SUBJ) != 0; }

/* Whether an -s form at k (a = the token before it, past adverbs) is a verb, not a
 * plural noun ("outstanding orders", "credit costs"): after a name or a subject
 * pronoun, or after a lower-case word when an object follows (a determiner, a
 * number, a name, "to"). */
static bool s_verb(const cg_evdoc *ed, size_t a, size_t k, size_t s1) {
  int m = ed->tok_mention[a];
  if ((m >= 0 && ed->dx->mentions.items[m].end == ed->tk.items[a].end) || subject_pronoun(ed, a))
    return true;
  unsigned sh = ed->tk.items[a].shape;
  if (!(sh & CG_TOK_WORD) || (sh & (CG_TOK_CAP | CG_TOK_DIGIT)) ||
      (cg_ew(ed, a) & (CG_EW_DET | CG_EW_PREPS)) || k + 1 >= s1)
    return false;
  size_t n = k + 1;
  return (cg_ew(ed, n) & CG_EW_DET) || (ed->tk.items[n].shape & CG_TOK_DIGIT) ||
         ed->tok_mention[n] >= 0 || tok_lower_eq(ed, n, "to");
}

/* "planes built by Boeing": "by" and an agent after the participle (not an amount:
 * "dropped by 4%"). */
static bool passive_by(const cg_evdoc *ed, size_t k, size_t s1) {
  if (k + 2 >= s1 || !tok_lower_eq(ed, k + 1, "by")) return false;
  size_t x = k + 2;
  return !(ed->tk.items[x].shape & (CG_TOK_DIGIT | CG_TOK_PUNCT)) &&
         !(tok_lower_eq(ed, x, "about") | tok_lower_eq(ed, x, "more") | tok_lower_eq(ed, x, "as") |
           tok_lower_eq(ed, x, "nearly") | tok_lower_eq(ed, x, "almost") |
           tok_lower_eq(ed, x, "over") | tok_lower_eq(ed, x, "a"));
}

/* A verb form of the trigger lexicon right before: "has caused dropped calls". */
static bool prev_is_verb(const cg_evdoc *ed, size_t a) {
  /* the cheap tests before the lookup: "-ed", and the bit of the forms' filter
   * (CG_EW_FORM: a word under 64 bytes that may be a form, see word_classes) */
  if (!ends_with(ed, a, "ed") || !(cg_ew(ed, a) & CG_EW_FORM)) return false;
  const cg_token *t = &ed->tk.items[a];
  int32_t packed;
  if (!cg_lexmap_get_lower_h(ed->lx->forms, ed->t + t->start, t->end - t->start, t->lhash, &packed))
    return false;
  return ((uint32_t)packed & 0xFFFFu) != 0xFFFFu;
}

/* The tense of the verb trigger of w: T_PERFECT for "has/have (been)
 * V-ed", T_PRESENT for an -s form, "is/are/am V-ing|V-ed" and a base form after "I",
 * "we", "they", "you"; T_PAST for a past form with no auxiliary; T_NONE otherwise
 * (modals, "to", "did", "was/were", past perfect, gerunds). */
static tense verb_tense(const cg_evdoc *ed, const cg_evwork *w) {
  if (w->noun) return T_NONE;
  size_t k = w->tok, p = k;
  bool base = w->trig_flags & CG_TRIG_BASE, ing = w->trig_flags & CG_TRIG_ING;
  /* an -s form that is neither the lemma nor an -ing form, in one test (the chain
   * of three mispredicted 3k times per 0.5 MB of real prose, callgrind) */
  bool s_form = (w->trig_flags & (CG_TRIG_BASE | CG_TRIG_ING | CG_TRIG_S)) == CG_TRIG_S;
  for (int i = 0; i < 3 && p > w->s0 && is_adverb(ed, p - 1); i++) p--;
  if (p == w->s0) return base || ing ? T_NONE : s_form ? T_PRESENT : T_PAST;
  size_t a = p - 1;
  bool been = tok_lower_eq(ed, a, "been");
  if (been) {
    a = p - 1;
    for (int i = 0; i < 3 && a > w->s0 && is_adverb(ed, a - 1); i++) a--;
    if (a == w->s0) return T_NONE;
    a--;
  }
  if (tok_lower_eq(ed, a, "has") | tok_lower_eq(ed, a, "have") | tok_lower_eq(ed, a, "'ve")) {
    if (!been && (base || ing || s_form)) return T_NONE;
    /* "would have won", "to have signed": not a perfect of the present */
    if (a > w->s0 && (cg_ew(ed, a - 1) & CG_EW_AUX) && !is_adverb(ed, a - 1)) return T_NONE;
    return T_PERFECT;
  }
  if (been) return T_NONE;
  if (tok_lower_eq(ed, a, "is") | tok_lower_eq(ed, a, "are") | tok_lower_eq(ed, a, "am"))
    return base || s_form ? T_NONE : T_PRESENT; /* progressive or present passive */
  if (cg_ew(ed, a) & (CG_EW_AUX | CG_EW_BE)) return T_NONE;
  if (s_form) return s_verb(ed, a, k, w->s1) ? T_PRESENT : T_NONE;
  if (base)
    return tok_lower_eq(ed, a, "i") | tok_lower_eq(ed, a, "we") | tok_lower_eq(ed, a, "they") |
                   tok_lower_eq(ed, a, "you")
               ? T_PRESENT
               : T_NONE;
  if (ing) return T_NONE;
  /* a participle used as an adjective or a reduced relative: "the most advanced
   * system", "155 planes ordered", "laptops produced by Apple" */
  unsigned pc = cg_ew(ed, a);
  if ((pc & (CG_EW_DET | CG_EW_PREPS)) ||
      tok_lower_eq(ed, a, "most") | tok_lower_eq(ed, a, "when") | tok_lower_eq(ed, a, "if") |
          tok_lower_eq(ed, a, "more") ||
      (ed->tk.items[a].shape & (CG_TOK_POSS | CG_TOK_DIGIT)) ||
      prev_is_verb(ed, a) || passive_by(ed, k, w->s1))
    return T_NONE;
  return T_PAST;
}

/* Copies the string src into dst[cap] as snprintf("%s") would (truncated, always
 * terminated), without the formatting machinery: this runs once per event. */
static void copy_str(char *dst, size_t cap, const char *src) {
  size_t n = strnlen(src, cap - 1);
  memcpy(dst, src, n);
  dst[n] = '\0';
}

/* Copies a value or mod array into one of the same size: the whole array in one
 * fixed-size move, then terminated as copy_str would (no strnlen and variable memcpy
 * per event). The bytes after the NUL are never read. */
#define COPY_ARRAY(dst, src)                                                              \
  do {                                                                                  \
    _Static_assert(sizeof(dst) == sizeof(src), "arrays of one size");                   \
    memcpy((dst), (src), sizeof(dst));                                                  \
    (dst)[sizeof(dst) - 1] = '\0';                                                      \
  } while (0)

static void set_date_from_timex(cg_event *ev, const cg_timex *t, int idx, const char *rule) {
  ev->timex = idx;
  ev->dated = true;
  ev->date = t->span;
  COPY_ARRAY(ev->value, t->value);
  COPY_ARRAY(ev->mod, t->mod);
  ev->date_rule = rule;
}

/* snprintf "%04lld" of year y into dst[cap], without printf for the years 0..9999. */
static void put_year(char *dst, size_t cap, int64_t y) {
  if (y < 0 || y > 9999 || cap < 5) {
    snprintf(dst, cap, "%04lld", (long long)y);
    return;
  }
  unsigned yy = (unsigned)y;
  char t[5] = {(char)('0' + yy / 1000), (char)('0' + yy / 100 % 10), (char)('0' + yy / 10 % 10),
               (char)('0' + yy % 10), '\0'};
  memcpy(dst, t, sizeof t);
}

/* The narrative rule carries a reference time only within a report of the last
 * days (market reports, the day's events): older background dates in news text jump
 * back and forth and are not inherited. */
#define NARRATIVE_DAYS 7

/* Dates ev with the publication date under rule (span from earliest_off days before
 * the DCT to the DCT, mod as given). */
static void set_date_dct(cg_evdoc *ed, cg_event *ev, const char *rule, int64_t earliest_off,
                         const char *mod) {
  const cg_docx *dx = ed->dx;
  ev->dated = true;
  ev->timex = -1;
  /* cg_span_range and cg_span_day, in place: no call (as copy_str below is made
   * only for a mod that is not empty), this runs for most events (callgrind, real
   * prose: 0.1M instructions per 0.5 MB) */
  ev->date = (cg_span){true, dx->dct_day - earliest_off, dx->dct_day, CG_GRAN_DAY};
  /* formatted once per thread and DCT: most events of a report take the DCT, and
   * the documents of a feed come from a few weeks of days (measured: formatting it
   * once per document was 4% of the stage) */
  cg_dct_text *dt = &ed->s->dct_text[(uint64_t)dx->dct_day % CG_DCT_CACHE];
  if (!dt->ok || dt->day != dx->dct_day) {
    cg_format_day(dx->dct_day, dt->value, sizeof dt->value);
    dt->day = dx->dct_day;
    dt->ok = true;
  }
  COPY_ARRAY(ev->value, dt->value);
  if (*mod) copy_str(ev->mod, sizeof ev->mod, mod);
  else ev->mod[0] = '\0';
  ev->date_rule = rule;
}

/* True when timex tx lies wholly before the DCT (its latest day is earlier). */
static bool before_dct(const cg_docx *dx, int tx) {
  return dx->dct_day != CG_NO_DAY && dx->timexes.items[tx].span.latest < dx->dct_day;
}

/* Sentences of the lead: the first two sentences that hold a verb event (a title and
 * the first sentence of the body, or the first two sentences when there is no title).
 * Returns the index of the last lead sentence, or UINT32_MAX when there are none. */
static uint32_t lead_end(const cg_evdoc *ed) {
  uint32_t seen = 0, last = UINT32_MAX;
  bool any = false;
  for (size_t i = 0; i < ed->work.len && seen < 2; i++) {
    if (ed->work.items[i].noun) continue;
    uint32_t s = ed->dx->events.items[ed->first + i].sentence;
    if (!any || s != last) {
      seen++;
      last = s;
      any = true;
    }
  }
  return last;
}

void cg_events_date(cg_evdoc *ed) {
  cg_docx *dx = ed->dx;
  size_t nev = ed->work.len;
  uint32_t lead = lead_end(ed);
  /* the last verb event dated by a timex: the narrative's reference time */
  int ref = -1;
  cg_event_scratch *s = ed->s;
  if (s->attcap < nev + 1) {
    s->attcap = nev + 1 + nev / 2;
    free(s->att);
    s->att = cg_xmalloc(s->attcap * sizeof(int));
  }
  if (s->takencap < dx->timexes.len + 1) {
    s->takencap = dx->timexes.len + 1 + dx->timexes.len / 2;
    free(s->taken);
    s->taken = cg_xmalloc(s->takencap);
  }
  int *att = s->att;
  /* timexes taken as attached by some event are not shared with the clause */
  unsigned char *taken = s->taken, *is_trig = s->is_trig; /* is_trig: tk.len + 1 */
  memset(taken, 0, dx->timexes.len + 1);
  memset(is_trig, 0, ed->tk.len + 1);
  for (size_t i = 0; i < nev; i++)
    is_trig[ed->work.items[i].tok] |= !ed->work.items[i].noun; /* verbs only, no branch */
  if (nev) {
    clause_stops(ed);
    timex_bits(s, ed->tk.len);
  }
  clause_cursor cur = {0, 0};
  for (size_t i = 0; i < nev; i++) {
    att[i] = attached(ed, &ed->work.items[i], is_trig);
    if (att[i] >= 0) taken[att[i]] = 1;
  }
  for (size_t i = 0; i < nev; i++) {
    cg_event *ev = &dx->events.items[ed->first + i];
    const cg_evwork *w = &ed->work.items[i];
    double dconf = 0.3;
    bool by_timex = false; /* dated by rule "timex-attached" or "timex-clause" */
    tense tn = verb_tense(ed, w);
    /* a present-tense verb is not dated by a past timex (see dct-present) */
    if (att[i] >= 0 && tn == T_PRESENT && !(dx->timexes.items[att[i]].flags & CG_TXF_SINCE) &&
        before_dct(dx, att[i]))
      att[i] = -1;
    if (att[i] >= 0) {
      const cg_timex *t = &dx->timexes.items[att[i]];
      if (t->flags & CG_TXF_AGE) {
        set_date_from_timex(ev, t, att[i], "age-start");
        /* the event's date is its start, not the age: a year value */
        int64_t y;
        unsigned mo, d;
        cg_civil_from_days(t->span.earliest + (t->span.latest - t->span.earliest) / 2, &y, &mo, &d);
        put_year(ev->value, sizeof ev->value, y);
        copy_str(ev->mod, sizeof ev->mod, "APPROX");
        dconf = 0.6;
      } else if (t->flags & CG_TXF_SINCE) {
        set_date_from_timex(ev, t, att[i], "since");
        dconf = 0.8;
      } else {
        set_date_from_timex(ev, t, att[i], "timex-attached");
        by_timex = true;
        dconf = 0.9;
      }
    } else {
      int best = clause_timex(ed, w, taken, &cur);
      /* "plans to cut ... by 2008", "is scheduled to open in 2008": the timex dates
       * the infinitive, the present plan is the DCT's */
      if (best >= 0 && tn == T_PRESENT &&
          (before_dct(dx, best) ||
           (w->tok + 1 < w->s1 && tok_lower_eq(ed, w->tok + 1, "to") &&
            dx->timexes.items[best].start > ed->tk.items[w->tok].end)))
        best = -1;
      bool dct = dx->dct_day != CG_NO_DAY;
      const cg_event *rv = ref >= 0 ? &dx->events.items[ed->first + (size_t)ref] : NULL;
      if (best >= 0) {
        set_date_from_timex(ev, &dx->timexes.items[best], best, "timex-clause");
        by_timex = true;
        dconf = 0.7;
      } else if (w->report && dct) {
        set_date_dct(ed, ev, "dct-reporting", 0, "");
        dconf = 0.75;
      } else if (tn == T_PRESENT && dct) {
        set_date_dct(ed, ev, "dct-present", 0, "");
        dconf = 0.5;
      } else if (tn == T_PERFECT && dct && ev->sentence <= lead) {
        set_date_dct(ed, ev, "dct-perfect", 1, "ON_OR_BEFORE");
        dconf = 0.45;
      } else if (tn == T_PAST && rv && ev->sentence <= rv->sentence + 1 && dct &&
                 rv->date.earliest >= dx->dct_day - NARRATIVE_DAYS &&
                 rv->date.latest <= dx->dct_day + 1) {
        ev->dated = true;
        ev->timex = rv->timex;
        ev->date = rv->date;
        COPY_ARRAY(ev->value, rv->value);
        COPY_ARRAY(ev->mod, rv->mod);
        ev->date_rule = "narrative";
        dconf = 0.45;
      } else {
        ev->dated = false;
        ev->date_rule = "none";
      }
    }
    if (!w->noun && ev->dated && ev->timex >= 0 && by_timex) ref = (int)i;
    double c = 0.6 * dconf + 0.4 * w->actor_conf;
    ev->confidence = c < 0 ? 0 : c > 1 ? 1 : c;
  }
}
