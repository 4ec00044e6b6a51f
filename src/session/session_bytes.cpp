// The training side of a Session as bytes, for a training worker (worker_channel.h): the page
// sends it to start the worker on the run as it stands, the worker sends it back as it trains.
// Both ends are this same code compiled into the same wasm target at the same time, so plain
// values travel as their bytes; vectors and strings carry a length; what the student is told
// (the alert, the notes, the status line) travels as facts (fact.h).
#include <algorithm>
#include <cstring>
#include <type_traits>

#include "engine/bytes.h"
#include "session/session.h"

namespace dlp {

namespace {

// The magic names the form. "DPLF" carries the alert, the notes and the status as facts; "DPLT",
// otherwise the same, as their English text. Bytes in the text form load too (some are kept in
// tests/fixtures/diverged_run.dplt): each message comes back as the words it was saved with
// (Fact::Text), so a saved alert reads as it did and offers the same retry, which has its own slots.
constexpr uint32_t kMagic = 0x464c5044;      // "DPLF"
constexpr uint32_t kMagicText = 0x544c5044;  // "DPLT"

struct Writer {
  std::vector<uint8_t> b;
  template <typename T>
  void pod(const T& v) {
    static_assert(std::is_trivially_copyable<T>::value, "plain values only");
    const auto* p = reinterpret_cast<const uint8_t*>(&v);
    b.insert(b.end(), p, p + sizeof v);
  }
  template <typename T>
  void vec(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable<T>::value, "plain values only");
    put_le(b, v.size(), 4);
    const auto* p = reinterpret_cast<const uint8_t*>(v.data());
    b.insert(b.end(), p, p + v.size() * sizeof(T));
  }
  void str(const std::string& s) { put_text(b, s); }
  void fact(const Fact& f) { put_fact(b, f); }
  void curve(const Curve& c) { vec(c.x); vec(c.y); }
};

struct Reader {
  ByteReader r;
  template <typename T>
  T pod() {
    T v{};
    if (r.at + sizeof v > r.n) { r.ok = false; return v; }
    std::memcpy(&v, r.p + r.at, sizeof v);
    r.at += sizeof v;
    return v;
  }
  template <typename T>
  std::vector<T> vec() {
    const size_t n = static_cast<size_t>(r.u(4));
    if (!r.ok || n > (r.n - r.at) / sizeof(T)) { r.ok = false; return {}; }
    std::vector<T> v(n);
    if (n) std::memcpy(v.data(), r.p + r.at, n * sizeof(T));
    r.at += n * sizeof(T);
    return v;
  }
  std::string str() { return r.text(); }
  bool text_form = false;  // kMagicText: messages as text
  Fact fact() {
    if (text_form) return Fact::from_text(str());
    Fact f;
    read_fact(r, &f);
    return f;
  }
  Curve curve() { Curve c; c.x = vec<float>(); c.y = vec<float>(); return c; }
};

TrainSettings read_settings(Reader& r) {
  TrainSettings t;
  if (!get_settings(r.r.p + r.r.at, std::min(kSettingsBytes, r.r.n - r.r.at), &t)) { r.r.ok = false; return t; }
  r.r.at += kSettingsBytes;
  return t;
}

}  // namespace

std::vector<uint8_t> Session::save_training(bool for_worker) const {
  Writer w;
  w.pod(kMagic);
  // The run and how it is set now.
  const RunStart& run = record_.run;
  w.str(run.data);
  w.pod(run.norm);
  w.str(run.spec);
  w.pod(run.init);
  w.pod(run.seeds);
  put_settings(w.b, run.settings);
  w.pod(run.wfile);
  w.pod(run.wfile_step);
  w.str(draft.spec.layers.empty() ? run.spec : spec_to_string(draft.spec));  // the last valid spec (an edit may be half typed)
  put_settings(w.b, current_settings());
  put_settings(w.b, record_.logged);
  w.vec(record_.log);
  w.vec(replayer.log);
  w.pod(static_cast<uint64_t>(replayer.next));
  w.pod(replayer.target);
  w.pod(replayer.expect);
  w.pod(train_target);
  w.pod(training);
  w.pod(health.diverged);
  w.pod(slow_ok);
  w.pod(was_training_);
  const Alert& a = health.alert;
  w.pod(a.kind);
  w.fact(a.said);
  w.pod(a.retry_step);
  w.pod(a.kind == Alert::Slow ? static_cast<float>(a.retry_batch) : a.retry_lr);  // one slot for the offer
  w.pod(health.dead_steps);
  w.pod(health.recent_loss);
  // The weights and where training stands.
  const bool has_model = model && trainer;
  w.pod(has_model);
  if (has_model) {
    w.vec(std::vector<float>(model->param_block(), model->param_block() + model->param_count()));
    w.vec(model->train_state_bytes());
    w.pod(trainer->position());
  }
  const Checkpoint& cp = health.checkpoint;
  w.pod(cp.valid);
  w.pod(cp.step);
  w.vec(cp.weights);
  w.vec(cp.state);
  w.pod(cp.pos);
  w.pod(static_cast<uint64_t>(cp.log_len));
  // What the panels show.
  const RunMetrics& m = metrics;
  w.curve(m.loss);
  w.curve(m.train_acc);
  w.curve(m.test_acc);
  put_le(w.b, m.grad_norms.size(), 4);
  for (const Curve& c : m.grad_norms) w.curve(c);
  w.vec(m.last_grads);
  w.vec(m.full.predictions);
  w.pod(m.full.confusion);
  w.pod(static_cast<uint64_t>(m.full.step));
  w.pod(m.full.accuracy);
  w.pod(m.last_loss);
  w.pod(m.last_test_acc);
  w.pod(static_cast<uint64_t>(m.last_test_count));
  w.pod(static_cast<uint64_t>(m.last_test_step));
  w.pod(m.examples_per_s);
  w.pod(m.step_ms);
  w.pod(m.flops_per_ms);
  w.pod(m.train_ms);
  put_le(w.b, notes.size(), 4);
  for (const Fact& n : notes) w.fact(n);
  w.fact(told(Topic::Status));
  w.pod(for_worker);
  if (for_worker) {
    w.vec(own.bytes());
    w.pod(own.weight);
  }
  return std::move(w.b);
}

namespace {

// The page's end of Session::quick_tests_on_page: the worker's test curve lacks the estimates the
// page measured since the worker started from it; they go back in at their steps (a point the
// worker has too is matched once), and the page's last measurement stays when it is the later.
void keep_page_tests(const RunMetrics& page, RunMetrics* m) {
  // Both curves are in step order: one merge, a point in both taken once, the worker's first
  // among equal steps.
  const Curve& w = m->test_acc;
  const Curve& p = page.test_acc;
  Curve out;
  size_t a = 0, b = 0;
  while (a < w.x.size() || b < p.x.size()) {
    if (a < w.x.size() && b < p.x.size() && w.x[a] == p.x[b] && w.y[a] == p.y[b]) ++b;  // both have it
    if (b == p.x.size() || (a < w.x.size() && w.x[a] <= p.x[b])) { out.add(w.x[a], w.y[a]); ++a; }
    else { out.add(p.x[b], p.y[b]); ++b; }
  }
  m->test_acc = std::move(out);
  if (page.last_test_step > m->last_test_step) {
    m->last_test_acc = page.last_test_acc;
    m->last_test_count = page.last_test_count;
    m->last_test_step = page.last_test_step;
  }
}

}  // namespace

bool Session::load_training(const uint8_t* p, size_t n, bool as_worker, bool take_settings, Fact* err) {
  const size_t steps_before = steps();
  Reader r{{p, n}};
  const uint32_t magic = r.pod<uint32_t>();
  if (magic != kMagic && magic != kMagicText) { *err = Fact(Fact::NotATrainingState); return false; }
  r.text_form = magic == kMagicText;
  RunStart run;
  run.data = r.str();
  run.norm = r.pod<Normalization>();
  run.spec = r.str();
  run.init = r.pod<InitConfig>();
  run.seeds = r.pod<Seeds>();
  run.settings = read_settings(r);
  run.wfile = r.pod<uint64_t>();
  run.wfile_step = r.pod<uint64_t>();
  const std::string spec_now = r.str();
  const TrainSettings settings = read_settings(r), logged = read_settings(r);
  std::vector<LogChange> log = r.vec<LogChange>(), replay_log = r.vec<LogChange>();
  const uint64_t replay_next = r.pod<uint64_t>(), replay_to = r.pod<uint64_t>(), replay_expect = r.pod<uint64_t>();
  const uint64_t train_to = r.pod<uint64_t>();
  const bool is_training = r.pod<bool>(), is_diverged = r.pod<bool>(), is_slow_ok = r.pod<bool>(), was_training = r.pod<bool>();
  Alert a;
  a.kind = r.pod<Alert::Kind>();
  a.said = r.fact();
  a.retry_step = r.pod<uint64_t>();
  const float offer = r.pod<float>();
  if (a.kind == Alert::Slow) a.retry_batch = static_cast<int>(offer);
  else a.retry_lr = offer;
  const int dead = r.pod<int>();
  const float recent = r.pod<float>();
  const bool has_model = r.pod<bool>();
  std::vector<float> weights;
  std::vector<uint8_t> state;
  Trainer::Position pos;
  if (has_model) {
    weights = r.vec<float>();
    state = r.vec<uint8_t>();
    pos = r.pod<Trainer::Position>();
  }
  Checkpoint cp;
  cp.valid = r.pod<bool>();
  cp.step = r.pod<uint64_t>();
  cp.weights = r.vec<float>();
  cp.state = r.vec<uint8_t>();
  cp.pos = r.pod<Trainer::Position>();
  cp.log_len = static_cast<size_t>(r.pod<uint64_t>());
  RunMetrics m;
  m.loss = r.curve();
  m.train_acc = r.curve();
  m.test_acc = r.curve();
  const size_t norms = static_cast<size_t>(r.r.u(4));
  for (size_t i = 0; i < norms && r.r.ok; ++i) m.grad_norms.push_back(r.curve());
  m.last_grads = r.vec<float>();
  m.full.predictions = r.vec<uint8_t>();
  r.r.ok = r.r.ok && r.r.at + sizeof m.full.confusion <= r.r.n;
  if (r.r.ok) { std::memcpy(m.full.confusion, r.r.p + r.r.at, sizeof m.full.confusion); r.r.at += sizeof m.full.confusion; }
  m.full.step = static_cast<size_t>(r.pod<uint64_t>());
  m.full.accuracy = r.pod<float>();
  m.last_loss = r.pod<float>();
  m.last_test_acc = r.pod<float>();
  m.last_test_count = static_cast<size_t>(r.pod<uint64_t>());
  m.last_test_step = static_cast<size_t>(r.pod<uint64_t>());
  m.examples_per_s = r.pod<double>();
  m.step_ms = r.pod<double>();
  m.flops_per_ms = r.pod<double>();
  m.train_ms = r.pod<double>();
  // Each note takes at least its length's 4 bytes as text, a whole fact's as a fact: a count the
  // bytes left cannot hold is refused before anything is made for it.
  static const size_t fact_bytes = [] { std::vector<uint8_t> b; put_fact(b, Fact{}); return b.size(); }();
  const size_t note_count = static_cast<size_t>(r.r.u(4));
  if (note_count > (r.r.n - std::min(r.r.at, r.r.n)) / (r.text_form ? 4 : fact_bytes)) r.r.ok = false;
  std::vector<Fact> new_notes(r.r.ok ? note_count : 0);
  for (Fact& f : new_notes) {
    if (!r.r.ok) break;
    f = r.fact();
  }
  const Fact status = r.fact();
  const bool with_own = r.pod<bool>();
  std::vector<uint8_t> own_bytes;
  float own_weight = own.weight;
  if (with_own) {
    own_bytes = r.vec<uint8_t>();
    own_weight = r.pod<float>();
  }
  if (!r.r.ok || r.r.at != n) { *err = Fact(Fact::DamagedTrainingState); return false; }
  if (!has_model) { *err = Fact(Fact::RunHasNoModel); return false; }

  if (as_worker) {
    // Build the run's model as the page did (the weights come next), on the data the page streams.
    if (run.data != data.name) {
      *err = Fact(Fact::WorkerHasOtherData);
      err->text = data.name;
      err->text2 = run.data;
      return false;
    }
    if (with_own) {
      OwnExamples o;
      if (!own_bytes.empty() && !o.from_bytes(own_bytes)) { *err = Fact(Fact::DamagedOwnExamples); return false; }
      own.set = std::move(o.set);
      own.weight = own_weight;
      own.changed();
    }
    data.norm = run.norm;
    init = run.init;
    batch = settings.batch;  // the memory check is at the run's batch
    seeds = run.seeds;
    if (!set_spec(spec_now)) {
      *err = Fact(Fact::WorkerCannotBuild);
      err->text = draft.error.str();
      return false;
    }
    record_.run = run;
    set_current_settings(settings);
  } else {
    // The page's copy of the same run: the worker's progress replaces its own.
    // (The run's start may have changed: settings changed before its first step are its start.)
    if (!model || !trainer || run.data != record_.run.data || run.seeds.init != record_.run.seeds.init ||
        run.wfile != record_.run.wfile) {
      *err = Fact(Fact::WorkerTrainedOtherRun);
      return false;
    }
    record_.run = run;
    if (take_settings) set_current_settings(settings);
  }
  if (weights.size() != model->param_count() || !model->load_train_state(state.data(), state.size())) {
    *err = Fact(Fact::WeightsDoNotFit);
    return false;
  }
  std::memcpy(model->param_block(), weights.data(), weights.size() * sizeof(float));
  record_.log = std::move(log);
  record_.logged = logged;
  use_settings(record_.logged);
  trainer->set_position(pos);
  if (as_worker) {
    replayer.log = std::move(replay_log);
    replayer.expect = replay_expect;
    training = is_training;
  } else {
    // The student may have paused since the worker sent this: only the worker's stopping counts.
    training = training && is_training;
  }
  replayer.next = static_cast<size_t>(replay_next);
  replayer.target = replay_to;
  train_target = train_to;
  health.diverged = is_diverged;
  slow_ok = is_slow_ok;
  was_training_ = was_training;
  health.alert = std::move(a);
  health.dead_steps = dead;
  health.recent_loss = recent;
  health.checkpoint = std::move(cp);
  m.grad_norm_names = std::move(metrics.grad_norm_names);
  if (!as_worker) keep_page_tests(metrics, &m);
  metrics = std::move(m);
  notes = std::move(new_notes);
  say(Topic::Status, status);
  clock.close_window();
  clock.restart();
  if (!as_worker) {
    // The worker's slice ended at a quick estimate's step and left it to the page: these weights.
    const size_t now = steps();
    const bool measured = !metrics.test_acc.x.empty() && metrics.test_acc.x.back() == static_cast<float>(now);
    if (now > steps_before && Evaluator::quick_test_due(now) && !measured) evaluate_test(500);
    rewind.keep(*this);
    update_drawing();
  }
  return true;
}

}  // namespace dlp
