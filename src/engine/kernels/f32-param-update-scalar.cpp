#include <cmath>

#include "engine/kernels/flush.h"
#include "engine/kernels/param_update.h"
#include "engine/kernels/stats.h"

namespace dlp {

namespace {
// The watch as its definition says: two more passes. (Under rule 2 the update reads the gradient
// flushed; the sum of squares is the same, since a subnormal's square rounds to +0 either way.)
UpdateWatch watch(size_t n, const float* g, const float* w) { return {f32_sumsq_ref(n, g), f32_all_finite_ref(n, w)}; }
// Rule 2 flushes what the update reads and writes; rule 1 leaves every value as it is.
float as_is(float x) { return x; }
}  // namespace

UpdateWatch f32_sgd_ref(size_t n, float lr, const float* g, float* w, bool flush) {
  float (*f)(float) = flush ? f32_flush : as_is;
  for (size_t i = 0; i < n; ++i) w[i] = f(w[i] - lr * f(g[i]));
  return watch(n, g, w);
}

UpdateWatch f32_sgd_momentum_ref(size_t n, float lr, float mu, const float* g, float* m, float* w, bool flush) {
  float (*f)(float) = flush ? f32_flush : as_is;
  for (size_t i = 0; i < n; ++i) {
    m[i] = f(mu * m[i] + f(g[i]));
    w[i] = f(w[i] - lr * m[i]);
  }
  return watch(n, g, w);
}

UpdateWatch f32_adam_ref(size_t n, const AdamStep& s, const float* g, float* m, float* v, float* w, bool flush) {
  float (*f)(float) = flush ? f32_flush : as_is;
  for (size_t i = 0; i < n; ++i) {
    const float gi = f(g[i]);
    m[i] = f(s.b1 * m[i] + (1.0f - s.b1) * gi);
    v[i] = f(s.b2 * v[i] + (1.0f - s.b2) * gi * gi);
    w[i] = f(w[i] - s.lr * (m[i] * s.c1) / (std::sqrt(v[i] * s.c2) + s.eps));
  }
  return watch(n, g, w);
}

float f32_l2_ref(size_t n, float two_beta, const float* w, float* g) {
  float s[4] = {0, 0, 0, 0};
  for (size_t i = 0; i < n; ++i) {
    s[i % 4] += w[i] * w[i];
    g[i] += two_beta * w[i];
  }
  return (s[0] + s[1]) + (s[2] + s[3]);
}

}  // namespace dlp
