#include "data/trainer.h"

#include <algorithm>

#include "engine/detmath.h"

namespace dlp {

Trainer::Trainer(Model* model, const Dataset* train, Normalization norm, const Seeds& seeds)
    : model_(model), train_(train), norm_(norm), order_seed_(seeds.order) {
  model_->set_dropout_seed(seeds.dropout);
  restart_epoch();
}

// Indices past the data set's size name extra (user) examples. Each epoch's order is drawn from
// its own stream, so it depends on nothing but the seed, the epoch and the example count: how
// often an epoch was restarted, or what ran before, cannot change it.
void Trainer::restart_epoch() {
  const size_t n = train_->size() + (extra_ ? extra_->size() : 0);
  order_.resize(n);
  for (size_t i = 0; i < n; ++i) order_[i] = static_cast<uint32_t>(i);
  Rng rng(order_seed_, 0xa0761d6478bd642full + 2 * epoch_);
  rng.shuffle(order_.data(), n);
  cursor_ = 0;
}

void Trainer::set_position(const Position& p) {
  epoch_ = p.epoch;
  restart_epoch();
  cursor_ = std::min<size_t>(p.cursor, order_.size());
  seen_ = p.seen;
}

double Trainer::epoch_progress() const {
  return order_.empty() ? 0.0 : static_cast<double>(cursor_) / order_.size();
}

StepResult Trainer::step(int batch, const TrainConfig& cfg) {
  const size_t px = train_->shape.size();
  if (x_.size() < px * batch) { x_.resize(px * batch); y_.resize(batch); w_.resize(batch); }
  bool weighted = false;
  for (int i = 0; i < batch; ++i) {
    if (cursor_ >= order_.size()) { ++epoch_; restart_epoch(); }
    const uint32_t k = order_[cursor_++];
    const bool extra = k >= train_->size();
    const Dataset& d = extra ? *extra_ : *train_;
    const size_t j = extra ? k - train_->size() : k;
    normalize(d.image(j), px, norm_, x_.data() + i * px);
    y_[i] = d.labels[j];
    w_[i] = extra ? extra_weight_ : 1.0f;
    weighted |= extra;
  }
  seen_ += batch;
  return model_->train_step(x_.data(), y_.data(), weighted ? w_.data() : nullptr, batch, cfg);
}

Evaluation Trainer::evaluate(const Dataset& data, size_t max_examples, std::vector<uint8_t>* predictions) {
  const size_t n = max_examples ? std::min(max_examples, data.size()) : data.size();
  // 64 at a time: the im2col workspaces are sized by the largest batch a model ever runs.
  const int chunk = 64, classes = model_->classes();
  const size_t px = data.shape.size();
  if (eval_x_.size() < px * chunk) { eval_x_.resize(px * chunk); eval_p_.resize(static_cast<size_t>(chunk) * classes); }
  if (predictions) predictions->resize(n);
  double loss = 0;
  size_t correct = 0;
  for (size_t s = 0; s < n; s += chunk) {
    const int m = static_cast<int>(std::min<size_t>(chunk, n - s));
    for (int i = 0; i < m; ++i) normalize(data.image(s + i), px, norm_, eval_x_.data() + i * px);
    model_->predict(eval_x_.data(), m, eval_p_.data());
    for (int i = 0; i < m; ++i) {
      const float* p = eval_p_.data() + static_cast<size_t>(i) * classes;
      const int best = static_cast<int>(std::max_element(p, p + classes) - p);
      correct += best == data.labels[s + i];
      loss -= det_log(std::max(static_cast<double>(p[data.labels[s + i]]), 1e-30));
      if (predictions) (*predictions)[s + i] = static_cast<uint8_t>(best);
    }
  }
  Evaluation e;
  e.count = static_cast<int>(n);
  e.loss = n ? static_cast<float>(loss / n) : 0.0f;
  e.accuracy = n ? static_cast<float>(correct) / n : 0.0f;
  return e;
}

}  // namespace dlp
