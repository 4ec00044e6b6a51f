// Softmax + cross-entropy over a batch of logits, fused through log-sum-exp:
//   loss_b = log(sum_i exp(z_i - max z)) + max z - z_label      (never overflows)
//   probs  = exp(z - max z - logsumexp)
//   dlogits = w_b / sum(w) * (probs - onehot(label))
// Returns sum_b w_b loss_b / sum_b w_b, accumulated in double in row order. weights may be
// null (all 1); probs and dlogits may be null. exp is det_expf; the log is det_logf.
#pragma once
#include <cstddef>
#include <cstdint>

#include "engine/detmath.h"

namespace dlp {

// 1 / sum of the weights (all 1 when weights is null), summed in double in row order.
inline float softmax_xent_scale(const float* weights, int batch) {
  double wsum = 0;
  for (int b = 0; b < batch; ++b) wsum += weights ? weights[b] : 1.0f;
  return wsum > 0 ? static_cast<float>(1.0 / wsum) : 0.0f;
}

// One row, scalar: fills the row's probs and dlogits (w_scale = w_b / sum(w)); returns loss_b.
inline float softmax_xent_row(const float* z, int classes, int label, float w_scale, float* probs, float* dlogits) {
  float mx = z[0];
  for (int i = 1; i < classes; ++i) mx = z[i] > mx ? z[i] : mx;
  float sum = 0.0f;
  for (int i = 0; i < classes; ++i) sum += det_expf(z[i] - mx);
  const float log_sum = det_logf(sum);
  for (int i = 0; i < classes; ++i) {
    const float p = det_expf(z[i] - mx - log_sum);
    if (probs) probs[i] = p;
    if (dlogits) dlogits[i] = w_scale * (p - (i == label ? 1.0f : 0.0f));
  }
  return log_sum + mx - z[label];
}

float f32_softmax_xent(int batch, int classes, const float* logits, const uint8_t* labels, const float* weights,
                       float* probs, float* dlogits);
float f32_softmax_xent_ref(int batch, int classes, const float* logits, const uint8_t* labels, const float* weights,
                           float* probs, float* dlogits);

}  // namespace dlp
