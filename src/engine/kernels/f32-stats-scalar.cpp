// The SIMD version's additions, one element at a time: eight partial sums (element i into sum
// i mod 8), then lanes j and j + 4, then the four in pairs, then the tail.
#include <cmath>

#include "engine/kernels/stats.h"

namespace dlp {

float f32_sumsq_ref(size_t n, const float* x) {
  float p[8] = {};
  const size_t body = n / 8 * 8;
  for (size_t i = 0; i < body; ++i) p[i % 8] += x[i] * x[i];
  float tail = 0.0f;
  for (size_t i = body; i < n; ++i) tail += x[i] * x[i];
  const float s0 = p[0] + p[4], s1 = p[1] + p[5], s2 = p[2] + p[6], s3 = p[3] + p[7];
  return ((s0 + s1) + (s2 + s3)) + tail;
}

bool f32_all_finite_ref(size_t n, const float* x) {
  for (size_t i = 0; i < n; ++i)
    if (!std::isfinite(x[i])) return false;
  return true;
}

}  // namespace dlp
