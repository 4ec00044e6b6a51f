// Pooling kernels, NHWC, per channel. argmax holds, per output, the offset of the winning input
// within its example, as a float (exact: an example has far fewer than 2^24 values).
//
// General windows (any size, stride, SAME/VALID padding): the scalar kernels are both the path
// and the reference. The course's 2x2 stride-2 VALID pooling has SIMD kernels of the same
// contract: max takes the first maximum in window order (0,0) (0,1) (1,0) (1,1); the average sums
// from 0 in that order and divides by 4; inputs in an odd last row or column get no gradient.
#pragma once
#include <cstddef>

namespace dlp {

struct PoolGeometry {
  int H, W, C;             // input
  int window, stride;
  int pad_top, pad_left;   // SAME padding cells are skipped (average divides by real inputs only)
  int out_h, out_w;
};

// x: (batch, H, W, C) -> y: (batch, out_h, out_w, C)
void f32_pool_forward_ref(const PoolGeometry& g, bool max, int batch, const float* x, float* y, float* argmax);
// dy: (batch, out_h, out_w, C) -> dx: (batch, H, W, C), overwritten
void f32_pool_backward_ref(const PoolGeometry& g, bool max, int batch, const float* argmax, const float* dy, float* dx);

// 2x2 stride 2 VALID: out_h = H / 2, out_w = W / 2. A null argmax (inference: no backward
// follows) gives the same y without recording the winners.
void f32_maxpool2x2(int batch, int H, int W, int C, const float* x, float* y, float* argmax);
void f32_maxpool2x2_backward(int batch, int H, int W, int C, const float* argmax, const float* dy, float* dx);
void f32_avgpool2x2(int batch, int H, int W, int C, const float* x, float* y);
void f32_avgpool2x2_backward(int batch, int H, int W, int C, const float* dy, float* dx);

// The geometry of 2x2 stride-2 VALID pooling, for comparing with the reference.
inline PoolGeometry pool2x2_geometry(int H, int W, int C) { return PoolGeometry{H, W, C, 2, 2, 0, 0, H / 2, W / 2}; }

}  // namespace dlp
