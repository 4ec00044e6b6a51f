// im2col and its adjoint on one zero-padded NHWC example (Hp, Wp, C): the windows of n output
// positions in row-major order, starting at (oy, ox), as n rows of kh*kw*C columns (ky, kx, c
// order, the convolution weights' order). col2im adds such rows back into a padded gradient,
// position after position, so every element's sum runs in position order in both versions.
// The fast versions copy and add a patch row (kw*C adjacent floats in NHWC) at a time.
#pragma once
#include <cstddef>

namespace dlp {

struct WindowGeometry {
  int padded_w, C;  // the padded example's width and channels
  int kh, kw, stride;
  int ow;           // output positions per row
};

void f32_im2col(const WindowGeometry& g, const float* padded, int oy, int ox, int n, float* cols);
void f32_col2im(const WindowGeometry& g, const float* cols, int oy, int ox, int n, float* dpadded);

void f32_im2col_ref(const WindowGeometry& g, const float* padded, int oy, int ox, int n, float* cols);
void f32_col2im_ref(const WindowGeometry& g, const float* cols, int oy, int ox, int n, float* dpadded);

}  // namespace dlp
