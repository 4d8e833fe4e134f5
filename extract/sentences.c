/*
 * News-grade sentence splitter over the shared tokenizer. A sentence ends after
 * '.', '?', '!' or '…' (plus any closing quotes and brackets) when the next token
 * does not continue it (lower-case word, comma, digit after a decimal), except
 * after titles ("Mr."), initials ("J.") and, unless a sentence starter follows,
 * other abbreviations ("Corp.", "U.S."). Blank lines always end a sentence; a
 * single newline ends one after a short line (headlines, datelines).
 */
#include "sentences.h"

#include "lexmap.h"
#include "tokens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ABBR_TITLE = 1, ABBR_INNER = 2, ABBR_DATE = 3 };

struct cg_splitter {
  cg_lexmap *abbr;     /* word -> ABBR_* */
  cg_lexmap *starters; /* word -> 1 */
};

/* Lines shorter than this, ended by a single newline, are taken as headlines. */
#define SHORT_LINE 60

static cg_status load_abbr(void *ctx, cg_lexline *ln) {
  cg_splitter *sp = ctx;
  if (ln->nf < 2) return CG_EDATA;
  int32_t kind = strcmp(ln->f[1], "title") == 0  ? ABBR_TITLE
                 : strcmp(ln->f[1], "date") == 0 ? ABBR_DATE
                                                 : ABBR_INNER;
  cg_lexmap_put(sp->abbr, ln->f[0], strlen(ln->f[0]), kind);
  return CG_OK;
}

static cg_status load_starter(void *ctx, cg_lexline *ln) {
  cg_splitter *sp = ctx;
  cg_lexmap_put(sp->starters, ln->f[0], strlen(ln->f[0]), 1);
  return CG_OK;
}

cg_status cg_splitter_new(cg_splitter **out, const char *datadir, cg_error *err) {
  cg_splitter *sp = cg_xcalloc(1, sizeof *sp);
  sp->abbr = cg_lexmap_new();
  sp->starters = cg_lexmap_new();
  char path[4096];
  const char *dir = cg_datadir(datadir);
  snprintf(path, sizeof path, "%s/en/sentences/abbreviations.txt", dir);
  cg_status st = cg_lexfile_each(path, load_abbr, sp, err);
  if (st == CG_OK) {
    snprintf(path, sizeof path, "%s/en/sentences/sentence-starters.txt", dir);
    st = cg_lexfile_each(path, load_starter, sp, err);
  }
  if (st != CG_OK) {
    cg_splitter_free(sp);
    *out = NULL;
    return st;
  }
  *out = sp;
  return CG_OK;
}

void cg_splitter_free(cg_splitter *sp) {
  if (!sp) return;
  cg_lexmap_free(sp->abbr);
  cg_lexmap_free(sp->starters);
  free(sp);
}

static bool tok_is(const char *t, const cg_token *k, const char *s) {
  size_t n = strlen(s);
  return k->end - k->start == n && memcmp(t + k->start, s, n) == 0;
}

/* '.', '?', '!' or '…' */
static bool is_terminal(const char *t, const cg_token *k) {
  if (!(k->shape & CG_TOK_PUNCT)) return false;
  const char *p = t + k->start;
  switch (k->end - k->start) {
  case 1: return *p == '.' || *p == '?' || *p == '!';
  case 3: return memcmp(p, "\xE2\x80\xA6", 3) == 0;
  default: return false;
  }
}

static bool is_closer(const char *t, const cg_token *k) {
  return tok_is(t, k, ")") || tok_is(t, k, "]") || tok_is(t, k, "\"") || tok_is(t, k, "'") ||
         tok_is(t, k, "\xE2\x80\x9D") || tok_is(t, k, "\xE2\x80\x99") || tok_is(t, k, "\xC2\xBB");
}

/* Number of '\n' between two offsets. Most gaps between tokens are one space or none:
 * those are answered before the loop (whose vectorised prologue cost more than the
 * one-byte gaps it scanned: half of this file's instructions, callgrind). */
static int newlines(const char *t, size_t a, size_t b) {
  if (b - a <= 1) return a < b && t[a] == '\n';
  int n = 0;
  for (size_t i = a; i < b; i++) n += t[i] == '\n';
  return n;
}

static bool starts_lower(const char *t, const cg_token *k) {
  unsigned char c = (unsigned char)t[k->start];
  return c >= 'a' && c <= 'z';
}

static bool is_starter(const cg_splitter *sp, const char *t, const cg_token *k) {
  if (k->shape & CG_TOK_QUOTE) return true;
  return sp && cg_lexmap_get_h(sp->starters, t + k->start, k->end - k->start, k->hash, NULL);
}

/* Decides whether a sentence ends after the terminal token at index k; sets *last to
 * the index of the sentence's last token (the terminal or a closing quote). */
static bool ends_here(const cg_splitter *sp, const char *t, const cg_token *tk, size_t n,
                      size_t k, size_t *last) {
  const cg_token *p = k ? &tk[k - 1] : NULL;
  bool dot = tok_is(t, &tk[k], ".");
  bool weak = false; /* an abbreviation: end only before a clear sentence start */
  bool date = false; /* a month/weekday abbreviation: mid-sentence before a number */
  if (dot && p && p->end == tk[k].start && (p->shape & CG_TOK_WORD)) {
    int32_t kind = 0;
    size_t pl = p->end - p->start;
    if (sp && cg_lexmap_get_h(sp->abbr, t + p->start, pl, p->hash, &kind) && kind == ABBR_TITLE)
      return false;
    if (pl == 1 && cg_isupper((unsigned char)t[p->start])) return false; /* initial */
    if (kind == ABBR_INNER) weak = true;
    if (kind == ABBR_DATE) date = true;
  }
  if (!dot && (tk[k].shape & CG_TOK_DOTTED)) weak = true; /* "U.S." as the last word */
  size_t j = k;
  while (j + 1 < n && tk[j + 1].start == tk[j].end && is_closer(t, &tk[j + 1])) j++;
  *last = j;
  if (j + 1 >= n) return true;
  const cg_token *nx = &tk[j + 1];
  if (date) {
    int32_t nk = 0;
    if (cg_isdigit((unsigned char)t[nx->start])) return false;
    if (sp && cg_lexmap_get_h(sp->abbr, t + nx->start, nx->end - nx->start, nx->hash, &nk) &&
        nk == ABBR_DATE)
      return false;
  }
  if ((nx->shape & CG_TOK_SPACE_NL) && !starts_lower(t, nx)) return true; /* a newline between */
  if (starts_lower(t, nx)) return false;
  if ((nx->shape & CG_TOK_PUNCT) && !(nx->shape & CG_TOK_QUOTE) && !tok_is(t, nx, "(") &&
      !tok_is(t, nx, "-") && !tok_is(t, nx, "\xE2\x80\x94"))
    return false; /* ", ; : ) ..." continue the sentence */
  if (weak) return is_starter(sp, t, nx);
  return true;
}

void cg_sentences_split_with(const cg_splitter *sp, cg_docx *dx) {
  cg_tokens tk = {0};
  cg_sentences_split_tokens(sp, dx, &tk);
  free(tk.items);
}

/* The indices of the tokens of tk[0, n) (n <= CAND_BLOCK) that may break a line or end
 * a sentence, in order, into out; returns how many. Most tokens are words after plain
 * spaces and can do neither. Without a branch per token: the test of each token in
 * the splitting loop mispredicted at about every punctuation mark. Measured on the
 * 0.53 MB of prose (Release, callgrind): the stage's mispredictions 215.0k -> 201.8k
 * for 1% more instructions; sent_s -3% on that prose, the same on generated text.
 * Unrolled four times (GCC made the loop 9 instructions per token, 6 unrolled): the
 * pipeline's instructions -0.25% on that prose. */
static size_t candidates(const cg_token *tk, size_t n, uint16_t *out) {
  size_t m = 0;
#pragma GCC unroll 4
  for (size_t k = 0; k < n; k++) {
    out[m] = (uint16_t)k;
    m += (tk[k].shape & (CG_TOK_SPACE_NL | CG_TOK_PUNCT | CG_TOK_DOTTED)) != 0;
  }
  return m;
}

enum { CAND_BLOCK = 512 }; /* tokens sifted at a time (candidates): 1 KB of stack */

/* Where cg_sentences_split_tokens is in the tokens. */
typedef struct split_state {
  size_t s;          /* the first token of the sentence being read */
  size_t line_start; /* byte offset where the current line's first token starts */
  size_t from;       /* tokens before it are in a sentence already (a terminal's closers) */
} split_state;

/* The rules at token k, a candidate: a line break before it, a sentence end after it. */
static void split_at(const cg_splitter *sp, const char *t, const cg_tokens *tk, size_t k,
                     split_state *st, cg_docx *dx) {
  const cg_token *c = &tk->items[k];
  /* newlines before this token: only counted when the tokenizer saw one (most gaps
   * have none, and the flag spares reading them) */
  int nl = k && (c->shape & CG_TOK_SPACE_NL) ? newlines(t, tk->items[k - 1].end, c->start) : 0;
  if (nl) {
    /* a line break before this token may end the sentence */
    if (k > st->s && (nl >= 2 || tk->items[k - 1].end - st->line_start < SHORT_LINE)) {
      cg_sentence se = {tk->items[st->s].start, tk->items[k - 1].end};
      CG_VEC_PUSH(&dx->sents, se);
      st->s = k;
    }
    st->line_start = c->start;
  }
  bool term = is_terminal(t, c) || ((c->shape & CG_TOK_DOTTED) && (c->shape & CG_TOK_WORD));
  size_t last;
  if (term && ends_here(sp, t, tk->items, tk->len, k, &last)) {
    cg_sentence se = {tk->items[st->s].start, tk->items[last].end};
    CG_VEC_PUSH(&dx->sents, se);
    st->s = st->from = last + 1;
  }
}

void cg_sentences_split_tokens(const cg_splitter *sp, cg_docx *dx, cg_tokens *out) {
  const char *t = dx->doc->text;
  out->len = 0;
  cg_tokenize(t, 0, dx->doc->len, out);
  cg_tokens tk = *out; /* a copy: the pushes to dx->sents cannot change it */
  size_t n = tk.len;
  split_state st = {0, n ? tk.items[0].start : 0, 0};
  uint16_t cand[CAND_BLOCK];
  for (size_t base = 0; base < n; base += CAND_BLOCK) {
    size_t nc = candidates(tk.items + base, n - base < CAND_BLOCK ? n - base : CAND_BLOCK, cand);
    for (size_t q = 0; q < nc; q++)
      if (base + cand[q] >= st.from) split_at(sp, t, &tk, base + cand[q], &st, dx);
  }
  if (st.s < n) {
    cg_sentence se = {tk.items[st.s].start, tk.items[n - 1].end};
    CG_VEC_PUSH(&dx->sents, se);
  }
}

void cg_sentences_split(cg_docx *dx) {
  cg_splitter *sp = NULL;
  if (cg_splitter_new(&sp, NULL, NULL) != CG_OK) sp = NULL;
  cg_sentences_split_with(sp, dx);
  cg_splitter_free(sp);
}
