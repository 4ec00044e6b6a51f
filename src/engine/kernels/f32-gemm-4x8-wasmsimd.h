// 4x8 GEMM micro-kernel written with wasm_simd128.h intrinsics. Contract: C tile = init + sum
// over ascending k of A[i,k] * Bpanel[k, j] (separate mul and add: no FMA), then optional ReLU.
// The B panel holds k-major rows of 8 floats. How the tile walks A is the caller's: a matrix
// (f32_gemm_tile_4x8), or a convolution's windows read in place (f32-gemm.cpp).
#pragma once
#include <cstddef>

#include "engine/kernels/gemm.h"
#include "engine/kernels/simd128.h"

namespace dlp {

constexpr int MR = 4, NR = 8;

// The tile's sums: acc[r][h] is row r, columns 4h..4h+3. Every function that takes them is
// inlined into the one that declares them, so they live in registers (a call that is not keeps
// them in memory, and each step loads and stores all eight).
using Tile4x8 = v128_t[MR][2];
#define DLP_TILE_INLINE inline __attribute__((always_inline))

// Row r of the tile starts from bias[j0 + j], C[r][j] (accumulate) or 0; cells past mr x nr are 0.
inline void f32_gemm_tile_init(int r, int mr, int nr, const float* C, int ldc, const GemmEpilogue& ep, int j0, float init[NR]) {
  for (int j = 0; j < NR; ++j)
    init[j] = (r < mr && j < nr) ? (ep.bias ? ep.bias[j0 + j] : (ep.accumulate ? C[static_cast<size_t>(r) * ldc + j] : 0.0f)) : 0.0f;
}

DLP_TILE_INLINE void f32_gemm_tile_4x8_start(Tile4x8 acc, int mr, int nr, const float* C, int ldc, const GemmEpilogue& ep, int j0) {
  // acc is indexed by constants only, here and below (no loops over rows): an index the compiler
  // cannot resolve keeps the whole tile in memory.
  if (nr == NR && !ep.accumulate) {
    // A full-width tile starts from the bias or 0 in every row (rows past mr are dropped anyway):
    // two vector loads rather than a float at a time (a short sum, as conv1's 25, felt it).
    const v128_t b0 = ep.bias ? wasm_v128_load(ep.bias + j0) : wasm_f32x4_splat(0.0f);
    const v128_t b1 = ep.bias ? wasm_v128_load(ep.bias + j0 + 4) : wasm_f32x4_splat(0.0f);
    acc[0][0] = acc[1][0] = acc[2][0] = acc[3][0] = b0;
    acc[0][1] = acc[1][1] = acc[2][1] = acc[3][1] = b1;
    return;
  }
  float init[MR][NR];
  for (int r = 0; r < MR; ++r) f32_gemm_tile_init(r, mr, nr, C, ldc, ep, j0, init[r]);
  acc[0][0] = wasm_v128_load(init[0]); acc[0][1] = wasm_v128_load(init[0] + 4);
  acc[1][0] = wasm_v128_load(init[1]); acc[1][1] = wasm_v128_load(init[1] + 4);
  acc[2][0] = wasm_v128_load(init[2]); acc[2][1] = wasm_v128_load(init[2] + 4);
  acc[3][0] = wasm_v128_load(init[3]); acc[3][1] = wasm_v128_load(init[3] + 4);
}

// One k: row r += a_r * b (b: the panel's 8 floats for this k).
DLP_TILE_INLINE void f32_gemm_tile_4x8_add(Tile4x8 acc, const float* b, float a0, float a1, float a2, float a3) {
  const v128_t b0 = wasm_v128_load(b), b1 = wasm_v128_load(b + 4);
  const v128_t x0 = wasm_f32x4_splat(a0), x1 = wasm_f32x4_splat(a1), x2 = wasm_f32x4_splat(a2), x3 = wasm_f32x4_splat(a3);
  acc[0][0] = wasm_f32x4_add(acc[0][0], wasm_f32x4_mul(x0, b0)); acc[0][1] = wasm_f32x4_add(acc[0][1], wasm_f32x4_mul(x0, b1));
  acc[1][0] = wasm_f32x4_add(acc[1][0], wasm_f32x4_mul(x1, b0)); acc[1][1] = wasm_f32x4_add(acc[1][1], wasm_f32x4_mul(x1, b1));
  acc[2][0] = wasm_f32x4_add(acc[2][0], wasm_f32x4_mul(x2, b0)); acc[2][1] = wasm_f32x4_add(acc[2][1], wasm_f32x4_mul(x2, b1));
  acc[3][0] = wasm_f32x4_add(acc[3][0], wasm_f32x4_mul(x3, b0)); acc[3][1] = wasm_f32x4_add(acc[3][1], wasm_f32x4_mul(x3, b1));
}

// One row's nr cells into c.
DLP_TILE_INLINE void f32_gemm_tile_row_store(float* c, int nr, v128_t lo, v128_t hi) {
  if (nr == NR) {
    wasm_v128_store(c, lo);
    wasm_v128_store(c + 4, hi);
    return;
  }
  float out[NR];
  wasm_v128_store(out, lo);
  wasm_v128_store(out + 4, hi);
  for (int j = 0; j < nr; ++j) c[j] = out[j];  // the tile's right edge
}

// c AND (c > 0): c where positive, +0 elsewhere (NaN and -0 included), as the ReLU layer does.
DLP_TILE_INLINE v128_t f32_gemm_tile_relu(v128_t c) { return wasm_v128_and(c, wasm_f32x4_gt(c, wasm_f32x4_splat(0.0f))); }

// The optional ReLU, then the mr x nr cells into C.
DLP_TILE_INLINE void f32_gemm_tile_4x8_store(Tile4x8 acc, int mr, int nr, float* C, int ldc, const GemmEpilogue& ep) {
  if (ep.relu) {
    acc[0][0] = f32_gemm_tile_relu(acc[0][0]); acc[0][1] = f32_gemm_tile_relu(acc[0][1]);
    acc[1][0] = f32_gemm_tile_relu(acc[1][0]); acc[1][1] = f32_gemm_tile_relu(acc[1][1]);
    acc[2][0] = f32_gemm_tile_relu(acc[2][0]); acc[2][1] = f32_gemm_tile_relu(acc[2][1]);
    acc[3][0] = f32_gemm_tile_relu(acc[3][0]); acc[3][1] = f32_gemm_tile_relu(acc[3][1]);
  }
  f32_gemm_tile_row_store(C, nr, acc[0][0], acc[0][1]);
  if (mr > 1) f32_gemm_tile_row_store(C + ldc, nr, acc[1][0], acc[1][1]);
  if (mr > 2) f32_gemm_tile_row_store(C + 2 * static_cast<size_t>(ldc), nr, acc[2][0], acc[2][1]);
  if (mr > 3) f32_gemm_tile_row_store(C + 3 * static_cast<size_t>(ldc), nr, acc[3][0], acc[3][1]);
}

// A tile of a matrix product: A element (i, k) at a[i*is + k*ks]. Rows past mr read row 0 again:
// their results are computed and dropped, never stored.
inline void f32_gemm_tile_4x8(int mr, int nr, int K, const float* a, size_t is, size_t ks, const float* __restrict bp, float* C,
                              int ldc, const GemmEpilogue& ep, int j0) {
  const float* a0 = a;
  const float* a1 = a + (mr > 1 ? is : 0);
  const float* a2 = a + (mr > 2 ? 2 * is : 0);
  const float* a3 = a + (mr > 3 ? 3 * is : 0);
  Tile4x8 acc;
  f32_gemm_tile_4x8_start(acc, mr, nr, C, ldc, ep, j0);
  // The four rows side by side (A^T*B: the MLP's weight gradient) are read from one pointer, one
  // address a k instead of four.
  int k = 0;
  if (is == 1 && mr == MR)
    for (const float* p = a; k < K; ++k, p += ks, bp += NR) f32_gemm_tile_4x8_add(acc, bp, p[0], p[1], p[2], p[3]);
  for (; k < K; ++k, bp += NR) {
    const size_t o = static_cast<size_t>(k) * ks;
    f32_gemm_tile_4x8_add(acc, bp, a0[o], a1[o], a2[o], a3[o]);
  }
  f32_gemm_tile_4x8_store(acc, mr, nr, C, ldc, ep);
}

}  // namespace dlp
