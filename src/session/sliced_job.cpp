#include "session/sliced_job.h"

#include "session/redraw.h"
#include "session/session.h"

namespace dlp {

void SlicedJob::start(int total, std::function<bool()> unit) {
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
  if (unit_) redraw().now(1);  // the job goes on in the next frame (a job whose widget is not drawn waits, and asks for none)
}

}  // namespace dlp
