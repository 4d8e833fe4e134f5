/* The corpus: schema-2 objects merged into one set of documents, actors and events.
 *
 * Actors merge by key. Events merge across documents when they share the lemma (or,
 * failing that, the class), a participant with the same role, and overlapping date
 * intervals; undated events never merge (a missing date is not evidence that two
 * mentions tell the same event). */
#include "corpus.h"

#include "corpus_pool.h"
#include "strmap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many earlier events with the same merge key are compared with a new one: keeps
 * the merge linear on corpora where one key ("say" by one speaker) recurs endlessly. */
#define CG_MERGE_WINDOW 64

struct cg_corpus_index {
  cg_arena *arena;                    /* every string and event array (corpus_pool.h) */
  cg_strpool *pool;                   /* one copy per distinct string, in arena */
  uint8_t hkey[CG_HASHKEY_LEN];       /* of every map of the corpus (strmap.h) */
  cg_strmap *actor_by_key;
  cg_strmap *doc_by_id;
  cg_strmap *bucket_by_key;           /* merge key -> index into buckets */
  /* per event (aligned with the events array): the highest document index among its
   * mentions, so that "do these two share a document?" is O(1) in the usual case
   * (a new document's event against older events) even for an event told by
   * thousands of documents */
  CG_VEC(uint32_t) max_doc;
  CG_VEC(struct bucket { CG_VEC(uint32_t) ev; }) buckets;
};

cg_corpus *cg_corpus_new(void) {
  cg_corpus *c = cg_xcalloc(1, sizeof *c);
  c->merge_events = true;
  c->index = cg_xcalloc(1, sizeof *c->index);
  c->index->arena = cg_arena_new();
  c->index->pool = cg_strpool_new(c->index->arena);
  cg_hashkey_random(c->index->hkey);
  c->index->actor_by_key = cg_strmap_new_keyed(c->index->hkey);
  c->index->doc_by_id = cg_strmap_new_keyed(c->index->hkey);
  c->index->bucket_by_key = cg_strmap_new_keyed(c->index->hkey);
  return c;
}

static void index_free(struct cg_corpus_index *ix) {
  if (!ix) return;
  cg_strmap_free(ix->actor_by_key);
  cg_strmap_free(ix->doc_by_id);
  cg_strmap_free(ix->bucket_by_key);
  for (size_t i = 0; i < ix->buckets.len; i++) free(ix->buckets.items[i].ev.items);
  free(ix->buckets.items);
  free(ix->max_doc.items);
  cg_strpool_free(ix->pool);
  cg_arena_free(ix->arena);
  free(ix);
}

/* Strings and event arrays live in the arena (freed with the index); only the
 * growable per-actor arrays and the top-level arrays are malloc'd. */
void cg_corpus_free(cg_corpus *c) {
  if (!c) return;
  for (size_t i = 0; i < c->actors.len; i++) {
    free(c->actors.items[i].aliases.items);
    free(c->actors.items[i].mentions.items);
  }
  free(c->docs.items);
  free(c->timexes.items);
  free(c->actors.items);
  free(c->events.items);
  index_free(c->index);
  free(c);
}

/* Pooled copy of s (NULL stays NULL): see corpus_pool.h. */
static char *pooled(cg_corpus *c, const char *s) { return cg_strpool_intern(c->index->pool, s); }

/* Appends x to an arena-backed array: when full, the items move to a block twice the
 * size (the old block stays in the arena; doubling bounds that waste by the size of
 * the array). */
static void avec_grow(cg_arena *a, void **items, size_t *cap, size_t len, size_t size) {
  size_t ncap = *cap ? *cap * 2 : 2;
  void *n = cg_arena_alloc(a, ncap * size);
  if (len) memcpy(n, *items, len * size);
  *items = n;
  *cap = ncap;
}
#define AVEC_PUSH(arena, v, x)                                                           \
  do {                                                                                 \
    if ((v)->len == (v)->cap)                                                          \
      avec_grow((arena), (void **)&(v)->items, &(v)->cap, (v)->len, sizeof *(v)->items); \
    (v)->items[(v)->len++] = (x);                                                      \
  } while (0)

/* Gives an empty arena-backed array room for n items exactly. */
#define AVEC_RESERVE(arena, v, n)                                                        \
  do {                                                                                 \
    (v)->cap = (n);                                                                    \
    (v)->len = 0;                                                                      \
    (v)->items = (n) ? cg_arena_alloc((arena), (n) * sizeof *(v)->items) : NULL;        \
  } while (0)

/* ------------------------------------------------------------ JSON access helpers */

static const char *jstr(const json_t *o, const char *k) {
  const json_t *v = json_object_get(o, k);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

static char *jdup(cg_corpus *c, const json_t *o, const char *k) { return pooled(c, jstr(o, k)); }

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

bool cg_corpus_other_schema(const json_t *obj) {
  const char *ver = jstr(obj, "chronograph");
  return ver && strcmp(ver, CG_SCHEMA_VERSION) != 0;
}

/* A document's sentence table: {"start","end","text"} objects. */
static bool valid_sentences(const json_t *a) {
  if (!json_is_array(a)) return false;
  size_t i;
  const json_t *s;
  json_array_foreach(a, i, s) {
    if (!json_is_integer(json_object_get(s, "start")) || !json_is_integer(json_object_get(s, "end")) ||
        !jstr(s, "text"))
      return false;
  }
  return true;
}

/* An event's or mention's "sentence": absent, null, or an index into the sentences
 * of its document as this object lists it (listed: document id -> position). */
static bool valid_sentence_ref(const json_t *obj, const cg_strmap *listed, const json_t *ref,
                               const char *docid) {
  if (!ref || json_is_null(ref)) return true;
  size_t at;
  if (!json_is_integer(ref) || !docid || !cg_strmap_get(listed, docid, strlen(docid), &at))
    return false;
  const json_t *d = json_array_get(json_object_get(obj, "documents"), at);
  json_int_t k = json_integer_value(ref);
  return k >= 0 && (size_t)k < json_array_size(json_object_get(d, "sentences"));
}

static bool valid_event_sentences(const json_t *obj, const cg_strmap *listed, const json_t *ev) {
  const char *docid = jstr(ev, "doc");
  if (!valid_sentence_ref(obj, listed, json_object_get(ev, "sentence"), docid)) return false;
  size_t k;
  const json_t *m;
  json_array_foreach(json_object_get(ev, "mentions"), k, m) {
    if (!json_is_object(m)) continue;
    const char *d = jstr(m, "doc");
    if (!valid_sentence_ref(obj, listed, json_object_get(m, "sentence"), d ? d : docid)) return false;
  }
  return true;
}

/* Checks the shape of a schema-2 object before anything is added, so that a bad
 * object changes nothing, and fills listed (document id -> position in the object's
 * "documents"). Returns NULL when valid, else what is wrong. */
static const char *validate(const json_t *obj, cg_strmap *listed) {
  if (!json_is_object(obj)) return "not a JSON object";
  const char *ver = jstr(obj, "chronograph");
  if (!ver || strcmp(ver, CG_SCHEMA_VERSION) != 0) return "missing or unknown \"chronograph\" schema version";
  const char *arrays[] = {"documents", "timexes", "actors", "events"};
  for (size_t i = 0; i < 4; i++) {
    const json_t *a = json_object_get(obj, arrays[i]);
    if (a && !json_is_array(a)) return "documents/timexes/actors/events must be arrays";
  }
  size_t i, at;
  const json_t *v;
  json_array_foreach(json_object_get(obj, "documents"), i, v) {
    const char *id = jstr(v, "id");
    if (!json_is_object(v) || !id) return "a document without an id";
    /* sentence indices name a document by id: two listings would be ambiguous */
    if (cg_strmap_get(listed, id, strlen(id), &at)) return "a document listed twice";
    cg_strmap_put(listed, id, strlen(id), i);
    if (!valid_sentences(json_object_get(v, "sentences")))
      return "a document without its \"sentences\" table of {start, end, text}";
  }
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
    if (!valid_event_sentences(obj, listed, v))
      return "an event sentence that is not an index into its document's \"sentences\"";
  }
  return NULL;
}

/* ------------------------------------------------------------ adding */

static uint32_t add_doc(cg_corpus *c, const json_t *d) {
  const char *id = jstr(d, "id");
  size_t at;
  if (cg_strmap_get(c->index->doc_by_id, id, strlen(id), &at)) return (uint32_t)at;
  const char *text = jstr(d, "text"); /* unique: not worth a pool slot */
  cg_cdoc cd = {jdup(c, d, "id"), jdup(c, d, "source"), jdup(c, d, "title"), jdup(c, d, "url"),
                jdup(c, d, "dct"), jdup(c, d, "dct_source"),
                text ? cg_arena_strndup(c->index->arena, text, strlen(text)) : NULL,
                {0}};
  CG_VEC_PUSH(&c->docs, cd);
  cg_strmap_put(c->index->doc_by_id, id, strlen(id), c->docs.len - 1);
  return (uint32_t)(c->docs.len - 1);
}

static bool same_sentences(const cg_csent *a, const cg_csent *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (a[i].start != b[i].start || a[i].end != b[i].end || a[i].text != b[i].text) return false;
  return true; /* texts are pooled: equal text, equal pointer */
}

/* Gives document doc the n sentences s (arena memory, texts pooled) of one input and
 * returns the index that s[0] has in the document's table: s becomes the table when
 * the document had none, an equal table (the same document read again) is kept, and
 * other sentences (another input reusing the id) are appended. Both input paths
 * (JSON and cg_docx) go through here, so they number sentences alike. */
static uint32_t attach_sentences(cg_corpus *c, uint32_t doc, cg_csent *s, size_t n) {
  cg_cdoc *d = &c->docs.items[doc];
  if (!n) return 0;
  if (!d->sents.len) {
    d->sents.items = s;
    d->sents.len = d->sents.cap = n;
    return 0;
  }
  if (d->sents.len == n && same_sentences(d->sents.items, s, n)) return 0;
  uint32_t base = (uint32_t)d->sents.len;
  for (size_t i = 0; i < n; i++) AVEC_PUSH(c->index->arena, &d->sents, s[i]);
  return base;
}

/* The "sentences" of a listed document (validated) into its table; returns the
 * index its first sentence got (attach_sentences). */
static uint32_t add_json_sentences(cg_corpus *c, uint32_t doc, const json_t *d) {
  const json_t *a = json_object_get(d, "sentences");
  size_t n = json_array_size(a);
  cg_csent *s = n ? cg_arena_alloc(c->index->arena, n * sizeof *s) : NULL;
  for (size_t i = 0; i < n; i++) {
    const json_t *o = json_array_get(a, i);
    s[i] = (cg_csent){jsize(o, "start"), jsize(o, "end"), jdup(c, o, "text")};
  }
  return attach_sentences(c, doc, s, n);
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

static void add_alias(cg_corpus *c, cg_cactor *a, const char *alias) {
  if (!alias) return;
  char *p = pooled(c, alias); /* pooled: equal text, equal pointer */
  for (size_t k = 0; k < a->aliases.len; k++)
    if (a->aliases.items[k] == p) return;
  CG_VEC_PUSH(&a->aliases, p);
}

/* The corpus actor with this key (or kind:name when there is no key), created on
 * first sight. Returns its index. */
static size_t find_or_add_actor(cg_corpus *c, const char *key, cg_actor_kind kind,
                                const char *name) {
  cg_buf kb = {0};
  if (key) cg_buf_puts(&kb, key);
  else cg_buf_printf(&kb, "%s:%s", cg_actor_kind_name(kind), name);
  size_t at;
  if (!cg_strmap_get(c->index->actor_by_key, kb.data, kb.len, &at)) {
    cg_cactor na = {0};
    na.key = pooled(c, kb.data);
    na.name = pooled(c, name);
    na.kind = kind;
    na.affiliation = -1;
    CG_VEC_PUSH(&c->actors, na);
    at = c->actors.len - 1;
    cg_strmap_put(c->index->actor_by_key, kb.data, kb.len, at);
  }
  cg_buf_free(&kb);
  return at;
}

static uint32_t add_actor(cg_corpus *c, const json_t *a) {
  const char *key = jstr(a, "key");
  cg_actor_kind kind = CG_ACTOR_ORG;
  parse_kind(jstr(a, "kind"), &kind);
  size_t at = find_or_add_actor(c, key, kind, jstr(a, "name"));
  cg_cactor *ca = &c->actors.items[at];
  size_t i;
  const json_t *v;
  json_array_foreach(json_object_get(a, "aliases"), i, v) add_alias(c, ca, json_string_value(v));
  json_array_foreach(json_object_get(a, "mentions"), i, v) {
    if (!json_is_object(v)) continue;
    cg_cmention m = {doc_index(c, jstr(v, "doc")), jsize(v, "start"), jsize(v, "end"),
                     jdup(c, v, "text")};
    ca = &c->actors.items[at]; /* doc_index never touches actors, but stay safe */
    CG_VEC_PUSH(&ca->mentions, m);
  }
  return (uint32_t)at;
}

/* How one object's sentence indices map into the corpus: the documents it lists
 * (id -> position) and, per position, where its sentences start in the document's
 * table (attach_sentences). */
typedef struct sent_map {
  const cg_strmap *listed;
  const uint32_t *base;
} sent_map;

static cg_emention parse_emention(cg_corpus *c, const json_t *m, const char *docid,
                                  const sent_map *sm) {
  const json_t *t = json_object_get(m, "trigger");
  const json_t *s = json_object_get(m, "sentence");
  const char *d = jstr(m, "doc");
  if (!d) d = docid;
  cg_emention em = {doc_index(c, d), CG_NO_SENTENCE, jsize(t, "start"), jsize(t, "end"),
                    jdup(c, t, "text")};
  size_t at;
  if (json_is_integer(s) && d && cg_strmap_get(sm->listed, d, strlen(d), &at))
    em.sentence = sm->base[at] + (uint32_t)json_integer_value(s); /* range validated */
  return em;
}

static bool has_part(const cg_cevent *e, cg_cpart p) {
  for (size_t k = 0; k < e->parts.len; k++)
    if (e->parts.items[k].actor == p.actor && e->parts.items[k].role == p.role) return true;
  return false;
}

/* True when a and b have a document in common; a_max is a's highest document. */
static bool same_doc_only(const cg_cevent *a, uint32_t a_max, const cg_cevent *b) {
  bool newer = true; /* b told only by documents after all of a's: nothing shared */
  for (size_t j = 0; j < b->mentions.len && newer; j++) newer = b->mentions.items[j].doc > a_max;
  if (newer) return false;
  for (size_t i = 0; i < a->mentions.len; i++)
    for (size_t j = 0; j < b->mentions.len; j++)
      if (a->mentions.items[i].doc == b->mentions.items[j].doc) return true;
  return false;
}

/* Two events may be one when both are dated with overlapping intervals, share a
 * participant in the same role, and come from different documents. */
static bool mergeable(const cg_cevent *a, uint32_t a_max, const cg_cevent *b) {
  if (!a->dated || !b->dated) return false;
  if (a->date.latest < b->date.earliest || b->date.latest < a->date.earliest) return false;
  if (same_doc_only(a, a_max, b)) return false;
  for (size_t k = 0; k < b->parts.len; k++)
    if (has_part(a, b->parts.items[k])) return true;
  return false;
}

/* src's strings and arrays stay in the arena (nothing to free). */
static void merge_into(cg_arena *ar, cg_cevent *dst, cg_cevent *src) {
  for (size_t k = 0; k < src->parts.len; k++)
    if (!has_part(dst, src->parts.items[k])) AVEC_PUSH(ar, &dst->parts, src->parts.items[k]);
  for (size_t k = 0; k < src->mentions.len; k++) AVEC_PUSH(ar, &dst->mentions, src->mentions.items[k]);
  /* Keep the more precise date: a day beats a year it lies in. */
  if (src->date.gran > dst->date.gran) {
    dst->date = src->date;
    memcpy(dst->value, src->value, sizeof dst->value);
    memcpy(dst->mod, src->mod, sizeof dst->mod);
    dst->date_rule = src->date_rule;
    dst->timex = src->timex;
  }
  if (src->confidence > dst->confidence) dst->confidence = src->confidence;
}

static uint32_t event_max_doc(const cg_cevent *e) {
  uint32_t m = 0;
  for (size_t k = 0; k < e->mentions.len; k++)
    if (e->mentions.items[k].doc > m) m = e->mentions.items[k].doc;
  return m;
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
        uint32_t oi = bk->ev.items[j];
        cg_cevent *old = &c->events.items[oi];
        if (mergeable(old, ix->max_doc.items[oi], e)) {
          merge_into(c->index->arena, old, e);
          if (event_max_doc(e) > ix->max_doc.items[oi]) ix->max_doc.items[oi] = event_max_doc(e);
          cg_buf_free(&kb);
          return;
        }
      }
    }
  }
  CG_VEC_PUSH(&c->events, *e);
  CG_VEC_PUSH(&ix->max_doc, event_max_doc(e));
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
                       const cg_strmap *tmap, const sent_map *sm) {
  size_t i;
  const json_t *v;
  json_array_foreach(json_object_get(obj, "events"), i, v) {
    cg_cevent e = {0};
    const json_t *trig = json_object_get(v, "trigger");
    e.lemma = pooled(c, jstr(trig, "lemma") ? jstr(trig, "lemma") : jstr(trig, "text"));
    e.cls = pooled(c, jstr(v, "class") ? jstr(v, "class") : "other");
    e.timex = -1;
    const json_t *d = json_object_get(v, "date");
    if (json_is_object(d)) {
      int64_t lo = parse_day(jstr(d, "earliest")), hi = parse_day(jstr(d, "latest"));
      if (lo != CG_NO_DAY && hi != CG_NO_DAY && lo <= hi) {
        e.dated = true;
        e.date = cg_span_range(lo, hi, parse_gran(jstr(d, "granularity")));
        snprintf(e.value, sizeof e.value, "%s", jstr(d, "value") ? jstr(d, "value") : "");
        snprintf(e.mod, sizeof e.mod, "%s", jstr(d, "mod") ? jstr(d, "mod") : "");
        e.date_rule = jdup(c, d, "rule");
        size_t ti;
        if (local(tmap, jstr(d, "timex"), &ti)) e.timex = (int)ti;
      }
    }
    size_t k;
    const json_t *p;
    const json_t *pa = json_object_get(v, "participants");
    AVEC_RESERVE(c->index->arena, &e.parts, json_array_size(pa)); /* exact: no slack */
    json_array_foreach(pa, k, p) {
      size_t ai;
      if (!local(amap, jstr(p, "actor"), &ai)) continue;
      cg_cpart cp = {(uint32_t)ai, parse_role(jstr(p, "role"))};
      if (!has_part(&e, cp)) e.parts.items[e.parts.len++] = cp;
    }
    const json_t *conf = json_object_get(v, "confidence");
    e.confidence = json_is_number(conf) ? json_number_value(conf) : 0.5;
    const json_t *ms = json_object_get(v, "mentions");
    const char *docid = jstr(v, "doc");
    if (json_is_array(ms) && json_array_size(ms) > 0) {
      AVEC_RESERVE(c->index->arena, &e.mentions, json_array_size(ms));
      json_array_foreach(ms, k, p) if (json_is_object(p)) {
        cg_emention em = parse_emention(c, p, docid, sm);
        e.mentions.items[e.mentions.len++] = em;
      }
      /* no usable mention object: the event itself is the telling (never empty) */
      if (!e.mentions.len) e.mentions.items[e.mentions.len++] = parse_emention(c, v, docid, sm);
    } else {
      AVEC_RESERVE(c->index->arena, &e.mentions, 1);
      e.mentions.items[e.mentions.len++] = parse_emention(c, v, docid, sm);
    }
    add_event(c, &e);
  }
}

cg_status cg_corpus_add_json(cg_corpus *c, const json_t *obj, const char *source,
                             cg_error *err) {
  if (json_is_object(obj) && cg_corpus_other_schema(obj))
    return cg_error_set(err, CG_EINPUT, source, 0, 0, -1,
                        "a schema-%s chronograph result; this version reads schema %s (each "
                        "document lists its sentences, events refer to them by index): re-run "
                        "'chronograph extract' on the documents",
                        jstr(obj, "chronograph"), CG_SCHEMA_VERSION);
  cg_strmap *listed = cg_strmap_new_keyed(c->index->hkey);
  const char *why = validate(obj, listed);
  if (why) {
    cg_strmap_free(listed);
    return cg_error_set(err, CG_EINPUT, source, 0, 0, -1, "not a chronograph result: %s", why);
  }
  c->finished = false;
  size_t i;
  const json_t *v;
  const json_t *docs = json_object_get(obj, "documents");
  uint32_t *base = cg_xcalloc(json_array_size(docs) + 1, sizeof *base);
  json_array_foreach(docs, i, v) base[i] = add_json_sentences(c, add_doc(c, v), v);
  sent_map sm = {listed, base};

  cg_strmap *tmap = cg_strmap_new_keyed(c->index->hkey);
  cg_strmap *amap = cg_strmap_new_keyed(c->index->hkey);
  json_array_foreach(json_object_get(obj, "timexes"), i, v) {
    cg_ctimex t = {NULL, doc_index(c, jstr(v, "doc")), jsize(v, "start"), jsize(v, "end"),
                   jdup(c, v, "text"), jdup(c, v, "type"), jdup(c, v, "value"),
                   pooled(c, jstr(v, "mod") ? jstr(v, "mod") : "")};
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
  add_events(c, obj, amap, tmap, &sm);
  cg_strmap_free(tmap);
  cg_strmap_free(amap);
  cg_strmap_free(listed);
  free(base);
  return CG_OK;
}

/* ------------------------------------------------------------ adding a cg_docx */

/* The direct path from a cg_docx: the same result as cg_corpus_add_json on
 * cg_docx_to_json(dx, with_text), field for field (tests/test_corpus.c compares the
 * two on every sample), without building and re-reading a JSON tree per document. */

static char *pooled_span(cg_corpus *c, const char *text, size_t start, size_t end) {
  return cg_strpool_intern_n(c->index->pool, text + start, end - start);
}

static uint32_t add_docx_doc(cg_corpus *c, const cg_doc *d, bool with_text) {
  size_t at;
  if (cg_strmap_get(c->index->doc_by_id, d->id, strlen(d->id), &at)) return (uint32_t)at;
  cg_cdoc cd = {pooled(c, d->id), pooled(c, d->source), pooled(c, d->title), pooled(c, d->url),
                pooled(c, d->dct), pooled(c, cg_dct_source_name(d->dct_source)),
                with_text ? cg_arena_strndup(c->index->arena, d->text, d->len) : NULL, {0}};
  CG_VEC_PUSH(&c->docs, cd);
  cg_strmap_put(c->index->doc_by_id, d->id, strlen(d->id), c->docs.len - 1);
  return (uint32_t)(c->docs.len - 1);
}

static uint32_t add_docx_actor(cg_corpus *c, const cg_docx *dx, size_t i) {
  const cg_actor *a = &dx->actors.items[i];
  size_t at = find_or_add_actor(c, a->key, a->kind, a->name);
  cg_cactor *ca = &c->actors.items[at];
  for (size_t k = 0; k < a->naliases; k++) add_alias(c, ca, a->aliases[k]);
  return (uint32_t)at;
}

/* Every sentence of dx into its document's table; returns the index its first
 * sentence got (attach_sentences). */
static uint32_t add_docx_sentences(cg_corpus *c, const cg_docx *dx, uint32_t doc) {
  size_t n = dx->sents.len;
  cg_csent *s = n ? cg_arena_alloc(c->index->arena, n * sizeof *s) : NULL;
  for (size_t i = 0; i < n; i++) {
    const cg_sentence *t = &dx->sents.items[i];
    s[i] = (cg_csent){t->start, t->end, pooled_span(c, dx->doc->text, t->start, t->end)};
  }
  return attach_sentences(c, doc, s, n);
}

static cg_emention docx_emention(cg_corpus *c, const cg_docx *dx, const cg_event *e, uint32_t doc,
                                 uint32_t sbase) {
  cg_emention em = {doc, CG_NO_SENTENCE, e->trig_start, e->trig_end,
                    pooled_span(c, dx->doc->text, e->trig_start, e->trig_end)};
  if (e->sentence < dx->sents.len) em.sentence = sbase + e->sentence;
  return em;
}

static void add_docx_event(cg_corpus *c, const cg_docx *dx, const cg_event *ev, uint32_t doc,
                           uint32_t sbase, const uint32_t *amap, size_t tbase) {
  cg_cevent e = {0};
  e.lemma = ev->lemma ? pooled(c, ev->lemma)
                      : pooled_span(c, dx->doc->text, ev->trig_start, ev->trig_end);
  e.cls = pooled(c, ev->cls ? ev->cls : "other");
  e.timex = -1;
  if (ev->dated && ev->date.valid && ev->date.earliest <= ev->date.latest) {
    e.dated = true;
    e.date = cg_span_range(ev->date.earliest, ev->date.latest, ev->date.gran);
    memcpy(e.value, ev->value, sizeof e.value);
    memcpy(e.mod, ev->mod, sizeof e.mod);
    e.value[sizeof e.value - 1] = e.mod[sizeof e.mod - 1] = '\0';
    e.date_rule = pooled(c, ev->date_rule);
    if (ev->timex >= 0 && (size_t)ev->timex < dx->timexes.len) e.timex = (int)(tbase + (size_t)ev->timex);
  }
  AVEC_RESERVE(c->index->arena, &e.parts, ev->nparts);
  for (size_t k = 0; k < ev->nparts; k++) {
    if (ev->parts[k].actor >= dx->actors.len) continue;
    cg_cpart cp = {amap[ev->parts[k].actor], ev->parts[k].role};
    if (!has_part(&e, cp)) e.parts.items[e.parts.len++] = cp;
  }
  e.confidence = round(ev->confidence * 1e6) / 1e6;
  AVEC_RESERVE(c->index->arena, &e.mentions, 1);
  e.mentions.items[e.mentions.len++] = docx_emention(c, dx, ev, doc, sbase);
  add_event(c, &e);
}

cg_status cg_corpus_add_docx(cg_corpus *c, const cg_docx *dx, bool with_text) {
  c->finished = false;
  uint32_t doc = add_docx_doc(c, dx->doc, with_text);
  uint32_t sbase = add_docx_sentences(c, dx, doc);
  const char *text = dx->doc->text;
  size_t tbase = c->timexes.len;
  for (size_t i = 0; i < dx->timexes.len; i++) {
    const cg_timex *t = &dx->timexes.items[i];
    cg_ctimex ct = {NULL, doc, t->start, t->end, pooled_span(c, text, t->start, t->end),
                    pooled(c, cg_timex_type_name(t->type)), pooled(c, t->value), pooled(c, t->mod)};
    CG_VEC_PUSH(&c->timexes, ct);
  }
  uint32_t *amap = cg_xcalloc(dx->actors.len + 1, sizeof *amap);
  for (size_t i = 0; i < dx->actors.len; i++) amap[i] = add_docx_actor(c, dx, i);
  /* Mentions actor by actor, each actor's in text order, as the per-actor JSON lists
   * them: a counting sort keeps this linear with thousands of actors. */
  size_t na = dx->actors.len, nm = dx->mentions.len;
  size_t *start = cg_xcalloc(na + 1, sizeof *start), *order = cg_xcalloc(nm + 1, sizeof *order);
  for (size_t k = 0; k < nm; k++)
    if (dx->mentions.items[k].actor < na) start[dx->mentions.items[k].actor + 1]++;
  for (size_t i = 0; i < na; i++) start[i + 1] += start[i];
  size_t total = start[na];
  for (size_t k = 0; k < nm; k++)
    if (dx->mentions.items[k].actor < na) order[start[dx->mentions.items[k].actor]++] = k;
  for (size_t j = 0; j < total; j++) {
    const cg_mention *m = &dx->mentions.items[order[j]];
    cg_cmention cm = {doc, m->start, m->end, pooled_span(c, text, m->start, m->end)};
    CG_VEC_PUSH(&c->actors.items[amap[m->actor]].mentions, cm);
  }
  free(start);
  free(order);
  for (size_t i = 0; i < dx->actors.len; i++) {
    int aff = dx->actors.items[i].affiliation;
    if (aff >= 0 && (size_t)aff < dx->actors.len && amap[i] != amap[aff] &&
        c->actors.items[amap[i]].affiliation < 0)
      c->actors.items[amap[i]].affiliation = (int)amap[aff];
  }
  for (size_t i = 0; i < dx->events.len; i++)
    add_docx_event(c, dx, &dx->events.items[i], doc, sbase, amap, tbase);
  free(amap);
  return CG_OK;
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

/* The event sort key, copied out of the events so that sorting millions of them
 * touches one compact array instead of chasing each event's mentions. */
typedef struct event_key {
  int64_t earliest, latest;
  size_t trig_start;
  uint32_t doc, i;
  bool dated;
} event_key;

static int cmp_event(const void *pa, const void *pb) {
  const event_key *a = pa, *b = pb;
  if (a->dated != b->dated) return a->dated ? -1 : 1;
  if (a->dated) {
    if (a->earliest != b->earliest) return a->earliest < b->earliest ? -1 : 1;
    if (a->latest != b->latest) return a->latest < b->latest ? -1 : 1;
  }
  if (a->doc != b->doc) return a->doc < b->doc ? -1 : 1;
  if (a->trig_start != b->trig_start) return a->trig_start < b->trig_start ? -1 : 1;
  return a->i < b->i ? -1 : a->i > b->i;
}

/* An id "<prefix><n>" in the arena. */
static char *make_id(cg_corpus *c, char prefix, size_t n) {
  char id[32];
  int len = snprintf(id, sizeof id, "%c%zu", prefix, n);
  return cg_arena_strndup(c->index->arena, id, (size_t)len);
}

/* Reorders the events in place so that position i holds the event that was at
 * from[i] (cycle by cycle, one spare event): no second copy of a multi-GB array. */
static void permute_events(cg_corpus *c, uint32_t *from) {
  size_t ne = c->events.len;
  cg_cevent *ev = c->events.items;
  for (size_t i = 0; i < ne; i++) {
    if (from[i] == UINT32_MAX || from[i] == i) continue;
    cg_cevent tmp = ev[i];
    size_t j = i;
    while (from[j] != i) {
      size_t k = from[j];
      ev[j] = ev[k];
      from[j] = UINT32_MAX;
      j = k;
    }
    ev[j] = tmp;
    from[j] = UINT32_MAX;
  }
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
    sorted[i].id = make_id(c, 'a', i + 1);
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
  event_key *keys = cg_xcalloc(ne ? ne : 1, sizeof *keys);
  for (size_t i = 0; i < ne; i++) {
    const cg_cevent *e = &c->events.items[i];
    const cg_emention *m = &e->mentions.items[0];
    keys[i] = (event_key){e->date.earliest, e->date.latest, m->trig_start, m->doc, (uint32_t)i,
                          e->dated};
  }
  qsort(keys, ne, sizeof *keys, cmp_event);
  uint32_t *from = cg_xcalloc(ne ? ne : 1, sizeof *from);
  for (size_t i = 0; i < ne; i++) from[i] = keys[i].i;
  free(keys);
  permute_events(c, from);
  free(from);
  for (size_t i = 0; i < ne; i++) {
    c->events.items[i].id = make_id(c, 'e', i + 1);
    c->index->max_doc.items[i] = event_max_doc(&c->events.items[i]); /* follows the order */
  }
  /* The merge buckets hold pre-sort indices: drop them; later adds start afresh. */
  for (size_t i = 0; i < c->index->buckets.len; i++) free(c->index->buckets.items[i].ev.items);
  c->index->buckets.len = 0;
  cg_strmap_free(c->index->bucket_by_key);
  c->index->bucket_by_key = cg_strmap_new_keyed(c->index->hkey);

  for (size_t i = 0; i < c->timexes.len; i++) c->timexes.items[i].id = make_id(c, 't', i + 1);
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

/* A mention's sentence: its index in the document's table, or null. */
static json_t *sentence_ref(const cg_emention *m) {
  return m->sentence == CG_NO_SENTENCE ? json_null() : json_integer((json_int_t)m->sentence);
}

static json_t *sentences_out(const cg_cdoc *d) {
  json_t *a = json_array();
  for (size_t k = 0; k < d->sents.len; k++) {
    const cg_csent *s = &d->sents.items[k];
    json_array_append_new(a, span_json(NULL, s->start, s->end, s->text));
  }
  return a;
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
                            sentence_ref(m)));
  }
  return json_pack("{s:s,s:s,s:o,s:s,s:o,s:o,s:o,s:f,s:o}", "id", e->id, "doc", docid, "trigger",
                   trigger, "class", e->cls, "date", date, "participants", parts, "sentence",
                   sentence_ref(m0), "confidence", round6(e->confidence), "mentions", mentions);
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
    json_object_set_new(o, "sentences", sentences_out(d));
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
