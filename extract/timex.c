/* The temporal tagger's driver: loads the data (timex_lex.c), cuts the text into
 * chunks, tokenises and matches each (timex_scan.c), guesses the tense around each
 * match, normalises it (timex_norm.c) and appends the timexes to the document. */
#include "timex_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Loads <datadir>/en/timex; on success the caller owns *out (cg_tagger_free). */
cg_status cg_tagger_new(cg_tagger **out, const char *datadir, cg_error *err) {
  *out = NULL;
  cg_tagger *t = cg_xcalloc(1, sizeof *t);
  cg_status st = tx_load(t, cg_datadir(datadir), err);
  if (st != CG_OK) {
    cg_tagger_free(t);
    return st;
  }
  /* classes the C code reads itself count as used */
  const char *c_used[] = {"PAST", "FUTURE", "NOTENSE", "PERSON", "MONTHCUE", "TITLE"};
  for (size_t i = 0; i < sizeof c_used / sizeof *c_used; i++) {
    int id = tx_class_id(t, c_used[i]);
    if (id >= 0) t->class_used[id] = true;
  }
  tx_class_ids(t, &t->ids); /* once: no class name is compared while tagging */
  tx_build_shorts(t);
  *out = t;
  return CG_OK;
}

/* Frees everything the tagger owns; NULL ok. */
void cg_tagger_free(cg_tagger *t) {
  if (!t) return;
  for (int i = 0; i < t->nclasses; i++) free(t->class_names[i]);
  for (size_t i = 0; i < t->wcap; i++) free(t->words[i].key);
  free(t->words);
  free(t->shorts);
  free(t->mediums);
  for (size_t i = 0; i < t->nnodes; i++) free(t->nodes[i].edges);
  free(t->nodes);
  for (int i = 0; i < t->nfiles; i++) free(t->files[i]);
  free(t->files);
  free(t->file_entries);
  for (int i = 0; i < t->npools; i++) free(t->pools[i]);
  free(t->pools);
  free(t);
}

static bool has_cls(const tx_tok *tk, int cls) { return tx_tok_has(tk, cls); }

/* Tense cue of token toks[k]: -1 past, +1 future, 0 none; -2 for a strong past cue,
 * an -ed verb right after a capitalised subject ("Trump returned"), which an -ed word
 * after "the" ("the reduced dividend") or "has" is not. */
static int tense_of(const char *text, const tx_tok *toks, size_t k) {
  const tx_tok *tk = &toks[k];
  /* the cue classes from the token's flags (TX_W_PAST...): tense_at asks up to 24
   * tokens around each match, and their entries are seldom in cache (reading them
   * cost 1.9 M instructions and 13,000 D1 misses more on news-2000000.jsonl) */
  if (tk->bmask) return 0; /* a number is no cue, nor an -ed word */
  if (tx_tok_flag(tk, TX_W_FUTURE)) return 1;
  if (tx_tok_flag(tk, TX_W_PAST)) return -1;
  size_t l = tk->end - tk->start;
  if (l > 3 && text[tk->end - 1] == 'd' && text[tk->end - 2] == 'e' && !tx_tok_flag(tk, TX_W_ANY)) {
    if (k > 0 && !tk->sent_start && toks[k - 1].capital && !toks[k - 1].bmask &&
        !tx_tok_flag(&toks[k - 1], TX_W_ANY))
      return -2;
    return -1;
  }
  return 0;
}

/* -1 past, +1 future, 0 unknown (-2 strong past, see tense_of): the nearest tense cue
 * in the same sentence. */
static int tense_at(const char *text, const tx_tok *toks, size_t n, size_t i, size_t j) {
  bool back = !toks[i].sent_start, fwd = true;
  for (size_t d = 1; d <= 12 && (back || fwd); d++) {
    if (back && i >= d) {
      int t = tense_of(text, toks, i - d);
      if (t) return t;
      if (toks[i - d].sent_start) back = false;
    } else back = false;
    if (fwd && j + d - 1 < n && !toks[j + d - 1].sent_start) {
      int t = tense_of(text, toks, j + d - 1);
      if (t) return t > -2 ? t : -1;
    } else fwd = false;
  }
  return 0;
}

int tx_ctx_tense(tx_ctx *ctx) {
  if (!ctx->tense_known) {
    ctx->tense =
        tense_at(ctx->tense_text, ctx->tense_toks, ctx->tense_n, ctx->tense_i, ctx->tense_j);
    ctx->tense_known = true;
  }
  return ctx->tense;
}

/* An explicit date (with its own year) that can anchor narrative text. */
static bool explicit_anchor(const cg_timex *x) {
  return x->type == CG_TX_DATE && !(x->flags & (CG_TXF_RELATIVE | CG_TXF_UNRESOLVED)) &&
         x->span.valid && x->span.gran >= CG_GRAN_YEAR;
}

/* True when the match pick[0..n) is a capitalised month name alone ("May", "March")
 * that reads as a person's name: after a capitalised word or a title ("Theresa May",
 * "Mrs. May"), or before "'s" or a verb ("May signed", "May told"), unless a word such
 * as "in" or "since" introduces it. */
static bool month_is_name(const tx_cls_ids *ids, const char *text, const tx_tok *toks,
                          size_t ntoks, size_t i, const tx_ent *pick, int n) {
  if (n != 1 || pick[0].cls != ids->month || !pick[0].cap) return false;
  const tx_tok *prev = i > 0 ? &toks[i - 1] : NULL;
  if (prev && has_cls(prev, ids->monthcue)) return false;
  if (prev && has_cls(prev, ids->title)) return true;
  if (prev && !toks[i].sent_start && !prev->sent_start && prev->capital) return true;
  if (i + 1 >= ntoks || toks[i + 1].sent_start) return false;
  const tx_tok *nx = &toks[i + 1];
  if (has_cls(nx, ids->poss) || has_cls(nx, ids->past_cue) || has_cls(nx, ids->future_cue) ||
      has_cls(nx, ids->notense))
    return true;
  /* a lower-case verb form: "signed", "triggers" (a plural noun such as "sales" is
   * left alone: only -ed, and -s after a verb-like stem ending in a consonant + s) */
  size_t l = nx->end - nx->start;
  const char *w = text + nx->start;
  if (l > 3 && (w[0] >= 'a' && w[0] <= 'z') && !tx_tok_any(nx)) {
    if (w[l - 1] == 'd' && w[l - 2] == 'e') return true;
    if (w[l - 1] == 's' && (w[l - 2] == 'e' || w[l - 2] == 'r' || w[l - 2] == 'n') &&
        i + 2 < ntoks && !toks[i + 2].sent_start && !(text[toks[i + 2].start] >= 'a' && text[toks[i + 2].start] <= 'z'))
      return true;
  }
  return false;
}

static bool strncasecmp_ascii(const char *a, const char *b, size_t n) {
  for (size_t k = 0; k < n; k++)
    if (cg_lower((unsigned char)a[k]) != cg_lower((unsigned char)b[k])) return true;
  return false;
}

/* "31 January 2020 at 11pm GMT": a clock time right after a full date (joined by "at"
 * or a comma) is on that date, not on the DCT's day. Rewrites x's date part; returns
 * true when it did. */
static bool time_on_date(const char *text, const cg_timex *d, cg_timex *x) {
  if (d->type != CG_TX_DATE || strlen(d->value) != 10 || d->value[4] != '-' ||
      strlen(x->value) < 11 || x->value[10] != 'T' || x->start < d->end || x->start - d->end > 5)
    return false;
  size_t s = d->end, e = x->start;
  while (s < e && (cg_isspace((unsigned char)text[s]) || text[s] == ',')) s++;
  if (s < e && !(e - s >= 2 && !strncasecmp_ascii(text + s, "at", 2))) return false;
  memcpy(x->value, d->value, 10);
  x->span = cg_span_from_value(x->value);
  return true;
}

/* "at 11pm on Friday": a clock time whose match named no day (tx_ctx.day_default),
 * followed by "on" and a day date d, is on that day, not on the DCT's. The weekday is
 * resolved first (against the tense, like any "on Friday"), then the time takes its
 * day. Rewrites x's date part. */
static void time_before_date(const char *text, const cg_timex *d, cg_timex *x) {
  if (x->type != CG_TX_TIME || d->type != CG_TX_DATE || strlen(d->value) != 10 ||
      d->value[4] != '-' || strlen(x->value) < 11 || x->value[10] != 'T' ||
      d->start < x->end || d->start - x->end > 6)
    return;
  size_t s = x->end, e = d->start;
  while (s < e && cg_isspace((unsigned char)text[s])) s++;
  if (e - s < 3 || strncasecmp_ascii(text + s, "on", 2) || !cg_isspace((unsigned char)text[s + 2]))
    return;
  for (s += 2; s < e; s++)
    if (!cg_isspace((unsigned char)text[s])) return;
  memcpy(x->value, d->value, 10);
  x->flags = (x->flags & ~CG_TXF_UNRESOLVED) | (d->flags & (CG_TXF_RELATIVE | CG_TXF_NARRATIVE |
                                                            CG_TXF_UNRESOLVED));
  x->span = cg_span_from_value(x->value);
}

/* Paragraph breaks in text[from, to): a blank line, or a newline after a sentence end. */
static size_t count_paragraphs(const char *text, size_t from, size_t to) {
  size_t n = 0;
  for (size_t p = from; p < to; p++) {
    const char *nl = memchr(text + p, '\n', to - p); /* fast skip to the next newline */
    if (!nl) break;
    p = (size_t)(nl - text);
    size_t k = p + 1;
    while (k < to && text[k] != '\n' && cg_isspace((unsigned char)text[k])) k++;
    size_t b = p;
    while (b > from && (text[b - 1] == ' ' || text[b - 1] == '\r' || text[b - 1] == '\t')) b--;
    char e = b > from ? text[b - 1] : 0;
    if ((k < to && text[k] == '\n') || e == '.' || e == '!' || e == '?' || e == '"') {
      n++;
      p = k < to && text[k] == '\n' ? k : p;
    }
  }
  return n;
}

/* Paragraphs a narrative reference stays in reach (its own and this many after). */
#define REF_PARAGRAPHS 2
/* Days from the DCT beyond which an explicit date starts a narrative reference. */
#define REF_FAR_DAYS 366

/* Marks "from X to Y", "between X and Y", "X-Y" pairs of dates among the timexes
 * from index first on, looking at those from index from (>= first) on: called after
 * each chunk, while its text and timexes are still in cache. It reads only the type
 * and extent of a timex, which nothing changes after it is pushed. */
static void mark_ranges(cg_docx *dx, size_t first, size_t from) {
  const char *text = dx->doc->text;
  for (size_t k = from > first ? from : first + 1; k < dx->timexes.len; k++) {
    cg_timex *a = &dx->timexes.items[k - 1], *b = &dx->timexes.items[k];
    if (a->type != CG_TX_DATE || b->type != CG_TX_DATE) continue;
    size_t s = a->end, e = b->start;
    if (e - s > 12) continue;
    while (s < e && cg_isspace((unsigned char)text[s])) s++;
    while (e > s && cg_isspace((unsigned char)text[e - 1])) e--;
    size_t l = e - s;
    bool sep = (l == 1 && text[s] == '-') || (l == 3 && !strncmp(text + s, "\xE2\x80\x93", 3)) ||
               (l == 2 && !strncmp(text + s, "to", 2)) || (l == 3 && !strncmp(text + s, "and", 3)) ||
               (l == 7 && !strncmp(text + s, "through", 7)) || (l == 5 && !strncmp(text + s, "until", 5));
    if (!sep) continue;
    a->flags |= CG_TXF_RANGE_FROM;
    b->flags |= CG_TXF_RANGE_TO;
  }
  for (size_t k = from; k < dx->timexes.len; k++) {
    cg_timex *x = &dx->timexes.items[k];
    size_t s = x->start;
    while (s > 0 && cg_isspace((unsigned char)text[s - 1])) s--;
    if (s >= 5 && !strncmp(text + s - 5, "since", 5) &&
        (s == 5 || !cg_isalpha((unsigned char)text[s - 6])))
      x->flags |= CG_TXF_SINCE;
    if (s >= 5 && !strncmp(text + s - 5, "Since", 5)) x->flags |= CG_TXF_SINCE;
  }
}

/* Bytes after a quarter is named within which "a year earlier" still means that
 * quarter a year before (a results story's paragraphs). */
#define QUARTER_REACH 2500

/* End of the chunk that starts at cs. Chunks are about 16 KiB and end at a newline,
 * else after a space, else (one huge "word") at a UTF-8 character boundary: tokens,
 * and so memory, stay bounded whatever the input looks like. */
static size_t chunk_end(const char *text, size_t cs, size_t len) {
  enum { TARGET = 16384, SLACK = 4096 };
  if (len - cs <= TARGET + SLACK) return len;
  size_t ce = cs + TARGET, lim = ce + SLACK;
  for (size_t p = ce; p < lim; p++)
    if (text[p - 1] == '\n') return p;
  for (size_t p = ce; p < lim; p++)
    if (cg_isspace((unsigned char)text[p - 1])) return p;
  while (ce < lim && ((unsigned char)text[ce] & 0xC0) == 0x80) ce++;
  return ce;
}

/* Writes to out the index of every token of toks[from, to) at which a pattern may
 * start (a superset of tx_tok_starts: numbers, and words with TX_W_START or
 * TX_W_START_CAP whatever their case); returns how many. Whether a word of prose can
 * start a pattern follows no pattern the predictor learns: the match loop's test of
 * it, one branch per token, mispredicted ~25,000 times on tbaq-x1.jsonl (callgrind
 * --branch-sim). Here the answer is data (the slot is written for every token, the
 * count moves on when it holds), and the loop tests tx_tok_starts on the one token in
 * eight that is listed. */
static size_t list_starts(const tx_tok *toks, size_t from, size_t to, uint32_t *out) {
  size_t k = 0;
  for (size_t i = from; i < to; i++) {
    out[k] = (uint32_t)i;
    k += (toks[i].bmask != 0) | ((toks[i].ival & (TX_W_START | TX_W_START_CAP)) != 0);
  }
  return k;
}

/* Tokens list_starts lists at a time (6 KiB of tokens): the match loop then reads
 * them while they are still in D1. Listing a whole chunk's tokens (80 KiB for 16 KiB
 * of text) first had 23% more D1 read misses on a 2 MB text tagged as one document
 * (bench_tagger, callgrind --cache-sim). */
#define START_WINDOW 256

struct cg_tagger_scratch {
  tx_tokvec toks;  /* the tokens of a chunk */
  tx_idxvec merge; /* tx_tokenise's list of tokens that may start a merge */
};

cg_tagger_scratch *cg_tagger_scratch_new(void) { return cg_xcalloc(1, sizeof(cg_tagger_scratch)); }

void cg_tagger_scratch_free(cg_tagger_scratch *s) {
  if (!s) return;
  free(s->toks.items);
  free(s->merge.items);
  free(s);
}

/* Appends the timexes of dx->doc->text to dx->timexes; see timex.h. Making the two
 * arrays for each document cost 2.8 M instructions and 85,000 I1 misses in malloc and
 * free on news-2000000.jsonl (callgrind --cache-sim): a pipeline keeps them. */
cg_status cg_tagger_run(const cg_tagger *t, cg_docx *dx, cg_tag_mode mode) {
  cg_tagger_scratch s = {{0}, {0}};
  cg_status st = cg_tagger_run_scratch(t, dx, mode, &s);
  free(s.toks.items);
  free(s.merge.items);
  return st;
}

cg_status cg_tagger_run_scratch(const cg_tagger *t, cg_docx *dx, cg_tag_mode mode,
                                cg_tagger_scratch *s) {
  const char *text = dx->doc->text;
  size_t len = dx->doc->len;
  if (!text || !len) return CG_OK;
  /* narrative references: in auto mode always (they only win over the DCT when far
   * from it and near in the text); in narrative mode; never in forced news mode */
  bool refs = mode != CG_MODE_NEWS;
  if (mode == CG_MODE_AUTO) mode = dx->dct_day != CG_NO_DAY ? CG_MODE_NEWS : CG_MODE_NARRATIVE;
  const tx_cls_ids ids = t->ids;
  tx_ctx ctx = {.anchor = dx->dct_day, .tense = 0, .narrative = mode == CG_MODE_NARRATIVE,
                .quarter = -1};
  size_t quarter_at = 0; /* where the quarter context was last named */
  if (mode == CG_MODE_NARRATIVE) ctx.anchor = CG_NO_DAY;
  ctx.ref_fine = ctx.ref_any = ctx.ref_ana = CG_NO_DAY;
  ctx.ref_ana_gran = CG_GRAN_NONE;
  size_t para = 0, para_at = 0;         /* paragraph number of text position para_at */
  size_t ref_fine_para = 0, ref_any_para = 0, ref_ana_para = 0;
  int64_t ref_fine = CG_NO_DAY, ref_any = CG_NO_DAY, ref_ana = CG_NO_DAY;
  cg_gran ref_ana_gran = CG_GRAN_NONE;
  size_t first = dx->timexes.len;
  size_t marked = first; /* timexes before this index went through mark_ranges */
  size_t time_default = SIZE_MAX; /* index of the last timex if it is a TIME without a day */
  tx_tokvec toks = s->toks; /* given back to s at the end */
  tx_ent pick[TX_MAX_PAT];
  for (size_t cs = 0; cs < len;) {
    size_t ce = chunk_end(text, cs, len);
    const char *ct = text + cs; /* token offsets are relative to the chunk */
    tx_tokenise(t, ct, ce - cs, &toks, &s->merge);
    /* s->merge is tx_tokenise's scratch, free now: it lists the tokens that may start
     * a pattern (it has room for one index per byte, so per token) */
    uint32_t *starts = s->merge.items;
    size_t nstarts = 0, c = 0, listed = 0; /* starts[c, nstarts) of toks[0, listed) */
    /* i: the first token not in a match yet */
    for (size_t i = 0;;) {
      if (c == nstarts) { /* list the next window */
        if (listed == toks.len) break;
        size_t to = toks.len - listed > START_WINDOW ? listed + START_WINDOW : toks.len;
        nstarts = list_starts(toks.items, listed, to, starts);
        listed = to;
        c = 0;
        continue;
      }
      if (starts[c] < i) {
        c++;
        continue; /* in the match before */
      }
      i = starts[c++];
      int type = -1;
      int n = tx_tok_starts(t, &toks.items[i]) && tx_tok_may_match(t, toks.items, toks.len, i)
                  ? tx_match(t, toks.items, toks.len, i, pick, &type)
                  : 0;
      if (!n) continue;
      cg_timex x;
      memset(&x, 0, sizeof x);
      x.start = cs + toks.items[i].start;
      /* a trailing cue ("the year ended") tells the value but is not in the extent */
      int ncomp = n > 1 && pick[n - 1].cls == ids.endcue ? n : 0;
      while (n > 1 && (pick[n - 1].cls == ids.comma || pick[n - 1].cls == ids.of ||
                       pick[n - 1].cls == ids.the || pick[n - 1].cls == ids.hyphen ||
                       pick[n - 1].cls == ids.endcue))
        n--; /* "Tuesday, 3 November," ends at the date, not at the comma */
      if (!ncomp) ncomp = n;
      x.end = cs + toks.items[i + (size_t)n - 1].end;
      if (month_is_name(&ids, ct, toks.items, toks.len, i, pick, n)) continue;
      /* the tense is looked for only if the value needs it (tx_ctx_tense), for 591 of
       * the 2,046 matches on tbaq-x1.jsonl: looking for it at every match cost the
       * pipeline 0.7 M instructions of 106 M and 22,000 mispredicted branches more
       * (callgrind --branch-sim --toggle-collect=worker) */
      ctx.tense_known = false;
      ctx.tense_text = ct;
      ctx.tense_toks = toks.items;
      ctx.tense_n = toks.len;
      ctx.tense_i = i;
      ctx.tense_j = i + (size_t)n;
      /* the narrative references still in reach here (auto and narrative modes) */
      /* only distances to a pending reference matter: skip the count when none is */
      if (ref_fine != CG_NO_DAY || ref_any != CG_NO_DAY || ref_ana != CG_NO_DAY)
        para += count_paragraphs(text, para_at, x.start);
      para_at = x.start;
      ctx.ref_fine = refs && ref_fine != CG_NO_DAY && para - ref_fine_para <= REF_PARAGRAPHS ? ref_fine : CG_NO_DAY;
      ctx.ref_any = refs && ref_any != CG_NO_DAY && para - ref_any_para <= REF_PARAGRAPHS ? ref_any : CG_NO_DAY;
      ctx.ref_ana = ref_ana != CG_NO_DAY && para - ref_ana_para <= REF_PARAGRAPHS ? ref_ana : CG_NO_DAY;
      ctx.ref_ana_gran = ref_ana_gran;
      if (ctx.quarter >= 0 && x.start - quarter_at > QUARTER_REACH) ctx.quarter = -1;
      bool keep = tx_compose(&ids, pick, ncomp, type, &ctx, &x);
      if (keep && (x.flags & CG_TXF_AGE)) {
        /* a person's age ("a 6-year-old boy", "the 44-year-old, who") is not tagged */
        size_t nx = i + (size_t)n;
        keep = nx < toks.len && !has_cls(&toks.items[nx], ids.person) &&
               cg_isalpha((unsigned char)ct[toks.items[nx].start]) &&
               !cg_isupper((unsigned char)ct[toks.items[nx].start]);
      }
      bool day_default = keep && x.type == CG_TX_TIME && ctx.day_default;
      if (keep && x.type == CG_TX_TIME && dx->timexes.len > first &&
          time_on_date(text, &dx->timexes.items[dx->timexes.len - 1], &x))
        day_default = false;
      if (keep && x.type == CG_TX_DATE && time_default != SIZE_MAX)
        time_before_date(text, &x, &dx->timexes.items[time_default]);
      time_default = day_default ? dx->timexes.len : SIZE_MAX; /* x's index once pushed */
      if (keep) {
        if (mode == CG_MODE_NARRATIVE && (x.flags & CG_TXF_RELATIVE)) x.flags |= CG_TXF_NARRATIVE;
        CG_VEC_PUSH(&dx->timexes, x);
        /* "1989-Q3" exactly (no sscanf: this runs for every timex) */
        const char *q = x.value;
        if (!ctx.used_quarter && cg_isdigit((unsigned char)q[0]) && cg_isdigit((unsigned char)q[1]) &&
            cg_isdigit((unsigned char)q[2]) && cg_isdigit((unsigned char)q[3]) && q[4] == '-' &&
            q[5] == 'Q' && q[6] >= '1' && q[6] <= '4' && !q[7]) {
          int qy = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
          ctx.quarter = (int64_t)qy * 4 + (q[6] - '1');
          quarter_at = x.start;
        }
        if (mode == CG_MODE_NARRATIVE && explicit_anchor(&x)) ctx.anchor = x.span.earliest;
        bool dated = x.type == CG_TX_DATE && x.span.valid && x.span.gran >= CG_GRAN_YEAR &&
                     !(x.flags & CG_TXF_UNRESOLVED);
        /* "since 1971" is where a state began, not the time the story is at */
        if (dated && i > 0) {
          const tx_tok *pv = &toks.items[i - 1];
          dated = !(pv->end - pv->start == 5 && !strncasecmp_ascii(ct + pv->start, "since", 5));
        }
        bool own = dated && (!(x.flags & CG_TXF_RELATIVE) || (x.flags & CG_TXF_NARRATIVE));
        bool far = dx->dct_day == CG_NO_DAY || x.span.earliest > dx->dct_day + REF_FAR_DAYS ||
                   x.span.latest < dx->dct_day - REF_FAR_DAYS;
        if (dated) {
          ref_ana = x.span.earliest;
          ref_ana_para = para;
          ref_ana_gran = x.span.gran;
        }
        if (own && far) {
          ref_any = x.span.earliest;
          ref_any_para = para;
          if (x.span.gran >= CG_GRAN_DAY) {
            ref_fine = x.span.earliest;
            ref_fine_para = para;
          }
        } else if (dated) {
          /* a date at the DCT ("on Saturday", "last week", "2019") ends the story's
           * excursion into the past; a bare time of day ("before midnight") does not */
          ref_any = ref_fine = CG_NO_DAY;
        }
      }
      i += (size_t)n;
    }
    mark_ranges(dx, first, marked);
    marked = dx->timexes.len;
    cs = ce;
  }
  s->toks = toks;
  return CG_OK;
}
