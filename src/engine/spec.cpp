#include "engine/spec.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "engine/build.h"

namespace dlp {

const std::vector<Preset>& presets() {
  // SGD with momentum 0.9 at 0.01, the rate times 0.9 after each epoch of 60,000 digits (1,875
  // steps of 32): every preset reaches its accuracy with it (README, "Benchmarks").
  TrainConfig sgd;
  sgd.optimizer = OptimizerKind::SGD;
  sgd.lr = 0.01f;
  sgd.momentum = 0.9f;
  sgd.lr_decay = 0.9f;
  sgd.decay_steps = 1875;
  TrainConfig sgd_fast_decay = sgd;  // the logistic classifier settles with a faster decay
  sgd_fast_decay.lr_decay = 0.8f;
  static const std::vector<Preset> p = {
      {"logistic", "Logistic classifier", "dense10", sgd_fast_decay},
      {"relu", "ReLU net (784-256-10)", "dense256 relu dense10", sgd},
      {"deep", "Deep ReLU net", "dense256 relu dense128 relu dense64 relu dense10", sgd},
      {"lenet", "LeNet-like convnet", "conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10", sgd},
      {"conv1x1", "Convnet with 1x1 convs", "conv3x3x16 relu conv1x1x8 relu maxpool2 conv3x3x32 relu conv1x1x16 relu maxpool2 dense10", sgd},
      {"inception", "Small inception net", "conv3x3x16 relu maxpool2 inception(8,8/16,4/8,8) maxpool2 dense10", sgd},
  };
  return p;
}

const Preset& default_preset() { return *find_preset("lenet"); }

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

namespace {

struct Cursor {
  const std::string& t;
  size_t i, end;
  bool eat(const char* word) {
    size_t n = 0;
    while (word[n]) ++n;
    if (i + n > end) return false;
    for (size_t k = 0; k < n; ++k)
      if (std::tolower(static_cast<unsigned char>(t[i + k])) != word[k]) return false;
    i += n;
    return true;
  }
  bool digit() const { return i < end && std::isdigit(static_cast<unsigned char>(t[i])); }
  // A positive integer; fails on overflow past 1e6, which every limit is far below.
  bool integer(int* v) {
    if (!digit()) return false;
    long long x = 0;
    while (digit()) { x = x * 10 + (t[i++] - '0'); if (x > 1000000) return false; }
    *v = static_cast<int>(x);
    return true;
  }
  // A decimal number, exponent allowed (the canonical text prints tiny rates as 1e-10).
  bool number(float* v) {
    size_t j = i;
    while (j < end && (std::isdigit(static_cast<unsigned char>(t[j])) || t[j] == '.' || t[j] == 'e' || t[j] == 'E' ||
                       ((t[j] == '-' || t[j] == '+') && j > i && (t[j - 1] == 'e' || t[j - 1] == 'E'))))
      ++j;
    if (j == i || j - i > 16) return false;
    const std::string s = t.substr(i, j - i);
    char* e = nullptr;
    *v = std::strtof(s.c_str(), &e);
    if (!e || *e) return false;
    i = j;
    return true;
  }
};


// Options after conv/pool: -s<S>, -same, -valid, in any order.
bool parse_options(Cursor& c, LayerSpec& l, SpecError* err) {
  while (c.i < c.end) {
    const size_t at = c.i;
    if (!c.eat("-")) return spec_fail(err, at, "unexpected '" + c.t.substr(at, c.end - at) + "' (options are -s<stride>, -same, -valid)");
    if (c.eat("same")) l.padding = Padding::Same;
    else if (c.eat("valid")) l.padding = Padding::Valid;
    else if (c.eat("s")) { if (!c.integer(&l.stride) || l.stride < 1) return spec_fail(err, at, "stride must be a whole number >= 1, as in -s2"); }
    else return spec_fail(err, at, "unknown option '" + c.t.substr(at, c.end - at) + "' (options are -s<stride>, -same, -valid)");
  }
  return true;
}

bool parse_layer(const std::string& t, size_t begin, size_t end, LayerSpec& l, SpecError* err) {
  Cursor c{t, begin, end};
  l.pos = begin;
  l.len = end - begin;
  const std::string word = t.substr(begin, end - begin);
  auto whole = [&](const char* w, LayerKind k) {
    Cursor d{t, begin, end};
    if (d.eat(w) && d.i == end) { l.kind = k; return true; }
    return false;
  };
  if (whole("relu", LayerKind::ReLU) || whole("sigmoid", LayerKind::Sigmoid) || whole("tanh", LayerKind::Tanh) ||
      whole("flatten", LayerKind::Flatten))
    return true;
  if (c.eat("dense") || c.eat("fc")) {
    l.kind = LayerKind::Dense;
    if (!c.integer(&l.units) || l.units < 1) return spec_fail(err, begin, "'" + word + "': dense needs a unit count >= 1, as in dense10");
    if (c.i != end) return spec_fail(err, c.i, "'" + word + "': unexpected text after the unit count");
    return true;
  }
  if (c.eat("conv")) {
    l.kind = LayerKind::Conv;
    int a = 0, b = 0, d = 0;
    if (!c.integer(&a) || !c.eat("x") || !c.integer(&b))
      return spec_fail(err, begin, "'" + word + "': a convolution is conv<patch h>x<patch w>x<depth>, as in conv5x5x8");
    if (c.eat("x")) {
      if (!c.integer(&d)) return spec_fail(err, c.i, "'" + word + "': expected the depth after the last 'x'");
      l.kh = a; l.kw = b; l.depth = d;
    } else {
      l.kh = l.kw = a; l.depth = b;
    }
    if (l.kh < 1 || l.kw < 1 || l.depth < 1) return spec_fail(err, begin, "'" + word + "': patch size and depth must be >= 1");
    l.padding = Padding::Same;
    return parse_options(c, l, err);
  }
  if (c.eat("maxpool") || c.eat("avgpool")) {
    l.kind = std::tolower(static_cast<unsigned char>(t[begin])) == 'm' ? LayerKind::MaxPool : LayerKind::AvgPool;
    if (!c.integer(&l.kh) || l.kh < 1) return spec_fail(err, begin, "'" + word + "': pooling needs a window >= 1, as in maxpool2");
    l.kw = l.kh;
    l.stride = -1;
    l.padding = Padding::Valid;
    if (!parse_options(c, l, err)) return false;
    if (l.stride < 0) l.stride = l.kh;
    return true;
  }
  if (c.eat("dropout")) {
    l.kind = LayerKind::Dropout;
    if (!c.number(&l.rate) || c.i != end || !(l.rate >= 0.0f && l.rate < 1.0f))
      return spec_fail(err, begin, "'" + word + "': dropout needs a drop rate in [0, 1), as in dropout0.5");
    return true;
  }
  if (c.eat("inception")) {
    l.kind = LayerKind::Inception;
    InceptionSizes& z = l.inception;
    if (!c.eat("(") || !c.integer(&z.a) || !c.eat(",") || !c.integer(&z.r3) || !c.eat("/") || !c.integer(&z.c3) ||
        !c.eat(",") || !c.integer(&z.r5) || !c.eat("/") || !c.integer(&z.c5) || !c.eat(",") || !c.integer(&z.p) ||
        !c.eat(")") || c.i != end)
      return spec_fail(err, begin, "'" + word + "': write inception(1x1, reduce3/3x3, reduce5/5x5, poolproj), as in inception(8,8/16,4/8,8)");
    if (z.a < 1 || z.r3 < 1 || z.c3 < 1 || z.r5 < 1 || z.c5 < 1 || z.p < 1)
      return spec_fail(err, begin, "'" + word + "': every branch size must be >= 1");
    return true;
  }
  return spec_fail(err, begin, "unknown layer '" + word + "' (try dense, conv, maxpool, avgpool, relu, sigmoid, tanh, dropout, flatten, inception)");
}

}  // namespace

bool parse_spec(const std::string& text, ModelSpec* out, SpecError* err, const SpecLimits& limits) {
  out->layers.clear();
  if (text.size() > limits.max_text)
    return spec_fail(err, limits.max_text, "the spec is " + std::to_string(text.size()) + " characters; at most " + std::to_string(limits.max_text));
  size_t i = 0;
  auto sep = [](char ch) { return ch == ' ' || ch == '+' || ch == ',' || ch == '\t' || ch == '\n' || ch == '\r'; };
  while (i < text.size()) {
    while (i < text.size() && sep(text[i])) ++i;
    if (i >= text.size()) break;
    size_t j = i;
    int depth = 0;  // commas inside inception(...) do not separate layers
    while (j < text.size() && (depth > 0 || !sep(text[j]))) {
      const unsigned char ch = static_cast<unsigned char>(text[j]);
      if (ch < 32 || ch > 126) return spec_fail(err, j, "unexpected character (code " + std::to_string(ch) + ")");
      if (text[j] == '(') ++depth;
      if (text[j] == ')') --depth;
      ++j;
    }
    if (out->layers.size() >= limits.max_layers)
      return spec_fail(err, i, "more than " + std::to_string(limits.max_layers) + " layers");
    LayerSpec l;
    if (!parse_layer(text, i, j, l, err)) return false;
    out->layers.push_back(l);
    i = j;
  }
  if (out->layers.empty()) return spec_fail(err, 0, "the spec is empty: write layers such as 'dense10'");
  return true;
}

std::string layer_to_string(const LayerSpec& l) {
  char buf[96];
  switch (l.kind) {
    case LayerKind::Dense: return "dense" + std::to_string(l.units);
    case LayerKind::ReLU: return "relu";
    case LayerKind::Sigmoid: return "sigmoid";
    case LayerKind::Tanh: return "tanh";
    case LayerKind::Flatten: return "flatten";
    case LayerKind::Dropout: std::snprintf(buf, sizeof buf, "dropout%g", static_cast<double>(l.rate)); return buf;
    case LayerKind::Conv: {
      std::string s = "conv" + std::to_string(l.kh) + "x" + std::to_string(l.kw) + "x" + std::to_string(l.depth);
      if (l.stride != 1) s += "-s" + std::to_string(l.stride);
      if (l.padding == Padding::Valid) s += "-valid";
      return s;
    }
    case LayerKind::MaxPool:
    case LayerKind::AvgPool: {
      std::string s = (l.kind == LayerKind::MaxPool ? "maxpool" : "avgpool") + std::to_string(l.kh);
      if (l.stride != l.kh) s += "-s" + std::to_string(l.stride);
      if (l.padding == Padding::Same) s += "-same";
      return s;
    }
    case LayerKind::Inception: {
      const InceptionSizes& z = l.inception;
      std::snprintf(buf, sizeof buf, "inception(%d,%d/%d,%d/%d,%d)", z.a, z.r3, z.c3, z.r5, z.c5, z.p);
      return buf;
    }
  }
  return "?";
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
