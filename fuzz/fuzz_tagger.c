/* libFuzzer target: the temporal tagger on a document made from the bytes (first
 * byte = anchoring mode, the rest through the lenient text reader), with the tagger
 * contract checked (fuzz_body.h). */
#include "fuzz_body.h"

CG_FUZZ_STAGES_TARGET(false)
