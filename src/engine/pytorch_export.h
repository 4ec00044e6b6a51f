// "Outgrowing the browser": a short Python file with an nn.Module that matches a spec layer for
// layer (same parameter names, so a state dict lines up), and a loader for the playground's
// .safetensors that converts our layouts to PyTorch's (conv (kh,kw,cin,cout) -> (cout,cin,kh,kw),
// dense (in,out) -> (out,in)). TensorFlow-style SAME padding, which may be asymmetric, is written
// out as explicit F.pad calls for the known input size, and dense layers flatten NHWC as we do.
#pragma once
#include <string>

#include "engine/layer.h"
#include "engine/spec.h"

namespace dlp {

// Empty string with err set when the spec does not build on this input.
std::string pytorch_module_source(const ModelSpec& spec, Shape input, int classes, SpecError* err);

}  // namespace dlp
