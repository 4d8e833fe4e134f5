/**
 * chronograph: news text to dated events, actors, an event graph and renderings.
 *
 * # Pipeline
 *
 *     read (cg_reader) -> extract (cg_pipeline -> cg_result) -> merge (cg_corpus)
 *          -> graph (igraph network inside cg_corpus) -> render (SVG, report, exports)
 *
 * # Conventions
 *
 * - Every name starts with `cg_` / `CG_`. Types are opaque; `_new` / `_free` pairs,
 *   and every `_free` accepts NULL.
 * - Ownership is written at each prototype: "caller frees" means the caller releases
 *   the value with the named function; "borrowed" means the value lives as long as
 *   its owner and must not be freed.
 * - Functions that can fail return a `cg_status`; when they take a `cg_error *` it
 *   may be NULL, otherwise it is filled with the file, line and byte offset of the
 *   problem.
 * - Out of memory aborts the process (as cmark and redis do): no function returns
 *   CG_ENOMEM for a failed malloc of our own; CG_ENOMEM only reports a library that
 *   refused an allocation.
 * - No global mutable state: a `cg_pipeline` is immutable once built and may be used
 *   from several threads at once. `cg_corpus` (igraph, Graphviz) is single-threaded.
 */
#ifndef CHRONOGRAPH_H
#define CHRONOGRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(CG_BUILDING_SHARED) && defined(__GNUC__)
#define CG_EXPORT __attribute__((visibility("default")))
#else
#define CG_EXPORT
#endif

#define CG_SCHEMA_VERSION "2"

/** Status codes, grouped in ranges with gaps so that new codes fit. */
typedef enum cg_status {
  CG_OK = 0,
  /* 10-19: input problems, the document is skipped, the run goes on */
  CG_EINPUT = 10,   /**< malformed input (bad JSON line, broken XML, ...) */
  CG_EUTF8 = 11,    /**< invalid UTF-8 (offset in the error) */
  CG_EBINARY = 12,  /**< binary data where text was expected */
  CG_EEMPTY = 13,   /**< empty document */
  CG_ENODCT = 14,   /**< no publication date and none given */
  CG_ELIMIT = 15,   /**< an input exceeds a size limit */
  /* 30-39: environment */
  CG_EIO = 30,      /**< cannot open, read or write a file */
  CG_EDATA = 31,    /**< a lexicon file is missing or malformed */
  CG_EUSAGE = 32,   /**< bad option or argument */
  /* 50-59: libraries */
  CG_ELIB = 50,     /**< igraph, Graphviz, libxml2 or jansson reported an error */
  CG_ENOMEM = 51    /**< a library refused an allocation */
} cg_status;

/** Where and why something failed. Offsets are UTF-8 byte offsets; -1 = unknown. */
typedef struct cg_error {
  cg_status code;
  char file[512];    /**< input file, or "" */
  long line;         /**< 1-based line, 0 = unknown */
  long column;       /**< 1-based column in bytes, 0 = unknown */
  long long offset;  /**< byte offset in the file, -1 = unknown */
  char msg[512];     /**< human-readable message */
} cg_error;

/** Returns a static string naming the status ("ok", "invalid UTF-8", ...). Borrowed. */
CG_EXPORT const char *cg_status_str(cg_status s);

/** Formats "file:line:col: (offset N) message" into buf (always NUL-terminated). */
CG_EXPORT void cg_error_format(const cg_error *err, char *buf, size_t size);

/** Library version, "MAJOR.MINOR.PATCH". Borrowed, static. */
CG_EXPORT const char *cg_version(void);

/* ------------------------------------------------------------------------------------
 * Extraction: documents in, schema-2 JSON out (docs/schema.md). The lexicons are found
 * as the CLI finds them: $CG_DATADIR, else the installed data directory.
 * ------------------------------------------------------------------------------------ */

/** Loaded lexicons, reusable for any number of articles. Immutable once built: several
 * threads may call cg_extractor_text on one extractor at the same time. */
typedef struct cg_extractor cg_extractor;

/**
 * Loads the lexicons from `datadir` (NULL: $CG_DATADIR, else the installed data).
 * On CG_OK *out is an extractor the caller frees with cg_extractor_free; otherwise
 * *out is NULL and err (may be NULL) names the file (CG_EDATA).
 */
CG_EXPORT cg_status cg_extractor_new(cg_extractor **out, const char *datadir, cg_error *err);
CG_EXPORT void cg_extractor_free(cg_extractor *ex); /**< NULL ok */

/**
 * Extracts one article given as UTF-8 text (len bytes; need not be NUL-terminated)
 * published on `dct` ("YYYY-MM-DD", or NULL when unknown: relative dates then stay
 * unresolved), as `chronograph extract --format json` would. ex is borrowed.
 * On CG_OK, *json_out is a NUL-terminated string the caller frees with free().
 * On error *json_out is NULL and err (may be NULL) says why: CG_EUTF8 with the byte
 * offset for invalid UTF-8.
 */
CG_EXPORT cg_status cg_extractor_text(const cg_extractor *ex, const char *text, size_t len,
                                      const char *dct, char **json_out, cg_error *err);

/* One-call forms: each call loads the lexicons (tens of milliseconds); for many
 * articles, keep a cg_extractor. */

/**
 * cg_extractor_text with a temporary extractor: the same result, or CG_EDATA when the
 * lexicons cannot be loaded.
 */
CG_EXPORT cg_status cg_extract_text(const char *text, size_t len, const char *dct,
                                    char **json_out, cg_error *err);

/**
 * Extracts every document of the given files or directories (any input format the
 * CLI reads; "-" is standard input), merged into one schema-2 result as
 * `chronograph extract` writes it. `default_dct` ("YYYY-MM-DD" or NULL) dates the
 * documents that carry no date. Bad documents are skipped: *nbad counts them (may be
 * NULL) and err describes the first. Returns CG_OK with *json_out set (caller frees
 * with free()) even when some documents were bad; an error status only when nothing
 * could be done (lexicons missing).
 */
CG_EXPORT cg_status cg_extract_paths(const char *const *paths, size_t npaths,
                                     const char *default_dct, char **json_out,
                                     size_t *nbad, cg_error *err);

#ifdef __cplusplus
}
#endif
#endif /* CHRONOGRAPH_H */
