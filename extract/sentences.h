/* Sentence splitting for news text: fills cg_docx.sents. */
#ifndef CG_SENTENCES_H
#define CG_SENTENCES_H

#include "model.h"
#include "tokens.h"

/* Splits dx->doc->text into sentences (appending to dx->sents), covering every
 * non-blank stretch of the text. Handles abbreviations ("U.S.", "Dr.", "Feb."),
 * initials, decimals, quotes and paragraph breaks. Linear time. Cannot fail.
 * Loads the abbreviation list from cg_datadir(NULL) on each call (a few hundred
 * lines); callers splitting many documents should use cg_sentences_split_with. */
void cg_sentences_split(cg_docx *dx);

/* The abbreviation lists (data/en/sentences/), immutable once loaded. */
typedef struct cg_splitter cg_splitter;

/* Loads <datadir>/en/sentences/{abbreviations,sentence-starters}.txt (datadir NULL =
 * cg_datadir(NULL)). Caller frees with cg_splitter_free. CG_EDATA when missing. */
cg_status cg_splitter_new(cg_splitter **out, const char *datadir, cg_error *err);
void cg_splitter_free(cg_splitter *sp); /* NULL ok */

/* As cg_sentences_split with a loaded splitter; sp NULL = rules without lists. */
void cg_sentences_split_with(const cg_splitter *sp, cg_docx *dx);

/* As cg_sentences_split_with, and leaves the tokens of the whole text in *tk (emptied
 * first; its storage is reused, so one cg_tokens can serve document after document;
 * the caller frees tk->items). Pass tk on to cg_actors_run_tokens and
 * cg_events_run_tokens so that a document is tokenised once. */
void cg_sentences_split_tokens(const cg_splitter *sp, cg_docx *dx, cg_tokens *tk);

#endif
