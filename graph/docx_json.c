/* One document's extraction as a schema-2 JSON object (docs/schema.md). This is the
 * only serialisation of a cg_docx: `extract --format jsonl` writes it as is, and the
 * corpus reads it back, so a direct run and a sharded run take the same path. */
#include "corpus.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Every string of the model goes through these two, so that this writer and the
 * direct one (graph/docx_write.c) agree on every cg_docx, also one filled by hand: a
 * string that is not valid UTF-8 becomes "\uFFFD" as a whole (json_string would refuse
 * it, and json_pack would then drop the whole object), and a NULL one null. Readers
 * validate text and stages cut spans at character boundaries, so the pipeline never
 * makes such a string; a library user or a stage bug could. */
static json_t *jstr_span(const char *text, size_t start, size_t end) {
  json_t *s = json_stringn(text + start, end - start);
  return s ? s : json_string("\xEF\xBF\xBD");
}

static json_t *jstr(const char *s) { return s ? jstr_span(s, 0, strlen(s)) : json_null(); }

static json_t *span_obj(const char *text, size_t start, size_t end) {
  return json_pack("{s:I,s:I,s:o}", "start", (json_int_t)start, "end", (json_int_t)end, "text",
                   jstr_span(text, start, end));
}

/* {"value","earliest","latest","granularity",...} pieces shared with corpus output. */
json_t *cg_span_to_json_days(const cg_span *s) {
  char a[24], b[24];
  cg_format_day(s->earliest, a, sizeof a);
  cg_format_day(s->latest, b, sizeof b);
  return json_pack("{s:s,s:s,s:s}", "earliest", a, "latest", b, "granularity",
                   cg_gran_name(s->gran));
}

static json_t *timex_json(const cg_docx *dx, size_t i) {
  const cg_timex *t = &dx->timexes.items[i];
  char id[32];
  snprintf(id, sizeof id, "t%zu", i + 1);
  json_t *o = json_pack("{s:s,s:o,s:I,s:I,s:o,s:s,s:o,s:o}", "id", id, "doc", jstr(dx->doc->id),
                        "start", (json_int_t)t->start, "end", (json_int_t)t->end, "text",
                        jstr_span(dx->doc->text, t->start, t->end), "type",
                        cg_timex_type_name(t->type), "value", jstr(t->value), "mod", jstr(t->mod));
  return o;
}

static json_t *actor_json(const cg_docx *dx, size_t i) {
  const cg_actor *a = &dx->actors.items[i];
  char id[32];
  snprintf(id, sizeof id, "a%zu", i + 1);
  json_t *aliases = json_array();
  for (size_t k = 0; k < a->naliases; k++) json_array_append_new(aliases, jstr(a->aliases[k]));
  json_t *mentions = json_array();
  for (size_t k = 0; k < dx->mentions.len; k++) {
    const cg_mention *m = &dx->mentions.items[k];
    if (m->actor != i) continue;
    json_t *mo = span_obj(dx->doc->text, m->start, m->end);
    json_object_set_new(mo, "doc", jstr(dx->doc->id));
    json_array_append_new(mentions, mo);
  }
  json_t *aff = json_null();
  if (a->affiliation >= 0 && (size_t)a->affiliation < dx->actors.len) {
    char aid[32];
    snprintf(aid, sizeof aid, "a%d", a->affiliation + 1);
    aff = json_string(aid);
  }
  return json_pack("{s:s,s:o,s:o,s:s,s:o,s:o,s:o}", "id", id, "key", jstr(a->key), "name", jstr(a->name),
                   "kind", cg_actor_kind_name(a->kind), "aliases", aliases, "mentions",
                   mentions, "affiliation", aff);
}

static json_t *event_date_json(const cg_docx *dx, const cg_event *e) {
  if (!e->dated || !e->date.valid) return json_null();
  json_t *d = cg_span_to_json_days(&e->date);
  json_object_set_new(d, "value", jstr(e->value));
  json_object_set_new(d, "mod", jstr(e->mod));
  json_object_set_new(d, "rule", jstr(e->date_rule));
  json_t *tid = json_null();
  if (e->timex >= 0 && (size_t)e->timex < dx->timexes.len) {
    char id[32];
    snprintf(id, sizeof id, "t%d", e->timex + 1);
    tid = json_string(id);
  }
  json_object_set_new(d, "timex", tid);
  return d;
}

static json_t *event_json(const cg_docx *dx, size_t i) {
  const cg_event *e = &dx->events.items[i];
  const char *text = dx->doc->text;
  char id[32];
  snprintf(id, sizeof id, "e%zu", i + 1);
  json_t *trigger = span_obj(text, e->trig_start, e->trig_end);
  json_object_set_new(trigger, "lemma", jstr(e->lemma));
  /* the index into the document's "sentences", as in every mention */
  json_t *sentence = e->sentence < dx->sents.len ? json_integer((json_int_t)e->sentence) : json_null();
  json_t *parts = json_array();
  for (size_t k = 0; k < e->nparts; k++) {
    char aid[32];
    snprintf(aid, sizeof aid, "a%u", e->parts[k].actor + 1);
    json_array_append_new(parts, json_pack("{s:s,s:s}", "actor", aid, "role",
                                           cg_role_name(e->parts[k].role)));
  }
  json_t *mention = json_pack("{s:o,s:O,s:O}", "doc", jstr(dx->doc->id), "trigger", trigger,
                              "sentence", sentence);
  json_t *o = json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:f,s:[o]}", "id", id, "doc",
                        jstr(dx->doc->id), "trigger", trigger, "class", jstr(e->cls ? e->cls : "other"),
                        "date", event_date_json(dx, e), "participants", parts, "sentence",
                        sentence, "confidence", round(e->confidence * 1e6) / 1e6, "mentions",
                        mention);
  return o;
}

json_t *cg_docx_to_json(const cg_docx *dx, bool with_text) {
  const cg_doc *d = dx->doc;
  json_t *doc = json_pack("{s:o,s:o,s:o,s:o,s:s}", "id", jstr(d->id), "source", jstr(d->source),
                          "title", jstr(d->title), "dct", jstr(d->dct),
                          "dct_source", cg_dct_source_name(d->dct_source));
  if (d->url) json_object_set_new(doc, "url", jstr(d->url));
  if (with_text) json_object_set_new(doc, "text", jstr_span(d->text, 0, d->len));
  json_t *sents = json_array();
  for (size_t i = 0; i < dx->sents.len; i++)
    json_array_append_new(sents, span_obj(d->text, dx->sents.items[i].start, dx->sents.items[i].end));
  json_object_set_new(doc, "sentences", sents);
  json_t *timexes = json_array(), *actors = json_array(), *events = json_array();
  for (size_t i = 0; i < dx->timexes.len; i++) json_array_append_new(timexes, timex_json(dx, i));
  for (size_t i = 0; i < dx->actors.len; i++) json_array_append_new(actors, actor_json(dx, i));
  for (size_t i = 0; i < dx->events.len; i++) json_array_append_new(events, event_json(dx, i));
  return json_pack("{s:s,s:[o],s:o,s:o,s:o}", "chronograph", CG_SCHEMA_VERSION, "documents",
                   doc, "timexes", timexes, "actors", actors, "events", events);
}
