// The record of the current run: what its weights started from (RunStart) and every change of a
// training setting since, at the step it was made. A share link, a kept session and a worker's
// state are made from it, and replaying it from the same start gives the same weights.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/trainer.h"
#include "engine/model.h"
#include "session/training_log.h"

namespace dlp {

// What the current weights came from. A share link is made from it (and the log of changes since),
// and a page opened from that link starts the same run: every way of starting training, a fresh
// page, Reset, a new model, a link, a kept session, goes through Session::rebuild().
struct RunStart {
  std::string data = "mnist";
  Normalization norm = Normalization::Centered;
  std::string spec;                      // as built, dropout rates included
  InitConfig init;
  Seeds seeds;
  TrainSettings settings;
  uint64_t wfile = 0, wfile_step = 0;    // the run continues a weights file (its hash) from this step
};

struct RunRecord {
  RunStart run;
  std::vector<LogChange> log;   // in step order; changes at one step in the order of their kind
  TrainSettings logged;         // the settings in effect: the run's start with the log applied

  // The run starts over from its start's settings, with an empty log.
  void begin(const TrainSettings& start) { run.settings = start; log.clear(); logged = start; }
  // Nothing is trained in this run yet with the model at step `at`: a change is part of its start.
  bool untrained(uint64_t at) const { return at == run.wfile_step && log.empty(); }
  // Logs the settings `now` at step `at` as changes from the logged ones. A second change of the
  // same setting at the same step replaces the first, and one back to the value before the step
  // is no change at all.
  void record(const TrainSettings& now, uint64_t at);
  // The optimizer starts over before step `at` (once, however often it is asked).
  void reset_optimizer(uint64_t at);
  // The changes that acted on the steps before `step`: how long the log was then.
  size_t length_before(uint64_t step) const;
  // Back to the log as it was `len` changes long (a retry, a branch): the settings then.
  TrainSettings cut(size_t len);

 private:
  void sort_last_step();
};

}  // namespace dlp
