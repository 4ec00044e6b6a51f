// The page and its share link: the page's run (Session::run() and its log) and view,
// captured as a ShareLink, and a ShareLink applied to the page: the run is started the way every
// run starts (Session::rebuild), then the link's log is replayed step by step.
#include "links/run_link.h"
#include "ui/app.h"

namespace dlp {

ShareLink capture_state(App& app) {
  ShareLink d;
  d.spec = app.opened_link.spec;
  capture_run(app.session, &d);
  d.panels = static_cast<int>(panel_mask(app));
  d.done = app.lessons_done;
  d.sample = app.sample;
  d.hide = app.hidden;
  d.lock = app.locked;
  d.lesson = app.lesson;
  for (const PinnedRun& p : app.pinned) d.pins.emplace_back(p.name, encode_link(p.run));
  // Pinned runs that would make the link too long to open are left out (pinned_left_out says so).
  while (!d.pins.empty() && encode_link(d).size() > kMaxLinkChars - 64) d.pins.pop_back();
  return d;
}

std::vector<std::string> pinned_left_out(App& app) {
  const ShareLink d = capture_state(app);
  std::vector<std::string> out;
  for (size_t i = d.pins.size(); i < app.pinned.size(); ++i)
    out.push_back(std::string("It leaves out pinned run ") + app.pinned[i].name +
                  ": with it the link would be too long to open (its training changed settings many times).");
  return out;
}

void apply_state(App& app, const ShareLink& d) {
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
  if (d.data != s.data.name && !use_data(app, d.data)) return;
  // Pinned runs first, one after the other, each pinned when its replay ends (advance_runs);
  // the link's own run last.
  app.pinned.clear();
  app.run_jobs.clear();
  for (const auto& [name, link] : d.pins) {
    ShareLink run;
    std::vector<std::string> problems;
    if (!decode_link(link, &run, &problems)) continue;
    if (run.data != d.data) {
      app.link_problems.push_back(std::string("left out pinned run ") + name + ": it trains on another data set");
      continue;
    }
    app.run_jobs.push_back({name, run});
  }
  if (app.run_jobs.empty()) { open_run(s, d); return; }
  app.run_jobs.push_back({'\0', d});
  open_run(s, app.run_jobs.front().run);
}

void load_link(App& app, const std::string& fragment) {
  // What a link does not say is the default, not whatever the page had before: a lesson's short
  // demo link opens the same demo after any other lesson. Only the open lesson is kept.
  ShareLink d;
  d.lesson = app.lesson;
  app.link_problems.clear();
  if (!decode_link(fragment, &d, &app.link_problems)) return;
  keep_replaced(app, d);
  app.from_link = true;
  app.show_start_here = false;
  app.opened_link = d;
  apply_state(app, d);
}

void train_all_to(App& app, uint64_t n) {
  Session& s = app.session;
  app.run_jobs.clear();
  for (const PinnedRun& p : app.pinned)
    if (p.steps < n) app.run_jobs.push_back({p.name, p.run, n});
  if (app.run_jobs.empty()) {
    if (s.steps() < n) s.train_steps(n - s.steps());
    return;
  }
  ShareLink now;
  capture_run(s, &now);
  app.run_jobs.push_back({'\0', now, n});
  open_run(s, app.run_jobs.front().run);
  s.say(Topic::Status, std::string("Training every run to step ") + std::to_string(n) + ": run " + app.run_jobs.front().name + " first.");
}

// The session still trains the job's run: the same start (a student's Reset, new model or loaded
// weights meanwhile would make it another run, not to be pinned under the job's name).
static bool same_start(Session& s, const ShareLink& r) {
  ShareLink now;
  capture_run(s, &now);
  return now.data == r.data && now.norm == r.norm && now.spec == r.spec && same_settings(now.cfg, r.cfg) && now.batch == r.batch &&
         now.init.kind == r.init.kind && now.init.sigma == r.init.sigma && now.init.seed == r.init.seed &&
         now.order_seed == r.order_seed && now.dropout_seed == r.dropout_seed && now.wfile == r.wfile;
}

void stop_runs(App& app, const std::string& why) {
  if (app.run_jobs.empty()) return;
  Session& s = app.session;
  // The current run (the queue's last) comes back as it was; the pinned runs not yet brought
  // back stay as they are (or, from a link, are left out).
  RunJob current = app.run_jobs.back();
  const bool in_hand = app.run_jobs.size() == 1 && !current.name;
  // Its own turn, on its way back (replaying to its step, or waiting for its weights file): it goes
  // on there, and is not trained past it (a second Stop says the same).
  if (in_hand && (s.replayer.target > 0 || s.replayer.awaiting.hash)) {
    app.run_jobs.back().to = 0;
    app.run_jobs.back().extended = true;
    s.say(Topic::Status, why + " The current run is still being brought back to step " + std::to_string(current.run.steps) + ".");
    return;
  }
  // In hand and as it was: neither replaying nor trained past its step. Else (a pinned run's turn,
  // or its training past its step) it is brought back.
  const bool as_it_was = in_hand && s.replayer.target == 0 && s.steps() == current.run.steps;
  app.run_jobs.clear();
  if (s.replayer.target > 0) s.stop_replay();
  s.pause();
  if (!current.name && !as_it_was) {
    current.extended = false;
    current.to = 0;
    app.run_jobs.push_back(current);
    open_run(s, current.run);
  }
  s.say(Topic::Status, why);
}

void continue_from_here(App& app) {
  Session& s = app.session;
  if (!s.rewind.showing() || s.rewind.seeking() || app.pinned.size() >= kMaxPinned || !app.run_jobs.empty()) return;
  const uint64_t k = s.rewind.shown_step();
  const char name = free_pin_name(app.pinned);
  app.pinned.push_back(pin_run(s, name));  // the run as it is now, to compare the branch with
  if (!s.continue_from_shown()) { app.pinned.pop_back(); return; }
  s.say(Topic::Status, std::string("Pinned the whole run as ") + name + "; this run goes on from step " + std::to_string(k) +
                           ". Change a setting and press Train to compare.");
}

void advance_runs(App& app) {
  Session& s = app.session;
  if (app.run_jobs.empty() || s.replayer.target > 0 || s.training || s.replayer.awaiting.hash) return;
  RunJob& job = app.run_jobs.front();
  if (!same_start(s, job.run)) {
    app.run_jobs.clear();
    s.say(Topic::Status, "Stopped bringing the runs back: the run in training was changed meanwhile.");
    return;
  }
  if (job.to > s.steps() && !job.extended && s.health.alert.kind == Alert::None) {
    job.extended = true;
    s.train_steps(job.to - s.steps());
    return;
  }
  if (job.name && !s.data.test.complete()) return;  // pinned with its test accuracy, as the sender's was
  const char name = job.name;
  const uint64_t to = job.to;
  app.run_jobs.erase(app.run_jobs.begin());
  if (!name) {  // the current run: done
    if (to) s.say(Topic::Status, "Every run is at step " + std::to_string(to) + " or past it: compare them in the Train panel's table.");
    return;
  }
  PinnedRun pinned = pin_run(s, name);
  bool replaced = false;
  for (PinnedRun& p : app.pinned)
    if (p.name == name) { p = pinned; replaced = true; }
  if (!replaced) app.pinned.push_back(pinned);
  // What its replay had to say stays said, and says which run it was about.
  std::vector<Fact> notes = s.notes;
  for (Fact& n : notes)
    if (!n.pinned) n.pinned = name;
  if (!app.run_jobs.empty()) open_run(s, app.run_jobs.front().run);
  s.notes.insert(s.notes.begin(), notes.begin(), notes.end());
}

}  // namespace dlp
