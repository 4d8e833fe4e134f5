/* Tokenizer over UTF-8 text with word-shape flags (see tokens.h). */
#include "tokens.h"

#include "lexmap.h"

#include <string.h>

uint32_t cg_utf8_decode(const char *str, size_t n, size_t i, size_t *len) {
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

bool cg_tok_is_space(uint32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x3000 ||
         cp == 0xFEFF;
}

/* ASCII code points decode in place; the rest through cg_utf8_decode. */
static inline uint32_t dec(const char *s, size_t n, size_t i, size_t *len) {
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  return cg_utf8_decode(s, n, i, len);
}

static inline bool is_space(uint32_t cp) {
  if (cp < 0x80) return cp == ' ' || cp - '\t' < 5u;
  return cg_tok_is_space(cp);
}

/* ASCII letter or digit: one subtraction and compare each, no table. */
static inline bool ascii_alnum(unsigned b) { return (b | 32u) - 'a' < 26u || b - '0' < 10u; }

/* Non-ASCII punctuation that must not glue to words: quotes, dashes, ellipsis,
 * guillemets, bullets and the general punctuation block. */
static bool is_punct_cp(uint32_t cp) {
  if (cp < 0x80) return !((cp >= '0' && cp <= '9') || cg_isalpha((int)cp));
  return cp == 0xAB || cp == 0xBB || cp == 0xA7 || cp == 0xB6 || cp == 0xB7 || cp == 0xBF ||
         cp == 0xA1 || (cp >= 0x2010 && cp <= 0x205E) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0xFF01 && cp <= 0xFF0F) || cp == 0xFFFD || cp == 0xA9 || cp == 0xAE ||
         (cp >= 0x20A0 && cp <= 0x20CF) || cp == 0xA3 || cp == 0xA5 || cp == 0xA2 ||
         cp == 0xB0 || cp == 0xD7;
}

static bool is_upper_cp(uint32_t cp) {
  return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
         (cp >= 0x100 && cp <= 0x17F && !(cp & 1)) || (cp >= 0x391 && cp <= 0x3A9) ||
         (cp >= 0x410 && cp <= 0x42F);
}

static bool is_lower_cp(uint32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) ||
         (cp >= 0x100 && cp <= 0x17F && (cp & 1)) || (cp >= 0x3B1 && cp <= 0x3C9) ||
         (cp >= 0x430 && cp <= 0x44F);
}

static inline bool is_word_cp(uint32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || cg_isalpha((int)cp);
  return !is_punct_cp(cp) && !cg_tok_is_space(cp);
}

static bool is_apos(uint32_t cp) { return cp == '\'' || cp == 0x2019; }

static bool is_quote_cp(uint32_t cp) {
  return cp == '"' || cp == '\'' || cp == 0xAB || cp == 0xBB || (cp >= 0x2018 && cp <= 0x201F) ||
         cp == '`';
}

/* Shape flags of a finished word token. */
static unsigned word_shape(const char *t, size_t s, size_t e) {
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
    uint32_t cp = dec(t, e, i, &l);
    bool up = is_upper_cp(cp), lo = is_lower_cp(cp);
    if (up || lo || is_word_cp(cp)) {
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
static void set_hashes(const char *t, cg_token *tok) {
  tok->hash = cg_lexhash(t + tok->start, tok->end - tok->start);
  tok->lhash = cg_lexhash_lower(t + tok->start, tok->end - tok->start);
}

/* The general rules for the token starting at t[i] (not ASCII whitespace): appends it
 * to out and returns where the next one may start. Whitespace (*nl set at a
 * newline) appends nothing. Out of line: inlined, it crowded the registers of
 * cg_tokenize's fast paths (measured: +9% time). */
__attribute__((noinline)) static size_t general_token(const char *t, size_t i, size_t end,
                                                      cg_tokens *out, bool *nl) {
  size_t l, sl;
  uint32_t cp = dec(t, end, i, &l);
  if (is_space(cp)) {
    if (cp == '\n') *nl = true;
    return i + l;
  }
  cg_token tok = {i, i + l, 0, 0, 0};
  if (is_word_cp(cp)) {
    size_t j = i + l;
    for (;;) {
      if (j >= end) break;
      unsigned char b = (unsigned char)t[j];
      if (b < 0x80 && ascii_alnum(b)) { /* ASCII word character */
        j++;
        continue;
      }
      size_t l2;
      uint32_t c2 = dec(t, end, j, &l2);
      if (is_word_cp(c2)) {
        j += l2;
        continue;
      }
      /* internal connectors need a word character on both sides */
      size_t l3 = 0;
      uint32_t c3 = j + l2 < end ? dec(t, end, j + l2, &l3) : 0;
      if (c2 == '.' && j >= i + 3 && t[j - 2] == '.' && (!l3 || !is_word_cp(c3))) {
        j += l2; /* the final dot of "U.S." */
        break;
      }
      if (!l3 || !is_word_cp(c3)) break;
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
      if (is_apos(c2)) {
        /* possessive 's ends the word; other apostrophes (O'Brien, don't) stay */
        bool poss = (c3 == 's' || c3 == 'S') &&
                    (j + l2 + l3 >= end || !is_word_cp(dec(t, end, j + l2 + l3, &sl)));
        if (poss) break;
        j += l2 + l3;
        continue;
      }
      break;
    }
    tok.end = j;
    tok.shape = word_shape(t, tok.start, tok.end);
  } else if (is_apos(cp) && i + l < end && (t[i + l] == 's' || t[i + l] == 'S') &&
             out->len && out->items[out->len - 1].end == i &&
             (out->items[out->len - 1].shape & CG_TOK_WORD) &&
             (i + l + 1 >= end || !is_word_cp(dec(t, end, i + l + 1, &sl)))) {
    tok.end = i + (size_t)(cp == '\'' ? 1 : 3) + 1;
    tok.shape = CG_TOK_POSS;
  } else if (is_apos(cp) && out->len && out->items[out->len - 1].end == i &&
             (out->items[out->len - 1].shape & CG_TOK_WORD) &&
             (t[i - 1] == 's' || t[i - 1] == 'S') &&
             (i + l >= end || !is_word_cp(dec(t, end, i + l, &sl)))) {
    /* plural possessive: "countries'" */
    tok.end = i + (cp == '\'' ? 1 : 3);
    tok.shape = CG_TOK_POSS | CG_TOK_PUNCT;
  } else {
    tok.shape = CG_TOK_PUNCT | (is_quote_cp(cp) ? CG_TOK_QUOTE : 0);
  }
  set_hashes(t, &tok);
  if (*nl) tok.shape |= CG_TOK_SPACE_NL;
  *nl = false;
  CG_VEC_PUSH(out, tok);
  return tok.end;
}

/* Byte classes for the ASCII fast paths below: one table load per byte instead of
 * chains of comparisons. Every ASCII byte has a class; bytes >= 0x80 have none (0) and
 * go to general_token. LO/UP/DIG: lower-case letter, capital, digit. SP: whitespace
 * (NL: '\n'). MARK: a one-byte punctuation token (QUOTE: also a quotation mark).
 * CONN: may join two word characters (see general_token): "-", "&", "/", ".", ",",
 * ":" and the apostrophe, which is no MARK (it may start a possessive "'s"). */
enum {
  K_LO = 0x01,
  K_DIG = 0x02,
  K_SP = 0x04,
  K_NL = 0x08,
  K_MARK = 0x10,
  K_UP = 0x20,
  K_QUOTE = 0x40,
  K_CONN = 0x80,
  K_ALNUM = K_LO | K_UP | K_DIG,
  K_NOWORD = K_SP | K_NL | K_MARK | K_QUOTE | K_CONN /* any byte but letters, digits, non-ASCII */
};
#define M K_MARK
#define MC (K_MARK | K_CONN)
#define MQ (K_MARK | K_QUOTE)
#define L K_LO
#define U K_UP
#define D K_DIG
#define S K_SP
#define ROW(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
static const unsigned char BYTE_CLASS[256] = {
    M,  M,  M,  M,  M,  M,  M,  M,  M,  S,  S | K_NL, S, S, S, M, M, /* 0x00-0x0F */
    ROW(M),                                                          /* 0x10-0x1F */
    S,  M,  MQ, M,  M,  M,  MC, K_CONN, M, M, M, M, MC, MC, MC, MC,  /* ' ' - '/' */
    D,  D,  D,  D,  D,  D,  D,  D,  D,  D,  MC, M,  M,  M,  M,  M,   /* '0' - '?' */
    M,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,   /* '@' - 'O' */
    U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  M,  M,  M,  M,  M,   /* 'P' - '_' */
    MQ, L,  L,  L,  L,  L,  L,  L,  L,  L,  L,  L,  L,  L,  L,  L,   /* '`' - 'o' */
    L,  L,  L,  L,  L,  L,  L,  L,  L,  L,  L,  M,  M,  M,  M,  M,   /* 'p' - 0x7F */
    ROW(0), ROW(0), ROW(0), ROW(0), ROW(0), ROW(0), ROW(0), ROW(0)}; /* 0x80-0xFF */
#undef ROW
#undef M
#undef MC
#undef MQ
#undef L
#undef U
#undef D
#undef S

/* ALLCAPS for the ASCII word u[i, j) whose first letter is a capital and that has
 * no lower-case letter: two capitals or more. */
static unsigned capital_run(const unsigned char *u, size_t i, size_t j) {
  size_t ups = 0;
  for (size_t k = i; k < j && ups < 2; k++) ups += (BYTE_CLASS[u[k]] & K_UP) != 0;
  return ups >= 2 ? CG_TOK_ALLCAPS : 0u;
}

/* The shape flags of the ASCII word u[i, j) that holds a capital but does not start
 * with one (seen: the OR of its bytes' classes): the rare case ("iPhone", "3M"), kept
 * out of the loops of fast_word_case. */
static unsigned capital_word(const unsigned char *u, size_t i, size_t j, unsigned seen) {
  unsigned shape = 0;
  size_t f = i;
  while (!(BYTE_CLASS[u[f]] & (K_LO | K_UP))) f++; /* the first letter: there is one */
  if (BYTE_CLASS[u[f]] & K_UP) shape |= CG_TOK_CAP;
  if (!(seen & K_LO)) shape |= capital_run(u, f, j);
  return shape;
}

/* The end of the run of ASCII letters and digits from u[j] (before end), adding
 * their classes to *seen and their bytes to the lower-cased hash *hl and, with
 * exact, to the exact-case hash *h. Digits have the 0x20 bit of lower-case letters:
 * b | 0x20 lower-cases any letter or digit. Inlined twice with exact constant
 * (word_tail): one loop per case, no test of exact per byte. */
static inline size_t word_run(const unsigned char *u, size_t j, size_t end, bool exact,
                              unsigned *seen, uint32_t *h, uint32_t *hl) {
  unsigned acc = *seen;
  uint32_t x = *h, y = *hl;
  for (; j < end; j++) {
    unsigned b = u[j], c = BYTE_CLASS[b];
    if (!(c & K_ALNUM)) break;
    acc |= c;
    if (exact) x = cg_lexhash_add(x, (unsigned char)b);
    y = cg_lexhash_add(y, (unsigned char)(b | 0x20u));
  }
  *seen = acc;
  *h = x;
  *hl = y;
  return j;
}

/* word_run for the first run of a word, from u[j] of class c (a letter or a digit),
 * that is known to stop before the end of the text (cg_tokenize's safe): no test of
 * the end per byte. Also stores the class of the byte that stops it in *stop. The
 * hashes take the byte as a uint32_t, without cg_lexhash_add's narrowing to unsigned
 * char (the same values: b < 256), which cost a zero-extension per byte. Measured with
 * safe (callgrind, the whole pipeline on the 0.53 MB of TimeBank+AQUAINT prose,
 * Release): 15 -> 10 instructions per byte of a lower-case word, 16 -> 12 of a
 * capitalised one; the pipeline's instructions -2.0%. */
static inline size_t word_run_open(const unsigned char *u, size_t j, unsigned c, bool exact,
                                   unsigned *seen, uint32_t *h, uint32_t *hl, unsigned *stop) {
  unsigned acc = 0;
  uint32_t x = CG_LEXHASH_INIT, y = CG_LEXHASH_INIT;
  const unsigned char *q = u + j;
  uint32_t b = *q;
  do {
    acc |= c;
    if (exact) x = (x ^ b) * 16777619u; /* cg_lexhash_add without its narrowing */
    y = (y ^ (b | 0x20u)) * 16777619u;
    b = *++q;
    c = BYTE_CLASS[b];
  } while (c & K_ALNUM);
  *seen = acc;
  *h = x;
  *hl = y;
  *stop = c;
  return (size_t)(q - u);
}

/* What general_token decides at the ASCII connector u[j] (K_CONN) inside the word
 * that starts at u[i] (u[j - 1] is a letter or digit), for word_tail. */
enum {
  C_JOIN,   /* the connector and the word character after it belong to the word */
  C_END,    /* the word ends before the connector */
  C_DOT,    /* the word ends with it: the final dot of "U.S." */
  C_GENERAL /* a non-ASCII byte decides: leave the word to general_token */
};
static int connector(const unsigned char *u, size_t i, size_t j, size_t end) {
  unsigned b = u[j], d = j + 1 < end ? BYTE_CLASS[u[j + 1]] : K_SP; /* K_SP: none */
  if (!d) return C_GENERAL;
  if (!(d & K_ALNUM)) return b == '.' && j >= i + 3 && u[j - 2] == '.' ? C_DOT : C_END;
  bool digits = cg_isdigit(u[j - 1]) && (d & K_DIG); /* decimals, thousands, times, 1/2 */
  switch (b) {
  case '-':
  case '&': return C_JOIN;
  case '/':
  case ',':
  case ':': return digits ? C_JOIN : C_END;
  case '.': /* also dotted abbreviations: single letters separated by dots (U.S.) */
    return digits || ((j - i == 1 || u[j - 2] == '.') && (d & (K_LO | K_UP))) ? C_JOIN : C_END;
  default: /* the apostrophe: a possessive 's ends the word, others (O'Brien) join */
    if ((u[j + 1] | 0x20u) != 's') return C_JOIN;
    if (j + 2 >= end) return C_END;
    d = BYTE_CLASS[u[j + 2]];
    return !d ? C_GENERAL : d & K_ALNUM ? C_JOIN : C_END;
  }
}

/* The token of the ASCII word u[i, j) with the OR of its classes seen, its
 * lower-cased hash hl and, when exact (it starts with a capital), its exact-case hash
 * h. exact is a constant where this is inlined: a word that starts with a capital is
 * CAP without a test, and only the others ask whether they hold one ("iPhone"). */
static inline cg_token word_token(const unsigned char *u, size_t i, size_t j, unsigned seen,
                                  bool exact, uint32_t h, uint32_t hl) {
  unsigned shape = CG_TOK_WORD | (seen & K_DIG ? CG_TOK_DIGIT : 0u);
  if (exact) shape |= CG_TOK_CAP | (seen & K_LO ? 0u : capital_run(u, i, j));
  else if (seen & K_UP) {
    shape |= capital_word(u, i, j, seen);
    h = cg_lexhash((const char *)u + i, j - i);
  } else h = hl; /* no capital: the exact hash is the lower-cased one */
  return (cg_token){i, j, shape, h, hl};
}

/* Whether the word whose first run of letters and digits ends before u[j] may go on
 * (word_tail), given the classes c of u[j] and d of u[j + 1]: u[j] is a non-ASCII byte
 * (class 0), or a connector before a letter, a digit or a non-ASCII byte (the classes
 * without a bit of K_NOWORD). It replaces a test for a space after the word, which
 * sent every comma and full stop after a word through word_tail and connector to end
 * there. Measured on the 0.53 MB of prose (callgrind): the tokenizer's mispredictions
 * 209.9k -> 198.3k for the same instructions. */
static inline bool may_go_on(unsigned c, unsigned d) {
  return (c & K_CONN ? d & K_NOWORD : c) == 0;
}

/* fast_word_case after its first run of letters and digits u[i, j), stopped by the byte
 * u[j] after which the word may go on (may_go_on): a connector or a non-ASCII byte
 * (a mark or whitespace also ends the loop below). Goes on over
 * the connectors general_token would join ("full-scale", "U.S.", "1,000",
 * "O'Brien"); returns the end of the word as general_token would make it (0: a
 * non-ASCII byte must decide). */
static size_t word_tail(const unsigned char *u, size_t i, size_t j, size_t end, bool exact,
                        unsigned seen, uint32_t h, uint32_t hl, cg_token *tok) {
  unsigned dotted = 0;
  for (;;) {
    unsigned c = BYTE_CLASS[u[j]];
    if (!c) return 0;         /* non-ASCII */
    if (!(c & K_CONN)) break; /* whitespace or a mark that joins nothing */
    int act = connector(u, i, j, end);
    if (act == C_GENERAL) return 0;
    if (act == C_END) break;
    /* connectors are ASCII punctuation, their own lower case */
    h = cg_lexhash_add(h, u[j]);
    hl = cg_lexhash_add(hl, u[j]);
    j++;
    if (act == C_DOT) {
      dotted = CG_TOK_DOTTED;
      break;
    }
    j = exact ? word_run(u, j, end, true, &seen, &h, &hl)
              : word_run(u, j, end, false, &seen, &h, &hl);
    if (j >= end) break;
  }
  *tok = word_token(u, i, j, seen, exact, h, hl);
  tok->shape |= dotted;
  return j;
}

/* The common case, in one pass: a word of ASCII letters and digits starting at u[i]
 * (of class *cls; see word_tail for what may follow it), before cg_tokenize's safe,
 * that starts with a capital when exact (a constant: cg_tokenize inlines this once per
 * case). Fills *tok (shape with the flags *nlf, hashes) as general_token would and
 * stores in *next where the next token may start: after the word and one whitespace
 * byte after it (that sets *nlf again at a newline), with the class of the byte there
 * in *cls when it is before end. Returns false when a non-ASCII byte must decide
 * (general_token). A word that starts with a capital makes both hashes in its loop;
 * other words only the lower-cased one (their exact hash is the same unless a capital
 * follows: "iPhone", hashed again). Measured (CPU time of cg_tokenize over news text):
 * a byte class table instead of comparisons, the vector's fields in locals, -19%;
 * connectors here instead of in general_token (13% of the tokenizer's instructions for
 * 5% of its tokens), a further -13%. always_inline: GCC made one out-of-line copy with
 * exact a variable, tested at every byte (measured: +26% of the tokenizer's
 * instructions). */
__attribute__((always_inline)) static inline bool
fast_word_case(const unsigned char *u, size_t i, size_t end, bool exact, cg_token *tok,
               unsigned *cls, unsigned *nlf, size_t *next) {
  uint32_t h, hl;
  unsigned seen, c;
  size_t j = word_run_open(u, i, *cls, exact, &seen, &h, &hl, &c);
  /* j + 1 < end: the run stopped at safe or before it, and safe < end - 1 */
  unsigned d = BYTE_CLASS[u[j + 1]];
  if (may_go_on(c, d)) {
    j = word_tail(u, i, j, end, exact, seen, h, hl, tok);
    if (!j) return false;
    tok->shape |= *nlf;
    *nlf = 0;
    if (j < end) *cls = BYTE_CLASS[u[j]];
    *next = j;
    return true;
  }
  cg_token w = word_token(u, i, j, seen, exact, h, hl);
  w.shape |= *nlf;
  *tok = w;
  *nlf = 0;
  /* most words: the space after the word, and the class after that, here and not in a
   * round of cg_tokenize's loop (measured with the class handed on: the pipeline's
   * instructions -1.1%) */
  if (c & K_SP) {
    *nlf = (c & K_NL) << 5; /* K_NL << 5 == CG_TOK_SPACE_NL */
    j++;
    c = d;
  }
  *cls = c;
  *next = j;
  return true;
}

/* The possessive "'s" or "'S" at u[i] (an apostrophe) right after the word token
 * prev (NULL: none), as general_token would make it: fills *tok and returns its end;
 * 0 when it is not one or a non-ASCII byte after it must decide. The commonest token
 * of general_token's. */
static size_t fast_possessive(const unsigned char *u, size_t i, size_t end, const cg_token *prev,
                              cg_token *tok) {
  if (!prev || prev->end != i || !(prev->shape & CG_TOK_WORD) || i + 1 >= end ||
      (u[i + 1] | 0x20u) != 's')
    return 0;
  unsigned d = i + 2 < end ? BYTE_CLASS[u[i + 2]] : K_SP;
  if (!d || (d & K_ALNUM)) return 0;
  uint32_t h = cg_lexhash_add(CG_LEXHASH_INIT, '\'');
  *tok = (cg_token){i, i + 2, CG_TOK_POSS, cg_lexhash_add(h, u[i + 1]), cg_lexhash_add(h, 's')};
  return i + 2;
}

/* Grows out (as CG_VEC_PUSH would) when it is full with len tokens. */
static void grow(cg_tokens *out, size_t len) {
  out->len = len;
  CG_VEC_GROW(out);
}

/* The last byte of t[start, end - 1) that is no ASCII letter or digit (start when there
 * is none): a run of letters and digits that starts before it stops at it or earlier,
 * so that fast_word_case reads the byte after a word's first run without a test of the
 * end, and its loop needs none per byte (see word_run_open). */
static size_t safe_limit(const unsigned char *u, size_t start, size_t end) {
  for (size_t k = end - 1; k > start; k--)
    if (!(BYTE_CLASS[u[k - 1]] & K_ALNUM)) return k - 1;
  return start;
}

void cg_tokenize(const char *t, size_t start, size_t end, cg_tokens *out) {
  const unsigned char *u = (const unsigned char *)t;
  /* the next free slot and the end of the room in locals: a store of a token through
   * out->items could alias out->len, so the compiler would reload it for every token.
   * The fast paths write their token into the slot itself: one made elsewhere and
   * copied here was read back before its stores had landed (a store-forwarding stall,
   * measured: +30% time). */
  if (start >= end) return;
  if (!out->items) grow(out, out->len); /* never arithmetic on a null pointer (C11 6.5.6) */
  cg_token *p = out->items + out->len, *room = out->items + out->cap;
  /* The tokens that start before safe, then the few after it (the end of the text)
   * by the general rules: the fast paths need no test of end (measured: the
   * pipeline's instructions -1.0%). */
  size_t safe = safe_limit(u, start, end);
  size_t i = start;
  unsigned nlf = 0; /* CG_TOK_SPACE_NL when a newline lies before the next token */
  while (i < safe) {
    if (p == room) {
      grow(out, (size_t)(p - out->items));
      p = out->items + out->len, room = out->items + out->cap;
    }
    /* Each token starts at a byte of its own: up to limit, the room left holds them
     * all, and the loop below needs no test of it per token (measured: the pipeline's
     * instructions -0.3%). */
    size_t limit = safe - i <= (size_t)(room - p) ? safe : i + (size_t)(room - p);
    /* c: the class of u[i], i < limit. A word hands the class of the byte after it on
     * to the next round: a token's stores to *p may alias the text (the compiler would
     * read it again). */
    unsigned c = BYTE_CLASS[u[i]];
    while (i < limit) {
      if (c & K_SP) {
        nlf |= (c & K_NL) << 5; /* K_NL << 5 == CG_TOK_SPACE_NL */
        if (++i >= limit) break;
        c = BYTE_CLASS[u[i]];
        continue;
      }
      size_t next; /* the end of the token made here (0: none): not read back from *p */
      if (c & K_ALNUM) {
        if (c & K_UP ? fast_word_case(u, i, end, true, p, &c, &nlf, &next)
                     : fast_word_case(u, i, end, false, p, &c, &nlf, &next)) {
          p++;
          i = next;
          continue; /* c is the class of u[i] when i < limit */
        }
        next = 0;
      } else if (c & K_MARK) { /* one mark */
        uint32_t h = cg_lexhash_add(CG_LEXHASH_INIT, u[i]);
        *p = (cg_token){i, i + 1, CG_TOK_PUNCT | (c & K_QUOTE ? CG_TOK_QUOTE : 0u) | nlf, h, h};
        next = i + 1;
      } else {
        next = u[i] == '\'' ? fast_possessive(u, i, end, p > out->items ? p - 1 : NULL, p) : 0;
        if (next) p->shape |= nlf;
      }
      if (!next) { /* non-ASCII or another apostrophe: the general rules */
        out->len = (size_t)(p - out->items);
        bool gnl = nlf != 0;
        i = general_token(t, i, end, out, &gnl);
        nlf = gnl ? CG_TOK_SPACE_NL : 0u;
        p = out->items + out->len, room = out->items + out->cap;
      } else {
        nlf = 0;
        i = next;
        p++;
      }
      if (i < limit) c = BYTE_CLASS[u[i]];
    }
  }
  out->len = (size_t)(p - out->items);
  bool nl = nlf != 0;
  while (i < end) i = general_token(t, i, end, out, &nl);
}

size_t cg_tokens_upto(const cg_tokens *tk, size_t from, size_t limit) {
  const cg_token *it = tk->items;
  size_t n = tk->len, lo = from, hi, step = 1;
  /* token ends increase: gallop to a bound [lo, hi) that holds the answer... */
  for (;;) {
    hi = lo + step;
    if (hi > n) {
      hi = n;
      break;
    }
    if (it[hi - 1].end > limit) break;
    lo = hi;
    step *= 2;
  }
  /* ...then halve it */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (it[mid].end > limit) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
