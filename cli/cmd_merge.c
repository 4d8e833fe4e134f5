/* chronograph merge: the reducer. Reads schema-2 results (per-document JSONL shards
 * from `extract --format jsonl`, or whole .json results) and writes one merged
 * corpus, as `extract` would have on all the documents at once. */
#include "commands.h"
#include "options.h"
#include "run.h"

#include <stdio.h>
#include <string.h>

static const char help[] =
    "usage: chronograph merge [OPTIONS] RESULT...\n"
    "\n"
    "Merges chronograph results (JSONL shards written by 'extract --format jsonl', or\n"
    "JSON results) into one: actors united by identity, the same event told by\n"
    "several documents merged into one event that keeps every mention.\n"
    "merge(extract(a) + extract(b)) equals extract(a + b).\n"
    "\n"
    "  -o, --output PATH   output file, - for stdout\n"
    "      --no-merge      keep each telling of an event as its own event\n"
    "      --quiet         no progress line\n";

int cg_cmd_merge(int argc, char **argv) {
  cg_cli cli;
  int rc = cg_cli_parse(&cli, argc, argv, "output no-merge quiet", help);
  if (rc >= 0) return rc;
  if (cli.ninputs == 0) {
    fprintf(stderr, "chronograph merge: no input\n%s", help);
    return CG_EXIT_USAGE;
  }
  for (int i = 0; i < cli.ninputs; i++) {
    size_t n = strlen(cli.inputs[i]);
    if (!(n > 5 && !strcmp(cli.inputs[i] + n - 5, ".json")) &&
        !(n > 6 && !strcmp(cli.inputs[i] + n - 6, ".jsonl"))) {
      fprintf(stderr, "chronograph merge: %s: not a .json or .jsonl result\n", cli.inputs[i]);
      return CG_EXIT_USAGE;
    }
  }
  cg_run_stats st;
  cg_corpus *c = cg_run_corpus(&cli, &st);
  if (!c) return CG_EXIT_INPUT;
  FILE *f = cg_cli_open_out(&cli);
  rc = 0;
  if (!f) rc = -1;
  else {
    cg_corpus_dump_json(c, f); /* errors surface in cg_cli_close (ferror) */
    fputc('\n', f);
    rc = cg_cli_close(&cli, f);
  }
  cg_corpus_free(c);
  return rc != 0 || st.bad ? CG_EXIT_INPUT : CG_EXIT_OK;
}
