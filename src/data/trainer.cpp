#include "data/trainer.h"

#include <algorithm>

#include "data/augment.h"
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
//
// The order visits the data chunk by chunk (the chunks the page streams, 5,000 digits each), each
// chunk's examples shuffled: in file order in the first epoch, so training can start as soon as
// the first chunk is in, in a shuffled order after that. (MNIST's chunks are alike: every chunk
// holds 430-590 of each digit.) Own examples are spread over the whole epoch at random.
void Trainer::restart_epoch() {
  const size_t n = train_->size(), e = extra_ ? extra_->size() : 0, cs = train_->chunk_size(), k = train_->chunks();
  Rng rng(order_seed_, 0xa0761d6478bd642full + 2 * epoch_);
  chunk_order_.resize(k);
  for (size_t c = 0; c < k; ++c) chunk_order_[c] = static_cast<uint32_t>(c);
  if (epoch_ > 0) rng.shuffle(chunk_order_.data(), k);
  base_.resize(n);
  size_t p = 0;
  for (uint32_t c : chunk_order_) {
    const size_t first = c * cs, m = std::min(cs, n - first);
    for (size_t i = 0; i < m; ++i) base_[p + i] = static_cast<uint32_t>(first + i);
    rng.shuffle(base_.data() + p, m);
    p += m;
  }
  order_.resize(n + e);
  if (e == 0) {
    std::copy(base_.begin(), base_.end(), order_.begin());
  } else {
    std::vector<uint32_t> extras(e);
    for (size_t i = 0; i < e; ++i) extras[i] = static_cast<uint32_t>(n + i);
    rng.shuffle(extras.data(), e);
    // Each slot holds an own example with probability (own left) / (slots left): a uniformly
    // random choice of e slots out of n + e, in one pass.
    size_t b = 0, x = 0;
    for (size_t j = 0; j < n + e; ++j) {
      const bool own = rng.below(static_cast<uint32_t>(n + e - j)) < e - x;
      order_[j] = own ? extras[x++] : base_[b++];
    }
  }
  cursor_ = 0;
}

bool Trainer::can_step(int batch) const {
  if (train_->complete()) return true;
  if (cursor_ + static_cast<size_t>(batch) > order_.size()) return false;  // the next epoch: when all is in
  for (size_t i = cursor_; i < cursor_ + static_cast<size_t>(batch); ++i)
    if (order_[i] < train_->size() && order_[i] >= train_->available) return false;
  return true;
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
  epoch_ended_ = false;
  for (int i = 0; i < batch; ++i) {
    if (cursor_ >= order_.size()) { ++epoch_; restart_epoch(); }
    const uint32_t k = order_[cursor_++];
    epoch_ended_ |= cursor_ == order_.size();  // this step took the epoch's last example
    const bool extra = k >= train_->size();
    const Dataset& d = extra ? *extra_ : *train_;
    const size_t j = extra ? k - train_->size() : k;
    const uint8_t* image = d.image(j);
    uint8_t drawn[784];
    if (cfg.augment && px == 784) {  // a 28x28 digit drawn again (data/augment.h)
      augment_digit(image, draw_augmentation(augmentation_seed(order_seed_, epoch_, k)), drawn);
      image = drawn;
    }
    normalize(image, px, norm_, x_.data() + i * px);
    y_[i] = d.labels[j];
    w_[i] = extra ? extra_weight_ : 1.0f;
    weighted |= extra;
  }
  seen_ += batch;
  return model_->train_step(x_.data(), y_.data(), weighted ? w_.data() : nullptr, batch, cfg);
}

Evaluation Trainer::evaluate(const Dataset& data, size_t max_examples, std::vector<uint8_t>* predictions) {
  // A sample of max_examples spreads evenly over the set (MNIST's test set puts its easier half
  // first); only examples that are in count.
  const size_t have = data.available;
  const size_t n = max_examples ? std::min(max_examples, have) : have;
  auto at = [&](size_t i) { return n == have ? i : i * have / n; };
  // 64 at a time: the im2col workspaces are sized by the largest batch a model ever runs.
  const int chunk = 64, classes = model_->classes();
  const size_t px = data.shape.size();
  if (eval_x_.size() < px * chunk) { eval_x_.resize(px * chunk); eval_p_.resize(static_cast<size_t>(chunk) * classes); }
  if (predictions) predictions->resize(n);
  double loss = 0;
  size_t correct = 0;
  for (size_t s = 0; s < n; s += chunk) {
    const int m = static_cast<int>(std::min<size_t>(chunk, n - s));
    for (int i = 0; i < m; ++i) normalize(data.image(at(s + i)), px, norm_, eval_x_.data() + i * px);
    model_->predict(eval_x_.data(), m, eval_p_.data());
    for (int i = 0; i < m; ++i) {
      const float* p = eval_p_.data() + static_cast<size_t>(i) * classes;
      const int best = static_cast<int>(std::max_element(p, p + classes) - p);
      const uint8_t label = data.labels[at(s + i)];
      correct += best == label;
      loss -= det_log(std::max(static_cast<double>(p[label]), 1e-30));
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
