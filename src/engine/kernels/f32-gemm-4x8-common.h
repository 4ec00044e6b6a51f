// The 4x8 GEMM tile's scalar edges: each tile row's starting values (bias, C itself, or zero)
// and the store of a partial tile.
#pragma once
#include <cstddef>

#include "engine/kernels/gemm.h"

namespace dlp {

constexpr int MR = 4, NR = 8;

// Row r of the tile starts from bias[j0 + j], C[r][j] (accumulate) or 0; cells past mr x nr are 0.
inline void f32_gemm_tile_init(int r, int mr, int nr, const float* C, int ldc, const GemmEpilogue& ep, int j0, float init[NR]) {
  for (int j = 0; j < NR; ++j)
    init[j] = (r < mr && j < nr) ? (ep.bias ? ep.bias[j0 + j] : (ep.accumulate ? C[static_cast<size_t>(r) * ldc + j] : 0.0f)) : 0.0f;
}

// The first nr of a row's 8 results, from a spill buffer (the tile's right edge).
inline void f32_gemm_store_partial(float* c, const float out[NR], int nr) {
  for (int j = 0; j < nr; ++j) c[j] = out[j];
}

}  // namespace dlp
