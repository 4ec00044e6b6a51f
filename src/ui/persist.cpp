// Work is not lost on reload: the demo (as its share-link state), the trained weights and the
// step count are kept in the browser's storage every few seconds and on leaving the page, and
// restored on the next visit unless the address carries another run. "Start fresh" forgets them.
#include <cstring>

#include "engine/bytes.h"
#include "engine/safetensors.h"
#include "ui/app.h"
#include "ui/browser.h"

namespace dlp {

namespace {
const char* kKey = "dlp.session.v2";
constexpr size_t kMaxBytes = 256u << 20;  // IndexedDB (web/main.js); a quota is said when it is met

// A u32 length, then the bytes (ByteReader::bytes reads it back).
void put_bytes(std::vector<uint8_t>& b, const std::vector<uint8_t>& v) { put_le(b, v.size(), 4); b.insert(b.end(), v.begin(), v.end()); }

// The run as a link (its start, log and step count, without the view's replay): with the weights,
// the training state and the data position beside it, a reload continues the run exactly.
std::string kept_link(App& app) { return encode_link(capture_state(app)); }
}  // namespace

// The session as bytes: "DLPS", the run as a link, the weights, the training state, the data
// position. False (nothing written) while the page is between runs (a replay, awaited weights).
static bool session_bytes(App& app, std::vector<uint8_t>* out, std::string* link_out) {
  Session& s = app.session;
  if (!s.model || s.replay_target || s.awaiting.hash) return false;
  const std::string link = kept_link(app);
  std::vector<uint8_t>& b = *out;
  b = {'D', 'L', 'P', 'S'};
  put_bytes(b, std::vector<uint8_t>(link.begin(), link.end()));
  put_bytes(b, safetensors_bytes(*s.model));
  put_bytes(b, s.model->train_state_bytes());
  const Trainer::Position pos = s.trainer->position();
  put_le(b, pos.epoch, 8);
  put_le(b, pos.cursor, 8);
  put_le(b, pos.seen, 8);
  *link_out = link;
  return true;
}

void save_session(App& app) {
  std::vector<uint8_t> b;
  std::string link;
  if (!session_bytes(app, &b, &link)) return;
  if (b.size() > kMaxBytes) { app.persist_note = "this model is too large to keep across reloads"; return; }
  app.persist_note.clear();
  storage_save(kKey, b, Keep::Tab);
  app.saved_steps = app.session.steps();
  app.saved_link = link;
}

// Starts the kept run from its link without replaying it, then continues it from the kept
// weights, training state and data position. False, with nothing changed, for bytes that are not
// a session; false after a rebuild when they do not fit the run they name.
static bool resume_from(App& app, const std::vector<uint8_t>& b, const std::string& from) {
  if (b.size() < 4 || std::memcmp(b.data(), "DLPS", 4) != 0) return false;
  ByteReader r{b.data(), b.size(), 4};
  size_t link_n = 0, weights_n = 0, state_n = 0;
  const uint8_t* link_p = r.bytes(&link_n);
  const uint8_t* weights = r.bytes(&weights_n);
  const uint8_t* state = r.bytes(&state_n);
  Trainer::Position pos;
  pos.epoch = r.u(8);
  pos.cursor = r.u(8);
  pos.seen = r.u(8);
  if (!r.ok || link_n > 16384) return false;
  const std::string link(reinterpret_cast<const char*>(link_p), link_n);
  ShareLink d = capture_state(app);
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
  if (!s.model || !s.resume(d.log, weights, weights_n, state, state_n, pos, d.wfile, d.wfile_step)) {
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

bool restore_session(App& app) {
  std::vector<uint8_t> b;
  if (!storage_load(kKey, &b, Keep::Tab) || !resume_from(app, b, "kept in this browser")) return false;
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
  if (!resume_from(app, bytes, "in " + name)) return false;
  app.from_link = false;
  s.say(Topic::Status, "Opened the session in " + name + ": step " + std::to_string(s.steps()) + ".");
  save_session(app);
  return true;
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
  App::Defaults defaults;
  app.session.cfg = defaults.cfg;
  app.session.batch = defaults.batch;
  app.session.init = defaults.init;
  app.session.seeds = Seeds{};
  app.session.norm = Normalization::Centered;
  app.hidden.clear();
  app.locked = false;
  app.from_link = false;
  app.link_problems.clear();
  app.session.dropout = -1;
  app.session.notes.clear();
  app.session.own.joined = app.session.own.size() > 0;
  app.session.set_spec(defaults.spec);
  app.spec_edit = defaults.spec;
  app.session.say(Topic::Status, "Started fresh.");
}

// Saves when something worth keeping changed, at most every few seconds (and when the page asks).
void maybe_save_session(App& app, bool now) {
  Session& s = app.session;
  if (!s.model) return;
  if (!now && s.steps() == app.saved_steps && kept_link(app) == app.saved_link) return;
  save_session(app);
}

}  // namespace dlp
