#include "engine/gemm_parts.h"

#include "engine/parallel.h"

namespace dlp {

namespace {
constexpr int kPanel = 8, kTile = 4;  // the GEMM's column panel and row tile

// How A's rows and B's columns are addressed, per form: where row i of A and column j of B start.
struct Form {
  void (*gemm)(int, int, int, const float*, int, const float*, int, float*, int, GemmEpilogue, float*);
  bool a_trans, b_trans;
};

void split(const Form& f, int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
           GemmEpilogue ep, float* pack, size_t per_part) {
  if (N >= 2 * kPanel) {
    // Columns [j0, j1) of C: columns of B (rows of B for the B^T form), the same bias entries.
    parallel_for(static_cast<size_t>(N), kPanel, [&](int part, size_t j0, size_t j1) {
      GemmEpilogue e = ep;
      if (e.bias) e.bias += j0;
      const float* b = f.b_trans ? B + j0 * static_cast<size_t>(ldb) : B + j0;
      f.gemm(M, static_cast<int>(j1 - j0), K, A, lda, b, ldb, C + j0, ldc, e, pack + part * per_part);
    });
  } else {
    // Rows [i0, i1) of C: rows of A (columns of A for the A^T form).
    parallel_for(static_cast<size_t>(M), kTile, [&](int part, size_t i0, size_t i1) {
      const float* a = f.a_trans ? A + i0 : A + i0 * static_cast<size_t>(lda);
      f.gemm(static_cast<int>(i1 - i0), N, K, a, lda, B, ldb, C + i0 * static_cast<size_t>(ldc), ldc, ep, pack + part * per_part);
    });
  }
}
}  // namespace

void gemm_nn_parts(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc, GemmEpilogue ep,
                   float* pack, size_t stride) {
  split({f32_gemm_nn, false, false}, M, N, K, A, lda, B, ldb, C, ldc, ep, pack, stride);
}
void gemm_tn_parts(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc, GemmEpilogue ep,
                   float* pack, size_t stride) {
  split({f32_gemm_tn, true, false}, M, N, K, A, lda, B, ldb, C, ldc, ep, pack, stride);
}
void gemm_nt_parts(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc, GemmEpilogue ep,
                   float* pack, size_t stride) {
  split({f32_gemm_nt, false, true}, M, N, K, A, lda, B, ldb, C, ldc, ep, pack, stride);
}

}  // namespace dlp
