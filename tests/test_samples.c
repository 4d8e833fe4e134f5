/*
 * Sample tests: for every samples/<name>/ directory, run `chronograph extract` on
 * its input (with the extra arguments listed in samples/<name>/options, one per
 * line), then
 *   - check the output is byte-identical across two runs (deterministic ids/order),
 *   - check the schema-2 structure and that offsets agree with the quoted text,
 *   - check every line of samples/<name>/facts.txt (format: samples/README.md),
 *   - compare byte for byte with samples/<name>/expected.json when it exists
 *     (regenerate it with scripts/update-expected after an intended change).
 * The CLI runs with the source tree as working directory and the input given as a
 * relative path ("samples/<name>/input.txt"), so "source" fields do not depend on
 * where the tree is checked out.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <dirent.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_fixture.h"

#define MAX_OPTS 16

typedef struct sample {
  char name[128];
  char input[512];   /* relative to CG_SOURCE_DIR */
  char *opts[MAX_OPTS];
  size_t nopts;
} sample;

typedef struct run_result {
  char *out;         /* stdout, NUL-terminated */
  size_t len;
  char *err;         /* stderr, NUL-terminated */
  int status;        /* exit status, or -1 if killed / not run */
} run_result;

/* ------------------------------------------------------------------ files */

/* Whole file as a NUL-terminated buffer (caller frees), or NULL if unreadable. */
static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  size_t got;
  while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
    n += got;
    if (cap - n - 1 == 0) {
      cap *= 2;
      char *nb = realloc(buf, cap);
      if (!nb) free(buf);
      buf = nb;
    }
  }
  fclose(f);
  if (!buf) return NULL;
  buf[n] = '\0';
  if (len) *len = n;
  return buf;
}

/* Reads all of fd into a malloc'd NUL-terminated buffer. */
static char *read_fd(int fd, size_t *len) {
  size_t cap = 65536, n = 0;
  char *buf = malloc(cap);
  assert_non_null(buf);
  for (;;) {
    if (cap - n < 4096) {
      cap *= 2;
      buf = realloc(buf, cap);
      assert_non_null(buf);
    }
    ssize_t r = read(fd, buf + n, cap - n - 1);
    if (r <= 0) break;
    n += (size_t)r;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

/* Runs CG_CLI with argv (argv[0] ignored) in CG_SOURCE_DIR, capturing both streams. */
static run_result run_cli(char *const *argv) {
  run_result rr = {NULL, 0, NULL, -1};
  fx_child c = fx_spawn(CG_SOURCE_DIR, CG_CLI, argv);
  rr.out = read_fd(c.out, &rr.len);
  close(c.out);
  rr.status = fx_wait(&c);
  size_t elen;
  rewind(c.err);
  rr.err = read_fd(fileno(c.err), &elen);
  fclose(c.err);
  return rr;
}

static void run_result_free(run_result *rr) {
  free(rr->out);
  free(rr->err);
}

/* ------------------------------------------------------------------ samples */

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Fills s from samples/<name>/: the input entry (file or directory named input*)
 * and the options file. Returns false when the directory has no input. */
static bool sample_load(sample *s, const char *name) {
  memset(s, 0, sizeof *s);
  snprintf(s->name, sizeof s->name, "%s", name);
  char dir[1024];
  snprintf(dir, sizeof dir, "%s/samples/%s", CG_SOURCE_DIR, name);
  DIR *d = opendir(dir);
  if (!d) return false;
  struct dirent *de;
  char best[256] = "";
  while ((de = readdir(d)))
    if (!strncmp(de->d_name, "input", 5) && (!best[0] || strcmp(de->d_name, best) < 0))
      snprintf(best, sizeof best, "%s", de->d_name);
  closedir(d);
  if (!best[0]) return false;
  snprintf(s->input, sizeof s->input, "samples/%s/%s", name, best);
  char path[1100];
  snprintf(path, sizeof path, "%s/options", dir);
  char *opts = slurp(path, NULL);
  if (opts) {
    /* One argument per line; blank lines and '#' comments ignored. */
    for (char *line = strtok(opts, "\n"); line && s->nopts < MAX_OPTS; line = strtok(NULL, "\n")) {
      while (isspace((unsigned char)*line)) line++;
      size_t n = strlen(line);
      while (n && isspace((unsigned char)line[n - 1])) line[--n] = '\0';
      if (!n || line[0] == '#') continue;
      s->opts[s->nopts++] = strdup(line);
    }
    free(opts);
  }
  return true;
}

static void sample_free(sample *s) {
  for (size_t i = 0; i < s->nopts; i++) free(s->opts[i]);
}

static run_result sample_run(const sample *s) {
  char *argv[MAX_OPTS + 4];
  size_t n = 0;
  argv[n++] = (char *)CG_CLI;
  argv[n++] = (char *)"extract";
  for (size_t i = 0; i < s->nopts; i++) argv[n++] = s->opts[i];
  argv[n++] = (char *)s->input;
  argv[n] = NULL;
  return run_cli(argv);
}

/* ------------------------------------------------------------------ text helpers */

/* Normalised form for name comparisons: ASCII lower case, single spaces, no
 * leading "the ", no trailing possessive "'s" / "’s". Caller frees. */
static char *norm(const char *s) {
  size_t n = strlen(s);
  char *o = malloc(n + 1);
  assert_non_null(o);
  size_t k = 0;
  bool space = true;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (isspace(c)) {
      if (!space) o[k++] = ' ';
      space = true;
      continue;
    }
    o[k++] = (char)tolower(c);
    space = false;
  }
  while (k && o[k - 1] == ' ') k--;
  o[k] = '\0';
  if (k >= 2 && !strcmp(o + k - 2, "'s")) o[k -= 2] = '\0';
  else if (k >= 4 && !strcmp(o + k - 4, "\xe2\x80\x99s")) o[k -= 4] = '\0';
  if (!strncmp(o, "the ", 4)) memmove(o, o + 4, strlen(o + 4) + 1);
  return o;
}

static bool norm_eq(const char *a, const char *b) {
  if (!a || !b) return false;
  char *x = norm(a), *y = norm(b);
  bool eq = !strcmp(x, y);
  free(x);
  free(y);
  return eq;
}

/* ASCII case-insensitive substring test. */
static bool contains_ci(const char *hay, const char *needle) {
  if (!hay) return false;
  size_t n = strlen(needle);
  for (const char *p = hay; *p; p++) {
    size_t i = 0;
    while (i < n && p[i] && tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i])) i++;
    if (i == n) return true;
  }
  return n == 0;
}

typedef enum { M_EXACT, M_PREFIX, M_NORM } match_mode;

/* True when s matches one of the '|'-separated alternatives in alts. */
static bool alt_match(const char *alts, const char *s, match_mode mode) {
  if (!s) return false;
  char *copy = strdup(alts);
  bool ok = false;
  char *save = NULL;
  for (char *a = strtok_r(copy, "|", &save); a && !ok; a = strtok_r(NULL, "|", &save)) {
    if (mode == M_EXACT) ok = !strcmp(a, s);
    else if (mode == M_PREFIX) ok = !strncmp(a, s, strlen(a));
    else ok = norm_eq(a, s);
  }
  free(copy);
  return ok;
}

static const char *jstr(json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

/* ------------------------------------------------------------------ facts */

#define MAX_KV 32

typedef struct kv {
  char key[16];
  char val[512];
} kv;

typedef struct fact {
  int line;
  bool neg;
  char kind[16];
  kv kv[MAX_KV];
  size_t n;
  char raw[1024];
} fact;

static const char *const known_keys[] = {
    "in", "lemma", "class", "date", "year", "mod", "granularity", "agent", "patient",
    "speaker", "location", "other", "by", "docs", "sentence", "name", "alias", "kind", "text",
    "value", "type", "title", "dct", "dct_source", NULL};

static bool is_key_token(const char *tok, char *key_out) {
  const char *eq = strchr(tok, '=');
  if (!eq || eq == tok || (size_t)(eq - tok) >= 16) return false;
  for (size_t i = 0; known_keys[i]; i++)
    if (strlen(known_keys[i]) == (size_t)(eq - tok) && !strncmp(known_keys[i], tok, (size_t)(eq - tok))) {
      memcpy(key_out, tok, (size_t)(eq - tok));
      key_out[eq - tok] = '\0';
      return true;
    }
  return false;
}

/* Parses one facts.txt line. Returns 0 for a fact, 1 for a blank/comment line,
 * -1 for a malformed line. A value runs until the next "key=" token whose key is
 * known, so values may contain spaces and unknown "x=y" pieces. */
static int fact_parse(const char *line, int lineno, fact *f) {
  memset(f, 0, sizeof *f);
  f->line = lineno;
  while (isspace((unsigned char)*line)) line++;
  if (!*line || *line == '#') return 1;
  snprintf(f->raw, sizeof f->raw, "%s", line);
  char buf[1024];
  snprintf(buf, sizeof buf, "%s", line);
  char *p = buf;
  if (*p == '!') {
    f->neg = true;
    p++;
  }
  char *save = NULL;
  char *tok = strtok_r(p, " \t", &save);
  if (!tok) return -1;
  snprintf(f->kind, sizeof f->kind, "%s", tok);
  if (strcmp(f->kind, "event") && strcmp(f->kind, "actor") && strcmp(f->kind, "timex") &&
      strcmp(f->kind, "document"))
    return -1;
  while ((tok = strtok_r(NULL, " \t", &save))) {
    char key[16];
    if (is_key_token(tok, key)) {
      if (f->n == MAX_KV) return -1;
      kv *k = &f->kv[f->n++];
      snprintf(k->key, sizeof k->key, "%s", key);
      snprintf(k->val, sizeof k->val, "%s", tok + strlen(key) + 1);
    } else {
      if (f->n == 0) return -1;
      kv *k = &f->kv[f->n - 1];
      size_t len = strlen(k->val);
      snprintf(k->val + len, sizeof k->val - len, " %s", tok);
    }
  }
  return 0;
}

static const char *fact_get(const fact *f, const char *key) {
  for (size_t i = 0; i < f->n; i++)
    if (!strcmp(f->kv[i].key, key)) return f->kv[i].val;
  return NULL;
}

static json_t *find_by_id(json_t *arr, const char *id) {
  size_t i;
  json_t *o;
  if (!id) return NULL;
  json_array_foreach(arr, i, o) {
    const char *oid = jstr(o, "id");
    if (oid && !strcmp(oid, id)) return o;
  }
  return NULL;
}

/* The sentence {"start","end","text"} that o's "sentence" index names in the
 * "sentences" of document doc_id (schema 2: an event or a mention refers to its
 * sentence by index), or NULL when o has none or the index does not resolve. */
static json_t *sentence_of(json_t *root, json_t *o, const char *doc_id) {
  json_t *d = find_by_id(json_object_get(root, "documents"), doc_id);
  json_t *idx = json_object_get(o, "sentence");
  if (!d || !json_is_integer(idx)) return NULL;
  return json_array_get(json_object_get(d, "sentences"), (size_t)json_integer_value(idx));
}

/* True when document doc_id's title contains the in= substring. */
static bool doc_selected(json_t *root, const char *doc_id, const char *in) {
  if (!in) return true;
  json_t *d = find_by_id(json_object_get(root, "documents"), doc_id);
  return d && contains_ci(jstr(d, "title"), in);
}

/* True when the actor's canonical name or one of its aliases matches alts. */
static bool actor_answers_to(json_t *actor, const char *alts) {
  if (!actor) return false;
  if (alt_match(alts, jstr(actor, "name"), M_NORM)) return true;
  size_t i;
  json_t *a;
  json_array_foreach(json_object_get(actor, "aliases"), i, a) {
    if (json_is_string(a) && alt_match(alts, json_string_value(a), M_NORM)) return true;
  }
  return false;
}

/* The year at the start of an ISO day or TIMEX3 value ("2014-01-01", "2021-SU"), or
 * INT32_MIN when the value does not start with four digits. */
static int year_of(const char *value) {
  if (!value || strlen(value) < 4) return INT32_MIN;
  int y = 0;
  for (int i = 0; i < 4; i++) {
    if (!isdigit((unsigned char)value[i])) return INT32_MIN;
    y = y * 10 + (value[i] - '0');
  }
  return y;
}

static bool year_in(const char *spec, const char *value) {
  int lo = atoi(spec), hi = lo;
  const char *dots = strstr(spec, "..");
  if (dots) hi = atoi(dots + 2);
  int y = year_of(value);
  return y != INT32_MIN && y >= lo && y <= hi;
}

/* "by" is the doer whichever role name the verb gives it: agent of an action or
 * speaker of a statement ("announced", "welcomed", "declared" can be read either way). */
static bool role_accepts(const char *key, const char *role) {
  if (!strcmp(key, "by")) return !strcmp(role, "agent") || !strcmp(role, "speaker");
  return !strcmp(key, role);
}

static bool role_name(const char *k) {
  return !strcmp(k, "by") || !strcmp(k, "agent") || !strcmp(k, "patient") || !strcmp(k, "speaker") ||
         !strcmp(k, "location") || !strcmp(k, "other");
}

static bool event_matches(json_t *root, json_t *ev, const fact *f) {
  json_t *actors = json_object_get(root, "actors");
  json_t *date = json_object_get(ev, "date");
  json_t *mentions = json_object_get(ev, "mentions");
  for (size_t i = 0; i < f->n; i++) {
    const char *k = f->kv[i].key, *v = f->kv[i].val;
    bool ok = false;
    size_t j;
    json_t *m;
    if (!strcmp(k, "lemma")) {
      ok = alt_match(v, jstr(json_object_get(ev, "trigger"), "lemma"), M_NORM);
      json_array_foreach(mentions, j, m) {
        ok = ok || alt_match(v, jstr(json_object_get(m, "trigger"), "lemma"), M_NORM);
      }
    } else if (!strcmp(k, "class")) {
      ok = alt_match(v, jstr(ev, "class"), M_EXACT);
    } else if (!strcmp(k, "date")) {
      if (!strcmp(v, "null")) ok = !json_is_object(date);
      else ok = json_is_object(date) && alt_match(v, jstr(date, "value"), M_PREFIX);
    } else if (!strcmp(k, "year")) {
      ok = json_is_object(date) && year_in(v, jstr(date, "earliest"));
    } else if (!strcmp(k, "mod") || !strcmp(k, "granularity")) {
      ok = json_is_object(date) && alt_match(v, jstr(date, k), M_EXACT);
    } else if (role_name(k)) {
      size_t p;
      json_t *part;
      json_array_foreach(json_object_get(ev, "participants"), p, part) {
        const char *role = jstr(part, "role");
        if (role && role_accepts(k, role) &&
            actor_answers_to(find_by_id(actors, jstr(part, "actor")), v))
          ok = true;
      }
    } else if (!strcmp(k, "docs")) {
      /* Distinct documents among the event's own doc and its mentions. */
      const char *seen[64];
      size_t nseen = 0;
      const char *d0 = jstr(ev, "doc");
      if (d0) seen[nseen++] = d0;
      json_array_foreach(mentions, j, m) {
        const char *d = jstr(m, "doc");
        bool dup = !d;
        for (size_t s = 0; s < nseen && !dup; s++) dup = !strcmp(seen[s], d);
        if (!dup && nseen < 64) seen[nseen++] = d;
      }
      ok = nseen >= (size_t)atoi(v);
    } else if (!strcmp(k, "sentence")) {
      /* the text of the event's sentence or of a mention's, through the tables */
      const char *st = jstr(sentence_of(root, ev, jstr(ev, "doc")), "text");
      ok = st && strstr(st, v);
      json_array_foreach(mentions, j, m) {
        const char *mt = jstr(sentence_of(root, m, jstr(m, "doc")), "text");
        ok = ok || (mt && strstr(mt, v));
      }
    } else if (!strcmp(k, "in")) {
      ok = doc_selected(root, jstr(ev, "doc"), v);
      json_array_foreach(mentions, j, m) { ok = ok || doc_selected(root, jstr(m, "doc"), v); }
    } else {
      return false; /* key not meaningful for events: never matches */
    }
    if (!ok) return false;
  }
  return true;
}

static bool actor_matches(json_t *root, json_t *ac, const fact *f) {
  for (size_t i = 0; i < f->n; i++) {
    const char *k = f->kv[i].key, *v = f->kv[i].val;
    bool ok = false;
    if (!strcmp(k, "name")) {
      ok = alt_match(v, jstr(ac, "name"), M_NORM);
    } else if (!strcmp(k, "alias")) {
      ok = actor_answers_to(ac, v);
    } else if (!strcmp(k, "kind")) {
      ok = alt_match(v, jstr(ac, "kind"), M_EXACT);
    } else if (!strcmp(k, "in")) {
      size_t j;
      json_t *m;
      json_array_foreach(json_object_get(ac, "mentions"), j, m) {
        ok = ok || doc_selected(root, jstr(m, "doc"), v);
      }
    } else {
      return false;
    }
    if (!ok) return false;
  }
  return true;
}

static bool timex_matches(json_t *root, json_t *tx, const fact *f) {
  for (size_t i = 0; i < f->n; i++) {
    const char *k = f->kv[i].key, *v = f->kv[i].val;
    bool ok = false;
    if (!strcmp(k, "text")) ok = alt_match(v, jstr(tx, "text"), M_NORM);
    else if (!strcmp(k, "value") || !strcmp(k, "type") || !strcmp(k, "mod"))
      ok = alt_match(v, jstr(tx, k), M_EXACT);
    else if (!strcmp(k, "in")) ok = doc_selected(root, jstr(tx, "doc"), v);
    else return false;
    if (!ok) return false;
  }
  return true;
}

static bool document_matches(json_t *doc, const fact *f) {
  for (size_t i = 0; i < f->n; i++) {
    const char *k = f->kv[i].key, *v = f->kv[i].val;
    bool ok = false;
    if (!strcmp(k, "title")) ok = contains_ci(jstr(doc, "title"), v);
    else if (!strcmp(k, "dct")) ok = !strcmp(v, "null") ? !jstr(doc, "dct") : alt_match(v, jstr(doc, "dct"), M_EXACT);
    else if (!strcmp(k, "dct_source")) ok = alt_match(v, jstr(doc, "dct_source"), M_EXACT);
    else return false;
    if (!ok) return false;
  }
  return true;
}

/* One-line summaries used in "Got:" reports. */
static void print_event(json_t *root, json_t *ev) {
  json_t *date = json_object_get(ev, "date");
  printf("      event %s lemma=%s", jstr(ev, "id") ? jstr(ev, "id") : "?",
         jstr(json_object_get(ev, "trigger"), "lemma") ? jstr(json_object_get(ev, "trigger"), "lemma") : "?");
  if (json_is_object(date))
    printf(" date=%s mod=%s", jstr(date, "value") ? jstr(date, "value") : "?",
           jstr(date, "mod") ? jstr(date, "mod") : "");
  else
    printf(" date=null");
  size_t p;
  json_t *part;
  json_array_foreach(json_object_get(ev, "participants"), p, part) {
    json_t *a = find_by_id(json_object_get(root, "actors"), jstr(part, "actor"));
    printf(" %s=%s", jstr(part, "role") ? jstr(part, "role") : "?",
           a && jstr(a, "name") ? jstr(a, "name") : "?");
  }
  printf(" docs=%zu\n", json_array_size(json_object_get(ev, "mentions")));
}

static void print_actor(json_t *ac) {
  printf("      actor %s name=%s kind=%s aliases=", jstr(ac, "id") ? jstr(ac, "id") : "?",
         jstr(ac, "name") ? jstr(ac, "name") : "?", jstr(ac, "kind") ? jstr(ac, "kind") : "?");
  size_t i;
  json_t *a;
  json_array_foreach(json_object_get(ac, "aliases"), i, a) {
    printf("%s%s", i ? "|" : "", json_is_string(a) ? json_string_value(a) : "?");
  }
  printf("\n");
}

static void print_timex(json_t *tx) {
  printf("      timex %s text=%s value=%s mod=%s\n", jstr(tx, "id") ? jstr(tx, "id") : "?",
         jstr(tx, "text") ? jstr(tx, "text") : "?", jstr(tx, "value") ? jstr(tx, "value") : "?",
         jstr(tx, "mod") ? jstr(tx, "mod") : "");
}

/* Candidates worth showing when a fact fails: same lemma / name / text. */
static void print_candidates(json_t *root, const fact *f) {
  size_t i, shown = 0;
  json_t *o;
  if (!strcmp(f->kind, "event")) {
    const char *lemma = fact_get(f, "lemma");
    json_array_foreach(json_object_get(root, "events"), i, o) {
      if (shown < 12 && (!lemma || alt_match(lemma, jstr(json_object_get(o, "trigger"), "lemma"), M_NORM))) {
        print_event(root, o);
        shown++;
      }
    }
    if (!shown) {
      printf("      no event with that lemma; lemmas found:");
      json_array_foreach(json_object_get(root, "events"), i, o) {
        if (i < 60) printf(" %s", jstr(json_object_get(o, "trigger"), "lemma") ? jstr(json_object_get(o, "trigger"), "lemma") : "?");
      }
      printf("\n");
    }
  } else if (!strcmp(f->kind, "actor")) {
    const char *name = fact_get(f, "name");
    json_array_foreach(json_object_get(root, "actors"), i, o) {
      bool rel = name && actor_answers_to(o, name);
      for (size_t k = 0; k < f->n && !rel; k++)
        if (!strcmp(f->kv[k].key, "alias")) rel = actor_answers_to(o, f->kv[k].val);
      if (rel && shown < 12) {
        print_actor(o);
        shown++;
      }
    }
    if (!shown) {
      printf("      no actor with that name or alias; actors found:");
      json_array_foreach(json_object_get(root, "actors"), i, o) {
        if (i < 60) printf(" [%s]", jstr(o, "name") ? jstr(o, "name") : "?");
      }
      printf("\n");
    }
  } else if (!strcmp(f->kind, "timex")) {
    const char *text = fact_get(f, "text"), *value = fact_get(f, "value");
    json_array_foreach(json_object_get(root, "timexes"), i, o) {
      bool rel = (text && alt_match(text, jstr(o, "text"), M_NORM)) ||
                 (value && alt_match(value, jstr(o, "value"), M_EXACT));
      if (rel && shown < 12) {
        print_timex(o);
        shown++;
      }
    }
    if (!shown) {
      printf("      no timex with that text or value; timexes found:");
      json_array_foreach(json_object_get(root, "timexes"), i, o) {
        if (i < 60) printf(" [%s=%s]", jstr(o, "text") ? jstr(o, "text") : "?", jstr(o, "value") ? jstr(o, "value") : "?");
      }
      printf("\n");
    }
  } else {
    json_array_foreach(json_object_get(root, "documents"), i, o) {
      printf("      document %s title=%s dct=%s dct_source=%s\n", jstr(o, "id") ? jstr(o, "id") : "?",
             jstr(o, "title") ? jstr(o, "title") : "(null)", jstr(o, "dct") ? jstr(o, "dct") : "(null)",
             jstr(o, "dct_source") ? jstr(o, "dct_source") : "?");
    }
  }
}

/* Checks one fact; prints Expected/Got and returns false when it does not hold. */
static bool fact_check(json_t *root, const fact *f, const char *sample_name) {
  const char *arr = !strcmp(f->kind, "event")   ? "events"
                    : !strcmp(f->kind, "actor") ? "actors"
                    : !strcmp(f->kind, "timex") ? "timexes"
                                                : "documents";
  size_t i;
  json_t *o, *hit = NULL;
  json_array_foreach(json_object_get(root, arr), i, o) {
    bool m = !strcmp(f->kind, "event")   ? event_matches(root, o, f)
             : !strcmp(f->kind, "actor") ? actor_matches(root, o, f)
             : !strcmp(f->kind, "timex") ? timex_matches(root, o, f)
                                         : document_matches(o, f);
    if (m) {
      hit = o;
      break;
    }
  }
  if (!f->neg && hit) return true;
  if (f->neg && !hit) return true;
  printf("  FACT FAILED samples/%s/facts.txt:%d\n", sample_name, f->line);
  if (f->neg) {
    printf("    Expected: nothing matching: %s\n    Got:\n", f->raw + 1);
    if (!strcmp(f->kind, "event")) print_event(root, hit);
    else if (!strcmp(f->kind, "actor")) print_actor(hit);
    else if (!strcmp(f->kind, "timex")) print_timex(hit);
    else printf("      document %s\n", jstr(hit, "id") ? jstr(hit, "id") : "?");
  } else {
    printf("    Expected: %s\n    Got:\n", f->raw);
    print_candidates(root, f);
  }
  return false;
}

/* ------------------------------------------------------------------ structure */

/* Each document's sentence table: in text order, not overlapping, each text as
 * long as its span. Returns the number of problems printed. */
static int check_sentences(json_t *docs) {
  int bad = 0;
  size_t i, k;
  json_t *d, *s;
  json_array_foreach(docs, i, d) {
    json_t *ss = json_object_get(d, "sentences");
    if (!json_is_array(ss)) {
      if (bad++ < 5) printf("  schema: document %s has no \"sentences\" array\n", jstr(d, "id"));
      continue;
    }
    json_int_t prev_end = 0;
    json_array_foreach(ss, k, s) {
      json_int_t a = json_integer_value(json_object_get(s, "start"));
      json_int_t z = json_integer_value(json_object_get(s, "end"));
      const char *t = jstr(s, "text");
      if ((!t || a < prev_end || z < a || (json_int_t)strlen(t) != z - a) && bad++ < 5)
        printf("  schema: document %s sentence %zu [%lld,%lld) is out of order or its text "
               "does not span it\n", jstr(d, "id"), k, (long long)a, (long long)z);
      prev_end = z;
    }
  }
  return bad;
}

/* 0 when the trigger's text lies at its offsets inside the sentence se (resolved
 * through the document's table), else 1, printed while fewer than 5 problems
 * were (bad) so far. */
static int check_trigger_in_sentence(const char *id, json_t *tr, json_t *se, int bad) {
  json_int_t ts = json_integer_value(json_object_get(tr, "start"));
  json_int_t te = json_integer_value(json_object_get(tr, "end"));
  json_int_t ss = json_integer_value(json_object_get(se, "start"));
  json_int_t sn = json_integer_value(json_object_get(se, "end"));
  const char *ttext = jstr(tr, "text"), *stext = jstr(se, "text");
  bool ok = ttext && stext && ss <= ts && ts <= te && te <= sn &&
            (json_int_t)strlen(stext) == sn - ss && (json_int_t)strlen(ttext) == te - ts &&
            !strncmp(stext + (ts - ss), ttext, (size_t)(te - ts));
  if (!ok && bad < 5)
    printf("  offsets: event %s trigger [%lld,%lld) \"%s\" is not at that place in its sentence [%lld,%lld)\n",
           id, (long long)ts, (long long)te, ttext ? ttext : "?", (long long)ss, (long long)sn);
  return !ok;
}

/* Checks the schema-2 skeleton and that every quoted text agrees with its offsets
 * (trigger inside the sentence its index names). Returns the number of problems
 * printed. */
static int check_structure(json_t *root) {
  int bad = 0;
  if (!jstr(root, "chronograph") || strcmp(jstr(root, "chronograph"), "2")) {
    printf("  schema: \"chronograph\" is not \"2\"\n");
    bad++;
  }
  static const char *const arrays[] = {"documents", "timexes", "actors", "events"};
  for (size_t i = 0; i < 4; i++)
    if (!json_is_array(json_object_get(root, arrays[i]))) {
      printf("  schema: \"%s\" is not an array\n", arrays[i]);
      bad++;
    }
  if (bad) return bad;
  json_t *docs = json_object_get(root, "documents"), *actors = json_object_get(root, "actors");
  bad += check_sentences(docs);
  size_t i;
  json_t *o;
  json_array_foreach(json_object_get(root, "timexes"), i, o) {
    if (!find_by_id(docs, jstr(o, "doc")) && bad++ < 5)
      printf("  schema: timex %s names unknown doc\n", jstr(o, "id") ? jstr(o, "id") : "?");
  }
  json_array_foreach(json_object_get(root, "events"), i, o) {
    const char *id = jstr(o, "id") ? jstr(o, "id") : "?";
    if (!find_by_id(docs, jstr(o, "doc")) && bad++ < 5) printf("  schema: event %s names unknown doc\n", id);
    size_t p;
    json_t *part;
    json_array_foreach(json_object_get(o, "participants"), p, part) {
      if (!find_by_id(actors, jstr(part, "actor")) && bad++ < 5)
        printf("  schema: event %s names unknown actor\n", id);
    }
    bad += check_trigger_in_sentence(id, json_object_get(o, "trigger"),
                                     sentence_of(root, o, jstr(o, "doc")), bad);
    size_t k;
    json_t *m;
    json_array_foreach(json_object_get(o, "mentions"), k, m) {
      bad += check_trigger_in_sentence(id, json_object_get(m, "trigger"),
                                       sentence_of(root, m, jstr(m, "doc")), bad);
    }
  }
  return bad;
}

/* Prints the first line where got differs from expected. */
static void print_first_diff(const char *exp, size_t elen, const char *got, size_t glen) {
  size_t i = 0, line = 1, ls = 0;
  while (i < elen && i < glen && exp[i] == got[i]) {
    if (exp[i] == '\n') {
      line++;
      ls = i + 1;
    }
    i++;
  }
  const char *ee = memchr(exp + ls, '\n', elen - ls), *ge = memchr(got + ls, '\n', glen - ls);
  int el = (int)((ee ? ee - exp : (ptrdiff_t)elen) - (ptrdiff_t)ls);
  int gl = (int)((ge ? ge - got : (ptrdiff_t)glen) - (ptrdiff_t)ls);
  printf("  expected.json differs at line %zu (run scripts/update-expected if the change is intended)\n",
         line);
  printf("    Expected: %.*s\n    Got:      %.*s\n", el > 300 ? 300 : el, exp + ls, gl > 300 ? 300 : gl,
         got + ls);
}

/* ------------------------------------------------------------------ the test */

static void test_sample(void **state) {
  const sample *s = *state;
  run_result r1 = sample_run(s);
  if (r1.status != 0) {
    printf("  chronograph extract %s exited with %d\n  stderr: %s\n", s->input, r1.status, r1.err);
    run_result_free(&r1);
    fail();
  }
  int failures = 0;
  run_result r2 = sample_run(s);
  if (r2.len != r1.len || memcmp(r1.out, r2.out, r1.len)) {
    printf("  two runs on %s gave different output\n", s->input);
    print_first_diff(r1.out, r1.len, r2.out, r2.len);
    failures++;
  }
  run_result_free(&r2);

  json_error_t jerr;
  json_t *root = json_loadb(r1.out, r1.len, 0, &jerr);
  if (!root) {
    printf("  output is not JSON: line %d column %d: %s\n", jerr.line, jerr.column, jerr.text);
    run_result_free(&r1);
    fail();
  }
  failures += check_structure(root);

  char path[1200];
  snprintf(path, sizeof path, "%s/samples/%s/facts.txt", CG_SOURCE_DIR, s->name);
  char *facts = slurp(path, NULL);
  int nfacts = 0, nfailed = 0;
  if (facts) {
    int lineno = 0;
    /* Split by hand (not strtok) so empty lines still count for line numbers. */
    for (char *p = facts; p && *p;) {
      char *nl = strchr(p, '\n');
      if (nl) *nl = '\0';
      lineno++;
      fact f;
      int rc = fact_parse(p, lineno, &f);
      if (rc < 0) {
        printf("  malformed fact samples/%s/facts.txt:%d: %s\n", s->name, lineno, p);
        nfailed++;
      } else if (rc == 0) {
        nfacts++;
        if (!fact_check(root, &f, s->name)) nfailed++;
      }
      p = nl ? nl + 1 : NULL;
    }
    free(facts);
    printf("  %s: %d/%d facts hold\n", s->name, nfacts - nfailed, nfacts);
  }
  failures += nfailed;

  snprintf(path, sizeof path, "%s/samples/%s/expected.json", CG_SOURCE_DIR, s->name);
  size_t elen = 0;
  char *expected = slurp(path, &elen);
  if (expected) {
    if (elen != r1.len || memcmp(expected, r1.out, elen)) {
      print_first_diff(expected, elen, r1.out, r1.len);
      failures++;
    }
    free(expected);
  }
  json_decref(root);
  run_result_free(&r1);
  fflush(stdout); /* cmocka reports on stderr: keep our lines before its verdict */
  if (failures) fail_msg("%s: %d problem(s), see above", s->name, failures);
}

int main(void) {
  char dir[1024];
  snprintf(dir, sizeof dir, "%s/samples", CG_SOURCE_DIR);
  DIR *d = opendir(dir);
  if (!d) {
    printf("no samples directory at %s\n", dir);
    return 1;
  }
  char **names = NULL;
  size_t n = 0;
  struct dirent *de;
  while ((de = readdir(d))) {
    if (de->d_name[0] == '.') continue;
    char p[1300];
    struct stat st;
    snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
    if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) continue;
    names = realloc(names, (n + 1) * sizeof *names);
    names[n++] = strdup(de->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp_str);

  sample *samples = calloc(n ? n : 1, sizeof *samples);
  struct CMUnitTest *tests = calloc(n ? n : 1, sizeof *tests);
  size_t nt = 0;
  for (size_t i = 0; i < n; i++) {
    if (!sample_load(&samples[nt], names[i])) continue;
    tests[nt].name = samples[nt].name;
    tests[nt].test_func = test_sample;
    tests[nt].initial_state = &samples[nt];
    nt++;
  }
  int rc = 1;
  if (nt == 0) printf("no samples with an input under %s\n", dir);
  else rc = _cmocka_run_group_tests("samples", tests, nt, NULL, NULL);
  for (size_t i = 0; i < nt; i++) sample_free(&samples[i]);
  for (size_t i = 0; i < n; i++) free(names[i]);
  free(names);
  free(samples);
  free(tests);
  return rc != 0;
}
