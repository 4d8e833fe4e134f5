/* The corpus: schema-1 objects merged into one set of documents, actors and events.
 *
 * Actors merge by key. Events merge across documents when they share the lemma (or,
 * failing that, the class), a participant with the same role, and overlapping date
 * intervals; undated events never merge (a missing date is not evidence that two
 * mentions tell the same event). */
#include "corpus.h"

#include "strmap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many earlier events with the same merge key are compared with a new one: keeps
 * the merge linear on corpora where one key ("say" by one speaker) recurs endlessly. */
#define CG_MERGE_WINDOW 64

struct cg_corpus_index {
  cg_strmap *actor_by_key;
  cg_strmap *doc_by_id;
  cg_strmap *bucket_by_key;           /* merge key -> index into buckets */
  CG_VEC(struct bucket { CG_VEC(uint32_t) ev; }) buckets;
};

cg_corpus *cg_corpus_new(void) {
  cg_corpus *c = cg_xcalloc(1, sizeof *c);
  c->merge_events = true;
  c->index = cg_xcalloc(1, sizeof *c->index);
  c->index->actor_by_key = cg_strmap_new();
  c->index->doc_by_id = cg_strmap_new();
  c->index->bucket_by_key = cg_strmap_new();
  return c;
}

static void index_free(struct cg_corpus_index *ix) {
  if (!ix) return;
  cg_strmap_free(ix->actor_by_key);
  cg_strmap_free(ix->doc_by_id);
  cg_strmap_free(ix->bucket_by_key);
  for (size_t i = 0; i < ix->buckets.len; i++) free(ix->buckets.items[i].ev.items);
  free(ix->buckets.items);
  free(ix);
}

void cg_corpus_free(cg_corpus *c) {
  if (!c) return;
  for (size_t i = 0; i < c->docs.len; i++) {
    cg_cdoc *d = &c->docs.items[i];
    free(d->id), free(d->source), free(d->title), free(d->url), free(d->dct);
    free(d->dct_source), free(d->text);
  }
  for (size_t i = 0; i < c->timexes.len; i++) {
    cg_ctimex *t = &c->timexes.items[i];
    free(t->id), free(t->text), free(t->type), free(t->value), free(t->mod);
  }
  for (size_t i = 0; i < c->actors.len; i++) {
    cg_cactor *a = &c->actors.items[i];
    free(a->id), free(a->key), free(a->name);
    for (size_t k = 0; k < a->aliases.len; k++) free(a->aliases.items[k]);
    free(a->aliases.items);
    for (size_t k = 0; k < a->mentions.len; k++) free(a->mentions.items[k].text);
    free(a->mentions.items);
  }
  for (size_t i = 0; i < c->events.len; i++) {
    cg_cevent *e = &c->events.items[i];
    free(e->id), free(e->lemma), free(e->cls), free(e->date_rule);
    free(e->parts.items);
    for (size_t k = 0; k < e->mentions.len; k++)
      free(e->mentions.items[k].trigger), free(e->mentions.items[k].sentence);
    free(e->mentions.items);
  }
  free(c->docs.items);
  free(c->timexes.items);
  free(c->actors.items);
  free(c->events.items);
  index_free(c->index);
  free(c);
}

/* ------------------------------------------------------------ JSON access helpers */

static const char *jstr(const json_t *o, const char *k) {
  const json_t *v = json_object_get(o, k);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

static char *jdup(const json_t *o, const char *k) { return cg_xstrdup(jstr(o, k)); }

static size_t jsize(const json_t *o, const char *k) {
  const json_t *v = json_object_get(o, k);
  return json_is_integer(v) && json_integer_value(v) >= 0 ? (size_t)json_integer_value(v) : 0;
}

static bool parse_kind(const char *s, cg_actor_kind *k) {
  static const cg_actor_kind kinds[] = {CG_ACTOR_PERSON, CG_ACTOR_ORG, CG_ACTOR_GPE, CG_ACTOR_LOC};
  for (size_t i = 0; i < 4; i++)
    if (s && !strcmp(s, cg_actor_kind_name(kinds[i]))) return *k = kinds[i], true;
  return false;
}

static cg_role parse_role(const char *s) {
  static const cg_role roles[] = {CG_ROLE_AGENT, CG_ROLE_PATIENT, CG_ROLE_SPEAKER,
                                  CG_ROLE_LOCATION};
  for (size_t i = 0; i < 4; i++)
    if (s && !strcmp(s, cg_role_name(roles[i]))) return roles[i];
  return CG_ROLE_OTHER;
}

static cg_gran parse_gran(const char *s) {
  for (int g = CG_GRAN_NONE; g <= CG_GRAN_SECOND; g++)
    if (s && !strcmp(s, cg_gran_name((cg_gran)g))) return (cg_gran)g;
  return CG_GRAN_NONE;
}

/* Day numbers from "YYYY-MM-DD" or the signed expanded form cg_format_day writes. */
static int64_t parse_day(const char *s) {
  if (!s) return CG_NO_DAY;
  int64_t z = cg_parse_iso_day(s);
  if (z != CG_NO_DAY) return z;
  long long y;
  unsigned m, d;
  if (sscanf(s, "%lld-%u-%u", &y, &m, &d) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
    return cg_days_from_civil(y, m, d);
  return CG_NO_DAY;
}

/* Checks the shape of a schema-1 object before anything is added, so that a bad
 * object changes nothing. Returns NULL when valid, else what is wrong. */
static const char *validate(const json_t *obj) {
  if (!json_is_object(obj)) return "not a JSON object";
  const char *ver = jstr(obj, "chronograph");
  if (!ver || strcmp(ver, CG_SCHEMA_VERSION) != 0) return "missing or unknown \"chronograph\" schema version";
  const char *arrays[] = {"documents", "timexes", "actors", "events"};
  for (size_t i = 0; i < 4; i++) {
    const json_t *a = json_object_get(obj, arrays[i]);
    if (a && !json_is_array(a)) return "documents/timexes/actors/events must be arrays";
  }
  size_t i;
  const json_t *v;
  json_array_foreach(json_object_get(obj, "documents"), i, v)
    if (!json_is_object(v) || !jstr(v, "id")) return "a document without an id";
  json_array_foreach(json_object_get(obj, "timexes"), i, v)
    if (!json_is_object(v) || !jstr(v, "id") || !jstr(v, "doc") || !jstr(v, "value"))
      return "a timex without id, doc or value";
  json_array_foreach(json_object_get(obj, "actors"), i, v) {
    cg_actor_kind k;
    if (!json_is_object(v) || !jstr(v, "id") || !jstr(v, "name") || !parse_kind(jstr(v, "kind"), &k))
      return "an actor without id, name or a known kind";
  }
  json_array_foreach(json_object_get(obj, "events"), i, v) {
    if (!json_is_object(v) || !jstr(v, "id") || !json_is_object(json_object_get(v, "trigger")))
      return "an event without id or trigger";
    const json_t *d = json_object_get(v, "date");
    if (d && !json_is_null(d) &&
        (!json_is_object(d) || parse_day(jstr(d, "earliest")) == CG_NO_DAY ||
         parse_day(jstr(d, "latest")) == CG_NO_DAY))
      return "an event date without a valid earliest/latest day";
  }
  return NULL;
}

/* ------------------------------------------------------------ adding */

static uint32_t add_doc(cg_corpus *c, const json_t *d) {
  const char *id = jstr(d, "id");
  size_t at;
  if (cg_strmap_get(c->index->doc_by_id, id, strlen(id), &at)) return (uint32_t)at;
  cg_cdoc cd = {jdup(d, "id"), jdup(d, "source"), jdup(d, "title"), jdup(d, "url"),
                jdup(d, "dct"), jdup(d, "dct_source"), jdup(d, "text")};
  CG_VEC_PUSH(&c->docs, cd);
  cg_strmap_put(c->index->doc_by_id, id, strlen(id), c->docs.len - 1);
  return (uint32_t)(c->docs.len - 1);
}

static uint32_t doc_index(cg_corpus *c, const char *id) {
  size_t at = 0;
  if (id && cg_strmap_get(c->index->doc_by_id, id, strlen(id), &at)) return (uint32_t)at;
  /* An object may name a document it does not list: add a bare one. */
  json_t *d = json_pack("{s:s}", "id", id ? id : "");
  uint32_t r = add_doc(c, d);
  json_decref(d);
  return r;
}

static void add_alias(cg_cactor *a, const char *alias) {
  if (!alias) return;
  for (size_t k = 0; k < a->aliases.len; k++)
    if (!strcmp(a->aliases.items[k], alias)) return;
  CG_VEC_PUSH(&a->aliases, cg_xstrdup(alias));
}

static uint32_t add_actor(cg_corpus *c, const json_t *a) {
  const char *key = jstr(a, "key");
  cg_buf kb = {0};
  if (key) cg_buf_puts(&kb, key);
  else cg_buf_printf(&kb, "%s:%s", jstr(a, "kind"), jstr(a, "name"));
  size_t at;
  if (!cg_strmap_get(c->index->actor_by_key, kb.data, kb.len, &at)) {
    cg_cactor na = {0};
    na.key = cg_xstrdup(kb.data);
    na.name = jdup(a, "name");
    parse_kind(jstr(a, "kind"), &na.kind);
    na.affiliation = -1;
    CG_VEC_PUSH(&c->actors, na);
    at = c->actors.len - 1;
    cg_strmap_put(c->index->actor_by_key, kb.data, kb.len, at);
  }
  cg_buf_free(&kb);
  cg_cactor *ca = &c->actors.items[at];
  size_t i;
  const json_t *v;
  json_array_foreach(json_object_get(a, "aliases"), i, v) add_alias(ca, json_string_value(v));
  json_array_foreach(json_object_get(a, "mentions"), i, v) {
    if (!json_is_object(v)) continue;
    cg_cmention m = {doc_index(c, jstr(v, "doc")), jsize(v, "start"), jsize(v, "end"),
                     jdup(v, "text")};
    ca = &c->actors.items[at]; /* doc_index never touches actors, but stay safe */
    CG_VEC_PUSH(&ca->mentions, m);
  }
  return (uint32_t)at;
}

static cg_emention parse_emention(cg_corpus *c, const json_t *m, const char *docid) {
  const json_t *t = json_object_get(m, "trigger");
  const json_t *s = json_object_get(m, "sentence");
  const char *d = jstr(m, "doc");
  cg_emention em = {doc_index(c, d ? d : docid), jsize(t, "start"), jsize(t, "end"),
                    jdup(t, "text"), jsize(s, "start"), jsize(s, "end"), jdup(s, "text")};
  return em;
}

static bool has_part(const cg_cevent *e, cg_cpart p) {
  for (size_t k = 0; k < e->parts.len; k++)
    if (e->parts.items[k].actor == p.actor && e->parts.items[k].role == p.role) return true;
  return false;
}

static bool same_doc_only(const cg_cevent *a, const cg_cevent *b) {
  for (size_t i = 0; i < a->mentions.len; i++)
    for (size_t j = 0; j < b->mentions.len; j++)
      if (a->mentions.items[i].doc == b->mentions.items[j].doc) return true;
  return false;
}

/* Two events may be one when both are dated with overlapping intervals, share a
 * participant in the same role, and come from different documents. */
static bool mergeable(const cg_cevent *a, const cg_cevent *b) {
  if (!a->dated || !b->dated) return false;
  if (a->date.latest < b->date.earliest || b->date.latest < a->date.earliest) return false;
  if (same_doc_only(a, b)) return false;
  for (size_t k = 0; k < b->parts.len; k++)
    if (has_part(a, b->parts.items[k])) return true;
  return false;
}

static void merge_into(cg_cevent *dst, cg_cevent *src) {
  for (size_t k = 0; k < src->parts.len; k++)
    if (!has_part(dst, src->parts.items[k])) CG_VEC_PUSH(&dst->parts, src->parts.items[k]);
  for (size_t k = 0; k < src->mentions.len; k++) CG_VEC_PUSH(&dst->mentions, src->mentions.items[k]);
  /* Keep the more precise date: a day beats a year it lies in. */
  if (src->date.gran > dst->date.gran) {
    dst->date = src->date;
    memcpy(dst->value, src->value, sizeof dst->value);
    memcpy(dst->mod, src->mod, sizeof dst->mod);
    free(dst->date_rule);
    dst->date_rule = src->date_rule;
    src->date_rule = NULL;
    dst->timex = src->timex;
  }
  if (src->confidence > dst->confidence) dst->confidence = src->confidence;
  free(src->id), free(src->lemma), free(src->cls), free(src->date_rule);
  free(src->parts.items);
  free(src->mentions.items);
}

static void merge_key(cg_buf *b, const cg_cevent *e, const cg_cpart *p) {
  cg_buf_clear(b);
  cg_buf_printf(b, "%s|%d|%u", e->lemma ? e->lemma : e->cls, (int)p->role, p->actor);
}

/* Adds e to the corpus, merged into an earlier event when one matches. */
static void add_event(cg_corpus *c, cg_cevent *e) {
  struct cg_corpus_index *ix = c->index;
  cg_buf kb = {0};
  if (c->merge_events) {
    for (size_t k = 0; k < e->parts.len; k++) {
      merge_key(&kb, e, &e->parts.items[k]);
      size_t bi;
      if (!cg_strmap_get(ix->bucket_by_key, kb.data, kb.len, &bi)) continue;
      struct bucket *bk = &ix->buckets.items[bi];
      size_t lo = bk->ev.len > CG_MERGE_WINDOW ? bk->ev.len - CG_MERGE_WINDOW : 0;
      for (size_t j = bk->ev.len; j-- > lo;) {
        cg_cevent *old = &c->events.items[bk->ev.items[j]];
        if (mergeable(old, e)) {
          merge_into(old, e);
          cg_buf_free(&kb);
          return;
        }
      }
    }
  }
  CG_VEC_PUSH(&c->events, *e);
  uint32_t idx = (uint32_t)(c->events.len - 1);
  for (size_t k = 0; k < e->parts.len; k++) {
    merge_key(&kb, e, &e->parts.items[k]);
    size_t bi;
    if (!cg_strmap_get(ix->bucket_by_key, kb.data, kb.len, &bi)) {
      struct bucket nb = {0};
      CG_VEC_PUSH(&ix->buckets, nb);
      bi = ix->buckets.len - 1;
      cg_strmap_put(ix->bucket_by_key, kb.data, kb.len, bi);
    }
    CG_VEC_PUSH(&ix->buckets.items[bi].ev, idx);
  }
  cg_buf_free(&kb);
}

/* Maps a local id ("a3") to a corpus index through a per-object table. */
static bool local(const cg_strmap *m, const char *id, size_t *out) {
  return id && cg_strmap_get(m, id, strlen(id), out);
}

static void add_events(cg_corpus *c, const json_t *obj, const cg_strmap *amap,
                       const cg_strmap *tmap) {
  size_t i;
  const json_t *v;
  json_array_foreach(json_object_get(obj, "events"), i, v) {
    cg_cevent e = {0};
    const json_t *trig = json_object_get(v, "trigger");
    e.lemma = cg_xstrdup(jstr(trig, "lemma") ? jstr(trig, "lemma") : jstr(trig, "text"));
    e.cls = cg_xstrdup(jstr(v, "class") ? jstr(v, "class") : "other");
    e.timex = -1;
    const json_t *d = json_object_get(v, "date");
    if (json_is_object(d)) {
      int64_t lo = parse_day(jstr(d, "earliest")), hi = parse_day(jstr(d, "latest"));
      if (lo != CG_NO_DAY && hi != CG_NO_DAY && lo <= hi) {
        e.dated = true;
        e.date = cg_span_range(lo, hi, parse_gran(jstr(d, "granularity")));
        snprintf(e.value, sizeof e.value, "%s", jstr(d, "value") ? jstr(d, "value") : "");
        snprintf(e.mod, sizeof e.mod, "%s", jstr(d, "mod") ? jstr(d, "mod") : "");
        e.date_rule = jdup(d, "rule");
        size_t ti;
        if (local(tmap, jstr(d, "timex"), &ti)) e.timex = (int)ti;
      }
    }
    size_t k;
    const json_t *p;
    json_array_foreach(json_object_get(v, "participants"), k, p) {
      size_t ai;
      if (!local(amap, jstr(p, "actor"), &ai)) continue;
      cg_cpart cp = {(uint32_t)ai, parse_role(jstr(p, "role"))};
      if (!has_part(&e, cp)) CG_VEC_PUSH(&e.parts, cp);
    }
    const json_t *conf = json_object_get(v, "confidence");
    e.confidence = json_is_number(conf) ? json_number_value(conf) : 0.5;
    const json_t *ms = json_object_get(v, "mentions");
    const char *docid = jstr(v, "doc");
    if (json_is_array(ms) && json_array_size(ms) > 0) {
      json_array_foreach(ms, k, p) if (json_is_object(p)) {
        cg_emention em = parse_emention(c, p, docid);
        CG_VEC_PUSH(&e.mentions, em);
      }
    } else {
      cg_emention em = parse_emention(c, v, docid);
      CG_VEC_PUSH(&e.mentions, em);
    }
    add_event(c, &e);
  }
}

cg_status cg_corpus_add_json(cg_corpus *c, const json_t *obj, const char *source,
                             cg_error *err) {
  const char *why = validate(obj);
  if (why) return cg_error_set(err, CG_EINPUT, source, 0, 0, -1, "not a chronograph result: %s", why);
  c->finished = false;
  size_t i;
  const json_t *v;
  json_array_foreach(json_object_get(obj, "documents"), i, v) add_doc(c, v);

  cg_strmap *tmap = cg_strmap_new(), *amap = cg_strmap_new();
  json_array_foreach(json_object_get(obj, "timexes"), i, v) {
    cg_ctimex t = {NULL, doc_index(c, jstr(v, "doc")), jsize(v, "start"), jsize(v, "end"),
                   jdup(v, "text"), jdup(v, "type"), jdup(v, "value"),
                   cg_xstrdup(jstr(v, "mod") ? jstr(v, "mod") : "")};
    CG_VEC_PUSH(&c->timexes, t);
    const char *id = jstr(v, "id");
    cg_strmap_put(tmap, id, strlen(id), c->timexes.len - 1);
  }
  json_array_foreach(json_object_get(obj, "actors"), i, v) {
    uint32_t at = add_actor(c, v);
    const char *id = jstr(v, "id");
    cg_strmap_put(amap, id, strlen(id), at);
  }
  /* Affiliations refer to local ids, so they are resolved once every actor is in. */
  json_array_foreach(json_object_get(obj, "actors"), i, v) {
    size_t self, aff;
    if (local(amap, jstr(v, "id"), &self) && local(amap, jstr(v, "affiliation"), &aff) &&
        self != aff && c->actors.items[self].affiliation < 0)
      c->actors.items[self].affiliation = (int)aff;
  }
  add_events(c, obj, amap, tmap);
  cg_strmap_free(tmap);
  cg_strmap_free(amap);
  return CG_OK;
}

cg_status cg_corpus_add_docx(cg_corpus *c, const cg_docx *dx, cg_error *err) {
  json_t *o = cg_docx_to_json(dx, false);
  cg_status st = cg_corpus_add_json(c, o, dx->doc->source, err);
  json_decref(o);
  return st;
}

/* ------------------------------------------------------------ finishing */

static int cmp_str(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : ""); }

typedef struct { const cg_corpus *c; uint32_t i; } sort_item;

static int cmp_actor(const void *pa, const void *pb) {
  const sort_item *x = pa, *y = pb;
  const cg_cactor *a = &x->c->actors.items[x->i], *b = &y->c->actors.items[y->i];
  int r = cmp_str(a->name, b->name);
  return r ? r : cmp_str(a->key, b->key);
}

static int cmp_event(const void *pa, const void *pb) {
  const sort_item *x = pa, *y = pb;
  const cg_cevent *a = &x->c->events.items[x->i], *b = &y->c->events.items[y->i];
  if (a->dated != b->dated) return a->dated ? -1 : 1;
  if (a->dated) {
    if (a->date.earliest != b->date.earliest) return a->date.earliest < b->date.earliest ? -1 : 1;
    if (a->date.latest != b->date.latest) return a->date.latest < b->date.latest ? -1 : 1;
  }
  const cg_emention *ma = &a->mentions.items[0], *mb = &b->mentions.items[0];
  if (ma->doc != mb->doc) return ma->doc < mb->doc ? -1 : 1;
  if (ma->trig_start != mb->trig_start) return ma->trig_start < mb->trig_start ? -1 : 1;
  return x->i < y->i ? -1 : x->i > y->i;
}

void cg_corpus_finish(cg_corpus *c) {
  if (c->finished) return;
  /* Actors sorted by name; participants and affiliations follow the permutation. */
  size_t na = c->actors.len;
  sort_item *order = cg_xcalloc(na, sizeof *order);
  for (size_t i = 0; i < na; i++) order[i] = (sort_item){c, (uint32_t)i};
  qsort(order, na, sizeof *order, cmp_actor);
  uint32_t *newpos = cg_xcalloc(na, sizeof *newpos);
  cg_cactor *sorted = cg_xcalloc(na, sizeof *sorted);
  for (size_t i = 0; i < na; i++) {
    newpos[order[i].i] = (uint32_t)i;
    sorted[i] = c->actors.items[order[i].i];
  }
  for (size_t i = 0; i < na; i++) {
    if (sorted[i].affiliation >= 0) sorted[i].affiliation = (int)newpos[sorted[i].affiliation];
    char id[32];
    snprintf(id, sizeof id, "a%zu", i + 1);
    free(sorted[i].id);
    sorted[i].id = cg_xstrdup(id);
    cg_strmap_put(c->index->actor_by_key, sorted[i].key, strlen(sorted[i].key), i);
  }
  free(c->actors.items);
  c->actors.items = sorted;
  c->actors.cap = na;
  for (size_t i = 0; i < c->events.len; i++) {
    cg_cevent *e = &c->events.items[i];
    for (size_t k = 0; k < e->parts.len; k++) e->parts.items[k].actor = newpos[e->parts.items[k].actor];
  }
  free(order);
  free(newpos);

  /* Events sorted by date (undated last), then by first telling. */
  size_t ne = c->events.len;
  sort_item *eorder = cg_xcalloc(ne, sizeof *eorder);
  for (size_t i = 0; i < ne; i++) eorder[i] = (sort_item){c, (uint32_t)i};
  qsort(eorder, ne, sizeof *eorder, cmp_event);
  cg_cevent *esorted = cg_xcalloc(ne, sizeof *esorted);
  for (size_t i = 0; i < ne; i++) {
    esorted[i] = c->events.items[eorder[i].i];
    char id[32];
    snprintf(id, sizeof id, "e%zu", i + 1);
    free(esorted[i].id);
    esorted[i].id = cg_xstrdup(id);
  }
  free(c->events.items);
  c->events.items = esorted;
  c->events.cap = ne;
  free(eorder);
  /* The merge buckets hold pre-sort indices: drop them; later adds start afresh. */
  for (size_t i = 0; i < c->index->buckets.len; i++) free(c->index->buckets.items[i].ev.items);
  c->index->buckets.len = 0;
  cg_strmap_free(c->index->bucket_by_key);
  c->index->bucket_by_key = cg_strmap_new();

  for (size_t i = 0; i < c->timexes.len; i++) {
    char id[32];
    snprintf(id, sizeof id, "t%zu", i + 1);
    free(c->timexes.items[i].id);
    c->timexes.items[i].id = cg_xstrdup(id);
  }
  c->finished = true;
}

int cg_cevent_main_actor(const cg_corpus *c, const cg_cevent *e) {
  (void)c;
  static const cg_role prefer[] = {CG_ROLE_AGENT, CG_ROLE_SPEAKER, CG_ROLE_PATIENT};
  for (size_t r = 0; r < 3; r++)
    for (size_t k = 0; k < e->parts.len; k++)
      if (e->parts.items[k].role == prefer[r]) return (int)e->parts.items[k].actor;
  return e->parts.len ? (int)e->parts.items[0].actor : -1;
}

/* ------------------------------------------------------------ output */

static json_t *jstr_or_null(const char *s) {
  json_t *j = s ? json_string(s) : NULL;
  return j ? j : json_null();
}

static json_t *span_json(const char *docid, size_t start, size_t end, const char *text) {
  json_t *o = json_pack("{s:I,s:I,s:o}", "start", (json_int_t)start, "end", (json_int_t)end,
                        "text", jstr_or_null(text));
  if (docid) json_object_set_new(o, "doc", json_string(docid));
  return o;
}

/* Metrics are rounded so that output stays byte-identical across platforms whose
 * floating-point summation order differs in the last bits. */
static double round6(double x) { return isfinite(x) ? round(x * 1e6) / 1e6 : 0.0; }

static json_t *actor_out(const cg_corpus *c, const cg_cactor *a) {
  json_t *aliases = json_array(), *mentions = json_array();
  for (size_t k = 0; k < a->aliases.len; k++) json_array_append_new(aliases, jstr_or_null(a->aliases.items[k]));
  for (size_t k = 0; k < a->mentions.len; k++) {
    const cg_cmention *m = &a->mentions.items[k];
    json_array_append_new(mentions, span_json(c->docs.items[m->doc].id, m->start, m->end, m->text));
  }
  json_t *o = json_pack("{s:s,s:s,s:o,s:s,s:o,s:o}", "id", a->id, "key", a->key, "name",
                        jstr_or_null(a->name), "kind", cg_actor_kind_name(a->kind), "aliases",
                        aliases, "mentions", mentions);
  json_object_set_new(o, "affiliation", a->affiliation >= 0
                                            ? json_string(c->actors.items[a->affiliation].id)
                                            : json_null());
  if (c->has_metrics)
    json_object_set_new(o, "metrics",
                        json_pack("{s:f,s:f,s:f,s:f,s:i,s:i}", "degree", round6(a->degree),
                                  "strength", round6(a->strength), "pagerank",
                                  round6(a->pagerank), "betweenness", round6(a->betweenness),
                                  "community", a->community, "component", a->component));
  return o;
}

static json_t *event_out(const cg_corpus *c, const cg_cevent *e) {
  const cg_emention *m0 = &e->mentions.items[0];
  const char *docid = c->docs.items[m0->doc].id;
  json_t *trigger = span_json(NULL, m0->trig_start, m0->trig_end, m0->trigger);
  json_object_set_new(trigger, "lemma", jstr_or_null(e->lemma));
  json_t *date = json_null();
  if (e->dated) {
    date = cg_span_to_json_days(&e->date);
    json_object_set_new(date, "value", json_string(e->value));
    json_object_set_new(date, "mod", json_string(e->mod));
    json_object_set_new(date, "rule", jstr_or_null(e->date_rule));
    json_object_set_new(date, "timex", e->timex >= 0 && (size_t)e->timex < c->timexes.len
                                           ? json_string(c->timexes.items[e->timex].id)
                                           : json_null());
  }
  json_t *parts = json_array();
  for (size_t k = 0; k < e->parts.len; k++)
    json_array_append_new(parts, json_pack("{s:s,s:s}", "actor", c->actors.items[e->parts.items[k].actor].id,
                                           "role", cg_role_name(e->parts.items[k].role)));
  json_t *mentions = json_array();
  for (size_t k = 0; k < e->mentions.len; k++) {
    const cg_emention *m = &e->mentions.items[k];
    json_array_append_new(
        mentions, json_pack("{s:s,s:o,s:o}", "doc", c->docs.items[m->doc].id, "trigger",
                            span_json(NULL, m->trig_start, m->trig_end, m->trigger), "sentence",
                            span_json(NULL, m->sent_start, m->sent_end, m->sentence)));
  }
  return json_pack("{s:s,s:s,s:o,s:s,s:o,s:o,s:o,s:f,s:o}", "id", e->id, "doc", docid, "trigger",
                   trigger, "class", e->cls, "date", date, "participants", parts, "sentence",
                   span_json(NULL, m0->sent_start, m0->sent_end, m0->sentence), "confidence",
                   round6(e->confidence), "mentions", mentions);
}

json_t *cg_corpus_to_json(const cg_corpus *c) {
  json_t *docs = json_array(), *tx = json_array(), *actors = json_array(), *events = json_array();
  for (size_t i = 0; i < c->docs.len; i++) {
    const cg_cdoc *d = &c->docs.items[i];
    json_t *o = json_pack("{s:s,s:o,s:o,s:o,s:o}", "id", d->id, "source", jstr_or_null(d->source),
                          "title", jstr_or_null(d->title), "dct", jstr_or_null(d->dct),
                          "dct_source", jstr_or_null(d->dct_source ? d->dct_source : "none"));
    if (d->url) json_object_set_new(o, "url", jstr_or_null(d->url));
    if (d->text) json_object_set_new(o, "text", jstr_or_null(d->text));
    json_array_append_new(docs, o);
  }
  for (size_t i = 0; i < c->timexes.len; i++) {
    const cg_ctimex *t = &c->timexes.items[i];
    json_array_append_new(tx, json_pack("{s:s,s:s,s:I,s:I,s:o,s:o,s:o,s:s}", "id", t->id, "doc",
                                        c->docs.items[t->doc].id, "start", (json_int_t)t->start,
                                        "end", (json_int_t)t->end, "text", jstr_or_null(t->text),
                                        "type", jstr_or_null(t->type), "value",
                                        jstr_or_null(t->value), "mod", t->mod));
  }
  for (size_t i = 0; i < c->actors.len; i++) json_array_append_new(actors, actor_out(c, &c->actors.items[i]));
  for (size_t i = 0; i < c->events.len; i++) json_array_append_new(events, event_out(c, &c->events.items[i]));
  return json_pack("{s:s,s:o,s:o,s:o,s:o}", "chronograph", CG_SCHEMA_VERSION, "documents", docs,
                   "timexes", tx, "actors", actors, "events", events);
}
