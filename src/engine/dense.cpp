#include "engine/dense.h"

#include <algorithm>

#include "engine/gemm_parts.h"
#include "engine/kernels/bias_grad.h"
#include "engine/kernels/gemm.h"
#include "engine/layer_type.h"
#include "engine/parallel.h"

namespace dlp {

Dense::Dense(Shape in, int units) { in_ = in; out_ = Shape{1, 1, units}; }

void Dense::bind_params(float* values, float* grads) {
  const size_t nw = in_.size() * out_.c;
  w_ = values; b_ = values + nw; dw_ = grads; db_ = grads + nw;
}

void Dense::params(std::vector<Param>& out) {
  const int in = static_cast<int>(in_.size()), units = out_.c;
  out.push_back({"weight", {in, units}, w_, dw_, static_cast<size_t>(in) * units, false, in, units});
  out.push_back({"bias", {units}, b_, db_, static_cast<size_t>(units), true, in, units});
}

// One region of packed panels per engine thread, each as large as the largest product's.
size_t Dense::pack_stride(int batch) const {
  const int in = static_cast<int>(in_.size()), units = out_.c;
  return std::max({f32_gemm_pack_floats(units, in), f32_gemm_pack_floats(units, batch), f32_gemm_pack_floats(in, units)});
}

size_t Dense::workspace_floats(int batch) const { return static_cast<size_t>(engine_threads()) * pack_stride(batch); }

void Dense::bind_workspace(float* ws, int batch) {
  pack_ = ws;
  stride_ = pack_stride(batch);
}

// x: (B, in) -> y: (B, out)
void Dense::forward(const float* x, float* y, int batch, bool) {
  const int in = static_cast<int>(in_.size()), units = out_.c;
  gemm_nn_parts(batch, units, in, x, in, w_, units, y, units, {b_, false, false}, pack_, stride_);
}

bool Dense::forward_relu(const float* x, float* y, int batch) {
  const int in = static_cast<int>(in_.size()), units = out_.c;
  gemm_nn_parts(batch, units, in, x, in, w_, units, y, units, {b_, false, true}, pack_, stride_);
  return true;
}

// dW = x^T dy, db = sum_b dy, dx = dy W^T
void Dense::backward(const float* x, const float*, const float* dy, float* dx, int batch) {
  const int in = static_cast<int>(in_.size()), units = out_.c;
  gemm_tn_parts(in, units, batch, x, in, dy, units, dw_, units, {}, pack_, stride_);
  f32_bias_grad(static_cast<size_t>(batch), static_cast<size_t>(units), dy, db_);
  if (dx) gemm_nt_parts(batch, in, units, dy, units, w_, units, dx, in, {}, pack_, stride_);
}

}  // namespace dlp

namespace dlp {

Layer::Images Dense::weight_images() const {
  if (in_.h * in_.w <= 1) return {};  // a vector input: no picture to draw the weights on
  return {out_.c, in_.w, in_.h};
}

// Unit c: the bias, then every input in order (the forward's product).
bool Dense::open_unit(int, int, int c, UnitSum* u) const {
  u->terms.clear();
  for (size_t k = 0; k < in_.size(); ++k) u->terms.push_back({static_cast<long>(k), k * out_.c + c});
  u->weights = w_;
  u->weight_grads = dw_;
  u->bias = b_[c];
  u->bias_grad = db_[c];
  return true;
}

// W: (in, units), the input (h, w, c) flattened: unit u's weight for pixel p, channel 0.
void Dense::weight_image(int unit, float* out) const {
  const size_t pixels = static_cast<size_t>(in_.h) * in_.w;
  for (size_t p = 0; p < pixels; ++p) out[p] = w_[(p * in_.c) * out_.c + unit];
}
}  // namespace dlp

namespace dlp {

// dense<N> (or fc<N>): N units.
const LayerType& dense_layer_type() {
  static const LayerType t{
      "dense", "fc", "fully connected: every input to every unit", 0,
      [] { LayerSpec l; l.units = 64; return l; },
      [](SpecCursor& c, LayerSpec& l, SpecError* err) {
        if (!c.integer(&l.units) || l.units < 1) return spec_fail(err, l.pos, "'" + c.word() + "': dense needs a unit count >= 1, as in dense10");
        if (!c.at_end()) return spec_fail(err, c.i, "'" + c.word() + "': unexpected text after the unit count");
        return true;
      },
      [](const LayerSpec& l) { return "dense" + std::to_string(l.units); },
      [](const LayerSpec& l, Shape in, const SpecLimits& lim, SpecError* err) -> std::unique_ptr<Layer> {
        if (l.units > lim.max_units) { spec_fail(err, l.pos, quote_layer(l) + "at most " + std::to_string(lim.max_units) + " units"); return nullptr; }
        if (static_cast<double>(in.size()) * l.units > static_cast<double>(lim.max_params)) {
          spec_fail(err, l.pos, quote_layer(l) + "on a " + in.str() + " input needs " +
                                    std::to_string(static_cast<unsigned long long>(in.size()) * l.units) + " weights; at most " +
                                    std::to_string(lim.max_params));
          return nullptr;
        }
        return std::make_unique<Dense>(in, l.units);
      },
      [](const LayerSpec& l, Shape in) { return "Dense(" + std::to_string(in.size()) + ", " + std::to_string(l.units) + ")"; },
      R"PY(class Dense(nn.Linear):
    def forward(self, x):
        return super().forward(Flatten()(x))
)PY",
      {{"units", LayerSetting::IntInput, [](const LayerSpec& l) { return double(l.units); },
        [](LayerSpec& l, double v) { l.units = int(v); }, 1, [](const SpecLimits& m) { return m.max_units; }}},
  };
  return t;
}

}  // namespace dlp
