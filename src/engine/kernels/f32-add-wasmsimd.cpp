// Eight floats per iteration, then four, then one at a time.
#include "engine/kernels/add.h"
#include "engine/kernels/simd128.h"

namespace dlp {

void f32_add(size_t n, const float* a, const float* b, float* out) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const v128_t s0 = wasm_f32x4_add(wasm_v128_load(a + i), wasm_v128_load(b + i));
    const v128_t s1 = wasm_f32x4_add(wasm_v128_load(a + i + 4), wasm_v128_load(b + i + 4));
    wasm_v128_store(out + i, s0);
    wasm_v128_store(out + i + 4, s1);
  }
  for (; i + 4 <= n; i += 4) wasm_v128_store(out + i, wasm_f32x4_add(wasm_v128_load(a + i), wasm_v128_load(b + i)));
  for (; i < n; ++i) out[i] = a[i] + b[i];
}

}  // namespace dlp
