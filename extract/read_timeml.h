/* TimeML input (TempEval-3 .tml): the <DCT> TIMEX3 value is the publication date and
 * the content of <TEXT> (tags stripped, entities decoded) is the document text. The
 * raw file is kept in doc->raw with the byte range of <TEXT>'s content, so that
 * cg_write_timeml can re-emit the file with our TIMEX3 tags added. */
#ifndef CG_READ_TIMEML_H
#define CG_READ_TIMEML_H

#include "model.h"

/* Parses one TimeML file held in buf (len bytes, need not be NUL-terminated).
 * name is used for the document id/source and error messages. On CG_OK *out is a
 * document the caller frees with cg_doc_free; on error *out is NULL and err says
 * what and where (byte offset). A file without <DCT> gives a document whose dct is
 * NULL (the caller decides whether --date fills it). */
cg_status cg_read_timeml(const char *buf, size_t len, const char *name, cg_doc **out,
                         cg_error *err);

/* Writes dx->doc->raw with <TIMEX3 tid type value [mod]> tags for dx->timexes added
 * inside <TEXT> (existing TIMEX3 tags inside TEXT removed, everything else kept
 * byte for byte). Documents that did not come from TimeML are written as a minimal
 * TimeML file (<DOCID>, <DCT>, <TEXT>). Appends to out. */
void cg_write_timeml(const cg_docx *dx, cg_buf *out);

#endif
