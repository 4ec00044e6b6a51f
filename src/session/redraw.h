// Frames on demand: the page draws a frame only when something asks for one, so a page nobody
// touches costs nothing (on a machine that draws WebGL in software every frame costs a core; on
// a laptop or a phone, battery). Every source of change asks here, and the platform's loop asks
// due() once per animation frame:
//   input (pointer, keys, touch, wheel, resize, a new device pixel ratio)   main_web.cpp: now()
//   a worker's update (at most one frame per 150 ms)                         main_web.cpp: now(1)
//   a JS call that changes something                                         main.js -> dlp_wake
//   a data chunk (a split's first at once, the others <= 4 frames a second)  js_api.cpp: dlp_data_chunk
//   training, a replay or run jobs in the page's frames, a seek              app_advance: now(1)
//   a lesson's sliced job that goes on                                       SlicedJob::run_for: now(1)
//   a caret, the loading screen's dots                                       after(ms)
// A source that forgets to ask is still drawn within a quarter second: frames that are not due
// build the UI without drawing it and draw when what it would draw changed (main_web.cpp).
// No ImGui here.
#pragma once

namespace dlp {

class Redraw {
 public:
  // Draw the next n frames (ImGui settles over two or three after a change).
  void now(int n = 3) { if (n > frames_) frames_ = n; }
  // Draw a frame once ms have passed (the earliest of all asked for).
  void after(double ms, double now_ms) { if (now_ms + ms < at_) at_ = now_ms + ms; }
  // The loop, once per animation frame: is a frame due? (Takes one of now()'s frames.)
  bool due(double now_ms) {
    if (frames_ > 0) { --frames_; return true; }
    if (now_ms >= at_) { at_ = kNever; return true; }
    return false;
  }
  bool pending() const { return frames_ > 0; }

 private:
  static constexpr double kNever = 1e300;
  int frames_ = 0;
  double at_ = kNever;
};

// The page's one Redraw.
Redraw& redraw();

}  // namespace dlp
