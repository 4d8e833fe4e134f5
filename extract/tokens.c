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
 * newline) appends nothing. */
static size_t general_token(const char *t, size_t i, size_t end, cg_tokens *out, bool *nl) {
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

/* True for the ASCII marks that may join two word characters into one token
 * (see general_token): "-", "&", "/", ".", ",", ":" and the apostrophe. */
static inline bool ascii_connector(unsigned b) {
  return b == '-' || b == '&' || b == '/' || b == '.' || b == ',' || b == ':' || b == '\'';
}

/* The common case, in one pass: a word of ASCII letters and digits starting at t[i]
 * and ended by whitespace, by a mark that joins nothing, or by a connector that is
 * not followed by a word character. Fills *tok (shape, hashes) as general_token
 * would and returns its end; returns 0 when the general rules must decide (a
 * non-ASCII byte, a connector before a word character). Measured: tokenising in
 * one pass instead of three (scan, shape, hashes) halves the tokenizer's time. */
static size_t fast_word(const char *t, size_t i, size_t end, cg_token *tok) {
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
    if (ascii_connector(c) && j + 1 < end) {
      unsigned d = (unsigned char)t[j + 1];
      if (d >= 0x80 || ascii_alnum(d)) return 0;
    }
  }
  if (uppers >= 2 && lowers == 0) shape |= CG_TOK_ALLCAPS; /* ASCII: letters = both */
  /* most words have no capital: their hash is the lower-cased one */
  uint32_t h = uppers ? cg_lexhash(t + i, j - i) : hl;
  *tok = (cg_token){i, j, shape, h, hl};
  return j;
}

void cg_tokenize(const char *t, size_t start, size_t end, cg_tokens *out) {
  size_t i = start;
  bool nl = false;
  while (i < end) {
    unsigned b = (unsigned char)t[i];
    if (b < 0x80) {
      if (b == ' ' || b - '\t' < 5u) {
        if (b == '\n') nl = true;
        i++;
        continue;
      }
      cg_token tok;
      size_t e = 0;
      if (ascii_alnum(b)) {
        e = fast_word(t, i, end, &tok);
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
    i = general_token(t, i, end, out, &nl);
  }
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
