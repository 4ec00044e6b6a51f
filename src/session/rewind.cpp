#include "session/rewind.h"

#include <algorithm>

#include "session/session.h"

namespace dlp {

void Rewind::clear() {
  keys_.clear();
  bytes_ = 0;
  interval_ = kFirstInterval;
  drop_view();
}

void Rewind::drop_view() {
  model_.reset();
  trainer_.reset();
  grads_.clear();
  full = {};
  note.clear();
  at_ = target_ = 0;
}

void Rewind::cut(uint64_t k) {
  while (!keys_.empty() && keys_.back().step > k) {
    bytes_ -= keys_.back().bytes();
    keys_.pop_back();
  }
}

void Rewind::keep(const Session& s) {
  if (!enabled || !s.model || !s.trainer) return;
  const uint64_t step = s.model->steps();
  if (!keys_.empty() && keys_.back().step > step) cut(step);
  if (!keys_.empty() && step < keys_.back().step + interval_) return;
  Keyframe k;
  k.step = step;
  k.weights.assign(s.model->param_block(), s.model->param_block() + s.model->param_count());
  k.state = s.model->train_state_bytes();
  // The longest run of zero bytes leaves the keyframe.
  size_t best_at = 0, best = 0;
  for (size_t i = 0; i < k.state.size();) {
    if (k.state[i]) { ++i; continue; }
    size_t j = i;
    while (j < k.state.size() && !k.state[j]) ++j;
    if (j - i > best) { best_at = i; best = j - i; }
    i = j;
  }
  k.state.erase(k.state.begin() + static_cast<std::ptrdiff_t>(best_at), k.state.begin() + static_cast<std::ptrdiff_t>(best_at + best));
  k.state.shrink_to_fit();
  k.zeros_at = best_at;
  k.zeros = best;
  k.pos = s.trainer->position();
  bytes_ += k.bytes();
  keys_.push_back(std::move(k));
  if (bytes_ > budget) thin();
}

// Every other keyframe between the first (the run's start) and the last goes.
void Rewind::thin() {
  interval_ *= 2;
  if (keys_.size() < 3) return;
  size_t j = 1;
  for (size_t i = 1; i + 1 < keys_.size(); ++i) {
    if (i % 2 == 1) { bytes_ -= keys_[i].bytes(); continue; }
    keys_[j++] = std::move(keys_[i]);
  }
  keys_[j++] = std::move(keys_.back());
  keys_.resize(j);
}

void Rewind::back_to_now(Session& s) {
  if (!showing()) return;
  if (!s.training) s.say(Topic::Status, "Back at step " + std::to_string(s.steps()) + ", the run's last step.");
  drop_view();
  s.update_drawing();
}

void Rewind::seek(Session& s, uint64_t k) {
  if (!s.model || !s.trainer || keys_.empty()) return;
  s.touch();
  s.training = false;  // the student looks at the past: the run waits
  note.clear();
  if (k >= s.model->steps()) { back_to_now(s); return; }
  k = std::max(k, first_step());
  seek_ms_ = 0;
  s.say(Topic::Status, "Going back to step " + std::to_string(k) + "...");
  // The last keyframe before k (at k only for the first: a replayed step gives the gradients).
  size_t best = 0;
  for (size_t i = 0; i < keys_.size() && (keys_[i].step < k || i == 0); ++i) best = i;
  const Keyframe& key = keys_[best];
  target_ = k;
  // Already on the way there (or there) from a nearer point: go on from where the shown model is.
  if (showing() && at_ <= k && at_ >= key.step && (at_ < k || !grads_.empty())) return;
  // Built afresh from the run's spec: its dropout rates are the run's start's (a rate changed
  // later in the run comes back with its change in the log).
  ModelSpec spec;
  SpecError err;
  model_.reset();
  if (parse_spec(s.run().spec, &spec, &err)) model_ = Model::create(spec, s.train.shape, s.train.classes, &err);
  if (!model_ || model_->param_count() != key.weights.size()) { model_.reset(); note = "The run's model could not be built again."; return; }
  trainer_ = std::make_unique<Trainer>(model_.get(), &s.train, s.trainer->normalization(), Seeds{0, s.trainer->order_seed(), 0});
  std::copy(key.weights.begin(), key.weights.end(), model_->param_block());
  std::vector<uint8_t> state(key.state.size() + key.zeros);
  std::copy(key.state.begin(), key.state.begin() + static_cast<std::ptrdiff_t>(key.zeros_at), state.begin());
  std::copy(key.state.begin() + static_cast<std::ptrdiff_t>(key.zeros_at), key.state.end(), state.begin() + static_cast<std::ptrdiff_t>(key.zeros_at + key.zeros));
  model_->load_train_state(state.data(), state.size());
  // The settings in effect after the keyframe's step: the run's start and its changes up to it
  // (the keyframe's optimizer state already holds any reset before it).
  const std::vector<LogChange>& log = s.log();
  settings_ = settings_before(s.run().settings, log, key.step);
  next_change_ = 0;
  while (next_change_ < log.size() && log[next_change_].step < key.step) ++next_change_;
  own_ = 0;
  if (s.own.named(settings_.own_count, settings_.own_hash)) { trainer_->set_extra(&s.own.set, s.own.weight); own_ = s.own.fingerprint(); }
  trainer_->set_position(key.pos);
  at_ = key.step;
  grads_.clear();
  full = {};
}

bool Rewind::advance(Session& s, double budget_ms) {
  if (!showing() || !trainer_) return true;
  if (at_ >= target_) return true;
  const double start = now_ms();
  const std::vector<LogChange>& log = s.log();
  while (at_ < target_) {
    // The changes due before this step, as the run made them.
    for (; next_change_ < log.size() && log[next_change_].step <= at_; ++next_change_) {
      const LogChange& c = log[next_change_];
      if (c.knob == Knob::OptReset) model_->reset_optimizer();
      else apply_change(&settings_, c);
    }
    if (settings_.dropout >= 0) model_->set_dropout_rate(settings_.dropout);
    const bool join = s.own.named(settings_.own_count, settings_.own_hash);
    if (settings_.own_count > 0 && !join) {
      // The run trained on own examples that are not the ones here now: the steps after this one
      // cannot be replayed exactly, so the view stops at the last step that can.
      note = "Shown at step " + std::to_string(at_) + ", not " + std::to_string(target_) +
             ": the run trained on own examples after it that have changed since, so later steps cannot be replayed.";
      target_ = at_;
      break;
    }
    const uint32_t want = join ? s.own.fingerprint() : 0;
    if (want != own_) { trainer_->set_extra(join ? &s.own.set : nullptr, s.own.weight); own_ = want; }
    if (!trainer_->can_step(settings_.batch)) {
      note = "Waiting for the " + std::string(s.items()) + " step " + std::to_string(at_ + 1) + " trained on (" +
             s.data_progress(s.train) + " in).";
      seek_ms_ += now_ms() - start;
      return false;
    }
    trainer_->step(settings_.batch, settings_.cfg);
    at_ = model_->steps();
    if (at_ == target_) grads_.assign(model_->grad_block(), model_->grad_block() + model_->param_count());
    if (now_ms() - start > budget_ms && at_ < target_) { seek_ms_ += now_ms() - start; return false; }
  }
  if (grads_.empty()) grads_.assign(model_->param_count(), 0.0f);  // the run's first step: no gradient yet
  seek_ms_ += now_ms() - start;
  last_seek_ms = seek_ms_;
  if (note.rfind("Waiting", 0) == 0) note.clear();
  s.say(Topic::Status, "Showing the model at step " + std::to_string(at_) + " of " + std::to_string(s.steps()) +
                           ": Back to step " + std::to_string(s.steps()) + ", or Train, goes on from the last step.");
  s.update_drawing();
  return true;
}

}  // namespace dlp
