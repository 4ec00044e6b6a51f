#include "engine/kernels/copy.h"

namespace dlp {

void f32_copy_ref(float* dst, const float* src, size_t n) {
  for (size_t i = 0; i < n; ++i) dst[i] = src[i];
}

}  // namespace dlp
