#include "engine/conv2d.h"

#include <cstring>

#include "engine/kernels/gemm.h"

namespace dlp {

Conv2D::Conv2D(Shape in, int kh, int kw, int depth, int stride, Padding padding)
    : kh_(kh), kw_(kw), stride_(stride), padding_(padding) {
  in_ = in;
  const Window1D wh = window_1d(in.h, kh, stride, padding), ww = window_1d(in.w, kw, stride, padding);
  out_ = Shape{wh.out, ww.out, depth};
  pad_top_ = wh.pad_before;
  pad_left_ = ww.pad_before;
}

std::string Conv2D::name() const {
  std::string s = "conv" + std::to_string(kh_) + "x" + std::to_string(kw_) + "x" + std::to_string(out_.c);
  if (stride_ != 1) s += "-s" + std::to_string(stride_);
  if (padding_ == Padding::Valid) s += "-valid";
  return s;
}

void Conv2D::bind_params(float* values, float* grads) {
  const size_t nw = patch() * out_.c;
  w_ = values; b_ = values + nw; dw_ = grads; db_ = grads + nw;
}

void Conv2D::params(std::vector<Param>& out) {
  const int fan_in = static_cast<int>(patch()), fan_out = kh_ * kw_ * out_.c;
  out.push_back({"weight", {kh_, kw_, in_.c, out_.c}, w_, dw_, patch() * out_.c, false, fan_in, fan_out});
  out.push_back({"bias", {out_.c}, b_, db_, static_cast<size_t>(out_.c), true, fan_in, fan_out});
}

size_t Conv2D::workspace_floats(int batch) const {
  if (pointwise()) return 0;
  return 2 * static_cast<size_t>(batch) * out_.h * out_.w * patch();
}

void Conv2D::bind_workspace(float* ws, int batch) {
  if (pointwise()) { cols_ = dcols_ = nullptr; return; }
  cols_ = ws;
  dcols_ = ws + static_cast<size_t>(batch) * out_.h * out_.w * patch();
}

// cols: (B*oh*ow, kh*kw*cin); padding reads as zero. In NHWC the kw pixels of one patch row are
// adjacent in memory, so each patch row is one copy of kw*cin floats, minus its padded ends.
void Conv2D::im2col(const float* x, int batch, float* cols) const {
  const int H = in_.h, W = in_.w, C = in_.c;
  const size_t row = static_cast<size_t>(kw_) * C;
  for (int b = 0; b < batch; ++b) {
    const float* xb = x + static_cast<size_t>(b) * in_.size();
    for (int oy = 0; oy < out_.h; ++oy)
      for (int ox = 0; ox < out_.w; ++ox) {
        const int x0 = ox * stride_ - pad_left_;
        const int lo = x0 < 0 ? -x0 : 0, hi = x0 + kw_ > W ? W - x0 : kw_;  // in-bounds kx range [lo, hi)
        for (int ky = 0; ky < kh_; ++ky, cols += row) {
          const int iy = oy * stride_ + ky - pad_top_;
          if (iy < 0 || iy >= H || hi <= lo) { std::memset(cols, 0, sizeof(float) * row); continue; }
          if (lo > 0) std::memset(cols, 0, sizeof(float) * lo * C);
          std::memcpy(cols + static_cast<size_t>(lo) * C, xb + (static_cast<size_t>(iy) * W + x0 + lo) * C, sizeof(float) * (hi - lo) * C);
          if (hi < kw_) std::memset(cols + static_cast<size_t>(hi) * C, 0, sizeof(float) * (kw_ - hi) * C);
        }
      }
  }
}

// The adjoint of im2col: every column entry adds back into the input position it came from.
void Conv2D::col2im(const float* cols, int batch, float* dx) const {
  const int H = in_.h, W = in_.w, C = in_.c;
  const size_t row = static_cast<size_t>(kw_) * C;
  std::memset(dx, 0, sizeof(float) * in_.size() * batch);
  for (int b = 0; b < batch; ++b) {
    float* dxb = dx + static_cast<size_t>(b) * in_.size();
    for (int oy = 0; oy < out_.h; ++oy)
      for (int ox = 0; ox < out_.w; ++ox) {
        const int x0 = ox * stride_ - pad_left_;
        const int lo = x0 < 0 ? -x0 : 0, hi = x0 + kw_ > W ? W - x0 : kw_;
        for (int ky = 0; ky < kh_; ++ky, cols += row) {
          const int iy = oy * stride_ + ky - pad_top_;
          if (iy < 0 || iy >= H || hi <= lo) continue;
          float* d = dxb + (static_cast<size_t>(iy) * W + x0 + lo) * C;
          const float* c = cols + static_cast<size_t>(lo) * C;
          for (size_t i = 0, n = static_cast<size_t>(hi - lo) * C; i < n; ++i) d[i] += c[i];
        }
      }
  }
}

// x: (B, H, W, cin) -> y: (B, oh, ow, cout)
void Conv2D::forward(const float* x, float* y, int batch, bool) {
  const int rows = batch * out_.h * out_.w, K = static_cast<int>(patch());
  const float* cols = x;
  if (!pointwise()) { im2col(x, batch, cols_); cols = cols_; }
  f32_gemm_nn(rows, out_.c, K, cols, K, w_, out_.c, y, out_.c, {b_, false, false});
}

// dW = cols^T dy, db = sum dy, dcols = dy W^T, dx = col2im(dcols)
void Conv2D::backward(const float* x, const float*, const float* dy, float* dx, int batch) {
  const int rows = batch * out_.h * out_.w, K = static_cast<int>(patch()), D = out_.c;
  const float* cols = pointwise() ? x : cols_;
  f32_gemm_tn(K, D, rows, cols, K, dy, D, dw_, D);
  for (int d = 0; d < D; ++d) db_[d] = 0.0f;
  for (int r = 0; r < rows; ++r)
    for (int d = 0; d < D; ++d) db_[d] += dy[static_cast<size_t>(r) * D + d];
  if (!dx) return;
  if (pointwise()) { f32_gemm_nt(rows, K, D, dy, D, w_, D, dx, K); return; }
  f32_gemm_nt(rows, K, D, dy, D, w_, D, dcols_, K);
  col2im(dcols_, batch, dx);
}

}  // namespace dlp
