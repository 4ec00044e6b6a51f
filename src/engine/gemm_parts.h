// A product split over the engine's threads (parallel.h) without changing a bit: by panels of C's
// columns when C is wide enough, else by rows. Each part is the same GEMM contract on its own
// columns or rows with its own pack buffer, so every element of C is summed exactly as in one
// call. Part p packs into pack + p * stride: stride >= f32_gemm_pack_floats(N, K) floats, one
// such region per engine thread.
#pragma once
#include <cstddef>

#include "engine/kernels/gemm.h"

namespace dlp {

void gemm_nn_parts(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc, GemmEpilogue ep,
                   float* pack, size_t stride);
void gemm_tn_parts(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc, GemmEpilogue ep,
                   float* pack, size_t stride);
void gemm_nt_parts(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc, GemmEpilogue ep,
                   float* pack, size_t stride);

}  // namespace dlp
