/* Loading the tagger's data files: <datadir>/en/timex/index.txt names the lexicon
 * files (*.lex: "phrase<TAB>CLASS[<TAB>value[<TAB>number]]") and the pattern files (*.pat:
 * "TYPE: ELEM ELEM ..."). Lexicon phrases go into a hash table; patterns are expanded
 * (optional elements, alternatives) into a trie over class ids. */
#include "timex_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const builtin_names[TX_C_NBUILTIN] = {
    "YEAR", "DAYNUM", "NUM", "ORDNUM", "DECADE", "YEAR2", "CLOCK", "NUMDATE", "MONTHNUM"};

/* strtok_r without POSIX: splits *save (or s) at any byte of delims. */
static char *tok_r(char *s, const char *delims, char **save) {
  char *p = s ? s : *save;
  if (!p) return NULL;
  p += strspn(p, delims);
  if (!*p) {
    *save = p;
    return NULL;
  }
  char *e = p + strcspn(p, delims);
  if (*e) *e++ = 0;
  *save = e;
  return p;
}

static uint64_t hash_key(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  return h;
}

/* True when the key is 8 to 15 lower-case ASCII letters: one tx_tokenise can pack. */
static bool medium_key(const tx_lexword *w) {
  if (!w->key || w->keylen < 8 || w->keylen > 15) return false;
  for (size_t b = 0; b < w->keylen; b++)
    if (w->key[b] < 'a' || w->key[b] > 'z') return false;
  return true;
}

static void build_mediums(cg_tagger *t) {
  size_t n = 0;
  for (size_t i = 0; i < t->wcap; i++) n += medium_key(&t->words[i]);
  unsigned bits = 6;
  while (((size_t)1 << bits) < 4 * n + 4) bits++; /* at most a quarter full */
  free(t->mediums);
  t->mediums = cg_xcalloc(((size_t)1 << bits) + 1, sizeof *t->mediums); /* + the spare */
  t->medium_mask = ((size_t)1 << bits) - 1;
  t->medium_shift = 64 - bits;
  memset(t->medium_filter, 0, sizeof t->medium_filter);
  for (size_t i = 0; i < t->wcap; i++) {
    const tx_lexword *w = &t->words[i];
    if (!medium_key(w)) continue;
    uint64_t k1 = 0, k2 = 0;
    for (size_t b = 0; b < w->keylen; b++) {
      uint64_t byte = (unsigned char)w->key[b];
      if (b < 8) k1 |= byte << (8 * b);
      else k2 |= byte << (8 * (b - 8));
    }
    uint64_t h = tx_medium_hash(k1, k2);
    unsigned f = (unsigned)(h >> (64 - TX_SHORT_BITS));
    t->medium_filter[f >> 6] |= 1ull << (f & 63);
    size_t j = (size_t)(h >> t->medium_shift);
    while (t->mediums[j + 1].k1) j = (j + 1) & t->medium_mask;
    tx_medium *sl = &t->mediums[j + 1]; /* after the spare slot 0 */
    sl->k1 = k1;
    sl->k2 = k2;
    sl->lw = w;
    sl->flags = w->flags;
  }
}

void tx_build_shorts(cg_tagger *t) {
  size_t n = 0;
  for (size_t i = 0; i < t->wcap; i++)
    if (t->words[i].key && t->words[i].keylen <= 7) n++;
  unsigned bits = 6;
  while (((size_t)1 << bits) < 4 * n + 4) bits++; /* at most a quarter full */
  free(t->shorts);
  t->shorts = cg_xcalloc(((size_t)1 << bits) + 1, sizeof *t->shorts); /* + the spare */
  t->short_mask = ((size_t)1 << bits) - 1;
  t->short_shift = 64 - bits;
  memset(t->short_filter, 0, sizeof t->short_filter);
  for (size_t i = 0; i < t->wcap; i++) {
    const tx_lexword *w = &t->words[i];
    if (!w->key || w->keylen > 7 || !w->keylen) continue;
    uint64_t k = 0;
    bool ascii = true;
    for (size_t b = 0; b < w->keylen; b++) {
      ascii = ascii && (unsigned char)w->key[b] < 0x80;
      k |= (uint64_t)(unsigned char)w->key[b] << (8 * b);
    }
    if (!ascii) continue; /* tokens packed by the tokeniser are ASCII */
    uint64_t h = k * 0x9E3779B97F4A7C15ull;
    unsigned f = (unsigned)(h >> (64 - TX_SHORT_BITS));
    t->short_filter[f >> 6] |= 1ull << (f & 63);
    size_t j = (size_t)(h >> t->short_shift);
    while (t->shorts[j + 1].key) j = (j + 1) & t->short_mask;
    tx_short *sl = &t->shorts[j + 1]; /* after the spare slot 0 */
    sl->key = k;
    sl->lw = w;
    sl->flags = w->flags;
  }
  build_mediums(t);
}

/* Returns the class id of name, or -1. */
int tx_class_id(const cg_tagger *t, const char *name) {
  for (int i = 0; i < t->nclasses; i++)
    if (!strcmp(t->class_names[i], name)) return i;
  return -1;
}

static int class_intern(cg_tagger *t, const char *name) {
  int id = tx_class_id(t, name);
  if (id >= 0 || t->nclasses >= TX_MAX_CLASSES) return id;
  t->class_names[t->nclasses] = cg_xstrdup(name);
  return t->nclasses++;
}

/* Returns the lexicon entry for the phrase key[0..n) (already lowercased), or NULL. */
const tx_lexword *tx_lookup(const cg_tagger *t, const char *key, size_t n) {
  if (!t->wcap) return NULL;
  uint64_t h = hash_key(key, n);
  return tx_lookup_hashed(t, h, key, n);
}

/* Returns the entry whose key (n bytes at key, lowercased) hashes to h, or NULL. */
const tx_lexword *tx_lookup_hashed(const cg_tagger *t, uint64_t h, const char *key, size_t n) {
  if (!t->wcap || !tx_maybe(t, h)) return NULL;
  size_t mask = t->wcap - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const tx_lexword *w = &t->words[i];
    if (!w->key) return NULL;
    if (w->hash == (uint32_t)h && w->keylen == n) {
      size_t k = 0; /* keys are short: a byte loop beats a memcmp call */
      while (k < n && w->key[k] == key[k]) k++;
      if (k == n) return w;
    }
  }
}

static tx_lexword *word_slot(cg_tagger *t, const char *key) {
  if ((t->nwords + 1) * 4 > t->wcap) {
    size_t ncap = t->wcap ? t->wcap * 2 : 1024;
    tx_lexword *nw = cg_xcalloc(ncap, sizeof *nw);
    for (size_t i = 0; i < t->wcap; i++) {
      if (!t->words[i].key) continue;
      size_t j = hash_key(t->words[i].key, strlen(t->words[i].key)) & (ncap - 1);
      while (nw[j].key) j = (j + 1) & (ncap - 1);
      nw[j] = t->words[i];
    }
    free(t->words);
    t->words = nw;
    t->wcap = ncap;
  }
  size_t mask = t->wcap - 1;
  size_t i = hash_key(key, strlen(key)) & mask;
  for (; t->words[i].key; i = (i + 1) & mask)
    if (!strcmp(t->words[i].key, key)) return &t->words[i];
  uint64_t h = hash_key(key, strlen(key));
  t->words[i].key = cg_xstrdup(key);
  t->words[i].hash = (uint32_t)h;
  t->words[i].keylen = (uint16_t)strlen(key);
  t->bloom[(h >> 6) & TX_FILTER_MASK] |= 1ull << (h & 63);
  size_t kl = strlen(key);
  unsigned q = tx_quick_sig(kl, (unsigned char)key[0], kl > 1 ? (unsigned char)key[1] : 0,
                            (unsigned char)key[kl - 1]);
  t->quick[(q >> 6) & TX_FILTER_MASK] |= 1ull << (q & 63);
  t->nwords++;
  return &t->words[i];
}

static const char *intern_str(cg_tagger *t, const char *s) {
  if (!*s) return "";
  t->pools = cg_xrealloc(t->pools, (size_t)(t->npools + 1) * sizeof *t->pools);
  return t->pools[t->npools++] = cg_xstrdup(s);
}

/* Splits a line in place at tabs; returns the field count (at most max). */
static int split_tabs(char *line, char **f, int max) {
  int n = 0;
  while (n < max) {
    f[n++] = line;
    char *tab = strchr(line, '\t');
    if (!tab) break;
    *tab = 0;
    line = tab + 1;
  }
  return n;
}

static void trim(char *s) {
  size_t n = strlen(s);
  while (n && cg_isspace((unsigned char)s[n - 1])) s[--n] = 0;
}

/* Length of the apostrophe token at p (p[0] == '\''), as the tokeniser cuts it: "'s"
 * before a non-letter is one token, any other apostrophe one of its own. */
static size_t apostrophe_len(const char *p) {
  return p[1] == 's' && !cg_isalpha((unsigned char)p[2]) ? 2 : 1;
}

/* Phrase words: counts the tokens the tokeniser (timex_scan.c) makes of the lower-case
 * phrase p: "-" and "," are tokens of their own, and so is an apostrophe, which ends
 * the word before it ("valentine's day" is valentine | 's | day, "o'clock" o | ' |
 * clock). */
static int phrase_tokens(const char *p) {
  int n = 0;
  bool inword = false;
  while (*p) {
    if (*p == ' ') inword = false;
    else if (*p == '-' || *p == ',') { n++; inword = false; }
    else if (*p == '\'') {
      n++;
      inword = false;
      p += apostrophe_len(p);
      continue;
    } else if (!inword) { n++; inword = true; }
    p++;
  }
  return n;
}

/* Length of the phrase's first token (see phrase_tokens); at least 1. */
static size_t first_token_len(const char *p) {
  if (*p == '\'') return apostrophe_len(p);
  size_t n = strcspn(p, " -,'");
  return n ? n : 1; /* a phrase starting with a dash or comma */
}

/* Makes every maximal run of ASCII letters of the phrase p a lexicon word (with no
 * class if it has none), so that a plain word of the text that is no lexicon word is
 * in no phrase either (see TX_W_PLAIN). A digit in a phrase would break that: a number
 * token such as "1990s" ends with a letter that a word can follow ("1990sfoo"), so the
 * run "foo" would not be the word's own; t->mw_digit then turns the shortcut off. */
static void register_runs(cg_tagger *t, const char *p) {
  while (*p) {
    if (cg_isdigit((unsigned char)*p)) t->mw_digit = true;
    size_t n = 0;
    while (p[n] >= 'a' && p[n] <= 'z') n++;
    if (!n) {
      p++;
      continue;
    }
    char run[128];
    if (n < sizeof run) {
      memcpy(run, p, n);
      run[n] = 0;
      word_slot(t, run);
    } else t->mw_digit = true; /* never: keys are short; but then no shortcut */
    p += n;
  }
}

static cg_status load_lexicon(cg_tagger *t, const char *path, int file, char *buf,
                              cg_error *err) {
  long lineno = 0;
  for (char *line = buf, *next; line && *line; line = next) {
    lineno++;
    next = strchr(line, '\n');
    if (next) *next++ = 0;
    trim(line);
    if (!*line || *line == '#') continue;
    char *f[4] = {0};
    int nf = split_tabs(line, f, 4);
    if (nf < 2 || !*f[0] || !*f[1])
      return cg_error_set(err, CG_EDATA, path, lineno, 0, -1,
                          "expected 'phrase<TAB>CLASS[<TAB>value]'");
    bool cap = cg_isupper((unsigned char)f[0][0]);
    for (char *p = f[0]; *p; p++) *p = (char)cg_lower((unsigned char)*p);
    int cls = class_intern(t, f[1]);
    if (cls < 0)
      return cg_error_set(err, CG_EDATA, path, lineno, 0, -1, "too many classes");
    tx_lexword *w = word_slot(t, f[0]);
    if (w->nent >= TX_MAX_ENTS)
      return cg_error_set(err, CG_EDATA, path, lineno, 0, -1, "too many classes for '%s'",
                          f[0]);
    tx_ent *e = &w->ent[w->nent++];
    e->cls = (uint16_t)cls;
    e->file = (uint8_t)file;
    e->cap = cap;
    const char *v = nf > 2 ? f[2] : "";
    e->sval = intern_str(t, v);
    e->ival = (int32_t)strtol(nf > 3 ? f[3] : v, NULL, 10);
    int nt = phrase_tokens(f[0]);
    if (nt > TX_MAX_MW)
      return cg_error_set(err, CG_EDATA, path, lineno, 0, -1, "phrase longer than %d tokens",
                          TX_MAX_MW);
    if (nt > t->max_mw) t->max_mw = nt;
    if (nt > 1) {
      uint64_t ph = 1469598103934665603ull;
      for (const char *p = f[0]; *p; p++) {
        ph = (ph ^ (unsigned char)*p) * 1099511628211ull;
        t->pbloom[(ph >> 6) & TX_FILTER_MASK] |= 1ull << (ph & 63);
      }
      size_t fl = first_token_len(f[0]);
      char first[128];
      if (fl >= sizeof first) fl = sizeof first - 1;
      memcpy(first, f[0], fl);
      first[fl] = 0;
      tx_lexword *fw = word_slot(t, first);
      if (fw->mw_start < nt) fw->mw_start = (uint8_t)nt;
      register_runs(t, f[0]);
    }
    t->file_entries[file]++;
  }
  return CG_OK;
}

/* ---------------------------------------------------------------- patterns */

static uint32_t node_new(cg_tagger *t) {
  if (t->nnodes == t->cnodes) {
    t->cnodes = t->cnodes ? t->cnodes * 2 : 256;
    t->nodes = cg_xrealloc(t->nodes, t->cnodes * sizeof *t->nodes);
  }
  tx_node *n = &t->nodes[t->nnodes];
  memset(n, 0, sizeof *n);
  n->type = -1;
  return (uint32_t)t->nnodes++;
}

static uint32_t node_child(cg_tagger *t, uint32_t node, uint16_t cls) {
  tx_node *n = &t->nodes[node];
  for (unsigned i = 0; i < n->nchild; i++)
    if (n->edges[i].cls == cls) return n->edges[i].node;
  uint32_t c = node_new(t);
  n = &t->nodes[node]; /* realloc may have moved it */
  n->edges = cg_xrealloc(n->edges, (n->nchild + 1u) * sizeof *n->edges);
  n->edges[n->nchild].cls = cls;
  n->edges[n->nchild].node = c;
  n->nchild++;
  return c;
}

/* One pattern element: alternatives (class ids) and whether it may be skipped. */
typedef struct pelem {
  int alt[8];
  int nalt;
  bool optional;
} pelem;

/* Inserts every expansion of elems[i..n) below node. Expansions are bounded by the
 * pattern length (2^optional * alternatives), fine at load time. */
static void insert_expansions(cg_tagger *t, const pelem *el, int i, int n, uint32_t node,
                              int type, int line) {
  if (i == n) {
    if (t->nodes[node].type < 0) {
      t->nodes[node].type = (int16_t)type;
      t->nodes[node].pattern = line;
    }
    return;
  }
  if (el[i].optional) insert_expansions(t, el, i + 1, n, node, type, line);
  for (int a = 0; a < el[i].nalt; a++) {
    uint32_t c = node_child(t, node, (uint16_t)el[i].alt[a]);
    insert_expansions(t, el, i + 1, n, c, type, line);
  }
}

static int type_of(const char *s) {
  if (!strcmp(s, "DATE")) return CG_TX_DATE;
  if (!strcmp(s, "TIME")) return CG_TX_TIME;
  if (!strcmp(s, "DURATION")) return CG_TX_DURATION;
  if (!strcmp(s, "SET")) return CG_TX_SET;
  return -1;
}

static cg_status load_patterns(cg_tagger *t, const char *path, char *buf, cg_error *err) {
  long lineno = 0;
  for (char *line = buf, *next; line && *line; line = next) {
    lineno++;
    next = strchr(line, '\n');
    if (next) *next++ = 0;
    trim(line);
    while (cg_isspace((unsigned char)*line)) line++;
    if (!*line || *line == '#') continue;
    char *colon = strchr(line, ':');
    if (!colon) return cg_error_set(err, CG_EDATA, path, lineno, 0, -1, "expected 'TYPE: ...'");
    *colon = 0;
    int type = type_of(line);
    if (type < 0)
      return cg_error_set(err, CG_EDATA, path, lineno, 0, -1, "unknown type '%s'", line);
    pelem el[TX_MAX_PAT];
    int n = 0;
    char *save = NULL;
    for (char *w = tok_r(colon + 1, " \t", &save); w; w = tok_r(NULL, " \t", &save)) {
      if (n == TX_MAX_PAT)
        return cg_error_set(err, CG_EDATA, path, lineno, 0, -1, "pattern too long");
      pelem *e = &el[n++];
      e->nalt = 0;
      size_t wl = strlen(w);
      e->optional = wl > 1 && w[wl - 1] == '?';
      if (e->optional) w[wl - 1] = 0;
      char *s2 = NULL;
      for (char *a = tok_r(w, "|", &s2); a; a = tok_r(NULL, "|", &s2)) {
        int id = tx_class_id(t, a);
        if (id < 0)
          return cg_error_set(err, CG_EDATA, path, lineno, 0, -1,
                              "class '%s' is defined by no lexicon", a);
        if (e->nalt == 8)
          return cg_error_set(err, CG_EDATA, path, lineno, 0, -1, "too many alternatives");
        e->alt[e->nalt++] = id;
        t->class_used[id] = true;
      }
    }
    if (!n) return cg_error_set(err, CG_EDATA, path, lineno, 0, -1, "empty pattern");
    insert_expansions(t, el, 0, n, 0, type, (int)lineno);
  }
  return CG_OK;
}

/* Reads index.txt and every file it names. */
cg_status tx_load(cg_tagger *t, const char *dir, cg_error *err) {
  for (int i = 0; i < TX_C_NBUILTIN; i++) class_intern(t, builtin_names[i]);
  node_new(t); /* root */
  char path[4096];
  snprintf(path, sizeof path, "%s/en/timex/index.txt", dir);
  char *index = NULL;
  size_t ilen = 0;
  cg_status st = cg_read_file(path, 1 << 20, &index, &ilen, err);
  if (st != CG_OK) {
    if (err) err->code = CG_EDATA;
    return CG_EDATA;
  }
  char *save = NULL;
  /* Lexicons first so that patterns can name their classes whatever the order. */
  char *names[256];
  int nnames = 0;
  for (char *l = tok_r(index, "\n", &save); l; l = tok_r(NULL, "\n", &save)) {
    trim(l);
    while (cg_isspace((unsigned char)*l)) l++;
    if (!*l || *l == '#' || nnames == 256) continue;
    names[nnames++] = l;
  }
  t->files = cg_xcalloc((size_t)nnames + 1, sizeof *t->files);
  t->file_entries = cg_xcalloc((size_t)nnames + 1, sizeof *t->file_entries);
  for (int pass = 0; pass < 2 && st == CG_OK; pass++) {
    for (int i = 0; i < nnames && st == CG_OK; i++) {
      size_t nl = strlen(names[i]);
      bool is_pat = nl > 4 && !strcmp(names[i] + nl - 4, ".pat");
      if (is_pat != (pass == 1)) continue;
      snprintf(path, sizeof path, "%s/en/timex/%s", dir, names[i]);
      char *buf = NULL;
      size_t len = 0;
      st = cg_read_file(path, 16 << 20, &buf, &len, err);
      if (st != CG_OK) {
        if (err) err->code = CG_EDATA;
        st = CG_EDATA;
        break;
      }
      int fi = t->nfiles++;
      t->files[fi] = cg_xstrdup(names[i]);
      st = is_pat ? load_patterns(t, path, buf, err) : load_lexicon(t, path, fi, buf, err);
      free(buf);
    }
  }
  free(index);
  if (st == CG_OK) {
    /* first-token filter: which classes, and so which words, can start a pattern */
    const tx_node *root = &t->nodes[0];
    for (unsigned c = 0; c < root->nchild; c++) {
      t->root_child[root->edges[c].cls] = root->edges[c].node;
      unsigned b = root->edges[c].cls;
      if (b >= TX_C_NBUILTIN) continue;
      const tx_node *child = &t->nodes[root->edges[c].node];
      t->root_bmask |= (uint16_t)(1u << b);
      if (child->type >= 0) t->root_alone_bmask |= (uint16_t)(1u << b);
      for (unsigned k = 0; k < child->nchild; k++) {
        unsigned nc = child->edges[k].cls;
        t->num_next[b][nc / 64] |= 1ull << (nc % 64);
      }
    }
    int past = tx_class_id(t, "PAST"), future = tx_class_id(t, "FUTURE");
    for (size_t i = 0; i < t->wcap; i++) {
      tx_lexword *w = &t->words[i];
      unsigned f = w->mw_start > 1 ? TX_W_MW : 0;
      for (unsigned k = 0; w->key && k < w->nent; k++) {
        unsigned cap = w->ent[k].cap ? 1 : 0; /* a _CAP flag is its twin shifted by one */
        uint32_t node = t->root_child[w->ent[k].cls];
        if (node) w->starts |= cap ? 2 : 1;
        if (node) f |= (unsigned)TX_W_START << cap;
        if (node && t->nodes[node].type >= 0) f |= (unsigned)TX_W_ALONE << cap;
        f |= (unsigned)TX_W_ANY << cap;
        if (w->ent[k].cls == past) f |= (unsigned)TX_W_PAST << cap;
        if (w->ent[k].cls == future) f |= (unsigned)TX_W_FUTURE << cap;
      }
      w->flags = (uint16_t)f;
    }
  }
  return st;
}

/* Fills the class ids the C code needs ("-1" for a class no file defines). */
void tx_class_ids(const cg_tagger *t, tx_cls_ids *c) {
#define ID(f, n) c->f = tx_class_id(t, n)
  ID(month, "MONTH"); ID(weekday, "WEEKDAY"); ID(season, "SEASON"); ID(partday, "PARTDAY");
  ID(num, "NUMWORD"); ID(a, "A"); ID(few, "FEW"); ID(ord, "ORD"); ID(unit, "UNIT");
  ID(last, "REL"); ID(this_, "THIS"); ID(next, "NEXT"); ID(ago, "AGO");
  ID(posmod, "POSMOD"); ID(qmod, "QMOD"); ID(ref, "REF"); ID(dayrel, "DAYREL");
  ID(clock_ampm, "AMPM"); ID(tz, "TZ"); ID(holiday, "HOLIDAY"); ID(every, "EVERY");
  ID(setadv, "SETADV"); ID(old, "OLD"); ID(long_, "LONG"); ID(bc, "BC");
  ID(fiscal, "FISCAL"); ID(the, "THE"); ID(of, "OF"); ID(hyphen, "HYPHEN");
  ID(past_cue, "PAST"); ID(future_cue, "FUTURE"); ID(year, "YEAR"); ID(daynum, "DAYNUM");
  ID(numc, "NUM"); ID(ordnum, "ORDNUM"); ID(decade, "DECADE"); ID(year2, "YEAR2");
  ID(clock, "CLOCK"); ID(numdate, "NUMDATE"); ID(monthnum, "MONTHNUM");
  ID(decadew, "DECADEW"); ID(centuryw, "CENTURYW"); ID(poss, "POSS"); ID(mult, "MULT");
  ID(xmod, "XMOD"); ID(refadj, "REFADJ"); ID(quarter, "QUARTER"); ID(person, "PERSON");
  ID(yearend, "YEAREND"); ID(ad, "AD"); ID(comma, "COMMA"); ID(monthcue, "MONTHCUE");
  ID(title, "TITLE"); ID(notense, "NOTENSE"); ID(endcue, "ENDCUE"); ID(period, "PERIOD");
#undef ID
}
