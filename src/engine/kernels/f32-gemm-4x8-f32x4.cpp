// GEMM contracts of gemm.h with a 4x8 register tile (8 accumulators of 4 lanes) over packed
// 8-column panels of B. Small tiles win in wasm: 16 live vectors fit without spills.
// Each output still sums k in ascending order, so results equal f32-gemm-scalar.cpp exactly.
#include <algorithm>
#include <vector>

#include "engine/kernels/f32x4.h"
#include "engine/kernels/gemm.h"

namespace dlp {
namespace {

constexpr int MR = 4, NR = 8;

// Packs B (K x N, element (k, j) at B[k*ks + j*js]) into panels of NR columns: panel p holds
// k-major rows of NR values, zero-padded past N.
void pack_b(int N, int K, const float* B, size_t ks, size_t js, float* out) {
  for (int j0 = 0; j0 < N; j0 += NR) {
    const int nr = std::min(NR, N - j0);
    for (int k = 0; k < K; ++k) {
      const float* src = B + k * ks + j0 * js;
      for (int j = 0; j < nr; ++j) out[j] = src[j * js];
      for (int j = nr; j < NR; ++j) out[j] = 0.0f;
      out += NR;
    }
  }
}

// One MR x NR tile: A element (i, k) at a[i*is + k*ks].
inline void tile(int mr, int nr, int K, const float* a, size_t is, size_t ks, const float* bp,
                 float* C, int ldc, const GemmEpilogue& ep, int j0) {
  f32x4 acc[MR][2];
  for (int r = 0; r < MR; ++r) {
    float init[NR];
    for (int j = 0; j < NR; ++j)
      init[j] = (r < mr && j < nr) ? (ep.bias ? ep.bias[j0 + j] : (ep.accumulate ? C[static_cast<size_t>(r) * ldc + j] : 0.0f)) : 0.0f;
    acc[r][0] = f32x4_load(init);
    acc[r][1] = f32x4_load(init + 4);
  }
  const float* a0 = a;
  const float* a1 = a + (mr > 1 ? is : 0);
  const float* a2 = a + (mr > 2 ? 2 * is : 0);
  const float* a3 = a + (mr > 3 ? 3 * is : 0);
  for (int k = 0; k < K; ++k) {
    const f32x4 b0 = f32x4_load(bp), b1 = f32x4_load(bp + 4);
    bp += NR;
    const size_t o = k * ks;
    const f32x4 x0 = f32x4_splat(a0[o]), x1 = f32x4_splat(a1[o]), x2 = f32x4_splat(a2[o]), x3 = f32x4_splat(a3[o]);
    acc[0][0] += x0 * b0; acc[0][1] += x0 * b1;
    acc[1][0] += x1 * b0; acc[1][1] += x1 * b1;
    acc[2][0] += x2 * b0; acc[2][1] += x2 * b1;
    acc[3][0] += x3 * b0; acc[3][1] += x3 * b1;
  }
  if (ep.relu) {
    const f32x4 z = f32x4_splat(0.0f);
    for (int r = 0; r < MR; ++r) { acc[r][0] = f32x4_max(acc[r][0], z); acc[r][1] = f32x4_max(acc[r][1], z); }
  }
  for (int r = 0; r < mr; ++r) {
    float* c = C + static_cast<size_t>(r) * ldc;
    if (nr == NR) {
      f32x4_store(c, acc[r][0]);
      f32x4_store(c + 4, acc[r][1]);
    } else {
      float out[NR];
      f32x4_store(out, acc[r][0]);
      f32x4_store(out + 4, acc[r][1]);
      for (int j = 0; j < nr; ++j) c[j] = out[j];
    }
  }
}

// Grows once to the largest panel needed, then reused: no allocation in steady state.
float* pack_buffer(size_t n) {
  static thread_local std::vector<float> buf;
  if (buf.size() < n) buf.resize(n);
  return buf.data();
}

void gemm(int M, int N, int K, const float* A, size_t a_is, size_t a_ks, const float* B, size_t b_ks,
          size_t b_js, float* C, int ldc, const GemmEpilogue& ep) {
  if (M <= 0 || N <= 0) return;
  const int panels = (N + NR - 1) / NR;
  float* bp = pack_buffer(static_cast<size_t>(panels) * NR * std::max(K, 1));
  pack_b(N, K, B, b_ks, b_js, bp);
  for (int p = 0; p < panels; ++p) {
    const int j0 = p * NR, nr = std::min(NR, N - j0);
    const float* panel = bp + static_cast<size_t>(p) * NR * K;
    for (int i0 = 0; i0 < M; i0 += MR)
      tile(std::min(MR, M - i0), nr, K, A + i0 * a_is, a_is, a_ks, panel, C + static_cast<size_t>(i0) * ldc + j0, ldc, ep, j0);
  }
}

}  // namespace

void f32_gemm_nn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                 GemmEpilogue ep) {
  gemm(M, N, K, A, lda, 1, B, ldb, 1, C, ldc, ep);
}
void f32_gemm_tn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                 GemmEpilogue ep) {
  gemm(M, N, K, A, 1, lda, B, ldb, 1, C, ldc, ep);
}
void f32_gemm_nt(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                 GemmEpilogue ep) {
  gemm(M, N, K, A, lda, 1, B, 1, ldb, C, ldc, ep);
}

}  // namespace dlp
