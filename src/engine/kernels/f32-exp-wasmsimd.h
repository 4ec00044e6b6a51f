// det_expf (engine/detmath.h) four lanes at a time, operation for operation, so each lane gives
// the scalar function's bits: same range reduction, same polynomial, same split 2^k scaling.
#pragma once
#include "engine/kernels/simd128.h"

namespace dlp {

inline v128_t f32x4_det_exp(v128_t x) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  const v128_t half = wasm_v128_bitselect(wasm_f32x4_splat(0.5f), wasm_f32x4_splat(-0.5f), wasm_f32x4_ge(x, zero));
  // Lanes out of range get garbage here and are replaced at the end.
  const v128_t ki = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_add(wasm_f32x4_mul(x, wasm_f32x4_splat(1.44269504f)), half));
  const v128_t k = wasm_f32x4_convert_i32x4(ki);
  const v128_t r = wasm_f32x4_sub(wasm_f32x4_sub(x, wasm_f32x4_mul(k, wasm_f32x4_splat(0.693145752f))),
                                  wasm_f32x4_mul(k, wasm_f32x4_splat(1.42860677e-6f)));
  v128_t p = wasm_f32x4_splat(1.0f / 5040.0f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 720.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 120.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 24.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 6.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(0.5f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f));
  // e1 = k / 2 rounded toward zero (C's integer division), e2 = k - e1.
  const v128_t e1 = wasm_i32x4_shr(wasm_i32x4_add(ki, wasm_u32x4_shr(ki, 31)), 1);
  const v128_t e2 = wasm_i32x4_sub(ki, e1);
  const v128_t bias = wasm_i32x4_splat(127);
  const v128_t s1 = wasm_i32x4_shl(wasm_i32x4_add(e1, bias), 23), s2 = wasm_i32x4_shl(wasm_i32x4_add(e2, bias), 23);
  v128_t y = wasm_f32x4_mul(wasm_f32x4_mul(p, s1), s2);
  y = wasm_v128_bitselect(wasm_f32x4_splat(__builtin_inff()), y, wasm_f32x4_gt(x, wasm_f32x4_splat(88.72f)));
  y = wasm_v128_bitselect(zero, y, wasm_f32x4_lt(x, wasm_f32x4_splat(-87.33f)));
  return wasm_v128_bitselect(x, y, wasm_f32x4_ne(x, x));  // NaN stays NaN
}

}  // namespace dlp
