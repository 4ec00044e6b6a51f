// The training worker's module (web/train_worker.js runs it in a Web Worker): the engine, the
// data and a Session, no SDL, no ImGui. It gets the data the page streams, the page's messages
// (worker_channel.h), and trains between them; built twice, without threads and with them (for
// cross-origin isolated pages), the same bits either way.
#include <emscripten.h>

#include <string>

#include "engine/parallel.h"
#include "session/worker_channel.h"

using namespace dlp;

namespace {
TrainingWorker* g_worker = nullptr;
Message g_out;
}  // namespace

extern "C" {

// The page's data catalog; returns the problem with it ("" when none).
EMSCRIPTEN_KEEPALIVE const char* dlp_w_init(const char* catalog, int threads) {
  static std::string err;
  if (!g_worker) g_worker = new TrainingWorker;
  err.clear();
  parse_catalog(catalog, &g_worker->session.data.catalog, &err);
  set_engine_threads(threads);
  return err.c_str();
}

EMSCRIPTEN_KEEPALIVE int dlp_w_threads() { return engine_threads(); }

// The page opened a data set: its chunks follow.
EMSCRIPTEN_KEEPALIVE void dlp_w_open(const char* name) {
  if (g_worker) g_worker->session.open_data(name);
}

EMSCRIPTEN_KEEPALIVE int dlp_w_chunk(const char* name, const char* split, int index, const uint8_t* bytes, int n) {
  if (!g_worker || index < 0 || n < 0) return 0;
  return g_worker->session.add_chunk(name, split, static_cast<size_t>(index), bytes, static_cast<size_t>(n)) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void dlp_w_receive(const uint8_t* p, int n) {
  if (g_worker && n > 0) g_worker->receive(p, static_cast<size_t>(n));
}

// Trains for about budget_ms; the update to post is at dlp_w_out(), this many bytes (0: none).
EMSCRIPTEN_KEEPALIVE int dlp_w_run(double budget_ms) {
  if (!g_worker) return 0;
  g_out = g_worker->run(budget_ms);
  return static_cast<int>(g_out.size());
}
EMSCRIPTEN_KEEPALIVE const uint8_t* dlp_w_out() { return g_out.data(); }
EMSCRIPTEN_KEEPALIVE int dlp_w_running() { return g_worker && g_worker->running() ? 1 : 0; }
// Still waiting for the examples of the next step (the worker then looks again a little later).
EMSCRIPTEN_KEEPALIVE int dlp_w_waiting() { return g_worker && g_worker->session.waiting_for_data() ? 1 : 0; }

}  // extern "C"
