/*
 * HTML pages, and HTML-to-text for feed items.
 *
 * Text extraction: the body is the element with itemprop="articleBody", else the
 * first <article>, else the <p> elements of <body> (else all of <body>). nav, script,
 * style, header, footer, aside, form, figure, noscript, template, iframe, svg and
 * elements marked hidden or with a navigation/banner/contentinfo/complementary role
 * are dropped. Block elements end paragraphs; paragraphs are separated by a blank
 * line; inside a paragraph every run of whitespace (including U+00A0 and the other
 * Unicode spaces) becomes one space. The tree is walked without recursion, so
 * 100,000 nested tags cost no stack.
 */
#ifndef CG_READ_HTML_H
#define CG_READ_HTML_H

#include "reader.h"

struct _xmlNode; /* libxml2's node, kept out of this header */

/* Reads one HTML page from buf[0..len) (raw file bytes). The page is UTF-8 unless a
 * <meta charset> in its first 4 KiB names another encoding; UTF-8 pages are validated
 * first (CG_EUTF8 with the byte offset, or repaired with a warning when lenient).
 * Title: og:title, else <title>, else JSON-LD headline, else the first <h1>.
 * DCT (CG_DCT_META): meta article:published_time, else JSON-LD datePublished, else
 * itemprop=datePublished, else <time pubdate|itemprop=datePublished datetime>, else
 * other date metas (dc.date, pubdate, ...), else the first <time datetime>.
 * url: <link rel=canonical>, else og:url. id and source are name.
 * On CG_OK *out is a document the caller frees with cg_doc_free; otherwise *out is
 * NULL and err says why (CG_EUTF8, CG_EEMPTY, CG_ELIMIT, CG_ELIB). */
cg_status cg_read_html(const char *buf, size_t len, const char *name, const cg_read_ctx *ctx,
                       cg_doc **out, cg_error *err);

/* Appends the text of an HTML fragment (valid UTF-8, e.g. a feed item's description)
 * to out, paragraphs separated by blank lines. Text without '<' or '&' is taken as
 * plain text (whitespace collapsed, blank lines kept as paragraph breaks). */
void cg_html_fragment_text(const char *html, size_t len, cg_buf *out);

/* Appends the text of the subtree under root (HTML or XHTML element) to out, with the
 * same paragraph rules and boilerplate dropping. */
void cg_html_node_text(const struct _xmlNode *root, cg_buf *out);

/* Appends s[0..n) with every whitespace run collapsed to one space and trimmed. */
void cg_text_collapse(const char *s, size_t n, cg_buf *out);

/* Appends plain text s[0..n) with whitespace collapsed inside paragraphs and runs
 * holding a blank line turned into a paragraph break ("\n\n"). */
void cg_text_plain(const char *s, size_t n, cg_buf *out);

/* Value of attribute `name` of element n from its text children only (entity
 * references are never expanded), or NULL. Caller frees with free(). */
char *cg_xml_attr(const struct _xmlNode *n, const char *name);

/* Appends the concatenated text and CDATA under n (entity references skipped, no
 * recursion) to out, unnormalised. */
void cg_xml_text(const struct _xmlNode *n, cg_buf *out);

#endif
