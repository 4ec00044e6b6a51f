// Everything the panels share, as parts with one job each: the data (DataFeed), the model being
// written (ModelDraft), the run and its log (RunRecord), a link's replay (Replayer), the health
// watch (HealthWatch), step timing (StepClock), rewind, own examples and the drawing pad. Session
// owns them and the training loop (tick) that coordinates them. Panels read the parts and act
// through Session's methods; only Session touches the engine's training loop.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/drawing.h"
#include "data/trainer.h"
#include "engine/model.h"
#include "engine/spec.h"
#include "session/data_feed.h"
#include "session/drawing_pad.h"
#include "session/evaluator.h"
#include "session/fact.h"
#include "session/health_watch.h"
#include "session/model_draft.h"
#include "session/own_examples.h"
#include "session/replayer.h"
#include "session/rewind.h"
#include "session/run_metrics.h"
#include "session/run_record.h"
#include "session/step_clock.h"
#include "session/training_log.h"

namespace dlp {

// What the student is told, in one place: say(topic, fact) replaces the topic's message, which
// stays until replaced or cleared; told(topic) reads it. The status line shows Status, the Data
// panel Data (a download or data problem), the own-examples tab Own. What asks the student to act
// stays apart: the health watch's alert (with its retry) and Session::notes (what a link could not
// replay). All of them are facts (fact.h); the page puts them into words (ui/words.h).
enum class Topic { Status, Data, Own };

struct Session {
  void say(Topic t, Fact f) { told_[static_cast<int>(t)] = std::move(f); }
  // Words that come as words: from the page's script, a parser below, or the page itself.
  void say(Topic t, std::string text) { say(t, Fact::from_text(std::move(text))); }
  const Fact& told(Topic t) const { return told_[static_cast<int>(t)]; }

  // Data (data_feed.h). Training starts with the first chunk, and a step that needs examples not
  // yet in waits.
  DataFeed data;

  // Model: the spec being written (model_draft.h), and the model built from its last valid one.
  ModelDraft draft;
  std::unique_ptr<Model> model;
  std::unique_ptr<Trainer> trainer;

  // Training
  TrainConfig cfg = default_preset().train;
  int batch = 32;
  InitConfig init{InitKind::He, 0.1f, 1};
  Seeds seeds;
  float dropout = -1;           // the dropout slider: every dropout layer's rate; -1: as in the spec
  bool training = false;        // read it here; Train, Pause and the alert's buttons go through the methods below
  uint64_t train_target = 0;    // train(n) from the page's API: tick trains until this step, then pauses
  // Divergence, a dead network, a slow model: the alert and the checkpoint a retry goes back to.
  HealthWatch health;
  // Back to the last healthy checkpoint with a lower learning rate (the log is cut there, so a
  // link replays the retried run); false when there is none.
  bool retry_from_checkpoint(float lr);
  // Curves, gradients, the last evaluation, step times (run_metrics.h).
  RunMetrics metrics;
  // Step times, throughput, examples per second (step_clock.h).
  StepClock clock;
  // A training worker's session (worker_channel.h): the quick test estimate (Evaluator::quick_test_due) is
  // left to the page, which measures the weights of that step when they arrive (a slice ends at
  // it), on its own thread, while this one trains on. The same points, at the same steps.
  bool quick_tests_on_page = false;
  // Before any step: how long one will take, from the FLOPs and the throughput measured so far.
  double estimated_step_ms() const;
  bool slow_ok = false;         // the student chose to train a slow model anyway

  // The student's own examples, joined to the training set with a weight (own_examples.h).
  OwnExamples own;

  // The drawing pad and what the model makes of it (drawing_pad.h); update_drawing() after a
  // stroke or a change of the model.
  DrawingPad pad;

  // Whole IDX files from dir (the CLI's data; native tests).
  bool load_data(const std::string& name, const std::string& dir);
  // Empty splits sized from the catalog, for the page to stream in. Either ends the run over the
  // old data (no model until the caller starts the next run: set_spec or rebuild).
  bool open_data(const std::string& name);
  // A chunk the page fetched and unpacked; chunks for another data set (a stream the student
  // switched away from) are ignored. False (told(Topic::Data) says why) if it does not fit.
  bool add_chunk(const std::string& name, const std::string& split, size_t index, const uint8_t* bytes, size_t n);
  // The next step needs examples that are not in yet.
  bool waiting_for_data() const { return trainer && !trainer->can_step(batch); }
  // Brings the settings up to the next step (a replay's due changes, the log) and says whether its
  // examples are in; step_once() does nothing until they are.
  bool ready_to_step();
  // Parses and checks the text for this data (shapes, the memory budget at the current batch).
  bool check_spec(const std::string& text, ModelSpec* spec, ModelInfo* info, SpecError* err) const {
    return ModelDraft::check(text, data.train.shape, data.train.classes, batch, spec, info, err);
  }
  // On success rebuilds the model (fresh weights); on failure records the error and keeps the model.
  bool set_spec(const std::string& text);
  void rebuild();
  // Sets every dropout layer's rate (weights are kept; the run's log records it at the next step).
  void set_dropout_rate(float rate);

  // The run (see RunStart) and the setting changes made since it started, in step order.
  const RunStart& run() const { return record_.run; }
  const std::vector<LogChange>& log() const { return record_.log; }
  TrainSettings current_settings() const;
  void set_current_settings(const TrainSettings& t);
  // Brings the log up to date with the current settings (done before every step and for links).
  void record_settings();
  // Replays a link's log up to `target` steps, from where the model is (tick does the steps).
  void replay(const std::vector<LogChange>& log, uint64_t target, uint64_t expect_hash = 0);
  void stop_replay();
  // The link being replayed (its log, its steps) or waiting for its weights file (replayer.h).
  Replayer replayer;
  // Loads .safetensors bytes into the model (only if they fit it) and starts a run from them.
  bool load_weights(const uint8_t* bytes, size_t n, Fact* err);
  // What the student must read about this run (what a link could not replay); shown until dismissed.
  std::vector<Fact> notes;
  // The weights now in the model came from a file: a new run continues them from this step.
  void start_from_weights();
  // A kept session: the run's start is already built; weights, training state, data position and
  // log continue it exactly. False (nothing changed) when the bytes do not fit the model.
  bool resume(const std::vector<LogChange>& log, const uint8_t* weights, size_t weights_n, const uint8_t* state,
              size_t state_n, const Trainer::Position& pos, uint64_t wfile, uint64_t wfile_step);
  // Notes on what this run's link cannot replay (own examples, weights from a file); empty if none.
  std::vector<Fact> link_caveats() const;
  // Runs training steps until budget_ms of wall time is used (the frame keeps the rest).
  void tick(double budget_ms);
  // Train and Pause (the button, the space bar): tick trains while training is on.
  void start_training() { training = true; }
  void pause() { training = false; }
  void toggle_training() { training = !training; }
  // Reset: new weights from the init and seeds; the own examples join again when there are any.
  void reset_weights();
  // The slow-model alert's ways on: train at the batch it offers (whose step time is measured
  // afresh), or train this model anyway.
  void train_with_batch(int n);
  void train_anyway();
  // The divergence or dead-network alert's way on: back to the checkpoint at the rate it offers.
  void retry_and_train();
  // A fresh page's settings (the page's Start fresh): these, default seeds, centred pixels, no
  // dropout override and no notes; the own examples stay, joined when there are any. The caller
  // sets the model next (set_spec), which starts the run.
  void use_fresh_settings(const TrainConfig& c, int b, const InitConfig& i);
  // The normalization of the pixels: a new run from new weights.
  void set_normalization(Normalization n);
  // The model's text back to the model being trained ("Keep training" after an edit).
  void keep_built_spec() { draft.keep_spec(); }
  // train(n) from the page's API: trains n more steps (in tick, here or in the worker), then pauses.
  void train_steps(uint64_t n);

  // A training worker (worker_channel.h) trains this run elsewhere and sends its state back.
  // version() changes with everything that changes the run other than the worker's own steps (a
  // new run, a replay, loaded weights, a retry, a step taken here, a dismissed alert or note): the
  // worker then starts over from the session as it is here.
  uint64_t version() const { return version_; }
  void touch() { ++version_; }
  void dismiss_alert() { health.alert = {}; touch(); }
  void dismiss_notes() { notes.clear(); touch(); }
  // The training side of the session as bytes (session_bytes.cpp): the run, the weights and
  // training state, data position, settings and log, replay, alerts, checkpoint, curves, notes
  // and status. for_worker adds the own examples (a worker has none of its own).
  std::vector<uint8_t> save_training(bool for_worker) const;
  // As a worker: builds the run's model and continues it exactly. As the page (!as_worker):
  // takes the worker's progress over its own copy of the run; the settings too when take_settings
  // (a replay changed them; the student did not meanwhile). False (and why) when it does not fit.
  bool load_training(const uint8_t* p, size_t n, bool as_worker, bool take_settings, Fact* err);
  // One training step (as Step does): the step, its watch (divergence, a dead network, curves,
  // checkpoints, the quick test estimate) and the gradients the Inspect panel shows.
  StepResult step_once();
  // The quick test estimate (Evaluator::quick_test_due says when), on up to max_examples.
  void evaluate_test(size_t max_examples);
  // One test figure per run and step: where training stopped (a pause, Step, a replay's end, the
  // test set coming in) and nothing was measured at that step, the quick estimate (500 test digits)
  // is made there, so the Train panel's line, the Compare table and a page that replays this run's
  // link all show one figure for the step, and say on how many digits. Called every frame; cheap
  // when there is nothing to do.
  void measure_step();
  bool has_test_figure() const { return Evaluator::has_figure(metrics, steps()); }  // at this step
  // The whole test set: the run's model, its accuracy a point of the test curve ...
  void evaluate_full();
  // ... or the model shown (the past one while rewound: rewind.full; the Data panel's Evaluate).
  void evaluate_shown();
  void update_drawing();
  size_t steps() const { return model ? model->steps() : 0; }

  // Rewind (rewind.h): keyframes of this run, and the model at a past step while one is shown.
  // Inspect, the drawing pad and the full test evaluation show shown_model(): the past model
  // while rewound, else the run's own.
  Rewind rewind;
  Model* shown_model() { return rewind.showing() ? rewind.model() : model.get(); }
  const std::vector<float>& shown_grads() const { return rewind.showing() ? rewind.grads() : metrics.last_grads; }
  const FullTest& shown_full() const { return rewind.showing() ? rewind.full : metrics.full; }
  // "Continue from here": the run goes back to the shown step and goes on from there (its log
  // and curves after it are dropped; pin the run first to keep them). False when not rewound.
  bool continue_from_shown();

 private:
  Fact told_[3] = {Fact(Fact::Ready), Fact(), Fact()};
  uint64_t version_ = 0;
  void use_new_data();  // new data: a new run
  void apply_due_changes();       // a replayed link's changes due at this step
  void use_settings(const TrainSettings& t);  // own examples, as the step needs them
  RunRecord record_;
  void finish_replay();
  void begin_run(uint64_t wfile);   // see session.cpp
  // The run back at step k, from its state then: later changes leave the log, later points the
  // curves (a retry from the checkpoint, a branch from a rewound step).
  void go_back(uint64_t k, const float* weights, const std::vector<uint8_t>& state, const Trainer::Position& pos, size_t log_len);
  void reset_optimizer_logged();  // the optimizer starts over at this step, and the log says so
  uint32_t trainer_own_ = 0;      // the own fingerprint the trainer holds (0: none)
  std::vector<float> last_good_;  // the weights before the current step, restored on divergence
  // A step and its watch, without copying the gradients out for the Inspect panel: tick copies
  // them once after its slice of steps (a copy per step cost 2% of an MLP's step).
  StepResult step_watched();
  bool take_step(StepResult* r);  // false: it blew up, and was undone
  void watch(const StepResult& r);
  void evaluate_due();            // the test estimate and the epoch's evaluation due at this step
  // tick's parts: not training; a model too slow to start; waiting for examples; a step's time;
  // whether the slice goes on; what is said when it ends.
  void idle();
  bool too_slow_to_start(bool replaying);
  void wait_for_data(bool replaying);
  void time_step(double ms, bool replaying);
  bool slice_goes_on(double start, double budget_ms, bool replaying) const;
  void end_slice(bool replaying);
  void keep_grads();
  bool grads_pending_ = false;  // grad_block holds a good step's gradients not yet kept
  void take_checkpoint();
  bool test_left_to_page_ = false;  // the last step's quick estimate is the page's (quick_tests_on_page)
  void raise(Alert::Kind kind, const Fact& said);  // the alert, and the status line says it
  void warn_slow(double ms);
  bool was_training_ = false;
};

double now_ms();

}  // namespace dlp
