#include "session/worker_channel.h"

#include <cstring>

#include "engine/bytes.h"

namespace dlp {

namespace {

// A message: its kind, the generation it belongs to, then its body.
enum Kind : uint8_t { Start = 'S', Settings = 'C', Stop = 'P', Update = 'U', Failed = 'F' };

Message header(Kind k, uint32_t gen) {
  Message m{k};
  put_le(m, gen, 4);
  return m;
}

// An update's body: the worker's times, the Settings messages it has taken since its Start, then
// its state.
constexpr size_t kTimesBytes = 4 * sizeof(double);
constexpr size_t kCountBytes = 4;

}  // namespace

void WorkerChannel::start(Session& s) {
  Message m = header(Start, ++gen_);
  const std::vector<uint8_t> state = s.save_training(true);
  m.insert(m.end(), state.begin(), state.end());
  post_(m);
  running_ = true;
  sent_version_ = s.version();
  sent_own_ = s.own.fingerprint();
  sent_settings_ = s.current_settings();
  settings_sent_ = 0;
}

void WorkerChannel::frame(Session& s) {
  if (s.training && s.trainer) {
    if (!running_ || s.version() != sent_version_ || s.own.fingerprint() != sent_own_) {
      start(s);
    } else if (s.current_settings() != sent_settings_) {
      // Logged by the worker at the step it takes next, as the page would have.
      sent_settings_ = s.current_settings();
      ++settings_sent_;
      Message m = header(Settings, gen_);
      put_settings(m, sent_settings_);
      post_(m);
    }
    return;
  }
  if (running_) {
    // Paused (or anything else stopped it): what the worker did since its last update is dropped,
    // so the model stays the one the student sees.
    post_(header(Stop, gen_));
    ++gen_;
    running_ = false;
  }
  s.tick(0);  // not training: says once that it paused
}

void WorkerChannel::receive(Session& s, const uint8_t* p, size_t n) {
  ++received_;
  if (n < 5) return;
  const uint32_t gen = static_cast<uint32_t>(get_le(p + 1, 4));
  // An update of an older start, or one that crossed a change made here: the next start
  // (or the stop already sent) supersedes it.
  if (gen != gen_ || !running_ || !s.training || s.version() != sent_version_) return;
  if (p[0] == Failed) {
    ByteReader r{p + 5, n - 5};
    if (!read_fact(r, &problem) || !problem.said()) problem = Fact(Fact::DamagedTrainingState);
    running_ = false;
    return;
  }
  if (p[0] != Update || n < 5 + kTimesBytes + kCountBytes) return;
  double t[4];
  std::memcpy(t, p + 5, kTimesBytes);
  worker_times = {t[0], t[1], t[2], t[3]};
  const uint32_t taken = static_cast<uint32_t>(get_le(p + 5 + kTimesBytes, kCountBytes));
  p += kTimesBytes + kCountBytes;
  n -= kTimesBytes + kCountBytes;
  // A replay changes the settings as its log says; take them unless the student changed one
  // meanwhile: not yet sent, or sent and not yet taken by the worker when it wrote this update
  // (its settings would put the old value back until its next update).
  const bool take_settings = s.current_settings() == sent_settings_ && taken == settings_sent_;
  Fact err;
  if (!s.load_training(p + 5, n - 5, false, take_settings, &err)) {
    problem = err;
    running_ = false;
    return;
  }
  sent_version_ = s.version();
  if (take_settings) sent_settings_ = s.current_settings();
  if (!s.training) running_ = false;  // it stopped itself (an alert, the end of a replay or of train(n))
}

void TrainingWorker::receive(const uint8_t* p, size_t n) {
  if (n < 5) return;
  const uint32_t gen = static_cast<uint32_t>(get_le(p + 1, 4));
  switch (p[0]) {
    case Start: {
      gen_ = gen;
      settings_taken_ = 0;
      running_ = session.load_training(p + 5, n - 5, true, true, &problem);
      failed_ = !running_;
      break;
    }
    case Settings: {
      TrainSettings t;
      if (gen == gen_ && get_settings(p + 5, n - 5, &t)) session.set_current_settings(t), ++settings_taken_;
      break;
    }
    case Stop:
      if (gen == gen_) running_ = false;
      break;
    default:
      break;
  }
}

Message TrainingWorker::run(double budget_ms) {
  if (failed_) {
    failed_ = false;
    Message m = header(Failed, gen_);
    put_fact(m, problem);
    return m;
  }
  if (!running_) return {};
  const double t0 = now_ms();
  session.tick(budget_ms);
  const double t1 = now_ms();
  slices_ms_ += t1 - t0;
  if (!session.training) running_ = false;
  Message m = header(Update, gen_);
  m.resize(m.size() + kTimesBytes);
  put_le(m, settings_taken_, kCountBytes);
  const std::vector<uint8_t> state = session.save_training(false);
  m.insert(m.end(), state.begin(), state.end());
  updates_ms_ += now_ms() - t1;
  const double t[4] = {session.clock.step_times.engine_ms, session.clock.step_times.tests_ms, slices_ms_, updates_ms_};
  std::memcpy(m.data() + 5, t, kTimesBytes);
  return m;
}

}  // namespace dlp
