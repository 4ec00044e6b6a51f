// One element at a time, from the definition: column (ky, kx, c) of position (oy, ox) is padded
// pixel (oy*stride + ky, ox*stride + kx), channel c.
#include "engine/kernels/im2col.h"

namespace dlp {

namespace {
size_t at(const WindowGeometry& g, int oy, int ox, int ky, int kx, int c) {
  return ((static_cast<size_t>(oy) * g.stride + ky) * g.padded_w + static_cast<size_t>(ox) * g.stride + kx) * g.C + c;
}
}  // namespace

void f32_im2col_ref(const WindowGeometry& g, const float* padded, int oy, int ox, int n, float* cols) {
  for (int k = 0; k < n; ++k) {
    for (int ky = 0; ky < g.kh; ++ky)
      for (int kx = 0; kx < g.kw; ++kx)
        for (int c = 0; c < g.C; ++c) *cols++ = padded[at(g, oy, ox, ky, kx, c)];
    if (++ox == g.ow) { ox = 0; ++oy; }
  }
}

void f32_col2im_ref(const WindowGeometry& g, const float* cols, int oy, int ox, int n, float* dpadded) {
  for (int k = 0; k < n; ++k) {
    for (int ky = 0; ky < g.kh; ++ky)
      for (int kx = 0; kx < g.kw; ++kx)
        for (int c = 0; c < g.C; ++c) dpadded[at(g, oy, ox, ky, kx, c)] += *cols++;
    if (++ox == g.ow) { ox = 0; ++oy; }
  }
}

}  // namespace dlp
