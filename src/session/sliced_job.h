// Work a lesson widget asks for (training one model or several for a few hundred steps), done a
// slice per frame, as the Train panel's training is: the page keeps drawing and answering while
// it runs, the widget shows how far it is, and Stop ends it. No ImGui here.
#pragma once
#include <functional>
#include <string>

namespace dlp {

class SlicedJob {
 public:
  // `unit` does one unit of work (a training step) and returns false when there is no more;
  // `total` units are expected (for the progress bar). Replaces any job still running.
  void start(int total, std::function<bool()> unit);
  // Runs units until budget_ms of wall time is used or the job ends; a job that goes on asks for
  // the next frame (redraw.h).
  void run_for(double budget_ms);
  void stop() { unit_ = nullptr; }
  bool running() const { return static_cast<bool>(unit_); }
  float progress() const { return total_ > 0 ? static_cast<float>(done_) / static_cast<float>(total_) : 0.0f; }
  int done() const { return done_; }

 private:
  std::function<bool()> unit_;
  int done_ = 0, total_ = 0;
};

}  // namespace dlp
