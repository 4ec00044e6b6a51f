// GEMM contracts of gemm.h: B packed into 8-column panels, then a 4x8 register-tiled
// micro-kernel per tile (8 accumulators of 4 lanes; small tiles win in wasm, where 16 live
// vectors fit without spills). The micro-kernel is written in wasm_simd128.h intrinsics (natively
// through simd128.h) and sums k in ascending order without FMA, so it equals f32-gemm-scalar.cpp
// bit for bit in both builds.
#include <algorithm>

#include "engine/kernels/f32-gemm-1x32-wasmsimd.h"
#include "engine/kernels/f32-gemm-4x8-wasmsimd.h"
#include "engine/kernels/gemm.h"
#include "engine/kernels/im2col.h"

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

namespace {

// A convolution's window products, for 4 rows of the tile whose windows start at rows[0..3]: k
// walks the patch as g.kh runs of g.kw*C adjacent floats (patch row ky at ky*padded_w*C from the
// window's start), each row's floats read from its pointer with no offset table per k. With the
// tile's sums in registers this took conv2's forward from 1.02 to 0.89 ms under node (the two
// were measured together). Four k at a time, with the floats at fixed offsets, was slower under
// V8: 1.27 ms against 0.87.
DLP_TILE_INLINE void window_sums(Tile4x8 acc, const WindowGeometry& g, const float* const* rows, const float* __restrict bp) {
  const int len = g.kw * g.C;
  const size_t run_step = static_cast<size_t>(g.padded_w) * g.C;
  for (int ky = 0; ky < g.kh; ++ky) {
    const size_t o = ky * run_step;
    const float* a0 = rows[0] + o;
    const float* a1 = rows[1] + o;
    const float* a2 = rows[2] + o;
    const float* a3 = rows[3] + o;
    for (int j = 0; j < len; ++j, bp += NR) f32_gemm_tile_4x8_add(acc, bp, a0[j], a1[j], a2[j], a3[j]);
  }
}

// Patch element q's place from its window's start.
inline size_t patch_offset(const WindowGeometry& g, int q) {
  const int len = g.kw * g.C;
  return static_cast<size_t>(q / len) * g.padded_w * g.C + q % len;
}

// The weight gradient's sums for 4 patch elements (rows) over output positions 0..n-1 in
// ascending order (k), position (oy, ox)'s window at (oy*padded_w + ox)*stride*C. Four patch
// elements side by side in the padded input (one patch row: the usual case) are read at fixed
// offsets from one pointer, which steps stride*C floats a position.
DLP_TILE_INLINE void position_sums(Tile4x8 acc, const WindowGeometry& g, const float* padded, int q0, int mr, int n,
                                   const float* __restrict bp) {
  const size_t step = static_cast<size_t>(g.stride) * g.C, row_step = step * g.padded_w;
  size_t at[MR];
  for (int i = 0; i < MR; ++i) at[i] = patch_offset(g, q0 + (i < mr ? i : 0));
  const bool side_by_side = mr == MR && at[1] == at[0] + 1 && at[2] == at[0] + 2 && at[3] == at[0] + 3;
  for (int k0 = 0, oy = 0; k0 < n; k0 += g.ow, ++oy) {
    const int len = std::min(g.ow, n - k0);
    if (side_by_side) {
      const float* p = padded + at[0] + oy * row_step;
      for (int j = 0; j < len; ++j, p += step, bp += NR) f32_gemm_tile_4x8_add(acc, bp, p[0], p[1], p[2], p[3]);
    } else {
      const float* a0 = padded + at[0] + oy * row_step;
      const float* a1 = padded + at[1] + oy * row_step;
      const float* a2 = padded + at[2] + oy * row_step;
      const float* a3 = padded + at[3] + oy * row_step;
      for (int j = 0; j < len; ++j, bp += NR) {
        const size_t o = j * step;
        f32_gemm_tile_4x8_add(acc, bp, a0[o], a1[o], a2[o], a3[o]);
      }
    }
  }
}

}  // namespace

void f32_im2col_gemm(const WindowGeometry& g, const float* padded, int oy, int ox, int n, int N, const float* packed, float* C,
                     int ldc, GemmEpilogue ep) {
  const size_t K = static_cast<size_t>(g.kh) * g.kw * g.C;
  const size_t step = static_cast<size_t>(g.stride) * g.C, row_step = static_cast<size_t>(g.stride) * g.padded_w * g.C;
  for (int i0 = 0; i0 < n; i0 += MR) {
    const int mr = std::min(MR, n - i0);
    const float* rows[MR];
    for (int i = 0; i < MR; ++i) {
      // Rows past mr read row 0 again: their results are computed and dropped, never stored.
      rows[i] = i < mr ? padded + oy * row_step + ox * step : rows[0];
      if (i < mr && ++ox == g.ow) { ox = 0; ++oy; }
    }
    for (int j0 = 0; j0 < N; j0 += NR) {
      const int nr = std::min(NR, N - j0);
      float* c = C + static_cast<size_t>(i0) * ldc + j0;
      Tile4x8 acc;
      f32_gemm_tile_4x8_start(acc, mr, nr, c, ldc, ep, j0);
      window_sums(acc, g, rows, packed + j0 * K);
      f32_gemm_tile_4x8_store(acc, mr, nr, c, ldc, ep);
    }
  }
}

void f32_im2col_gemm_tn(const WindowGeometry& g, const float* padded, int n, int q0, int m, int N, const float* packed_dy,
                        float* C, int ldc, GemmEpilogue ep) {
  for (int i0 = 0; i0 < m; i0 += MR) {
    const int mr = std::min(MR, m - i0);
    for (int j0 = 0; j0 < N; j0 += NR) {
      const int nr = std::min(NR, N - j0);
      float* c = C + static_cast<size_t>(i0) * ldc + j0;
      Tile4x8 acc;
      f32_gemm_tile_4x8_start(acc, mr, nr, c, ldc, ep, j0);
      position_sums(acc, g, padded, q0 + i0, mr, n, packed_dy + static_cast<size_t>(j0) * n);
      f32_gemm_tile_4x8_store(acc, mr, nr, c, ldc, ep);
    }
  }
}

}  // namespace dlp
