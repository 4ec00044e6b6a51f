// Elementwise sum: out[i] = a[i] + b[i] (out may be a or b). One float addition per element, so
// every implementation gives the same bits. Used by col2im (a patch row into the padded
// gradient), residual blocks (x + F(x), and dy into dx) and inception (each branch's dx).
#pragma once
#include <cstddef>

namespace dlp {

void f32_add(size_t n, const float* a, const float* b, float* out);
void f32_add_ref(size_t n, const float* a, const float* b, float* out);

}  // namespace dlp
