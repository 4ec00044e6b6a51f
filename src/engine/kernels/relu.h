// ReLU kernels. Forward y = x > 0 ? x : 0 (a NaN becomes 0, as the comparison is false);
// backward dx = y > 0 ? dy : 0, from the forward's output.
#pragma once
#include <cstddef>

namespace dlp {

void f32_relu(size_t n, const float* x, float* y);
void f32_relu_backward(size_t n, const float* y, const float* dy, float* dx);

void f32_relu_ref(size_t n, const float* x, float* y);
void f32_relu_backward_ref(size_t n, const float* y, const float* dy, float* dx);

}  // namespace dlp
