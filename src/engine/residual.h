// Residual block (He et al.): y = x + F(x), where F is the layers inside, written
// residual(<layers>) in the spec, e.g. residual(conv3x3x16 batchnorm relu conv3x3x16 batchnorm).
// F must give the shape it was given (the sum needs it). Backward: dx = dy + dF/dx^T dy, so the
// gradient reaches earlier layers through the identity even when F's is small: why deep
// residual nets train. Gradient check: tests/engine/gradcheck_test.cpp.
#pragma once
#include "engine/layer.h"
#include "engine/sequence.h"

namespace dlp {

class Residual : public Layer {
 public:
  explicit Residual(Sequence body) : body_(std::move(body)) { in_ = out_ = body_.in_shape(); }
  std::string name() const override;  // residual(<the layers inside>)
  size_t param_count() const override { return body_.param_count(); }
  void bind_params(float* values, float* grads) override { body_.bind_params(values, grads); }
  void params(std::vector<Param>& out) override { body_.params(out, "body."); }
  void set_rng(Rng* rng) override { body_.set_rng(rng); }
  bool set_dropout_rate(float rate) override;
  size_t activation_floats(int batch) const override { return body_.buffer_floats(batch); }
  double flops_forward() const override { return body_.flops_forward() + static_cast<double>(in_.size()); }
  void forward(const float* x, float* y, int batch, bool training) override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int batch) override;
  Region input_region(Region out) const override { return region_union(out, body_.input_region(body_.size(), out)); }

  const Sequence& body() const { return body_; }

 private:
  Sequence body_;
};

}  // namespace dlp
