// 4x8 GEMM micro-kernel with GCC/Clang vector extensions (SSE natively). Contract: C tile =
// init + sum over ascending k of A[i,k] * Bpanel[k, j], no FMA; then optional ReLU.
#pragma once
#include "engine/kernels/f32x4.h"
#include "engine/kernels/f32-gemm-4x8-common.h"

namespace dlp {

// One MR x NR tile: A element (i, k) at a[i*is + k*ks].
inline void f32_gemm_tile_4x8(int mr, int nr, int K, const float* a, size_t is, size_t ks, const float* bp,
                 float* C, int ldc, const GemmEpilogue& ep, int j0) {
  f32x4 acc[MR][2];
  for (int r = 0; r < MR; ++r) {
    float init[NR];
    f32_gemm_tile_init(r, mr, nr, C, ldc, ep, j0, init);
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
      f32_gemm_store_partial(c, out, nr);
    }
  }
}

}  // namespace dlp
