// f32 GEMM contracts, row-major. Every output element is its initial value plus the products
// summed in ascending k, in float, with no FMA: any implementation that keeps this order
// (scalar, SSE, wasm SIMD128) gives bit-identical results, which is what makes training
// reproducible across builds and lets tests compare fast kernels to the reference exactly.
//
// Initial value: bias[j] when bias is given, else C itself when accumulate, else 0.
// Epilogue: when relu, c > 0 ? c : +0, the ReLU layer's own (NaN and -0 give +0), so a layer
// that applies it gives the bits of the layer and a ReLU after it.
#pragma once
#include <cstddef>

namespace dlp {

struct GemmEpilogue {
  const float* bias = nullptr;  // length N
  bool accumulate = false;
  bool relu = false;
};

// The fast forms pack B into column panels first, in `pack`: the caller's workspace of at least
// f32_gemm_pack_floats(N, K) floats (layers hold it in their workspace; nothing is hidden, so
// several threads can each run GEMMs with their own).
size_t f32_gemm_pack_floats(int N, int K);
// C[M,N] = A[M,K] * B[K,N]
void f32_gemm_nn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                 GemmEpilogue ep, float* pack);
// C[M,N] = A[K,M]^T * B[K,N]   (weight gradients: X^T dY)
void f32_gemm_tn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                 GemmEpilogue ep, float* pack);
// C[M,N] = A[M,K] * B[N,K]^T   (input gradients: dY W^T)
void f32_gemm_nt(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                 GemmEpilogue ep, float* pack);

// B packed once for several products with the same B (a convolution's weights, block after
// block of rows): f32_gemm_pack_b packs B (K x N) as f32_gemm_nn reads it, f32_gemm_pack_bt packs
// B^T (B is N x K) as f32_gemm_nt reads it, into f32_gemm_pack_floats(N, K) floats; then
// f32_gemm_packed(M, N, K, A, lda, packed, ...) = A[M,K] * that B, the same bits as the
// unpacked forms.
void f32_gemm_pack_b(int N, int K, const float* B, int ldb, float* packed);
void f32_gemm_pack_bt(int N, int K, const float* B, int ldb, float* packed);
void f32_gemm_packed(int M, int N, int K, const float* A, int lda, const float* packed, float* C, int ldc, GemmEpilogue ep);

// Scalar references of the same contracts, used by tests and as the portable baseline.
void f32_gemm_nn_ref(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                     GemmEpilogue ep = {});
void f32_gemm_tn_ref(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                     GemmEpilogue ep = {});
void f32_gemm_nt_ref(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                     GemmEpilogue ep = {});

}  // namespace dlp
