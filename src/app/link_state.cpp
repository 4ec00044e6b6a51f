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
  open_run(s, d);
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
