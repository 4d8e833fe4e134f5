/* A direct writer for one document's schema-2 object, the hot path of
 * `extract --format jsonl`. It writes exactly the bytes of
 *   json_dumps(cg_docx_to_json(dx, with_text), JSON_COMPACT | JSON_REAL_PRECISION(6))
 * (same key order, same string escaping, same number formatting) without building a
 * jansson tree: no allocation per value, keys and punctuation copied as literals,
 * values through graph/json_out.h. tests/test_docx_write.c holds the two equal. */
#include "corpus.h"
#include "json_out.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Writing goes through a cursor p into out->data (graph/json_out.h). The invariant
 * that makes the unchecked writes safe: every step that writes a variable number of
 * bytes (a string, a copy) first makes room for them plus SLACK, and so does the start
 * of every array element; between two such steps at most SLACK bytes of keys,
 * punctuation, identifiers, numbers and cached names and days are written (the
 * largest run, in an event from its class to its date's value, is under 300 bytes). */
#define SLACK 512

/* Appends a literal: keys and punctuation, of length known at compile time. */
#define LIT(p, lit) ((p) = CG_JSON_LIT_AT((p), lit))

static char *put_str(cg_buf *b, char *p, const char *s, size_t n) {
  p = cg_json_room(b, p, CG_JSON_STR_MAX(n) + SLACK);
  return cg_json_str_at(p, s, n);
}

/* put_cstr for a string that cg_json_short_at does not take, or NULL. */
__attribute__((noinline)) static char *put_cstr_long(cg_buf *b, char *p, const char *s, size_t n) {
  if (s) return cg_json_str_slow_at(p, s, n); /* room made by put_cstr */
  p = cg_json_room(b, p, SLACK); /* like a string: a run of nulls stays in bounds */
  return CG_JSON_LIT_AT(p, "null");
}

/* A string of the model (lemma, key, name, alias), or null. Inline, the general path
 * out of line: as a call of its own, its entry and exit were a fifth of its cost
 * (callgrind). */
static inline char *put_cstr_inline(cg_buf *b, char *p, const char *s) {
  size_t n = s ? strlen(s) : 0;
  p = cg_json_room(b, p, CG_JSON_STR_MAX(n) + SLACK);
  char *e = s ? cg_json_short_at(p, s, n) : NULL;
  return e ? e : put_cstr_long(b, p, s, n);
}

/* As put_cstr_inline, for the fields written once per document: a call, as the code
 * inlined at each site is fetched again for every document (the writer runs after the
 * stages have filled the instruction cache). Inline at every site took no fewer
 * instructions than at the four sites per event and actor alone, and 3% more I1
 * misses in the writer (callgrind, TimeBank). */
__attribute__((noinline)) static char *put_cstr(cg_buf *b, char *p, const char *s) {
  return put_cstr_inline(b, p, s);
}

/* A string held in a char array of at least 16 bytes (the value and mod of a timex or
 * an event): its first 16 bytes may be read whatever its length, so a short one is
 * found and written by one look at them (cg_json_array16_at: mods are mostly "" and
 * values short, of varied lengths). */
__attribute__((noinline)) static char *put_array16_long(cg_buf *b, char *p, const char *s) {
  size_t n = strlen(s);
  p = cg_json_room(b, p, CG_JSON_STR_MAX(n) + SLACK);
  return cg_json_str16_at(p, s, n);
}

static inline char *put_array16(cg_buf *b, char *p, const char *s) {
  p = cg_json_room(b, p, 18 + SLACK); /* the quotes and the 16-byte block */
  char *e = cg_json_array16_at(p, s);
  return e ? e : put_array16_long(b, p, s);
}
_Static_assert(sizeof(((cg_event *)0)->mod) >= 16 && sizeof(((cg_event *)0)->value) >= 16 &&
                   sizeof(((cg_timex *)0)->mod) >= 16 && sizeof(((cg_timex *)0)->value) >= 16,
               "put_array16 reads 16 bytes of value and mod");

/* Appends n bytes as they are (the document id, written once as JSON). */
static char *put_raw(cg_buf *b, char *p, const char *s, size_t n) {
  p = cg_json_room(b, p, n + SLACK);
  memcpy(p, s, n);
  return p + n;
}

/* Appends again the n bytes already written at offset at (a part written twice). */
static char *put_again(cg_buf *b, char *p, size_t at, size_t n) {
  p = cg_json_room(b, p, n + SLACK); /* may move b->data: the copy is taken after */
  memcpy(p, b->data + at, n);
  return p + n;
}

static char *put_id(char *p, char prefix, size_t n) {
  *p++ = '"';
  *p++ = prefix;
  p = cg_json_uint_at(p, n);
  *p++ = '"';
  return p;
}

/* "start":S,"end":E,"text":"..." of a span of d's text (the caller writes the
 * braces). Unless the span starts within 16 bytes of the text's end, 16 bytes may be
 * read from its start: a short one takes cg_json_str16_at. */
static inline __attribute__((always_inline)) char *
span_fields_inline(cg_buf *b, char *p, const cg_doc *d, size_t start, size_t end) {
  LIT(p, "\"start\":");
  p = cg_json_uint_at(p, start);
  LIT(p, ",\"end\":");
  p = cg_json_uint_at(p, end);
  LIT(p, ",\"text\":");
  size_t n = end - start;
  p = cg_json_room(b, p, CG_JSON_STR_MAX(n) + SLACK);
  if (start + 16 <= d->len) return cg_json_str16_at(p, d->text + start, n);
  return cg_json_str_at(p, d->text + start, n);
}

/* span_fields_inline as a call: for sentences, timexes and mentions. Only the trigger,
 * one per event, takes it inline: that saved 0.18% of the pipeline's instructions on
 * TimeBank (0.26% on the generated news) for 0.4% more I1 misses (0.7%); inline at
 * every site, 0.31% (0.38%) for 2.6% (2.7%) more (callgrind). */
static char *put_span_fields(cg_buf *b, char *p, const cg_doc *d, size_t start, size_t end) {
  return span_fields_inline(b, p, d, start, end);
}

/* An event's sentence: its index in the document's "sentences", or null. */
static char *put_sentence_ref(char *p, const cg_docx *dx, uint32_t si) {
  if (si < dx->sents.len) return cg_json_uint_at(p, si);
  return CG_JSON_LIT_AT(p, "null");
}

static char *put_trigger(cg_buf *b, char *p, const cg_docx *dx, const cg_event *e) {
  *p++ = '{';
  p = span_fields_inline(b, p, dx->doc, e->trig_start, e->trig_end);
  LIT(p, ",\"lemma\":");
  p = put_cstr_inline(b, p, e->lemma);
  *p++ = '}';
  return p;
}

/* What the writer keeps from one document to the next (cg_docx_json_cache): the JSON
 * of values that recur across documents, each keyed by the value itself, so that no
 * entry refers to memory of a document or a lexicon and every entry stays valid
 * whatever is freed between two documents. A slot holds its key and its JSON in one
 * block, so that a hit reads one cache line. */
#define DAY_CACHE_BITS 10
#define DAY_CACHE (1 << DAY_CACHE_BITS)
#define DAY_JSON 12 /* "\"YYYY-MM-DD\"": cg_format_day of a day of the years 0..9999 */
#define CONF_CACHE_BITS 6
#define CONF_CACHE (1 << CONF_CACHE_BITS)
#define CONF_JSON 16  /* a real of cg_json_real6_at: at most 13 bytes for a finite one */
#define ENUM_SLOTS 16 /* values 0..15 of each enumeration (the largest, cg_gran, has 14) */
#define ENUM_JSON 15  /* the longest name, "millennium", takes 12 bytes as JSON */

/* A day of the years 0..9999 as JSON. The key of an empty slot is a day that maps to
 * another slot, so that no look-up finds it. */
typedef struct day_slot {
  int32_t day;
  char json[DAY_JSON];
} day_slot;

/* A confidence as JSON, keyed by the bits of the double (0 length: empty). */
typedef struct conf_slot {
  uint64_t bits;
  unsigned char len;
  char json[CONF_JSON];
} conf_slot;

/* The name of one value of an enumeration of the model as JSON (0 length: not yet, or
 * a name too long to keep, written each time). */
typedef struct enum_slot {
  char json[ENUM_JSON];
  unsigned char len;
} enum_slot;

struct cg_docx_json_cache {
  /* Direct-mapped on the day number: the days of any 2.8 years take distinct slots.
   * An event's dates are those of its document's timexes and DCT, so that a corpus of
   * news has a few hundred days (431 in 63,000 events of the generated news, 416 in
   * TimeBank); with 64 slots kept for one document only, a third of the look-ups
   * missed, each formatting the day again (180 instructions). */
  day_slot day[DAY_CACHE];
  /* Direct-mapped on a hash of the bits: the confidences are weighted sums of a few
   * constants, so there are few of them, and rounding and formatting one cost 140
   * instructions (callgrind). */
  conf_slot conf[CONF_CACHE];
  /* By value (the name functions map every value to a static name). */
  enum_slot gran[ENUM_SLOTS], role[ENUM_SLOTS], timex_type[ENUM_SLOTS], actor_kind[ENUM_SLOTS],
      dct_source[ENUM_SLOTS];
  /* Not a cache: the memory of writer.docid, rewritten for each document (its malloc
   * and free were 0.1% of the pipeline on the generated news). */
  cg_buf docid;
};

static void json_cache_init(cg_docx_json_cache *c) {
  /* whole slots: a copy of a fixed-size block must not read uninitialised bytes */
  memset(c, 0, sizeof *c);
  for (int32_t i = 0; i < DAY_CACHE; i++)
    c->day[i].day = i + 1; /* slot i + 1 (mod DAY_CACHE) */
}

cg_docx_json_cache *cg_docx_json_cache_new(void) {
  cg_docx_json_cache *c = cg_xmalloc(sizeof *c);
  json_cache_init(c);
  return c;
}

void cg_docx_json_cache_free(cg_docx_json_cache *c) {
  if (!c) return;
  cg_buf_free(&c->docid);
  free(c);
}

/* The state of one document's writing: where it goes, and what is formatted once and
 * copied where it repeats. */
#define NAME_CACHE_BITS 7
#define NAME_CACHE (1 << NAME_CACHE_BITS)
#define NAME_MAX_JSON 32
#define DOCID_SHORT 32
typedef struct writer {
  cg_buf *b;
  const cg_docx *dx;
  cg_docx_json_cache *c; /* borrowed: kept from one document to the next */
  /* cg_docx_write_json_parts: the hook is called once the cursor reaches spill_at
   * (SIZE_MAX without a hook), between two array elements (elem_room) */
  cg_docx_spill spill;
  void *spill_ud;
  size_t spill_every, spill_at;
  size_t elem_end; /* see elem_room */
  /* the document id as JSON (in c->docid): in every timex, mention and event (twice) */
  const char *docid;
  size_t docid_len;
  /* The event classes and date rules, which repeat in every event (borrowed for the
   * lexicon's lifetime, or static), as JSON, keyed by address: read-only while the
   * document is written, so an address stands for its bytes. Kept for one document
   * only: the writer cannot know that the lexicon outlives the next one. Escaping
   * each again was about 10% of the writer (callgrind). Direct-mapped on a hash of
   * the address: 128 slots for the few dozen names there are (with 32, a third of the
   * look-ups missed on collisions). */
  const char *name[NAME_CACHE];
  unsigned char name_len[NAME_CACHE];
  char name_json[NAME_CACHE][NAME_MAX_JSON];
} writer;

/* The mark of the next spill: `every` bytes past `len`, or never. */
static size_t spill_mark(const writer *w, size_t len) {
  if (!w->spill || w->spill_every > SIZE_MAX - len) return SIZE_MAX;
  return len + w->spill_every;
}

static void writer_init(writer *w, cg_docx_json_cache *c, cg_buf *b, const cg_docx *dx,
                        size_t every, cg_docx_spill spill, void *ud) {
  w->b = b;
  w->dx = dx;
  w->c = c;
  w->spill = spill;
  w->spill_ud = ud;
  w->spill_every = every;
  w->spill_at = spill_mark(w, b->len);
  cg_buf *id = &c->docid;
  cg_buf_clear(id);
  if (dx->doc->id) cg_json_put_str(id, dx->doc->id, strlen(dx->doc->id));
  else cg_buf_puts(id, "null");
  cg_buf_reserve(id, DOCID_SHORT); /* put_docid may read DOCID_SHORT bytes */
  w->docid = id->data;
  w->docid_len = id->len;
  for (size_t i = 0; i < NAME_CACHE; i++) w->name[i] = NULL;
}

/* The limit of elem_room for the buffer as it is now: below cap - SLACK, more than
 * SLACK bytes of room are left (cg_json_room); below spill_at, no spill is due. */
static void set_elem_end(writer *w) {
  size_t room_end = w->b->cap - SLACK; /* the buffer was made larger than SLACK */
  w->elem_end = room_end < w->spill_at ? room_end : w->spill_at;
}

/* elem_room past elem_end: lets the hook take what is written when the cursor is past
 * the spill mark (the hook only lowers b->len), makes room, and sets the new limit. */
__attribute__((noinline)) static char *elem_slow(writer *w, char *p) {
  cg_buf *b = w->b;
  if ((size_t)(p - b->data) >= w->spill_at) {
    cg_json_done(b, p);
    w->spill(b, w->spill_ud);
    w->spill_at = spill_mark(w, b->len);
    p = b->data + b->len;
  }
  p = cg_json_room(b, p, SLACK);
  set_elem_end(w);
  return p;
}

/* At the start of an array element, where the writer holds no offset into the buffer
 * (put_event's trig_at lives within one element): room for SLACK bytes, and a spill
 * once past the mark. One compare does both: elem_end is the lower of the two limits,
 * set on the slow path; in between the buffer only grows (mid-element), so a stale
 * limit is only early, never late. A compare for the spill mark beside the room check
 * added 1.1% to the writer's instructions on TimeBank (callgrind); this adds 0.3%,
 * the room check that the mentions of an actor now take. */
static inline char *elem_room(writer *w, char *p) {
  return (size_t)(p - w->b->data) < w->elem_end ? p : elem_slow(w, p);
}

/* put_docid for an id longer than DOCID_SHORT as JSON (rare). */
__attribute__((noinline)) static char *put_docid_long(writer *w, char *p) {
  return put_raw(w->b, p, w->docid, w->docid_len);
}

/* The document id, three times per event: a short one (nearly all) is copied as a
 * fixed-size block, the cursor advancing by its length, rather than by a call to
 * memcpy for a few bytes each time. Inline, the long case out of line: as a call,
 * its entry and exit were half its cost (callgrind). */
static inline char *put_docid(writer *w, char *p) {
  if (w->docid_len > DOCID_SHORT) return put_docid_long(w, p);
  memcpy(p, w->docid, DOCID_SHORT); /* within SLACK */
  return p + w->docid_len;
}

/* put_name for a name not in its slot (a quarter of the look-ups on the generated
 * news: each document starts with an empty cache): escaped and kept. Out of line, so
 * that a hit saves no registers and needs no stack frame for tmp, and inlines where
 * it is called: 3.5% fewer instructions and 7% fewer mispredicted branches in the
 * writer on the generated news, 4% and 8% on TimeBank (callgrind). */
__attribute__((noinline)) static char *put_name_miss(writer *w, char *p, const char *s, size_t slot) {
  size_t n = strlen(s);
  char tmp[CG_JSON_STR_MAX(NAME_MAX_JSON)];
  size_t len = n <= NAME_MAX_JSON ? (size_t)(cg_json_str_at(tmp, s, n) - tmp) : SIZE_MAX;
  if (len > NAME_MAX_JSON) return put_str(w->b, p, s, n); /* too long to keep */
  memcpy(w->name_json[slot], tmp, NAME_MAX_JSON); /* fixed size: one move */
  w->name_len[slot] = (unsigned char)len;
  w->name[slot] = s;
  memcpy(p, w->name_json[slot], NAME_MAX_JSON); /* fixed size: one move (SLACK room) */
  return p + len;
}

/* A name of the lexicons or the model as a JSON string (null for NULL): see writer. */
static char *put_name(writer *w, char *p, const char *s) {
  if (!s) return put_cstr(w->b, p, s); /* null */
  size_t slot = (size_t)(((uint64_t)(uintptr_t)s * UINT64_C(0x9E3779B97F4A7C15)) >>
                         (64 - NAME_CACHE_BITS));
  if (w->name[slot] != s) return put_name_miss(w, p, s, slot);
  memcpy(p, w->name_json[slot], NAME_MAX_JSON); /* fixed size: one move (SLACK room) */
  return p + w->name_len[slot];
}

/* An event's confidence, rounded to 6 decimals as graph/docx_json.c does: see
 * cg_docx_json_cache. */
static char *put_confidence(writer *w, char *p, double v) {
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits);
  conf_slot *s = &w->c->conf[(bits * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - CONF_CACHE_BITS)];
  if (!s->len || s->bits != bits) {
    char tmp[CG_JSON_NUM_MAX];
    size_t len = (size_t)(cg_json_real6_at(tmp, round(v * 1e6) / 1e6) - tmp);
    if (len > CONF_JSON) return memcpy(p, tmp, len), p + len; /* never (13 bytes at most) */
    memcpy(s->json, tmp, len);
    s->len = (unsigned char)len;
    s->bits = bits;
  }
  memcpy(p, s->json, CONF_JSON); /* fixed size (SLACK room) */
  return p + s->len;
}

/* put_day for a day not in its slot: formatted, and kept when of the years 0..9999.
 * Out of line, so that a hit saves no registers: 19 of its 30 instructions were its
 * entry and exit (callgrind, TimeBank). */
__attribute__((noinline)) static char *put_day_miss(day_slot *s, char *p, int64_t day) {
  char t[32]; /* '"' + cg_format_day (at most 23 bytes) + '"' */
  size_t n = cg_format_day(day, t + 1, 24);
  t[0] = '"';
  t[n + 1] = '"';
  if (n + 2 == DAY_JSON && day > INT32_MIN && day <= INT32_MAX) {
    memcpy(s->json, t, DAY_JSON);
    s->day = (int32_t)day;
  }
  memcpy(p, t, sizeof t); /* fixed size (SLACK room) */
  return p + n + 2;
}

static char *put_day(writer *w, char *p, int64_t day) {
  day_slot *s = &w->c->day[(uint64_t)day % DAY_CACHE];
  if (s->day != day) return put_day_miss(s, p, day);
  memcpy(p, s->json, DAY_JSON);
  return p + DAY_JSON;
}

/* put_enum for a value not yet in its table: name is its name (static), escaped and
 * kept when it fits. */
__attribute__((noinline)) static char *put_enum_miss(writer *w, char *p, enum_slot *t, unsigned v,
                                                     const char *name) {
  size_t n = strlen(name);
  char tmp[CG_JSON_STR_MAX(ENUM_JSON)];
  size_t len = n <= ENUM_JSON ? (size_t)(cg_json_str_at(tmp, name, n) - tmp) : SIZE_MAX;
  if (v >= ENUM_SLOTS || len > ENUM_JSON) return put_str(w->b, p, name, n);
  memcpy(t[v].json, tmp, ENUM_JSON); /* fixed size: one move */
  t[v].len = (unsigned char)len;
  memcpy(p, t[v].json, ENUM_JSON); /* fixed size: one move (SLACK room) */
  return p + len;
}

/* The name of value v of an enumeration as JSON when t holds it, else NULL. */
static inline char *put_enum_hit(char *p, const enum_slot *t, unsigned v) {
  if (v >= ENUM_SLOTS || !t[v].len) return NULL;
  memcpy(p, t[v].json, ENUM_JSON); /* fixed size: one move (SLACK room) */
  return p + t[v].len;
}

/* The names of the model's enumerations, keyed by value (see cg_docx_json_cache): the
 * name function is called only the first time. */
static char *put_gran(writer *w, char *p, cg_gran g) {
  char *e = put_enum_hit(p, w->c->gran, (unsigned)g);
  return e ? e : put_enum_miss(w, p, w->c->gran, (unsigned)g, cg_gran_name(g));
}

static char *put_role(writer *w, char *p, cg_role r) {
  char *e = put_enum_hit(p, w->c->role, (unsigned)r);
  return e ? e : put_enum_miss(w, p, w->c->role, (unsigned)r, cg_role_name(r));
}

static char *put_timex_type(writer *w, char *p, cg_timex_type t) {
  char *e = put_enum_hit(p, w->c->timex_type, (unsigned)t);
  return e ? e : put_enum_miss(w, p, w->c->timex_type, (unsigned)t, cg_timex_type_name(t));
}

static char *put_actor_kind(writer *w, char *p, cg_actor_kind k) {
  char *e = put_enum_hit(p, w->c->actor_kind, (unsigned)k);
  return e ? e : put_enum_miss(w, p, w->c->actor_kind, (unsigned)k, cg_actor_kind_name(k));
}

static char *put_dct_source(writer *w, char *p, cg_dct_source s) {
  char *e = put_enum_hit(p, w->c->dct_source, (unsigned)s);
  return e ? e : put_enum_miss(w, p, w->c->dct_source, (unsigned)s, cg_dct_source_name(s));
}

static char *put_date(writer *w, char *p, const cg_event *e) {
  cg_buf *b = w->b;
  if (!e->dated || !e->date.valid) return CG_JSON_LIT_AT(p, "null");
  LIT(p, "{\"earliest\":"), p = put_day(w, p, e->date.earliest);
  LIT(p, ",\"latest\":"), p = put_day(w, p, e->date.latest);
  LIT(p, ",\"granularity\":"), p = put_gran(w, p, e->date.gran);
  LIT(p, ",\"value\":"), p = put_array16(b, p, e->value);
  LIT(p, ",\"mod\":"), p = put_array16(b, p, e->mod);
  LIT(p, ",\"rule\":"), p = put_name(w, p, e->date_rule);
  LIT(p, ",\"timex\":");
  if (e->timex >= 0 && (size_t)e->timex < w->dx->timexes.len) p = put_id(p, 't', (size_t)e->timex + 1);
  else LIT(p, "null");
  *p++ = '}';
  return p;
}

/* The document, with every sentence: events refer to them by index, so a sentence
 * told by several events is written once. */
static char *put_document(writer *w, char *p, bool with_text) {
  cg_buf *b = w->b;
  const cg_docx *dx = w->dx;
  const cg_doc *d = dx->doc;
  LIT(p, "{\"id\":"), p = put_cstr(b, p, d->id);
  LIT(p, ",\"source\":"), p = put_cstr(b, p, d->source);
  LIT(p, ",\"title\":"), p = put_cstr(b, p, d->title);
  LIT(p, ",\"dct\":"), p = put_cstr(b, p, d->dct);
  LIT(p, ",\"dct_source\":"), p = put_dct_source(w, p, d->dct_source);
  if (d->url) LIT(p, ",\"url\":"), p = put_cstr(b, p, d->url);
  if (with_text) LIT(p, ",\"text\":"), p = put_str(b, p, d->text, d->len);
  LIT(p, ",\"sentences\":[");
  for (size_t i = 0; i < dx->sents.len; i++) {
    p = elem_room(w, p);
    if (i) *p++ = ',';
    *p++ = '{';
    p = put_span_fields(b, p, d, dx->sents.items[i].start, dx->sents.items[i].end);
    *p++ = '}';
  }
  LIT(p, "]}");
  return p;
}

static char *put_timexes(writer *w, char *p) {
  cg_buf *b = w->b;
  const cg_docx *dx = w->dx;
  *p++ = '[';
  for (size_t i = 0; i < dx->timexes.len; i++) {
    const cg_timex *t = &dx->timexes.items[i];
    p = elem_room(w, p);
    if (i) *p++ = ',';
    LIT(p, "{\"id\":"), p = put_id(p, 't', i + 1);
    LIT(p, ",\"doc\":"), p = put_docid(w, p);
    *p++ = ',';
    p = put_span_fields(b, p, dx->doc, t->start, t->end);
    LIT(p, ",\"type\":"), p = put_timex_type(w, p, t->type);
    LIT(p, ",\"value\":"), p = put_array16(b, p, t->value);
    LIT(p, ",\"mod\":"), p = put_array16(b, p, t->mod);
    *p++ = '}';
  }
  *p++ = ']';
  return p;
}

/* One actor: first[]/next[] (put_actors) chain its mentions. */
static char *put_actor(writer *w, char *p, size_t i, const size_t *first, const size_t *next) {
  cg_buf *b = w->b;
  const cg_docx *dx = w->dx;
  const cg_actor *a = &dx->actors.items[i];
  LIT(p, "{\"id\":"), p = put_id(p, 'a', i + 1);
  LIT(p, ",\"key\":"), p = put_cstr_inline(b, p, a->key);
  LIT(p, ",\"name\":"), p = put_cstr_inline(b, p, a->name);
  LIT(p, ",\"kind\":"), p = put_actor_kind(w, p, a->kind);
  LIT(p, ",\"aliases\":[");
  for (size_t k = 0; k < a->naliases; k++) {
    if (k) *p++ = ',';
    p = put_cstr_inline(b, p, a->aliases[k]);
  }
  LIT(p, "],\"mentions\":[");
  for (size_t k = first[i], n = 0; k != SIZE_MAX; k = next[k], n++) {
    const cg_mention *m = &dx->mentions.items[k];
    p = elem_room(w, p); /* an actor of a long text may have thousands of mentions */
    if (n) *p++ = ',';
    *p++ = '{';
    p = put_span_fields(b, p, dx->doc, m->start, m->end);
    LIT(p, ",\"doc\":"), p = put_docid(w, p);
    *p++ = '}';
  }
  LIT(p, "],\"affiliation\":");
  if (a->affiliation >= 0 && (size_t)a->affiliation < dx->actors.len)
    p = put_id(p, 'a', (size_t)a->affiliation + 1);
  else LIT(p, "null");
  *p++ = '}';
  return p;
}

/* Mentions are grouped per actor in one pass over the (start-sorted) mention array,
 * so writing stays linear in the number of mentions. The chains, first[] and last[]
 * per actor and next[] per mention, share one block, on the stack for a document of
 * up to CHAIN_STACK entries (nearly all): three callocs and frees per document were
 * 4% of the writer's instructions, a fifth of its mispredicted branches and a quarter
 * of its D1 read misses on the generated news (an eighth and a tenth on TimeBank;
 * callgrind). */
#define CHAIN_STACK 256
static char *put_actors(writer *w, char *p) {
  const cg_docx *dx = w->dx;
  size_t na = dx->actors.len, nm = dx->mentions.len, need = 2 * na + nm;
  size_t stack[CHAIN_STACK];
  size_t *first = need <= CHAIN_STACK ? stack : cg_xcalloc(need, sizeof *first);
  size_t *last = first + na, *next = last + na;
  for (size_t a = 0; a < na; a++) first[a] = last[a] = SIZE_MAX;
  for (size_t k = 0; k < nm; k++) {
    size_t a = dx->mentions.items[k].actor;
    next[k] = SIZE_MAX;
    if (a >= na) continue;
    if (first[a] == SIZE_MAX) first[a] = k;
    else next[last[a]] = k;
    last[a] = k;
  }
  *p++ = '[';
  for (size_t i = 0; i < na; i++) {
    p = elem_room(w, p);
    if (i) *p++ = ',';
    p = put_actor(w, p, i, first, next);
  }
  *p++ = ']';
  if (first != stack) free(first);
  return p;
}

/* One event. The mention repeats the event's document, trigger and sentence: the
 * trigger is copied from where it was just written rather than formatted again. */
static char *put_event(writer *w, char *p, size_t i) {
  cg_buf *b = w->b;
  const cg_docx *dx = w->dx;
  const cg_event *e = &dx->events.items[i];
  LIT(p, "{\"id\":"), p = put_id(p, 'e', i + 1);
  LIT(p, ",\"doc\":"), p = put_docid(w, p);
  LIT(p, ",\"trigger\":");
  size_t trig_at = (size_t)(p - b->data);
  p = put_trigger(b, p, dx, e);
  size_t trig_len = (size_t)(p - b->data) - trig_at;
  LIT(p, ",\"class\":"), p = put_name(w, p, e->cls ? e->cls : "other");
  LIT(p, ",\"date\":"), p = put_date(w, p, e);
  LIT(p, ",\"participants\":[");
  for (size_t k = 0; k < e->nparts; k++) {
    if (k) *p++ = ',';
    LIT(p, "{\"actor\":"), p = put_id(p, 'a', (size_t)e->parts[k].actor + 1);
    LIT(p, ",\"role\":"), p = put_role(w, p, e->parts[k].role);
    *p++ = '}';
    p = cg_json_room(b, p, SLACK); /* the names are copied without a room check of their own */
  }
  LIT(p, "],\"sentence\":"), p = put_sentence_ref(p, dx, e->sentence);
  LIT(p, ",\"confidence\":"), p = put_confidence(w, p, e->confidence);
  LIT(p, ",\"mentions\":[{\"doc\":"), p = put_docid(w, p);
  LIT(p, ",\"trigger\":"), p = put_again(b, p, trig_at, trig_len);
  LIT(p, ",\"sentence\":"), p = put_sentence_ref(p, dx, e->sentence);
  LIT(p, "}]}");
  return p;
}

static char *put_events(writer *w, char *p) {
  *p++ = '[';
  for (size_t i = 0; i < w->dx->events.len; i++) {
    p = elem_room(w, p);
    if (i) *p++ = ',';
    p = put_event(w, p, i);
  }
  *p++ = ']';
  return p;
}

void cg_docx_write_json_cached(cg_docx_json_cache *c, const cg_docx *dx, bool with_text,
                               cg_buf *out, size_t every, cg_docx_spill spill, void *ud) {
  /* without a cache, one for this document only (20 KB: not on the stack) */
  cg_docx_json_cache *own = c ? NULL : cg_docx_json_cache_new();
  writer wr, *w = &wr;
  writer_init(w, c ? c : own, out, dx, every, spill, ud);
  char *p = cg_json_begin(out, SLACK);
  set_elem_end(w);
  LIT(p, "{\"chronograph\":"), p = put_cstr(out, p, CG_SCHEMA_VERSION);
  LIT(p, ",\"documents\":["), p = put_document(w, p, with_text);
  LIT(p, "],\"timexes\":"), p = put_timexes(w, p);
  LIT(p, ",\"actors\":"), p = put_actors(w, p);
  LIT(p, ",\"events\":"), p = put_events(w, p);
  *p++ = '}';
  cg_json_done(out, p);
  cg_docx_json_cache_free(own);
}

void cg_docx_write_json_parts(const cg_docx *dx, bool with_text, cg_buf *out, size_t every,
                              cg_docx_spill spill, void *ud) {
  cg_docx_write_json_cached(NULL, dx, with_text, out, every, spill, ud);
}

void cg_docx_write_json(const cg_docx *dx, bool with_text, cg_buf *out) {
  cg_docx_write_json_cached(NULL, dx, with_text, out, SIZE_MAX, NULL, NULL);
}
