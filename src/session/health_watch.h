// The watch kept over a run's health: whether a step blew up (divergence), whether the network
// died (no weight gets any gradient), whether a model is too slow for the page, and the alert the
// student must see when one of these happens, with the way out it offers. Also the last healthy
// state, the checkpoint a retry goes back to. Session calls it after every step and acts on what
// it says (stops training, says why); the watch itself touches no model.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "data/trainer.h"
#include "engine/optimizer.h"
#include "session/fact.h"

namespace dlp {

// Something went wrong in training that the student must see and can act on: it stays (in the
// Train panel and the status line) until Reset, a retry, or dismissed; nothing overwrites it.
struct Alert {
  enum Kind { None, Diverged, Dead, Slow } kind = None;
  Fact said;                  // what it says: Fact::Diverged, Dead or Slow with their numbers
  uint64_t retry_step = 0;    // Diverged, Dead: the last healthy checkpoint, "retry from step k"
  float retry_lr = 0;         //   and the lower learning rate the retry offers
  int retry_batch = 0;        // Slow: the batch the alert offers, about 0.2 s a step
};

// The last healthy state (loss clearly below chance level, gradients alive), every 100 steps:
// weights, training state, data position, and how long the log and curves were then.
struct Checkpoint {
  bool valid = false;
  uint64_t step = 0;
  std::vector<float> weights;
  std::vector<uint8_t> state;
  Trainer::Position pos;
  size_t log_len = 0;
};

struct HealthWatch {
  Alert alert;
  bool diverged = false;      // the last step blew up and was undone
  int dead_steps = 0;         // consecutive steps in which no weight got any gradient
  float recent_loss = 0;      // running mean of the training loss
  Checkpoint checkpoint;

  // The network dies after this many steps in a row without any gradient.
  static constexpr int kDeadSteps = 20;
  // Cross-entropy starts near log(10) = 2.3; a loss past 1e6 means the logits blew up.
  static bool blew_up(float loss, bool step_finite);

  // What a good step tells the watch, and what Session should do about it.
  enum class Verdict { Fine, Dead, TakeCheckpoint };
  // loss: the step's; alive: some weight got a gradient; first: the run's first step (the mean
  // starts there); losses: the loss curve with this step's point; may_stop: the run may be
  // stopped here (not while a link replays: the sender went on, so the replay goes on too).
  Verdict after_step(float loss, bool alive, uint64_t step, bool first, size_t classes, const std::vector<float>& losses, bool may_stop);

  // Raises an alert that offers a retry from the checkpoint with a lower rate than cfg's.
  void raise(Alert::Kind kind, const Fact& said, const TrainConfig& cfg);
  // Raises the slow-model alert, offering `batch`.
  void raise_slow(const Fact& said, int batch);
  // The retry offered while the alert stays: back to the checkpoint's step, where that is.
  uint64_t retry_step() const { return checkpoint.valid ? checkpoint.step : 0; }
  // A tenth of the rate, and no more than a rate known to train: the presets' (Adam 0.002; SGD
  // with momentum 0.01), or plain SGD's 0.05.
  static float retry_rate(const TrainConfig& cfg);
  // The batch whose step takes about 0.2 s, when one at `batch` takes ms.
  static int batch_for_fifth_second(int batch, double ms);

  // A new run, or the run back at an earlier step: nothing to report, the mean starts over.
  void start(float loss = 0) { alert = {}; diverged = false; dead_steps = 0; recent_loss = loss; }
};

}  // namespace dlp
