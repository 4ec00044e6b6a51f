// A link's training, replayed: the log of setting changes it carries, how far the replay has
// applied them, the step it trains to and the sender's weights hash it checks at the end; and a
// link that continues a weights file, waiting for that file. Session trains the steps (tick) and
// asks the replayer which changes are due before each one.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "session/training_log.h"

namespace dlp {

struct Replayer {
  std::vector<LogChange> log;   // the link's changes, in step order
  size_t next = 0;              // the first change not yet applied
  uint64_t target = 0;          // the link's steps: training goes on until the model has taken this many
  uint64_t expect = 0;          // the sender's weights hash, checked when the replay ends (0: none)

  // A link that continues a weights file waits for it: dropped on the page, the rest replays.
  struct AwaitWeights { uint64_t hash = 0, step = 0, target = 0, expect = 0; std::vector<LogChange> log; };
  AwaitWeights awaiting;
  uint64_t link_weights_hash = 0;   // the opened link's `wh`: a dropped weights file is checked against it

  void start(const std::vector<LogChange>& changes, uint64_t to, uint64_t expect_hash);
  // Trains to no step any more; changes still in the log come in at their steps.
  void halt() { target = 0; }
  // The replay is over: no step to train to, no changes to come.
  void stop() { target = 0; log.clear(); }
  // Whether the replay still has steps to train, with the model at `steps`.
  bool replaying(uint64_t steps) const { return target > steps; }
  // The next change due at `step` (its step reached), in log order, or null: each is given once.
  const LogChange* next_due(uint64_t step);
  // The replay ended on the weights the sender had (or the link said nothing about them).
  bool matches(uint64_t weights_hash) const { return expect == 0 || expect == weights_hash; }
};

}  // namespace dlp
