// The instruction set every micro-kernel here is written in: WebAssembly SIMD128.
// In the wasm build this is <wasm_simd128.h> itself. Natively it is the subset of that header
// the kernels use, over GCC/Clang vector extensions (SSE on x86), lane for lane the same IEEE
// operations. So one kernel source is tested natively and in wasm against its scalar reference,
// and both builds give the same bits, which is what keeps training reproducible across builds.
#pragma once

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#else
#include <cmath>
#include <cstdint>
#include <cstring>

typedef int32_t v128_t __attribute__((vector_size(16)));
typedef float dlp_f32x4_ __attribute__((vector_size(16)));
typedef uint32_t dlp_u32x4_ __attribute__((vector_size(16)));

#define DLP_F(v) ((dlp_f32x4_)(v))
#define DLP_V(v) ((v128_t)(v))

inline v128_t wasm_v128_load(const void* p) { v128_t v; std::memcpy(&v, p, 16); return v; }
inline void wasm_v128_store(void* p, v128_t v) { std::memcpy(p, &v, 16); }
inline v128_t wasm_v128_and(v128_t a, v128_t b) { return a & b; }
inline v128_t wasm_v128_or(v128_t a, v128_t b) { return a | b; }
inline v128_t wasm_v128_xor(v128_t a, v128_t b) { return a ^ b; }
inline v128_t wasm_v128_andnot(v128_t a, v128_t b) { return a & ~b; }
// Bits of a where mask is set, of b elsewhere.
inline v128_t wasm_v128_bitselect(v128_t a, v128_t b, v128_t m) { return (a & m) | (b & ~m); }

inline v128_t wasm_f32x4_splat(float x) { return DLP_V((dlp_f32x4_{x, x, x, x})); }
inline v128_t wasm_f32x4_make(float a, float b, float c, float d) { return DLP_V((dlp_f32x4_{a, b, c, d})); }
inline float wasm_f32x4_extract_lane(v128_t v, int i) { return DLP_F(v)[i]; }
inline v128_t wasm_f32x4_add(v128_t a, v128_t b) { return DLP_V(DLP_F(a) + DLP_F(b)); }
inline v128_t wasm_f32x4_sub(v128_t a, v128_t b) { return DLP_V(DLP_F(a) - DLP_F(b)); }
inline v128_t wasm_f32x4_mul(v128_t a, v128_t b) { return DLP_V(DLP_F(a) * DLP_F(b)); }
inline v128_t wasm_f32x4_div(v128_t a, v128_t b) { return DLP_V(DLP_F(a) / DLP_F(b)); }
inline v128_t wasm_f32x4_sqrt(v128_t a) {
  dlp_f32x4_ f = DLP_F(a);
  for (int i = 0; i < 4; ++i) f[i] = std::sqrt(f[i]);
  return DLP_V(f);
}
// pmax is a < b ? b : a and pmin is b < a ? b : a, exactly as wasm defines them (NaN in a kept).
inline v128_t wasm_f32x4_pmax(v128_t a, v128_t b) { return DLP_V(DLP_F(a) < DLP_F(b) ? DLP_F(b) : DLP_F(a)); }
inline v128_t wasm_f32x4_pmin(v128_t a, v128_t b) { return DLP_V(DLP_F(b) < DLP_F(a) ? DLP_F(b) : DLP_F(a)); }
inline v128_t wasm_f32x4_eq(v128_t a, v128_t b) { return DLP_V(DLP_F(a) == DLP_F(b)); }
inline v128_t wasm_f32x4_ne(v128_t a, v128_t b) { return DLP_V(DLP_F(a) != DLP_F(b)); }
inline v128_t wasm_f32x4_lt(v128_t a, v128_t b) { return DLP_V(DLP_F(a) < DLP_F(b)); }
inline v128_t wasm_f32x4_gt(v128_t a, v128_t b) { return DLP_V(DLP_F(a) > DLP_F(b)); }
inline v128_t wasm_f32x4_ge(v128_t a, v128_t b) { return DLP_V(DLP_F(a) >= DLP_F(b)); }
inline v128_t wasm_f32x4_convert_i32x4(v128_t a) { return DLP_V(__builtin_convertvector(a, dlp_f32x4_)); }
// Truncation toward zero, saturating; NaN gives 0.
inline v128_t wasm_i32x4_trunc_sat_f32x4(v128_t a) {
  v128_t r;
  for (int i = 0; i < 4; ++i) {
    const float f = DLP_F(a)[i];
    r[i] = f != f ? 0 : f >= 2147483648.0f ? INT32_MAX : f < -2147483648.0f ? INT32_MIN : static_cast<int32_t>(f);
  }
  return r;
}

inline v128_t wasm_i32x4_splat(int32_t x) { return v128_t{x, x, x, x}; }
inline v128_t wasm_i32x4_make(int32_t a, int32_t b, int32_t c, int32_t d) { return v128_t{a, b, c, d}; }
inline int32_t wasm_i32x4_extract_lane(v128_t v, int i) { return v[i]; }
// Integer lanes wrap around, as in wasm (computed unsigned to keep C++ overflow defined).
inline v128_t wasm_i32x4_add(v128_t a, v128_t b) { return DLP_V((dlp_u32x4_)a + (dlp_u32x4_)b); }
inline v128_t wasm_i32x4_sub(v128_t a, v128_t b) { return DLP_V((dlp_u32x4_)a - (dlp_u32x4_)b); }
inline v128_t wasm_i32x4_mul(v128_t a, v128_t b) { return DLP_V((dlp_u32x4_)a * (dlp_u32x4_)b); }
inline v128_t wasm_i32x4_shl(v128_t a, uint32_t n) { return DLP_V((dlp_u32x4_)a << (n & 31)); }
inline v128_t wasm_i32x4_shr(v128_t a, uint32_t n) { return a >> static_cast<int32_t>(n & 31); }
inline v128_t wasm_u32x4_shr(v128_t a, uint32_t n) { return DLP_V((dlp_u32x4_)a >> (n & 31)); }
inline v128_t wasm_i32x4_eq(v128_t a, v128_t b) { return DLP_V(a == b); }
inline v128_t wasm_i32x4_lt(v128_t a, v128_t b) { return DLP_V(a < b); }
inline v128_t wasm_u32x4_lt(v128_t a, v128_t b) { return DLP_V((dlp_u32x4_)a < (dlp_u32x4_)b); }
inline v128_t wasm_i32x4_max(v128_t a, v128_t b) { return a > b ? a : b; }

#undef DLP_F
#undef DLP_V
#endif
