// How long training steps take: the step time (a running mean that leaves out a model's first,
// cold step and a lone interrupted one), the throughput it gives, examples per second over the
// last second or so, and where a session's training time went. The figures the panels show are
// kept in RunMetrics (they travel with the run); the clock keeps what it needs to make them.
#pragma once
#include <cstddef>

#include "session/run_metrics.h"

namespace dlp {

struct StepClock {
  // Where the time of this session's training steps went, since it began: the engine's step, and
  // the test estimates and epoch-end evaluations taken on the way; the rest of a step is the
  // playground's watch around it. A benchmark's figure (a worker sends its own, worker_channel.h),
  // not part of the run: never saved.
  struct StepTimes {
    double engine_ms = 0, tests_ms = 0;
  } step_times;

  // The FLOPs of one training step: forward, then backward at about twice the forward's cost.
  static double step_flops(double forward_flops, int batch) { return 3.0 * forward_flops * batch; }
  // Before any step: how long one will take, from the throughput measured so far.
  static double estimate_ms(double flops, const RunMetrics& m) { return flops / m.flops_per_ms; }
  // Training stops at a step time over a second (the Slow alert, session.cpp). The step time is
  // the running mean of this batch's steps: a step slowed by the machine being busy for a moment
  // does not stop a run alone; steps that stay that slow do, and so does the first counted step
  // of a model or a batch that is that slow.
  static constexpr double kSlowMs = 1000;
  static bool too_slow(double step_ms) { return step_ms > kSlowMs; }

  // One step of `flops` took ms: the training time grows by it, and the step time and throughput
  // follow it unless the step was cold or interrupted. True when it counted.
  bool lap(double ms, double flops, RunMetrics* m);
  // Examples per second, over windows of a second or more: the window opens with the first
  // step of a slice, closes while training waits or stops.
  void open_window(double now);
  void count(size_t examples) { window_examples += examples; }
  void tally(double now, RunMetrics* m);
  void close_window() { window_start = 0; }
  // A new model, or one taken over from elsewhere: its next step is cold again.
  void restart() { timed_steps = 0; interrupted_steps = 0; }

  double window_start = 0;      // 0: no window open
  size_t window_examples = 0;
  size_t timed_steps = 0;       // steps timed since this model was built or taken over here (the first is cold)
  int interrupted_steps = 0;    // steps in a row far slower than the step time (one: an interruption)
  double last_flops = 0;        // the FLOPs of the last step timed (another batch: another step time)
};

}  // namespace dlp
