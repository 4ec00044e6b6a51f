// Compare runs: pin the current run, change one or more settings, train again from
// the same seeds (Reset keeps them), and see up to four runs side by side: their curves overlaid
// in the Train panel and a table of what sets each apart, its steps, test accuracy, loss and
// training time. A pinned run keeps what the panels draw of it and the run itself as a link's
// fields (capture_run: where it started, its log, its steps): they say how it differs from the
// others. No ImGui here (the Train panel draws it); tests/links/compare_test.cpp.
#pragma once
#include <string>
#include <vector>

#include "links/share_link.h"
#include "session/session.h"

namespace dlp {

struct PinnedRun {
  char name = 'A';                 // A, B or C: its name in the legend and the table
  ShareLink run;                   // the run as a link's fields
  Curve loss, train_acc, test_acc;
  std::vector<Curve> grad_norms;   // each weight tensor's gradient norm over steps ...
  std::vector<std::string> grad_norm_names;  // ... and the tensor's name
  uint64_t steps = 0;
  float last_loss = 0;             // the last step's loss
  float test_acc_last = -1;        // test accuracy at the pinned step (-1: not measured) ...
  size_t test_count = 0;           // ... on this many test examples (500 once the test set is in)
  double train_ms = 0;             // time spent in training steps
};

// A run the page brings back (a link's pinned run, or any run for "Train all to N"): replayed
// from its link, then trained on to step `to` (when past its steps), then pinned as `name`
// (`\0`: the current run, which is left as it ends). App::run_jobs holds them in order.
struct RunJob {
  char name = 0;
  ShareLink run;
  uint64_t to = 0;
  bool extended = false;  // the steps past the link's were asked for
};

// Pinned runs at most: with the current one, four runs side by side.
constexpr size_t kMaxPinned = 3;

// The current run's figures as they stand now (no curves: the Compare table's row of the current
// run, every frame). measure_test: its test accuracy measured now (500 test examples, a forward
// pass over them); else the session's last measurement.
PinnedRun run_figures(Session& s, char name, bool measure_test);
// The current run as it stands now, named `name`: its figures, measured, and its curves.
PinnedRun pin_run(Session& s, char name = 'A');
// A pinned run's colour in plots and the table (alpha 0-255).
uint32_t pin_color(char name, int alpha);
// The first of A, B, C that no pinned run is called.
char free_pin_name(const std::vector<PinnedRun>& pinned);

}  // namespace dlp
