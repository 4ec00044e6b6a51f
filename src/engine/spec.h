// The model spec: one short text used by the UI, the CLI and share links.
//
//   spec    := layer (' ' layer)*            (spaces, '+' or ',' separate layers)
//   dense<N>                    fully connected, N units (flattens its input)
//   conv<KH>x<KW>x<D>[-s<S>][-valid|-same]   convolution, patch KH x KW, depth D, stride S (1), SAME
//   conv<K>x<D>                 square patch shorthand: conv5x8 = conv5x5x8
//   maxpool<K>[-s<S>][-same|-valid]          pooling, window K, stride S (default K), VALID
//   avgpool<K>[-s<S>][-same|-valid]
//   relu | sigmoid | tanh
//   dropout<R>                  drop rate R in [0, 1); keep probability 1 - R, kept values scaled 1/(1-R)
//   flatten
//   inception(<a>,<r3>/<c3>,<r5>/<c5>,<p>)   see inception.h
//   batchnorm                   batch normalization per channel (see batchnorm.h)
//   residual(<layers>)          y = x + layers(x); the layers keep the input's shape (see residual.h)
//
// Each layer kind is one record (layer_type.h); this header is the spec as data.
// The input shape comes from the data set (28x28x1) and the last layer must give one score per
// class (dense10). Errors carry the character position of the offending layer.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "engine/optimizer.h"

#include "engine/inception.h"
#include "engine/layer.h"
#include "engine/padding.h"

namespace dlp {

struct LayerType;

struct LayerSpec {
  const LayerType* type = nullptr;  // its record: word, parser, printer, builder, editor, export
  int units = 0;                    // dense
  int kh = 0, kw = 0, depth = 0;    // conv (kh = window for pooling)
  int stride = 1;
  Padding padding = Padding::Same;
  float rate = 0;                   // dropout
  InceptionSizes inception;
  std::vector<LayerSpec> body;      // residual: the layers inside
  size_t pos = 0, len = 0;          // where it stands in the text
  bool is(const char* word) const;  // of the kind written `word` in the spec
};

struct SpecError {
  size_t pos = 0;                   // std::string::npos: the spec as a whole (no one place)
  std::string message;
  std::string str() const { return pos == std::string::npos ? message : "at " + std::to_string(pos + 1) + ": " + message; }
};

// Sets err (when given) and returns false, so parsers and builders can `return spec_fail(...)`.
inline bool spec_fail(SpecError* err, size_t pos, const std::string& msg) {
  if (err) { err->pos = pos; err->message = msg; }
  return false;
}

struct ModelSpec {
  std::vector<LayerSpec> layers;
};

// Limits that keep a hostile or mistyped spec from asking for absurd memory.
struct SpecLimits {
  size_t max_text = 2048;
  size_t max_layers = 64;
  int max_units = 16384;
  int max_kernel = 15;
  int max_depth = 1024;
  int max_stride = 8;
  size_t max_params = 32u << 20;  // 32 M floats = 128 MB
  int max_nesting = 8;            // residual blocks inside residual blocks
};

bool parse_spec(const std::string& text, ModelSpec* out, SpecError* err, const SpecLimits& limits = {});
std::string spec_to_string(const ModelSpec& spec);
std::string layer_to_string(const LayerSpec& l);
// A layer of the kind written `word` with the settings the editor starts from ("conv" -> conv3x3x8).
LayerSpec default_layer(const char* word);

// Dropout lives in the spec, where it acts. The number of dropout layers (nested ones included)
// and the rate of the last; set_dropout_rate sets every one.
int dropout_layers(const ModelSpec& spec, float* rate);
void set_dropout_rate(ModelSpec* spec, float rate);

struct LayerInfo {
  std::string name;
  Shape out;
  size_t params = 0;
  double flops = 0;  // forward, per example
};

struct ModelInfo {
  std::vector<LayerInfo> layers;
  size_t params = 0;
  double flops = 0;
  size_t activation_floats = 0;  // per example, all layer outputs
};

// Infers and validates every shape before anything is allocated.
bool infer_shapes(const ModelSpec& spec, Shape input, int classes, ModelInfo* info, SpecError* err,
                  const SpecLimits& limits = {});

// The presets the UI and the CLI offer, by name ("logistic", "relu", "deep", "lenet", "lenet5", "conv1x1",
// "inception", "resnet").
// A model to start from, and how it trains well at batch 32 (the Model panel's presets set both;
// `make bench-accuracy` measures them on the standard MNIST split).
struct Preset {
  const char* name;
  const char* title;
  const char* spec;
  TrainConfig train;
};
const std::vector<Preset>& presets();
const Preset* find_preset(const std::string& name);
// What a page opens on and Start fresh returns to: the LeNet-5-like net with Adam. (A link that
// leaves its model or settings out means links' own defaults: src/links/share_link.h.)
const Preset& default_preset();
// A preset's spec if name is one, else name itself.
std::string resolve_preset(const std::string& name_or_spec);

}  // namespace dlp
