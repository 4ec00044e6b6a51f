// 2x2 stride-2 VALID max and average pooling, four channels per vector. Windows do not overlap,
// so the backward kernels write each input gradient once instead of scatter-adding; "0 +" in
// front of every written value keeps the reference's bits (its memset zero plus the gradient
// turns -0 into +0).
#include <cstring>

#include "engine/kernels/pool.h"
#include "engine/kernels/simd128.h"

namespace dlp {
namespace {

// Input offsets of the window of output (oy, ox): rows 2oy and 2oy+1, columns 2ox and 2ox+1.
struct Window {
  size_t p[4];
  Window(int oy, int ox, int W, int C) {
    p[0] = (static_cast<size_t>(2 * oy) * W + 2 * ox) * C;
    p[1] = p[0] + C;
    p[2] = p[0] + static_cast<size_t>(W) * C;
    p[3] = p[2] + C;
  }
};

// Calls fn(b, window, o) for every example b and output (oy, ox) in order, o being the output's
// offset within its example.
template <class Fn>
void for_each_window(int batch, int H, int W, int C, Fn fn) {
  const int Ho = H / 2, Wo = W / 2;
  for (int b = 0; b < batch; ++b)
    for (int oy = 0; oy < Ho; ++oy)
      for (int ox = 0; ox < Wo; ++ox) fn(b, Window(oy, ox, W, C), (static_cast<size_t>(oy) * Wo + ox) * C);
}

// Zeroes what no window covers: an odd last row and an odd last column.
void zero_uncovered(int H, int W, int C, float* dx) {
  const size_t row = static_cast<size_t>(W) * C;
  if (H % 2) std::memset(dx + (H - 1) * row, 0, sizeof(float) * row);
  if (W % 2)
    for (int y = 0; y < H - H % 2; ++y) std::memset(dx + y * row + (W - 1) * static_cast<size_t>(C), 0, sizeof(float) * C);
}

}  // namespace

void f32_maxpool2x2(int batch, int H, int W, int C, const float* x, float* y, float* argmax) {
  const size_t in_size = static_cast<size_t>(H) * W * C, out_size = static_cast<size_t>(H / 2) * (W / 2) * C;
  const v128_t lane = wasm_f32x4_make(0, 1, 2, 3);
  if (!argmax) {  // inference: pmax(best, v) is "v > best ? v : best", the same first maximum
    for_each_window(batch, H, W, C, [&](int b, const Window& w, size_t o) {
      const float* xb = x + b * in_size;
      float* yb = y + b * out_size;
      int c = 0;
      for (; c + 4 <= C; c += 4) {
        v128_t best = wasm_v128_load(xb + w.p[0] + c);
        for (int q = 1; q < 4; ++q) best = wasm_f32x4_pmax(best, wasm_v128_load(xb + w.p[q] + c));
        wasm_v128_store(yb + o + c, best);
      }
      for (; c < C; ++c) {
        float best = xb[w.p[0] + c];
        for (int q = 1; q < 4; ++q) best = xb[w.p[q] + c] > best ? xb[w.p[q] + c] : best;
        yb[o + c] = best;
      }
    });
    return;
  }
  for_each_window(batch, H, W, C, [&](int b, const Window& w, size_t o) {
    const float* xb = x + b * in_size;
    float* yb = y + b * out_size;
    float* ab = argmax + b * out_size;
    int c = 0;
    for (; c + 4 <= C; c += 4) {
      v128_t best = wasm_v128_load(xb + w.p[0] + c);
      v128_t at = wasm_f32x4_add(wasm_f32x4_splat(static_cast<float>(w.p[0] + c)), lane);
      for (int q = 1; q < 4; ++q) {
        const v128_t v = wasm_v128_load(xb + w.p[q] + c);
        const v128_t better = wasm_f32x4_gt(v, best);
        best = wasm_v128_bitselect(v, best, better);
        at = wasm_v128_bitselect(wasm_f32x4_add(wasm_f32x4_splat(static_cast<float>(w.p[q] + c)), lane), at, better);
      }
      wasm_v128_store(yb + o + c, best);
      wasm_v128_store(ab + o + c, at);
    }
    for (; c < C; ++c) {
      size_t at = w.p[0] + c;
      for (int q = 1; q < 4; ++q) at = xb[w.p[q] + c] > xb[at] ? w.p[q] + c : at;
      yb[o + c] = xb[at];
      ab[o + c] = static_cast<float>(at);
    }
  });
}

void f32_maxpool2x2_backward(int batch, int H, int W, int C, const float* argmax, const float* dy, float* dx) {
  const size_t in_size = static_cast<size_t>(H) * W * C, out_size = static_cast<size_t>(H / 2) * (W / 2) * C;
  const v128_t lane = wasm_f32x4_make(0, 1, 2, 3), zero = wasm_f32x4_splat(0.0f);
  for (int b = 0; b < batch; ++b) zero_uncovered(H, W, C, dx + b * in_size);
  for_each_window(batch, H, W, C, [&](int b, const Window& w, size_t o) {
    const float* dyb = dy + b * out_size;
    const float* ab = argmax + b * out_size;
    float* dxb = dx + b * in_size;
    int c = 0;
    for (; c + 4 <= C; c += 4) {
      const v128_t g = wasm_v128_load(dyb + o + c), at = wasm_v128_load(ab + o + c);
      for (int q = 0; q < 4; ++q) {
        const v128_t here = wasm_f32x4_add(wasm_f32x4_splat(static_cast<float>(w.p[q] + c)), lane);
        wasm_v128_store(dxb + w.p[q] + c, wasm_f32x4_add(zero, wasm_v128_and(g, wasm_f32x4_eq(at, here))));
      }
    }
    for (; c < C; ++c)
      for (int q = 0; q < 4; ++q) dxb[w.p[q] + c] = 0.0f + (ab[o + c] == static_cast<float>(w.p[q] + c) ? dyb[o + c] : 0.0f);
  });
}

void f32_avgpool2x2(int batch, int H, int W, int C, const float* x, float* y) {
  const size_t in_size = static_cast<size_t>(H) * W * C, out_size = static_cast<size_t>(H / 2) * (W / 2) * C;
  const v128_t zero = wasm_f32x4_splat(0.0f), four = wasm_f32x4_splat(4.0f);
  for_each_window(batch, H, W, C, [&](int b, const Window& w, size_t o) {
    const float* xb = x + b * in_size;
    float* yb = y + b * out_size;
    int c = 0;
    for (; c + 4 <= C; c += 4) {
      v128_t s = zero;
      for (int q = 0; q < 4; ++q) s = wasm_f32x4_add(s, wasm_v128_load(xb + w.p[q] + c));
      wasm_v128_store(yb + o + c, wasm_f32x4_div(s, four));
    }
    for (; c < C; ++c) {
      float s = 0.0f;
      for (int q = 0; q < 4; ++q) s += xb[w.p[q] + c];
      yb[o + c] = s / 4;
    }
  });
}

void f32_avgpool2x2_backward(int batch, int H, int W, int C, const float* dy, float* dx) {
  const size_t in_size = static_cast<size_t>(H) * W * C, out_size = static_cast<size_t>(H / 2) * (W / 2) * C;
  const v128_t zero = wasm_f32x4_splat(0.0f), four = wasm_f32x4_splat(4.0f);
  for (int b = 0; b < batch; ++b) zero_uncovered(H, W, C, dx + b * in_size);
  for_each_window(batch, H, W, C, [&](int b, const Window& w, size_t o) {
    const float* dyb = dy + b * out_size;
    float* dxb = dx + b * in_size;
    int c = 0;
    for (; c + 4 <= C; c += 4) {
      const v128_t g = wasm_f32x4_add(zero, wasm_f32x4_div(wasm_v128_load(dyb + o + c), four));
      for (int q = 0; q < 4; ++q) wasm_v128_store(dxb + w.p[q] + c, g);
    }
    for (; c < C; ++c)
      for (int q = 0; q < 4; ++q) dxb[w.p[q] + c] = 0.0f + dyb[o + c] / 4;
  });
}

}  // namespace dlp
