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
  if (cls < 0 || tk->nent >= TX_MAX_ENTS) return;
  tx_ent *e = &tk->ent[tk->nent++];
  memset(e, 0, sizeof *e);
  e->cls = (uint16_t)cls;
  e->ival = ival;
  e->sval = "";
  e->file = 255;
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
static size_t scan_number(const char *text, size_t i, size_t end, size_t chunk_start,
                          tx_tok *tk) {
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

/* Raw tokens of text[start, end) with built-in classes; no lexicon yet. */
static void raw_tokens(const char *text, size_t start, size_t end, tx_tokvec *out) {
  size_t i = start;
  bool sent = true;
  while (i < end) {
    unsigned char c = (unsigned char)text[i];
    if (cg_isspace(c)) {
      if (c == '\n' && i + 1 < end && text[i + 1] == '\n') sent = true;
      i++;
      continue;
    }
    tx_tok tk;
    tk.nent = 0;
    tk.start = (uint32_t)i;
    tk.sent_start = sent;
    sent = false;
    size_t dl;
    if (cg_isdigit(c)) {
      i = scan_number(text, i, end, start, &tk);
    } else if (c == '\'' && i + 2 < end && ndigits(text + i + 1, text + end) == 2 &&
               (i + 3 >= end || !cg_isdigit((unsigned char)text[i + 3]))) {
      int v = atoin(text + i + 1, 2);
      if (i + 3 < end && text[i + 3] == 's') {
        add_ent(&tk, TX_C_DECADE, 190 + v / 10);
        i += 4;
      } else {
        add_ent(&tk, TX_C_YEAR2, 1900 + v);
        i += 3;
      }
    } else if (is_word_byte(c) && !(dl = utf8_dash(text + i, text + end))) {
      /* a.m., p.m., B.C.: single letters each followed by a dot */
      if (cg_isalpha(c) && i + 3 < end && text[i + 1] == '.' && cg_isalpha((unsigned char)text[i + 2]) &&
          text[i + 3] == '.') {
        while (i + 1 < end && cg_isalpha((unsigned char)text[i]) && text[i + 1] == '.') i += 2;
      } else {
        while (i < end && is_word_byte((unsigned char)text[i]) && !utf8_dash(text + i, text + end)) {
          /* a right single quote inside a word ends it like an apostrophe */
          if (end - i >= 3 && (unsigned char)text[i] == 0xE2 && (unsigned char)text[i + 1] == 0x80 &&
              (unsigned char)text[i + 2] == 0x99)
            break;
          i++;
        }
        if (i == tk.start) { /* a quote mark alone: one UTF-8 character */
          i++;
          while (i < end && ((unsigned char)text[i] & 0xC0) == 0x80) i++;
        }
      }
    } else if (c == '\'' && i + 1 < end && (text[i + 1] == 's' || text[i + 1] == 'S') &&
               (i + 2 >= end || !cg_isalpha((unsigned char)text[i + 2]))) {
      i += 2; /* 's */
    } else if ((dl = utf8_dash(text + i, text + end))) {
      i += dl;
    } else if (c >= 0x80) {
      i++;
      while (i < end && ((unsigned char)text[i] & 0xC0) == 0x80) i++;
    } else {
      i++;
      if (c == '.' || c == '!' || c == '?' || c == ';') sent = true;
    }
    tk.end = (uint32_t)i;
    CG_VEC_PUSH(out, tk);
  }
}

/* Lowercased lexicon key of toks[i..j): words joined by one space where the text had
 * whitespace, directly otherwise; dashes written as '-'. Returns length or 0. */
static size_t make_key(const char *text, const tx_tok *toks, size_t i, size_t j, char *key,
                       size_t cap) {
  size_t n = 0;
  for (size_t k = i; k < j; k++) {
    if (k > i && toks[k].start > toks[k - 1].end) {
      if (n + 1 >= cap) return 0;
      key[n++] = ' ';
    }
    size_t s = toks[k].start, e = toks[k].end;
    if (utf8_dash(text + s, text + e) == e - s) {
      if (n + 1 >= cap) return 0;
      key[n++] = '-';
      continue;
    }
    for (size_t p = s; p < e; p++) {
      if (n + 1 >= cap) return 0;
      unsigned char ch = (unsigned char)text[p];
      if (ch == 0xE2 && p + 2 < e && (unsigned char)text[p + 1] == 0x80 &&
          (unsigned char)text[p + 2] == 0x99) {
        key[n++] = '\'';
        p += 2;
        continue;
      }
      key[n++] = (char)cg_lower(ch);
    }
  }
  key[n] = 0;
  return n;
}

static void add_lex(tx_tok *tk, const tx_lexword *w, bool capital) {
  for (unsigned k = 0; k < w->nent && tk->nent < TX_MAX_ENTS; k++) {
    if (w->ent[k].cap && !capital) continue;
    tk->ent[tk->nent++] = w->ent[k];
  }
}

/* Tokenises text[start, end) and appends the tokens with all their classes to toks. */
void tx_tokenise(const cg_tagger *t, const char *text, size_t start, size_t end,
                 tx_tokvec *toks) {
  /* raw tokens are appended to toks and then merged in place (no second copy) */
  size_t base = toks->len;
  raw_tokens(text, start, end, toks);
  tx_tokvec raw = {toks->items + base, toks->len - base, 0};
  size_t w_out = base;
  char key[128];
  for (size_t i = 0; i < raw.len;) {
    /* longest multiword phrase first (never across a sentence start) */
    size_t best = 0;
    const tx_lexword *bw = NULL;
    const tx_lexword *w1 = tx_lookup_text(t, text, raw.items[i].start, raw.items[i].end);
    size_t maxj = w1 && w1->mw_start ? i + w1->mw_start : i;
    if (maxj > raw.len) maxj = raw.len;
    for (size_t j = maxj; j > i + 1; j--) {
      bool cross = false;
      for (size_t k = i + 1; k < j; k++) cross |= raw.items[k].sent_start && k > i;
      if (cross) continue;
      size_t n = make_key(text, raw.items, i, j, key, sizeof key);
      const tx_lexword *w = n ? tx_lookup(t, key, n) : NULL;
      if (w) {
        best = j;
        bw = w;
        break;
      }
    }
    tx_tok tk = raw.items[i];
    bool capital = cg_isupper((unsigned char)text[tk.start]);
    if (bw) {
      tk.end = raw.items[best - 1].end;
      tk.nent = 0;
      add_lex(&tk, bw, capital);
      if (!tk.nent) { /* only capitalised readings: fall back to the single token */
        tk = raw.items[i];
        best = 0;
      }
    }
    if (!best) {
      best = i + 1;
      const tx_lexword *w = w1;
      /* abbreviations with their dot: "Nov." */
      if (tk.end < end && text[tk.end] == '.' && cg_isalpha((unsigned char)text[tk.start])) {
        const tx_lexword *wd = tx_lookup_text(t, text, tk.start, tk.end + 1);
        if (wd) {
          w = wd;
          tk.end++;
          if (i + 1 < raw.len && raw.items[i + 1].start == tk.end - 1) {
            /* the dot was its own raw token: swallow it; it ended no sentence */
            best = i + 2;
            if (i + 2 < raw.len) raw.items[i + 2].sent_start = 0;
          }
        }
      }
      if (w) add_lex(&tk, w, capital);
    }
    toks->items[w_out++] = tk;
    i = best;
  }
  toks->len = w_out;
}

typedef struct match_state {
  const cg_tagger *t;
  const tx_tok *toks;
  size_t ntoks, i;
  const tx_ent *cur[TX_MAX_PAT];
  const tx_ent **best;
  int best_len, best_type;
} match_state;

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
  for (unsigned k = 0; k < tk->nent; k++) {
    for (unsigned c = 0; c < nd->nchild; c++) {
      if (nd->edges[c].cls != tk->ent[k].cls) continue;
      m->cur[depth] = &tk->ent[k];
      walk(m, nd->edges[c].node, depth + 1);
      nd = &m->t->nodes[node];
      break;
    }
  }
}

/* Longest pattern match starting at token i. Returns its length in tokens (0: none);
 * pick[k] is the class entry token i+k matched with; *type the TIMEX3 type. */
int tx_match(const cg_tagger *t, const tx_tok *toks, size_t ntoks, size_t i,
             const tx_ent **pick, int *type) {
  match_state m = {.t = t, .toks = toks, .ntoks = ntoks, .i = i, .best = pick};
  walk(&m, 0, 0);
  *type = m.best_type;
  return m.best_len;
}
