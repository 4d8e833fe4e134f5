/*
 * TimelineJS3 JSON (render.h: cg_export_timelinejs), built with jansson.
 *
 * One slide per dated event: start_date/end_date split into year/month/day as far
 * as the granularity goes (a year-granular event has only "year"; a quarter gets
 * start and end months), headline, text with provenance, group = main actor,
 * display_date carrying the fuzziness ("c. 2014", "before Mar 2014"), unique_id =
 * event id. Open-ended events ("since 2022") are also eras up to the latest
 * publication date. TimelineJS inserts headline, text and group as HTML, so every
 * news string is HTML-escaped here (cg_esc_html) before it enters the JSON.
 */
#include "rcommon.h"

#include "escape.h"

#include <stdlib.h>
#include <string.h>

static json_t *html_str(const char *s) {
  cg_buf b = {0};
  cg_esc_html(&b, s);
  json_t *j = json_string(b.data ? b.data : "");
  cg_buf_free(&b);
  return j ? j : json_string("");
}

static json_t *date_obj(int64_t z, cg_gran g, const char *display) {
  int64_t y;
  unsigned m, d;
  cg_civil_from_days(z, &y, &m, &d);
  json_t *o = json_object();
  json_object_set_new(o, "year", json_integer((json_int_t)y));
  if (g >= CG_GRAN_HALF) json_object_set_new(o, "month", json_integer(m));
  if (g >= CG_GRAN_WEEK) json_object_set_new(o, "day", json_integer(d));
  if (display) json_object_set_new(o, "display_date", html_str(display));
  return o;
}

static bool open_ended(const cg_cevent *e) {
  const char *r = e->date_rule ? e->date_rule : "";
  return !strcmp(r, "since") || !strcmp(r, "age-start") || !strcmp(e->mod, "AFTER") ||
         !strcmp(e->mod, "ON_OR_AFTER");
}

/* Returns the TimelineJS document {"title":..., "events":[...], "eras":[...]}.
 * New reference, caller json_decref()s; NULL only when c is NULL. */
json_t *cg_export_timelinejs(const cg_corpus *c) {
  if (!c) return NULL;
  json_t *root = json_object(), *events = json_array(), *eras = json_array();
  int64_t now = CG_NO_DAY;
  for (size_t i = 0; i < c->docs.len; i++) {
    int64_t d = c->docs.items[i].dct ? cg_parse_iso_day(c->docs.items[i].dct) : CG_NO_DAY;
    if (d != CG_NO_DAY && (now == CG_NO_DAY || d > now)) now = d;
  }
  for (size_t i = 0; i < c->events.len; i++) {
    const cg_cevent *e = &c->events.items[i];
    if (!e->dated || !e->date.valid) continue;
    cg_gran g = e->date.gran;
    cg_buf disp = {0};
    cg_r_event_date(&disp, e);
    bool fuzzy = e->mod[0] || g < CG_GRAN_YEAR || (g > CG_GRAN_YEAR && g < CG_GRAN_MONTH) ||
                 g == CG_GRAN_WEEK;
    json_t *ev = json_object();
    json_object_set_new(ev, "start_date", date_obj(e->date.earliest, g, NULL));
    if (e->date.latest != e->date.earliest && g != CG_GRAN_YEAR && g != CG_GRAN_MONTH && g < CG_GRAN_DAY)
      json_object_set_new(ev, "end_date", date_obj(e->date.latest, g, NULL));
    if (fuzzy) json_object_set_new(ev, "display_date", html_str(disp.data));
    int main = cg_r_main_actor(c, e);
    cg_buf head = {0};
    cg_buf_puts(&head, e->lemma ? e->lemma : "event");
    if (main >= 0) {
      cg_buf h2 = {0};
      cg_buf_printf(&h2, "%s: %s", c->actors.items[main].name, head.data);
      cg_buf_free(&head);
      head = h2;
    }
    json_t *text = json_object();
    json_object_set_new(text, "headline", html_str(head.data));
    cg_buf body = {0};
    if (e->mentions.len) {
      const cg_emention *m = &e->mentions.items[0];
      cg_buf_puts(&body, "<p>");
      const cg_csent *st = cg_emention_sentence(c, m);
      cg_esc_html(&body, st ? st->text : "");
      cg_buf_puts(&body, "</p>");
      if (m->doc < c->docs.len) {
        const cg_cdoc *d = &c->docs.items[m->doc];
        cg_buf_puts(&body, "<p><small>");
        cg_esc_html(&body, d->title ? d->title : d->id);
        if (d->dct) {
          cg_buf_puts(&body, " \xC2\xB7 ");
          cg_esc_html(&body, d->dct);
        }
        if (d->source) {
          cg_buf_puts(&body, " \xC2\xB7 ");
          cg_esc_html(&body, d->source);
        }
        cg_buf_puts(&body, "</small></p>");
      }
    }
    json_t *bj = json_string(body.data ? body.data : "");
    json_object_set_new(text, "text", bj ? bj : json_string(""));
    json_object_set_new(ev, "text", text);
    if (main >= 0) json_object_set_new(ev, "group", html_str(c->actors.items[main].name));
    cg_buf uid = {0};
    cg_r_css_ident(&uid, e->id);
    json_object_set_new(ev, "unique_id", json_string(uid.data && uid.len ? uid.data : "event"));
    json_array_append_new(events, ev);
    if (open_ended(e) && now != CG_NO_DAY && now > e->date.earliest) {
      json_t *era = json_object();
      json_object_set_new(era, "start_date", date_obj(e->date.earliest, g, NULL));
      json_object_set_new(era, "end_date", date_obj(now, CG_GRAN_DAY, NULL));
      json_t *et = json_object();
      json_object_set_new(et, "headline", html_str(head.data));
      json_object_set_new(era, "text", et);
      json_array_append_new(eras, era);
    }
    cg_buf_free(&uid);
    cg_buf_free(&body);
    cg_buf_free(&head);
    cg_buf_free(&disp);
  }
  json_t *title = json_object(), *tt = json_object();
  json_object_set_new(tt, "headline", json_string("Timeline"));
  char sub[96];
  snprintf(sub, sizeof sub, "%zu events from %zu documents (chronograph)", json_array_size(events),
           c->docs.len);
  json_object_set_new(tt, "text", json_string(sub));
  json_object_set_new(title, "text", tt);
  json_object_set_new(root, "title", title);
  json_object_set_new(root, "events", events);
  if (json_array_size(eras))
    json_object_set_new(root, "eras", eras);
  else
    json_decref(eras);
  return root;
}
