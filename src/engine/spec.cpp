#include "engine/spec.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "engine/build.h"
#include "engine/layer_type.h"

namespace dlp {

const std::vector<Preset>& presets() {
  // SGD with momentum 0.9 at 0.01, the rate times 0.9 after each epoch of 60,000 digits (1,875
  // steps of 32): every preset reaches its accuracy with it (docs/benchmarks.md, "Accuracy").
  TrainConfig sgd;
  sgd.optimizer = OptimizerKind::SGD;
  sgd.lr = 0.01f;
  sgd.momentum = 0.9f;
  sgd.lr_decay = 0.9f;
  sgd.decay_steps = 1875;
  TrainConfig sgd_fast_decay = sgd;  // the logistic classifier settles with a faster decay
  sgd_fast_decay.lr_decay = 0.8f;
  // The first view's: Adam at 0.002, the rate times 0.6 each epoch. With the LeNet-5-like net it
  // reads 98% of the test set after about 2,000 steps and 99% after about 5,000 (README, "Quick to
  // 99%"; docs/benchmarks.md, "Time to accuracy").
  TrainConfig adam_quick;
  adam_quick.optimizer = OptimizerKind::Adam;
  adam_quick.lr = 0.002f;
  adam_quick.lr_decay = 0.6f;
  adam_quick.decay_steps = 1875;
  // The convnets, which the Draw panel reads drawings with, train on digits drawn again with small
  // random transforms (data/augment.h): drawn digits of other hands read right.
  TrainConfig sgd_aug = sgd, adam_aug = adam_quick;
  sgd_aug.augment = adam_aug.augment = 1;
  static const std::vector<Preset> p = {
      {"logistic", "Logistic classifier", "dense10", sgd_fast_decay},
      {"relu", "ReLU net (784-256-10)", "dense256 relu dense10", sgd},
      {"deep", "Deep ReLU net", "dense256 relu dense128 relu dense64 relu dense10", sgd},
      {"lenet", "LeNet-like convnet", "conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10", sgd_aug},
      // LeNet-5's shape: VALID convolutions (28 -> 24 -> 12 -> 8 -> 4) and a hidden dense layer.
      {"lenet5", "LeNet-5-like convnet (quick to 99%)",
       "conv5x5x8-valid relu maxpool2 conv5x5x16-valid relu maxpool2 dense64 relu dense10", adam_aug},
      {"conv1x1", "Convnet with 1x1 convs", "conv3x3x16 relu conv1x1x8 relu maxpool2 conv3x3x32 relu conv1x1x16 relu maxpool2 dense10", sgd_aug},
      {"inception", "Small inception net", "conv3x3x16 relu maxpool2 inception(8,8/16,4/8,8) maxpool2 dense10", sgd_aug},
      {"resnet", "Residual net with batch norm",
       "conv3x3x16 batchnorm relu maxpool2 residual(conv3x3x16 batchnorm relu conv3x3x16 batchnorm) relu maxpool2 dense10", sgd_aug},
  };
  return p;
}

const Preset& default_preset() { return *find_preset("lenet5"); }

const Preset* find_preset(const std::string& name) {
  for (const Preset& p : presets())
    if (name == p.name) return &p;
  return nullptr;
}

std::string resolve_preset(const std::string& s) {
  for (const auto& p : presets())
    if (s == p.name) return p.spec;
  return s;
}

bool LayerSpec::is(const char* word) const { return type && std::string(type->word) == word; }

LayerSpec default_layer(const char* word) {
  const LayerType* t = find_layer_type(word);
  LayerSpec l = t->defaults ? t->defaults() : LayerSpec{};
  l.type = t;
  return l;
}

namespace {

// One layer's text: the longest record word it starts with, then the record's own parser.
bool parse_layer(const std::string& t, size_t begin, size_t end, LayerSpec& l, SpecError* err, const SpecLimits& limits) {
  l.pos = begin;
  l.len = end - begin;
  const LayerType* best = nullptr;
  size_t best_len = 0;
  for (const LayerType* type : layer_types())
    for (const char* w : {type->word, type->alias}) {
      SpecCursor c{t, begin, end, limits};
      if (w && c.eat(w) && c.i - begin > best_len) { best = type; best_len = c.i - begin; }
    }
  if (!best) {
    std::string words;
    for (const LayerType* type : layer_types()) words += (words.empty() ? "" : ", ") + std::string(type->word);
    return spec_fail(err, begin, "unknown layer '" + t.substr(begin, end - begin) + "' (try " + words + ")");
  }
  l.type = best;
  SpecCursor c{t, begin + best_len, end, limits};
  if (best->parse) return best->parse(c, l, err);
  if (!c.at_end()) return spec_fail(err, begin, "unknown layer '" + t.substr(begin, end - begin) + "' ('" + best->word + "' has no settings)");
  return true;
}

}  // namespace

bool parse_layers(const std::string& text, size_t begin, size_t end, std::vector<LayerSpec>* out, SpecError* err,
                  const SpecLimits& limits) {
  out->clear();
  size_t i = begin;
  auto sep = [](char ch) { return ch == ' ' || ch == '+' || ch == ',' || ch == '\t' || ch == '\n' || ch == '\r'; };
  while (i < end) {
    while (i < end && sep(text[i])) ++i;
    if (i >= end) break;
    size_t j = i;
    int depth = 0;  // separators inside inception(...) or residual(...) do not separate layers
    while (j < end && (depth > 0 || !sep(text[j]))) {
      const unsigned char ch = static_cast<unsigned char>(text[j]);
      if (ch < 32 || ch > 126) return spec_fail(err, j, "unexpected character (code " + std::to_string(ch) + ")");
      if (text[j] == '(') ++depth;
      if (text[j] == ')' && --depth < 0) return spec_fail(err, j, "')' without its '('");
      ++j;
    }
    if (depth > 0) return spec_fail(err, i, "'(' without its ')'");
    if (out->size() >= limits.max_layers)
      return spec_fail(err, i, "more than " + std::to_string(limits.max_layers) + " layers");
    LayerSpec l;
    if (!parse_layer(text, i, j, l, err, limits)) return false;
    out->push_back(std::move(l));
    i = j;
  }
  return true;
}

bool parse_spec(const std::string& text, ModelSpec* out, SpecError* err, const SpecLimits& limits) {
  out->layers.clear();
  if (text.size() > limits.max_text)
    return spec_fail(err, limits.max_text, "the spec is " + std::to_string(text.size()) + " characters; at most " + std::to_string(limits.max_text));
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
    if (depth > limits.max_nesting)
      return spec_fail(err, i, "blocks nested more than " + std::to_string(limits.max_nesting) + " deep");
  }
  if (!parse_layers(text, 0, text.size(), &out->layers, err, limits)) { out->layers.clear(); return false; }
  if (out->layers.empty()) return spec_fail(err, 0, "the spec is empty: write layers such as 'dense10'");
  return true;
}

std::string layer_to_string(const LayerSpec& l) { return print_layer(l); }

int dropout_layers(const ModelSpec& spec, float* rate) {
  int n = 0;
  for (const LayerSpec& l : spec.layers) {
    if (l.is("dropout")) { ++n; if (rate) *rate = l.rate; }
    n += dropout_layers(ModelSpec{l.body}, rate);
  }
  return n;
}

void set_dropout_rate(ModelSpec* spec, float rate) {
  for (LayerSpec& l : spec->layers) {
    if (l.is("dropout")) l.rate = rate;
    ModelSpec body{std::move(l.body)};
    set_dropout_rate(&body, rate);
    l.body = std::move(body.layers);
  }
}

std::string spec_to_string(const ModelSpec& spec) {
  std::string s;
  for (const auto& l : spec.layers) {
    if (!s.empty()) s += ' ';
    s += layer_to_string(l);
  }
  return s;
}

bool infer_shapes(const ModelSpec& spec, Shape input, int classes, ModelInfo* info, SpecError* err,
                  const SpecLimits& limits) {
  Sequence seq(input);
  if (!build_sequence(spec, input, classes, limits, &seq, err)) return false;
  ModelInfo m;
  for (size_t i = 0; i < seq.size(); ++i) {
    const Layer& l = seq.layer(i);
    m.layers.push_back({l.name(), l.out_shape(), l.param_count(), l.flops_forward()});
    m.params += l.param_count();
    m.flops += l.flops_forward();
    m.activation_floats += l.out_shape().size();
  }
  *info = m;
  return true;
}

}  // namespace dlp
