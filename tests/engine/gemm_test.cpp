// The tiled GEMM kernels against their scalar references: bit-identical (same k order, no FMA),
// on awkward shapes; plus an independent Eigen product for the reference itself.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "engine/kernels/gemm.h"
#include "engine/rng.h"
#include "random.h"
#ifdef DLP_HAVE_EIGEN
#include <Eigen/Dense>
#endif

using namespace dlp;

namespace {
using dlp::test::random_vec;

using GemmFn = void (*)(int, int, int, const float*, int, const float*, int, float*, int, GemmEpilogue);
using PackedGemmFn = void (*)(int, int, int, const float*, int, const float*, int, float*, int, GemmEpilogue, float*);

void expect_same(PackedGemmFn fast, GemmFn ref, bool a_trans, bool b_trans, int M, int N, int K, GemmEpilogue ep, Rng& rng) {
  const int lda = (a_trans ? M : K) + 1, ldb = (b_trans ? K : N) + 2, ldc = N + 3;
  const auto A = random_vec(static_cast<size_t>(a_trans ? K : M) * lda, rng);
  const auto B = random_vec(static_cast<size_t>(b_trans ? N : K) * ldb, rng);
  const auto bias = random_vec(N, rng);
  auto C1 = random_vec(static_cast<size_t>(M) * ldc, rng);
  auto C2 = C1;
  if (ep.bias) ep.bias = bias.data();
  // The pack workspace exactly as large as the contract says (ASan sees any write past it).
  std::vector<float> pack(f32_gemm_pack_floats(N, K));
  fast(M, N, K, A.data(), lda, B.data(), ldb, C1.data(), ldc, ep, pack.data());
  ref(M, N, K, A.data(), lda, B.data(), ldb, C2.data(), ldc, ep);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < ldc; ++j) {
      const size_t at = static_cast<size_t>(i) * ldc + j;
      ASSERT_EQ(std::memcmp(&C1[at], &C2[at], 4), 0)
          << "M=" << M << " N=" << N << " K=" << K << " element (" << i << "," << j << "): " << C1[at] << " vs " << C2[at];
    }
}
// B packed once, then the product (as a convolution does block after block).
void packed_nn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc, GemmEpilogue ep, float* pack) {
  f32_gemm_pack_b(N, K, B, ldb, pack);
  f32_gemm_packed(M, N, K, A, lda, pack, C, ldc, ep);
}
void packed_nt(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc, GemmEpilogue ep, float* pack) {
  f32_gemm_pack_bt(N, K, B, ldb, pack);
  f32_gemm_packed(M, N, K, A, lda, pack, C, ldc, ep);
}
}  // namespace

TEST(Gemm, TiledEqualsReferenceBitForBit) {
  Rng rng(42);
  const int sizes[] = {1, 2, 3, 4, 8, 10, 17, 30, 33, 45};  // the 1-row kernel's 32 columns, then rests of 1-13 and 30
  for (int M : sizes)
    for (int N : sizes)
      for (int K : {1, 5, 17, 64}) {
        for (int e = 0; e < 4; ++e) {
          GemmEpilogue ep;
          ep.bias = (e == 1 || e == 3) ? reinterpret_cast<const float*>(1) : nullptr;
          ep.accumulate = e == 2;
          ep.relu = e == 3;
          expect_same(f32_gemm_nn, f32_gemm_nn_ref, false, false, M, N, K, ep, rng);
          expect_same(f32_gemm_tn, f32_gemm_tn_ref, true, false, M, N, K, ep, rng);
          expect_same(f32_gemm_nt, f32_gemm_nt_ref, false, true, M, N, K, ep, rng);
          expect_same(packed_nn, f32_gemm_nn_ref, false, false, M, N, K, ep, rng);
          expect_same(packed_nt, f32_gemm_nt_ref, false, true, M, N, K, ep, rng);
        }
      }
}

// The 1-row kernel's last, part-used vector reads into B's next row, never past B's end: B here
// is exactly K x N floats (the sanitized build sees any read past it), every rest of columns.
TEST(Gemm, RowKernelStaysInsideB) {
  Rng rng(9);
  for (int N = 1; N <= 40; ++N)
    for (int K : {1, 2, 7}) {
      const auto A = random_vec(K, rng), B = random_vec(static_cast<size_t>(K) * N, rng), bias = random_vec(N, rng);
      std::vector<float> C1(N), C2(N), pack(f32_gemm_pack_floats(N, K));
      const GemmEpilogue ep{bias.data(), false, false};
      f32_gemm_nn(1, N, K, A.data(), K, B.data(), N, C1.data(), N, ep, pack.data());
      f32_gemm_nn_ref(1, N, K, A.data(), K, B.data(), N, C2.data(), N, ep);
      ASSERT_EQ(std::memcmp(C1.data(), C2.data(), sizeof(float) * N), 0) << "N=" << N << " K=" << K;
    }
}

// The ReLU epilogue is the ReLU layer's: +0 for NaN, -0 and negatives, in every kernel (4x8
// tiles, the 1-row kernel, the reference).
TEST(Gemm, ReluEpilogueIsTheReluLayers) {
  for (int M : {1, 4}) {
    const int N = 9, K = 2;
    std::vector<float> A(static_cast<size_t>(M) * K, 1.0f), B(static_cast<size_t>(K) * N, 0.0f), C(static_cast<size_t>(M) * N);
    std::vector<float> bias = {NAN, -0.0f, -1.0f, 2.0f, 0.0f, -INFINITY, INFINITY, 1e-45f, -1e-45f};
    std::vector<float> pack(f32_gemm_pack_floats(N, K)), ref(C.size());
    for (auto fast : {true, false}) {
      GemmEpilogue ep{bias.data(), false, true};
      if (fast) f32_gemm_nn(M, N, K, A.data(), K, B.data(), N, C.data(), N, ep, pack.data());
      else f32_gemm_nn_ref(M, N, K, A.data(), K, B.data(), N, C.data(), N, ep);
      for (int i = 0; i < M; ++i)
        for (int j = 0; j < N; ++j) {
          const float want = bias[j] > 0.0f ? bias[j] : 0.0f;
          const float got = C[static_cast<size_t>(i) * N + j];
          EXPECT_EQ(std::memcmp(&got, &want, 4), 0) << (fast ? "fast" : "reference") << " M=" << M << " column " << j << ": " << got;
        }
    }
  }
}

#ifdef DLP_HAVE_EIGEN
TEST(Gemm, ReferenceAgreesWithEigen) {
  Rng rng(7);
  const int M = 33, N = 17, K = 65;
  const auto A = random_vec(M * K, rng), B = random_vec(K * N, rng);
  std::vector<float> C(M * N);
  f32_gemm_nn_ref(M, N, K, A.data(), K, B.data(), N, C.data(), N);
  using Mat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Mat a(M, K), b(K, N);
  for (int i = 0; i < M * K; ++i) a.data()[i] = A[i];
  for (int i = 0; i < K * N; ++i) b.data()[i] = B[i];
  const Mat c = a * b;
  for (int i = 0; i < M * N; ++i) EXPECT_NEAR(C[i], c.data()[i], 1e-4) << "element " << i;
}
#endif
