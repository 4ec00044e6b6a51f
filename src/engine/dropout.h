// Dropout with inverted scaling. The spec names the drop rate r ("dropout0.5"); the keep
// probability is p = 1 - r. While training each activation is kept with probability p and
// scaled by 1/p, so its expected value is unchanged and evaluation is the identity.
#pragma once
#include <vector>

#include "engine/layer.h"

namespace dlp {

class Dropout : public Layer {
 public:
  Dropout(Shape in, float rate) : rate_(rate) { in_ = out_ = in; }
  std::string name() const override;
  size_t workspace_floats(int batch) const override { return in_.size() * batch; }
  void bind_workspace(float* ws, int) override { mask_ = ws; }
  void set_rng(Rng* rng) override { rng_ = rng; }
  void forward(const float* x, float* y, int batch, bool training) override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int batch) override;
  float rate() const { return rate_; }
  bool set_dropout_rate(float rate) override { rate_ = rate; return true; }

 private:
  float rate_;
  float* mask_ = nullptr;  // 0 or 1/p per activation of the last training forward
  bool masked_ = false;
  Rng* rng_ = nullptr;
};

}  // namespace dlp
