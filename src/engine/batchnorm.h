// Batch normalization (Ioffe & Szegedy), per channel: NHWC input (h, w, c) is normalized over
// the batch and every pixel of each channel c; a (1, 1, c) input (after a dense layer) per unit.
//   training:   mean, var over the batch (biased var), xhat = (x - mean) / sqrt(var + eps),
//               y = gamma xhat + beta; running mean/var move 10% towards the batch's
//               (unbiased var), as PyTorch's BatchNorm with momentum 0.1, eps 1e-5
//   evaluation: the same with the running mean and var, so one example gives one answer
// Parameters: gamma "weight" (c, starts at 1), beta "bias" (c, 0), and the running statistics
// "running_mean" (c, 0) and "running_var" (c, 1), kept in the parameter block (so saved files,
// links' replays and the divergence guard keep them) but not trained.
// Sums run over examples and pixels in order, in double: the same bits natively and in wasm.
// Gradient check: tests/engine/gradcheck_test.cpp (training and evaluation).
#pragma once
#include <vector>

#include "engine/layer.h"

namespace dlp {

class BatchNorm : public Layer {
 public:
  static constexpr float kEps = 1e-5f, kMomentum = 0.1f;
  explicit BatchNorm(Shape in) { in_ = out_ = in; }
  std::string name() const override { return "batchnorm"; }
  size_t param_count() const override { return 4 * static_cast<size_t>(in_.c); }
  void bind_params(float* values, float* grads) override;
  void params(std::vector<Param>& out) override;
  // xhat (B, in), then each channel's mean and 1/sqrt(var + eps) of the last forward.
  size_t workspace_floats(int batch) const override { return in_.size() * batch + 2 * static_cast<size_t>(in_.c); }
  void bind_workspace(float* ws, int batch) override;
  double flops_forward() const override { return 2.0 * in_.size(); }
  void forward(const float* x, float* y, int batch, bool training) override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int batch) override;

 private:
  float *gamma_ = nullptr, *beta_ = nullptr, *mean_run_ = nullptr, *var_run_ = nullptr;
  float *dgamma_ = nullptr, *dbeta_ = nullptr;
  float *xhat_ = nullptr, *mean_ = nullptr, *invstd_ = nullptr;
  // Per-channel sums in double, sized when the buffers are planned (a step allocates nothing).
  std::vector<double> sum_, sum2_;
  bool trained_ = false;  // the last forward used the batch's statistics
};

}  // namespace dlp
