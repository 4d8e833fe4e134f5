/* libFuzzer target: the RSS/Atom feed reader, through cg_read_buffer (strict, then lenient),
 * with the reader contract checked on every document (fuzz_body.h). */
#include "fuzz_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_read(data, size, CG_FMT_FEED, NULL, NULL);
  return 0;
}
