#include "engine/model.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "engine/build.h"
#include "engine/kernels/flush.h"
#include "engine/kernels/stats.h"
#include "engine/softmax.h"

namespace dlp {

std::unique_ptr<Model> Model::create(const ModelSpec& spec, Shape input, int classes, SpecError* err,
                                     const SpecLimits& limits) {
  std::unique_ptr<Model> m(new Model(input));
  if (!build_sequence(spec, input, classes, limits, &m->seq_, err)) return nullptr;
  m->spec_ = spec;
  m->classes_ = classes;
  m->values_.assign(m->seq_.param_count(), 0.0f);
  m->grads_.assign(m->seq_.param_count(), 0.0f);
  m->seq_.bind_params(m->values_.data(), m->grads_.data());
  m->seq_.params(m->params_, "layers.");
  for (Param& p : m->params_) p.offset = static_cast<size_t>(p.value - m->values_.data());
  m->seq_.set_rng(&m->dropout_rng_);
  m->opt_.reset(m->values_.size());
  m->set_dropout_seed(1);
  return m;
}

void Model::init(const InitConfig& cfg) {
  Rng rng(cfg.seed, 0x853c49e6748fea9bull);
  for (Param& p : params_) {
    if (p.is_bias || !p.trainable) { std::fill(p.value, p.value + p.size, p.fill); continue; }
    double sigma = cfg.sigma;
    if (cfg.kind == InitKind::He) sigma = std::sqrt(2.0 / p.fan_in);
    if (cfg.kind == InitKind::Glorot) sigma = std::sqrt(2.0 / (p.fan_in + p.fan_out));
    for (size_t i = 0; i < p.size; ++i) p.value[i] = static_cast<float>(rng.normal() * sigma);
  }
  std::memset(grads_.data(), 0, sizeof(float) * grads_.size());
  opt_.reset(values_.size());
  steps_ = 0;
}

void Model::set_dropout_rate(float rate) {
  seq_.set_dropout_rate(rate);
  dlp::set_dropout_rate(&spec_, rate);
}

const float* Model::forward(const float* x, int batch, bool training) {
  return seq_.forward(x, batch, training);
}

void Model::predict(const float* x, int batch, float* probs) {
  const float* z = seq_.forward(x, batch, false, true);  // only the scores are read: no backward follows
  for (int b = 0; b < batch; ++b) softmax(z + static_cast<size_t>(b) * classes_, classes_, 1.0f, probs + static_cast<size_t>(b) * classes_);
}

StepResult Model::train_step(const float* x, const uint8_t* labels, const float* weights, int batch,
                             const TrainConfig& cfg) {
  const double t_start = profile_ ? profile_seconds() : 0;
  const size_t n = static_cast<size_t>(batch) * classes_;
  if (probs_.size() < n) { probs_.resize(n); dlogits_.resize(n); }
  const float* z = forward(x, batch, true);
  double t = profile_ ? profile_seconds() : 0;
  StepResult r;
  r.loss = softmax_cross_entropy(z, labels, weights, batch, classes_, probs_.data(), dlogits_.data());
  if (cfg.numerics >= 2) f32_flush_n(n, dlogits_.data());  // numerics.h: rule 2
  for (int b = 0; b < batch; ++b) {
    const float* p = probs_.data() + static_cast<size_t>(b) * classes_;
    int best = 0;
    for (int c = 1; c < classes_; ++c) best = p[c] > p[best] ? c : best;
    r.correct += best == labels[b];
  }
  if (profile_) { const double now = profile_seconds(); profile_->loss += now - t; }
  seq_.backward(x, dlogits_.data(), nullptr, batch);
  if (profile_) t = profile_seconds();
  r.l2 = Optimizer::apply_l2(params_, cfg.l2);
  r.loss += r.l2;
  if (profile_) { const double now = profile_seconds(); profile_->l2 += now - t; t = now; }
  watch_.assign(params_.size(), UpdateWatch{});  // capacity kept: no allocation per step
  opt_.update(params_, cfg, steps_, &watch_);
  step_finite_ = true;
  step_grad_sumsq_.clear();
  for (size_t k = 0; k < params_.size(); ++k) {
    const Param& p = params_[k];
    // Kept values (BatchNorm's running statistics) change in forward, not in the update.
    step_finite_ &= p.trainable ? watch_[k].finite : f32_all_finite(p.size, p.value);
    if (!p.is_bias) step_grad_sumsq_.push_back(p.trainable ? watch_[k].grad_sumsq : f32_sumsq(p.size, p.grad));
  }
  ++steps_;
  if (profile_) {
    const double now = profile_seconds();
    profile_->update += now - t;
    profile_->total += now - t_start;
    ++profile_->steps;
  }
  return r;
}

float Model::input_gradient(const float* x, uint8_t label, float* dx, std::vector<std::vector<float>>* output_grads) {
  if (probs_.size() < static_cast<size_t>(classes_)) { probs_.resize(classes_); dlogits_.resize(classes_); }
  const float* z = forward(x, 1, false);
  const float loss = softmax_cross_entropy(z, &label, nullptr, 1, classes_, probs_.data(), dlogits_.data());
  // Parameter gradients are overwritten here; they are recomputed by the next training step.
  seq_.backward(x, dlogits_.data(), dx, 1, output_grads);
  return loss;
}

bool Model::params_finite() const { return f32_all_finite(values_.size(), values_.data()); }

size_t Model::estimate_bytes(const ModelSpec& spec, Shape input, int classes, int batch) {
  Sequence seq(input);
  SpecError err;
  if (!build_sequence(spec, input, classes, SpecLimits{}, &seq, &err)) return 0;
  return sizeof(float) * (seq.param_count() * 4 + seq.buffer_floats(batch) + 2 * static_cast<size_t>(batch) * classes);
}

uint64_t Model::weights_hash() const {
  uint64_t h = 1469598103934665603ull;
  for (float v : values_) {
    uint32_t u;
    std::memcpy(&u, &v, 4);
    for (int k = 0; k < 4; ++k) { h ^= (u >> (8 * k)) & 0xff; h *= 1099511628211ull; }
  }
  return h;
}

// Layout: steps (u64), the dropout generator's state, then the optimizer's (Optimizer::save).
std::vector<uint8_t> Model::train_state_bytes() const {
  std::vector<uint8_t> b(sizeof(uint64_t) + sizeof(Rng::State));
  const uint64_t steps = steps_;
  const Rng::State rs = dropout_rng_.state();
  std::memcpy(b.data(), &steps, sizeof steps);
  std::memcpy(b.data() + sizeof steps, &rs, sizeof rs);
  opt_.save(&b);
  return b;
}

bool Model::load_train_state(const uint8_t* p, size_t n) {
  const size_t head = sizeof(uint64_t) + sizeof(Rng::State);
  if (n < head) return false;
  Optimizer opt = opt_;
  if (!opt.load(p + head, n - head)) return false;
  uint64_t steps;
  Rng::State rs;
  std::memcpy(&steps, p, sizeof steps);
  std::memcpy(&rs, p + sizeof steps, sizeof rs);
  opt_ = std::move(opt);
  steps_ = steps;
  dropout_rng_.set_state(rs);
  return true;
}

size_t Model::memory_bytes(int batch) const {
  const size_t p = values_.size();
  return sizeof(float) * (p * 4 + seq_.buffer_floats(batch) + 2 * static_cast<size_t>(batch) * classes_);
}

}  // namespace dlp
