/* Actor recognition and alias resolution: one test per rule kind. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "actors.h"
#include "actors_int.h"
#include "docx_fixture.h"
#include "sentences.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cg_actor_lexicon *LX;

static int setup(void **state) {
  (void)state;
  cg_error err;
  if (cg_actor_lexicon_new(&LX, NULL, &err) != CG_OK) {
    fprintf(stderr, "lexicon: %s: %s\n", err.file, err.msg);
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  cg_actor_lexicon_free(LX);
  return 0;
}

static cg_docx *run(const char *text) {
  cg_docx *dx = fx_split_docx(text, NULL);
  assert_int_equal(cg_actors_run(LX, dx), CG_OK);
  return dx;
}

static int actor_named(const cg_docx *dx, const char *name) {
  for (size_t i = 0; i < dx->actors.len; i++)
    if (strcmp(dx->actors.items[i].name, name) == 0) return (int)i;
  return -1;
}

static bool has_alias(const cg_actor *a, const char *s) {
  for (size_t i = 0; i < a->naliases; i++)
    if (strcmp(a->aliases[i], s) == 0) return true;
  return false;
}

/* The actor of the mention whose text is s (first occurrence), or -1. */
static int mention_actor(const cg_docx *dx, const char *s) {
  const char *p = strstr(dx->doc->text, s);
  if (!p) return -1;
  size_t off = (size_t)(p - dx->doc->text);
  for (size_t i = 0; i < dx->mentions.len; i++)
    if (dx->mentions.items[i].start == off && dx->mentions.items[i].end == off + strlen(s))
      return (int)dx->mentions.items[i].actor;
  return -1;
}

static void test_metonyms_and_demonyms_resolve_to_state(void **state) {
  (void)state;
  cg_docx *dx = run("The Kremlin rejected the plan. Moscow\xE2\x80\x99s envoy left, and Russia "
                    "closed the border. Russian President Vladimir Putin spoke.");
  int ru = fx_actor_key(dx, "gpe:RU");
  assert_true(ru >= 0);
  assert_string_equal(dx->actors.items[ru].name, "Russia");
  assert_int_equal(mention_actor(dx, "Kremlin"), ru);
  assert_int_equal(mention_actor(dx, "Moscow"), ru);
  assert_int_equal(mention_actor(dx, "Russia"), ru);
  assert_int_equal(mention_actor(dx, "Russian"), ru);
  assert_true(has_alias(&dx->actors.items[ru], "Kremlin"));
  assert_true(has_alias(&dx->actors.items[ru], "Moscow"));
  int putin = actor_named(dx, "Vladimir Putin");
  assert_true(putin >= 0);
  assert_int_equal(dx->actors.items[putin].affiliation, ru);
  cg_docx_free(dx);
}

static void test_title_not_in_name_and_surname_alias(void **state) {
  (void)state;
  cg_docx *dx = run("President Donald Trump signed the order on a visit. Later, Trump left the city.");
  int p = actor_named(dx, "Donald Trump");
  assert_true(p >= 0);
  assert_int_equal(dx->actors.items[p].kind, CG_ACTOR_PERSON);
  assert_string_equal(dx->actors.items[p].key, "per:donald trump");
  assert_true(has_alias(&dx->actors.items[p], "Trump"));
  assert_int_equal(mention_actor(dx, "Trump left"), -1); /* the mention is "Trump" only */
  assert_int_equal(actor_named(dx, "President Donald Trump"), -1);
  cg_docx_free(dx);
}

static void test_role_affiliation(void **state) {
  (void)state;
  cg_docx *dx = run("Kremlin spokesman Dmitry Peskov declined to comment. Peskov later said "
                    "talks would go on.");
  int p = actor_named(dx, "Dmitry Peskov");
  int ru = fx_actor_key(dx, "gpe:RU");
  assert_true(p >= 0 && ru >= 0);
  assert_int_equal(dx->actors.items[p].affiliation, ru);
  assert_true(has_alias(&dx->actors.items[p], "Peskov"));
  assert_int_equal(mention_actor(dx, "Peskov later") , -1);
  cg_docx_free(dx);
}

static void test_acronym_long_form(void **state) {
  (void)state;
  cg_docx *dx = run("The Federal Aviation Administration (FAA) grounded the jets. The FAA said "
                    "checks would take weeks. The International Monetary Fund (IMF) cut its forecast.");
  int faa = actor_named(dx, "Federal Aviation Administration");
  assert_true(faa >= 0);
  assert_int_equal(dx->actors.items[faa].kind, CG_ACTOR_ORG);
  assert_true(has_alias(&dx->actors.items[faa], "FAA"));
  int imf = fx_actor_key(dx, "org:imf");
  assert_true(imf >= 0);
  assert_true(has_alias(&dx->actors.items[imf], "IMF"));
  assert_true(has_alias(&dx->actors.items[imf], "International Monetary Fund"));
  cg_docx_free(dx);
}

static void test_org_suffix_and_heads(void **state) {
  (void)state;
  cg_docx *dx = run("Shares of Hollis Marine Corp fell after the Bank of Tasmania cut rates near "
                    "the Kowhai River.");
  int a = actor_named(dx, "Hollis Marine Corp");
  int b = actor_named(dx, "Bank of Tasmania");
  int c = actor_named(dx, "Kowhai River");
  assert_true(a >= 0 && b >= 0 && c >= 0);
  assert_int_equal(dx->actors.items[a].kind, CG_ACTOR_ORG);
  assert_int_equal(dx->actors.items[b].kind, CG_ACTOR_ORG);
  assert_int_equal(dx->actors.items[c].kind, CG_ACTOR_LOC);
  cg_docx_free(dx);
}

static void test_sentence_initial_common_words(void **state) {
  (void)state;
  cg_docx *dx = run("Officials in Paris said nothing. Despite that, Markets Rallied Strongly Today.");
  assert_int_equal(actor_named(dx, "Officials"), -1);
  assert_int_equal(actor_named(dx, "Despite"), -1);
  assert_int_equal(actor_named(dx, "Markets Rallied Strongly"), -1);
  assert_true(actor_named(dx, "Paris") >= 0);
  cg_docx_free(dx);
}

/* Runs of capitalised common words are no names, whatever the words' lengths and
 * suffixes: the actor stage looks words and stems of up to 15 bytes up in a set of
 * its own ("Notwithstanding", "Earnings", "Studies" by "study", "Overwhelmingly" by
 * "overwhelming"), longer ones in the map ("Misunderstandings" by its stem of 16
 * bytes). The same runs of made-up words are names. */
static void test_common_word_runs_any_length(void **state) {
  (void)state;
  cg_docx *dx = run("Officials met on Monday. Notwithstanding Earnings came in. Misunderstandings "
                    "Overwhelmingly Studies grew. The Closing Strongly Quarterly report came out.");
  assert_int_equal(dx->actors.len, 0);
  cg_docx_free(dx);
  dx = run("Officials met on Monday. Zorbulating Qwerbins came in. Plurbanks Quoxingly Frabies "
           "grew. The Blorbing Snarkly Vexterly report came out.");
  assert_true(actor_named(dx, "Zorbulating Qwerbins") >= 0);
  assert_true(actor_named(dx, "Plurbanks Quoxingly Frabies") >= 0);
  assert_true(actor_named(dx, "Blorbing Snarkly Vexterly") >= 0);
  cg_docx_free(dx);
}

static void test_mentions_sorted_and_in_text(void **state) {
  (void)state;
  cg_docx *dx = run("NATO and the EU met in Brussels; Germany, France and Japan joined.");
  assert_true(dx->mentions.len >= 5);
  for (size_t i = 1; i < dx->mentions.len; i++)
    assert_true(dx->mentions.items[i].start >= dx->mentions.items[i - 1].end);
  cg_docx_free(dx);
}

/* Model numbers make products ("Airbus A380", "Boeing 787"); units, time zones and
 * job abbreviations are not organisations; one-word region adjectives are not places. */
static void test_products_units_adjectives_not_actors(void **state) {
  (void)state;
  cg_docx *dx = run("Airlines ordered the Airbus A380 and the Boeing 787 Dreamliner. The update "
                    "went out at 04:09 UTC and the CEO said 60GB of data was lost. Western "
                    "pressure on Moscow grew.");
  assert_int_equal(mention_actor(dx, "Airbus"), -1);
  assert_int_equal(mention_actor(dx, "Boeing"), -1);
  assert_int_equal(mention_actor(dx, "Dreamliner"), -1);
  assert_int_equal(actor_named(dx, "UTC"), -1);
  assert_int_equal(actor_named(dx, "CEO"), -1);
  assert_int_equal(actor_named(dx, "60GB"), -1);
  assert_int_equal(actor_named(dx, "Western"), -1);
  assert_true(mention_actor(dx, "Moscow") >= 0);
  cg_docx_free(dx);
}

/* Portfolio titles ("Transportation Secretary") and party labels ("Democrat") are not
 * part of the name; a full name gives its surname as an alias. */
static void test_compound_titles_and_party_labels(void **state) {
  (void)state;
  cg_docx *dx = run("Later, Transportation Secretary Pete Buttigieg spoke. Democrat Joe Biden "
                    "defeated President Donald Trump. Treasury Secretary Henry Paulson said no.");
  int b = actor_named(dx, "Pete Buttigieg");
  assert_true(b >= 0);
  assert_int_equal(dx->actors.items[b].kind, CG_ACTOR_PERSON);
  assert_true(actor_named(dx, "Joe Biden") >= 0);
  int p = actor_named(dx, "Henry Paulson");
  assert_true(p >= 0);
  assert_true(has_alias(&dx->actors.items[p], "Paulson"));
  assert_int_equal(actor_named(dx, "Transportation Secretary Pete Buttigieg"), -1);
  cg_docx_free(dx);
}

/* A surname that is also a month or a common word is the person when the full name
 * occurs in the document and the word stands where a person does. */
static void test_surname_homographs(void **state) {
  (void)state;
  cg_docx *dx = run("Prime Minister Theresa May wrote to Donald Tusk. May signed the letter in "
                    "May. Tusk said it was a sad day.");
  int m = actor_named(dx, "Theresa May");
  assert_true(m >= 0);
  assert_int_equal(mention_actor(dx, "May signed"), -1); /* the mention is "May" alone */
  const char *t = dx->doc->text;
  size_t off = (size_t)(strstr(t, "May signed") - t);
  bool person = false, month = false;
  size_t moff = (size_t)(strstr(t, "in May") - t) + 3;
  for (size_t i = 0; i < dx->mentions.len; i++) {
    if (dx->mentions.items[i].start == off && (int)dx->mentions.items[i].actor == m) person = true;
    if (dx->mentions.items[i].start == moff) month = true;
  }
  assert_true(person);
  assert_false(month);
  int k = actor_named(dx, "Donald Tusk");
  assert_true(k >= 0);
  assert_int_equal(mention_actor(dx, "Tusk said") , -1);
  size_t toff = (size_t)(strstr(t, "Tusk said") - t);
  bool tusk = false;
  for (size_t i = 0; i < dx->mentions.len; i++)
    if (dx->mentions.items[i].start == toff && (int)dx->mentions.items[i].actor == k) tusk = true;
  assert_true(tusk);
  cg_docx_free(dx);
}

/* Company names: common words after the first word make an organisation, not a
 * person; a head-typed name keeps a sentence-initial common word; "and" inside a
 * name ending with a head word; an acronym after the long form even with a head. */
static void test_company_names_and_acronyms(void **state) {
  (void)state;
  cg_docx *dx = run("Delta Air Lines struggled. Analysts said Zorblax Thunderbolt would merge. "
                    "The Competition and Markets Authority (CMA) objected, and the European "
                    "Space Agency (ESA) agreed. The CMA and ESA met. The UK Independence Party "
                    "grew, and the UK voted.");
  int d = actor_named(dx, "Delta Air Lines");
  assert_true(d >= 0);
  int z = actor_named(dx, "Zorblax Thunderbolt");
  assert_true(z >= 0);
  assert_int_equal(dx->actors.items[z].kind, CG_ACTOR_ORG);
  int c = actor_named(dx, "Competition and Markets Authority");
  assert_true(c >= 0);
  assert_true(has_alias(&dx->actors.items[c], "CMA"));
  int e = actor_named(dx, "European Space Agency");
  assert_true(e >= 0);
  assert_true(has_alias(&dx->actors.items[e], "ESA"));
  int uk = fx_actor_key(dx, "gpe:GB");
  assert_true(uk >= 0);
  int ukip = actor_named(dx, "UK Independence Party");
  assert_true(ukip >= 0);
  assert_int_equal(dx->actors.items[ukip].affiliation, uk);
  cg_docx_free(dx);
}

/* True when some mention overlaps the first occurrence of s in the text. */
static bool mentioned(const cg_docx *dx, const char *s) {
  const char *p = strstr(dx->doc->text, s);
  assert_non_null(p);
  size_t a = (size_t)(p - dx->doc->text), b = a + strlen(s);
  for (size_t i = 0; i < dx->mentions.len; i++)
    if (dx->mentions.items[i].start < b && a < dx->mentions.items[i].end) return true;
  return false;
}

/* products.tsv: indices, products and named days are not actors, nor an acronym
 * given to them; the maker right before a product is part of its name. */
static void test_indices_and_products_not_actors(void **state) {
  (void)state;
  cg_docx *dx = run("The Dow Jones Industrial Average (DJIA) fell sharply. Later the DJIA "
                    "recovered. Boeing unveiled the 787 Dreamliner in Everett. The Nikkei "
                    "closed lower on Black Monday. Ford will revive the Ford Taurus next year.");
  assert_false(mentioned(dx, "Dow Jones"));
  assert_false(mentioned(dx, "DJIA recovered"));
  assert_false(mentioned(dx, "Dreamliner"));
  assert_false(mentioned(dx, "Nikkei"));
  assert_false(mentioned(dx, "Black Monday"));
  assert_false(mentioned(dx, "Ford Taurus"));
  assert_int_equal(mention_actor(dx, "Boeing"), fx_actor_key(dx, "org:boeing"));
  assert_int_equal(mention_actor(dx, "Ford"), fx_actor_key(dx, "org:ford"));
  cg_docx_free(dx);
}

/* MISC heads: an event's name is no actor, nor a place inside it, nor its acronym. */
static void test_event_names_not_actors(void **state) {
  (void)state;
  cg_docx *dx = run("Steve Jobs spoke at the Worldwide Developers Conference (WWDC) in San "
                    "Francisco. Reporters said WWDC was crowded. Airbus won orders at the "
                    "Paris Air Show on Monday.");
  assert_false(mentioned(dx, "Worldwide"));
  assert_false(mentioned(dx, "WWDC was"));
  assert_false(mentioned(dx, "Paris"));
  assert_true(mention_actor(dx, "San Francisco") >= 0);
  assert_true(mention_actor(dx, "Airbus") >= 0);
  cg_docx_free(dx);
}

/* A country code glued to a currency sign or before "dollars" names the currency. */
static void test_currency_codes_not_places(void **state) {
  (void)state;
  cg_docx *dx = run("The deal is worth US$ 40 billion, or AU$ 52 million, about 9 US dollars "
                    "each. The US agreed to it.");
  assert_false(mentioned(dx, "US$"));
  assert_false(mentioned(dx, "AU$"));
  assert_false(mentioned(dx, "US dollars"));
  const char *p = strstr(dx->doc->text, "US agreed");
  bool found = false;
  for (size_t i = 0; i < dx->mentions.len; i++)
    if (dx->mentions.items[i].start == (size_t)(p - dx->doc->text))
      found = (int)dx->mentions.items[i].actor == fx_actor_key(dx, "gpe:US");
  assert_true(found);
  cg_docx_free(dx);
}

/* "Singaporeans", "Victorian": demonyms derived from gazetteer places. */
static void test_derived_demonyms(void **state) {
  (void)state;
  cg_docx *dx = run("Many Singaporeans cheered, and the Victorian state government paid.");
  int sg = mention_actor(dx, "Singaporeans");
  assert_true(sg >= 0);
  assert_string_equal(dx->actors.items[sg].name, "Singapore");
  assert_int_equal(dx->actors.items[sg].kind, CG_ACTOR_GPE);
  assert_true(cg_actor_lexicon_is_demonym(LX, "Singaporeans", 12));
  assert_true(cg_actor_lexicon_is_demonym(LX, "Victorian", 9));
  assert_false(cg_actor_lexicon_is_demonym(LX, "Brian", 5));
  assert_false(cg_actor_lexicon_is_demonym(LX, "Singapore", 9));
  cg_docx_free(dx);
}

/* Capitals name a place in a dateline or a label at the start of a line, and the
 * place is the gazetteer's, one actor with its mixed-case mentions; in mixed-case
 * prose a word in capitals stays what it is (an acronym). */
static void test_datelines_and_labels_in_capitals(void **state) {
  (void)state;
  cg_docx *dx = run("NAIROBI, Kenya (AP) _ Rescuers dug through the rubble in Nairobi on "
                    "Friday.\n\nDAR ES SALAAM:\nThe embassy stayed shut.\n\nKENYA:\n"
                    "Total dead: 192\n\nThe guidance from NICE was revised.");
  int nbo = fx_actor_key(dx, "gpe:city:nairobi");
  assert_true(nbo >= 0);
  assert_int_equal(mention_actor(dx, "NAIROBI"), nbo);
  assert_int_equal(mention_actor(dx, "Nairobi"), nbo);
  assert_int_equal(dx->actors.items[nbo].kind, CG_ACTOR_GPE);
  int ke = fx_actor_key(dx, "gpe:KE");
  assert_true(ke >= 0);
  assert_int_equal(mention_actor(dx, "Kenya"), ke);
  assert_int_equal(mention_actor(dx, "KENYA"), ke);
  int dar = mention_actor(dx, "DAR ES SALAAM");
  assert_true(dar >= 0);
  assert_int_equal(dx->actors.items[dar].kind, CG_ACTOR_GPE);
  assert_true(mention_actor(dx, "NICE") < 0 || dx->actors.items[mention_actor(dx, "NICE")].kind != CG_ACTOR_GPE);
  cg_docx_free(dx);
}

/* One unknown capitalised word opening a sentence is a name only if the document
 * also capitalises it inside a sentence, or the context says so. */
static void test_lone_sentence_initial_words(void **state) {
  (void)state;
  cg_docx *dx = run("Zorblax rose sharply today. Nobody expected that.");
  assert_false(mentioned(dx, "Zorblax"));
  cg_docx_free(dx);
  dx = run("Zorblax rose sharply today. Analysts expect Zorblax to fall.");
  assert_true(mentioned(dx, "Zorblax"));
  cg_docx_free(dx);
  dx = run("Quorvex said it would appeal.");
  assert_true(mentioned(dx, "Quorvex"));
  cg_docx_free(dx);
  /* after a colon, too */
  dx = run("It comes in two colours: Black and White.");
  assert_false(mentioned(dx, "Black"));
  cg_docx_free(dx);
}

/* Hyphenated adjectives from names and prefixed words are not names; "Ki-moon" is. */
static void test_hyphenated_adjectives(void **state) {
  (void)state;
  cg_docx *dx = run("The Craiova-based car maker joined the EADS-led consortium. Secretary-General "
                    "Ban Ki-moon welcomed the Sub-prime rescue.");
  assert_false(mentioned(dx, "Craiova-based"));
  assert_false(mentioned(dx, "Sub-prime"));
  int b = mention_actor(dx, "Ban Ki-moon");
  assert_true(b >= 0);
  assert_int_equal(dx->actors.items[b].kind, CG_ACTOR_PERSON);
  cg_docx_free(dx);
}

/* Company names: a branch named by its country, a compass word before a head word,
 * the dot of "Inc.", a given name that is also a province. */
static void test_company_branches_and_suffix_dots(void **state) {
  (void)state;
  cg_docx *dx = run("The government will help Ford Australia with cash. China Eastern Airlines "
                    "stated that it signed. Shares of Apple Inc. rose. Mary Barra leads GM.");
  int fa = mention_actor(dx, "Ford Australia");
  assert_true(fa >= 0);
  assert_int_equal(dx->actors.items[fa].kind, CG_ACTOR_ORG);
  int ce = mention_actor(dx, "China Eastern Airlines");
  assert_true(ce >= 0);
  assert_int_equal(dx->actors.items[ce].kind, CG_ACTOR_ORG);
  assert_true(mention_actor(dx, "Apple Inc.") >= 0);
  int mb = mention_actor(dx, "Mary Barra");
  assert_true(mb >= 0);
  assert_int_equal(dx->actors.items[mb].kind, CG_ACTOR_PERSON);
  cg_docx_free(dx);
}

/* A title on its own is no name; an honorific word ending a name stays in it. */
static void test_titles_alone_and_name_final_titles(void **state) {
  (void)state;
  cg_docx *dx = run("He met the President of the United States on Monday. Banks closed to "
                    "honour Martin Luther King.");
  assert_false(mentioned(dx, "President"));
  int k = mention_actor(dx, "Martin Luther King");
  assert_true(k >= 0);
  assert_int_equal(dx->actors.items[k].kind, CG_ACTOR_PERSON);
  cg_docx_free(dx);
}

/* The actor of the mention starting at the first occurrence of s after the text
 * before (both NUL-terminated), or -1. */
static int mention_actor_after(const cg_docx *dx, const char *before, const char *s) {
  const char *p = strstr(dx->doc->text, before);
  if (!p || !(p = strstr(p + strlen(before), s))) return -1;
  size_t off = (size_t)(p - dx->doc->text);
  for (size_t i = 0; i < dx->mentions.len; i++)
    if (dx->mentions.items[i].start == off && dx->mentions.items[i].end == off + strlen(s))
      return (int)dx->mentions.items[i].actor;
  return -1;
}

/* n people "John Qa<xy>rin", each named again later by the surname alone. */
static char *many_people(size_t n) {
  cg_buf b = {0};
  for (size_t i = 0; i < n; i++)
    cg_buf_printf(&b, "John Qa%c%crin said on Monday. ", 'a' + (int)(i / 26), 'a' + (int)(i % 26));
  for (size_t i = 0; i < n; i++)
    cg_buf_printf(&b, "Reporters met Qa%c%crin again. ", 'a' + (int)(i / 26), 'a' + (int)(i % 26));
  return cg_buf_detach(&b);
}

static void check_many_people(const cg_docx *dx, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char full[32], sur[16];
    snprintf(sur, sizeof sur, "Qa%c%crin", 'a' + (int)(i / 26), 'a' + (int)(i % 26));
    snprintf(full, sizeof full, "John %s", sur);
    int p = actor_named(dx, full);
    assert_true(p >= 0);
    assert_int_equal(dx->actors.items[p].kind, CG_ACTOR_PERSON);
    assert_int_equal(mention_actor_after(dx, "Reporters met", sur), p);
  }
}

/* The per-document maps place their first CG_LEXMAP_FNV_KEYS keys by FNV hash and
 * move them to SipHash slots beyond: surnames and person parts put before the move
 * are found after it, and a reused scratch starts the next document small again. */
static void test_many_people_resolve_by_surname(void **state) {
  (void)state;
  cg_actor_scratch *s = cg_actor_scratch_new();
  size_t sizes[] = {60, 3, 60};
  for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
    char *text = many_people(sizes[k]);
    cg_docx *dx = fx_split_docx(text, NULL);
    assert_int_equal(cg_actors_run_scratch(LX, dx, NULL, s), CG_OK);
    assert_int_equal(dx->actors.len, sizes[k]);
    check_many_people(dx, sizes[k]);
    cg_docx_free(dx);
    free(text);
  }
  cg_actor_scratch_free(s);
}

typedef struct capword_check {
  const cg_actor_lexicon *lx;
  int32_t bit; /* CG_CW_* of the map walked, 0 for heads */
  size_t n;
} capword_check;

/* A key of firstnames, nonent or heads has its bit (and its heads value) in capword. */
static void check_in_capword(void *vctx, const char *key, size_t n, int32_t value) {
  capword_check *cc = vctx;
  int32_t v = 0;
  assert_true(cg_lexmap_get(cc->lx->capword, key, n, &v));
  if (cc->bit) assert_true(v & cc->bit);
  else assert_int_equal(v & (CG_CW_HEAD | CG_CW_HEAD_VALUE), CG_CW_HEAD | value);
  cc->n++;
}

/* A key of capword is in exactly the maps its bits name. */
static void check_capword_key(void *vctx, const char *key, size_t n, int32_t v) {
  capword_check *cc = vctx;
  int32_t h = -1;
  assert_int_equal(cg_lexmap_get(cc->lx->firstnames, key, n, NULL), (v & CG_CW_FIRSTNAME) != 0);
  assert_int_equal(cg_lexmap_get(cc->lx->nonent, key, n, NULL), (v & CG_CW_NONENT) != 0);
  assert_int_equal(cg_lexmap_get(cc->lx->heads, key, n, &h), (v & CG_CW_HEAD) != 0);
  if (v & CG_CW_HEAD) assert_int_equal(h, v & CG_CW_HEAD_VALUE);
  cc->n++;
}

/* lx->capword, the one lookup of a capitalised word for the first names, the
 * non-entity words and the head words, answers as the three maps do. */
static void test_capword_map_merges_three_lists(void **state) {
  (void)state;
  capword_check cc = {LX, CG_CW_FIRSTNAME, 0};
  cg_lexmap_each(LX->firstnames, check_in_capword, &cc);
  cc.bit = CG_CW_NONENT;
  cg_lexmap_each(LX->nonent, check_in_capword, &cc);
  cc.bit = 0;
  cg_lexmap_each(LX->heads, check_in_capword, &cc);
  size_t parts = cc.n;
  assert_true(parts > 1000); /* the lists are loaded */
  cc.n = 0;
  cg_lexmap_each(LX->capword, check_capword_key, &cc);
  assert_true(cc.n <= parts && cc.n == cg_lexmap_count(LX->capword));
  /* words in two lists: a first name that is also a month ("Jan"), a non-entity
   * word that is also a head word ("TV") */
  int32_t v = 0;
  assert_true(cg_lexmap_get(LX->capword, "Jan", 3, &v));
  assert_true((v & CG_CW_FIRSTNAME) && (v & CG_CW_NONENT) && !(v & CG_CW_HEAD));
  assert_true(cg_lexmap_get(LX->capword, "TV", 2, &v));
  assert_true((v & CG_CW_NONENT) && (v & CG_CW_HEAD) && !(v & CG_CW_FIRSTNAME));
}

/* The answers kept per capitalised token (first name, non-entity word, head word)
 * hold wherever the token stands: a head word opening a run ("Bank of America") or
 * ending one after a first name ("Paul Group"), a non-entity word opening a run
 * ("TV Azteca Group"), and the same word lower-case ("the bank"), asked of the
 * maps themselves. */
static void test_capitalised_word_answers(void **state) {
  (void)state;
  cg_docx *dx = run("Bank of America hired Paul Group. Analysts said the bank would grow. "
                    "TV Azteca Group bought Delta Air Lines Corp.");
  const char *orgs[] = {"Bank of America", "Paul Group", "Azteca Group", "Delta Air Lines Corp"};
  for (size_t i = 0; i < sizeof orgs / sizeof orgs[0]; i++) {
    int a = actor_named(dx, orgs[i]);
    assert_true(a >= 0);
    assert_int_equal(dx->actors.items[a].kind, CG_ACTOR_ORG);
  }
  assert_int_equal(dx->actors.len, 4);
  assert_int_equal(mention_actor(dx, "TV Azteca"), -1);
  cg_docx_free(dx);
}

/* A phrase of the gazetteer or of the titles goes on from its first word only to
 * the words its keys go on with (cg_first_word.next_sp): "the State of Palestine"
 * and not "the state of affairs", "New York" and "New Delhi" and not "new rules",
 * the lower-cased "foreign minister" as "Foreign Minister". */
static void test_phrases_from_shared_first_words(void **state) {
  (void)state;
  cg_docx *dx = run("Officials in the State of Palestine met the state of affairs. New York and "
                    "New Delhi set new rules; the New York Times said. Foreign Minister Sergei "
                    "Lavrov and foreign minister Wang Yi spoke. The Hague court.");
  int p = actor_named(dx, "Palestine");
  assert_true(p >= 0);
  assert_true(has_alias(&dx->actors.items[p], "the State of Palestine"));
  const char *names[] = {"New York", "New Delhi", "New York Times", "Sergei Lavrov", "Wang Yi",
                         "The Hague"};
  const int kinds[] = {CG_ACTOR_GPE, CG_ACTOR_GPE, CG_ACTOR_ORG, CG_ACTOR_PERSON, CG_ACTOR_PERSON,
                       CG_ACTOR_GPE};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    int a = actor_named(dx, names[i]);
    assert_true(a >= 0);
    assert_int_equal(dx->actors.items[a].kind, kinds[i]);
  }
  assert_int_equal(dx->actors.len, 7);
  assert_int_equal(mention_actor(dx, "New York Times"), actor_named(dx, "New York Times"));
  cg_docx_free(dx);
}

/* Words longer than the keys of the first-word tables (16 bytes), and words within
 * the last 8 or 16 bytes of the text, where recognition reads no whole words past
 * a token's start: the maps answer them as they answer the others. */
static void test_first_words_long_and_at_text_end(void **state) {
  (void)state;
  cg_docx *dx = run("Farmers in Baden-Württemberg protested. Exports fell in Kenya");
  int b = actor_named(dx, "Baden-Württemberg");
  assert_true(b >= 0);
  assert_int_equal(dx->actors.items[b].kind, CG_ACTOR_GPE);
  int k = mention_actor(dx, "Kenya");
  assert_true(k >= 0);
  assert_int_equal(dx->actors.items[k].kind, CG_ACTOR_GPE);
  cg_docx_free(dx);
  const char *texts[] = {"Kenya.", "Kenya", "in Kenya", "the President of Kenya"};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    dx = run(texts[i]);
    k = mention_actor(dx, "Kenya");
    assert_true(k >= 0);
    assert_int_equal(dx->actors.items[k].kind, CG_ACTOR_GPE);
    cg_docx_free(dx);
  }
  /* a name at the very end keeps its surface and surname alias */
  dx = run("The prize went to Kofi Annan");
  int a = mention_actor(dx, "Kofi Annan");
  assert_true(a >= 0);
  assert_int_equal(dx->actors.items[a].kind, CG_ACTOR_PERSON);
  assert_true(has_alias(&dx->actors.items[a], "Annan"));
  cg_docx_free(dx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_metonyms_and_demonyms_resolve_to_state),
      cmocka_unit_test(test_title_not_in_name_and_surname_alias),
      cmocka_unit_test(test_role_affiliation),
      cmocka_unit_test(test_acronym_long_form),
      cmocka_unit_test(test_org_suffix_and_heads),
      cmocka_unit_test(test_sentence_initial_common_words),
      cmocka_unit_test(test_common_word_runs_any_length),
      cmocka_unit_test(test_mentions_sorted_and_in_text),
      cmocka_unit_test(test_products_units_adjectives_not_actors),
      cmocka_unit_test(test_compound_titles_and_party_labels),
      cmocka_unit_test(test_surname_homographs),
      cmocka_unit_test(test_company_names_and_acronyms),
      cmocka_unit_test(test_indices_and_products_not_actors),
      cmocka_unit_test(test_event_names_not_actors),
      cmocka_unit_test(test_currency_codes_not_places),
      cmocka_unit_test(test_derived_demonyms),
      cmocka_unit_test(test_lone_sentence_initial_words),
      cmocka_unit_test(test_hyphenated_adjectives),
      cmocka_unit_test(test_company_branches_and_suffix_dots),
      cmocka_unit_test(test_titles_alone_and_name_final_titles),
      cmocka_unit_test(test_many_people_resolve_by_surname),
      cmocka_unit_test(test_datelines_and_labels_in_capitals),
      cmocka_unit_test(test_capword_map_merges_three_lists),
      cmocka_unit_test(test_capitalised_word_answers),
      cmocka_unit_test(test_phrases_from_shared_first_words),
      cmocka_unit_test(test_first_words_long_and_at_text_end),
  };
  return cmocka_run_group_tests(tests, setup, teardown) != 0;
}
