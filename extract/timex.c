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
  const char *c_used[] = {"PAST", "FUTURE", "NOTENSE", "PERSON"};
  for (size_t i = 0; i < sizeof c_used / sizeof *c_used; i++) {
    int id = tx_class_id(t, c_used[i]);
    if (id >= 0) t->class_used[id] = true;
  }
  *out = t;
  return CG_OK;
}

/* Frees everything the tagger owns; NULL ok. */
void cg_tagger_free(cg_tagger *t) {
  if (!t) return;
  for (int i = 0; i < t->nclasses; i++) free(t->class_names[i]);
  for (size_t i = 0; i < t->wcap; i++) free(t->words[i].key);
  free(t->words);
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

/* -1 past, +1 future, 0 unknown: the nearest tense cue in the same sentence. */
static int tense_at(const tx_cls_ids *ids, const char *text, const tx_tok *toks, size_t n,
                    size_t i, size_t j) {
  for (size_t d = 1; d <= 12; d++) {
    if (i >= d && !toks[i - d + 1].sent_start) {
      const tx_tok *tk = &toks[i - d];
      if (has_cls(tk, ids->future_cue)) return 1;
      if (has_cls(tk, ids->past_cue)) return -1;
      size_t l = tk->end - tk->start;
      if (l > 3 && text[tk->end - 1] == 'd' && text[tk->end - 2] == 'e' && !tx_tok_any(tk)) return -1;
    }
    if (j + d - 1 < n && !toks[j + d - 1].sent_start) {
      const tx_tok *tk = &toks[j + d - 1];
      if (has_cls(tk, ids->future_cue)) return 1;
      if (has_cls(tk, ids->past_cue)) return -1;
      size_t l = tk->end - tk->start;
      if (l > 3 && text[tk->end - 1] == 'd' && text[tk->end - 2] == 'e' && !tx_tok_any(tk)) return -1;
    }
  }
  return 0;
}

/* An explicit date (with its own year) that can anchor narrative text. */
static bool explicit_anchor(const cg_timex *x) {
  return x->type == CG_TX_DATE && !(x->flags & (CG_TXF_RELATIVE | CG_TXF_UNRESOLVED)) &&
         x->span.valid && x->span.gran >= CG_GRAN_YEAR;
}

/* Marks "from X to Y", "between X and Y", "X-Y" pairs of dates. */
static void mark_ranges(cg_docx *dx, size_t first) {
  const char *text = dx->doc->text;
  for (size_t k = first + 1; k < dx->timexes.len; k++) {
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
  for (size_t k = first; k < dx->timexes.len; k++) {
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

/* Appends the timexes of dx->doc->text to dx->timexes; see timex.h. */
cg_status cg_tagger_run(const cg_tagger *t, cg_docx *dx, cg_tag_mode mode) {
  const char *text = dx->doc->text;
  size_t len = dx->doc->len;
  if (!text || !len) return CG_OK;
  if (mode == CG_MODE_AUTO) mode = dx->dct_day != CG_NO_DAY ? CG_MODE_NEWS : CG_MODE_NARRATIVE;
  tx_cls_ids ids;
  tx_class_ids(t, &ids);
  tx_ctx ctx = {.anchor = dx->dct_day, .tense = 0, .narrative = mode == CG_MODE_NARRATIVE,
                .quarter = -1};
  size_t quarter_at = 0; /* where the quarter context was last named */
  if (mode == CG_MODE_NARRATIVE) ctx.anchor = CG_NO_DAY;
  size_t first = dx->timexes.len;
  tx_tokvec toks = {0};
  tx_ent pick[TX_MAX_PAT];
  for (size_t cs = 0; cs < len;) {
    size_t ce = chunk_end(text, cs, len);
    const char *ct = text + cs; /* token offsets are relative to the chunk */
    tx_tokenise(t, ct, ce - cs, &toks);
    for (size_t i = 0; i < toks.len;) {
      int type = -1;
      int n = tx_tok_starts(t, &toks.items[i]) ? tx_match(t, toks.items, toks.len, i, pick, &type) : 0;
      if (!n) {
        i++;
        continue;
      }
      cg_timex x;
      memset(&x, 0, sizeof x);
      x.start = cs + toks.items[i].start;
      x.end = cs + toks.items[i + (size_t)n - 1].end;
      ctx.tense = tense_at(&ids, ct, toks.items, toks.len, i, i + (size_t)n);
      if (ctx.quarter >= 0 && x.start - quarter_at > QUARTER_REACH) ctx.quarter = -1;
      bool keep = tx_compose(&ids, pick, n, type, &ctx, &x);
      if (keep && (x.flags & CG_TXF_AGE)) {
        /* a person's age ("a 6-year-old boy", "the 44-year-old, who") is not tagged */
        size_t nx = i + (size_t)n;
        keep = nx < toks.len && !has_cls(&toks.items[nx], ids.person) &&
               cg_isalpha((unsigned char)ct[toks.items[nx].start]) &&
               !cg_isupper((unsigned char)ct[toks.items[nx].start]);
      }
      if (keep) {
        if (mode == CG_MODE_NARRATIVE && (x.flags & CG_TXF_RELATIVE)) x.flags |= CG_TXF_NARRATIVE;
        CG_VEC_PUSH(&dx->timexes, x);
        int qy = 0, qn = 0;
        char tail = 0;
        if (!ctx.used_quarter && sscanf(x.value, "%4d-Q%1d%c", &qy, &qn, &tail) == 2 && qn >= 1 && qn <= 4) {
          ctx.quarter = (int64_t)qy * 4 + qn - 1;
          quarter_at = x.start;
        }
        if (mode == CG_MODE_NARRATIVE && explicit_anchor(&x)) ctx.anchor = x.span.earliest;
      }
      i += (size_t)n;
    }
    cs = ce;
  }
  free(toks.items);
  mark_ranges(dx, first);
  return CG_OK;
}
