// The contract of conv_dx.h as written: dcols one element at a time, added into a padded gradient
// in output order, then cropped.
#include <vector>

#include "engine/kernels/conv_dx.h"

namespace dlp {

void f32_conv_dx_pack(const ConvDxGeometry& g, const float* w, float* wt) {
  for (int t = 0; t < g.kh * g.kw; ++t)
    for (int c0 = 0; c0 < g.C;) {
      const int width = conv_dx_block_width(g.C, c0);
      float* block = wt + static_cast<size_t>(t) * g.D * g.C + static_cast<size_t>(c0) * g.D;
      for (int d = 0; d < g.D; ++d)
        for (int c = 0; c < width; ++c) block[d * width + c] = w[(static_cast<size_t>(t) * g.C + c0 + c) * g.D + d];
      c0 += width;
    }
}

void f32_conv_dx_ref(const ConvDxGeometry& g, const float* dy, const float* w, float* dx) {
  const int s = g.stride, Hp = (g.oh - 1) * s + g.kh, Wp = (g.ow - 1) * s + g.kw;
  std::vector<float> dpadded(static_cast<size_t>(Hp) * Wp * g.C, 0.0f);
  for (int oy = 0; oy < g.oh; ++oy)
    for (int ox = 0; ox < g.ow; ++ox) {
      const float* row = dy + (static_cast<size_t>(oy) * g.ow + ox) * g.D;
      for (int ky = 0; ky < g.kh; ++ky)
        for (int kx = 0; kx < g.kw; ++kx)
          for (int c = 0; c < g.C; ++c) {
            float t = 0.0f;
            for (int d = 0; d < g.D; ++d) t += row[d] * w[((static_cast<size_t>(ky) * g.kw + kx) * g.C + c) * g.D + d];
            dpadded[((static_cast<size_t>(oy) * s + ky) * Wp + static_cast<size_t>(ox) * s + kx) * g.C + c] += t;
          }
    }
  for (int iy = 0; iy < g.H; ++iy)
    for (int ix = 0; ix < g.W; ++ix)
      for (int c = 0; c < g.C; ++c) {
        const int py = iy + g.pad_top, px = ix + g.pad_left;
        dx[(static_cast<size_t>(iy) * g.W + ix) * g.C + c] =
            py < Hp && px < Wp ? dpadded[(static_cast<size_t>(py) * Wp + px) * g.C + c] : 0.0f;
      }
}

}  // namespace dlp
