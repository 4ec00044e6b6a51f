// Elementwise activations: ReLU (the course's workhorse), sigmoid and tanh (for comparison in
// lessons: they saturate, so gradients vanish in deep stacks). Shape is unchanged.
#pragma once
#include "engine/layer.h"

namespace dlp {

enum class ActivationKind { ReLU, Sigmoid, Tanh };

class Activation : public Layer {
 public:
  Activation(Shape in, ActivationKind kind) : kind_(kind) { in_ = out_ = in; }
  std::string name() const override;
  double flops_forward() const override { return static_cast<double>(in_.size()); }
  void forward(const float* x, float* y, int batch, bool training) override;
  // Uses y only: relu' = (y > 0), sigmoid' = y (1 - y), tanh' = 1 - y^2.
  void backward(const float* x, const float* y, const float* dy, float* dx, int batch) override;
  ActivationKind kind() const { return kind_; }

 private:
  ActivationKind kind_;
};

}  // namespace dlp
