#include "app/sliced_job.h"

#include "app/session.h"

namespace dlp {

int SlicedJob::running_jobs_ = 0;

void SlicedJob::start(int total, std::function<bool()> unit) {
  if (!unit_) ++running_jobs_;
  unit_ = std::move(unit);
  done_ = 0;
  total_ = total;
}

void SlicedJob::run_for(double budget_ms) {
  const double start = now_ms();
  while (unit_ && now_ms() - start < budget_ms) {
    if (!unit_()) { stop(); break; }
    ++done_;
  }
}

}  // namespace dlp
