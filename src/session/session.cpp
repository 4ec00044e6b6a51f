#include "session/session.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

#include "engine/safetensors.h"
#include "engine/softmax.h"

namespace dlp {

double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void Curve::add(float step, float v) {
  x.push_back(step);
  y.push_back(v);
  // Keep plots cheap in long sessions: past 4000 points, halve the resolution.
  if (x.size() > 4000) {
    size_t j = 0;
    for (size_t i = 0; i < x.size(); i += 2, ++j) { x[j] = x[i]; y[j] = y[i]; }
    x.resize(j);
    y.resize(j);
  }
}

bool Session::load_data(const std::string& name, const std::string& dir) {
  std::string err;
  if (!data.load(name, dir, &err)) { say(Topic::Data, err); return false; }
  use_new_data();
  return true;
}

bool Session::open_data(const std::string& name) {
  std::string err;
  if (!data.open(name, &err)) { say(Topic::Data, err); return false; }
  use_new_data();
  return true;
}

void Session::use_new_data() {
  touch();
  say(Topic::Data, Fact());
  // A run over other data cannot go on; the caller starts the next one (set_spec or rebuild), so
  // a data change builds the model once.
  training = false;
  replayer.halt();
  trainer.reset();
  model.reset();
}

bool Session::add_chunk(const std::string& name, const std::string& split, size_t index, const uint8_t* bytes, size_t n) {
  if (name != data.name) return true;
  std::string err;
  if (!data.add_chunk(split, index, bytes, n, &err)) { say(Topic::Data, err); return false; }
  say(Topic::Data, Fact());
  // When the test set is in, the run's figure at this step follows (measure_step).
  return true;
}

bool Session::set_spec(const std::string& text) {
  if (!draft.take(text, data.train.shape, data.train.classes, batch)) return false;
  rebuild();
  return true;
}

void Session::rebuild() {
  touch();
  training = false;
  train_target = 0;
  health.diverged = false;
  replayer.stop();
  metrics.loss.clear();
  metrics.train_acc.clear();
  metrics.test_acc.clear();
  // The last valid spec (an invalid edit leaves it as it was).
  const ModelSpec& spec = draft.spec;
  if (spec.layers.empty() || data.train.size() == 0) { model.reset(); trainer.reset(); return; }
  SpecError e;
  model = Model::create(spec, data.train.shape, data.train.classes, &e);
  if (!model) { draft.refuse(e); return; }
  model->init(init);
  // The dropout slider's rate is folded into the spec the run starts from.
  dropout = -1;
  record_.run = RunStart{data.name, data.norm, spec_to_string(spec), init, seeds, {}, 0, 0};
  begin_run(0);
  replayer.link_weights_hash = 0;
  health.dead_steps = 0;
  health.recent_loss = 0;
  slow_ok = false;
  metrics.step_ms = 0;
  clock.restart();
  metrics.last_loss = 0;
  // Not measured yet, at no step: a measurement's step kept from the last run would outrank the
  // page's estimates of this one when the worker's progress comes in (keep_page_tests).
  metrics.last_test_acc = -1;
  metrics.last_test_count = 0;
  metrics.last_test_step = 0;
  metrics.examples_per_s = 0;
  metrics.last_grads.assign(model->param_count(), 0.0f);
  grads_pending_ = false;
  metrics.grad_norms.clear();
  metrics.grad_norm_names.clear();
  for (const Param& p : model->params())
    if (!p.is_bias) { metrics.grad_norms.emplace_back(); metrics.grad_norm_names.push_back(p.name); }
  metrics.full = {};
  say(Topic::Status, Fact::counted(Fact::NewWeights, model->param_count()));
  update_drawing();
}

void Session::set_dropout_rate(float rate) {
  draft.set_dropout_rate(rate);
  if (model) model->set_dropout_rate(rate);  // the model follows its spec at once
  dropout = rate;
}

TrainSettings Session::current_settings() const {
  TrainSettings t;
  t.cfg = cfg;
  t.batch = batch;
  t.dropout = dropout;
  t.own_count = own.joined ? static_cast<uint32_t>(own.size()) : 0;
  t.own_hash = t.own_count ? own.fingerprint() : 0;
  return t;
}

void Session::set_current_settings(const TrainSettings& t) {
  cfg = t.cfg;
  batch = t.batch;
  if (t.dropout >= 0) set_dropout_rate(t.dropout);
  // Own examples join only when they are the ones named: a link cannot carry them.
  own.joined = own.named(t.own_count, t.own_hash);
}

void Session::record_settings() {
  if (!model) return;
  const TrainSettings now = current_settings();
  if (now == record_.logged) return;
  if (record_.untrained(model->steps())) {
    // Nothing trained in this run yet: it simply starts with these settings (a dropout rate as
    // part of the spec, as rebuild() does).
    if (dropout >= 0) { record_.run.spec = spec_to_string(draft.spec); dropout = -1; }
    record_.begin(current_settings());
    return;
  }
  record_.record(now, model->steps());
}

void Session::use_settings(const TrainSettings& t) {
  const bool join = own.named(t.own_count, t.own_hash);
  const uint32_t want = join ? own.fingerprint() : 0;
  if (want != trainer_own_) {
    trainer->set_extra(join ? &own.set : nullptr, own.weight);
    trainer_own_ = want;
  }
}

void Session::replay(const std::vector<LogChange>& log, uint64_t target, uint64_t expect_hash) {
  replayer.start(log, target, expect_hash);
  touch();
  if (!model) return;
  training = target > model->steps();
  if (!training) finish_replay();
}

// The changes made after the last step come in too, so the page's own link is the link it opened.
void Session::finish_replay() {
  apply_due_changes();
  record_settings();
  training = false;
  replayer.stop();
  say(Topic::Status, Fact::at_step(Fact::Replayed, model->steps()));
  if (!replayer.matches(model->weights_hash())) {
    Fact note(Fact::ReplayMismatch);
    note.hash = model->weights_hash();
    note.expect = replayer.expect;
    notes.push_back(note);
    say(Topic::Status, Fact(Fact::ReplayDiffers));
  }
  replayer.expect = 0;
  update_drawing();
}

bool Session::load_weights(const uint8_t* bytes, size_t n, Fact* err) {
  if (!model) { *err = Fact(Fact::NoModelForWeights); return false; }
  touch();
  training = false;
  std::string why;
  if (!load_safetensors_bytes(bytes, n, model.get(), &why)) { *err = Fact::from_text(why); return false; }
  const uint64_t h = model->weights_hash();
  Replayer::AwaitWeights& awaiting = replayer.awaiting;
  if (awaiting.hash && awaiting.hash == h) {
    // The file the link continues: the rest of its training replays from here.
    model->set_steps(awaiting.step);
    start_from_weights();
    Replayer::AwaitWeights a = std::move(awaiting);
    awaiting = {};
    replay(a.log, a.target, a.expect);
    say(Topic::Status, Fact(Fact::LinksWeightsFile));
    return true;
  }
  start_from_weights();
  evaluate_full();
  update_drawing();
  Fact f(Fact::LoadedWeights);
  f.accuracy = metrics.full.accuracy;
  f.hash = h;
  f.expect = replayer.link_weights_hash;
  f.other = awaiting.hash != 0;
  if (replayer.link_weights_hash && h == replayer.link_weights_hash) notes.clear();
  say(Topic::Status, f);
  return true;
}

void Session::stop_replay() {
  touch();
  training = false;
  replayer.stop();
  if (model) say(Topic::Status, Fact::at_step(Fact::StoppedReplay, model->steps()));
}

void Session::apply_due_changes() {
  TrainSettings t = current_settings();
  bool changed = false;
  while (const LogChange* c = replayer.next_due(model->steps())) {
    if (c->knob != Knob::OptReset) { apply_change(&t, *c); changed = true; continue; }
    // In the log's order: the settings changed before the reset are logged before it.
    if (changed) { set_current_settings(t); record_settings(); changed = false; }
    reset_optimizer_logged();
  }
  if (changed) set_current_settings(t);
}

void Session::reset_optimizer_logged() {
  model->reset_optimizer();
  record_.reset_optimizer(model->steps());
}

void Session::start_from_weights() {
  if (!model) return;
  training = false;
  replayer.stop();
  model->reset_optimizer();
  record_settings();
  begin_run(model->weights_hash());
}

// A run starts from the model as it stands: the data order from its first epoch (and the dropout
// generator reseeded), the current settings as the run's start, an empty log, a checkpoint.
void Session::begin_run(uint64_t wfile) {
  touch();
  trainer = std::make_unique<Trainer>(model.get(), &data.train, data.norm, seeds);
  trainer_own_ = 0;
  record_.run.wfile = wfile;
  record_.run.wfile_step = wfile ? model->steps() : 0;
  record_.begin(current_settings());
  use_settings(record_.logged);
  health.alert = {};
  metrics.train_ms = 0;
  take_checkpoint();
  rewind.clear();
  rewind.keep(*this);
}

bool Session::resume(const std::vector<LogChange>& log, const uint8_t* weights, size_t weights_n, const uint8_t* state,
                     size_t state_n, const Trainer::Position& pos, uint64_t wfile, uint64_t wfile_step) {
  if (!model) return false;
  touch();
  std::vector<float> keep(model->param_block(), model->param_block() + model->param_count());
  std::string err;
  if (!load_safetensors_bytes(weights, weights_n, model.get(), &err) || !model->load_train_state(state, state_n)) {
    std::copy(keep.begin(), keep.end(), model->param_block());
    return false;
  }
  set_current_settings(settings_before(record_.run.settings, log));
  record_.log = log;
  record_.logged = current_settings();
  use_settings(record_.logged);
  trainer->set_position(pos);
  record_.run.wfile = wfile;
  record_.run.wfile_step = wfile_step;
  // Rewinding goes back to the run's start when it is the seeds' (a weights file's is not here).
  if (wfile) rewind.clear();
  rewind.keep(*this);
  return true;
}

std::vector<Fact> Session::link_caveats() const {
  std::vector<Fact> out;
  const RunStart& run = record_.run;
  const std::vector<LogChange>& changes = record_.log;
  uint32_t own_used = most_own_examples(run.settings.own_count, changes);
  if (own.joined) own_used = std::max(own_used, static_cast<uint32_t>(own.size()));
  if (own_used) out.push_back(Fact::counted(Fact::CaveatOwnExamples, own_used));
  if (run.wfile) out.push_back(Fact::at_step(Fact::CaveatWeightsFile, run.wfile_step));
  if (changes.size() > kMaxLogChanges) out.push_back(Fact::counted(Fact::CaveatTooManyChanges, changes.size()));
  return out;
}

bool Session::ready_to_step() {
  if (!model) return false;
  apply_due_changes();
  record_settings();
  use_settings(record_.logged);
  return trainer->can_step(batch);
}

StepResult Session::step_once() {
  const double t0 = now_ms();
  const StepResult r = step_watched();
  metrics.train_ms += now_ms() - t0;
  keep_grads();
  return r;
}

void Session::keep_grads() {
  if (grads_pending_) std::copy(model->grad_block(), model->grad_block() + model->param_count(), metrics.last_grads.begin());
  grads_pending_ = false;
}

// One step as the loop takes it: the step, its watch, the measurements due at it, a keyframe.
StepResult Session::step_watched() {
  test_left_to_page_ = false;
  if (!ready_to_step()) return {};
  StepResult r;
  if (!take_step(&r)) return r;  // it blew up and was undone: the alert says so
  watch(r);
  evaluate_due();
  rewind.keep(*this);
  return r;
}

bool Session::take_step(StepResult* out) {
  touch();
  last_good_.assign(model->param_block(), model->param_block() + model->param_count());  // capacity kept: no allocation
  const Trainer::Position pos = trainer->position();
  const Rng::State rng = model->dropout_state();
  const double engine_t0 = now_ms();
  const StepResult r = *out = trainer->step(batch, cfg);
  clock.step_times.engine_ms += now_ms() - engine_t0;
  if (!HealthWatch::blew_up(r.loss, model->step_finite())) return true;
  // Divergence: stop at once, put the last good weights back, say what happened and what helps.
  // Everything goes back to before the step but the optimizer, which starts over; the log says
  // so, and a replay does the same at the same step.
  std::copy(last_good_.begin(), last_good_.end(), model->param_block());
  const size_t bad = model->steps();
  model->set_steps(bad - 1);
  trainer->set_position(pos);
  model->set_dropout_state(rng);
  reset_optimizer_logged();
  training = false;
  replayer.halt();
  Fact f = Fact::at_step(Fact::Diverged, bad);
  f.loss = r.loss;
  f.lr = cfg.lr;
  raise(Alert::Diverged, f);
  health.diverged = true;
  grads_pending_ = false;  // the Inspect panel keeps the last good step's gradients
  return false;
}

// A good step: its points on the curves, and the health watch's verdict acted on.
void Session::watch(const StepResult& r) {
  grads_pending_ = true;
  metrics.last_loss = r.loss;
  const float s = static_cast<float>(model->steps());
  metrics.loss.add(s, r.loss);
  metrics.train_acc.add(s, static_cast<float>(r.correct) / batch);
  // Each weight tensor's gradient norm, as the update measured it on its way.
  const std::vector<float>& grad_sumsq = model->step_grad_sumsq();
  bool alive = false;
  for (size_t k = 0; k < grad_sumsq.size() && k < metrics.grad_norms.size(); ++k) {
    metrics.grad_norms[k].add(s, std::sqrt(grad_sumsq[k]));
    alive |= grad_sumsq[k] > 0;
  }
  const HealthWatch::Verdict v = health.after_step(r.loss, alive, model->steps(), model->steps() == record_.run.wfile_step + 1, model->classes(),
                                                   metrics.loss.y, !replayer.replaying(model->steps()));
  if (v == HealthWatch::Verdict::Dead) {
    training = false;
    replayer.halt();
    Fact f(Fact::Dead);
    f.loss = health.recent_loss;
    f.lr = cfg.lr;
    raise(Alert::Dead, f);
  }
  if (v == HealthWatch::Verdict::TakeCheckpoint) take_checkpoint();
}

void Session::evaluate_due() {
  const double tests_t0 = now_ms();
  // A worker leaves the quick estimate to the page (the slice ends here, the page measures these
  // weights when they arrive); at an epoch's end it measures both, in this order, itself.
  test_left_to_page_ = quick_tests_on_page && Evaluator::quick_test_due(model->steps()) && data.test.complete() && !trainer->epoch_ended();
  if (Evaluator::quick_test_due(model->steps()) && !test_left_to_page_) evaluate_test(500);
  if (trainer->epoch_ended()) evaluate_full();
  clock.step_times.tests_ms += now_ms() - tests_t0;
}

void Session::raise(Alert::Kind kind, const Fact& said) {
  health.raise(kind, said, cfg);
  say(Topic::Status, said);
}

void Session::take_checkpoint() {
  if (!model) return;
  Checkpoint& c = health.checkpoint;
  c.valid = true;
  c.step = model->steps();
  c.weights.assign(model->param_block(), model->param_block() + model->param_count());
  c.state = model->train_state_bytes();
  c.pos = trainer->position();
  c.log_len = record_.log.size();
}

bool Session::retry_from_checkpoint(float lr) {
  const Checkpoint& c = health.checkpoint;
  if (!model || !c.valid) return false;
  go_back(c.step, c.weights.data(), c.state, c.pos, c.log_len);
  cfg.lr = lr;
  Fact f = Fact::at_step(Fact::Retried, c.step);
  f.lr = lr;
  say(Topic::Status, f);
  return true;
}

bool Session::continue_from_shown() {
  if (!model || !rewind.showing() || rewind.seeking()) return false;
  // Copied out: going back ends the rewound view (and frees its model).
  Model& past = *rewind.model();
  const uint64_t k = rewind.shown_step();
  const size_t log_len = record_.length_before(k);  // the changes that acted on the steps up to k
  const std::vector<float> grads = rewind.grads();
  const std::vector<float> weights(past.param_block(), past.param_block() + past.param_count());
  const Trainer::Position pos = rewind.position();
  go_back(k, weights.data(), past.train_state_bytes(), pos, log_len);
  metrics.last_grads = grads;
  if (health.checkpoint.valid && health.checkpoint.step > k) take_checkpoint();
  say(Topic::Status, Fact::at_step(Fact::Branched, k));
  return true;
}

void Session::go_back(uint64_t k, const float* weights, const std::vector<uint8_t>& state, const Trainer::Position& pos, size_t log_len) {
  touch();
  training = false;
  replayer.stop();
  train_target = 0;
  rewind.back_to_now(*this);
  rewind.cut(k);
  std::copy(weights, weights + model->param_count(), model->param_block());
  model->load_train_state(state.data(), state.size());
  set_current_settings(record_.cut(log_len));
  record_.logged = current_settings();
  use_settings(record_.logged);
  trainer->set_position(pos);  // after the own examples joined (they restart the epoch)
  const float at = static_cast<float>(k);
  auto cut = [at](Curve& c) {
    size_t n = 0;
    while (n < c.x.size() && c.x[n] <= at) ++n;
    c.x.resize(n);
    c.y.resize(n);
  };
  cut(metrics.loss);
  cut(metrics.train_acc);
  cut(metrics.test_acc);
  for (Curve& c : metrics.grad_norms) cut(c);
  metrics.last_loss = metrics.loss.y.empty() ? 0 : metrics.loss.y.back();
  metrics.last_test_acc = metrics.test_acc.y.empty() ? -1 : metrics.test_acc.y.back();
  metrics.last_test_step = metrics.test_acc.x.empty() ? 0 : static_cast<size_t>(metrics.test_acc.x.back());
  if (metrics.full.step > k) metrics.full = {};
  health.start(metrics.last_loss);
  update_drawing();
}

void Session::warn_slow(double ms) {
  training = false;
  Fact f(Fact::Slow);
  f.ms = ms;
  f.mflops = draft.info.flops / 1e6;
  f.batch = batch;
  f.offer = HealthWatch::batch_for_fifth_second(batch, ms);
  health.raise_slow(f, f.offer);
  say(Topic::Status, f);
}

double Session::estimated_step_ms() const { return StepClock::estimate_ms(StepClock::step_flops(draft.info.flops, batch), metrics); }

void Session::evaluate_test(size_t max_examples) {
  if (!data.test.complete()) return;  // measured once the whole test set is in: figures stay comparable
  if (!trainer) return;
  const Evaluation e = trainer->evaluate(data.test, max_examples);
  Evaluator::record(&metrics, model->steps(), e.accuracy, static_cast<size_t>(e.count));
}

void Session::measure_step() {
  if (training || replayer.target > 0 || replayer.awaiting.hash || !trainer || !data.test.complete() || steps() == 0) return;
  if (has_test_figure()) return;
  if (!Evaluator::quick_fits(draft.info.flops)) return;
  evaluate_test(500);
}

void Session::evaluate_shown() {
  // While rewound, the shown step's model is measured (the run's curves stay the run's).
  if (!rewind.showing()) evaluate_full();
  else if (data.test.complete() && !rewind.seeking()) rewind.full = Evaluator::measure_full(*rewind.trainer(), data.test);
}

void Session::evaluate_full() {
  if (!data.test.complete()) return;
  if (!trainer) return;
  metrics.full = Evaluator::measure_full(*trainer, data.test);
  Evaluator::record(&metrics, model->steps(), metrics.full.accuracy, metrics.full.predictions.size());
}

// The training loop, one slice of it per frame: while the slice's time lasts, bring the settings
// up to the step (ready_to_step), take it with its watch and measurements (step_watched), time
// it (time_step); then say where training stands.
void Session::tick(double budget_ms) {
  if (!training || !trainer) { idle(); return; }
  was_training_ = true;
  // However the slice ends, the Inspect panel gets its last good step's gradients.
  struct KeepGrads {
    Session& s;
    ~KeepGrads() { s.keep_grads(); }
  } keep{*this};
  const double start = now_ms();
  clock.open_window(start);
  const bool replaying = replayer.replaying(model->steps());
  if (too_slow_to_start(replaying)) return;
  do {
    if (!ready_to_step()) { wait_for_data(replaying); return; }
    const double t0 = now_ms();
    step_watched();
    time_step(now_ms() - t0, replaying);
  } while (slice_goes_on(start, budget_ms, replaying));
  end_slice(replaying);
}

void Session::idle() {
  train_target = 0;
  if (was_training_ && trainer && health.alert.kind == Alert::None) say(Topic::Status, Fact::at_step(Fact::Paused, model->steps()));
  was_training_ = false;
  metrics.examples_per_s = 0;
  clock.close_window();
}

// A model whose step takes over a second does not start: training would crawl (and on the
// page's own thread, without a worker, no frame could be drawn meanwhile). The alert offers a
// batch that fits, or to train anyway.
bool Session::too_slow_to_start(bool replaying) {
  if (slow_ok || replaying || train_target || health.alert.kind != Alert::None) return false;
  // The step time measured, or before any step its estimate.
  const double ms = metrics.step_ms > 0 ? metrics.step_ms : estimated_step_ms();
  if (!StepClock::too_slow(ms)) return false;
  training = false;
  warn_slow(ms);
  return true;
}

// The examples the next step needs are still downloading: the step waits for them, so a replay
// gives the same weights however fast the network is.
void Session::wait_for_data(bool replaying) {
  Fact f = data.waiting(Fact::WaitingForData, model->steps());
  f.to = replaying ? replayer.target : 0;
  say(Topic::Status, f);
  clock.close_window();
}

void Session::time_step(double ms, bool replaying) {
  // A cold or interrupted step (step_clock.h) neither sets the step time nor stops training.
  const bool counts = clock.lap(ms, StepClock::step_flops(draft.info.flops, batch), &metrics);
  clock.count(static_cast<size_t>(batch));
  // Steps that take over a second (the estimate was off, or the machine is slower for a while):
  // stop after this one, saying its time (the offer is the batch of a fifth of a second at it).
  if (counts && StepClock::too_slow(metrics.step_ms) && !slow_ok && training && health.alert.kind == Alert::None && !replaying && !train_target)
    warn_slow(std::max(ms, metrics.step_ms));
}

// Until something stopped training, the worker's slice reached a test estimate it leaves to the
// page, the slice's time is up, or the replay or train(n) reached its step.
bool Session::slice_goes_on(double start, double budget_ms, bool replaying) const {
  return training && !test_left_to_page_ && now_ms() - start < budget_ms && !(replaying && model->steps() >= replayer.target) &&
         !(train_target && model->steps() >= train_target);
}

void Session::end_slice(bool replaying) {
  if (health.diverged) { train_target = 0; return; }
  if (replaying) {
    if (model->steps() >= replayer.target) {
      was_training_ = false;
      finish_replay();
    } else {
      Fact f = Fact::at_step(Fact::ReplayingStep, model->steps());
      f.to = replayer.target;
      say(Topic::Status, f);
      update_drawing();
    }
    return;
  }
  if (train_target && model->steps() >= train_target) {
    training = false;
    was_training_ = false;
    train_target = 0;
    if (health.alert.kind == Alert::None) say(Topic::Status, Fact::at_step(Fact::TrainedByApi, model->steps()));
    update_drawing();
    return;
  }
  clock.tally(now_ms(), &metrics);
  Fact f = Fact::at_step(Fact::Training, model->steps());
  f.epoch = trainer->epoch() + 1;
  f.loss = metrics.last_loss;
  f.accuracy = metrics.last_test_acc >= 0 ? metrics.last_test_acc : -1;
  f.count = metrics.last_test_count;
  f.to = metrics.last_test_step;
  say(Topic::Status, f);
  update_drawing();
}

void Session::reset_weights() {
  own.joined = own.size() > 0;
  rebuild();
}

void Session::train_with_batch(int n) {
  batch = n;
  metrics.step_ms = 0;
  dismiss_alert();
  start_training();
}

void Session::train_anyway() {
  slow_ok = true;
  dismiss_alert();
  start_training();
}

void Session::retry_and_train() {
  retry_from_checkpoint(health.alert.retry_lr);
  start_training();
}

void Session::use_fresh_settings(const TrainConfig& c, int b, const InitConfig& i) {
  cfg = c;
  batch = b;
  init = i;
  seeds = Seeds{};
  data.norm = Normalization::Centered;
  dropout = -1;
  notes.clear();
  own.joined = own.size() > 0;
}

void Session::set_normalization(Normalization n) {
  data.norm = n;
  rebuild();
}

void Session::train_steps(uint64_t n) {
  if (!trainer || n == 0) return;
  touch();
  train_target = model->steps() + n;
  training = true;
}

void Session::update_drawing() { pad.update(shown_model(), trainer ? trainer->normalization() : data.norm); }

}  // namespace dlp
