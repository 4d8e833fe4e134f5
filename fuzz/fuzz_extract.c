/* libFuzzer target: every extract stage (sentences, tagger, actors, events) on a
 * document made from the bytes (first byte = anchoring mode, the rest through the
 * lenient text reader), with the stage contracts checked (fuzz_body.h). */
#include "fuzz_body.h"

CG_FUZZ_STAGES_TARGET(true)
