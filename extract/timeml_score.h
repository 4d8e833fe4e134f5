/*
 * TempEval-3 style evaluation of TIMEX3 extraction, and the gold readers it needs.
 *
 * Matching follows TempEval-3: a system timex and a gold timex match "relaxed" when
 * their extents overlap and "strict" when the extents are equal (one-to-one, in text
 * order). Type and value are judged on relaxed matches; type F1 and value F1 count
 * only matches whose attribute is right (= attribute accuracy x relaxed F1).
 */
#ifndef CG_TIMEML_SCORE_H
#define CG_TIMEML_SCORE_H

#include "model.h"

typedef CG_VEC(cg_timex) cg_timex_vec;

/* Parses a TimeML file like cg_read_timeml and also returns the TIMEX3 inside <TEXT>
 * (offsets into doc->text; type, value, mod) in *gold (appended; caller frees items).
 * gold may be NULL. On CG_OK *out is owned by the caller (cg_doc_free). Defined in
 * read_timeml.c, which owns the TimeML scanning. */
cg_status cg_timeml_parse(const char *buf, size_t len, const char *name, cg_doc **out,
                          cg_timex_vec *gold, cg_error *err);

/* Parses a MEANTIME (NewsReader NAF-like) XML file: tokens joined into text (one space
 * between tokens, one newline between sentences), the TIMEX3 anchored on tokens as
 * gold, the CREATION_TIME timex as the DCT. Caller frees *out and gold->items.
 * MEANTIME marks TIMEX3 only in the title, the date line and the first four body
 * sentences (sentences 0..CG_MEANTIME_LAST_SENT); *annotated_end (may be NULL) gets the
 * text offset where that region ends, so system timexes after it are not scored. */
#define CG_MEANTIME_LAST_SENT 5
cg_status cg_meantime_parse(const char *path, cg_doc **out, cg_timex_vec *gold,
                            size_t *annotated_end, cg_error *err);

/* Counts accumulated over many documents. Zero-initialise. */
typedef struct cg_tscore {
  size_t ngold, nsys;
  size_t rel_gold, rel_sys;   /* gold (sys) timexes with an overlapping partner */
  size_t strict;              /* one-to-one exact extent matches */
  size_t pairs;               /* one-to-one relaxed pairs */
  size_t type_ok, value_ok, mod_ok;
  size_t ty_gold[4], ty_sys[4], ty_pairs[4], ty_value_ok[4], ty_strict[4];
  size_t ndocs;
} cg_tscore;

/* Scores one document's system timexes against gold (both sorted by start) and adds
 * to s. With verbose non-NULL, appends one line per miss, extra, wrong extent, type
 * or value, labelled with name and the text. */
void cg_tscore_add(cg_tscore *s, const char *name, const char *text,
                   const cg_timex *gold, size_t ngold, const cg_timex *sys, size_t nsys,
                   cg_buf *verbose);

/* Appends the table (strict/relaxed P/R/F1, type/value accuracy and F1; per type when
 * per_type) to out. */
void cg_tscore_report(const cg_tscore *s, bool per_type, cg_buf *out);

/* The F1 figures in percent, for gates and tests. */
typedef struct cg_tscore_f1 {
  double strict_p, strict_r, strict_f1, relaxed_p, relaxed_r, relaxed_f1;
  double type_acc, value_acc, type_f1, value_f1;
} cg_tscore_f1;
cg_tscore_f1 cg_tscore_figures(const cg_tscore *s);

#endif
