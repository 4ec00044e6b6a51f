#include "engine/kernels/dropout_mask.h"

namespace dlp {

void f32_dropout_ref(size_t n, uint32_t key, float keep, const float* x, float* mask, float* y) {
  const float scale = 1.0f / keep;
  for (size_t i = 0; i < n; ++i) {
    const float u = static_cast<float>(dropout_hash(key, static_cast<uint32_t>(i)) >> 8) * (1.0f / 16777216.0f);
    mask[i] = u < keep ? scale : 0.0f;
    y[i] = x[i] * mask[i];
  }
}

void f32_dropout_backward_ref(size_t n, const float* mask, const float* dy, float* dx) {
  for (size_t i = 0; i < n; ++i) dx[i] = dy[i] * mask[i];
}

}  // namespace dlp
