// Inception block: four parallel branches over the same input, concatenated along depth:
//   1x1 conv (a) | 1x1 (r3) -> 3x3 (c3) | 1x1 (r5) -> 5x5 (c5) | 3x3 max-pool stride 1 -> 1x1 (p)
// every conv SAME, stride 1, followed by ReLU. Output depth a + c3 + c5 + p.
// The 1x1 reductions are the point: they shrink depth before the costly 3x3 and 5x5.
#pragma once
#include <array>
#include <vector>

#include "engine/layer.h"
#include "engine/sequence.h"

namespace dlp {

struct InceptionSizes {
  int a = 8, r3 = 8, c3 = 16, r5 = 4, c5 = 8, p = 8;
};

class Inception : public Layer {
 public:
  Inception(Shape in, InceptionSizes sizes);
  std::string name() const override;
  size_t param_count() const override;
  void bind_params(float* values, float* grads) override;
  void params(std::vector<Param>& out) override;
  void set_rng(Rng* rng) override;
  bool set_dropout_rate(float rate) override;
  size_t workspace_floats(int batch) const override { return 0 * batch; }
  size_t activation_floats(int batch) const override;
  double flops_forward() const override;
  void forward(const float* x, float* y, int batch, bool training) override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int batch) override;
  Region input_region(Region out) const override;  // the union of the branches' fields

  const Sequence& branch(int i) const { return branches_[i]; }

 private:
  void reserve(int batch);
  InceptionSizes sizes_;
  std::vector<Sequence> branches_;
  std::vector<float> branch_dy_, branch_dx_;
  int reserved_ = 0;
};

}  // namespace dlp
