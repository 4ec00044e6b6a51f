// Work is not lost on reload: the demo (as its share-link state), the trained weights and the
// step count are kept in the browser's storage every few seconds and on leaving the page, and
// restored on the next visit unless the address carries a link. "Start fresh" forgets them.
#include <cstring>

#include "app/app.h"
#include "app/storage.h"
#include "engine/safetensors.h"

namespace dlp {

namespace {
const char* kKey = "dlp.session.v1";
constexpr size_t kMaxBytes = 3u << 20;  // localStorage holds about 5 MB of text; base64 adds a third

void put_u32(std::vector<uint8_t>& b, uint32_t v) { for (int k = 0; k < 4; ++k) b.push_back(static_cast<uint8_t>(v >> (8 * k))); }
uint32_t get_u32(const uint8_t* p) { return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24); }

// The demo as a link without steps to replay: the kept weights travel as bytes beside it.
std::string kept_link(const App& app) {
  DemoState d = capture_state(app);
  d.steps = 0;
  return encode_link(d);
}
}  // namespace

void save_session(App& app) {
  Session& s = app.session;
  if (!s.model || s.replay_target) return;
  const std::string link = kept_link(app);
  const std::vector<uint8_t> weights = safetensors_bytes(*s.model);
  std::vector<uint8_t> b = {'D', 'L', 'P', 'S'};
  put_u32(b, static_cast<uint32_t>(link.size()));
  b.insert(b.end(), link.begin(), link.end());
  put_u32(b, static_cast<uint32_t>(s.steps()));
  b.insert(b.end(), weights.begin(), weights.end());
  if (b.size() > kMaxBytes) { app.persist_note = "this model is too large to keep across reloads"; return; }
  app.persist_note.clear();
  storage_save(kKey, b);
  app.saved_steps = s.steps();
  app.saved_link = link;
}

bool restore_session(App& app) {
  std::vector<uint8_t> b;
  if (!storage_load(kKey, &b) || b.size() < 12 || std::memcmp(b.data(), "DLPS", 4) != 0) return false;
  const uint32_t n = get_u32(b.data() + 4);
  if (n > 8192 || 8 + static_cast<size_t>(n) + 4 > b.size()) return false;
  const std::string link(reinterpret_cast<const char*>(b.data() + 8), n);
  const uint32_t steps = get_u32(b.data() + 8 + n);
  DemoState d = capture_state(app);
  std::vector<std::string> problems;
  if (!decode_link(link, &d, &problems)) return false;
  d.steps = 0;
  apply_state(app, d);
  Session& s = app.session;
  std::string err;
  if (!s.model || !load_safetensors_bytes(b.data() + 12 + n, b.size() - 12 - n, s.model.get(), &err)) {
    s.status = "Your previous session could not be restored (" + err + "); starting fresh.";
    return false;
  }
  s.model->set_steps(steps);
  s.evaluate_full();
  s.update_drawing();
  s.status = "Welcome back: your model is restored at step " + std::to_string(steps) + ". (Start fresh in the menu forgets it.)";
  app.saved_steps = steps;
  app.saved_link = link;
  return true;
}

void start_fresh(App& app) {
  storage_save(kKey, {});
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
  app.session.set_spec(defaults.spec);
  app.spec_edit = defaults.spec;
  app.session.status = "Started fresh.";
}

// Saves when something worth keeping changed, at most every few seconds (and when the page asks).
void maybe_save_session(App& app, bool now) {
  Session& s = app.session;
  if (!s.model) return;
  if (!now && s.steps() == app.saved_steps && kept_link(app) == app.saved_link) return;
  save_session(app);
}

}  // namespace dlp
