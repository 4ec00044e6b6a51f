#include "session/run_record.h"

#include <algorithm>
#include <cstddef>

namespace dlp {

void RunRecord::record(const TrainSettings& now, uint64_t at) {
  for (const LogChange& c : settings_diff(logged, now, at)) {
    for (size_t i = log.size(); i-- > 0 && log[i].step == at;)
      if (log[i].knob == c.knob) log.erase(log.begin() + static_cast<std::ptrdiff_t>(i));
    const LogChange before = value_before(run.settings, log, c.knob, at);
    if (!(before.value == c.value && before.hash == c.hash)) log.push_back(c);
  }
  sort_last_step();
  logged = now;
}

void RunRecord::reset_optimizer(uint64_t at) {
  for (size_t i = log.size(); i-- > 0 && log[i].step == at;)
    if (log[i].knob == Knob::OptReset) return;  // twice at one step is once
  log.push_back({at, Knob::OptReset, 1, 0});
  sort_last_step();
}

size_t RunRecord::length_before(uint64_t step) const {
  size_t n = 0;
  while (n < log.size() && log[n].step < step) ++n;
  return n;
}

TrainSettings RunRecord::cut(size_t len) {
  log.resize(std::min(log.size(), len));
  return settings_before(run.settings, log);
}

// Changes made at one step, in whatever order, act as one: they are kept in the order of their
// kind, so the same run always gives the same log (and the same link).
void RunRecord::sort_last_step() {
  if (log.empty()) return;
  size_t first = log.size() - 1;
  while (first > 0 && log[first - 1].step == log.back().step) --first;
  // Insertion sort: a handful of entries, and no allocation on the training path.
  for (size_t i = first + 1; i < log.size(); ++i)
    for (size_t j = i; j > first && log[j].knob < log[j - 1].knob; --j) std::swap(log[j], log[j - 1]);
}

}  // namespace dlp
