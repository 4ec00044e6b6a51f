// Flatten: (h, w, c) -> (1, 1, h*w*c) in NHWC order: the values keep their order (a plain copy).
// Dense layers read any input flattened, so this layer exists to make the spec and the shape
// table explicit.
#pragma once
#include <cstring>

#include "engine/layer.h"

namespace dlp {

class Flatten : public Layer {
 public:
  explicit Flatten(Shape in) { in_ = in; out_ = Shape{1, 1, static_cast<int>(in.size())}; }
  std::string name() const override { return "flatten"; }
  void forward(const float* x, float* y, int batch, bool) override {
    std::memcpy(y, x, sizeof(float) * in_.size() * batch);
  }
  void backward(const float*, const float*, const float* dy, float* dx, int batch) override {
    if (dx) std::memcpy(dx, dy, sizeof(float) * in_.size() * batch);
  }
};

}  // namespace dlp
