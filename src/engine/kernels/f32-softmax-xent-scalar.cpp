#include "engine/kernels/softmax_xent.h"

namespace dlp {

float f32_softmax_xent_ref(int batch, int classes, const float* logits, const uint8_t* labels, const float* weights,
                           float* probs, float* dlogits) {
  double loss = 0, wsum = 0;
  for (int b = 0; b < batch; ++b) wsum += weights ? weights[b] : 1.0f;
  const float scale = wsum > 0 ? static_cast<float>(1.0 / wsum) : 0.0f;
  const size_t C = static_cast<size_t>(classes);
  for (int b = 0; b < batch; ++b) {
    const float w = weights ? weights[b] : 1.0f;
    loss += static_cast<double>(w) * softmax_xent_row(logits + b * C, classes, labels[b], w * scale,
                                                      probs ? probs + b * C : nullptr, dlogits ? dlogits + b * C : nullptr);
  }
  return static_cast<float>(loss * scale);
}

}  // namespace dlp
