/*
 * RSS 2.0 / RSS 1.0 and Atom feeds, one document per <item> / <entry>, streamed with
 * libxml2's xmlTextReader: only the current item's subtree is in memory, so a feed of
 * 100,000 items runs in flat memory. Network access, DTD loading and entity
 * substitution are off; entity references are never expanded by our code either.
 *
 * Per item: title; link (Atom: <link rel="alternate" href>); guid / id as the id;
 * DCT (CG_DCT_META) from Atom published, RSS pubDate (RFC 822), dc:date, Atom
 * updated; text from content:encoded, Atom content, description or summary, read as
 * HTML (Atom type="text" as plain text, type="xhtml" as the XHTML tree); an item with
 * no body has its title as text.
 */
#ifndef CG_READ_FEED_H
#define CG_READ_FEED_H

#include "read_stream.h"
#include "reader.h"

typedef struct cg_feed cg_feed;

/* Starts reading a feed from s (borrowed; s and ctx must outlive the reader). The
 * stream is validated as UTF-8 on the fly (or repaired when lenient) unless the XML
 * declaration names another encoding. name is used for ids ("name#N"), sources
 * ("name#item-N") and errors. Caller frees with cg_feed_free. */
cg_feed *cg_feed_open(cg_stream *s, const char *name, const cg_read_ctx *ctx);

/* Next item: CG_OK with *doc (caller frees with cg_doc_free), CG_OK with *doc NULL at
 * the end, or an error. An error in one item (empty, too large) skips that item only;
 * broken XML or invalid UTF-8 ends the feed (the items before it were delivered) with
 * an error naming the file, line and column; the next call then returns the end. */
cg_status cg_feed_next(cg_feed *f, cg_doc **doc, cg_error *err);

void cg_feed_free(cg_feed *f); /* NULL ok; does not close the stream */

#endif
