// Max and average pooling, NHWC, per channel: window k x k, stride s, SAME or VALID.
// No parameters. SAME padding cells are ignored: max over real inputs only, and the average
// divides by the number of real inputs in the window (TensorFlow's convention).
#pragma once
#include "engine/kernels/pool.h"
#include "engine/layer.h"
#include "engine/padding.h"

namespace dlp {

enum class PoolKind { Max, Avg };

class Pool : public Layer {
 public:
  Pool(Shape in, PoolKind kind, int window, int stride, Padding padding);
  std::string name() const override;
  size_t workspace_floats(int batch) const override { return kind_ == PoolKind::Max ? out_.size() * batch : 0; }
  void bind_workspace(float* ws, int) override { argmax_ = ws; }
  double flops_forward() const override { return static_cast<double>(out_.size()) * k_ * k_; }
  void forward(const float* x, float* y, int batch, bool training) override;
  void predict(const float* x, float* y, int batch) override;  // max 2x2: no winners kept
  Region input_region(Region out) const override { return window_input_region(out, in_, k_, k_, stride_, pad_top_, pad_left_); }
  void backward(const float* x, const float* y, const float* dy, float* dx, int batch) override;

 private:
  PoolGeometry geometry() const;
  bool is_2x2() const;
  PoolKind kind_;
  int k_, stride_;
  Padding padding_;
  int pad_top_ = 0, pad_left_ = 0;
  float* argmax_ = nullptr;  // per output: offset of the winning input within its example
};

}  // namespace dlp
