// The JS bridge: functions the page's JavaScript calls (window.playground in web/main.js): state for
// tests and the ARIA live region, and a few actions. Strings returned stay valid until the
// next call.
#include <emscripten.h>

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>
#include <utility>

#include "data/drawing.h"
#include "data/idx.h"
#include "engine/json.h"
#include "engine/safetensors.h"
#include "platform/picture_hash.h"
#include "platform/repaint_gl.h"
#include "session/redraw.h"
#include "ui/a11y.h"
#include "ui/app.h"

namespace dlp {
App* g_app = nullptr;
int g_frames = 0;
double g_ui_ms = 0, g_render_ms = 0;
}  // namespace dlp

using namespace dlp;

namespace {
void rect(JsonWriter& w, const std::string& k, const PadRect& r) {
  w.key(k).object().field("x", r.x).field("y", r.y).field("w", r.w).field("h", r.h).end();
}
void strings(JsonWriter& w, const std::string& k, const std::vector<std::string>& v) {
  w.key(k).array();
  for (const std::string& x : v) w.value(x);
  w.end();
}

// The fields only tests read (dlp_state_json(1)).
void state_for_tests(JsonWriter& w, const App& app) {
  const Session& s = app.session;
  w.field("clicks", app.clicks).field("tooltip", app.tooltip).field("startHere", app.show_start_here);
  rect(w, "padRect", app.pad);
  // Where the last tooltip and the Train panel's alert box were drawn (CSS px; zero size: none).
  rect(w, "tooltipRect", app.tooltip_rect);
  rect(w, "alertRect", app.alert_rect);
  strings(w, "overflow", app.overflow);
  w.key("windows").array();  // the windows on screen last frame: panels and boxes, by title
  for (const auto& [title, r] : app.windows) {
    w.object().field("title", title).field("x", r.x).field("y", r.y).field("w", r.w).field("h", r.h).end();
  }
  w.end();
  w.key("widgets").object();
  for (const auto& [name, wd] : app.widgets) {
    w.key(name).object().field("x", wd.r.x).field("y", wd.r.y).field("w", wd.r.w).field("h", wd.r.h);
    rect(w, "win", wd.visible);
    w.field("scrolls", wd.scrolls).end();
  }
  w.end();
  {  // the theme's colours that text is drawn in and on (0-255 RGBA), so their contrast can be checked
    const ImVec4* c = ImGui::GetStyle().Colors;
    w.key("colors").object();
    for (auto [name, col] : {std::pair{"text", ImGuiCol_Text}, {"textDisabled", ImGuiCol_TextDisabled}, {"windowBg", ImGuiCol_WindowBg},
                             {"frameBg", ImGuiCol_FrameBg}, {"button", ImGuiCol_Button}, {"popupBg", ImGuiCol_PopupBg},
                             {"header", ImGuiCol_Header}, {"menuBarBg", ImGuiCol_MenuBarBg}, {"titleBgActive", ImGuiCol_TitleBgActive},
                             {"buttonHovered", ImGuiCol_ButtonHovered}, {"buttonActive", ImGuiCol_ButtonActive},
                             {"headerHovered", ImGuiCol_HeaderHovered}, {"headerActive", ImGuiCol_HeaderActive},
                             {"tab", ImGuiCol_Tab}, {"tabHovered", ImGuiCol_TabHovered}, {"tabActive", ImGuiCol_TabActive},
                             {"plotHistogram", ImGuiCol_PlotHistogram}, {"tableRowBgAlt", ImGuiCol_TableRowBgAlt}}) {
      w.key(name).array();
      for (float v : {c[col].x, c[col].y, c[col].z, c[col].w}) w.value(static_cast<int>(std::lround(v * 255)));
      w.end();
    }
    w.end();
  }
  // The worker's times as of its last update (worker_channel.h: WorkerTimes; 0 without a worker).
  const WorkerTimes wt = app.worker ? app.worker->worker_times : WorkerTimes{};
  w.key("workerMs").object().field("engine", wt.engine_ms).field("tests", wt.tests_ms).field("slices", wt.slices_ms)
      .field("updates", wt.updates_ms).end();
  w.field("uiMs", g_ui_ms).field("renderMs", g_render_ms);
  w.key("drawn").array();
  for (int i = 0; i < 784; ++i) w.value(static_cast<int>(s.pad.pixels[i]));
  w.end();
}
}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int dlp_frames() { return g_frames; }
// What drawing cost: frames that painted pixels and the pixels they painted (platform/repaint_gl.h).
EMSCRIPTEN_KEEPALIVE int dlp_painted_frames() { return painted_frames(); }
EMSCRIPTEN_KEEPALIVE double dlp_painted_pixels() { return painted_pixels(); }
// The next frame paints the whole canvas (tests compare it with the frames that painted boxes).
EMSCRIPTEN_KEEPALIVE void dlp_repaint_all() { forget_canvas(); redraw().now(); }

// The live region's news (app.cpp: announce): how many so far (the whole state is not parsed once
// a second for it), and the news taken to be read out (what comes next is said on its own).
EMSCRIPTEN_KEEPALIVE int dlp_aria_news() { return g_app ? g_app->aria_news : 0; }
EMSCRIPTEN_KEEPALIVE const char* dlp_aria_take() {
  if (!g_app) return "";
  g_app->aria_taken = g_app->aria_news;
  return g_app->aria_status.c_str();
}

// The accessibility mirror (ui/a11y.h, web/a11y.js): the controls of the last frame as JSON ("" when
// unchanged since the last call, unless all), and an action on one of them (false: no such item).
EMSCRIPTEN_KEEPALIVE const char* dlp_a11y_json(int all) { return a11y::take_json(all != 0).c_str(); }
EMSCRIPTEN_KEEPALIVE int dlp_a11y_act(double id, const char* action, double value, const char* text) {
  return a11y::act(static_cast<uint32_t>(id), action, value, text) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE double dlp_steps() { return g_app ? static_cast<double>(g_app->session.steps()) : 0; }

// The page's state as window.playground.state() returns it (docs/js-api.md lists every field).
// test: also the fields only tests read (where widgets and windows are drawn, the frame's times,
// the pad's pixels).
EMSCRIPTEN_KEEPALIVE const char* dlp_state_json(int test) {
  static std::string out;
  if (!g_app) return "{}";
  const App& app = *g_app;
  const Session& s = app.session;
  JsonWriter w;
  w.object();
  // The run as the Train panel shows it; its test figure (one per step: Session::measure_step) and
  // the whole test set's last measurement.
  w.field("steps", s.steps()).field("training", s.training).field("loss", s.metrics.last_loss);
  w.field("testAccuracy", s.metrics.last_test_acc).field("testCount", s.metrics.last_test_count).field("testStep", s.metrics.last_test_step);
  w.key("fullTest").object().field("accuracy", s.metrics.full.accuracy).field("count", s.metrics.full.predictions.size())
      .field("step", s.metrics.full.step).end();
  w.field("examplesPerSecond", s.metrics.examples_per_s);
  w.field("weightsHash", hex64(s.model ? s.model->weights_hash() : 0));
  // The data set and how much of it is in.
  w.field("data", s.data.name).field("trainIn", s.data.train.available).field("trainTotal", s.data.train.size());
  w.field("testIn", s.data.test.available).field("testTotal", s.data.test.size()).field("waitingForData", s.waiting_for_data());
  w.field("dataError", words(s.told(Topic::Data)));
  // The open lesson by id and by its place on the path (1-based; 0: none), and the ids done.
  w.field("lesson", app.lesson).field("lessonNumber", app.lesson.empty() ? 0 : find_lesson(course(), app.lesson) + 1);
  strings(w, "lessonsDone", app.lessons_done);
  w.field("diverged", s.health.diverged).field("alert", words(s.health.alert.said));
  w.field("alertKind", s.health.alert.kind == Alert::Dead       ? "dead"
                       : s.health.alert.kind == Alert::Diverged ? "diverged"
                       : s.health.alert.kind == Alert::Slow     ? "slow"
                                                                  : "");
  w.field("workerThreads", app.worker ? app.worker_threads : 0);
  // The copy kept for offline use and why the page trains on one thread, as the page said (dlp_offline).
  w.key("offline").object().field("status", app.offline.status).field("isolation", app.offline.isolation)
      .field("codeBytes", app.offline.code_bytes).key("data").object();
  for (const auto& [name, bytes] : app.offline.data) w.field(name, bytes);
  w.end().end();
  w.field("replaying", s.replayer.target > 0).field("replayTarget", s.replayer.target);
  w.field("estimatedStepMs", s.model ? s.estimated_step_ms() : 0.0).field("stepMs", s.metrics.step_ms);
  w.field("batch", s.batch).key("lr").raw(short_float(s.cfg.lr));  // as the link writes it
  w.field("awaitingWeights", s.replayer.awaiting.hash != 0);
  w.key("view").object().field("textScale", app.view.text_scale).field("highContrast", app.view.high_contrast).end();
  strings(w, "lessonReadout", app.lesson_readout);
  strings(w, "linkCaveats", words(s.link_caveats()));
  strings(w, "notes", words(s.notes));
  strings(w, "linkProblems", app.link_problems);
  w.field("spec", s.draft.ok ? spec_to_string(s.draft.spec) : s.draft.text).field("specError", s.draft.ok ? "" : s.draft.error.str());
  w.field("status", words(s.told(Topic::Status))).field("aria", app.aria_status);
  w.field("workerNote", app.worker_note).field("keepNote", keep_note(app)).field("replacedSteps", app.replaced_steps);
  w.field("shareCopied", app.share_copied).field("compareNote", app.compare_note);
  w.key("pinned").array();  // the runs pinned to compare (compare.h), and what the table said of each
  for (const PinnedRun& p : app.pinned) {
    w.object().field("name", std::string(1, p.name)).field("steps", p.steps).field("testAcc", p.test_acc_last);
    w.field("loss", p.last_loss).field("points", p.loss.y.size()).field("weightsHash", hex64(p.run.weights_hash)).end();
  }
  w.end();
  w.field("pinQueue", app.run_jobs.size()).field("trainAllTo", app.train_all_to);
  strings(w, "compareDiffers", app.compare_differs);
  if (app.unit.open()) {  // the unit open in Inspect, every number with all its digits
    const UnitReport& u = app.unit_report;
    w.key("unit").object().field("layer", u.layer).field("act", u.act).field("y", u.y).field("x", u.x).field("c", u.c);
    w.field("terms", u.terms.size()).field("term", u.term).field("positions", u.positions);
    w.key("field").array().value(u.field.y0).value(u.field.y1).value(u.field.x0).value(u.field.x1).end();
    w.field("z", u.z).field("engineZ", u.engine_z).field("a", u.a).field("engineA", u.engine_a).field("dz", u.dl_dz).field("da", u.dl_da);
    w.field("dw", u.dw).field("engineDw", u.engine_dw).field("db", u.db).field("engineDb", u.engine_db);
    w.field("name", u.name).field("error", words(u.error)).end();
  }
  {  // Rewind (rewind.h): the step shown (-1: now), the keyframes kept, the last seek's time
    const Rewind& r = s.rewind;
    Model* shown = g_app->session.shown_model();
    const long long shown_step = r.showing() ? static_cast<long long>(r.shown_step()) : -1LL;
    w.key("rewind").object().field("shown", shown_step).field("target", r.showing() ? static_cast<long long>(r.target()) : -1LL);
    w.field("first", r.first_step()).field("keyframes", r.count()).field("bytes", r.bytes()).field("interval", r.interval());
    w.field("seekMs", r.last_seek_ms).field("weightsHash", hex64(shown ? shown->weights_hash() : 0)).field("note", words(r.note));
    w.field("evaluatedAt", s.shown_full().predictions.empty() ? -1LL : static_cast<long long>(s.shown_full().step)).end();
  }
  // The pad's input pixels hashed as a frame's picture is (picture_hash.h): what changes with the drawing.
  w.field("drawnHash", hex64(picture_hash(s.pad.pixels, sizeof s.pad.pixels))).field("drawnBlank", s.pad.blank).key("probs").array();
  for (int c = 0; c < 10; ++c) w.value(s.pad.probs[c]);
  w.end();
  if (test) state_for_tests(w, app);
  w.end();
  out = w.str();
  return out.c_str();
}

// train(n) from the page (tests and course pages): n more steps, in the worker when there is one;
// returns the step training stops at (-1: no model). The page waits until training stops.
EMSCRIPTEN_KEEPALIVE double dlp_train_to(double n) {
  if (!g_app || !g_app->session.trainer || n < 1) return -1;
  g_app->session.train_steps(static_cast<uint64_t>(n));
  return static_cast<double>(g_app->session.train_target);
}
// How tall the page's content is, in CSS pixels: the lowest panel's bottom when every panel shows
// all of its content without scrolling (an embedding page sizes its iframe by it; App::content_height).
EMSCRIPTEN_KEEPALIVE double dlp_content_height() { return g_app ? std::clamp(g_app->content_height + 8.0f, 320.0f, 4000.0f) : 320.0; }

// Shows the model at step k of the run (rewind.h), at once; returns the seek's replay time in ms
// (-1: nothing to go back to). k at or past the last step shows the run as it is now.
EMSCRIPTEN_KEEPALIVE double dlp_seek(double k) {
  if (!g_app || !g_app->session.model || k < 0) return -1;
  Session& s = g_app->session;
  if (s.replayer.target > 0 || !g_app->run_jobs.empty()) return -1;
  s.rewind.seek_now(s, static_cast<uint64_t>(k));
  return s.rewind.showing() ? s.rewind.last_seek_ms : 0;
}

// The keyframes' memory budget in bytes (rewind.h; 0: the default): the long-session test sets a
// small one so that its few minutes see the keyframes thinned several times.
EMSCRIPTEN_KEEPALIVE void dlp_rewind_budget(double bytes) {
  if (g_app) g_app->session.rewind.budget = bytes > 0 ? static_cast<size_t>(bytes) : Rewind::kBudget;
}

EMSCRIPTEN_KEEPALIVE int dlp_training() { return g_app && g_app->session.training ? 1 : 0; }

// The training worker (web/train_worker.js) is up, with this many engine threads: from the next
// frame on it trains. Messages to it go through Module.postToWorker.
EMSCRIPTEN_KEEPALIVE void dlp_worker_ready(int threads) {
  if (!g_app) return;
  g_app->worker = std::make_unique<WorkerChannel>([](const Message& m) {
    EM_ASM({ Module.postToWorker($0, $1); }, m.data(), m.size());
  });
  g_app->worker_threads = threads;
}
// The worker failed, stopped answering or sent what the page could not use (web/main.js's
// watchdog): the page's session is the truth already, so training goes on from its last update,
// in a new worker (replacing: 1, from its ready on) or else in the page's frames. Said in one line.
EMSCRIPTEN_KEEPALIVE void dlp_worker_lost(const char* why, int replacing) {
  if (!g_app) return;
  Session& s = g_app->session;
  const bool had = g_app->worker != nullptr;
  g_app->worker.reset();
  g_app->worker_threads = 0;
  // A worker lost before it was ready leaves nothing to say (the console has it), unless a note
  // already says where training went (a replacement lost before it was ready).
  if (!had && g_app->worker_note.empty()) return;
  EM_ASM({ console.warn('Training worker lost: ' + UTF8ToString($0)); }, why);
  if (s.training || !g_app->worker_note.empty()) {
    g_app->worker_note = std::string("The training worker stopped (") + why + "). Training went on " +
                         (replacing ? "in a new one" : "in this page") + " from step " + std::to_string(s.steps()) + "; nothing was lost.";
    s.say(Topic::Status, g_app->worker_note);
  }
  redraw().now();
}
// While the worker trains: how long the page waits for word from it before it counts it lost
// (ms; 0: nothing expected). It posts an update after each slice of about 100 ms, and a sign of
// life every second. A slice takes at least one step, the first step of
// a fresh worker several times the others, and a step that ends an epoch reads the whole test set
// (about test/(3 batch) steps' worth): the bound grows with the model's step.
EMSCRIPTEN_KEEPALIVE double dlp_worker_watch() {
  if (!g_app || !g_app->worker || !g_app->worker->running()) return 0;
  const Session& s = g_app->session;
  const double step = std::max(s.metrics.step_ms, s.estimated_step_ms());
  return std::max(5000.0, (8 + s.data.test.size() / (3.0 * std::max(1, s.batch))) * step);
}
EMSCRIPTEN_KEEPALIVE void dlp_worker_message(const uint8_t* p, int n) {
  if (!g_app || !g_app->worker || n <= 0) return;
  WorkerChannel& link = *g_app->worker;
  link.receive(g_app->session, p, static_cast<size_t>(n));
  if (link.problem.said()) {
    // The page's glue terminates it and says so (web/main.js, workerLost).
    const std::string why = words(link.problem);
    EM_ASM({ window.dispatchEvent(new CustomEvent('dlp-worker-lost', { detail: UTF8ToString($0) })); }, why.c_str());
  }
}

EMSCRIPTEN_KEEPALIVE float dlp_evaluate() {
  if (!g_app || !g_app->session.trainer) return -1;
  g_app->session.evaluate_full();
  return g_app->session.metrics.full.accuracy;
}

// A picked image: w x h grey values in [0, 1], ink high (the page inverts light backgrounds).
EMSCRIPTEN_KEEPALIVE int dlp_add_own_image(const float* gray, int w, int h, int label) {
  if (!g_app || w <= 0 || h <= 0 || w > 4096 || h > 4096) return 0;
  Session& s = g_app->session;
  uint8_t px[784];
  if (!mnist_frame(gray, w, h, px)) { s.say(Topic::Own, "An image was blank and was skipped."); return 0; }
  Fact why;
  if (!s.own.add(px, static_cast<uint8_t>(label), &why)) { s.say(Topic::Own, why); return 0; }
  s.own.changed();
  save_own(s);
  return 1;
}

// Picked IDX files: images (N, 28, 28) and optionally labels (N); without labels all take `label`.
EMSCRIPTEN_KEEPALIVE int dlp_add_own_idx(const uint8_t* images, int n_images, const uint8_t* labels, int n_labels, int label) {
  if (!g_app) return 0;
  Session& s = g_app->session;
  IdxArray im, lb;
  std::string err;
  if (!parse_idx(images, static_cast<size_t>(n_images), &im, &err)) { s.say(Topic::Own, err); return 0; }
  if (im.dims.size() != 3 || im.dims[1] != 28 || im.dims[2] != 28) { s.say(Topic::Own, "IDX images must be (N, 28, 28)."); return 0; }
  if (labels && !parse_idx(labels, static_cast<size_t>(n_labels), &lb, &err)) { s.say(Topic::Own, "labels: " + err); return 0; }
  if (labels && (lb.dims.size() != 1 || lb.dims[0] != im.dims[0])) { s.say(Topic::Own, "The labels IDX must hold one label per image."); return 0; }
  int added = 0;
  Fact why;
  for (uint32_t i = 0; i < im.dims[0]; ++i) {
    const uint8_t l = labels ? lb.data[i] : static_cast<uint8_t>(label);
    if (!s.own.add(im.data.data() + static_cast<size_t>(i) * 784, l, &why)) { s.say(Topic::Own, why); break; }
    ++added;
  }
  if (added) s.say(Topic::Own, "Added " + std::to_string(added) + " examples from IDX." + (why.said() ? " The rest were not: " + words(why) + "." : ""));
  s.own.changed();
  save_own(s);
  return added;
}

// A chunk of a data set, fetched and unpacked by the page (see Dataset::add_chunk); 0 if it does
// not fit (the status says why). A split's first chunk is drawn at once (training can start);
// the others only move the Data panel's counts, drawn at most four times a second (a frame in
// software GL costs more than unpacking a chunk).
EMSCRIPTEN_KEEPALIVE int dlp_data_chunk(const char* name, const char* split, int index, const uint8_t* bytes, int n) {
  if (!g_app || index < 0 || n < 0) return 0;
  Session& s = g_app->session;
  if (s.add_chunk(name, split, static_cast<size_t>(index), bytes, static_cast<size_t>(n))) {
    if (index == 0) redraw().now();
    else redraw().after(250, now_ms());
    return 1;
  }
  s.say(Topic::Status, "Could not use the " + std::string(name) + " data: " + words(s.told(Topic::Data)));
  redraw().now();
  return 0;
}

// A download of the current data set failed; the page retries and says so here.
EMSCRIPTEN_KEEPALIVE void dlp_data_problem(const char* name, const char* message) {
  if (!g_app || g_app->session.data.name != name) return;
  g_app->session.say(Topic::Data, message);
}

// What the page keeps for offline use (web/offline.js): status and isolation as App::Offline says,
// kept a line per part, "code BYTES" and "data NAME BYTES".
EMSCRIPTEN_KEEPALIVE void dlp_offline(const char* status, const char* isolation, const char* kept) {
  if (!g_app) return;
  App::Offline& o = g_app->offline;
  o.status = status;
  o.isolation = isolation;
  o.code_bytes = 0;
  o.data.clear();
  std::istringstream lines(kept);
  for (std::string what; lines >> what;) {
    std::string name;
    double bytes = 0;
    if (what == "code" && lines >> bytes) o.code_bytes = bytes;
    else if (what == "data" && lines >> name >> bytes) o.data.emplace_back(name, bytes);
    else break;  // not the page's format: what was read stands
  }
}
// 1 when the page started from the run kept in this tab (persist.cpp, restore_session).
EMSCRIPTEN_KEEPALIVE int dlp_restored_session() { return g_app && g_app->restored ? 1 : 0; }

// Opens a share link (the URL fragment, with or without '#').
EMSCRIPTEN_KEEPALIVE void dlp_load_link(const char* fragment) {
  if (g_app) load_link(*g_app, fragment);
}

// The current demo as a link fragment (without '#').
EMSCRIPTEN_KEEPALIVE const char* dlp_share_link() {
  static std::string out;
  out = g_app ? encode_link(capture_state(*g_app)) : "";
  return out.c_str();
}

// Weights picked or dropped by the user: loaded only if they match the current model.
EMSCRIPTEN_KEEPALIVE int dlp_load_weights(const uint8_t* bytes, int n) {
  if (!g_app) return 0;
  Session& s = g_app->session;
  Fact err;
  if (!s.load_weights(bytes, static_cast<size_t>(n), &err)) {
    s.say(Topic::Status, "Weights not loaded: " + words(err));
    return 0;
  }
  return 1;
}

// Stops a link's replay where it is.
EMSCRIPTEN_KEEPALIVE void dlp_stop_replay() {
  if (g_app) g_app->session.stop_replay();
}

// The loss curve (step, loss) and the run's log as it would go into a link.
EMSCRIPTEN_KEEPALIVE const char* dlp_curves_json() {
  static std::string out;
  if (!g_app) return "{}";
  const Session& s = g_app->session;
  char buf[64];
  out = "{\"step\":[";
  for (size_t i = 0; i < s.metrics.loss.x.size(); ++i) { std::snprintf(buf, sizeof buf, "%s%.9g", i ? "," : "", static_cast<double>(s.metrics.loss.x[i])); out += buf; }
  out += "],\"loss\":[";
  for (size_t i = 0; i < s.metrics.loss.y.size(); ++i) { std::snprintf(buf, sizeof buf, "%s%.9g", i ? "," : "", static_cast<double>(s.metrics.loss.y[i])); out += buf; }
  out += "],\"log\":\"" + json_escape(encode_log(s.log())) + "\"}";
  return out.c_str();
}

// Seconds per forward pass of `batch` test images through the current model (benchmarks).
EMSCRIPTEN_KEEPALIVE double dlp_bench_inference(int batch, int reps) {
  if (!g_app || !g_app->session.model || batch < 1 || batch > 1024 || reps < 1) return -1;
  Session& s = g_app->session;
  std::vector<float> x(784 * static_cast<size_t>(batch)), p(10 * static_cast<size_t>(batch));
  for (int i = 0; i < batch; ++i) normalize(s.data.test.image(i % s.data.test.size()), 784, s.data.norm, x.data() + 784 * i);
  s.model->predict(x.data(), batch, p.data());  // warm-up
  const double t0 = now_ms();
  for (int r = 0; r < reps; ++r) s.model->predict(x.data(), batch, p.data());
  return (now_ms() - t0) / 1000.0 / reps;
}

// A save that did not reach the browser's storage (web/main.js: full, refused, a private window),
// or "" once one does again: the Train panel says what is not being kept.
EMSCRIPTEN_KEEPALIVE void dlp_storage_problem(const char* why) {
  if (!g_app) return;
  g_app->storage_problem = why;
  redraw().now();
}

// A .dlpsession file picked or dropped (web/main.js): the run continues where it was saved.
EMSCRIPTEN_KEEPALIVE int dlp_load_session(const uint8_t* p, int n, const char* name) {
  if (!g_app || n <= 0) return 0;
  return load_session_file(*g_app, std::vector<uint8_t>(p, p + n), name) ? 1 : 0;
}

// Keeps the session now (the page calls this when it is hidden or left).
EMSCRIPTEN_KEEPALIVE void dlp_save_session() {
  if (g_app) maybe_save_session(*g_app, true);
}

EMSCRIPTEN_KEEPALIVE void dlp_start_fresh() {
  if (g_app) start_fresh(*g_app);
}

// True while a link's steps are being replayed.
EMSCRIPTEN_KEEPALIVE int dlp_replaying() { return g_app && g_app->session.replayer.target > 0; }

// What classify() reads and gives (web/main.js asks, so the sizes live here only): the pixels of
// an image, row-major, and the probabilities, one per class.
constexpr int kInputPixels = 28 * 28, kClasses = 10;
EMSCRIPTEN_KEEPALIVE int dlp_input_pixels() { return kInputPixels; }
EMSCRIPTEN_KEEPALIVE int dlp_classes() { return kClasses; }

// A probability per class for an image given as bytes 0..255 (row-major), with the page's normalization.
EMSCRIPTEN_KEEPALIVE int dlp_classify(const uint8_t* pixels, float* probs) {
  if (!g_app || !g_app->session.model) return 0;
  Session& s = g_app->session;
  float x[kInputPixels];
  normalize(pixels, kInputPixels, s.data.norm, x);
  s.model->predict(x, 1, probs);
  return 1;
}

EMSCRIPTEN_KEEPALIVE int dlp_own_count() { return g_app ? static_cast<int>(g_app->session.own.size()) : 0; }

// Shows exactly the named panels (names one per line, any case); "" or what is wrong (nothing
// changes then). The names are panels.cpp's.
EMSCRIPTEN_KEEPALIVE const char* dlp_show_panels(const char* names) {
  static std::string out;
  if (!g_app) return "";
  std::vector<std::string> list;
  std::string n;
  for (const char* c = names; ; ++c) {
    if (*c == '\n' || *c == 0) { if (!n.empty()) list.push_back(n); n.clear(); if (!*c) break; }
    else n += *c;
  }
  out = show_panels_named(*g_app, list);
  return out.c_str();
}

EMSCRIPTEN_KEEPALIVE void dlp_clear_pad() {
  if (!g_app) return;
  g_app->session.pad.clear();
  g_app->session.update_drawing();
}

}  // extern "C"
