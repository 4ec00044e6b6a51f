// 4x8 GEMM micro-kernel written with wasm_simd128.h intrinsics. Contract: C tile = init + sum
// over ascending k of A[i,k] * Bpanel[k, j] (separate mul and add: no FMA), then optional ReLU.
// A's rows are read through an offset (StridedA, TableA); the B panel holds k-major rows of 8
// floats.
#pragma once
#include <cstddef>

#include "engine/kernels/gemm.h"
#include "engine/kernels/simd128.h"

namespace dlp {

constexpr int MR = 4, NR = 8;

// Row r of the tile starts from bias[j0 + j], C[r][j] (accumulate) or 0; cells past mr x nr are 0.
inline void f32_gemm_tile_init(int r, int mr, int nr, const float* C, int ldc, const GemmEpilogue& ep, int j0, float init[NR]) {
  for (int j = 0; j < NR; ++j)
    init[j] = (r < mr && j < nr) ? (ep.bias ? ep.bias[j0 + j] : (ep.accumulate ? C[static_cast<size_t>(r) * ldc + j] : 0.0f)) : 0.0f;
}

// How the tile reads A: element (i, k) at row[i][offset(k)], for the tile's four rows. Strided:
// offset k * ks (a matrix, or its transpose). Table: offset off[k] (a convolution's windows read
// in place from the padded input: row i starts at its window, off[k] is patch element k's place).
struct StridedA {
  size_t ks;
  size_t operator()(int k) const { return static_cast<size_t>(k) * ks; }
};
struct TableA {
  const int* off;
  size_t operator()(int k) const { return static_cast<size_t>(off[k]); }
};

// Rows past mr are given as row 0 again: their results are computed and dropped, never stored.
template <class Offset>
inline void f32_gemm_tile_4x8_rows(int mr, int nr, int K, const float* const* rows, Offset offset,
                                   const float* __restrict bp, float* C, int ldc, const GemmEpilogue& ep, int j0) {
  v128_t acc[MR][2];
  if (nr == NR && !ep.accumulate) {
    // A full-width tile starts from the bias or 0 in every row (rows past mr are dropped anyway):
    // two vector loads rather than a float at a time (a short sum, as conv1's 25, felt it).
    const v128_t b0 = ep.bias ? wasm_v128_load(ep.bias + j0) : wasm_f32x4_splat(0.0f);
    const v128_t b1 = ep.bias ? wasm_v128_load(ep.bias + j0 + 4) : wasm_f32x4_splat(0.0f);
    for (int r = 0; r < MR; ++r) { acc[r][0] = b0; acc[r][1] = b1; }
  } else {
    for (int r = 0; r < MR; ++r) {
      float init[NR];
      f32_gemm_tile_init(r, mr, nr, C, ldc, ep, j0, init);
      acc[r][0] = wasm_v128_load(init);
      acc[r][1] = wasm_v128_load(init + 4);
    }
  }
  const float* a0 = rows[0];
  const float* a1 = rows[1];
  const float* a2 = rows[2];
  const float* a3 = rows[3];
  for (int k = 0; k < K; ++k) {
    const v128_t b0 = wasm_v128_load(bp), b1 = wasm_v128_load(bp + 4);
    bp += NR;
    const size_t o = offset(k);
    const v128_t x0 = wasm_f32x4_splat(a0[o]), x1 = wasm_f32x4_splat(a1[o]), x2 = wasm_f32x4_splat(a2[o]), x3 = wasm_f32x4_splat(a3[o]);
    acc[0][0] = wasm_f32x4_add(acc[0][0], wasm_f32x4_mul(x0, b0)); acc[0][1] = wasm_f32x4_add(acc[0][1], wasm_f32x4_mul(x0, b1));
    acc[1][0] = wasm_f32x4_add(acc[1][0], wasm_f32x4_mul(x1, b0)); acc[1][1] = wasm_f32x4_add(acc[1][1], wasm_f32x4_mul(x1, b1));
    acc[2][0] = wasm_f32x4_add(acc[2][0], wasm_f32x4_mul(x2, b0)); acc[2][1] = wasm_f32x4_add(acc[2][1], wasm_f32x4_mul(x2, b1));
    acc[3][0] = wasm_f32x4_add(acc[3][0], wasm_f32x4_mul(x3, b0)); acc[3][1] = wasm_f32x4_add(acc[3][1], wasm_f32x4_mul(x3, b1));
  }
  if (ep.relu) {
    // c AND (c > 0): c where positive, +0 elsewhere (NaN and -0 included), as the ReLU layer does.
    const v128_t z = wasm_f32x4_splat(0.0f);
    for (int r = 0; r < MR; ++r)
      for (int h = 0; h < 2; ++h) acc[r][h] = wasm_v128_and(acc[r][h], wasm_f32x4_gt(acc[r][h], z));
  }
  for (int r = 0; r < mr; ++r) {
    float* c = C + static_cast<size_t>(r) * ldc;
    if (nr == NR) {
      wasm_v128_store(c, acc[r][0]);
      wasm_v128_store(c + 4, acc[r][1]);
    } else {
      float out[NR];
      wasm_v128_store(out, acc[r][0]);
      wasm_v128_store(out + 4, acc[r][1]);
      for (int j = 0; j < nr; ++j) c[j] = out[j];  // the tile's right edge
    }
  }
}

// A tile of a matrix product: A element (i, k) at a[i*is + k*ks].
inline void f32_gemm_tile_4x8(int mr, int nr, int K, const float* a, size_t is, size_t ks, const float* bp, float* C, int ldc,
                              const GemmEpilogue& ep, int j0) {
  const float* rows[4] = {a, a + (mr > 1 ? is : 0), a + (mr > 2 ? 2 * is : 0), a + (mr > 3 ? 3 * is : 0)};
  f32_gemm_tile_4x8_rows(mr, nr, K, rows, StridedA{ks}, bp, C, ldc, ep, j0);
}

}  // namespace dlp
