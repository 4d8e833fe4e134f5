/* Actor recognition and alias resolution: fills cg_docx.actors and .mentions from
 * gazetteers and patterns under data/en/actors/. */
#ifndef CG_ACTORS_H
#define CG_ACTORS_H

#include "model.h"
#include "tokens.h"

typedef struct cg_actor_lexicon cg_actor_lexicon;

/* Loads <datadir>/en/actors/... (datadir NULL = cg_datadir(NULL)). Caller frees with
 * cg_actor_lexicon_free. Immutable after loading: safe to share between threads. */
cg_status cg_actor_lexicon_new(cg_actor_lexicon **out, const char *datadir, cg_error *err);
void cg_actor_lexicon_free(cg_actor_lexicon *lx);

/* Finds actor mentions in dx (after sentences and timexes), resolves aliases within
 * the document and appends to dx->actors and dx->mentions (mentions sorted by start).
 * Linear in the text. Never fails on content. */
cg_status cg_actors_run(const cg_actor_lexicon *lx, cg_docx *dx);

/* As cg_actors_run with the tokens of the whole text already made (tk = the result
 * of cg_tokenize(dx->doc->text, 0, dx->doc->len, ...), borrowed, not changed), so
 * that the stages of one document tokenise it once. tk NULL = tokenise here. */
cg_status cg_actors_run_tokens(const cg_actor_lexicon *lx, cg_docx *dx, const cg_tokens *tk);

/* Working memory of the actor stage for one thread, reused from document to
 * document (its maps are cleared, its arrays keep their size). Caller frees with
 * cg_actor_scratch_free; never share one between threads running at once. */
typedef struct cg_actor_scratch cg_actor_scratch;
cg_actor_scratch *cg_actor_scratch_new(void);
void cg_actor_scratch_free(cg_actor_scratch *s); /* NULL ok */

/* Bytes of the arrays s keeps for the next document (not its maps): tests check
 * that a large document's are given back (CG_SCRATCH_KEEP). */
size_t cg_actor_scratch_bytes(const cg_actor_scratch *s);

/* As cg_actors_run_tokens with the working memory s (borrowed), so that a thread
 * running document after document allocates almost nothing per document.
 * cg_actors_run_tokens makes and frees one for each call. */
cg_status cg_actors_run_scratch(const cg_actor_lexicon *lx, cg_docx *dx, const cg_tokens *tk,
                                cg_actor_scratch *s);

/* True when s[0..n) is a demonym or nationality adjective of the gazetteers
 * ("Russian"): such mentions name a state adjectivally, not by its name (evaluation
 * against name-only gold standards skips them). */
bool cg_actor_lexicon_is_demonym(const cg_actor_lexicon *lx, const char *s, size_t n);

#endif
