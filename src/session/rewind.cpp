#include "session/rewind.h"

#include <algorithm>
#include <cstring>

#include "engine/bytes.h"

#include "session/session.h"

namespace dlp {

void Rewind::clear() {
  ++version_;
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
  note = {};
  at_ = target_ = 0;
}

void Rewind::cut(uint64_t k) {
  while (!keys_.empty() && keys_.back().step > k) {
    ++version_;
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
  ++version_;
  keys_.push_back(std::move(k));
  if (bytes_ > budget) thin();
}

// Every other keyframe between the first (the run's start) and the last goes.
void Rewind::thin() {
  ++version_;
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

std::vector<uint8_t> Rewind::bytes_out() const {
  std::vector<uint8_t> b;
  b.reserve(bytes_ + 16);
  put_le(b, interval_, 8);
  put_le(b, keys_.size(), 4);
  for (const Keyframe& k : keys_) {
    put_le(b, k.step, 8);
    put_le(b, k.weights.size(), 4);
    const size_t at = b.size();
    b.resize(at + k.weights.size() * sizeof(float));
    if (!k.weights.empty()) std::memcpy(b.data() + at, k.weights.data(), k.weights.size() * sizeof(float));
    put_le(b, k.state.size(), 4);
    b.insert(b.end(), k.state.begin(), k.state.end());
    put_le(b, k.zeros_at, 4);
    put_le(b, k.zeros, 4);
    put_le(b, k.pos.epoch, 8);
    put_le(b, k.pos.cursor, 8);
    put_le(b, k.pos.seen, 8);
  }
  return b;
}

bool Rewind::take(const uint8_t* p, size_t n, const Model& model, uint64_t now) {
  ByteReader r{p, n};
  const uint64_t interval = r.u(8);
  const size_t count = r.u(4);
  const size_t params = model.param_count(), state_size = model.train_state_bytes().size();
  // Each keyframe holds the model's weights: a count the bytes cannot hold is refused before any is read.
  if (!r.ok || interval < kFirstInterval || interval > (uint64_t{1} << 40) || count > n / (params * sizeof(float) + 48)) return false;
  std::vector<Keyframe> keys;
  size_t total = 0;
  for (size_t i = 0; i < count; ++i) {
    Keyframe k;
    k.step = r.u(8);
    if (r.u(4) != params || r.at + params * sizeof(float) > n) return false;
    k.weights.resize(params);
    if (params) std::memcpy(k.weights.data(), p + r.at, params * sizeof(float));
    r.at += params * sizeof(float);
    size_t state_n = 0;
    const uint8_t* state = r.bytes(&state_n);
    k.zeros_at = r.u(4);
    k.zeros = r.u(4);
    k.pos.epoch = r.u(8);
    k.pos.cursor = r.u(8);
    k.pos.seen = r.u(8);
    if (!r.ok || k.zeros_at > state_n || k.zeros > state_size || state_n != state_size - k.zeros) return false;
    if (!keys.empty() && k.step <= keys.back().step) return false;
    k.state.assign(state, state + state_n);
    if (k.step > now) break;  // the run went no further here (kept before it went back)
    total += k.bytes();
    keys.push_back(std::move(k));
  }
  if (keys.empty()) return false;
  drop_view();
  keys_ = std::move(keys);
  bytes_ = total;
  interval_ = interval;
  ++version_;
  while (bytes_ > budget && keys_.size() > 2) thin();
  return true;
}

void Rewind::back_to_now(Session& s) {
  if (!showing()) return;
  if (!s.training) s.say(Topic::Status, Fact::at_step(Fact::BackToNow, s.steps()));
  drop_view();
  s.update_drawing();
}

void Rewind::seek(Session& s, uint64_t k) {
  if (!s.model || !s.trainer || keys_.empty()) return;
  s.touch();
  s.pause();  // the student looks at the past: the run waits
  note = {};
  if (k >= s.model->steps()) { back_to_now(s); return; }
  k = std::max(k, first_step());
  seek_ms_ = 0;
  s.say(Topic::Status, Fact::at_step(Fact::Seeking, k));
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
  if (parse_spec(s.run().spec, &spec, &err)) model_ = Model::create(spec, s.data.train.shape, s.data.train.classes, &err);
  if (!model_ || model_->param_count() != key.weights.size()) { model_.reset(); note = Fact(Fact::RewindCannotBuild); return; }
  trainer_ = std::make_unique<Trainer>(model_.get(), &s.data.train, s.trainer->normalization(), Seeds{0, s.trainer->order_seed(), 0});
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
      note = Fact::at_step(Fact::RewindOwnChanged, at_);
      note.to = target_;
      target_ = at_;
      break;
    }
    const uint32_t want = join ? s.own.fingerprint() : 0;
    if (want != own_) { trainer_->set_extra(join ? &s.own.set : nullptr, s.own.weight); own_ = want; }
    if (!trainer_->can_step(settings_.batch)) {
      note = s.data.waiting(Fact::RewindWaitingForData, at_ + 1);
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
  if (note.kind == Fact::RewindWaitingForData) note = {};
  Fact f = Fact::at_step(Fact::Showing, at_);
  f.to = s.steps();
  s.say(Topic::Status, f);
  s.update_drawing();
  return true;
}

}  // namespace dlp
