// Pooling of any window, stride and padding: plain loops, the reference for the 2x2 kernels.
#include <cstring>

#include "engine/kernels/pool.h"

namespace dlp {

void f32_pool_forward_ref(const PoolGeometry& g, bool max, int batch, const float* x, float* y, float* argmax) {
  const size_t in_size = static_cast<size_t>(g.H) * g.W * g.C, out_size = static_cast<size_t>(g.out_h) * g.out_w * g.C;
  for (int b = 0; b < batch; ++b) {
    const float* xb = x + b * in_size;
    float* yb = y + b * out_size;
    float* ab = max ? argmax + b * out_size : nullptr;
    for (int oy = 0; oy < g.out_h; ++oy)
      for (int ox = 0; ox < g.out_w; ++ox)
        for (int c = 0; c < g.C; ++c) {
          float best = 0.0f, sum = 0.0f;
          int best_at = -1, count = 0;
          for (int ky = 0; ky < g.window; ++ky) {
            const int iy = oy * g.stride + ky - g.pad_top;
            if (iy < 0 || iy >= g.H) continue;
            for (int kx = 0; kx < g.window; ++kx) {
              const int ix = ox * g.stride + kx - g.pad_left;
              if (ix < 0 || ix >= g.W) continue;
              const int at = (iy * g.W + ix) * g.C + c;
              const float v = xb[at];
              sum += v;
              ++count;
              if (best_at < 0 || v > best) { best = v; best_at = at; }
            }
          }
          const size_t o = (static_cast<size_t>(oy) * g.out_w + ox) * g.C + c;
          if (max) { yb[o] = best; ab[o] = static_cast<float>(best_at); }
          else yb[o] = count ? sum / count : 0.0f;
        }
  }
}

void f32_pool_backward_ref(const PoolGeometry& g, bool max, int batch, const float* argmax, const float* dy, float* dx) {
  const size_t in_size = static_cast<size_t>(g.H) * g.W * g.C, out_size = static_cast<size_t>(g.out_h) * g.out_w * g.C;
  std::memset(dx, 0, sizeof(float) * in_size * batch);
  for (int b = 0; b < batch; ++b) {
    const float* dyb = dy + b * out_size;
    float* dxb = dx + b * in_size;
    if (max) {
      const float* ab = argmax + b * out_size;
      for (size_t o = 0; o < out_size; ++o) dxb[static_cast<size_t>(ab[o])] += dyb[o];
      continue;
    }
    for (int oy = 0; oy < g.out_h; ++oy)
      for (int ox = 0; ox < g.out_w; ++ox) {
        const int y0 = oy * g.stride - g.pad_top, x0 = ox * g.stride - g.pad_left;
        const int ya = y0 < 0 ? 0 : y0, yb = y0 + g.window > g.H ? g.H : y0 + g.window;
        const int xa = x0 < 0 ? 0 : x0, xb = x0 + g.window > g.W ? g.W : x0 + g.window;
        const int count = (yb - ya) * (xb - xa);
        if (count <= 0) continue;
        for (int c = 0; c < g.C; ++c) {
          const float gr = dyb[(static_cast<size_t>(oy) * g.out_w + ox) * g.C + c] / count;
          for (int iy = ya; iy < yb; ++iy)
            for (int ix = xa; ix < xb; ++ix) dxb[(iy * g.W + ix) * g.C + c] += gr;
        }
      }
  }
}

}  // namespace dlp
