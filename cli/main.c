/* chronograph: command-line entry point; dispatches to cli/cmd_*.c. */
#include "commands.h"

#include <libxml/parser.h>

#include <stdio.h>
#include <string.h>

static const struct {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *help;
} commands[] = {
    {"extract", cg_cmd_extract, "dated events, actors and timexes as JSON, JSONL, TimeML or CSV"},
    {"timeline", cg_cmd_timeline, "SVG timeline: real time axis, actor lanes, date uncertainty"},
    {"actors", cg_cmd_actors, "SVG actor graph: PageRank-sized, community-coloured"},
    {"graph", cg_cmd_graph, "network exports: GraphML, GEXF, DOT, JSON, CSV, TimelineJS"},
    {"report", cg_cmd_report, "one self-contained HTML report with timeline, graph and tables"},
    {"merge", cg_cmd_merge, "merge JSONL shards of 'extract --format jsonl' into one result"},
    {"score", cg_cmd_score, "TempEval-3 scores of TimeML output against gold TimeML"},
};

static void usage(FILE *f) {
  fprintf(f, "usage: chronograph COMMAND [OPTIONS] INPUT...\n\ncommands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].help);
  fprintf(f, "\n'chronograph COMMAND --help' describes one command.\n");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return CG_EXIT_USAGE;
  }
  if (!strcmp(argv[1], "--version")) {
    printf("chronograph %s\n", cg_version());
    return CG_EXIT_OK;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    usage(stdout);
    return CG_EXIT_OK;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
    if (strcmp(argv[1], commands[i].name) != 0) continue;
    /* libxml2 wants its one-time initialisation before any thread uses it. */
    xmlInitParser();
    int rc = commands[i].run(argc - 1, argv + 1);
    xmlCleanupParser();
    return rc;
  }
  fprintf(stderr, "chronograph: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return CG_EXIT_USAGE;
}
