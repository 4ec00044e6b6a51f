// 1-row GEMM micro-kernel for the products with fewer rows than a 4x8 tile (batch-1 inference:
// a drawn digit through a dense layer), reading B's rows in place: packing B would cost as much
// as the product, and a 4x8 tile would compute three rows for nothing. Contract as in gemm.h:
// c[j] = init + sum over ascending k of a[k*ks] * B[k*ldb + j] (mul then add, no FMA), then
// optional ReLU; the same bits as the scalar reference and the 4x8 kernel.
// Columns go 32 at a time (8 accumulators: the adds of one k are independent), then 8, then 4,
// then the last 1-3 side by side.
#pragma once
#include <cstddef>

#include "engine/kernels/gemm.h"
#include "engine/kernels/simd128.h"

namespace dlp {

template <int V>
inline void f32_gemm_row_block(int K, const float* __restrict a, size_t ks, const float* __restrict B, size_t ldb,
                               float* c, const GemmEpilogue& ep, int j0) {
  v128_t acc[V];
  for (int v = 0; v < V; ++v)
    acc[v] = ep.bias ? wasm_v128_load(ep.bias + j0 + 4 * v) : ep.accumulate ? wasm_v128_load(c + 4 * v) : wasm_f32x4_splat(0.0f);
  const float* b = B + j0;
  for (int k = 0; k < K; ++k, b += ldb) {
    const v128_t x = wasm_f32x4_splat(a[k * ks]);
    for (int v = 0; v < V; ++v) acc[v] = wasm_f32x4_add(acc[v], wasm_f32x4_mul(x, wasm_v128_load(b + 4 * v)));
  }
  const v128_t z = wasm_f32x4_splat(0.0f);
  for (int v = 0; v < V; ++v) wasm_v128_store(c + 4 * v, ep.relu ? wasm_v128_and(acc[v], wasm_f32x4_gt(acc[v], z)) : acc[v]);
}

// The last R (< 4) columns from j0, one float each, their sums side by side (independent adds).
template <int R>
inline void f32_gemm_row_tail(int K, const float* a, size_t ks, const float* B, size_t ldb, float* c, const GemmEpilogue& ep, int j0) {
  float acc[R];
  for (int r = 0; r < R; ++r) acc[r] = ep.bias ? ep.bias[j0 + r] : ep.accumulate ? c[r] : 0.0f;
  const float* b = B + j0;
  for (int k = 0; k < K; ++k, b += ldb) {
    const float x = a[k * ks];
    for (int r = 0; r < R; ++r) acc[r] += x * b[r];
  }
  for (int r = 0; r < R; ++r) c[r] = ep.relu && !(acc[r] > 0.0f) ? 0.0f : acc[r];
}

// One row of C (length N) from row a of A (element k at a[k*ks]) and B (K x N, rows ldb apart).
inline void f32_gemm_row(int N, int K, const float* a, size_t ks, const float* B, size_t ldb, float* c, const GemmEpilogue& ep) {
  int j = 0;
  for (; j + 32 <= N; j += 32) f32_gemm_row_block<8>(K, a, ks, B, ldb, c + j, ep, j);
  for (; j + 8 <= N; j += 8) f32_gemm_row_block<2>(K, a, ks, B, ldb, c + j, ep, j);
  for (; j + 4 <= N; j += 4) f32_gemm_row_block<1>(K, a, ks, B, ldb, c + j, ep, j);
  if (N - j == 3) f32_gemm_row_tail<3>(K, a, ks, B, ldb, c + j, ep, j);
  if (N - j == 2) f32_gemm_row_tail<2>(K, a, ks, B, ldb, c + j, ep, j);
  if (N - j == 1) f32_gemm_row_tail<1>(K, a, ks, B, ldb, c + j, ep, j);
}

}  // namespace dlp
