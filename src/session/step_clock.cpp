#include "session/step_clock.h"

namespace dlp {

bool StepClock::lap(double ms, double flops, RunMetrics* m) {
  // The first step a model takes here runs on V8's baseline code while the optimized code is
  // compiled (in the background): several times slower than the steps after it (1.3-1.5 s
  // against 0.2 s for the LeNet-like net at batch 1024 in a one-thread worker). It does not set
  // the step time; the steps after it do.
  const bool cold = timed_steps++ == 0;
  // A step far slower than the ones before it, once, was interrupted rather than slow: the page
  // frozen in the back-forward cache or a background tab, a debugger, the machine asleep. It
  // does not set the step time; a second such step in a row is the model's own time and counts.
  // A step of other FLOPs (the batch changed) is compared with nothing: the mean starts again.
  const bool other = flops != last_flops;
  last_flops = flops;
  const bool outlier = !other && m->step_ms > 0 && ms > 20 * m->step_ms + 100;
  interrupted_steps = outlier ? interrupted_steps + 1 : 0;
  const bool interrupted = outlier && interrupted_steps == 1;
  const bool counts = !cold && !interrupted;
  if (counts) {
    m->step_ms = m->step_ms == 0 || other ? ms : 0.8 * m->step_ms + 0.2 * ms;
    if (ms > 0.5) m->flops_per_ms = flops / ms;
  }
  m->train_ms += ms;
  return counts;
}

void StepClock::open_window(double now) {
  if (window_start != 0) return;
  window_start = now;
  window_examples = 0;
}

void StepClock::tally(double now, RunMetrics* m) {
  const double elapsed = now - window_start;
  if (elapsed <= 1000) return;
  m->examples_per_s = window_examples * 1000.0 / elapsed;
  window_start = now;
  window_examples = 0;
}

}  // namespace dlp
