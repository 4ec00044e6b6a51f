// Between the app and its share links: the page's run (Session::run() and its log) and view,
// captured as a DemoState, and a DemoState applied to the page: the run is started the way every
// run starts (Session::rebuild), then the link's log is replayed step by step.
#include "app/app.h"
#include "app/run_link.h"
#include "app/storage.h"

namespace dlp {

bool App::hides(const char* control) const {
  for (const auto& h : hidden)
    if (h == control) return true;
  return false;
}

DemoState capture_state(App& app) {
  DemoState d;
  d.spec = app.link_state.spec;
  capture_run(app.session, &d);
  d.panels = static_cast<int>(panel_mask(app));
  d.done = app.lessons_done;
  d.sample = app.sample;
  d.hide = app.hidden;
  d.lock = app.locked;
  d.lesson = app.lesson;
  for (const PinnedRun& p : app.pinned) d.pins.emplace_back(p.name, encode_link(p.run));
  return d;
}

void apply_state(App& app, const DemoState& d) {
  Session& s = app.session;
  set_run_settings(s, d);
  app.spec_edit = d.spec;
  show_panels(app, static_cast<uint32_t>(d.panels));  // a teacher who closed the Lessons window keeps it closed
  if (!d.done.empty()) {
    for (const auto& id : d.done) mark_lesson_done(app, id);
    save_lesson_progress(app);
  }
  app.sample = d.sample;
  app.hidden = d.hide;
  app.locked = d.lock;
  app.lesson = d.lesson;
  // Another data set: its chunks stream in while the link replays (each step waits for its digits).
  if (d.data != s.data_name && !use_data(app, d.data)) return;
  // Pinned runs first, one after the other, each pinned when its replay ends (advance_pins);
  // the link's own run last.
  app.pinned.clear();
  app.pin_queue.clear();
  for (const auto& [name, link] : d.pins) {
    DemoState run;
    std::vector<std::string> problems;
    if (!decode_link(link, &run, &problems)) continue;
    if (run.data != d.data) {
      app.link_problems.push_back(std::string("left out pinned run ") + name + ": it trains on another data set");
      continue;
    }
    app.pin_queue.emplace_back(name, run);
  }
  if (app.pin_queue.empty()) { open_run(s, d); return; }
  app.pin_queue.emplace_back('\0', d);
  open_run(s, app.pin_queue.front().second);
}

void advance_pins(App& app) {
  Session& s = app.session;
  if (app.pin_queue.empty() || s.replay_target > 0 || s.training || s.awaiting.hash) return;
  const char name = app.pin_queue.front().first;
  if (name && !s.test.complete()) return;  // pinned with its test accuracy, as the sender's was
  app.pin_queue.erase(app.pin_queue.begin());
  if (!name) return;  // the link's own run: done
  app.pinned.push_back(pin_run(s, name));
  // What its replay had to say stays said, and says which run it was about.
  std::vector<std::string> notes;
  for (const std::string& n : s.notes) notes.push_back(n.compare(0, 11, "Pinned run ") == 0 ? n : std::string("Pinned run ") + name + ": " + n);
  if (!app.pin_queue.empty()) open_run(s, app.pin_queue.front().second);
  s.notes.insert(s.notes.begin(), notes.begin(), notes.end());
}

void load_link(App& app, const std::string& fragment) {
  // What a link does not say is the default, not whatever the page had before: a lesson's short
  // demo link opens the same demo after any other lesson. Only the open lesson is kept.
  DemoState d;
  d.lesson = app.lesson;
  app.link_problems.clear();
  if (!decode_link(fragment, &d, &app.link_problems)) return;
  app.from_link = true;
  app.show_start_here = false;
  app.link_state = d;
  apply_state(app, d);
}

}  // namespace dlp
