// Parameter update kernels: one pass over a parameter array and its gradient.
//   sgd:          w -= lr * g
//   sgd_momentum: m = mu * m + g;  w -= lr * m
//   adam:         m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g g;  w -= lr (m c1) / (sqrt(v c2) + eps)
//                 where c1, c2 are the bias corrections 1 / (1 - b1^t), 1 / (1 - b2^t)
//   l2:           g += two_beta * w, and returns sum w^2 for the loss. The sum runs in four
//                 interleaved partial sums (element i into sum i % 4), combined (s0 + s1) + (s2 + s3),
//                 so the SIMD kernel and the reference agree bit for bit.
//
// flush (numerics rule 2, engine/numerics.h): each gradient is read, and each m, v and w written,
// through f32_flush (flush.h): subnormals become +0. Off, the updates are rule 1's, bit for bit.
//
// The three updates also watch the step in the same pass (training reads both after every
// step): the gradient's sum of squares, as f32_sumsq(n, g) gives it bit for bit (stats.h), and
// whether every updated weight is finite, as f32_all_finite(n, w) after the update says.
#pragma once
#include <cstddef>

namespace dlp {

struct AdamStep {
  float lr, b1, b2, c1, c2, eps;
};

struct UpdateWatch {
  float grad_sumsq = 0.0f;
  bool finite = true;
};

UpdateWatch f32_sgd(size_t n, float lr, const float* g, float* w, bool flush = false);
UpdateWatch f32_sgd_momentum(size_t n, float lr, float mu, const float* g, float* m, float* w, bool flush = false);
UpdateWatch f32_adam(size_t n, const AdamStep& s, const float* g, float* m, float* v, float* w, bool flush = false);
float f32_l2(size_t n, float two_beta, const float* w, float* g);

UpdateWatch f32_sgd_ref(size_t n, float lr, const float* g, float* w, bool flush = false);
UpdateWatch f32_sgd_momentum_ref(size_t n, float lr, float mu, const float* g, float* m, float* w, bool flush = false);
UpdateWatch f32_adam_ref(size_t n, const AdamStep& s, const float* g, float* m, float* v, float* w, bool flush = false);
float f32_l2_ref(size_t n, float two_beta, const float* w, float* g);

}  // namespace dlp
