#include "engine/dropout.h"

#include <cstdio>

#include "engine/kernels/dropout_mask.h"
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
