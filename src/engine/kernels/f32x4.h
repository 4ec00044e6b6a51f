// A 4-lane float vector over GCC/Clang vector extensions: it compiles to wasm SIMD128 with
// -msimd128 and to SSE natively, lane for lane the same IEEE operations, so kernels written
// with it give bit-identical results in both builds.
#pragma once
#include <cstring>

namespace dlp {

typedef float f32x4 __attribute__((vector_size(16)));

inline f32x4 f32x4_load(const float* p) { f32x4 v; std::memcpy(&v, p, 16); return v; }
inline void f32x4_store(float* p, f32x4 v) { std::memcpy(p, &v, 16); }
inline f32x4 f32x4_splat(float x) { return f32x4{x, x, x, x}; }
// a < b ? b : a, like wasm's pmax and the scalar reference's ReLU: a NaN in a stays NaN.
inline f32x4 f32x4_max(f32x4 a, f32x4 b) { return a < b ? b : a; }

}  // namespace dlp
