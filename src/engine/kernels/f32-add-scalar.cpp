#include "engine/kernels/add.h"

namespace dlp {

void f32_add_ref(size_t n, const float* a, const float* b, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = a[i] + b[i];
}

}  // namespace dlp
