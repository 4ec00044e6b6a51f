#include "engine/dropout.h"

#include <cstdio>

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
  const float keep = 1.0f - rate_, scale = 1.0f / keep;
  for (size_t i = 0; i < n; ++i) {
    mask_[i] = rng_->uniform() < keep ? scale : 0.0f;
    y[i] = x[i] * mask_[i];
  }
}

void Dropout::backward(const float*, const float*, const float* dy, float* dx, int batch) {
  if (!dx) return;
  const size_t n = in_.size() * batch;
  if (!masked_) {
    for (size_t i = 0; i < n; ++i) dx[i] = dy[i];
    return;
  }
  for (size_t i = 0; i < n; ++i) dx[i] = dy[i] * mask_[i];
}

}  // namespace dlp
