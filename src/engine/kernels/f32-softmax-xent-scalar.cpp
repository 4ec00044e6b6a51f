#include "engine/kernels/softmax_xent.h"

namespace dlp {

float f32_softmax_xent_ref(int batch, int classes, const float* logits, const uint8_t* labels, const float* weights,
                           float* probs, float* dlogits) {
  double loss = 0;
  const float scale = softmax_xent_scale(weights, batch);
  const size_t C = static_cast<size_t>(classes);
  for (int b = 0; b < batch; ++b) {
    const float w = weights ? weights[b] : 1.0f;
    loss += static_cast<double>(w) * softmax_xent_row(logits + b * C, classes, labels[b], w * scale,
                                                      probs ? probs + b * C : nullptr, dlogits ? dlogits + b * C : nullptr);
  }
  return static_cast<float>(loss * scale);
}

}  // namespace dlp
