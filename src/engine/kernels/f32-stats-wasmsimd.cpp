// Eight lanes in two registers; the tail (n mod 8) one at a time into its own sum.
#include "engine/kernels/f32-lane-fold-wasmsimd.h"
#include "engine/kernels/simd128.h"
#include "engine/kernels/stats.h"

namespace dlp {

namespace {

// The sum of term(x[i]) in the order stats.h gives: lane i mod 8, then the lanes in pairs, then the tail.
template <class VecTerm, class Term>
float lane_sum(size_t n, const float* x, VecTerm vec_term, Term term) {
  v128_t a = wasm_f32x4_splat(0.0f), b = a;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    a = wasm_f32x4_add(a, vec_term(wasm_v128_load(x + i)));
    b = wasm_f32x4_add(b, vec_term(wasm_v128_load(x + i + 4)));
  }
  float tail = 0.0f;
  for (; i < n; ++i) tail += term(x[i]);
  return f32_lane_fold(a, b, tail);
}

}  // namespace

float f32_sumsq(size_t n, const float* x) {
  return lane_sum(n, x, [](v128_t u) { return wasm_f32x4_mul(u, u); }, [](float v) { return v * v; });
}

// x - x is 0 for a finite x and NaN for an infinite or NaN one; a NaN stays in its lane's sum.
bool f32_all_finite(size_t n, const float* x) {
  return lane_sum(n, x, [](v128_t u) { return wasm_f32x4_sub(u, u); }, [](float v) { return v - v; }) == 0.0f;
}

}  // namespace dlp
