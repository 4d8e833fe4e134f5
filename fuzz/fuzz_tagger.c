/* libFuzzer target: the temporal tagger on a document made from the bytes (first
 * byte = anchoring mode, the rest through the lenient text reader), with the tagger
 * contract checked (fuzz_body.h). */
#include "fuzz_body.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer gives no per-run context: the immutable lexicons are loaded once. */
static fuzz_stages stages;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  if (!fuzz_stages_load(&stages)) abort();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_tag(&stages, data, size, false);
  return 0;
}
