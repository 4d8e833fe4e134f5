/* Event triggers, participants and dating: one test per rule kind. Timexes are built
 * by hand (the tagger is tested on its own). DCT 2025-12-07 is a Sunday. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "actors.h"
#include "events.h"
#include "sentences.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cg_actor_lexicon *ALX;
static cg_event_lexicon *ELX;

static int setup(void **state) {
  (void)state;
  cg_error err;
  if (cg_actor_lexicon_new(&ALX, NULL, &err) != CG_OK ||
      cg_event_lexicon_new(&ELX, NULL, &err) != CG_OK) {
    fprintf(stderr, "lexicon: %s: %s\n", err.file, err.msg);
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  cg_actor_lexicon_free(ALX);
  cg_event_lexicon_free(ELX);
  return 0;
}

static cg_docx *new_doc(const char *text) {
  cg_doc *d = cg_doc_new();
  d->text = cg_xstrdup(text);
  d->len = strlen(text);
  d->dct = cg_xstrdup("2025-12-07");
  cg_docx *dx = cg_docx_new(d);
  cg_sentences_split(dx);
  return dx;
}

/* Adds a timex over the first occurrence of s (timexes must be added in text order). */
static void add_timex(cg_docx *dx, const char *s, const char *value, const char *mod,
                      cg_span span, unsigned flags) {
  const char *p = strstr(dx->doc->text, s);
  assert_non_null(p);
  cg_timex t = {0};
  t.start = (size_t)(p - dx->doc->text);
  t.end = t.start + strlen(s);
  t.type = (flags & CG_TXF_AGE) ? CG_TX_DURATION : CG_TX_DATE;
  snprintf(t.value, sizeof t.value, "%s", value);
  snprintf(t.mod, sizeof t.mod, "%s", mod);
  t.span = span;
  t.flags = flags;
  CG_VEC_PUSH(&dx->timexes, t);
}

static void run(cg_docx *dx) {
  assert_int_equal(cg_actors_run(ALX, dx), CG_OK);
  assert_int_equal(cg_events_run(ELX, dx), CG_OK);
}

static const cg_event *event_at(const cg_docx *dx, const char *trigger_in_context, const char *trigger) {
  const char *p = strstr(dx->doc->text, trigger_in_context);
  assert_non_null(p);
  const char *q = strstr(p, trigger);
  size_t off = (size_t)(q - dx->doc->text);
  for (size_t i = 0; i < dx->events.len; i++)
    if (dx->events.items[i].trig_start == off) return &dx->events.items[i];
  fail_msg("no event at %s", trigger);
  return NULL;
}

static int part(const cg_docx *dx, const cg_event *ev, cg_role role) {
  for (size_t i = 0; i < ev->nparts; i++)
    if (ev->parts[i].role == role) return (int)ev->parts[i].actor;
  return -1;
}

static const char *part_name(const cg_docx *dx, const cg_event *ev, cg_role role) {
  int a = part(dx, ev, role);
  return a >= 0 ? dx->actors.items[a].name : "(none)";
}

static void test_possessive_nominal_attached_year(void **state) {
  (void)state;
  cg_docx *dx = new_doc("Officials recalled Moscow's 2014 annexation of Crimea and its full-scale "
                        "invasion of Ukraine in 2022 at the meeting.");
  add_timex(dx, "2014", "2014", "", cg_span_year(2014), 0);
  add_timex(dx, "2022", "2022", "", cg_span_year(2022), 0);
  run(dx);
  const cg_event *a = event_at(dx, "annexation", "annexation");
  assert_string_equal(a->lemma, "annexation");
  assert_string_equal(a->cls, "military_force");
  assert_string_equal(part_name(dx, a, CG_ROLE_AGENT), "Russia");
  assert_string_equal(part_name(dx, a, CG_ROLE_PATIENT), "Crimea");
  assert_true(a->dated);
  assert_string_equal(a->value, "2014");
  assert_string_equal(a->date_rule, "timex-attached");
  const cg_event *v = event_at(dx, "invasion", "invasion");
  assert_string_equal(part_name(dx, v, CG_ROLE_AGENT), "Russia"); /* its -> Moscow */
  assert_string_equal(part_name(dx, v, CG_ROLE_PATIENT), "Ukraine");
  assert_string_equal(v->value, "2022");
  assert_string_equal(v->date_rule, "timex-attached");
  assert_true(a->confidence > 0 && a->confidence <= 1);
  cg_docx_free(dx);
}

static void test_clause_timex(void **state) {
  (void)state;
  cg_docx *dx = new_doc("On Friday, the US administration released a revised trade strategy.");
  int64_t fri = cg_days_from_civil(2025, 12, 5);
  add_timex(dx, "Friday", "2025-12-05", "", cg_span_day(fri), CG_TXF_RELATIVE);
  run(dx);
  const cg_event *e = event_at(dx, "released", "released");
  assert_string_equal(e->lemma, "release");
  assert_true(e->dated);
  assert_string_equal(e->date_rule, "timex-clause");
  assert_true(e->date.earliest == fri && e->date.latest == fri);
  assert_string_equal(part_name(dx, e, CG_ROLE_AGENT), "United States");
  cg_docx_free(dx);
}

static void test_reporting_dct_and_speaker(void **state) {
  (void)state;
  cg_docx *dx = new_doc("The plan was welcomed, Kremlin spokesman Dmitry Peskov said. Peskov "
                        "told reporters the war had to end.");
  run(dx);
  const cg_event *s = event_at(dx, "said", "said");
  assert_string_equal(s->lemma, "say");
  assert_string_equal(s->cls, "statement");
  assert_string_equal(part_name(dx, s, CG_ROLE_SPEAKER), "Dmitry Peskov");
  assert_true(s->dated);
  assert_string_equal(s->date_rule, "dct-reporting");
  assert_string_equal(s->value, "2025-12-07");
  const cg_event *t = event_at(dx, "told", "told");
  assert_string_equal(part_name(dx, t, CG_ROLE_SPEAKER), "Dmitry Peskov");
  /* "the war" has no supportable date: listed, never dated */
  const cg_event *w = event_at(dx, "war", "war");
  assert_false(w->dated);
  assert_string_equal(w->date_rule, "none");
  cg_docx_free(dx);
}

static void test_age_start(void **state) {
  (void)state;
  cg_docx *dx = new_doc("Washington backed a proposal to end the nearly four-year-old war.");
  cg_span start = cg_span_year(2021);
  add_timex(dx, "nearly four-year-old", "P4Y", "APPROX", start, CG_TXF_AGE);
  run(dx);
  const cg_event *w = event_at(dx, "war", "war");
  assert_true(w->dated);
  assert_string_equal(w->date_rule, "age-start");
  assert_string_equal(w->mod, "APPROX");
  assert_true(w->date.earliest == start.earliest && w->date.latest == start.latest);
  cg_docx_free(dx);
}

static void test_since(void **state) {
  (void)state;
  cg_docx *dx = new_doc("The two countries have held talks since 2014 without a result.");
  add_timex(dx, "since 2014", "2014", "", cg_span_year(2014), CG_TXF_SINCE);
  run(dx);
  const cg_event *t = event_at(dx, "talks", "talks");
  assert_true(t->dated);
  assert_string_equal(t->date_rule, "since");
  assert_string_equal(t->value, "2014");
  cg_docx_free(dx);
}

static void test_passive_by_agent(void **state) {
  (void)state;
  cg_docx *dx = new_doc("Crimea was annexed by Russia, and sanctions were imposed by the EU.");
  run(dx);
  const cg_event *a = event_at(dx, "annexed", "annexed");
  assert_string_equal(a->lemma, "annex");
  assert_string_equal(part_name(dx, a, CG_ROLE_AGENT), "Russia");
  assert_string_equal(part_name(dx, a, CG_ROLE_PATIENT), "Crimea");
  const cg_event *s = event_at(dx, "imposed", "imposed");
  assert_string_equal(part_name(dx, s, CG_ROLE_AGENT), "European Union");
  assert_false(a->dated);
  cg_docx_free(dx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_possessive_nominal_attached_year),
      cmocka_unit_test(test_clause_timex),
      cmocka_unit_test(test_reporting_dct_and_speaker),
      cmocka_unit_test(test_age_start),
      cmocka_unit_test(test_since),
      cmocka_unit_test(test_passive_by_agent),
  };
  return cmocka_run_group_tests(tests, setup, teardown) != 0;
}
