// Parameter updates: SGD (optional momentum), Adam, L2 regularization and learning-rate decay.
// L2 adds beta * sum(w^2) over weights to the loss (biases excluded: they shift, they do not
// scale, and shrinking them only costs accuracy), so each weight's gradient gains 2 beta w.
// Decay is staircase-exponential: lr * decay^floor(step / decay_steps).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/kernels/param_update.h"
#include "engine/layer.h"
#include "engine/numerics.h"

namespace dlp {

enum class OptimizerKind { SGD, Adam };

struct TrainConfig {
  OptimizerKind optimizer = OptimizerKind::SGD;
  float lr = 0.05f;
  float momentum = 0.0f;       // SGD only; 0 is plain SGD
  float l2 = 0.0f;             // beta
  float lr_decay = 1.0f;       // 1 = no decay
  int decay_steps = 1000;
  float adam_beta1 = 0.9f, adam_beta2 = 0.999f, adam_eps = 1e-8f;
  int numerics = kNumericsLatest;  // the rule training computes by (numerics.h)
  int augment = 0;             // 1: training digits drawn again with small random transforms (data/augment.h)
};
// The same training settings, as a link carries them (Adam's betas and epsilon are fixed: not in links).
inline bool same_settings(const TrainConfig& a, const TrainConfig& b) {
  return a.optimizer == b.optimizer && a.lr == b.lr && a.momentum == b.momentum && a.l2 == b.l2 && a.lr_decay == b.lr_decay &&
         a.decay_steps == b.decay_steps && a.numerics == b.numerics && a.augment == b.augment;
}

class Optimizer {
 public:
  // State (momentum / Adam moments) sized to the parameter block.
  void reset(size_t param_floats);
  // The L2 term of the loss; adds its gradient into the params' grads.
  static float apply_l2(std::vector<Param>& params, float beta);
  // One update of every trainable parameter from its gradient; step counts from 0. The state of
  // a parameter is at its offset in the parameter block. watch (one per param, if given): what
  // each trainable parameter's update saw (kernels/param_update.h); others are left as they are.
  void update(std::vector<Param>& params, const TrainConfig& cfg, size_t step, std::vector<UpdateWatch>* watch = nullptr);
  static float learning_rate(const TrainConfig& cfg, size_t step);
  // Momentum / Adam moments and Adam's powers of beta, to continue a run exactly.
  void save(std::vector<uint8_t>* out) const;
  bool load(const uint8_t* p, size_t n);
  // The state itself, over the parameter block: momentum or Adam's first moment, Adam's second.
  const std::vector<float>& first_moment() const { return m_; }
  const std::vector<float>& second_moment() const { return v_; }

 private:
  std::vector<float> m_, v_;
  double beta1_t_ = 1.0, beta2_t_ = 1.0;
  // Which optimizer the state belongs to (-1: none yet). A run that switches between SGD and Adam
  // starts the new one's state over: SGD's velocity taken as Adam's first moment (with no second
  // moment) moves weights whose gradient is near 0 by lr / eps, and the run blows up.
  int8_t state_of_ = -1;
};

}  // namespace dlp
