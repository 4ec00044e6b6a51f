#include "engine/pool.h"

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

PoolGeometry Pool::geometry() const {
  return PoolGeometry{in_.h, in_.w, in_.c, k_, stride_, pad_top_, pad_left_, out_.h, out_.w};
}

// The course's pooling, 2x2 windows at stride 2 with no padding, has SIMD kernels; any other
// window runs the general scalar kernel.
bool Pool::is_2x2() const { return k_ == 2 && stride_ == 2 && padding_ == Padding::Valid; }

void Pool::forward(const float* x, float* y, int batch, bool) {
  const bool max = kind_ == PoolKind::Max;
  if (!is_2x2()) f32_pool_forward_ref(geometry(), max, batch, x, y, argmax_);
  else if (max) f32_maxpool2x2(batch, in_.h, in_.w, in_.c, x, y, argmax_);
  else f32_avgpool2x2(batch, in_.h, in_.w, in_.c, x, y);
}

void Pool::backward(const float*, const float*, const float* dy, float* dx, int batch) {
  if (!dx) return;
  const bool max = kind_ == PoolKind::Max;
  if (!is_2x2()) f32_pool_backward_ref(geometry(), max, batch, argmax_, dy, dx);
  else if (max) f32_maxpool2x2_backward(batch, in_.h, in_.w, in_.c, argmax_, dy, dx);
  else f32_avgpool2x2_backward(batch, in_.h, in_.w, in_.c, dy, dx);
}

}  // namespace dlp
