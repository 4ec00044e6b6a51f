#include "engine/optimizer.h"

#include <cstring>

#include "engine/kernels/param_update.h"

namespace dlp {

void Optimizer::reset(size_t n) {
  m_.assign(n, 0.0f);
  v_.assign(n, 0.0f);
  beta1_t_ = beta2_t_ = 1.0;
  state_of_ = -1;
}

float Optimizer::apply_l2(std::vector<Param>& params, float beta) {
  if (beta == 0.0f) return 0.0f;
  double sum = 0;
  for (Param& p : params) {
    if (!p.is_bias && p.trainable) sum += f32_l2(p.size, 2.0f * beta, p.value, p.grad);
  }
  return static_cast<float>(beta * sum);
}

float Optimizer::learning_rate(const TrainConfig& cfg, size_t step) {
  float lr = cfg.lr;
  if (cfg.lr_decay != 1.0f && cfg.decay_steps > 0)
    for (size_t k = step / static_cast<size_t>(cfg.decay_steps); k > 0; --k) lr *= cfg.lr_decay;
  return lr;
}

void Optimizer::update(std::vector<Param>& params, const TrainConfig& cfg, size_t step, std::vector<UpdateWatch>* watch) {
  const float lr = learning_rate(cfg, step);
  const int8_t kind = static_cast<int8_t>(cfg.optimizer);
  if (state_of_ >= 0 && state_of_ != kind) reset(m_.size());
  state_of_ = kind;
  auto keep = [&](size_t k, const UpdateWatch& w) { if (watch) (*watch)[k] = w; };
  const bool flush = cfg.numerics >= 2;  // numerics.h
  if (cfg.optimizer == OptimizerKind::SGD) {
    for (size_t k = 0; k < params.size(); ++k) {
      Param& p = params[k];
      if (!p.trainable) continue;
      if (cfg.momentum == 0.0f) keep(k, f32_sgd(p.size, lr, p.grad, p.value, flush));
      else keep(k, f32_sgd_momentum(p.size, lr, cfg.momentum, p.grad, m_.data() + p.offset, p.value, flush));
    }
    return;
  }
  // Adam (Kingma & Ba) with bias correction; powers of beta kept by repeated multiplication.
  beta1_t_ *= cfg.adam_beta1;
  beta2_t_ *= cfg.adam_beta2;
  const float c1 = static_cast<float>(1.0 / (1.0 - beta1_t_)), c2 = static_cast<float>(1.0 / (1.0 - beta2_t_));
  const AdamStep step_consts{lr, cfg.adam_beta1, cfg.adam_beta2, c1, c2, cfg.adam_eps};
  for (size_t k = 0; k < params.size(); ++k) {
    Param& p = params[k];
    if (p.trainable) keep(k, f32_adam(p.size, step_consts, p.grad, m_.data() + p.offset, v_.data() + p.offset, p.value, flush));
  }
}

}  // namespace dlp

namespace dlp {

// Layout: beta1^t, beta2^t (doubles), then m and v (floats), all little-endian as in memory,
// then which optimizer they belong to (one byte; a state saved before it was kept loads as "the
// optimizer in use").
void Optimizer::save(std::vector<uint8_t>* out) const {
  const size_t at = out->size(), floats = m_.size() * sizeof(float);
  out->resize(at + 2 * sizeof(double) + 2 * floats + 1);
  uint8_t* p = out->data() + at;
  std::memcpy(p, &beta1_t_, sizeof(double));
  std::memcpy(p + sizeof(double), &beta2_t_, sizeof(double));
  std::memcpy(p + 2 * sizeof(double), m_.data(), floats);
  std::memcpy(p + 2 * sizeof(double) + floats, v_.data(), floats);
  p[2 * sizeof(double) + 2 * floats] = static_cast<uint8_t>(state_of_);
}

bool Optimizer::load(const uint8_t* p, size_t n) {
  const size_t floats = m_.size() * sizeof(float), body = 2 * sizeof(double) + 2 * floats;
  if (n != body && n != body + 1) return false;
  std::memcpy(&beta1_t_, p, sizeof(double));
  std::memcpy(&beta2_t_, p + sizeof(double), sizeof(double));
  std::memcpy(m_.data(), p + 2 * sizeof(double), floats);
  std::memcpy(v_.data(), p + 2 * sizeof(double) + floats, floats);
  state_of_ = n == body + 1 ? static_cast<int8_t>(p[body]) : -1;
  return true;
}

}  // namespace dlp
