/* libFuzzer target: the JSON Lines reader, through cg_read_buffer (strict, then lenient),
 * with the reader contract checked on every document, and the differential oracle: the
 * flat-object scanner and jansson must read the input alike (fuzz_body.h). */
#include "fuzz_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_read(data, size, CG_FMT_JSONL, NULL, NULL);
  fuzz_jsonl_differential(data, size);
  return 0;
}
