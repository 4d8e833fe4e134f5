/* Placeholder: replaced by the TimeML scorer. */
#include "commands.h"

#include <stdio.h>

int cg_cmd_score(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "chronograph score: not built yet\n");
  return CG_EXIT_USAGE;
}
