// The end of a sum kept in eight lanes (two registers, lane i taking elements i mod 8) and a tail:
// lanes j and j + 4, then the four in pairs, then the tail. stats.h's order; the update kernels'
// watch (param_update.h) folds its sums the same way, so both give the same bits.
#pragma once
#include "engine/kernels/simd128.h"

namespace dlp {

inline float f32_lane_fold(v128_t a, v128_t b, float tail) {
  const v128_t s = wasm_f32x4_add(a, b);
  return ((wasm_f32x4_extract_lane(s, 0) + wasm_f32x4_extract_lane(s, 1)) +
          (wasm_f32x4_extract_lane(s, 2) + wasm_f32x4_extract_lane(s, 3))) + tail;
}

}  // namespace dlp
