// Work is not lost on reload: the demo (as its share-link state), the trained weights and the
// step count are kept in the browser's storage every few seconds and on leaving the page, and
// restored on the next visit unless the address carries another run. Rewind's keyframes are kept
// beside them, when the page is hidden or left and at most every five minutes while they change
// (32 MB of them take about 0.2 s of the page's time to write), so a restored run goes back as far
// and as quickly as before; kept minutes earlier, they still hold the run's past up to then. "Start fresh" forgets them. The records' bytes:
// session/kept_session.h.
#include <cstring>

#include "engine/safetensors.h"
#include "imgui.h"
#include "session/kept_session.h"
#include "ui/app.h"
#include "ui/browser.h"

namespace dlp {

namespace {
const char* kKey = "dlp.session.v2";
const char* kKeyframesKey = "dlp.keyframes.v1";
const char* kReplacedKey = "dlp.replaced.v1";
constexpr size_t kMaxBytes = 256u << 20;  // IndexedDB (web/main.js); a quota is said when it is met
constexpr double kKeyframesEvery = 300.0;  // seconds between keyframe saves while they change

// The run as a link (its start, log and step count, without the view's replay): with the weights,
// the training state and the data position beside it, a reload continues the run exactly.
std::string kept_link(App& app) { return encode_link(capture_state(app)); }
}  // namespace

// The session as bytes: "DLPS", the run as a link, the weights, the training state, the data
// position. False (nothing written) while the page is between runs (a replay, awaited weights).
static bool session_bytes(App& app, std::vector<uint8_t>* out, std::string* link_out) {
  Session& s = app.session;
  if (!s.model || s.replayer.target || s.replayer.awaiting.hash) return false;
  KeptSession k;
  k.link = kept_link(app);
  k.weights = safetensors_bytes(*s.model);
  k.state = s.model->train_state_bytes();
  k.pos = s.trainer->position();
  *out = kept_session_bytes(k);
  *link_out = k.link;
  return true;
}

// The keyframes, when they changed since they were last kept: at once when `now` (the page is
// hidden or left), else at most every kKeyframesEvery seconds. They name the run they belong to.
static void save_keyframes(App& app, const std::string& link, bool now) {
  const Rewind& r = app.session.rewind;
  const double t = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0;
  if (r.version() == app.saved_keyframes || (!now && t < app.keyframes_saved_at + kKeyframesEvery)) return;
  storage_save(kKeyframesKey, kept_keyframes_bytes(link, r.bytes_out()), Keep::Tab);
  app.saved_keyframes = r.version();
  app.keyframes_saved_at = t;
}

static void save_session(App& app, bool now) {
  std::vector<uint8_t> b;
  std::string link;
  if (!session_bytes(app, &b, &link)) return;
  if (b.size() > kMaxBytes) { app.persist_note = "this model is too large to keep across reloads"; return; }
  app.persist_note.clear();
  storage_save(kKey, b, Keep::Tab);
  app.saved_steps = app.session.steps();
  app.saved_link = link;
  save_keyframes(app, link, now);
}

// The kept keyframes, when they belong to the restored run (the same run up to their last step).
static void restore_keyframes(App& app, const ShareLink& run) {
  std::vector<uint8_t> b;
  std::string link;
  const uint8_t* p = nullptr;
  size_t n = 0;
  ShareLink theirs;  // a field the link leaves out means what it does in any link
  std::vector<std::string> problems;
  Session& s = app.session;
  // A run kept without its steps (a log longer than a link carries) cannot be matched.
  if (!storage_load(kKeyframesKey, &b, Keep::Tab) || !read_kept_keyframes(b.data(), b.size(), &link, &p, &n) ||
      !decode_link(link, &theirs, &problems) || run.steps != s.steps() || theirs.steps == 0)
    return;
  const uint64_t upto = std::min(run.steps, theirs.steps);
  if (!same_run_until(run, theirs, upto)) return;
  if (s.rewind.take(p, n, *s.model, upto)) s.rewind.keep(s);
  app.saved_keyframes = s.rewind.version();
}

// Starts the kept run from its link without replaying it, then continues it from the kept
// weights, training state and data position. False, with nothing changed, for bytes that are not
// a session; false after a rebuild when they do not fit the run they name.
static bool resume_from(App& app, const std::vector<uint8_t>& b, const std::string& from, ShareLink* run) {
  KeptSession k;
  if (!read_kept_session(b.data(), b.size(), &k)) return false;
  const std::string& link = k.link;
  ShareLink& d = *run;
  d = ShareLink{};  // a field the kept link leaves out means what it does in any link, not what the page shows now
  d.done = app.lessons_done;
  d.sample = app.sample;
  std::vector<std::string> problems;
  if (!decode_link(link, &d, &problems)) return false;
  // Start the run as the link would, without replaying: the kept state continues it.
  ShareLink start = d;
  start.pins.clear();  // pinned runs are not kept across visits (a link carries them)
  start.steps = 0;
  start.log.clear();
  start.wfile = start.wfile_step = 0;
  apply_state(app, start);
  Session& s = app.session;
  s.notes.clear();
  if (!s.model || !s.resume(d.log, k.weights.data(), k.weights.size(), k.state.data(), k.state.size(), k.pos, d.wfile, d.wfile_step)) {
    s.rebuild();
    s.say(Topic::Status, "The session " + from + " could not be restored; starting fresh.");
    return false;
  }
  s.evaluate_full();
  s.update_drawing();
  app.saved_steps = s.steps();
  app.saved_link = link;
  return true;
}

// The steps of a kept session's run (its link's), 0 for bytes that are not one.
static uint64_t kept_steps(const std::vector<uint8_t>& b) {
  KeptSession k;
  ShareLink d;
  std::vector<std::string> problems;
  return read_kept_session(b.data(), b.size(), &k) && decode_link(k.link, &d, &problems) ? d.steps : 0;
}

bool restore_session(App& app) {
  std::vector<uint8_t> b;
  if (storage_load(kReplacedKey, &b, Keep::Tab)) {
    app.replaced_steps = kept_steps(b);
    if (app.replaced_steps > 0) app.replaced = std::move(b);
  }
  ShareLink run;
  if (!storage_load(kKey, &b, Keep::Tab) || !resume_from(app, b, "kept in this browser", &run)) {
    storage_load(kKeyframesKey, &b, Keep::Tab);  // read once either way (the page holds records until read)
    return false;
  }
  restore_keyframes(app, run);
  app.restored = true;
  app.session.say(Topic::Status, "Welcome back: your model is restored at step " + std::to_string(app.session.steps()) +
                                     ". (Start fresh in the menu forgets it.)");
  return true;
}

void download_session(App& app) {
  std::vector<uint8_t> b;
  std::string link;
  if (!session_bytes(app, &b, &link)) { app.session.say(Topic::Status, "Nothing to download while a run is being brought back."); return; }
  download_file("playground-session.dlpsession", b);
  app.session.say(Topic::Status, "Downloaded the session at step " + std::to_string(app.session.steps()) +
                                     " (Weights > Load... opens it again, here or in another browser).");
}

bool load_session_file(App& app, const std::vector<uint8_t>& bytes, const std::string& name) {
  Session& s = app.session;
  if (bytes.size() < 4 || std::memcmp(bytes.data(), "DLPS", 4) != 0) {
    s.say(Topic::Status, name + " is not a playground session; nothing changed.");
    return false;
  }
  ShareLink run;
  if (!resume_from(app, bytes, "in " + name, &run)) return false;
  app.from_link = false;
  s.say(Topic::Status, "Opened the session in " + name + ": step " + std::to_string(s.steps()) + ".");
  save_session(app, true);
  return true;
}

void keep_replaced(App& app, const ShareLink& incoming) {
  Session& s = app.session;
  if (s.steps() == 0) return;
  const ShareLink now = capture_state(app);
  // Nothing to keep: the link continues this run (as far or further), or the page shows the last
  // link's run untouched (opened, replayed, not trained on).
  if (now.steps == s.steps() && incoming.steps >= now.steps && same_run_until(now, incoming, now.steps)) return;
  if (app.from_link && now.steps == s.steps() && s.steps() <= app.opened_link.steps && same_run_until(now, app.opened_link, now.steps)) return;
  std::vector<uint8_t> b;
  std::string link;
  if (!session_bytes(app, &b, &link) || b.size() > kMaxBytes) return;
  app.replaced_steps = s.steps();
  app.replaced = std::move(b);
  storage_save(kReplacedKey, app.replaced, Keep::Tab);
}

bool bring_back_replaced(App& app) {
  Session& s = app.session;
  if (app.replaced.empty()) return false;
  std::vector<uint8_t> now;
  std::string link;
  const bool swap = s.steps() > 0 && session_bytes(app, &now, &link);
  const uint64_t had = s.steps();
  const std::vector<uint8_t> earlier = std::move(app.replaced);
  ShareLink run;
  if (!resume_from(app, earlier, "kept aside", &run)) {  // it said what went wrong
    if (swap) resume_from(app, now, "on the page", &run);
    app.replaced = earlier;
    return false;
  }
  app.from_link = false;
  app.replaced_steps = swap ? had : 0;
  app.replaced = swap ? std::move(now) : std::vector<uint8_t>{};
  storage_save(kReplacedKey, app.replaced, Keep::Tab);
  s.say(Topic::Status, "Brought back your run at step " + std::to_string(s.steps()) +
                           (swap ? "; the link's run (step " + std::to_string(had) + ") is kept aside in its place." : "."));
  save_session(app, true);
  return true;
}

void forget_replaced(App& app) {
  app.replaced.clear();
  app.replaced_steps = 0;
  storage_save(kReplacedKey, {}, Keep::Tab);
}

std::string keep_note(const App& app) {
  if (!app.storage_problem.empty())
    return "Your work is not being kept across reloads: " + app.storage_problem +
           ". Copy link keeps the run; Weights > Download session keeps all of it.";
  if (!app.persist_note.empty()) return "Your work is not being kept across reloads: " + app.persist_note + ".";
  return "";
}

void start_fresh(App& app) {
  storage_save(kKey, {}, Keep::Tab);
  storage_save(kKeyframesKey, {}, Keep::Tab);
  forget_replaced(app);
  App::Defaults defaults;
  app.session.use_fresh_settings(defaults.cfg, defaults.batch, defaults.init);
  app.hidden.clear();
  app.locked = false;
  app.from_link = false;
  app.link_problems.clear();
  app.session.set_spec(defaults.spec);
  app.spec_edit = defaults.spec;
  app.session.say(Topic::Status, "Started fresh.");
}

// Saves when something worth keeping changed, at most every few seconds (and when the page asks).
void maybe_save_session(App& app, bool now) {
  Session& s = app.session;
  if (!s.model) return;
  if (!now && s.steps() == app.saved_steps && kept_link(app) == app.saved_link) return;
  save_session(app, now);
}

}  // namespace dlp
