// The list of layer kinds (each record lives beside its layer) and what the records share.
#include "engine/layer_type.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "engine/sequence.h"

namespace dlp {

// Each returns its record; defined in the layer's own .cpp.
const LayerType& dense_layer_type();
const LayerType& conv_layer_type();
const LayerType& maxpool_layer_type();
const LayerType& avgpool_layer_type();
const LayerType& relu_layer_type();
const LayerType& sigmoid_layer_type();
const LayerType& tanh_layer_type();
const LayerType& dropout_layer_type();
const LayerType& flatten_layer_type();
const LayerType& inception_layer_type();
const LayerType& batchnorm_layer_type();
const LayerType& residual_layer_type();

const std::vector<const LayerType*>& layer_types() {
  static const std::vector<const LayerType*> all = {
      &conv_layer_type(),    &relu_layer_type(),      &maxpool_layer_type(),   &avgpool_layer_type(),
      &dense_layer_type(),   &dropout_layer_type(),   &batchnorm_layer_type(), &residual_layer_type(),
      &sigmoid_layer_type(), &tanh_layer_type(),      &flatten_layer_type(),   &inception_layer_type(),
  };
  return all;
}

const LayerType* find_layer_type(const std::string& word) {
  for (const LayerType* t : layer_types())
    if (word == t->word || (t->alias && word == t->alias)) return t;
  return nullptr;
}

bool SpecCursor::eat(const char* w) {
  size_t n = 0;
  while (w[n]) ++n;
  if (i + n > end) return false;
  for (size_t k = 0; k < n; ++k)
    if (std::tolower(static_cast<unsigned char>(t[i + k])) != w[k]) return false;
  i += n;
  return true;
}

bool SpecCursor::integer(int* v) {
  if (i >= end || !std::isdigit(static_cast<unsigned char>(t[i]))) return false;
  long long x = 0;
  while (i < end && std::isdigit(static_cast<unsigned char>(t[i]))) {
    x = x * 10 + (t[i++] - '0');
    if (x > 1000000) return false;
  }
  *v = static_cast<int>(x);
  return true;
}

bool SpecCursor::number(float* v) {
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

std::string SpecCursor::word() const {
  size_t b = i;
  while (b > 0 && t[b - 1] != ' ' && t[b - 1] != '+' && t[b - 1] != ',' && t[b - 1] != '(') --b;
  return t.substr(b, end - b);
}

std::string print_layer(const LayerSpec& l) {
  if (!l.type) return "?";
  return l.type->print ? l.type->print(l) : l.type->word;
}

std::string quote_layer(const LayerSpec& l) { return "'" + print_layer(l) + "': "; }

bool parse_window_options(SpecCursor& c, LayerSpec& l, SpecError* err) {
  while (!c.at_end()) {
    const size_t at = c.i;
    const std::string rest = c.t.substr(at, c.end - at);
    if (!c.eat("-")) return spec_fail(err, at, "unexpected '" + rest + "' (options are -s<stride>, -same, -valid)");
    if (c.eat("same")) l.padding = Padding::Same;
    else if (c.eat("valid")) l.padding = Padding::Valid;
    else if (c.eat("s")) { if (!c.integer(&l.stride) || l.stride < 1) return spec_fail(err, at, "stride must be a whole number >= 1, as in -s2"); }
    else return spec_fail(err, at, "unknown option '" + rest + "' (options are -s<stride>, -same, -valid)");
  }
  return true;
}

LayerSetting stride_setting() {
  return {"stride", LayerSetting::IntSlider, [](const LayerSpec& l) { return double(l.stride); },
          [](LayerSpec& l, double v) { l.stride = int(v); }, 1, [](const SpecLimits& m) { return m.max_stride; }};
}

LayerSetting padding_setting() {
  return {"##pad", LayerSetting::PaddingChoice, [](const LayerSpec& l) { return double(l.padding == Padding::Valid); },
          [](LayerSpec& l, double v) { l.padding = v != 0 ? Padding::Valid : Padding::Same; }, 0, nullptr, 1};
}

bool check_window(const LayerSpec& l, Shape in, int kh, int kw, const SpecLimits& lim, const char* what, SpecError* err) {
  if (kh > lim.max_kernel || kw > lim.max_kernel)
    return spec_fail(err, l.pos, quote_layer(l) + what + " at most " + std::to_string(lim.max_kernel) + "x" + std::to_string(lim.max_kernel));
  if (l.stride > lim.max_stride) return spec_fail(err, l.pos, quote_layer(l) + "stride at most " + std::to_string(lim.max_stride));
  const Window1D h = window_1d(in.h, kh, l.stride, l.padding), w = window_1d(in.w, kw, l.stride, l.padding);
  if (h.out < 1 || w.out < 1)
    return spec_fail(err, l.pos, quote_layer(l) + "a " + std::to_string(kh) + "x" + std::to_string(kw) +
                                     (l.padding == Padding::Valid ? " VALID " : " SAME ") + what + " on a " + std::to_string(in.h) +
                                     "x" + std::to_string(in.w) + " input gives an empty output");
  return true;
}

std::string pytorch_pad(Shape in, int kh, int kw, int stride, Padding p) {
  if (p == Padding::Valid) return "None";
  const Window1D h = window_1d(in.h, kh, stride, p), w = window_1d(in.w, kw, stride, p);
  const int th = std::max((h.out - 1) * stride + kh - in.h, 0), tw = std::max((w.out - 1) * stride + kw - in.w, 0);
  char b[64];
  std::snprintf(b, sizeof b, "(%d, %d, %d, %d)", w.pad_before, tw - w.pad_before, h.pad_before, th - h.pad_before);
  return b;
}

bool build_layers(const std::vector<LayerSpec>& layers, Shape in, const SpecLimits& lim, Sequence* out,
                  size_t* params, SpecError* err) {
  Sequence seq(in);
  for (const LayerSpec& l : layers) {
    if (!l.type) return spec_fail(err, l.pos, "a layer without a kind");
    std::unique_ptr<Layer> layer = l.type->build(l, seq.out_shape(), lim, err);
    if (!layer) return false;
    *params += layer->param_count();
    if (*params > lim.max_params)
      return spec_fail(err, l.pos, "the model reaches " + std::to_string(*params) + " parameters at '" + print_layer(l) +
                                       "'; at most " + std::to_string(lim.max_params));
    seq.add(std::move(layer));
  }
  *out = std::move(seq);
  return true;
}

bool shape_before(const ModelSpec& spec, size_t i, Shape input, Shape* out) {
  Sequence seq(input);
  size_t params = 0;
  SpecError err;
  const std::vector<LayerSpec> prefix(spec.layers.begin(), spec.layers.begin() + std::min(i, spec.layers.size()));
  if (!build_layers(prefix, input, SpecLimits{}, &seq, &params, &err)) return false;
  *out = seq.out_shape();
  return true;
}

std::string pytorch_layers(const std::vector<LayerSpec>& layers, Shape in, const std::string& indent) {
  Sequence seq(in);
  size_t params = 0;
  SpecError err;
  if (!build_layers(layers, in, SpecLimits{}, &seq, &params, &err)) return "";
  std::string py;
  for (size_t i = 0; i < layers.size(); ++i)
    py += indent + layers[i].type->pytorch(layers[i], seq.layer(i).in_shape()) + ",  # " + std::to_string(i) + ": " +
          seq.layer(i).out_shape().str() + "\n";
  return py;
}

}  // namespace dlp
