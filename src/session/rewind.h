// Rewind: the model as it was at any past step of the current run. While the run
// trains, the page keeps keyframes (weights, training state, data position) every `interval`
// steps within a memory budget; seeking to step k loads the last keyframe before k into a second
// model and replays the run's own log from there, so the past model is bit for bit the one the
// run had at k. The current run is not touched: its model, log and curves stay as they are, and
// "back to now" simply shows it again. Inspect, the drawing pad and a full test evaluation show
// Session::shown_model() (the past one while rewound). No ImGui here: tests/links/rewind_test.cpp.
//
//   keyframes  k0 ....... k1 ....... k2 ....... k3 ......... now       (every `interval` steps)
//   seek(t):              k1 -> replay log -> t                        (at most `interval` steps)
//
// When the keyframes outgrow the budget every other one goes and the interval doubles, so memory
// stays bounded however long the run trains and a seek replays at most about 2x the interval.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "data/trainer.h"
#include "engine/model.h"
#include "session/fact.h"
#include "session/run_metrics.h"
#include "session/training_log.h"

namespace dlp {

struct Session;

class Rewind {
 public:
  // What one keyframe holds: the run continues exactly from it.
  struct Keyframe {
    uint64_t step = 0;
    std::vector<float> weights;
    // Model::train_state_bytes (steps, dropout generator, optimizer) without its longest run of
    // zero bytes, which is put back on load: SGD keeps no second moment, plain SGD no first one
    // either, so a keyframe of an SGD run is a third to two thirds smaller.
    std::vector<uint8_t> state;
    size_t zeros_at = 0, zeros = 0;
    Trainer::Position pos;
    size_t bytes() const { return weights.size() * sizeof(float) + state.size() + sizeof *this; }
  };
  static constexpr size_t kBudget = 32u << 20;   // keyframes' memory at most
  static constexpr uint64_t kFirstInterval = 10;  // steps between keyframes until the budget is reached

  bool enabled = true;  // a training worker keeps none (the page keeps its own from the updates)
  size_t budget = kBudget;

  // The run's model after a step or an update from the worker: a keyframe when one is due. A
  // model that went back (a retry) first drops the keyframes past it.
  void keep(const Session& s);
  // A new run: the keyframes start over at its first step.
  void clear();
  // The run went back to step k (a retry, a branch): later keyframes go.
  void cut(uint64_t k);

  // Starts showing step k (clamped to the kept range; at or past the current step: back to now).
  // The steps are replayed by advance(); seek_now() does them at once.
  void seek(Session& s, uint64_t k);
  // Replays up to budget_ms toward the sought step; true when the shown model is at it.
  bool advance(Session& s, double budget_ms);
  void seek_now(Session& s, uint64_t k) { seek(s, k); advance(s, 1e12); }
  void back_to_now(Session& s);

  // The keyframes as bytes, to keep them across visits (kept_session.h): the interval, then each
  // keyframe (step, weights, state without its zeros, data position), little-endian.
  std::vector<uint8_t> bytes_out() const;
  // Takes keyframes kept by bytes_out() for `model`'s run, which is at step `now`: keyframes past
  // it go. False, with nothing changed, for bytes that do not fit this model (sizes, steps).
  bool take(const uint8_t* p, size_t n, const Model& model, uint64_t now);
  // Counts every change of the keyframes kept, so a keeper knows when to write them again.
  uint64_t version() const { return version_; }

  bool showing() const { return model_ != nullptr; }
  bool seeking() const { return showing() && at_ < target_; }
  uint64_t shown_step() const { return at_; }
  uint64_t target() const { return target_; }
  Model* model() { return model_.get(); }
  Trainer* trainer() { return trainer_.get(); }
  const std::vector<float>& grads() const { return grads_; }  // the gradients of the step that made the shown weights
  Trainer::Position position() const { return trainer_->position(); }
  // The shown model's full test evaluation, on request (Session::evaluate_shown while rewound).
  FullTest full;
  // Why the shown step is not the one asked for (own examples that changed since), or waiting for data.
  Fact note;
  double last_seek_ms = 0;  // the last seek's time from seek() to the shown step (the benchmark's figure)

  // What is kept: the first step one can go back to, how many keyframes, their bytes, the interval.
  uint64_t first_step() const { return keys_.empty() ? 0 : keys_.front().step; }
  size_t count() const { return keys_.size(); }
  size_t bytes() const { return bytes_; }
  uint64_t interval() const { return interval_; }

 private:
  std::vector<Keyframe> keys_;
  size_t bytes_ = 0;
  uint64_t version_ = 0;
  uint64_t interval_ = kFirstInterval;
  void thin();
  void drop_view();  // no past model shown (back to now, or a new run)
  // The shown model and what replays it.
  std::unique_ptr<Model> model_;
  std::unique_ptr<Trainer> trainer_;
  std::vector<float> grads_;
  uint64_t at_ = 0, target_ = 0;
  TrainSettings settings_;   // in effect for the next replayed step
  size_t next_change_ = 0;   // the next change of the run's log to apply
  uint32_t own_ = 0;         // the own examples' fingerprint the replaying trainer holds
  double seek_ms_ = 0;        // replay time spent on the current seek
};

}  // namespace dlp
