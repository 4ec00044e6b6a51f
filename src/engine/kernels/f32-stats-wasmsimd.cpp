// Eight lanes in two registers; the tail (n mod 8) one at a time into its own sum.
#include "engine/kernels/simd128.h"
#include "engine/kernels/stats.h"

namespace dlp {

float f32_sumsq(size_t n, const float* x) {
  v128_t a = wasm_f32x4_splat(0.0f), b = a;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const v128_t u = wasm_v128_load(x + i), v = wasm_v128_load(x + i + 4);
    a = wasm_f32x4_add(a, wasm_f32x4_mul(u, u));
    b = wasm_f32x4_add(b, wasm_f32x4_mul(v, v));
  }
  float tail = 0.0f;
  for (; i < n; ++i) tail += x[i] * x[i];
  const v128_t s = wasm_f32x4_add(a, b);  // lane j: partial sums j and j + 4
  return ((wasm_f32x4_extract_lane(s, 0) + wasm_f32x4_extract_lane(s, 1)) +
          (wasm_f32x4_extract_lane(s, 2) + wasm_f32x4_extract_lane(s, 3))) + tail;
}

// x - x is 0 for a finite x and NaN for an infinite or NaN one; a NaN stays in its lane's sum.
bool f32_all_finite(size_t n, const float* x) {
  v128_t a = wasm_f32x4_splat(0.0f), b = a;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const v128_t u = wasm_v128_load(x + i), v = wasm_v128_load(x + i + 4);
    a = wasm_f32x4_add(a, wasm_f32x4_sub(u, u));
    b = wasm_f32x4_add(b, wasm_f32x4_sub(v, v));
  }
  float tail = 0.0f;
  for (; i < n; ++i) tail += x[i] - x[i];
  const v128_t s = wasm_f32x4_add(a, b);
  const float all = ((wasm_f32x4_extract_lane(s, 0) + wasm_f32x4_extract_lane(s, 1)) +
                     (wasm_f32x4_extract_lane(s, 2) + wasm_f32x4_extract_lane(s, 3))) + tail;
  return all == 0.0f;
}

}  // namespace dlp
