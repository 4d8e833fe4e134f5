/* Command-line options shared by the subcommands (one parser, so every command spells
 * an option the same way), and output helpers. */
#ifndef CG_OPTIONS_H
#define CG_OPTIONS_H

#include "pipeline.h"
#include "reader.h"
#include "render.h"

#include <stdio.h>

typedef struct cg_cli {
  const char *cmd;          /* "extract", ... */
  const char *format;       /* --format, NULL = the command's default */
  const char *out;          /* -o, NULL or "-" = stdout */
  cg_read_opts read;        /* --date, --input-format, --lenient */
  cg_pipeline_opts pipe;    /* --mode, --data */
  cg_render_opts render;    /* --lanes, --theme, --min-weight, --top, --title, --max-events */
  bool with_text;           /* --with-text */
  bool no_merge;            /* --no-merge: keep every telling of an event apart */
  bool quiet;               /* --quiet: no progress, no warnings summary */
  int jobs;                 /* --jobs N (>= 1) */
  char **inputs;            /* borrowed from argv */
  int ninputs;
} cg_cli;

/* Parses argv for command cmd. allowed is a string of the option names the command
 * accepts, space-separated ("format o date mode ..."). help is printed for --help.
 * Returns -1 to go on, else the exit code to return (0 after --help, 2 on misuse). */
int cg_cli_parse(cg_cli *cli, int argc, char **argv, const char *allowed, const char *help);

/* Opens the output named by -o ("-" or NULL = stdout). Returns NULL after printing
 * an error. Close with cg_cli_close. */
FILE *cg_cli_open_out(const cg_cli *cli);
/* Closes a stream from cg_cli_open_out; returns 0 or prints an error and returns -1. */
int cg_cli_close(const cg_cli *cli, FILE *f);

/* Writes len bytes to -o. Returns 0 or -1 after printing an error. */
int cg_cli_write(const cg_cli *cli, const char *data, size_t len);

/* Prints "chronograph CMD: <formatted error>" to stderr. */
void cg_cli_report(const cg_cli *cli, const cg_error *err);

#endif
