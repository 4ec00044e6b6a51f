#include "engine/dense.h"

#include "engine/kernels/gemm.h"

namespace dlp {

Dense::Dense(Shape in, int units) { in_ = in; out_ = Shape{1, 1, units}; }

void Dense::bind_params(float* values, float* grads) {
  const size_t nw = in_.size() * out_.c;
  w_ = values; b_ = values + nw; dw_ = grads; db_ = grads + nw;
}

void Dense::params(std::vector<Param>& out) {
  const int in = static_cast<int>(in_.size()), units = out_.c;
  out.push_back({"weight", {in, units}, w_, dw_, static_cast<size_t>(in) * units, false, in, units});
  out.push_back({"bias", {units}, b_, db_, static_cast<size_t>(units), true, in, units});
}

// x: (B, in) -> y: (B, out)
void Dense::forward(const float* x, float* y, int batch, bool) {
  const int in = static_cast<int>(in_.size()), units = out_.c;
  f32_gemm_nn(batch, units, in, x, in, w_, units, y, units, {b_, false, false});
}

// dW = x^T dy, db = sum_b dy, dx = dy W^T
void Dense::backward(const float* x, const float*, const float* dy, float* dx, int batch) {
  const int in = static_cast<int>(in_.size()), units = out_.c;
  f32_gemm_tn(in, units, batch, x, in, dy, units, dw_, units);
  for (int j = 0; j < units; ++j) db_[j] = 0.0f;
  for (int b = 0; b < batch; ++b)
    for (int j = 0; j < units; ++j) db_[j] += dy[static_cast<size_t>(b) * units + j];
  if (dx) f32_gemm_nt(batch, in, units, dy, units, w_, units, dx, in);
}

}  // namespace dlp
