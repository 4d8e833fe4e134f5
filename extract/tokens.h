/*
 * A shared tokenizer over UTF-8 news text: words, numbers and punctuation with byte
 * offsets and word-shape flags. Used by the sentence splitter, the actor recogniser
 * and the event extractor so that they agree on token boundaries.
 *
 * Rules: whitespace (ASCII, U+00A0, U+2000..U+200B, U+202F, U+3000) separates tokens.
 * A word is a run of letters/digits (any non-ASCII code point that is not listed
 * punctuation counts as a letter) with internal '-', '&', '.' between digits, and
 * internal apostrophes (' or U+2019) as in "O'Brien". A possessive "'s"/"’s" becomes a
 * token of its own flagged CG_TOK_POSS ("Moscow's" -> "Moscow" "'s"); dotted
 * abbreviations keep their dots ("U.S.", "U.N."). Anything else is a one-code-point
 * punctuation token.
 */
#ifndef CG_TOKENS_H
#define CG_TOKENS_H

#include "util.h"

#include <stddef.h>
#include <stdint.h>

enum {
  CG_TOK_WORD = 1u << 0,    /* has at least one letter or digit */
  CG_TOK_CAP = 1u << 1,     /* first letter is upper case */
  CG_TOK_ALLCAPS = 1u << 2, /* two or more letters, all upper case */
  CG_TOK_DIGIT = 1u << 3,   /* contains a digit */
  CG_TOK_PUNCT = 1u << 4,   /* punctuation (no letter or digit) */
  CG_TOK_POSS = 1u << 5,    /* the possessive clitic "'s" / "’s" or a lone "'" after s */
  CG_TOK_DOTTED = 1u << 6,  /* ends with a dot that belongs to it ("U.S.") */
  CG_TOK_QUOTE = 1u << 7,   /* a quotation mark */
  CG_TOK_SPACE_NL = 1u << 8 /* a newline lies between this token and the previous one */
};

typedef struct cg_token {
  size_t start, end; /* byte offsets [start, end) */
  unsigned shape;    /* CG_TOK_* */
  /* cg_lexhash of the token's bytes and of their ASCII-lower-cased form, made while
   * tokenising so that the many lexicon lookups of a token (cg_lexmap_get_h,
   * cg_lexmap_get_lower_h) do not hash it again. */
  uint32_t hash, lhash;
} cg_token;

typedef CG_VEC(cg_token) cg_tokens;

/* Appends the tokens of text[start, end) to out (offsets are absolute), with their
 * shapes and hashes. Linear time; grows out geometrically (no per-token allocation). */
void cg_tokenize(const char *text, size_t start, size_t end, cg_tokens *out);

/* The first token from `from` on that ends after byte offset limit (tk->len when
 * none): with limit the end of a sentence starting at token `from`, the sentence's
 * tokens are [from, result). Galloping search: the actor and event stages map every
 * sentence to its tokens (measured: 0.7% of each stage less than a walk over each
 * token). */
size_t cg_tokens_upto(const cg_tokens *tk, size_t from, size_t limit);

/* Decodes the code point at s[i] (i < n) and stores its byte length in *len (1 for
 * invalid bytes). Returns the code point (U+FFFD for invalid bytes). */
uint32_t cg_utf8_decode(const char *s, size_t n, size_t i, size_t *len);

/* True for code points the tokenizer treats as whitespace. */
bool cg_tok_is_space(uint32_t cp);

#endif
