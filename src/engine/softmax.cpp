#include "engine/softmax.h"

#include "engine/detmath.h"

namespace dlp {

void softmax(const float* scores, int n, float temperature, float* probs) {
  if (n <= 0) return;
  const float inv_t = 1.0f / temperature;
  float mx = scores[0] * inv_t;
  for (int i = 1; i < n; ++i) mx = scores[i] * inv_t > mx ? scores[i] * inv_t : mx;
  float sum = 0.0f;
  for (int i = 0; i < n; ++i) { probs[i] = det_expf(scores[i] * inv_t - mx); sum += probs[i]; }
  const float inv = 1.0f / sum;
  for (int i = 0; i < n; ++i) probs[i] *= inv;
}

double cross_entropy(const float* S, const float* L, int n) {
  double d = 0;
  for (int i = 0; i < n; ++i)
    if (L[i] != 0.0f) d -= static_cast<double>(L[i]) * det_log(static_cast<double>(S[i]));
  return d;
}

float softmax_cross_entropy(const float* logits, const uint8_t* labels, const float* weights, int batch,
                            int classes, float* probs, float* dlogits) {
  double loss = 0, wsum = 0;
  for (int b = 0; b < batch; ++b) wsum += weights ? weights[b] : 1.0f;
  const float scale = wsum > 0 ? static_cast<float>(1.0 / wsum) : 0.0f;
  for (int b = 0; b < batch; ++b) {
    const float* z = logits + static_cast<size_t>(b) * classes;
    float mx = z[0];
    for (int i = 1; i < classes; ++i) mx = z[i] > mx ? z[i] : mx;
    float sum = 0.0f;
    for (int i = 0; i < classes; ++i) sum += det_expf(z[i] - mx);
    const float log_sum = det_logf(sum);
    const float w = weights ? weights[b] : 1.0f;
    loss += static_cast<double>(w) * (log_sum + mx - z[labels[b]]);
    for (int i = 0; i < classes; ++i) {
      const float p = det_expf(z[i] - mx - log_sum);
      if (probs) probs[static_cast<size_t>(b) * classes + i] = p;
      if (dlogits) dlogits[static_cast<size_t>(b) * classes + i] = w * scale * (p - (i == labels[b] ? 1.0f : 0.0f));
    }
  }
  return static_cast<float>(loss * scale);
}

}  // namespace dlp
