// Frames on demand: the page draws a frame only when something asks for one, so a page nobody
// touches costs nothing (on a machine that draws WebGL in software every frame costs a core; on
// a laptop or a phone, battery). Every source of change asks here, and the platform's loop asks
// due() once per animation frame:
//   input (pointer, keys, touch, wheel, resize, a new device pixel ratio)   main_web.cpp: now()
//   a JS call that changes something, a data chunk, a worker's message      main.js -> dlp_wake
//   work the loop advances itself: training in the page, a replay, a seek,  app_frame: now(1)
//     run jobs, a lesson's sliced job, the loading screen
//   an animation, a caret, a tooltip                                        after(ms)
// A source that forgets to ask is still drawn within a quarter second: between frames the loop
// builds the UI without drawing it a few times a second and draws when what it would draw
// changed (main_web.cpp). No ImGui here.
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
