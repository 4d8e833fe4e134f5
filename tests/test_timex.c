/* Unit tests of the temporal tagger: one test per construction family of issue 3,
 * plus the rule files (every file loads, every class is used by a pattern or by C). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "timex_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cg_tagger *tagger;

static int setup(void **state) {
  (void)state;
  cg_error err = {0};
  return cg_tagger_new(&tagger, NULL, &err) == CG_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  cg_tagger_free(tagger);
  return 0;
}

/* Tags text with the given DCT (NULL: none) and mode; caller frees with cg_docx_free. */
static cg_docx *tag(const char *text, const char *dct, cg_tag_mode mode) {
  cg_doc *d = cg_doc_new();
  d->text = cg_xstrdup(text);
  d->len = strlen(text);
  d->dct = dct ? cg_xstrdup(dct) : NULL;
  cg_docx *dx = cg_docx_new(d);
  assert_int_equal(cg_tagger_run(tagger, dx, mode), CG_OK);
  return dx;
}

/* The timex whose extent is exactly `span` (first occurrence in the text), or NULL. */
static const cg_timex *find(const cg_docx *dx, const char *span) {
  const char *p = strstr(dx->doc->text, span);
  if (!p) return NULL;
  size_t s = (size_t)(p - dx->doc->text), e = s + strlen(span);
  for (size_t i = 0; i < dx->timexes.len; i++)
    if (dx->timexes.items[i].start == s && dx->timexes.items[i].end == e) return &dx->timexes.items[i];
  return NULL;
}

/* Asserts a timex with extent span, type, value and mod exists. */
static void expect(const char *text, const char *dct, const char *span, cg_timex_type type,
                   const char *value, const char *mod) {
  cg_docx *dx = tag(text, dct, CG_MODE_AUTO);
  const cg_timex *x = find(dx, span);
  if (!x) {
    for (size_t i = 0; i < dx->timexes.len; i++)
      fprintf(stderr, "  got [%.*s] %s\n", (int)(dx->timexes.items[i].end - dx->timexes.items[i].start),
              dx->doc->text + dx->timexes.items[i].start, dx->timexes.items[i].value);
    fail_msg("no timex '%s' in '%s'", span, text);
  }
  assert_int_equal(x->type, type);
  assert_string_equal(x->value, value);
  assert_string_equal(x->mod, mod ? mod : "");
  cg_docx_free(dx);
}

static size_t count(const char *text, const char *dct) {
  cg_docx *dx = tag(text, dct, CG_MODE_AUTO);
  size_t n = dx->timexes.len;
  cg_docx_free(dx);
  return n;
}

static void test_explicit(void **state) {
  (void)state;
  const char *dct = "2024-06-10";
  expect("It began on 24 February 2022.", dct, "24 February 2022", CG_TX_DATE, "2022-02-24", NULL);
  expect("It began on Feb. 24, 2022, at dawn.", dct, "Feb. 24, 2022", CG_TX_DATE, "2022-02-24", NULL);
  expect("Filed 2022-02-24 in court.", dct, "2022-02-24", CG_TX_DATE, "2022-02-24", NULL);
  expect("Filed 02/24/2022 in court.", dct, "02/24/2022", CG_TX_DATE, "2022-02-24", NULL);
  expect("It happened in 2014.", dct, "2014", CG_TX_DATE, "2014", NULL);
  expect("Born in the 1990s, she left.", dct, "the 1990s", CG_TX_DATE, "199", NULL);
  expect("Built in the 19th century.", dct, "the 19th century", CG_TX_DATE, "18", NULL);
  expect("Prices rose in mid-2014.", dct, "mid-2014", CG_TX_DATE, "2014", "MID");
  expect("Sales fell in early 2023.", dct, "early 2023", CG_TX_DATE, "2023", "START");
  expect("Profit in the second quarter of 2024 fell.", dct, "the second quarter of 2024",
         CG_TX_DATE, "2024-Q2", NULL);
  expect("The show opens in spring 2019.", dct, "spring 2019", CG_TX_DATE, "2019-SP", NULL);
  expect("Caesar died in 44 BC.", dct, "44 BC", CG_TX_DATE, "BC0044", NULL);
  expect("We met on March 3.", dct, "March 3", CG_TX_DATE, "2024-03-03", NULL);
  expect("The vote is at 3:30 p.m. ET, he said.", dct, "3:30 p.m. ET", CG_TX_TIME,
         "2024-06-10T15:30", NULL);
}

static void test_relative(void **state) {
  (void)state;
  const char *dct = "2024-06-12"; /* a Wednesday */
  expect("He resigned on Friday.", dct, "Friday", CG_TX_DATE, "2024-06-07", NULL);
  expect("He will resign on Friday.", dct, "Friday", CG_TX_DATE, "2024-06-14", NULL);
  expect("They met last Tuesday.", dct, "last Tuesday", CG_TX_DATE, "2024-06-11", NULL);
  expect("Rates rise next month.", dct, "next month", CG_TX_DATE, "2024-07", NULL);
  expect("He left yesterday.", dct, "yesterday", CG_TX_DATE, "2024-06-11", NULL);
  expect("Sales grew this year.", dct, "this year", CG_TX_DATE, "2024", NULL);
  expect("She left two weeks ago.", dct, "two weeks ago", CG_TX_DATE, "2024-W22", NULL);
  expect("It rained earlier this month.", dct, "earlier this month", CG_TX_DATE, "2024-06", "START");
  expect("Talks resume in the coming days.", dct, "the coming days", CG_TX_DATE, "FUTURE_REF", NULL);
  expect("The firm recently merged.", dct, "recently", CG_TX_DATE, "PAST_REF", NULL);
  expect("It is now closed.", dct, "now", CG_TX_DATE, "PRESENT_REF", NULL);
  expect("It is currently closed.", dct, "currently", CG_TX_DATE, "PRESENT_REF", NULL);
  expect("Output was lower a year earlier.", dct, "a year earlier", CG_TX_DATE, "2023", NULL);
}

static void test_durations_ages(void **state) {
  (void)state;
  const char *dct = "2026-02-20";
  expect("The talks lasted four years.", dct, "four years", CG_TX_DURATION, "P4Y", NULL);
  expect("The talks lasted 18 months.", dct, "18 months", CG_TX_DURATION, "P18M", NULL);
  expect("It ended a decade-long feud.", dct, "a decade-long", CG_TX_DURATION, "P10Y", NULL);
  expect("He waited more than a week.", dct, "more than a week", CG_TX_DURATION, "P1W", "MORE_THAN");
  cg_docx *dx = tag("Peace ended the nearly four-year-old war.", dct, CG_MODE_AUTO);
  const cg_timex *x = find(dx, "nearly four-year-old");
  assert_non_null(x);
  assert_int_equal(x->type, CG_TX_DURATION);
  assert_string_equal(x->value, "P4Y");
  assert_string_equal(x->mod, "APPROX");
  assert_true(x->flags & CG_TXF_AGE);
  assert_true(x->span.valid);
  int64_t y;
  unsigned m, d;
  cg_civil_from_days(x->span.earliest, &y, &m, &d);
  assert_int_equal(y, 2022);
  cg_docx_free(dx);
  /* a person's age is not a timex */
  assert_int_equal(count("A 6-year-old boy was found.", dct), 0);
}

static void test_ranges_sets(void **state) {
  (void)state;
  const char *dct = "2024-06-10";
  cg_docx *dx = tag("He served from 2014 to 2022 and again 2009-2010.", dct, CG_MODE_AUTO);
  const cg_timex *a = find(dx, "2014"), *b = find(dx, "2022"), *c = find(dx, "2009"),
                 *e = find(dx, "2010");
  assert_non_null(a);
  assert_non_null(b);
  assert_non_null(c);
  assert_non_null(e);
  assert_true(a->flags & CG_TXF_RANGE_FROM);
  assert_true(b->flags & CG_TXF_RANGE_TO);
  assert_true(c->flags & CG_TXF_RANGE_FROM);
  assert_true(e->flags & CG_TXF_RANGE_TO);
  cg_docx_free(dx);
  dx = tag("Between March and May it rained.", dct, CG_MODE_AUTO);
  assert_non_null(find(dx, "March"));
  assert_non_null(find(dx, "May"));
  cg_docx_free(dx);
  expect("The fair is held every year.", dct, "every year", CG_TX_SET, "P1Y", NULL);
  expect("The report is published annually.", dct, "annually", CG_TX_SET, "P1Y", NULL);
  expect("They meet every Friday.", dct, "every Friday", CG_TX_SET, "XXXX-WXX-5", NULL);
}

static void test_narrative(void **state) {
  (void)state;
  cg_docx *dx = tag("The siege began in June 1941. In March the city fell. The following year "
                    "it was retaken.", NULL, CG_MODE_AUTO);
  const cg_timex *m = find(dx, "March");
  assert_non_null(m);
  assert_string_equal(m->value, "1941-03");
  assert_true(m->flags & CG_TXF_NARRATIVE);
  const cg_timex *f = find(dx, "The following year");
  assert_non_null(f);
  assert_string_equal(f->value, "1942");
  cg_docx_free(dx);
  /* without any anchor, values stay underspecified */
  dx = tag("On Friday the talks ended.", NULL, CG_MODE_NARRATIVE);
  assert_non_null(find(dx, "Friday"));
  assert_string_equal(find(dx, "Friday")->value, "XXXX-WXX-5");
  cg_docx_free(dx);
}

/* Auto mode with a DCT: a history story far from the DCT anchors month/day dates on
 * its last full date; news mentioning an old year keeps the DCT. */
static void test_auto_narrative(void **state) {
  (void)state;
  const char *hist = "On the evening of 9 November 1989, the border opened.\n\n"
                     "Honecker, in power since 1971, was forced out on 18 October. "
                     "On 4 November, crowds rallied.\n\n"
                     "The following year Germany was reunified. On Saturday, Merkel spoke.";
  expect(hist, "2019-11-09", "18 October", CG_TX_DATE, "1989-10-18", NULL);
  expect(hist, "2019-11-09", "4 November", CG_TX_DATE, "1989-11-04", NULL);
  expect(hist, "2019-11-09", "The following year", CG_TX_DATE, "1990", NULL);
  /* weekdays stay on the DCT: news style "On Saturday" */
  expect(hist, "2019-11-09", "Saturday", CG_TX_DATE, "2019-11-09", NULL);
  /* news: an old year named once does not move "Friday" or "in March" */
  const char *news = "Russia annexed Crimea in 2014.\n\nOn Friday, the minister said talks "
                     "would resume in March.";
  expect(news, "2024-01-17", "Friday", CG_TX_DATE, "2024-01-12", NULL);
  expect(news, "2024-01-17", "March", CG_TX_DATE, "2024-03", NULL);
  /* the reference fades: three paragraphs later a bare date is the DCT's again */
  expect("It opened on 9 November 1989.\n\nA.\n\nB.\n\nC.\n\nThe vote is on 4 November.",
         "2019-10-01", "4 November", CG_TX_DATE, "2019-11-04", NULL);
  /* forced news mode never uses the text's dates */
  cg_docx *dx = tag(hist, "2019-11-09", CG_MODE_NEWS);
  assert_string_equal(find(dx, "4 November")->value, "2019-11-04");
  cg_docx_free(dx);
}

/* Past tense, "May" the person, trailing commas, reporting-day parts of day. */
static void test_round3(void **state) {
  (void)state;
  expect("The document is the first since Trump returned to the White House in January.",
         "2025-12-07", "January", CG_TX_DATE, "2025-01", NULL);
  expect("The vote is set for January.", "2025-12-07", "January", CG_TX_DATE, "2026-01", NULL);
  assert_int_equal(count("Prime Minister Theresa May signed the letter. Mrs. May told MPs. "
                         "May said no.", "2017-03-29"), 0);
  expect("The talks end in May.", "2017-03-29", "May", CG_TX_DATE, "2017-05", NULL);
  expect("The EU is expected to publish its guidelines on Friday.", "2017-03-29", "Friday",
         CG_TX_DATE, "2017-03-31", NULL);
  expect("The election held on Tuesday, 3 November, was close.", "2020-11-07",
         "Tuesday, 3 November", CG_TX_DATE, "2020-11-03", NULL);
  expect("She spoke this morning.", "2020-11-07", "this morning", CG_TX_TIME, "2020-11-07TMO", NULL);
  expect("Flights were cancelled over the weekend.", "2024-07-25", "the weekend", CG_TX_DATE,
         "2024-W29-WE", NULL);
  expect("Britain left on 31 January 2020 at 11pm GMT.", "2020-02-01", "11pm GMT", CG_TX_TIME,
         "2020-01-31T23:00Z", NULL);
  /* a short title line ends a sentence: "March" does not run into the next line */
  expect("Sales in March\nRose 3% on Friday.", "2024-05-08", "March", CG_TX_DATE, "2024-03", NULL);
}

static void test_non_dates(void **state) {
  (void)state;
  const char *dct = "2024-06-10";
  assert_int_equal(count("The army sent 2,014 soldiers.", dct), 0);
  assert_int_equal(count("Drive along Route 66 west.", dct), 0);
  assert_int_equal(count("It cost $2014 in total.", dct), 0);
  assert_int_equal(count("About 1.5 million people voted.", dct), 0);
  assert_int_equal(count("Call 555-1234 or 212-555-1234 now.", dct), 1); /* only "now" */
  assert_int_equal(count("Upgrade to version 2.0.1 of the app.", dct), 0);
  assert_int_equal(count("You may leave; they march on.", dct), 0);
}

/* Regression: a curly quote at the start of a word (MEANTIME) made the tokeniser loop
 * forever; it must end and still find the dates around it. Also: digits glued to
 * letters are no dates, and one huge token without spaces is tagged in bounded
 * chunks (nothing found, no crash). */
static void test_tokeniser_edges(void **state) {
  (void)state;
  const char *dct = "2024-06-10";
  expect("\xE2\x80\x9C" "Today\xE2\x80\x9D he said \xE2\x80\x98" "Friday\xE2\x80\x99 in 2014.", dct, "2014",
         CG_TX_DATE, "2014", NULL);
  expect("\xE2\x80\x99Tis March 3 \xE2\x80\x9C\xE2\x80\x9D\xE2\x80\x99\xE2\x80\x98", dct, "March 3",
         CG_TX_DATE, "2024-03-03", NULL);
  assert_int_equal(count("\xE2\x80\x9C\xE2\x80\x9D\xE2\x80\x98\xE2\x80\x99", dct), 0);
  assert_int_equal(count("Model Ab2014-12/06x and G20 or 4G", dct), 0);
  expect("The meeting will be at 10am on Friday.", dct, "10am", CG_TX_TIME, "2024-06-14T10:00", NULL);
  size_t n = 200000;
  char *big = malloc(n + 20);
  for (size_t i = 0; i < n; i++) big[i] = "Ab2014-12/06x"[i % 13];
  strcpy(big + n, " in May 2014.");
  cg_docx *dx = tag(big, dct, CG_MODE_AUTO);
  size_t found = 0;
  for (size_t i = 0; i < dx->timexes.len; i++) {
    assert_true(dx->timexes.items[i].end <= dx->doc->len);
    found += !strcmp(dx->timexes.items[i].value, "2014-05");
  }
  assert_int_equal(found, 1);
  cg_docx_free(dx);
  free(big);
}

/* Results stories: "a year earlier" after "the third quarter" is that quarter a year
 * before (TimeBank's 1988-Q3), only near a quarter; elsewhere it stays a year. */
static void test_quarter_context(void **state) {
  (void)state;
  const char *dct = "1989-10-26";
  cg_docx *dx = tag("Net income in the third quarter rose 5%. A year earlier it earned $3 million. "
                    "Sales rose from a year ago.", dct, CG_MODE_AUTO);
  const cg_timex *q = find(dx, "the third quarter");
  assert_non_null(q);
  assert_string_equal(q->value, "1989-Q3");
  const cg_timex *a = find(dx, "A year earlier");
  assert_non_null(a);
  assert_string_equal(a->value, "1988-Q3");
  const cg_timex *b = find(dx, "a year ago");
  assert_non_null(b);
  assert_string_equal(b->value, "1988-Q3"); /* not chained to 1987 */
  cg_docx_free(dx);
  expect("Output was lower a year earlier.", dct, "a year earlier", CG_TX_DATE, "1988", NULL);
  /* a quarter later in the year than the DCT's, in the past tense: last year's */
  expect("Profit fell in the fourth quarter.", "2024-02-10", "the fourth quarter", CG_TX_DATE,
         "2023-Q4", NULL);
  /* weekday with an explicit date: the date decides */
  expect("They met on Monday, Oct. 26, he said.", "1998-10-25", "Monday, Oct. 26", CG_TX_DATE,
         "1998-10-26", NULL);
  /* a bare month: the nearest, a future one only when clearly near */
  expect("Sales rose in March.", "1989-11-01", "March", CG_TX_DATE, "1989-03", NULL);
  expect("This September we will see.", "1998-02-05", "This September", CG_TX_DATE, "1998-09", NULL);
}

/* "at 11pm on Friday": the weekday is resolved first (past tense: the Friday on or
 * before the DCT), then the clock time takes its day; without "on" joining them, or
 * across a sentence end, the time stays on the DCT's day. */
static void test_time_on_day(void **state) {
  (void)state;
  const char *text = "The United Kingdom left the European Union at 11pm on Friday, ending "
                     "a membership that began in 1973.";
  expect(text, "2020-02-01", "11pm", CG_TX_TIME, "2020-01-31T23:00", NULL);
  expect(text, "2020-02-01", "Friday", CG_TX_DATE, "2020-01-31", NULL);
  /* future tense: next Friday's evening (DCT a Wednesday) */
  expect("Polls will close at 10pm on Friday.", "2024-06-12", "10pm", CG_TX_TIME,
         "2024-06-14T22:00", NULL);
  /* a full date after "on" works the same way */
  expect("It ended at 11:30 p.m. on 31 January, officials said.", "2020-02-01", "11:30 p.m.",
         CG_TX_TIME, "2020-01-31T23:30", NULL);
  /* no "on" between them: the time is not moved */
  expect("Polls closed at 10pm. On Friday the count began.", "2024-06-12", "10pm", CG_TX_TIME,
         "2024-06-12T22:00", NULL);
  /* no DCT: the time takes the weekday's underspecified value */
  cg_docx *dx = tag("The vote closed at 10pm on Friday.", NULL, CG_MODE_AUTO);
  const cg_timex *t = find(dx, "10pm");
  assert_non_null(t);
  assert_string_equal(t->value, "XXXX-WXX-5T22:00");
  assert_true(t->flags & CG_TXF_UNRESOLVED);
  cg_docx_free(dx);
}

/* "N units after/before <event>" counts from the event, not from the DCT: TimeBank
 * (8 of 8) and MEANTIME (6 of 6) tag the quantity alone as a DURATION. */
static void test_event_anchored(void **state) {
  (void)state;
  const char *wall = "The Wall fell on 9 November 1989. Germany was reunified less than a year "
                     "after it fell, on 3 October 1990.";
  expect(wall, "2019-11-09", "less than a year", CG_TX_DURATION, "P1Y", "LESS_THAN");
  expect(wall, "2019-11-09", "3 October 1990", CG_TX_DATE, "1990-10-03", NULL);
  const char *crimea = "Putin signed the document two days after a referendum on Sunday in "
                       "which voters backed joining Russia.";
  expect(crimea, "2014-03-18", "two days", CG_TX_DURATION, "P2D", NULL);
  expect(crimea, "2014-03-18", "Sunday", CG_TX_DATE, "2014-03-16", NULL);
  expect("Five years before the crash, the firm was small.", "2024-06-12", "Five years",
         CG_TX_DURATION, "P5Y", NULL);
  /* no timex ends in "after" or "before", and none is a DATE */
  cg_docx *dx = tag(crimea, "2014-03-18", CG_MODE_AUTO);
  for (size_t i = 0; i < dx->timexes.len; i++) {
    const cg_timex *x = &dx->timexes.items[i];
    assert_true(x->end < 6 || strncmp(dx->doc->text + x->end - 5, "after", 5) != 0);
  }
  cg_docx_free(dx);
  /* "earlier"/"later"/"ago" still count from the anchor */
  expect("She left two weeks ago.", "2024-06-12", "two weeks ago", CG_TX_DATE, "2024-W22", NULL);
}

/* Checks the implied start of an age: mod, and the span [earliest, latest] in days. */
static void expect_age(const char *text, const char *dct, const char *span, const char *mod,
                       const char *earliest, const char *latest, int mid_year) {
  cg_docx *dx = tag(text, dct, CG_MODE_AUTO);
  const cg_timex *x = find(dx, span);
  if (!x) fail_msg("no timex '%s' in '%s'", span, text);
  assert_int_equal(x->type, CG_TX_DURATION);
  assert_true(x->flags & CG_TXF_AGE);
  assert_string_equal(x->mod, mod);
  assert_true(x->span.valid);
  assert_int_equal(x->span.gran, CG_GRAN_YEAR);
  char a[24], b[24];
  cg_format_day(x->span.earliest, a, sizeof a);
  cg_format_day(x->span.latest, b, sizeof b);
  assert_string_equal(a, earliest);
  assert_string_equal(b, latest);
  int64_t y;
  unsigned m, d;
  cg_civil_from_days(x->span.earliest + (x->span.latest - x->span.earliest) / 2, &y, &m, &d);
  assert_int_equal(y, mid_year);
  cg_docx_free(dx);
}

/* "nearly N years old": the start lies between DCT - N and DCT - (N - 1) years; an
 * exact age between DCT - (N + 1) and DCT - N; "more than" reaches further back. */
static void test_age_spans(void **state) {
  (void)state;
  const char *dct = "2025-12-07";
  expect_age("A US plan to end the nearly four-year-old war stalled.", dct,
             "nearly four-year-old", "APPROX", "2021-12-07", "2022-12-07", 2022);
  expect_age("A US plan to end the almost four-year-old war stalled.", dct,
             "almost four-year-old", "LESS_THAN", "2021-12-07", "2022-12-07", 2022);
  expect_age("A US plan to end the four-year-old war stalled.", dct, "four-year-old", "",
             "2020-12-08", "2021-12-07", 2021);
  expect_age("A US plan to end the more than four-year-old war stalled.", dct,
             "more than four-year-old", "MORE_THAN", "2019-12-07", "2021-12-07", 2020);
  expect_age("A US plan to end the roughly four-year-old war stalled.", dct,
             "roughly four-year-old", "APPROX", "2020-12-07", "2022-12-07", 2021);
  /* the timex itself keeps the age */
  expect("A US plan to end the nearly four-year-old war stalled.", dct, "nearly four-year-old",
         CG_TX_DURATION, "P4Y", "APPROX");
}

/* Every file named in index.txt loaded entries or patterns, and every lexicon class is
 * used by a pattern or by the C code (no dead data). */
static void test_rule_files(void **state) {
  (void)state;
  assert_true(tagger->nfiles >= 10);
  for (int i = 0; i < tagger->nfiles; i++) {
    size_t n = strlen(tagger->files[i]);
    bool pat = n > 4 && !strcmp(tagger->files[i] + n - 4, ".pat");
    if (!pat) assert_true(tagger->file_entries[i] > 0);
  }
  assert_true(tagger->nnodes > 50);
  for (int c = TX_C_NBUILTIN; c < tagger->nclasses; c++) {
    if (!tagger->class_used[c]) fail_msg("class %s is used by no pattern", tagger->class_names[c]);
  }
  /* a data dir without the files is a data error, not a crash */
  cg_tagger *t = NULL;
  cg_error err = {0};
  assert_int_equal(cg_tagger_new(&t, "/nonexistent-dir", &err), CG_EDATA);
  assert_null(t);
}

/* Round 4: a fiscal year "ended" a date is a DURATION (the cue stays out of the
 * extent), a quarter "ended" a date stays a DATE; a year before a quarter ordinal or
 * "quarter"/"period" in results text; noon and midnight as clock times (TimeML
 * guidelines); a part of the day before a weekday; future cues of plans. */
static void test_round4(void **state) {
  (void)state;
  const char *dct = "1989-11-02"; /* a Thursday */
  expect("Net income for the year ended Sept. 30 rose 5%.", dct, "the year", CG_TX_DURATION, "P1Y", NULL);
  expect("Sales in the fiscal year ending June 30 fell.", dct, "the fiscal year", CG_TX_DURATION, "P1Y", NULL);
  expect("Profit in the quarter ended Sept. 30 fell.", dct, "the quarter", CG_TX_DATE, "1989-Q4", NULL);
  expect("Earnings rose from the 1988 second quarter.", dct, "the 1988 second quarter", CG_TX_DATE, "1988-Q2", NULL);
  expect("Third-quarter profit fell 5% from the 1988 quarter.", dct, "the 1988 quarter", CG_TX_DATE, "1988-Q3", NULL);
  expect("Third-quarter net rose 8% from the 1988 period.", dct, "the 1988 period", CG_TX_DATE, "1988-Q3", NULL);
  /* without a quarter named nearby a year is a year */
  expect("Unemployment rose from the 1988 period.", dct, "the 1988 period", CG_TX_DATE, "1988", NULL);
  expect("The talks resumed at noon Tuesday.", dct, "noon Tuesday", CG_TX_TIME, "1989-10-31T12:00", NULL);
  expect("Trading halted at midnight.", dct, "midnight", CG_TX_TIME, "1989-11-02T24:00", NULL);
  expect("Shares fell by mid-afternoon yesterday.", dct, "mid-afternoon yesterday", CG_TX_TIME, "1989-11-01TAF", NULL);
  /* plans point forward, whatever the tense of the reporting verb */
  expect("The group could leave as soon as Tuesday, officials said.", dct, "Tuesday", CG_TX_DATE, "1989-11-07", NULL);
  expect("Protesters were planning to march on Saturday.", dct, "Saturday", CG_TX_DATE, "1989-11-04", NULL);
  expect("The court is expected to rule Monday.", dct, "Monday", CG_TX_DATE, "1989-11-06", NULL);
  /* a past verb still wins */
  expect("The court ruled Monday.", dct, "Monday", CG_TX_DATE, "1989-10-30", NULL);
}

/* Phrases whose inner words are in no class ("before", "after", "end") still merge:
 * the tokeniser stops a merge at a word that is no lexicon word, and the loader makes
 * every word of a phrase one. One working memory reused over documents of different
 * sizes (one longer than a chunk, so the token arrays grow, then short ones again)
 * gives what a fresh one gives. */
static void test_phrases_scratch(void **state) {
  (void)state;
  const char *dct = "2020-03-10";
  expect("He left the day before yesterday.", dct, "the day before yesterday", CG_TX_DATE, "2020-03-08", NULL);
  expect("He returns the day after tomorrow.", dct, "the day after tomorrow", CG_TX_DATE, "2020-03-12", NULL);
  expect("Sales rose at the end of the year.", dct, "the end of the year", CG_TX_DATE, "2020", "END");
  expect("Mr. May said on Nov. 3 that sales fell.", dct, "Nov. 3", CG_TX_DATE, "2019-11-03", NULL);
  /* phrases with an apostrophe: the loader cuts them as the tokeniser cuts the text
   * ("valentine" | "'s" | "day"); before, a phrase whose first word held one never
   * matched, and "New Year's Day" stopped at "New Year's" */
  expect("They wed on Valentine's Day.", dct, "Valentine's Day", CG_TX_DATE, "2020-02-14", NULL);
  expect("Markets shut on New Year's Day.", dct, "New Year's Day", CG_TX_DATE, "2020-01-01", NULL);
  expect("He phoned on Mother's Day.", dct, "Mother's Day", CG_TX_DATE, "2019-05-12", NULL);
  expect("The train left at 5 o'clock.", dct, "5 o'clock", CG_TX_TIME, "2020-03-10T05:00", NULL);
  /* a decade or century count as large as the tagger reads numbers: its years
   * overflowed an int (found by fuzz_tagger) */
  expect("The war lasted 99999999 centuries.", dct, "99999999 centuries", CG_TX_DURATION,
         "P9999999900Y", NULL);
  /* a number word before o'clock or a.m./p.m. is a time as the digit is */
  expect("The train left at five o'clock.", dct, "five o'clock", CG_TX_TIME, "2020-03-10T05:00", NULL);
  expect("Talks ended at ten p.m.", dct, "ten p.m.", CG_TX_TIME, "2020-03-10T22:00", NULL);
  expect("We met at twelve a.m. sharp.", dct, "twelve a.m.", CG_TX_TIME, "2020-03-10T00:00", NULL);
  cg_buf big = {0};
  for (int k = 0; k < 600; k++)
    cg_buf_printf(&big, "On %d March 2019 the day before yesterday was %s.\n", k % 28 + 1,
                  k % 3 ? "quiet" : "the end of the year");
  const char *texts[] = {"It began on 24 February 2022 and ended the day after tomorrow.", big.data,
                         "Mrs. May spoke on Tuesday, Nov. 3, at 5 p.m.", "No dates here."};
  cg_tagger_scratch *sc = cg_tagger_scratch_new();
  for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
    cg_docx *a = tag(texts[k], dct, CG_MODE_AUTO);
    cg_doc *d = cg_doc_new();
    d->text = cg_xstrdup(texts[k]);
    d->len = strlen(texts[k]);
    d->dct = cg_xstrdup(dct);
    cg_docx *b = cg_docx_new(d);
    assert_int_equal(cg_tagger_run_scratch(tagger, b, CG_MODE_AUTO, sc), CG_OK);
    assert_int_equal(a->timexes.len, b->timexes.len);
    assert_true(k != 1 || a->timexes.len >= 1200); /* two per line of the long text */
    for (size_t i = 0; i < a->timexes.len; i++) {
      assert_int_equal(a->timexes.items[i].start, b->timexes.items[i].start);
      assert_int_equal(a->timexes.items[i].end, b->timexes.items[i].end);
      assert_string_equal(a->timexes.items[i].value, b->timexes.items[i].value);
    }
    cg_docx_free(a);
    cg_docx_free(b);
  }
  cg_tagger_scratch_free(sc);
  cg_buf_free(&big);
}

/* The match loop lists the tokens that may start a pattern 256 at a time: a date
 * that starts just before, at or just after that edge, or runs across it, is tagged
 * whole, and the words of a match that are listed too ("February") start nothing. */
static void test_start_window(void **state) {
  (void)state;
  for (int pad = 250; pad <= 262; pad++) {
    cg_buf b = {0};
    for (int k = 0; k < pad; k++) cg_buf_printf(&b, "blah ");
    size_t at = b.len;
    cg_buf_printf(&b, "24 February 2022 and March 2021 .");
    cg_docx *dx = tag(b.data, "2024-06-10", CG_MODE_AUTO);
    assert_int_equal(dx->timexes.len, 2);
    assert_int_equal(dx->timexes.items[0].start, at);
    assert_int_equal(dx->timexes.items[0].end, at + strlen("24 February 2022"));
    assert_string_equal(dx->timexes.items[0].value, "2022-02-24");
    assert_string_equal(dx->timexes.items[1].value, "2021-03");
    cg_docx_free(dx);
    cg_buf_free(&b);
  }
}

/* Words of 8 to 15 letters are looked up in tx_tokenise as two packed words
 * (cg_tagger.mediums): every such lexicon key is found there, as tx_lookup finds it,
 * and a word that is no key (a longer one, a prefix) finds an empty slot. In text,
 * such words are found in every position the tokeniser treats apart: before
 * punctuation, a dash, the end of the text (fewer than 16 bytes left), and after
 * several phrases merged into one token. */
static void test_word_lengths(void **state) {
  (void)state;
  size_t medium = 0;
  for (size_t i = 0; i < tagger->wcap; i++) {
    const tx_lexword *w = &tagger->words[i];
    if (!w->key || w->keylen < 8 || w->keylen > 15) continue;
    bool letters = true;
    for (size_t b = 0; b < w->keylen; b++)
      letters = letters && w->key[b] >= 'a' && w->key[b] <= 'z';
    if (!letters) continue;
    uint64_t k1 = 0, k2 = 0;
    for (size_t b = 0; b < w->keylen; b++)
      if (b < 8) k1 |= (uint64_t)(unsigned char)w->key[b] << (8 * b);
      else k2 |= (uint64_t)(unsigned char)w->key[b] << (8 * (b - 8));
    const tx_medium *m = tx_medium_slot(tagger, k1, k2);
    assert_ptr_equal(m->lw, tx_lookup(tagger, w->key, w->keylen));
    assert_int_equal(m->flags, w->flags);
    medium++;
  }
  assert_true(medium > 50);
  const char *none[] = {"yesterdays", "septembe", "internationally", "thanksgivings"};
  for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
    size_t n = strlen(none[i]);
    uint64_t k1 = 0, k2 = 0;
    for (size_t b = 0; b < n; b++)
      if (b < 8) k1 |= (uint64_t)(unsigned char)none[i][b] << (8 * b);
      else k2 |= (uint64_t)(unsigned char)none[i][b] << (8 * (b - 8));
    assert_null(tx_lookup(tagger, none[i], n));
    assert_null(tx_medium_slot(tagger, k1, k2)->lw);
    assert_int_equal(tx_medium_slot(tagger, k1, k2)->flags, 0);
  }
  const char *dct = "2020-03-10";
  expect("It rained yesterday, they said.", dct, "yesterday", CG_TX_DATE, "2020-03-09", NULL);
  expect("YESTERDAY the market fell.", dct, "YESTERDAY", CG_TX_DATE, "2020-03-09", NULL);
  expect("Prices fell yesterday\xE2\x80\x94" "and rose.", dct, "yesterday", CG_TX_DATE,
         "2020-03-09", NULL);
  expect("Prices fell yesterday", dct, "yesterday", CG_TX_DATE, "2020-03-09", NULL);
  expect("They will meet on Thursday to talk it over.", dct, "Thursday", CG_TX_DATE,
         "2020-03-12", NULL);
  expect("Sales rose in September of last year.", dct, "September", CG_TX_DATE, "2019-09", NULL);
  expect("Stores were busy at Thanksgiving, as every year.", dct, "Thanksgiving", CG_TX_DATE,
         "2019-11-28", NULL);
  assert_int_equal(count("Septembers and yesterdays were internationally quiet.", dct), 0);
  /* phrases and abbreviations merged before the words that follow them */
  const char *text = "Mr. Lee left the day before yesterday and Mrs. Kim on Nov. 3, "
                     "and they met again yesterday afternoon.";
  cg_docx *dx = tag(text, dct, CG_MODE_AUTO);
  assert_int_equal(dx->timexes.len, 3);
  assert_non_null(find(dx, "the day before yesterday"));
  assert_non_null(find(dx, "Nov. 3"));
  assert_non_null(find(dx, "yesterday afternoon"));
  cg_docx_free(dx);
}

/* A number starts a match only when it is a pattern by itself or the next token has a
 * class some pattern goes on with after it (tx_tok_may_match; a capital-only entry
 * counts only for a capitalised token, and never across a sentence end). */
static void test_number_starts(void **state) {
  (void)state;
  const char *dct = "2020-03-10";
  assert_int_equal(count("He was 5 percent up.", dct), 0);
  expect("It lasted 5 years.", dct, "5 years", CG_TX_DURATION, "P5Y", NULL);
  expect("By 2020 sales rose.", dct, "2020", CG_TX_DATE, "2020", NULL);
  expect("They left at 5 p.m. sharp.", dct, "5 p.m.", CG_TX_TIME, "2020-03-10T17:00", NULL);
  expect("It was 5 May when they left.", dct, "5 May", CG_TX_DATE, "2020-05-05", NULL);
  assert_int_equal(count("Only 5 may leave.", dct), 0);
  cg_docx *dx = tag("He counted 12. Years went by.", dct, CG_MODE_AUTO);
  assert_int_equal(dx->timexes.len, 1); /* "Years" alone, not "12. Years" */
  assert_non_null(find(dx, "Years"));
  cg_docx_free(dx);
}

/* A value of each format timex_norm.c writes, with and without a DCT. */
static void test_value_formats(void **state) {
  (void)state;
  const char *dct = "2024-06-10"; /* a Monday */
  expect("Sales fell last month.", dct, "last month", CG_TX_DATE, "2024-05", NULL);
  expect("Profit rose last quarter.", dct, "last quarter", CG_TX_DATE, "2024-Q1", NULL);
  expect("It was the best of the last decade.", dct, "the last decade", CG_TX_DATE, "201", NULL);
  expect("It ended last century.", dct, "last century", CG_TX_DATE, "19", NULL);
  expect("We met last week.", dct, "last week", CG_TX_DATE, "2024-W23", NULL);
  expect("We met last weekend.", dct, "last weekend", CG_TX_DATE, "2024-W23-WE", NULL);
  expect("He waited for years.", dct, "years", CG_TX_DURATION, "PXY", NULL);
  expect("It lasted 100000 years.", dct, "100000 years", CG_TX_DURATION, "P100000Y", NULL);
  expect("It began in the 20th century.", dct, "the 20th century", CG_TX_DATE, "19", NULL);
  expect("We met on Thanksgiving.", dct, "Thanksgiving", CG_TX_DATE, "2023-11-23", NULL);
  expect("We met on Thanksgiving.", NULL, "Thanksgiving", CG_TX_DATE, "XXXX-11", NULL);
  expect("We met at Christmas.", NULL, "Christmas", CG_TX_DATE, "XXXX-12-25", NULL);
  expect("We met last summer.", dct, "last summer", CG_TX_DATE, "2023-SU", NULL);
  expect("We met last summer.", NULL, "last summer", CG_TX_DATE, "XXXX-SU", NULL);
  expect("Profit rose in the third quarter of 2019.", dct, "the third quarter of 2019", CG_TX_DATE,
         "2019-Q3", NULL);
  expect("Net income rose in the third quarter. A year earlier it fell.", dct, "A year earlier",
         CG_TX_DATE, "2022-Q3", NULL);
  expect("He runs every morning.", dct, "every morning", CG_TX_SET, "XXXX-XX-XXTMO", NULL);
  expect("She left at 3:30 pm on Tuesday.", NULL, "3:30 pm", CG_TX_TIME, "XXXX-WXX-2T15:30", NULL);
  expect("She left at 5 pm.", dct, "5 pm", CG_TX_TIME, "2024-06-10T17:00", NULL);
  expect("She left Friday night.", NULL, "Friday night", CG_TX_DATE, "XXXX-WXX-5TNI", NULL);
  expect("It starts at 18:00 UTC.", NULL, "18:00 UTC", CG_TX_TIME, "XXXX-XX-XXT18:00Z", NULL);
  expect("Rome fell in AD 476.", dct, "AD 476", CG_TX_DATE, "0476", NULL);
}

/* The tense is looked for only when a value needs it, and afresh for each match: a
 * weekday after a past and then a future verb, in one text, and a clock time whose
 * day is resolved against it. */
static void test_tense_per_match(void **state) {
  (void)state;
  cg_docx *dx = tag("He left on Friday. In 2019 sales fell. She will return on Friday. "
                    "They will meet at 5 pm on Friday.",
                    "2024-06-10", CG_MODE_AUTO);
  assert_int_equal(dx->timexes.len, 5);
  assert_string_equal(dx->timexes.items[0].value, "2024-06-07");
  assert_string_equal(dx->timexes.items[1].value, "2019");
  assert_string_equal(dx->timexes.items[2].value, "2024-06-14");
  assert_string_equal(dx->timexes.items[3].value, "2024-06-14T17:00");
  assert_string_equal(dx->timexes.items[4].value, "2024-06-14");
  cg_docx_free(dx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_phrases_scratch), cmocka_unit_test(test_start_window),
      cmocka_unit_test(test_explicit),       cmocka_unit_test(test_relative),
      cmocka_unit_test(test_durations_ages), cmocka_unit_test(test_ranges_sets),
      cmocka_unit_test(test_narrative),      cmocka_unit_test(test_non_dates),
      cmocka_unit_test(test_rule_files),     cmocka_unit_test(test_tokeniser_edges),
      cmocka_unit_test(test_quarter_context), cmocka_unit_test(test_auto_narrative),
      cmocka_unit_test(test_round3),         cmocka_unit_test(test_time_on_day),
      cmocka_unit_test(test_event_anchored), cmocka_unit_test(test_age_spans),
      cmocka_unit_test(test_round4),         cmocka_unit_test(test_value_formats),
      cmocka_unit_test(test_tense_per_match), cmocka_unit_test(test_word_lengths),
      cmocka_unit_test(test_number_starts),
  };
  return cmocka_run_group_tests(tests, setup, teardown) != 0;
}
