#include "session/replayer.h"

namespace dlp {

void Replayer::start(const std::vector<LogChange>& changes, uint64_t to, uint64_t expect_hash) {
  log = changes;
  next = 0;
  target = to;
  expect = expect_hash;
}

const LogChange* Replayer::next_due(uint64_t step) {
  if (next >= log.size() || log[next].step > step) return nullptr;
  return &log[next++];
}

}  // namespace dlp
