// Parameter updates four floats at a time; the tail runs the reference's scalar expressions.
// sqrt is exactly rounded in IEEE 754, so Adam agrees with the reference bit for bit too.
#include <cmath>

#include "engine/kernels/param_update.h"
#include "engine/kernels/simd128.h"

namespace dlp {

void f32_sgd(size_t n, float lr, const float* g, float* w) {
  const v128_t vlr = wasm_f32x4_splat(lr);
  size_t i = 0;
  for (; i + 4 <= n; i += 4)
    wasm_v128_store(w + i, wasm_f32x4_sub(wasm_v128_load(w + i), wasm_f32x4_mul(vlr, wasm_v128_load(g + i))));
  for (; i < n; ++i) w[i] -= lr * g[i];
}

void f32_sgd_momentum(size_t n, float lr, float mu, const float* g, float* m, float* w) {
  const v128_t vlr = wasm_f32x4_splat(lr), vmu = wasm_f32x4_splat(mu);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(vmu, wasm_v128_load(m + i)), wasm_v128_load(g + i));
    wasm_v128_store(m + i, mi);
    wasm_v128_store(w + i, wasm_f32x4_sub(wasm_v128_load(w + i), wasm_f32x4_mul(vlr, mi)));
  }
  for (; i < n; ++i) {
    m[i] = mu * m[i] + g[i];
    w[i] -= lr * m[i];
  }
}

void f32_adam(size_t n, const AdamStep& s, const float* g, float* m, float* v, float* w) {
  const v128_t b1 = wasm_f32x4_splat(s.b1), b2 = wasm_f32x4_splat(s.b2);
  const v128_t one_b1 = wasm_f32x4_splat(1.0f - s.b1), one_b2 = wasm_f32x4_splat(1.0f - s.b2);
  const v128_t lr = wasm_f32x4_splat(s.lr), c1 = wasm_f32x4_splat(s.c1), c2 = wasm_f32x4_splat(s.c2), eps = wasm_f32x4_splat(s.eps);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t gi = wasm_v128_load(g + i);
    const v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(b1, wasm_v128_load(m + i)), wasm_f32x4_mul(one_b1, gi));
    const v128_t vi = wasm_f32x4_add(wasm_f32x4_mul(b2, wasm_v128_load(v + i)), wasm_f32x4_mul(wasm_f32x4_mul(one_b2, gi), gi));
    wasm_v128_store(m + i, mi);
    wasm_v128_store(v + i, vi);
    const v128_t step = wasm_f32x4_div(wasm_f32x4_mul(lr, wasm_f32x4_mul(mi, c1)),
                                       wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_mul(vi, c2)), eps));
    wasm_v128_store(w + i, wasm_f32x4_sub(wasm_v128_load(w + i), step));
  }
  for (; i < n; ++i) {
    m[i] = s.b1 * m[i] + (1.0f - s.b1) * g[i];
    v[i] = s.b2 * v[i] + (1.0f - s.b2) * g[i] * g[i];
    w[i] -= s.lr * (m[i] * s.c1) / (std::sqrt(v[i] * s.c2) + s.eps);
  }
}

float f32_l2(size_t n, float two_beta, const float* w, float* g) {
  const v128_t tb = wasm_f32x4_splat(two_beta);
  v128_t acc = wasm_f32x4_splat(0.0f);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t wi = wasm_v128_load(w + i);
    acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wi, wi));
    wasm_v128_store(g + i, wasm_f32x4_add(wasm_v128_load(g + i), wasm_f32x4_mul(tb, wi)));
  }
  float s[4];
  wasm_v128_store(s, acc);
  for (; i < n; ++i) {
    s[i % 4] += w[i] * w[i];
    g[i] += two_beta * w[i];
  }
  return (s[0] + s[1]) + (s[2] + s[3]);
}

}  // namespace dlp
