// Measuring a model on the test set: when the quick estimate (500 test examples) is due, whether
// one fits in a frame, the whole test set with its confusion matrix, and a measurement's place
// in the run's figures (a point of the test curve, the last test figure and its step). Session
// decides when to measure; these say how, the same for every caller.
#pragma once
#include <cstddef>

#include "data/dataset.h"
#include "data/trainer.h"
#include "session/run_metrics.h"

namespace dlp {

struct Evaluator {
  // The quick test estimate's schedule: every 50 steps through step 1,000 (where the curves move
  // fastest), then every 200 (500 test digits cost about 5 steps' compute: a tenth of the
  // training time at every 50, under 3% at every 200).
  static bool quick_test_due(size_t step) { return step % (step <= 1000 ? 50 : 200) == 0; }
  // A quick estimate made outside training (Session::measure_step) is skipped for a model whose
  // 500 forward passes would hold the page (about a fifth of a second here): decided by the
  // model alone, so a page replaying its link decides the same.
  static constexpr double kMeasureStepFlops = 2e9;
  static bool quick_fits(double forward_flops) { return !(500.0 * forward_flops > kMeasureStepFlops); }
  // The whole test set through t's model: each prediction, the confusion matrix, the accuracy.
  static FullTest measure_full(Trainer& t, const Dataset& test);
  // A measurement at `step`: the last test figure, and a point of the test curve.
  static void record(RunMetrics* m, size_t step, float accuracy, size_t count);
  // The run's figures hold a measurement at `step`.
  static bool has_figure(const RunMetrics& m, size_t step) { return m.last_test_acc >= 0 && m.last_test_step == step; }
};

}  // namespace dlp
