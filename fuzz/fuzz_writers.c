/* libFuzzer target: the SVG/DOT/CSV/HTML writers on a corpus built from the bytes
 * (fuzz_writers.h says how), with every output checked for well-formedness and for
 * markup from the input. */
#include "fuzz_writers.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer gives no per-run context: the immutable lexicons are loaded once. */
static fuzz_stages stages;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  xmlInitParser();
  if (!fuzz_stages_load(&stages)) abort();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_writers(&stages, data, size);
  return 0;
}
