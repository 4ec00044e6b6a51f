// A patch row at a time: f32_add over kw*C adjacent floats.
#include "engine/kernels/add.h"
#include "engine/kernels/im2col.h"

namespace dlp {

void f32_col2im(const WindowGeometry& g, const float* cols, int oy, int ox, int n, float* dpadded) {
  const size_t row = static_cast<size_t>(g.kw) * g.C, padded_row = static_cast<size_t>(g.padded_w) * g.C;
  for (int k = 0; k < n; ++k) {
    float* dst = dpadded + (static_cast<size_t>(oy) * g.stride * g.padded_w + static_cast<size_t>(ox) * g.stride) * g.C;
    for (int ky = 0; ky < g.kh; ++ky, cols += row, dst += padded_row) f32_add(row, dst, cols, dst);
    if (++ox == g.ow) { ox = 0; ++oy; }
  }
}

}  // namespace dlp
