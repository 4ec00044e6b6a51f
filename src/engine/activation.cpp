#include "engine/activation.h"

#include "engine/detmath.h"
#include "engine/kernels/relu.h"

namespace dlp {

std::string Activation::name() const {
  switch (kind_) {
    case ActivationKind::ReLU: return "relu";
    case ActivationKind::Sigmoid: return "sigmoid";
    case ActivationKind::Tanh: return "tanh";
  }
  return "?";
}

void Activation::forward(const float* x, float* y, int batch, bool) {
  const size_t n = in_.size() * batch;
  switch (kind_) {
    case ActivationKind::ReLU:
      f32_relu(n, x, y);
      break;
    case ActivationKind::Sigmoid:
      // exp of a non-positive argument only, so large |x| never overflows.
      for (size_t i = 0; i < n; ++i) {
        const float e = det_expf(x[i] >= 0 ? -x[i] : x[i]);
        y[i] = x[i] >= 0 ? 1.0f / (1.0f + e) : e / (1.0f + e);
      }
      break;
    case ActivationKind::Tanh:
      for (size_t i = 0; i < n; ++i) {
        const float e = det_expf(-2.0f * (x[i] >= 0 ? x[i] : -x[i]));
        const float t = (1.0f - e) / (1.0f + e);
        y[i] = x[i] >= 0 ? t : -t;
      }
      break;
  }
}

void Activation::backward(const float*, const float* y, const float* dy, float* dx, int batch) {
  if (!dx) return;
  const size_t n = in_.size() * batch;
  switch (kind_) {
    case ActivationKind::ReLU:
      f32_relu_backward(n, y, dy, dx);
      break;
    case ActivationKind::Sigmoid:
      for (size_t i = 0; i < n; ++i) dx[i] = dy[i] * y[i] * (1.0f - y[i]);
      break;
    case ActivationKind::Tanh:
      for (size_t i = 0; i < n; ++i) dx[i] = dy[i] * (1.0f - y[i] * y[i]);
      break;
  }
}

}  // namespace dlp
