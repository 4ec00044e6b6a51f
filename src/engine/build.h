// Turns a parsed spec into layers, checking each shape and limit before the layer exists.
#pragma once
#include "engine/sequence.h"
#include "engine/spec.h"

namespace dlp {

bool build_sequence(const ModelSpec& spec, Shape input, int classes, const SpecLimits& limits, Sequence* out,
                    SpecError* err);

}  // namespace dlp
