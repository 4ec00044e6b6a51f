// Compare runs: pinning and the words for what differs (compare.h).
#include "links/compare.h"

#include <cstdio>
#include <utility>

#include "links/run_link.h"

namespace dlp {

uint32_t pin_color(char name, int alpha) {
  // ImGui's IM_COL32 layout (ABGR), without ImGui here.
  auto rgba = [&](uint32_t r, uint32_t g, uint32_t b) { return (static_cast<uint32_t>(alpha) << 24) | (b << 16) | (g << 8) | r; };
  // Apart from each other and from the current run's orange, sky blue and green for readers with
  // any common colour-vision deficiency (Okabe and Ito's reddish purple, yellow and vermillion).
  switch (name) {
    case 'A': return rgba(204, 121, 167);
    case 'B': return rgba(240, 228, 66);
    default: return rgba(235, 110, 30);
  }
}

char free_pin_name(const std::vector<PinnedRun>& pinned) {
  for (char c = 'A';; ++c) {
    bool used = false;
    for (const PinnedRun& p : pinned) used |= p.name == c;
    if (!used) return c;
  }
}

PinnedRun run_figures(Session& s, char name, bool measure_test) {
  PinnedRun p;
  p.name = name;
  capture_run(s, &p.run);
  p.steps = s.steps();
  p.last_loss = s.metrics.last_loss;
  // Test accuracy at the pinned step itself: the run's figure for that step when it has one
  // (Session::measure_step; the whole test set when it was measured), else the quick estimate's
  // 500 test examples (the same for every run, and for a page that replays this run from a link);
  // the last measurement while the test set is still downloading.
  if (measure_test && !s.has_test_figure() && s.trainer && s.data.test.complete()) {
    const Evaluation e = s.trainer->evaluate(s.data.test, 500);
    p.test_acc_last = e.accuracy;
    p.test_count = static_cast<size_t>(e.count);
  } else {
    p.test_acc_last = s.metrics.last_test_acc;
    p.test_count = s.metrics.last_test_count;
  }
  p.train_ms = s.metrics.train_ms;
  return p;
}

PinnedRun pin_run(Session& s, char name) {
  PinnedRun p = run_figures(s, name, true);
  p.loss = s.metrics.loss;
  p.train_acc = s.metrics.train_acc;
  p.test_acc = s.metrics.test_acc;
  p.grad_norms = s.metrics.grad_norms;
  p.grad_norm_names = s.metrics.grad_norm_names;
  return p;
}

}  // namespace dlp
