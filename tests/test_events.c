/* Event triggers, participants and dating: one test per rule kind. Timexes are built
 * by hand (the tagger is tested on its own). DCT 2025-12-07 is a Sunday. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "actors.h"
#include "docx_fixture.h"
#include "events.h"
#include "events_int.h" /* CG_TOK_AT_MAX */
#include "sentences.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

static cg_docx *new_doc(const char *text) { return fx_split_docx(text, "2025-12-07"); }

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

/* A conjunction right after a duration belongs to the relational phrase and does not
 * close the clause; elsewhere "after" still does. */
static void test_relational_duration_keeps_clause(void **state) {
  (void)state;
  cg_docx *dx = new_doc("Germany was reunified less than a year after the border opened, on "
                        "3 October 1990. The talks collapsed after lunch on 4 May 1991.");
  add_timex(dx, "less than a year", "P1Y", "LESS_THAN", (cg_span){0}, 0);
  dx->timexes.items[0].type = CG_TX_DURATION;
  int64_t d = cg_days_from_civil(1990, 10, 3);
  add_timex(dx, "3 October 1990", "1990-10-03", "", cg_span_day(d), 0);
  run(dx);
  const cg_event *e = event_at(dx, "reunified", "reunified");
  assert_true(e->dated);
  assert_true(e->date.earliest == d);
  assert_string_equal(e->date_rule, "timex-clause");
  /* "collapsed after lunch on 4 May 1991": no timex given there, and the clause
   * scan must not reach back across the sentence to 1990. */
  const cg_event *c = event_at(dx, "collapsed", "collapsed");
  assert_false(c->dated && c->date.earliest == d);
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

/* After a superlative, "since X" is the span of a comparison, not a start date. */
static void test_since_after_superlative(void **state) {
  (void)state;
  cg_docx *dx = new_doc("Officials called the fighting the largest war in Europe since 1945.");
  add_timex(dx, "since 1945", "1945", "", cg_span_year(1945), CG_TXF_SINCE);
  run(dx);
  const cg_event *w = event_at(dx, "largest war", "war");
  assert_false(w->dated && w->date_rule && !strcmp(w->date_rule, "since"));
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

/* Coordinated subjects are both agents; a parenthesised acronym and a long appositive
 * do not hide the subject; every participant read from a mention records it. */
static void test_subjects_coordination_parens_apposition(void **state) {
  (void)state;
  cg_docx *dx = new_doc("The EU and the US imposed sanctions. The Federal Trade Commission (FTC) "
                        "sued Microsoft. Dmitry Peskov, the spokesman of the Socialist Unity Party "
                        "(SED) and of the Kremlin, announced a summit.");
  run(dx);
  const cg_event *i = event_at(dx, "imposed", "imposed");
  int agents = 0;
  for (size_t k = 0; k < i->nparts; k++) {
    if (i->parts[k].role == CG_ROLE_AGENT) agents++;
    assert_true(i->parts[k].mention >= 0);
    assert_int_equal(dx->mentions.items[i->parts[k].mention].actor, i->parts[k].actor);
  }
  assert_int_equal(agents, 2);
  const cg_event *s = event_at(dx, "sued", "sued");
  assert_string_equal(part_name(dx, s, CG_ROLE_AGENT), "Federal Trade Commission");
  assert_string_equal(part_name(dx, s, CG_ROLE_PATIENT), "Microsoft");
  const cg_event *a = event_at(dx, "announced", "announced");
  int who = part(dx, a, CG_ROLE_SPEAKER);
  if (who < 0) who = part(dx, a, CG_ROLE_AGENT);
  assert_true(who >= 0);
  assert_string_equal(dx->actors.items[who].name, "Dmitry Peskov");
  cg_docx_free(dx);
}

/* "its N" refers to the last organisation or state agent, in this sentence or an
 * earlier one; an event noun that is the object of a verb event takes the verb's doer;
 * an object's title does not hide it. */
static void test_possessive_pronoun_light_verb_object_title(void **state) {
  (void)state;
  cg_docx *dx = new_doc("Microsoft agreed to pay. Regulators later cleared its acquisition of "
                        "Activision. The Justice Department opened an investigation. Joe Biden "
                        "defeated President Donald Trump.");
  run(dx);
  const cg_event *q = event_at(dx, "acquisition", "acquisition");
  assert_string_equal(part_name(dx, q, CG_ROLE_AGENT), "Microsoft");
  const cg_event *v = event_at(dx, "investigation", "investigation");
  assert_string_equal(part_name(dx, v, CG_ROLE_AGENT), "Justice Department");
  const cg_event *d = event_at(dx, "defeated", "defeated");
  assert_string_equal(part_name(dx, d, CG_ROLE_PATIENT), "Donald Trump");
  cg_docx_free(dx);
}

/* The age of an event dates its start as a year value; the duration stays on the timex. */
static void test_age_start_value_is_a_year(void **state) {
  (void)state;
  cg_docx *dx = new_doc("Talks could end the nearly four-year-old war.");
  int64_t d0 = cg_days_from_civil(2021, 12, 7);
  add_timex(dx, "nearly four-year-old", "P4Y", "APPROX", cg_span_range(d0, d0, CG_GRAN_DAY),
            CG_TXF_AGE);
  run(dx);
  const cg_event *w = event_at(dx, "war", "war");
  assert_string_equal(w->value, "2021");
  assert_string_equal(w->mod, "APPROX");
  assert_string_equal(dx->timexes.items[0].value, "P4Y");
  cg_docx_free(dx);
}

/* A timex attached to one event also dates another in its clause ("annexed on Tuesday,
 * when Putin signed"); a subordinating conjunction closes the clause; a reporting verb
 * is not dated by a timex in what it reports; a relational timex ("two days after a
 * referendum") does not date the noun it is anchored on. */
static void test_clause_rules(void **state) {
  (void)state;
  cg_docx *dx = new_doc("Russia annexed Crimea on Tuesday, when Putin signed a treaty. Shares "
                        "climbed this year before the company joined the index last month. NASA "
                        "said the burn ended on 8 January. Putin acted two days after a "
                        "referendum on Sunday.");
  int64_t tue = cg_days_from_civil(2014, 3, 18), sun = cg_days_from_civil(2014, 3, 16);
  add_timex(dx, "Tuesday", "2014-03-18", "", cg_span_day(tue), CG_TXF_RELATIVE);
  add_timex(dx, "this year", "2025", "", cg_span_year(2025), CG_TXF_RELATIVE);
  add_timex(dx, "last month", "2025-11", "", cg_span_month(2025, 11), CG_TXF_RELATIVE);
  add_timex(dx, "8 January", "2025-01-08", "", cg_span_day(cg_days_from_civil(2025, 1, 8)), 0);
  add_timex(dx, "two days after", "2014-03-18", "", cg_span_day(tue), CG_TXF_RELATIVE);
  add_timex(dx, "Sunday", "2014-03-16", "", cg_span_day(sun), CG_TXF_RELATIVE);
  run(dx);
  const cg_event *s = event_at(dx, "signed", "signed");
  assert_true(s->dated);
  assert_string_equal(s->value, "2014-03-18");
  const cg_event *j = event_at(dx, "joined", "joined");
  assert_string_equal(j->value, "2025-11");
  const cg_event *n = event_at(dx, "NASA said", "said");
  assert_string_equal(n->date_rule, "dct-reporting");
  const cg_event *r = event_at(dx, "referendum", "referendum");
  assert_string_equal(r->value, "2014-03-16");
  cg_docx_free(dx);
}

/* A verb-only trigger word after a determiner or a preposition is a noun: no event. */
static void test_verb_after_determiner_not_trigger(void **state) {
  (void)state;
  cg_docx *dx = new_doc("Farmers worked the land near the border and lived on land they own.");
  run(dx);
  for (size_t i = 0; i < dx->events.len; i++)
    assert_string_not_equal(dx->events.items[i].lemma, "land");
  cg_docx_free(dx);
}

/* News tense conventions (dct-present, dct-perfect): a simple present holds at the
 * DCT and is not dated by a past timex of its clause nor by a timex after "V to"; a
 * present perfect in the lead is the latest development (DCT-1 .. DCT, ON_OR_BEFORE),
 * one in the body is left undated. */
static void test_dct_present_and_perfect(void **state) {
  (void)state;
  cg_docx *dx = new_doc("Airbus has won an order for new jets. For 2024, Boeing sells more "
                        "jets. It plans to cut jobs by 2027. The company has opened many "
                        "plants over the years.");
  add_timex(dx, "2024", "2024", "", cg_span_year(2024), 0);
  add_timex(dx, "2027", "2027", "", cg_span_year(2027), 0);
  run(dx);
  int64_t dct = cg_days_from_civil(2025, 12, 7);
  const cg_event *w = event_at(dx, "has won", "won");
  assert_true(w->dated);
  assert_string_equal(w->date_rule, "dct-perfect");
  assert_string_equal(w->value, "2025-12-07");
  assert_string_equal(w->mod, "ON_OR_BEFORE");
  assert_true(w->date.earliest == dct - 1 && w->date.latest == dct);
  const cg_event *s = event_at(dx, "sells", "sells");
  assert_string_equal(s->date_rule, "dct-present");
  assert_true(s->date.earliest == dct && s->date.latest == dct);
  const cg_event *p = event_at(dx, "plans to", "plans");
  assert_string_equal(p->date_rule, "dct-present");
  const cg_event *o = event_at(dx, "has opened", "opened");
  assert_false(o->dated);
  assert_string_equal(o->date_rule, "none");
  cg_docx_free(dx);
}

/* narrative: a simple past verb without a timex inherits the date of the last verb
 * dated by a timex in the same or the previous sentence, when that date lies in the
 * week before the DCT; an older reference is not inherited, and an adjectival
 * participle ("the most advanced") is no past tense. */
static void test_narrative_reference(void **state) {
  (void)state;
  cg_docx *dx = new_doc("Stocks fell sharply on Friday. The index lost two percent. "
                        "Boeing unveiled a jet in 1991. The company gained customers. "
                        "Analysts praised the most advanced model.");
  int64_t fri = cg_days_from_civil(2025, 12, 5);
  add_timex(dx, "Friday", "2025-12-05", "", cg_span_day(fri), CG_TXF_RELATIVE);
  add_timex(dx, "1991", "1991", "", cg_span_year(1991), 0);
  run(dx);
  const cg_event *l = event_at(dx, "index lost", "lost");
  assert_true(l->dated);
  assert_string_equal(l->date_rule, "narrative");
  assert_true(l->date.earliest == fri && l->date.latest == fri);
  const cg_event *g = event_at(dx, "gained", "gained");
  assert_false(g->dated);
  for (size_t i = 0; i < dx->events.len; i++)
    if (strcmp(dx->events.items[i].lemma, "advance") == 0)
      assert_string_not_equal(dx->events.items[i].date_rule, "narrative");
  cg_docx_free(dx);
}

/* Lexicon: a verb whose only WordNet exception is its -ing form ("dying") keeps its
 * regular past ("died"); a noinflect entry ("born") is a trigger as written. */
static void test_lexicon_forms(void **state) {
  (void)state;
  cg_docx *dx = new_doc("The founder died on Tuesday. He was born in 1955.");
  run(dx);
  const cg_event *d = event_at(dx, "died", "died");
  assert_string_equal(d->lemma, "die");
  const cg_event *b = event_at(dx, "born", "born");
  assert_string_equal(b->lemma, "born");
  cg_docx_free(dx);
}

/* Checks one trigger form against the forms' filter (cg_lexmap_each): a form, and
 * its upper-case spelling, must pass it, or no token of it would be a candidate. */
static void form_passes_filter(void *ctx, const char *key, size_t len, int32_t value) {
  (void)value;
  size_t *n = ctx;
  char up[128];
  assert_true(len < sizeof up);
  for (size_t i = 0; i < len; i++)
    up[i] = key[i] >= 'a' && key[i] <= 'z' ? (char)(key[i] - 32) : key[i];
  assert_int_equal(cg_form_filter(ELX->form_filter, cg_lexhash(key, len)), 1);
  assert_int_equal(cg_form_filter(ELX->form_filter, cg_lexhash_lower(up, len)), 1);
  (*n)++;
}

/* The filter that word_classes tests every word with has no false negatives: every trigger
 * form passes it, in any case; and a word that passes it by chance is no trigger. */
static void test_form_filter_passes_every_form(void **state) {
  (void)state;
  size_t n = 0;
  cg_lexmap_each(ELX->forms, form_passes_filter, &n);
  assert_true(n > 100);
  cg_docx *dx = new_doc("SOLD out, the shares rose. Analysts said the zorblax quinted.");
  run(dx);
  assert_string_equal(event_at(dx, "SOLD", "SOLD")->lemma, "sell");
  assert_string_equal(event_at(dx, "said", "said")->lemma, "say");
  for (size_t i = 0; i < dx->events.len; i++) {
    const char *t = dx->doc->text + dx->events.items[i].trig_start;
    assert_false(strncmp(t, "zorblax", 7) == 0 || strncmp(t, "quinted", 7) == 0);
  }
  cg_docx_free(dx);
}

/* The object scan after a verb passes auxiliaries and the prepositions "for", "on",
 * "with", "against", "into", "from", "up" (a class of the function-word table, set
 * when loading); a name after another preposition is no object. */
static void test_object_after_listed_prepositions(void **state) {
  (void)state;
  const char *preps[] = {"for", "on", "with", "against", "into", "from", "up"};
  char text[128];
  for (size_t i = 0; i < sizeof preps / sizeof preps[0]; i++) {
    snprintf(text, sizeof text, "Russia protested %s Ukraine.", preps[i]);
    cg_docx *dx = new_doc(text);
    run(dx);
    const cg_event *ev = event_at(dx, "protested", "protested");
    assert_string_equal(part_name(dx, ev, CG_ROLE_AGENT), "Russia");
    assert_string_equal(part_name(dx, ev, CG_ROLE_PATIENT), "Ukraine");
    cg_docx_free(dx);
  }
  cg_docx *dx = new_doc("Russia protested toward Ukraine.");
  run(dx);
  assert_string_equal(part_name(dx, event_at(dx, "protested", "protested"), CG_ROLE_PATIENT),
                      "(none)");
  cg_docx_free(dx);
}

/* Participants: a name closing an appositive right before the verb group is its
 * subject ("manufacturer, Airbus, has won"), not a name in a prepositional phrase
 * ("those in Germany, have"); "to V" takes the agent of the verb before it;
 * "N between X and Y" makes both agents; "N from X" a participant. */
static void test_participants_apposition_control_between(void **state) {
  (void)state;
  cg_docx *dx = new_doc("The European manufacturer, Airbus, has won a contract to supply "
                        "tankers. Shares, particularly those in Germany, have fallen. Talks "
                        "ended a dispute between Airbus and Boeing. Airbus received an order "
                        "from Boeing.");
  run(dx);
  const cg_event *w = event_at(dx, "has won", "won");
  assert_string_equal(part_name(dx, w, CG_ROLE_AGENT), "Airbus");
  const cg_event *s = event_at(dx, "to supply", "supply");
  assert_string_equal(part_name(dx, s, CG_ROLE_AGENT), "Airbus");
  const cg_event *f = event_at(dx, "fallen", "fallen");
  assert_int_equal(part(dx, f, CG_ROLE_AGENT), -1);
  const cg_event *d = event_at(dx, "dispute", "dispute");
  int agents = 0;
  for (size_t i = 0; i < d->nparts; i++) agents += d->parts[i].role == CG_ROLE_AGENT;
  assert_int_equal(agents, 2);
  const cg_event *o = event_at(dx, "an order", "order");
  assert_string_equal(part_name(dx, o, CG_ROLE_OTHER), "Boeing");
  cg_docx_free(dx);
}

/* The stages given the tokens made once by the splitter find exactly what they find
 * tokenising on their own (the pipeline shares one token array between them). */
static void test_shared_tokens_same_result(void **state) {
  (void)state;
  const char *text = "Signing the deal on Monday, President Emmanuel Macron of France said "
                     "the European Union (EU) would impose sanctions. The invasion of Ukraine "
                     "by Russia began in 2022. ANNOUNCED: Microsoft's acquisition of Activision "
                     "was approved by the Competition and Markets Authority.";
  cg_docx *a = new_doc(text);
  run(a);
  cg_doc *d = cg_doc_new();
  d->text = cg_xstrdup(text);
  d->len = strlen(text);
  d->dct = cg_xstrdup("2025-12-07");
  cg_docx *b = cg_docx_new(d);
  cg_splitter *sp = NULL;
  cg_error err;
  assert_int_equal(cg_splitter_new(&sp, NULL, &err), CG_OK);
  cg_tokens tk = {0};
  cg_sentences_split_tokens(sp, b, &tk);
  assert_int_equal(cg_actors_run_tokens(ALX, b, &tk), CG_OK);
  assert_int_equal(cg_events_run_tokens(ELX, b, &tk), CG_OK);
  assert_int_equal(a->sents.len, b->sents.len);
  assert_int_equal(a->actors.len, b->actors.len);
  assert_true(a->actors.len >= 4);
  for (size_t i = 0; i < a->actors.len; i++)
    assert_string_equal(a->actors.items[i].key, b->actors.items[i].key);
  assert_int_equal(a->mentions.len, b->mentions.len);
  assert_int_equal(a->events.len, b->events.len);
  assert_true(a->events.len >= 4);
  for (size_t i = 0; i < a->events.len; i++) {
    const cg_event *x = &a->events.items[i], *y = &b->events.items[i];
    assert_int_equal(x->trig_start, y->trig_start);
    assert_string_equal(x->lemma, y->lemma);
    assert_int_equal(x->nparts, y->nparts);
    for (size_t k = 0; k < x->nparts; k++) {
      assert_int_equal(x->parts[k].actor, y->parts[k].actor);
      assert_int_equal(x->parts[k].role, y->parts[k].role);
    }
  }
  /* the token array is reused from document to document */
  cg_docx_free(b);
  d = cg_doc_new();
  d->text = cg_xstrdup("A second text.");
  d->len = strlen(d->text);
  b = cg_docx_new(d);
  cg_sentences_split_tokens(sp, b, &tk);
  assert_int_equal(tk.len, 4);
  free(tk.items);
  cg_splitter_free(sp);
  cg_docx_free(a);
  cg_docx_free(b);
}

/* Everything a run attaches to a document, compared field by field. */
static void assert_same_extraction(const cg_docx *a, const cg_docx *b) {
  assert_int_equal(a->actors.len, b->actors.len);
  for (size_t i = 0; i < a->actors.len; i++) {
    const cg_actor *x = &a->actors.items[i], *y = &b->actors.items[i];
    assert_string_equal(x->key, y->key);
    assert_string_equal(x->name, y->name);
    assert_int_equal(x->kind, y->kind);
    assert_int_equal(x->affiliation, y->affiliation);
    assert_int_equal(x->naliases, y->naliases);
    for (size_t k = 0; k < x->naliases; k++) assert_string_equal(x->aliases[k], y->aliases[k]);
  }
  assert_int_equal(a->mentions.len, b->mentions.len);
  for (size_t i = 0; i < a->mentions.len; i++) {
    assert_int_equal(a->mentions.items[i].start, b->mentions.items[i].start);
    assert_int_equal(a->mentions.items[i].end, b->mentions.items[i].end);
    assert_int_equal(a->mentions.items[i].actor, b->mentions.items[i].actor);
  }
  assert_int_equal(a->events.len, b->events.len);
  for (size_t i = 0; i < a->events.len; i++) {
    const cg_event *x = &a->events.items[i], *y = &b->events.items[i];
    assert_int_equal(x->trig_start, y->trig_start);
    assert_string_equal(x->lemma, y->lemma);
    assert_string_equal(x->cls, y->cls);
    assert_int_equal(x->dated, y->dated);
    assert_string_equal(x->value, y->value);
    assert_string_equal(x->date_rule, y->date_rule);
    assert_true(x->confidence == y->confidence);
    assert_int_equal(x->nparts, y->nparts);
    for (size_t k = 0; k < x->nparts; k++) {
      assert_int_equal(x->parts[k].actor, y->parts[k].actor);
      assert_int_equal(x->parts[k].role, y->parts[k].role);
      assert_int_equal(x->parts[k].mention, y->parts[k].mention);
    }
  }
}

/* The stages' scratch (maps, per-token arrays) carries nothing from one document to
 * the next: documents run one after another through one scratch, in two orders,
 * give what each gives alone. A long document in the middle makes the maps and
 * arrays grow (and the maps shrink back when cleared). */
static void test_scratch_reuse_matches_fresh_runs(void **state) {
  (void)state;
  cg_buf big = {0};
  for (int i = 0; i < 300; i++)
    cg_buf_printf(&big, "Analyst Person%d Maker%d of Org%d Corp said Russia annexed Crimea. "
                        "The Kremlin (KRM%d) denied it on Friday; Person%d resigned. ",
                  i, i, i, i, i);
  const char *texts[] = {
      "Airbus has won an order from Qatar Airways. Qatar Airways said the Airbus deal was "
      "signed on Monday.",
      big.data,
      "Kremlin spokesman Dmitry Peskov said Russia would examine the strategy. Peskov "
      "called the move positive.",
      "The European Space Agency (ESA) launched a probe. ESA said the launch went well.",
      "Theresa May signed the letter. May said the UK would leave the EU in March.",
      "Pre-orders of the phone began. Apple Inc. said sales rose 4% in 2023.",
  };
  size_t n = sizeof texts / sizeof texts[0];
  cg_docx *fresh[sizeof texts / sizeof texts[0]];
  for (size_t i = 0; i < n; i++) {
    fresh[i] = new_doc(texts[i]);
    run(fresh[i]);
    assert_true(fresh[i]->events.len > 0);
  }
  cg_actor_scratch *as = cg_actor_scratch_new();
  cg_event_scratch *es = cg_event_scratch_new();
  for (int order = 0; order < 2; order++) {
    for (size_t j = 0; j < n; j++) {
      size_t i = order ? n - 1 - j : j;
      cg_docx *dx = new_doc(texts[i]);
      assert_int_equal(cg_actors_run_scratch(ALX, dx, NULL, as), CG_OK);
      assert_int_equal(cg_events_run_scratch(ELX, dx, NULL, es), CG_OK);
      assert_same_extraction(fresh[i], dx);
      cg_docx_free(dx);
    }
  }
  cg_actor_scratch_free(as);
  cg_event_scratch_free(es);
  for (size_t i = 0; i < n; i++) cg_docx_free(fresh[i]);
  cg_buf_free(&big);
}

/* "in"/"at" at the very end of a text: word_classes reads 12 bytes from a token's
 * start, and the last 12 bytes of a text take a path of their own. The location
 * must come out the same there as in the middle of a text. */
static void test_function_word_at_text_end(void **state) {
  (void)state;
  const char *texts[] = {"Thousands protested in Kyiv", "Thousands protested in Kyiv.",
                         "Thousands protested in Kyiv on a cold and windy morning."};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    cg_docx *dx = new_doc(texts[i]);
    run(dx);
    const cg_event *ev = event_at(dx, "protested", "protested");
    assert_string_not_equal(part_name(dx, ev, CG_ROLE_LOCATION), "(none)");
    assert_string_equal(part_name(dx, ev, CG_ROLE_LOCATION), dx->actors.items[0].name);
    cg_docx_free(dx);
  }
}

/* The scan for "in X" after a trigger reads a bit map of 64 tokens a word: the
 * location comes out the same whatever the trigger's place in the text, across the
 * words' bounds, and the scan still stops at a comma and after its reach. */
static void test_location_scan_at_every_token_position(void **state) {
  (void)state;
  cg_docx *ref = new_doc("Thousands protested in Kyiv.");
  run(ref);
  const char *kyiv = part_name(ref, event_at(ref, "protested", "protested"), CG_ROLE_LOCATION);
  assert_string_not_equal(kyiv, "(none)");
  for (int lead = 0; lead < 140; lead += lead < 50 || lead > 75 ? 9 : 1) {
    cg_buf b = {0};
    for (int i = 0; i < lead; i++) cg_buf_puts(&b, "zz ");
    size_t base = b.len;
    cg_buf_puts(&b, "thousands protested in Kyiv. Others protested, in Kyiv. "
                    "Many protested near a b c in Kyiv. Some protested near a b c d e f g h "
                    "in Kyiv.");
    cg_docx *dx = new_doc(b.data);
    run(dx);
    const cg_event *ev[4];
    size_t n = 0;
    for (size_t i = 0; i < dx->events.len && n < 4; i++)
      if (dx->events.items[i].trig_start >= base) ev[n++] = &dx->events.items[i];
    assert_int_equal(n, 4);
    assert_string_equal(ev[0]->lemma, "protest");
    assert_string_equal(part_name(dx, ev[0], CG_ROLE_LOCATION), kyiv);
    assert_string_equal(part_name(dx, ev[1], CG_ROLE_LOCATION), "(none)"); /* the comma */
    assert_string_equal(part_name(dx, ev[2], CG_ROLE_LOCATION), kyiv);     /* 5 tokens on */
    assert_string_equal(part_name(dx, ev[3], CG_ROLE_LOCATION), "(none)"); /* too far */
    cg_docx_free(dx);
    cg_buf_free(&b);
  }
  cg_docx_free(ref);
}

/* The attached-timex scans reach 3 tokens before the trigger and 8 after it; the
 * dating reads a bit map of the tokens timexes cover (64 a word) to skip them when no
 * timex lies within that reach. A timex right at each end of the reach is attached,
 * one a token beyond dates the event by the clause rule instead, whatever the
 * trigger's place in the text (across the map's words, and at its very start). */
static void test_attached_timex_reach_at_every_token_position(void **state) {
  (void)state;
  static const char *body =
      "Annexation in 2011 followed. "
      "Officials recalled the 2012 brutal illegal annexation of Crimea, and the rest of "
      "the world said nothing at all. "
      "Officials recalled the 2013 brutal illegal sudden annexation of Crimea. "
      "Officials condemned the annexation of the Crimea of the Ukraine in 2014. "
      "Officials condemned the annexation of the Crimea of the Ukraine by Russia in 2015.";
  static const char *years[] = {"2011", "2012", "2013", "2014", "2015"};
  static const char *rules[] = {"timex-attached", "timex-attached", "timex-clause",
                                "timex-attached", "timex-clause"};
  for (int lead = 0; lead < 140; lead += lead < 50 || lead > 75 ? 9 : 1) {
    cg_buf b = {0};
    for (int i = 0; i < lead; i++) cg_buf_puts(&b, "zz ");
    if (lead) cg_buf_puts(&b, "zz. "); /* "Annexation" starts a sentence */
    cg_buf_puts(&b, body);
    cg_docx *dx = new_doc(b.data);
    for (size_t i = 0; i < 5; i++) {
      int64_t y = 2011 + (int64_t)i;
      add_timex(dx, years[i], years[i], "", cg_span_year(y), 0);
    }
    run(dx);
    const char *p = dx->doc->text;
    for (size_t i = 0; i < 5; i++) {
      const char *trig = i ? "annexation" : "Annexation";
      p = strstr(p, trig);
      assert_non_null(p);
      const cg_event *ev = event_at(dx, p, trig);
      assert_true(ev->dated);
      assert_string_equal(ev->value, years[i]);
      assert_string_equal(ev->date_rule, rules[i]);
      p += 1;
    }
    cg_docx_free(dx);
    cg_buf_free(&b);
  }
}

/* A timex that starts or ends inside a token covers that token, as one on the token's
 * bounds does (the tokens of a span are found from a map of token starts, with a
 * walk for a span that starts elsewhere). */
static void test_timex_inside_token(void **state) {
  (void)state;
  const char *spans[] = {"2014", "014", "201"};
  for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++) {
    cg_docx *dx = new_doc("Officials recalled Moscow's 2014 annexation of Crimea.");
    add_timex(dx, spans[i], "2014", "", cg_span_year(2014), 0);
    run(dx);
    const cg_event *a = event_at(dx, "annexation", "annexation");
    assert_true(a->dated);
    assert_string_equal(a->value, "2014");
    assert_string_equal(a->date_rule, "timex-attached");
    assert_int_equal(a->timex, 0);
    cg_docx_free(dx);
  }
}

/* Sentences whose bounds fall inside tokens or leave tokens out (a splitter other
 * than ours): a token belongs to a sentence when it starts at or after the
 * sentence's start and ends by its end, as when the bounds lie on tokens. */
static void test_sentence_bounds_off_tokens(void **state) {
  (void)state;
  const char *text = "Russia invaded Ukraine. Putin said it failed.";
  size_t second = (size_t)(strstr(text, "Putin") - text);
  struct {
    size_t end1, start2;           /* the first sentence's end, the second's start */
    const char *speaker, *patient; /* of "said", of "invaded" (NULL: no such event) */
  } cases[] = {
      {second - 1, second, "Putin", "Ukraine"},      /* on the tokens */
      {second - 1, second - 1, "Putin", "Ukraine"},  /* from the space before "Putin" */
      {second - 1, second + 1, "(none)", "Ukraine"}, /* from inside "Putin" */
      {strlen("Russia"), second, "Putin", NULL},     /* "invaded Ukraine." in none */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    cg_doc *d = cg_doc_new();
    d->text = cg_xstrdup(text);
    d->len = strlen(text);
    d->dct = cg_xstrdup("2025-12-07");
    cg_docx *dx = cg_docx_new(d);
    cg_sentence s1 = {0, cases[i].end1}, s2 = {cases[i].start2, d->len};
    CG_VEC_PUSH(&dx->sents, s1);
    CG_VEC_PUSH(&dx->sents, s2);
    run(dx);
    const cg_event *said = event_at(dx, "said", "said");
    assert_int_equal(said->sentence, 1);
    assert_string_equal(part_name(dx, said, CG_ROLE_SPEAKER), cases[i].speaker);
    if (cases[i].patient) {
      const cg_event *inv = event_at(dx, "invaded", "invaded");
      assert_int_equal(inv->sentence, 0);
      assert_string_equal(part_name(dx, inv, CG_ROLE_PATIENT), cases[i].patient);
    } else {
      size_t inv = (size_t)(strstr(text, "invaded") - text);
      for (size_t k = 0; k < dx->events.len; k++)
        assert_int_not_equal(dx->events.items[k].trig_start, inv);
    }
    cg_docx_free(dx);
  }
}

/* A document longer than the map of token starts (CG_TOK_AT_MAX bytes): the spans
 * past its end (a timex, a mention, sentences) find their tokens by the walk, and
 * the events there come out as they do in a short document. */
static void test_spans_past_token_map(void **state) {
  (void)state;
  const char *tail = "Officials recalled Moscow's 2014 annexation of Crimea. Thousands protested in Kyiv.";
  cg_docx *ref = new_doc(tail);
  run(ref);
  const char *kyiv = part_name(ref, event_at(ref, "protested", "protested"), CG_ROLE_LOCATION);
  assert_string_not_equal(kyiv, "(none)");
  cg_buf b = {0};
  while (b.len <= CG_TOK_AT_MAX + 64) cg_buf_puts(&b, "zz ");
  cg_buf_puts(&b, tail);
  cg_docx *dx = new_doc(b.data);
  add_timex(dx, "2014", "2014", "", cg_span_year(2014), 0);
  run(dx);
  const cg_event *a = event_at(dx, "annexation", "annexation");
  assert_true(a->dated);
  assert_string_equal(a->value, "2014");
  assert_string_equal(a->date_rule, "timex-attached");
  const cg_event *p = event_at(dx, "protested", "protested");
  assert_string_equal(part_name(dx, p, CG_ROLE_LOCATION), kyiv);
  assert_true(dx->sents.len >= 2);
  assert_int_equal(p->sentence, (int)dx->sents.len - 1);
  cg_docx_free(dx);
  cg_buf_free(&b);
  cg_docx_free(ref);
}

/* Spans that start hundreds of tokens after the last one: the map of token starts
 * keeps the low 8 bits of a token's index (cg_event_scratch.tok_at), and the first
 * token it names from the last span on is the wrong one. The mention, the timex and
 * the event come out as in a short document, at every distance around 256 and 512
 * tokens. */
static void test_spans_far_apart(void **state) {
  (void)state;
  const char *tail = "Russia invaded Ukraine on Friday.";
  for (int gap = 250; gap <= 520; gap += (gap == 262 ? 244 : 1)) {
    cg_buf b = {0};
    for (int i = 0; i < gap; i++) cg_buf_puts(&b, "zz ");
    cg_buf_puts(&b, tail);
    cg_docx *dx = new_doc(b.data);
    add_timex(dx, "Friday", "2025-12-05", "", cg_span_day(cg_days_from_civil(2025, 12, 5)), 0);
    run(dx);
    const cg_event *ev = event_at(dx, "invaded", "invaded");
    assert_string_equal(part_name(dx, ev, CG_ROLE_AGENT), "Russia");
    assert_string_equal(part_name(dx, ev, CG_ROLE_PATIENT), "Ukraine");
    assert_true(ev->dated);
    assert_string_equal(ev->value, "2025-12-05");
    assert_string_equal(ev->date_rule, "timex-attached");
    cg_docx_free(dx);
    cg_buf_free(&b);
  }
}

/* Copies file name of the data directory's en/events/ into dir/en/events/, with
 * extra appended. */
static void copy_event_file(const char *dir, const char *name, const char *extra) {
  char src[1024], dst[1024];
  snprintf(src, sizeof src, "%s/en/events/%s", cg_datadir(NULL), name);
  snprintf(dst, sizeof dst, "%s/en/events/%s", dir, name);
  FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
  assert_non_null(in);
  assert_non_null(out);
  char buf[8192];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0) assert_int_equal(fwrite(buf, 1, n, out), n);
  if (extra) fputs(extra, out);
  fclose(in);
  fclose(out);
}

/* The event lexicon's files, in a copy of the data directory made by event_lexdir. */
static const char *const EVENT_FILES[] = {"function-words.tsv", "classes.tsv", "triggers.tsv",
                                          "base.tsv"};
#define N_EVENT_FILES (sizeof EVENT_FILES / sizeof EVENT_FILES[0])

/* Makes dir (a mkdtemp template, filled in) a data directory holding a copy of the
 * event lexicon, with extra[i] (may be NULL) appended to EVENT_FILES[i]. */
static void event_lexdir(char *dir, const char *const extra[N_EVENT_FILES]) {
  char sub[1100];
  assert_non_null(mkdtemp(dir));
  snprintf(sub, sizeof sub, "%s/en", dir);
  assert_int_equal(mkdir(sub, 0700), 0);
  snprintf(sub, sizeof sub, "%s/en/events", dir);
  assert_int_equal(mkdir(sub, 0700), 0);
  for (size_t i = 0; i < N_EVENT_FILES; i++) copy_event_file(dir, EVENT_FILES[i], extra[i]);
}

/* Removes what event_lexdir made. */
static void event_lexdir_remove(const char *dir) {
  char sub[1100];
  for (size_t i = 0; i < N_EVENT_FILES; i++) {
    snprintf(sub, sizeof sub, "%s/en/events/%s", dir, EVENT_FILES[i]);
    unlink(sub);
  }
  snprintf(sub, sizeof sub, "%s/en/events", dir);
  rmdir(sub);
  snprintf(sub, sizeof sub, "%s/en", dir);
  rmdir(sub);
  rmdir(dir);
}

/* A function-word file too large for the direct-mapped table (more than 255 words)
 * falls back to the general word table, and one too large for a direct table of
 * 2048 slots gets a larger direct table: the same
 * texts give the same extraction through a lexicon with 300 (or 100) more words
 * that never occur. */
static void function_word_table_fallback(int nextra) {
  char dir[] = "/tmp/cg_events_XXXXXX";
  cg_buf extra = {0};
  cg_buf_puts(&extra, "\n");
  for (int i = 0; i < nextra; i++) cg_buf_printf(&extra, "zqfw%03d\tdet\n", i);
  const char *const extras[N_EVENT_FILES] = {extra.data, NULL, NULL, NULL};
  event_lexdir(dir, extras);
  cg_event_lexicon *big = NULL;
  cg_error err;
  assert_int_equal(cg_event_lexicon_new(&big, dir, &err), CG_OK);
  if (nextra <= 100) { /* about 250 words: a direct table, of more than 2048 slots */
    assert_non_null(big->fwd.index);
    assert_int_not_equal(big->fwd.shift, ELX->fwd.shift);
  } else {
    assert_null(big->fwd.index);
  }
  assert_non_null(ELX->fwd.index); /* the data's words: the direct table */
  const char *texts[] = {
      "Officials recalled Moscow's 2014 annexation of Crimea and its full-scale invasion of "
      "Ukraine in 2022 at the meeting, and they said that it was not over; talks resumed in Geneva",
      "Kremlin spokesman Dmitry Peskov said Russia would examine the strategy. Peskov called "
      "the move positive because the US had changed its tone.",
      "Thousands protested in Kyiv"};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    cg_docx *a = new_doc(texts[i]), *b = new_doc(texts[i]);
    run(a);
    assert_int_equal(cg_actors_run(ALX, b), CG_OK);
    assert_int_equal(cg_events_run(big, b), CG_OK);
    assert_true(a->events.len > 0);
    assert_same_extraction(a, b);
    cg_docx_free(a);
    cg_docx_free(b);
  }
  cg_event_lexicon_free(big);
  event_lexdir_remove(dir);
  cg_buf_free(&extra);
}

static void test_function_word_table_fallback(void **state) {
  (void)state;
  function_word_table_fallback(300);
  function_word_table_fallback(100);
}

/* Many distinct lemmas in one document, and one longer than the fixed-size copy
 * (CG_LEMMA_PAD): each event gets its own trigger's lemma, whole and terminated, as
 * the lemmas are cut one after the other from pieces of the document's memory (or
 * copied on their own when long), and they outlive the scratch. */
static void test_lemma_copies_many_and_long(void **state) {
  (void)state;
  char dir[] = "/tmp/cg_events_XXXXXX", sub[1100];
  static const char *long_lemma = "zqextraordinarilylonglemma";
  assert_true(strlen(long_lemma) >= CG_LEMMA_PAD);
  char extra[256];
  snprintf(extra, sizeof extra, "\nzqfoo\t%s\tstatement\tverb\t-\n", long_lemma);
  const char *const extras[N_EVENT_FILES] = {NULL, NULL, extra, NULL};
  event_lexdir(dir, extras);
  cg_event_lexicon *lx = NULL;
  cg_error err;
  assert_int_equal(cg_event_lexicon_new(&lx, dir, &err), CG_OK);
  /* verbs whose form is their lemma, from the trigger file: "Officials V the plan." */
  snprintf(sub, sizeof sub, "%s/en/events/triggers.tsv", dir);
  FILE *f = fopen(sub, "r");
  assert_non_null(f);
  char line[512], forms[120][64];
  size_t nf = 0;
  cg_buf text = {0};
  while (nf < 120 && fgets(line, sizeof line, f)) {
    char form[64], lemma[64], cls[64], pos[16];
    if (line[0] == '#' || sscanf(line, "%63[^\t]\t%63[^\t]\t%63[^\t]\t%15[^\t]", form, lemma, cls,
                                 pos) != 4)
      continue;
    bool lower = true;
    for (const char *c = form; *c; c++) lower &= *c >= 'a' && *c <= 'z';
    if (!lower || strcmp(form, lemma) != 0 || strcmp(pos, "verb") != 0) continue;
    if (nf && strcmp(forms[nf - 1], form) == 0) continue;
    snprintf(forms[nf++], sizeof forms[0], "%s", form);
    cg_buf_printf(&text, "Officials %s the plan. ", form);
  }
  fclose(f);
  assert_true(nf >= 60); /* well past one piece of 256 bytes of lemmas */
  cg_buf_puts(&text, "Officials zqfoo the plan.");
  cg_docx *dx = new_doc(text.data);
  cg_event_scratch *es = cg_event_scratch_new();
  assert_int_equal(cg_actors_run(ALX, dx), CG_OK);
  assert_int_equal(cg_events_run_scratch(lx, dx, NULL, es), CG_OK);
  cg_event_scratch_free(es); /* the lemmas are the document's */
  size_t found = 0;
  const char *p = dx->doc->text;
  for (size_t i = 0; i < nf; i++) {
    char ctx[96];
    snprintf(ctx, sizeof ctx, "Officials %.63s the", forms[i]);
    p = strstr(p, ctx);
    assert_non_null(p);
    size_t off = (size_t)(p - dx->doc->text) + strlen("Officials ");
    for (size_t e = 0; e < dx->events.len; e++)
      if (dx->events.items[e].trig_start == off) {
        assert_string_equal(dx->events.items[e].lemma, forms[i]);
        found++;
      }
    p++;
  }
  assert_true(found >= nf * 9 / 10);
  const cg_event *z = event_at(dx, "zqfoo", "zqfoo");
  assert_string_equal(z->lemma, long_lemma);
  assert_string_equal(z->cls, "statement"); /* borrowed from the lexicon */
  cg_event_lexicon_free(lx);
  cg_docx_free(dx);
  cg_buf_free(&text);
  event_lexdir_remove(dir);
}

/* The participants of many events in one document (more than one piece of the
 * document's memory they are cut from, see doc_parts): each event keeps its own. */
static void test_participants_of_many_events(void **state) {
  (void)state;
  static const char *pairs[][2] = {{"Russia", "Ukraine"}, {"France", "Germany"},
                                   {"Japan", "China"}};
  cg_buf b = {0};
  for (int i = 0; i < 60; i++)
    cg_buf_printf(&b, "%s attacked %s. ", pairs[i % 3][0], pairs[i % 3][1]);
  cg_docx *dx = new_doc(b.data);
  run(dx);
  size_t n = 0;
  for (size_t i = 0; i < dx->events.len; i++) {
    const cg_event *ev = &dx->events.items[i];
    if (strcmp(ev->lemma, "attack") != 0) continue;
    assert_int_equal(ev->sentence, n); /* one a sentence, in order */
    assert_int_equal(ev->nparts, 2);
    assert_string_equal(part_name(dx, ev, CG_ROLE_AGENT), pairs[n % 3][0]);
    assert_string_equal(part_name(dx, ev, CG_ROLE_PATIENT), pairs[n % 3][1]);
    n++;
  }
  assert_int_equal(n, 60);
  cg_docx_free(dx);
  cg_buf_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_possessive_nominal_attached_year),
      cmocka_unit_test(test_shared_tokens_same_result),
      cmocka_unit_test(test_scratch_reuse_matches_fresh_runs),
      cmocka_unit_test(test_function_word_at_text_end),
      cmocka_unit_test(test_function_word_table_fallback),
      cmocka_unit_test(test_lemma_copies_many_and_long),
      cmocka_unit_test(test_participants_of_many_events),
      cmocka_unit_test(test_location_scan_at_every_token_position),
      cmocka_unit_test(test_attached_timex_reach_at_every_token_position),
      cmocka_unit_test(test_timex_inside_token),
      cmocka_unit_test(test_sentence_bounds_off_tokens),
      cmocka_unit_test(test_spans_past_token_map),
      cmocka_unit_test(test_spans_far_apart),
      cmocka_unit_test(test_clause_timex),
      cmocka_unit_test(test_relational_duration_keeps_clause),
      cmocka_unit_test(test_reporting_dct_and_speaker),
      cmocka_unit_test(test_age_start),
      cmocka_unit_test(test_since),
      cmocka_unit_test(test_since_after_superlative),
      cmocka_unit_test(test_passive_by_agent),
      cmocka_unit_test(test_subjects_coordination_parens_apposition),
      cmocka_unit_test(test_possessive_pronoun_light_verb_object_title),
      cmocka_unit_test(test_age_start_value_is_a_year),
      cmocka_unit_test(test_clause_rules),
      cmocka_unit_test(test_verb_after_determiner_not_trigger),
      cmocka_unit_test(test_dct_present_and_perfect),
      cmocka_unit_test(test_narrative_reference),
      cmocka_unit_test(test_lexicon_forms),
      cmocka_unit_test(test_participants_apposition_control_between),
      cmocka_unit_test(test_form_filter_passes_every_form),
      cmocka_unit_test(test_object_after_listed_prepositions),
  };
  return cmocka_run_group_tests(tests, setup, teardown) != 0;
}
