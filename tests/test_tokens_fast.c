/*
 * The tokenizer and the sentence splitter against slow references: copies of
 * cg_tokenize (its general per-code-point rules and its first ASCII fast path) and of
 * the splitting loop as they were before their fast paths were rewritten (commit
 * 84a9e0a). Every token (offsets, shape, both hashes) and every sentence must be the
 * same on generated strings (ASCII, punctuation, multi-byte letters, U+00A0, U+2019,
 * U+201C, invalid bytes, sub-ranges, appends to a filled vector) and on the samples.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexmap.h"
#include "model.h"
#include "sentences.h"
#include "tokens.h"
#include "util.h"

/* ------------------------------------------------------------ reference tokenizer */
/* Verbatim copy of extract/tokens.c at 84a9e0a (names prefixed ref_); ref_tokenize
 * with fast = false takes every token through the general rules alone. */

static uint32_t ref_utf8_decode(const char *str, size_t n, size_t i, size_t *len) {
  const unsigned char *s = (const unsigned char *)str;
  unsigned c = s[i];
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (!need || i + need > n) {
    *len = 1;
    return 0xFFFD;
  }
  uint32_t cp = c & (0x3F >> (need - 1));
  for (size_t k = 1; k < need; k++) {
    if ((s[i + k] & 0xC0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (s[i + k] & 0x3F);
  }
  *len = need;
  return cp;
}

static bool ref_is_space_cp(uint32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x3000 ||
         cp == 0xFEFF;
}

/* ASCII code points decode in place; the rest through ref_utf8_decode. */
static inline uint32_t ref_dec(const char *s, size_t n, size_t i, size_t *len) {
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  return ref_utf8_decode(s, n, i, len);
}

static inline bool ref_is_space(uint32_t cp) {
  if (cp < 0x80) return cp == ' ' || cp - '\t' < 5u;
  return ref_is_space_cp(cp);
}

/* ASCII letter or digit: one subtraction and compare each, no table. */
static inline bool ref_ascii_alnum(unsigned b) { return (b | 32u) - 'a' < 26u || b - '0' < 10u; }

/* Non-ASCII punctuation that must not glue to words: quotes, dashes, ellipsis,
 * guillemets, bullets and the general punctuation block. */
static bool ref_is_punct_cp(uint32_t cp) {
  if (cp < 0x80) return !((cp >= '0' && cp <= '9') || cg_isalpha((int)cp));
  return cp == 0xAB || cp == 0xBB || cp == 0xA7 || cp == 0xB6 || cp == 0xB7 || cp == 0xBF ||
         cp == 0xA1 || (cp >= 0x2010 && cp <= 0x205E) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0xFF01 && cp <= 0xFF0F) || cp == 0xFFFD || cp == 0xA9 || cp == 0xAE ||
         (cp >= 0x20A0 && cp <= 0x20CF) || cp == 0xA3 || cp == 0xA5 || cp == 0xA2 ||
         cp == 0xB0 || cp == 0xD7;
}

static bool ref_is_upper_cp(uint32_t cp) {
  return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
         (cp >= 0x100 && cp <= 0x17F && !(cp & 1)) || (cp >= 0x391 && cp <= 0x3A9) ||
         (cp >= 0x410 && cp <= 0x42F);
}

static bool ref_is_lower_cp(uint32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) ||
         (cp >= 0x100 && cp <= 0x17F && (cp & 1)) || (cp >= 0x3B1 && cp <= 0x3C9) ||
         (cp >= 0x430 && cp <= 0x44F);
}

static inline bool ref_is_word_cp(uint32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || cg_isalpha((int)cp);
  return !ref_is_punct_cp(cp) && !ref_is_space_cp(cp);
}

static bool ref_is_apos(uint32_t cp) { return cp == '\'' || cp == 0x2019; }

static bool ref_is_quote_cp(uint32_t cp) {
  return cp == '"' || cp == '\'' || cp == 0xAB || cp == 0xBB || (cp >= 0x2018 && cp <= 0x201F) ||
         cp == '`';
}

/* Shape flags of a finished word token. */
static unsigned ref_word_shape(const char *t, size_t s, size_t e) {
  unsigned shape = CG_TOK_WORD;
  size_t letters = 0, uppers = 0, lowers = 0;
  bool first = true;
  for (size_t i = s; i < e;) {
    unsigned b = (unsigned char)t[i];
    if (b < 0x80) { /* the same rules as below, for ASCII without decoding */
      if (b - 'a' < 26u) {
        letters++;
        lowers++;
        first = false;
      } else if (b - 'A' < 26u) {
        letters++;
        uppers++;
        if (first) shape |= CG_TOK_CAP;
        first = false;
      } else if (b - '0' < 10u) {
        shape |= CG_TOK_DIGIT;
      }
      i++;
      continue;
    }
    size_t l;
    uint32_t cp = ref_dec(t, e, i, &l);
    bool up = ref_is_upper_cp(cp), lo = ref_is_lower_cp(cp);
    if (up || lo || ref_is_word_cp(cp)) {
      letters++;
      if (first && up) shape |= CG_TOK_CAP;
      first = false;
      uppers += up;
      lowers += lo;
    }
    i += l;
  }
  if (letters >= 2 && uppers >= 2 && lowers == 0) shape |= CG_TOK_ALLCAPS;
  if (e > s && t[e - 1] == '.') shape |= CG_TOK_DOTTED;
  return shape;
}

/* The hashes of token tok (see cg_token): the general path, for tokens that are not
 * plain ASCII words. */
static void ref_set_hashes(const char *t, cg_token *tok) {
  tok->hash = cg_lexhash(t + tok->start, tok->end - tok->start);
  tok->lhash = cg_lexhash_lower(t + tok->start, tok->end - tok->start);
}

/* The general rules for the token starting at t[i] (not ASCII whitespace): appends it
 * to out and returns where the next one may start. Whitespace (*nl set at a
 * newline) appends nothing. */
static size_t ref_general_token(const char *t, size_t i, size_t end, cg_tokens *out, bool *nl) {
  size_t l, sl;
  uint32_t cp = ref_dec(t, end, i, &l);
  if (ref_is_space(cp)) {
    if (cp == '\n') *nl = true;
    return i + l;
  }
  cg_token tok = {i, i + l, 0, 0, 0};
  if (ref_is_word_cp(cp)) {
    size_t j = i + l;
    for (;;) {
      if (j >= end) break;
      unsigned char b = (unsigned char)t[j];
      if (b < 0x80 && ref_ascii_alnum(b)) { /* ASCII word character */
        j++;
        continue;
      }
      size_t l2;
      uint32_t c2 = ref_dec(t, end, j, &l2);
      if (ref_is_word_cp(c2)) {
        j += l2;
        continue;
      }
      /* internal connectors need a word character on both sides */
      size_t l3 = 0;
      uint32_t c3 = j + l2 < end ? ref_dec(t, end, j + l2, &l3) : 0;
      if (c2 == '.' && j >= i + 3 && t[j - 2] == '.' && (!l3 || !ref_is_word_cp(c3))) {
        j += l2; /* the final dot of "U.S." */
        break;
      }
      if (!l3 || !ref_is_word_cp(c3)) break;
      if (c2 == '-' || c2 == '&' || c2 == '/') {
        if (c2 == '/' && !(cg_isdigit((unsigned char)t[j - 1]) && cg_isdigit((int)c3))) break;
        j += l2 + l3;
        continue;
      }
      if (c2 == '.' || c2 == ',' || c2 == ':') {
        /* decimals, thousands and clock times: digit on both sides */
        if (cg_isdigit((unsigned char)t[j - 1]) && cg_isdigit((int)c3)) {
          j += l2 + l3;
          continue;
        }
        /* dotted abbreviations: single letters separated by dots (U.S., U.N.) */
        if (c2 == '.' && (j - i == 1 || (j >= i + 2 && t[j - 2] == '.'))) {
          if (cg_isalpha((int)c3)) {
            j += l2 + l3;
            continue;
          }
        }
        break;
      }
      if (ref_is_apos(c2)) {
        /* possessive 's ends the word; other apostrophes (O'Brien, don't) stay */
        bool poss = (c3 == 's' || c3 == 'S') &&
                    (j + l2 + l3 >= end || !ref_is_word_cp(ref_dec(t, end, j + l2 + l3, &sl)));
        if (poss) break;
        j += l2 + l3;
        continue;
      }
      break;
    }
    tok.end = j;
    tok.shape = ref_word_shape(t, tok.start, tok.end);
  } else if (ref_is_apos(cp) && i + l < end && (t[i + l] == 's' || t[i + l] == 'S') &&
             out->len && out->items[out->len - 1].end == i &&
             (out->items[out->len - 1].shape & CG_TOK_WORD) &&
             (i + l + 1 >= end || !ref_is_word_cp(ref_dec(t, end, i + l + 1, &sl)))) {
    tok.end = i + (size_t)(cp == '\'' ? 1 : 3) + 1;
    tok.shape = CG_TOK_POSS;
  } else if (ref_is_apos(cp) && out->len && out->items[out->len - 1].end == i &&
             (out->items[out->len - 1].shape & CG_TOK_WORD) &&
             (t[i - 1] == 's' || t[i - 1] == 'S') &&
             (i + l >= end || !ref_is_word_cp(ref_dec(t, end, i + l, &sl)))) {
    /* plural possessive: "countries'" */
    tok.end = i + (cp == '\'' ? 1 : 3);
    tok.shape = CG_TOK_POSS | CG_TOK_PUNCT;
  } else {
    tok.shape = CG_TOK_PUNCT | (ref_is_quote_cp(cp) ? CG_TOK_QUOTE : 0);
  }
  ref_set_hashes(t, &tok);
  if (*nl) tok.shape |= CG_TOK_SPACE_NL;
  *nl = false;
  CG_VEC_PUSH(out, tok);
  return tok.end;
}

/* True for the ASCII marks that may join two word characters into one token
 * (see general_token): "-", "&", "/", ".", ",", ":" and the apostrophe. */
static inline bool ref_ascii_connector(unsigned b) {
  return b == '-' || b == '&' || b == '/' || b == '.' || b == ',' || b == ':' || b == '\'';
}

/* The common case, in one pass: a word of ASCII letters and digits starting at t[i]
 * and ended by whitespace, by a mark that joins nothing, or by a connector that is
 * not followed by a word character. Fills *tok (shape, hashes) as general_token
 * would and returns its end; returns 0 when the general rules must decide (a
 * non-ASCII byte, a connector before a word character). Measured: tokenising in
 * one pass instead of three (scan, shape, hashes) halves the tokenizer's time. */
static size_t ref_fast_word(const char *t, size_t i, size_t end, cg_token *tok) {
  uint32_t hl = CG_LEXHASH_INIT;
  unsigned shape = CG_TOK_WORD;
  size_t uppers = 0, lowers = 0;
  bool first = true;
  size_t j = i;
  for (; j < end; j++) {
    unsigned b = (unsigned char)t[j], lb = b;
    if ((b | 32u) - 'a' < 26u) {
      if (b & 32u) {
        lowers++;
      } else {
        uppers++;
        if (first) shape |= CG_TOK_CAP;
        lb = b | 32u;
      }
      first = false;
    } else if (b - '0' < 10u) {
      shape |= CG_TOK_DIGIT;
    } else {
      break;
    }
    hl = cg_lexhash_add(hl, (unsigned char)lb);
  }
  if (j < end) {
    unsigned c = (unsigned char)t[j];
    if (c >= 0x80) return 0;
    if (ref_ascii_connector(c) && j + 1 < end) {
      unsigned d = (unsigned char)t[j + 1];
      if (d >= 0x80 || ref_ascii_alnum(d)) return 0;
    }
  }
  if (uppers >= 2 && lowers == 0) shape |= CG_TOK_ALLCAPS; /* ASCII: letters = both */
  /* most words have no capital: their hash is the lower-cased one */
  uint32_t h = uppers ? cg_lexhash(t + i, j - i) : hl;
  *tok = (cg_token){i, j, shape, h, hl};
  return j;
}

static void ref_tokenize(const char *t, size_t start, size_t end, cg_tokens *out, bool fast) {
  size_t i = start;
  bool nl = false;
  while (i < end) {
    unsigned b = (unsigned char)t[i];
    if (fast && b < 0x80) {
      if (b == ' ' || b - '\t' < 5u) {
        if (b == '\n') nl = true;
        i++;
        continue;
      }
      cg_token tok;
      size_t e = 0;
      if (ref_ascii_alnum(b)) {
        e = ref_fast_word(t, i, end, &tok);
      } else if (b != '\'') { /* one mark; an apostrophe may be a possessive */
        uint32_t h = cg_lexhash_add(CG_LEXHASH_INIT, (unsigned char)b);
        bool quote = b == '"' || b == '`';
        tok = (cg_token){i, i + 1, CG_TOK_PUNCT | (quote ? CG_TOK_QUOTE : 0u), h, h};
        e = i + 1;
      }
      if (e) {
        if (nl) tok.shape |= CG_TOK_SPACE_NL;
        nl = false;
        CG_VEC_PUSH(out, tok);
        i = e;
        continue;
      }
    }
    i = ref_general_token(t, i, end, out, &nl);
  }
}


/* ------------------------------------------------------------- reference splitter */
/* The splitting rules of extract/sentences.c at 84a9e0a, with lists of its own. */

enum { ABBR_TITLE = 1, ABBR_INNER = 2, ABBR_DATE = 3 };
#define SHORT_LINE 60

typedef struct ref_splitter {
  cg_lexmap *abbr, *starters;
} ref_splitter;

static cg_status ref_load_abbr(void *ctx, cg_lexline *ln) {
  ref_splitter *sp = ctx;
  if (ln->nf < 2) return CG_EDATA;
  int32_t kind = strcmp(ln->f[1], "title") == 0  ? ABBR_TITLE
                 : strcmp(ln->f[1], "date") == 0 ? ABBR_DATE
                                                 : ABBR_INNER;
  cg_lexmap_put(sp->abbr, ln->f[0], strlen(ln->f[0]), kind);
  return CG_OK;
}

static cg_status ref_load_starter(void *ctx, cg_lexline *ln) {
  ref_splitter *sp = ctx;
  cg_lexmap_put(sp->starters, ln->f[0], strlen(ln->f[0]), 1);
  return CG_OK;
}

static void ref_splitter_load(ref_splitter *sp) {
  char path[4096];
  sp->abbr = cg_lexmap_new();
  sp->starters = cg_lexmap_new();
  snprintf(path, sizeof path, "%s/en/sentences/abbreviations.txt", cg_datadir(NULL));
  assert_int_equal(cg_lexfile_each(path, ref_load_abbr, sp, NULL), CG_OK);
  snprintf(path, sizeof path, "%s/en/sentences/sentence-starters.txt", cg_datadir(NULL));
  assert_int_equal(cg_lexfile_each(path, ref_load_starter, sp, NULL), CG_OK);
}

static void ref_splitter_free(ref_splitter *sp) {
  cg_lexmap_free(sp->abbr);
  cg_lexmap_free(sp->starters);
}

static bool ref_tok_is(const char *t, const cg_token *k, const char *s) {
  size_t n = strlen(s);
  return k->end - k->start == n && memcmp(t + k->start, s, n) == 0;
}

static bool ref_is_terminal(const char *t, const cg_token *k) {
  return (k->shape & CG_TOK_PUNCT) &&
         (ref_tok_is(t, k, ".") || ref_tok_is(t, k, "?") || ref_tok_is(t, k, "!") || ref_tok_is(t, k, "\xE2\x80\xA6"));
}

static bool ref_is_closer(const char *t, const cg_token *k) {
  return ref_tok_is(t, k, ")") || ref_tok_is(t, k, "]") || ref_tok_is(t, k, "\"") || ref_tok_is(t, k, "'") ||
         ref_tok_is(t, k, "\xE2\x80\x9D") || ref_tok_is(t, k, "\xE2\x80\x99") || ref_tok_is(t, k, "\xC2\xBB");
}

/* Number of '\n' between two offsets. Most gaps between tokens are one space or none:
 * those are answered before the loop (whose vectorised prologue cost more than the
 * one-byte gaps it scanned: half of this file's instructions, callgrind). */
static int ref_newlines(const char *t, size_t a, size_t b) {
  if (b - a <= 1) return a < b && t[a] == '\n';
  int n = 0;
  for (size_t i = a; i < b; i++) n += t[i] == '\n';
  return n;
}

static bool ref_starts_lower(const char *t, const cg_token *k) {
  unsigned char c = (unsigned char)t[k->start];
  return c >= 'a' && c <= 'z';
}

static bool ref_is_starter(const ref_splitter *sp, const char *t, const cg_token *k) {
  if (k->shape & CG_TOK_QUOTE) return true;
  return sp && cg_lexmap_get(sp->starters, t + k->start, k->end - k->start, NULL);
}

/* Decides whether a sentence ends after the terminal token at index k; sets *last to
 * the index of the sentence's last token (the terminal or a closing quote). */
static bool ref_ends_here(const ref_splitter *sp, const char *t, const cg_token *tk, size_t n,
                      size_t k, size_t *last) {
  const cg_token *p = k ? &tk[k - 1] : NULL;
  bool dot = ref_tok_is(t, &tk[k], ".");
  bool weak = false; /* an abbreviation: end only before a clear sentence start */
  bool date = false; /* a month/weekday abbreviation: mid-sentence before a number */
  if (dot && p && p->end == tk[k].start && (p->shape & CG_TOK_WORD)) {
    int32_t kind = 0;
    size_t pl = p->end - p->start;
    if (sp && cg_lexmap_get(sp->abbr, t + p->start, pl, &kind) && kind == ABBR_TITLE)
      return false;
    if (pl == 1 && cg_isupper((unsigned char)t[p->start])) return false; /* initial */
    if (kind == ABBR_INNER) weak = true;
    if (kind == ABBR_DATE) date = true;
  }
  if (!dot && (tk[k].shape & CG_TOK_DOTTED)) weak = true; /* "U.S." as the last word */
  size_t j = k;
  while (j + 1 < n && tk[j + 1].start == tk[j].end && ref_is_closer(t, &tk[j + 1])) j++;
  *last = j;
  if (j + 1 >= n) return true;
  const cg_token *nx = &tk[j + 1];
  if (date) {
    int32_t nk = 0;
    if (cg_isdigit((unsigned char)t[nx->start])) return false;
    if (sp && cg_lexmap_get(sp->abbr, t + nx->start, nx->end - nx->start, &nk) && nk == ABBR_DATE)
      return false;
  }
  if ((nx->shape & CG_TOK_SPACE_NL) && !ref_starts_lower(t, nx)) return true; /* a newline between */
  if (ref_starts_lower(t, nx)) return false;
  if ((nx->shape & CG_TOK_PUNCT) && !(nx->shape & CG_TOK_QUOTE) && !ref_tok_is(t, nx, "(") &&
      !ref_tok_is(t, nx, "-") && !ref_tok_is(t, nx, "\xE2\x80\x94"))
    return false; /* ", ; : ) ..." continue the sentence */
  if (weak) return ref_is_starter(sp, t, nx);
  return true;
}

typedef CG_VEC(cg_sentence) ref_sents;

/* The splitting loop of cg_sentences_split_tokens over the tokens tk of t. */
static void ref_split(const ref_splitter *sp, const char *t, const cg_tokens *tkp,
                      ref_sents *sents) {
  cg_tokens tk = *tkp;
  size_t n = tk.len, s = 0, line_start = 0;
  for (size_t k = 0; k < n; k++) {
    const cg_token *c = &tk.items[k];
    int nl = k && (c->shape & CG_TOK_SPACE_NL) ? ref_newlines(t, tk.items[k - 1].end, c->start) : 0;
    if (k > s) {
      if (nl >= 2 || (nl == 1 && tk.items[k - 1].end - line_start < SHORT_LINE)) {
        cg_sentence se = {tk.items[s].start, tk.items[k - 1].end};
        CG_VEC_PUSH(sents, se);
        s = k;
      }
    }
    if (k == 0 || nl) {
      line_start = c->start;
    }
    bool term = ref_is_terminal(t, c) || ((c->shape & CG_TOK_DOTTED) && (c->shape & CG_TOK_WORD));
    if (!term) continue;
    size_t last;
    if (ref_ends_here(sp, t, tk.items, n, k, &last)) {
      cg_sentence se = {tk.items[s].start, tk.items[last].end};
      CG_VEC_PUSH(sents, se);
      s = last + 1;
      k = last;
    }
  }
  if (s < n) {
    cg_sentence se = {tk.items[s].start, tk.items[n - 1].end};
    CG_VEC_PUSH(sents, se);
  }
}

/* ------------------------------------------------------------------ generators */

typedef struct rng {
  uint64_t s;
} rng;

static uint64_t next(rng *r) { /* xorshift64: deterministic runs */
  r->s ^= r->s << 13;
  r->s ^= r->s >> 7;
  r->s ^= r->s << 17;
  return r->s;
}

static size_t below(rng *r, size_t n) { return (size_t)(next(r) % n); }

typedef struct frag {
  const char *s;
  size_t n;
} frag;
#define F(lit) {lit, sizeof(lit) - 1}

/* Pieces for the tokenizer: connectors, quotes, apostrophes, spaces of every kind,
 * letters of several scripts, symbols the rules list, and invalid UTF-8. */
static const frag TOKEN_FRAGS[] = {
    F("-"), F("&"), F("/"), F("."), F(","), F(":"), F("'"), F("\""), F("`"), F("("), F(")"),
    F("["), F("]"), F(";"), F("!"), F("?"), F("$"), F("%"), F("#"), F("@"), F("_"), F("\\"),
    F("~"), F("*"), F("+"), F("<"), F("="), F("|"), F("^"), F("{"), F("}"), F("\0"), F("\x01"),
    F("\x7f"), F("\x1b"), F(" "), F("\n"), F("\t"), F("\r"), F("\v"), F("\f"), F("s"),
    F("S"), F("'s"), F("'S"), F("\xE2\x80\x99s"), F("\xE2\x80\x99"), F("\xE2\x80\x98"),
    F("\xE2\x80\x9C"), F("\xE2\x80\x9D"), F("\xE2\x80\xA6"), F("\xE2\x80\x94"),
    F("\xE2\x80\x93"), F("\xE2\x80\x8B"), F("\xE2\x80\xAF"), F("\xE2\x80\x80"),
    F("\xE3\x80\x80"), F("\xEF\xBB\xBF"), F("\xC2\xA0"), F("\xC2\xAB"), F("\xC2\xBB"),
    F("\xC2\xBF"), F("\xC2\xA9"), F("\xC2\xB0"), F("\xC3\x97"), F("\xC3\xB7"), F("\xC3\xA9"),
    F("\xC3\x89"), F("\xC3\x9F"), F("\xC3\xBF"), F("\xC4\x80"), F("\xC4\x81"), F("\xC5\xBF"),
    F("\xD0\x96"), F("\xD0\xB6"), F("\xCE\xB1"), F("\xCE\xA9"), F("\xE4\xB8\xAD"),
    F("\xE2\x82\xAC"), F("\xEF\xBC\x8C"), F("\xF0\x9F\x98\x80"), F("\x80"), F("\xBF"),
    F("\xC3"), F("\xE2\x80"), F("\xF0\x9F"), F("\xFF"), F("\xC0\x80"), F("\xE2\x28\xA1"),
    F("U.S."), F("U.N."), F("a.m."), F("3.5"), F("1,000"), F("10:30"), F("1/2"), F("a/b"),
    F("O'Brien"), F("don't"), F("AT&T"), F("rock-n-roll"), F("Moscow's"), F("countries'"),
    F("x-"), F("-x"), F("9."), F(".9"), F("A."), F("A.B"), F("A.B."), F("e.g."),
};

/* Appends a run of 1..12 ASCII letters in one of four case patterns, or of digits. */
static size_t put_run(rng *r, char *b) {
  size_t n = 1 + below(r, 12), kind = below(r, 5);
  for (size_t i = 0; i < n; i++) {
    char c = (char)('a' + below(r, 26));
    if (kind == 1 && i == 0) c = (char)cg_upper(c);                /* Capitalised */
    if (kind == 2) c = (char)cg_upper(c);                          /* ALLCAPS */
    if (kind == 3 && below(r, 2)) c = (char)cg_upper(c);           /* mIxEd */
    if (kind == 4) c = (char)('0' + below(r, 10));                 /* digits */
    b[i] = c;
  }
  return n;
}

/* Fills b (room for cap bytes, cap > 80) with up to about len bytes of pieces;
 * returns the length. */
static size_t gen_text(rng *r, char *b, size_t cap, size_t len) {
  size_t n = 0, nf = sizeof TOKEN_FRAGS / sizeof TOKEN_FRAGS[0];
  while (n < len && n + 16 < cap) {
    size_t pick = below(r, 10);
    if (pick < 5) {
      n += put_run(r, b + n);
    } else if (pick < 6) {
      b[n++] = ' ';
    } else {
      const frag *f = &TOKEN_FRAGS[below(r, nf)];
      memcpy(b + n, f->s, f->n);
      n += f->n;
    }
  }
  return n;
}

/* ----------------------------------------------------------------- comparisons */

static bool same_token(const cg_token *a, const cg_token *b) {
  return a->start == b->start && a->end == b->end && a->shape == b->shape && a->hash == b->hash &&
         a->lhash == b->lhash;
}

/* Fails with the text (escaped) and the first token that differs. */
static void same_tokens(const char *t, size_t n, const cg_tokens *got, const cg_tokens *want,
                        const char *what) {
  size_t k = 0;
  while (k < got->len && k < want->len && same_token(&got->items[k], &want->items[k])) k++;
  if (k == got->len && k == want->len) return;
  char esc[1024];
  size_t e = 0;
  for (size_t i = 0; i < n && e + 8 < sizeof esc; i++) {
    unsigned char c = (unsigned char)t[i];
    if (c >= 0x20 && c < 0x7F && c != '\\') esc[e++] = (char)c;
    else e += (size_t)snprintf(esc + e, sizeof esc - e, "\\x%02X", c);
  }
  esc[e] = 0;
  if (k < got->len && k < want->len) {
    const cg_token *g = &got->items[k], *w = &want->items[k];
    fail_msg("%s: token %zu is [%zu,%zu) shape %#x hash %08x/%08x, expected [%zu,%zu) shape %#x "
             "hash %08x/%08x in \"%s\"",
             what, k, g->start, g->end, g->shape, g->hash, g->lhash, w->start, w->end, w->shape,
             w->hash, w->lhash, esc);
  }
  fail_msg("%s: %zu tokens, expected %zu in \"%s\"", what, got->len, want->len, esc);
}

/* Tokenises t[a, b) with the fast tokenizer and both references, after t[0, a) when
 * prefill (so that the possessive rules see a token of the earlier call), and
 * compares. */
static void check_range(const char *t, size_t n, size_t a, size_t b, bool prefill) {
  cg_tokens got = {0}, fast = {0}, slow = {0};
  if (prefill) {
    cg_tokenize(t, 0, a, &got);
    ref_tokenize(t, 0, a, &fast, true);
    ref_tokenize(t, 0, a, &slow, false);
  }
  cg_tokenize(t, a, b, &got);
  ref_tokenize(t, a, b, &fast, true);
  ref_tokenize(t, a, b, &slow, false);
  same_tokens(t, n, &fast, &slow, "reference fast path vs general rules");
  same_tokens(t, n, &got, &slow, "cg_tokenize vs reference");
  free(got.items);
  free(fast.items);
  free(slow.items);
}

/* Copies s[0, n) to a buffer of exactly n bytes (ASan then sees any read past the
 * end) and checks the whole text. */
static void check_text(const char *s, size_t n) {
  char *t = cg_xmalloc(n ? n : 1);
  memcpy(t, s, n);
  check_range(t, n, 0, n, false);
  free(t);
}

static void test_generated_strings_match_the_reference(void **state) {
  (void)state;
  rng r = {0x9E3779B97F4A7C15ull};
  char buf[512];
  for (int it = 0; it < 200000; it++) {
    size_t n = gen_text(&r, buf, sizeof buf, below(&r, it % 100 == 0 ? 400 : 48));
    check_text(buf, n);
  }
}

static void test_ranges_and_appends_match_the_reference(void **state) {
  (void)state;
  rng r = {12345};
  char buf[512];
  for (int it = 0; it < 50000; it++) {
    size_t n = gen_text(&r, buf, sizeof buf, below(&r, 64));
    char *t = cg_xmalloc(n ? n : 1); /* exactly n bytes: ASan sees reads past the end */
    memcpy(t, buf, n);
    size_t a = below(&r, n + 1), b = a + below(&r, n - a + 1);
    check_range(t, n, a, b, false); /* starts and ends anywhere, also inside a code point */
    check_range(t, n, a, n, true);  /* the second call sees the first call's tokens */
    free(t);
  }
}

static void test_edge_strings_match_the_reference(void **state) {
  (void)state;
  static const frag cases[] = {
      F(""), F("a"), F("A"), F("AB"), F("aB"), F("3D"), F("3d"), F("4AB"), F("A4"), F("'"),
      F("'s"), F("a's"), F("a'S"), F("as'"), F("As'"), F("a\xE2\x80\x99s"), F("s\xE2\x80\x99"),
      F("a's'"), F("a'sb"), F("a'"), F("a-"), F("a-b"), F("a--b"), F("a-\xC3\xA9"),
      F("\xC3\xA9-a"), F("U.S"), F("U.S."), F("U.S.A."), F("U.S.a"), F("u.s."), F("A.B.C"),
      F("a.b.c."), F("ab.c"), F("1.5"), F("1.a"), F("a.1"), F("1,5"), F("1:5"), F("1/5"),
      F("a/5"), F("1/a"), F("1&a"), F("a&"), F("\xC3\xA9t\xC3\xA9"), F("\xC3\x89T\xC3\x89"),
      F("\xC3\x89t\xC3\xA9"), F("\xD0\x96\xD0\x96"), F("A\xC3\x89"), F("a\xC2\xA0" "b"),
      F("a\xE2\x80\x8B" "b"), F("a\xEF\xBB\xBF" "b"), F("\n\nA"), F("a\n \nb"), F("a\r\nb"),
      F("Moscow\xE2\x80\x99s"), F("Moscow\xE2\x80\x99S."), F("a\xE2\x80\x99"), F("\x80" "a"),
      F("a\x80"), F("a\xC3"), F("a\xE2\x80"), F("a'\xC3\xA9"), F("a.\xC3\xA9"), F("ab\0cd"),
      F("\"Yes,\" he said."), F("(a)"), F("a)"), F("a`b"), F("a\"b"),
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) check_text(cases[i].s, cases[i].n);
  /* long words: one token, hashed over every byte */
  size_t n = 100000;
  char *t = cg_xmalloc(n);
  for (size_t i = 0; i < n; i++) t[i] = (char)(i % 7 ? 'a' + i % 26 : 'A' + i % 26);
  check_text(t, n);
  memset(t, 'Z', n);
  check_text(t, n);
  free(t);
}

/* Words of 1..17 bytes in several case patterns (cg_tokenize classifies and hashes
 * the first 8 bytes of a word at once, then goes on byte by byte), before each kind of
 * byte, with 0..9 bytes after them so that the 8 bytes reach past the end of the text
 * or not. */
static void test_word_lengths_match_the_reference(void **state) {
  (void)state;
  static const char *const pats[] = {
      "abcdefghijklmnopq", "Abcdefghijklmnopq", "ABCDEFGHIJKLMNOPQ", "aBcDeFgHiJkLmNoPq",
      "12345678901234567", "1a2B3c4D5e6F7g8H9", "A1234567890123456", "1AAAAAAAAAAAAAAAA",
      "9aZZZZZZZZZZZZZZZ", "zZzzzzzzzzzzzzzzz", "@[`{azAZ09azAZ09a", "a@Z[a`z{0/9:Aa0/a"};
  static const frag after[] = {
      F(""),   F(" "),  F("\n"), F("."),   F(". x"),     F("-b"), F("'s "), F("'s"),
      F("\xC3\xA9"), F("\xE2\x80\x99s"), F(",5"), F("@"), F("\x80"), F("\t"), F("A.")};
  char buf[64];
  for (size_t p = 0; p < sizeof pats / sizeof pats[0]; p++)
    for (size_t len = 1; len <= 17; len++)
      for (size_t a = 0; a < sizeof after / sizeof after[0]; a++)
        for (size_t pad = 0; pad <= 9; pad++) {
          memcpy(buf, pats[p], len);
          memcpy(buf + len, after[a].s, after[a].n);
          size_t n = len + after[a].n;
          for (size_t k = 0; k < pad; k++) buf[n++] = k % 2 ? 'b' : ' ';
          check_text(buf, n);
        }
}

/* Texts where every byte is a token ("(a)(a)...", "a,b,..."), tokenised after 0..39
 * tokens of their start: the room of the vector runs out at every kind of token and
 * every fill level (cg_tokenize tests it once per run of tokens, not per token). */
static void test_dense_tokens_match_the_reference(void **state) {
  (void)state;
  static const char *const pats[] = {"(a)", "a,", "a.", ".,\"", "aB,"};
  for (size_t q = 0; q < sizeof pats / sizeof pats[0]; q++)
    for (size_t n = 1; n <= 300; n += n < 80 ? 1 : 7) {
      char *t = cg_xmalloc(n); /* exactly n bytes: ASan sees reads past the end */
      size_t m = strlen(pats[q]);
      for (size_t k = 0; k < n; k++) t[k] = pats[q][k % m];
      for (size_t a = 0; a < 40 && a <= n; a += 3) check_range(t, n, a, n, true);
      free(t);
    }
}

/* ------------------------------------------------------------------- sentences */

/* Splits t[0, n) with the library and with the reference (sp and rsp the same lists,
 * or both NULL) and compares the tokens and the sentences. */
static void check_split(const cg_splitter *sp, const ref_splitter *rsp, const char *t, size_t n) {
  cg_doc *d = cg_doc_new();
  d->text = cg_xmalloc(n + 1);
  memcpy(d->text, t, n);
  d->text[n] = 0;
  d->len = n;
  cg_docx *dx = cg_docx_new(d);
  cg_tokens tk = {0}, rtk = {0};
  ref_sents rs = {0};
  cg_sentences_split_tokens(sp, dx, &tk);
  ref_tokenize(d->text, 0, n, &rtk, true);
  ref_split(rsp, d->text, &rtk, &rs);
  same_tokens(d->text, n, &tk, &rtk, "split tokens vs reference");
  assert_int_equal(dx->sents.len, rs.len);
  for (size_t i = 0; i < rs.len; i++) {
    if (dx->sents.items[i].start != rs.items[i].start || dx->sents.items[i].end != rs.items[i].end)
      fail_msg("sentence %zu is [%zu,%zu), expected [%zu,%zu) in \"%.*s\"", i,
               dx->sents.items[i].start, dx->sents.items[i].end, rs.items[i].start,
               rs.items[i].end, (int)(n < 600 ? n : 600), d->text);
  }
  free(tk.items);
  free(rtk.items);
  free(rs.items);
  cg_docx_free(dx);
}

/* Words and marks the splitting rules look at. */
static const frag SENT_FRAGS[] = {
    F("the"), F("said"), F("talks"), F("Mr."), F("Dr."), F("Gen."), F("Corp."), F("Inc."),
    F("Jan."), F("Feb."), F("Mar."), F("Sun."), F("U.S."), F("U.N."), F("p.m."), F("J."),
    F("A."), F("No."), F("St."), F("The"), F("He"), F("But"), F("It"), F("Russia"),
    F("NATO"), F("Moscow's"), F("countries'"), F("3.5"), F("1,000"), F("2025"), F("5"),
    F("."), F("."), F("."), F("?"), F("!"), F("\xE2\x80\xA6"), F("\""), F("\""),
    F("\xE2\x80\x9C"), F("\xE2\x80\x9D"), F("'"), F("\xE2\x80\x99"), F("("), F(")"), F("["),
    F("]"), F("\xC2\xBB"), F("\xC2\xAB"), F(","), F(";"), F(":"), F("-"), F("\xE2\x80\x94"),
    F("\xC3\x89lys\xC3\xA9"), F("\xC3\xA9t\xC3\xA9"), F("\xC2\xA0"), F("\x80"),
    F("administration"), F("internationally"), F("counter-offensive"),
};

static size_t gen_sentences(rng *r, char *b, size_t cap, size_t len) {
  size_t n = 0, nf = sizeof SENT_FRAGS / sizeof SENT_FRAGS[0];
  while (n < len && n + 40 < cap) {
    const frag *f = &SENT_FRAGS[below(r, nf)];
    memcpy(b + n, f->s, f->n);
    n += f->n;
    size_t sep = below(r, 100);
    if (sep < 70) b[n++] = ' ';
    else if (sep < 92) continue;
    else if (sep < 97) b[n++] = '\n';
    else {
      memcpy(b + n, "\n\n", 2);
      n += 2;
    }
  }
  return n;
}

static void test_generated_sentences_match_the_reference(void **state) {
  (void)state;
  cg_splitter *sp = NULL;
  assert_int_equal(cg_splitter_new(&sp, NULL, NULL), CG_OK);
  ref_splitter rsp;
  ref_splitter_load(&rsp);
  rng r = {0xC0FFEEull};
  char buf[2048];
  for (int it = 0; it < 40000; it++) {
    size_t n = gen_sentences(&r, buf, sizeof buf, below(&r, it % 50 == 0 ? 1800 : 300));
    check_split(sp, &rsp, buf, n);
    if (it % 10 == 0) check_split(NULL, NULL, buf, n);
    if (it % 10 == 1) {
      n = gen_text(&r, buf, sizeof buf, below(&r, 300));
      check_split(sp, &rsp, buf, n);
    }
  }
  ref_splitter_free(&rsp);
  cg_splitter_free(sp);
}

/* The splitter sifts the tokens in blocks of 512 (sentences.c, candidates): sentence
 * ends, closing quotes, abbreviations and line breaks at every token index around
 * the first and second block boundaries. */
static void test_sentences_across_blocks_match_the_reference(void **state) {
  (void)state;
  cg_splitter *sp = NULL;
  assert_int_equal(cg_splitter_new(&sp, NULL, NULL), CG_OK);
  ref_splitter rsp;
  ref_splitter_load(&rsp);
  static const char *const tails[] = {
      "end. He said.", "end.\" He", "end.\")] Then", "Mr. Smith left.", "U.S. The",
      "U.S. troops", "x.\n\nNext", "short\nline\nhere", "end?\" \"Yes.\"", "Feb. 5 came."};
  size_t cap = 8192;
  char *buf = cg_xmalloc(cap);
  for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++)
    for (size_t base = 512; base <= 1024; base += 512)
      for (size_t pad = base - 8; pad <= base + 8; pad++) {
        size_t n = 0;
        for (size_t w = 0; w < pad; w++) { /* one token each */
          memcpy(buf + n, w % 7 ? "w " : ", ", 2);
          n += 2;
        }
        size_t tl = strlen(tails[k]);
        memcpy(buf + n, tails[k], tl);
        n += tl;
        memcpy(buf + n, " and more words.", 16);
        n += 16;
        check_split(sp, &rsp, buf, n);
      }
  free(buf);
  ref_splitter_free(&rsp);
  cg_splitter_free(sp);
}

/* Calls check on every file under dir (recursively), with its bytes. */
static int check_tree(const char *dir, const cg_splitter *sp, const ref_splitter *rsp) {
  DIR *d = opendir(dir);
  assert_non_null(d);
  int files = 0;
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.') continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
    DIR *sub = opendir(path);
    if (sub) {
      closedir(sub);
      files += check_tree(path, sp, rsp);
      continue;
    }
    char *text = NULL;
    size_t n = 0;
    assert_int_equal(cg_read_file(path, 1u << 26, &text, &n, NULL), CG_OK);
    check_text(text, n);
    check_split(sp, rsp, text, n);
    free(text);
    files++;
  }
  closedir(d);
  return files;
}

static void test_samples_match_the_reference(void **state) {
  (void)state;
  cg_splitter *sp = NULL;
  assert_int_equal(cg_splitter_new(&sp, NULL, NULL), CG_OK);
  ref_splitter rsp;
  ref_splitter_load(&rsp);
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/samples", CG_SOURCE_DIR);
  assert_true(check_tree(dir, sp, &rsp) >= 20);
  ref_splitter_free(&rsp);
  cg_splitter_free(sp);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_edge_strings_match_the_reference),
      cmocka_unit_test(test_word_lengths_match_the_reference),
      cmocka_unit_test(test_dense_tokens_match_the_reference),
      cmocka_unit_test(test_generated_strings_match_the_reference),
      cmocka_unit_test(test_ranges_and_appends_match_the_reference),
      cmocka_unit_test(test_generated_sentences_match_the_reference),
      cmocka_unit_test(test_sentences_across_blocks_match_the_reference),
      cmocka_unit_test(test_samples_match_the_reference),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
