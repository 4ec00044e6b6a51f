// GEMM contracts of gemm.h: B packed into 8-column panels, then a 4x8 register-tiled
// micro-kernel per tile (8 accumulators of 4 lanes; small tiles win in wasm, where 16 live
// vectors fit without spills). The micro-kernel is written in wasm_simd128.h intrinsics (natively
// through simd128.h) and sums k in ascending order without FMA, so it equals f32-gemm-scalar.cpp
// bit for bit in both builds.
#include <algorithm>

#include "engine/kernels/gemm.h"
#include "engine/kernels/im2col.h"
#include "engine/kernels/f32-gemm-1x32-wasmsimd.h"
#include "engine/kernels/f32-gemm-4x8-wasmsimd.h"

namespace dlp {
namespace {

// Packs B (K x N, element (k, j) at B[k*ks + j*js]) into panels of NR columns: panel p holds
// k-major rows of NR values, zero-padded past N.
void pack_b(int N, int K, const float* B, size_t ks, size_t js, float* out) {
  for (int j0 = 0; j0 < N; j0 += NR) {
    const int nr = std::min(NR, N - j0);
    if (nr == NR && js == 1) {
      // A full panel of a row-major B: each k's 8 floats are adjacent, two vector copies (the
      // MLP's first layer packs its 200,704 weights every forward pass).
      const float* src = B + j0;
      for (int k = 0; k < K; ++k, src += ks, out += NR) {
        wasm_v128_store(out, wasm_v128_load(src));
        wasm_v128_store(out + 4, wasm_v128_load(src + 4));
      }
      continue;
    }
    for (int k = 0; k < K; ++k) {
      const float* src = B + k * ks + j0 * js;
      for (int j = 0; j < nr; ++j) out[j] = src[j * js];
      for (int j = nr; j < NR; ++j) out[j] = 0.0f;
      out += NR;
    }
  }
}

// The tiles of C over B's packed panels.
void tiles(int M, int N, int K, const float* A, size_t a_is, size_t a_ks, const float* bp, float* C, int ldc,
           const GemmEpilogue& ep) {
  const int panels = (N + NR - 1) / NR;
  for (int p = 0; p < panels; ++p) {
    const int j0 = p * NR, nr = std::min(NR, N - j0);
    const float* panel = bp + static_cast<size_t>(p) * NR * K;
    for (int i0 = 0; i0 < M; i0 += MR)
      f32_gemm_tile_4x8(std::min(MR, M - i0), nr, K, A + i0 * a_is, a_is, a_ks, panel, C + static_cast<size_t>(i0) * ldc + j0, ldc, ep, j0);
  }
}

void gemm(int M, int N, int K, const float* A, size_t a_is, size_t a_ks, const float* B, size_t b_ks,
          size_t b_js, float* C, int ldc, const GemmEpilogue& ep, float* bp) {
  if (M <= 0 || N <= 0) return;
  if (M < MR && b_js == 1) {
    // Fewer rows than a tile, B's rows contiguous (the A*B and A^T*B forms): row by row from B
    // in place.
    for (int i = 0; i < M; ++i) f32_gemm_row(N, K, A + i * a_is, a_ks, B, b_ks, C + static_cast<size_t>(i) * ldc, ep);
    return;
  }
  pack_b(N, K, B, b_ks, b_js, bp);
  tiles(M, N, K, A, a_is, a_ks, bp, C, ldc, ep);
}

}  // namespace

size_t f32_gemm_pack_floats(int N, int K) {
  return static_cast<size_t>((std::max(N, 0) + NR - 1) / NR) * NR * std::max(K, 1);
}

void f32_gemm_nn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                 GemmEpilogue ep, float* pack) {
  gemm(M, N, K, A, lda, 1, B, ldb, 1, C, ldc, ep, pack);
}
void f32_gemm_tn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                 GemmEpilogue ep, float* pack) {
  gemm(M, N, K, A, 1, lda, B, ldb, 1, C, ldc, ep, pack);
}
void f32_gemm_nt(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                 GemmEpilogue ep, float* pack) {
  gemm(M, N, K, A, lda, 1, B, 1, ldb, C, ldc, ep, pack);
}

void f32_gemm_pack_b(int N, int K, const float* B, int ldb, float* packed) { pack_b(N, K, B, ldb, 1, packed); }
void f32_gemm_pack_bt(int N, int K, const float* B, int ldb, float* packed) { pack_b(N, K, B, 1, ldb, packed); }
void f32_gemm_packed(int M, int N, int K, const float* A, int lda, const float* packed, float* C, int ldc, GemmEpilogue ep) {
  if (M > 0 && N > 0) tiles(M, N, K, A, lda, 1, packed, C, ldc, ep);
}

void f32_im2col_gemm(const WindowGeometry& g, const float* padded, int oy, int ox, int n, const int* off, int N, int K,
                     const float* packed, float* C, int ldc, GemmEpilogue ep) {
  const size_t step = static_cast<size_t>(g.stride) * g.C, row_step = static_cast<size_t>(g.stride) * g.padded_w * g.C;
  for (int i0 = 0; i0 < n; i0 += MR) {
    const int mr = std::min(MR, n - i0);
    const float* rows[MR];
    for (int i = 0; i < MR; ++i) {
      rows[i] = i < mr ? padded + oy * row_step + ox * step : rows[0];
      if (i < mr && ++ox == g.ow) { ox = 0; ++oy; }
    }
    for (int j0 = 0; j0 < N; j0 += NR)
      f32_gemm_tile_4x8_rows(mr, std::min(NR, N - j0), K, rows, TableA{off}, packed + static_cast<size_t>(j0) * K,
                             C + static_cast<size_t>(i0) * ldc + j0, ldc, ep, j0);
  }
}

void f32_im2col_gemm_tn(const float* padded, const int* starts, int n, const int* off, int m, int N, const float* packed_dy,
                        float* C, int ldc, GemmEpilogue ep) {
  for (int i0 = 0; i0 < m; i0 += MR) {
    const int mr = std::min(MR, m - i0);
    const float* rows[MR];
    for (int i = 0; i < MR; ++i) rows[i] = padded + off[i0 + (i < mr ? i : 0)];
    for (int j0 = 0; j0 < N; j0 += NR)
      f32_gemm_tile_4x8_rows(mr, std::min(NR, N - j0), n, rows, TableA{starts}, packed_dy + static_cast<size_t>(j0) * n,
                             C + static_cast<size_t>(i0) * ldc + j0, ldc, ep, j0);
  }
}

}  // namespace dlp
