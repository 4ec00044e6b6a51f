#include "engine/activation.h"

#include "engine/detmath.h"
#include "engine/kernels/relu.h"
#include "engine/layer_type.h"

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

namespace dlp {

namespace {
std::unique_ptr<Layer> build_activation(const LayerSpec& l, Shape in, const SpecLimits&, SpecError*) {
  return std::make_unique<Activation>(in, static_cast<ActivationKind>(l.type->variant));
}
std::string pytorch_activation(const LayerSpec& l, Shape) {
  switch (static_cast<ActivationKind>(l.type->variant)) {
    case ActivationKind::ReLU: return "nn.ReLU()";
    case ActivationKind::Sigmoid: return "nn.Sigmoid()";
    case ActivationKind::Tanh: return "nn.Tanh()";
  }
  return "None";
}
}  // namespace

const LayerType& relu_layer_type() {
  static const LayerType t{"relu", nullptr, "max(0, x): the course's activation", int(ActivationKind::ReLU),
                           nullptr, nullptr, nullptr, build_activation, pytorch_activation, "", {}};
  return t;
}

const LayerType& sigmoid_layer_type() {
  static const LayerType t{"sigmoid", nullptr, "1 / (1 + e^-x): saturates, gradients vanish", int(ActivationKind::Sigmoid),
                           nullptr, nullptr, nullptr, build_activation, pytorch_activation, "", {}};
  return t;
}

const LayerType& tanh_layer_type() {
  static const LayerType t{"tanh", nullptr, "tanh(x): zero-centred, saturates", int(ActivationKind::Tanh),
                           nullptr, nullptr, nullptr, build_activation, pytorch_activation, "", {}};
  return t;
}

}  // namespace dlp
