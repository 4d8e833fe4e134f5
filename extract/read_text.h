/* Plain-text documents (.txt). */
#ifndef CG_READ_TEXT_H
#define CG_READ_TEXT_H

#include "reader.h"

/* Reads one plain-text document from buf[0..len) (raw file bytes; validated and
 * normalised here). Takes buf (malloc'ed, with room for a NUL at buf[len], as
 * cg_stream_slurp returns it): it becomes the document's text, or is freed.
 * The first non-blank line is the title when a blank line follows it and it looks
 * like a headline (at most 300 bytes, not ending with a period); the text is then
 * what follows. A header line near the top such as "Published: 2025-12-05"
 * or a line that is only a date gives the DCT (CG_DCT_TEXT). id and source are name.
 * On CG_OK *out is a document the caller frees with cg_doc_free; otherwise *out is
 * NULL and err names the file and position (CG_EUTF8, CG_EEMPTY). */
cg_status cg_read_text(char *buf, size_t len, const char *name, const cg_read_ctx *ctx,
                       cg_doc **out, cg_error *err);

/* Looks for a publication-date header in the first lines of text[0..len) (see
 * cg_read_text). Returns true and fills out ("YYYY-MM-DD", 16 bytes) when found. */
bool cg_text_header_date(const char *text, size_t len, char *out);

#endif
