// im2col and its adjoint on one zero-padded NHWC example (Hp, Wp, C): the windows of n output
// positions in row-major order, starting at (oy, ox), as n rows of kh*kw*C columns (ky, kx, c
// order, the convolution weights' order). col2im adds such rows back into a padded gradient,
// position after position, so every element's sum runs in position order in both versions.
// The engine never writes im2col's rows: f32_im2col_gemm and f32_im2col_gemm_tn (f32-gemm.cpp)
// read the windows in place; f32_im2col_ref defines the rows they stand for. The fast col2im
// adds a patch row (kw*C adjacent floats in NHWC) at a time.
#pragma once
#include <cstddef>

#include "engine/kernels/gemm.h"

namespace dlp {

struct WindowGeometry {
  int padded_w, C;  // the padded example's width and channels
  int kh, kw, stride;
  int ow;           // output positions per row
};

void f32_col2im(const WindowGeometry& g, const float* cols, int oy, int ox, int n, float* dpadded);

// The product of im2col's rows with a packed B (f32_gemm_pack_b, N columns, kh*kw*C rows)
// without writing the rows: each row of the 4x8 tiles reads its window in place, patch element
// (ky, kx, c) at (ky*padded_w + kx)*C + c from the window's start. The same bits as f32_im2col
// then f32_gemm_packed.
void f32_im2col_gemm(const WindowGeometry& g, const float* padded, int oy, int ox, int n, int N, const float* packed, float* C,
                     int ldc, GemmEpilogue ep);

// The weight gradient's product cols^T dy over one example, its windows read in place: rows q of
// C (patch elements q0 + q, q < m) += sum over output positions k < n (row-major from (0, 0)) of
// cols[k][q0 + q] * dy[k][j], j < N, dy packed by f32_gemm_pack_b(N, n). The same bits as
// f32_im2col then f32_gemm_tn over the example.
void f32_im2col_gemm_tn(const WindowGeometry& g, const float* padded, int n, int q0, int m, int N, const float* packed_dy,
                        float* C, int ldc, GemmEpilogue ep);

void f32_im2col_ref(const WindowGeometry& g, const float* padded, int oy, int ox, int n, float* cols);
void f32_col2im_ref(const WindowGeometry& g, const float* cols, int oy, int ox, int n, float* dpadded);

}  // namespace dlp
