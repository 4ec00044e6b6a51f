#include "session/evaluator.h"

namespace dlp {

FullTest Evaluator::measure_full(Trainer& t, const Dataset& test) {
  FullTest f;
  const Evaluation e = t.evaluate(test, 0, &f.predictions);
  f.accuracy = e.accuracy;
  f.step = t.model()->steps();
  for (size_t i = 0; i < f.predictions.size(); ++i) f.confusion[test.labels[i]][f.predictions[i]]++;
  return f;
}

void Evaluator::record(RunMetrics* m, size_t step, float accuracy, size_t count) {
  m->last_test_acc = accuracy;
  m->last_test_count = count;
  m->last_test_step = step;
  m->test_acc.add(static_cast<float>(step), accuracy);
}

}  // namespace dlp
