/* Tokeniser and pattern automaton of the temporal tagger. Tokens are words, digit
 * groups (with built-in numeric classes) and single punctuation marks; lexicon phrases
 * of several tokens are merged into one token. Matching walks the pattern trie from
 * each token over the classes of the following tokens and keeps the longest accepted
 * path; the walk is bounded by the longest pattern, so the whole scan is linear. */
#include "timex_int.h"

#include <stdlib.h>
#include <string.h>

enum { RAW_WORD, RAW_NUM, RAW_PUNCT };

static bool is_word_byte(unsigned char c) { return cg_isalpha(c) || c >= 0x80; }

/* Length of a dash written as UTF-8 en/em dash (E2 80 93/94) at p, else 0. */
static size_t utf8_dash(const char *p, const char *end) {
  if (end - p >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
      ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94))
    return 3;
  return 0;
}

static void add_ent(tx_tok *tk, int cls, int32_t ival) {
  tk->bmask |= (uint16_t)(1u << cls);
  tk->ival = ival;
}

static size_t ndigits(const char *p, const char *end) {
  size_t n = 0;
  while (p + n < end && cg_isdigit((unsigned char)p[n])) n++;
  return n;
}

static int32_t atoin(const char *p, size_t n) {
  int64_t v = 0;
  for (size_t i = 0; i < n; i++) {
    v = v * 10 + (p[i] - '0');
    if (v > 100000000) return 100000000;
  }
  return (int32_t)v;
}

/* Scans a digit-led token at text[i]; fills classes; returns its end. */
static size_t scan_number(const char *text, size_t i, size_t end, tx_tok *tk) {
  const size_t chunk_start = 0;
  const char *p = text + i, *e = text + end;
  size_t k = ndigits(p, e);
  size_t j = i + k;
  int32_t v = atoin(p, k);
  bool money = i > chunk_start && (text[i - 1] == '$' || text[i - 1] == '#' ||
                                   (i >= chunk_start + 2 && (unsigned char)text[i - 2] == 0xC2 &&
                                    (unsigned char)text[i - 1] == 0xA3));
  /* ISO date 2022-02-24 */
  if (k == 4 && j + 6 <= end && text[j] == '-' && ndigits(text + j + 1, e) == 2 &&
      text[j + 3] == '-' && ndigits(text + j + 4, e) == 2) {
    int m = atoin(text + j + 1, 2), d = atoin(text + j + 4, 2);
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
      add_ent(tk, TX_C_NUMDATE, v * 10000 + m * 100 + d);
      return j + 6;
    }
  }
  /* US date 02/24/2022 or 2/24/98 */
  if (k <= 2 && j < end && text[j] == '/') {
    size_t k2 = ndigits(text + j + 1, e);
    size_t j2 = j + 1 + k2;
    if (k2 >= 1 && k2 <= 2 && j2 < end && text[j2] == '/') {
      size_t k3 = ndigits(text + j2 + 1, e);
      if (k3 == 2 || k3 == 4) {
        int m = v, d = atoin(text + j + 1, k2), y = atoin(text + j2 + 1, k3);
        if (k3 == 2) y += y < 30 ? 2000 : 1900;
        if (m >= 1 && m <= 12 && d >= 1 && d <= 31) add_ent(tk, TX_C_NUMDATE, y * 10000 + m * 100 + d);
        return j2 + 1 + k3;
      }
    }
  }
  /* phone numbers 555-1234, 212-555-1234: no class */
  if (k == 3 && j < end && text[j] == '-') {
    size_t k2 = ndigits(text + j + 1, e);
    if (k2 == 3 || k2 == 4) {
      j += 1 + k2;
      while (j < end && text[j] == '-' && ndigits(text + j + 1, e) >= 3)
        j += 1 + ndigits(text + j + 1, e);
      return j;
    }
  }
  /* 2,014 / 1,500,000: a count, never a year or a day */
  if (j + 3 < end + 0 && text[j] == ',' && ndigits(text + j + 1, e) == 3) {
    while (j < end && text[j] == ',' && ndigits(text + j + 1, e) == 3) j += 4;
    if (j < end && text[j] == '.' && ndigits(text + j + 1, e)) j += 1 + ndigits(text + j + 1, e);
    add_ent(tk, TX_C_NUM, 100000000);
    return j;
  }
  /* decimals and versions: 1.5, 2.0.1 */
  if (j < end && text[j] == '.' && ndigits(text + j + 1, e)) {
    while (j < end && text[j] == '.' && ndigits(text + j + 1, e)) j += 1 + ndigits(text + j + 1, e);
    return j;
  }
  /* clock 3:30, 15:45:10 */
  if (k <= 2 && j < end && text[j] == ':' && ndigits(text + j + 1, e) == 2 && v <= 24) {
    int mi = atoin(text + j + 1, 2);
    j += 3;
    if (j < end && text[j] == ':' && ndigits(text + j + 1, e) == 2) j += 3;
    if (mi < 60) add_ent(tk, TX_C_CLOCK, v * 100 + mi);
    return j;
  }
  /* digits glued to a word before them ("Ab2014", "G20") are no date or count */
  if (i > chunk_start && is_word_byte((unsigned char)text[i - 1])) return j;
  /* suffixes: 1990s, 80s, 1st, 19th */
  if (j < end && is_word_byte((unsigned char)text[j])) {
    size_t w = 0;
    while (j + w < end && cg_isalpha((unsigned char)text[j + w])) w++;
    bool alone = j + w >= end || !is_word_byte((unsigned char)text[j + w]);
    if (alone && w == 1 && (text[j] == 's' || text[j] == 'S') && v % 10 == 0) {
      if (k == 4) add_ent(tk, TX_C_DECADE, v / 10);
      else if (k == 2) add_ent(tk, TX_C_DECADE, 190 + v / 10);
      return j + 1;
    }
    if (alone && w == 2 && !money) {
      char a = (char)cg_lower((unsigned char)text[j]), b = (char)cg_lower((unsigned char)text[j + 1]);
      if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
          (a == 't' && b == 'h')) {
        add_ent(tk, TX_C_ORDNUM, v);
        return j + 2;
      }
    }
    /* "10am", "5pm" keep their classes; other glued letters ("06x", "4G") do not */
    char a = (char)cg_lower((unsigned char)text[j]);
    bool ampm = (a == 'a' || a == 'p') && j + 1 < end && cg_lower((unsigned char)text[j + 1]) == 'm';
    if (!ampm) return j;
  }
  if (money) {
    add_ent(tk, TX_C_NUM, 100000000);
    return j;
  }
  bool pct = j < end && text[j] == '%';
  if (k == 4 && v >= 1000 && v <= 2099 && !pct) add_ent(tk, TX_C_YEAR, v);
  if (k <= 2 && v >= 1 && v <= 31 && !pct) add_ent(tk, TX_C_DAYNUM, v);
  add_ent(tk, TX_C_NUM, v);
  return j;
}

/* Folds the bytes of text[s, e) into the FNV-1a hash h the way lexicon keys are
 * written: lowercase ASCII, a token that is one UTF-8 dash as '-', a right single
 * quote as an apostrophe. Writes the folded bytes to key (if not NULL, up to cap). */
static uint64_t fold(uint64_t h, const char *text, size_t s, size_t e, char *key, size_t *n,
                     size_t cap) {
  if (utf8_dash(text + s, text + e) == e - s) {
    if (key && *n < cap) key[(*n)++] = '-';
    return (h ^ (unsigned char)'-') * TX_FNV_PRIME;
  }
  for (size_t p = s; p < e; p++) {
    unsigned char ch = (unsigned char)text[p];
    if (ch == 0xE2 && p + 2 < e && (unsigned char)text[p + 1] == 0x80 &&
        (unsigned char)text[p + 2] == 0x99) {
      ch = '\'';
      p += 2;
    } else ch = (unsigned char)cg_lower(ch);
    if (key && *n < cap) key[(*n)++] = (char)ch;
    h = (h ^ ch) * TX_FNV_PRIME;
  }
  return h;
}

/* Byte classes for the scanner: one table load instead of chains of comparisons.
 * B_END: '.', '!', '?' and ';', the punctuation that ends a sentence. B_PUNCT: an
 * ASCII byte that is a token by itself (not a space, letter, digit, apostrophe or
 * NUL). */
enum { B_SPACE = 1, B_DIGIT = 2, B_ALPHA = 4, B_UPPER = 8, B_HIGH = 16, B_END = 32, B_PUNCT = 64 };
static const uint8_t BCLS[256] = {
    0,  64,  64,  64,  64,  64,  64,  64,  64,   1,   1,   1,   1,   1,  64,  64,
   64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,  64,
    1,  96,  64,  64,  64,  64,  64,   0,  64,  64,  64,  64,  64,  64,  96,  64,
    2,   2,   2,   2,   2,   2,   2,   2,   2,   2,  64,  96,  64,  64,  64,  96,
   64,  12,  12,  12,  12,  12,  12,  12,  12,  12,  12,  12,  12,  12,  12,  12,
   12,  12,  12,  12,  12,  12,  12,  12,  12,  12,  12,  64,  64,  64,  64,  64,
   64,   4,   4,   4,   4,   4,   4,   4,   4,   4,   4,   4,   4,   4,   4,   4,
    4,   4,   4,   4,   4,   4,   4,   4,   4,   4,   4,  64,  64,  64,  64,  64,
   16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,
   16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,
   16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,
   16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,
   16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,
   16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,
   16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,
   16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,  16,
};

/* Mask with the high bit set in each byte of x that is an ASCII letter. */
static inline uint64_t swar_alpha(uint64_t x) {
  const uint64_t hi = 0x8080808080808080ull, lo7 = 0x7F7F7F7F7F7F7F7Full;
  uint64_t y = (x | 0x2020202020202020ull) & lo7;   /* fold case, no carries below */
  uint64_t ge_a = y + 0x1F1F1F1F1F1F1F1Full;          /* high bit: y >= 'a' */
  uint64_t gt_z = y + 0x0505050505050505ull;          /* high bit: y > 'z' */
  return ge_a & ~gt_z & ~x & hi;
}

/* Lexicon entry of the ASCII token w[0, n) (n <= 60). */
static const tx_lexword *lex_ascii(const cg_tagger *t, const unsigned char *w, size_t n) {
  unsigned char a = (unsigned char)cg_lower(w[0]);
  unsigned char b = n > 1 ? (unsigned char)cg_lower(w[1]) : 0;
  unsigned char z = (unsigned char)cg_lower(w[n - 1]);
  if (!tx_quick_maybe(t, tx_quick_sig(n, a, b, z))) return NULL; /* most words stop here */
  /* ASCII: folding is lowercasing; the key is read only on a bloom hit */
  char key[64];
  uint64_t h = TX_FNV_BASIS;
  for (size_t p = 0; p < n; p++) {
    unsigned char ch = (unsigned char)cg_lower(w[p]);
    key[p] = (char)ch;
    h = (h ^ ch) * TX_FNV_PRIME;
  }
  return tx_maybe(t, h) ? tx_lookup_hashed(t, h, key, n) : NULL;
}

/* The token of lexicon entry lw (NULL: none) gets its flags (see TX_W_PLAIN). */
static inline void set_word(tx_tok *tk, const tx_lexword *lw, int32_t plain) {
  tk->lw = lw;
  tk->ival = plain | (lw ? lw->flags : 0);
}

/* Raw tokens of text[0, end) with built-in classes and their own lexicon entry. The
 * index of every token that may start a merge (a phrase's first word, a word before a
 * dot) goes to merge: the merge pass visits only those, not every token. */
static void raw_tokens(const cg_tagger *t, const char *text, size_t end, tx_tokvec *out,
                       tx_idxvec *merge) {
  /* the flags and classes stored as they are, not as 0/1: one instruction less each
   * per token (the pipeline's instructions -0.1% on tbaq-x1.jsonl, callgrind) */
  _Static_assert(TX_W_MW == 1, "a token's TX_W_MW bit is the merge cursor's step");
  const unsigned char *s = (const unsigned char *)text;
  size_t i = 0;
  unsigned sent = 1;
  size_t line_start = 0;
  /* tokens are at most one per byte: reserve once, no capacity check per token */
  if (out->cap < end + 1) {
    out->cap = end + 1;
    free(out->items);
    out->items = cg_xmalloc(out->cap * sizeof *out->items);
  }
  if (merge->cap < end + 1) {
    merge->cap = end + 1;
    free(merge->items);
    merge->items = cg_xmalloc(merge->cap * sizeof *merge->items);
  }
  tx_tok *tp = out->items;
  uint32_t ti = 0; /* tp - out->items, counted: not a division by 24 per token */
  uint32_t *mp = merge->items;
  while (i < end) {
    unsigned char c = s[i];
    unsigned cc = BCLS[c];
    if (cc & B_SPACE) {
      if (c == '\n') {
        /* a blank line ends a sentence; so does a single newline after a short line
         * (a title, a dateline) when the next line starts with a capital or a digit.
         * Long lines are wrapped prose: their newline is a space. */
        size_t k = i + 1;
        while (k < end && s[k] != '\n' && (BCLS[s[k]] & B_SPACE)) k++;
        if (k < end && s[k] == '\n') sent = true;
        else if (i - line_start < 50 && k < end && (BCLS[s[k]] & (B_UPPER | B_DIGIT)))
          sent = true;
        line_start = i + 1;
      }
      i++;
      continue;
    }
    /* built in place: a local copy stored whole would stall on its partial writes */
    tx_tok *tk = tp;
    tk->bmask = 0;
    tk->start = (uint32_t)i;
    tk->sent_start = (uint8_t)sent;
    tk->capital = (uint8_t)(cc & B_UPPER);
    sent = false;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if ((cc & B_ALPHA) && i + 8 <= end) {
      /* the common case, an ASCII word of up to 7 letters: its folded bytes are its
       * key in t->shorts (8 to 15 letters: in t->mediums). A letter before a dot
       * (n == 1) may be "a.m.", which the general path below tells. */
      uint64_t x;
      memcpy(&x, s + i, 8);
      uint64_t al = swar_alpha(x), stop = ~al & 0x8080808080808080ull;
      size_t n = stop ? (size_t)__builtin_ctzll(stop) >> 3 : 8; /* >= 1: s[i] is a letter */
      const tx_lexword *lw;
      int32_t fl;
      if (n < 8 && s[i + n] < 0x80 && !(n == 1 && s[i + 1] == '.')) {
        uint64_t key = (x | (al >> 2)) & ((1ull << (8 * n)) - 1);
        const tx_short *sh = tx_short_slot(t, key);
        lw = sh->lw;
        fl = (int32_t)sh->flags;
      } else {
        /* 8 to 15 letters: the next eight bytes give the rest of the key (see
         * cg_tagger.mediums) */
        if (n < 8 || i + 16 > end) goto general;
        uint64_t x2;
        memcpy(&x2, s + i + 8, 8);
        uint64_t al2 = swar_alpha(x2), stop2 = ~al2 & 0x8080808080808080ull;
        size_t n2 = stop2 ? (size_t)__builtin_ctzll(stop2) >> 3 : 8;
        if (n2 == 8 || s[i + 8 + n2] >= 0x80) goto general;
        const tx_medium *md =
            tx_medium_slot(t, x | (al >> 2), (x2 | (al2 >> 2)) & ((1ull << (8 * n2)) - 1));
        lw = md->lw;
        fl = (int32_t)md->flags;
        n = 8 + n2;
      }
      i += n;
      tk->end = (uint32_t)i;
      tk->lw = lw;
      tk->ival = TX_W_PLAIN | fl;
      /* listed without a branch: whether a word starts a phrase or comes before
       * a dot follows no pattern (17,700 mispredicts, 8.5% of the tokeniser's, on
       * tbaq-x1.jsonl, callgrind --branch-sim); the slot is free (room for one
       * token per byte) */
      *mp = ti;
      mp += (fl & TX_W_MW) | (s[i] == '.');
      tp++;
      ti++;
      /* the space after a word, stepped over here rather than by a turn of the loop
       * (a space only moves i): 0.6% fewer instructions in the pipeline and as many
       * fewer mispredicts (callgrind, tbaq-x1.jsonl) */
      i += s[i] == ' ';
      continue;
    }
  general:
#endif
    if (cc & B_PUNCT) {
      /* a punctuation mark, one token in seven of prose: looked up like a short word
       * (the key is the byte itself; "," and "-" are lexicon entries). The tests of
       * the general path below for the other kinds of token cost it 0.68 M
       * instructions more (of 97 M in the pipeline, callgrind, tbaq-x1.jsonl). */
      i++;
      tk->end = (uint32_t)i;
      sent = cc & B_END;
      const tx_short *sh = tx_short_slot(t, c);
      tk->lw = sh->lw;
      int32_t fl = (int32_t)sh->flags;
      tk->ival = fl;
      *mp = ti;
      mp += (fl & TX_W_MW) | (i < end && s[i] == '.');
      tp++;
      ti++;
      i += i < end && s[i] == ' ';
      continue;
    }
    tk->ival = 0;
    tk->lw = NULL;
    size_t dl;
    bool word = false, ascii = false;
    if ((cc & B_ALPHA) &&
        !(i + 3 < end && s[i + 1] == '.' && (BCLS[s[i + 2]] & B_ALPHA) && s[i + 3] == '.')) {
      /* an ASCII word: eight bytes at a time while they fit */
      word = ascii = true;
      i++;
      for (;;) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (i + 8 <= end) {
          uint64_t x;
          memcpy(&x, s + i, 8);
          uint64_t stop = ~swar_alpha(x) & 0x8080808080808080ull;
          if (stop) {
            i += (size_t)__builtin_ctzll(stop) >> 3;
            break;
          }
          i += 8;
          continue;
        }
#endif
        while (i < end && (BCLS[s[i]] & B_ALPHA)) i++;
        break;
      }
      if (i < end && s[i] >= 0x80) {
        ascii = false;
        while (i < end) {
          unsigned char b = s[i];
          if (b < 0x80) {
            if (!(BCLS[b] & B_ALPHA)) break;
            i++;
            continue;
          }
          /* a dash or a right single quote inside a word ends it like an apostrophe */
          if (b == 0xE2 && end - i >= 3 && s[i + 1] == 0x80 &&
              (s[i + 2] == 0x93 || s[i + 2] == 0x94 || s[i + 2] == 0x99))
            break;
          i++;
        }
      }
    } else if (cc & B_DIGIT) {
      i = scan_number(text, i, end, tk);
    } else if (c == '\'' && i + 2 < end && ndigits(text + i + 1, text + end) == 2 &&
               (i + 3 >= end || !cg_isdigit((unsigned char)text[i + 3]))) {
      int v = atoin(text + i + 1, 2);
      if (i + 3 < end && text[i + 3] == 's') {
        add_ent(tk, TX_C_DECADE, 190 + v / 10);
        i += 4;
      } else {
        add_ent(tk, TX_C_YEAR2, 1900 + v);
        i += 3;
      }
    } else if (is_word_byte(c) && !(dl = utf8_dash(text + i, text + end))) {
      word = true;
      /* a.m., p.m., B.C.: single letters each followed by a dot */
      if (cg_isalpha(c) && i + 3 < end && text[i + 1] == '.' && cg_isalpha((unsigned char)text[i + 2]) &&
          text[i + 3] == '.') {
        while (i + 1 < end && cg_isalpha((unsigned char)text[i]) && text[i + 1] == '.') i += 2;
      } else {
        ascii = true;
        while (i < end) {
          unsigned char b = (unsigned char)text[i];
          if (b < 0x80) {
            if (!cg_isalpha(b)) break;
            i++;
            continue;
          }
          ascii = false;
          /* a dash or a right single quote inside a word ends it like an apostrophe */
          if (b == 0xE2 && end - i >= 3 && (unsigned char)text[i + 1] == 0x80 &&
              ((unsigned char)text[i + 2] == 0x93 || (unsigned char)text[i + 2] == 0x94 ||
               (unsigned char)text[i + 2] == 0x99))
            break;
          i++;
        }
        if (i == tk->start) { /* a quote mark alone: one UTF-8 character, never zero */
          i++;
          while (i < end && ((unsigned char)text[i] & 0xC0) == 0x80) i++;
        }
      }
    } else if (c == '\'' && i + 1 < end && (text[i + 1] == 's' || text[i + 1] == 'S') &&
               (i + 2 >= end || !cg_isalpha((unsigned char)text[i + 2]))) {
      i += 2; /* 's */
      word = true;
    } else if ((dl = utf8_dash(text + i, text + end))) {
      i += dl;
      word = true;
    } else if (c >= 0x80) {
      i++;
      while (i < end && ((unsigned char)text[i] & 0xC0) == 0x80) i++;
    } else {
      i++;
      word = ascii = true; /* punctuation: "," and "-" are lexicon entries */
      sent = cc & B_END;
    }
    tk->end = (uint32_t)i;

    /* one hash per token, computed here; the bloom filter rejects most words */
    size_t tl = i - tk->start;
    int32_t fl = 0; /* the word's TX_W_* flags; numbers (word false) start no merge */
    if (word && tl <= 60) {
      const tx_lexword *lw = NULL;
      if (ascii && tl == 1 && c && !(BCLS[c] & B_ALPHA)) {
        /* punctuation: looked up like short words (the key is the byte itself) */
        const tx_short *sh = tx_short_slot(t, c);
        lw = sh->lw;
        fl = (int32_t)sh->flags;
      } else if (ascii) {
        /* letters only: see the B_ALPHA branch */
        lw = lex_ascii(t, s + tk->start, tl);
        fl = TX_W_PLAIN | (lw ? lw->flags : 0);
      } else {
        /* one pass folds the key and hashes it; the key is read only on a bloom hit */
        char key[64];
        size_t n = 0;
        uint64_t h = fold(TX_FNV_BASIS, text, tk->start, i, key, &n, sizeof key);
        lw = tx_maybe(t, h) ? tx_lookup_hashed(t, h, key, n) : NULL;
        fl = lw ? lw->flags : 0;
      }
      tk->lw = lw;
      tk->ival = fl;
    }
    /* from the local fl, not from tk->bmask and tk->ival: those were just stored in
     * two parts, and loading them as one stalled (8% of tx_tokenise's perf samples
     * on tbaq-x24.jsonl fell on that test); listed without a branch as above */
    *mp = ti;
    mp += (fl & TX_W_MW) | (i < end && s[i] == '.');
    tp++;
    ti++;
    i += i < end && s[i] == ' '; /* as above */
  }
  out->len = (size_t)(tp - out->items);
  merge->len = (size_t)(mp - merge->items);
}

/* Tokenises the chunk text[0, len) into toks (emptied first): raw tokens, then lexicon
 * phrases of several tokens merged into one token, in place. */
void tx_tokenise(const cg_tagger *t, const char *text, size_t len, tx_tokvec *toks,
                 tx_idxvec *merge) {
  toks->len = 0;
  raw_tokens(t, text, len, toks, merge);
  tx_tok *raw = toks->items;
  size_t nraw = toks->len, i = 0;
  size_t first_gone = nraw; /* the first token merged into the one before it */
  char key[128];
  /* Only the tokens raw_tokens listed can start a phrase or take a dot; the others are
   * left where they are. The loop that tested and copied every token was a fifth of
   * the tokeniser's instructions (12 M of 56 M on news-2000000.jsonl, callgrind). A
   * token merged into the one before it is marked (end 0, which no token has), and
   * one pass at the end moves the others down: moving the runs between listed tokens
   * with memmove as the loop went, once a merge had made the list shorter, cost
   * 17,000 mispredicted branches in memmove and 0.23 M instructions more
   * (tbaq-x1.jsonl, callgrind --branch-sim). */
  for (size_t c = 0; c < merge->len; c++) {
    size_t at = merge->items[c];
    if (at < i) continue; /* in the phrase merged before */
    i = at;
    tx_tok *tk = &raw[i];
    size_t best = i + 1;
    const tx_lexword *w1 = tk->lw;
    /* longest multiword phrase first (never across a sentence start): the prefix
     * hashes are extended token by token and only bloom hits are compared. The
     * token's TX_W_MW flag says w1->mw_start > 1 without reading the entry, which
     * missed D1 (4,000 times on tbaq-x1.jsonl, callgrind --cache-sim). */
    if (!tk->bmask && (tk->ival & TX_W_MW)) {
      size_t maxj = i + w1->mw_start;
      if (maxj > nraw) maxj = nraw;
      uint64_t hs[TX_MAX_MW + 1];
      uint64_t h = w1->hash; /* the low 32 bits of the hash of its key, the token's folded
                                text: the hash of the phrase's first word */
      size_t lastj = i + 1;
      for (size_t j = i + 1; j < maxj && !raw[j].sent_start; j++) {
        if (!raw[j].lw && !raw[j].bmask && (raw[j].ival & TX_W_PLAIN) && !t->mw_digit)
          break; /* no phrase has this word: see TX_W_PLAIN */
        if (raw[j].start > raw[j - 1].end) h = (h ^ (unsigned char)' ') * TX_FNV_PRIME;
        h = fold(h, text, raw[j].start, raw[j].end, NULL, NULL, 0);
        if (!((t->pbloom[(h >> 6) & TX_FILTER_MASK] >> (h & 63)) & 1u))
          break; /* no key goes on so */
        hs[j + 1 - i] = h;
        lastj = j + 1;
      }
      for (size_t j = lastj; j > i + 1; j--) {
        if (!tx_maybe(t, hs[j - i])) continue;
        size_t n = 0;
        for (size_t k = i; k < j && n < sizeof key; k++) {
          if (k > i && raw[k].start > raw[k - 1].end) key[n++] = ' ';
          fold(0, text, raw[k].start, raw[k].end, key, &n, sizeof key);
        }
        const tx_lexword *w = n < sizeof key ? tx_lookup_hashed(t, hs[j - i], key, n) : NULL;
        if (!w) continue;
        tx_tok m = *tk;
        m.end = raw[j - 1].end;
        m.bmask = 0;
        set_word(&m, w, 0);
        if (!tx_tok_any(&m)) continue; /* only capitalised readings: try shorter */
        *tk = m;
        best = j;
        break;
      }
    }
    if (best == i + 1 && tk->end < len && text[tk->end] == '.' && i + 1 < nraw &&
        raw[i + 1].start == tk->end && cg_isalpha((unsigned char)text[tk->start])) {
      /* abbreviations with their dot: "Nov." (the dot ended no sentence) */
      size_t n = 0, dl = tk->end + 1 - tk->start;
      const tx_lexword *wd = NULL;
      /* most words before a dot end a sentence: the quick signature rejects them */
      if (dl <= 60 && tx_quick_maybe(t, tx_quick_sig(dl, (unsigned char)cg_lower((unsigned char)text[tk->start]),
                                                     (unsigned char)cg_lower((unsigned char)text[tk->start + 1]), '.'))) {
        uint64_t h = fold(TX_FNV_BASIS, text, tk->start, tk->end + 1, key, &n, sizeof key);
        wd = n < sizeof key ? tx_lookup_hashed(t, h, key, n) : NULL;
      }
      if (wd) {
        set_word(tk, wd, 0);
        tk->end++;
        best = i + 2;
        if (i + 2 < nraw) raw[i + 2].sent_start = 0;
      }
    }
    if (best > i + 1) {
      for (size_t k = i + 1; k < best; k++) raw[k].end = 0;
      if (first_gone == nraw) first_gone = i + 1;
    }
    i = best;
  }
  /* a token moves as three words: gcc copied a struct assignment field by field */
  _Static_assert(sizeof(tx_tok) == 3 * sizeof(uint64_t), "tx_tok is three words");
  tx_tok *w = raw + first_gone;
  for (const tx_tok *k = w, *e = raw + nraw; k < e; k++) {
    uint64_t q[3];
    memcpy(q, k, sizeof q);
    memcpy(w, q, sizeof q);
    w += k->end != 0; /* k is unchanged: w == k or w before k */
  }
  toks->len = (size_t)(w - raw);
}

typedef struct match_state {
  const cg_tagger *t;
  const tx_tok *toks;
  size_t ntoks, i;
  tx_ent cur[TX_MAX_PAT];
  tx_ent *best;
  int best_len, best_type;
} match_state;

/* Trie node after node nd (at depth d) on class cls, 0 when none: the root's children
 * are indexed by class, the others are searched in their small arrays. */
static uint32_t child_of(const cg_tagger *t, const tx_node *nd, int d, unsigned cls) {
  if (d == 0) return t->root_child[cls];
  for (unsigned c = 0; c < nd->nchild; c++)
    if (nd->edges[c].cls == cls) return nd->edges[c].node;
  return 0;
}

/* Walks on from node (depth tokens matched) over the entries of the next token, in
 * tx_tok_ent's order (built-in classes, then the lexicon entries its case allows): the
 * first path to reach a length keeps it. One pass over the entries, and an entry is
 * copied only when the trie goes on with its class; calling tx_tok_ent(tk, k) for each
 * k rescanned the classes before k and copied every entry: tx_match took 10.9 M
 * instructions on a 1 MB news slice, now 5.4 M (callgrind; walk was 4% of the
 * pipeline's perf samples, second in the tagger to the tokeniser). */
static void walk(match_state *m, uint32_t node, int depth) {
  const tx_node *nd = &m->t->nodes[node];
  if (nd->type >= 0 && depth > m->best_len) {
    m->best_len = depth;
    m->best_type = nd->type;
    memcpy(m->best, m->cur, (size_t)depth * sizeof *m->cur);
  }
  if (depth == TX_MAX_PAT || m->i + (size_t)depth >= m->ntoks || !nd->nchild) return;
  const tx_tok *tk = &m->toks[m->i + (size_t)depth];
  if (depth > 0 && tk->sent_start) return;
  unsigned bits = tk->bmask & ((1u << TX_C_NBUILTIN) - 1);
  for (unsigned c = 0; bits; c++, bits >>= 1) {
    if (!(bits & 1u)) continue;
    uint32_t next = child_of(m->t, nd, depth, c);
    if (!next) continue;
    m->cur[depth] = (tx_ent){.cls = (uint16_t)c, .file = 255, .ival = tk->ival, .sval = ""};
    walk(m, next, depth + 1);
  }
  if (!tk->lw) return;
  for (unsigned k = 0; k < tk->lw->nent; k++) {
    const tx_ent *e = &tk->lw->ent[k];
    if (e->cap && !tk->capital) continue;
    uint32_t next = child_of(m->t, nd, depth, e->cls);
    if (!next) continue;
    m->cur[depth] = *e;
    walk(m, next, depth + 1);
  }
}

/* Longest pattern match starting at token i. Returns its length in tokens (0: none);
 * pick[k] is the class entry token i+k matched with; *type the TIMEX3 type. */
int tx_match(const cg_tagger *t, const tx_tok *toks, size_t ntoks, size_t i, tx_ent *pick,
             int *type) {
  /* no initializer: it would zero cur[] on every call; walk writes cur[d] before it
   * reads it */
  match_state m;
  m.t = t;
  m.toks = toks;
  m.ntoks = ntoks;
  m.i = i;
  m.best = pick;
  m.best_len = 0;
  m.best_type = 0;
  walk(&m, 0, 0);
  *type = m.best_type;
  return m.best_len;
}
