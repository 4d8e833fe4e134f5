/*
 * Event extraction (see events.h): triggers from the lexicon, then participants from
 * surface patterns over the tokens and the actor mentions, then dating
 * (events_date.c).
 *
 * Participant patterns, in order:
 *   nouns  "X's [adj] N of Y"  -> agent X, patient Y; "its/their N" -> the last
 *          state/organisation agent of the sentence; "the X N" -> agent X;
 *          "N by X" -> agent X; "N in X" -> location X
 *   verbs  subject on the left within the clause (through auxiliaries, "who", an
 *          appositive ", the Kremlin spokesman,") -> agent, or speaker for reporting
 *          verbs; "said X" -> speaker; object on the right -> patient; passive
 *          "was V-ed by X" -> agent X, subject -> patient; "in/at X" -> location.
 */
#include "events_int.h"

#include <stdlib.h>
#include <string.h>

static size_t tl(const cg_evdoc *ed, size_t k) { return ed->tk.items[k].end - ed->tk.items[k].start; }
static unsigned tsh(const cg_evdoc *ed, size_t k) { return ed->tk.items[k].shape; }

/* True when token k is in one of the function-word classes of mask (CG_EW_*). */
static bool tin(const cg_evdoc *ed, size_t k, unsigned mask) { return (cg_ew(ed, k) & mask) != 0; }

static int mention_kind(const cg_evdoc *ed, int m) {
  return (int)ed->dx->actors.items[ed->dx->mentions.items[m].actor].kind;
}

/* Adds actor in role (once per actor); mention is the index of the mention it was read
 * from, or -1 (a pronoun). */
static void add_part_m(const cg_evdoc *ed, cg_event *ev, uint32_t actor, cg_role role,
                       int mention) {
  for (size_t i = 0; i < ev->nparts; i++)
    if (ev->parts[i].actor == actor) return;
  /* the event being read keeps its participants in the scratch; they move to the
   * document when it is complete (cg_events_run_scratch) */
  cg_event_scratch *s = ed->s;
  if (ev->nparts == s->partcap) {
    s->partcap = s->partcap ? 2 * s->partcap : 8;
    s->parts = cg_xrealloc(s->parts, s->partcap * sizeof *s->parts);
  }
  ev->parts = s->parts;
  ev->parts[ev->nparts].actor = actor;
  ev->parts[ev->nparts].role = role;
  ev->parts[ev->nparts].mention = mention;
  ev->nparts++;
}

/* Adds the actor of mention m in role. */
static void add_mention(const cg_evdoc *ed, cg_event *ev, int m, cg_role role) {
  add_part_m(ed, ev, ed->dx->mentions.items[m].actor, role, m);
}

static bool has_role(const cg_event *ev, cg_role r) {
  for (size_t i = 0; i < ev->nparts; i++)
    if (ev->parts[i].role == r) return true;
  return false;
}

/* The mention ending at token k (k inside the mention, being its last token). */
static int mention_ending_at(const cg_evdoc *ed, size_t k) {
  int m = ed->tok_mention[k];
  if (m < 0) return -1;
  if (ed->dx->mentions.items[m].end != ed->tk.items[k].end) return -1;
  return m;
}

/* The mention starting at token k. */
static int mention_starting_at(const cg_evdoc *ed, size_t k) {
  int m = ed->tok_mention[k];
  if (m < 0 || ed->dx->mentions.items[m].start != ed->tk.items[k].start) return -1;
  return m;
}

/* Mention starting at k, after optional determiners ("the", "its"). */
static int mention_after(const cg_evdoc *ed, size_t k, size_t s1) {
  for (int skip = 0; skip < 3 && k < s1; skip++, k++) {
    int m = mention_starting_at(ed, k);
    if (m >= 0) return m;
    if (!tin(ed, k, CG_EW_DET)) return -1;
  }
  return -1;
}

typedef struct sent_state {
  int last_org_agent;  /* actor index, -1 none */
  int last_per_agent;
} sent_state;

static void note_agent(const cg_evdoc *ed, sent_state *ss, uint32_t actor) {
  cg_actor_kind k = ed->dx->actors.items[actor].kind;
  if (k == CG_ACTOR_PERSON) ss->last_per_agent = (int)actor;
  else ss->last_org_agent = (int)actor;
}

/* Resolves a possessive or subject pronoun at token k; -1 if none. */
static int pronoun_actor(const cg_evdoc *ed, size_t k, const sent_state *ss) {
  if (tin(ed, k, CG_EW_ORGP)) return ss->last_org_agent;
  if (tin(ed, k, CG_EW_PERP)) return ss->last_per_agent;
  return -1;
}

/* The location of add_location: the place named right after the "in" or "at" at
 * token q. Apart from the test, which most events fail, so that add_location inlines
 * without the frame this needs (callgrind, real prose: 15 instructions a call). */
static __attribute__((noinline)) void add_location_at(const cg_evdoc *ed, cg_event *ev, size_t q,
                                                      size_t s1) {
  int m = mention_after(ed, q + 1, s1);
  if (m >= 0 && (mention_kind(ed, m) == CG_ACTOR_GPE || mention_kind(ed, m) == CG_ACTOR_LOC))
    add_mention(ed, ev, m, CG_ROLE_LOCATION);
}

/* "in X" / "at X" within the n tokens after the trigger at k and before a comma or
 * semicolon: X is the location when it is a place. */
static inline void add_location(const cg_evdoc *ed, cg_event *ev, size_t k, size_t s1, size_t n) {
  /* the scan stops at the first comma, semicolon, "in" or "at" (an "in" right
   * before the end of the sentence ends it too): it goes there at once, the first
   * bit of the 64 tokens from k + 1 on (n < 64). The next word's bits come in by
   * two shifts, none when o is 0: no branch */
  size_t pos = k + 1, i = pos / 64, o = pos % 64;
  uint64_t win = ed->loc_bits[i] >> o | (ed->loc_bits[i + 1] << 1) << (63 - o);
  if (!win) return;
  size_t q = pos + (size_t)__builtin_ctzll(win); /* < tk.len: a bit of a token */
  /* the tests joined into one branch (q >= s1 is in q + 1 >= s1): most events have
   * no "in X" within reach, and the chain of four mispredicted 7k times per 0.5 MB
   * of real prose, this one 5k (callgrind) */
  bool far = (q + 1 >= s1) | (q >= k + n) | ((cg_ew(ed, q) & CG_EW_COMMA_SEMI) != 0);
  if (far) return;
  add_location_at(ed, ev, q, s1);
}

static void noun_participants(cg_evdoc *ed, cg_event *ev, cg_evwork *w, sent_state *ss) {
  size_t k = w->tok, s0 = w->s0, s1 = w->s1;
  /* left: skip up to 3 modifiers (adjectives, a year, "full-scale") */
  size_t j = k;
  for (int skip = 0; skip < 4 && j > s0; skip++) {
    size_t p = j - 1;
    if (tsh(ed, p) & CG_TOK_POSS) {
      if (p > s0) {
        int m = mention_ending_at(ed, p - 1);
        if (m >= 0) {
          add_mention(ed, ev, m, CG_ROLE_AGENT);
          w->actor_conf = 1.0;
        }
      }
      break;
    }
    int pa = pronoun_actor(ed, p, ss);
    if (pa >= 0 && (teq(ed, p, "its") || teq(ed, p, "their") || teq(ed, p, "his") ||
                    teq(ed, p, "her") || teq(ed, p, "Its") || teq(ed, p, "Their"))) {
      add_part_m(ed, ev, (uint32_t)pa, CG_ROLE_AGENT, -1);
      w->actor_conf = 0.7;
      break;
    }
    int m = mention_ending_at(ed, p);
    if (m >= 0) {
      int kind = mention_kind(ed, m);
      if (kind == CG_ACTOR_GPE || kind == CG_ACTOR_ORG || kind == CG_ACTOR_PERSON) {
        add_mention(ed, ev, m, CG_ROLE_AGENT);
        w->actor_conf = 0.9;
      }
      break;
    }
    if (!(tsh(ed, p) & CG_TOK_WORD) && !teq(ed, p, "-")) break;
    if (tin(ed, p, CG_EW_DET) || teq(ed, p, "of") || teq(ed, p, "by")) break;
    j = p;
  }
  /* right: "of Y", "by X", "against Y", "in X" */
  size_t r = k + 1;
  if (r < s1 && (teq(ed, r, "of") || teq(ed, r, "against") || teq(ed, r, "on") ||
                 teq(ed, r, "with") || teq(ed, r, "to"))) {
    int m = mention_after(ed, r + 1, s1);
    if (m >= 0) {
      cg_role role = teq(ed, r, "with") ? CG_ROLE_OTHER : CG_ROLE_PATIENT;
      add_mention(ed, ev, m, role);
      if (w->actor_conf < 0.8) w->actor_conf = 0.8;
      r++;
      while (r < s1 && ed->tok_mention[r] == m) r++;
      r = r + 0;
    } else {
      r = k + 1;
    }
  }
  if (r < s1 && teq(ed, r, "by")) {
    int m = mention_after(ed, r + 1, s1);
    if (m >= 0) add_mention(ed, ev, m, CG_ROLE_AGENT);
  }
  /* "a dispute between Airbus and Boeing": both sides act; "an order from Qatar
   * Airways": the source takes part */
  if (k + 1 < s1 && (teq(ed, k + 1, "between") || teq(ed, k + 1, "from"))) {
    bool betw = teq(ed, k + 1, "between");
    int m = mention_after(ed, k + 2, s1);
    if (m >= 0) {
      add_mention(ed, ev, m, betw ? CG_ROLE_AGENT : CG_ROLE_OTHER);
      size_t q = k + 2;
      while (q < s1 && ed->tok_mention[q] != m) q++;
      while (q < s1 && ed->tok_mention[q] == m) q++;
      if (betw && q + 1 < s1 && teq(ed, q, "and")) {
        int m2 = mention_after(ed, q + 1, s1);
        if (m2 >= 0) add_mention(ed, ev, m2, CG_ROLE_AGENT);
      }
    }
  }
  add_location(ed, ev, k, s1, 8);
  if (has_role(ev, CG_ROLE_AGENT))
    for (size_t i = 0; i < ev->nparts; i++)
      if (ev->parts[i].role == CG_ROLE_AGENT) note_agent(ed, ss, ev->parts[i].actor);
}

/* First token of the mention ending at token p. */
static size_t mention_first_tok(const cg_evdoc *ed, size_t p, size_t s0) {
  int m = ed->tok_mention[p];
  while (p > s0 && ed->tok_mention[p - 1] == m) p--;
  return p;
}

/* A mention coordinated before the subject mention m that starts at token f: "the
 * EU and the US imposed" -> the EU. Returns its index or -1. */
static int coordinated_before(const cg_evdoc *ed, size_t f, size_t s0) {
  size_t p = f;
  if (p > s0 && tin(ed, p - 1, CG_EW_DET)) p--;
  if (p <= s0 + 1 || !teq(ed, p - 1, "and")) return -1;
  p--;
  return p > s0 ? mention_ending_at(ed, p - 1) : -1;
}

/* Token of the "(" that opens the parenthesis closed at token p, or p when none is
 * found within a few tokens. */
static size_t paren_open(const cg_evdoc *ed, size_t p, size_t s0) {
  for (size_t q = p; q > s0 && p - q < 8;) {
    q--;
    if (teq(ed, q, "(")) return q;
    if (teq(ed, q, ")")) break;
  }
  return p;
}

/* The appositive before the comma at token p that subject_left reached: "X, the
 * Kremlin spokesman, said" (X's actor, or -1; sets *conf and *mention). */
static int subject_appositive(const cg_evdoc *ed, size_t k, size_t p, size_t s0, double *conf,
                              int *mention) {
  /* a name closing an appositive right before the verb group: "European aircraft
   * manufacturer, Airbus, has won" (not "In China, airliners are": a word of the
   * clause comes between) */
  if (p > s0 && (p + 1 == k || (p + 2 == k && tin(ed, p + 1, CG_EW_AUX)))) {
    int m0 = mention_ending_at(ed, p - 1);
    size_t f0 = m0 >= 0 ? mention_first_tok(ed, p - 1, s0) : 0;
    /* not the object of a preposition: "those in the United States, have" */
    if (m0 >= 0 && f0 > s0 && tin(ed, f0 - 1, CG_EW_DET)) f0--;
    if (m0 >= 0 && (f0 == s0 || teq(ed, f0 - 1, ","))) {
      *conf = 0.8;
      *mention = m0;
      return (int)ed->dx->mentions.items[m0].actor;
    }
  }
  /* appositive: "X, the Kremlin spokesman, said" */
  for (size_t q = p; q > s0 && p - q < 24; q--) {
    if (teq(ed, q - 1, ")")) {
      size_t o = paren_open(ed, q - 1, s0);
      if (o == q - 1) break;
      q = o + 1;
      continue;
    }
    if (teq(ed, q - 1, ";") || teq(ed, q - 1, ":")) break;
    if (teq(ed, q - 1, ",")) {
      if (q - 1 > s0) {
        int m2 = mention_ending_at(ed, q - 2);
        if (m2 >= 0) {
          *conf = 0.8;
          *mention = m2;
          return (int)ed->dx->mentions.items[m2].actor;
        }
      }
      break;
    }
  }
  return -1;
}

/* Subject of a verb at k: the nearest mention to the left within the clause, through
 * a parenthesis ("the Federal Trade Commission (FTC) sued") and an appositive
 * ("Günter Schabowski, the spokesman of the party (SED), announced"). Returns the
 * actor or -1; *mention gets the mention (or -1 for a pronoun), *coord a mention
 * coordinated with it ("the EU and the US") or -1. */
static int subject_left(const cg_evdoc *ed, size_t k, size_t s0, const sent_state *ss,
                        double *conf, int *mention, int *coord) {
  size_t p = k;
  int steps = 0;
  *mention = *coord = -1;
  while (p > s0 && steps < 14) {
    p--;
    steps++;
    /* the tests of a word and those of punctuation apart: every literal tested
     * below is one or the other, and a pronoun is a word (callgrind, real prose:
     * the one list of tests cost 0.3M instructions more per 0.5 MB) */
    bool word = (tsh(ed, p) & CG_TOK_WORD) != 0;
    if (!word && teq(ed, p, ")")) {
      size_t o = paren_open(ed, p, s0);
      if (o == p) return -1;
      p = o;
      continue;
    }
    int m = mention_ending_at(ed, p);
    if (m >= 0) {
      *conf = 1.0;
      *mention = m;
      *coord = coordinated_before(ed, mention_first_tok(ed, p, s0), s0);
      return (int)ed->dx->mentions.items[m].actor;
    }
    if (ed->tok_mention[p] >= 0) continue;
    if (word) {
      int pa = pronoun_actor(ed, p, ss);
      if (pa >= 0 && !teq(ed, p, "its") && !teq(ed, p, "their") && !teq(ed, p, "his") &&
          !teq(ed, p, "her")) {
        *conf = 0.7;
        return pa;
      }
      if (teq(ed, p, "who") || teq(ed, p, "which") || teq(ed, p, "that"))
        if (p > s0 && teq(ed, p - 1, ",")) p--;
      continue;
    }
    if (teq(ed, p, ",")) return subject_appositive(ed, k, p, s0, conf, mention);
    if (teq(ed, p, ";") || teq(ed, p, ":") || (tsh(ed, p) & CG_TOK_QUOTE) || teq(ed, p, "("))
      return -1;
  }
  return -1;
}

/* Subject control of an infinitive: "Airbus has won a contract to supply the RAF",
 * "GM plans to cut jobs": the doer of "to V" is the agent of the verb event before
 * it in the sentence (within a few tokens, not a reporting verb, whose complement
 * has a subject of its own). Returns the actor or -1; sets *mention and *conf. */
static int controller(const cg_evdoc *ed, const cg_evwork *w, int *mention, double *conf) {
  size_t k = w->tok, p = k;
  while (p > w->s0 && k - p < 3 && !teq(ed, p - 1, "to") && tin(ed, p - 1, CG_EW_AUX)) p--;
  if (p == w->s0 || !teq(ed, p - 1, "to") || !ed->work.len) return -1;
  const cg_evwork *pw = &ed->work.items[ed->work.len - 1];
  const cg_event *pe = &ed->dx->events.items[ed->first + ed->work.len - 1];
  if (pw->noun || pw->report || pw->s0 != w->s0 || k - pw->tok > 12) return -1;
  for (size_t q = pw->tok + 1; q < p; q++)
    if (teq(ed, q, ",") || teq(ed, q, ";") || (tsh(ed, q) & CG_TOK_QUOTE)) return -1;
  for (size_t i = 0; i < pe->nparts; i++)
    if (pe->parts[i].role == CG_ROLE_AGENT) {
      *mention = pe->parts[i].mention;
      *conf = 0.8;
      return (int)pe->parts[i].actor;
    }
  return -1;
}

static void verb_participants(cg_evdoc *ed, cg_event *ev, cg_evwork *w, sent_state *ss) {
  size_t k = w->tok, s0 = w->s0, s1 = w->s1;
  bool passive = false;
  for (size_t p = k; p > s0 && k - p < 3;) {
    p--;
    if (tin(ed, p, CG_EW_BE)) {
      passive = !teq(ed, k, "being") && (ed->t[ed->tk.items[k].end - 1] == 'd' ||
                                          ed->t[ed->tk.items[k].end - 1] == 'n' ||
                                          ed->t[ed->tk.items[k].end - 1] == 't');
      const char *e = ed->t + ed->tk.items[k].end;
      if (tl(ed, k) > 3 && memcmp(e - 3, "ing", 3) == 0) passive = false;
      break;
    }
    if (!tin(ed, p, CG_EW_AUX)) break;
  }
  double conf = 0.5;
  /* "said X" / "said the X spokesman" */
  int subj = -1, subj_m = -1, coord = -1;
  if (w->report && k + 1 < s1) {
    int m = mention_after(ed, k + 1, s1);
    if (m >= 0 && (k == s0 || teq(ed, k - 1, ",") || (tsh(ed, k - 1) & CG_TOK_QUOTE))) {
      subj = (int)ed->dx->mentions.items[m].actor;
      subj_m = m;
      conf = 1.0;
    }
  }
  if (subj < 0 && !passive) subj = controller(ed, w, &subj_m, &conf);
  if (subj < 0) subj = subject_left(ed, k, s0, ss, &conf, &subj_m, &coord);
  if (passive) {
    if (coord >= 0) add_mention(ed, ev, coord, CG_ROLE_PATIENT);
    if (subj >= 0) add_part_m(ed, ev, (uint32_t)subj, CG_ROLE_PATIENT, subj_m);
    for (size_t q = k + 1; q < s1 && q < k + 6; q++) {
      if (teq(ed, q, "by")) {
        int m = mention_after(ed, q + 1, s1);
        if (m >= 0) {
          add_mention(ed, ev, m, w->report ? CG_ROLE_SPEAKER : CG_ROLE_AGENT);
          note_agent(ed, ss, ed->dx->mentions.items[m].actor);
          conf = 1.0;
        }
        break;
      }
      if (teq(ed, q, ",") || teq(ed, q, ";")) break;
    }
  } else if (subj >= 0) {
    if (coord >= 0) add_mention(ed, ev, coord, w->report ? CG_ROLE_SPEAKER : CG_ROLE_AGENT);
    add_part_m(ed, ev, (uint32_t)subj, w->report ? CG_ROLE_SPEAKER : CG_ROLE_AGENT, subj_m);
    note_agent(ed, ss, (uint32_t)subj);
  }
  w->actor_conf = subj >= 0 || passive ? conf : 0.5;
  /* object on the right */
  if (!passive) {
    size_t q = k + 1;
    /* auxiliaries and adverbs, "for", "on", "with", "against", "into", "from", "up"
     * (CG_EW_OBJP, the class object-prep of function-words.tsv) */
    while (q < s1 && q < k + 4 && tin(ed, q, CG_EW_AUX | CG_EW_OBJP)) q++;
    /* titles before the object's name: "defeated President Donald Trump" */
    size_t q0 = q;
    for (int t = 0; t < 3 && q + 1 < s1 && ed->tok_mention[q] < 0 && (tsh(ed, q) & CG_TOK_CAP) &&
                    !(tsh(ed, q) & CG_TOK_DIGIT);
         t++)
      q++;
    if (ed->tok_mention[q] < 0) q = q0;
    if (q < s1) {
      int m = mention_after(ed, q, s1);
      if (m >= 0 && (int)ed->dx->mentions.items[m].actor != subj)
        add_mention(ed, ev, m, CG_ROLE_PATIENT);
    }
  }
  add_location(ed, ev, k, s1, 10);
}

/* An event noun that is the object of the verb event just before it ("the department
 * opened an investigation", "Russia launched an invasion") has that verb's doer as its
 * agent. */
static void light_verb_agent(const cg_evdoc *ed, cg_event *ev, const cg_evwork *w) {
  size_t nev = ed->work.len;
  if (!nev) return;
  const cg_evwork *pw = &ed->work.items[nev - 1];
  const cg_event *pe = &ed->dx->events.items[ed->first + nev - 1];
  if (pw->noun || pw->s0 != w->s0 || pw->tok >= w->tok || w->tok - pw->tok > 4) return;
  for (size_t q = pw->tok + 1; q < w->tok; q++)
    if (!(tsh(ed, q) & CG_TOK_WORD) || ed->tok_mention[q] >= 0) return;
  for (size_t i = 0; i < pe->nparts; i++)
    if (pe->parts[i].role == CG_ROLE_AGENT || pe->parts[i].role == CG_ROLE_SPEAKER)
      add_part_m(ed, ev, pe->parts[i].actor, CG_ROLE_AGENT, pe->parts[i].mention);
}

/* What form_of gives for a word that is no trigger form (a form is a verb or a noun:
 * never both halves 0xFFFF, see load_trigger). */
#define NO_FORM 0xFFFFFFFFu

/* The lower-cased token k among the trigger forms: verb trigger index | noun trigger
 * index << 16 (0xFFFF for none), or NO_FORM. */
/* inline: as a call of its own it cost more than the table lookup saves (measured) */
static inline uint32_t form_of(const cg_event_lexicon *lx, const cg_evdoc *ed, size_t k) {
  int32_t packed;
  const cg_token *t = &ed->tk.items[k];
  const char *w = ed->t + t->start;
  size_t n = t->end - t->start;
  /* the filter test: CG_EW_FORM holds it when the word is classed (word_classes) */
  if (!(cg_ew(ed, k) & CG_EW_FORM)) return NO_FORM;
  if (!(n <= CG_WORDTAB_MAX ? cg_wordtab_get(&lx->forms_tab, w, n, t->lhash, true, &packed)
                            : cg_lexmap_probe_lower_h(lx->forms, w, n, t->lhash, &packed)))
    return NO_FORM;
  return (uint32_t)packed;
}

/* The verb (*vi) and noun (*ni) trigger index of form u (form_of), -1 for none.
 * False when u is NO_FORM. */
static inline bool unpack_form(uint32_t u, int32_t *vi, int32_t *ni) {
  *vi = (u & 0xFFFFu) == 0xFFFFu ? -1 : (int32_t)(u & 0xFFFFu);
  *ni = (u >> 16) == 0xFFFFu ? -1 : (int32_t)(u >> 16);
  return u != NO_FORM;
}

/* Looks up the form (form_of) of every trigger candidate not in a mention or a timex
 * into s->cand_form, and prefetches the triggers and lemma copies an event of it
 * would read. The lookups of one pass are independent of each other, and their
 * cache misses overlap; made one by one as the trigger scan reaches each candidate
 * they formed a chain of misses (slot, key, trigger, lemma copy) per event. Perf on
 * real prose: the lookups and lemma copies took 2.2% of the pipeline's samples (an
 * eighth of the stage), 1.3% with this pass and its prefetches included. */
static void candidate_forms(cg_evdoc *ed) {
  const cg_event_lexicon *lx = ed->lx;
  cg_event_scratch *s = ed->s;
  /* first the slot of each candidate's form, then the key the slot points to (most
   * words are at their first slot: cg_wordtab), then the lookups */
  const cg_wordtab *ft = &lx->forms_tab;
  for (size_t i = 0; i < s->ncands; i++)
    __builtin_prefetch(&ft->slots[ed->tk.items[s->cands[i]].lhash & ft->mask]);
  for (size_t i = 0; i < s->ncands; i++) {
    uint32_t e = ft->slots[ed->tk.items[s->cands[i]].lhash & ft->mask] & 0xFFFFu;
    __builtin_prefetch(&ft->keys[e - (e != 0)]); /* e - 1, or 0 for none: no branch */
  }
  for (size_t i = 0; i < s->ncands; i++) {
    size_t k = s->cands[i];
    uint32_t u = NO_FORM;
    if (ed->tok_mention[k] < 0 && ed->tok_timex[k] < 0) u = form_of(lx, ed, k);
    s->cand_form[i] = u;
    if (u == NO_FORM) continue;
    /* both, with no branch (which one the scan takes is a coin toss): a missing
     * half is the other one again */
    size_t vi = u & 0xFFFFu, ni = u >> 16;
    vi = vi == 0xFFFFu ? ni : vi;
    ni = ni == 0xFFFFu ? vi : ni;
    __builtin_prefetch(&lx->trig.items[vi]);
    __builtin_prefetch(&s->lemma_copy[vi]);
    __builtin_prefetch(&lx->trig.items[ni]);
    __builtin_prefetch(&s->lemma_copy[ni]);
  }
}

/* Decides whether token k (in sentence [s0, s1)) is a trigger, given its form (form_of);
 * fills *tr and *noun. */
static bool find_trigger(const cg_event_lexicon *lx, const cg_evdoc *ed, size_t k, size_t s0,
                         uint32_t form, const cg_trigger **tr, bool *noun) {
  /* k is a candidate (word_classes): a word under 64 bytes with no digit that the
   * forms' filter passes; and form is not NO_FORM, so k lies in no mention or timex
   * (candidate_forms) */
  unsigned sh = tsh(ed, k);
  if ((sh & (CG_TOK_CAP | CG_TOK_ALLCAPS)) && k != s0) return false; /* part of a name */
  size_t n = tl(ed, k);
  int32_t vi = -1, ni = -1;
  if (!unpack_form(form, &vi, &ni)) return false;
  bool isv = vi >= 0, isn = ni >= 0;
  if (isv && !isn && k > s0) {
    /* a verb-only word after a determiner or a preposition is used as a noun ("the
     * land", "on land", "its own"); gerunds stay verbs ("after signing") */
    /* "-ing" after two bytes or more: the token matches the trigger's form
     * case-blind, and the form's flags say how it ends (load_trigger). From the
     * flags, with no branch: the byte tests mispredicted 4k times per 0.5 MB of real
     * prose (callgrind) */
    bool ing = (n > 4) & ((lx->trig.items[vi].flags & CG_TRIG_ING) != 0);
    if (tin(ed, k - 1, CG_EW_DET) && !teq(ed, k - 1, "that") && !teq(ed, k - 1, "new")) return false;
    if (!ing && tin(ed, k - 1, CG_EW_PREPS)) return false;
  }
  if (isv && isn) {
    /* a determiner, possessive, number or adjective-like modifier before: noun */
    bool det = k > s0 && (tin(ed, k - 1, CG_EW_DET) || (tsh(ed, k - 1) & CG_TOK_POSS) ||
                          ed->tok_timex[k - 1] >= 0 || ed->tok_mention[k - 1] >= 0);
    /* right after a verb the word is its object: "announced sanctions" */
    if (!det && k > s0 && (tsh(ed, k - 1) & CG_TOK_WORD)) {
      size_t pn = tl(ed, k - 1);
      int32_t pv, pnn;
      if (pn < 64) {
        det = unpack_form(form_of(lx, ed, k - 1), &pv, &pnn) && pv >= 0 &&
              pnn < 0 && !tin(ed, k - 1, CG_EW_AUX);
      }
    }
    bool to = k > s0 && (tin(ed, k - 1, CG_EW_AUX));
    isn = det && !to;
    isv = !isn;
  }
  *noun = !isv;
  *tr = &lx->trig.items[isv ? vi : ni];
  return true;
}

/* The index of the token that starts at byte off of the text when it is k or later,
 * or SIZE_MAX when none does (ed->s->tok_at, made by word_classes). tok_at has the
 * index's low 8 bits: the token is the first of k, k + 256, ... with those bits that
 * does not start before off (the first one, unless 256 tokens or more lie between
 * k and off). */
static size_t tok_starting_far(const cg_evdoc *ed, size_t c, size_t off);
static inline size_t tok_starting_at(const cg_evdoc *ed, size_t k, size_t off) {
  if (off >= ed->s->tok_at_cap) return SIZE_MAX;
  size_t c = k + (uint8_t)(ed->s->tok_at[off] - k);
  if (c < ed->tk.len && ed->tk.items[c].start == off) return c;
  return tok_starting_far(ed, c, off);
}

/* tok_starting_at past its first candidate c. */
static __attribute__((noinline)) size_t tok_starting_far(const cg_evdoc *ed, size_t c,
                                                         size_t off) {
  for (; c < ed->tk.len && ed->tk.items[c].start < off; c += 256)
    if (c + 256 < ed->tk.len && ed->tk.items[c + 256].start == off) return c + 256;
  return SIZE_MAX;
}

/* The first token from k on (k <= ed->tk.len) that ends after byte off: where a span
 * starting at off begins. Tokens are sorted and do not overlap, so when a token
 * starts at off (as nearly every mention, timex and sentence does) it is that token
 * or k, whichever is later; otherwise a walk from k finds it. The walks over every
 * token this spares (one per pass: mentions, timexes, sentences) were 2.1M
 * instructions, 18k mispredicted branches and 57k D1 misses per 0.5 MB of real prose
 * (callgrind). */
static size_t first_tok_after(const cg_evdoc *ed, size_t k, size_t off) {
  /* a token before k that starts at off ends after it, as k does: the walk stops at
   * once */
  size_t at = tok_starting_at(ed, k, off);
  if (at != SIZE_MAX) return at;
  while (k < ed->tk.len && ed->tk.items[k].end <= off) k++;
  return k;
}

/* Sets cover[k] for each token k of [0, n) to the index of the span (of count,
 * stride bytes apart from base, each starting with start and end as size_t) that
 * covers it, or -1. Spans are sorted: each starts at first_tok_after the last.
 * covered, unless NULL, gets every covered token once, in order. */
static void fill_cover(const cg_evdoc *ed, int *cover, size_t n, size_t count, size_t stride,
                       const char *base, cg_size_vec *covered) {
  size_t k = 0;
  memset(cover, 0xFF, n * sizeof *cover); /* all -1 */
  for (size_t m = 0; m < count; m++) {
    size_t s = *(const size_t *)(base + m * stride);
    size_t e = *(const size_t *)(base + m * stride + sizeof(size_t));
    k = first_tok_after(ed, k, s);
    /* covered filled after the span, not tested at each token: the loop with the
     * test took 0.11M instructions more per 0.5 MB of real prose (callgrind) */
    size_t q = k;
    for (; q < n && ed->tk.items[q].start < e; q++) cover[q] = (int)m;
    if (covered) {
      /* k never goes back: a token covered again is the last one listed or earlier */
      size_t j = covered->len && covered->items[covered->len - 1] >= k
                     ? covered->items[covered->len - 1] + 1
                     : k;
      for (; j < q; j++) CG_VEC_PUSH(covered, j);
    }
  }
}

/* The lemma of trigger tr copied into memory of the document (owned by ed->dx).
 * Most lemmas are cut from a piece of that memory one after the other and moved
 * with one copy of CG_LEMMA_PAD bytes (the lemma, its NUL, and bytes the next copy
 * overwrites; lemma_text has the pad after the last): a cg_docx_strndup per lemma
 * (an allocation, a memcpy call) took 63 instructions a copy, this about 16
 * (callgrind, real prose: 0.39M of the stage's 20.3M per 0.5 MB). */
static char *copy_lemma(const cg_evdoc *ed, const cg_trigger *tr) {
  cg_event_scratch *s = ed->s;
  if (tr->lemma_len >= CG_LEMMA_PAD) return cg_docx_strndup(ed->dx, tr->lemma, tr->lemma_len);
  if (s->lemma_left < CG_LEMMA_PAD) {
    s->lemma_left = 256;
    s->lemma_room = cg_docx_alloc(ed->dx, s->lemma_left);
  }
  char *p = s->lemma_room;
  memcpy(p, tr->lemma, CG_LEMMA_PAD);
  s->lemma_room += tr->lemma_len + 1;
  s->lemma_left -= tr->lemma_len + 1;
  return p;
}

/* The lemma of trigger tr in memory of the document, copied once per run
 * (cg_event_scratch.lemma_copy). */
static char *event_lemma(const cg_evdoc *ed, const cg_trigger *tr) {
  cg_event_scratch *s = ed->s;
  struct cg_lemma_copy *lc = &s->lemma_copy[tr - ed->lx->trig.items];
  if (lc->gen != s->lemma_gen) {
    lc->gen = s->lemma_gen;
    lc->lemma = copy_lemma(ed, tr);
  }
  return lc->lemma;
}

/* Starts a generation of s->lemma_copy for a run with lexicon lx: forgets the copies
 * of the last run; the slots are cleared only when it wraps, or for a lexicon with
 * more triggers. */
static void lemma_copy_begin(cg_event_scratch *s, const cg_event_lexicon *lx) {
  s->lemma_room = NULL; /* memory of the last document */
  s->lemma_left = 0;
  s->parts_room = NULL;
  s->parts_left = 0;
  if (s->nlemma_copy >= lx->trig.len && ++s->lemma_gen != 0) return;
  free(s->lemma_copy);
  s->nlemma_copy = lx->trig.len;
  s->lemma_copy = cg_xcalloc(s->nlemma_copy ? s->nlemma_copy : 1, sizeof *s->lemma_copy);
  s->lemma_gen = 1;
}

/* The event of trigger tr at token t, in place at the end of dx->events (not yet
 * counted in len), every field set: cheaper than zeroing a whole event and copying
 * it in (measured: a tenth of the trigger loop). */
static cg_event *new_event(const cg_evdoc *ed, const cg_trigger *tr, const cg_token *t,
                           uint32_t sentence) {
  cg_docx *dx = ed->dx;
  CG_VEC_GROW(&dx->events);
  cg_event *ev = &dx->events.items[dx->events.len];
  ev->trig_start = t->start;
  ev->trig_end = t->end;
  ev->lemma = event_lemma(ed, tr);
  ev->cls = tr->cls;
  ev->sentence = sentence;
  ev->timex = -1;
  ev->dated = false;
  ev->date = (cg_span){0};
  memset(ev->value, 0, sizeof ev->value);
  memset(ev->mod, 0, sizeof ev->mod);
  ev->date_rule = "none";
  ev->parts = NULL;
  ev->nparts = 0;
  ev->confidence = 0;
  return ev;
}

cg_status cg_events_run(const cg_event_lexicon *lx, cg_docx *dx) {
  return cg_events_run_tokens(lx, dx, NULL);
}

/* The classes of a token of one byte, by that byte. */
static const uint16_t PUNCT_CLS[256] = {
    [';'] = CG_EW_CLAUSE_END | CG_EW_COMMA_SEMI | CG_EW_LOC_STOP,
    [':'] = CG_EW_CLAUSE_END,
    [','] = CG_EW_COMMA_SEMI | CG_EW_LOC_STOP};
_Static_assert(CG_EW_FORM == 1u << 14, "word_classes shifts the form bit in place");
_Static_assert(CG_EW_LOC_STOP == 1u << 15, "word_classes takes the top bit of a class");

/* What the loop of word_classes carries from token to token: the counts of the two
 * candidate lists and the bits of loc_bits gathered since the last multiple of 64. */
typedef struct classes_acc {
  size_t nc, ncl;
  /* the bits of loc_bits from token k on, token k the lowest: stored whole at each
   * multiple of 64. A bit map, where a cursor per token ("the first such token
   * from k on", a select) was a branch of gcc that mispredicted 9k times per 0.5 MB
   * of real prose, or 5 instructions more per token made branch-free (callgrind) */
  uint64_t loc;
} classes_acc;

/* The loop of word_classes over tokens [lo, hi), backwards, made twice by the
 * compiler (inline, with d, clamp and tail constants at each call): once for the
 * usual case, the direct table of function words (d) and a map of token starts
 * that covers the whole text (no clamp), for the tokens that start 12 bytes or more
 * before the end of the text (no tail: the 12-byte loads of cg_fwdirect_at stay in
 * the text), and once for the rest. Measured, callgrind on real prose: the usual
 * loop does 8 instructions less per token (no test of d, no clamp, fewer locals
 * spilled). */
static inline __attribute__((always_inline)) void classes_loop(cg_evdoc *ed,
                                                               const cg_fwdirect *d,
                                                               bool clamp, bool tail,
                                                               size_t lo, size_t hi,
                                                               classes_acc *acc) {
  /* no token: the lists may not be allocated, and a cursor into a null one would be
   * NULL + 0, which C11 leaves undefined (clang's UBSan, fuzz_extract) */
  if (lo >= hi) return;
  const cg_event_lexicon *lx = ed->lx;
  size_t len = ed->len;
  /* the next entry of each candidate list: a cursor, not a base and a count, keeps
   * two registers free (callgrind, real prose: 2 loads of spilled locals less per
   * token) */
  size_t *cands = ed->s->cands + acc->nc;
  size_t *ct = ed->s->clause_toks.items + acc->ncl;
  const uint64_t *form_filter = lx->form_filter;
  uint8_t *tok_at = ed->s->tok_at; /* see cg_event_scratch */
  const size_t tok_at_last = ed->s->tok_at_cap - 1;
  uint16_t *tok_cls = ed->tok_cls;
  uint64_t *loc_bits = ed->loc_bits;
  const cg_token *tok = ed->tk.items;
  const char *text = ed->t;
  uint64_t loc = acc->loc;
  for (size_t k = hi; k-- > lo;) { /* backwards, for loc */
    const cg_token *t = &tok[k];
    size_t start = t->start, n = t->end - start;
    const char *w = text + start;
    unsigned sh = t->shape;
    uint32_t v;
    if (sh & CG_TOK_WORD) {
      /* no branch on the word: whether it is a function word or passes the forms'
       * filter is a coin toss on real prose (callgrind: the probe of a cg_wordtab
       * and the filter tests mispredicted ~90k branches per 0.5 MB; events_s ~10%
       * lower on real prose, within the noise on the generated news). The branch on
       * CG_TOK_WORD pays: made branch-free too, the generated news got 8% slower. */
      int32_t fw = 0;
      if (d && !tail) fw = (int32_t)cg_fwdirect_at(d, w, n, t->hash);
      else if (d) fw = (int32_t)cg_fwdirect_get(d, text, len, t);
      else if (n <= CG_FWORD_MAX && cg_lexmap_may_h(lx->fwords, t->hash))
        cg_wordtab_get(&lx->fw, w, n, t->hash, false, &fw);
      unsigned form = (n < 64) & cg_form_filter(form_filter, t->lhash);
      v = (uint32_t)fw | form << 14;
      /* the candidates of the trigger scan (a word with a digit is never one, see
       * find_trigger), listed last first */
      *cands = k;
      cands += form & !(sh & CG_TOK_DIGIT);
    } else {
      /* ";" ":" ",": a token of one byte; a table, not a chain of tests */
      v = PUNCT_CLS[(unsigned char)*w] & -(uint32_t)(n == 1);
    }
    /* the candidates of the clause scan, last first */
    *ct = k;
    ct += (v & (CG_EW_CONJ | CG_EW_CLAUSE_END)) != 0;
    tok_cls[k] = (uint16_t)v;
    tok_at[clamp && start > tok_at_last ? tok_at_last : start] = (uint8_t)k;
    loc = loc << 1 | v >> 15; /* CG_EW_LOC_STOP */
    if (k % 64 == 0) loc_bits[k / 64] = loc;
  }
  acc->nc = (size_t)(cands - ed->s->cands);
  acc->ncl = (size_t)(ct - ed->s->clause_toks.items);
  acc->loc = loc;
}

/* The two versions of classes_loop, each a function of its own: inlined into
 * cg_events_run_scratch, the loop shared the registers of that large function and
 * reloaded a dozen spilled locals per token (callgrind, real prose, with the tail
 * apart: 0.11M of the stage's 19.1M instructions less per 0.5 MB). */
static __attribute__((noinline)) void classes_direct(cg_evdoc *ed, const cg_fwdirect *d,
                                                     size_t hi, classes_acc *acc) {
  const cg_fwdirect dd = *d; /* in registers, not reloaded after each store */
  classes_loop(ed, &dd, false, false, 0, hi, acc); /* from token 0: one register less */
}

static __attribute__((noinline)) void classes_general(cg_evdoc *ed, const cg_fwdirect *d,
                                                      size_t lo, size_t hi, classes_acc *acc) {
  classes_loop(ed, d, true, true, lo, hi, acc);
}

/* Fills ed->tok_cls: the function-word classes of every token, and the classes not
 * from the file (CG_EW_CLAUSE_END, CG_EW_COMMA_SEMI, CG_EW_FORM, CG_EW_LOC_STOP; that
 * of "in" and "at" comes with the table, see events_lex.c); ed->loc_bits; s->tok_at;
 * and s->cands, the trigger candidates.
 * One pass up front: the event passes ask most tokens of a sentence that holds an
 * event (the clause scans of events_date.c walk whole clauses), and with the
 * tokenizer's hashes most words cost a filter test. */
static void word_classes(cg_evdoc *ed) {
  cg_size_vec *clause_toks = &ed->s->clause_toks; /* see cg_event_scratch */
  if (clause_toks->cap < ed->tk.len) { /* room for every token: stores without a test */
    clause_toks->cap = ed->tk.len + ed->tk.len / 2;
    free(clause_toks->items);
    clause_toks->items = cg_xmalloc(clause_toks->cap * sizeof *clause_toks->items);
  }
  size_t n = ed->tk.len, nw = (n + 63) / 64;
  ed->loc_bits[nw] = ed->loc_bits[nw + 1] = 0; /* past the last token (add_location) */
  classes_acc acc = {0, 0, 0};
  /* fwd.index is NULL only for an unusual function-word file (fwdirect_build) */
  const cg_fwdirect *fwd = ed->lx->fwd.index ? &ed->lx->fwd : NULL;
  /* every token starts before byte len, which has an entry of s->tok_at unless the
   * document passed CG_TOK_AT_MAX bytes (scratch_tokens) */
  if (fwd && ed->len < ed->s->tok_at_cap) {
    /* the last tokens, within 12 bytes of the end, apart (see classes_loop) */
    size_t m = n;
    while (m > 0 && ed->len - ed->tk.items[m - 1].start < 12) m--;
    classes_general(ed, fwd, m, n, &acc);
    classes_direct(ed, fwd, m, &acc);
  } else {
    classes_general(ed, fwd, 0, n, &acc);
  }
  ed->s->ncands = acc.nc;
  ed->s->clause_toks.len = acc.ncl;
}

cg_event_scratch *cg_event_scratch_new(void) { return cg_xcalloc(1, sizeof(cg_event_scratch)); }

/* Frees the arrays of one entry per token (scratch_tokens makes them together), and
 * leaves none: the one list of them, for the three places that give them back. */
static void free_tok_arrays(cg_event_scratch *s) {
  free(s->tok_mention);
  free(s->tok_timex);
  free(s->tok_cls);
  free(s->loc_bits);
  free(s->tx_bits);
  free(s->is_trig);
  free(s->cands);
  free(s->cand_form);
  s->tok_mention = s->tok_timex = NULL;
  s->tok_cls = NULL;
  s->loc_bits = s->tx_bits = NULL;
  s->is_trig = NULL;
  s->cands = NULL;
  s->cand_form = NULL;
  s->tokcap = 0;
}

void cg_event_scratch_free(cg_event_scratch *s) {
  if (!s) return;
  free_tok_arrays(s);
  free(s->tok_at);
  free(s->stops_back.items);
  free(s->stops_fwd.items);
  free(s->clause_toks.items);
  free(s->timex_toks.items);
  free(s->work.items);
  free(s->parts);
  free(s->att);
  free(s->taken);
  free(s->lemma_copy);
  free(s);
}

size_t cg_event_scratch_bytes(const cg_event_scratch *s) {
  size_t per_tok = sizeof *s->tok_mention + sizeof *s->tok_timex + sizeof *s->tok_cls +
                   sizeof *s->is_trig + sizeof *s->cands + sizeof *s->cand_form;
  return s->tokcap * per_tok + (s->tokcap ? 2 * (s->tokcap / 64 + 3) * sizeof(uint64_t) : 0) +
         s->tok_at_cap * sizeof *s->tok_at +
         (s->stops_back.cap + s->stops_fwd.cap + s->clause_toks.cap + s->timex_toks.cap) *
             sizeof(size_t) +
         s->work.cap * sizeof *s->work.items + s->partcap * sizeof *s->parts +
         s->attcap * sizeof *s->att + s->takencap + s->nlemma_copy * sizeof *s->lemma_copy;
}

/* Makes the per-token arrays of s hold n + 1 entries, and s->tok_at len + 1 (the
 * document's text bytes), up to CG_TOK_AT_MAX. */
static void scratch_tokens(cg_event_scratch *s, size_t n, size_t len) {
  size_t want = len + 1 < CG_TOK_AT_MAX ? len + 1 : CG_TOK_AT_MAX;
  if (s->tok_at_cap < want) {
    s->tok_at_cap = want + want / 2 < CG_TOK_AT_MAX ? want + want / 2 : CG_TOK_AT_MAX;
    free(s->tok_at);
    s->tok_at = cg_xcalloc(s->tok_at_cap, sizeof *s->tok_at);
  }
  if (s->tokcap >= n + 1) return;
  free_tok_arrays(s);
  s->tokcap = n + 1 + n / 2;
  s->tok_mention = cg_xmalloc(s->tokcap * sizeof(int));
  s->tok_timex = cg_xmalloc(s->tokcap * sizeof(int));
  s->tok_cls = cg_xmalloc(s->tokcap * sizeof(uint16_t));
  s->loc_bits = cg_xmalloc((s->tokcap / 64 + 3) * sizeof(uint64_t)); /* see cg_evdoc */
  s->tx_bits = cg_xmalloc((s->tokcap / 64 + 3) * sizeof(uint64_t));
  s->is_trig = cg_xmalloc(s->tokcap);
  s->cands = cg_xmalloc(s->tokcap * sizeof(size_t));
  s->cand_form = cg_xmalloc(s->tokcap * sizeof(uint32_t));
}

/* Whether a large document grew the per-token arrays past CG_SCRATCH_KEEP (see
 * there): they are made together (scratch_tokens) and given back together. */
static bool tok_arrays_large(const cg_event_scratch *s) {
  return s->tokcap * sizeof *s->cands > CG_SCRATCH_KEEP;
}

/* Frees, after a large document's trigger scan, the arrays the dating does not read:
 * the candidates and s->tok_at; the dating's own arrays may take their place
 * (measured, peak resident memory of one 10 MB / 20 MB document: 4.6 MB / 9.2 MB less
 * than freeing them at the end of the stage). */
static void scratch_drop_candidates(cg_event_scratch *s) {
  if (tok_arrays_large(s)) {
    free(s->cands);
    free(s->cand_form);
    s->cands = NULL;
    s->cand_form = NULL;
    s->ncands = 0;
  }
  CG_SCRATCH_TRIM(s->tok_at, s->tok_at_cap);
}

/* At the end of the stage, after scratch_drop_candidates: frees the rest of what a
 * large document grew past CG_SCRATCH_KEEP. */
static void scratch_end(cg_event_scratch *s) {
  if (tok_arrays_large(s)) free_tok_arrays(s); /* the candidates went before */
  CG_SCRATCH_TRIM_VEC(&s->stops_back);
  CG_SCRATCH_TRIM_VEC(&s->stops_fwd);
  CG_SCRATCH_TRIM_VEC(&s->clause_toks);
  CG_SCRATCH_TRIM_VEC(&s->timex_toks);
  CG_SCRATCH_TRIM_VEC(&s->work);
  CG_SCRATCH_TRIM(s->parts, s->partcap);
  CG_SCRATCH_TRIM(s->att, s->attcap);
  CG_SCRATCH_TRIM(s->taken, s->takencap);
}

/* The first token from k on that starts at or after byte off: the first of a
 * sentence starting there. */
static size_t sent_first_tok(const cg_evdoc *ed, size_t k, size_t off) {
  size_t at = tok_starting_at(ed, k, off);
  if (at != SIZE_MAX) return at; /* as for first_tok_after */
  while (k < ed->tk.len && ed->tk.items[k].start < off) k++;
  return k;
}

/* The first token from k on that ends after byte end, the end of sentence s: most
 * often the first token of the next sentence (or tk.len after the last one), which
 * is taken when it passes the test that defines it. Otherwise a walk from k (a
 * sentence is a few dozen tokens: the walk's end mispredicted once a sentence where
 * cg_tokens_upto's gallop and halving did about 3 times). */
static size_t sent_end_tok(const cg_evdoc *ed, size_t k, size_t s, size_t end) {
  const cg_token *t = ed->tk.items;
  size_t n = ed->tk.len, c = n;
  if (s + 1 < ed->dx->sents.len) c = tok_starting_at(ed, k, ed->dx->sents.items[s + 1].start);
  if (c != SIZE_MAX && c >= k && (c == k || t[c - 1].end <= end) && (c == n || t[c].end > end))
    return c;
  while (k < n && t[k].end <= end) k++;
  return k;
}

/* A copy of the n participants p (n >= 1) in memory of the document, cut from a
 * piece of it one after the other, as the lemmas are (copy_lemma): a cg_docx_alloc
 * and a memcpy call per event cost 45 instructions. */
static cg_participant *doc_parts(cg_evdoc *ed, const cg_participant *p, size_t n) {
  cg_event_scratch *s = ed->s;
  if (s->parts_left < n) {
    s->parts_left = n > 32 ? n : 32;
    s->parts_room = cg_docx_alloc(ed->dx, s->parts_left * sizeof *s->parts_room);
  }
  cg_participant *d = s->parts_room;
  for (size_t i = 0; i < n; i++) d[i] = p[i];
  s->parts_room += n;
  s->parts_left -= n;
  return d;
}

cg_status cg_events_run_tokens(const cg_event_lexicon *lx, cg_docx *dx, const cg_tokens *tk) {
  cg_event_scratch *s = cg_event_scratch_new();
  cg_status st = cg_events_run_scratch(lx, dx, tk, s);
  cg_event_scratch_free(s);
  return st;
}

cg_status cg_events_run_scratch(const cg_event_lexicon *lx, cg_docx *dx, const cg_tokens *tk,
                                cg_event_scratch *scratch) {
  if (!lx || !dx || !dx->doc || !dx->doc->text) return CG_OK;
  cg_evdoc ed = {.lx = lx, .dx = dx, .t = dx->doc->text, .len = dx->doc->len, .s = scratch};
  if (tk) ed.tk = *tk; /* borrowed */
  else cg_tokenize(ed.t, 0, dx->doc->len, &ed.tk);
  size_t n = ed.tk.len;
  scratch_tokens(scratch, n, ed.len);
  lemma_copy_begin(scratch, lx);
  ed.tok_mention = scratch->tok_mention;
  ed.tok_timex = scratch->tok_timex;
  ed.tok_cls = scratch->tok_cls;
  ed.loc_bits = scratch->loc_bits;
  ed.work.items = scratch->work.items;
  ed.work.cap = scratch->work.cap;
  word_classes(&ed);
  /* cg_mention and cg_timex both start with (start, end) as size_t */
  fill_cover(&ed, ed.tok_mention, n, dx->mentions.len, sizeof(cg_mention),
             (const char *)dx->mentions.items, NULL);
  scratch->timex_toks.len = 0;
  fill_cover(&ed, ed.tok_timex, n, dx->timexes.len, sizeof(cg_timex),
             (const char *)dx->timexes.items, &scratch->timex_toks);
  size_t first_ev = dx->events.len;
  ed.first = first_ev;
  /* news text holds about one event per 6 tokens, dense documents one per 4: room
   * for nearly every document's events in one allocation instead of a growth by
   * doubling (measured: with room for one per 8, three documents in four grew, 1.3%
   * of the stage) */
  if (dx->events.cap < first_ev + n / 4 + 8) {
    dx->events.cap = first_ev + n / 4 + 8;
    dx->events.items = cg_xrealloc(dx->events.items, dx->events.cap * sizeof *dx->events.items);
  }
  /* the last agents seen, for "its"/"their"/"he" in this and later sentences */
  sent_state ss = {-1, -1};
  size_t k = 0, nsent = dx->sents.len ? dx->sents.len : 1;
  /* the candidates in text order (cands is last first): most tokens are none, and
   * the walk over every token of every sentence that this replaces cost 1.1M
   * instructions and 22k mispredicted branches per 0.5 MB of real prose
   * (callgrind) */
  const size_t *cand = scratch->cands;
  size_t ci = scratch->ncands;
  candidate_forms(&ed);
  for (size_t s = 0; s < nsent && ci > 0; s++) {
    size_t s0 = k, s1 = n;
    if (dx->sents.len) {
      s0 = k = sent_first_tok(&ed, k, dx->sents.items[s].start);
      s1 = k = sent_end_tok(&ed, k, s, dx->sents.items[s].end);
    }
    while (ci > 0 && cand[ci - 1] < s0) ci--; /* outside every sentence */
    for (; ci > 0 && cand[ci - 1] < s1; ci--) {
      size_t q = cand[ci - 1];
      uint32_t form = scratch->cand_form[ci - 1];
      const cg_trigger *tr;
      bool noun;
      /* NO_FORM: no form, or the word lies in a mention or a timex (candidate_forms):
       * one test for the three */
      if (form == NO_FORM || !find_trigger(lx, &ed, q, s0, form, &tr, &noun)) continue;
      cg_event *ev = new_event(&ed, tr, &ed.tk.items[q], (uint32_t)(dx->sents.len ? s : 0));
      cg_evwork w = {q, s0, s1, tr->flags, noun, ((tr->flags & CG_TRIG_REPORT) != 0) & !noun, 0.5};
      if (noun) {
        noun_participants(&ed, ev, &w, &ss);
        if (!has_role(ev, CG_ROLE_AGENT)) light_verb_agent(&ed, ev, &w);
      } else {
        verb_participants(&ed, ev, &w, &ss);
      }
      if (ev->nparts) ev->parts = doc_parts(&ed, ev->parts, ev->nparts);
      dx->events.len++;
      CG_VEC_PUSH(&ed.work, w);
    }
    k = s1;
  }
  scratch_drop_candidates(scratch);
  cg_events_date(&ed);
  scratch->work.items = ed.work.items;
  scratch->work.cap = ed.work.cap;
  scratch_end(scratch);
  if (!tk) free(ed.tk.items);
  return CG_OK;
}
