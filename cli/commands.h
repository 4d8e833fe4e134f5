/* The subcommands of the chronograph CLI: each cli/cmd_NAME.c defines cg_cmd_NAME,
 * called with argv[0] = "NAME". Exit codes: 0 ok, 1 input errors (some documents
 * skipped or a file unreadable), 2 usage. */
#ifndef CG_COMMANDS_H
#define CG_COMMANDS_H

#include "chronograph.h"

enum { CG_EXIT_OK = 0, CG_EXIT_INPUT = 1, CG_EXIT_USAGE = 2 };

int cg_cmd_extract(int argc, char **argv);
int cg_cmd_score(int argc, char **argv);
int cg_cmd_merge(int argc, char **argv);
int cg_cmd_timeline(int argc, char **argv);
int cg_cmd_actors(int argc, char **argv);
int cg_cmd_graph(int argc, char **argv);
int cg_cmd_report(int argc, char **argv);

#endif
