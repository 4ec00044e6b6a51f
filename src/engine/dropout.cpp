#include "engine/dropout.h"

#include <cstdio>

#include "engine/kernels/dropout_mask.h"
#include "engine/layer_type.h"
#include "engine/rng.h"

namespace dlp {

std::string Dropout::name() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "dropout%g", static_cast<double>(rate_));
  return buf;
}

void Dropout::forward(const float* x, float* y, int batch, bool training) {
  const size_t n = in_.size() * batch;
  masked_ = training && rate_ > 0.0f && rng_;
  if (!masked_) {
    for (size_t i = 0; i < n; ++i) y[i] = x[i];
    return;
  }
  // One draw from the dropout generator per pass keys the hashed mask (kernels/dropout_mask.h).
  f32_dropout(n, rng_->next_u32(), 1.0f - rate_, x, mask_, y);
}

void Dropout::backward(const float*, const float*, const float* dy, float* dx, int batch) {
  if (!dx) return;
  const size_t n = in_.size() * batch;
  if (!masked_) {
    for (size_t i = 0; i < n; ++i) dx[i] = dy[i];
    return;
  }
  f32_dropout_backward(n, mask_, dy, dx);
}

}  // namespace dlp

namespace dlp {

// dropout<R>: drop rate R in [0, 1).
const LayerType& dropout_layer_type() {
  static const LayerType t{
      "dropout", nullptr, "drops random activations while training", 0,
      [] { LayerSpec l; l.rate = 0.5f; return l; },
      [](SpecCursor& c, LayerSpec& l, SpecError* err) {
        if (!c.number(&l.rate) || !c.at_end() || !(l.rate >= 0.0f && l.rate < 1.0f))
          return spec_fail(err, l.pos, "'" + c.word() + "': dropout needs a drop rate in [0, 1), as in dropout0.5");
        return true;
      },
      [](const LayerSpec& l) {
        char b[48];
        std::snprintf(b, sizeof b, "dropout%g", static_cast<double>(l.rate));
        return std::string(b);
      },
      [](const LayerSpec& l, Shape in, const SpecLimits&, SpecError*) -> std::unique_ptr<Layer> {
        return std::make_unique<Dropout>(in, l.rate);
      },
      [](const LayerSpec& l, Shape) {
        char b[48];
        std::snprintf(b, sizeof b, "nn.Dropout(%g)", static_cast<double>(l.rate));
        return std::string(b);
      },
      "",
      {{"drop rate", LayerSetting::FloatSlider, [](const LayerSpec& l) { return double(l.rate); },
        [](LayerSpec& l, double v) { l.rate = float(v); }, 0, nullptr, 0.9,
        [](const LayerSpec& l) {
          char b[120];
          std::snprintf(b, sizeof b, "keep probability p = %.2f; kept values are scaled by 1/p = %.2f while training",
                        1.0 - l.rate, 1.0 / (1.0 - l.rate));
          return std::string(b);
        }}},
  };
  return t;
}

}  // namespace dlp
