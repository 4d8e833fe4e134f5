/*
 * One escaping path per output format. Every string that came from the news goes
 * through exactly one of these before it reaches an output (see render.h).
 *
 * All of them repair the input first (cg_esc_clean): invalid UTF-8 bytes become
 * U+FFFD and C0 control characters are dropped (TAB, LF and CR become a space, except
 * where a format keeps line breaks), so every output is well-formed whatever the
 * input. Each function appends to a cg_buf; none fails.
 */
#ifndef CG_ESCAPE_H
#define CG_ESCAPE_H

#include "util.h"

/* Appends s (NULL = "") with invalid UTF-8 replaced by U+FFFD and C0 controls and
 * DEL dropped; TAB/LF/CR become one space. The base of every other escaper. */
void cg_esc_clean(cg_buf *out, const char *s);

/* Same as cg_esc_clean but keeps LF (for multi-line tooltips). */
void cg_esc_clean_lines(cg_buf *out, const char *s);

/* Returns a cleaned, newly allocated copy of s (caller frees with free()). Never NULL. */
char *cg_esc_clean_dup(const char *s);

/* XML/SVG text or attribute value: & < > " ' as entities, after cleaning. */
void cg_esc_xml(cg_buf *out, const char *s);

/* HTML text or (quoted) attribute value: same rules as XML (valid in both). */
void cg_esc_html(cg_buf *out, const char *s);

/* A Graphviz plain-label (escString) value to be SET THROUGH THE CGRAPH API
 * (agsafeset), never pasted into DOT text: backslashes doubled (so \N, \G, \n keep
 * their letters), & < > written as entities (Graphviz decodes entities in labels, so
 * the text shows verbatim and the DOT file holds no markup), controls dropped. Returns a new string, caller frees. */
char *cg_esc_dot_label(const char *s);

/* One CSV cell (RFC 4180): quoted when it contains , " CR LF or leading/trailing
 * space, quotes doubled; a cell starting with = + - @ (or TAB/CR in the raw input)
 * gets a leading ' so spreadsheets do not evaluate it. Line breaks become spaces. */
void cg_esc_csv(cg_buf *out, const char *s);

/* Truncates s (cleaned) to at most max_chars code points, adding an ellipsis when cut.
 * Returns a new string, caller frees. */
char *cg_esc_truncate(const char *s, size_t max_chars);

#endif
