// Softmax with temperature, and softmax + cross-entropy fused through log-sum-exp.
// Subtracting the max score first keeps exp() in range: scores of 1e4 give no inf and no NaN.
// The course's D(S, L) = -sum_i L_i log S_i with one-hot L is -log S_label, and
// log S_label = z_label - max - log(sum_j exp(z_j - max)).
#pragma once
#include <cstdint>

namespace dlp {

// probs[i] = exp(scores[i] / T) / sum_j exp(scores[j] / T); temperature T > 0.
void softmax(const float* scores, int n, float temperature, float* probs);

// Cross-entropy of a probability vector S against a (not necessarily one-hot) distribution L.
// A zero S_i where L_i > 0 gives +inf, which is the course's point about D(L, S).
double cross_entropy(const float* S, const float* L, int n);

// Fused loss for a batch: logits (B, C), labels (B). Writes probs (B, C) if given and
// dlogits (B, C) = weight_b (probs - onehot) / sum(weights). Returns the weighted mean loss.
// weights may be null (all 1).
float softmax_cross_entropy(const float* logits, const uint8_t* labels, const float* weights, int batch,
                            int classes, float* probs, float* dlogits);

}  // namespace dlp
