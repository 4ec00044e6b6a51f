// Four pixels of an input row (a stride apart, so they share their taps) by 8 or 4 channels: per
// tap, the D-long dot products in registers (t), then added to the pixels' sums; taps from the
// last to the first (the windows in ascending output order).
#include <algorithm>

#include "engine/kernels/conv_dx.h"
#include "engine/kernels/simd128.h"

namespace dlp {

namespace {

// V vectors of channels from c0, for the n (<= 4) pixels ix0, ix0 + s, ... of input row iy.
// Unit: stride 1, known at compile time (the tap tests then need no division).
template <int V, bool Unit>
void pixels(const ConvDxGeometry& g, const float* dy, const float* wt, const float* zeros, float* dx, int iy, int ix0, int n, int c0) {
  const int s = Unit ? 1 : g.stride, D = g.D, C = g.C;
  const int py = iy + g.pad_top, px0 = ix0 + g.pad_left;
  v128_t acc[4][V];
  for (int i = 0; i < 4; ++i)
    for (int v = 0; v < V; ++v) acc[i][v] = wasm_f32x4_splat(0.0f);
  for (int ky = g.kh - 1; ky >= 0; --ky) {
    const int ty = py - ky;
    if (ty < 0 || ty % s != 0 || ty / s >= g.oh) continue;
    const float* dy_row = dy + static_cast<size_t>(ty / s) * g.ow * D;
    for (int kx = g.kw - 1; kx >= 0; --kx) {
      const int tx = px0 - kx;
      if (((tx % s) + s) % s != 0) continue;
      const float* r[4];
      bool any = false;
      for (int i = 0; i < 4; ++i) {
        const int ox = tx / s + i;
        const bool in = i < n && ox >= 0 && ox < g.ow;
        r[i] = in ? dy_row + static_cast<size_t>(ox) * D : zeros;
        any |= in;
      }
      if (!any) continue;
      // The tap's block of wt: D rows of 4V floats (conv_dx.h).
      const float* b = wt + (static_cast<size_t>(ky) * g.kw + kx) * D * C + static_cast<size_t>(c0) * D;
      v128_t t[4][V];
      for (int i = 0; i < 4; ++i)
        for (int v = 0; v < V; ++v) t[i][v] = wasm_f32x4_splat(0.0f);
      for (int d = 0; d < D; ++d, b += 4 * V) {
        v128_t w[V];
        for (int v = 0; v < V; ++v) w[v] = wasm_v128_load(b + 4 * v);
        for (int i = 0; i < 4; ++i) {
          const v128_t x = wasm_f32x4_splat(r[i][d]);
          for (int v = 0; v < V; ++v) t[i][v] = wasm_f32x4_add(t[i][v], wasm_f32x4_mul(x, w[v]));
        }
      }
      for (int i = 0; i < 4; ++i)
        for (int v = 0; v < V; ++v) acc[i][v] = wasm_f32x4_add(acc[i][v], t[i][v]);
    }
  }
  for (int i = 0; i < n; ++i) {
    float* out = dx + (static_cast<size_t>(iy) * g.W + ix0 + i * s) * C + c0;
    for (int v = 0; v < V; ++v) wasm_v128_store(out + 4 * v, acc[i][v]);
  }
}

template <bool Unit>
void rows(const ConvDxGeometry& g, const float* dy, const float* wt, const float* zeros, float* dx) {
  const int s = Unit ? 1 : g.stride;
  for (int iy = 0; iy < g.H; ++iy)
    for (int first = 0; first < s && first < g.W; ++first)
      for (int ix0 = first; ix0 < g.W; ix0 += 4 * s) {
        const int n = std::min(4, (g.W - 1 - ix0) / s + 1);
        int c0 = 0;
        for (; c0 < g.C; c0 += conv_dx_block_width(g.C, c0)) {
          if (conv_dx_block_width(g.C, c0) == 8)
            pixels<2, Unit>(g, dy, wt, zeros, dx, iy, ix0, n, c0);
          else
            pixels<1, Unit>(g, dy, wt, zeros, dx, iy, ix0, n, c0);
        }
      }
}

}  // namespace

void f32_conv_dx(const ConvDxGeometry& g, const float* dy, const float* wt, const float* zeros, float* dx) {
  if (g.stride == 1)
    rows<true>(g, dy, wt, zeros, dx);
  else
    rows<false>(g, dy, wt, zeros, dx);
}

}  // namespace dlp
