// Fully connected: y = x W + b.  W: (in, out) row-major, b: (out).
// Input of any shape is read flattened in NHWC order. Gradient check: tests/engine/gradcheck_test.cpp.
#pragma once
#include "engine/layer.h"

namespace dlp {

class Dense : public Layer {
 public:
  Dense(Shape in, int units);
  std::string name() const override { return "dense" + std::to_string(out_.c); }
  size_t param_count() const override { return in_.size() * out_.c + out_.c; }
  void bind_params(float* values, float* grads) override;
  void params(std::vector<Param>& out) override;
  double flops_forward() const override { return 2.0 * in_.size() * out_.c; }
  // The GEMMs' packed panels, one region per engine thread (parallel.h).
  size_t workspace_floats(int batch) const override;
  void bind_workspace(float* ws, int batch) override;
  void forward(const float* x, float* y, int batch, bool training) override;
  bool forward_relu(const float* x, float* y, int batch) override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int batch) override;
  Images weight_images() const override;
  bool open_unit(int y, int x, int c, UnitSum* u) const override;
  void weight_image(int unit, float* out) const override;

 private:
  float *w_ = nullptr, *b_ = nullptr, *dw_ = nullptr, *db_ = nullptr;
  float* pack_ = nullptr;
  size_t stride_ = 0;
  size_t pack_stride(int batch) const;
};

}  // namespace dlp
