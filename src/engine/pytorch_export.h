// "Outgrowing the browser": a short Python file with an nn.Module that matches a spec layer for
// layer (same parameter names, so a state dict lines up), and a loader for the playground's
// .safetensors that converts our layouts to PyTorch's (conv (kh,kw,cin,cout) -> (cout,cin,kh,kw),
// dense (in,out) -> (out,in)). TensorFlow-style SAME padding, which may be asymmetric, is written
// out as explicit F.pad calls for the known input size, and dense layers flatten NHWC as we do.
#pragma once
#include <string>

#include "engine/layer.h"
#include "engine/normalize.h"
#include "engine/optimizer.h"
#include "engine/spec.h"

namespace dlp {

// Empty string with err set when the spec does not build on this input.
std::string pytorch_module_source(const ModelSpec& spec, Shape input, int classes, SpecError* err);

// What a train.py continues: the run's optimizer settings, batch, input normalization, data set
// and the step its weights are at (for the learning-rate decay).
struct TrainScript {
  TrainConfig cfg;
  int batch = 32;
  Normalization norm = Normalization::Centered;
  std::string data = "mnist";   // mnist or fashion (the same IDX layout)
  uint64_t step = 0;
};

// train.py: loads the weights the playground downloaded into the exported module (it imports
// playground_model.py from its own folder), rebuilds the optimizer settings and trains on the
// standard IDX files, on CPU or GPU, and under torchrun with DistributedDataParallel.
std::string pytorch_train_source(const TrainScript& t);

}  // namespace dlp
