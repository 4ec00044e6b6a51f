// ReLU as a mask: x AND (x > 0) keeps x where positive and gives +0 elsewhere, NaN included,
// exactly the reference's select. Eight floats per iteration, then four, then one at a time.
#include "engine/kernels/relu.h"
#include "engine/kernels/simd128.h"

namespace dlp {

void f32_relu(size_t n, const float* x, float* y) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const v128_t a = wasm_v128_load(x + i), b = wasm_v128_load(x + i + 4);
    wasm_v128_store(y + i, wasm_v128_and(a, wasm_f32x4_gt(a, zero)));
    wasm_v128_store(y + i + 4, wasm_v128_and(b, wasm_f32x4_gt(b, zero)));
  }
  for (; i + 4 <= n; i += 4) {
    const v128_t a = wasm_v128_load(x + i);
    wasm_v128_store(y + i, wasm_v128_and(a, wasm_f32x4_gt(a, zero)));
  }
  for (; i < n; ++i) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}

void f32_relu_backward(size_t n, const float* y, const float* dy, float* dx) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    wasm_v128_store(dx + i, wasm_v128_and(wasm_v128_load(dy + i), wasm_f32x4_gt(wasm_v128_load(y + i), zero)));
    wasm_v128_store(dx + i + 4, wasm_v128_and(wasm_v128_load(dy + i + 4), wasm_f32x4_gt(wasm_v128_load(y + i + 4), zero)));
  }
  for (; i + 4 <= n; i += 4)
    wasm_v128_store(dx + i, wasm_v128_and(wasm_v128_load(dy + i), wasm_f32x4_gt(wasm_v128_load(y + i), zero)));
  for (; i < n; ++i) dx[i] = y[i] > 0.0f ? dy[i] : 0.0f;
}

}  // namespace dlp
