/* Ownership of the strings a document's actors and events carry: all of them are
 * memory of the document (cg_docx_alloc), none borrowed from a lexicon or from the
 * working memory of a stage, and one string may serve several fields. Run under ASan
 * and valgrind, a borrowed string read after its owner is gone, a string freed twice
 * or one never freed fails here. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "actors.h"
#include "docx_fixture.h"
#include "events.h"
#include "sentences.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char TEXT_A[] =
    "Kremlin spokesman Dmitry Peskov said on Monday that Russia would not attend. Peskov "
    "said the Kremlin had warned Ukraine. Moscow said it was ready. Acme Widgets Corp said "
    "nothing, and says so again.";
static const char TEXT_B[] = "France said it would meet Russia. Peskov said nothing.";

/* Runs the actor and event stages over text with the given scratches. */
static cg_docx *extract(const cg_actor_lexicon *alx, const cg_event_lexicon *elx,
                        cg_actor_scratch *as, cg_event_scratch *es, const char *text) {
  cg_docx *dx = fx_split_docx(text, "2025-12-07");
  assert_int_equal(cg_actors_run_scratch(alx, dx, NULL, as), CG_OK);
  assert_int_equal(cg_events_run_scratch(elx, dx, NULL, es), CG_OK);
  return dx;
}

static void load(cg_actor_lexicon **alx, cg_event_lexicon **elx) {
  cg_error err;
  assert_int_equal(cg_actor_lexicon_new(alx, NULL, &err), CG_OK);
  assert_int_equal(cg_event_lexicon_new(elx, NULL, &err), CG_OK);
}

static bool has_alias(const cg_actor *a, const char *s) {
  for (size_t i = 0; i < a->naliases; i++)
    if (strcmp(a->aliases[i], s) == 0) return true;
  return false;
}

static size_t count_lemma(const cg_docx *dx, const char *lemma, const char **first) {
  size_t n = 0;
  *first = NULL;
  for (size_t i = 0; i < dx->events.len; i++) {
    if (strcmp(dx->events.items[i].lemma, lemma) != 0) continue;
    if (!*first) *first = dx->events.items[i].lemma;
    n++;
  }
  return n;
}

/* The strings stay valid after the lexicons and the scratches are freed: the
 * document owns every one (ASan reports any read of freed memory below). */
static void test_strings_outlive_lexicons_and_scratch(void **state) {
  (void)state;
  cg_actor_lexicon *alx;
  cg_event_lexicon *elx;
  load(&alx, &elx);
  cg_actor_scratch *as = cg_actor_scratch_new();
  cg_event_scratch *es = cg_event_scratch_new();
  cg_docx *dx = extract(alx, elx, as, es, TEXT_A);
  cg_actor_scratch_free(as);
  cg_event_scratch_free(es);
  cg_actor_lexicon_free(alx);
  cg_event_lexicon_free(elx);

  int ru = fx_actor_key(dx, "gpe:RU");
  assert_true(ru >= 0);
  assert_string_equal(dx->actors.items[ru].name, "Russia");
  assert_true(has_alias(&dx->actors.items[ru], "Kremlin"));
  assert_true(has_alias(&dx->actors.items[ru], "Moscow"));
  int p = fx_actor_key(dx, "per:dmitry peskov");
  assert_true(p >= 0);
  assert_string_equal(dx->actors.items[p].name, "Dmitry Peskov");
  assert_true(has_alias(&dx->actors.items[p], "Peskov"));
  const char *say;
  assert_true(count_lemma(dx, "say", &say) >= 3);
  for (size_t i = 0; i < dx->events.len; i++) {
    const cg_event *e = &dx->events.items[i];
    for (size_t k = 0; k < e->nparts; k++) assert_true(e->parts[k].actor < dx->actors.len);
  }
  cg_docx_free(dx);
}

/* One string serves several fields: the events of one trigger word share its lemma,
 * and a name taken from the text is also the actor's first alias. Freeing the
 * document frees each once (a free per field would free them twice). */
static void test_shared_strings_are_freed_once(void **state) {
  (void)state;
  cg_actor_lexicon *alx;
  cg_event_lexicon *elx;
  load(&alx, &elx);
  cg_actor_scratch *as = cg_actor_scratch_new();
  cg_event_scratch *es = cg_event_scratch_new();
  cg_docx *a = extract(alx, elx, as, es, TEXT_A);
  const char *say_a = NULL;
  size_t nsaid = 0;
  for (size_t i = 0; i < a->events.len; i++) {
    const cg_event *e = &a->events.items[i];
    if (e->trig_end - e->trig_start != 4 || memcmp(TEXT_A + e->trig_start, "said", 4) != 0)
      continue;
    assert_string_equal(e->lemma, "say");
    if (!say_a) say_a = e->lemma;
    assert_ptr_equal(e->lemma, say_a); /* one copy for the events of one trigger word */
    nsaid++;
  }
  assert_int_equal(nsaid, 4);
  /* aliases: "Peskov" (the surname, made when the name is seen), then the mentions */
  int p = fx_actor_key(a, "per:dmitry peskov");
  assert_true(p >= 0 && a->actors.items[p].naliases == 2);
  assert_string_equal(a->actors.items[p].aliases[0], "Peskov");
  assert_ptr_equal(a->actors.items[p].name, a->actors.items[p].aliases[1]);

  /* the next document with the same scratches gets copies of its own */
  cg_docx *b = extract(alx, elx, as, es, TEXT_B);
  const char *say_b;
  assert_true(count_lemma(b, "say", &say_b) >= 2);
  assert_ptr_not_equal(say_a, say_b);
  cg_docx_free(a);
  assert_string_equal(say_b, "say");
  cg_docx_free(b);
  cg_actor_scratch_free(as);
  cg_event_scratch_free(es);
  cg_actor_lexicon_free(alx);
  cg_event_lexicon_free(elx);
}

/* A scratch reused from document to document forgets the actors of the last one:
 * the second document's actors are what a fresh scratch makes of it. */
static void test_reused_scratch_forgets_the_last_document(void **state) {
  (void)state;
  cg_actor_lexicon *alx;
  cg_event_lexicon *elx;
  load(&alx, &elx);
  cg_actor_scratch *as = cg_actor_scratch_new(), *fresh = cg_actor_scratch_new();
  cg_event_scratch *es = cg_event_scratch_new(), *efresh = cg_event_scratch_new();
  cg_docx *a = extract(alx, elx, as, es, TEXT_A);
  cg_docx *b = extract(alx, elx, as, es, TEXT_B);
  cg_docx *want = extract(alx, elx, fresh, efresh, TEXT_B);
  assert_int_equal(b->actors.len, want->actors.len);
  for (size_t i = 0; i < want->actors.len; i++) {
    const cg_actor *x = &b->actors.items[i], *y = &want->actors.items[i];
    assert_string_equal(x->key, y->key);
    assert_string_equal(x->name, y->name);
    assert_int_equal(x->naliases, y->naliases);
    for (size_t k = 0; k < y->naliases; k++) assert_string_equal(x->aliases[k], y->aliases[k]);
  }
  assert_int_equal(b->mentions.len, want->mentions.len);
  for (size_t i = 0; i < want->mentions.len; i++)
    assert_int_equal(b->mentions.items[i].actor, want->mentions.items[i].actor);
  assert_int_equal(b->events.len, want->events.len);
  assert_true(fx_actor_key(b, "gpe:RU") >= 0);
  assert_true(fx_actor_key(b, "gpe:FR") >= 0);
  cg_docx_free(a);
  cg_docx_free(b);
  cg_docx_free(want);
  cg_actor_scratch_free(as);
  cg_actor_scratch_free(fresh);
  cg_event_scratch_free(es);
  cg_event_scratch_free(efresh);
  cg_actor_lexicon_free(alx);
  cg_event_lexicon_free(elx);
}

/* A second actor run over the same document keeps the actors it has (gazetteer keys
 * and names alike): no key twice, the same index for each. */
static void test_second_run_keeps_the_actors(void **state) {
  (void)state;
  cg_actor_lexicon *alx;
  cg_event_lexicon *elx;
  load(&alx, &elx);
  cg_docx *dx = fx_split_docx(TEXT_A, "2025-12-07");
  assert_int_equal(cg_actors_run(alx, dx), CG_OK);
  size_t nact = dx->actors.len, nment = dx->mentions.len;
  int ru = fx_actor_key(dx, "gpe:RU"), acme = fx_actor_key(dx, "org:acme widgets corp");
  assert_true(ru >= 0 && acme >= 0);
  assert_int_equal(cg_actors_run(alx, dx), CG_OK);
  assert_int_equal(dx->actors.len, nact);
  assert_int_equal(dx->mentions.len, 2 * nment);
  for (size_t i = 0; i < nment; i++)
    assert_int_equal(dx->mentions.items[nment + i].actor, dx->mentions.items[i].actor);
  assert_int_equal(fx_actor_key(dx, "gpe:RU"), ru);
  assert_int_equal(fx_actor_key(dx, "org:acme widgets corp"), acme);
  for (size_t i = 0; i < nact; i++)
    for (size_t j = i + 1; j < nact; j++)
      assert_string_not_equal(dx->actors.items[i].key, dx->actors.items[j].key);
  cg_docx_free(dx);
  cg_actor_lexicon_free(alx);
  cg_event_lexicon_free(elx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_strings_outlive_lexicons_and_scratch),
      cmocka_unit_test(test_shared_strings_are_freed_once),
      cmocka_unit_test(test_reused_scratch_forgets_the_last_document),
      cmocka_unit_test(test_second_run_keeps_the_actors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL) != 0;
}
