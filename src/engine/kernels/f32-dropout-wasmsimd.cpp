// Dropout with the mask hashed four elements at a time (i32x4 multiplies and shifts), compared
// in float like the reference, so the same elements are kept in both.
#include "engine/kernels/dropout_mask.h"
#include "engine/kernels/simd128.h"

namespace dlp {

void f32_dropout(size_t n, uint32_t key, float keep, const float* x, float* mask, float* y) {
  const float scale = 1.0f / keep;
  const v128_t vkey = wasm_i32x4_splat(static_cast<int32_t>(key)), golden = wasm_i32x4_splat(static_cast<int32_t>(0x9e3779b9u));
  const v128_t m1 = wasm_i32x4_splat(0x7feb352d), m2 = wasm_i32x4_splat(static_cast<int32_t>(0x846ca68bu));
  const v128_t vkeep = wasm_f32x4_splat(keep), vscale = wasm_f32x4_splat(scale), unit = wasm_f32x4_splat(1.0f / 16777216.0f);
  v128_t idx = wasm_i32x4_make(0, 1, 2, 3);
  const v128_t four = wasm_i32x4_splat(4);
  size_t i = 0;
  for (; i + 4 <= n; i += 4, idx = wasm_i32x4_add(idx, four)) {
    v128_t h = wasm_i32x4_add(wasm_i32x4_mul(idx, golden), vkey);
    h = wasm_i32x4_mul(wasm_v128_xor(h, wasm_u32x4_shr(h, 16)), m1);
    h = wasm_i32x4_mul(wasm_v128_xor(h, wasm_u32x4_shr(h, 15)), m2);
    h = wasm_v128_xor(h, wasm_u32x4_shr(h, 16));
    const v128_t u = wasm_f32x4_mul(wasm_f32x4_convert_i32x4(wasm_u32x4_shr(h, 8)), unit);
    const v128_t mk = wasm_v128_and(vscale, wasm_f32x4_lt(u, vkeep));
    wasm_v128_store(mask + i, mk);
    wasm_v128_store(y + i, wasm_f32x4_mul(wasm_v128_load(x + i), mk));
  }
  for (; i < n; ++i) {
    const float u = static_cast<float>(dropout_hash(key, static_cast<uint32_t>(i)) >> 8) * (1.0f / 16777216.0f);
    mask[i] = u < keep ? scale : 0.0f;
    y[i] = x[i] * mask[i];
  }
}

void f32_dropout_backward(size_t n, const float* mask, const float* dy, float* dx) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(dx + i, wasm_f32x4_mul(wasm_v128_load(dy + i), wasm_v128_load(mask + i)));
  for (; i < n; ++i) dx[i] = dy[i] * mask[i];
}

}  // namespace dlp
