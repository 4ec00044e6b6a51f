#include "engine/pool.h"

#include <cstring>

namespace dlp {

Pool::Pool(Shape in, PoolKind kind, int window, int stride, Padding padding)
    : kind_(kind), k_(window), stride_(stride), padding_(padding) {
  in_ = in;
  const Window1D wh = window_1d(in.h, window, stride, padding), ww = window_1d(in.w, window, stride, padding);
  out_ = Shape{wh.out, ww.out, in.c};
  pad_top_ = wh.pad_before;
  pad_left_ = ww.pad_before;
}

std::string Pool::name() const {
  std::string s = (kind_ == PoolKind::Max ? "maxpool" : "avgpool") + std::to_string(k_);
  if (stride_ != k_) s += "-s" + std::to_string(stride_);
  if (padding_ == Padding::Same) s += "-same";
  return s;
}

// The course's pooling, 2x2 windows at stride 2 with no padding, as straight-line code.
void Pool::forward_2x2(const float* x, float* y, int batch) {
  const int W = in_.w, C = in_.c;
  const size_t row = static_cast<size_t>(W) * C;
  for (int b = 0; b < batch; ++b) {
    const float* xb = x + static_cast<size_t>(b) * in_.size();
    float* yb = y + static_cast<size_t>(b) * out_.size();
    float* ab = argmax_ ? argmax_ + static_cast<size_t>(b) * out_.size() : nullptr;
    for (int oy = 0; oy < out_.h; ++oy)
      for (int ox = 0; ox < out_.w; ++ox) {
        const size_t i00 = (static_cast<size_t>(2 * oy) * W + 2 * ox) * C, o = (static_cast<size_t>(oy) * out_.w + ox) * C;
        for (int c = 0; c < C; ++c) {
          const size_t k[4] = {i00 + c, i00 + C + c, i00 + row + c, i00 + row + C + c};
          if (kind_ == PoolKind::Avg) { yb[o + c] = (xb[k[0]] + xb[k[1]] + xb[k[2]] + xb[k[3]]) / 4; continue; }
          size_t best = k[0];  // first maximum wins, as in the general loop
          for (int j = 1; j < 4; ++j) best = xb[k[j]] > xb[best] ? k[j] : best;
          yb[o + c] = xb[best];
          ab[o + c] = static_cast<float>(best);
        }
      }
  }
}

void Pool::forward(const float* x, float* y, int batch, bool) {
  if (k_ == 2 && stride_ == 2 && padding_ == Padding::Valid) { forward_2x2(x, y, batch); return; }
  const int H = in_.h, W = in_.w, C = in_.c;
  for (int b = 0; b < batch; ++b) {
    const float* xb = x + static_cast<size_t>(b) * in_.size();
    float* yb = y + static_cast<size_t>(b) * out_.size();
    float* ab = argmax_ ? argmax_ + static_cast<size_t>(b) * out_.size() : nullptr;
    for (int oy = 0; oy < out_.h; ++oy)
      for (int ox = 0; ox < out_.w; ++ox)
        for (int c = 0; c < C; ++c) {
          float best = 0.0f, sum = 0.0f;
          int best_at = -1, count = 0;
          for (int ky = 0; ky < k_; ++ky) {
            const int iy = oy * stride_ + ky - pad_top_;
            if (iy < 0 || iy >= H) continue;
            for (int kx = 0; kx < k_; ++kx) {
              const int ix = ox * stride_ + kx - pad_left_;
              if (ix < 0 || ix >= W) continue;
              const int at = (iy * W + ix) * C + c;
              const float v = xb[at];
              sum += v;
              ++count;
              if (best_at < 0 || v > best) { best = v; best_at = at; }
            }
          }
          const size_t o = (static_cast<size_t>(oy) * out_.w + ox) * C + c;
          if (kind_ == PoolKind::Max) { yb[o] = best; ab[o] = static_cast<float>(best_at); }
          else yb[o] = count ? sum / count : 0.0f;
        }
  }
}

void Pool::backward(const float*, const float*, const float* dy, float* dx, int batch) {
  if (!dx) return;
  const int H = in_.h, W = in_.w, C = in_.c;
  std::memset(dx, 0, sizeof(float) * in_.size() * batch);
  for (int b = 0; b < batch; ++b) {
    const float* dyb = dy + static_cast<size_t>(b) * out_.size();
    float* dxb = dx + static_cast<size_t>(b) * in_.size();
    if (kind_ == PoolKind::Max) {
      const float* ab = argmax_ + static_cast<size_t>(b) * out_.size();
      for (size_t o = 0; o < out_.size(); ++o) dxb[static_cast<size_t>(ab[o])] += dyb[o];
      continue;
    }
    for (int oy = 0; oy < out_.h; ++oy)
      for (int ox = 0; ox < out_.w; ++ox) {
        const int y0 = oy * stride_ - pad_top_, x0 = ox * stride_ - pad_left_;
        const int ya = y0 < 0 ? 0 : y0, yb = y0 + k_ > H ? H : y0 + k_;
        const int xa = x0 < 0 ? 0 : x0, xb = x0 + k_ > W ? W : x0 + k_;
        const int count = (yb - ya) * (xb - xa);
        if (count <= 0) continue;
        for (int c = 0; c < C; ++c) {
          const float g = dyb[(static_cast<size_t>(oy) * out_.w + ox) * C + c] / count;
          for (int iy = ya; iy < yb; ++iy)
            for (int ix = xa; ix < xb; ++ix) dxb[(iy * W + ix) * C + c] += g;
        }
      }
  }
}

}  // namespace dlp
