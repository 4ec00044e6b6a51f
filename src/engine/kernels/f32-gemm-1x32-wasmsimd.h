// 1-row GEMM micro-kernel for the products with fewer rows than a 4x8 tile (batch-1 inference:
// a drawn digit through a dense layer), reading B's rows in place: packing B would cost as much
// as the product, and a 4x8 tile would compute three rows for nothing. Contract as in gemm.h:
// c[j] = init + sum over ascending k of a[k*ks] * B[k*ldb + j] (mul then add, no FMA), then
// optional ReLU; the same bits as the scalar reference and the 4x8 kernel.
// Columns go 32 at a time (8 accumulators: the adds of one k are independent), then all the
// rest (< 32) in one more pass over k, their last vector partly used: each column's sum is a
// chain of K dependent adds, so one pass for all of them costs what one column does (the
// batch-1 dense10 of a convnet: 784 x 10 in one pass instead of two).
#pragma once
#include <cstddef>

#include "engine/kernels/gemm.h"
#include "engine/kernels/simd128.h"

namespace dlp {

// Columns j0 .. j0 + 4(V-1) + R - 1: V vectors, the last with R (1-4) columns in use. A part-used
// vector reads B's row k past column N-1 into row k+1 (so ldb >= 4, and row K-1 goes column by
// column); the bias, an accumulated c and the stores go column by column there.
template <int V, int R>
inline void f32_gemm_row_block(int K, const float* __restrict a, size_t ks, const float* __restrict B, size_t ldb,
                               float* c, const GemmEpilogue& ep, int j0) {
  constexpr int full = R == 4 ? V : V - 1;
  auto lanes = [](const float* p) {  // R floats, the other lanes 0
    return wasm_f32x4_make(p[0], R > 1 ? p[1] : 0.0f, R > 2 ? p[2] : 0.0f, 0.0f);
  };
  v128_t acc[V];
  for (int v = 0; v < full; ++v)
    acc[v] = ep.bias ? wasm_v128_load(ep.bias + j0 + 4 * v) : ep.accumulate ? wasm_v128_load(c + 4 * v) : wasm_f32x4_splat(0.0f);
  if (full < V) acc[V - 1] = ep.bias ? lanes(ep.bias + j0 + 4 * full) : ep.accumulate ? lanes(c + 4 * full) : wasm_f32x4_splat(0.0f);
  const float* b = B + j0;
  const int k_vec = full == V ? K : K - 1;  // rows whose every vector load stays inside B
  int k = 0;
  for (; k < k_vec; ++k, b += ldb) {
    const v128_t x = wasm_f32x4_splat(a[k * ks]);
    for (int v = 0; v < V; ++v) acc[v] = wasm_f32x4_add(acc[v], wasm_f32x4_mul(x, wasm_v128_load(b + 4 * v)));
  }
  if (k < K) {  // row K-1 with a part-used last vector
    const v128_t x = wasm_f32x4_splat(a[k * ks]);
    for (int v = 0; v < full; ++v) acc[v] = wasm_f32x4_add(acc[v], wasm_f32x4_mul(x, wasm_v128_load(b + 4 * v)));
    acc[V - 1] = wasm_f32x4_add(acc[V - 1], wasm_f32x4_mul(x, lanes(b + 4 * full)));
  }
  const v128_t z = wasm_f32x4_splat(0.0f);
  for (int v = 0; v < V; ++v) acc[v] = ep.relu ? wasm_v128_and(acc[v], wasm_f32x4_gt(acc[v], z)) : acc[v];
  for (int v = 0; v < full; ++v) wasm_v128_store(c + 4 * v, acc[v]);
  if (full < V) {
    float last[4];
    wasm_v128_store(last, acc[V - 1]);
    for (int r = 0; r < R; ++r) c[4 * full + r] = last[r];
  }
}

// The last R (< 4) columns from j0 of a B narrower than a vector (ldb < 4), one float each,
// their sums side by side.
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

// The last n (1-31) columns from j0 in one pass: ceil(n / 4) vectors.
template <int V>
inline void f32_gemm_row_rest(int n, int K, const float* a, size_t ks, const float* B, size_t ldb, float* c,
                              const GemmEpilogue& ep, int j0) {
  if constexpr (V > 1)
    if (n <= 4 * (V - 1)) return f32_gemm_row_rest<V - 1>(n, K, a, ks, B, ldb, c, ep, j0);
  switch (n - 4 * (V - 1)) {
    case 1: return f32_gemm_row_block<V, 1>(K, a, ks, B, ldb, c, ep, j0);
    case 2: return f32_gemm_row_block<V, 2>(K, a, ks, B, ldb, c, ep, j0);
    case 3: return f32_gemm_row_block<V, 3>(K, a, ks, B, ldb, c, ep, j0);
    default: return f32_gemm_row_block<V, 4>(K, a, ks, B, ldb, c, ep, j0);
  }
}

// One row of C (length N) from row a of A (element k at a[k*ks]) and B (K x N, rows ldb apart).
inline void f32_gemm_row(int N, int K, const float* a, size_t ks, const float* B, size_t ldb, float* c, const GemmEpilogue& ep) {
  int j = 0;
  for (; j + 32 <= N; j += 32) f32_gemm_row_block<8, 4>(K, a, ks, B, ldb, c + j, ep, j);
  const int n = N - j;
  if (n == 0) return;
  if (ldb >= 4) return f32_gemm_row_rest<8>(n, K, a, ks, B, ldb, c + j, ep, j);
  if (n == 3) f32_gemm_row_tail<3>(K, a, ks, B, ldb, c + j, ep, j);
  if (n == 2) f32_gemm_row_tail<2>(K, a, ks, B, ldb, c + j, ep, j);
  if (n == 1) f32_gemm_row_tail<1>(K, a, ks, B, ldb, c + j, ep, j);
}

}  // namespace dlp
