// Training in a worker, off the page's thread: the page keeps the whole Session (what the panels
// draw, the drawing pad, links, lessons) and a WorkerChannel; a TrainingWorker holds a second
// Session of the same run and takes its steps. The page's session is always the truth: the worker
// starts from it, and its progress is taken over only while nothing else changed it.
//
//   page (UI thread)                                  worker (engine only: no SDL, no ImGui)
//   Session --- Start: the run as bytes -------------> Session (builds the model, loads the state)
//     ^     --- Settings: lr, batch... changed ------>   tick(100 ms) ... tick ...
//     |     --- Stop ----------------------------------> 
//     +------- Update: weights, log, curves, alerts <--  after each tick, until it stops
//
// Each Start carries a new generation; updates of an older one are dropped. So any change the
// page makes other than a setting (Pause, Step, Reset, a link, loaded weights, a retry, a
// dismissed alert: Session::version()) simply starts the worker over from the page's state, and
// the run stays the one the page shows: the bits are the same as training on the page.
// The data goes to the worker beside this (the page posts each chunk it unpacks to both).
// No emscripten here: the transport is a function, so native tests run both ends.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "session/session.h"

namespace dlp {

using Message = std::vector<uint8_t>;

// Where a worker's time went since it began (each update carries them; a benchmark reads the
// difference between two): its training steps' engine part and the test estimates in them
// (Session::StepTimes), its slices of training as a whole (those steps and what the playground
// does around each), and writing the updates it posts.
struct WorkerTimes {
  double engine_ms = 0, tests_ms = 0, slices_ms = 0, updates_ms = 0;
};

// The page's end.
class WorkerChannel {
 public:
  explicit WorkerChannel(std::function<void(const Message&)> post) : post_(std::move(post)) {}
  // Once a frame, in place of Session::tick: starts, steers or stops the worker.
  void frame(Session& s);
  // A message from the worker: its progress becomes the session's (unless it is outdated).
  void receive(Session& s, const uint8_t* p, size_t n);
  bool running() const { return running_; }
  // Messages received so far: the page draws a frame when one arrives (see main_web.cpp).
  uint64_t received() const { return received_; }
  // The worker's times, as of its last update.
  WorkerTimes worker_times;
  // Why the worker cannot go on (it could not use a Start, or sent what the page could not use):
  // the page then drops the link and trains on its own again.
  Fact problem;

 private:
  void start(Session& s);
  std::function<void(const Message&)> post_;
  uint32_t gen_ = 0;
  bool running_ = false;
  uint64_t received_ = 0;
  uint64_t sent_version_ = 0;
  uint32_t sent_own_ = 0;
  TrainSettings sent_settings_;
  uint32_t settings_sent_ = 0;  // Settings messages sent since the last Start (the worker counts those it took)
};

// The worker's end: a Session over the data the page sends, steered by the page's messages.
struct TrainingWorker {
  // The page keeps the keyframes and measures the quick test estimates (from its updates).
  TrainingWorker() {
    session.rewind.enabled = false;
    session.quick_tests_on_page = true;
  }
  Session session;
  // A message from the page (Start, Settings, Stop).
  void receive(const uint8_t* p, size_t n);
  // Trains for about budget_ms when it should and returns the update to post (empty: nothing to
  // say). After an update with training off, it waits for the next Start.
  Message run(double budget_ms);
  bool running() const { return running_; }
  Fact problem;  // why it could not use the last Start (said in its update)

 private:
  uint32_t gen_ = 0;
  uint32_t settings_taken_ = 0;  // Settings messages taken since the last Start (said in each update)
  bool running_ = false;
  bool failed_ = false;
  double slices_ms_ = 0, updates_ms_ = 0;
};

}  // namespace dlp
