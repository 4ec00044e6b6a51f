#include "engine/softmax.h"

#include "engine/detmath.h"
#include "engine/kernels/softmax_xent.h"

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
  return f32_softmax_xent(batch, classes, logits, labels, weights, probs, dlogits);
}

}  // namespace dlp
