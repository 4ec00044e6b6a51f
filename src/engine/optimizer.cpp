#include "engine/optimizer.h"

#include <cmath>

namespace dlp {

void Optimizer::reset(size_t n) {
  m_.assign(n, 0.0f);
  v_.assign(n, 0.0f);
  beta1_t_ = beta2_t_ = 1.0;
}

float Optimizer::apply_l2(std::vector<Param>& params, float beta) {
  if (beta == 0.0f) return 0.0f;
  double sum = 0;
  for (Param& p : params) {
    if (p.is_bias) continue;
    float s = 0.0f;
    for (size_t i = 0; i < p.size; ++i) {
      s += p.value[i] * p.value[i];
      p.grad[i] += 2.0f * beta * p.value[i];
    }
    sum += s;
  }
  return static_cast<float>(beta * sum);
}

float Optimizer::learning_rate(const TrainConfig& cfg, size_t step) {
  float lr = cfg.lr;
  if (cfg.lr_decay != 1.0f && cfg.decay_steps > 0)
    for (size_t k = step / static_cast<size_t>(cfg.decay_steps); k > 0; --k) lr *= cfg.lr_decay;
  return lr;
}

void Optimizer::update(std::vector<Param>& params, const float* block, const TrainConfig& cfg, size_t step) {
  const float lr = learning_rate(cfg, step);
  if (cfg.optimizer == OptimizerKind::SGD) {
    for (Param& p : params) {
      if (cfg.momentum == 0.0f) {
        for (size_t i = 0; i < p.size; ++i) p.value[i] -= lr * p.grad[i];
        continue;
      }
      float* m = m_.data() + (p.value - block);
      for (size_t i = 0; i < p.size; ++i) {
        m[i] = cfg.momentum * m[i] + p.grad[i];
        p.value[i] -= lr * m[i];
      }
    }
    return;
  }
  // Adam (Kingma & Ba) with bias correction; powers of beta kept by repeated multiplication.
  beta1_t_ *= cfg.adam_beta1;
  beta2_t_ *= cfg.adam_beta2;
  const float c1 = static_cast<float>(1.0 / (1.0 - beta1_t_)), c2 = static_cast<float>(1.0 / (1.0 - beta2_t_));
  const float b1 = cfg.adam_beta1, b2 = cfg.adam_beta2;
  for (Param& p : params) {
    float* m = m_.data() + (p.value - block);
    float* v = v_.data() + (p.value - block);
    for (size_t i = 0; i < p.size; ++i) {
      const float g = p.grad[i];
      m[i] = b1 * m[i] + (1.0f - b1) * g;
      v[i] = b2 * v[i] + (1.0f - b2) * g * g;
      p.value[i] -= lr * (m[i] * c1) / (std::sqrt(v[i] * c2) + cfg.adam_eps);
    }
  }
}

}  // namespace dlp
