// Scalar reference for the GEMM contracts in gemm.h: one output at a time, k ascending.
#include "engine/kernels/gemm.h"

namespace dlp {

static inline float gemm_init(const float* C, int j, const GemmEpilogue& ep) {
  return ep.bias ? ep.bias[j] : (ep.accumulate ? C[j] : 0.0f);
}

void f32_gemm_nn_ref(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                     GemmEpilogue ep) {
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float acc = gemm_init(C + static_cast<size_t>(i) * ldc, j, ep);
      for (int k = 0; k < K; ++k) acc += A[static_cast<size_t>(i) * lda + k] * B[static_cast<size_t>(k) * ldb + j];
      C[static_cast<size_t>(i) * ldc + j] = ep.relu && !(acc > 0.0f) ? 0.0f : acc;
    }
}

void f32_gemm_tn_ref(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                     GemmEpilogue ep) {
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float acc = gemm_init(C + static_cast<size_t>(i) * ldc, j, ep);
      for (int k = 0; k < K; ++k) acc += A[static_cast<size_t>(k) * lda + i] * B[static_cast<size_t>(k) * ldb + j];
      C[static_cast<size_t>(i) * ldc + j] = ep.relu && !(acc > 0.0f) ? 0.0f : acc;
    }
}

void f32_gemm_nt_ref(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                     GemmEpilogue ep) {
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float acc = gemm_init(C + static_cast<size_t>(i) * ldc, j, ep);
      for (int k = 0; k < K; ++k) acc += A[static_cast<size_t>(i) * lda + k] * B[static_cast<size_t>(j) * ldb + k];
      C[static_cast<size_t>(i) * ldc + j] = ep.relu && !(acc > 0.0f) ? 0.0f : acc;
    }
}

}  // namespace dlp
