// Flushing subnormal floats to +0 (numerics rule 2, engine/numerics.h), in the SIMD128 kernels
// and their scalar references alike: a float whose exponent bits are all zero (a subnormal, or
// -0) becomes +0, any other stays as it is. A bit test, so the test itself never does arithmetic
// on a subnormal.
//   f32_flush(x)      one float
//   f32x4_flush(v)    four lanes
//   f32x4_flush(v, e) four lanes, and their exponent bits in e (v & 0x7f800000, as integers: 0 for
//                     a subnormal or zero, 0x7f800000 for an infinity or NaN), for a watch to read
//   f32x4_flush_nonneg(v)  four lanes that are never below +0 (or NaN), in two instructions: a
//                     float under 2^-126 is a subnormal or +0 there (Adam's second moment)
//   f32_flush_n(n, x) an array, in place
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "engine/kernels/simd128.h"

namespace dlp {

inline float f32_flush(float x) {
  uint32_t b;
  std::memcpy(&b, &x, sizeof b);
  return (b & 0x7f800000u) ? x : 0.0f;
}

// The lanes of v where mask is clear. In wasm an opaque v128.andnot: clang otherwise folds
// andnot(v, compare) into a v128.bitselect, which V8 lowers to three instructions where andnot
// takes one (an Adam update under rule 2 ran 0.25 ms for the MLP's parameters with bitselect,
// 0.19 ms with andnot; bench_kernels.cpp, "flushed" rows).
inline v128_t f32x4_clear(v128_t v, v128_t mask) {
#ifdef __wasm_simd128__
  v128_t r;
  __asm__("local.get %1\n\tlocal.get %2\n\tv128.andnot\n\tlocal.set %0" : "=r"(r) : "r"(v), "r"(mask));
  return r;
#else
  return wasm_v128_andnot(v, mask);
#endif
}

inline v128_t f32x4_flush(v128_t v, v128_t* e) {
  *e = wasm_v128_and(v, wasm_i32x4_splat(0x7f800000));
  return f32x4_clear(v, wasm_i32x4_eq(*e, wasm_i32x4_splat(0)));
}

inline v128_t f32x4_flush(v128_t v) {
  v128_t e;
  return f32x4_flush(v, &e);
}

inline v128_t f32x4_flush_nonneg(v128_t v) { return f32x4_clear(v, wasm_f32x4_lt(v, wasm_f32x4_splat(0x1p-126f))); }

inline void f32_flush_n(size_t n, float* x) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(x + i, f32x4_flush(wasm_v128_load(x + i)));
  for (; i < n; ++i) x[i] = f32_flush(x[i]);
}

}  // namespace dlp
