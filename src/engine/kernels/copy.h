// Short copies and clears (a patch row of im2col: 5 floats for a 5x5 patch on one channel, 40
// for 5x5 on 8). Inline, and written so clang does not turn them back into memcpy/memset
// calls, which cost more in wasm than the copy itself. f32_copy_ref is the plain loop.
#pragma once
#include <cstddef>

#include "engine/kernels/simd128.h"

#if defined(__clang__)
#define DLP_NO_MEMCPY_IDIOM __attribute__((no_builtin("memcpy", "memset")))
#else
#define DLP_NO_MEMCPY_IDIOM
#endif

namespace dlp {

DLP_NO_MEMCPY_IDIOM inline void f32_copy(float* dst, const float* src, size_t n) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(dst + i, wasm_v128_load(src + i));
  for (; i < n; ++i) dst[i] = src[i];
}

DLP_NO_MEMCPY_IDIOM inline void f32_zero(float* dst, size_t n) {
  for (size_t i = 0; i < n; ++i) dst[i] = 0.0f;
}

void f32_copy_ref(float* dst, const float* src, size_t n);

}  // namespace dlp
