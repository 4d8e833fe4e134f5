/* chronograph extract: placeholder until the pipeline lands. */
#include "commands.h"

#include <stdio.h>

int cg_cmd_extract(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "chronograph extract: not yet wired\n");
  return CG_EXIT_USAGE;
}
