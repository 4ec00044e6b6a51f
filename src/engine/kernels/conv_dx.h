// A convolution's input gradient for one example, straight from dy and W: the contract is the
// dcols = dy W^T, dx = col2im(dcols) that Conv2D computed before, bit for bit:
//   dpadded = +0 everywhere; for each output position r = (oy, ox) in ascending order, for each
//   tap (ky, kx) and channel c: dpadded[oy*s + ky][ox*s + kx][c] += t, where
//   t = +0 + dy[r][0] * W[ky][kx][c][0] + ... + dy[r][D-1] * W[ky][kx][c][D-1] (in that order);
//   dx = dpadded without its padding (0 where no window reads).
// So each dx element adds, over the windows that cover it in ascending output order (taps from
// the last to the first), one dot product over D. The fast version computes it so, four pixels of
// an input row at a time (pixels a stride apart share their taps), without writing dcols or the
// padded gradient; an output position outside the grid reads a row of zeros, and adding the +0
// it gives changes no sum (none of these sums is ever -0). Shapes: dy (oh, ow, D), W (kh, kw, C,
// D), dx (H, W, C), NHWC.
#pragma once
#include <cstddef>

namespace dlp {

struct ConvDxGeometry {
  int H, W, C;         // the input
  int D;               // output channels
  int kh, kw, stride;
  int oh, ow;          // the output grid
  int pad_top, pad_left;
};

// The channel blocks the fast version takes: 8 channels while 8 are left, then 4 (C a multiple
// of 4); the block from channel c0 is this wide.
inline int conv_dx_block_width(int C, int c0) { return C - c0 >= 8 ? 8 : 4; }

// W rearranged for the fast version (kh*kw*D*C floats): for each tap (ky, kx), for each channel
// block [c0, c0 + width), its D rows of width floats (w[ky][kx][c0 + c][d] at d*width + c), the
// block at (tap*D*C + c0*D).
void f32_conv_dx_pack(const ConvDxGeometry& g, const float* w, float* wt);
// The fast version: C a multiple of 4; zeros: D floats of +0.
void f32_conv_dx(const ConvDxGeometry& g, const float* dy, const float* wt, const float* zeros, float* dx);
// The contract, literally (from W as the layer holds it).
void f32_conv_dx_ref(const ConvDxGeometry& g, const float* dy, const float* w, float* dx);

}  // namespace dlp
